# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare

from ..tools.allocation import allocate, allocate_grid
from ..tools.column_arrays import unnest_rows
from ..tools.target_completion import sum_actuals

SPLIT_METHODS = [
    ("last_year", "By Last Year's Share"),
    ("seasonality", "By Seasonality Profile"),
    ("equal", "Equally"),
    ("manual", "Manually"),
]
MONTHS = [
    ("1", "January"),
    ("2", "February"),
    ("3", "March"),
    ("4", "April"),
    ("5", "May"),
    ("6", "June"),
    ("7", "July"),
    ("8", "August"),
    ("9", "September"),
    ("10", "October"),
    ("11", "November"),
    ("12", "December"),
]
DIMENSIONS = [
    ("month", "Month"),
    ("industry", "Industry"),
    ("team", "Sales Team"),
]

# The values of a team target row of the bulk insert
TARGET_COLUMNS = [("date_month", "date"), ("team_id", "int"), ("industry_id", "int"),
                  ("amount", "numeric"), ("actual", "numeric"), ("last", "numeric"),
                  ("completion", "float8"), ("growth", "float8")]


class SiTargetDecomposeWizard(models.TransientModel):
    """First decomposition of a plan: its target split by month, then each
    month by industry, then each by team, with a method per dimension."""

    _name = "si.target.decompose.wizard"
    _description = "Decompose a Sales Target"

    plan_id = fields.Many2one(
        comodel_name="si.target.plan",
        string="Plan",
        required=True,
        ondelete="cascade",
    )
    currency_id = fields.Many2one(
        related="plan_id.currency_id",
        readonly=True,
    )
    amount_total = fields.Monetary(
        related="plan_id.amount_total",
        readonly=True,
    )
    month_method = fields.Selection(
        selection=SPLIT_METHODS,
        string="Months",
        required=True,
        default="last_year",
    )
    seasonality_id = fields.Many2one(
        comodel_name="si.target.seasonality",
        string="Seasonality Profile",
    )
    industry_method = fields.Selection(
        selection=[m for m in SPLIT_METHODS if m[0] != "seasonality"]
        + [("none", "No Split by Industry")],
        string="Industries",
        required=True,
        default="last_year",
    )
    team_method = fields.Selection(
        selection=[m for m in SPLIT_METHODS if m[0] != "seasonality"],
        string="Sales Teams",
        required=True,
        default="last_year",
    )
    industry_ids = fields.Many2many(
        comodel_name="res.partner.industry",
        string="Industries to Plan",
        help="Leave empty to plan the industries sold to last year (and "
        "customers without industry).",
    )
    team_ids = fields.Many2many(
        comodel_name="crm.team",
        string="Teams to Plan",
        help="Leave empty to plan every sales team of the company that has "
        "members or a leader.",
    )
    share_ids = fields.One2many(
        comodel_name="si.target.decompose.share",
        inverse_name="wizard_id",
        string="Shares",
    )
    month_share_ids = fields.One2many(
        comodel_name="si.target.decompose.share",
        inverse_name="wizard_id",
        domain=[("dimension", "=", "month")],
        string="Month Shares",
    )
    industry_share_ids = fields.One2many(
        comodel_name="si.target.decompose.share",
        inverse_name="wizard_id",
        domain=[("dimension", "=", "industry")],
        string="Industry Shares",
    )
    team_share_ids = fields.One2many(
        comodel_name="si.target.decompose.share",
        inverse_name="wizard_id",
        domain=[("dimension", "=", "team")],
        string="Team Shares",
    )

    def action_compute_shares(self):
        """(Re)compute the share of each month, industry and team from the
        chosen methods; manual dimensions start from last year's shares."""
        self.ensure_one()
        plan = self.plan_id
        if self.month_method == "seasonality" and not self.seasonality_id:
            raise UserError(_("Choose the seasonality profile to split the "
                              "months with."))
        reference = self._last_year_by_dimension()
        # by default the teams that have someone to carry a target
        teams = self.team_ids or self.env["crm.team"].search(
            [("company_id", "in", [plan.company_id.id, False])]).filtered(
                lambda t: t.member_ids or t.user_id)
        if self.industry_method == "none":
            industries = [False]
        elif self.industry_ids:
            industries = self.industry_ids.ids
        else:
            industries = sorted(reference["industry"], key=lambda i: (i is False, i))
            industries = [i or False for i in industries] or [False]
        if not teams:
            raise UserError(_("There is no sales team to split the target to."))
        keys = {
            "month": list(range(1, 13)),
            "industry": industries,
            "team": teams.ids,
        }
        commands = [(5, 0, 0)]
        for dimension, _label in DIMENSIONS:
            method = self[dimension + "_method"]
            weights = self._weights(dimension, method, keys[dimension],
                                    reference[dimension])
            # percentages with two decimals that add up to exactly 100
            percents = dict(zip(keys[dimension], allocate(
                100.0, [weights[k] for k in keys[dimension]], 0.01)))
            for key in keys[dimension]:
                commands.append((0, 0, {
                    "dimension": dimension,
                    "month": str(key) if dimension == "month" else False,
                    "industry_id": key if dimension == "industry" else False,
                    "team_id": key if dimension == "team" else False,
                    "last_year_amount": reference[dimension].get(key or False, 0.0),
                    "weight": weights[key],
                    "percent": percents[key],
                }))
        self.share_ids = commands
        return self._reopen()

    def action_apply(self):
        """Replace the plan's lines (and rep lines) by the split of its
        target; refuse shares that do not add up to 100 %."""
        self.ensure_one()
        plan = self.plan_id
        plan._ensure_draft()
        if not self.share_ids:
            self.action_compute_shares()
        dimensions = []
        labels = dict(self.share_ids._fields["dimension"]._description_selection(
            self.env))
        for dimension, _label in DIMENSIONS:
            label = labels[dimension]
            shares = self.share_ids.filtered(lambda s: s.dimension == dimension)
            if self[dimension + "_method"] != "manual":
                # computed shares: their exact weights, not the rounded percents
                dimensions.append({s._key(): s.weight for s in shares})
                continue
            total = sum(shares.mapped("percent"))
            if any(s.percent < 0 for s in shares):
                raise UserError(_("The %s shares cannot be negative.", label))
            if float_compare(total, 100.0, precision_digits=2):
                raise UserError(
                    _("The %(dimension)s shares add up to %(total).2f %%, not "
                      "100 %%: correct them before applying.",
                      dimension=label, total=total))
            dimensions.append({s._key(): s.percent for s in shares})
        grid = allocate_grid(plan.amount_total, dimensions, plan._rounding())
        actuals = plan._year_rows(years_back=1, years=2)
        self._replace_lines(plan, grid, actuals)
        plan.message_post(body=_(
            "Target decomposed: months %(month)s, industries %(industry)s, "
            "teams %(team)s; %(count)d lines.",
            month=self._method_label("month_method"),
            industry=self._method_label("industry_method"),
            team=self._method_label("team_method"),
            count=len(grid)), subtype_xmlid="mail.mt_note")
        plan._refresh_actuals(actuals)
        return plan.action_view_lines()

    # --- helpers ------------------------------------------------------------
    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Decompose the Target"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _method_label(self, field):
        return dict(self._fields[field]._description_selection(self.env))[self[field]]

    def _last_year_by_dimension(self):
        plan = self.plan_id
        reference = {"month": defaultdict(float), "industry": defaultdict(float),
                     "team": defaultdict(float)}
        for month, team_id, industry_id, _user_id, amount in plan._year_rows(
                years_back=1):
            reference["month"][int(month[5:7])] += amount
            reference["industry"][industry_id or False] += amount
            reference["team"][team_id or False] += amount
        return reference

    def _weights(self, dimension, method, keys, reference):
        if method in ("equal", "none") or (method == "manual" and not any(
                reference.get(k, 0) > 0 for k in keys)):
            weights = {k: 1.0 for k in keys}
        elif method == "seasonality":
            weights = self.seasonality_id.weights()
        else:
            weights = {k: max(reference.get(k, 0.0), 0.0) for k in keys}
            if not any(weights.values()):
                raise UserError(
                    _("There are no actual results last year to split the "
                      "%s by: choose another method.", dict(
                          self.share_ids._fields["dimension"]._description_selection(
                              self.env))[dimension]))
        return {k: weights[k] for k in keys}

    def _replace_lines(self, plan, grid, actuals):
        """The plan's lines replaced by `grid` in one bulk insert (thousands
        of lines: one create per line would take minutes), with their actual
        results of `actuals` (the rows of si.target.plan._year_rows of this
        year and the year before)."""
        # the wizard's user may change the plan (checked, as the ORM would)
        plan.check_access("write")
        self.env["si.target.line"].browse().check_access("create")
        cr = self.env.cr
        cr.execute(SQL("DELETE FROM si_target_rep_line WHERE plan_id = %s", plan.id))
        cr.execute(SQL("DELETE FROM si_target_line WHERE plan_id = %s", plan.id))
        months = {month: "%04d-%02d-01" % (plan.year, month) for month in range(1, 13)}
        lines = [(None, (months[month], team_id or None, industry_id or None), amount)
                 for (month, industry_id, team_id), amount in grid.items()]
        rows = [key + (amount,) + values[1:] for (__, key, amount), values in zip(
            lines, plan._line_actuals(sum_actuals(actuals, plan.year), lines))]
        cr.execute(SQL("""
            INSERT INTO si_target_line
                   (plan_id, company_id, date_month, team_id, industry_id, amount,
                    actual_amount, last_year_amount, completion_rate, growth_rate,
                    budget_amount, expense_amount, budget_left, cost_of_sale,
                    is_over_budget, create_uid, create_date, write_uid, write_date)
            SELECT %(plan)s, %(company)s, v.date_month, v.team_id, v.industry_id,
                   v.amount, v.actual, v.last, v.completion, v.growth, 0, 0, 0, 0,
                   false, %(uid)s,
                   now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM %(targets)s
        """, plan=plan.id, company=plan.company_id.id, uid=self.env.uid,
                       targets=unnest_rows(rows, TARGET_COLUMNS)))
        self.env["si.target.line"].invalidate_model()
        self.env["si.target.rep.line"].invalidate_model()
        plan.invalidate_recordset(["line_ids", "rep_line_ids"])


class SiTargetDecomposeShare(models.TransientModel):
    _name = "si.target.decompose.share"
    _description = "Share of a Month, Industry or Team in a Target"
    _order = "dimension, month, id"

    wizard_id = fields.Many2one(
        comodel_name="si.target.decompose.wizard",
        required=True,
        ondelete="cascade",
        index=True,
    )
    dimension = fields.Selection(
        selection=DIMENSIONS,
        required=True,
    )
    month = fields.Selection(
        selection=MONTHS,
    )
    industry_id = fields.Many2one(
        comodel_name="res.partner.industry",
        string="Industry",
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
    )
    last_year_amount = fields.Float(
        string="Last Year",
        readonly=True,
    )
    weight = fields.Float(
        readonly=True,
        help="Exact weight of the computed methods; manual shares use the "
        "percentage.",
    )
    percent = fields.Float(
        string="Share (%)",
        digits=(16, 2),
        help="Editable when the dimension is split manually.",
    )

    def _key(self):
        if self.dimension == "month":
            return int(self.month)
        return (self.industry_id if self.dimension == "industry" else self.team_id).id
