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
            team.with_user(self.rep).write({"sales_mode": "b2c"})
        team.with_user(self.manager).write({"sales_mode": "b2c"})
        self.assertEqual(team.sales_mode, "b2c")

    def test_rep_opens_customer_contracts(self):
        partner = self.env["res.partner"].create({"name": "Acme",
                                                  "user_id": self.rep.id})
        contract = self.env["contract.contract"].create({
            "name": "Acme support", "partner_id": partner.id,
            "contract_type": "sale"})
        menu = self.env.ref("sales_intelligence.contract_menu")
        action = menu.action
        self.assertEqual(action.res_model, "contract.contract")
        Contract = self.env[action.res_model].with_user(self.rep)
        found = Contract.search(
            [("partner_id", "=", partner.id), ("contract_type", "=", "sale")])
        self.assertEqual(found, contract)
        # everything the product's contract views show is readable by a rep
        for xmlid, view_type in (("contract_view_tree", "list"),
                                 ("contract_view_form", "form")):
            view = self.env.ref("sales_intelligence." + xmlid)
            names = Contract.get_view(view.id, view_type)["models"][
                "contract.contract"]
            self.assertTrue(found.read(list(names)))
