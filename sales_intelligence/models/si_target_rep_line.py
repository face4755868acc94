# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

TRENDS = [
    ("up", "Rising"),
    ("steady", "Holding"),
    ("down", "Falling"),
]


class SiTargetRepLine(models.Model):
    """The target of one rep for one month: a share of the team's target."""

    _name = "si.target.rep.line"
    _description = "Rep Sales Target"
    _inherit = ["si.target.amount.mixin"]
    _order = "plan_id, date_month, team_id, user_id, id"

    date_month = fields.Date(
        string="Month",
        required=True,
        index=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        required=True,
        index=True,
    )
    team_leader_id = fields.Many2one(
        related="team_id.user_id",
        store=True,
        string="Team Leader",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        required=True,
        index=True,
    )
    is_manual = fields.Boolean(
        string="Manual Override",
        readonly=True,
        help="Set by hand: kept when the other reps of the team are "
        "rebalanced.",
    )
    trend = fields.Selection(
        selection=TRENDS,
        readonly=True,
        help="Completion of this month against the month before: is the rep "
        "holding the pace?",
    )
    months_on_target = fields.Integer(
        string="Months on Target",
        readonly=True,
        aggregator="max",
        help="Consecutive months up to this one with a completion of 100 % "
        "or more.",
    )

    def write(self, vals):
        auto = self.env.context.get("si_target_auto")
        if "amount" in vals and not auto:
            self._check_amount_write(vals)
            vals = dict(vals, is_manual=True)
        res = super().write(vals)
        if "amount" in vals:
            self._write_rates()
            if not auto and not self._defer_check():
                self.plan_id._check_consistency()
        return res

    def action_clear_manual(self):
        self.write({"is_manual": False})
        return True
