# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demand analysis read from its store: the same rows as the live
computation whatever changed since the last refresh, the job taking the
changes in, and the parts the store lacks computed live."""
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tools import SQL

from ..report.si_demand_analysis_store import COLUMNS, QUEUE_TABLE, STATE_TABLE
from .test_demand_analysis import TestDemandAnalysis


class TestDemandAnalysisStore(TestDemandAnalysis):
    """The figures of the demand analysis's tests, read from the store (the
    queue empty), and the store against the live rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env[cls._report]._refresh_store()

    def _rows(self, sql):
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT %s FROM (%s) r ORDER BY id",
                                SQL(", ").join(map(SQL.identifier, COLUMNS)), sql))
        return self.env.cr.fetchall()

    def assert_live(self):
        """The analysis's rows are those computed from the sources now."""
        Report = self.env[self._report]
        shown = self._rows(SQL("SELECT * FROM %s", SQL.identifier(Report._table)))
        self.assertEqual(shown, self._rows(Report._live_sql(None)))
        return shown

    def _queued(self):
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT origin, line_id FROM %s",
                                SQL.identifier(QUEUE_TABLE)))
        return set(self.env.cr.fetchall())

    def _refresh(self):
        return self.env[self._report]._refresh_store()

    def test_store_follows_changes(self):
        self.assertFalse(self._queued())
        self.assertEqual(self._refresh(), (0, 0), "nothing to do")
        before = self.assert_live()
        # a quantity, an order cancelled, a contract line, a product's
        # category, a customer's company, a line deleted, a new order
        line = self.order.order_line[0]
        line.product_uom_qty = 12
        self.order2._action_cancel()
        self.contract.contract_line_ids[0].quantity = 4
        self.nut.product_tmpl_id.categ_id = self.env["product.category"].create(
            {"name": "Demand nuts"})
        self.customer.parent_id = self.env["res.partner"].create(
            {"name": "Demand Holding", "is_company": True})
        # (Odoo refuses to delete a confirmed order's line: by SQL, as a
        # script or a module could)
        self.env.cr.execute(SQL("DELETE FROM sale_order_line WHERE id = %s",
                                self.order.order_line[1].id))
        self.order.invalidate_recordset(["order_line"])
        new = self._order(self.customer2, self.rep2, [(self.nut, 7, 1.0, self.unit)])
        queued = self._queued()
        self.assertIn(("sale", line.id), queued)
        self.assertIn(("sale", new.order_line.id), queued)
        self.assertIn(("sale", self.order2.order_line.id), queued)
        self.assertIn(("contract", self.contract.contract_line_ids[1].id), queued,
                      "the nuts' category")
        after = self.assert_live()
        self.assertNotEqual(after, before)
        # the job takes them in; the rows shown stay the same
        built, taken = self._refresh()
        self.assertEqual(built, 0)
        self.assertGreaterEqual(taken, len(queued))
        self.assertFalse(self._queued())
        self.assertEqual(self.assert_live(), after)
        self.assertEqual(self._refresh(), (0, 0), "a second run changes nothing")
        total = self.total(self.manager, self.domain() + [("origin", "=", "sale")],
                           ["product_qty:sum"])
        self.assertEqual(total["product_qty"], 12.0,
                         "the dozens deleted, order 2 cancelled")

    def test_contract_rows_of_a_new_month(self):
        # the store's contract rows were computed last month: they are
        # computed live until the job builds them for this month
        self.env.cr.execute(SQL(
            "UPDATE %s SET contract_month = contract_month - interval '1 month'",
            SQL.identifier(STATE_TABLE)))
        self.env.cr.execute(SQL(
            "UPDATE si_demand_analysis_store SET product_qty = -1 "
            "WHERE origin = 'contract'"))
        rows = self.assert_live()
        built, taken = self._refresh()
        self.assertGreater(built, 0)
        self.assertEqual(taken, 0)
        self.assertEqual(self.assert_live(), rows)
        self.assertEqual(self._refresh(), (0, 0))

    def test_unit_factor_rebuilds_the_store(self):
        self.dozen.factor_inv = 10
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT sale_built, contract_month FROM %s",
                                SQL.identifier(STATE_TABLE)))
        self.assertEqual(self.env.cr.fetchone(), (False, None))
        rows = self.assert_live()
        built, _taken = self._refresh()
        self.assertEqual(built, len(rows))
        self.assertEqual(self.assert_live(), rows)
        dozens = self.groups(self.manager, [("order_id", "=", self.order.id)],
                             ["product_qty:sum"], "product_id")
        self.assertEqual(dozens[self.bolt.id]["product_qty"], 10.0 + 20.0)

    def test_new_contract_line_is_seen_at_once(self):
        self.contract.contract_line_ids = [Command.create({
            "product_id": self.nut.id, "name": "More nuts", "quantity": 5,
            "price_unit": 1.0, "recurring_rule_type": "monthly",
            "recurring_interval": 1, "date_start": self.month,
            "date_end": self.month + relativedelta(months=2, days=-1)})]
        self.assert_live()
        cells = self.groups(self.manager, [("contract_id", "=", self.contract.id),
                                           ("date", "=", self.month)],
                            ["product_qty:sum"], "product_id")
        self.assertEqual(cells[self.nut.id]["product_qty"], 5.0)
        for user in (self.rep, self.rep2):
            self.assertEqual(
                self.env[self._report].with_user(user).search_count(
                    [("contract_id", "=", self.contract.id)]) > 0,
                user == self.rep, user.login)

    def test_reads_without_jit(self):
        cr = self.env.cr
        for read in (lambda report: report.read_group([], ["product_qty:sum"], []),
                     lambda report: report.search([], limit=1),
                     lambda report: report._refresh_store()):
            cr.execute(SQL("SET LOCAL jit = on"))
            read(self.env[self._report].with_user(self.manager))
            cr.execute(SQL("SHOW jit"))
            self.assertEqual(cr.fetchone()[0], "off")

    def test_reads_planned_with_the_joins_as_written(self):
        """The rows and the sums are read with the views' joins in their
        written order (planning them took most of a rep's read); the
        transaction's settings are back afterwards."""
        cr = self.env.cr
        execute = cr.execute
        seen = []

        def spy(query, params=None, log_exceptions=True):
            code = getattr(query, "code", query)
            if '"si_demand_analysis' in code and code.lstrip().startswith("SELECT"):
                execute(SQL("SHOW join_collapse_limit"))
                seen.append(cr.fetchone()[0])
            return execute(query, params, log_exceptions)

        cr.execute(SQL("SHOW join_collapse_limit"))
        default = cr.fetchone()[0]
        self.assertNotEqual(default, "1")
        for user in (self.rep, self.manager):
            report = self.env[self._report].with_user(user)
            for read in (lambda: report.read_group([], ["product_qty:sum"],
                                                   ["product_id"]),
                         lambda: report.search([], limit=1)):
                seen.clear()
                with patch.object(cr, "execute", spy):
                    read()
                self.assertTrue(seen, user.login)
                self.assertEqual(set(seen), {"1"}, user.login)
                cr.execute(SQL("SHOW join_collapse_limit"))
                self.assertEqual(cr.fetchone()[0], default)

    def test_rules_on_the_rows_are_those_of_their_sources(self):
        Report = self.env[self._report]
        rows = Report.search(self.domain())
        for user in (self.rep, self.rep2, self.manager, self.finance):
            lines = rows.sale_line_id.with_user(user)._filtered_access("read")
            contract_lines = rows.contract_line_id.with_user(user)._filtered_access(
                "read")
            expected = rows.filtered(lambda row: row.sale_line_id in lines
                                     or row.contract_line_id in contract_lines)
            self.assertEqual(Report.with_user(user).search(self.domain()), expected,
                             user.login)
        # a rep's rows are found through the indexes of their owners: no
        # join with the order lines or contract lines
        domain = self.env["ir.rule"].with_user(self.rep)._compute_domain(self._report)
        self.assertIn(("user_id", "=", self.rep.id), domain)
        self.assertIn(("customer_user_id", "=", self.rep.id), domain)
        self.assertFalse([leaf for leaf in domain
                          if isinstance(leaf, (list, tuple)) and leaf[1] == "any"])
