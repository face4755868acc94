# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import KnowledgeBaseCase


class TestFloorPrice(KnowledgeBaseCase):

    def test_above_floor_shows_premium_and_confirms(self):
        order = self._quotation([(self.product, 2, 100.0, 0.0)])
        line = order.order_line
        self.assertFalse(line.is_below_floor)
        self.assertAlmostEqual(line.floor_price, 80.0)
        self.assertAlmostEqual(line.premium_amount, 40.0)
        self.assertAlmostEqual(line.premium_rate, 0.25)
        self.assertAlmostEqual(order.premium_amount, 40.0)
        self.assertEqual(order.floor_state, "ok")
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_price_at_floor_is_not_below(self):
        order = self._quotation([(self.product, 1, 80.0, 0.0)])
        self.assertFalse(order.order_line.is_below_floor)
        self.assertEqual(order.floor_state, "ok")

    def test_discount_below_floor_blocks_a_rep(self):
        order = self._quotation([(self.product, 1, 100.0, 25.0),
                                 (self.product_b, 1, 10.0, 0.0)])
        below = order.order_line.filtered("is_below_floor")
        self.assertEqual(below.product_id, self.product)
        self.assertAlmostEqual(below.premium_amount, -5.0)
        self.assertEqual(order.floor_state, "to_approve")
        with self.assertRaisesRegex(UserError, "sales manager must approve"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertIn(order, self.env["sale.order"].search(
            [("floor_state", "=", "to_approve")]))

    def test_rep_gets_the_message_in_chinese(self):
        order = self._quotation([(self.product, 1, 70.0, 0.0)])
        with self.assertRaisesRegex(UserError, "销售经理审批"):
            order.with_user(self.rep).with_context(lang="zh_CN").action_confirm()

    def test_manager_must_approve_before_confirming(self):
        order = self._quotation([(self.product, 1, 70.0, 0.0)])
        with self.assertRaisesRegex(UserError, "Approve Below Floor"):
            order.with_user(self.manager).action_confirm()

    def test_manager_approval_with_reason(self):
        order = self._quotation([(self.product, 3, 70.0, 0.0)])
        action = order.with_user(self.manager).action_open_floor_approval()
        wizard = self.env[action["res_model"]].with_user(self.manager).with_context(
            **action["context"]).create({"reason": "Strategic first order"})
        self.assertEqual(wizard.line_ids, order.order_line)
        wizard.action_approve()
        self.assertEqual(order.floor_state, "approved")
        self.assertEqual(order.floor_approved_by_id, self.manager)
        self.assertEqual(order.floor_approval_reason, "Strategic first order")
        self.assertTrue(order.message_ids.filtered(
            lambda m: "Strategic first order" in (m.body or "")))
        order.with_user(self.rep).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_rep_cannot_approve(self):
        order = self._quotation([(self.product, 1, 70.0, 0.0)])
        with self.assertRaises(AccessError):
            order.with_user(self.rep).action_open_floor_approval()
        with self.assertRaises(AccessError):
            order.with_user(self.rep)._approve_floor_prices("I decide")
        self.assertEqual(order.floor_state, "to_approve")

    def test_approval_needs_a_reason(self):
        order = self._quotation([(self.product, 1, 70.0, 0.0)])
        with self.assertRaises(UserError):
            order.with_user(self.manager)._approve_floor_prices("  ")
        self.assertFalse(order.floor_approved_by_id)

    def test_lower_price_after_approval_needs_new_approval(self):
        order = self._quotation([(self.product, 1, 70.0, 0.0)])
        order.with_user(self.manager)._approve_floor_prices("Competitor match")
        self.assertEqual(order.floor_state, "approved")
        order.order_line.with_user(self.rep).write({"price_unit": 60.0})
        self.assertEqual(order.floor_state, "to_approve")
        with self.assertRaises(UserError):
            order.action_confirm()

    def test_floor_change_after_quotation_is_checked_at_confirmation(self):
        order = self._quotation([(self.product, 1, 85.0, 0.0)])
        self.assertEqual(order.floor_state, "ok")
        self.product.floor_price = 90.0
        with self.assertRaises(UserError):
            order.with_user(self.rep).action_confirm()
        self.assertEqual(order.state, "draft")
        # the refused confirmation was rolled back with its refreshed check;
        # the same check flags the line
        order._refresh_floor_state()
        self.assertTrue(order.order_line.is_below_floor)
        self.assertEqual(order.floor_state, "to_approve")

    def test_floor_from_product_line_ratio(self):
        self.env["si.product.line"].create({
            "name": "KB line", "code": "KB-RATIO", "list_price": 1000.0,
            "floor_price": 800.0, "product_ids": [(6, 0, self.product_b.ids)]})
        self.assertAlmostEqual(self.product_b._get_floor_price(), 40.0)
        order = self._quotation([(self.product_b, 1, 39.0, 0.0)])
        self.assertTrue(order.order_line.is_below_floor)
        # a product's own floor price wins over the line's ratio
        self.product_b.floor_price = 30.0
        self.assertAlmostEqual(self.product_b._get_floor_price(), 30.0)

    def test_floor_in_order_unit_of_measure(self):
        dozen = self.env.ref("uom.product_uom_dozen")
        order = self._quotation([(self.product, 1, 900.0, 0.0)])
        order.order_line.write({"product_uom": dozen.id, "price_unit": 900.0})
        self.assertAlmostEqual(order.order_line.floor_price, 960.0)
        self.assertTrue(order.order_line.is_below_floor)

    def test_floor_in_order_currency(self):
        company = self.env.company
        other = self.env["res.currency"].with_context(active_test=False).search(
            [("id", "!=", company.currency_id.id)], limit=1)
        other.active = True
        today = fields.Date.today()
        for currency, rate in ((company.currency_id, 1.0), (other, 2.0)):
            self.env["res.currency.rate"].search([
                ("currency_id", "=", currency.id), ("name", ">=", today)]).unlink()
            self.env["res.currency.rate"].create({
                "currency_id": currency.id, "rate": rate, "name": today,
                "company_id": company.id})
        pricelist = self.env["product.pricelist"].create({
            "name": "KB other currency", "currency_id": other.id})
        order = self._quotation([(self.product, 1, 150.0, 0.0)],
                                pricelist_id=pricelist.id)
        self.assertEqual(order.currency_id, other)
        self.assertAlmostEqual(order.order_line.floor_price, 160.0)
        self.assertTrue(order.order_line.is_below_floor)

    def test_floor_above_list_price_needs_confirmation(self):
        template = self.product.product_tmpl_id
        with self.assertRaisesRegex(ValidationError, "above its sales price"):
            with self.env.cr.savepoint():
                template.write({"floor_price": 120.0})
        template.write({"floor_price": 120.0, "floor_above_list_confirmed": True})
        self.assertEqual(template.floor_price, 120.0)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            template.write({"floor_price": -1.0})

    def test_product_line_floor_rules(self):
        Line = self.env["si.product.line"].with_user(self.manager)
        with self.assertRaisesRegex(ValidationError, "above its list price"):
            with self.env.cr.savepoint():
                Line.create({"name": "Bad", "list_price": 100.0, "floor_price": 150.0})
        line = Line.create({"name": "Good", "list_price": 100.0, "floor_price": 70.0})
        self.assertAlmostEqual(line.premium_room, 30.0)
        self.assertAlmostEqual(line.premium_rate, 30.0 / 70.0)
        line.write({"floor_price": 110.0, "floor_above_list_confirmed": True})
        self.assertAlmostEqual(line.premium_room, -10.0)

    def test_floor_prices_hidden_from_reps_when_configured(self):
        self.assertEqual(
            self.product.product_tmpl_id.with_user(self.rep).read(["floor_price"])[0][
                "floor_price"], 80.0)
        self.env["res.config.settings"].create(
            {"group_si_floor_price_rep": False}).execute()
        order = self._quotation([(self.product, 1, 70.0, 0.0)])
        line = order.order_line.with_user(self.rep)
        self.assertTrue(line.read(["is_below_floor"])[0]["is_below_floor"])
        with self.assertRaises(AccessError):
            line.read(["floor_price"])
        with self.assertRaises(AccessError):
            self.product.product_tmpl_id.with_user(self.rep).read(["floor_price"])
        self.assertEqual(order.order_line.with_user(self.manager).read(
            ["floor_price"])[0]["floor_price"], 80.0)
        self.env["res.config.settings"].create(
            {"group_si_floor_price_rep": True}).execute()
        self.assertEqual(line.read(["floor_price"])[0]["floor_price"], 80.0)

    def test_rep_cannot_change_floor_prices(self):
        with self.assertRaises(AccessError):
            self.product.product_tmpl_id.with_user(self.rep).write({"floor_price": 1.0})
