"""Sales targets: the decomposition of this year's plan to month x industry x
team and then to every rep, and the completion of the plan over all
confirmed orders (the nightly refresh), first run and re-run."""
from datetime import date

from odoo.exceptions import UserError
from odoo.tools import SQL


def _decompose(env, plan):
    """Both levels, by last year's shares (equal shares without results)."""
    try:
        with env.cr.savepoint():
            wizard = env["si.target.decompose.wizard"].create({"plan_id": plan.id})
            wizard.action_compute_shares()
    except UserError:
        wizard = env["si.target.decompose.wizard"].create({
            "plan_id": plan.id, "month_method": "equal",
            "industry_method": "none", "team_method": "equal"})
        wizard.action_compute_shares()
    wizard.action_apply()
    env["si.target.rep.wizard"].create(
        {"plan_id": plan.id, "method": "history"}).action_apply()


def _lines(cr, plan_id):
    cr.execute(SQL("SELECT date_month, team_id, industry_id, round(amount, 2) "
                   "FROM si_target_line WHERE plan_id = %s", plan_id))
    team = sorted(cr.fetchall(), key=repr)
    cr.execute(SQL("SELECT date_month, team_id, user_id, round(amount, 2) "
                   "FROM si_target_rep_line WHERE plan_id = %s", plan_id))
    reps = sorted(cr.fetchall(), key=repr)
    cr.execute(SQL("SELECT level, date_month, team_id, user_id, category_id, "
                   "round(amount, 2) FROM si_target_budget_cell WHERE plan_id = %s",
                   plan_id))
    return team, reps, sorted(cr.fetchall(), key=repr)


def _insert_lines(env, plan, lines):
    """The floor of the decomposition: the lines and expense budget cells it
    decided, three INSERTs."""
    team, reps, cells = lines
    cr = env.cr
    common = SQL("%s, %s, %s, now() at time zone 'UTC', %s, "
                 "now() at time zone 'UTC'", plan.id, plan.company_id.id,
                 env.uid, env.uid)
    cr.execute(SQL("""
        INSERT INTO si_target_line (date_month, team_id, industry_id, amount,
               plan_id, company_id, create_uid, create_date, write_uid, write_date)
        SELECT unnest(%s::date[]), unnest(%s::int[]), unnest(%s::int[]),
               unnest(%s::numeric[]), %s
    """, [r[0] for r in team], [r[1] for r in team], [r[2] for r in team],
        [r[3] for r in team], common))
    cr.execute(SQL("""
        INSERT INTO si_target_rep_line (date_month, team_id, user_id, amount,
               team_leader_id, is_manual, plan_id, company_id,
               create_uid, create_date, write_uid, write_date)
        SELECT d, t, u, a, (SELECT user_id FROM crm_team WHERE id = t), false, %s
          FROM unnest(%s::date[], %s::int[], %s::int[], %s::numeric[]) x(d, t, u, a)
    """, common, [r[0] for r in reps], [r[1] for r in reps], [r[2] for r in reps],
        [r[3] for r in reps]))
    cr.execute(SQL("""
        INSERT INTO si_target_budget_cell (level, date_month, team_id, user_id,
               category_id, amount, rep_line_id, expense_amount, is_manual,
               plan_id, company_id, create_uid, create_date, write_uid, write_date)
        SELECT v.l, v.d, v.t, v.u, v.c, v.a, r.id, 0, false, %s
          FROM unnest(%s::varchar[], %s::date[], %s::int[], %s::int[], %s::int[],
                      %s::numeric[]) v(l, d, t, u, c, a)
     LEFT JOIN si_target_rep_line r ON v.l = 'rep' AND r.plan_id = %s
           AND r.date_month = v.d AND r.team_id = v.t AND r.user_id = v.u
    """, common, *([r[i] for r in cells] for i in range(6)), plan.id))
    return _lines(cr, plan.id)


def _actuals(cr, plan_id):
    cr.execute(SQL("""
        SELECT (SELECT round(COALESCE(sum(actual_amount), 0), 0)
                  FROM si_target_line WHERE plan_id = %(plan)s),
               (SELECT round(COALESCE(sum(last_year_amount), 0), 0)
                  FROM si_target_line WHERE plan_id = %(plan)s),
               (SELECT round(COALESCE(sum(actual_amount), 0), 0)
                  FROM si_target_rep_line WHERE plan_id = %(plan)s),
               (SELECT round(COALESCE(sum(last_year_amount), 0), 0)
                  FROM si_target_rep_line WHERE plan_id = %(plan)s)
    """, plan=plan_id))
    return tuple(float(v) for v in cr.fetchone())


def _completion_floor(env, plan):
    """This year's and last year's confirmed orders of each line's cell, two
    grouped UPDATEs (one currency: no conversion)."""
    cr = env.cr
    orders = SQL("""
        SELECT date_trunc('month', so.date_order)::date AS month,
               so.team_id, cp.industry_id, so.user_id, so.amount_untaxed AS amount
          FROM sale_order so
          JOIN res_partner p ON p.id = so.partner_id
          JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE so.state = 'sale' AND so.company_id = %s
           AND so.date_order >= %s AND so.date_order < %s
    """, plan.company_id.id, date(plan.year - 1, 1, 1), date(plan.year + 1, 1, 1))
    cr.execute(SQL("""
        WITH o AS (SELECT month, team_id, COALESCE(industry_id, 0) AS industry,
                          sum(amount) AS amount
                     FROM (%(orders)s) x GROUP BY 1, 2, 3)
        UPDATE si_target_line t
           SET actual_amount = COALESCE(a.amount, 0),
               last_year_amount = COALESCE(b.amount, 0)
          FROM si_target_line r
          LEFT JOIN o a ON a.month = r.date_month AND a.team_id = r.team_id
                       AND a.industry = COALESCE(r.industry_id, 0)
          LEFT JOIN o b ON b.month = (r.date_month - interval '1 year')::date
                       AND b.team_id = r.team_id
                       AND b.industry = COALESCE(r.industry_id, 0)
         WHERE t.id = r.id AND r.plan_id = %(plan)s
    """, orders=orders, plan=plan.id))
    cr.execute(SQL("""
        WITH o AS (SELECT month, user_id, sum(amount) AS amount FROM (%(orders)s) x
                GROUP BY 1, 2)
        UPDATE si_target_rep_line t
           SET actual_amount = COALESCE(a.amount, 0),
               last_year_amount = COALESCE(b.amount, 0)
          FROM si_target_rep_line r
          LEFT JOIN o a ON a.month = r.date_month AND a.user_id = r.user_id
          LEFT JOIN o b ON b.month = (r.date_month - interval '1 year')::date
                       AND b.user_id = r.user_id
         WHERE t.id = r.id AND r.plan_id = %(plan)s
    """, orders=orders, plan=plan.id))
    return _actuals(cr, plan.id)


def targets(bench):
    env, cr = bench.env, bench.cr
    year = date.today().year
    with bench.savepoint():
        plans = env["si.target.plan"].search([("year", "=", year)])
        plans.write({"state": "draft"})
        plans.unlink()
        plan = env["si.target.plan"].create({
            "name": "Benchmark %d" % year, "year": year,
            "amount_total": 500000000.0, "basis": "sale"})

        def decomposition():
            _decompose(env, plan)
            env.flush_all()
            lines = _lines(cr, plan.id)
            return sum(len(rows) for rows in lines), lines

        bench.measure("target decomposition, both levels (rows: targets and "
                      "budget cells)", decomposition,
                      lambda lines: _insert_lines(env, plan, lines),
                      floor_first=False)
        _decompose(env, plan)
        cr.execute(SQL("SELECT count(*) FROM sale_order WHERE state = 'sale'"))
        n_orders = cr.fetchone()[0]

        def completion():
            plan._refresh_actuals()
            env.flush_all()
            return n_orders, _actuals(cr, plan.id)

        def floor():
            return _completion_floor(env, plan)

        bench.measure("completion over all orders (rows: orders)", completion, floor)
        bench.measure("completion, re-run", completion, floor)


CASES = [targets]
