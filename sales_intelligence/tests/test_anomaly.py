# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common import SalesIntelligenceCase


class TestAnomaly(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write({"si_anomaly_rep_idle_days": 7,
                           "si_anomaly_key_lead_days": 14,
                           "si_anomaly_overdue_days": 3})
        cls.team = cls.env["crm.team"].create({
            "name": "Monitored", "user_id": cls.manager.id,
            "member_ids": [(6, 0, cls.rep.ids)]})
        cls.lead = cls._create_lead("Idle rep's lead", days_old=10,
                                    team_id=cls.team.id)
        cls.Anomaly = cls.env["si.anomaly"]

    def _open(self, anomaly_type, **domain):
        return self.Anomaly.search(
            [("anomaly_type", "=", anomaly_type), ("state", "=", "open")]
            + [(k, "=", v) for k, v in domain.items()])

    def test_idle_rep_raises_one_anomaly_to_manager(self):
        self.Anomaly._cron_scan_anomalies()
        anomaly = self._open("rep_idle", user_id=self.rep.id)
        self.assertEqual(len(anomaly), 1)
        self.assertEqual(anomaly.manager_id, self.manager)
        self.assertEqual(anomaly.team_id, self.team)
        self.assertEqual(anomaly.days, 10)
        self.assertEqual(anomaly.activity_ids.user_id, self.manager)
        # re-running neither duplicates the anomaly nor its notification
        self.Anomaly._cron_scan_anomalies()
        self.assertEqual(self._open("rep_idle", user_id=self.rep.id), anomaly)
        self.assertEqual(len(anomaly.activity_ids), 1)

    def test_anomaly_closes_when_condition_clears(self):
        self.Anomaly._cron_scan_anomalies()
        anomaly = self._open("rep_idle", user_id=self.rep.id)
        self.env["si.lead.followup"].create({
            "lead_id": self.lead.id, "channel": "call", "user_id": self.rep.id})
        self.Anomaly._cron_scan_anomalies()
        anomaly.invalidate_recordset()
        self.assertEqual(anomaly.state, "closed")
        self.assertEqual(anomaly.date_closed, fields.Date.today())

    def test_idle_days_count_from_the_last_followup(self):
        self.env["si.lead.followup"].create({
            "lead_id": self.lead.id, "channel": "call", "user_id": self.rep.id,
            # noon (UTC) nine days ago: nine days whatever the time now
            "date": fields.Datetime.now().replace(hour=12, minute=0)
            - timedelta(days=9)})
        # a rep whose only lead is won has nothing to follow up
        won = self._create_lead("Won long ago", user=self.rep_all, days_old=30)
        won.action_set_won()
        self.Anomaly._cron_scan_anomalies()
        self.assertEqual(self._open("rep_idle", user_id=self.rep.id).days, 9)
        self.assertFalse(self._open("rep_idle", user_id=self.rep_all.id))

    def test_key_lead_not_updated(self):
        key = self._create_lead("Key account", days_old=20, is_key_lead=True)
        self._age(key, 20, "date_last_stage_update")
        normal = self._create_lead("Normal", days_old=20)
        self._age(normal, 20, "date_last_stage_update")
        self.Anomaly._cron_scan_anomalies()
        self.assertTrue(self._open("key_lead_stale", lead_id=key.id))
        self.assertFalse(self._open("key_lead_stale", lead_id=normal.id))

    def test_overdue_planned_followup(self):
        activity = self.env["mail.activity"].create({
            "res_id": self.lead.id,
            "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
            "user_id": self.rep.id,
            "date_deadline": fields.Date.to_string(date.today() - timedelta(days=5)),
            "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
        })
        self.Anomaly._cron_scan_anomalies()
        anomaly = self._open("followup_overdue", lead_id=self.lead.id)
        self.assertEqual(anomaly.days, 5)
        activity.unlink()
        self.Anomaly._cron_scan_anomalies()
        self.assertFalse(self._open("followup_overdue", lead_id=self.lead.id))

    def test_thresholds_must_be_positive(self):
        with self.assertRaises(ValidationError):
            self.company.si_anomaly_overdue_days = 0

    def test_visibility(self):
        self.Anomaly._cron_scan_anomalies()
        anomaly = self._open("rep_idle", user_id=self.rep.id)
        self.assertIn(anomaly, self.Anomaly.with_user(self.rep).search([]))
        self.assertNotIn(anomaly, self.Anomaly.with_user(self.rep_all).search([]))
        self.assertIn(anomaly, self.Anomaly.with_user(self.manager).search([]))
        with self.assertRaises(AccessError):
            anomaly.with_user(self.rep).write({"days": 0})
