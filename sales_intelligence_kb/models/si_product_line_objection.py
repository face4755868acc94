# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiProductLineObjection(models.Model):
    _name = "si.product.line.objection"
    _description = "Product Line Objection"
    _order = "product_line_id, sequence, id"

    product_line_id = fields.Many2one(
        comodel_name="si.product.line",
        required=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(
        default=10,
    )
    objection = fields.Text(
        required=True,
        translate=True,
        help="What customers say, e.g. 'too expensive'.",
    )
    answer = fields.Text(
        translate=True,
        help="The answer that worked.",
    )
    competitor = fields.Char(
        help="The competitor the objection usually comes from, if any.",
    )
