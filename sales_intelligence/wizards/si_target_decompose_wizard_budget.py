# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SiTargetDecomposeWizard(models.TransientModel):
    """The expense budget decomposed with the target: each category over the
    new lines in the proportions of their targets."""

    _inherit = "si.target.decompose.wizard"

    def _replace_lines(self, plan, grid, actuals):
        res = super()._replace_lines(plan, grid, actuals)
        plan._decompose_budget()
        return res
