# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command

from odoo.addons.sales_intelligence.tests.common import SalesIntelligenceCase


class KnowledgeBaseCase(SalesIntelligenceCase):
    """Products with floor prices, a customer and a second rep."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # messages are asserted in English; one test checks the Chinese ones
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.rep2 = cls._create_user("si_rep2", ["sales_team.group_sale_salesman"])
        cls.industry = cls.env["res.partner.industry"].create({"name": "KB Mining"})
        cls.customer = cls.env["res.partner"].create({
            "name": "KB Customer Ltd", "is_company": True, "customer_rank": 1,
            "industry_id": cls.industry.id})
        cls.pricelist = cls.env["product.pricelist"].create({
            "name": "KB list",
            "currency_id": cls.env.company.currency_id.id})
        cls.product = cls._create_product("KB Gateway", 100.0, floor_price=80.0)
        cls.product_b = cls._create_product("KB Sensor", 50.0)
        cls.product_c = cls._create_product("KB Install", 200.0)
        cls.product_d = cls._create_product("KB Training", 30.0)

    @classmethod
    def _create_product(cls, name, price, **values):
        return cls.env["product.product"].create(dict(
            values, name=name, list_price=price, type="service", sale_ok=True,
            taxes_id=[Command.clear()]))

    @classmethod
    def _quotation(cls, lines, user=None, **values):
        """A quotation of `user` (the rep by default) with (product, qty,
        price, discount) lines."""
        values.setdefault("partner_id", cls.customer.id)
        order = cls.env["sale.order"].with_user(user or cls.rep).create(dict(
            values,
            pricelist_id=values.get("pricelist_id", cls.pricelist.id),
            user_id=(user or cls.rep).id,
            order_line=[Command.create({
                "product_id": product.id,
                "name": product.name,
                "product_uom_qty": qty,
                "product_uom": product.uom_id.id,
                "price_unit": price,
                "discount": discount,
            }) for product, qty, price, discount in lines],
        ))
        return order
