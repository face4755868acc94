# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.sales_intelligence.models.si_target_rep_line import TRENDS

LEVELS = [
    ("team", "Team and Industry Targets"),
    ("rep", "Rep Targets"),
]


class SiPlanCompletionAnalysis(models.Model):
    """Plan completion by month: one row per target line of a plan (a team's
    target for a month and an industry: the company's and the teams'
    figures) and one per rep target line (the reps' figures), with the
    actual and last year's results the plan stores at each refresh
    (sales_intelligence/models/si_target_plan_actuals.py).

    The two levels are two views of the same target: a pivot sums one level
    at a time (``level``), as the two actions do; summing both would count
    the target twice. Rows follow the record rules of their target line or
    rep target line."""

    _name = "si.plan.completion.analysis"
    _inherit = ["si.report.ratio.mixin"]
    _description = "Plan Completion Analysis"
    _auto = False
    _order = "date_month desc, team_id, id"
    # a row is visible only to users who may read its line (models/ir_rule.py)
    _rules_source_fields = ("target_line_id", "rep_line_id")
    _report_ratios = {
        "completion_rate": ("actual_amount", "target_amount", 0.0),
        "growth_rate": ("actual_amount", "last_year_amount", -1.0),
        "target_growth_rate": ("target_amount", "last_year_amount", -1.0),
        "cost_of_sale_rate": ("expense_amount", "actual_amount", 0.0),
    }

    level = fields.Selection(
        selection=LEVELS,
        readonly=True,
    )
    target_line_id = fields.Many2one(
        comodel_name="si.target.line",
        string="Team Target",
        readonly=True,
        # the source's rules join it (models/ir_rule.py)
        auto_join=True,
    )
    rep_line_id = fields.Many2one(
        comodel_name="si.target.rep.line",
        string="Rep Target",
        readonly=True,
        # the source's rules join it (models/ir_rule.py)
        auto_join=True,
    )
    plan_id = fields.Many2one(
        comodel_name="si.target.plan",
        string="Plan",
        readonly=True,
    )
    plan_state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("closed", "Closed"),
        ],
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        string="Company",
        readonly=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        string="Currency",
        readonly=True,
    )
    date_month = fields.Date(
        string="Month",
        readonly=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        readonly=True,
    )
    industry_id = fields.Many2one(
        comodel_name="res.partner.industry",
        string="Industry",
        readonly=True,
        help="Industry of the team targets; empty on rep targets.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        readonly=True,
        help="The rep of rep targets; empty on team targets.",
    )
    trend = fields.Selection(
        selection=TRENDS,
        readonly=True,
        help="Rep targets: completion of the month against the month before.",
    )
    months_on_target = fields.Integer(
        readonly=True,
        aggregator="max",
        help="Rep targets: consecutive months up to this one with a "
        "completion of 100 % or more.",
    )
    target_amount = fields.Monetary(
        string="Target",
        readonly=True,
    )
    actual_amount = fields.Monetary(
        string="Actual",
        readonly=True,
        help="Actual results on the plan's basis, as of the plan's last "
        "refresh of its actuals.",
    )
    last_year_amount = fields.Monetary(
        string="Last Year",
        readonly=True,
        help="Actual results of the same month, team and industry (or rep) "
        "a year before.",
    )
    gap_amount = fields.Monetary(
        string="Still to Achieve",
        readonly=True,
        help="Target less actual, when the target is not reached yet.",
    )
    completion_rate = fields.Float(
        string="Completion",
        readonly=True,
        aggregator="avg",
        help="Actual divided by target, from the totals of each group.",
    )
    growth_rate = fields.Float(
        string="Growth",
        readonly=True,
        aggregator="avg",
        help="Actual against last year: actual divided by last year, less "
        "one, from the totals of each group.",
    )
    target_growth_rate = fields.Float(
        string="Target Growth",
        readonly=True,
        aggregator="avg",
        help="How much higher the target is than last year's results, from "
        "the totals of each group.",
    )
    # --- budget, spend and cost of sale (the lines' own fields) ---------
    budget_amount = fields.Monetary(
        string="Expense Budget",
        readonly=True,
    )
    expense_amount = fields.Monetary(
        string="Expenses",
        readonly=True,
        help="Approved and posted expenses of the reps (Odoo Expenses), as "
        "of the plan's last refresh.",
    )
    budget_left = fields.Monetary(
        readonly=True,
        help="Expense budget less expenses.",
    )
    cost_of_sale_rate = fields.Float(
        string="Cost of Sale",
        readonly=True,
        aggregator="avg",
        help="Expenses divided by actual results, from the totals of each group.",
    )

    def _select_team_lines(self):
        return SQL("""
            SELECT
                tl.id * 2 AS id,
                'team' AS level,
                tl.id AS target_line_id,
                NULL::integer AS rep_line_id,
                tl.plan_id,
                p.state AS plan_state,
                p.company_id,
                c.currency_id,
                tl.date_month,
                tl.team_id,
                tl.industry_id,
                NULL::integer AS user_id,
                NULL::varchar AS trend,
                NULL::integer AS months_on_target,
                COALESCE(tl.amount, 0) AS target_amount,
                COALESCE(tl.actual_amount, 0) AS actual_amount,
                COALESCE(tl.last_year_amount, 0) AS last_year_amount,
                COALESCE(tl.budget_amount, 0) AS budget_amount,
                COALESCE(tl.expense_amount, 0) AS expense_amount,
                COALESCE(tl.budget_amount, 0) - COALESCE(tl.expense_amount, 0)
                    AS budget_left,
                %(rates)s
              FROM si_target_line tl
              JOIN si_target_plan p ON p.id = tl.plan_id
              JOIN res_company c ON c.id = p.company_id
        """, rates=self._select_rates("tl"))

    def _select_rep_lines(self):
        return SQL("""
            SELECT
                rl.id * 2 + 1 AS id,
                'rep' AS level,
                NULL::integer AS target_line_id,
                rl.id AS rep_line_id,
                rl.plan_id,
                p.state AS plan_state,
                p.company_id,
                c.currency_id,
                rl.date_month,
                rl.team_id,
                NULL::integer AS industry_id,
                rl.user_id,
                rl.trend,
                rl.months_on_target,
                COALESCE(rl.amount, 0) AS target_amount,
                COALESCE(rl.actual_amount, 0) AS actual_amount,
                COALESCE(rl.last_year_amount, 0) AS last_year_amount,
                COALESCE(rl.budget_amount, 0) AS budget_amount,
                COALESCE(rl.expense_amount, 0) AS expense_amount,
                COALESCE(rl.budget_amount, 0) - COALESCE(rl.expense_amount, 0)
                    AS budget_left,
                %(rates)s
              FROM si_target_rep_line rl
              JOIN si_target_plan p ON p.id = rl.plan_id
              JOIN res_company c ON c.id = p.company_id
        """, rates=self._select_rates("rl"))

    def _select_rates(self, alias):
        """The row's own gap and rates (groups: _report_ratios)."""
        line = SQL.identifier(alias)
        return SQL("""
                GREATEST(COALESCE(%(l)s.amount, 0)
                         - COALESCE(%(l)s.actual_amount, 0), 0) AS gap_amount,
                %(l)s.actual_amount / NULLIF(%(l)s.amount, 0) AS completion_rate,
                %(l)s.actual_amount / NULLIF(%(l)s.last_year_amount, 0) - 1
                    AS growth_rate,
                %(l)s.amount / NULLIF(%(l)s.last_year_amount, 0) - 1
                    AS target_growth_rate,
                %(l)s.expense_amount / NULLIF(%(l)s.actual_amount, 0)
                    AS cost_of_sale_rate
        """, l=line)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            "CREATE OR REPLACE VIEW %s AS (%s UNION ALL %s)",
            SQL.identifier(self._table),
            self._select_team_lines(),
            self._select_rep_lines(),
        ))
