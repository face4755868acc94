# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .test_rep_evaluation import EvaluationCase


class TestGradeReview(EvaluationCase):

    def review(self, evaluations, user=None):
        return self.env["si.grade.review.wizard"].with_user(
            user or self.manager).with_context(
            active_model="si.rep.evaluation",
            active_ids=evaluations.ids).create({})

    def test_grade_proposed_by_bands(self):
        evaluations = self.evaluate()
        # rep 61.6 (63.5 with expenses): silver; rep2 (150 % completion, no
        # anomaly, all read): 100, gold; rep3 nothing measured: keeps silver
        self.assertEqual(self.of(evaluations, self.profile).proposed_grade_id, self.g2)
        self.assertEqual(self.of(evaluations, self.profile2).score, 100.0)
        self.assertEqual(self.of(evaluations, self.profile2).proposed_grade_id, self.g1)
        self.assertEqual(self.of(evaluations, self.profile3).proposed_grade_id, self.g2)
        wizard = self.review(evaluations)
        self.assertEqual(len(wizard.line_ids), 3)
        line = wizard.line_ids.filtered(lambda ln: ln.rep_id == self.profile)
        self.assertEqual(line.new_grade_id, self.g2)
        self.assertEqual(line.current_grade_id, self.g3)

    def test_manager_adjusts_and_confirms(self):
        evaluations = self.evaluate(reps=self.profile | self.profile2)
        wizard = self.review(evaluations)
        line2 = wizard.line_ids.filtered(lambda ln: ln.rep_id == self.profile2)
        line2.write({"new_grade_id": self.g2.id, "note": "One good month only"})
        wizard.action_confirm()
        self.assertEqual(self.profile.grade_id, self.g2)
        self.assertEqual(self.profile2.grade_id, self.g2)
        history = self.env["si.rep.grade.history"].search(
            [("rep_id", "in", (self.profile | self.profile2).ids)])
        self.assertEqual(len(history), 2)
        adjusted = history.filtered(lambda h: h.rep_id == self.profile2)
        self.assertEqual((adjusted.old_grade_id, adjusted.new_grade_id,
                          adjusted.proposed_grade_id, adjusted.score,
                          adjusted.reviewer_id, adjusted.note),
                         (self.g3, self.g2, self.g1, 100.0, self.manager,
                          "One good month only"))
        message = self.profile.message_ids.filtered(
            lambda m: "Grade review of" in m.body)
        self.assertEqual(len(message), 1)
        evaluation = self.of(evaluations, self.profile)
        self.assertIn(str(evaluation.score), message.body)
        self.assertIn("Target Completion", message.body)
        self.assertEqual(set(evaluations.mapped("review_state")), {"reviewed"})
        self.assertEqual(evaluation.reviewed_grade_id, self.g2)
        # the rep reads their own history, not the other rep's
        self.assertEqual(self.env["si.rep.grade.history"].with_user(self.rep).search(
            [("id", "in", history.ids)]).rep_id, self.profile)

    def test_weak_factor_becomes_required_reading(self):
        evaluations = self.evaluate(reps=self.profile | self.profile2)
        Article = self.env["si.kb.article"].with_user(self.rep)
        self.assertNotIn(self.training, Article.search(
            [("is_required_reading", "=", True)]))
        self.review(evaluations).action_confirm()
        self.assertIn(self.rep, self.training.required_user_ids)
        # rep2 had no weak point: no training for them
        self.assertNotIn(self.rep2, self.training.required_user_ids)
        self.assertNotIn(self.rep, self.training_draft.required_user_ids)
        required = Article.search([("is_required_reading", "=", True)])
        self.assertIn(self.training, required)
        self.assertTrue(self.of(evaluations, self.profile).training_assigned)
        # evaluated again, the new required article counts in the reading;
        # the article of the former grade no longer does (by user, by team
        # and the training are required, the first one read)
        self.assertEqual(self.profile.grade_id, self.g2)
        again = self.of(self.evaluate(reps=self.profile), self.profile)
        self.assertEqual((again.kb_required_count, again.kb_read_count), (3, 1))

    def test_rep_cannot_review(self):
        evaluations = self.evaluate()
        for user in (self.rep, self.leader):
            with self.assertRaises(AccessError):
                self.review(evaluations, user=user)
        wizard = self.review(evaluations)
        with self.assertRaises(AccessError):
            wizard.with_user(self.rep).action_confirm()
        self.assertEqual(self.profile.grade_id, self.g3)

    def test_menu_review_takes_latest_evaluation_of_each_rep(self):
        older = self.env["si.rep.evaluation"].with_user(self.manager)._evaluate(
            self.profile, self.date_from, self.date_from, refresh_actuals=False)
        latest = self.of(self.evaluate(), self.profile)
        wizard = self.env["si.grade.review.wizard"].with_user(self.manager).create({})
        mine = wizard.line_ids.filtered(lambda line: line.rep_id == self.profile)
        self.assertEqual(mine.evaluation_id, latest)
        self.assertNotIn(older, wizard.line_ids.evaluation_id)
        self.assertEqual(len(wizard.line_ids.rep_id), len(wizard.line_ids))
