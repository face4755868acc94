"""Benchmark the lead jobs of sales_intelligence on a large database.

    .venv/bin/python benchmarks/bench_lead_jobs.py \
        -c .odoo/odoo.cfg -d sales_intelligence_bench

Measures, on the whole database, the nightly jobs as they run in production
(set-based SQL in committed batches): ageing of 'days without follow-up',
dormant-lead detection and the anomaly scan, then the same dormant rule
evaluated the naive way (ORM, one lead at a time) on a sample, in the same
process. Results are printed as times and as the ratio naive / set-based
per lead, which does not depend on the machine's speed.

The follow-up log is filled first when it is empty: 3 follow-ups for two
leads out of three, spread over the last 120 days (one INSERT ... SELECT).

The dormant-lead to-dos the detection plans are removed at the end, and any
left by an interrupted run at the start: they are found by what they are (the
follow-up activity type, planned automatically on a dormant lead, above the
run's first activity id), never by their summary, which is translated in the
database's language.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "scripts"))
from odoo_env import odoo_env  # noqa: E402

from odoo import fields  # noqa: E402
from odoo.tools import SQL  # noqa: E402

SAMPLE = 5000
FOLLOWUP_TYPE = "sales_intelligence.mail_activity_type_followup"
MARKER = "Benchmark follow-up"


def seed_followups(env):
    cr = env.cr
    # the bench database is a copy of the test database and its demo
    # follow-ups: look for the benchmark's own
    cr.execute(SQL("SELECT count(*) FROM si_lead_followup WHERE content = %s",
                   MARKER))
    if cr.fetchone()[0]:
        return 0
    env.flush_all()
    cr.execute(SQL("""
        INSERT INTO si_lead_followup
               (lead_id, kind, user_id, date, channel, content, lead_user_id,
                partner_id, team_id, company_id, chance_changed, stage_changed,
                create_uid, create_date, write_uid, write_date)
        SELECT l.id, 'followup', COALESCE(l.user_id, 1),
               now() at time zone 'UTC'
                   - make_interval(days => mod(l.id * 7 + n * 37, 120)),
               (ARRAY['call','visit','meeting','email'])[1 + mod(l.id + n, 4)],
               %s, l.user_id, l.partner_id, l.team_id, l.company_id, false, false,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM crm_lead l, generate_series(1, 3) n
         WHERE mod(l.id, 3) <> 0
    """, MARKER))
    inserted = cr.rowcount
    Lead = env["crm.lead"]
    for low, high in Lead._id_batches(100000):
        cr.execute(SQL("SELECT id FROM crm_lead WHERE id > %s AND id <= %s",
                       low, high))
        Lead.browse([r[0] for r in cr.fetchall()])._refresh_followup_stats()
        cr.commit()
        env.invalidate_all()
    return inserted


def last_activity_id(env):
    env.cr.execute(SQL("SELECT COALESCE(max(id), 0) FROM mail_activity"))
    return env.cr.fetchone()[0]


def clean_dormant_todos(env, above_id=0):
    """Delete the to-dos the dormant detection planned: automated follow-up
    to-dos on dormant leads, with an id above `above_id` (0: all of them).
    Language-independent: by activity type, origin and marker id."""
    activity_type = env.ref(FOLLOWUP_TYPE)
    env.flush_all()
    env.cr.execute(SQL("""
        DELETE FROM mail_activity a
         USING crm_lead l
         WHERE a.res_model = 'crm.lead' AND a.res_id = l.id AND l.is_dormant
           AND a.automated AND a.activity_type_id = %s AND a.id > %s
    """, activity_type.id, above_id))
    deleted = env.cr.rowcount
    env.invalidate_all()
    return deleted


def naive_no_followup(env, rule, sample_ids):
    """The rule as a per-record loop: what the set-based job replaces."""
    limit = fields.Datetime.now()
    marked = 0
    for lead in env["crm.lead"].browse(sample_ids):
        if not lead.active or not lead.user_id or lead.chance_level == "none":
            continue
        if lead.stage_id.is_won:
            continue
        followups = env["si.lead.followup"].search(
            [("lead_id", "=", lead.id), ("kind", "=", "followup")],
            order="date desc", limit=1)
        last = followups.date or lead.create_date
        if (limit - last).days >= rule.days:
            marked += 1
    return marked


def timed(label, func, *args, **kwargs):
    """Run func, print its time and result; the benchmarks' one timer."""
    started = time.time()
    result = func(*args, **kwargs)
    elapsed = time.time() - started
    print("%-52s %8.2f s   %s" % (label, elapsed, "" if result is None else result))
    return elapsed, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    with odoo_env(args.config, args.database, log_level="warn") as env:
        cr = env.cr
        cr.execute(SQL("SELECT count(*) FROM crm_lead"))
        n_leads = cr.fetchone()[0]
        print("leads: %d" % n_leads)
        timed("seed follow-ups (once)", seed_followups, env)
        cr.commit()
        Lead = env["crm.lead"]
        Rule = env["si.dormant.rule"]
        timed("age days without follow-up (all leads)",
              Lead._cron_refresh_days_since_followup)
        # a clean start: the to-dos of an interrupted run go, then the flags;
        # the first detection marks, the second finds nothing new
        timed("remove dormant to-dos left by an earlier run",
              clean_dormant_todos, env)
        cr.execute(SQL("UPDATE crm_lead SET is_dormant = false, dormant_since = NULL, "
                       "dormant_rule_id = NULL WHERE is_dormant"))
        env.invalidate_all()
        cr.commit()
        first_activity = last_activity_id(env)
        try:
            t_dormant, (marked, _woken) = timed("detect dormant leads (first run)",
                                                Rule._cron_detect_dormant)
            t_dormant2, _ = timed("detect dormant leads (re-run)",
                                  Rule._cron_detect_dormant)
        finally:
            # the detection commits its batches: its to-dos are removed, in
            # whatever language their summary was written
            cr.rollback()
            timed("remove the run's dormant to-dos", clean_dormant_todos, env,
                  first_activity)
            cr.commit()
        Anomaly = env["si.anomaly"]
        t_anomaly, _ = timed("scan anomalies (first run)", Anomaly._cron_scan_anomalies)
        t_anomaly2, _ = timed("scan anomalies (re-run)", Anomaly._cron_scan_anomalies)
        cr.execute(SQL("SELECT id FROM crm_lead ORDER BY random() LIMIT %s", SAMPLE))
        sample = [r[0] for r in cr.fetchall()]
        rule = Rule.search([("rule_type", "=", "no_followup")], limit=1)
        env.invalidate_all()
        t_naive, _ = timed("naive ORM rule, %d-lead sample" % SAMPLE,
                           naive_no_followup, env, rule, sample)
        per_lead_naive = t_naive / SAMPLE
        per_lead_set = t_dormant / max(n_leads, 1)
        print()
        print("dormant leads marked: %d" % marked)
        print("naive per lead:      %.3f ms -> %.0f s for all %d leads (estimated)"
              % (per_lead_naive * 1000, per_lead_naive * n_leads, n_leads))
        print("set-based per lead:  %.4f ms (all rules, activities included)"
              % (per_lead_set * 1000))
        print("ratio naive / set-based: %.0fx" % (per_lead_naive / per_lead_set))
        print("re-run / first run: dormant %.2f, anomalies %.2f"
              % (t_dormant2 / t_dormant, t_anomaly2 / max(t_anomaly, 1e-9)))


if __name__ == "__main__":
    main()
