# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SiRepGrade(models.Model):
    """A step of the rep grade scale (e.g. S, A, B, C). The weight tells how
    much a rep of this grade counts when targets are split, and the order how
    valuable the leads matched to the grade are."""

    _name = "si.rep.grade"
    _inherit = ["si.name.limit.mixin"]
    _description = "Rep Grade"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    code = fields.Char(
        required=True,
        help="Short label shown as the grade badge, e.g. S, A, B, C.",
    )
    sequence = fields.Integer(
        default=10,
        help="Best grade first: the order decides which reps get the most "
        "valuable leads.",
    )
    weight = fields.Float(
        default=1.0,
        digits=(16, 2),
        help="Relative weight of a rep of this grade when a team target is "
        "split between its reps (e.g. S 1.5, A 1.2, B 1.0, C 0.8).",
    )
    color = fields.Integer(
        string="Color Index",
    )
    active = fields.Boolean(
        default=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
    )
    rep_count = fields.Integer(
        compute="_compute_rep_count",
        string="# Reps",
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)",
         "The code of a grade must be unique per company."),
    ]

    def _compute_rep_count(self):
        counts = dict(self.env["si.rep"]._read_group(
            [("grade_id", "in", self.ids)], ["grade_id"], ["__count"]))
        for grade in self:
            grade.rep_count = counts.get(grade, 0)

    @api.constrains("weight")
    def _check_weight(self):
        for grade in self:
            if grade.weight <= 0:
                raise ValidationError(
                    _("The weight of the grade \"%s\" must be positive.",
                      grade.name))

    @api.model
    def _grade_levels(self):
        """{grade id: level}, 1.0 for the best grade down to 0.0 for the
        lowest, from the grade order."""
        grades = self.search([])
        if len(grades) < 2:
            return {grade.id: 1.0 for grade in grades}
        last = len(grades) - 1
        return {grade.id: (last - index) / last for index, grade in enumerate(grades)}
