"""What the suite adds once to a benchmark database built by
scripts/generate_bench_data.py, and commits: the follow-up log (3
follow-ups for two leads out of three, over the last 120 days, with the
leads' follow-up figures), a rep profile for every generated rep (grades in
turn; each team member may take 2,000 leads) and the jobs' rules (the
dormant rules of the demo data are kept); and the lead-conversion snapshot
and the demand analysis's store brought up to date, as their scheduled
refreshes keep them (built the first time)."""
from odoo.tools import SQL

MARKER = "Benchmark follow-up"


def seed_followups(env):
    """The follow-up log, once (found by its content)."""
    cr = env.cr
    cr.execute(SQL("SELECT count(*) FROM si_lead_followup WHERE content = %s",
                   MARKER))
    if cr.fetchone()[0]:
        return 0
    env.flush_all()
    cr.execute(SQL("""
        INSERT INTO si_lead_followup
               (lead_id, kind, user_id, date, channel, content, lead_user_id,
                lead_pool_id, partner_id, team_id, company_id, chance_changed,
                stage_changed, create_uid, create_date, write_uid, write_date)
        SELECT l.id, 'followup', COALESCE(l.user_id, 1),
               now() at time zone 'UTC'
                   - make_interval(days => mod(l.id * 7 + n * 37, 120)),
               (ARRAY['call','visit','meeting','email'])[1 + mod(l.id + n, 4)],
               %s, l.user_id, l.pool_id, l.partner_id, l.team_id, l.company_id,
               false, false,
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


def create_profiles(env):
    """A profile for every rep in a team without one; capacity 2,000."""
    grades = env["si.rep.grade"].search([])
    env.flush_all()
    params = dict(grades=grades.ids, sequences=grades.mapped("sequence"),
                  n=len(grades), pattern="bench_rep%")
    env.cr.execute(SQL("""
        INSERT INTO si_rep (user_id, name, company_id, team_id, grade_id,
                            grade_sequence, max_daily_claims, active,
                            create_uid, create_date, write_uid, write_date)
        SELECT u.id, p.name, u.company_id, u.sale_team_id,
               (%(grades)s)[1 + mod(u.id, %(n)s)],
               (%(sequences)s)[1 + mod(u.id, %(n)s)],
               0, true, 1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM res_users u JOIN res_partner p ON p.id = u.partner_id
         WHERE u.sale_team_id IS NOT NULL AND u.login LIKE %(pattern)s
           AND NOT EXISTS (SELECT 1 FROM si_rep r WHERE r.user_id = u.id)
    """, **params))
    created = env.cr.rowcount
    env.cr.execute(SQL("""
        UPDATE crm_team_member SET assignment_max = 2000
         WHERE active AND assignment_max IS DISTINCT FROM 2000
    """))
    env.invalidate_all()
    return created


def prepare(env, echo=print):
    """Complete the database once; committed. Returns the sizes."""
    cr = env.cr
    echo("follow-ups seeded: %d" % seed_followups(env))
    cr.commit()
    echo("rep profiles created: %d" % create_profiles(env))
    cr.commit()
    if "si.lead.analysis.snapshot" in env:
        refreshed = env["si.lead.analysis.snapshot"]._refresh()
        echo("lead-conversion snapshot: %s" % (
            "built" if refreshed < 0 else "%d leads refreshed" % refreshed))
        cr.commit()
    if "si.demand.analysis" in env:
        echo("demand analysis store: %d rows built, %d queued lines taken in"
             % env["si.demand.analysis"]._refresh_store())
        cr.commit()
    sizes = {}
    for table in ("crm_lead", "si_lead_followup", "sale_order_line",
                  "contract_contract", "si_rep"):
        cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
        sizes[table] = cr.fetchone()[0]
    return sizes
