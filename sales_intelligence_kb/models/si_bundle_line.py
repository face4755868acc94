# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SiBundleLine(models.Model):
    _name = "si.bundle.line"
    _description = "Product Combination Line"
    _order = "bundle_id, sequence, id"

    bundle_id = fields.Many2one(
        comodel_name="si.bundle",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        required=True,
        index=True,
    )
    quantity = fields.Float(
        digits="Product Unit of Measure",
        default=1.0,
    )
    list_price = fields.Float(
        related="product_id.lst_price",
        readonly=True,
    )

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(_(
                    "The quantity of %s in a combination must be positive.",
                    line.product_id.display_name))
