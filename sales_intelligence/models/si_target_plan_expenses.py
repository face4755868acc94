# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict
from datetime import date

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools.column_arrays import unnest_rows
from ..tools.expense_budget import distribute, split
from ..tools.target_completion import format_amount

_logger = logging.getLogger(__name__)

# Expense report states whose expenses count against the budget: approved,
# posted and done (paid) reports; drafts, submitted and refused ones do not.
SPENT_SHEET_STATES = ("approve", "post", "done")

# The expenses of one company's employees linked to a user between two dates,
# by month (expense date), user and expense category (of the product), untaxed
# in the company currency: hr.expense.total_amount and tax_amount are in the
# company currency, converted by Odoo at the rate of the expense's date.
_EXPENSES_SQL = """
    SELECT date_trunc('month', x.date)::date, e.user_id, r.category_id,
           sum(x.total_amount - coalesce(x.tax_amount, 0))
      FROM hr_expense x
      JOIN hr_expense_sheet s ON s.id = x.sheet_id
      JOIN hr_employee e ON e.id = x.employee_id
      JOIN si_expense_category_product_rel r ON r.product_id = x.product_id
      JOIN si_expense_category c ON c.id = r.category_id
     WHERE s.state IN %(states)s AND x.company_id = %(company)s
       AND x.date >= %(date_from)s AND x.date < %(date_to)s
       AND e.user_id IS NOT NULL AND c.active
  GROUP BY 1, 2, 3
"""
_EXPENSES_FIELDS = {
    "hr.expense": ["date", "employee_id", "product_id", "total_amount", "tax_amount",
                   "company_id", "sheet_id"],
    "hr.expense.sheet": ["state"],
    "hr.employee": ["user_id"],
    "si.expense.category": ["product_ids", "active"],
}


class SiTargetPlan(models.Model):
    """Actual expenses of a plan's reps (Odoo Expenses) against its expense
    budget, refreshed with the actual results (button and nightly job), and
    the warning of reps whose month's expenses pass its budget."""

    _inherit = "si.target.plan"

    @api.model
    def _expense_rows(self, company, date_from, date_to):
        """Approved and posted expenses of `company` from `date_from`
        (included) to `date_to` (excluded), in one grouped query: a list of
        (month 'YYYY-MM-DD', user_id, category_id, untaxed amount in the
        company currency)."""
        for model, fnames in _EXPENSES_FIELDS.items():
            self.env[model].flush_model(fnames)
        self.env.cr.execute(SQL(
            _EXPENSES_SQL, states=SPENT_SHEET_STATES, company=company.id,
            date_from=date_from, date_to=date_to))
        return [(fields.Date.to_string(month), user_id, category_id, float(amount))
                for month, user_id, category_id, amount in self.env.cr.fetchall()]

    def _refresh_actuals(self, rows=None):
        res = super()._refresh_actuals(rows)
        # the split to reps refreshes the expenses once its budget is split
        if not self.env.context.get("si_budget_skip_expenses"):
            self._refresh_expenses()
        return res

    def _refresh_expenses(self):
        """Expenses of the year booked on the plan's budget cells: each rep's
        month and category on the rep's budget cells (a rep of several teams
        in proportion to their budgets), the reps' expenses of a team's month
        on the team's cell of the month and category. A rep without rep
        target that month counts in the teams of the plan they belong to.
        Then totals (the lines share their team's month), and warnings of
        reps over budget (confirmed plans)."""
        self.ensure_one()
        rounding = self._rounding()
        spend = defaultdict(float)
        for month, user_id, category_id, amount in self._expense_rows(
                self.company_id, date(self.year, 1, 1), date(self.year + 1, 1, 1)):
            spend[(month, user_id, category_id)] += amount
        Cell = self.env["si.target.budget.cell"]
        Cell.flush_model()
        cr = self.env.cr
        cr.execute(SQL("SELECT id, level, date_month, team_id, user_id, category_id, "
                       "amount FROM si_target_budget_cell WHERE plan_id = %s "
                       "ORDER BY id", self.id))
        rep_cells, team_cells, rep_cell_keys = defaultdict(list), defaultdict(list), {}
        for cell_id, level, month, team_id, user_id, category_id, amount in (
                cr.fetchall()):
            month = fields.Date.to_string(month)
            if level == "rep":
                rep_cells[(month, user_id, category_id)].append((cell_id, amount))
                rep_cell_keys[cell_id] = (month, team_id, category_id)
            else:
                team_cells[(month, team_id, category_id)].append((cell_id, amount))
        placed, left = distribute(spend, rep_cells, rounding)
        # the team's month: its reps' cells, and reps without rep target in
        # the plan's teams they belong to (equally)
        team_spend = defaultdict(float)
        for cell_id, amount in placed.items():
            team_spend[rep_cell_keys[cell_id]] += amount
        memberships = self._plan_team_memberships()
        for (month, user_id, category_id), amount in left.items():
            teams = memberships.get(user_id, [])
            for team_id, part in zip(teams, split(amount, [1.0] * len(teams),
                                                  rounding)):
                team_spend[(month, team_id, category_id)] += part
        placed_teams, _unplaced = distribute(team_spend, team_cells, rounding)
        placed.update(placed_teams)
        self._write_cell_expenses(placed)
        self._write_budget_totals()
        if self.state == "confirmed":
            self._warn_over_budget()

    def _plan_team_memberships(self):
        """{user_id: [team_id, ...]}: members and leaders of the plan's teams."""
        self.env["si.target.line"].flush_model(["plan_id", "team_id"])
        self.env.cr.execute(SQL("SELECT DISTINCT team_id FROM si_target_line "
                                "WHERE plan_id = %s AND team_id IS NOT NULL",
                                self.id))
        teams = self.env["crm.team"].browse([row[0] for row in self.env.cr.fetchall()])
        memberships = defaultdict(list)
        for team in teams.sorted("id"):
            for user in team.member_ids | team.user_id:
                memberships[user.id].append(team.id)
        return memberships

    def _write_cell_expenses(self, amounts):
        """Expenses of the plan's cells from ``{cell_id: amount}`` (others 0),
        in one UPDATE of the cells that changed."""
        cr = self.env.cr
        cr.execute(SQL("""
            UPDATE si_target_budget_cell SET expense_amount = 0
             WHERE plan_id = %s AND expense_amount != 0 AND NOT id = ANY(%s)
        """, self.id, list(amounts)))
        if amounts:
            cr.execute(SQL("""
                UPDATE si_target_budget_cell c SET expense_amount = v.amount
                  FROM %s
                 WHERE c.id = v.id AND c.expense_amount IS DISTINCT FROM v.amount
            """, unnest_rows(amounts.items(), [("id", "int"), ("amount", "numeric")])))
        self.env["si.target.budget.cell"].invalidate_model(["expense_amount"])

    def _warn_over_budget(self):
        """An activity for the rep and one for the team leader on each rep
        target whose expenses passed its budget, once per rep target (a
        second run sends nothing again)."""
        RepLine = self.env["si.target.rep.line"]
        over = RepLine.search([("plan_id", "=", self.id), ("is_over_budget", "=", True),
                               ("budget_warned", "=", False)])
        if not over:
            return 0
        activity_type = self.env.ref("mail.mail_activity_data_warning")
        model_id = self.env["ir.model"]._get_id(RepLine._name)
        today = fields.Date.context_today(self)
        values = [
            self.with_context(lang=user.lang or "en_US")._prepare_over_budget_activity(
                line, user, activity_type, model_id, today)
            for line in over for user in (line.user_id | line.team_leader_id)
            if user.active]
        # sudo: the job warns reps and leaders on records they can read; the
        # user running the refresh need not be allowed to assign activities
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True).create(values)
        over.write({"budget_warned": True})
        _logger.info("Target plan %s: %d reps' months over budget warned",
                     self.name, len(over))
        return len(over)

    def _prepare_over_budget_activity(self, line, user, activity_type, model_id,
                                      today):
        """Values of the over-budget activity of `user` on rep target `line`,
        in the language of the context (the recipient's)."""
        digits = self.currency_id.decimal_places
        return {
            "res_model_id": model_id,
            "res_id": line.id,
            "activity_type_id": activity_type.id,
            "user_id": user.id,
            "date_deadline": today,
            "summary": _("Over expense budget"),
            "note": _("The expenses of %(rep)s for %(month)s are %(spent)s, over "
                      "the month's expense budget of %(budget)s.",
                      rep=line.user_id.name,
                      month=line.date_month.strftime("%Y-%m"),
                      spent=format_amount(line.expense_amount, digits),
                      budget=format_amount(line.budget_amount, digits)),
        }
