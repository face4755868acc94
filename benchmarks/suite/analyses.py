"""Analyses (reports addon): each pivot view's grouped reads as the web
client makes them (`read_group` of the whole, the rows, the columns and
the cells, lazy=False), as a manager and, for the analyses the rep's
dashboard reads (plan completion, lead conversion, pool and dormancy) and
the contracted demand, as a rep. The floor: one hand-written GROUP BY over the
report's view, the rep's visibility written out as SQL (Odoo's rule on
leads for reps: own, their team's as leader, unassigned outside pools or in
their pools; targets: own and led; pool rows: of readable leads, ownership
changes and revivals; demand: own or unassigned order lines, own or own
customers' contracts), with PostgreSQL's JIT off as the analyses run. Also the demand
analysis's store job and an XLSX export of 10,000 rows."""
import io
import zipfile
from datetime import date

import xlsxwriter

from odoo.tools import SQL

# (case, model, row groupby, column groupby, measures summed)
PIVOTS = [
    ("lead-conversion analysis", "si.lead.analysis", "team_id",
     "create_date:quarter", ["received_count", "conversion_base_count",
                             "won_count", "cycle_days", "won_revenue"]),
    ("conversion funnel", "si.lead.analysis", "stage_id", "team_id",
     ["received_count", "open_count", "won_count", "lost_count"]),
    ("plan completion analysis", "si.plan.completion.analysis", "team_id",
     "date_month:quarter", ["target_amount", "actual_amount", "last_year_amount",
                            "budget_amount", "expense_amount"]),
    ("pool and dormancy analysis", "si.pool.analysis", "pool_id", "date:month",
     ["recycled_count", "released_count", "claimed_count", "pool_assigned_count"]),
    ("renewal analysis", "si.renewal.analysis", "date_end:month", "renewal_state",
     ["expiring_count", "value_at_risk"]),
    ("demand analysis", "si.demand.analysis", "product_id", "date:month",
     ["product_qty", "qty_delivered", "qty_to_deliver"]),
]
# rates the pivots show beside the sums (computed from them by the report)
RATIOS = {"si.lead.analysis": ["conversion_rate", "avg_cycle_days"],
          "si.plan.completion.analysis": ["completion_rate", "growth_rate"],
          "si.renewal.analysis": ["renewal_rate"]}


def _key(model, groupby, group):
    name = groupby.split(":")[0]
    value = group.get(groupby)
    if value in (None, False):
        return None
    if model._fields[name].type in ("date", "datetime"):
        return group["__range"][groupby]["from"][:10]
    return value[0] if isinstance(value, tuple) else value


def _pivot(model, row, col, measures):
    """The pivot view's reads; returns {(row, col): (count, sums)}."""
    fields_ = measures + [r for r in RATIOS.get(model._name, [])
                          if r in model._fields]
    for groupby in ([], [row], [col]):
        model.read_group([], fields_, groupby, lazy=False)
    cells = model.read_group([], fields_, [row, col], lazy=False)
    return {(_key(model, row, g), _key(model, col, g)): (
        g["__count"], tuple(float(g[m] or 0) for m in measures)) for g in cells}


def _expr(model, groupby):
    name, _sep, interval = groupby.partition(":")
    column = SQL.identifier("v", name)
    if interval:
        return SQL("to_char(date_trunc(%s, %s), 'YYYY-MM-DD')", interval, column)
    return column


def _rep_leads(env, user):
    """SQL of the ids of the leads `user` (a rep) may read."""
    return SQL("""
        SELECT l.id FROM crm_lead l
          LEFT JOIN crm_team t ON t.id = l.team_id
          LEFT JOIN si_lead_pool p ON p.id = l.pool_id
         WHERE (l.company_id IS NULL OR l.company_id = ANY(%(companies)s))
           AND (l.user_id = %(uid)s OR t.user_id = %(uid)s
                OR (l.user_id IS NULL
                    AND (l.pool_id IS NULL
                         OR (l.pool_id = ANY(%(pools)s)
                             AND (l.previous_user_id IS DISTINCT FROM %(uid)s
                                  OR p.previous_owner_visible)))))
    """, uid=user.id, companies=user.company_ids.ids, pools=user.si_pool_ids.ids or [0])


def _rep_demand(env, user):
    """SQL of the demand rows `user` (a rep) may read: own or unassigned
    order lines, contracts of which the rep is the salesperson or the
    customer's."""
    return SQL("""
        (v.company_id IS NULL OR v.company_id = ANY(%(companies)s))
        AND ((v.sale_line_id IS NOT NULL
              AND (v.user_id = %(uid)s OR v.user_id IS NULL))
             OR (v.contract_line_id IS NOT NULL
                 AND (v.user_id = %(uid)s OR v.customer_user_id = %(uid)s)))
    """, uid=user.id, companies=user.company_ids.ids)


def _rep_completion(env, user):
    """SQL of the plan completion rows `user` (a rep) may read: team targets
    of the teams the rep leads, own rep targets and those of the rep's
    teams as leader."""
    return SQL("""
        v.company_id = ANY(%(companies)s)
        AND (v.target_line_id IS NULL OR v.target_line_id IN (
             SELECT tl.id FROM si_target_line tl JOIN crm_team t ON t.id = tl.team_id
              WHERE tl.company_id = ANY(%(companies)s) AND t.user_id = %(uid)s))
        AND (v.rep_line_id IS NULL OR v.rep_line_id IN (
             SELECT rl.id FROM si_target_rep_line rl
              WHERE rl.company_id = ANY(%(companies)s)
                AND (rl.user_id = %(uid)s OR rl.team_leader_id = %(uid)s)))
    """, uid=user.id, companies=user.company_ids.ids)


def _rep_pool_rows(env, user):
    """SQL of the pool and dormancy rows `user` (a rep) may read: rows of the
    leads the rep may read, and of the ownership changes and revivals the
    rep may read (own, of own leads; revivals of unassigned leads outside
    pools or in the rep's pools)."""
    return SQL("""
        (v.company_id IS NULL OR v.company_id = ANY(%(companies)s))
        AND v.lead_id IN (%(leads)s)
        AND (v.assignment_id IS NULL OR v.assignment_id IN (
             SELECT a.id FROM si_lead_assignment a JOIN crm_lead l ON l.id = a.lead_id
              WHERE (a.company_id IS NULL OR a.company_id = ANY(%(companies)s))
                AND (a.user_id = %(uid)s OR a.previous_user_id = %(uid)s
                     OR l.user_id = %(uid)s)))
        AND (v.followup_id IS NULL OR v.followup_id IN (
             SELECT f.id FROM si_lead_followup f JOIN crm_lead l ON l.id = f.lead_id
              WHERE (f.company_id IS NULL OR f.company_id = ANY(%(companies)s))
                AND (f.user_id = %(uid)s OR f.lead_user_id = %(uid)s
                     OR (f.lead_user_id IS NULL
                         AND (l.pool_id IS NULL OR l.pool_id = ANY(%(pools)s))))))
    """, uid=user.id, companies=user.company_ids.ids, leads=_rep_leads(env, user),
               pools=user.si_pool_ids.ids or [0])


# the rep's rows of each analysis measured for a rep, written out as SQL
REP_ROWS = {
    "si.lead.analysis": lambda env, user: SQL("v.lead_id IN (%s)",
                                              _rep_leads(env, user)),
    "si.plan.completion.analysis": _rep_completion,
    "si.pool.analysis": _rep_pool_rows,
    "si.demand.analysis": _rep_demand,
}


def _floor(env, model, row, col, measures, user=None):
    env.cr.execute(SQL("SET LOCAL jit = off"))
    where = SQL("TRUE")
    if user is not None:
        where = REP_ROWS[model._name](env, user)
    env.cr.execute(SQL(
        "SELECT %s, %s, count(*), %s FROM %s v WHERE %s GROUP BY 1, 2",
        _expr(model, row), _expr(model, col),
        SQL(", ").join(SQL("COALESCE(sum(%s), 0)", SQL.identifier("v", m))
                       for m in measures),
        SQL.identifier(model._table), where))
    return {(r[0], r[1]): (r[2], tuple(float(v) for v in r[3:]))
            for r in env.cr.fetchall()}


def busiest_rep(env):
    env.cr.execute(SQL("""
        SELECT l.user_id FROM crm_lead l JOIN res_users u ON u.id = l.user_id
         WHERE u.login LIKE %s GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
    """, "bench_rep%"))
    row = env.cr.fetchone()
    return env["res.users"].browse(row[0]) if row else None


# the rows an analysis shows its rep: the rep with most of them is measured
# (the busiest rep by leads may have no target or pool event)
REP_OWN_ROWS = {
    "si.plan.completion.analysis": ("SELECT v.user_id FROM si_plan_completion_analysis"
                                    " v WHERE v.level = 'rep'"),
    "si.pool.analysis": "SELECT l.user_id FROM si_pool_analysis v "
                        "JOIN crm_lead l ON l.id = v.lead_id",
}


def rep_with_most_rows(env, model_name, default):
    """The rep (own documents only, no invoicing rights: the rules the
    floors write out) with most rows of `model_name` that are theirs, else
    `default`."""
    if model_name not in REP_OWN_ROWS:
        return default
    wider = [env.ref(xmlid).id for xmlid in (
        "sales_team.group_sale_salesman_all_leads", "account.group_account_invoice")]
    env.cr.execute(SQL("""
        SELECT r.user_id FROM (%s) r
         WHERE r.user_id IN (SELECT uid FROM res_groups_users_rel WHERE gid = %s)
           AND r.user_id NOT IN (SELECT uid FROM res_groups_users_rel
                                  WHERE gid = ANY(%s))
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
    """, SQL(REP_OWN_ROWS[model_name]), env.ref("sales_team.group_sale_salesman").id,
        wider))
    row = env.cr.fetchone()
    return env["res.users"].browse(row[0]) if row else default


def analyses(bench):
    env = bench.env
    manager = env.ref("base.user_admin")
    busiest = busiest_rep(env)
    for label, model_name, row, col, measures in PIVOTS:
        if model_name not in env:
            continue
        model = env[model_name]
        runs = [("manager", manager, None)]
        rep = rep_with_most_rows(env, model_name, busiest)
        if model_name in REP_ROWS and rep:
            runs.append(("rep", rep, rep))
        for role, user, rule_user in runs:
            def product(user=user):
                cells = _pivot(model.with_user(user), row, col, measures)
                return sum(count for count, _sums in cells.values()), cells

            def floor(rule_user=rule_user):
                return _floor(env, model, row, col, measures, rule_user)

            with bench.savepoint():
                bench.measure("%s, as %s (rows: read)" % (label, role), product, floor)


def _store_state(cr):
    cr.execute(SQL("SELECT count(*), COALESCE(sum(product_qty), 0), "
                   "COALESCE(sum(qty_delivered), 0) FROM si_demand_analysis_store"))
    return tuple(float(v) for v in cr.fetchone())


def demand_store(bench):
    """The demand analysis's store: built from nothing, then 10,000 order
    lines changed (a delivery each) taken in, then a run with nothing to do.
    Floors: the rows computed into a table by one statement; the changed
    lines' rows replaced by two."""
    env, cr = bench.env, bench.cr
    if "si.demand.analysis" not in env:
        return
    Demand = env["si.demand.analysis"]
    store = SQL.identifier("si_demand_analysis_store")

    def build():
        Demand._reset_store()
        built, _taken = Demand._refresh_store()
        return built, _store_state(cr)

    def build_floor():
        cr.execute(SQL("DELETE FROM %s", store))
        cr.execute(SQL("INSERT INTO %s SELECT * FROM (%s) r", store,
                       Demand._live_sql(None)))
        return _store_state(cr)

    def change():
        cr.execute(SQL("""
            UPDATE sale_order_line SET qty_delivered = qty_delivered + 1
             WHERE id IN (SELECT id FROM sale_order_line ORDER BY id DESC LIMIT 10000)
         RETURNING id"""))
        return [row[0] for row in cr.fetchall()]

    def take_in():
        _built, taken = Demand._refresh_store()
        return taken, _store_state(cr)

    def take_in_floor():
        cr.execute(SQL("DELETE FROM %s WHERE sale_line_id = ANY(%s)", store, changed))
        cr.execute(SQL("INSERT INTO %s %s", store, Demand._live_sql(
            {"sale": SQL("sol.id = ANY(%s)", changed)})))
        cr.execute(SQL("DELETE FROM si_demand_analysis_queue"))
        return _store_state(cr)

    with bench.savepoint():
        bench.measure("demand analysis store: build", build, build_floor)
        changed = change()
        bench.measure("demand analysis store: 10,000 changed lines", take_in,
                      take_in_floor)
        bench.measure("demand analysis store: re-run", take_in,
                      lambda: _store_state(cr))


def _sheet_size(content):
    """(rows, cells) of the first sheet of an XLSX file."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    return xml.count(b"<row "), xml.count(b"<c ")


def xlsx_export(bench):
    """The renewal pipeline's XLSX export of 10,000 contracts as a manager
    (one row per contract: names, labels, dates, amounts, totals). Floor:
    the same cells from one SQL query written by xlsxwriter."""
    env, cr = bench.env, bench.cr
    report = "report.sales_intelligence_reports.contract_renewal_xlsx"
    if report not in env:
        return
    manager = env.ref("base.user_admin")
    ids = env["contract.contract"].search([("contract_type", "=", "sale")],
                                          limit=10000).ids

    def product():
        content, _format = env[report].with_user(manager).create_xlsx_report(ids, {})
        return len(ids), _sheet_size(content)

    def floor():
        cr.execute(SQL("""
            SELECT c.name, p.complete_name, t.name->>'en_US', up.name,
                   c.renewal_state, c.date_end, c.date_end - current_date,
                   c.contract_value, l.name
              FROM contract_contract c
              JOIN res_partner p ON p.id = c.partner_id
         LEFT JOIN crm_team t ON t.id = c.team_id
         LEFT JOIN res_users u ON u.id = c.user_id
         LEFT JOIN res_partner up ON up.id = u.partner_id
         LEFT JOIN crm_lead l ON l.id = c.renewal_lead_id
             WHERE c.id = ANY(%s) ORDER BY c.date_end, c.id""", ids))
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet("Renewals")
        cell = workbook.add_format({"num_format": "#,##0.00"})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write(0, 0, "Renewal pipeline")
        rows = cr.fetchall()
        for index in range(9):
            sheet.write(2, index, "column %d" % index)
        for row_index, row in enumerate(rows, start=3):
            for index, value in enumerate(row):
                if value is None:
                    sheet.write_blank(row_index, index, None, cell)
                elif isinstance(value, date):
                    sheet.write_datetime(row_index, index, value, day)
                elif isinstance(value, (int, float)):
                    sheet.write_number(row_index, index, value, cell)
                else:
                    sheet.write_string(row_index, index, str(value), cell)
        total = len(rows) + 3
        sheet.write(total, 0, "Total")
        for index in range(1, 9):
            sheet.write_blank(total, index, None, cell)
        workbook.close()
        return _sheet_size(buffer.getvalue())

    with bench.savepoint():
        bench.measure("XLSX export, 10,000 contracts (rows: contracts)",
                      product, floor)


CASES = [analyses, demand_store, xlsx_export]
