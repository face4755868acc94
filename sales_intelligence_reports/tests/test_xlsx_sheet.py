# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sheet layout alone, without a database."""
import io
import unittest
from datetime import date

import openpyxl
import xlsxwriter

from ..report.si_analysis_xlsx_sheet import (
    SheetFormats,
    display_width,
    rate_value,
    sheet_name,
    write_sheet,
)

COLUMNS = [
    {"label": "Month", "kind": "month"},
    {"label": "Target", "kind": "monetary", "total": "sum"},
    {"label": "Actual", "kind": "monetary", "total": "sum"},
    {"label": "Completion", "kind": "percent", "total": "rate", "rate": (2, 1, 0.0)},
]


class TestXlsxSheet(unittest.TestCase):

    def _sheet(self, rows, chart=None):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        write_sheet(workbook, SheetFormats(workbook), "Plan: 2026/H1", COLUMNS, rows,
                    chart=chart)
        workbook.close()
        buffer.seek(0)
        content = buffer.getvalue()
        return (openpyxl.load_workbook(io.BytesIO(content)).active,
                openpyxl.load_workbook(io.BytesIO(content), data_only=True).active)

    def test_helpers(self):
        self.assertEqual(rate_value(1, 4), 0.25)
        self.assertEqual(rate_value(1, 0), 0.0)
        self.assertEqual(rate_value(150, 100, -1.0), 0.5)
        self.assertEqual(display_width("销售"), 4)
        self.assertEqual(display_width("ab"), 2)
        self.assertEqual(sheet_name("Plan: 2026/H1"), "Plan  2026 H1")
        self.assertEqual(len(sheet_name("x" * 40)), 31)

    def test_totals_are_rates_of_sums(self):
        rows = [[date(2026, 1, 1), 100.0, 50.0, 0.5],
                [date(2026, 2, 1), 300.0, 300.0, 1.0]]
        sheet, values = self._sheet(rows, chart={"type": "line", "columns": [1, 2]})
        self.assertEqual(sheet.title, "Plan  2026 H1")
        self.assertEqual(sheet["A1"].value, "Plan: 2026/H1")
        self.assertEqual(sheet.freeze_panes, "B3")
        self.assertEqual(sheet["D3"].number_format, "0.0%")
        self.assertEqual(sheet["A3"].number_format, "yyyy-mm")
        self.assertEqual(sheet["B5"].value, "=SUM(B3:B4)")
        self.assertEqual(values["B5"].value, 400)
        # 350 / 400, not the average of 50 % and 100 %
        self.assertAlmostEqual(values["D5"].value, 0.875)
        self.assertEqual(values["A5"].value, "Total")
        self.assertEqual(len(sheet._charts), 1)

    def test_empty_sheet(self):
        sheet, values = self._sheet([], chart={"type": "column", "columns": [1]})
        self.assertEqual([c.value for c in values[2]],
                         ["Month", "Target", "Actual", "Completion"])
        # the totals: zeros, not formulas on their own cells
        self.assertEqual(sheet["B3"].value, 0)
        self.assertEqual(sheet["D3"].value, 0)
        self.assertEqual(len(sheet._charts), 0)
