# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiRep(models.Model):
    """A rep's evaluations and grade history on their profile."""

    _inherit = "si.rep"

    evaluation_ids = fields.One2many(
        comodel_name="si.rep.evaluation",
        inverse_name="rep_id",
        string="Evaluations",
    )
    grade_history_ids = fields.One2many(
        comodel_name="si.rep.grade.history",
        inverse_name="rep_id",
        string="Grade History",
    )
    evaluation_count = fields.Integer(
        compute="_compute_evaluation_count",
        string="# Evaluations",
    )
    last_score = fields.Float(
        compute="_compute_evaluation_count",
        digits=(16, 1),
        help="Score of the rep's latest evaluation.",
    )

    def _compute_evaluation_count(self):
        # the evaluations the current user may read (record rules)
        Evaluation = self.env["si.rep.evaluation"]
        counts = dict(Evaluation._read_group(
            [("rep_id", "in", self.ids)], ["rep_id"], ["__count"]))
        latest = {}
        for evaluation in Evaluation.search([("rep_id", "in", self.ids)],
                                            order="date_to desc, id desc"):
            latest.setdefault(evaluation.rep_id.id, evaluation.score)
        for rep in self:
            rep.evaluation_count = counts.get(rep, 0)
            rep.last_score = latest.get(rep.id, 0.0)

    def action_view_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence_reports.si_rep_evaluation_action")
        action["domain"] = [("rep_id", "=", self.id)]
        action["context"] = {"default_rep_id": self.id}
        return action
