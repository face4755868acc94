# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class SiExpenseCategory(models.Model):
    """A kind of sales expense budgeted with the sales target (travel,
    entertainment, marketing, other), made of Odoo Expenses' products: an
    expense counts against the budget of the category of its product."""

    _name = "si.expense.category"
    _inherit = ["si.name.limit.mixin"]
    _description = "Sales Expense Category"
    _order = "sequence, id"

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
    product_ids = fields.Many2many(
        comodel_name="product.product",
        relation="si_expense_category_product_rel",
        column1="category_id",
        column2="product_id",
        string="Expense Products",
        domain=[("can_be_expensed", "=", True)],
        help="The expense products (Odoo Expenses' categories) whose expenses "
        "count against this budget. An expense whose product is in no "
        "category does not count as a sales expense.",
    )
    description = fields.Text(
        translate=True,
    )

    _sql_constraints = [
        ("name_uniq", "unique (name)",
         "An expense category of that name already exists."),
    ]

    @api.constrains("product_ids")
    def _check_one_category_per_product(self):
        self.env["si.expense.category"].flush_model(["product_ids"])
        self.env.cr.execute(SQL("""
            SELECT product_id FROM si_expense_category_product_rel
             WHERE product_id IN %s
          GROUP BY product_id HAVING count(*) > 1 LIMIT 1
        """, tuple(self.product_ids.ids) or (0,)))
        row = self.env.cr.fetchone()
        if row:
            raise ValidationError(_(
                "The expense product %s is already in another expense category: "
                "a product counts in one category only.",
                self.env["product.product"].browse(row[0]).display_name))
