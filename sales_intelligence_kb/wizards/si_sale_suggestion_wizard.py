# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


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

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            order = wizard.order_id
            suggestions = self.env["si.bundle"]._suggestions(
                order.order_line.product_id, order.company_id)
            wizard.write({"line_ids": [Command.create({
                "product_id": product.id,
                "score": score,
                "reason": reason,
                "selected": rank < 3,
            }) for rank, (product, score, reason) in enumerate(suggestions)]})
        return wizards

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
        # unit, description, price and discount are computed from the product
        # and the order's pricelist, as for a line entered by hand
        self.env["sale.order.line"].create([
            self._prepare_order_line_values(suggestion) for suggestion in selected])
        return {"type": "ir.actions.act_window_close"}

    def _prepare_order_line_values(self, suggestion):
        return {
            "order_id": self.order_id.id,
            "product_id": suggestion.product_id.id,
            "product_uom_qty": suggestion.quantity,
        }
