# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL


class SiReportRatioMixin(models.AbstractModel):
    """Rates of read-only reports computed from the totals of each group.

    A report declares ``_report_ratios = {rate field: (numerator field,
    denominator field, offset)}``; whatever the aggregate the client asks for
    a rate field (the pivot asks for its ``aggregator``), a group's value is
    ``SUM(numerator) / SUM(denominator) + offset`` over the rows of the group,
    empty when the denominator is 0. The rate is thus exact at every level of
    a pivot (a team, a month, the total), never an average of rates."""

    _name = "si.report.ratio.mixin"
    _description = "Report Rates from Group Totals"

    _report_ratios = {}

    def _without_jit(self):
        """The analyses are long queries over many joins (their views' every
        branch, those a one-time filter skips included), which PostgreSQL's
        JIT compiler, on by default above ``jit_above_cost``, compiles whole
        before running: at a million rows that took 20 of the demand
        analysis's 22 seconds. Off for the rest of the transaction; Odoo's
        own short queries never gain from it."""
        self.env.cr.execute(SQL("SET LOCAL jit = off"))

    def _read_group(self, *args, **kwargs):
        self._without_jit()
        return super()._read_group(*args, **kwargs)

    def search_fetch(self, *args, **kwargs):
        self._without_jit()
        return super().search_fetch(*args, **kwargs)

    def _read_group_select(self, aggregate_spec, query):
        fname, __, func = aggregate_spec.partition(":")
        ratio = self._report_ratios.get(fname)
        if not ratio or func in ("array_agg", "recordset", "count",
                                 "count_distinct"):
            return super()._read_group_select(aggregate_spec, query)
        numerator, denominator, offset = ratio
        return SQL(
            "(SUM(%(num)s)::float / NULLIF(SUM(%(den)s), 0) + %(offset)s)",
            num=self._field_to_sql(self._table, numerator, query),
            den=self._field_to_sql(self._table, denominator, query),
            offset=float(offset),
        )
