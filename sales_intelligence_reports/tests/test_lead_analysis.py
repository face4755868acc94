# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from odoo.addons.sales_intelligence.tests.common import SalesIntelligenceCase

MEASURES = [
    "received_count:sum",
    "conversion_base_count:sum",
    "rejected_count:sum",
    "won_count:sum",
    "lost_count:sum",
    "won_revenue:sum",
    "conversion_rate:avg",
]


class TestLeadAnalysis(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep2 = cls._create_user(
            "si_report_rep2", ["sales_team.group_sale_salesman"])
        cls.team = cls.env["crm.team"].create({
            "name": "Direct B2C", "sales_mode": "b2c"})
        Lead = cls.env["crm.lead"]

        def lead(name, user, revenue, **values):
            return Lead.create(dict(
                values, name=name, type="opportunity", team_id=cls.team.id,
                user_id=user.id if user else False, expected_revenue=revenue))

        cls.won = lead("Won deal", cls.rep, 1200.0)
        cls.won.action_set_won()
        cls.open = lead("Open deal", cls.rep, 800.0)
        cls.lost = lead("Lost deal", cls.rep_all, 500.0)
        cls.lost.action_set_lost()
        cls.rep2_lead = lead("Second rep's deal", cls.rep2, 300.0)
        # a pool shown to the second rep only: its unassigned lead is
        # hidden from the rep, in the CRM and in the report alike
        cls.pool = cls.env["si.lead.pool"].create({
            "name": "SI report pool", "visible_user_ids": [(4, cls.rep2.id)]})
        cls.pooled = lead("Pooled deal", False, 700.0, pool_id=cls.pool.id)

    def _totals(self, user, domain=()):
        """One group of the team's rows as `user` reads it (pivot measures)."""
        Analysis = self.env["si.lead.analysis"].with_user(user)
        groups = Analysis.read_group(
            [("team_id", "=", self.team.id)] + list(domain),
            MEASURES, ["team_id"], lazy=False)
        return groups[0] if groups else {"received_count": 0}

    def _rows(self, user):
        return self.env["si.lead.analysis"].with_user(user).search(
            [("team_id", "=", self.team.id)])

    def _readable_leads(self, user):
        return self.env["crm.lead"].with_user(user).with_context(
            active_test=False).search([("team_id", "=", self.team.id)])

    def test_conversion_counts_for_all_leads_user(self):
        totals = self._totals(self.rep_all)
        self.assertEqual(totals["received_count"], 5)
        self.assertEqual(totals["won_count"], 1)
        self.assertEqual(totals["lost_count"], 1)
        self.assertEqual(totals["won_revenue"], 1200.0)
        self.assertAlmostEqual(totals["conversion_rate"], 1 / 5)

    def test_rep_sees_only_leads_readable_in_crm(self):
        rows = self._rows(self.rep)
        self.assertEqual(rows.lead_id, self.won | self.open)
        self.assertEqual(rows.lead_id, self._readable_leads(self.rep))
        self.assertNotIn(self.pooled, rows.lead_id, "hidden pool leaked")
        totals = self._totals(self.rep)
        self.assertEqual(totals["received_count"], 2)
        self.assertEqual(totals["won_revenue"], 1200.0)
        self.assertAlmostEqual(totals["conversion_rate"], 1 / 2)

    def test_second_rep_sees_own_and_pool_shown_to_them(self):
        rows = self._rows(self.rep2)
        self.assertEqual(rows.lead_id, self.rep2_lead | self.pooled)
        self.assertEqual(rows.lead_id, self._readable_leads(self.rep2))
        totals = self._totals(self.rep2)
        self.assertEqual(totals["received_count"], 2)
        self.assertEqual(totals["won_count"], 0)
        self.assertEqual(totals["conversion_rate"], 0.0)

    def test_manager_sees_everything(self):
        rows = self._rows(self.manager)
        self.assertEqual(len(rows), 5)
        self.assertEqual(rows.lead_id, self._readable_leads(self.manager))
        self.assertEqual(self._totals(self.manager)["received_count"], 5)

    def test_hidden_rows_cannot_be_read_by_id(self):
        hidden = self.env["si.lead.analysis"].search(
            [("lead_id", "=", self.pooled.id)])
        self.assertTrue(hidden)
        with self.assertRaises(AccessError):
            hidden.with_user(self.rep).read(["lead_id", "expected_revenue"])
        # grouping by lead shows no name of a hidden lead
        groups = self.env["si.lead.analysis"].with_user(self.rep).read_group(
            [("team_id", "=", self.team.id)], ["received_count:sum"], ["lead_id"])
        names = {g["lead_id"][1] for g in groups if g["lead_id"]}
        self.assertEqual(names, {"Won deal", "Open deal"})

    def test_rows_follow_pool_visibility_changes(self):
        self.pool.visible_user_ids = [(4, self.rep.id)]
        self.env.invalidate_all()
        self.assertIn(self.pooled, self._rows(self.rep).lead_id)
        self.assertEqual(self._rows(self.rep).lead_id, self._readable_leads(self.rep))

    def test_sales_mode_follows_team(self):
        rows = self.env["si.lead.analysis"].search([("team_id", "=", self.team.id)])
        self.assertEqual(set(rows.mapped("sales_mode")), {"b2c"})

    def test_finance_cannot_read_conversion(self):
        with self.assertRaises(AccessError):
            self.env["si.lead.analysis"].with_user(self.finance).search([])

    def test_rejected_leads_and_conversion_base(self):
        rejected = self.env["crm.lead"].create({
            "name": "No intent", "type": "lead", "team_id": self.team.id,
            "user_id": self.rep.id, "entry_channel": "web_form"})
        rejected.action_reject("no_intent")
        company = self.env.company
        company.si_conversion_excludes_rejected = True
        self.env.flush_all()
        totals = self._totals(self.rep_all)
        self.assertEqual(totals["received_count"], 6)
        self.assertEqual(totals["rejected_count"], 1)
        self.assertEqual(totals["conversion_base_count"], 5)
        self.assertEqual(totals["lost_count"], 1, "a rejection is not a loss")
        self.assertAlmostEqual(totals["conversion_rate"], 1 / 5)
        lost = self._totals(self.rep_all, [("lost_count", "=", 1)])
        self.assertEqual(lost["received_count"], 1)
        company.si_conversion_excludes_rejected = False
        self.env.flush_all()
        totals = self._totals(self.rep_all)
        self.assertEqual(totals["conversion_base_count"], 6)
        self.assertAlmostEqual(totals["conversion_rate"], 1 / 6)

    def test_rate_of_a_group_is_the_ratio_of_its_totals(self):
        """The rep won 1 of 2, the second rep 0 of 1: together 1/3, not the
        average of their rates (1/4)."""
        reps = [("user_id", "in", (self.rep | self.rep2).ids)]
        groups = self.env["si.lead.analysis"].read_group(
            [("team_id", "=", self.team.id)] + reps,
            ["conversion_rate:avg"], ["user_id"])
        rates = {g["user_id"][0]: g["conversion_rate"] for g in groups}
        self.assertAlmostEqual(rates[self.rep.id], 1 / 2)
        self.assertAlmostEqual(rates[self.rep2.id], 0.0)
        both = self._totals(self.manager, reps)
        self.assertEqual(both["received_count"], 3)
        self.assertAlmostEqual(both["conversion_rate"], 1 / 3)

    def test_referrals_are_credited(self):
        referrer = self.env["res.partner"].create({"name": "Loyal customer"})
        self.env["crm.lead"].create({
            "name": "Referred", "team_id": self.team.id, "user_id": self.rep.id,
            "entry_channel": "referral", "referred_by_id": referrer.id})
        self.env.flush_all()
        groups = self.env["si.lead.analysis"].read_group(
            [("team_id", "=", self.team.id), ("referred_by_id", "!=", False)],
            ["received_count:sum"], ["referred_by_id"], lazy=False)
        self.assertEqual(
            [(g["referred_by_id"][0], g["received_count"]) for g in groups],
            [(referrer.id, 1)])
