# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tools import SQL

from .test_targets import YEAR, TargetCase


class TestTargetCompletion(TargetCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["si.target.plan"].create({
            "name": "Completion", "year": YEAR, "amount_total": 24000.0})
        wizard = cls.env["si.target.decompose.wizard"].create({
            "plan_id": cls.plan.id, "month_method": "equal",
            "industry_method": "last_year", "team_method": "equal",
            "team_ids": [(6, 0, (cls.team_a | cls.team_b).ids)]})
        wizard.action_compute_shares()
        wizard.action_apply()
        cls.env["si.target.rep.wizard"].create(
            {"plan_id": cls.plan.id, "method": "equal"}).action_apply()
        # this year: rep 1000 in January and 2000 in February (IT); another
        # company's order does not count
        cls._order(cls.it_customer, cls.rep, cls.team_a, 1000, "%d-01-20" % YEAR)
        cls._order(cls.it_customer, cls.rep, cls.team_a, 2000, "%d-02-03" % YEAR)
        other = cls.env["res.company"].create({"name": "Other Co (targets)"})
        cls._order(cls.it_customer, cls.rep, cls.team_a, 99999, "%d-01-21" % YEAR,
                   company=other)
        cls.plan.action_confirm()

    def test_completion_on_every_level(self):
        plan = self.plan
        self.assertEqual(plan.actual_amount, 3000.0)
        self.assertEqual(plan.completion_rate, 12.5)
        line = plan.line_ids.filtered(
            lambda ln: ln.team_id == self.team_a and ln.industry_id == self.it
            and ln.date_month == date(YEAR, 1, 1))
        self.assertEqual(line.actual_amount, 1000.0)
        self.assertEqual(line.completion_rate,
                         round(100.0 * 1000.0 / line.amount, 1))
        january, february = plan.rep_line_ids.filtered(
            lambda r: r.user_id == self.rep
            and r.date_month in (date(YEAR, 1, 1), date(YEAR, 2, 1))
        ).sorted("date_month")
        self.assertEqual(january.amount, 500.0)
        self.assertEqual(january.actual_amount, 1000.0, january.read())
        self.assertEqual(january.completion_rate, 200.0)
        self.assertEqual(february.completion_rate, 400.0)
        self.assertEqual(february.trend, "up")
        self.assertEqual(february.months_on_target, 2)
        self.assertEqual(january.last_year_amount, 3000.0)

    def test_team_target_not_split_by_industry_takes_every_customer(self):
        """A plan decomposed without industries: each team's month is one line
        without industry, and the IT customer's orders count on it."""
        plan = self.plan
        plan.action_reset_draft()
        self._plan_for_manager_decomposed(plan, amount=24000.0)
        plan.action_refresh_actuals()
        january = plan.line_ids.filtered(
            lambda ln: ln.team_id == self.team_a and ln.date_month == date(YEAR, 1, 1))
        self.assertFalse(january.industry_id)
        self.assertEqual(january.actual_amount, 1000.0)
        self.assertEqual(january.completion_rate, 100.0)
        self.assertEqual(self._sum(plan.line_ids, "actual_amount"), 3000.0)
        self.assertEqual(plan.actual_amount, 3000.0)

    def test_refresh_follows_cancellations_and_is_idempotent(self):
        order = self._order(self.it_customer, self.rep2, self.team_a, 500,
                            "%d-03-05" % YEAR)
        self.env["si.target.plan"]._cron_refresh_actuals()
        self.assertEqual(self.plan.actual_amount, 3500.0)
        self.env["si.target.plan"]._cron_refresh_actuals()
        self.assertEqual(self.plan.actual_amount, 3500.0)
        order.with_context(disable_cancel_warning=True).action_cancel()
        self.plan.action_refresh_actuals()
        self.assertEqual(self.plan.actual_amount, 3000.0)

    def test_invoice_and_won_bases(self):
        Move = self.env["account.move"]
        for kind, price in (("out_invoice", 800.0), ("out_refund", 300.0)):
            invoice = Move.create({
                "partner_id": self.it_customer.id, "move_type": kind,
                "invoice_user_id": self.rep.id, "team_id": self.team_a.id,
                "invoice_date": date(YEAR, 4, 2),
                "invoice_line_ids": [(0, 0, {"name": "Service", "quantity": 1,
                                             "price_unit": price})]})
            invoice.action_post()
        # a draft invoice does not count
        Move.create({
            "partner_id": self.it_customer.id, "move_type": "out_invoice",
            "invoice_date": date(YEAR, 4, 2),
            "invoice_line_ids": [(0, 0, {"name": "Draft", "quantity": 1,
                                         "price_unit": 7777.0})]})
        rows = self.plan._actual_rows(self.company, "invoice", date(YEAR, 1, 1),
                                      date(YEAR + 1, 1, 1))
        self.assertEqual(sum(r[4] for r in rows), 500.0)
        lead = self._create_lead("Won deal", expected_revenue=4200.0,
                                 partner_id=self.it_customer.id,
                                 team_id=self.team_a.id)
        lead.action_set_won()
        self.env.flush_all()
        self.env.cr.execute(SQL("UPDATE crm_lead SET date_closed = %s WHERE id = %s",
                                datetime(YEAR, 5, 5, 8), lead.id))
        lead.invalidate_recordset(["date_closed"])
        rows = self.plan._actual_rows(self.company, "won", date(YEAR, 1, 1),
                                      date(YEAR + 1, 1, 1))
        self.assertEqual(rows, [("%d-05-01" % YEAR, self.team_a.id, self.it.id,
                                 self.rep.id, 4200.0)])

    def test_foreign_currency_orders_at_their_date(self):
        """An order in another currency counts at the rate of its own date,
        converted from the order's currency."""
        foreign = self.env["res.currency"].with_context(active_test=False).search(
            [("id", "!=", self.company.currency_id.id)], limit=1)
        foreign.active = True
        Rate = self.env["res.currency.rate"]
        Rate.search([("currency_id", "in", (foreign | self.company.currency_id).ids),
                     ("company_id", "in", [self.company.id, False])]).unlink()
        Rate.create([
            {"currency_id": foreign.id, "name": date(YEAR, 3, 1), "rate": 2.0,
             "company_id": self.company.id},
            {"currency_id": foreign.id, "name": date(YEAR, 3, 20), "rate": 4.0,
             "company_id": self.company.id},
        ])
        pricelist = self.env["product.pricelist"].create(
            {"name": "Foreign (targets)", "currency_id": foreign.id})
        for amount, day in ((1000.0, "%d-03-10" % YEAR), (1000.0, "%d-03-25" % YEAR)):
            order = self._order(self.it_customer, self.rep2, self.team_a, amount, day)
            self.assertEqual(order.currency_id, self.company.currency_id)
            self.env.cr.execute(SQL(
                "UPDATE sale_order SET currency_id = %s, pricelist_id = %s "
                "WHERE id = %s", foreign.id, pricelist.id, order.id))
        self.env.invalidate_all()
        rows = self.plan._actual_rows(self.company, "sale", date(YEAR, 3, 1),
                                      date(YEAR, 4, 1))
        # 1000 at 2 per company unit, then 1000 at 4 per company unit
        self.assertAlmostEqual(sum(r[4] for r in rows), 500.0 + 250.0, places=6)

    def test_access(self):
        RepLine = self.env["si.target.rep.line"]
        mine = RepLine.with_user(self.rep).search([("plan_id", "=", self.plan.id)])
        self.assertEqual(mine.mapped("user_id"), self.rep)
        self.assertEqual(len(mine), 12)
        # the second rep does not see the first one's targets
        theirs = RepLine.with_user(self.rep2).search([("plan_id", "=", self.plan.id)])
        self.assertEqual(theirs.mapped("user_id"), self.rep2)
        # the team leader sees the team's, not the other team's
        team = RepLine.with_user(self.leader).search([("plan_id", "=", self.plan.id)])
        self.assertEqual(team.mapped("user_id"), self.rep | self.rep2)
        Line = self.env["si.target.line"]
        self.assertFalse(Line.with_user(self.rep).search(
            [("plan_id", "=", self.plan.id)]))
        self.assertEqual(Line.with_user(self.leader).search(
            [("plan_id", "=", self.plan.id)]).mapped("team_id"), self.team_a)
        self.assertEqual(len(Line.with_user(self.rep_all).search(
            [("plan_id", "=", self.plan.id)])), len(self.plan.line_ids))
        with self.refused(AccessError):
            mine[0].with_user(self.rep).write({"amount": 1.0})
        with self.refused(AccessError):
            self.env["si.target.plan"].with_user(self.rep).create(
                {"name": "Mine", "year": YEAR + 3, "amount_total": 1.0})
        # the manager manages plans
        plan = self.env["si.target.plan"].with_user(self.manager).create(
            {"name": "Next", "year": YEAR + 3, "amount_total": 1000.0})
        self.assertEqual(plan.state, "draft")
        # a rep cannot decompose a plan; the manager can, in a draft plan
        with self.refused(AccessError):
            self.env["si.target.decompose.wizard"].with_user(self.rep).create(
                {"plan_id": plan.id})
        self._plan_for_manager_decomposed(plan)

    def _plan_for_manager_decomposed(self, plan, amount=1000.0):
        wizard = self.env["si.target.decompose.wizard"].with_user(self.manager).create({
            "plan_id": plan.id, "month_method": "equal", "industry_method": "none",
            "team_method": "equal",
            "team_ids": [(6, 0, (self.team_a | self.team_b).ids)]})
        wizard.action_compute_shares()
        wizard.action_apply()
        self.assertEqual(len(plan.line_ids), 24)
        self.assertEqual(self._sum(plan.line_ids), amount)
        self.env["si.target.rep.wizard"].with_user(self.manager).create(
            {"plan_id": plan.id, "method": "equal"}).action_apply()
        self.assertEqual(self._sum(plan.rep_line_ids), amount)

    def test_nightly_refresh_in_batches(self):
        """The scheduler's run refreshes the plans not refreshed since its
        previous run, a batch per call, and reports what remains."""
        other = self.env["si.target.plan"].create({
            "name": "Other year", "year": YEAR + 1, "amount_total": 100.0,
            "state": "confirmed"})
        Plan = self.env["si.target.plan"]
        before = Plan.search([("state", "=", "confirmed")])
        self.assertIn(other, before)
        self.env.flush_all()
        self.env.cr.execute(SQL(
            "UPDATE si_target_plan SET actuals_date = %s WHERE id IN %s",
            datetime(2000, 1, 1), tuple(before.ids)))
        self.env.invalidate_all()
        lastcall = datetime(2020, 1, 1)
        Runs = Plan.with_context(lastcall=lastcall)
        with patch.object(type(self.env["ir.cron"]), "_notify_progress",
                          autospec=True) as notify:
            self.assertEqual(Runs._cron_refresh_actuals(batch_size=1), 1)
            self.assertEqual(notify.call_args.kwargs,
                             {"done": 1, "remaining": len(before) - 1})
            while notify.call_args.kwargs["remaining"]:
                self.assertEqual(Runs._cron_refresh_actuals(batch_size=1), 1)
            self.assertEqual(notify.call_count, len(before))
            # everything refreshed: a re-run of the same night finds nothing
            self.assertEqual(Runs._cron_refresh_actuals(batch_size=1), 0)
            self.assertEqual(notify.call_args.kwargs, {"done": 0, "remaining": 0})
        self.assertTrue(all(plan.actuals_date > lastcall for plan in before))
        self.assertEqual(self.plan.actual_amount, 3000.0)
