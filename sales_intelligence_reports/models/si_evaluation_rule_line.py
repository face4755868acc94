# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

EVALUATION_FACTORS = [
    ("completion", "Target Completion"),
    ("conversion", "Lead Conversion"),
    ("activity", "Daily Plan Activity"),
    ("followup", "Follow-up Discipline"),
    ("anomaly", "Anomalies"),
    ("won_summary", "Won-deal Summaries"),
    ("cost", "Cost of Sale"),
    ("kb", "Required Reading"),
]


class SiEvaluationRuleLine(models.Model):
    """One factor of the evaluation score: its weight, the value that earns
    full marks, the sub-score under which it is a weak point, and the
    knowledge base training proposed for it."""

    _name = "si.evaluation.rule.line"
    _description = "Rep Evaluation Factor Rule"
    _order = "rule_id, sequence, id"

    rule_id = fields.Many2one(
        comodel_name="si.evaluation.rule",
        string="Rule",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    factor = fields.Selection(
        selection=EVALUATION_FACTORS,
        required=True,
        help="Target completion: actual / target of the rep's monthly targets "
        "in the period. Lead conversion: won / conversion base of the leads "
        "received in the period. Daily plan activity: work done / work "
        "planned in the daily plans of the period. Follow-up discipline: "
        "share of the rep's open leads neither overdue nor dormant. "
        "Anomalies: anomalies raised against the rep in the period. Won-deal "
        "summaries: share of the deals won in the period whose summary gives "
        "its key factors. Cost of sale: expenses / actual results. Required "
        "reading: required knowledge articles acknowledged / required.",
    )
    weight = fields.Float(
        digits=(16, 1),
        help="Share of the score, in points out of 100; all factors add up to "
        "100. Factors not measured for a rep are left out and the others "
        "count in full.",
    )
    target_value = fields.Float(
        digits=(16, 1),
        default=100.0,
        help="Rates (completion, conversion, activity, follow-up discipline, "
        "summaries, reading): the rate in % that earns full marks, the "
        "sub-score is value / target. Anomalies: the number of anomalies "
        "that brings the sub-score to 0. Cost of sale: the highest rate in % "
        "with full marks; the sub-score falls to 0 at twice it.",
    )
    threshold = fields.Float(
        string="Weak Below",
        digits=(16, 1),
        default=60.0,
        help="A sub-score under this threshold is a weak point of the rep: "
        "the development plan proposes the training below.",
    )
    kb_category_ids = fields.Many2many(
        comodel_name="si.kb.category",
        relation="si_evaluation_rule_line_kb_category_rel",
        column1="line_id",
        column2="category_id",
        string="Training Categories",
        help="Published knowledge articles of these categories are proposed "
        "as required reading to reps weak on this factor.",
    )
    kb_tag_ids = fields.Many2many(
        comodel_name="si.kb.tag",
        relation="si_evaluation_rule_line_kb_tag_rel",
        column1="line_id",
        column2="tag_id",
        string="Training Tags",
        help="Published knowledge articles with one of these tags are "
        "proposed as required reading to reps weak on this factor.",
    )
    company_id = fields.Many2one(
        related="rule_id.company_id",
        store=True,
    )

    @api.constrains("weight", "target_value", "threshold")
    def _check_values(self):
        for line in self:
            if line.weight < 0:
                raise ValidationError(self.env._(
                    "The weights of the evaluation factors cannot be negative."))
            if line.target_value <= 0:
                raise ValidationError(self.env._(
                    "The target value of an evaluation factor must be positive."))
            if not 0 <= line.threshold <= 100:
                raise ValidationError(self.env._(
                    "The weak threshold of an evaluation factor is a sub-score "
                    "between 0 and 100."))

    def _training_domain(self, company):
        """Published articles of this factor's categories or tags."""
        self.ensure_one()
        if not self.kb_category_ids and not self.kb_tag_ids:
            return None
        return [
            ("state", "=", "published"),
            ("company_id", "in", (False, company.id)),
            "|", ("category_id", "in", self.kb_category_ids.ids),
            ("tag_ids", "in", self.kb_tag_ids.ids),
        ]
