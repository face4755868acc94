# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiTargetLine(models.Model):
    """The expense budget of a team's month and industry, by category."""

    _inherit = "si.target.line"

    budget_cell_ids = fields.One2many(
        comodel_name="si.target.budget.cell",
        inverse_name="line_id",
        string="Expense Budget by Category",
    )
