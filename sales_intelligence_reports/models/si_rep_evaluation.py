# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

SCORE_BAND_SELECTION = [
    ("excellent", "Excellent (85+)"),
    ("good", "Good (70-85)"),
    ("fair", "Fair (50-70)"),
    ("weak", "Weak (under 50)"),
]


class SiRepEvaluation(models.Model):
    """The evaluation of one rep over one period: the figures behind each
    factor, its sub-scores and the weighted score, the grade it proposes and
    the training of its weak points. Made and refreshed by the Evaluate
    wizard (models/si_rep_evaluation_compute.py); one per rep and period."""

    _name = "si.rep.evaluation"
    _description = "Rep Evaluation"
    _order = "date_to desc, score desc, id"

    name = fields.Char(
        compute="_compute_name",
    )
    rep_id = fields.Many2one(
        comodel_name="si.rep",
        string="Rep",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        related="rep_id.user_id",
        store=True,
        index=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        readonly=True,
        index=True,
        help="The rep's team when evaluated.",
    )
    team_leader_id = fields.Many2one(
        related="team_id.user_id",
        store=True,
        string="Team Leader",
    )
    grade_id = fields.Many2one(
        comodel_name="si.rep.grade",
        string="Grade",
        readonly=True,
        index=True,
        help="The rep's grade when evaluated.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
    )
    date_from = fields.Date(
        string="From",
        required=True,
        readonly=True,
        index=True,
    )
    date_to = fields.Date(
        string="To",
        required=True,
        readonly=True,
        index=True,
    )
    evaluation_date = fields.Datetime(
        string="Evaluated On",
        readonly=True,
    )
    score = fields.Float(
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="0-100: the sub-scores of the factors weighted by the company's "
        "evaluation rule. Each sub-score compares a figure of the period with "
        "its target value; factors without data for this rep (no target, no "
        "daily plan, no lead...) are left out and the other weights count in "
        "full.",
    )
    score_band = fields.Selection(
        selection=SCORE_BAND_SELECTION,
        readonly=True,
        index=True,
    )
    factor_ids = fields.One2many(
        comodel_name="si.rep.evaluation.factor",
        inverse_name="evaluation_id",
        string="Factors",
        readonly=True,
    )
    weak_factors = fields.Char(
        compute="_compute_weak_factors",
        string="Weak Points",
        help="Factors whose sub-score is under the rule's weak threshold.",
    )
    # grade review
    proposed_grade_id = fields.Many2one(
        comodel_name="si.rep.grade",
        string="Proposed Grade",
        readonly=True,
        help="The grade of the highest score band the rep reached (evaluation "
        "rule, grade bands).",
    )
    review_state = fields.Selection(
        selection=[("to_review", "To Review"), ("reviewed", "Reviewed")],
        default="to_review",
        required=True,
        readonly=True,
        index=True,
        string="Grade Review",
    )
    reviewed_grade_id = fields.Many2one(
        comodel_name="si.rep.grade",
        string="Grade Decided",
        readonly=True,
    )
    review_date = fields.Datetime(
        string="Reviewed On",
        readonly=True,
    )
    # development plan
    training_article_ids = fields.Many2many(
        comodel_name="si.kb.article",
        compute="_compute_training_article_ids",
        string="Training",
        help="Knowledge articles proposed for the weak points (evaluation "
        "rule, training categories and tags).",
    )
    training_assigned = fields.Boolean(
        readonly=True,
        help="The training was set as required reading for the rep.",
    )

    # figures of the period (models/si_rep_evaluation_compute.py)
    target_amount = fields.Monetary(
        string="Target",
        readonly=True,
    )
    actual_amount = fields.Monetary(
        string="Actual",
        readonly=True,
    )
    completion_rate = fields.Float(
        string="Completion (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
    )
    received_count = fields.Integer(
        string="# Leads Received",
        readonly=True,
    )
    conversion_base_count = fields.Integer(
        string="# Conversion Base",
        readonly=True,
        help="Leads received in the period that count in the conversion rate "
        "(as in the lead conversion report).",
    )
    won_count = fields.Integer(
        string="# Won",
        readonly=True,
        help="Leads received in the period and won.",
    )
    conversion_rate = fields.Float(
        string="Conversion (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
    )
    planned_count = fields.Integer(
        string="# Work Planned",
        readonly=True,
        help="Follow-ups, visits and negotiations of the daily plans of the "
        "period.",
    )
    done_count = fields.Integer(
        string="# Work Done",
        readonly=True,
        help="Work done, each kind counted up to its daily quota.",
    )
    activity_rate = fields.Float(
        string="Activity (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
    )
    open_lead_count = fields.Integer(
        string="# Open Leads",
        readonly=True,
        help="The rep's open leads when evaluated.",
    )
    overdue_followup_count = fields.Integer(
        string="# Overdue Follow-ups",
        readonly=True,
        help="Open leads whose next planned follow-up date had passed when "
        "evaluated.",
    )
    dormant_count = fields.Integer(
        string="# Dormant",
        readonly=True,
    )
    followup_health_rate = fields.Float(
        string="Followed Up (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Open leads neither overdue nor dormant / open leads.",
    )
    dormant_rate = fields.Float(
        string="Dormant (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
    )
    anomaly_count = fields.Integer(
        string="# Anomalies",
        readonly=True,
        help="Anomalies raised against the rep in the period.",
    )
    won_deal_count = fields.Integer(
        string="# Deals Won",
        readonly=True,
        help="Opportunities won in the period.",
    )
    summarized_count = fields.Integer(
        string="# Summaries with Factors",
        readonly=True,
    )
    factor_mention_count = fields.Integer(
        string="# Key Factors Given",
        readonly=True,
    )
    top_factors = fields.Char(
        string="Top Winning Factors",
        readonly=True,
    )
    summary_rate = fields.Float(
        string="Summarized (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
    )
    expense_amount = fields.Monetary(
        string="Expenses",
        readonly=True,
    )
    cost_of_sale = fields.Float(
        string="Cost of Sale (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Expenses / actual results of the rep's targets in the period.",
    )
    kb_required_count = fields.Integer(
        string="# Required Articles",
        readonly=True,
    )
    kb_read_count = fields.Integer(
        string="# Acknowledged",
        readonly=True,
    )
    kb_read_rate = fields.Float(
        string="Reading (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
    )

    _sql_constraints = [
        ("rep_period_uniq", "unique(rep_id, date_from, date_to)",
         "A rep has one evaluation per period."),
    ]

    @api.depends("rep_id", "date_from", "date_to")
    def _compute_name(self):
        for evaluation in self:
            evaluation.name = "%s %s - %s" % (
                evaluation.rep_id.name or "",
                fields.Date.to_string(evaluation.date_from) or "",
                fields.Date.to_string(evaluation.date_to) or "")

    @api.depends("factor_ids.is_weak")
    def _compute_weak_factors(self):
        # in the reader's language
        labels = dict(self.env["si.rep.evaluation.factor"]._fields[
            "factor"]._description_selection(self.env))
        for evaluation in self:
            evaluation.weak_factors = ", ".join(
                labels[factor.factor]
                for factor in evaluation.factor_ids.filtered("is_weak"))

    @api.depends("factor_ids.article_ids")
    def _compute_training_article_ids(self):
        for evaluation in self:
            evaluation.training_article_ids = evaluation.factor_ids.article_ids

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for evaluation in self:
            self._ensure_period(evaluation.date_from, evaluation.date_to)

    @api.model
    def _ensure_period(self, date_from, date_to):
        if not date_from or not date_to or date_to < date_from:
            raise ValidationError(self.env._(
                "The end of the evaluation period must come after its start."))
