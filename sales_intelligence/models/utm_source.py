# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .crm_lead import ENTRY_CHANNELS


class UtmSource(models.Model):
    _inherit = "utm.source"

    si_entry_channel = fields.Selection(
        selection=ENTRY_CHANNELS,
        string="Entry Channel",
        help="Leads from this source get this entry channel.",
    )
