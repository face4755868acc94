# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

import openpyxl

from odoo import Command

from odoo.addons.sales_intelligence.tests.common import SalesIntelligenceCase

DEMAND_REPORT = "sales_intelligence_reports.si_demand_analysis_xlsx"
EVALUATION_REPORT = "sales_intelligence_reports.si_rep_evaluation_xlsx"


class TestXlsxAnalyses(SalesIntelligenceCase):
    """The exports of the contracted demand analysis and the rep evaluations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.product = env["product.product"].create(
            {"name": "XLSX demand toner", "type": "consu", "list_price": 10.0})
        partner = env["res.partner"].create({"name": "XLSX demand customer"})
        cls.order = env["sale.order"].create({
            "partner_id": partner.id, "user_id": cls.rep.id,
            "order_line": [
                Command.create({"product_id": cls.product.id, "product_uom_qty": 5,
                                "price_unit": 10.0}),
                Command.create({"product_id": cls.product.id, "product_uom_qty": 3,
                                "price_unit": 20.0}),
            ]})
        cls.order.action_confirm()

    def _render(self, report, ids, user=None, data=None):
        content, _fmt = self.env["ir.actions.report"].with_user(
            user or self.manager)._render_xlsx(report, ids, data)
        return openpyxl.load_workbook(io.BytesIO(content), data_only=True).active

    def test_contracted_demand_export(self):
        ids = self.env["si.demand.analysis"].search(
            [("order_id", "=", self.order.id)]).ids
        self.assertEqual(len(ids), 2)
        sheet = self._render(DEMAND_REPORT, ids)
        self.assertEqual(sheet["A1"].value, "Contracted Demand")
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
        self.assertEqual(len(rows), 2, "one product-month and the totals")
        product_row, totals = rows
        self.assertEqual(product_row[0], self.product.display_name)
        # ordered 8, none delivered; 5 x 10 + 3 x 20 untaxed
        self.assertEqual(product_row[2:5], [8, 0, 8])
        self.assertEqual(product_row[5], 110)
        self.assertEqual(product_row[8], 0)
        self.assertEqual(totals[0], "Total")

    def test_rep_sees_only_own_demand_rows(self):
        other = self.env["sale.order"].create({
            "partner_id": self.order.partner_id.id, "user_id": self.rep_all.id,
            "order_line": [Command.create({"product_id": self.product.id,
                                           "product_uom_qty": 7})]})
        other.action_confirm()
        ids = self.env["si.demand.analysis"].search(
            [("order_id", "in", (self.order | other).ids)]).ids
        sheet = self._render(DEMAND_REPORT, ids, user=self.rep)
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
        self.assertEqual(rows[0][2], 8, "the other rep's 7 are not in the rep's export")

    def test_in_the_print_menus(self):
        for model, report in (("si.demand.analysis", DEMAND_REPORT),
                              ("si.rep.evaluation", EVALUATION_REPORT)):
            views = self.env[model].with_user(self.manager).get_views(
                [(False, "list")], {"toolbar": True})
            prints = views["views"]["list"]["toolbar"].get("print", [])
            action = self.env["ir.actions.report"]._get_report_from_name(report)
            self.assertIn(action.id, [p["id"] for p in prints], model)

    def test_rep_evaluation_export_headers(self):
        sheet = self._render(EVALUATION_REPORT, [])
        self.assertEqual(sheet["A1"].value, "Rep Evaluations")
        headers = [cell.value for cell in sheet[2]]
        self.assertEqual(headers[0], "Salesperson")
        self.assertIn("Score", headers)
