"""Contracts: the nightly renewal scan (contracts whose notice is due
marked upcoming, a renewal opportunity and a to-do for each), first run on
contracts none of which is in a renewal cycle yet, and re-run."""
from odoo.tools import SQL

DEFAULT_NOTICE_DAYS = 60


def _renewal_state(cr):
    cr.execute(SQL("""
        SELECT count(*) FILTER (WHERE c.renewal_state = 'upcoming'),
               count(l.id), COALESCE(sum(c.id) FILTER (WHERE l.id IS NOT NULL), 0),
               COALESCE(sum(l.user_id), 0), round(COALESCE(sum(l.expected_revenue), 0))
          FROM contract_contract c
          LEFT JOIN crm_lead l ON l.id = c.renewal_lead_id
         WHERE c.contract_type = 'sale'
    """))
    return tuple(float(v) for v in cr.fetchone())


def _renewal_floor(env):
    """One UPDATE marking the due contracts, one INSERT of their
    opportunities (expected revenue: the contract value, none being invoiced
    here) linked back by a second UPDATE, one INSERT of the to-dos."""
    cr = env.cr
    cr.execute(SQL("""
        UPDATE contract_contract c SET renewal_state = 'upcoming'
          FROM contract_contract a
          LEFT JOIN contract_template tpl ON tpl.id = a.contract_template_id
          LEFT JOIN crm_team t ON t.id = a.team_id
         WHERE c.id = a.id AND a.active AND a.contract_type = 'sale'
           AND a.date_end >= current_date
           AND a.date_end <= current_date + COALESCE(
                   NULLIF(a.renewal_notice_days, 0), NULLIF(tpl.renewal_notice_days, 0),
                   t.renewal_notice_days, %s)
           AND a.renewal_state IN ('not_due', 'renewed')
           AND a.renewed_by_id IS NULL AND a.renewal_lead_id IS NULL
    """, DEFAULT_NOTICE_DAYS))
    params = dict(uid=env.uid, model=env["ir.model"]._get_id("crm.lead"),
                  type=env.ref("mail.mail_activity_data_todo").id)
    cr.execute(SQL("""
        WITH new AS (
            INSERT INTO crm_lead
                   (name, type, active, partner_id, user_id, team_id, company_id,
                    expected_revenue, date_deadline, renewal_contract_id,
                    renewal_date_end, probability, stage_id, priority,
                    chance_level, entry_channel, followup_frequency, followup_count,
                    is_dormant, rejected, is_key_lead,
                    create_uid, create_date, write_uid, write_date)
            SELECT 'Renewal: ' || c.name, 'opportunity', true, c.partner_id,
                   COALESCE(c.user_id, c.customer_user_id),
                   COALESCE(c.team_id, u.sale_team_id), c.company_id,
                   c.contract_value, c.date_end, c.id, c.date_end, 10,
                   (SELECT id FROM crm_stage ORDER BY sequence, id LIMIT 1), '0',
                   'medium', 'other', 'none', 0, false, false, false,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM contract_contract c
              LEFT JOIN res_users u ON u.id = COALESCE(c.user_id, c.customer_user_id)
             WHERE c.renewal_state = 'upcoming' AND c.renewal_lead_id IS NULL
         RETURNING id, renewal_contract_id, user_id, name
        ), linked AS (
            UPDATE contract_contract c SET renewal_lead_id = new.id
              FROM new WHERE c.id = new.renewal_contract_id
        )
        INSERT INTO mail_activity
               (res_id, res_model_id, res_model, res_name, activity_type_id,
                summary, date_deadline, user_id, automated, active,
                create_uid, create_date, write_uid, write_date)
        SELECT id, %(model)s, 'crm.lead', name, %(type)s, 'Contract expiring',
               current_date, COALESCE(user_id, %(uid)s), false, true, %(uid)s,
               now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
          FROM new
    """, **params))
    return _renewal_state(cr)


def renewals(bench):
    env, cr = bench.env, bench.cr
    Contract = env["contract.contract"]
    with bench.savepoint():
        # a first scan: no contract in a renewal cycle, no renewal opportunity
        cr.execute(SQL("UPDATE contract_contract SET renewal_state = 'not_due', "
                       "renewal_lead_id = NULL WHERE contract_type = 'sale'"))
        cr.execute(SQL("DELETE FROM mail_activity WHERE res_model = 'crm.lead' "
                       "AND res_id IN (SELECT id FROM crm_lead "
                       "WHERE renewal_contract_id IS NOT NULL)"))
        cr.execute(SQL("DELETE FROM crm_lead WHERE renewal_contract_id IS NOT NULL"))
        env.invalidate_all()
        cr.execute(SQL("SELECT count(*) FROM contract_contract "
                       "WHERE contract_type = 'sale'"))
        total = cr.fetchone()[0]

        def product():
            Contract._cron_scan_renewals()
            env.flush_all()
            return total, _renewal_state(cr)

        bench.measure("renewal scan (rows: contracts)", product,
                      lambda: _renewal_floor(env))
        bench.measure("renewal scan, re-run", product, lambda: _renewal_floor(env))


CASES = [renewals]
