# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.osv import expression

from ..tools.snapshot_periods import split_range
from .si_lead_analysis_snapshot import MEASURES

# what the snapshot can group by and filter on, beside the month
GROUPBY_FIELDS = ("user_id", "team_id", "company_id", "stage_id")
GRANULARITIES = ("month", "quarter", "year")
RELATION_OPERATORS = ("=", "!=", "in", "not in")
DATE_OPERATORS = (">=", ">", "<", "<=")
# context key: read the live rows whatever the question
LIVE = "si_lead_analysis_live"
# leads changed since the last refresh that the analysis corrects the
# snapshot with when it reads it; more than that, it reads the live rows
MAX_QUEUED = 5000


def _add(a, b):
    """Sum of two group values, an empty one (False) adding nothing."""
    if a is False or a is None:
        return b
    if b is False or b is None:
        return a
    return a + b


class SiLeadAnalysisSnapshotRead(models.Model):
    """The conversion analysis' aggregates (pivot, graph, dashboards, digest)
    read from the snapshot when it is up to date and the question fits it:
    groups by salesperson, team, company, stage and month, quarter or year
    received;
    filters on those; counts, sums and rates. Whole months come from the
    snapshot, the partial months at the ends of a date filter from the live
    rows; the leads changed since the last refresh are taken out of the
    snapshot's rows as it counted them and added as they are now (up to
    MAX_QUEUED of them); anything else (a group by stage, a list of leads,
    a snapshot far behind) reads the live rows. The figures are the same
    either way, and so are the record rules: the snapshot's rows follow the
    rules of leads."""

    _inherit = "si.lead.analysis"

    def _read_group(self, domain, groupby=(), aggregates=(), having=(),
                    offset=0, limit=None, order=None):
        plan = self._snapshot_plan(domain, groupby, aggregates, having,
                                   offset, limit, order)
        if plan is None:
            return super()._read_group(domain, groupby, aggregates, having,
                                       offset, limit, order)
        self.check_access("read")
        return self._snapshot_read_group(plan, groupby, aggregates, offset,
                                         limit, order, super()._read_group)

    # --- the plan ----------------------------------------------------------------
    def _snapshot_plan(self, domain, groupby, aggregates, having, offset,
                       limit, order):
        """The snapshot's part of the question and the live ends, or None
        when the question is to be answered from the live rows only."""
        if self.env.context.get(LIVE) or having:
            return None
        groupby = list(groupby)
        default_order = ",".join(groupby)
        if not self._snapshot_fits(groupby, aggregates, order):
            return None
        bounds = self._snapshot_split_domain(domain)
        if bounds is None:
            return None
        Snapshot = self.env["si.lead.analysis.snapshot"]
        tz = Snapshot._snapshot_built_timezone()
        if not tz or tz != (self.env.context.get("tz") or "UTC"):
            return None
        queued = Snapshot._snapshot_queued(MAX_QUEUED)
        if queued is None:
            return None
        if not Snapshot._rules_mirror_expressible(
                self.env["ir.rule"]._compute_domain("crm.lead", "read")):
            return None
        leaves, lower, upper = bounds
        split = split_range(lower and lower[1], lower and lower[0] == ">",
                            upper and upper[1], upper and upper[0] == "<",
                            tz)
        if split is None:
            return None
        first, last, lower_edge, upper_edge = split
        if (lower_edge or upper_edge or queued) and (offset or limit or (
                order and order != default_order)):
            return None
        snapshot_domain = list(leaves)
        if first is not None:
            snapshot_domain.append(("create_date", ">=", first))
        if last is not None:
            snapshot_domain.append(("create_date", "<", last))
        edges = []
        if lower_edge:
            edges.append(expression.AND([domain, [("create_date", "<", first)]]))
        if upper_edge:
            edges.append(expression.AND([domain, [("create_date", ">=", last)]]))
        return snapshot_domain, edges, queued

    def _snapshot_fits(self, groupby, aggregates, order):
        """Whether the snapshot has the groups, the figures and the order
        asked for."""
        for spec in groupby:
            name, __, granularity = spec.partition(":")
            if not (name in GROUPBY_FIELDS and not granularity
                    or name == "create_date" and granularity in GRANULARITIES):
                return False
        for spec in aggregates:
            name, __, func = spec.partition(":")
            if not (spec == "__count" or name in MEASURES and func == "sum"
                    or self._report_ratio_of(spec)):
                return False
        if order and order != ",".join(groupby):
            terms = [term.strip().split(" ")[0] for term in order.split(",")]
            if any(term not in groupby for term in terms):
                return False
        return True

    def _snapshot_split_domain(self, domain):
        """(other conditions, lower bound, upper bound) of a domain made only
        of conditions the snapshot has, joined by 'and'; None otherwise. A
        bound is (operator, UTC datetime)."""
        leaves, lower, upper = [], None, None
        for leaf in expression.normalize_domain(domain or []):
            if leaf == "&" or leaf == expression.TRUE_LEAF:
                continue
            if not isinstance(leaf, (list, tuple)) or len(leaf) != 3:
                return None
            name, operator, value = leaf
            if name == "create_date" and operator in DATE_OPERATORS:
                if not value or isinstance(value, bool):
                    return None
                try:
                    moment = fields.Datetime.to_datetime(value)
                except (TypeError, ValueError):
                    return None
                if operator in (">=", ">"):
                    if lower and lower[1] >= moment:
                        continue
                    lower = (operator, moment)
                else:
                    if upper and upper[1] <= moment:
                        continue
                    upper = (operator, moment)
                continue
            if name not in GROUPBY_FIELDS or operator not in RELATION_OPERATORS:
                return None
            values = value if isinstance(value, (list, tuple)) else [value]
            if not all(v is False or isinstance(v, int) and not isinstance(
                    v, bool) for v in values):
                return None
            leaves.append((name, operator, value))
        return leaves, lower, upper

    # --- the answer --------------------------------------------------------------
    def _snapshot_components(self, aggregates):
        """The sums each requested aggregate is made of: (key, snapshot spec,
        live spec)."""
        parts = {}
        for spec in aggregates:
            name = spec.partition(":")[0]
            if spec == "__count":
                parts["__count"] = ("received_count:sum", "__count")
            elif name in self._report_ratios:
                numerator, denominator, __ = self._report_ratios[name]
                for part in (numerator, denominator):
                    parts[part] = (f"{part}:sum", f"{part}:sum")
            else:
                parts[name] = (spec, spec)
        return [(key, snap, live) for key, (snap, live) in parts.items()]

    def _snapshot_read_group(self, plan, groupby, aggregates, offset, limit,
                             order, live_read_group):
        """The answer of `plan`: the snapshot's rows, plus the live rows of
        its partial months read by `live_read_group` (the live analysis')."""
        snapshot_domain, edges, queued = plan
        groupby = list(groupby)
        components = self._snapshot_components(aggregates)
        if "__count" not in [key for key, __, __ in components]:
            # to drop the groups the corrections empty
            components.append(("__count", "received_count:sum", "__count"))
        # the snapshot is read as the user: its rows follow the lead rules
        Snapshot = self.env["si.lead.analysis.snapshot"]
        snapshot_order = order or ",".join(groupby) or None
        rows = Snapshot._read_group(
            snapshot_domain, groupby, [snap for __, snap, __ in components],
            offset=offset, limit=limit, order=snapshot_order)
        width = len(groupby)
        totals = {}
        for row in rows:
            totals[tuple(row[:width])] = list(row[width:])

        def add(rows, sign=1):
            for row in rows:
                key, values = tuple(row[:width]), row[width:]
                if sign < 0:
                    values = [-(v or 0) for v in values]
                totals[key] = [_add(a, b) for a, b in zip(
                    totals.get(key, [False] * len(values)), values)]

        live_specs = [live for __, __, live in components]
        for edge in edges:
            add(live_read_group(edge, groupby, live_specs))
        if queued:
            # the leads changed since the last refresh: as they are now
            # (those of the snapshot's months), instead of as it counted them
            add(live_read_group(expression.AND([
                snapshot_domain, [("lead_id", "in", queued)]]), groupby, live_specs))
            add(Snapshot._snapshot_counted(
                snapshot_domain, groupby, [snap for __, snap, __ in components],
                queued), sign=-1)
            count = [key for key, __, __ in components].index("__count")
            # no leads left: no group (the whole, as the live read gives it)
            totals = {key: sums if sums[count] else [False] * len(sums)
                      for key, sums in totals.items() if sums[count] or not key}
        keys = list(totals)
        if edges or queued:
            keys = self._snapshot_sorted(keys, groupby)
        index = {key: i for i, (key, __, __) in enumerate(components)}
        result = []
        for key in keys:
            sums = totals[key]
            values = []
            for spec in aggregates:
                name = spec.partition(":")[0]
                if spec == "__count":
                    values.append(sums[index["__count"]] or 0)
                elif name in self._report_ratios:
                    numerator, denominator, offset_ = self._report_ratios[name]
                    den = sums[index[denominator]] or 0
                    values.append(
                        (sums[index[numerator]] or 0) / den + offset_
                        if den else self._read_group_empty_value(spec))
                else:
                    values.append(sums[index[name]])
            result.append(key + tuple(values))
        return result

    def _snapshot_sorted(self, keys, groupby):
        """The groups in the order the live query gives them: each grouped
        field ascending, by its model's order for relations, empty last."""
        ranks = []
        for position, spec in enumerate(groupby):
            name = spec.partition(":")[0]
            field = self._fields[name]
            if field.type == "many2one":
                ids = {key[position].id for key in keys if key[position]}
                # sudo: only the order of records already in the groups
                ordered = self.env[field.comodel_name].sudo().with_context(
                    active_test=False).browse(ids).sorted()
                ranks.append({rid: i for i, rid in enumerate(ordered.ids)})
            else:
                ranks.append(None)

        def sort_key(key):
            parts = []
            for position, value in enumerate(key):
                if ranks[position] is not None:
                    parts.append((not value, ranks[position].get(
                        value.id, 0) if value else 0))
                else:
                    parts.append((value is None or value is False,
                                  value or fields.Datetime.to_datetime(
                                      "1970-01-01")))
            return parts
        return sorted(keys, key=sort_key)
