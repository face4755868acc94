# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiKbArticleReader(models.Model):
    _name = "si.kb.article.reader"
    _description = "Knowledge Article Reader"
    _order = "article_id, user_id"

    article_id = fields.Many2one(
        comodel_name="si.kb.article",
        required=True,
        ondelete="cascade",
        index=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        ondelete="cascade",
        index=True,
    )
    view_count = fields.Integer(
        string="# Views",
    )
    last_view_date = fields.Datetime()
    acknowledged = fields.Boolean()
    acknowledged_date = fields.Datetime()

    _sql_constraints = [
        ("article_user_uniq", "unique(article_id, user_id)",
         "A user has one reading record per article."),
    ]
