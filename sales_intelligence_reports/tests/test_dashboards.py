# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import re
from datetime import date

from odoo.exceptions import AccessError
from odoo.tools import SQL

from .common import ReportCase

TEAM = "sales_intelligence_reports.si_dashboard_team"
COMPANY = "sales_intelligence_reports.si_dashboard_company"
MINE = "sales_intelligence_reports.si_dashboard_my_performance"
YEAR = 2036


class TestDashboards(ReportCase):
    """The three dashboards of the Dashboards app: who sees which, that their
    spreadsheet data names only existing models and fields, and that every
    pivot reads through the analyses' record rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep2 = cls._create_user("si_dash_rep2", ["sales_team.group_sale_salesman"])
        cls.team = cls.env["crm.team"].create({"name": "Dashboard Team"})
        cls.plan = cls.env["si.target.plan"].create({
            "name": "Dashboard plan", "year": YEAR, "amount_total": 3000.0})
        cls.rep_lines = cls.env["si.target.rep.line"]
        for user, amount, actual in ((cls.rep, 1000.0, 800.0),
                                     (cls.rep2, 2000.0, 500.0)):
            line = cls.env["si.target.rep.line"].with_context(
                si_target_defer_check=True).create({
                    "plan_id": cls.plan.id, "team_id": cls.team.id,
                    "user_id": user.id, "date_month": date(YEAR, 1, 1),
                    "amount": amount})
            line.flush_recordset()
            cls.env.cr.execute(SQL(
                "UPDATE %s SET actual_amount = %s WHERE id = %s",
                SQL.identifier(line._table), actual, line.id))
            cls.rep_lines |= line
        cls.rep_lines.invalidate_recordset()
        cls.leads = (cls._create_lead("Dashboard lead 1")
                     | cls._create_lead("Dashboard lead 2")
                     | cls._create_lead("Dashboard lead 3", user=cls.rep2))

    def dashboard(self, xmlid, user):
        return self.env.ref(xmlid).with_user(user)

    def snapshot(self, xmlid, user):
        """What the Dashboards app loads: get_readonly_dashboard's snapshot."""
        data = self.dashboard(xmlid, user).get_readonly_dashboard()
        snapshot = data["snapshot"]
        # the server answers a dict the client reads as JSON
        self.assertEqual(json.loads(json.dumps(snapshot)), snapshot)
        return snapshot

    def test_who_sees_which_dashboard(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        ours = self.env.ref(TEAM) | self.env.ref(COMPANY) | self.env.ref(MINE)
        for user, expected in ((self.manager, ours),
                               (self.rep, self.env.ref(MINE)),
                               (self.rep_all, self.env.ref(MINE)),
                               (self.finance, Dashboard)):
            seen = Dashboard.with_user(user).search([("id", "in", ours.ids)])
            self.assertEqual(seen, expected.with_user(user), user.login)
        for xmlid in (TEAM, COMPANY):
            with self.assertRaises(AccessError):
                self.dashboard(xmlid, self.rep).get_readonly_dashboard()
        for xmlid in (TEAM, COMPANY, MINE):
            self.assertEqual(self.snapshot(xmlid, self.manager)["version"], 21)
        self.assertTrue(self.snapshot(MINE, self.rep)["pivots"])
        # the dashboards sit in their own group of the app
        self.assertEqual(set(ours.mapped("dashboard_group_id.name")),
                         {"Sales Intelligence"})
        self.assertTrue(all(ours.mapped("is_published")))

    def test_data_sources_name_existing_models_and_fields(self):
        for xmlid in (TEAM, COMPANY, MINE):
            snapshot = self.snapshot(xmlid, self.manager)
            self.assertTrue(snapshot["pivots"], xmlid)
            filters = {f["id"] for f in snapshot["globalFilters"]}
            for source in list(snapshot["pivots"].values()) + list(
                    snapshot.get("lists", {}).values()):
                Model = self.env[source["model"]]
                names = [m["fieldName"] for m in source.get("measures", [])]
                names += [g["fieldName"] for g in source.get("rows", [])
                          + source.get("columns", [])]
                names += source.get("columns", []) if "measures" not in source else []
                names += [leaf[0] for leaf in source["domain"]
                          if isinstance(leaf, list)]
                for name in names:
                    if name != "__count":
                        self.assertIn(name, Model._fields, "%s %s" % (xmlid, name))
                for filter_id, match in source["fieldMatching"].items():
                    self.assertIn(filter_id, filters, xmlid)
                    self.assertIn(match["chain"], Model._fields, xmlid)
            # every formula names a pivot of the spreadsheet
            for cell in snapshot["sheets"][0]["cells"].values():
                for pivot_id in re.findall(r"PIVOT\.\w+\((\d+)", cell["content"]):
                    self.assertIn(pivot_id, snapshot["pivots"], xmlid)
                # each title links to the analysis behind its figures
                link = re.fullmatch(r"\[.+\]\(odoo://view/(.+)\)", cell["content"])
                if link:
                    action = json.loads(link[1])["action"]
                    self.assertIn(action["modelName"], self.env)

    def _read_pivot(self, pivot, user, domain=()):
        """read_group as the pivot asks it: its measures, its row groupby."""
        measures = [m["fieldName"] for m in pivot["measures"]]
        groupby = [
            "%s:%s" % (r["fieldName"], r["granularity"]) if r.get("granularity")
            else r["fieldName"] for r in pivot["rows"]]
        Model = self.env[pivot["model"]].with_user(user)
        return Model.read_group(
            pivot["domain"] + list(domain), [m for m in measures if m != "__count"],
            groupby, lazy=False)

    def test_every_pivot_reads_as_its_users(self):
        for xmlid, users in ((TEAM, [self.manager]), (COMPANY, [self.manager]),
                             (MINE, [self.manager, self.rep, self.rep_all])):
            for pivot in self.snapshot(xmlid, self.manager)["pivots"].values():
                for user in users:
                    # no access error, and the totals answer too
                    self._read_pivot(pivot, user)
                    measures = [m["fieldName"] for m in pivot["measures"]
                                if m["fieldName"] != "__count"]
                    self.env[pivot["model"]].with_user(user).read_group(
                        pivot["domain"], measures, [], lazy=False)

    def _charts(self, xmlid, user):
        snapshot = self.snapshot(xmlid, user)
        return snapshot, {figure["data"]["title"]["text"]: figure
                          for figure in snapshot["sheets"][0]["figures"]}

    def test_charts_read_their_analysis(self):
        """Two charts per dashboard, each on an analysis field that exists,
        bound to the dashboard's filters, opening an existing menu, readable
        by the dashboard's users."""
        for xmlid, users in ((TEAM, [self.manager]), (COMPANY, [self.manager]),
                             (MINE, [self.manager, self.rep])):
            snapshot, charts = self._charts(xmlid, self.manager)
            self.assertEqual(len(charts), 2, xmlid)
            filters = {f["id"] for f in snapshot["globalFilters"]}
            for figure in charts.values():
                data = figure["data"]
                Model = self.env[data["metaData"]["resModel"]]
                self.assertIn(data["metaData"]["measure"], Model._fields)
                for groupby in data["metaData"]["groupBy"]:
                    self.assertIn(groupby.split(":")[0], Model._fields)
                self.assertLessEqual(set(data["fieldMatching"]), filters)
                self.assertTrue(self.env.ref(
                    snapshot["chartOdooMenusReferences"][figure["id"]]))
                for user in users:
                    Model.with_user(user).read_group(
                        data["searchParams"]["domain"], [data["metaData"]["measure"]],
                        data["metaData"]["groupBy"], lazy=False)

    def test_rep_chart_is_their_own(self):
        __, charts = self._charts(MINE, self.rep)
        data = charts["My Results by Month"]["data"]
        domain = data["searchParams"]["domain"] + [("plan_id", "=", self.plan.id)]
        for user, actual in ((self.rep, 800.0), (self.manager, 1300.0)):
            groups = self.env[data["metaData"]["resModel"]].with_user(user).read_group(
                domain, [data["metaData"]["measure"]], data["metaData"]["groupBy"],
                lazy=False)
            self.assertEqual([g["actual_amount"] for g in groups], [actual])

    def test_rep_figures_are_their_own(self):
        pivots = {p["name"]: p
                  for p in self.snapshot(MINE, self.rep)["pivots"].values()}
        plan = [("plan_id", "=", self.plan.id)]
        mine = self._read_pivot(pivots["My Target and Completion"], self.rep, plan)
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0]["target_amount"], 1000.0)
        self.assertEqual(mine[0]["actual_amount"], 800.0)
        self.assertAlmostEqual(mine[0]["completion_rate"], 0.8)
        # the manager's same pivot holds both reps: 1300 of 3000
        everyone = self._read_pivot(
            pivots["My Target and Completion"], self.manager, plan)
        self.assertEqual(everyone[0]["target_amount"], 3000.0)
        self.assertAlmostEqual(everyone[0]["completion_rate"], 1300.0 / 3000.0)
        leads = [("lead_id", "in", self.leads.ids)]
        pivot = pivots["My Leads"]
        total = self.env[pivot["model"]].with_user(self.rep).read_group(
            pivot["domain"] + leads, ["open_count"], [], lazy=False)
        self.assertEqual(total[0]["open_count"], 2)
        total = self.env[pivot["model"]].with_user(self.manager).read_group(
            pivot["domain"] + leads, ["open_count"], [], lazy=False)
        self.assertEqual(total[0]["open_count"], 3)
