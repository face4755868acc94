# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import logging
import time
from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta
from psycopg2 import sql
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from ..tools.allocation import allocate

_logger = logging.getLogger(__name__)

TARGET_BASES = [
    ("sale", "Confirmed Sale Orders"),
    ("invoice", "Validated Customer Invoices"),
    ("won", "Won Opportunities"),
]
TRENDS = [
    ("up", "Rising"),
    ("steady", "Holding"),
    ("down", "Falling"),
]
# Actual results of one company between two dates, grouped by month (first
# day), team, industry of the customer's company, salesperson and currency.
_ACTUALS_SQL = {
    "sale": """
        SELECT date_trunc('month', COALESCE(so.confirmation_date, so.date_order))::date,
               so.team_id, cp.industry_id, so.user_id, sol.currency_id,
               sum(sol.price_subtotal)
          FROM sale_order_line sol
          JOIN sale_order so ON so.id = sol.order_id
          JOIN res_partner p ON p.id = so.partner_id
          JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE so.state IN ('sale', 'done') AND so.company_id = %(company)s
           AND COALESCE(so.confirmation_date, so.date_order) >= %(date_from)s
           AND COALESCE(so.confirmation_date, so.date_order) < %(date_to)s
      GROUP BY 1, 2, 3, 4, 5
    """,
    "invoice": """
        SELECT date_trunc('month', i.date_invoice)::date,
               i.team_id, cp.industry_id, i.user_id, c.currency_id,
               sum(i.amount_untaxed_signed)
          FROM account_invoice i
          JOIN res_company c ON c.id = i.company_id
          JOIN res_partner cp ON cp.id = i.commercial_partner_id
         WHERE i.type IN ('out_invoice', 'out_refund')
           AND i.state IN ('open', 'paid') AND i.company_id = %(company)s
           AND i.date_invoice >= %(date_from)s AND i.date_invoice < %(date_to)s
      GROUP BY 1, 2, 3, 4, 5
    """,
    "won": """
        SELECT date_trunc('month', l.date_closed)::date,
               l.team_id, l.industry_id, l.user_id, c.currency_id,
               sum(l.planned_revenue)
          FROM crm_lead l
          JOIN crm_stage s ON s.id = l.stage_id
          JOIN res_company c ON c.id = l.company_id
         WHERE l.active AND s.probability >= 100 AND l.company_id = %(company)s
           AND l.date_closed >= %(date_from)s AND l.date_closed < %(date_to)s
      GROUP BY 1, 2, 3, 4, 5
    """,
}


class SiTargetPlan(models.Model):
    """The annual sales target of a company, its decomposition by month,
    industry and team, then to reps, and its completion."""

    _name = "si.target.plan"
    _description = "Sales Target Plan"
    _inherit = ["mail.thread"]
    _order = "year desc, company_id, id desc"

    def _default_year(self):
        return fields.Date.from_string(fields.Date.context_today(self)).year

    name = fields.Char(
        required=True,
        track_visibility="onchange",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.user.company_id,
        readonly=True,
        states={"draft": [("readonly", False)]},
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        readonly=True,
    )
    year = fields.Integer(
        required=True,
        index=True,
        default=_default_year,
        readonly=True,
        states={"draft": [("readonly", False)]},
        track_visibility="onchange",
    )
    date_from = fields.Date(
        compute="_compute_dates",
        store=True,
    )
    date_to = fields.Date(
        compute="_compute_dates",
        store=True,
    )
    basis = fields.Selection(
        selection=TARGET_BASES,
        string="Actual Basis",
        required=True,
        default="sale",
        readonly=True,
        states={"draft": [("readonly", False)]},
        track_visibility="onchange",
        help="What counts as an actual result, this year and last year: the "
        "untaxed amount of confirmed sale orders (by confirmation date), of "
        "validated customer invoices less refunds (by invoice date), or the "
        "expected revenue of won opportunities (by closing date).",
    )
    amount_total = fields.Monetary(
        string="Target",
        required=True,
        readonly=True,
        states={"draft": [("readonly", False)]},
        track_visibility="onchange",
        help="The company's sales target for the year, in the company currency.",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        copy=False,
        track_visibility="onchange",
        help="Draft plans are decomposed and adjusted; confirmed plans are "
        "the reps' targets and their daily plans; closed plans are history.",
    )
    line_ids = fields.One2many(
        comodel_name="si.target.line",
        inverse_name="plan_id",
        string="Targets by Month, Industry and Team",
        copy=False,
        readonly=True,
        states={"draft": [("readonly", False)]},
    )
    rep_line_ids = fields.One2many(
        comodel_name="si.target.rep.line",
        inverse_name="plan_id",
        string="Rep Targets",
        copy=False,
        readonly=True,
        states={"draft": [("readonly", False)]},
    )
    actual_amount = fields.Monetary(
        string="Actual",
        readonly=True,
        copy=False,
        help="Actual results of the year on the plan's basis, as of the last "
        "refresh (every night, or with the Refresh button).",
    )
    last_year_amount = fields.Monetary(
        string="Last Year",
        readonly=True,
        copy=False,
        help="Actual results of the year before, on the same basis.",
    )
    completion_rate = fields.Float(
        compute="_compute_rates",
        store=True,
        digits=(16, 1),
        string="Completion (%)",
        help="Actual / target.",
    )
    growth_rate = fields.Float(
        compute="_compute_rates",
        store=True,
        digits=(16, 1),
        string="Growth (%)",
        help="How much higher the target is than last year's actual results.",
    )
    actuals_date = fields.Datetime(
        string="Actuals Refreshed",
        readonly=True,
        copy=False,
    )
    line_count = fields.Integer(
        compute="_compute_counts",
    )
    rep_line_count = fields.Integer(
        compute="_compute_counts",
    )

    @api.depends("year")
    def _compute_dates(self):
        for plan in self:
            if plan.year:
                plan.date_from = date(plan.year, 1, 1)
                plan.date_to = date(plan.year, 12, 31)

    @api.depends("amount_total", "actual_amount", "last_year_amount")
    def _compute_rates(self):
        for plan in self:
            plan.completion_rate = _rate(plan.actual_amount, plan.amount_total)
            plan.growth_rate = _growth(plan.amount_total, plan.last_year_amount)

    def _compute_counts(self):
        for field, model in (("line_count", "si.target.line"),
                             ("rep_line_count", "si.target.rep.line")):
            data = self.env[model].read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["plan_id"], lazy=False)
            counts = {d["plan_id"][0]: d["__count"] for d in data}
            for plan in self:
                plan[field] = counts.get(plan.id, 0)

    @api.constrains("amount_total")
    def _check_amount_total(self):
        for plan in self:
            if plan.amount_total <= 0:
                raise ValidationError(
                    _("The target of a plan must be a positive amount (%s).")
                    % plan.amount_total)

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(_("%s is not a valid year.") % plan.year)

    @api.constrains("company_id", "year")
    def _check_one_plan_per_year(self):
        for plan in self:
            # sudo: the uniqueness holds also against plans the user cannot
            # read (record rules); only a count is read
            others = self.sudo().search_count([
                ("company_id", "=", plan.company_id.id),
                ("year", "=", plan.year),
                ("id", "!=", plan.id),
            ])
            if others:
                raise ValidationError(
                    _("%(company)s already has a sales target plan for %(year)s: "
                      "open and adjust that one instead.") % {
                        "company": plan.company_id.name, "year": plan.year})

    @api.multi
    def write(self, vals):
        if "amount_total" in vals or "line_ids" in vals or "rep_line_ids" in vals:
            res = super(SiTargetPlan, self.with_context(
                si_target_defer_check=True)).write(vals)
            self._check_consistency()
            return res
        return super().write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda plan: plan.state != "draft"):
            raise UserError(_("Only draft plans can be deleted; close the "
                              "others instead."))
        return super().unlink()

    # --- actions -------------------------------------------------------------
    @api.multi
    def action_decompose(self):
        """Open the first decomposition (month x industry x team)."""
        self.ensure_one()
        self._ensure_draft()
        wizard = self.env["si.target.decompose.wizard"].create({"plan_id": self.id})
        wizard.action_compute_shares()
        return wizard._reopen()

    @api.multi
    def action_decompose_reps(self):
        """Open the second decomposition (team targets to reps)."""
        self.ensure_one()
        self._ensure_draft()
        if not self.line_ids:
            raise UserError(_("Decompose the plan by month, industry and team "
                              "first: the rep targets split the team targets."))
        action = self.env.ref(
            "sales_intelligence.si_target_rep_wizard_action").read()[0]
        action["context"] = {"default_plan_id": self.id}
        return action

    @api.multi
    def action_confirm(self):
        for plan in self:
            plan._ensure_draft()
            if not plan.line_ids:
                raise UserError(_("Decompose the plan before confirming it."))
            plan._check_consistency()
        self.write({"state": "confirmed"})
        self.action_refresh_actuals()
        return True

    @api.multi
    def action_close(self):
        self.filtered(lambda plan: plan.state == "confirmed").write(
            {"state": "closed"})
        return True

    @api.multi
    def action_reset_draft(self):
        self.filtered(lambda plan: plan.state == "confirmed").write(
            {"state": "draft"})
        return True

    @api.multi
    def action_refresh_actuals(self):
        for plan in self:
            plan._refresh_actuals()
        return True

    @api.multi
    def action_view_lines(self):
        self.ensure_one()
        action = self.env.ref("sales_intelligence.si_target_line_action").read()[0]
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"search_default_group_team": 1}
        return action

    @api.multi
    def action_view_rep_lines(self):
        self.ensure_one()
        action = self.env.ref(
            "sales_intelligence.si_target_rep_line_action").read()[0]
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"search_default_group_user": 1}
        return action

    # --- business methods ------------------------------------------------------
    def _ensure_draft(self):
        if self.state != "draft":
            raise UserError(_("The plan \"%s\" is no longer a draft: set it back "
                              "to draft to change its decomposition.") % self.name)

    def _ensure_editable(self):
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    _("The targets of \"%s\" can only be changed while it is "
                      "a draft.") % plan.name)

    def _rounding(self):
        return self.currency_id.rounding or 0.01

    def _month_dates(self):
        return [date(self.year, month, 1) for month in range(1, 13)]

    @api.model
    def _actual_rows(self, company, basis, date_from, date_to):
        """Actual results of `company` on `basis` from `date_from` (included)
        to `date_to` (excluded), in one grouped query: a list of (month,
        team_id, industry_id, user_id, amount in the company currency)."""
        self.env.cr.execute(_ACTUALS_SQL[basis], {
            "company": company.id,
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
        })
        rows = self.env.cr.fetchall()
        target = company.currency_id
        currencies = {c.id: c for c in self.env["res.currency"].browse(
            {row[4] for row in rows if row[4] and row[4] != target.id})}
        result = []
        for month, team_id, industry_id, user_id, currency_id, amount in rows:
            if currency_id in currencies:
                amount = currencies[currency_id].with_context(date=month).compute(
                    amount, target, round=False)
            result.append((str(month)[:10], team_id, industry_id, user_id,
                           amount or 0.0))
        return result

    def _year_rows(self, years_back=0, years=1):
        """Actual rows of the plan's year (`years_back` years before), or of
        `years` years from then."""
        start = date(self.year - years_back, 1, 1)
        return self._actual_rows(self.company_id, self.basis, start,
                                 start + relativedelta(years=years))

    @api.model
    def _shift_year(self, month, years):
        """'2025-03-01' -> '2026-03-01' (first days of months only)."""
        return "%04d%s" % (int(month[:4]) + years, month[4:])

    def _refresh_actuals(self, rows=None):
        """Actual and last year's results of the plan, its lines and its rep
        lines, from one grouped query over both years (`rows`, when already
        read) and bulk updates of the rows that changed."""
        self.ensure_one()
        started = time.time()
        this_year = "%04d" % self.year
        if rows is None:
            rows = self._year_rows(years_back=1, years=2)
        current = [row for row in rows if row[0][:4] == this_year]
        previous = [(self._shift_year(row[0], 1),) + row[1:]
                    for row in rows if row[0][:4] != this_year]
        sums = {}
        for name, year_rows in (("actual", current), ("last", previous)):
            line_sum = defaultdict(float)
            rep_sum = defaultdict(float)
            for month, team_id, industry_id, user_id, amount in year_rows:
                line_sum[(month, team_id, industry_id)] += amount
                rep_sum[(month, user_id)] += amount
            sums[name] = (line_sum, rep_sum, sum(r[4] for r in year_rows))
        cr = self.env.cr
        cr.execute("SELECT id, date_month, team_id, industry_id, amount "
                   "FROM si_target_line WHERE plan_id = %s", (self.id,))
        values = []
        for line_id, month, team_id, industry_id, amount in cr.fetchall():
            key = (str(month)[:10], team_id, industry_id)
            actual = sums["actual"][0].get(key, 0.0)
            last = sums["last"][0].get(key, 0.0)
            values.append((line_id, actual, last, _rate(actual, amount),
                           _growth(amount, last)))
        _bulk_update(cr, "si_target_line", values)
        today = fields.Date.context_today(self)
        cr.execute("SELECT id, date_month, user_id, amount FROM si_target_rep_line "
                   "WHERE plan_id = %s ORDER BY user_id, date_month", (self.id,))
        values = []
        by_user = defaultdict(list)
        for line_id, month, user_id, amount in cr.fetchall():
            key = (str(month)[:10], user_id)
            actual = sums["actual"][1].get(key, 0.0)
            last = sums["last"][1].get(key, 0.0)
            values.append([line_id, actual, last, _rate(actual, amount),
                           _growth(amount, last)])
            by_user[user_id].append((key[0], values[-1]))
        # trends over the months begun, or with results already booked
        horizon = max([today] + [key[0] for key, amount in sums["actual"][1].items()
                                 if amount])
        trends = {}
        for months in by_user.values():
            trends.update(_trends([(m, v) for m, v in months if m <= horizon]))
        _bulk_update(cr, "si_target_rep_line", [
            tuple(v) + trends.get(v[0], (None, 0)) for v in values],
            extra=("trend", "months_on_target"))
        self.write({
            "actual_amount": sums["actual"][2],
            "last_year_amount": sums["last"][2],
            "actuals_date": fields.Datetime.now(),
        })
        self.env["si.target.line"].invalidate_cache()
        self.env["si.target.rep.line"].invalidate_cache()
        _logger.info("Target plan %s: actuals refreshed in %.1fs", self.name,
                     time.time() - started)

    def _check_consistency(self):
        """Lines sum to the plan total and rep lines of a team and month to
        the team's target of that month. Rep lines set by hand (manual
        override) keep their amount and the other rep lines of the team and
        month are rebalanced; when that is not possible, refuse."""
        for plan in self:
            rounding = plan._rounding()
            digits = plan.currency_id.decimal_places
            lines_total = sum(plan.line_ids.mapped("amount"))
            if plan.line_ids and float_compare(
                    lines_total, plan.amount_total, precision_digits=digits):
                raise ValidationError(
                    _("The targets by month, industry and team add up to "
                      "%(lines)s but the plan's target is %(total)s. Change "
                      "the lines so that they add up to the target, or "
                      "decompose the plan again.") % {
                        "lines": _fmt(lines_total, digits),
                        "total": _fmt(plan.amount_total, digits)})
            team_targets = plan._team_month_targets()
            groups = defaultdict(lambda: plan.env["si.target.rep.line"])
            for rep_line in plan.rep_line_ids:
                groups[(rep_line.team_id.id, rep_line.date_month)] |= rep_line
            for (team_id, month), rep_lines in groups.items():
                target = team_targets.get((team_id, month), 0.0)
                if not float_compare(sum(rep_lines.mapped("amount")), target,
                                     precision_digits=digits):
                    continue
                plan._rebalance(rep_lines, target, rounding)

    def _rebalance(self, rep_lines, target, rounding):
        digits = self.currency_id.decimal_places
        fixed = rep_lines.filtered("is_manual")
        free = rep_lines - fixed
        rest = target - sum(fixed.mapped("amount"))
        rep = rep_lines[0]
        if not free or float_compare(rest, 0.0, precision_digits=digits) < 0:
            raise ValidationError(
                _("The targets of the reps of %(team)s for %(month)s add up to "
                  "%(reps)s but the team's target is %(team_target)s. Change "
                  "them so that they add up, or leave at least one rep's "
                  "target free to take the difference.") % {
                    "team": rep.team_id.name,
                    "month": rep.date_month[:7],
                    "reps": _fmt(sum(rep_lines.mapped("amount")), digits),
                    "team_target": _fmt(target, digits)})
        weights = free.mapped("amount")
        if not any(weights):
            weights = [1.0] * len(free)
        for rep_line, amount in zip(free, allocate(rest, weights, rounding)):
            rep_line.with_context(si_target_auto=True).write({"amount": amount})

    def _team_month_targets(self):
        """{(team_id, month): target} of the plan's lines."""
        self.env.cr.execute("""
            SELECT team_id, date_month, sum(amount) FROM si_target_line
             WHERE plan_id = %s GROUP BY team_id, date_month
        """, (self.id,))
        return {(team_id, str(month)[:10]): amount
                for team_id, month, amount in self.env.cr.fetchall()}

    def _rep_history(self, rows=None):
        """{user_id: last year's actual results} on the plan's basis (from
        `rows` of this year and last year, when already read)."""
        last_year = "%04d" % (self.year - 1)
        if rows is None:
            rows = self._year_rows(years_back=1)
        totals = defaultdict(float)
        for row in rows:
            if row[0][:4] == last_year:
                totals[row[3]] += row[4]
        return totals

    def _rep_split_weights(self, team, users, method, history=None):
        """{user_id: weight} of `users` of `team` for splitting its target:
        'equal'; 'history', last year's actual results of each rep on the
        plan's basis (`history`, from `_rep_history()`, when already read);
        'grade', the weight of the rep's grade times their lead capacity (rep
        profiles; a rep without profile or capacity counts with weight 1 and
        the team's average capacity). Equal weights when the method gives
        nothing to go by."""
        self.ensure_one()
        weights = {}
        if method == "history":
            totals = self._rep_history() if history is None else history
            weights = {u.id: max(totals.get(u.id, 0.0), 0.0) for u in users}
        elif method == "grade":
            reps = self.env["si.rep"].search([("user_id", "in", users.ids)])
            by_user = {rep.user_id.id: rep for rep in reps}
            capacities = [rep.max_open_leads for rep in reps if rep.max_open_leads]
            average = sum(capacities) / len(capacities) if capacities else 1.0
            for user in users:
                rep = by_user.get(user.id)
                weight = rep.grade_id.weight if rep and rep.grade_id else 1.0
                capacity = rep.max_open_leads if rep and rep.max_open_leads else average
                weights[user.id] = weight * capacity
        if not any(weights.values()):
            weights = {u.id: 1.0 for u in users}
        return weights

    @api.model
    def cron_refresh_actuals(self):
        """Nightly: actual results of every confirmed plan, committed plan by
        plan."""
        for plan in self.search([("state", "=", "confirmed")]):
            plan._refresh_actuals()
            self.env["crm.lead"]._commit_batch()


class SiTargetAmountMixin(models.AbstractModel):
    """What the target lines of a plan share: their plan and the target,
    actual and last-year amounts with the rates derived from them."""

    _name = "si.target.amount.mixin"
    _description = "Sales Target Amounts"

    plan_id = fields.Many2one(
        comodel_name="si.target.plan",
        string="Plan",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="plan_id.company_id",
        store=True,
        readonly=True,
    )
    currency_id = fields.Many2one(
        related="plan_id.currency_id",
        readonly=True,
    )
    state = fields.Selection(
        related="plan_id.state",
        readonly=True,
    )
    amount = fields.Monetary(
        string="Target",
    )
    actual_amount = fields.Monetary(
        string="Actual",
        readonly=True,
    )
    last_year_amount = fields.Monetary(
        string="Last Year",
        readonly=True,
    )
    completion_rate = fields.Float(
        string="Completion (%)",
        digits=(16, 1),
        readonly=True,
        group_operator="max",
    )
    growth_rate = fields.Float(
        string="Growth (%)",
        digits=(16, 1),
        readonly=True,
        group_operator="max",
    )

    def _write_rates(self):
        """Completion and growth of lines whose amount changed (no amount in
        these values: the lines' own write checks do not run again)."""
        for line in self:
            line.write({
                "completion_rate": _rate(line.actual_amount, line.amount),
                "growth_rate": _growth(line.amount, line.last_year_amount),
            })


class SiTargetLine(models.Model):
    """The target of one team for one month and one customer industry."""

    _name = "si.target.line"
    _description = "Sales Target by Month, Industry and Team"
    _inherit = "si.target.amount.mixin"
    _order = "plan_id, date_month, team_id, industry_id, id"

    date_month = fields.Date(
        string="Month",
        required=True,
        index=True,
        help="First day of the month.",
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        index=True,
    )
    industry_id = fields.Many2one(
        comodel_name="res.partner.industry",
        string="Industry",
        index=True,
        help="Industry of the customer's company; empty for customers without "
        "one.",
    )

    @api.multi
    def write(self, vals):
        if "amount" in vals:
            self.check_access_rights("write")
            self.mapped("plan_id")._ensure_editable()
        res = super().write(vals)
        if "amount" in vals:
            self._write_rates()
            if not self.env.context.get("si_target_defer_check"):
                self.mapped("plan_id")._check_consistency()
        return res


class SiTargetRepLine(models.Model):
    """The target of one rep for one month: a share of the team's target."""

    _name = "si.target.rep.line"
    _description = "Rep Sales Target"
    _inherit = "si.target.amount.mixin"
    _order = "plan_id, date_month, team_id, user_id, id"

    date_month = fields.Date(
        string="Month",
        required=True,
        index=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        required=True,
        index=True,
    )
    team_leader_id = fields.Many2one(
        related="team_id.user_id",
        store=True,
        readonly=True,
        string="Team Leader",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        required=True,
        index=True,
    )
    is_manual = fields.Boolean(
        string="Manual Override",
        readonly=True,
        help="Set by hand: kept when the other reps of the team are "
        "rebalanced.",
    )
    trend = fields.Selection(
        selection=TRENDS,
        readonly=True,
        help="Completion of this month against the month before: is the rep "
        "holding the pace?",
    )
    months_on_target = fields.Integer(
        string="Months on Target",
        readonly=True,
        group_operator="max",
        help="Consecutive months up to this one with a completion of 100 % "
        "or more.",
    )

    @api.multi
    def write(self, vals):
        auto = self.env.context.get("si_target_auto")
        if "amount" in vals and not auto:
            self.check_access_rights("write")
            self.mapped("plan_id")._ensure_editable()
            vals = dict(vals, is_manual=True)
        res = super().write(vals)
        if "amount" in vals:
            self._write_rates()
            if not auto and not self.env.context.get("si_target_defer_check"):
                self.mapped("plan_id")._check_consistency()
        return res

    @api.multi
    def action_clear_manual(self):
        self.write({"is_manual": False})
        return True


def _rate(actual, target):
    return round(100.0 * actual / target, 1) if target else 0.0


def _growth(target, last):
    return round(100.0 * (target - last) / last, 1) if last else 0.0


def _fmt(amount, digits):
    return "{:,.{}f}".format(amount, digits)


def _trends(months):
    """{line_id: (trend, months_on_target)} of one rep's lines in month
    order (each (month, [line_id, actual, last, rate, growth]))."""
    result = {}
    previous = None
    streak = 0
    for _month, values in sorted(months, key=lambda item: item[0]):
        rate = values[3]
        streak = streak + 1 if rate >= 100.0 else 0
        if previous is None:
            trend = None
        elif rate > previous + 5.0:
            trend = "up"
        elif rate < previous - 5.0:
            trend = "down"
        else:
            trend = "steady"
        result[values[0]] = (trend, streak)
        previous = rate
    return result


def _bulk_update(cr, table, values, extra=()):
    """UPDATE `table` (a constant of this module) from (id, actual, last,
    completion, growth[, trend, months on target]) rows: the rows are copied
    into a temporary table, then one UPDATE touches the rows that changed."""
    if not values:
        return
    columns = ("actual_amount", "last_year_amount", "completion_rate",
               "growth_rate") + tuple(extra)
    cr.execute("""
        CREATE TEMP TABLE IF NOT EXISTS si_target_refresh
               (id int, actual_amount float8, last_year_amount float8,
                completion_rate float8, growth_rate float8, trend varchar,
                months_on_target int) ON COMMIT DROP
    """)
    cr.execute("TRUNCATE si_target_refresh")
    data = io.StringIO("".join(
        "\t".join("\\N" if value is None else str(value) for value in row) + "\n"
        for row in values))
    cr.copy_from(data, "si_target_refresh", columns=("id",) + columns)
    assignments = sql.SQL(", ").join(
        sql.SQL("{col} = v.{col}").format(col=sql.Identifier(c)) for c in columns)
    changed = sql.SQL(" OR ").join(
        sql.SQL("t.{col} IS DISTINCT FROM v.{col}").format(col=sql.Identifier(c))
        for c in columns)
    cr.execute(sql.SQL("UPDATE {table} t SET {assignments} FROM si_target_refresh v "
                       "WHERE t.id = v.id AND ({changed})").format(
        table=sql.Identifier(table), assignments=assignments, changed=changed))
