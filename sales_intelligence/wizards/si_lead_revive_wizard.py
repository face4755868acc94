# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SiLeadReviveWizard(models.TransientModel):
    """A revival campaign: dead, low-chance or lost leads back to active with
    an owner and a chance level, logged on each lead."""

    _name = "si.lead.revive.wizard"
    _description = "Revive Dead Leads"

    lead_ids = fields.Many2many(
        comodel_name="crm.lead",
        string="Leads",
        required=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="New Owner",
        help="Leave empty to keep each lead's owner.",
    )
    pool_id = fields.Many2one(
        comodel_name="si.lead.pool",
        string="Send to Pool",
        help="Put the revived leads in this pool for any rep to claim, "
        "instead of giving them an owner.",
    )
    chance_level = fields.Selection(
        selection=[("medium", "Medium"), ("low", "Low")],
        default="low",
        required=True,
    )
    campaign_id = fields.Many2one(
        comodel_name="utm.campaign",
        string="Campaign",
        help="The revival campaign, to measure what it brings back.",
    )
    note = fields.Text(
        string="Why Now",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "crm.lead":
            res["lead_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return res

    def action_revive(self):
        self.ensure_one()
        # archived (lost) leads are revived too
        leads = self.with_context(active_test=False).lead_ids
        if not leads:
            raise UserError(_("Select the leads to revive."))
        leads.check_access("write")
        if self.user_id and self.pool_id:
            raise UserError(_("Give the revived leads a new owner or send them to "
                              "a pool, not both."))
        Followup = self.env["si.lead.followup"]
        for lead in leads:
            Followup.create({
                "lead_id": lead.id,
                "kind": "revive",
                "content": self.note,
                "chance_before": lead.chance_level,
                "chance_after": self.chance_level,
                "stage_before_id": lead.stage_id.id,
                "stage_after_id": lead.stage_id.id,
            })
        values = {
            "active": True,
            "chance_level": self.chance_level,
            "chance_reason_id": False,
            "lost_reason_id": False,
            "probability": 10,
            "rejected": False,
            "reject_reason": False,
        }
        if self.user_id:
            values["user_id"] = self.user_id.id
        if self.campaign_id:
            values["campaign_id"] = self.campaign_id.id
        leads.with_context(si_followup_logged=True).write(values)
        if self.pool_id:
            leads._send_to_pool(self.pool_id, self.note or _("Revived for the pool."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Revived Leads"),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": [("id", "in", leads.ids)],
        }
