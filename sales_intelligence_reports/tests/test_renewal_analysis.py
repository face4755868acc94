# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from odoo.addons.sales_intelligence.tests.test_contracts import ContractCase, _day

from .common import ReportCase

MEASURES = [
    "contract_count:sum",
    "expiring_count:sum",
    "due_count:sum",
    "renewed_count:sum",
    "lost_count:sum",
    "lapsed_count:sum",
    "renewal_lead_count:sum",
    "renewal_rate:avg",
    "contract_value:sum",
    "value_at_risk:sum",
    "lost_value:sum",
]


class TestRenewalAnalysis(ContractCase, ReportCase):
    _report = "si.renewal.analysis"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the rep's customer: one expiring soon (in renewal), one ended
        # without renewal, one renewed by extension
        cls.expiring = cls._contract("Expiring", end=20)
        cls.lapsed = cls._contract("Lapsed", end=-10)
        cls.renewed = cls._contract("Renewed", end=30)
        cls.renewed._renew(date_end=_day(400))
        # the second rep's customer: one lost, one expiring later
        cls.lost = cls._contract("Lost", partner=cls.customer2, end=15, price=200.0)
        cls.lost._mark_renewal_lost(cls.lost_reason)
        cls.later = cls._contract("Later", partner=cls.customer2, end=100, price=50.0)
        cls.contracts = (cls.expiring | cls.lapsed | cls.renewed | cls.lost
                         | cls.later)
        cls.expiring.renewal_state = "upcoming"
        cls.expiring._create_renewal_leads()
        cls.env.flush_all()

    def domain(self):
        return [("contract_id", "in", self.contracts.ids)]

    def test_renewal_rate_and_value_at_risk(self):
        total = self.total(self.manager, self.domain(), MEASURES)
        self.assertEqual(total["contract_count"], 5)
        self.assertEqual(total["due_count"], 3)
        self.assertEqual(total["renewed_count"], 1)
        self.assertEqual(total["lost_count"], 1)
        self.assertEqual(total["lapsed_count"], 1)
        self.assertAlmostEqual(total["renewal_rate"], 1 / 3)
        self.assertEqual(total["contract_value"], 1200.0 * 3 + 2400.0 + 600.0)
        self.assertEqual(total["value_at_risk"], 1200.0 + 600.0)
        self.assertEqual(total["lost_value"], 1200.0 + 2400.0)
        self.assertEqual(total["renewal_lead_count"], 1)
        users = self.groups(self.manager, self.domain(), MEASURES, "user_id")
        self.assertAlmostEqual(users[self.rep.id]["renewal_rate"], 1 / 2)
        self.assertAlmostEqual(users[self.rep.id]["value_at_risk"], 1200.0)
        self.assertEqual(users[self.rep2.id]["renewal_rate"], 0.0)
        self.assertEqual(users[self.rep2.id]["value_at_risk"], 600.0)
        states = self.groups(self.manager, self.domain(), MEASURES, "renewal_state")
        self.assertEqual(states["upcoming"]["renewal_lead_count"], 1)
        self.assertEqual(states["not_due"]["value_at_risk"], 600.0)
        self.assertFalse(states["not_due"]["renewal_rate"], "none due: no rate")

    def test_expiring_by_month(self):
        months = self.groups(self.manager, self.domain(), MEASURES, "date_end:month")
        self.assertEqual(sum(row["expiring_count"] for row in months.values()), 5)
        row = self.env[self._report].search([("contract_id", "=", self.renewed.id)])
        self.assertEqual(row.date_end, _day(400), "extended: the new end")

    def test_rep_sees_contracts_of_own_customers(self):
        for user, contracts in ((self.rep, self.expiring | self.lapsed | self.renewed),
                                (self.rep2, self.lost | self.later)):
            rows = self.env[self._report].with_user(user).search(self.domain())
            self.assertEqual(rows.contract_id, contracts)
            self.assertEqual(rows.contract_id, self.env["contract.contract"].with_user(
                user).search([("id", "in", self.contracts.ids)]))
        total = self.total(self.rep, self.domain(), MEASURES)
        self.assertEqual(total["contract_count"], 3)
        self.assertAlmostEqual(total["renewal_rate"], 1 / 2)
        self.assertEqual(total["value_at_risk"], 1200.0)
        with self.assertRaises(AccessError):
            self.env[self._report].browse(self.lost.id).with_user(
                self.rep).read(["contract_value"])

    def test_manager_and_finance_see_all(self):
        for user in (self.manager, self.finance):
            rows = self.env[self._report].with_user(user).search(self.domain())
            self.assertEqual(rows.contract_id, self.contracts, user.login)
            self.assertEqual(self.total(user, self.domain(), MEASURES)[
                "value_at_risk"], 1800.0)

    def test_views_load_for_every_role(self):
        self.assert_views_load([self.rep, self.manager, self.finance])
