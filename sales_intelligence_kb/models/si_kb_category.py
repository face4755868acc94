# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiKbCategory(models.Model):
    _name = "si.kb.category"
    _description = "Knowledge Category"
    _order = "sequence, name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    active = fields.Boolean(
        default=True,
    )
    description = fields.Text(
        translate=True,
    )
    article_count = fields.Integer(
        compute="_compute_article_count",
        string="# Articles",
    )

    def _compute_article_count(self):
        counts = dict(self.env["si.kb.article"]._read_group(
            [("category_id", "in", self.ids)], ["category_id"], ["__count"]))
        for category in self:
            category.article_count = counts.get(category, 0)
