# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One XLSX export for every analysis: the records of any model, one row per
record or grouped, in the user's language, with the user's record rules.

Adding an export for a model (e.g. a new ``si.xyz.analysis``) takes two
small pieces:

1. a class in ``report/si_analysis_xlsx_reports.py``::

       class SiXyzAnalysisXlsx(models.AbstractModel):
           _name = "report.sales_intelligence_reports.si_xyz_analysis_xlsx"
           _inherit = "report.sales_intelligence_reports.si_analysis_xlsx"
           _description = "Xyz Analysis XLSX"
           _si_xlsx = {
               "groupby": ["team_id", "date:month"],  # [] for one row per record
               "columns": ["qty", "won_count", "base_count", "win_rate"],
               "rates": {"win_rate": ("won_count", "base_count")},
               "chart": {"type": "column", "columns": ["qty"]},
           }

2. an ``ir.actions.report`` in ``report/si_analysis_xlsx_reports.xml`` with
   ``report_type`` xlsx, ``report_name`` the part of ``_name`` after
   ``report.``, and ``binding_model_id`` the model (its list's Print menu);
   its ``name`` is the sheet's title (translatable).

The spec (``_si_xlsx``):

- ``groupby``: fields (``field:month`` for dates) whose values make the rows,
  aggregated with ``_read_group`` (the model's own aggregation, the same
  figures as its pivot view); empty: one row per record, in ``order``.
- ``columns``: the measures (grouped) or fields (one row per record).
- ``rates``: {rate column: (numerator, denominator[, offset])}: the rate of
  each row and of the totals is recomputed as numerator / denominator +
  offset (0 without denominator), shown as a percentage; numerator and
  denominator must be columns too. A growth rate is (new, old, -1).
- ``chart``: {"type": "column" or "line", "columns": [measures]}: drawn for
  grouped exports of at most 100 rows.
- ``order``: the order of the rows of an ungrouped export.
- ``domain``: the records exported when no ids are given (default: all the
  user may read).

A caller may pass ``data={"groupby": [...]}`` to regroup, and, without ids,
``data={"domain": [...]}`` to export every record of a domain. Records are
searched with the user's environment, never sudo: an export holds what the
user may read, whatever ids are asked for."""
from datetime import date, datetime

import pytz

from odoo import api, models
from odoo.exceptions import UserError

from .si_analysis_xlsx_sheet import NUMERIC_KINDS, SheetFormats, rate_value, write_sheet

MAX_CHART_ROWS = 100
_FIELD_KINDS = {
    "integer": "int",
    "float": "float",
    "monetary": "monetary",
    "date": "date",
    "datetime": "datetime",
}


class SiAnalysisXlsx(models.AbstractModel):
    _name = "report.sales_intelligence_reports.si_analysis_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Sales Intelligence Analysis XLSX Export"

    _si_xlsx = {}

    # --- entry point -------------------------------------------------------
    def create_xlsx_report(self, docids, data):
        # the labels in the user's language when the caller set none
        if not self.env.context.get("lang"):
            self = self.with_context(lang=self.env.user.lang)
        return super(SiAnalysisXlsx, self).create_xlsx_report(docids, data)

    def _get_objs_for_report(self, docids, data):
        """The records asked for that the user may read (their record rules
        apply: ids of rows they may not read are left out), or without ids
        those of the domain in `data`."""
        model = self.env[self._si_report_action().model]
        data = data or {}
        ids = docids or data.get("context", {}).get("active_ids") or \
            self.env.context.get("active_ids")
        if ids:
            # the records selected, archived ones included
            return model.with_context(active_test=False), [("id", "in", list(ids))]
        return model, list(data.get("domain") or self._si_xlsx.get("domain") or [])

    def generate_xlsx_report(self, workbook, data, objs):
        model, domain = objs
        spec = self._si_spec(data)
        report = self._si_report_action()
        # amounts without a currency symbol: a sheet may mix currencies
        formats = SheetFormats(workbook)
        if spec["groupby"]:
            columns, rows = self._si_grouped_rows(model, domain, spec)
        else:
            columns, rows = self._si_record_rows(model, domain, spec)
        chart = None
        if spec.get("chart") and spec["groupby"] and len(rows) <= MAX_CHART_ROWS:
            names = [col["name"] for col in columns]
            chart = {
                "type": spec["chart"].get("type", "column"),
                "columns": [names.index(name) for name in spec["chart"]["columns"]],
                "categories": list(range(len(spec["groupby"]))),
            }
        columns[0]["total_label"] = self.env._("Total")
        write_sheet(workbook, formats, report.name, columns, rows, chart=chart)

    # --- spec --------------------------------------------------------------
    def _si_report_action(self):
        # in this export's language (the lookup reads in the user's own)
        return self.env["ir.actions.report"]._get_report_from_name(
            self._name[len("report."):]).with_env(self.env)

    def _si_spec(self, data):
        spec = dict(self._si_xlsx)
        spec.setdefault("groupby", [])
        spec.setdefault("rates", {})
        if data and isinstance(data.get("groupby"), list):
            spec["groupby"] = data["groupby"]
        model = self.env[self._si_report_action().model]
        for name in spec["groupby"]:
            field = model._fields.get(str(name).partition(":")[0])
            if not field or not field._description_groupable(self.env):
                raise UserError(self.env._(
                    "The export cannot be grouped by \"%s\".", name))
        return spec

    def _si_column(self, model, name, spec):
        """The column of field `name` (``field:granularity`` for a date
        group): its label in the user's language and its kind."""
        fname, __, granularity = name.partition(":")
        field = model._fields[fname]
        column = {
            "name": name,
            "field": fname,
            "label": field._description_string(self.env),
            "kind": _FIELD_KINDS.get(field.type, "text"),
            "type": field.type,
        }
        if field.type == "selection":
            column["labels"] = dict(field._description_selection(self.env))
        if field.relational:
            column["comodel"] = field.comodel_name
        if granularity:
            column["kind"] = "month" if granularity == "month" else "text"
            column["granularity"] = granularity
        if name in spec["rates"]:
            num, den, *offset = spec["rates"][name]
            column.update(kind="percent", total="rate",
                          rate_fields=(num, den, offset[0] if offset else 0.0))
        elif column["kind"] in NUMERIC_KINDS and field.store and \
                field.aggregator == "sum":
            column["total"] = "sum"
        return column

    def _si_link_rates(self, columns):
        names = [col["name"] for col in columns]
        for col in columns:
            if col.get("total") == "rate":
                num, den, offset = col["rate_fields"]
                col["rate"] = (names.index(num), names.index(den), offset)

    # --- rows --------------------------------------------------------------
    def _si_grouped_rows(self, model, domain, spec):
        """One row per group of `spec["groupby"]`: aggregated by the model's
        own `_read_group` (record rules applied), rates of the sums."""
        groupby = spec["groupby"]
        columns = [self._si_column(model, name, spec) for name in groupby]
        measures = [self._si_column(model, name, spec) for name in spec["columns"]]
        columns += measures
        self._si_link_rates(columns)
        aggregates = []
        for col in measures:
            if col.get("total") != "rate":
                field = model._fields[col["field"]]
                aggregates.append("%s:%s" % (col["field"], field.aggregator or "sum"))
        groups = model._read_group(domain, groupby, aggregates,
                                   order=", ".join(groupby))
        rows = []
        for group in groups:
            keys, values = group[:len(groupby)], list(group[len(groupby):])
            row = [self._si_label(col, key) for col, key in zip(columns, keys)]
            for col in measures:
                row.append(None if col.get("total") == "rate" else values.pop(0) or 0.0)
            rows.append(self._si_fill_rates(columns, row))
        return columns, rows

    def _si_record_rows(self, model, domain, spec):
        """One row per record the user may read, in `spec["order"]`."""
        names = list(spec["columns"])
        if model._fields[names[0]].type in ("integer", "float", "monetary"):
            # rows of measures only (a regrouped analysis): named by record
            names.insert(0, model._rec_name)
        columns = [self._si_column(model, name, spec) for name in names]
        self._si_link_rates(columns)
        records = model.search(domain, order=spec.get("order"))
        fnames = [col["field"] for col in columns if col.get("total") != "rate"]
        rows = []
        for values in records.read(fnames):
            row = [None if col.get("total") == "rate"
                   else self._si_label(col, values[col["field"]]) for col in columns]
            rows.append(self._si_fill_rates(columns, row))
        return columns, rows

    @api.model
    def _si_fill_rates(self, columns, row):
        for index, col in enumerate(columns):
            if col.get("total") == "rate":
                num, den, offset = col["rate"]
                row[index] = rate_value(row[num] or 0.0, row[den] or 0.0, offset)
        return row

    def _si_label(self, column, value):
        """A cell value in the user's language: names of linked records,
        labels of selections, dates in the user's time zone."""
        ftype = column["type"]
        if column.get("granularity") and column["kind"] == "text":
            return str(value) if value else None
        if isinstance(value, models.BaseModel):
            # the name shown in lists: Odoo reads it with sudo too
            return ", ".join(value.sudo().mapped("display_name")) or None
        if ftype == "many2one" and value:
            return value[1]
        if ftype in ("many2many", "one2many"):
            # the linked records the user may read
            linked = self.env[column["comodel"]].browse(value)._filtered_access("read")
            return ", ".join(linked.mapped("display_name")) or None
        if ftype == "selection":
            return column["labels"].get(value) or None
        if ftype == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        if ftype == "datetime" and isinstance(value, datetime):
            tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
            return pytz.utc.localize(value).astimezone(tz).replace(tzinfo=None)
        if isinstance(value, date) or column["kind"] in NUMERIC_KINDS:
            return value
        return value or None
