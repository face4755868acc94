# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmStage(models.Model):
    """A stage that becomes won or not changes the won figures of all its
    leads: the lead-conversion snapshot is built again."""

    _inherit = "crm.stage"

    def write(self, vals):
        if "is_won" in vals and any(s.is_won != vals["is_won"] for s in self):
            self.env["si.lead.analysis.snapshot"]._invalidate_snapshot()
        return super().write(vals)


class ResCompany(models.Model):
    """Whether rejected leads count in the conversion base changes the base
    of all the company's leads: the snapshot is built again."""

    _inherit = "res.company"

    def write(self, vals):
        field = "si_conversion_excludes_rejected"
        if field in vals and any(c[field] != bool(vals[field]) for c in self):
            self.env["si.lead.analysis.snapshot"]._invalidate_snapshot()
        return super().write(vals)
