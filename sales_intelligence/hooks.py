# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Installation on a database that already holds many leads.

The addon adds stored computed fields to crm.lead. Odoo would compute them
record by record at installation, which takes hours for a million leads:
this hook creates the columns first and fills them in bulk, so Odoo finds
them ready. Normalised e-mail and phone are Odoo's own (`email_normalized`,
`phone_sanitized`), filled by CRM already.
"""
import logging

from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

from .models.crm_lead import LEAD_INDEXES
from .models.si_lead_pool import ODOO_LEAD_RULE
from .tools.normalize import normalize_company_name

_logger = logging.getLogger(__name__)

_COLUMNS = [
    ("company_name_normalized", "varchar"),
    ("company_vat", "varchar"),
    ("industry_id", "int4"),
    ("sales_mode", "varchar"),
    ("si_region_id", "int4"),
]
BATCH = 20000


def fill_lead_columns(cr, batch=BATCH):
    """Fill the normalised and related columns of every lead, in batches."""
    cr.execute(SQL("""
        UPDATE crm_lead l
           SET company_vat = cp.vat, industry_id = cp.industry_id
          FROM res_partner p JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE p.id = l.partner_id
    """))
    # No sales region exists yet; the teams' mode is new too (B2B by default).
    cr.execute(SQL("""
        UPDATE crm_lead l
           SET sales_mode = CASE
               WHEN COALESCE(l.partner_name, '') <> '' OR cp.is_company THEN 'b2b'
               WHEN l.partner_id IS NOT NULL THEN 'b2c'
               ELSE 'b2b' END
          FROM crm_lead l2
          LEFT JOIN res_partner p ON p.id = l2.partner_id
          LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE l2.id = l.id
    """))
    last_id = 0
    while True:
        cr.execute(SQL("""
            SELECT l.id,
                   COALESCE(NULLIF(l.partner_name, ''),
                            CASE WHEN cp.is_company THEN cp.name END)
              FROM crm_lead l
              LEFT JOIN res_partner p ON p.id = l.partner_id
              LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
             WHERE l.id > %s ORDER BY l.id LIMIT %s
        """, last_id, batch))
        rows = cr.fetchall()
        if not rows:
            break
        ids = [lead_id for lead_id, _name in rows]
        keys = [normalize_company_name(name) for _lead_id, name in rows]
        cr.execute(SQL("""
            UPDATE crm_lead l SET company_name_normalized = v.key
              FROM unnest(%s::int[], %s::varchar[]) AS v(id, key)
             WHERE l.id = v.id
        """, ids, keys))
        last_id = rows[-1][0]
    _logger.info("Lead columns filled up to lead id %s", last_id)


def pre_init_hook(env):
    cr = env.cr
    for name, sql_type in _COLUMNS:
        if not column_exists(cr, "crm_lead", name):
            create_column(cr, "crm_lead", name, sql_type)
    fill_lead_columns(cr)


def release_module_data(env, module):
    """Before Odoo removes `module`'s records and tables at uninstallation:

    - the rows of the module's own tables that restrict the deletion of other
      rows of the module (a budget of an expense category, a fulfilment line
      of a type) are deleted first: Odoo deletes the module's data records
      (the categories) before it drops the tables that refer to them, and
      each refused deletion logs an error. These tables are dropped a moment
      later anyway;
    - the module's activity types that activities still use are left to the
      database (their external ids removed): the activities on Odoo's leads
      and their types stay as they are.
    Nothing of Odoo's own tables is deleted."""
    tables = [model._table for model in env.registry.values()
              if model._original_module == module and model._auto
              and not model._abstract]
    rows = env.execute_query(SQL("""
        SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint c
         WHERE c.contype = 'f' AND c.confdeltype = 'r'
           AND c.conrelid::regclass::text = ANY(%(tables)s)
           AND c.confrelid::regclass::text = ANY(%(tables)s)
    """, tables=tables))
    for table in sorted({table for table, _constraint in rows}):
        env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(table)))
    env.cr.execute(SQL("""
        DELETE FROM ir_model_data d
         WHERE d.module = %s AND d.model = 'mail.activity.type'
           AND EXISTS (SELECT 1 FROM mail_activity a
                        WHERE a.activity_type_id = d.res_id)
    """, module))
    _logger.info("Uninstalling %s: rows of %s deleted first, %d activity types "
                 "kept", module, sorted({table for table, _c in rows}),
                 env.cr.rowcount)


def uninstall_hook(env):
    """Give Odoo's CRM back its own record rule for reps and its lead table
    without the dormant detection's triggers and the addon's indexes; let
    Odoo remove the addon's data without refused deletions."""
    env["si.lead.pool"]._install_lead_rule(ODOO_LEAD_RULE)
    env["si.dormant.rule"]._drop_dormant_queue()
    for name in LEAD_INDEXES:
        env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
    release_module_data(env, "sales_intelligence")
