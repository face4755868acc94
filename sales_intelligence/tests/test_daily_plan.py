# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.tools import mute_logger

from .test_targets import TargetCase


class TestDailyPlan(TargetCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        cls.today = today
        cls.month = today.replace(day=1)
        cls.plan = cls._confirmed_plan_of_year(today.year)
        # the rep won 2 deals of 10,000 after 30 follow-ups, 4 of them visits
        won_stage = cls.env.ref("crm.stage_lead4")
        for index in range(2):
            lead = cls._create_lead("Won %d" % index, expected_revenue=10000.0,
                                    stage_id=won_stage.id)
            lead.date_closed = fields.Datetime.now() - timedelta(days=30)
        cls.lead = cls._create_lead("Open deal")
        Followup = cls.env["si.lead.followup"]
        for index in range(30):
            Followup.create({
                "lead_id": cls.lead.id, "user_id": cls.rep.id,
                "channel": "visit" if index < 4 else "call",
                "date": fields.Datetime.now() - timedelta(days=40 + index),
            })

    def test_quotas_from_history_and_done_from_log(self):
        Plan = self.env["si.daily.plan"]
        created = Plan._cron_generate_daily_plans()
        mine = created.filtered(lambda p: p.user_id == self.rep)
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine.date, self.today)
        self.assertEqual(mine.month_target, 50000.0)
        self.assertEqual(mine.deal_size, 10000.0)
        # 5 deals to go x 15 follow-ups per deal over the working days left
        days = mine.working_days_left
        self.assertGreater(days, -1)
        expected = -(-75 // max(days, 1))
        self.assertEqual(mine.quota_followup, expected)
        self.assertEqual(mine.quota_visit, -(-10 // max(days, 1)))
        # negotiations: none logged, the default ratio
        self.assertGreater(mine.quota_negotiation, 0)
        self.assertEqual(mine.actual_followup, 0)
        # a visit logged today counts at once
        self.env["si.lead.followup"].create({
            "lead_id": self.lead.id, "user_id": self.rep.id, "channel": "visit"})
        mine.invalidate_recordset()
        self.assertEqual((mine.actual_followup, mine.actual_visit), (1, 1))
        self.assertGreater(mine.completion_rate, 0)
        # a reminder for the rep
        reminder = mine.activity_ids.filtered(lambda a: a.user_id == self.rep)
        self.assertEqual(len(reminder), 1)
        self.assertIn("%d follow-ups" % mine.quota_followup, reminder.note)

    def test_done_counts_on_the_reps_day(self):
        """A rep in Shanghai (UTC+8): what is logged between 16:00 UTC the
        day before and 16:00 UTC on the plan's day is that day's work,
        whatever the UTC date."""
        self.rep.tz = "Asia/Shanghai"
        day = fields.Date.to_date("2026-06-10")
        mine = self.env["si.daily.plan"]._cron_generate_daily_plans(
            today=day, remind=False).filtered(lambda p: p.user_id == self.rep)
        Followup = self.env["si.lead.followup"]
        for moment in ("2026-06-09 16:30:00", "2026-06-10 15:59:00",
                       "2026-06-09 15:59:00", "2026-06-10 16:00:00"):
            Followup.create({"lead_id": self.lead.id, "user_id": self.rep.id,
                             "channel": "call", "date": moment})
        mine.invalidate_recordset()
        self.assertEqual(mine.actual_followup, 2)

    def test_rerun_is_idempotent(self):
        Plan = self.env["si.daily.plan"]
        Plan._cron_generate_daily_plans()
        count = Plan.search_count([("date", "=", self.today)])
        activities = self.env["mail.activity"].search_count([])
        self.assertFalse(Plan._cron_generate_daily_plans())
        self.assertEqual(Plan.search_count([("date", "=", self.today)]), count)
        self.assertEqual(self.env["mail.activity"].search_count([]), activities)

    def test_alerts_for_leaders(self):
        # rep2 has no to-do at all: the leader is told
        self.env["mail.activity"].search([("user_id", "=", self.rep2.id)]).unlink()
        self._create_lead("Nobody's", team_id=self.team_a.id).user_id = False
        plans = self.env["si.daily.plan"]._cron_generate_daily_plans()
        rep2_plan = plans.filtered(lambda p: p.user_id == self.rep2)
        self.assertTrue(rep2_plan.no_planned_work)
        self.assertIn(self.leader, rep2_plan.activity_ids.mapped("user_id"))
        alerts = self.env["mail.activity"].search([
            ("res_model", "=", "crm.team"), ("res_id", "=", self.team_a.id),
            ("user_id", "=", self.leader.id)])
        self.assertEqual(len(alerts), 1)
        self.env["si.daily.plan"]._cron_generate_daily_plans()
        self.assertEqual(self.env["mail.activity"].search_count([
            ("res_model", "=", "crm.team"), ("res_id", "=", self.team_a.id)]), 1)

    def test_overdue_tasks_in_the_reminder(self):
        self.env["mail.activity"].create({
            "res_id": self.lead.id,
            "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "summary": "Late call", "user_id": self.rep.id,
            "date_deadline": self.today - timedelta(days=3),
        })
        self.company.si_anomaly_overdue_days = 5
        plans = self.env["si.daily.plan"]._cron_generate_daily_plans()
        mine = plans.filtered(lambda p: p.user_id == self.rep)
        self.assertGreaterEqual(mine.overdue_count, 1)
        self.assertGreaterEqual(mine.overdue_days, 3)
        self.assertIn("overdue", mine.activity_ids.filtered(
            lambda a: a.user_id == self.rep).note)
        # 3 days late: not yet the leader's business (threshold 5 days)
        self.assertNotIn(self.leader, mine.activity_ids.mapped("user_id"))
        self.env["mail.activity"].search([("user_id", "=", self.rep.id)]).write({
            "date_deadline": self.today - timedelta(days=8)})
        mine.unlink()
        plans = self.env["si.daily.plan"]._cron_generate_daily_plans()
        mine = plans.filtered(lambda p: p.user_id == self.rep)
        self.assertEqual(mine.overdue_days, 8)
        alert = mine.activity_ids.filtered(lambda a: a.user_id == self.leader)
        self.assertEqual(alert.summary,
                         "Tasks overdue for too long: check with this rep")

    def test_access(self):
        self.env["si.daily.plan"]._cron_generate_daily_plans()
        Plan = self.env["si.daily.plan"]
        mine = Plan.with_user(self.rep).search([("date", "=", self.today)])
        self.assertEqual(mine.mapped("user_id"), self.rep)
        team = Plan.with_user(self.leader).search([("date", "=", self.today)])
        self.assertEqual(team.mapped("user_id"), self.rep | self.rep2)
        # the rep's own target ("my target")
        targets = self.env["si.target.rep.line"].with_user(self.rep).search(
            [("user_id", "=", self.rep.id), ("date_month", "=", self.month)])
        self.assertEqual(len(targets), 1)

    def test_one_plan_per_rep_per_day_in_batches(self):
        Plan = self.env["si.daily.plan"]
        first = Plan._cron_generate_daily_plans(batch_size=1)
        self.assertEqual(len(first), 1)
        rest = Plan._cron_generate_daily_plans(batch_size=1)
        self.assertEqual(len(rest), 1)
        self.assertEqual((first | rest).user_id, self.rep | self.rep2)
        self.assertFalse(Plan._cron_generate_daily_plans(batch_size=1))
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            Plan.create({"user_id": self.rep.id, "date": self.today})
            self.env.flush_all()
