# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiTargetAmountMixin(models.AbstractModel):
    """The expense budget of a target line or rep target next to its target:
    the sum of its budget cells (one per expense category), the expenses
    booked against them, what is left and the cost of sale. Written in bulk
    from the cells (si.target.plan._write_budget_totals)."""

    _inherit = "si.target.amount.mixin"

    budget_amount = fields.Monetary(
        string="Expense Budget",
        readonly=True,
        copy=False,
        help="The expense budget of all categories: the share of the plan's "
        "budget given with the target.",
    )
    expense_amount = fields.Monetary(
        string="Expenses",
        readonly=True,
        copy=False,
        help="Approved and posted expenses (Odoo Expenses) of the reps, "
        "untaxed in the company currency, by expense date, as of the last "
        "refresh.",
    )
    budget_left = fields.Monetary(
        readonly=True,
        copy=False,
    )
    cost_of_sale = fields.Float(
        string="Cost of Sale (%)",
        digits=(16, 1),
        readonly=True,
        copy=False,
        aggregator="max",
        help="Expenses / actual results, in percent; 0 without actual "
        "results.",
    )
    is_over_budget = fields.Boolean(
        string="Over Budget",
        readonly=True,
        copy=False,
        help="The expenses are above the expense budget.",
    )
