# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiIntakeTokenShow(models.AbstractModel):
    """Shows a new channel token once, as Odoo shows a new API key: an
    abstract model, so the token is never written to the database."""

    _name = "si.intake.token.show"
    _description = "Show Intake Channel Token"

    # the field 'id' is necessary for the onchange that returns the defaults
    id = fields.Id()
    token = fields.Char(
        readonly=True,
    )
    channel_name = fields.Char(
        string="Channel",
        readonly=True,
    )
