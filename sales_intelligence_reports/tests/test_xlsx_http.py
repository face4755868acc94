# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import json

import openpyxl

from odoo import http
from odoo.tests import HttpCase, tagged

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@tagged("post_install", "-at_install")
class TestXlsxDownload(HttpCase):
    """The report URLs the web client downloads, as a logged-in rep."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = [cls.env.ref("sales_team.group_sale_salesman").id,
                  cls.env.ref("base.group_user").id]
        cls.rep = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "XLSX Web Rep", "login": "si_xlsx_web_rep",
            "password": "si_xlsx_web_rep", "groups_id": [(6, 0, groups)]})
        cls.lead = cls.env["crm.lead"].create({
            "name": "XLSX web lead", "type": "opportunity", "user_id": cls.rep.id})
        cls.hidden = cls.env["crm.lead"].create({
            "name": "XLSX hidden lead", "type": "opportunity",
            "user_id": cls.env.ref("base.user_admin").id})

    def _download(self, report_name, ids):
        response = self.url_open("/report/xlsx/%s/%s" % (
            report_name, ",".join(str(i) for i in ids)))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX)
        return openpyxl.load_workbook(io.BytesIO(response.content)).active

    def test_rep_downloads_every_export(self):
        self.authenticate("si_xlsx_web_rep", "si_xlsx_web_rep")
        rows = self.env["si.lead.analysis"].search(
            [("lead_id", "in", (self.lead | self.hidden).ids)])
        sheet = self._download("sales_intelligence_reports.si_lead_analysis_xlsx",
                               rows.ids)
        self.assertEqual(sheet.cell(2, 1).value, "Sales Team")
        # the rep's own lead: one group and the totals, the other is hidden
        self.assertEqual(sheet.max_row, 4)
        self.assertEqual(sheet.cell(4, 3).value, "=SUM(C3:C3)")
        for report_name, model in (
                ("si_target_line_xlsx", "si.target.line"),
                ("si_target_rep_line_xlsx", "si.target.rep.line"),
                ("contract_renewal_xlsx", "contract.contract")):
            ids = self.env[model].search([], limit=5).ids or [0]
            sheet = self._download("sales_intelligence_reports." + report_name, ids)
            self.assertTrue(sheet.cell(1, 1).value)
            self.assertTrue(sheet.cell(2, 1).value)

    def test_web_client_download_in_chinese(self):
        """The Print menu's path: /report/download with the user's context,
        as report_xlsx's web client handler posts it."""
        self.rep.lang = "zh_CN"
        self.authenticate("si_xlsx_web_rep", "si_xlsx_web_rep")
        rows = self.env["si.lead.analysis"].search([("lead_id", "=", self.lead.id)])
        context = json.dumps({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        url = "/report/xlsx/sales_intelligence_reports.si_lead_analysis_xlsx/%s" \
            "?context=%s" % (",".join(map(str, rows.ids)), context)
        response = self.url_open("/report/download", data={
            "data": json.dumps([url, "xlsx"]),
            "context": context,
            "csrf_token": http.Request.csrf_token(self),
        })
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX)
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet.cell(1, 1).value, "线索转化")
        self.assertEqual(sheet.cell(2, 1).value, "销售团队")
