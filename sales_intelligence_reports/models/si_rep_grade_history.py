# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiRepGradeHistory(models.Model):
    """A grade decided in a grade review, with the evaluation behind it."""

    _name = "si.rep.grade.history"
    _description = "Rep Grade History"
    _order = "date desc, id desc"

    rep_id = fields.Many2one(
        comodel_name="si.rep",
        string="Rep",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    user_id = fields.Many2one(
        related="rep_id.user_id",
        store=True,
        index=True,
        string="Salesperson",
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        readonly=True,
    )
    team_leader_id = fields.Many2one(
        related="team_id.user_id",
        store=True,
        string="Team Leader",
    )
    company_id = fields.Many2one(
        related="rep_id.company_id",
        store=True,
    )
    date = fields.Datetime(
        required=True,
        readonly=True,
        default=fields.Datetime.now,
    )
    old_grade_id = fields.Many2one(
        comodel_name="si.rep.grade",
        string="Previous Grade",
        readonly=True,
    )
    new_grade_id = fields.Many2one(
        comodel_name="si.rep.grade",
        string="New Grade",
        readonly=True,
    )
    proposed_grade_id = fields.Many2one(
        comodel_name="si.rep.grade",
        string="Proposed Grade",
        readonly=True,
    )
    evaluation_id = fields.Many2one(
        comodel_name="si.rep.evaluation",
        string="Evaluation",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    score = fields.Float(
        digits=(16, 1),
        readonly=True,
    )
    reviewer_id = fields.Many2one(
        comodel_name="res.users",
        string="Reviewed By",
        readonly=True,
        default=lambda self: self.env.user,
    )
    note = fields.Text(
        readonly=True,
        help="Why the manager decided another grade than the one proposed.",
    )
