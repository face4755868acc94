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
"""
import argparse
import time

import odoo
from odoo import fields

SAMPLE = 5000


def seed_followups(env):
    cr = env.cr
    # the bench database is a copy of the test database and its demo
    # follow-ups: look for the benchmark's own
    cr.execute("SELECT count(*) FROM si_lead_followup "
               "WHERE content = 'Benchmark follow-up'")
    if cr.fetchone()[0]:
        return 0
    cr.execute("""
        INSERT INTO si_lead_followup
               (lead_id, kind, user_id, date, channel, content, lead_user_id,
                team_id, company_id, chance_changed, stage_changed,
                create_uid, create_date, write_uid, write_date)
        SELECT l.id, 'followup', COALESCE(l.user_id, 1),
               now() at time zone 'UTC'
                   - make_interval(days => (l.id * 7 + n * 37) % 120),
               (ARRAY['call','visit','meeting','email'])[1 + (l.id + n) % 4],
               'Benchmark follow-up', l.user_id, l.team_id, l.company_id, false, false,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM crm_lead l, generate_series(1, 3) n
         WHERE l.id % 3 <> 0
    """)
    inserted = cr.rowcount
    cr.execute("SELECT id FROM crm_lead")
    all_ids = [r[0] for r in cr.fetchall()]
    for start in range(0, len(all_ids), 100000):
        env["crm.lead"].browse(all_ids[start:start + 100000])._refresh_followup_stats()
        cr.commit()
    return inserted


def naive_no_followup(env, rule, sample_ids):
    """The rule as a per-record loop: what the set-based job replaces."""
    limit = fields.Datetime.from_string(fields.Datetime.now())
    marked = 0
    for lead in env["crm.lead"].browse(sample_ids):
        if not lead.active or not lead.user_id or lead.chance_level == "none":
            continue
        if lead.stage_id.probability >= 100:
            continue
        followups = env["si.lead.followup"].search(
            [("lead_id", "=", lead.id), ("kind", "=", "followup")],
            order="date desc", limit=1)
        last = fields.Datetime.from_string(followups.date or lead.create_date)
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
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    with odoo.api.Environment.manage(), odoo.registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute("SELECT count(*) FROM crm_lead")
        n_leads = cr.fetchone()[0]
        print("leads: %d" % n_leads)
        timed("seed follow-ups (once)", seed_followups, env)
        cr.commit()
        Lead = env["crm.lead"]
        Rule = env["si.dormant.rule"]
        timed("age days without follow-up (all leads)",
              Lead.cron_refresh_days_since_followup)
        # a clean start: the first detection marks, the second finds nothing new
        cr.execute("UPDATE crm_lead SET is_dormant = false, dormant_since = NULL, "
                   "dormant_rule_id = NULL WHERE is_dormant")
        cr.execute("DELETE FROM mail_activity WHERE summary LIKE %s",
                   ("Dormant lead%",))
        cr.commit()
        t_dormant, marked = timed("detect dormant leads (first run)",
                                  Rule.cron_detect_dormant)
        t_dormant2, _ = timed("detect dormant leads (re-run)",
                              Rule.cron_detect_dormant)
        Anomaly = env["si.anomaly"]
        t_anomaly, _ = timed("scan anomalies (first run)", Anomaly.cron_scan_anomalies)
        t_anomaly2, _ = timed("scan anomalies (re-run)", Anomaly.cron_scan_anomalies)
        cr.execute("SELECT id FROM crm_lead ORDER BY random() LIMIT %s", (SAMPLE,))
        sample = [r[0] for r in cr.fetchall()]
        rule = Rule.search([("rule_type", "=", "no_followup")], limit=1)
        env.clear()
        t_naive, _ = timed("naive ORM rule, %d-lead sample" % SAMPLE,
                           naive_no_followup, env, rule, sample)
        per_lead_naive = t_naive / SAMPLE
        per_lead_set = t_dormant / max(n_leads, 1)
        print()
        print("naive per lead:      %.3f ms -> %.0f s for all %d leads (estimated)"
              % (per_lead_naive * 1000, per_lead_naive * n_leads, n_leads))
        print("set-based per lead:  %.4f ms (all rules, activities included)"
              % (per_lead_set * 1000))
        print("ratio naive / set-based: %.0fx" % (per_lead_naive / per_lead_set))
        print("re-run / first run: dormant %.2f, anomalies %.2f"
              % (t_dormant2 / t_dormant, t_anomaly2 / max(t_anomaly, 1e-9)))


if __name__ == "__main__":
    main()
