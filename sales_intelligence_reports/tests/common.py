# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.sales_intelligence.tests.common import SalesIntelligenceCase

VIEW_TYPES = [(False, "pivot"), (False, "graph"), (False, "list"), (False, "search")]


class ReportCase(SalesIntelligenceCase):
    """Helpers to read an analysis as its consumers do: read_group with the
    pivot's measures, one group per key."""

    _report = None

    def groups(self, user, domain, measures, groupby, report=None):
        """{group key: row} of read_group as `user` (key: the id or value of
        the groupby field, a tuple for several, None for the total)."""
        Report = self.env[report or self._report].with_user(user)
        groupby = [groupby] if isinstance(groupby, str) else list(groupby)
        rows = Report.read_group(domain, measures, groupby, lazy=False)

        def key(row, spec):
            value = row[spec]
            return value[0] if isinstance(value, (list, tuple)) else value

        result = {}
        for row in rows:
            keys = tuple(key(row, spec) for spec in groupby)
            result[keys[0] if len(keys) == 1 else keys] = row
        return result

    def total(self, user, domain, measures, report=None):
        """The one group of all rows of `domain` as `user` reads them."""
        Report = self.env[report or self._report].with_user(user)
        rows = Report.read_group(domain, measures, [], lazy=False)
        return rows[0]

    def assert_views_load(self, users, report=None):
        """The analysis opens for each of `users`: its views, a page of its
        list and its pivot's first read_group."""
        model = report or self._report
        for user in users:
            Report = self.env[model].with_user(user)
            views = Report.get_views(VIEW_TYPES)
            self.assertEqual(set(views["views"]),
                             {"pivot", "graph", "list", "search"}, user.login)
            fields = list(Report.fields_get(attributes=["type"]))
            Report.web_search_read([], {name: {} for name in fields[:8]}, limit=5)
            Report.read_group([], ["__count"], [], lazy=False)
