# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SiProductLine(models.Model):
    _name = "si.product.line"
    _description = "Product Line"
    _order = "sequence, name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    code = fields.Char(
        help="Short reference used in reports and exports.",
    )
    sequence = fields.Integer(
        default=10,
    )
    active = fields.Boolean(
        default=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env["res.company"]._company_default_get(
            "si.product.line"),
        help="Leave empty to share the product line between companies.",
    )
    value_proposition = fields.Html(
        translate=True,
        help="What the customer gains: the arguments a rep leads with.",
    )
    product_ids = fields.Many2many(
        comodel_name="product.product",
        string="Products",
    )
    industry_ids = fields.Many2many(
        comodel_name="res.partner.industry",
        string="Target Industries",
    )
    product_count = fields.Integer(
        compute="_compute_product_count",
        string="# Products",
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)",
         "The code of a product line must be unique per company."),
    ]

    @api.depends("product_ids")
    def _compute_product_count(self):
        for line in self:
            line.product_count = len(line.product_ids)
