# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SiFloorApprovalWizard(models.TransientModel):
    _name = "si.floor.approval.wizard"
    _description = "Approve Prices Below Floor"

    order_id = fields.Many2one(
        comodel_name="sale.order",
        required=True,
        ondelete="cascade",
    )
    line_ids = fields.Many2many(
        comodel_name="sale.order.line",
        compute="_compute_line_ids",
        string="Lines Below Floor",
    )
    reason = fields.Text(
        required=True,
        help="Why this customer gets a price below the floor price; logged on "
        "the quotation.",
    )

    @api.depends("order_id")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = wizard.order_id.order_line.filtered("is_below_floor")

    def action_approve(self):
        self.ensure_one()
        self.order_id._approve_floor_prices(self.reason)
        return {"type": "ir.actions.act_window_close"}
