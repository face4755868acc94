# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiKbTag(models.Model):
    _name = "si.kb.tag"
    _inherit = ["si.name.limit.mixin"]
    _description = "Knowledge Tag"
    _order = "name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    color = fields.Integer()

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A tag with this name already exists."),
    ]
