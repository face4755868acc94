# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.crm_lead import REJECT_REASONS


class SiLeadRejectWizard(models.TransientModel):
    _name = "si.lead.reject.wizard"
    _description = "Reject Leads"

    lead_ids = fields.Many2many(
        comodel_name="crm.lead",
        string="Leads",
        required=True,
    )
    reason = fields.Selection(
        selection=REJECT_REASONS,
        required=True,
        default="no_intent",
    )
    note = fields.Text()

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "crm.lead":
            res["lead_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return res

    @api.multi
    def action_reject(self):
        self.ensure_one()
        self.lead_ids.action_reject(self.reason, self.note)
        return {"type": "ir.actions.act_window_close"}
