# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SiTargetRepWizard(models.TransientModel):
    """The team's expense budget split to its reps with the target, in the
    proportions of the rep targets."""

    _inherit = "si.target.rep.wizard"

    def action_apply(self):
        res = super(SiTargetRepWizard, self.with_context(
            si_budget_skip_expenses=True)).action_apply()
        plan = self.plan_id
        plan._split_budget_to_reps(teams=self.team_ids or None)
        plan._refresh_expenses()
        return res
