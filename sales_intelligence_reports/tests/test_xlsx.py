# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import logging
import time
from datetime import date, timedelta

import openpyxl

from odoo import Command
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.sales_intelligence.tests.common import SalesIntelligenceCase

_logger = logging.getLogger(__name__)
LEAD_REPORT = "sales_intelligence_reports.si_lead_analysis_xlsx"
TEAM_REPORT = "sales_intelligence_reports.si_target_line_xlsx"
RENEWAL_REPORT = "sales_intelligence_reports.contract_renewal_xlsx"


class TestXlsx(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.rep2 = cls._create_user("si_xlsx_rep2", ["sales_team.group_sale_salesman"])
        cls.zh_manager = cls._create_user(
            "si_xlsx_zh", ["sales_team.group_sale_manager"])
        cls.zh_manager.lang = "zh_CN"
        cls.team = env["crm.team"].create({"name": "XLSX Team"})
        won_stage = env["crm.stage"].search([("is_won", "=", True)], limit=1)
        # the rep: 1 won of 2 (1200 won); the second rep: 0 of 1
        cls.won = cls._create_lead("XLSX won", team_id=cls.team.id,
                                   expected_revenue=1200.0, stage_id=won_stage.id)
        cls.open = cls._create_lead("XLSX open", team_id=cls.team.id,
                                    expected_revenue=800.0)
        cls.other = cls._create_lead("XLSX other", user=cls.rep2,
                                     team_id=cls.team.id, expected_revenue=300.0)
        cls.leads = cls.won | cls.open | cls.other

    def _render(self, report, ids, user=None, lang="en_US", data=None):
        env_report = self.env["ir.actions.report"].with_user(user or self.manager)
        content, fmt = env_report.with_context(lang=lang)._render_xlsx(
            report, ids, data)
        self.assertEqual(fmt, "xlsx")
        return (openpyxl.load_workbook(io.BytesIO(content)),
                openpyxl.load_workbook(io.BytesIO(content), data_only=True))

    def _analysis_ids(self):
        return self.env["si.lead.analysis"].search(
            [("lead_id", "in", self.leads.ids)]).ids

    @staticmethod
    def _rows(sheet):
        return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]

    def test_lead_conversion_export(self):
        book, values = self._render(LEAD_REPORT, self._analysis_ids())
        sheet, cached = book.active, values.active
        self.assertEqual(sheet.title, "Lead Conversion")
        self.assertEqual(sheet["A1"].value, "Lead Conversion")
        self.assertTrue(sheet["A1"].font.b)
        headers = [cell.value for cell in sheet[2]]
        self.assertEqual(headers, [
            "Sales Team", "Salesperson", "# Received", "# Conversion Base",
            "# Rejected", "# Dormant", "# Dead", "# Won", "# Lost",
            "Won Revenue", "Conversion Rate"])
        self.assertTrue(all(cell.font.b for cell in sheet[2]))
        self.assertEqual(sheet.freeze_panes, "C3")
        rows = self._rows(cached)
        by_rep = {row[1]: row for row in rows[:-1]}
        self.assertEqual(set(by_rep), {self.rep.name, self.rep2.name})
        rep_row = by_rep[self.rep.name]
        self.assertEqual(rep_row[:4], ["XLSX Team", self.rep.name, 2, 2])
        self.assertEqual(rep_row[7], 1)
        self.assertEqual(rep_row[9], 1200)
        self.assertAlmostEqual(rep_row[10], 0.5)
        self.assertEqual(by_rep[self.rep2.name][10], 0)
        # formats: counts, amounts, a percentage
        data_row = 3 + [r[1] for r in rows].index(self.rep.name)
        self.assertEqual(sheet.cell(data_row, 3).number_format, "#,##0")
        self.assertEqual(sheet.cell(data_row, 10).number_format, "#,##0.00")
        self.assertEqual(sheet.cell(data_row, 11).number_format, "0.0%")
        # totals: SUM formulas, the rate of the totals (1 / 3), not the
        # average of the rates (1 / 4)
        totals, total_formulas = rows[-1], self._rows(sheet)[-1]
        self.assertEqual(totals[0], "Total")
        self.assertEqual(total_formulas[2], "=SUM(C3:C4)")
        self.assertEqual(totals[2], 3)
        self.assertEqual(totals[9], 1200)
        self.assertTrue(total_formulas[10].startswith("=IF(SUM(D3:D4)=0"))
        self.assertAlmostEqual(totals[10], 1 / 3)
        self.assertTrue(sheet.cell(len(rows) + 2, 3).font.b)
        # a chart of received and won leads per group
        self.assertEqual(len(sheet._charts), 1)
        self.assertGreater(sheet.column_dimensions["A"].width, 8)

    def test_same_figures_as_the_pivot(self):
        group = self.env["si.lead.analysis"].with_user(self.manager).read_group(
            [("lead_id", "in", self.leads.ids)],
            ["won_count:sum", "conversion_rate:avg"], ["team_id"], lazy=False)[0]
        __, values = self._render(LEAD_REPORT, self._analysis_ids(),
                                  data={"groupby": ["team_id"]})
        row = self._rows(values.active)[0]
        self.assertEqual(row[0], "XLSX Team")
        self.assertAlmostEqual(row[-1], group["conversion_rate"])
        self.assertEqual(row[6], group["won_count"])

    def test_rep_exports_only_visible_rows(self):
        """The rep asks for every row: the second rep's lead is not theirs."""
        __, values = self._render(LEAD_REPORT, self._analysis_ids(), user=self.rep)
        rows = self._rows(values.active)
        self.assertEqual(len(rows), 2, rows)
        self.assertEqual(rows[0][1], self.rep.name)
        self.assertEqual(rows[-1][2], 2)

    def test_chinese_labels(self):
        zh = self.env(context=dict(self.env.context, lang="zh_CN"))
        book, values = self._render(LEAD_REPORT, self._analysis_ids(),
                                    user=self.zh_manager, lang="zh_CN")
        sheet = book.active
        fields_ = zh["si.lead.analysis"]._fields
        headers = [cell.value for cell in sheet[2]]
        self.assertEqual(headers[0], fields_["team_id"]._description_string(zh))
        self.assertEqual(headers[0], "销售团队")
        self.assertEqual(headers[2], fields_["received_count"]._description_string(zh))
        self.assertNotEqual(headers[2], "# Received")
        self.assertEqual(sheet["A1"].value, "线索转化")
        self.assertEqual(sheet.title, "线索转化")
        self.assertEqual(self._rows(values.active)[-1][0], "总计")

    def test_plan_completion_export(self):
        env = self.env
        plan = env["si.target.plan"].search([
            ("company_id", "=", env.company.id),
            ("year", "=", date.today().year)]) or env["si.target.plan"].create({
                "name": "XLSX plan", "year": date.today().year,
                "amount_total": 3000.0})
        january = date(date.today().year, 1, 1)
        lines = env["si.target.line"].create([
            {"plan_id": plan.id, "date_month": january, "team_id": self.team.id,
             "amount": amount} for amount in (1000.0, 3000.0)])
        env.flush_all()
        for line, actual, last in zip(lines, (500.0, 1500.0), (800.0, 1200.0)):
            env.cr.execute(SQL(
                "UPDATE si_target_line SET actual_amount = %s, last_year_amount = %s "
                "WHERE id = %s", actual, last, line.id))
        env.invalidate_all()
        book, values = self._render(TEAM_REPORT, lines.ids)
        sheet = book.active
        self.assertEqual([c.value for c in sheet[2]], [
            "Month", "Sales Team", "Target", "Actual", "Last Year",
            "Completion (%)", "Growth (%)"])
        row, totals = self._rows(values.active)
        self.assertEqual(row[0].date(), january)
        self.assertEqual(sheet["A3"].number_format, "yyyy-mm")
        self.assertEqual(row[2:5], [4000, 2000, 2000])
        self.assertAlmostEqual(row[5], 0.5)
        self.assertAlmostEqual(row[6], 1.0)
        self.assertEqual(sheet["F3"].number_format, "0.0%")
        self.assertAlmostEqual(totals[6], 1.0)
        self.assertEqual(self._rows(sheet)[-1][6],
                         "=IF(SUM(E3:E3)=0,0,SUM(C3:C3)/SUM(E3:E3)-1)")
        # a rep who leads no team reads no team target
        __, values = self._render(TEAM_REPORT, lines.ids, user=self.rep)
        self.assertEqual(len(self._rows(values.active)), 1, "totals row only")

    def test_renewal_pipeline_export(self):
        env = self.env
        service = env["product.product"].create(
            {"name": "XLSX service", "type": "service", "list_price": 100.0})
        customer = env["res.partner"].create(
            {"name": "XLSX customer", "is_company": True, "user_id": self.rep.id})
        end = date.today() + timedelta(days=40)
        contract = env["contract.contract"].create({
            "name": "XLSX contract", "partner_id": customer.id,
            "line_recurrence": True, "date_start": date.today() - timedelta(days=300),
            "contract_line_ids": [Command.create({
                "product_id": service.id, "name": "Service", "quantity": 1,
                "price_unit": 100.0, "recurring_rule_type": "monthly",
                "recurring_interval": 1,
                "date_start": date.today() - timedelta(days=300),
                "date_end": end})],
        })
        for user, lang, state in ((self.rep, "en_US", "Not Due"),
                                  (self.zh_manager, "zh_CN", None)):
            book, values = self._render(RENEWAL_REPORT, contract.ids, user=user,
                                        lang=lang)
            rows = self._rows(values.active)
            if user == self.zh_manager:
                # a manager without team does not read the rep's contract
                self.assertEqual(len(rows), 1 if contract.team_id else 2)
                continue
            row, totals = rows
            self.assertEqual(row[0], "XLSX contract")
            self.assertEqual(row[1], "XLSX customer")
            self.assertEqual(row[4], state)
            self.assertEqual(row[5].date(), end)
            self.assertEqual(row[6], 40)
            self.assertEqual(row[7], 1200)
            self.assertEqual(totals[7], 1200)
            self.assertIsNone(totals[6], "days are not summed")
            self.assertEqual(book.active["F3"].number_format, "yyyy-mm-dd")

    def test_bad_grouping_is_one_clear_sentence(self):
        with self.assertRaisesRegex(UserError, "cannot be grouped by"):
            self._render(LEAD_REPORT, self._analysis_ids(),
                         data={"groupby": ["no_such_field"]})
        with self.assertRaisesRegex(UserError, "cannot be grouped by"):
            self._render(RENEWAL_REPORT, [], data={"groupby": ["days_to_expiry"]})

    def test_exports_in_the_print_menus(self):
        for model, report in (("si.lead.analysis", LEAD_REPORT),
                              ("si.target.line", TEAM_REPORT),
                              ("contract.contract", RENEWAL_REPORT)):
            for user in (self.rep, self.manager):
                views = self.env[model].with_user(user).get_views(
                    [(False, "list")], {"toolbar": True})
                prints = views["views"]["list"]["toolbar"].get("print", [])
                action = self.env["ir.actions.report"]._get_report_from_name(report)
                self.assertIn(action.id, [p["id"] for p in prints],
                              (model, user.login))

    def test_ten_thousand_rows(self):
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            INSERT INTO crm_lead (name, type, active, company_id, team_id,
                                  user_id, chance_level, entry_channel,
                                  followup_frequency, expected_revenue,
                                  create_date, write_date, create_uid, write_uid)
            SELECT 'Bulk ' || n, 'lead', true, %(company)s, %(team)s, %(user)s,
                   'medium', 'import', 'none', n, now(), now(), 1, 1
              FROM generate_series(1, 10000) n
            """,
            company=self.env.company.id, team=self.team.id, user=self.rep.id))
        ids = self.env["si.lead.analysis"].search([("team_id", "=", self.team.id)]).ids
        self.assertEqual(len(ids), 10003)
        started = time.time()
        __, values = self._render(LEAD_REPORT, ids, data={"groupby": []})
        _logger.info("10,003-row lead export built in %.1fs", time.time() - started)
        sheet = values.active
        # title, header, one row per lead, totals
        self.assertEqual(sheet.max_row, 2 + 10003 + 1)
        self.assertEqual(sheet.cell(2, 1).value, "Lead")
        self.assertEqual(sheet.cell(sheet.max_row, 3).value, 10003)
