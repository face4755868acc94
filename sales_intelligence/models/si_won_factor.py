# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiWonFactor(models.Model):
    """A reason that wins deals (price, relationship, product fit...), picked
    by reps in won-deal summaries; the list is configured by managers."""

    _name = "si.won.factor"
    _inherit = ["si.name.limit.mixin"]
    _description = "Won-deal Factor"
    _order = "sequence, name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    active = fields.Boolean(
        default=True,
    )
    description = fields.Text(
        translate=True,
        help="What the factor means, so that reps pick it consistently.",
    )
    summary_count = fields.Integer(
        compute="_compute_summary_count",
        string="# Won Deals",
    )

    _sql_constraints = [
        ("name_uniq", "unique (name)", "A won-deal factor with this name exists."),
    ]

    def _compute_summary_count(self):
        groups = self.env["si.won.analysis"]._read_group(
            [("dimension", "=", "factor"), ("factor_id", "in", self.ids)],
            ["factor_id"], ["__count"])
        counts = {factor.id: count for factor, count in groups}
        for factor in self:
            factor.summary_count = counts.get(factor.id, 0)
