# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CrmTeamMember(models.Model):
    """Team memberships decide which pools a rep sees (lead record rule)."""

    _inherit = "crm.team.member"

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        self.env["si.lead.pool"]._visibility_changed()
        return members

    def write(self, vals):
        res = super().write(vals)
        if {"user_id", "crm_team_id", "active"} & set(vals):
            self.env["si.lead.pool"]._visibility_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["si.lead.pool"]._visibility_changed()
        return res
