# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo import fields, models
from odoo.osv import expression

from .si_demand_analysis_rollup import GROUPBY_FIELDS, MEASURES

GRANULARITIES = ("", "month", "quarter", "year")
# context key: add up the analysis's own rows whatever the question
LIVE = "si_demand_analysis_live"
# the "Still to Deliver" filter
TO_DELIVER = ("qty_to_deliver", ">", 0)


def _month_bound(operator, value):
    """Whether `date <operator> value` selects whole months: from the
    first of a month, or up to the last day of one."""
    if isinstance(value, str) and len(value) == 10:
        try:
            value = fields.Date.to_date(value)
        except ValueError:
            return False
    if not isinstance(value, date) or hasattr(value, "hour"):
        return False
    if operator in (">=", "<"):
        return value.day == 1
    if operator in (">", "<="):
        return (value + timedelta(days=1)).day == 1
    return False


class SiDemandAnalysisRollupRead(models.Model):
    """The demand analysis's grouped reads (pivot, graph, dashboards) added
    up from its sums by month and product when the question fits them:
    groups by origin, month (quarter, year), company, currency, product,
    category or unit; filters on those, on whole months and on what is left
    to deliver; sums and the delivered rate; and record rules that the sums
    can apply (a manager's or finance's: companies, and a sales manager's
    contract teams). The figures are those of the analysis's rows; anything
    else (a rep, a customer, a list of rows) reads the rows."""

    _inherit = "si.demand.analysis"

    def _read_group(self, domain, groupby=(), aggregates=(), having=(),
                    offset=0, limit=None, order=None):
        question = self._rollup_question(domain, groupby, aggregates, having, order)
        if question is None:
            return super()._read_group(domain, groupby, aggregates, having,
                                       offset, limit, order)
        self.check_access("read")
        rollup_domain, rollup_aggregates, rollup_order = question
        # read as the user: the sums follow the rules of the analysis's rows
        # (models/ir_rule.py); groups whose rows were all taken out dropped
        return self.env["si.demand.analysis.rollup"]._read_group(
            rollup_domain, groupby, rollup_aggregates,
            having=[("row_count:sum", ">", 0)] if groupby else (),
            offset=offset, limit=limit, order=rollup_order)

    def _rollup_question(self, domain, groupby, aggregates, having, order):
        """(domain, aggregates, order) of the question on the sums, or None
        when the analysis's rows are to be read."""
        if self.env.context.get(LIVE) or having:
            return None
        for spec in groupby:
            name, __, granularity = spec.partition(":")
            if not (name in GROUPBY_FIELDS and not granularity
                    or name == "date" and granularity in GRANULARITIES):
                return None
        rollup_aggregates = []
        for spec in aggregates:
            name, __, func = spec.partition(":")
            if spec == "__count":
                rollup_aggregates.append("row_count:sum")
            elif name in MEASURES and func == "sum" or self._report_ratio_of(spec):
                rollup_aggregates.append(spec)
            else:
                return None
        rollup_domain = self._rollup_domain(domain)
        if rollup_domain is None:
            return None
        # the sums' rules are FALSE_DOMAIN when they cannot be written on
        # their columns (models/ir_rule.py); a user whose rules truly are
        # that reads rows that show nothing either
        if not self.env.su and self.env["ir.rule"]._compute_domain(
                "si.demand.analysis.rollup", "read") == expression.FALSE_DOMAIN:
            return None
        rollup_order = order and ",".join(
            "row_count:sum" + term[len("__count"):] if term.startswith("__count")
            else term for term in (t.strip() for t in order.split(",")))
        return rollup_domain, rollup_aggregates, rollup_order

    def _rollup_domain(self, domain):
        """`domain` on the sums, when each of its conditions selects whole
        rows of them (on their dimensions, whole months, what is left to
        deliver); else None."""
        result = []
        for leaf in expression.normalize_domain(domain or []):
            if not isinstance(leaf, (list, tuple)) or leaf in (
                    expression.TRUE_LEAF, expression.FALSE_LEAF):
                result.append(leaf)
                continue
            if len(leaf) != 3:
                return None
            name, operator, value = leaf
            if (name, operator) == TO_DELIVER[:2] and value == 0 \
                    and not isinstance(value, bool):
                result.append(("to_deliver", "=", True))
            elif name == "date" and _month_bound(operator, value) \
                    or str(name).split(".", 1)[0] in GROUPBY_FIELDS:
                result.append((name, operator, value))
            else:
                return None
        return result
