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
        return self._get_floor_prices(company)[self.id]

    def _get_floor_prices(self, company=None):
        """{product id: floor price} of these products (see
        `_get_floor_price`), with one search of the product lines."""
        company = company or self.env.company
        # sudo: the floor price may be hidden from the current user (a rep),
        # but the flag on the quotation must still be computed; only the
        # resulting flag is shown to users without the floor price group.
        products = self.sudo()
        floors = {product.id: product.floor_price for product in products}
        without = products.filtered(lambda product: not floors[product.id])
        if without:
            lines = self.env["si.product.line"].sudo().search([
                ("product_ids", "in", without.ids),
                ("company_id", "in", [False, company.id]),
            ])
            for product in without:
                ratio = lines.filtered(
                    lambda line, product=product: product in line.product_ids
                )._floor_ratio()
                floors[product.id] = product.lst_price * ratio
        return floors
