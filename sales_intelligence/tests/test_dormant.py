# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from .common import SalesIntelligenceCase


class DormantCase(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # only this test's rules
        cls.env["si.dormant.rule"].search([]).write({"active": False})
        cls.team = cls.env["crm.team"].create({"name": "Dormancy team"})
        # on the test's team: demo leads turn dormant as days go by
        cls.rule = cls.env["si.dormant.rule"].create({
            "name": "No follow-up for 30 days", "rule_type": "no_followup",
            "days": 30, "team_id": cls.team.id})
        cls.stale = cls._create_lead("Stale", days_old=40, team_id=cls.team.id)
        cls.fresh = cls._create_lead("Fresh", days_old=5, team_id=cls.team.id)
        cls.activity_type = cls.env.ref(
            "sales_intelligence.mail_activity_type_followup")

    def _detect(self):
        return self.env["si.dormant.rule"]._cron_detect_dormant(batch_size=1000)

    def _followup(self, lead, days_ago=0):
        self.env["si.lead.followup"].create({
            "lead_id": lead.id, "channel": "call",
            "date": fields.Datetime.to_string(
                datetime.now() - timedelta(days=days_ago))})

    def _todos(self, lead):
        return lead.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type)


class TestDormant(DormantCase):

    def test_no_followup_rule_marks_and_plans(self):
        self._detect()
        self.assertTrue(self.stale.is_dormant)
        self.assertEqual(self.stale.dormant_rule_id, self.rule)
        self.assertFalse(self.fresh.is_dormant)
        todo = self._todos(self.stale)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.rep)
        # written in bulk, the to-do is a complete activity of the lead
        self.assertTrue(todo.active and todo.automated)
        self.assertEqual(todo.res_model, "crm.lead")
        self.assertEqual(todo.res_name, self.stale.name)
        self.assertEqual(todo.date_deadline, fields.Date.today())
        self.assertIn(todo, self.env["mail.activity"].with_user(self.rep).search(
            [("user_id", "=", self.rep.id)]))
        # the rule's count covers every lead it holds dormant (demo data too)
        dormant = self.env["crm.lead"].search(
            self.rule.action_view_dormant_leads()["domain"])
        self.assertIn(self.stale, dormant)
        self.assertNotIn(self.fresh, dormant)
        self.assertEqual(self.rule.dormant_count, len(dormant))

    def test_rerun_is_idempotent(self):
        # >= 1: a demo lead may cross its threshold on the day the tests run
        self.assertGreaterEqual(self._detect()[0], 1)
        self.assertTrue(self.stale.is_dormant)
        self.assertEqual(self._detect(), (0, 0))
        self.assertEqual(len(self._todos(self.stale)), 1)

    def test_followup_wakes_lead_up(self):
        self._detect()
        self._followup(self.stale)
        self.assertFalse(self.stale.is_dormant)
        self._detect()
        self.stale.invalidate_recordset()
        self.assertFalse(self.stale.is_dormant)

    def test_old_followup_does_not_count(self):
        self._followup(self.stale, days_ago=35)
        self._detect()
        self.assertTrue(self.stale.is_dormant)

    def test_team_rule_only_applies_to_its_team(self):
        self.rule.active = False
        other_team = self.env["crm.team"].create({"name": "Other"})
        self.env["si.dormant.rule"].create({
            "name": "Other team, 10 days", "rule_type": "no_followup",
            "days": 10, "team_id": other_team.id})
        other = self._create_lead("Other stale", days_old=15, team_id=other_team.id)
        self._detect()
        self.assertTrue(other.is_dormant)
        self.assertFalse(self.stale.is_dormant)

    def test_interval_and_frequency_rules(self):
        self.rule.active = False
        spaced = self._create_lead("Spaced", days_old=90)
        for days_ago in (80, 50, 20):
            self._followup(spaced, days_ago)
        busy = self._create_lead("Busy", days_old=90)
        for days_ago in (6, 4, 2):
            self._followup(busy, days_ago)
        Rule = self.env["si.dormant.rule"]
        interval = Rule.create({"name": "Interval", "rule_type": "interval_rising",
                                "days": 21})
        self._detect()
        self.assertEqual(spaced.dormant_rule_id, interval)
        self.assertFalse(busy.is_dormant)
        interval.active = False
        few = Rule.create({"name": "Few", "rule_type": "few_followups",
                           "days": 30, "min_count": 2})
        self._detect()
        self.assertEqual(spaced.dormant_rule_id, few)
        self.assertFalse(busy.is_dormant)

    def test_won_dead_and_unassigned_leads_are_left_alone(self):
        reason = self.env["crm.lost.reason"].create({"name": "No budget"})
        won = self._create_lead("Won", days_old=60)
        won.action_set_won()
        dead = self._create_lead("Dead", days_old=60, chance_level="none",
                                 chance_reason_id=reason.id)
        unassigned = self._create_lead("Nobody's", days_old=60)
        unassigned.user_id = False
        self._detect()
        self.assertFalse((won | dead | unassigned).filtered("is_dormant"))

    def test_bad_rules_are_refused(self):
        Rule = self.env["si.dormant.rule"]
        with self.assertRaises(ValidationError):
            Rule.create({"name": "Zero", "rule_type": "no_followup", "days": 0})
        with self.assertRaises(ValidationError):
            Rule.create({"name": "Negative", "rule_type": "few_followups",
                         "days": 10, "min_count": -1})

    def test_only_managers_configure_rules(self):
        with self.assertRaises(AccessError):
            self.env["si.dormant.rule"].with_user(self.rep).create({
                "name": "Mine", "rule_type": "no_followup", "days": 3})
        self.assertTrue(self.rule.with_user(self.rep).name)
        self.env["si.dormant.rule"].with_user(self.manager).create({
            "name": "Manager's", "rule_type": "no_followup", "days": 3})


class TestDormantChanges(DormantCase):
    """After a complete run, the detection looks at the leads that changed
    or crossed a threshold since, and at every lead again when the rules
    change or a week has passed."""

    def _checkpoint(self, hours_ago=0):
        """The last complete run as if it started `hours_ago` hours ago, with
        the queue of changes emptied (all of them older than that run)."""
        Rule = self.env["si.dormant.rule"]
        rules = Rule.search([])
        at = fields.Datetime.to_string(
            fields.Datetime.now() - timedelta(hours=hours_ago))
        Rule._set_dormant_checkpoint(at, rules._dormant_signature(), at)
        self.env.flush_all()
        self.env.cr.execute(SQL("DELETE FROM si_dormant_queue"))

    def _queued(self, lead):
        self.env.flush_all()
        self.env.cr.execute(SQL(
            "SELECT count(*) FROM si_dormant_queue WHERE lead_id = %s", lead.id))
        return self.env.cr.fetchone()[0]

    def test_only_changed_leads_are_looked_at(self):
        self._detect()
        # dormant for its dates, but changed before the last complete run
        # (its queue entry removed): not looked at again
        self._age(self.fresh, 40)
        self._checkpoint()
        self.assertEqual(self._detect(), (0, 0))
        self.assertFalse(self.fresh.is_dormant)
        # a change the queue holds: looked at
        self.fresh.write({"chance_level": "low"})
        self.assertTrue(self._queued(self.fresh))
        self.assertEqual(self._detect(), (1, 0))
        self.assertTrue(self.fresh.is_dormant)
        self.assertFalse(self._queued(self.fresh))
        # a follow-up logged wakes it up; the next run keeps it awake
        self._followup(self.fresh)
        self.assertFalse(self.fresh.is_dormant)
        self.assertEqual(self._detect(), (0, 0))
        self.assertFalse(self.fresh.is_dormant)

    def test_leads_crossing_a_threshold_are_looked_at(self):
        # received 30 days minus one hour ago: not dormant at the last run,
        # two hours ago; dormant now
        crossing = self._create_lead("Crossing", team_id=self.team.id)
        missed = self._create_lead("Missed", team_id=self.team.id)
        self.env.flush_all()
        self.env.cr.execute(SQL(
            "UPDATE crm_lead SET create_date = now() AT TIME ZONE 'UTC' "
            "- make_interval(days => 30, hours => %s) WHERE id = %s",
            1, crossing.id))
        # crossed before the last run (not dormant then: an inconsistent
        # state only a run over every lead sees)
        self.env.cr.execute(SQL(
            "UPDATE crm_lead SET create_date = now() AT TIME ZONE 'UTC' "
            "- make_interval(days => 30, hours => %s) WHERE id = %s",
            3, missed.id))
        self.env.invalidate_all()
        self._checkpoint(hours_ago=2)
        self._detect()
        self.assertTrue(crossing.is_dormant)
        self.assertFalse(missed.is_dormant)
        self.assertFalse(self.stale.is_dormant)
        # a run over every lead: a rule changed
        self.rule.days = 29
        self._detect()
        self.assertTrue(missed.is_dormant and self.stale.is_dormant)

    def test_old_followup_leaving_the_window_is_looked_at(self):
        self.rule.active = False
        few = self.env["si.dormant.rule"].create({
            "name": "Few", "rule_type": "few_followups", "days": 30,
            "min_count": 1, "team_id": self.team.id})
        # its one follow-up turns 30 days old between the two runs
        self._followup(self.stale)
        followup = self.stale.followup_ids
        self._detect()
        self.assertFalse(self.stale.is_dormant)
        self.env.cr.execute(SQL(
            "UPDATE si_lead_followup SET date = now() AT TIME ZONE 'UTC' "
            "- make_interval(days => 30, hours => 1) WHERE id = %s", followup.id))
        self.env.invalidate_all()
        self._checkpoint(hours_ago=2)
        self._detect()
        self.assertEqual(self.stale.dormant_rule_id, few)

    def test_week_old_checkpoint_means_every_lead(self):
        self._detect()
        self._age(self.fresh, 40)
        self._checkpoint()
        Rule = self.env["si.dormant.rule"]
        week_ago = fields.Datetime.to_string(
            fields.Datetime.now() - timedelta(days=8))
        Rule._set_dormant_checkpoint(fields.Datetime.to_string(fields.Datetime.now()),
                                     Rule.search([])._dormant_signature(), week_ago)
        self.assertEqual(self._detect(), (1, 0))
        self.assertTrue(self.fresh.is_dormant)
        # a checkpoint that cannot be read too
        other = self._create_lead("Other", days_old=5, team_id=self.team.id)
        self._detect()
        self._age(other, 40)
        self._checkpoint()
        self.env["ir.config_parameter"].set_param(
            "sales_intelligence.dormant_checkpoint", "{not json")
        self.assertEqual(self._detect(), (1, 0))
        self.assertTrue(other.is_dormant)
