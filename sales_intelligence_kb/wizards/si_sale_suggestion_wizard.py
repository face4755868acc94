# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class SiSaleSuggestionWizard(models.TransientModel):
    _name = "si.sale.suggestion.wizard"
    _description = "Suggested Complementary Products"

    order_id = fields.Many2one(
        comodel_name="sale.order",
        required=True,
        ondelete="cascade",
    )
    line_ids = fields.One2many(
        comodel_name="si.sale.suggestion.wizard.line",
        inverse_name="wizard_id",
        string="Suggestions",
    )

    @api.model
    def create(self, vals):
        wizard = super().create(vals)
        order = wizard.order_id
        suggestions = self.env["si.bundle"]._suggestions(
            order.order_line.mapped("product_id"), order.company_id)
        wizard.write({"line_ids": [(0, 0, {
            "product_id": product.id,
            "score": score,
            "reason": reason,
            "selected": rank < 3,
        }) for rank, (product, score, reason) in enumerate(suggestions)]})
        return wizard

    @api.multi
    def action_add(self):
        """Add the selected products to the quotation, one line each, priced by
        the order's pricelist like a line entered by hand."""
        self.ensure_one()
        order = self.order_id
        if order.state not in ("draft", "sent"):
            raise UserError(_("Products can only be added to a quotation."))
        selected = self.line_ids.filtered("selected")
        if not selected:
            raise UserError(_("Select the products to add."))
        Line = self.env["sale.order.line"]
        for suggestion in selected:
            line = Line.new({
                "order_id": order.id,
                "product_id": suggestion.product_id.id,
                "product_uom_qty": suggestion.quantity,
            })
            line.product_id_change()
            line.product_uom_qty = suggestion.quantity
            line._onchange_discount()
            values = line._convert_to_write(line._cache)
            Line.create(values)
        return {"type": "ir.actions.act_window_close"}


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
