# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.0.3 keeps the lead's pool on each follow-up (lead_pool_id) for the
follow-up rule of reps. The column is added and filled here, for the
follow-ups of leads in a pool only, so that Odoo does not compute it on
every follow-up (millions of rows) when it finds the new field."""
import logging

from odoo.tools import SQL
from odoo.tools.sql import column_exists, table_exists

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version or not table_exists(cr, "si_lead_followup") \
            or column_exists(cr, "si_lead_followup", "lead_pool_id"):
        return
    cr.execute(SQL("ALTER TABLE si_lead_followup ADD COLUMN lead_pool_id integer"))
    cr.execute(SQL("""
        UPDATE si_lead_followup f SET lead_pool_id = l.pool_id
          FROM crm_lead l
         WHERE l.id = f.lead_id AND l.pool_id IS NOT NULL
    """))
    _logger.info("Follow-ups: the pool of %s follow-ups' leads kept", cr.rowcount)
