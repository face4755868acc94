# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class SiGradeReviewWizard(models.TransientModel):
    """The grade review of evaluated reps: the grade proposed by each score,
    accepted or changed by the manager, written to the rep profiles with a
    trace (chatter message and grade history)."""

    _name = "si.grade.review.wizard"
    _description = "Grade Review"

    line_ids = fields.One2many(
        comodel_name="si.grade.review.wizard.line",
        inverse_name="wizard_id",
        string="Reps",
    )
    assign_training = fields.Boolean(
        string="Assign the Development Plans",
        default=True,
        help="Also set the training proposed for each rep's weak points as "
        "their required reading in the knowledge base.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        self.env["si.rep.evaluation"]._ensure_manager()
        if "line_ids" in fields_list:
            ids = (self.env.context.get("active_ids")
                   if self.env.context.get("active_model") == "si.rep.evaluation"
                   else None)
            domain = ([("id", "in", ids)] if ids
                      else [("review_state", "=", "to_review")])
            # the latest evaluation of each rep
            latest = {}
            for evaluation in self.env["si.rep.evaluation"].search(
                    domain, order="date_to desc, id desc"):
                latest.setdefault(evaluation.rep_id.id, evaluation)
            evaluations = list(latest.values())
            values["line_ids"] = [Command.create({
                "evaluation_id": evaluation.id,
                "new_grade_id": (evaluation.proposed_grade_id.id
                                 or evaluation.rep_id.grade_id.id),
            }) for evaluation in evaluations]
        return values

    def action_confirm(self):
        """Write the grades decided to the rep profiles and log them."""
        self.ensure_one()
        Evaluation = self.env["si.rep.evaluation"]
        Evaluation._ensure_manager()
        if not self.line_ids:
            raise UserError(self.env._("There is no evaluated rep to review."))
        reps = self.line_ids.evaluation_id.rep_id
        if len(reps) != len(self.line_ids):
            raise UserError(self.env._(
                "Review each rep once: keep one evaluation per rep."))
        now = fields.Datetime.now()
        history = []
        for line in self.line_ids:
            evaluation = line.evaluation_id
            rep = evaluation.rep_id
            old = rep.grade_id
            if line.new_grade_id != old:
                rep.write({"grade_id": line.new_grade_id.id})
            history.append(line._prepare_history(old, now))
            rep.message_post(body=line._review_message(old))
            evaluation.write({
                "review_state": "reviewed",
                "reviewed_grade_id": line.new_grade_id.id,
                "review_date": now,
            })
        self.env["si.rep.grade.history"].create(history)
        if self.assign_training:
            self.line_ids.evaluation_id.action_assign_training()
        return {"type": "ir.actions.act_window_close"}


class SiGradeReviewWizardLine(models.TransientModel):
    _name = "si.grade.review.wizard.line"
    _description = "Grade Review Line"

    wizard_id = fields.Many2one(
        comodel_name="si.grade.review.wizard",
        required=True,
        ondelete="cascade",
    )
    evaluation_id = fields.Many2one(
        comodel_name="si.rep.evaluation",
        string="Evaluation",
        required=True,
        ondelete="cascade",
    )
    rep_id = fields.Many2one(
        related="evaluation_id.rep_id",
    )
    score = fields.Float(
        related="evaluation_id.score",
    )
    weak_factors = fields.Char(
        related="evaluation_id.weak_factors",
    )
    current_grade_id = fields.Many2one(
        related="evaluation_id.rep_id.grade_id",
        string="Current Grade",
    )
    proposed_grade_id = fields.Many2one(
        related="evaluation_id.proposed_grade_id",
    )
    new_grade_id = fields.Many2one(
        comodel_name="si.rep.grade",
        string="New Grade",
        required=True,
        help="The proposed grade, or the one the manager decides.",
    )
    note = fields.Char(
        help="Why another grade than the proposed one.",
    )

    def _prepare_history(self, old_grade, date):
        evaluation = self.evaluation_id
        return {
            "rep_id": evaluation.rep_id.id,
            "team_id": evaluation.team_id.id,
            "date": date,
            "old_grade_id": old_grade.id,
            "new_grade_id": self.new_grade_id.id,
            "proposed_grade_id": evaluation.proposed_grade_id.id,
            "evaluation_id": evaluation.id,
            "score": evaluation.score,
            "note": self.note,
        }

    def _review_message(self, old_grade):
        """The decision and the figures behind it, for the rep's chatter."""
        evaluation = self.evaluation_id
        _ = self.env._
        head = _("Grade review of %(period)s: %(old)s → %(new)s (proposed: "
                 "%(proposed)s), score %(score)s.",
                 period=evaluation._period_label(),
                 old=old_grade.display_name or _("none"),
                 new=self.new_grade_id.display_name,
                 proposed=evaluation.proposed_grade_id.display_name or _("none"),
                 score=evaluation.score)
        labels = dict(evaluation.factor_ids._fields["factor"]._description_selection(
            self.env))
        rows = Markup("").join(
            Markup("<li>%s: %s; %s</li>") % (
                labels[factor.factor], factor.detail,
                _("sub-score %(score)s, weight %(weight)s",
                  score=factor.sub_score, weight=factor.weight))
            for factor in evaluation.factor_ids)
        body = Markup("<p>%s</p><ul>%s</ul>") % (head, rows)
        if self.note:
            body += Markup("<p>%s</p>") % self.note
        return body
