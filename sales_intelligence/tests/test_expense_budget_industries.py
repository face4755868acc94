# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter
from datetime import date

from odoo.tools import SQL

from .test_expense_budget import ExpenseBudgetCase
from .test_targets import YEAR

NEXT = YEAR + 1


class TestBudgetOfTeamMonths(ExpenseBudgetCase):
    """A plan split by industry keeps each team's budget by month and team:
    the team's lines of a month (one per industry) share its budget and
    expenses in the proportions of their targets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.industry_plan = cls._plan_with_budget(year=NEXT,
                                                  industries=cls.it | cls.retail)

    def _lines(self, team, month):
        lines = self.industry_plan.line_ids.filtered(
            lambda ln: ln.team_id == team and ln.date_month == date(NEXT, month, 1))
        return {line.industry_id: line for line in lines}

    def _month_cells(self, team, month):
        return self.industry_plan.budget_cell_ids.filtered(
            lambda c: c.team_id == team and c.date_month == date(NEXT, month, 1))

    def test_one_cell_per_team_month_shared_by_the_lines(self):
        plan = self.industry_plan
        self.assertEqual(len(plan.line_ids), 12 * 2 * 2)
        cells = plan.budget_cell_ids
        # 24 teams' months x 4 categories, not one per line
        self.assertEqual(len(cells), 24 * 4)
        self.assertEqual(Counter((c.team_id, c.date_month, c.category_id)
                                 for c in cells).most_common(1)[0][1], 1)
        self.assertEqual(self._sum(cells), 1433.34)
        # team A's January: 41.67 + 13.89 + 4.17 over two equal targets
        self.assertEqual(self._sum(self._month_cells(self.team_a, 1)), 59.73)
        lines = self._lines(self.team_a, 1)
        self.assertEqual(sorted(ln.budget_amount for ln in lines.values()),
                         [29.86, 29.87])
        self.assertEqual(lines[self.it].budget_cell_ids,
                         self._month_cells(self.team_a, 1))
        # every team's month: its lines and its reps add up to its cells
        for team in self.team_a | self.team_b:
            for month in range(1, 13):
                budget = self._sum(self._month_cells(team, month))
                self.assertEqual(self._sum(self.env["si.target.line"].concat(
                    *self._lines(team, month).values()), "budget_amount"), budget)
                self.assertEqual(self._sum(plan.rep_line_ids.filtered(
                    lambda r: r.team_id == team
                    and r.date_month == date(NEXT, month, 1)), "budget_amount"), budget)
        self.assertEqual(self._sum(plan.line_ids, "budget_amount"), 1433.34)

    def test_target_moved_between_industries_moves_the_budget(self):
        plan = self.industry_plan
        lines = self._lines(self.team_a, 1)
        plan.write({"line_ids": [(1, lines[self.it].id, {"amount": 300.0}),
                                 (1, lines[self.retail].id, {"amount": 200.0})]})
        # 59.73 in the proportions 3 : 2
        self.assertEqual(lines[self.it].budget_amount, 35.84)
        self.assertEqual(lines[self.retail].budget_amount, 23.89)
        self.assertEqual(self._sum(plan.line_ids, "budget_amount"), 1433.34)
        # the team's cells and the reps' budgets stay as they were
        self.assertEqual(self._sum(self._month_cells(self.team_a, 1)), 59.73)

    def test_expenses_of_the_team_month_shared_by_its_lines(self):
        plan = self.industry_plan
        lines = self._lines(self.team_a, 1)
        plan.write({"line_ids": [(1, lines[self.it].id, {"amount": 300.0}),
                                 (1, lines[self.retail].id, {"amount": 200.0})]})
        self._expense(self.rep, self.p_travel, 100.0, "%d-01-10" % NEXT)
        self._expense(self.leader, self.p_meal, 0.05, "%d-01-11" % NEXT)
        plan.action_refresh_actuals()
        travel = self._month_cells(self.team_a, 1).filtered(
            lambda c: c.category_id == self.travel)
        self.assertEqual(travel.expense_amount, 100.0)
        # 100.05 in the proportions 3 : 2, exactly
        self.assertEqual(lines[self.it].expense_amount, 60.03)
        self.assertEqual(lines[self.retail].expense_amount, 40.02)
        self.assertEqual(lines[self.it].budget_left, -24.19)
        self.assertTrue(lines[self.it].is_over_budget)
        self.assertEqual(plan.expense_amount, 100.05)
        self.assertEqual(self._sum(plan.line_ids, "expense_amount"), 100.05)
        # a second refresh rewrites no line (a row's ctid changes when it is
        # updated)
        self.assertEqual(self._line_rows(), self._line_rows(refresh=True))

    def _line_rows(self, refresh=False):
        if refresh:
            self.industry_plan.action_refresh_actuals()
        self.env.flush_all()
        self.env.cr.execute(SQL(
            "SELECT id, ctid FROM si_target_line WHERE plan_id = %s ORDER BY id",
            self.industry_plan.id))
        return self.env.cr.fetchall()
