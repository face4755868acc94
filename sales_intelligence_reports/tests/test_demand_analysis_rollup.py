# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demand analysis's grouped reads from its sums by month and product:
the same groups and figures as its rows, whatever changed since the last
refresh, for the users whose rules the sums can apply; the others, and the
questions the sums do not fit, read the rows."""
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tools import SQL

from ..report.si_demand_analysis_rollup import ROLLUP_TABLE
from ..report.si_demand_analysis_rollup_read import LIVE
from ..report.si_demand_analysis_store import STATE_TABLE, STORE_TABLE
from .test_demand_analysis import MEASURES, TestDemandAnalysis

AGGREGATES = ["__count", *MEASURES]


class TestDemandAnalysisRollup(TestDemandAnalysis):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a contract of another team, which the manager does not lead
        cls.team2 = cls.env["crm.team"].create({"name": "Demand team 2"})
        cls.contract2 = cls.env["contract.contract"].create({
            "name": "Demand contract 2", "partner_id": cls.customer2.id,
            "user_id": cls.rep2.id, "team_id": cls.team2.id,
            "line_recurrence": True, "date_start": cls.month,
            "contract_line_ids": [Command.create({
                "product_id": cls.nut.id, "name": "Nuts", "quantity": 7,
                "price_unit": 2.0, "recurring_rule_type": "monthly",
                "recurring_interval": 1, "date_start": cls.month})]})
        cls.env[cls._report]._refresh_store()

    def products(self):
        return [("product_id", "in", (self.bolt | self.nut).ids)]

    def questions(self):
        month = self.month.isoformat()
        end = (self.month + relativedelta(months=3, days=-1)).isoformat()
        return [
            (self.products(), ["product_id", "date:month"]),
            (self.products() + [("qty_to_deliver", ">", 0)], ["origin"]),
            (self.products() + [("date", ">=", month), ("date", "<=", end)],
             ["date:quarter", "categ_id"]),
            (["|", ("product_id", "=", self.bolt.id), "&", ("origin", "=", "contract"),
              ("product_id.name", "ilike", "nut")], ["uom_id", "company_id"]),
            (self.products(), []),
        ]

    def grouped(self, user, domain, groupby, live=False):
        self.env.flush_all()
        Report = self.env[self._report].with_user(user).with_context(**{LIVE: live})
        return Report._read_group(domain, groupby, AGGREGATES)

    def assert_same(self, users=None, expect_rollup=True):
        """Each question read from the sums gives the groups and figures of
        the rows, for each user."""
        self.env.flush_all()
        for user in users or (self.manager, self.finance):
            Report = self.env[self._report].with_user(user)
            for domain, groupby in self.questions():
                used = Report._rollup_question(domain, groupby, AGGREGATES, (), None)
                self.assertEqual(used is not None, expect_rollup, (user.login, groupby))
                got = self.grouped(user, domain, groupby)
                expected = self.grouped(user, domain, groupby, live=True)
                self.assertEqual([row[:len(groupby)] for row in got],
                                 [row[:len(groupby)] for row in expected],
                                 (user.login, groupby))
                for row, want in zip(got, expected):
                    for value, wanted in zip(row[len(groupby):], want[len(groupby):]):
                        if isinstance(wanted, float):
                            self.assertAlmostEqual(value, wanted, places=6)
                        else:
                            self.assertEqual(value, wanted, (user.login, groupby))

    def stored_sums(self):
        """The sums as kept, against those of the stored rows."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(SQL(
            "SELECT origin, date, product_id, to_deliver, team_id, sum(row_count), "
            "sum(product_qty)::float FROM %s GROUP BY 1, 2, 3, 4, 5 "
            "ORDER BY 1, 2, 3, 4, 5", SQL.identifier(ROLLUP_TABLE)))
        kept = cr.fetchall()
        cr.execute(SQL("""
            SELECT origin, date_trunc('month', date)::date, product_id,
                   qty_to_deliver > 0, CASE WHEN origin = 'contract' THEN team_id END,
                   count(*), sum(product_qty::numeric)::float
              FROM %s GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        """, SQL.identifier(STORE_TABLE)))
        self.assertEqual(kept, cr.fetchall())
        return kept

    def test_sums_give_the_figures_of_the_rows(self):
        self.assert_same()
        bolts = self.groups(self.manager, self.products(), AGGREGATES, "product_id")
        self.assertEqual(bolts[self.bolt.id]["product_qty"], 39.0 + 15.0)
        self.assertEqual(bolts[self.bolt.id]["__count"], 3 + 5,
                         "3 order lines, 5 months")
        self.assertAlmostEqual(bolts[self.bolt.id]["delivered_rate"],
                               45.0 / (195.0 + 150.0))
        # changes not taken in yet: stored rows no longer shown, queued lines
        # computed live
        self.order.order_line[0].product_uom_qty = 12
        self.contract.contract_line_ids[1].quantity = 6
        self.order2._action_cancel()
        self.assert_same()
        bolts = self.groups(self.manager, self.products(), AGGREGATES, "product_id")
        self.assertEqual(bolts[self.bolt.id]["product_qty"], 12.0 + 24.0 + 15.0)
        self.env[self._report]._refresh_store()
        self.assert_same()
        self.stored_sums()

    def test_groups_of_rows_gone_are_gone(self):
        washer = self.env["product.product"].create({"name": "Demand washer",
                                                     "type": "consu"})
        order = self._order(self.customer, self.rep, [(washer, 3, 1.0, self.unit)])
        self.env[self._report]._refresh_store()
        domain = [("product_id", "=", washer.id)]
        self.assertEqual(len(self.grouped(self.manager, domain, ["product_id"])), 1)
        order._action_cancel()
        self.assertEqual(self.grouped(self.manager, domain, ["product_id"]), [],
                         "its rows are no longer shown")
        total = self.grouped(self.manager, domain, [])
        self.assertEqual(total, self.grouped(self.manager, domain, [], live=True))
        self.assertEqual(total[0][0], 0, "the total of no rows")
        sums = self.stored_sums()
        self.env[self._report]._refresh_store()
        self.assertEqual(self.grouped(self.manager, domain, ["product_id"]), [])
        self.assertLess(len(self.stored_sums()), len(sums), "no sums of no rows kept")

    def test_sums_while_the_store_is_built_again(self):
        self.env.cr.execute(SQL(
            "UPDATE %s SET contract_month = contract_month - interval '1 month'",
            SQL.identifier(STATE_TABLE)))
        self.assert_same()
        self.env[self._report]._reset_store()
        self.assert_same()
        self.env[self._report]._refresh_store()
        self.assert_same()
        self.stored_sums()

    def test_sums_follow_the_rules(self):
        self.assert_same((self.manager, self.finance))
        nuts = {user: self.total(user, [("product_id", "=", self.nut.id)],
                                 ["product_qty:sum"])["product_qty"]
                for user in (self.manager, self.finance)}
        self.assertEqual(nuts[self.finance] - nuts[self.manager], 7.0 * 12,
                         "the other team's contract: finance only")
        # a rep's rules read salespersons of order lines, which the sums do
        # not keep: the rows are read
        self.assert_same((self.rep, self.rep2), expect_rollup=False)
        self.assertIsNone(self.env[self._report].with_user(self.rep)._rollup_question(
            self.products(), ["product_id"], AGGREGATES, (), None))

    def test_questions_the_sums_do_not_fit(self):
        Report = self.env[self._report].with_user(self.manager)
        month = self.month
        for domain, groupby, aggregates in [
                (self.products(), ["partner_id"], AGGREGATES),
                (self.products(), ["date:week"], AGGREGATES),
                (self.products() + [("user_id", "=", self.rep.id)], [], AGGREGATES),
                (self.products() + [("date", ">=", month + relativedelta(days=3))],
                 [], AGGREGATES),
                (self.products() + [("date", "<", f"{month} 10:00:00")], [],
                 AGGREGATES),
                (self.products() + [("qty_to_deliver", ">", 2)], [], AGGREGATES),
                (self.products(), [], ["product_qty:max"])]:
            self.assertIsNone(Report._rollup_question(domain, groupby, aggregates, (),
                                                      None), (domain, groupby))
        self.assertIsNotNone(Report._rollup_question(
            self.products() + [("date", ">=", month), ("date", "<", month.isoformat())],
            ["date:year"], AGGREGATES, (), "__count desc"))
