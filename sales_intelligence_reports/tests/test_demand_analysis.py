# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError

from .common import ReportCase

MEASURES = [
    "product_qty:sum",
    "qty_delivered:sum",
    "qty_to_deliver:sum",
    "amount:sum",
    "amount_delivered:sum",
    "amount_to_deliver:sum",
    "delivered_rate:avg",
]


class TestDemandAnalysis(ReportCase):
    _report = "si.demand.analysis"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep2 = cls._create_user(
            "si_demand_rep2", ["sales_team.group_sale_salesman"])
        cls.team = cls.env["crm.team"].create({
            "name": "Demand team", "user_id": cls.manager.id,
            "member_ids": [(6, 0, [cls.rep.id, cls.rep2.id])]})
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({
            "name": "Demand Co", "is_company": True, "user_id": cls.rep.id})
        cls.customer2 = Partner.create({
            "name": "Demand Two", "is_company": True, "user_id": cls.rep2.id})
        Product = cls.env["product.product"]
        cls.unit = cls.env.ref("uom.product_uom_unit")
        cls.dozen = cls.env.ref("uom.product_uom_dozen")
        cls.bolt = Product.create({"name": "Demand bolt", "type": "consu",
                                   "list_price": 5.0, "uom_id": cls.unit.id,
                                   "uom_po_id": cls.unit.id})
        cls.nut = Product.create({"name": "Demand nut", "type": "consu",
                                  "list_price": 1.0})
        cls.month = date.today().replace(day=1)
        commitment = fields.Datetime.to_datetime(cls.month + relativedelta(days=14))
        # the rep's order: 10 bolts (4 delivered) and 2 dozen bolts
        cls.order = cls._order(cls.customer, cls.rep, [
            (cls.bolt, 10, 5.0, cls.unit), (cls.bolt, 2, 60.0, cls.dozen)],
            commitment_date=commitment)
        cls.order.order_line[0].qty_delivered = 4
        # the second rep's order, delivered
        cls.order2 = cls._order(cls.customer2, cls.rep2, [
            (cls.bolt, 5, 5.0, cls.unit)], commitment_date=commitment)
        cls.order2.order_line.qty_delivered = 5
        # a cancelled order is no demand
        cancelled = cls._order(cls.customer, cls.rep, [(cls.bolt, 1000, 1.0, cls.unit)])
        cancelled._action_cancel()
        # the rep's contract: 3 bolts a month for 5 months from this month,
        # 2 nuts a quarter from next month, no end
        cls.contract = cls.env["contract.contract"].create({
            "name": "Demand contract", "partner_id": cls.customer.id,
            "user_id": cls.rep.id, "team_id": cls.team.id,
            "line_recurrence": True, "date_start": cls.month,
            "contract_line_ids": [
                Command.create({
                    "product_id": cls.bolt.id, "name": "Bolts", "quantity": 3,
                    "price_unit": 10.0, "recurring_rule_type": "monthly",
                    "recurring_interval": 1, "date_start": cls.month,
                    "date_end": cls.month + relativedelta(months=5, days=-1)}),
                Command.create({
                    "product_id": cls.nut.id, "name": "Nuts", "quantity": 2,
                    "price_unit": 1.0, "recurring_rule_type": "quarterly",
                    "recurring_interval": 1,
                    "date_start": cls.month + relativedelta(months=1)}),
            ]})
        cls.env.flush_all()

    @classmethod
    def _order(cls, partner, user, lines, **values):
        order = cls.env["sale.order"].create(dict(values, **{
            "partner_id": partner.id, "user_id": user.id, "team_id": cls.team.id,
            "order_line": [Command.create({
                "product_id": product.id, "product_uom_qty": qty,
                "price_unit": price, "product_uom": uom.id, "tax_id": False})
                for product, qty, price, uom in lines]}))
        order.action_confirm()
        return order

    def domain(self):
        return ["|", ("order_id", "in", (self.order | self.order2).ids),
                ("contract_id", "=", self.contract.id)]

    def test_quantities_delivered_and_to_deliver(self):
        products = self.groups(self.manager, self.domain(), MEASURES, "product_id")
        bolts = products[self.bolt.id]
        # ordered 10 + 24 + 5, contract 5 x 3
        self.assertEqual(bolts["product_qty"], 39.0 + 15.0)
        self.assertEqual(bolts["qty_delivered"], 9.0)
        self.assertEqual(bolts["qty_to_deliver"], 30.0 + 15.0)
        self.assertEqual(products[self.nut.id]["product_qty"], 8.0, "4 quarters x 2")
        origins = self.groups(self.manager, self.domain(), MEASURES, "origin")
        sale = origins["sale"]
        self.assertEqual(sale["amount"], 50.0 + 120.0 + 25.0)
        self.assertEqual(sale["amount_delivered"], 20.0 + 25.0)
        self.assertEqual(sale["amount_to_deliver"], 30.0 + 120.0)
        self.assertAlmostEqual(sale["delivered_rate"], 45.0 / 195.0)
        contract = origins["contract"]
        self.assertEqual(contract["amount"], 150.0 + 8.0)
        self.assertEqual(contract["qty_delivered"], 0.0)

    def test_contract_schedule_by_month(self):
        cells = self.groups(self.manager, [("contract_id", "=", self.contract.id)],
                            MEASURES, ["product_id", "date:month"])
        bolts = sorted(row["product_qty"] for (product, _m), row in cells.items()
                       if product == self.bolt.id)
        self.assertEqual(bolts, [3.0] * 5)
        rows = self.env[self._report].search([("contract_id", "=", self.contract.id),
                                              ("product_id", "=", self.nut.id)])
        self.assertEqual(sorted(rows.mapped("date")), [
            self.month + relativedelta(months=n) for n in (1, 4, 7, 10)])
        this_month = self.total(self.manager, [
            ("contract_id", "=", self.contract.id), ("date", "=", self.month)],
            MEASURES)
        self.assertEqual(this_month["product_qty"], 3.0)

    def test_rep_sees_own_orders_and_contracts(self):
        rows = self.env[self._report].with_user(self.rep).search(self.domain())
        self.assertEqual(rows.order_id, self.order)
        self.assertEqual(rows.contract_id, self.contract)
        total = self.total(self.rep, self.domain(), MEASURES)
        self.assertEqual(total["qty_delivered"], 4.0)
        self.assertEqual(total["product_qty"], sum(rows.mapped("product_qty")))
        rows2 = self.env[self._report].with_user(self.rep2).search(self.domain())
        self.assertEqual(rows2.order_id, self.order2)
        self.assertFalse(rows2.contract_id)
        hidden = self.env[self._report].search([("order_id", "=", self.order2.id)])
        with self.assertRaises(AccessError):
            hidden.with_user(self.rep).read(["amount"])

    def test_manager_and_finance_see_all(self):
        for user in (self.manager, self.finance):
            total = self.total(user, self.domain(), MEASURES)
            self.assertEqual(total["product_qty"], 39.0 + 15.0 + 8.0, user.login)

    def test_views_load_for_every_role(self):
        self.assert_views_load([self.rep, self.manager, self.finance])

    def test_menus_per_role(self):
        finance_menus = {
            "sales_intelligence_reports.si_plan_completion_analysis_finance_menu",
            "sales_intelligence_reports.si_renewal_analysis_finance_menu",
            "sales_intelligence_reports.si_demand_analysis_finance_menu",
        }
        crm_menus = {
            "sales_intelligence_reports.si_lead_analysis_menu",
            "sales_intelligence_reports.si_lead_funnel_menu",
            "sales_intelligence_reports.si_plan_completion_analysis_menu",
            "sales_intelligence_reports.si_rep_completion_analysis_menu",
            "sales_intelligence_reports.si_pool_analysis_menu",
            "sales_intelligence_reports.si_renewal_analysis_menu",
            "sales_intelligence_reports.si_demand_analysis_menu",
        }
        finance = self.visible_menus(self.finance)
        self.assertTrue(finance_menus <= finance)
        self.assertFalse(crm_menus & finance, "finance has no CRM menus")
        rep = self.visible_menus(self.rep)
        self.assertTrue(crm_menus <= rep)
        self.assertFalse(finance_menus & rep)
