# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The intake channel a lead came in through (public form or JSON API)."""
from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    si_intake_channel_id = fields.Many2one(
        comodel_name="si.intake.channel",
        string="Intake Channel",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The public form or app / partner-site channel that sent this lead.",
    )
