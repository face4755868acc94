# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SiSaleSuggestionWizardLine(models.TransientModel):
    _name = "si.sale.suggestion.wizard.line"
    _description = "Suggested Complementary Product"
    _order = "score desc, id"

    wizard_id = fields.Many2one(
        comodel_name="si.sale.suggestion.wizard",
        required=True,
        ondelete="cascade",
    )
    selected = fields.Boolean(
        string="Add",
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        required=True,
    )
    quantity = fields.Float(
        default=1.0,
    )
    score = fields.Float(
        digits=(16, 2),
        help="Confidence with which the products already on the quotation lead "
        "to this one, weighted by the lift.",
    )
    reason = fields.Char()

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(_("The quantity to add must be positive."))
