"""Benchmark lead recycling into the pool and automatic assignment.

    .venv/bin/python benchmarks/bench_pool_jobs.py \
        -c .odoo/odoo.cfg -d sales_intelligence_bench

On the bench database (1,000,000 leads, 1,000 reps in 100 teams): gives every
rep a profile (SQL), adds a pool with a 30-day no-follow-up rule, then times
 - the nightly recycling over all leads (first run and re-run),
 - automatic assignment of 10,000 unassigned leads among the reps,
and the same work done naively (ORM, one lead at a time) on a sample, in the
same process. Everything is rolled back at the end: the database is unchanged.
The follow-up log is seeded first when empty, as bench_lead_jobs.py does, and
dormant-lead to-dos an interrupted bench_lead_jobs.py run left are removed
first (by activity type, not by their translated summary): the recycling
would otherwise drag them along with every lead it moves.
"""
import argparse

from bench_lead_jobs import clean_dormant_todos, seed_followups, timed
from odoo_env import odoo_env

from odoo import fields
from odoo.tools import SQL

RECYCLE_SAMPLE = 2000
ASSIGN_LEADS = 10000
ASSIGN_SAMPLE = 200
CTX = {"si_no_commit": True, "tracking_disable": True, "mail_notrack": True}


def create_profiles(env):
    """A profile for every rep owning leads, grades in turn, capacity 2,000."""
    grades = env["si.rep.grade"].search([])
    env.flush_all()
    env.cr.execute(SQL("""
        INSERT INTO si_rep (user_id, name, company_id, team_id, grade_id,
                            grade_sequence, max_daily_claims, active,
                            create_uid, create_date, write_uid, write_date)
        SELECT u.id, p.name, u.company_id, u.sale_team_id,
               (%(grades)s)[1 + mod(u.id, %(n)s)],
               (%(sequences)s)[1 + mod(u.id, %(n)s)],
               0, true, 1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM res_users u JOIN res_partner p ON p.id = u.partner_id
         WHERE u.sale_team_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM si_rep r WHERE r.user_id = u.id)
    """, grades=grades.ids, sequences=grades.mapped("sequence"), n=len(grades)))
    created = env.cr.rowcount
    # the capacity of a rep is that of their team membership (Odoo's)
    env.cr.execute(SQL("UPDATE crm_team_member SET assignment_max = 2000 "
                       "WHERE active"))
    env.invalidate_all()
    return created


def naive_recycle(env, pool, sample_ids):
    """The rule as a per-record loop with ORM writes and history records."""
    limit = fields.Datetime.now()
    recycled = 0
    for lead in env["crm.lead"].browse(sample_ids):
        if not lead.active or not lead.user_id or lead.pool_id:
            continue
        if lead.stage_id.is_won:
            continue
        since = max(lead.last_followup_date or lead.create_date,
                    lead.date_open or lead.create_date)
        if (limit - since).days < 30:
            continue
        # the product's one owner-change path, one lead at a time
        lead._send_to_pool(pool, "naive", kind="recycle")
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
    with odoo_env(args.config, args.database, context=CTX, log_level="warn") as env:
        cr = env.cr
        cr.execute(SQL("SELECT count(*) FROM crm_lead"))
        n_leads = cr.fetchone()[0]
        print("leads: %d" % n_leads)
        timed("seed follow-ups (once)", seed_followups, env)
        timed("remove dormant to-dos left by an earlier run",
              clean_dormant_todos, env)
        cr.commit()
        timed("rep profiles (SQL)", create_profiles, env)
        Pool = env["si.lead.pool"]
        Pool.search([]).write({"active": False})
        pool = Pool.create({"name": "Bench pool", "rule_ids": [(0, 0, {
            "name": "No follow-up for 30 days", "trigger": "no_followup",
            "days": 30, "warn_days": 5})]})
        env.flush_all()
        cr.execute(SQL("SAVEPOINT before_recycle"))
        cr.execute(SQL("SELECT id FROM crm_lead ORDER BY random() LIMIT %s",
                       RECYCLE_SAMPLE))
        sample = [row[0] for row in cr.fetchall()]
        t_recycle, recycled = timed("recycle (first run, all leads)",
                                    Pool._cron_recycle_leads)
        t_rerun, _ = timed("recycle (re-run)", Pool._cron_recycle_leads)
        env.flush_all()
        cr.execute(SQL("ROLLBACK TO SAVEPOINT before_recycle"))
        env.invalidate_all()
        t_naive, naive_count = timed(
            "naive recycle, %d-lead sample" % RECYCLE_SAMPLE,
            naive_recycle, env, pool, sample)
        env.flush_all()
        cr.execute(SQL("ROLLBACK TO SAVEPOINT before_recycle"))
        env.invalidate_all()

        cr.execute(SQL("""
            UPDATE crm_lead SET user_id = NULL
             WHERE id IN (SELECT l.id FROM crm_lead l
                            JOIN crm_stage s ON s.id = l.stage_id
                           WHERE l.active AND s.is_won IS NOT TRUE
                             AND l.team_id IS NOT NULL AND l.pool_id IS NULL
                        ORDER BY l.id DESC LIMIT %s)
         RETURNING id
        """, ASSIGN_LEADS))
        ids = [row[0] for row in cr.fetchall()]
        env.invalidate_all()
        leads = env["crm.lead"].browse(ids)
        cr.execute(SQL("SAVEPOINT before_assign"))
        t_assign, assigned = timed("auto-assign %d leads" % len(ids),
                                   env["si.rep"]._auto_assign, leads, "auto", "bench")
        env.flush_all()
        cr.execute(SQL("ROLLBACK TO SAVEPOINT before_assign"))
        env.invalidate_all()
        t_naive_assign, _ = timed(
            "naive assign, %d-lead sample" % ASSIGN_SAMPLE, naive_assign, env,
            env["crm.lead"].browse(ids[:ASSIGN_SAMPLE]))
        # nothing of the benchmark stays (odoo_env would commit)
        cr.rollback()
        env.invalidate_all()

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
                 naive_assign_total / max(t_assign, 1e-9)))
        print("naive sample recycled %d of %d" % (naive_count, RECYCLE_SAMPLE))


if __name__ == "__main__":
    main()
