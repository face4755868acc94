"""Lead pools: the nightly recycling of stale leads into a pool (first run
and re-run) and the automatic assignment of unassigned leads."""
from odoo.tools import SQL

RULE_DAYS = 30


def _pool_state(cr, pool_id):
    cr.execute(SQL("""
        SELECT count(*), COALESCE(sum(l.id), 0), COALESCE(sum(l.previous_user_id), 0),
               (SELECT count(*) FROM si_lead_assignment a
                 WHERE a.pool_id = %(pool)s AND a.kind = 'recycle')
          FROM crm_lead l WHERE l.pool_id = %(pool)s AND l.user_id IS NULL
    """, pool=pool_id))
    return tuple(cr.fetchone())


def _recycle_floor(env, pool):
    """The rule's candidates moved in one UPDATE, with their history rows,
    the previous owners' activities removed."""
    cr = env.cr
    cr.execute(SQL("""
        CREATE TEMP TABLE bench_recycled AS
        SELECT l.id, l.user_id AS old_user
          FROM crm_lead l
          LEFT JOIN crm_stage s ON s.id = l.stage_id
          LEFT JOIN res_partner p ON p.id = l.partner_id
         WHERE l.active AND NOT COALESCE(l.rejected, false)
           AND l.user_id IS NOT NULL AND l.pool_id IS NULL
           AND NOT COALESCE(s.is_won, false)
           AND (l.pool_protected_until IS NULL OR l.pool_protected_until < current_date)
           AND l.company_id = %(company)s
           AND GREATEST(COALESCE(l.last_followup_date, l.create_date),
                        COALESCE(l.date_open, l.create_date))
               < now() at time zone 'UTC' - make_interval(days => %(days)s)
           AND (p.commercial_partner_id IS NULL OR NOT EXISTS (
                SELECT 1 FROM sale_order so JOIN res_partner sp ON sp.id = so.partner_id
                 WHERE so.state = 'sale'
                   AND sp.commercial_partner_id = p.commercial_partner_id)
                AND NOT EXISTS (
                SELECT 1 FROM crm_lead w JOIN crm_stage ws ON ws.id = w.stage_id
                  JOIN res_partner wp ON wp.id = w.partner_id
                 WHERE ws.is_won
                   AND wp.commercial_partner_id = p.commercial_partner_id))
           AND NOT EXISTS (SELECT 1 FROM sale_order so WHERE so.opportunity_id = l.id
                              AND so.state IN ('draft', 'sent'))
    """, company=pool.company_id.id, days=RULE_DAYS))
    cr.execute(SQL("""
        UPDATE crm_lead l
           SET user_id = NULL, pool_id = %(pool)s, previous_user_id = r.old_user,
               pool_warning_date = NULL, pool_protected_until = NULL,
               pool_date = now() at time zone 'UTC',
               write_uid = %(uid)s, write_date = now() at time zone 'UTC'
          FROM bench_recycled r WHERE l.id = r.id
    """, pool=pool.id, uid=env.uid))
    cr.execute(SQL("""
        INSERT INTO si_lead_assignment
               (lead_id, kind, user_id, previous_user_id, pool_id, score, author_id,
                company_id, date, create_uid, create_date, write_uid, write_date)
        SELECT r.id, 'recycle', NULL, r.old_user, %(pool)s, 0, %(uid)s, %(company)s,
               now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC',
               %(uid)s, now() at time zone 'UTC'
          FROM bench_recycled r
    """, pool=pool.id, uid=env.uid, company=pool.company_id.id))
    cr.execute(SQL("""
        DELETE FROM mail_activity a USING bench_recycled r
         WHERE a.res_model = 'crm.lead' AND a.res_id = r.id AND a.user_id = r.old_user
    """))
    cr.execute(SQL("DROP TABLE bench_recycled"))
    return _pool_state(cr, pool.id)


def recycling(bench):
    env, cr = bench.env, bench.cr
    Pool = env["si.lead.pool"]
    with bench.savepoint():
        Pool.search([]).write({"active": False})
        pool = Pool.create({"name": "Benchmark pool", "auto_reassign": False,
                            "rule_ids": [(0, 0, {
                                "name": "No follow-up for %d days" % RULE_DAYS,
                                "trigger": "no_followup", "days": RULE_DAYS,
                                "warn_days": 0})]})

        def product():
            moved = Pool._cron_recycle_leads()
            env.flush_all()
            return moved, _pool_state(cr, pool.id)

        def floor():
            return _recycle_floor(env, pool)

        bench.measure("recycling into a pool (rows: moved)", product, floor)
        bench.measure("recycling, re-run", product, floor)


# --- automatic assignment ------------------------------------------------------
def _owners(cr, ids):
    cr.execute(SQL("SELECT id, user_id FROM crm_lead WHERE id = ANY(%s)", ids))
    return dict(cr.fetchall())


def assignment(bench):
    """The hourly assignment of every unassigned open lead of the teams that
    use the explained matching (all benchmark teams here). Its floor writes
    the owners the product chose (the choice itself has no SQL floor): one
    UPDATE and the history rows."""
    env, cr = bench.env, bench.cr
    with bench.savepoint():
        cr.execute(SQL("UPDATE crm_team SET si_assignment_mode = 'matching', "
                       "assignment_optout = false WHERE name->>'en_US' LIKE %s",
                       "Bench Team%"))
        env.invalidate_all()
        cr.execute(SQL("""
            SELECT l.id FROM crm_lead l
              JOIN crm_team t ON t.id = l.team_id
              LEFT JOIN crm_stage s ON s.id = l.stage_id
             WHERE l.user_id IS NULL AND l.pool_id IS NULL AND l.active
               AND t.si_assignment_mode = 'matching' AND NOT t.assignment_optout
               AND NOT COALESCE(s.is_won, false)
        """))
        ids = [row[0] for row in cr.fetchall()]

        def product():
            env["si.rep"]._cron_auto_assign()
            env.flush_all()
            owners = _owners(cr, ids)
            return sum(1 for user in owners.values() if user), owners

        def floor(owners):
            pairs = [(lead, user) for lead, user in owners.items() if user]
            cr.execute(SQL("""
                CREATE TEMP TABLE bench_assigned AS
                SELECT unnest(%s::int[]) AS id, unnest(%s::int[]) AS user_id
            """, [p[0] for p in pairs], [p[1] for p in pairs]))
            cr.execute(SQL("""
                UPDATE crm_lead l
                   SET user_id = a.user_id, pool_id = NULL, pool_date = NULL,
                       pool_warning_date = NULL, pool_protected_until = NULL,
                       si_rematch_suggested = false,
                       date_open = now() at time zone 'UTC',
                       write_uid = %(uid)s, write_date = now() at time zone 'UTC'
                  FROM bench_assigned a WHERE l.id = a.id
            """, uid=env.uid))
            cr.execute(SQL("""
                INSERT INTO si_lead_assignment
                       (lead_id, kind, user_id, score, author_id, company_id, date,
                        create_uid, create_date, write_uid, write_date)
                SELECT a.id, 'auto', a.user_id, 0, %(uid)s, l.company_id,
                       now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC',
                       %(uid)s, now() at time zone 'UTC'
                  FROM bench_assigned a JOIN crm_lead l ON l.id = a.id
            """, uid=env.uid))
            cr.execute(SQL("DROP TABLE bench_assigned"))
            return _owners(cr, ids)

        bench.measure("automatic assignment (rows: assigned)", product, floor,
                      floor_first=False)


CASES = [recycling, assignment]
