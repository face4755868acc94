# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SiEvaluationRuleBand(models.Model):
    """A score band of the grade review: reps scoring at least `min_score`
    are proposed this grade (the highest band reached wins)."""

    _name = "si.evaluation.rule.band"
    _description = "Grade Band of the Rep Evaluation"
    _order = "rule_id, min_score desc, id"

    rule_id = fields.Many2one(
        comodel_name="si.evaluation.rule",
        string="Rule",
        required=True,
        ondelete="cascade",
        index=True,
    )
    min_score = fields.Float(
        string="From Score",
        digits=(16, 1),
        help="Lowest score (0-100) of the band.",
    )
    grade_id = fields.Many2one(
        comodel_name="si.rep.grade",
        string="Proposed Grade",
        required=True,
        ondelete="cascade",
    )

    _sql_constraints = [
        ("rule_grade_uniq", "unique(rule_id, grade_id)",
         "A grade has one band per rule."),
    ]

    @api.constrains("min_score")
    def _check_min_score(self):
        for band in self:
            if not 0 <= band.min_score <= 100:
                raise ValidationError(self.env._(
                    "The lowest score of a grade band is between 0 and 100."))
