# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _get_floor_price(self, company=None):
        """Floor price of the product per unit of its UoM in the company's
        currency: its own, else its sales price times the floor ratio of its
        product line (shared or of `company`, the current one by default),
        else 0 (no floor)."""
        self.ensure_one()
        # sudo: the floor price may be hidden from the current user (a rep),
        # but the flag on the quotation must still be computed; only the
        # resulting flag is shown to users without the floor price group.
        product = self.sudo()
        if product.floor_price:
            return product.floor_price
        company = company or self.env.company
        lines = self.env["si.product.line"].sudo().search([
            ("product_ids", "in", self.ids),
            ("company_id", "in", [False, company.id]),
        ])
        return product.lst_price * lines._floor_ratio()
