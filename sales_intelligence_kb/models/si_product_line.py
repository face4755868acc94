# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SiProductLine(models.Model):
    _name = "si.product.line"
    _inherit = ["si.name.limit.mixin"]
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
        default=lambda self: self.env.company,
        help="Leave empty to share the product line between companies.",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_currency_id",
        help="The company's currency (the current company's for a shared line).",
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
    customer_size = fields.Selection(
        selection=[
            ("individual", "Individuals"),
            ("small", "Small companies"),
            ("medium", "Medium companies"),
            ("large", "Large companies"),
            ("any", "Any size"),
        ],
        string="Target Customer Size",
        default="any",
    )
    product_count = fields.Integer(
        compute="_compute_product_count",
        string="# Products",
    )
    list_price = fields.Monetary(
        currency_field="currency_id",
        help="Reference price of the line's typical offer, as on the price list.",
    )
    floor_price = fields.Monetary(
        currency_field="currency_id",
        groups="sales_intelligence_kb.group_floor_price",
        help="The bottom line of the typical offer: a rep may not sell under it "
        "without a sales manager's approval. Products of the line without a "
        "floor price of their own get the same ratio of their list price.",
    )
    floor_above_list_confirmed = fields.Boolean(
        string="Floor Above List Price Confirmed",
        groups="sales_intelligence_kb.group_floor_price",
        help="Tick to confirm on purpose a floor price above the list price "
        "(every sale then needs an approval).",
    )
    premium_room = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_premium_room",
        groups="sales_intelligence_kb.group_floor_price",
        help="List price minus floor price: how far a rep can negotiate.",
    )
    premium_rate = fields.Float(
        compute="_compute_premium_room",
        groups="sales_intelligence_kb.group_floor_price",
        help="Premium room as a share of the floor price.",
    )
    competitors = fields.Text(
        translate=True,
        help="Who we meet in deals of this line, and how we differ.",
    )
    objection_ids = fields.One2many(
        comodel_name="si.product.line.objection",
        inverse_name="product_line_id",
        string="Objections and Answers",
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)",
         "The code of a product line must be unique per company."),
    ]

    @api.depends("company_id")
    def _compute_currency_id(self):
        for line in self:
            line.currency_id = (line.company_id or self.env.company).currency_id

    @api.depends("product_ids")
    def _compute_product_count(self):
        for line in self:
            line.product_count = len(line.product_ids)

    @api.depends("list_price", "floor_price")
    def _compute_premium_room(self):
        for line in self:
            line.premium_room = line.list_price - line.floor_price
            line.premium_rate = (line.premium_room / line.floor_price
                                 if line.floor_price else 0.0)

    @api.constrains("list_price", "floor_price", "floor_above_list_confirmed")
    def _check_floor_price(self):
        for line in self:
            if line.floor_price < 0 or line.list_price < 0:
                raise ValidationError(
                    _("Prices of product line %s cannot be negative.", line.name))
            if (line.floor_price > line.list_price
                    and not line.floor_above_list_confirmed):
                raise ValidationError(_(
                    "The floor price of product line %s is above its list price. "
                    "Lower it, or tick 'Floor Above List Price Confirmed' if that "
                    "is what you mean.", line.name))

    def _floor_ratio(self):
        """Floor price / list price of the first line with both, or 0."""
        for line in self:
            if line.list_price and line.floor_price:
                return line.floor_price / line.list_price
        return 0.0
