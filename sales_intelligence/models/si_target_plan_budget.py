# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.expense_budget import cost_of_sale


class SiTargetPlanBudget(models.Model):
    """The expense budget of a plan for one expense category. Changing it
    in a decomposed draft plan splits it again over the plan's lines and rep
    targets, in the proportions of their targets."""

    _name = "si.target.plan.budget"
    _description = "Sales Expense Budget by Category"
    _inherit = ["si.target.plan.link.mixin"]
    _order = "plan_id, sequence, category_id, id"

    category_id = fields.Many2one(
        comodel_name="si.expense.category",
        string="Expense Category",
        required=True,
        ondelete="restrict",
        index=True,
    )
    sequence = fields.Integer(
        related="category_id.sequence",
        store=True,
    )
    amount = fields.Monetary(
        string="Budget",
        help="What the year's sales may spend on this category, in the "
        "company currency.",
    )
    expense_amount = fields.Monetary(
        string="Expenses",
        readonly=True,
        help="Approved and posted expenses of the plan's reps in this "
        "category (untaxed, company currency), as of the last refresh.",
    )
    budget_left = fields.Monetary(
        compute="_compute_budget_left",
        store=True,
    )
    cost_of_sale = fields.Float(
        string="Cost of Sale (%)",
        compute="_compute_budget_left",
        store=True,
        digits=(16, 1),
        aggregator="max",
        help="Expenses of this category / the plan's actual results, in "
        "percent; 0 without actual results.",
    )

    _sql_constraints = [
        ("category_uniq", "unique (plan_id, category_id)",
         "A plan has one budget per expense category."),
    ]

    @api.depends("amount", "expense_amount", "plan_id.actual_amount")
    def _compute_budget_left(self):
        for budget in self:
            budget.budget_left = budget.amount - budget.expense_amount
            budget.cost_of_sale = cost_of_sale(budget.expense_amount,
                                               budget.plan_id.actual_amount)

    @api.constrains("amount")
    def _check_amount(self):
        for budget in self:
            if budget.amount < 0:
                raise ValidationError(_(
                    "The expense budget for %(category)s cannot be negative "
                    "(%(amount)s).", category=budget.category_id.name,
                    amount=budget.amount))

    @api.model_create_multi
    def create(self, vals_list):
        budgets = super().create(vals_list)
        # a category without budget may join a confirmed plan: its expenses
        # are tracked from then on
        budgets.filtered("amount").plan_id._ensure_editable()
        budgets._after_budget_change()
        return budgets

    def write(self, vals):
        if self.env.context.get("si_budget_auto"):
            return super().write(vals)
        if {"amount", "category_id"} & set(vals):
            self.browse().check_access("write")
            self.plan_id._ensure_editable()
        res = super().write(vals)
        if {"amount", "category_id"} & set(vals):
            self._after_budget_change()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_drafts(self):
        self.plan_id._ensure_editable()

    def unlink(self):
        plans = self.plan_id
        res = super().unlink()
        # the budget cells of a removed category go with it
        for plan in plans:
            plan._decompose_budget(self.browse())
            plan._refresh_expenses()
        return res

    def _after_budget_change(self):
        """Split the changed budgets again over the plan's lines and reps,
        and book the expenses on the new cells."""
        for plan in self.plan_id:
            plan._decompose_budget(self.filtered(lambda b: b.plan_id == plan))
            plan._refresh_expenses()
