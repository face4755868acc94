# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.sales_intelligence.tools.association import mine_pairs

from .common import KnowledgeBaseCase

# Mining window far from the demo data's orders, so tests see their own only
MINE_DATE = "2001-06-30"


class TestBundle(KnowledgeBaseCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write({
            "si_bundle_months": 12, "si_bundle_min_orders": 2,
            "si_bundle_min_support": 0.0, "si_bundle_min_confidence": 0.0})
        a, b, c, d = cls.product, cls.product_b, cls.product_c, cls.product_d
        cls.baskets = [[a, b]] * 4 + [[a, c], [d], [b, c, d], [b, d]]
        orders = cls.env["sale.order"]
        for basket in cls.baskets:
            orders |= cls._quotation([(p, 1, p.list_price, 0.0) for p in basket],
                                     user=cls.manager)
        for order in orders:
            order.action_confirm()
        # a confirmed order's date is its confirmation date
        orders.flush_recordset()
        cls.env.cr.execute(
            "UPDATE sale_order SET date_order = '2001-03-01 10:00:00' "
            "WHERE id IN %s", (tuple(orders.ids),))
        orders.invalidate_recordset(["date_order"])
        cls.orders = orders

    def _mined(self):
        return self.env["si.bundle"].search([
            ("kind", "=", "mined"), ("company_id", "=", self.company.id)])

    def test_mining_matches_the_reference_algorithm(self):
        count = self.env["si.bundle"]._mine_bundles(self.company, MINE_DATE)
        expected = mine_pairs([[p.id for p in basket] for basket in self.baskets],
                              min_count=2)
        self.assertEqual(count, len(expected))
        mined = self._mined()
        self.assertEqual(len(mined), len(expected))
        for bundle in mined:
            first, second = bundle.line_ids.sorted("sequence").mapped("product_id")
            key = tuple(sorted((first.id, second.id)))
            n, support, conf_ab, conf_ba, lift = expected[key]
            self.assertEqual(bundle.order_count, n)
            self.assertAlmostEqual(bundle.support, support, places=4)
            self.assertAlmostEqual(bundle.lift, lift, places=2)
            # oriented from the more confident side
            self.assertAlmostEqual(bundle.confidence, max(conf_ab, conf_ba), places=4)
            self.assertAlmostEqual(bundle.confidence_reverse, min(conf_ab, conf_ba),
                                   places=4)
        ab = mined.filtered(lambda rec: set(rec.product_ids.ids) == {
            self.product.id, self.product_b.id})
        self.assertEqual(ab.order_count, 4)
        self.assertAlmostEqual(ab.support, 0.5)
        # a + c is in one order only: below the minimum of 2
        self.assertFalse(mined.filtered(lambda rec: set(rec.product_ids.ids) == {
            self.product.id, self.product_c.id}))
        self.assertEqual(str(ab.date_from), "2000-06-30")

    def test_mined_names_in_every_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.product.with_context(lang="zh_CN").name = "KB 网关"
        self.env["si.bundle"]._mine_bundles(self.company, MINE_DATE)
        ab = self._mined().filtered(lambda rec: set(rec.product_ids.ids) == {
            self.product.id, self.product_b.id})
        # oriented from the more confident side: a -> b (4/5)
        self.assertEqual(ab.with_context(lang="en_US").name, "KB Gateway + KB Sensor")
        self.assertEqual(ab.with_context(lang="zh_CN").name, "KB 网关 + KB Sensor")

    def test_mining_thresholds(self):
        self.company.si_bundle_min_confidence = 90.0
        self.env["si.bundle"]._mine_bundles(self.company, MINE_DATE)
        # the best confidences: a -> b 4/5, d -> b 2/3, c -> b 1/2
        self.assertFalse(self._mined())
        self.company.write({"si_bundle_min_confidence": 0.0,
                            "si_bundle_min_support": 30.0})
        self.env["si.bundle"]._mine_bundles(self.company, MINE_DATE)
        self.assertEqual(len(self._mined()), 1)
        self.company.write({"si_bundle_min_support": 0.0, "si_bundle_max_count": 1})
        self.env["si.bundle"]._mine_bundles(self.company, MINE_DATE)
        self.assertEqual(len(self._mined()), 1)

    def test_mining_is_idempotent_and_keeps_curated(self):
        curated = self.env["si.bundle"].create({
            "name": "Starter kit", "bundle_price": 120.0,
            "line_ids": [Command.create({"product_id": self.product.id, "quantity": 1}),
                         Command.create({"product_id": self.product_d.id,
                                         "quantity": 2})]})
        first = self.env["si.bundle"]._mine_bundles(self.company, MINE_DATE)
        ids = self._mined().ids
        second = self.env["si.bundle"]._mine_bundles(self.company, MINE_DATE)
        self.assertEqual(first, second)
        self.assertEqual(len(self._mined()), len(ids))
        self.assertTrue(curated.exists())
        self.assertEqual(len(curated.line_ids), 2)

    def test_no_orders_in_period_leaves_no_mined_bundle(self):
        self.env["si.bundle"]._mine_bundles(self.company, MINE_DATE)
        self.assertTrue(self._mined())
        self.env["si.bundle"]._mine_bundles(self.company, "1990-01-01")
        self.assertFalse(self._mined())

    def test_cron_runs_for_every_company(self):
        companies = self.env["res.company"].search([])
        done = self.env["si.bundle"]._cron_mine_bundles(batch_size=len(companies))
        self.assertEqual(done, len(companies))
        today = fields.Date.context_today(self.env["si.bundle"])
        self.assertEqual(set(companies.mapped("si_bundle_mined_date")), {today})
        for bundle in self.env["si.bundle"].search([("kind", "=", "mined")]):
            self.assertEqual(len(bundle.line_ids), 2)
            self.assertGreaterEqual(bundle.order_count,
                                    bundle.company_id.si_bundle_min_orders)
            self.assertEqual(bundle.date_to, today)
        # a second run the same day has nothing left to mine
        mined = self.env["si.bundle"].search([("kind", "=", "mined")])
        self.assertEqual(self.env["si.bundle"]._cron_mine_bundles(), 0)
        self.assertEqual(self.env["si.bundle"].search([("kind", "=", "mined")]), mined)

    def test_cron_mines_in_batches_of_companies(self):
        self.env["res.company"].create({"name": "KB Second Co"})
        companies = self.env["res.company"].search([])
        self.assertEqual(self.env["si.bundle"]._cron_mine_bundles(batch_size=1), 1)
        self.assertEqual(len(companies.filtered("si_bundle_mined_date")), 1)
        self.env["si.bundle"]._cron_mine_bundles(batch_size=len(companies))
        self.assertTrue(all(companies.mapped("si_bundle_mined_date")))

    def test_curated_bundle_bad_input(self):
        Bundle = self.env["si.bundle"].with_user(self.manager)
        with self.assertRaisesRegex(ValidationError, "at least two"):
            with self.env.cr.savepoint():
                Bundle.create({"name": "Alone", "line_ids": [
                    Command.create({"product_id": self.product.id, "quantity": 2})]})
        with self.assertRaisesRegex(ValidationError, "at least two"):
            with self.env.cr.savepoint():
                Bundle.create({"name": "Twice the same", "line_ids": [
                    Command.create({"product_id": self.product.id}),
                    Command.create({"product_id": self.product.id})]})
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            with self.env.cr.savepoint():
                Bundle.create({"name": "Negative", "line_ids": [
                    Command.create({"product_id": self.product.id, "quantity": -1}),
                    Command.create({"product_id": self.product_b.id})]})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Bundle.create({"name": "Negative price", "bundle_price": -5, "line_ids": [
                Command.create({"product_id": self.product.id}),
                Command.create({"product_id": self.product_b.id})]})
        self.assertFalse(Bundle.search([("name", "in", [
            "Alone", "Twice the same", "Negative", "Negative price"])]))
        bundle = Bundle.create({"name": "Good", "bundle_price": 140.0, "line_ids": [
            Command.create({"product_id": self.product.id, "quantity": 1}),
            Command.create({"product_id": self.product_b.id, "quantity": 2})]})
        self.assertAlmostEqual(bundle.list_total, 200.0)
        self.assertEqual(bundle.product_ids, self.product | self.product_b)

    def test_rep_reads_but_cannot_curate(self):
        bundle = self.env["si.bundle"].create({"name": "Read me", "line_ids": [
            Command.create({"product_id": self.product.id}),
            Command.create({"product_id": self.product_b.id})]})
        self.assertEqual(bundle.with_user(self.rep).name, "Read me")
        with self.assertRaises(AccessError):
            bundle.with_user(self.rep).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.env["si.bundle"].with_user(self.rep).create({"name": "Mine"})

    def test_suggestions_on_a_quotation(self):
        self.env["si.bundle"]._mine_bundles(self.company, MINE_DATE)
        self.env["si.bundle"].create({"name": "Training pack", "line_ids": [
            Command.create({"product_id": self.product.id}),
            Command.create({"product_id": self.product_d.id, "quantity": 3})]})
        order = self._quotation([(self.product, 1, 100.0, 0.0)])
        action = order.with_user(self.rep).action_suggest_products()
        wizard = self.env[action["res_model"]].with_user(self.rep).browse(
            action["res_id"])
        products = wizard.line_ids.mapped("product_id")
        # b is bought with a in 4 orders out of 5; d completes the curated pack
        self.assertEqual(products[0], self.product_b)
        self.assertIn(self.product_d, products)
        self.assertNotIn(self.product, products)
        self.assertIn("KB Gateway", wizard.line_ids[0].reason)
        wizard.line_ids.write({"selected": False})
        with self.assertRaises(UserError):
            wizard.action_add()
        wizard.line_ids.filtered(lambda rec: rec.product_id == self.product_b).write(
            {"selected": True, "quantity": 2})
        wizard.action_add()
        added = order.order_line.filtered(lambda rec: rec.product_id == self.product_b)
        self.assertEqual(added.product_uom_qty, 2)
        self.assertAlmostEqual(added.price_unit, 50.0)

    def test_no_suggestion_for_an_empty_quotation(self):
        order = self._quotation([])
        action = order.action_suggest_products()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertFalse(wizard.line_ids)

    def test_mining_settings_bad_input(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.company.si_bundle_min_support = 150.0
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.company.si_bundle_months = 0
