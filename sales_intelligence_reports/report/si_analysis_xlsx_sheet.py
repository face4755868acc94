# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The layout of one analysis sheet, without the ORM: a title, a bold header
row frozen with the label columns, number, percent and date formats, column
widths from the content, a totals row (SUM formulas, and rates recomputed
from the totals of their numerator and denominator, never an average of
rates) and an optional chart.

Columns are dicts: ``label``; ``kind`` one of text, int, float, monetary,
percent, date, month, datetime; ``total`` "sum", "rate" or None; for rates
``rate`` = (numerator column index, denominator column index, offset): the
rate is numerator / denominator + offset, 0 without a denominator. Rows are
lists of plain values (labels already translated, rates as fractions)."""
import re
import unicodedata

from xlsxwriter.utility import xl_rowcol_to_cell

TITLE_ROW = 0
HEADER_ROW = 1
FIRST_DATA_ROW = 2
MIN_WIDTH = 8
MAX_WIDTH = 60
NUMBER_FORMATS = {
    "int": "#,##0",
    "float": "#,##0.00",
    "monetary": "#,##0.00",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "month": "yyyy-mm",
    "datetime": "yyyy-mm-dd hh:mm",
}
NUMERIC_KINDS = ("int", "float", "monetary", "percent")


def display_width(value):
    """Width of `value` in characters, East Asian wide characters counting
    twice (Chinese labels need wider columns)."""
    text = str(value)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1
               for char in text)


def sheet_name(title):
    """A valid worksheet name: no []:*?/\\, at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Sheet1"


def rate_value(numerator, denominator, offset=0.0):
    return numerator / denominator + offset if denominator else 0.0


class SheetFormats:
    """The cell formats of one workbook, made once."""

    def __init__(self, workbook, currency_format=None):
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.header = workbook.add_format({
            "bold": True, "bottom": 1, "bg_color": "#E9ECEF",
            "text_wrap": True, "valign": "top"})
        self.cells = {}
        self.totals = {}
        for kind in ("text",) + tuple(NUMBER_FORMATS):
            spec = {}
            if kind in NUMBER_FORMATS:
                spec["num_format"] = NUMBER_FORMATS[kind]
            if kind == "monetary" and currency_format:
                spec["num_format"] = currency_format
            self.cells[kind] = workbook.add_format(dict(spec))
            self.totals[kind] = workbook.add_format(dict(spec, bold=True, top=1))


def write_sheet(workbook, formats, title, columns, rows, chart=None):
    """Write one sheet; returns it. `chart`: None or {"type": "column" or
    "line", "columns": [value column indexes], "categories": [label column
    indexes]}, drawn next to the table."""
    sheet = workbook.add_worksheet(sheet_name(title))
    sheet.write(TITLE_ROW, 0, title, formats.title)
    widths = [max(display_width(col["label"]), MIN_WIDTH) for col in columns]
    for index, col in enumerate(columns):
        sheet.write(HEADER_ROW, index, col["label"], formats.header)
    row_index = FIRST_DATA_ROW
    for row in rows:
        for index, (col, value) in enumerate(zip(columns, row)):
            kind = col["kind"]
            cell_format = formats.cells[kind]
            if value is None or value is False:
                sheet.write_blank(row_index, index, None, cell_format)
                continue
            if kind in ("date", "month", "datetime"):
                sheet.write_datetime(row_index, index, value, cell_format)
                widths[index] = max(widths[index], 12 if kind != "datetime" else 17)
            elif kind in NUMERIC_KINDS:
                sheet.write_number(row_index, index, value, cell_format)
                widths[index] = max(widths[index], len("{:,.2f}".format(value)) + 1)
            else:
                sheet.write_string(row_index, index, str(value), cell_format)
                widths[index] = max(widths[index], display_width(value))
        row_index += 1
    last_data_row = row_index - 1
    _write_totals(sheet, formats, columns, rows, row_index, last_data_row)
    for index, width in enumerate(widths):
        sheet.set_column(index, index, min(width + 2, MAX_WIDTH))
    label_columns = sum(1 for col in columns if col["kind"] not in NUMERIC_KINDS)
    sheet.freeze_panes(FIRST_DATA_ROW, max(min(label_columns, 2), 1))
    if chart and rows:
        _insert_chart(workbook, sheet, columns, chart, last_data_row)
    return sheet


def _write_totals(sheet, formats, columns, rows, row_index, last_data_row):
    """The totals row: SUM formulas for summed columns, the rate of the
    totals for rate columns (with their values cached, for readers that do
    not compute formulas)."""
    sums = {}
    for index, col in enumerate(columns):
        if col["kind"] in NUMERIC_KINDS and col.get("total") == "sum":
            sums[index] = sum(row[index] or 0.0 for row in rows)
    sheet.write(row_index, 0, columns[0].get("total_label", "Total"),
                formats.totals["text"])

    def column_range(index):
        return "%s:%s" % (xl_rowcol_to_cell(FIRST_DATA_ROW, index),
                          xl_rowcol_to_cell(last_data_row, index))

    for index, col in enumerate(columns):
        if index == 0:
            continue
        cell_format = formats.totals[col["kind"]]
        if not rows and col.get("total") in ("sum", "rate"):
            # no range to sum (a formula would refer to its own cell)
            sheet.write_number(row_index, index, 0, cell_format)
        elif index in sums:
            sheet.write_formula(row_index, index, "=SUM(%s)" % column_range(index),
                                cell_format, sums[index])
        elif col.get("total") == "rate":
            num, den, offset = col["rate"]
            value = rate_value(sums.get(num, 0.0), sums.get(den, 0.0), offset)
            formula = "=IF(SUM({den})=0,0,SUM({num})/SUM({den}){offset})".format(
                num=column_range(num), den=column_range(den),
                offset="%+g" % offset if offset else "")
            sheet.write_formula(row_index, index, formula, cell_format, value)
        else:
            sheet.write_blank(row_index, index, None, cell_format)


def _insert_chart(workbook, sheet, columns, chart, last_data_row):
    sheet_ref = sheet.get_name()
    graph = workbook.add_chart({"type": chart.get("type", "column")})
    categories = chart.get("categories") or [0]
    for index in chart["columns"]:
        graph.add_series({
            "name": [sheet_ref, HEADER_ROW, index],
            "categories": [sheet_ref, FIRST_DATA_ROW, min(categories),
                           last_data_row, max(categories)],
            "values": [sheet_ref, FIRST_DATA_ROW, index, last_data_row, index],
        })
    graph.set_title({"name": chart.get("title") or ""})
    graph.set_legend({"position": "bottom"})
    graph.set_size({"width": 720, "height": 360})
    sheet.insert_chart(FIRST_DATA_ROW, len(columns) + 1, graph)
