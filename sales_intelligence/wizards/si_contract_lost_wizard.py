# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiContractLostWizard(models.TransientModel):
    """The customer does not renew: why."""

    _name = "si.contract.lost.wizard"
    _description = "Renewal Lost"

    contract_id = fields.Many2one(
        comodel_name="contract.contract",
        string="Contract",
        required=True,
        ondelete="cascade",
    )
    lost_reason_id = fields.Many2one(
        comodel_name="crm.lost.reason",
        string="Reason",
        required=True,
    )
    note = fields.Text()

    def action_lost(self):
        self.ensure_one()
        self.contract_id._mark_renewal_lost(self.lost_reason_id, self.note)
        return {"type": "ir.actions.act_window_close"}
