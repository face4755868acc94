# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import SalesIntelligenceCase


class TestFollowup(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stages = cls.env["crm.stage"].search([("is_won", "=", False)], limit=2)
        cls.reason = cls.env["crm.lost.reason"].create({"name": "Budget frozen"})
        cls.lead = cls._create_lead("Factory automation", stage_id=cls.stages[0].id)

    def _log(self, lead, user=None, **values):
        Wizard = self.env["si.lead.followup.wizard"]
        if user:
            Wizard = Wizard.with_user(user)
        wizard = Wizard.with_context(active_id=lead.id).create(values)
        wizard.action_log()
        return lead.followup_ids.filtered(lambda f: f.kind == "followup")[:1]

    def test_wizard_logs_followup_and_moves_lead(self):
        followup = self._log(self.lead, user=self.rep, channel="visit",
                             content="Met the plant manager", chance_level="high",
                             stage_id=self.stages[1].id, outcome="Demo next week")
        self.assertEqual(followup.user_id, self.rep)
        self.assertEqual(followup.channel, "visit")
        self.assertEqual((followup.chance_before, followup.chance_after),
                         ("medium", "high"))
        self.assertEqual(followup.stage_before_id, self.stages[0])
        self.assertEqual(followup.stage_after_id, self.stages[1])
        self.assertTrue(followup.chance_changed and followup.stage_changed)
        self.assertEqual(self.lead.chance_level, "high")
        self.assertEqual(self.lead.stage_id, self.stages[1])
        # the wizard's own changes are not logged a second time
        self.assertEqual(len(self.lead.followup_ids), 1)
        self.assertEqual(self.lead.followup_count, 1)
        self.assertTrue(self.lead.last_followup_date)
        self.assertEqual(self.lead.days_since_followup, 0)

    def test_direct_changes_are_logged(self):
        self.lead.write({"chance_level": "low", "chance_reason_id": self.reason.id})
        self.lead.write({"stage_id": self.stages[1].id})
        changes = self.lead.followup_ids.filtered(lambda f: f.kind == "change")
        self.assertEqual(len(changes), 2)
        self.assertEqual(set(changes.mapped("chance_after")), {"low"})
        self.assertIn(self.stages[1], changes.mapped("stage_after_id"))
        # changes are history, not contacts
        self.assertEqual(self.lead.followup_count, 0)

    def test_average_interval_and_days_since(self):
        Followup = self.env["si.lead.followup"]
        now = datetime.now()
        for days in (20, 10, 2):
            Followup.create({
                "lead_id": self.lead.id, "channel": "call",
                "date": fields.Datetime.to_string(now - timedelta(days=days))})
        self.assertEqual(self.lead.followup_count, 3)
        self.assertAlmostEqual(self.lead.followup_avg_interval, 9.0, places=1)
        self.assertEqual(self.lead.days_since_followup, 2)
        # the figure ages by itself: no job writes it
        self.env.cr.execute(
            "UPDATE si_lead_followup SET date = date - interval '3 days' "
            "WHERE lead_id = %s", (self.lead.id,))
        self.env.cr.execute(
            "UPDATE crm_lead SET last_followup_date = last_followup_date"
            " - interval '3 days' WHERE id = %s", (self.lead.id,))
        self.lead.invalidate_recordset(["last_followup_date", "days_since_followup"])
        self.assertEqual(self.lead.days_since_followup, 5)

    def test_days_without_followup_are_searched_on_the_dates(self):
        # a zone without summer time: 40 days ago at this hour is 40 calendar
        # days ago there (in Brussels, the test user's zone, an hour before
        # midnight in December it is 39: October's offset was an hour more)
        Lead = self.env["crm.lead"].with_context(tz="Asia/Shanghai")
        fresh = self._create_lead("Fresh")
        old = self._create_lead("Received long ago", days_old=40)
        followed = self._create_lead("Followed up", days_old=40)
        self.env["si.lead.followup"].create({
            "lead_id": followed.id, "channel": "call",
            "date": fields.Datetime.to_string(datetime.now() - timedelta(days=10))})
        leads = (fresh | old | followed).with_context(tz="Asia/Shanghai")
        self.assertEqual(leads.mapped("days_since_followup"), [0, 40, 10])
        for operator, value, expected in [
                (">=", 30, old), (">", 10, old), (">=", 10, old | followed),
                ("<", 10, fresh), ("<=", 10, fresh | followed), ("=", 10, followed),
                ("!=", 10, fresh | old), ("=", 0, fresh)]:
            found = Lead.search([("id", "in", leads.ids),
                                 ("days_since_followup", operator, value)])
            self.assertEqual(found, expected, (operator, value))
            self.assertEqual(found, leads.filtered_domain(
                [("days_since_followup", operator, value)]), (operator, value))
        # the "30 days without follow-up" filter of the leads' search view
        self.assertEqual(Lead.search([("id", "in", leads.ids),
                                      ("days_since_followup", ">=", 30)]), old)
        for value in ("30", 3.5, False, [30]):
            with self.assertRaises(UserError):
                Lead.search([("days_since_followup", ">=", value)])

    def test_days_without_followup_in_the_users_time_zone(self):
        # received at 20:00 UTC yesterday: which day that was, and which day
        # today is, depend on the user's time zone
        lead = self._create_lead("Time zones")
        lead.flush_recordset()
        now = datetime.utcnow()
        received = datetime.combine(now.date(), datetime.min.time()) \
            - timedelta(hours=4)
        self.env.cr.execute("UPDATE crm_lead SET create_date = %s WHERE id = %s",
                            (received, lead.id))
        lead.invalidate_recordset()
        for tz in ("Europe/London", "Asia/Shanghai", "America/New_York"):
            local = lead.with_context(tz=tz)
            today = fields.Date.context_today(local)
            day = fields.Date.context_today(local, received)
            self.assertEqual(local.days_since_followup, (today - day).days, tz)
            self.assertEqual(local.search([
                ("id", "=", lead.id),
                ("days_since_followup", "=", (today - day).days)]), lead, tz)

    def test_future_followup_is_refused(self):
        tomorrow = fields.Datetime.to_string(datetime.now() + timedelta(days=2))
        with self.assertRaises(ValidationError):
            self.env["si.lead.followup"].create({
                "lead_id": self.lead.id, "channel": "call", "date": tomorrow})
        self.assertEqual(self.lead.followup_count, 0)

    def test_low_chance_needs_reason(self):
        with self.assertRaises(UserError):
            self._log(self.lead, channel="call", chance_level="low")
        with self.assertRaises(ValidationError):
            self.lead.write({"chance_level": "none"})
        self.assertFalse(self.lead.followup_ids)

    def test_plan_schedules_and_reschedules_todo(self):
        self.lead.write({"followup_frequency": "weekly"})
        activity = self.lead.followup_activity_id
        self.assertEqual(activity.user_id, self.rep)
        self.assertEqual(activity.activity_type_id,
                         self.env.ref("sales_intelligence.mail_activity_type_followup"))
        # the plan counts from today in the writer's time zone, as the code does
        today = fields.Date.context_today(self.lead)
        self.assertEqual(activity.date_deadline, today + timedelta(days=7))
        # after a follow-up, the same to-do moves (no second one)
        self._log(self.lead, channel="call", chance_level="medium")
        self.assertEqual(self.lead.followup_activity_id, activity)
        self.assertEqual(len(self.lead.activity_ids), 1)
        # an explicit next date wins over the plan
        next_date = today + timedelta(days=3)
        self._log(self.lead, channel="email", chance_level="medium",
                  next_date=next_date)
        self.assertEqual(self.lead.next_followup_date, next_date)
        self.assertEqual(activity.date_deadline, next_date)
        # a custom interval must be positive
        with self.assertRaises(ValidationError):
            self.lead.write({"followup_frequency": "custom",
                             "followup_interval_days": 0})
        self.lead.write({"followup_frequency": "none"})
        self.assertFalse(activity.exists())

    def test_rep_sees_only_followups_of_own_leads(self):
        other = self._create_lead("Someone else's", user=self.rep_all)
        self._log(other, channel="call", chance_level="medium")
        mine = self._log(self.lead, user=self.rep, channel="call",
                         chance_level="medium")
        visible = self.env["si.lead.followup"].with_user(self.rep).search([])
        self.assertIn(mine, visible)
        self.assertFalse(visible.filtered(lambda f: f.lead_id == other))
        with self.assertRaises(AccessError):
            self._log(other, user=self.rep, channel="call", chance_level="medium")
        with self.assertRaises(AccessError):
            mine.with_user(self.rep).unlink()
        with self.assertRaises(AccessError):
            self.env["si.lead.followup"].with_user(self.finance).search([])
        self.assertEqual(
            len(self.env["si.lead.followup"].with_user(self.rep_all).search(
                [("lead_id", "in", (other | self.lead).ids)])), 2)

    def test_revive_dead_leads(self):
        dead = self._create_lead("Dead deal", user=self.rep_all,
                                 chance_level="none", chance_reason_id=self.reason.id)
        dead.action_set_lost()
        wizard = self.env["si.lead.revive.wizard"].with_user(self.manager).with_context(
            active_model="crm.lead", active_ids=dead.ids).create({
                "user_id": self.rep.id, "chance_level": "low",
                "note": "New budget year"})
        wizard.action_revive()
        self.assertTrue(dead.active)
        self.assertEqual(dead.user_id, self.rep)
        self.assertEqual(dead.chance_level, "low")
        revival = dead.followup_ids.filtered(lambda f: f.kind == "revive")
        self.assertEqual(revival.chance_before, "none")
        self.assertEqual(revival.content, "New budget year")
