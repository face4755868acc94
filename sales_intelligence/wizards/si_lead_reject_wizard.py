# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.crm_lead_quality import REJECT_REASONS


class SiLeadRejectWizard(models.TransientModel):
    _name = "si.lead.reject.wizard"
    _description = "Reject Leads"

    lead_ids = fields.Many2many(
        comodel_name="crm.lead",
        relation="si_lead_reject_wizard_lead_rel",
        column1="wizard_id",
        column2="lead_id",
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
        if (self.env.context.get("active_model") == "crm.lead"
                and "lead_ids" in fields_list):
            res["lead_ids"] = [
                fields.Command.set(self.env.context.get("active_ids", []))]
        return res

    def action_reject(self):
        self.ensure_one()
        # No sudo: the user's own rights on the leads apply to the rejection.
        self.lead_ids.action_reject(self.reason, self.note)
        return {"type": "ir.actions.act_window_close"}
