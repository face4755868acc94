# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # The pool rules look for open quotations of each lead; most orders have
    # no opportunity, hence an index of the set values only.
    opportunity_id = fields.Many2one(
        index="btree_not_null",
    )
