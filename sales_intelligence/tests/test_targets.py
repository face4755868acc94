# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import date, datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .common import SalesIntelligenceCase

YEAR = 2031  # far from the demo data: only the tests' own documents count


class TargetCase(SalesIntelligenceCase):
    """Two teams with their reps, customers of two industries, and sale
    orders, invoices and won opportunities of last year and this year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # messages are asserted in English; one test checks the Chinese
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.company = cls.env.company
        cls.rep2 = cls._create_user("si_rep2", ["sales_team.group_sale_salesman"])
        cls.rep3 = cls._create_user("si_rep3", ["sales_team.group_sale_salesman"])
        cls.leader = cls._create_user("si_leader", ["sales_team.group_sale_salesman"])
        Team = cls.env["crm.team"]
        cls.team_a = Team.create({"name": "Team A", "user_id": cls.leader.id,
                                  "member_ids": [(6, 0, [cls.rep.id, cls.rep2.id])]})
        cls.team_b = Team.create({"name": "Team B", "user_id": cls.manager.id,
                                  "member_ids": [(6, 0, [cls.rep3.id])]})
        Industry = cls.env["res.partner.industry"]
        cls.it = Industry.create({"name": "IT (test)"})
        cls.retail = Industry.create({"name": "Retail (test)"})
        Partner = cls.env["res.partner"]
        cls.it_customer = Partner.create({"name": "Soft Co", "is_company": True,
                                          "industry_id": cls.it.id})
        cls.retail_customer = Partner.create({"name": "Shop Co", "is_company": True,
                                              "industry_id": cls.retail.id})
        cls.product = cls.env["product.product"].create({
            "name": "Target test service", "type": "service", "list_price": 1.0})
        # last year: team A 3000 (IT, January, rep) + 1000 (retail, March,
        # rep2); team B 4000 (IT, July, rep3) -> months 3:1:4, IT 7:1
        cls._order(cls.it_customer, cls.rep, cls.team_a, 3000, "%d-01-15" % (YEAR - 1))
        cls._order(cls.retail_customer, cls.rep2, cls.team_a, 1000,
                   "%d-03-10" % (YEAR - 1))
        cls._order(cls.it_customer, cls.rep3, cls.team_b, 4000, "%d-07-01" % (YEAR - 1))
        # a cancelled order does not count
        cancelled = cls._order(cls.it_customer, cls.rep, cls.team_a, 50000,
                               "%d-02-01" % (YEAR - 1))
        cancelled.with_context(disable_cancel_warning=True).action_cancel()

    @classmethod
    def _order(cls, partner, user, team, amount, day, company=None):
        order = cls.env["sale.order"].create({
            "partner_id": partner.id,
            "user_id": user.id,
            "team_id": team.id,
            "order_line": [(0, 0, {"product_id": cls.product.id,
                                   "product_uom_qty": 1, "price_unit": amount})],
        })
        order.action_confirm()
        # confirmed on `day` (Odoo 18 sets the order date at confirmation)
        cls.env.flush_all()
        cls.env.cr.execute(SQL(
            "UPDATE sale_order SET date_order = %s, company_id = %s WHERE id = %s",
            datetime.fromisoformat(day + " 10:00:00"), (company or cls.company).id,
            order.id))
        order.invalidate_recordset(["date_order", "company_id"])
        return order

    def _plan(self, amount=10000.0, basis="sale", **values):
        return self.env["si.target.plan"].create(dict(
            values, name="Plan %s" % YEAR, year=values.get("year", YEAR),
            amount_total=amount, basis=basis))

    def _decompose(self, plan, **values):
        wizard = self.env["si.target.decompose.wizard"].create(
            dict(values, plan_id=plan.id,
                 team_ids=[(6, 0, (self.team_a | self.team_b).ids)]))
        wizard.action_compute_shares()
        return wizard

    def _split(self, plan, method="equal"):
        self.env["si.target.rep.wizard"].create(
            {"plan_id": plan.id, "method": method}).action_apply()

    @classmethod
    def _confirmed_plan_of_year(cls, year):
        """A confirmed plan of `year`: 100,000 a month for team A, split
        equally over its reps; a plan of that year already there (the demo
        data's) steps aside."""
        others = cls.env["si.target.plan"].search([("year", "=", year)])
        others.write({"state": "closed"})
        others.write({"year": 2099})
        plan = cls.env["si.target.plan"].create({
            "name": "This year", "year": year, "amount_total": 1200000.0})
        plan.line_ids = [(0, 0, {
            "date_month": "%d-%02d-01" % (year, month),
            "team_id": cls.team_a.id, "amount": 100000.0,
        }) for month in range(1, 13)]
        cls.env["si.target.rep.wizard"].create(
            {"plan_id": plan.id, "method": "equal",
             "team_ids": [(6, 0, cls.team_a.ids)]}).action_apply()
        plan.action_confirm()
        return plan

    @contextmanager
    def refused(self, exception, regex=""):
        """Bad input: the error, and nothing of it kept (a request rolls
        back its transaction; here a savepoint does)."""
        try:
            with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
                yield
        finally:
            self.env.invalidate_all(flush=False)

    def _sum(self, records, field="amount"):
        return round(sum(records.mapped(field)), 2)


class TestTargetPlan(TargetCase):

    def test_bad_plans_refused(self):
        with self.refused(ValidationError):
            self._plan(amount=-100)
        with self.refused(ValidationError):
            self._plan(amount=0)
        self._plan()
        with self.refused(ValidationError, "already has a sales target"):
            self._plan()
        # another year is fine
        self._plan(year=YEAR + 1)

    def test_errors_are_translated(self):
        self._plan()
        plans = self.env["si.target.plan"].with_context(lang="zh_CN")
        with self.refused(ValidationError, "已有 %d 年的销售目标计划" % YEAR):
            plans.create({"name": "Again", "year": YEAR, "amount_total": 5.0})
        with self.refused(ValidationError, "计划的目标必须是正数"):
            plans.create({"name": "Negative", "year": YEAR + 2,
                          "amount_total": -5.0})

    def test_last_year_reference_and_growth(self):
        plan = self._plan(amount=10000.0)
        plan.action_refresh_actuals()
        self.assertEqual(plan.last_year_amount, 8000.0)
        self.assertEqual(plan.actual_amount, 0.0)
        self.assertEqual(plan.growth_rate, 25.0)

    def test_decomposition_inserts_what_the_refresh_computes(self):
        """The lines and rep targets are inserted with their actual results,
        rates and trends: the refresh that follows rewrites none of them."""
        self._order(self.it_customer, self.rep, self.team_a, 500, "%d-03-05" % YEAR)
        plan = self._plan(amount=10000.01)
        wizard = self._decompose(plan)
        updates = self._target_updates()
        wizard.action_apply()
        self._split(plan, method="history")
        self.assertEqual(self._target_updates(), updates)
        march = plan.rep_line_ids.filtered(
            lambda r: r.user_id == self.rep and r.date_month == date(YEAR, 3, 1))
        self.assertEqual((march.actual_amount, march.trend), (500.0, "up"))
        self.assertEqual(self._sum(plan.line_ids, "last_year_amount"), 8000.0)
        self.assertEqual(self._sum(plan.line_ids, "actual_amount"), 500.0)

    def _target_updates(self):
        """Rows of the lines and rep targets updated in this transaction."""
        self.env.flush_all()
        self.env.cr.execute(SQL(
            "SELECT relname, n_tup_upd FROM pg_stat_xact_user_tables "
            "WHERE relname IN ('si_target_line', 'si_target_rep_line')"))
        return dict(self.env.cr.fetchall())

    def test_decompose_by_last_year_share_sums_exactly(self):
        plan = self._plan(amount=10000.01)
        wizard = self._decompose(plan)
        months = {int(s.month): s.percent for s in wizard.month_share_ids}
        self.assertEqual(months[1], 37.5)
        self.assertEqual(months[3], 12.5)
        self.assertEqual(months[7], 50.0)
        self.assertEqual(months[2], 0.0)
        industries = {s.industry_id: s.percent for s in wizard.industry_share_ids}
        self.assertEqual(industries, {self.it: 87.5, self.retail: 12.5})
        teams = {s.team_id: s.percent for s in wizard.team_share_ids}
        self.assertEqual(teams, {self.team_a: 50.0, self.team_b: 50.0})
        wizard.action_apply()
        self.assertEqual(self._sum(plan.line_ids), 10000.01)
        january = plan.line_ids.filtered(lambda ln: ln.date_month == date(YEAR, 1, 1))
        self.assertEqual(self._sum(january), 3750.0)
        # last year's reference on each line
        line = january.filtered(
            lambda ln: ln.team_id == self.team_a and ln.industry_id == self.it)
        self.assertEqual(line.last_year_amount, 3000.0)
        self.assertEqual(self._sum(plan.line_ids, "last_year_amount"), 8000.0)

    def test_combined_methods_and_manual_shares(self):
        plan = self._plan(amount=12000.0)
        wizard = self._decompose(plan, month_method="equal", industry_method="none",
                                 team_method="manual")
        self.assertEqual(len(wizard.industry_share_ids), 1)
        team_shares = wizard.team_share_ids
        # manual starts from last year: then the manager sets 70/30
        team_shares.filtered(lambda s: s.team_id == self.team_a).percent = 70.0
        team_shares.filtered(lambda s: s.team_id == self.team_b).percent = 30.0
        wizard.action_apply()
        self.assertEqual(len(plan.line_ids), 24)
        self.assertEqual(self._sum(plan.line_ids), 12000.0)
        self.assertEqual(self._sum(plan.line_ids.filtered(
            lambda ln: ln.team_id == self.team_a)), 8400.0)
        self.assertEqual(set(plan.line_ids.mapped("amount")), {700.0, 300.0})

    def test_shares_not_100_percent_refused_nothing_split(self):
        plan = self._plan()
        self._decompose(plan, month_method="equal").action_apply()
        before = plan.line_ids.read(["amount", "date_month", "team_id"])
        wizard = self._decompose(plan, team_method="manual")
        wizard.team_share_ids[0].percent += 5
        with self.refused(UserError, "not 100"):
            wizard.action_apply()
        plan.invalidate_recordset()
        self.assertEqual(plan.line_ids.read(["amount", "date_month", "team_id"]),
                         before)
        with self.refused(UserError):
            self._decompose(plan, month_method="seasonality")

    def test_seasonality_profile(self):
        profile = self.env["si.target.seasonality"].create(
            {"name": "December peak", "month_12": 9.0})
        with self.refused(ValidationError):
            profile.month_03 = -1
        plan = self._plan(amount=20000.0)
        self._decompose(plan, month_method="seasonality", seasonality_id=profile.id,
                        industry_method="none", team_method="equal").action_apply()
        december = plan.line_ids.filtered(lambda ln: ln.date_month.month == 12)
        self.assertEqual(self._sum(december), 9000.0)
        self.assertEqual(self._sum(plan.line_ids), 20000.0)

    def test_no_last_year_refused(self):
        plan = self._plan(year=YEAR + 5)
        with self.refused(UserError, "no actual results last year"):
            self._decompose(plan)

    def test_manual_line_edit_must_keep_total(self):
        plan = self._plan(amount=12000.0)
        self._decompose(plan, month_method="equal", industry_method="none",
                        team_method="equal").action_apply()
        first, second = plan.line_ids[:2]
        with self.refused(ValidationError, "add up to"):
            first.amount += 100
        # moving 100 from one line to another in one save is fine
        plan.write({"line_ids": [(1, first.id, {"amount": first.amount + 100}),
                                 (1, second.id, {"amount": second.amount - 100})]})
        self.assertEqual(self._sum(plan.line_ids), 12000.0)

    def test_split_to_reps_sums_to_team(self):
        plan = self._plan(amount=10000.0)
        self._decompose(plan, month_method="equal", industry_method="none",
                        team_method="equal").action_apply()
        self._split(plan, "history")
        reps = plan.rep_line_ids
        self.assertEqual(len(reps), 12 * 3)
        self.assertEqual(self._sum(reps), 10000.0)
        january_a = reps.filtered(lambda r: r.team_id == self.team_a
                                  and r.date_month == date(YEAR, 1, 1))
        team_line = plan.line_ids.filtered(lambda ln: ln.team_id == self.team_a
                                           and ln.date_month == date(YEAR, 1, 1))
        self.assertEqual(self._sum(january_a), team_line.amount)
        # rep sold 3000 and rep2 1000 last year: 3:1
        by_user = {r.user_id: r.amount for r in january_a}
        self.assertEqual(by_user[self.rep], 312.5)
        self.assertEqual(by_user[self.rep2], 104.17)
        self.assertEqual(by_user[self.rep] + by_user[self.rep2], 416.67)
        # grade and capacity without rep profiles: equal
        self._split(plan, "grade")
        january_a = plan.rep_line_ids.filtered(
            lambda r: r.team_id == self.team_a and r.date_month == date(YEAR, 1, 1))
        self.assertEqual(sorted(january_a.mapped("amount")), [208.33, 208.34])
        # with profiles: an S rep (weight 1.5, capacity 60) against a C rep
        # (weight 0.8, capacity 50): 90 to 40
        Rep = self.env["si.rep"]
        Rep.create({"user_id": self.rep.id, "max_open_leads": 60,
                    "grade_id": self.env.ref("sales_intelligence.si_rep_grade_s").id})
        Rep.create({"user_id": self.rep2.id, "max_open_leads": 50,
                    "grade_id": self.env.ref("sales_intelligence.si_rep_grade_c").id})
        self._split(plan, "grade")
        january_a = plan.rep_line_ids.filtered(
            lambda r: r.team_id == self.team_a and r.date_month == date(YEAR, 1, 1))
        by_user = {r.user_id: r.amount for r in january_a}
        self.assertEqual(by_user[self.rep], 288.46)
        self.assertEqual(by_user[self.rep2], 128.21)

    def test_rep_override_rebalances_or_is_refused(self):
        plan = self._plan(amount=12000.0)
        self._decompose(plan, month_method="equal", industry_method="none",
                        team_method="equal").action_apply()
        self._split(plan, "equal")
        month = date(YEAR, 5, 1)
        lines = plan.rep_line_ids.filtered(
            lambda r: r.team_id == self.team_a and r.date_month == month)
        mine = lines.filtered(lambda r: r.user_id == self.rep)
        other = lines - mine
        self.assertEqual((mine.amount, other.amount), (250.0, 250.0))
        mine.amount = 400.0
        self.assertTrue(mine.is_manual)
        self.assertEqual(other.amount, 100.0)
        # overriding beyond the team's target: refused, nothing changed
        with self.refused(ValidationError, "team's target"):
            other.amount = 200.0
        plan.invalidate_recordset()
        self.assertEqual((mine.amount, other.amount), (400.0, 100.0))
        # a single rep team cannot be overridden alone
        rep3_line = plan.rep_line_ids.filtered(
            lambda r: r.team_id == self.team_b and r.date_month == month)
        with self.refused(ValidationError):
            rep3_line.amount = 1.0
        # a changed team target rebalances the reps, keeping the override
        team_lines = plan.line_ids.filtered(lambda ln: ln.date_month == month)
        plan.write({"line_ids": [
            (1, team_lines.filtered(lambda ln: ln.team_id == self.team_a).id,
             {"amount": 600.0}),
            (1, team_lines.filtered(lambda ln: ln.team_id == self.team_b).id,
             {"amount": 400.0})]})
        self.assertEqual((mine.amount, other.amount), (400.0, 200.0))
        self.assertEqual(rep3_line.amount, 400.0)

    def test_confirmed_plan_is_frozen(self):
        plan = self._plan()
        with self.refused(UserError):
            plan.action_confirm()  # not decomposed
        self._decompose(plan).action_apply()
        plan.action_confirm()
        self.assertEqual(plan.state, "confirmed")
        with self.refused(UserError):
            plan.line_ids[0].amount = 1
        with self.refused(UserError):
            plan.action_decompose()
        with self.refused(UserError):
            plan.unlink()
        plan.action_close()
        self.assertEqual(plan.state, "closed")
