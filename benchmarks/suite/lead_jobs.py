"""Lead jobs: dormant-lead detection and the anomaly scan, each first run
and re-run, the search of the leads without follow-up, and the first pages
of the leads' list and pipeline."""
from odoo.tools import SQL

FOLLOWUP_TYPE = "sales_intelligence.mail_activity_type_followup"


def followup_days(bench):
    """The leads 30 days or more without follow-up (the leads' search
    filter), as a manager: the days are computed from the dates, not stored,
    so no nightly job rewrites them."""
    env, cr = bench.env, bench.cr
    Lead = env["crm.lead"].with_user(env.ref("base.user_admin"))
    # the day is the user's: the time zone of the context, else the user's
    tz = Lead.env.context.get("tz") or Lead.env.user.tz or "UTC"

    def product():
        count = Lead.search_count([("days_since_followup", ">=", 30)])
        return count, count

    def floor():
        cr.execute(SQL("""
            SELECT count(*) FROM crm_lead
             WHERE active AND (COALESCE(last_followup_date, create_date)
                    AT TIME ZONE 'UTC' AT TIME ZONE %s)::date
                   <= (now() AT TIME ZONE %s)::date - 30
        """, tz, tz))
        return cr.fetchone()[0]

    bench.measure("leads 30 days without follow-up (search)", product, floor)


def first_pages(bench):
    """The first page of all opportunities (80, the list) and of each stage
    (40, the pipeline's columns) in Odoo's order, as a manager. Floor: the
    same pages by SQL."""
    env, cr = bench.env, bench.cr
    Lead = env["crm.lead"].with_user(env.ref("base.user_admin"))
    opportunities = [("type", "=", "opportunity")]
    stages = env["crm.stage"].search([]).ids
    total = Lead.search_count(opportunities)

    def product():
        pages = [Lead.search(opportunities, limit=80).ids] + [
            Lead.search(opportunities + [("stage_id", "=", stage)], limit=40).ids
            for stage in stages]
        return total, pages

    def floor():
        pages = []
        for stage, limit in [(None, 80)] + [(stage, 40) for stage in stages]:
            cr.execute(SQL("""
                SELECT id FROM crm_lead
                 WHERE active AND type = 'opportunity' AND %s
              ORDER BY priority DESC, id DESC LIMIT %s
            """, SQL("stage_id = %s", stage) if stage else SQL("TRUE"), limit))
            pages.append([row[0] for row in cr.fetchall()])
        return pages

    bench.measure("leads' first pages, list and pipeline, as manager (rows: "
                  "opportunities)", product, floor)


# --- dormant leads -------------------------------------------------------------
def _dormant_state(env):
    """Dormant leads (count, sum of ids, sum of rule ids) and the automated
    follow-up to-dos on them."""
    cr = env.cr
    cr.execute(SQL("""
        SELECT count(*), COALESCE(sum(l.id), 0), COALESCE(sum(l.dormant_rule_id), 0),
               (SELECT count(*) FROM mail_activity a
                  JOIN crm_lead d ON d.id = a.res_id AND d.is_dormant
                 WHERE a.res_model = 'crm.lead' AND a.automated
                   AND a.activity_type_id = %s AND a.date_deadline = current_date)
          FROM crm_lead l WHERE l.is_dormant
    """, env.ref(FOLLOWUP_TYPE).id))
    return tuple(cr.fetchone())


def _dormant_floor(env):
    """Every active rule at once: the first matching rule (sequence) of each
    lead, leads no rule matches woken, the others marked, a to-do each."""
    cr = env.cr
    cr.execute(SQL("DROP TABLE IF EXISTS bench_dormant"))
    cr.execute(SQL("""
        CREATE TEMP TABLE bench_dormant AS
        SELECT DISTINCT ON (l.id) l.id AS lead_id, r.id AS rule_id
          FROM crm_lead l
          LEFT JOIN crm_stage s ON s.id = l.stage_id
          JOIN si_dormant_rule r ON r.active
               AND (r.team_id IS NULL OR r.team_id = l.team_id)
               AND (r.company_id IS NULL OR r.company_id = l.company_id)
         WHERE l.active AND NOT COALESCE(l.rejected, false)
           AND l.user_id IS NOT NULL AND l.chance_level <> 'none'
           AND NOT COALESCE(s.is_won, false)
           AND CASE r.rule_type
               WHEN 'no_followup' THEN COALESCE(l.last_followup_date, l.create_date)
                    < now() at time zone 'UTC' - make_interval(days => r.days)
               WHEN 'interval_rising' THEN l.followup_count >= 2
                    AND l.followup_avg_interval > r.days
               ELSE l.create_date
                    < now() at time zone 'UTC' - make_interval(days => r.days)
                    AND (SELECT count(*) FROM si_lead_followup f
                          WHERE f.lead_id = l.id AND f.kind = 'followup'
                            AND f.date >= now() at time zone 'UTC'
                                - make_interval(days => r.days)) < r.min_count
               END
      ORDER BY l.id, r.sequence, r.id
    """))
    cr.execute(SQL("CREATE UNIQUE INDEX ON bench_dormant (lead_id)"))
    cr.execute(SQL("ANALYZE bench_dormant"))
    cr.execute(SQL("""
        UPDATE crm_lead l
           SET is_dormant = false, dormant_since = NULL, dormant_rule_id = NULL
         WHERE l.is_dormant
           AND NOT EXISTS (SELECT 1 FROM bench_dormant m WHERE m.lead_id = l.id)
    """))
    cr.execute(SQL("""
        UPDATE crm_lead l SET dormant_rule_id = m.rule_id
          FROM bench_dormant m
         WHERE l.id = m.lead_id AND l.is_dormant
           AND l.dormant_rule_id IS DISTINCT FROM m.rule_id
    """))
    params = dict(model=env["ir.model"]._get_id("crm.lead"),
                  type=env.ref(FOLLOWUP_TYPE).id, uid=env.uid)
    cr.execute(SQL("""
        WITH marked AS (
            UPDATE crm_lead l
               SET is_dormant = true, dormant_since = current_date,
                   dormant_rule_id = m.rule_id
              FROM bench_dormant m
             WHERE l.id = m.lead_id AND NOT COALESCE(l.is_dormant, false)
         RETURNING l.id, l.name, l.user_id
        )
        INSERT INTO mail_activity
               (res_id, res_model_id, res_model, res_name, activity_type_id,
                summary, date_deadline, user_id, user_tz, automated, active,
                create_uid, create_date, write_uid, write_date)
        SELECT m.id, %(model)s, 'crm.lead', m.name, %(type)s, 'Dormant lead',
               current_date, m.user_id, p.tz, true, true,
               %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
          FROM marked m
          JOIN res_users u ON u.id = m.user_id
          JOIN res_partner p ON p.id = u.partner_id
    """, **params))
    return _dormant_state(env)


def dormant(bench):
    env, cr = bench.env, bench.cr
    Rule = env["si.dormant.rule"]
    cr.execute(SQL("SELECT count(*) FROM crm_lead"))
    total = cr.fetchone()[0]

    def product():
        Rule._cron_detect_dormant()
        env.flush_all()
        return total, _dormant_state(env)

    def floor():
        return _dormant_floor(env)

    with bench.savepoint():
        # a first run: no lead dormant yet, no to-do of an earlier run
        cr.execute(SQL("""
            DELETE FROM mail_activity a USING crm_lead l
             WHERE a.res_model = 'crm.lead' AND a.res_id = l.id AND l.is_dormant
               AND a.automated AND a.activity_type_id = %s
        """, env.ref(FOLLOWUP_TYPE).id))
        cr.execute(SQL("UPDATE crm_lead SET is_dormant = false, dormant_since = NULL, "
                       "dormant_rule_id = NULL WHERE is_dormant"))
        env.invalidate_all()
        Rule._forget_dormant_checkpoint()
        bench.measure("dormant detection, first run", product, floor)
        bench.measure("dormant detection, re-run (nothing changed)", product, floor)


def dormant_rerun(bench):
    """The detection on the database as it is (leads already marked by an
    earlier run): a re-run over every lead, without the first run's cost,
    then the next run, which looks at the leads changed since. Run only
    when named (--only dormant_rerun)."""
    env, cr = bench.env, bench.cr
    cr.execute(SQL("SELECT count(*) FROM crm_lead"))
    total = cr.fetchone()[0]

    def product():
        env["si.dormant.rule"]._cron_detect_dormant()
        env.flush_all()
        return total, _dormant_state(env)

    with bench.savepoint():
        env["si.dormant.rule"]._forget_dormant_checkpoint()
        bench.measure("dormant detection, re-run on the stored state", product,
                      lambda: _dormant_floor(env))
        bench.measure("dormant detection, next run (changed leads only)", product,
                      lambda: _dormant_floor(env))


# --- anomalies -----------------------------------------------------------------
def _anomaly_state(cr):
    cr.execute(SQL("""
        SELECT anomaly_type, count(*), COALESCE(sum(user_id), 0),
               COALESCE(sum(lead_id), 0), COALESCE(sum(days), 0)
          FROM si_anomaly WHERE state = 'open' GROUP BY anomaly_type
    """))
    return {row[0]: tuple(row[1:]) for row in cr.fetchall()}


_ANOMALY_NOW = """
    CREATE TEMP TABLE bench_anomaly AS
    SELECT 'rep_idle'::varchar AS anomaly_type, r.user_id, NULL::int AS lead_id,
           current_date - COALESCE(f.last, r.first_lead)::date AS days
      FROM (SELECT l.user_id, min(l.create_date) AS first_lead
              FROM crm_lead l LEFT JOIN crm_stage s ON s.id = l.stage_id
             WHERE l.active AND l.user_id IS NOT NULL AND l.company_id = %(company)s
               AND NOT COALESCE(s.is_won, false)
          GROUP BY l.user_id) r
      JOIN res_users u ON u.id = r.user_id AND u.active AND NOT u.share
      LEFT JOIN (SELECT user_id, max(date) AS last FROM si_lead_followup
                  WHERE kind = 'followup' GROUP BY user_id) f ON f.user_id = r.user_id
     WHERE COALESCE(f.last, r.first_lead)
           < now() at time zone 'UTC' - make_interval(days => %(idle)s)
    UNION ALL
    SELECT 'key_lead_stale', l.user_id, l.id,
           current_date - GREATEST(l.last_followup_date, l.date_last_stage_update,
                                   l.create_date)::date
      FROM crm_lead l LEFT JOIN crm_stage s ON s.id = l.stage_id
     WHERE l.is_key_lead AND l.active AND l.user_id IS NOT NULL
       AND l.company_id = %(company)s AND NOT COALESCE(s.is_won, false)
       AND GREATEST(l.last_followup_date, l.date_last_stage_update, l.create_date)
           < now() at time zone 'UTC' - make_interval(days => %(key)s)
    UNION ALL
    SELECT 'followup_overdue', a.user_id, l.id, current_date - min(a.date_deadline)
      FROM mail_activity a
      JOIN crm_lead l ON l.id = a.res_id AND a.res_model = 'crm.lead'
     WHERE l.active AND a.user_id IS NOT NULL AND l.company_id = %(company)s
       AND a.date_deadline < current_date - %(overdue)s
  GROUP BY a.user_id, l.id
"""


def _anomaly_floor(env):
    """All three anomaly types at once: close what cleared, refresh the days
    of the others, open the new ones (with the manager's to-do)."""
    cr = env.cr
    for company in env["res.company"].search([]):
        cr.execute(SQL("DROP TABLE IF EXISTS bench_anomaly"))
        cr.execute(SQL(_ANOMALY_NOW, company=company.id,
                       idle=company.si_anomaly_rep_idle_days,
                       key=company.si_anomaly_key_lead_days,
                       overdue=company.si_anomaly_overdue_days))
        cr.execute(SQL("""
            UPDATE si_anomaly a SET state = 'closed', date_closed = current_date
             WHERE a.state = 'open' AND a.company_id = %s AND NOT EXISTS (
                   SELECT 1 FROM bench_anomaly n
                    WHERE n.anomaly_type = a.anomaly_type
                      AND COALESCE(n.user_id, 0) = COALESCE(a.user_id, 0)
                      AND COALESCE(n.lead_id, 0) = COALESCE(a.lead_id, 0))
        """, company.id))
        cr.execute(SQL("""
            UPDATE si_anomaly a SET days = n.days FROM bench_anomaly n
             WHERE a.state = 'open' AND n.anomaly_type = a.anomaly_type
               AND COALESCE(n.user_id, 0) = COALESCE(a.user_id, 0)
               AND COALESCE(n.lead_id, 0) = COALESCE(a.lead_id, 0)
               AND a.days IS DISTINCT FROM n.days
        """))
        params = dict(company=company.id, uid=env.uid,
                      model=env["ir.model"]._get_id("si.anomaly"),
                      type=env.ref("mail.mail_activity_data_todo").id)
        cr.execute(SQL("""
            WITH new AS (
                INSERT INTO si_anomaly
                       (anomaly_type, state, user_id, lead_id, days, team_id,
                        manager_id, company_id, date_detected,
                        create_uid, create_date, write_uid, write_date)
                SELECT n.anomaly_type, 'open', n.user_id, n.lead_id, n.days, t.id,
                       t.user_id, %(company)s, current_date, %(uid)s,
                       now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM bench_anomaly n
                  JOIN res_users u ON u.id = n.user_id
                  LEFT JOIN crm_lead l ON l.id = n.lead_id
                  LEFT JOIN crm_team t ON t.id = COALESCE(l.team_id, u.sale_team_id)
                ON CONFLICT DO NOTHING
             RETURNING id, manager_id
            )
            INSERT INTO mail_activity
                   (res_id, res_model_id, res_model, activity_type_id, summary,
                    date_deadline, user_id, automated, active,
                    create_uid, create_date, write_uid, write_date)
            SELECT id, %(model)s, 'si.anomaly', %(type)s, 'Sales anomaly',
                   current_date, manager_id, true, true, %(uid)s,
                   now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM new WHERE manager_id IS NOT NULL
        """, **params))
    return _anomaly_state(cr)


def anomalies(bench):
    env, cr = bench.env, bench.cr
    Anomaly = env["si.anomaly"]

    def product():
        Anomaly._cron_scan_anomalies()
        env.flush_all()
        state = _anomaly_state(cr)
        return sum(v[0] for v in state.values()), state

    with bench.savepoint():
        bench.measure("anomaly scan", product, lambda: _anomaly_floor(env))
        bench.measure("anomaly scan, re-run", product, lambda: _anomaly_floor(env))


CASES = [followup_days, first_pages, dormant, anomalies]
# cases run only when named with --only
OPTIONAL = [dormant_rerun]
