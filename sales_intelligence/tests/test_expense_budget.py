# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter
from datetime import date
from unittest import TestCase

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools.expense_budget import cost_of_sale, distribute, split
from .test_targets import YEAR, TargetCase


class TestExpenseBudgetTools(TestCase):
    """The plain arithmetic, without a database."""

    def test_cost_of_sale(self):
        self.assertEqual(cost_of_sale(320.0, 2000.0), 16.0)
        self.assertEqual(cost_of_sale(1.0, 3.0), 33.3)
        # no (or negative) results: no cost of sale
        self.assertEqual(cost_of_sale(50.0, 0.0), 0.0)
        self.assertEqual(cost_of_sale(50.0, -10.0), 0.0)

    def test_split_and_distribute(self):
        self.assertEqual(split(100.0, [1, 1, 1]), [33.34, 33.33, 33.33])
        self.assertEqual(split(-0.05, [1, 1]), [-0.03, -0.02])
        # no positive weight: equal parts
        self.assertEqual(split(1.0, [0, 0]), [0.5, 0.5])
        self.assertEqual(split(5.0, []), [])
        placed, left = distribute({"a": 10.0, "b": 3.0},
                                  {"a": [(1, 3.0), (2, 1.0)]})
        self.assertEqual(placed, {1: 7.5, 2: 2.5})
        self.assertEqual(left, {"b": 3.0})


class ExpenseBudgetCase(TargetCase):
    """The targets' teams (A: rep and rep2, led by the leader; B: rep3),
    their employees, expense products mapped to the categories, and a plan
    of 12,000 with awkward budgets, decomposed equally to 24 lines (12
    months x 2 teams) and split equally to the reps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.travel = ref("sales_intelligence.si_expense_category_travel")
        cls.entertainment = ref("sales_intelligence.si_expense_category_entertainment")
        cls.marketing = ref("sales_intelligence.si_expense_category_marketing")
        cls.other = ref("sales_intelligence.si_expense_category_other")
        Product = cls.env["product.product"]

        def product(name, category=None):
            record = Product.create({
                "name": name, "type": "service", "can_be_expensed": True,
                "standard_price": 0.0, "supplier_taxes_id": [(5, 0, 0)]})
            if category:
                category.product_ids = [(4, record.id)]
            return record

        cls.p_travel = product("Budget test travel", cls.travel)
        cls.p_meal = product("Budget test meal", cls.entertainment)
        cls.p_fair = product("Budget test fair", cls.marketing)
        cls.p_unmapped = product("Budget test unmapped")
        Employee = cls.env["hr.employee"]
        cls.employees = {
            user: Employee.create({"name": user.name, "user_id": user.id,
                                   "work_email": user.email,
                                   "company_id": cls.company.id})
            for user in (cls.rep, cls.rep2, cls.rep3, cls.leader)}
        cls.approver = ref("base.user_admin")
        cls.plan = cls._plan_with_budget()

    @classmethod
    def _plan_with_budget(cls, year=YEAR, industries=None):
        """`industries`: the plan is split equally by them (not by default)."""
        plan = cls.env["si.target.plan"].create({
            "name": "Budget %s" % year, "year": year, "amount_total": 12000.0})
        # every active category has a budget line (0) on a new plan
        budgets = {b.category_id: b for b in plan.budget_line_ids}
        for category, amount in ((cls.travel, 1000.0), (cls.entertainment, 333.33),
                                 (cls.marketing, 100.01)):
            budgets[category].amount = amount
        wizard = cls.env["si.target.decompose.wizard"].create({
            "plan_id": plan.id, "month_method": "equal",
            "industry_method": "equal" if industries else "none",
            "industry_ids": [(6, 0, industries.ids if industries else [])],
            "team_method": "equal",
            "team_ids": [(6, 0, (cls.team_a | cls.team_b).ids)]})
        wizard.action_compute_shares()
        wizard.action_apply()
        cls.env["si.target.rep.wizard"].create(
            {"plan_id": plan.id, "method": "equal"}).action_apply()
        return plan

    @classmethod
    def _expense(cls, user, product, amount, day, state="approve", company=None,
                 currency=None, taxes=None):
        """An expense of `user`'s employee in a report in `state`: 'none' (no
        report), 'draft', 'submit', 'approve' (Odoo's approval), 'post'
        (its journal entry posted), 'cancel' (refused)."""
        company = company or cls.company
        employee = cls.employees.get(user) if company == cls.company else None
        if not employee:
            employee = cls.env["hr.employee"].create({
                "name": user.name, "user_id": user.id, "company_id": company.id,
                "work_email": user.email})
        Expense = cls.env["hr.expense"].with_company(company)
        expense = Expense.create({
            "name": "%s %s" % (product.name, day),
            "employee_id": employee.id,
            "product_id": product.id,
            "total_amount_currency": amount,
            "date": day,
            "company_id": company.id,
            "currency_id": (currency or company.currency_id).id,
            "tax_ids": [(6, 0, (taxes or cls.env["account.tax"]).ids)],
        })
        if state == "none":
            return expense
        sheet = cls.env["hr.expense.sheet"].with_company(company).create({
            "name": expense.name, "employee_id": employee.id,
            "company_id": company.id,
            "expense_line_ids": [(6, 0, expense.ids)]})
        if state in ("submit", "approve", "post", "cancel"):
            sheet.action_submit_sheet()
        if state in ("approve", "post"):
            if company == cls.company:
                sheet.with_user(cls.approver).action_approve_expense_sheets()
            else:
                # a company without accounting: approved without a journal
                # entry, as Odoo does then
                sheet.write({"approval_state": "approve"})
        if state == "post":
            sheet.with_user(cls.approver).action_sheet_move_post()
        if state == "cancel":
            sheet.with_user(cls.approver)._do_refuse("Not a sales expense")
        if sheet.state != state:
            raise AssertionError("expense report %s, not %s" % (sheet.state, state))
        return expense

    def _rep_line(self, user, month, plan=None):
        return (plan or self.plan).rep_line_ids.filtered(
            lambda r: r.user_id == user and r.date_month == date(YEAR, month, 1))

    def _line(self, team, month, plan=None):
        return (plan or self.plan).line_ids.filtered(
            lambda ln: ln.team_id == team and ln.date_month == date(YEAR, month, 1))

    def _cells(self, records, category=None):
        cells = records.budget_cell_ids
        if category:
            cells = cells.filtered(lambda c: c.category_id == category)
        return cells


class TestBudgetDecomposition(ExpenseBudgetCase):

    def test_budget_decomposed_exactly_with_the_target(self):
        plan = self.plan
        self.assertEqual(plan.budget_amount, 1433.34)
        self.assertEqual(len(plan.budget_line_ids), 4)
        cells = plan.budget_cell_ids
        self.assertEqual(len(cells), 24 * 4)
        self.assertEqual(set(cells.mapped("level")), {"team"})
        # 1000.00 over 24 equal targets: 16 x 41.67 and 8 x 41.66
        travel = cells.filtered(lambda c: c.category_id == self.travel)
        self.assertEqual(Counter(travel.mapped("amount")), {41.67: 16, 41.66: 8})
        self.assertEqual(self._sum(travel), 1000.0)
        entertainment = cells.filtered(lambda c: c.category_id == self.entertainment)
        self.assertEqual(Counter(entertainment.mapped("amount")),
                         {13.89: 21, 13.88: 3})
        self.assertEqual(self._sum(entertainment), 333.33)
        marketing = cells.filtered(lambda c: c.category_id == self.marketing)
        self.assertEqual(self._sum(marketing), 100.01)
        self.assertEqual(self._sum(plan.line_ids, "budget_amount"), 1433.34)
        # team A's January: 41.67 + 13.89 + 4.17; its reps split it equally
        january_a = self._line(self.team_a, 1)
        self.assertEqual(january_a.budget_amount, 59.73)
        mine, theirs = self._rep_line(self.rep, 1), self._rep_line(self.rep2, 1)
        self.assertEqual(self._cells(mine, self.travel).amount, 20.84)
        self.assertEqual(self._cells(theirs, self.travel).amount, 20.83)
        self.assertEqual(mine.budget_amount, 29.88)
        self.assertEqual(theirs.budget_amount, 29.85)
        self.assertEqual(round(mine.budget_amount + theirs.budget_amount, 2), 59.73)
        # every team's month, category by category, sums exactly to the line
        rep_cells = self.env["si.target.budget.cell"].search(
            [("plan_id", "=", plan.id), ("level", "=", "rep")])
        self.assertEqual(len(rep_cells), 36 * 4)
        for line in plan.line_ids:
            for category in line.budget_cell_ids.category_id:
                self.assertEqual(
                    self._sum(rep_cells.filtered(
                        lambda c: c.team_id == line.team_id
                        and c.date_month == line.date_month
                        and c.category_id == category)),
                    self._cells(line, category).amount)
        self.assertEqual(self._sum(plan.rep_line_ids, "budget_amount"), 1433.34)

    def test_budget_change_splits_again(self):
        plan = self.plan
        budget = plan.budget_line_ids.filtered(lambda b: b.category_id == self.other)
        budget.amount = 0.07
        other = plan.budget_cell_ids.filtered(lambda c: c.category_id == self.other)
        self.assertEqual(Counter(other.mapped("amount")), {0.01: 7, 0.0: 17})
        self.assertEqual(self._sum(plan.line_ids, "budget_amount"), 1433.41)
        self.assertEqual(self._sum(plan.rep_line_ids, "budget_amount"), 1433.41)
        self.assertEqual(plan.budget_amount, 1433.41)
        # a category taken off the plan takes its cells with it
        budget.unlink()
        self.assertFalse(plan.budget_cell_ids.filtered(
            lambda c: c.category_id == self.other))
        self.assertEqual(self._sum(plan.rep_line_ids, "budget_amount"), 1433.34)

    def test_bad_budgets_refused_nothing_written(self):
        plan = self.plan
        travel = plan.budget_line_ids.filtered(lambda b: b.category_id == self.travel)
        with self.refused(ValidationError, "cannot be negative"):
            travel.amount = -5.0
        with self.refused(ValidationError, "的费用预算不能为负数"):
            travel.with_context(lang="zh_CN").amount = -5.0
        plan.invalidate_recordset()
        self.assertEqual(travel.amount, 1000.0)
        self.assertEqual(self._sum(self._cells(plan.line_ids, self.travel)), 1000.0)
        # one line changed alone breaks the category's total
        cell = self._cells(self._line(self.team_a, 1), self.travel)
        with self.refused(ValidationError, "adds up to 1,010.00 but the plan's "
                          "budget for it is 1,000.00"):
            cell.amount += 10.0
        self.assertEqual(cell.amount, 41.67)
        with self.refused(ValidationError, "cannot be negative"):
            plan.write({"budget_cell_ids": [(1, cell.id, {"amount": -1.0})]})
        # moving 10 from February to January in one save is fine; the reps of
        # both months are rebalanced
        february = self._cells(self._line(self.team_a, 2), self.travel)
        plan.write({"budget_cell_ids": [(1, cell.id, {"amount": 51.67}),
                                        (1, february.id, {"amount": 31.67})]})
        self.assertEqual(self._sum(self._cells(plan.line_ids, self.travel)), 1000.0)
        self.assertEqual(self._cells(self._rep_line(self.rep, 1), self.travel).amount,
                         25.84)
        self.assertEqual(self._cells(self._rep_line(self.rep2, 1), self.travel).amount,
                         25.83)
        self.assertEqual(self._line(self.team_a, 1).budget_amount, 69.73)
        self.assertEqual(self._line(self.team_a, 2).budget_amount, 49.73)
        # a product counts in one category only
        with self.refused(ValidationError, "already in another expense category"):
            self.marketing.product_ids = [(4, self.p_travel.id)]

    def test_rep_override_rebalances_or_is_refused(self):
        mine = self._cells(self._rep_line(self.rep, 3), self.travel)
        theirs = self._cells(self._rep_line(self.rep2, 3), self.travel)
        self.assertEqual((mine.amount, theirs.amount), (20.84, 20.83))
        mine.amount = 30.0
        self.assertTrue(mine.is_manual)
        self.assertEqual(theirs.amount, 11.67)
        with self.refused(ValidationError, "team's budget is 41.67"):
            theirs.amount = 20.0
        self.assertEqual((mine.amount, theirs.amount), (30.0, 11.67))
        # a team of one rep cannot be overridden alone
        alone = self._cells(self._rep_line(self.rep3, 3), self.travel)
        with self.refused(ValidationError, "leave at least one rep's budget free"):
            alone.amount = 1.0

    def test_confirmed_plan_budget_frozen(self):
        self.plan.action_confirm()
        travel = self.plan.budget_line_ids.filtered(
            lambda b: b.category_id == self.travel)
        with self.refused(UserError, "only be changed while it is a draft"):
            travel.amount = 2000.0
        with self.refused(UserError):
            self._cells(self._line(self.team_a, 1), self.travel).amount = 1.0
        # a new category joins the confirmed plan without budget, to track
        # its expenses; with a budget it is refused
        samples = self.env["si.expense.category"].create({"name": "Samples"})
        Budget = self.env["si.target.plan.budget"]
        with self.refused(UserError, "only be changed while it is a draft"):
            Budget.create({"plan_id": self.plan.id, "category_id": samples.id,
                           "amount": 5.0})
        Budget.create({"plan_id": self.plan.id, "category_id": samples.id})
        self.assertEqual(len(self._cells(self.plan.line_ids, samples)), 24)
        self.assertEqual(len(self._cells(self.plan.rep_line_ids, samples)), 36)


class TestExpenseActuals(ExpenseBudgetCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tax = cls.env["account.tax"].create({
            "name": "Budget test 10 %", "amount": 10.0, "type_tax_use": "purchase",
            "company_id": cls.company.id})
        foreign = cls.env["res.currency"].with_context(active_test=False).search(
            [("id", "!=", cls.company.currency_id.id)], limit=1)
        foreign.active = True
        cls.env["res.currency.rate"].search([
            ("currency_id", "in", (foreign | cls.company.currency_id).ids),
            ("company_id", "in", [cls.company.id, False])]).unlink()
        cls.env["res.currency.rate"].create({
            "currency_id": foreign.id, "name": date(YEAR, 1, 1), "rate": 2.0,
            "company_id": cls.company.id})
        other = cls.env["res.company"].create({"name": "Other Co (budget)"})
        cls.rep.company_ids = [(4, other.id)]
        jan, feb, mar = "%d-01-%%02d" % YEAR, "%d-02-%%02d" % YEAR, "%d-03-%%02d" % YEAR
        expense = cls._expense
        # counted: approved (100), posted (110 with 10 % tax: 100 untaxed)
        expense(cls.rep, cls.p_travel, 100.0, jan % 10)
        expense(cls.rep, cls.p_meal, 110.0, jan % 12, state="post", taxes=tax)
        # not counted: no report, draft, submitted, refused, unmapped product,
        # another company, last year
        expense(cls.rep, cls.p_travel, 500.0, jan % 15, state="none")
        expense(cls.rep, cls.p_travel, 600.0, jan % 15, state="draft")
        expense(cls.rep, cls.p_travel, 700.0, jan % 16, state="submit")
        expense(cls.rep, cls.p_travel, 900.0, jan % 17, state="cancel")
        expense(cls.rep, cls.p_unmapped, 300.0, feb % 3)
        expense(cls.rep, cls.p_travel, 9999.0, jan % 18, company=other)
        expense(cls.rep, cls.p_travel, 8888.0, "%d-01-18" % (YEAR - 1))
        # 100 in a foreign currency at 2 per company unit: 50
        expense(cls.rep2, cls.p_travel, 100.0, feb % 3, currency=foreign)
        expense(cls.rep3, cls.p_fair, 40.0, mar % 9)
        # the leader has no rep target: counts in team A's month
        expense(cls.leader, cls.p_travel, 30.0, jan % 20)
        # revenue: the rep sold 2000 in January (to a customer without
        # industry: the plan is not split by industry)
        customer = cls.env["res.partner"].create({"name": "Budget customer",
                                                  "is_company": True})
        cls._order(customer, cls.rep, cls.team_a, 2000, jan % 25)
        cls.plan.action_confirm()

    def test_expenses_on_every_level(self):
        plan = self.plan
        rows = plan._expense_rows(self.company, date(YEAR, 1, 1), date(YEAR + 1, 1, 1))
        self.assertEqual(sorted(rows), sorted([
            ("%d-01-01" % YEAR, self.rep.id, self.travel.id, 100.0),
            ("%d-01-01" % YEAR, self.rep.id, self.entertainment.id, 100.0),
            ("%d-01-01" % YEAR, self.leader.id, self.travel.id, 30.0),
            ("%d-02-01" % YEAR, self.rep2.id, self.travel.id, 50.0),
            ("%d-03-01" % YEAR, self.rep3.id, self.marketing.id, 40.0),
        ]))
        self.assertEqual(plan.actual_amount, 2000.0)
        self.assertEqual(plan.expense_amount, 320.0)
        self.assertEqual(plan.budget_left, 1113.34)
        self.assertEqual(plan.cost_of_sale, 16.0)
        by_category = {b.category_id: b for b in plan.budget_line_ids}
        self.assertEqual(by_category[self.travel].expense_amount, 180.0)
        self.assertEqual(by_category[self.travel].budget_left, 820.0)
        self.assertEqual(by_category[self.travel].cost_of_sale, 9.0)
        self.assertEqual(by_category[self.entertainment].expense_amount, 100.0)
        self.assertEqual(by_category[self.marketing].expense_amount, 40.0)
        self.assertEqual(by_category[self.other].expense_amount, 0.0)
        january_a = self._line(self.team_a, 1)
        self.assertEqual(january_a.expense_amount, 230.0)
        self.assertEqual(january_a.actual_amount, 2000.0)
        self.assertEqual(january_a.cost_of_sale, 11.5)
        self.assertEqual(january_a.budget_left, -170.27)
        self.assertTrue(january_a.is_over_budget)
        mine = self._rep_line(self.rep, 1)
        self.assertEqual(mine.expense_amount, 200.0)
        self.assertEqual(mine.budget_left, -170.12)
        self.assertEqual(mine.cost_of_sale, 10.0)
        self.assertTrue(mine.is_over_budget)
        self.assertEqual(self._cells(mine, self.entertainment).expense_amount, 100.0)
        theirs = self._rep_line(self.rep2, 2)
        self.assertEqual(theirs.expense_amount, 50.0)
        # no revenue: no cost of sale
        self.assertEqual(theirs.cost_of_sale, 0.0)
        self.assertTrue(theirs.is_over_budget)
        march_b = self._rep_line(self.rep3, 3)
        self.assertEqual(march_b.expense_amount, 40.0)
        self.assertEqual(march_b.budget_amount, 59.73)
        self.assertFalse(march_b.is_over_budget)
        self.assertEqual(self._sum(plan.line_ids, "expense_amount"), 320.0)
        self.assertEqual(self._sum(plan.rep_line_ids, "expense_amount"), 290.0)

    def test_over_budget_warned_once(self):
        plan = self.plan
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", "si.target.rep.line"),
                  ("res_id", "in", plan.rep_line_ids.ids)]
        activities = Activity.search(domain)
        # the rep and the leader for January, rep2 and the leader for February
        self.assertEqual(sorted((a.res_id, a.user_id.login) for a in activities),
                         sorted([(self._rep_line(self.rep, 1).id, "si_rep"),
                                 (self._rep_line(self.rep, 1).id, "si_leader"),
                                 (self._rep_line(self.rep2, 2).id, "si_rep2"),
                                 (self._rep_line(self.rep2, 2).id, "si_leader")]))
        note = activities.filtered(lambda a: a.user_id == self.rep).note
        self.assertIn("are 200.00, over the month's expense budget of 29.88", note)
        self.assertTrue(self._rep_line(self.rep, 1).budget_warned)
        # a second run (button, then the nightly job) sends nothing again
        plan.action_refresh_actuals()
        self.env["si.target.plan"]._cron_refresh_actuals()
        self.assertEqual(Activity.search(domain), activities)
        # a new month over budget is warned, once
        self._expense(self.rep3, self.p_fair, 100.0, "%d-03-20" % YEAR)
        self.env["si.target.plan"]._cron_refresh_actuals()
        new = Activity.search(domain) - activities
        self.assertEqual(new.mapped("user_id"), self.rep3 | self.manager)
        self.assertEqual(set(new.mapped("res_id")), {self._rep_line(self.rep3, 3).id})
        plan.action_refresh_actuals()
        self.assertEqual(len(Activity.search(domain)), 6)
        # the rep reads the warning and marks it done
        mine = activities.filtered(lambda a: a.user_id == self.rep).with_user(self.rep)
        mine.action_feedback(feedback="Booked the trade fair early")
        self.assertFalse(mine.exists())

    def test_access(self):
        plan = self.plan
        Cell = self.env["si.target.budget.cell"]
        domain = [("plan_id", "=", plan.id)]
        # a rep: own budget and expenses only
        mine = Cell.with_user(self.rep).search(domain)
        self.assertEqual(mine.mapped("user_id"), self.rep)
        self.assertEqual(set(mine.mapped("level")), {"rep"})
        self.assertEqual(len(mine), 12 * 4)
        self.assertEqual(self._rep_line(self.rep, 1).with_user(self.rep).read(
            ["budget_amount", "expense_amount"])[0]["expense_amount"], 200.0)
        with self.refused(AccessError):
            self.env["si.target.plan.budget"].with_user(self.rep).search(domain)
        with self.refused(AccessError):
            plan.with_user(self.rep).read(["budget_amount"])
        with self.refused(AccessError):
            mine[0].with_user(self.rep).write({"amount": 1.0})
        # the leader: the team's lines and reps, not team B's
        team = Cell.with_user(self.leader).search(domain)
        self.assertEqual(team.mapped("team_id"), self.team_a)
        self.assertEqual(team.mapped("user_id"), self.rep | self.rep2)
        self.assertEqual(len(team), 12 * 4 + 24 * 4)
        # the manager: all, and changes the budget
        self.assertEqual(Cell.with_user(self.manager).search_count(domain), 240)
        draft = self._plan_with_budget(YEAR + 1)
        budget = draft.budget_line_ids.filtered(lambda b: b.category_id == self.other)
        budget.with_user(self.manager).amount = 24.0
        self.assertEqual(self._sum(draft.line_ids, "budget_amount"), 1457.34)
        # finance reads all budgets and expenses, changes none
        finance_plan = plan.with_user(self.finance)
        self.assertEqual(finance_plan.expense_amount, 320.0)
        self.assertEqual(finance_plan.budget_line_ids.mapped("category_id"),
                         self.travel | self.entertainment | self.marketing | self.other)
        self.assertEqual(Cell.with_user(self.finance).search_count(domain), 240)
        self.assertEqual(len(self.env["si.target.rep.line"].with_user(
            self.finance).search(domain)), 36)
        with self.refused(AccessError):
            budget.with_user(self.finance).amount = 1.0
        with self.refused(AccessError):
            self.travel.with_user(self.finance).name = "Trips"

    def test_budget_change_keeps_the_expenses(self):
        plan = self.plan
        plan.action_reset_draft()
        travel = plan.budget_line_ids.filtered(lambda b: b.category_id == self.travel)
        travel.with_user(self.manager).amount = 1200.0
        # the travel cells are new; the expenses are booked on them again
        self.assertEqual(travel.expense_amount, 180.0)
        self.assertEqual(plan.expense_amount, 320.0)
        self.assertEqual(self._sum(plan.line_ids, "expense_amount"), 320.0)
        self.assertEqual(self._sum(plan.rep_line_ids, "expense_amount"), 290.0)
        self.assertEqual(self._sum(self._cells(plan.line_ids, self.travel)), 1200.0)
        self.assertEqual(self._rep_line(self.rep, 1).expense_amount, 200.0)
        # a category taken off the plan takes its expenses with it
        meals = plan.budget_line_ids.filtered(
            lambda b: b.category_id == self.entertainment)
        meals.with_user(self.manager).unlink()
        self.assertEqual(plan.expense_amount, 220.0)
        self.assertEqual(self._rep_line(self.rep, 1).expense_amount, 100.0)

    def test_refresh_by_finance_not_by_a_rep(self):
        plan = self.plan
        cells = self.env["si.target.budget.cell"].search([("plan_id", "=", plan.id)])
        spent = {cell.id: cell.expense_amount for cell in cells}
        self.assertEqual(self._sum(cells.filtered(lambda c: c.level == "team"),
                                   "expense_amount"), 320.0)
        self.env.cr.execute(SQL("UPDATE si_target_budget_cell SET expense_amount = 0 "
                                "WHERE plan_id = %s", plan.id))
        self.env.invalidate_all()
        plan.with_user(self.finance).action_refresh_actuals()
        self.assertEqual({cell.id: cell.expense_amount for cell in cells}, spent)
        with self.refused(AccessError):
            plan.with_user(self.rep).action_refresh_actuals()

    def test_views_load_for_every_role(self):
        views = {
            "si.target.budget.cell": [(False, "list"), (False, "pivot"),
                                      (False, "graph"), (False, "search")],
            "si.target.rep.line": [(False, "list"), (False, "form"),
                                   (False, "graph"), (False, "search")],
            "si.target.line": [(False, "list"), (False, "pivot"), (False, "search")],
            "si.target.plan": [(False, "list"), (False, "form")],
            "si.expense.category": [(False, "list"), (False, "form")],
        }
        for user in (self.rep, self.leader, self.manager, self.finance):
            for model, model_views in views.items():
                if model == "si.target.plan" and user == self.rep:
                    continue  # no plan menu for a rep
                Model = self.env[model].with_user(user)
                result = Model.get_views(model_views)
                self.assertIn("list", result["views"])
                spec = {name: {} for name in ("display_name",)}
                Model.web_search_read([], spec, limit=5)
            groups = self.env["si.target.budget.cell"].with_user(user).read_group(
                [("plan_id", "=", self.plan.id)], ["amount:sum", "expense_amount:sum"],
                ["category_id"])
            self.assertTrue(groups)
        form = self.env["si.target.plan"].with_user(self.manager).get_views(
            [(False, "form")])["views"]["form"]["arch"]
        self.assertIn("budget_line_ids", form)
        # a rep's view of a plan has no company-wide budget
        self.assertNotIn("budget_line_ids", self.env["si.target.plan"].with_user(
            self.rep).get_views([(False, "form")])["views"]["form"]["arch"])
