# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from odoo.addons.sales_intelligence.tests.common import SalesIntelligenceCase


class TestLeadAnalysis(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create({
            "name": "Direct B2C", "sales_mode": "b2c"})
        Lead = cls.env["crm.lead"]
        cls.won = Lead.create({
            "name": "Won deal", "type": "opportunity", "team_id": cls.team.id,
            "user_id": cls.rep.id, "planned_revenue": 1200.0,
        })
        cls.won.action_set_won()
        cls.open = Lead.create({
            "name": "Open deal", "type": "opportunity", "team_id": cls.team.id,
            "user_id": cls.rep.id, "planned_revenue": 800.0,
        })
        cls.lost = Lead.create({
            "name": "Lost deal", "type": "opportunity", "team_id": cls.team.id,
            "user_id": cls.rep_all.id, "planned_revenue": 500.0,
        })
        cls.lost.action_set_lost()

    def _totals(self, user, extra=()):
        Analysis = self.env["si.lead.analysis"].sudo(user)
        groups = Analysis.read_group(
            [("team_id", "=", self.team.id)],
            ["team_id", "received_count", "won_count", "lost_count", "won_revenue"]
            + list(extra),
            ["team_id"], lazy=False)
        return groups[0] if groups else {}

    def test_conversion_counts_for_all_leads_user(self):
        totals = self._totals(self.rep_all)
        self.assertEqual(totals["received_count"], 3)
        self.assertEqual(totals["won_count"], 1)
        self.assertEqual(totals["lost_count"], 1)
        self.assertEqual(totals["won_revenue"], 1200.0)

    def test_rep_sees_only_own_leads(self):
        totals = self._totals(self.rep)
        self.assertEqual(totals["received_count"], 2)
        rows = self.env["si.lead.analysis"].sudo(self.rep).search(
            [("team_id", "=", self.team.id)])
        self.assertEqual(rows.mapped("lead_id"), self.won | self.open)

    def test_sales_mode_follows_team(self):
        rows = self.env["si.lead.analysis"].search([("team_id", "=", self.team.id)])
        self.assertEqual(set(rows.mapped("sales_mode")), {"b2c"})

    def test_finance_cannot_read_conversion(self):
        with self.assertRaises(AccessError):
            self.env["si.lead.analysis"].sudo(self.finance).search([])

    def test_rejected_leads_and_conversion_base(self):
        rejected = self.env["crm.lead"].create({
            "name": "No intent", "type": "lead", "team_id": self.team.id,
            "user_id": self.rep.id, "entry_channel": "web_form"})
        rejected.action_reject("no_intent")
        company = self.env.user.company_id
        company.si_conversion_excludes_rejected = True
        totals = self._totals(self.rep_all,
                              ["rejected_count", "conversion_base_count"])
        self.assertEqual(totals["received_count"], 4)
        self.assertEqual(totals["rejected_count"], 1)
        self.assertEqual(totals["conversion_base_count"], 3)
        self.assertEqual(totals["lost_count"], 1, "a rejection is not a loss")
        company.si_conversion_excludes_rejected = False
        totals = self._totals(self.rep_all, ["conversion_base_count"])
        self.assertEqual(totals["conversion_base_count"], 4)

    def test_referrals_are_credited(self):
        referrer = self.env["res.partner"].create({"name": "Loyal customer"})
        self.env["crm.lead"].create({
            "name": "Referred", "team_id": self.team.id, "user_id": self.rep.id,
            "entry_channel": "referral", "referred_by_id": referrer.id})
        groups = self.env["si.lead.analysis"].read_group(
            [("team_id", "=", self.team.id), ("referred_by_id", "!=", False)],
            ["referred_by_id", "received_count"], ["referred_by_id"], lazy=False)
        self.assertEqual(
            [(g["referred_by_id"][0], g["received_count"]) for g in groups],
            [(referrer.id, 1)])
