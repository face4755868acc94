# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL

# aggregates of a rate field that read its raw values, not the group's rate
RAW_AGGREGATES = ("array_agg", "recordset", "count", "count_distinct")


class SiReportRatioMixin(models.AbstractModel):
    """Rates of read-only reports computed from the totals of each group.

    A report declares ``_report_ratios = {rate field: (numerator field,
    denominator field, offset)}``; whatever the aggregate the client asks for
    a rate field (the pivot asks for its ``aggregator``), a group's value is
    ``SUM(numerator) / SUM(denominator) + offset`` over the rows of the group,
    empty when the denominator is 0. The rate is thus exact at every level of
    a pivot (a team, a month, the total), never an average of rates."""

    _name = "si.report.ratio.mixin"
    _inherit = ["si.report.read.mixin"]
    _description = "Report Rates from Group Totals"

    _report_ratios = {}

    def _report_ratio_of(self, aggregate_spec):
        """(numerator, denominator, offset) of the rate `aggregate_spec`
        asks for, or None when it asks for something else."""
        fname, __, func = aggregate_spec.partition(":")
        ratio = self._report_ratios.get(fname)
        return ratio if ratio and func not in RAW_AGGREGATES else None

    def _read_group_select(self, aggregate_spec, query):
        ratio = self._report_ratio_of(aggregate_spec)
        if not ratio:
            return super()._read_group_select(aggregate_spec, query)
        numerator, denominator, offset = ratio
        return SQL(
            "(SUM(%(num)s)::float / NULLIF(SUM(%(den)s), 0) + %(offset)s)",
            num=self._field_to_sql(self._table, numerator, query),
            den=self._field_to_sql(self._table, denominator, query),
            offset=float(offset),
        )
