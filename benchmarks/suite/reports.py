"""Reports addon: the digest's sales KPIs of the last 30 days as a manager
reads them in the digest mail, and the evaluation of every rep over last
month (figures, scores, factors; the plans' completion refreshed first)."""
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

KPIS = ["kpi_si_plan_completion_value", "kpi_si_conversion_value",
        "kpi_si_dormant_value", "kpi_si_anomaly_value",
        "kpi_si_pool_recycled_value", "kpi_si_pool_claimed_value",
        "kpi_si_renewal_due_value"]
NOTICE_DAYS, HORIZON_DAYS = 60, 30

_KPI_FLOOR = """
    WITH teams AS (
        SELECT t.id FROM crm_team t
         WHERE (t.company_id = %(company)s OR t.company_id IS NULL) AND t.active
           AND (t.user_id = %(uid)s OR EXISTS (
                SELECT 1 FROM crm_team_member m WHERE m.crm_team_id = t.id
                   AND m.user_id = %(uid)s AND m.active))
    ), sc AS (SELECT NOT EXISTS (SELECT 1 FROM teams) AS every),
    team_lines AS (
        SELECT t.actual_amount, t.amount FROM si_target_line t
          JOIN si_target_plan p ON p.id = t.plan_id AND p.state = 'confirmed'
         WHERE t.company_id = %(company)s AND t.date_month >= %(first)s
           AND t.date_month <= %(last)s
           AND ((SELECT every FROM sc) OR t.team_id IN (SELECT id FROM teams))
    ), rep_lines AS (
        SELECT r.actual_amount, r.amount FROM si_target_rep_line r
          JOIN si_target_plan p ON p.id = r.plan_id AND p.state = 'confirmed'
         WHERE r.company_id = %(company)s AND r.date_month >= %(first)s
           AND r.date_month <= %(last)s AND NOT EXISTS (SELECT 1 FROM team_lines)
           AND ((SELECT every FROM sc) OR r.team_id IN (SELECT id FROM teams))
    ), targets AS (
        SELECT sum(actual_amount) AS actual, sum(amount) AS target
          FROM (SELECT * FROM team_lines UNION ALL SELECT * FROM rep_lines) x
    ), conversion AS (
        SELECT sum(CASE WHEN l.active AND s.is_won THEN 1 ELSE 0 END) AS won,
               sum(CASE WHEN l.rejected AND c.si_conversion_excludes_rejected
                        THEN 0 ELSE 1 END) AS base
          FROM crm_lead l LEFT JOIN crm_stage s ON s.id = l.stage_id
          JOIN res_company c ON c.id = l.company_id
         WHERE l.company_id = %(company)s
           AND l.create_date >= %(start)s AND l.create_date < %(end)s
           AND ((SELECT every FROM sc) OR l.team_id IN (SELECT id FROM teams))
    )
    SELECT (SELECT CASE WHEN target > 0
                        THEN round((100.0 * actual / target)::numeric, 1)
                   ELSE 0 END FROM targets),
           (SELECT CASE WHEN base > 0 THEN round(100.0 * won / base, 1) ELSE 0 END
              FROM conversion),
           (SELECT count(*) FROM crm_lead l
             WHERE l.active AND l.company_id = %(company)s AND l.is_dormant
               AND ((SELECT every FROM sc) OR l.team_id IN (SELECT id FROM teams))),
           (SELECT count(*) FROM si_anomaly a
             WHERE a.company_id = %(company)s
               AND a.create_date >= %(start)s AND a.create_date < %(end)s
               AND ((SELECT every FROM sc) OR a.team_id IN (SELECT id FROM teams))),
           (SELECT count(*) FILTER (WHERE h.kind = 'recycle') FROM si_lead_assignment h
              JOIN crm_lead l ON l.id = h.lead_id
             WHERE h.company_id = %(company)s
               AND h.date >= %(start)s AND h.date < %(end)s
               AND ((SELECT every FROM sc) OR l.team_id IN (SELECT id FROM teams))),
           (SELECT count(*) FILTER (WHERE h.kind = 'claim') FROM si_lead_assignment h
              JOIN crm_lead l ON l.id = h.lead_id
             WHERE h.company_id = %(company)s
               AND h.date >= %(start)s AND h.date < %(end)s
               AND ((SELECT every FROM sc) OR l.team_id IN (SELECT id FROM teams))),
           (SELECT count(*) FROM contract_contract a
              LEFT JOIN contract_template tpl ON tpl.id = a.contract_template_id
              LEFT JOIN crm_team t ON t.id = a.team_id
             WHERE a.active AND a.company_id = %(company)s AND a.contract_type = 'sale'
               AND a.date_end >= %(day)s AND a.renewal_state IS DISTINCT FROM 'lost'
               AND a.renewed_by_id IS NULL
               AND ((SELECT every FROM sc) OR a.team_id IN (SELECT id FROM teams))
               AND a.date_end - COALESCE(NULLIF(a.renewal_notice_days, 0),
                       NULLIF(tpl.renewal_notice_days, 0), t.renewal_notice_days,
                       %(notice)s) BETWEEN %(day)s AND %(until)s)
"""


def digest_kpis(bench):
    env = bench.env
    manager = env.ref("base.user_admin")
    digest = env.ref("digest.digest_digest_default")
    end = datetime.utcnow().replace(microsecond=0)
    start = end - relativedelta(months=1)
    company = digest.company_id or env.company

    def product():
        record = digest.with_user(manager).with_company(company).with_context(
            start_datetime=start, end_datetime=end)
        record.invalidate_recordset(KPIS)
        values = tuple(float(record[name]) for name in KPIS)
        return len(KPIS), values

    def floor():
        env.cr.execute(SQL(
            _KPI_FLOOR, company=company.id, uid=manager.id, start=start, end=end,
            first=start.date().replace(day=1), last=end.date(), day=end.date(),
            until=end.date() + timedelta(days=HORIZON_DAYS), notice=NOTICE_DAYS))
        return tuple(float(v or 0) for v in env.cr.fetchone())

    with bench.savepoint():
        bench.measure("digest KPIs, last 30 days, as manager", product, floor)


def _evaluation_figures(cr, ids):
    cr.execute(SQL("""
        SELECT r.user_id, e.received_count, e.won_count, e.open_lead_count,
               e.dormant_count
          FROM si_rep_evaluation e JOIN si_rep r ON r.id = e.rep_id
         WHERE e.id = ANY(%s)
    """, ids))
    return {row[0]: tuple(row[1:]) for row in cr.fetchall()}


def evaluation(bench):
    """The floor computes the figures the evaluation keeps of each rep
    (received, won, open and dormant leads) in one statement; it writes
    nothing (scores, bands and factors have no SQL floor)."""
    env, cr = bench.env, bench.cr
    Evaluation = env["si.rep.evaluation"].with_user(env.ref("base.user_admin"))
    reps = env["si.rep"].search([("user_id.login", "like", "bench_rep")])
    date_to = date.today().replace(day=1) - timedelta(days=1)
    date_from = date_to.replace(day=1)

    def product():
        evaluations = Evaluation._evaluate(reps, date_from, date_to)
        env.flush_all()
        return len(evaluations), _evaluation_figures(cr, evaluations.ids)

    def floor():
        params = dict(start=date_from, end=date_to + timedelta(days=1),
                      company=env.company.id, users=reps.user_id.ids)
        cr.execute(SQL("""
            SELECT u.id,
                   count(l.id) FILTER (WHERE l.create_date >= %(start)s
                                         AND l.create_date < %(end)s),
                   count(l.id) FILTER (WHERE l.create_date >= %(start)s
                                         AND l.create_date < %(end)s
                                         AND l.active AND s.is_won),
                   count(l.id) FILTER (WHERE l.active
                                         AND NOT COALESCE(s.is_won, false)),
                   count(l.id) FILTER (WHERE l.active AND l.is_dormant
                                         AND NOT COALESCE(s.is_won, false))
              FROM res_users u
              LEFT JOIN crm_lead l ON l.user_id = u.id AND l.company_id = %(company)s
              LEFT JOIN crm_stage s ON s.id = l.stage_id
             WHERE u.id = ANY(%(users)s)
          GROUP BY u.id
        """, **params))
        return {row[0]: tuple(row[1:]) for row in cr.fetchall()}

    with bench.savepoint():
        bench.measure("rep evaluation, last month (rows: reps)", product, floor)


CASES = [digest_kpis, evaluation]
