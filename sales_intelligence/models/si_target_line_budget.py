# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import fields, models


class SiTargetLine(models.Model):
    """The expense budget of a team's month, by category: the line's share
    of it is in its budget totals (si.target.amount.mixin)."""

    _inherit = "si.target.line"

    budget_cell_ids = fields.Many2many(
        comodel_name="si.target.budget.cell",
        string="Expense Budget by Category",
        compute="_compute_budget_cell_ids",
        help="The budget of the team's month, by category; the team's lines "
        "of the month share it in the proportions of their targets.",
    )

    def _compute_budget_cell_ids(self):
        cells = self.env["si.target.budget.cell"].search([
            ("plan_id", "in", self.plan_id.ids), ("level", "=", "team"),
            ("team_id", "in", self.team_id.ids + [False]),
            ("date_month", "in", list(set(self.mapped("date_month"))))])
        by_key = defaultdict(lambda: self.env["si.target.budget.cell"])
        for cell in cells:
            by_key[(cell.plan_id.id, cell.team_id.id, cell.date_month)] |= cell
        for line in self:
            line.budget_cell_ids = by_key[
                (line.plan_id.id, line.team_id.id, line.date_month)]
