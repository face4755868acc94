"""Benchmark lead recycling into the pool and automatic assignment.

    .venv/bin/python benchmarks/bench_pool_jobs.py \
        -c .odoo/odoo.cfg -d sales_intelligence_bench

On the bench database (1,000,000 leads, 1,000 reps in 100 teams): gives every
rep a profile (SQL), adds a pool with a 30-day no-follow-up rule, then times
 - the nightly recycling over all leads (first run and re-run),
 - automatic assignment of 10,000 unassigned leads among the reps,
and the same work done naively (ORM, one lead at a time) on a sample, in the
same process. Everything is rolled back at the end: the database is unchanged.
The follow-up log is seeded first when empty, as bench_lead_jobs.py does.
"""
import argparse

from bench_lead_jobs import seed_followups, timed

import odoo
from odoo import fields

RECYCLE_SAMPLE = 2000
ASSIGN_LEADS = 10000
ASSIGN_SAMPLE = 200
CTX = {"si_no_commit": True, "tracking_disable": True, "mail_notrack": True}


def create_profiles(env):
    """A profile for every rep owning leads, grades in turn, capacity 2,000."""
    grades = env["si.rep.grade"].search([]).ids
    env.cr.execute("""
        INSERT INTO si_rep (user_id, name, company_id, team_id, grade_id,
                            grade_sequence, max_open_leads, max_daily_claims,
                            active, create_uid, create_date, write_uid, write_date)
        SELECT u.id, p.name, u.company_id, u.sale_team_id,
               (%(grades)s)[1 + u.id %% %(n)s], 0, 2000, 0, true,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM res_users u JOIN res_partner p ON p.id = u.partner_id
         WHERE u.sale_team_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM si_rep r WHERE r.user_id = u.id)
    """, {"grades": grades, "n": len(grades)})
    return env.cr.rowcount


def naive_recycle(env, pool, sample_ids):
    """The rule as a per-record loop with ORM writes and history records."""
    limit = fields.Datetime.from_string(fields.Datetime.now())
    recycled = 0
    for lead in env["crm.lead"].browse(sample_ids):
        if not lead.active or not lead.user_id or lead.pool_id:
            continue
        if lead.stage_id.probability >= 100:
            continue
        since = max(lead.last_followup_date or lead.create_date,
                    lead.date_open or lead.create_date)
        if (limit - fields.Datetime.from_string(since)).days < 30:
            continue
        previous = lead.user_id
        lead.with_context(si_pool_ok=True, si_assignment_logged=True).write(
            {"user_id": False, "pool_id": pool.id, "previous_user_id": previous.id})
        env["si.lead.assignment"].create({
            "lead_id": lead.id, "kind": "recycle", "pool_id": pool.id,
            "previous_user_id": previous.id, "reason": "naive"})
        recycled += 1
    return recycled


def naive_assign(env, leads):
    """One lead at a time: rank the team's reps, write the owner, log it."""
    Rep = env["si.rep"]
    for lead in leads:
        best = Rep._suggest(lead, limit=1)
        if best:
            lead._set_owner(env["res.users"].browse(best[0].user_id), "auto",
                            score=best[0].score, reason="naive")
    return len(leads)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    with odoo.api.Environment.manage(), odoo.registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, CTX)
        cr.execute("SELECT count(*) FROM crm_lead")
        n_leads = cr.fetchone()[0]
        print("leads: %d" % n_leads)
        timed("seed follow-ups (once)", seed_followups, env)
        cr.commit()
        timed("rep profiles (SQL)", create_profiles, env)
        Pool = env["si.lead.pool"]
        Pool.search([]).write({"active": False})
        pool = Pool.create({"name": "Bench pool", "rule_ids": [(0, 0, {
            "name": "No follow-up for 30 days", "trigger": "no_followup",
            "days": 30, "warn_days": 5})]})
        cr.execute("SAVEPOINT before_recycle")
        cr.execute("SELECT id FROM crm_lead ORDER BY random() LIMIT %s",
                   (RECYCLE_SAMPLE,))
        sample = [row[0] for row in cr.fetchall()]
        t_recycle, recycled = timed("recycle (first run, all leads)",
                                    Pool.cron_recycle_leads)
        t_rerun, _ = timed("recycle (re-run)", Pool.cron_recycle_leads)
        cr.execute("ROLLBACK TO SAVEPOINT before_recycle")
        env.clear()
        t_naive, naive_count = timed(
            "naive recycle, %d-lead sample" % RECYCLE_SAMPLE,
            naive_recycle, env, pool, sample)
        cr.execute("ROLLBACK TO SAVEPOINT before_recycle")
        env.clear()

        cr.execute("""
            UPDATE crm_lead SET user_id = NULL
             WHERE id IN (SELECT l.id FROM crm_lead l
                            JOIN crm_stage s ON s.id = l.stage_id
                           WHERE l.active AND s.probability < 100
                             AND l.team_id IS NOT NULL
                        ORDER BY l.id DESC LIMIT %s)
         RETURNING id
        """, (ASSIGN_LEADS,))
        ids = [row[0] for row in cr.fetchall()]
        leads = env["crm.lead"].browse(ids)
        cr.execute("SAVEPOINT before_assign")
        t_assign, assigned = timed("auto-assign %d leads" % len(ids),
                                   env["si.rep"]._auto_assign, leads, "auto", "bench")
        cr.execute("ROLLBACK TO SAVEPOINT before_assign")
        env.clear()
        t_naive_assign, _ = timed(
            "naive assign, %d-lead sample" % ASSIGN_SAMPLE, naive_assign, env,
            env["crm.lead"].browse(ids[:ASSIGN_SAMPLE]))
        cr.rollback()

        naive_total = t_naive / RECYCLE_SAMPLE * n_leads
        print()
        print("recycle: %d leads in %.1f s; naive %.2f ms per lead -> %.0f s for "
              "all leads (estimated); ratio %.0fx; re-run %.1f s"
              % (recycled, t_recycle, t_naive / RECYCLE_SAMPLE * 1000, naive_total,
                 naive_total / t_recycle, t_rerun))
        naive_assign_total = t_naive_assign / ASSIGN_SAMPLE * len(ids)
        print("assign: %d of %d leads in %.1f s; naive %.0f ms per lead -> %.0f s "
              "(estimated); ratio %.0fx"
              % (assigned, len(ids), t_assign,
                 t_naive_assign / ASSIGN_SAMPLE * 1000, naive_assign_total,
                 naive_assign_total / t_assign))
        print("naive sample recycled %d of %d" % (naive_count, RECYCLE_SAMPLE))


if __name__ == "__main__":
    main()
