# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiTargetLine(models.Model):
    """The target of one team for one month and one customer industry."""

    _name = "si.target.line"
    _description = "Sales Target by Month, Industry and Team"
    _inherit = ["si.target.amount.mixin"]
    _order = "plan_id, date_month, team_id, industry_id, id"

    date_month = fields.Date(
        string="Month",
        required=True,
        index=True,
        help="First day of the month.",
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        index=True,
    )
    industry_id = fields.Many2one(
        comodel_name="res.partner.industry",
        string="Industry",
        index=True,
        help="Industry of the customer's company; empty for customers without "
        "one.",
    )

    def write(self, vals):
        self._check_amount_write(vals)
        res = super().write(vals)
        if "amount" in vals:
            self._write_rates()
            if not self._defer_check():
                self.plan_id._check_consistency()
        return res
