# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class SiLeadFollowup(models.Model):
    """A follow-up logged counts at once in its rep's daily plan."""

    _inherit = "si.lead.followup"

    @api.model_create_multi
    def create(self, vals_list):
        followups = super().create(vals_list)
        done = followups.filtered(lambda f: f.kind == "followup")
        if done:
            domain = ["|"] * (len(done) - 1)
            for followup in done:
                domain += ["&", ("user_id", "=", followup.user_id.id),
                           ("date", "=", followup.date.date())]
            self.env["si.daily.plan"].search(domain)._refresh_done()
        return followups
