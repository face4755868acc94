# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..tools.target_completion import growth, rate


class SiTargetAmountMixin(models.AbstractModel):
    """What the target lines of a plan share: their plan and the target,
    actual and last-year amounts with the rates derived from them."""

    _name = "si.target.amount.mixin"
    _description = "Sales Target Amounts"
    _inherit = ["si.target.plan.link.mixin"]

    amount = fields.Monetary(
        string="Target",
    )
    actual_amount = fields.Monetary(
        string="Actual",
        readonly=True,
    )
    last_year_amount = fields.Monetary(
        string="Last Year",
        readonly=True,
    )
    completion_rate = fields.Float(
        string="Completion (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="max",
    )
    growth_rate = fields.Float(
        string="Growth (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="max",
    )

    def _write_rates(self):
        """Completion and growth of lines whose amount changed (no amount in
        these values: the lines' own write checks do not run again)."""
        for line in self:
            line.write({
                "completion_rate": rate(line.actual_amount, line.amount),
                "growth_rate": growth(line.amount, line.last_year_amount),
            })

    def _check_amount_write(self, vals):
        """Amounts change only in draft plans, by users who may write."""
        if "amount" in vals:
            # the access error comes before the state's: a rep is told the
            # targets are not theirs to change
            self.browse().check_access("write")
            self.plan_id._ensure_editable()

    @api.model
    def _defer_check(self):
        return self.env.context.get("si_target_defer_check")
