# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .common import SalesIntelligenceCase


class TestCrmTeam(SalesIntelligenceCase):

    def test_new_team_defaults_to_b2b(self):
        team = self.env["crm.team"].create({"name": "Key Accounts"})
        self.assertEqual(team.sales_mode, "b2b")

    def test_sales_mode_filter(self):
        b2c = self.env["crm.team"].create({"name": "Web Shop", "sales_mode": "b2c"})
        found = self.env["crm.team"].search([("sales_mode", "=", "b2c")])
        self.assertIn(b2c, found)
        self.assertFalse(found.filtered(lambda t: t.sales_mode != "b2c"))

    def test_only_manager_changes_sales_mode(self):
        team = self.env["crm.team"].create({"name": "Channel Partners"})
        with self.assertRaises(AccessError):
            team.sudo(self.rep).write({"sales_mode": "b2c"})
        team.sudo(self.manager).write({"sales_mode": "b2c"})
        self.assertEqual(team.sales_mode, "b2c")

    def test_rep_opens_customer_contracts(self):
        partner = self.env["res.partner"].create({"name": "Acme",
                                                  "user_id": self.rep.id})
        contract = self.env["account.analytic.account"].create({
            "name": "Acme support", "partner_id": partner.id,
            "recurring_invoices": True})
        menu = self.env.ref("sales_intelligence.contract_menu")
        action = menu.action
        self.assertEqual(action.res_model, "account.analytic.account")
        found = self.env[action.res_model].sudo(self.rep).search(
            [("partner_id", "=", partner.id), ("recurring_invoices", "=", True)])
        self.assertEqual(found, contract)
        # everything the product's contract views show is readable by a rep
        for view in ("contract_view_tree", "contract_view_form"):
            arch = self.env.ref("sales_intelligence." + view).read_combined(
                ["arch"])["arch"]
            names = [f for f in self.env[action.res_model]._fields if
                     'name="%s"' % f in arch]
            self.assertTrue(found.read(names))
