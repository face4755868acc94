# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

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
                # the plan's day is the rep's, up to a day off the UTC date:
                # the refresh counts by the rep's time zone
                day = followup.date.date()
                domain += ["&", ("user_id", "=", followup.user_id.id),
                           ("date", "in", [day - timedelta(days=1), day,
                                           day + timedelta(days=1)])]
            self.env["si.daily.plan"].search(domain)._refresh_done()
        return followups
