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
        groups = self.env["si.kb.article"].read_group(
            [("category_id", "in", self.ids)], ["category_id"], ["category_id"])
        counts = {g["category_id"][0]: g["category_id_count"] for g in groups}
        for category in self:
            category.article_count = counts.get(category.id, 0)


class SiKbTag(models.Model):
    _name = "si.kb.tag"
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
