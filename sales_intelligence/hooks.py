# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Installation on a database that already holds many leads.

The addon adds stored computed fields to crm.lead. Odoo would compute them
record by record at installation, which takes hours for a million leads:
this hook creates the columns first and fills them in bulk, so Odoo finds
them ready.
"""
import logging

from odoo import SUPERUSER_ID, api

from .models.si_lead_pool import ODOO_LEAD_RULE
from .tools.normalize import (
    normalize_company_name,
    normalize_email,
    normalize_phone_or_none,
)

_logger = logging.getLogger(__name__)

_COLUMNS = [
    ("phone_normalized", "varchar"),
    ("mobile_normalized", "varchar"),
    ("email_normalized", "varchar"),
    ("company_name_normalized", "varchar"),
    ("company_vat", "varchar"),
    ("industry_id", "integer"),
    ("sales_mode", "varchar"),
    ("si_region_id", "integer"),
]
BATCH = 20000


def fill_lead_columns(cr, batch=BATCH):
    """Fill the normalised and related columns of every lead, in batches."""
    cr.execute("""
        UPDATE crm_lead l
           SET company_vat = cp.vat, industry_id = cp.industry_id
          FROM res_partner p JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE p.id = l.partner_id
    """)
    # No sales region exists yet; the teams' mode is new too (B2B by default).
    cr.execute("""
        UPDATE crm_lead l
           SET sales_mode = CASE
               WHEN COALESCE(l.partner_name, '') <> '' OR cp.is_company THEN 'b2b'
               WHEN l.partner_id IS NOT NULL THEN 'b2c'
               ELSE 'b2b' END
          FROM crm_lead l2
          LEFT JOIN res_partner p ON p.id = l2.partner_id
          LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE l2.id = l.id
    """)
    last_id = 0
    while True:
        cr.execute("""
            SELECT l.id, l.phone, l.mobile, l.email_from,
                   COALESCE(l.partner_name,
                            CASE WHEN cp.is_company THEN cp.name END),
                   COALESCE(lc.code, pc.code, cc.code)
              FROM crm_lead l
              LEFT JOIN res_country lc ON lc.id = l.country_id
              LEFT JOIN res_partner p ON p.id = l.partner_id
              LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
              LEFT JOIN res_country pc ON pc.id = p.country_id
              LEFT JOIN res_company co ON co.id = l.company_id
              LEFT JOIN res_partner cop ON cop.id = co.partner_id
              LEFT JOIN res_country cc ON cc.id = cop.country_id
             WHERE l.id > %s ORDER BY l.id LIMIT %s
        """, (last_id, batch))
        rows = cr.fetchall()
        if not rows:
            break
        values = [(normalize_phone_or_none(phone, country),
                   normalize_phone_or_none(mobile, country),
                   normalize_email(email), normalize_company_name(name), lead_id)
                  for lead_id, phone, mobile, email, name, country in rows]
        cr.executemany("""
            UPDATE crm_lead SET phone_normalized = %s, mobile_normalized = %s,
                   email_normalized = %s, company_name_normalized = %s
             WHERE id = %s
        """, values)
        last_id = rows[-1][0]
    _logger.info("Lead columns filled up to lead id %s", last_id)


def pre_init_hook(cr):
    for name, sql_type in _COLUMNS:
        # Column names and types are the constants above.
        cr.execute(  # pylint: disable=sql-injection
            "ALTER TABLE crm_lead ADD COLUMN IF NOT EXISTS %s %s" % (name, sql_type))
    fill_lead_columns(cr)


def uninstall_hook(cr, registry):
    """Give Odoo's CRM back its own record rule for reps."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["si.lead.pool"]._install_lead_rule(ODOO_LEAD_RULE)
