# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import SalesIntelligenceCase


class TestMenus(SalesIntelligenceCase):

    def test_rep_sees_product_menu_but_not_configuration(self):
        menus = self.visible_menus(self.rep)
        self.assertIn("sales_intelligence.sales_intelligence_menu_root", menus)
        self.assertIn("sales_intelligence.contract_menu", menus)
        self.assertNotIn("sales_intelligence.sales_intelligence_menu_config", menus)
        self.assertNotIn("sales_intelligence.crm_team_menu", menus)

    def test_manager_sees_configuration(self):
        menus = self.visible_menus(self.manager)
        self.assertIn("sales_intelligence.sales_intelligence_menu_config", menus)
        self.assertIn("sales_intelligence.crm_team_menu", menus)

    def test_finance_without_sales_rights_does_not_see_product(self):
        menus = self.visible_menus(self.finance)
        self.assertNotIn("sales_intelligence.sales_intelligence_menu_root", menus)

    def test_menu_sits_in_crm_app(self):
        root = self.env.ref("sales_intelligence.sales_intelligence_menu_root")
        self.assertEqual(root.parent_id, self.env.ref("crm.crm_menu_root"))
