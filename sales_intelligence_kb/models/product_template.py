# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons import decimal_precision as dp


class ProductTemplate(models.Model):
    _inherit = "product.template"

    floor_price = fields.Float(
        digits=dp.get_precision("Product Price"),
        groups="sales_intelligence_kb.group_floor_price",
        help="The lowest unit price (after discount, in the company's currency) "
        "a rep may sell at without a sales manager's approval. Empty: the ratio "
        "floor / list price of the product's product line applies.",
    )
    floor_above_list_confirmed = fields.Boolean(
        string="Floor Above Sales Price Confirmed",
        groups="sales_intelligence_kb.group_floor_price",
        help="Tick to confirm on purpose a floor price above the sales price.",
    )

    @api.constrains("floor_price", "list_price", "floor_above_list_confirmed")
    def _check_floor_price(self):
        for template in self:
            if template.floor_price < 0:
                raise ValidationError(
                    _("The floor price of %s cannot be negative.") % template.name)
            if (template.floor_price > template.list_price
                    and not template.floor_above_list_confirmed):
                raise ValidationError(_(
                    "The floor price of %s is above its sales price. Lower it, or "
                    "tick 'Floor Above Sales Price Confirmed' if that is what you "
                    "mean.") % template.name)


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _get_floor_price(self):
        """Floor price of the product per unit of its UoM in the company's
        currency: its own, else its sales price times the floor ratio of its
        product line, else 0 (no floor)."""
        self.ensure_one()
        # sudo: the floor price may be hidden from the current user (a rep),
        # but the flag on the quotation must still be computed; only the
        # resulting flag is shown to users without the floor price group.
        product = self.sudo()
        if product.floor_price:
            return product.floor_price
        lines = self.env["si.product.line"].sudo().search(
            [("product_ids", "in", self.ids)])
        return product.lst_price * lines._floor_ratio()
