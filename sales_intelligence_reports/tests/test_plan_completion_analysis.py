# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tools import SQL

from .common import ReportCase

YEAR = 2035
MEASURES = [
    "target_amount:sum",
    "actual_amount:sum",
    "last_year_amount:sum",
    "gap_amount:sum",
    "completion_rate:avg",
    "growth_rate:avg",
    "target_growth_rate:avg",
]


class TestPlanCompletionAnalysis(ReportCase):
    _report = "si.plan.completion.analysis"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep2 = cls._create_user("si_plan_rep2", ["sales_team.group_sale_salesman"])
        cls.rep3 = cls._create_user("si_plan_rep3", ["sales_team.group_sale_salesman"])
        cls.leader = cls._create_user(
            "si_plan_leader", ["sales_team.group_sale_salesman"])
        Team = cls.env["crm.team"]
        cls.team_a = Team.create({"name": "Plan Team A", "user_id": cls.leader.id})
        cls.team_b = Team.create({"name": "Plan Team B"})
        Industry = cls.env["res.partner.industry"]
        cls.it = Industry.create({"name": "IT (plan analysis)"})
        cls.retail = Industry.create({"name": "Retail (plan analysis)"})
        cls.plan = cls.env["si.target.plan"].create({
            "name": "Plan analysis", "year": YEAR, "amount_total": 5000.0})
        jan, feb = date(YEAR, 1, 1), date(YEAR, 2, 1)
        # (team, industry, month, target, actual, last year)
        cls.lines = cls._lines("si.target.line", [
            dict(team_id=cls.team_a.id, industry_id=cls.it.id, date_month=jan,
                 amount=1000.0, actual=500.0, last=400.0),
            dict(team_id=cls.team_a.id, industry_id=cls.retail.id, date_month=jan,
                 amount=1000.0, actual=1500.0, last=1000.0),
            dict(team_id=cls.team_b.id, industry_id=cls.it.id, date_month=jan,
                 amount=2000.0, actual=1000.0, last=0.0),
            dict(team_id=cls.team_b.id, industry_id=cls.it.id, date_month=feb,
                 amount=1000.0, actual=1000.0, last=500.0),
        ])
        cls.rep_lines = cls._lines("si.target.rep.line", [
            dict(team_id=cls.team_a.id, user_id=cls.rep.id, date_month=jan,
                 amount=800.0, actual=1000.0, last=500.0),
            dict(team_id=cls.team_a.id, user_id=cls.rep2.id, date_month=jan,
                 amount=1200.0, actual=1000.0, last=900.0),
            dict(team_id=cls.team_b.id, user_id=cls.rep3.id, date_month=jan,
                 amount=2000.0, actual=1000.0, last=0.0),
        ])
        # another company's plan: out of sight of this company's users
        cls.other_company = cls.env["res.company"].create({"name": "Plan Other Co"})
        other = cls.env["si.target.plan"].create({
            "name": "Other plan", "year": YEAR, "amount_total": 900.0,
            "company_id": cls.other_company.id})
        cls._lines("si.target.line", [
            dict(team_id=cls.team_a.id, industry_id=cls.it.id, date_month=jan,
                 amount=900.0, actual=900.0, last=0.0)], plan=other)
        cls.other_plan = other

    @classmethod
    def _lines(cls, model, values, plan=None):
        """Target lines with the actual and last-year amounts a refresh of
        the plan's actuals stores (written as the refresh does, in SQL)."""
        plan = plan or cls.plan
        records = cls.env[model]
        for vals in values:
            vals = dict(vals)
            actual, last = vals.pop("actual"), vals.pop("last")
            record = cls.env[model].with_context(si_target_defer_check=True).create(
                dict(vals, plan_id=plan.id))
            record.flush_recordset()
            cls.env.cr.execute(SQL(
                "UPDATE %s SET actual_amount = %s, last_year_amount = %s WHERE id = %s",
                SQL.identifier(record._table), actual, last, record.id))
            records |= record
        records.invalidate_recordset()
        return records

    def _plans(self):
        return [("plan_id", "in", (self.plan | self.other_plan).ids)]

    def team_level(self):
        return self._plans() + [("level", "=", "team")]

    def rep_level(self):
        return self._plans() + [("level", "=", "rep")]

    def test_completion_and_growth_are_exact_at_every_level(self):
        total = self.total(self.manager, self.team_level(), MEASURES)
        self.assertEqual(total["target_amount"], 5000.0)
        self.assertEqual(total["actual_amount"], 4000.0)
        self.assertEqual(total["last_year_amount"], 1900.0)
        self.assertAlmostEqual(total["completion_rate"], 0.8)
        self.assertAlmostEqual(total["growth_rate"], 4000.0 / 1900.0 - 1)
        self.assertAlmostEqual(total["target_growth_rate"], 5000.0 / 1900.0 - 1)
        # by team: the ratio of the team's totals, not an average of lines
        teams = self.groups(self.manager, self.team_level(), MEASURES, "team_id")
        self.assertAlmostEqual(teams[self.team_a.id]["completion_rate"], 1.0)
        self.assertAlmostEqual(teams[self.team_a.id]["growth_rate"], 2000.0 / 1400 - 1)
        self.assertAlmostEqual(teams[self.team_b.id]["completion_rate"], 2000.0 / 3000)
        self.assertAlmostEqual(teams[self.team_b.id]["growth_rate"], 3.0)
        self.assertEqual(teams[self.team_b.id]["gap_amount"], 1000.0)
        # by team and month, by industry
        cells = self.groups(self.manager, self.team_level(), MEASURES,
                            ["team_id", "date_month:month"])
        self.assertEqual(len(cells), 3)
        b_jan = [row for keys, row in cells.items() if keys[0] == self.team_b.id
                 and row["date_month:month"].startswith("January")]
        self.assertAlmostEqual(b_jan[0]["completion_rate"], 0.5)
        self.assertFalse(b_jan[0]["growth_rate"], "no last year: no growth")
        industries = self.groups(self.manager, self.team_level(), MEASURES,
                                 "industry_id")
        self.assertAlmostEqual(industries[self.it.id]["completion_rate"], 2500.0 / 4000)
        self.assertAlmostEqual(industries[self.retail.id]["completion_rate"], 1.5)

    def test_rep_level(self):
        reps = self.groups(self.manager, self.rep_level(), MEASURES, "user_id")
        self.assertAlmostEqual(reps[self.rep.id]["completion_rate"], 1.25)
        self.assertAlmostEqual(reps[self.rep.id]["growth_rate"], 1.0)
        self.assertAlmostEqual(reps[self.rep2.id]["completion_rate"], 1000.0 / 1200)
        teams = self.groups(self.manager, self.rep_level(), MEASURES, "team_id")
        self.assertAlmostEqual(teams[self.team_a.id]["completion_rate"], 1.0)
        self.assertAlmostEqual(teams[self.team_a.id]["growth_rate"], 2000.0 / 1400 - 1)

    def test_budget_spend_and_cost_of_sale(self):
        """The lines' budget and expenses (as the plan's refresh stores them):
        cost of sale is expenses / actual of each group's totals."""
        for line, budget, spent in zip(self.rep_lines, (100.0, 100.0, 300.0),
                                       (50.0, 150.0, 100.0)):
            line.flush_recordset()
            self.env.cr.execute(SQL(
                "UPDATE si_target_rep_line SET budget_amount = %s, expense_amount = %s"
                " WHERE id = %s", budget, spent, line.id))
        self.env["si.plan.completion.analysis"].invalidate_model()
        measures = ["budget_amount", "expense_amount", "budget_left",
                    "cost_of_sale_rate"]
        teams = self.groups(self.manager, self.rep_level(), measures, "team_id")
        self.assertEqual(teams[self.team_a.id]["budget_amount"], 200.0)
        self.assertEqual(teams[self.team_a.id]["expense_amount"], 200.0)
        self.assertEqual(teams[self.team_a.id]["budget_left"], 0.0)
        self.assertAlmostEqual(teams[self.team_a.id]["cost_of_sale_rate"], 0.1)
        reps = self.groups(self.manager, self.rep_level(), measures, "user_id")
        self.assertAlmostEqual(reps[self.rep2.id]["cost_of_sale_rate"], 0.15)
        self.assertEqual(reps[self.rep2.id]["budget_left"], -50.0)
        total = self.total(self.manager, self.rep_level(), measures)
        self.assertAlmostEqual(total["cost_of_sale_rate"], 300.0 / 3000)
        over = self.env["si.plan.completion.analysis"].with_user(self.manager).search(
            self.rep_level() + [("budget_left", "<", 0)])
        self.assertEqual(over.user_id, self.rep2)

    def test_rep_sees_own_targets_only(self):
        rows = self.env[self._report].with_user(self.rep).search(self._plans())
        self.assertEqual(rows.rep_line_id, self.rep_lines.filtered(
            lambda line: line.user_id == self.rep))
        self.assertFalse(rows.target_line_id, "team targets are the leader's")
        self.assertEqual(rows.rep_line_id, self.env["si.target.rep.line"].with_user(
            self.rep).search([("plan_id", "=", self.plan.id)]))
        total = self.total(self.rep, self._plans(), MEASURES)
        self.assertEqual(total["target_amount"], 800.0)
        self.assertAlmostEqual(total["completion_rate"], 1.25)
        hidden = self.env[self._report].search(
            [("rep_line_id", "=", self.rep_lines[1].id)])
        with self.assertRaises(AccessError):
            hidden.with_user(self.rep).read(["actual_amount"])

    def test_team_leader_sees_own_team(self):
        rows = self.env[self._report].with_user(self.leader).search(self._plans())
        self.assertEqual(rows.target_line_id, self.lines.filtered(
            lambda line: line.team_id == self.team_a))
        self.assertEqual(set(rows.rep_line_id.mapped("user_id")), {self.rep, self.rep2})
        total = self.total(self.leader, self.team_level(), MEASURES)
        self.assertEqual(total["target_amount"], 2000.0)
        self.assertAlmostEqual(total["completion_rate"], 1.0)

    def test_manager_and_finance_see_their_company(self):
        for user in (self.manager, self.finance, self.rep_all):
            rows = self.env[self._report].with_user(user).search(self._plans())
            self.assertEqual(len(rows), 7, user.login)
            self.assertEqual(rows.plan_id, self.plan, "other company hidden")
        self.manager.company_ids = [(4, self.other_company.id)]
        rows = self.env[self._report].with_user(self.manager).with_context(
            allowed_company_ids=[self.env.company.id, self.other_company.id]
        ).search(self._plans())
        self.assertEqual(len(rows), 8)

    def test_views_load_for_every_role(self):
        self.assert_views_load([self.rep, self.leader, self.manager, self.finance])
