# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.crm_lead import CHANCE_LEVELS
from ..models.si_lead_followup import FOLLOWUP_CHANNELS


class SiLeadFollowupWizard(models.TransientModel):
    """Log a follow-up from the lead in one or two clicks; chance level and
    stage change with it, in the same transaction."""

    _name = "si.lead.followup.wizard"
    _description = "Log a Follow-up"

    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Lead",
        required=True,
        ondelete="cascade",
    )
    channel = fields.Selection(
        selection=FOLLOWUP_CHANNELS,
        default="call",
        required=True,
    )
    date = fields.Datetime(
        default=fields.Datetime.now,
        required=True,
    )
    content = fields.Text(
        help="What was discussed.",
    )
    outcome = fields.Char(
        help="Agreed next step, objection or decision.",
    )
    chance_level = fields.Selection(
        selection=CHANCE_LEVELS,
        required=True,
    )
    chance_reason_id = fields.Many2one(
        comodel_name="crm.lost.reason",
        string="Low/No Chance Reason",
    )
    stage_id = fields.Many2one(
        comodel_name="crm.stage",
        string="Stage",
    )
    next_date = fields.Date(
        string="Next Follow-up",
        help="Leave empty to follow the lead's follow-up plan.",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        lead = self.env["crm.lead"].browse(
            res.get("lead_id") or self.env.context.get("active_id"))
        if lead:
            res.update({
                "lead_id": lead.id,
                "chance_level": lead.chance_level,
                "chance_reason_id": lead.chance_reason_id.id,
                "stage_id": lead.stage_id.id,
            })
        return res

    def action_log(self):
        self.ensure_one()
        lead = self.lead_id
        # the follow-up changes the lead: only for who may change it
        lead.check_access("write")
        if self.chance_level in ("low", "none") and not self.chance_reason_id:
            raise UserError(_("Say why the chance is low or none (reason)."))
        followup = self.env["si.lead.followup"].create(self._prepare_followup())
        values = {"chance_level": self.chance_level,
                  "chance_reason_id": self.chance_reason_id.id}
        if self.stage_id and self.stage_id != lead.stage_id:
            values["stage_id"] = self.stage_id.id
        # The follow-up above already records these changes.
        lead.with_context(si_followup_logged=True).write(values)
        return {"type": "ir.actions.act_window_close",
                "res_id": followup.id}

    def _prepare_followup(self):
        return {
            "lead_id": self.lead_id.id,
            "kind": "followup",
            "channel": self.channel,
            "date": self.date,
            "content": self.content,
            "outcome": self.outcome,
            "chance_before": self.lead_id.chance_level,
            "chance_after": self.chance_level,
            "stage_before_id": self.lead_id.stage_id.id,
            "stage_after_id": (self.stage_id or self.lead_id.stage_id).id,
            "next_date": self.next_date,
        }
