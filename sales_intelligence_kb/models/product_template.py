# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    floor_price = fields.Float(
        digits="Product Price",
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
                    _("The floor price of %s cannot be negative.", template.name))
            if (template.floor_price > template.list_price
                    and not template.floor_above_list_confirmed):
                raise ValidationError(_(
                    "The floor price of %s is above its sales price. Lower it, or "
                    "tick 'Floor Above Sales Price Confirmed' if that is what you "
                    "mean.", template.name))
