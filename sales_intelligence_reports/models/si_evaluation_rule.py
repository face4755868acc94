# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from ..tools.evaluation_score import DEFAULT_RULE


class SiEvaluationRule(models.Model):
    """How reps are evaluated in a company: the weight, target value and
    weak threshold of each factor of the score, the training proposed for
    each weak factor, and the score bands that propose a grade."""

    _name = "si.evaluation.rule"
    _inherit = ["si.name.limit.mixin"]
    _description = "Rep Evaluation Rule"
    _order = "company_id, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    line_ids = fields.One2many(
        comodel_name="si.evaluation.rule.line",
        inverse_name="rule_id",
        string="Factors",
        copy=True,
    )
    band_ids = fields.One2many(
        comodel_name="si.evaluation.rule.band",
        inverse_name="rule_id",
        string="Grade Bands",
        copy=True,
        help="The grade proposed by the grade review: the grade of the "
        "highest band whose lowest score the rep reached.",
    )
    weight_total = fields.Float(
        compute="_compute_weight_total",
        string="Total Weight",
        digits=(16, 1),
    )

    _sql_constraints = [
        ("company_uniq", "unique(company_id)",
         "A company has one rep evaluation rule."),
    ]

    @api.depends("line_ids.weight")
    def _compute_weight_total(self):
        for rule in self:
            rule.weight_total = sum(rule.line_ids.mapped("weight"))

    @api.constrains("line_ids")
    def _check_weights(self):
        for rule in self:
            rule._ensure_valid()

    def _ensure_valid(self):
        """The weights are positive and add up to 100; one line per factor.
        Checked on save and again before each evaluation."""
        for rule in self:
            if any(line.weight < 0 for line in rule.line_ids):
                raise ValidationError(self.env._(
                    "The weights of the evaluation factors cannot be negative."))
            if float_compare(sum(rule.line_ids.mapped("weight")), 100.0,
                             precision_digits=2):
                raise ValidationError(self.env._(
                    "The weights of the evaluation factors must add up to 100 "
                    "(now %(total)s).",
                    total=round(sum(rule.line_ids.mapped("weight")), 2)))
            factors = rule.line_ids.mapped("factor")
            if len(factors) != len(set(factors)):
                raise ValidationError(self.env._(
                    "Each evaluation factor can appear only once in a rule."))

    @api.model
    def _default_line_values(self):
        return [Command.create({
            "factor": factor,
            "sequence": index,
            "weight": weight,
            "target_value": target,
            "threshold": threshold,
        }) for index, (factor, weight, target, threshold) in enumerate(DEFAULT_RULE)]

    @api.model
    def _for_company(self, company):
        """The rule of `company`, made with the default weights the first
        time a manager evaluates its reps."""
        rule = self.search([("company_id", "=", company.id)], limit=1)
        if not rule:
            rule = self.create({
                "name": self.env._("Rep evaluation"),
                "company_id": company.id,
                "line_ids": self._default_line_values(),
            })
        return rule

    def _line_of(self, factor):
        return self.line_ids.filtered(lambda line: line.factor == factor)[:1]
