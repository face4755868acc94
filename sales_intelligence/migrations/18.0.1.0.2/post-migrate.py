# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.0.2 computes a lead's days without follow-up from the date of its
last follow-up (or of its reception) when it is read or searched, where
18.0.1.0.1 stored it and rewrote it on every lead every night. The nightly
action and the stored column (and its index: one less to keep up on each
write of a lead) go."""
import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    # records of noupdate data, which Odoo does not remove by itself: the
    # cron, then its server action (which stays when the cron goes)
    for xmlid in ("ir_cron_refresh_days_since_followup",
                  "ir_cron_refresh_days_since_followup_ir_actions_server"):
        record = env.ref(f"sales_intelligence.{xmlid}", raise_if_not_found=False)
        if record:
            record.unlink()
            _logger.info("Nightly ageing of days without follow-up removed: %s", xmlid)
    if column_exists(cr, "crm_lead", "days_since_followup"):
        cr.execute(SQL("ALTER TABLE crm_lead DROP COLUMN days_since_followup"))
