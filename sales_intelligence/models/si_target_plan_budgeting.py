# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, float_compare

from ..tools.column_arrays import unnest_rows
from ..tools.expense_budget import cost_of_sale, split
from ..tools.target_completion import format_amount

# Who reads a plan's company-wide budget and expenses: a rep sees only their
# own (rep targets), a team leader the team's (target lines).
BUDGET_GROUPS = "sales_team.group_sale_salesman_all_leads,account.group_account_invoice"

# The values of a budget cell's row (_insert_budget_cells)
CELL_COLUMNS = [("level", "varchar"), ("rep_line_id", "int"), ("category_id", "int"),
                ("date_month", "date"), ("team_id", "int"), ("user_id", "int"),
                ("amount", "numeric")]
# The budget totals of a target line (_write_line_budgets)
LINE_BUDGET_COLUMNS = [("id", "int"), ("budget", "numeric"), ("spend", "numeric"),
                       ("cost", "float8")]


class SiTargetPlan(models.Model):
    """The sales expense budget of a plan, by expense category, decomposed
    with the target: each category over the teams' months in the
    proportions of their targets, then each team's month over its reps in
    the proportions of the rep targets. The team's lines of a month (by
    industry) share its budget and expenses in the proportions of their
    targets. Every level sums exactly to its parent (tools.allocation);
    expenses: models/si_target_plan_expenses.py."""

    _inherit = "si.target.plan"

    def _default_budget_line_ids(self):
        return [(0, 0, {"category_id": category.id, "amount": 0.0})
                for category in self.env["si.expense.category"].search([])]

    budget_line_ids = fields.One2many(
        comodel_name="si.target.plan.budget",
        inverse_name="plan_id",
        string="Expense Budget by Category",
        default=_default_budget_line_ids,
        copy=True,
        groups=BUDGET_GROUPS,
        help="What the year's sales may spend, by expense category. Only "
        "categories on the plan count expenses.",
    )
    budget_cell_ids = fields.One2many(
        comodel_name="si.target.budget.cell",
        inverse_name="plan_id",
        domain=[("level", "=", "team")],
        string="Expense Budget by Month and Team",
        copy=False,
        groups=BUDGET_GROUPS,
    )
    budget_amount = fields.Monetary(
        string="Expense Budget",
        compute="_compute_budget_amount",
        store=True,
        groups=BUDGET_GROUPS,
        help="The expense budget of all categories.",
    )
    expense_amount = fields.Monetary(
        string="Expenses",
        readonly=True,
        copy=False,
        groups=BUDGET_GROUPS,
        help="Approved and posted expenses (Odoo Expenses) of the plan's reps "
        "in the budget's categories, untaxed in the company currency, as of "
        "the last refresh.",
    )
    budget_left = fields.Monetary(
        compute="_compute_budget_left",
        store=True,
        groups=BUDGET_GROUPS,
    )
    cost_of_sale = fields.Float(
        string="Cost of Sale (%)",
        compute="_compute_budget_left",
        store=True,
        digits=(16, 1),
        groups=BUDGET_GROUPS,
        help="Expenses / actual results on the plan's basis, in percent; 0 "
        "without actual results.",
    )

    @api.depends("budget_line_ids.amount")
    def _compute_budget_amount(self):
        for plan in self:
            plan.budget_amount = sum(plan.budget_line_ids.mapped("amount"))

    @api.depends("budget_amount", "expense_amount", "actual_amount")
    def _compute_budget_left(self):
        for plan in self:
            plan.budget_left = plan.budget_amount - plan.expense_amount
            plan.cost_of_sale = cost_of_sale(plan.expense_amount, plan.actual_amount)

    def write(self, vals):
        if "budget_cell_ids" in vals:
            res = super(SiTargetPlan, self.with_context(
                si_target_defer_check=True)).write(vals)
            self._check_budget_consistency()
            return res
        return super().write(vals)

    # --- decomposition -----------------------------------------------------------
    def _decompose_budget(self, budgets=None):
        """Split `budgets` (the plan's budget lines; all by default) over the
        teams' months of the plan in the proportions of their targets, then
        to the reps. Cells of categories no longer budgeted are removed. The
        new cells carry no expenses: the caller books them
        (_refresh_expenses), which writes the totals."""
        self.ensure_one()
        self.env["si.target.budget.cell"].browse().check_access("create")
        if budgets is None:
            budgets = self.sudo().budget_line_ids  # sudo: the plan's own lines
        self.flush_recordset()
        self.env["si.target.plan.budget"].flush_model()
        cr = self.env.cr
        cr.execute(SQL("""
            DELETE FROM si_target_budget_cell c
             WHERE c.plan_id = %s
               AND (c.category_id IN %s OR c.category_id NOT IN (
                    SELECT category_id FROM si_target_plan_budget WHERE plan_id = %s))
        """, self.id, tuple(budgets.category_id.ids) or (0,), self.id))
        if not budgets:
            self.env["si.target.budget.cell"].invalidate_model()
            return
        team_months = self._team_month_targets()
        weights = [float(amount or 0.0) for amount in team_months.values()]
        rows = []
        if team_months:
            for budget in budgets:
                parts = split(budget.amount, weights, self._rounding())
                rows += [("team", None, budget.category_id.id, month, team_id, None,
                          part)
                         for (team_id, month), part in zip(team_months, parts)]
        self._insert_budget_cells(rows)
        self._split_budget_to_reps(categories=budgets.category_id)

    def _split_budget_to_reps(self, teams=None, categories=None):
        """The team cells of each team and month split over the team's rep
        targets of that month in the proportions of their targets (cells of
        `teams` and `categories` replaced; all by default). As for
        _decompose_budget, the caller books the expenses."""
        self.ensure_one()
        self.env["si.target.budget.cell"].flush_model()
        self.env["si.target.rep.line"].flush_model(
            ["plan_id", "team_id", "date_month", "user_id", "amount"])
        cr = self.env.cr
        team_filter = SQL("AND team_id IN %s", tuple(teams.ids)) if teams else SQL("")
        category_filter = (SQL("AND category_id IN %s", tuple(categories.ids))
                           if categories else SQL(""))
        cr.execute(SQL("DELETE FROM si_target_budget_cell WHERE plan_id = %s "
                       "AND level = 'rep' %s %s", self.id, team_filter,
                       category_filter))
        cr.execute(SQL("""
            SELECT team_id, date_month, category_id, sum(amount)
              FROM si_target_budget_cell
             WHERE plan_id = %s AND level = 'team' %s %s
          GROUP BY team_id, date_month, category_id
          ORDER BY team_id, date_month, category_id
        """, self.id, team_filter, category_filter))
        team_budgets = cr.fetchall()
        cr.execute(SQL("SELECT id, team_id, date_month, user_id, amount "
                       "FROM si_target_rep_line WHERE plan_id = %s %s ORDER BY id",
                       self.id, team_filter))
        reps = defaultdict(list)
        for line_id, team_id, month, user_id, amount in cr.fetchall():
            reps[(team_id, month)].append((line_id, user_id, amount or 0.0))
        rounding = self._rounding()
        rows = []
        for team_id, month, category_id, total in team_budgets:
            rep_lines = reps.get((team_id, month))
            if not rep_lines:
                continue
            parts = split(float(total), [amount for *_ids, amount in rep_lines],
                          rounding)
            rows += [("rep", line_id, category_id, month, team_id, user_id, part)
                     for (line_id, user_id, _amount), part in zip(rep_lines, parts)]
        self._insert_budget_cells(rows)

    def _insert_budget_cells(self, rows):
        """Bulk insert of budget cells from rows of CELL_COLUMNS' values, in
        one statement."""
        if rows:
            self.env.cr.execute(SQL("""
                INSERT INTO si_target_budget_cell
                       (plan_id, company_id, level, rep_line_id, category_id,
                        date_month, team_id, user_id, amount, expense_amount,
                        is_manual, create_uid, create_date, write_uid, write_date)
                SELECT %(plan)s, %(company)s, v.level, v.rep_line_id, v.category_id,
                       v.date_month, v.team_id, v.user_id, v.amount, 0, false,
                       %(uid)s,
                       now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM %(cells)s
            """, plan=self.id, company=self.company_id.id, uid=self.env.uid,
                                    cells=unnest_rows(rows, CELL_COLUMNS)))
        self.env["si.target.budget.cell"].invalidate_model()

    # --- manual edits --------------------------------------------------------------
    def _check_budget_consistency(self):
        """Team cells of a category sum to the plan's budget of it; the rep
        cells of a team, month and category to the team's cells: rep cells
        set by hand keep their amount, the others are rebalanced; when that
        is not possible, refuse."""
        Cell = self.env["si.target.budget.cell"]
        Cell.flush_model()
        self.env["si.target.plan.budget"].flush_model()
        cr = self.env.cr
        for plan in self:
            digits = plan.currency_id.decimal_places
            cr.execute(SQL("""
                SELECT b.category_id, b.amount, sum(c.amount)
                  FROM si_target_plan_budget b
                  JOIN si_target_budget_cell c ON c.plan_id = b.plan_id
                   AND c.category_id = b.category_id AND c.level = 'team'
                 WHERE b.plan_id = %s
              GROUP BY b.category_id, b.amount
            """, plan.id))
            for category_id, budget, cells in cr.fetchall():
                if float_compare(float(cells), float(budget), precision_digits=digits):
                    raise ValidationError(_(
                        "The expense budget for %(category)s by month and team "
                        "adds up to %(cells)s but the plan's budget for it is "
                        "%(budget)s: change the lines so that they add up, or "
                        "change the plan's budget to split it again.",
                        category=self.env["si.expense.category"].browse(
                            category_id).name,
                        cells=format_amount(float(cells), digits),
                        budget=format_amount(float(budget), digits)))
            cr.execute(SQL("""
                SELECT t.team_id, t.date_month, t.category_id, t.amount
                  FROM (SELECT team_id, date_month, category_id, sum(amount) AS amount
                          FROM si_target_budget_cell
                         WHERE plan_id = %s AND level = 'team'
                      GROUP BY 1, 2, 3) t
                  JOIN (SELECT team_id, date_month, category_id, sum(amount) AS amount
                          FROM si_target_budget_cell
                         WHERE plan_id = %s AND level = 'rep'
                      GROUP BY 1, 2, 3) r
                 USING (team_id, date_month, category_id)
                 WHERE round(t.amount, %s) != round(r.amount, %s)
            """, plan.id, plan.id, digits, digits))
            for team_id, month, category_id, target in cr.fetchall():
                cells = Cell.search([
                    ("plan_id", "=", plan.id), ("level", "=", "rep"),
                    ("team_id", "=", team_id), ("date_month", "=", month),
                    ("category_id", "=", category_id)], order="id")
                plan._rebalance_budget(cells, float(target))
            plan._write_budget_totals()

    def _rebalance_budget(self, cells, target):
        digits = self.currency_id.decimal_places
        fixed = cells.filtered("is_manual")
        free = cells - fixed
        rest = target - sum(fixed.mapped("amount"))
        if not free or float_compare(rest, 0.0, precision_digits=digits) < 0:
            cell = cells[0]
            raise ValidationError(_(
                "The %(category)s budgets of the reps of %(team)s for %(month)s "
                "add up to %(reps)s but the team's budget is %(team_budget)s: "
                "change them so that they add up, or leave at least one rep's "
                "budget free to take the difference.",
                category=cell.category_id.name, team=cell.team_id.name,
                month=cell.date_month.strftime("%Y-%m"),
                reps=format_amount(sum(cells.mapped("amount")), digits),
                team_budget=format_amount(target, digits)))
        parts = split(rest, free.mapped("amount"), self._rounding())
        for cell, amount in zip(free, parts):
            cell.with_context(si_budget_auto=True).write({"amount": amount})

    # --- totals ----------------------------------------------------------------------
    def _write_budget_totals(self):
        """Budget, expenses, budget left, cost of sale and the over-budget
        flag of the plan's rep targets from their cells and of its lines from
        their teams' months, then the plan's."""
        self.ensure_one()
        self.env["si.target.budget.cell"].flush_model()
        self.env["si.target.rep.line"].flush_model(["actual_amount"])
        self.env.cr.execute(_update_totals("si_target_rep_line", SQL("""
            (SELECT l.id, coalesce(sum(c.amount), 0) AS budget,
                    coalesce(sum(c.expense_amount), 0) AS spend,
                    CASE WHEN l.actual_amount > 0
                         THEN round(100 * coalesce(sum(c.expense_amount), 0)
                                    / l.actual_amount, 1)::float8
                         ELSE 0 END AS cost
               FROM si_target_rep_line l
          LEFT JOIN si_target_budget_cell c ON c.rep_line_id = l.id
              WHERE l.plan_id = %s
           GROUP BY l.id) v
        """, self.id)))
        self.env["si.target.rep.line"].invalidate_model(_BUDGET_COLUMNS)
        self._write_line_budgets()
        self._write_plan_expenses()

    def _write_line_budgets(self):
        """The budget and expenses of each team's month (all categories)
        split over its lines in the proportions of their targets, written in
        one UPDATE of the lines that changed."""
        self.env["si.target.budget.cell"].flush_model()
        self.env["si.target.line"].flush_model(
            ["plan_id", "team_id", "date_month", "amount", "actual_amount"])
        cr = self.env.cr
        cr.execute(SQL("""
            SELECT team_id, date_month, sum(amount), sum(expense_amount)
              FROM si_target_budget_cell
             WHERE plan_id = %s AND level = 'team' GROUP BY 1, 2
        """, self.id))
        months = {(team_id, month): (float(budget), float(spend))
                  for team_id, month, budget, spend in cr.fetchall()}
        cr.execute(SQL("SELECT team_id, date_month, id, amount, actual_amount "
                       "FROM si_target_line WHERE plan_id = %s ORDER BY id", self.id))
        lines = defaultdict(list)
        for team_id, month, *line in cr.fetchall():
            lines[(team_id, month)].append(line)
        rounding = self._rounding()
        rows = []
        for key, month_lines in lines.items():
            budget, spend = months.get(key, (0.0, 0.0))
            weights = [float(amount or 0.0) for _id, amount, _actual in month_lines]
            for (line_id, _amount, actual), line_budget, line_spend in zip(
                    month_lines, split(budget, weights, rounding),
                    split(spend, weights, rounding)):
                rows.append((line_id, line_budget, line_spend,
                             cost_of_sale(line_spend, float(actual or 0.0))))
        if rows:
            cr.execute(_update_totals("si_target_line",
                                      unnest_rows(rows, LINE_BUDGET_COLUMNS)))
        self.env["si.target.line"].invalidate_model(_BUDGET_COLUMNS)

    def _write_plan_expenses(self):
        """The expenses of the plan and of its budget lines: the sums of its
        teams' cells by category."""
        cr = self.env.cr
        cr.execute(SQL("""
            SELECT category_id, sum(expense_amount) FROM si_target_budget_cell
             WHERE plan_id = %s AND level = 'team' GROUP BY category_id
        """, self.id))
        spend = {category_id: float(amount) for category_id, amount in cr.fetchall()}
        # sudo: figures derived from the plan's own cells, whoever refreshes
        plan = self.sudo()
        for budget in plan.budget_line_ids:
            amount = spend.get(budget.category_id.id, 0.0)
            if budget.expense_amount != amount:
                budget.with_context(si_budget_auto=True).expense_amount = amount
        total = sum(spend.values())
        if plan.expense_amount != total:
            plan.expense_amount = total

    def _check_consistency(self):
        # the lines' shares of their teams' months follow their targets
        res = super()._check_consistency()
        for plan in self:
            plan._write_line_budgets()
        return res


def _update_totals(table, source):
    """The UPDATE of the budget totals of `table` (target lines or rep
    targets) from `source`, rows `v` (id, budget, spend, cost), touching
    only the rows that change."""
    values = list(zip(_BUDGET_COLUMNS, [
        SQL("v.budget"), SQL("v.spend"), SQL("v.budget - v.spend"), SQL("v.cost"),
        SQL("v.spend > v.budget")]))
    return SQL(
        "UPDATE %s t SET %s FROM %s WHERE t.id = v.id AND (%s)",
        SQL.identifier(table),
        SQL(", ").join(SQL("%s = %s", SQL.identifier(column), value)
                       for column, value in values),
        source,
        SQL(" OR ").join(SQL("t.%s IS DISTINCT FROM %s", SQL.identifier(column), value)
                         for column, value in values))


_BUDGET_COLUMNS = ["budget_amount", "expense_amount", "budget_left", "cost_of_sale",
                   "is_over_budget"]
