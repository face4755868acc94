# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime
from unittest import TestCase

from odoo import Command
from odoo.exceptions import AccessError, UserError

from ..tools.contract_terms import (
    cycle_days,
    days_to_expiry,
    notice_due,
    period_start,
    periods_per_year,
    report_due,
)
from .common import SalesIntelligenceCase


class TestContractTerms(TestCase):

    def test_period_start(self):
        day = date(2026, 8, 17)
        self.assertEqual(period_start(day, "monthly"), date(2026, 8, 1))
        self.assertEqual(period_start(day, "quarterly"), date(2026, 7, 1))
        self.assertEqual(period_start(day, "half_yearly"), date(2026, 7, 1))
        self.assertEqual(period_start(day, "yearly"), date(2026, 1, 1))
        self.assertEqual(period_start(date(2026, 3, 31), "quarterly"), date(2026, 1, 1))
        with self.assertRaises(ValueError):
            period_start(day, "weekly")

    def test_report_due_once_per_period(self):
        today = date(2026, 8, 17)
        self.assertTrue(report_due(today, "monthly", None))
        self.assertFalse(report_due(today, "monthly", date(2026, 8, 1)))
        self.assertTrue(report_due(today, "monthly", date(2026, 7, 1)))
        self.assertFalse(report_due(today, "quarterly", date(2026, 7, 1)))
        self.assertFalse(report_due(today, "none", None))

    def test_expiry_and_notice(self):
        today = date(2026, 8, 17)
        self.assertEqual(days_to_expiry(today, date(2026, 8, 27)), 10)
        self.assertEqual(days_to_expiry(today, date(2026, 8, 7)), -10)
        self.assertIsNone(days_to_expiry(today, None))
        self.assertTrue(notice_due(today, date(2026, 9, 30), 60))
        self.assertFalse(notice_due(today, date(2026, 12, 30), 60))
        self.assertFalse(notice_due(today, date(2026, 8, 1), 60))
        self.assertFalse(notice_due(today, None, 60))

    def test_cycle_and_yearly_value(self):
        self.assertEqual(
            cycle_days(datetime(2026, 1, 1, 9), datetime(2026, 3, 2, 8)), 59)
        self.assertEqual(cycle_days(datetime(2026, 3, 1), datetime(2026, 1, 1)), 0)
        self.assertEqual(cycle_days(None, datetime(2026, 1, 1)), 0)
        self.assertEqual(periods_per_year("monthly", 1), 12)
        self.assertEqual(periods_per_year("monthly", 3), 4)
        self.assertEqual(periods_per_year("yearly", 1), 1)
        self.assertEqual(periods_per_year("weekly", 0), 52)


class WonSummaryCase(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep2 = cls._create_user("si_rep2", ["sales_team.group_sale_salesman"])
        cls.industry = cls.env["res.partner.industry"].create({"name": "Robotics"})
        cls.customer = cls.env["res.partner"].create({
            "name": "Won Co", "is_company": True, "industry_id": cls.industry.id})
        cls.price = cls.env.ref("sales_intelligence.si_won_factor_price")
        cls.fit = cls.env.ref("sales_intelligence.si_won_factor_product_fit")
        cls.product = cls.env["product.product"].create(
            {"name": "Robot arm", "list_price": 1000.0})

    @classmethod
    def _won_lead(cls, name, user=None, days_old=0, **values):
        lead = cls._create_lead(name, user=user, days_old=days_old,
                                partner_id=cls.customer.id,
                                expected_revenue=5000.0, **values)
        lead.with_user(user or cls.rep).action_set_won()
        return lead


class TestWonSummary(WonSummaryCase):

    def test_won_opportunity_gets_measured_summary(self):
        lead = self._create_lead("Robots for Won Co", partner_id=self.customer.id,
                                 expected_revenue=8000.0)
        # an hour more than 40 days: the time of winning is taken to the second
        # (Odoo drops the microseconds), which would otherwise fall short of
        # 40 whole days when the test runs within a second of the transaction
        self._age(lead, 40, hours=1)
        Followup = self.env["si.lead.followup"]
        for channel in ("call", "call", "visit"):
            Followup.create({"lead_id": lead.id, "channel": channel,
                             "user_id": self.rep.id, "content": "Talked"})
        activity = self.env["mail.activity"].create({
            "res_id": lead.id, "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
            "activity_type_id": self.env.ref(
                "mail.mail_activity_data_meeting").id,
            "user_id": self.rep.id, "summary": "Demo"})
        activity.action_feedback("Demo done")
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id, "opportunity_id": lead.id,
            "order_line": [Command.create({"product_id": self.product.id,
                                           "product_uom_qty": 2})]})
        order.action_confirm()
        lead.with_user(self.rep).action_set_won()
        summary = lead.won_summary_id
        self.assertTrue(summary)
        self.assertEqual(summary.state, "draft")
        self.assertEqual(summary.user_id, self.rep)
        self.assertEqual(summary.industry_id, self.industry)
        self.assertEqual(summary.amount, 8000.0)
        self.assertEqual(summary.date_won, lead.date_closed.date())
        self.assertEqual(summary.cycle_days, 40)
        self.assertEqual(summary.followup_count, 3)
        self.assertEqual(summary.activity_count, 1)
        work = {(w.work_type, w.name): w.count for w in summary.work_ids}
        self.assertEqual(work[("followup", "Phone Call")], 2)
        self.assertEqual(work[("followup", "Customer Visit")], 1)
        self.assertEqual(work[("activity", "Meeting")], 1)
        self.assertEqual(summary.product_ids, self.product)
        # winning again (or any later stage write) makes no second summary
        lead.write({"stage_id": lead.stage_id.id})
        self.assertEqual(self.env["si.won.summary"].search_count(
            [("lead_id", "=", lead.id)]), 1)

    def test_won_stage_makes_the_summary_lost_does_not(self):
        lead = self._create_lead("Dragged to won", partner_id=self.customer.id)
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        lead.with_user(self.rep).write({"stage_id": won_stage.id})
        self.assertEqual(lead.probability, 100)
        self.assertEqual(lead.won_summary_id.user_id, self.rep)
        lost = self._create_lead("Lost deal", partner_id=self.customer.id)
        lost.with_user(self.rep).action_set_lost(
            lost_reason_id=self.env["crm.lost.reason"].create({"name": "Price"}).id)
        self.assertFalse(lost.won_summary_id)
        plain = self._create_lead("Still open", partner_id=self.customer.id)
        plain.write({"probability": 60})
        self.assertFalse(plain.won_summary_id)

    def test_mark_won_asks_the_rep_and_can_wait(self):
        lead = self._create_lead("Ask me", partner_id=self.customer.id)
        action = lead.with_user(self.rep).action_set_won_rainbowman()
        self.assertEqual(action["res_model"], "si.won.summary.wizard")
        self.assertTrue(lead.stage_id.is_won)
        summary = lead.won_summary_id
        Wizard = self.env["si.won.summary.wizard"].with_user(self.rep).with_context(
            **action["context"])
        empty = Wizard.create({})
        with self.assertRaises(UserError):
            empty.action_save()
        self.assertEqual(summary.state, "draft")
        # later, from the summary
        action = summary.with_user(self.rep).action_complete()
        wizard = self.env["si.won.summary.wizard"].with_user(self.rep).with_context(
            **action["context"]).create({
                "factor_ids": [Command.set((self.price | self.fit).ids)],
                "competitors": "RoboCorp", "key_work": "On-site trial"})
        wizard.action_save()
        self.assertEqual(summary.state, "done")
        self.assertEqual(summary.factor_ids, self.price | self.fit)
        self.assertEqual(summary.competitors, "RoboCorp")
        found = self.env["si.won.summary"].search(
            [("factor_ids", "in", self.fit.ids),
             ("industry_id", "=", self.industry.id)])
        self.assertIn(summary, found)

    def test_access_and_publishing(self):
        mine = self._won_lead("Mine").won_summary_id
        theirs = self._won_lead("Theirs", user=self.rep2).won_summary_id
        Summary = self.env["si.won.summary"]
        both = [("id", "in", (mine | theirs).ids)]
        visible = Summary.with_user(self.rep).search(both)
        self.assertEqual(visible, mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.rep).write({"competitors": "x"})
        with self.assertRaises(UserError):
            theirs.with_user(self.manager).action_publish()  # not completed yet
        theirs.write({"state": "done", "factor_ids": [Command.set(self.price.ids)]})
        with self.assertRaises(AccessError):
            theirs.with_user(self.rep2).action_publish()
        theirs.with_user(self.manager).action_publish()
        self.assertTrue(theirs.is_published)
        visible = Summary.with_user(self.rep).search(both)
        self.assertEqual(visible, mine | theirs)
        with self.assertRaises(AccessError):
            theirs.with_user(self.rep).write({"competitors": "x"})
        self.assertEqual(Summary.with_user(self.rep_all).search_count(
            [("id", "in", (mine | theirs).ids)]), 2)

    def test_factor_counts_by_user(self):
        first = self._won_lead("One").won_summary_id
        second = self._won_lead("Two").won_summary_id
        other = self._won_lead("Three", user=self.rep2).won_summary_id
        first.factor_ids = self.price | self.fit
        second.factor_ids = self.price
        other.factor_ids = self.fit
        counts = self.env["si.won.summary"]._factor_counts_by_user(
            self.rep | self.rep2 | self.manager)
        self.assertEqual(counts[self.rep.id], {self.price.id: 2, self.fit.id: 1})
        self.assertEqual(counts[self.rep2.id], {self.fit.id: 1})
        self.assertEqual(counts[self.manager.id], {})
        # the rep's profile shows them, most frequent first
        profile = self.env["si.rep"].create({"user_id": self.rep.id})
        self.assertEqual(profile.won_factors, "%s (2), %s (1)" % (
            self.price.name, self.fit.name))
        self.assertGreaterEqual(self.price.summary_count, 2)
        # the analysis counts by product too, and a rep sees own rows only
        first.product_ids = self.product
        rows = self.env["si.won.analysis"].with_user(self.rep2).search(
            [("summary_id", "in", (first | other).ids)])
        self.assertEqual(rows.summary_id, other)
        groups = self.env["si.won.analysis"]._read_group(
            [("dimension", "=", "product"), ("product_id", "=", self.product.id)],
            ["product_id"], ["__count"])
        self.assertEqual(groups, [(self.product, 1)])
