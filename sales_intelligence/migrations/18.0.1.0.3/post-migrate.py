# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.0.3: the follow-up rule of reps reads the pool kept on the
follow-up (pre-migrate.py) rather than the lead's. The rule is noupdate
data, which an upgrade does not rewrite: its condition is set here, unless
an administrator changed it."""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

PREVIOUS = ("['|', '|', ('user_id', '=', user.id), ('lead_user_id', '=', user.id), "
            "'&', ('lead_user_id', '=', False), '|', ('lead_id.pool_id', '=', False), "
            "('lead_id.pool_id', 'in', user.si_pool_ids.ids)]")
CURRENT = ("['|', '|', ('user_id', '=', user.id), ('lead_user_id', '=', user.id), "
           "'&', ('lead_user_id', '=', False), '|', ('lead_pool_id', '=', False), "
           "('lead_pool_id', 'in', user.si_pool_ids.ids)]")


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("sales_intelligence.si_lead_followup_rule_salesman",
                   raise_if_not_found=False)
    if rule and rule.domain_force == PREVIOUS:
        rule.domain_force = CURRENT
        _logger.info("Follow-ups: the rule of reps reads the follow-up's lead pool")
