# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LEVELS = [
    ("team", "Month and Team"),
    ("rep", "Rep"),
]


class SiTargetBudgetCell(models.Model):
    """The expense budget of one category for one team's month or one rep
    target (month, team and rep), and the expenses booked against it. The
    team cells of a category sum to the plan's budget of that category; the
    cells of the reps of a team and month to the team's cell of that month.
    The team's lines of the month (by industry) share its cells in the
    proportions of their targets (si.target.plan._write_line_budgets)."""

    _name = "si.target.budget.cell"
    _description = "Sales Expense Budget of a Team's Month or a Rep Target"
    _inherit = ["si.target.plan.link.mixin"]
    _order = "plan_id, date_month, team_id, user_id, category_id, id"

    level = fields.Selection(
        selection=LEVELS,
        required=True,
        readonly=True,
    )
    rep_line_id = fields.Many2one(
        comodel_name="si.target.rep.line",
        string="Rep Target",
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    category_id = fields.Many2one(
        comodel_name="si.expense.category",
        string="Expense Category",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    date_month = fields.Date(
        string="Month",
        required=True,
        index=True,
        readonly=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        index=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        index=True,
        readonly=True,
    )
    amount = fields.Monetary(
        string="Budget",
    )
    expense_amount = fields.Monetary(
        string="Expenses",
        readonly=True,
    )
    budget_left = fields.Monetary(
        compute="_compute_budget_left",
    )
    is_manual = fields.Boolean(
        string="Manual Override",
        readonly=True,
        help="A rep's budget set by hand: kept when the other reps of the "
        "team are rebalanced.",
    )

    @api.depends("amount", "expense_amount")
    def _compute_budget_left(self):
        for cell in self:
            cell.budget_left = cell.amount - cell.expense_amount

    @api.constrains("amount")
    def _check_amount(self):
        for cell in self:
            if cell.amount < 0:
                raise ValidationError(_(
                    "An expense budget cannot be negative (%(category)s, "
                    "%(month)s: %(amount)s).", category=cell.category_id.name,
                    month=cell.date_month.strftime("%Y-%m"), amount=cell.amount))

    def write(self, vals):
        if self.env.context.get("si_budget_auto") or "amount" not in vals:
            return super().write(vals)
        self.browse().check_access("write")
        self.plan_id._ensure_editable()
        res = super().write(vals)
        # a rep's budget set by hand is kept when the team is rebalanced
        reps = self.filtered(lambda c: c.level == "rep")
        if reps:
            super(SiTargetBudgetCell, reps).write({"is_manual": True})
        if not self.env.context.get("si_target_defer_check"):
            self.plan_id._check_budget_consistency()
        return res

    def action_clear_manual(self):
        self.with_context(si_budget_auto=True).write({"is_manual": False})
        return True
