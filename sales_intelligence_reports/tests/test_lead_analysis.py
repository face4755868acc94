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

    def _totals(self, user):
        Analysis = self.env["si.lead.analysis"].sudo(user)
        groups = Analysis.read_group(
            [("team_id", "=", self.team.id)],
            ["team_id", "received_count", "won_count", "lost_count", "won_revenue"],
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
