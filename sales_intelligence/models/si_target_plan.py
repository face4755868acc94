# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_compare

from ..tools.allocation import allocate
from ..tools.target_completion import (
    equal_when_empty,
    format_amount,
    grade_capacity_weights,
    growth,
    history_weights,
    rate,
)

TARGET_BASES = [
    ("sale", "Confirmed Sale Orders"),
    ("invoice", "Posted Customer Invoices"),
    ("won", "Won Opportunities"),
]


class SiTargetPlan(models.Model):
    """The annual sales target of a company, its decomposition by month,
    industry and team, then to reps, and its completion (actual results:
    models/si_target_plan_actuals.py)."""

    _name = "si.target.plan"
    _description = "Sales Target Plan"
    _inherit = ["mail.thread", "si.name.limit.mixin"]
    _order = "year desc, company_id, id desc"

    def _default_year(self):
        return fields.Date.context_today(self).year

    name = fields.Char(
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
    )
    year = fields.Integer(
        required=True,
        index=True,
        default=_default_year,
        tracking=True,
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
        tracking=True,
        help="What counts as an actual result, this year and last year: the "
        "untaxed amount of confirmed sale orders (by order date), of posted "
        "customer invoices less refunds (by invoice date), or the expected "
        "revenue of won opportunities (by closing date), in the company "
        "currency at the document's date.",
    )
    amount_total = fields.Monetary(
        string="Target",
        required=True,
        tracking=True,
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
        tracking=True,
        help="Draft plans are decomposed and adjusted; confirmed plans are "
        "the reps' targets and their daily plans; closed plans are history.",
    )
    line_ids = fields.One2many(
        comodel_name="si.target.line",
        inverse_name="plan_id",
        string="Targets by Month, Industry and Team",
        copy=False,
    )
    rep_line_ids = fields.One2many(
        comodel_name="si.target.rep.line",
        inverse_name="plan_id",
        string="Rep Targets",
        copy=False,
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
            if plan.year and 1 <= plan.year <= 9999:
                plan.date_from = date(plan.year, 1, 1)
                plan.date_to = date(plan.year, 12, 31)
            else:
                plan.date_from = plan.date_to = False

    @api.depends("amount_total", "actual_amount", "last_year_amount")
    def _compute_rates(self):
        for plan in self:
            plan.completion_rate = rate(plan.actual_amount, plan.amount_total)
            plan.growth_rate = growth(plan.amount_total, plan.last_year_amount)

    def _compute_counts(self):
        for field, model in (("line_count", "si.target.line"),
                             ("rep_line_count", "si.target.rep.line")):
            counts = dict(self.env[model]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]))
            for plan in self:
                plan[field] = counts.get(plan, 0)

    @api.constrains("amount_total")
    def _check_amount_total(self):
        for plan in self:
            if plan.amount_total <= 0:
                raise ValidationError(
                    _("The target of a plan must be a positive amount (%s).",
                      plan.amount_total))

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(_("%s is not a valid year.", plan.year))

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
                      "open and adjust that one instead.",
                      company=plan.company_id.name, year=plan.year))

    def write(self, vals):
        if "amount_total" in vals or "line_ids" in vals or "rep_line_ids" in vals:
            res = super(SiTargetPlan, self.with_context(
                si_target_defer_check=True)).write(vals)
            self._check_consistency()
            return res
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda plan: plan.state != "draft"):
            raise UserError(_("Only draft plans can be deleted; close the "
                              "others instead."))

    # --- actions -------------------------------------------------------------
    def action_decompose(self):
        """Open the first decomposition (month x industry x team)."""
        self.ensure_one()
        self._ensure_draft()
        wizard = self.env["si.target.decompose.wizard"].create({"plan_id": self.id})
        wizard.action_compute_shares()
        return wizard._reopen()

    def action_decompose_reps(self):
        """Open the second decomposition (team targets to reps)."""
        self.ensure_one()
        self._ensure_draft()
        if not self.line_ids:
            raise UserError(_("Decompose the plan by month, industry and team "
                              "first: the rep targets split the team targets."))
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence.si_target_rep_wizard_action")
        action["context"] = {"default_plan_id": self.id}
        return action

    def action_confirm(self):
        for plan in self:
            plan._ensure_draft()
            if not plan.line_ids:
                raise UserError(_("Decompose the plan before confirming it."))
            plan._check_consistency()
        self.write({"state": "confirmed"})
        self.action_refresh_actuals()
        return True

    def action_close(self):
        self.filtered(lambda plan: plan.state == "confirmed").write(
            {"state": "closed"})
        return True

    def action_reset_draft(self):
        self.filtered(lambda plan: plan.state == "confirmed").write(
            {"state": "draft"})
        return True

    def action_refresh_actuals(self):
        """Recompute the actual results and expenses now (the nightly job
        does it too): for sales managers and finance, who book the invoices
        and expenses behind them."""
        user = self.env.user
        if not (user.has_group("sales_team.group_sale_manager")
                or user.has_group("account.group_account_invoice")):
            raise AccessError(_("Only sales managers and finance can refresh the "
                                "actual results of a sales plan."))
        self.check_access("read")
        # sudo: the refresh writes figures computed from posted invoices and
        # approved expenses only, nothing the user gives; finance reads plans
        # but may not write them
        for plan in self.sudo():
            plan._refresh_actuals()
        return True

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence.si_target_line_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"search_default_group_team": 1}
        return action

    def action_view_rep_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence.si_target_rep_line_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"search_default_group_user": 1}
        return action

    # --- business methods ------------------------------------------------------
    def _ensure_draft(self):
        if self.state != "draft":
            raise UserError(_("The plan \"%s\" is no longer a draft: set it back "
                              "to draft to change its decomposition.", self.name))

    def _ensure_editable(self):
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    _("The targets of \"%s\" can only be changed while it is "
                      "a draft.", plan.name))

    def _rounding(self):
        return self.currency_id.rounding or 0.01

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
                      "decompose the plan again.",
                      lines=format_amount(lines_total, digits),
                      total=format_amount(plan.amount_total, digits)))
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
                  "target free to take the difference.",
                  team=rep.team_id.name,
                  month=rep.date_month.strftime("%Y-%m"),
                  reps=format_amount(sum(rep_lines.mapped("amount")), digits),
                  team_target=format_amount(target, digits)))
        weights = free.mapped("amount")
        if not any(weights):
            weights = [1.0] * len(free)
        for rep_line, amount in zip(free, allocate(rest, weights, rounding)):
            rep_line.with_context(si_target_auto=True).write({"amount": amount})

    def _team_month_targets(self):
        """{(team_id, month date): target} of the plan's lines, in the order
        of the lines."""
        self.env["si.target.line"].flush_model(["plan_id", "team_id", "date_month",
                                                "amount"])
        self.env.cr.execute(SQL("""
            SELECT team_id, date_month, sum(amount) FROM si_target_line
             WHERE plan_id = %s GROUP BY team_id, date_month ORDER BY min(id)
        """, self.id))
        return {(team_id, month): amount
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
        weights = {user.id: 1.0 for user in users}
        if method == "history":
            totals = self._rep_history() if history is None else history
            weights = history_weights(users.ids, totals)
        elif method == "grade":
            weights = grade_capacity_weights(users.ids, self._rep_profiles(users))
        return equal_when_empty(weights)

    def _rep_profiles(self, users):
        """{user_id: (grade weight, capacity)} from the rep profiles."""
        reps = self.env["si.rep"].search([("user_id", "in", users.ids)])
        return {rep.user_id.id: (rep.grade_id.weight if rep.grade_id else None,
                                 self._rep_capacity(rep))
                for rep in reps}

    @api.model
    def _rep_capacity(self, rep):
        """The lead capacity of a rep profile: its own capacity field when
        the profile has one, else the assignment capacity of the rep's team
        memberships (crm.team.member), summed over the rep's teams."""
        if "max_open_leads" in rep._fields:
            return rep.max_open_leads or 0
        memberships = self.env["crm.team.member"].search(
            [("user_id", "=", rep.user_id.id)])
        return sum(memberships.mapped("assignment_max"))
