# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiTargetPlanLinkMixin(models.AbstractModel):
    """What every record of a plan carries: its plan, and the plan's company,
    currency and state."""

    _name = "si.target.plan.link.mixin"
    _description = "Sales Target Plan Link"

    plan_id = fields.Many2one(
        comodel_name="si.target.plan",
        string="Plan",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="plan_id.company_id",
        store=True,
    )
    currency_id = fields.Many2one(
        related="plan_id.currency_id",
    )
    state = fields.Selection(
        related="plan_id.state",
    )
