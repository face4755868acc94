# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from odoo.addons.sales_intelligence.tools.association import net_unit_price, premium


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    floor_price = fields.Monetary(
        compute="_compute_floor_price",
        groups="sales_intelligence_kb.group_floor_price",
        help="The product's floor price per unit, in the order's currency and "
        "unit of measure.",
    )
    is_below_floor = fields.Boolean(
        compute="_compute_is_below_floor",
        store=True,
        string="Below Floor",
        help="The unit price after discount is below the floor price.",
    )
    premium_amount = fields.Monetary(
        compute="_compute_floor_price",
        groups="sales_intelligence_kb.group_floor_price",
        help="(Net unit price - floor price) x quantity: what was sold above "
        "the floor price.",
    )
    premium_rate = fields.Float(
        compute="_compute_floor_price",
        groups="sales_intelligence_kb.group_floor_price",
        help="Net unit price above the floor price, as a share of the floor price.",
    )

    # Only the flag is stored: it is what reps without the floor price group
    # may see (stored computed fields are computed as superuser).
    @api.depends("product_id", "product_uom", "price_unit", "discount",
                 "order_id.currency_id", "order_id.date_order")
    def _compute_is_below_floor(self):
        floors = self._floor_prices_in_order_currency()
        for line in self:
            floor = floors[line]
            net = net_unit_price(line.price_unit, line.discount)
            currency = line.currency_id or line.order_id.company_id.currency_id
            line.is_below_floor = bool(floor) and currency.compare_amounts(
                net, floor) < 0

    @api.depends("product_id", "product_uom", "product_uom_qty", "price_unit",
                 "discount", "order_id.currency_id", "order_id.date_order")
    def _compute_floor_price(self):
        floors = self._floor_prices_in_order_currency()
        for line in self:
            floor = floors[line]
            amount, rate = premium(
                net_unit_price(line.price_unit, line.discount), floor)
            line.floor_price = floor
            line.premium_amount = amount * line.product_uom_qty if floor else 0.0
            line.premium_rate = rate

    def _floor_prices_in_order_currency(self):
        """{line: the product's floor price per unit of the line's unit of
        measure, in the order's currency at the order's date} (0: no floor).
        The products' floor prices are read once per company."""
        floors = {}
        for company, lines in self.grouped(
                lambda line: line.order_id.company_id or self.env.company).items():
            product_floors = lines.product_id._get_floor_prices(company)
            for line in lines:
                floors[line] = line._convert_floor_price(
                    product_floors.get(line.product_id.id, 0.0), company)
        return floors

    def _convert_floor_price(self, floor, company):
        """`floor`, per unit of the product's UoM in `company`'s currency, per
        unit of the line's UoM in the order's currency."""
        self.ensure_one()
        if not floor or not self.product_id:
            return 0.0
        if self.product_uom and self.product_uom != self.product_id.uom_id:
            floor = self.product_id.uom_id._compute_price(floor, self.product_uom)
        currency = self.order_id.currency_id
        if currency and currency != company.currency_id:
            floor = company.currency_id._convert(
                floor, currency, company,
                fields.Date.to_date(self.order_id.date_order)
                or fields.Date.context_today(self))
        return floor
