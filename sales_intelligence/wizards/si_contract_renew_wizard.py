# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class SiContractRenewWizard(models.TransientModel):
    """Renew a contract by a new contract, or by extending its end date."""

    _name = "si.contract.renew.wizard"
    _description = "Renew a Contract"

    contract_id = fields.Many2one(
        comodel_name="contract.contract",
        string="Contract",
        required=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        related="contract_id.partner_id",
        readonly=True,
    )
    mode = fields.Selection(
        selection=[("extend", "Extend the end date"),
                   ("new", "Link the new contract")],
        required=True,
        default="extend",
    )
    date_end = fields.Date(
        string="New End Date",
    )
    new_contract_id = fields.Many2one(
        comodel_name="contract.contract",
        string="New Contract",
        domain="[('contract_type', '=', 'sale'), ('id', '!=', contract_id),"
        " ('renewal_of_id', '=', False)]",
    )

    def action_renew(self):
        self.ensure_one()
        if self.mode == "new":
            if not self.new_contract_id:
                raise UserError(self.env._(
                    "Choose the new contract that renews this one."))
            self.contract_id._renew(new_contract=self.new_contract_id)
        else:
            self.contract_id._renew(date_end=self.date_end)
        return {"type": "ir.actions.act_window_close"}
