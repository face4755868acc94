# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from odoo.addons.sales_intelligence.tests.common import SalesIntelligenceCase


class EvaluationCase(SalesIntelligenceCase):
    """A team (leader, rep, rep2) and a rep of another team, this month's
    targets, leads, daily plan, anomalies, won-deal summary and required
    reading of the rep, and an evaluation rule with known weights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        cls.company.si_conversion_excludes_rejected = True
        cls.today = fields.Date.context_today(env["res.users"])
        # a period around today: leads received now (UTC) are inside it in
        # any time zone
        cls.date_from = cls.today - timedelta(days=10)
        cls.date_to = cls.today + timedelta(days=10)
        salesman = ["sales_team.group_sale_salesman"]
        cls.leader = cls._create_user("si_eval_leader", salesman)
        cls.rep2 = cls._create_user("si_eval_rep2", salesman)
        cls.rep3 = cls._create_user("si_eval_rep3", salesman)
        cls.team = env["crm.team"].create({"name": "SI Eval Team",
                                           "user_id": cls.leader.id})
        cls.other_team = env["crm.team"].create({"name": "SI Eval Other"})
        env["crm.team.member"].create(
            [{"crm_team_id": cls.team.id, "user_id": user.id}
             for user in cls.rep | cls.rep2]
            + [{"crm_team_id": cls.other_team.id, "user_id": cls.rep3.id}])
        Grade = env["si.rep.grade"]
        cls.g1, cls.g2, cls.g3 = Grade.create([
            {"name": "SI Eval Gold", "code": "SIG1", "sequence": 101},
            {"name": "SI Eval Silver", "code": "SIG2", "sequence": 102},
            {"name": "SI Eval Bronze", "code": "SIG3", "sequence": 103}])
        Rep = env["si.rep"]
        cls.profile = Rep.create({"user_id": cls.rep.id, "grade_id": cls.g3.id})
        cls.profile2 = Rep.create({"user_id": cls.rep2.id, "grade_id": cls.g3.id})
        cls.profile3 = Rep.create({"user_id": cls.rep3.id, "grade_id": cls.g2.id})
        # knowledge base: a training category for target completion
        cls.category = env["si.kb.category"].create({"name": "SI Eval Closing"})
        Article = env["si.kb.article"]
        cls.training = Article.create({
            "name": "SI Eval: closing techniques", "kind": "training",
            "category_id": cls.category.id, "state": "published"})
        cls.training_draft = Article.create({
            "name": "SI Eval: draft", "kind": "training",
            "category_id": cls.category.id})
        # the rule: known weights, targets, thresholds and bands
        cls.rule = env["si.evaluation.rule"]._for_company(cls.company)
        lines = [("completion", 30, 100, [cls.category.id]),
                 ("conversion", 20, 25, []), ("activity", 15, 100, []),
                 ("followup", 10, 100, []), ("anomaly", 5, 5, []),
                 ("won_summary", 5, 100, []), ("cost", 5, 10, []),
                 ("kb", 10, 100, [])]
        cls.rule.write({
            "line_ids": [Command.clear()] + [Command.create({
                "factor": factor, "sequence": index, "weight": weight,
                "target_value": target, "threshold": 60.0,
                "kb_category_ids": [Command.set(categories)]})
                for index, (factor, weight, target, categories) in enumerate(lines)],
            "band_ids": [Command.clear()] + [Command.create(
                {"min_score": score, "grade_id": grade.id})
                for score, grade in ((80.0, cls.g1), (60.0, cls.g2), (0.0, cls.g3))],
        })
        cls._targets()
        cls._leads()
        cls._activity_and_anomalies()
        cls._reading()

    @classmethod
    def _targets(cls):
        """Rep: target 1000, actual 400 (40 %); rep2: 1000 and 1500."""
        Plan = cls.env["si.target.plan"]
        plan = Plan.search([("company_id", "=", cls.company.id),
                            ("year", "=", cls.today.year)], limit=1)
        if not plan:
            plan = Plan.create({"name": "SI Eval", "year": cls.today.year,
                                "amount_total": 2000.0})
            plan.write({"state": "confirmed"})
        auto = cls.env["si.target.rep.line"].with_context(si_target_auto=True)
        for user, actual in ((cls.rep, 400.0), (cls.rep2, 1500.0)):
            line = auto.create({"plan_id": plan.id,
                                "date_month": cls.date_from.replace(day=1),
                                "team_id": cls.team.id, "user_id": user.id,
                                "amount": 1000.0})
            line.write({"actual_amount": actual})
        # a month before the period does not count
        auto.create({"plan_id": plan.id, "team_id": cls.team.id,
                     "date_month": cls.date_from.replace(day=1)
                     - relativedelta(months=1),
                     "user_id": cls.rep.id, "amount": 5000.0})

    @classmethod
    def _leads(cls):
        """Rep: 6 received, one rejected (out of the base), one won with a
        completed summary of two factors, one lost, three open (one overdue,
        one dormant)."""
        create = cls._create_lead
        cls.won_lead = create("SI Eval won", team_id=cls.team.id,
                              expected_revenue=400.0)
        cls.won_lead.action_set_won()
        lost = create("SI Eval lost", team_id=cls.team.id)
        lost.action_set_lost()
        rejected = create("SI Eval rejected", team_id=cls.team.id)
        overdue = create("SI Eval overdue", team_id=cls.team.id)
        dormant = create("SI Eval dormant", team_id=cls.team.id)
        create("SI Eval healthy", team_id=cls.team.id)
        leads = cls.env["crm.lead"].with_context(active_test=False)
        leads.flush_model()
        cr = cls.env.cr
        cr.execute(SQL("UPDATE crm_lead SET rejected = true, active = false "
                       "WHERE id = %s", rejected.id))
        cr.execute(SQL("UPDATE crm_lead SET next_followup_date = %s WHERE id = %s",
                       cls.today - timedelta(days=3), overdue.id))
        cr.execute(SQL("UPDATE crm_lead SET is_dormant = true WHERE id = %s",
                       dormant.id))
        leads.invalidate_model()
        factors = cls.env["si.won.factor"].create(
            [{"name": "SI Eval price"}, {"name": "SI Eval trust"}])
        summary = cls.env["si.won.summary"].search(
            [("lead_id", "=", cls.won_lead.id)])
        summary.write({"state": "done", "factor_ids": [Command.set(factors.ids)]})
        cls.factors = factors

    @classmethod
    def _activity_and_anomalies(cls):
        """Rep: 6 planned, 5 done (follow-ups 5 of 4, visits 1 of 2); two
        anomalies this period, one last year."""
        cls.env["si.daily.plan"].create({
            "user_id": cls.rep.id, "date": cls.today, "team_id": cls.team.id,
            "company_id": cls.company.id, "quota_followup": 4, "quota_visit": 2,
            "quota_negotiation": 0, "actual_followup": 5, "actual_visit": 1})
        cls.env["si.anomaly"].create([{
            "anomaly_type": kind, "user_id": cls.rep.id, "lead_id": lead.id,
            "company_id": cls.company.id, "team_id": cls.team.id, "state": state,
            "date_detected": cls.today - timedelta(days=days),
        } for kind, lead, state, days in (
            ("rep_idle", cls.env["crm.lead"], "open", 0),
            ("key_lead_stale", cls.won_lead, "open", 1),
            ("rep_idle", cls.env["crm.lead"], "closed", 400))])

    @classmethod
    def _reading(cls):
        """Rep: three required articles (by name, team, grade), two
        acknowledged; a draft one does not count."""
        Article = cls.env["si.kb.article"]
        by_user, by_team, by_grade = Article.create([
            {"name": "SI Eval by user", "state": "published",
             "required_user_ids": [Command.set(cls.rep.ids)]},
            {"name": "SI Eval by team", "state": "published",
             "required_team_ids": [Command.set(cls.team.ids)]},
            {"name": "SI Eval by grade", "state": "published",
             "required_grade_ids": [Command.set(cls.g3.ids)]}])
        Article.create({"name": "SI Eval draft required",
                        "required_user_ids": [Command.set(cls.rep.ids)]})
        # rep2 (same team and grade) read both of theirs
        cls.env["si.kb.article.reader"].create([
            {"article_id": article.id, "user_id": user.id, "acknowledged": True}
            for user, articles in ((cls.rep, by_user | by_grade),
                                   (cls.rep2, by_team | by_grade))
            for article in articles])

    def evaluate(self, reps=None, user=None, **kwargs):
        Evaluation = self.env["si.rep.evaluation"].with_user(user or self.manager)
        return Evaluation._evaluate(
            reps or (self.profile | self.profile2 | self.profile3),
            self.date_from, self.date_to, refresh_actuals=False, **kwargs)

    def of(self, evaluations, profile):
        return evaluations.filtered(lambda ev: ev.rep_id == profile)


class TestRepEvaluation(EvaluationCase):

    def test_factors_and_score_exact(self):
        evaluation = self.of(self.evaluate(), self.profile)
        self.assertEqual(evaluation.team_id, self.team)
        self.assertEqual((evaluation.target_amount, evaluation.actual_amount,
                          evaluation.completion_rate), (1000.0, 400.0, 40.0))
        self.assertEqual((evaluation.received_count, evaluation.conversion_base_count,
                          evaluation.won_count, evaluation.conversion_rate),
                         (6, 5, 1, 20.0))
        self.assertEqual((evaluation.planned_count, evaluation.done_count,
                          evaluation.activity_rate), (6, 5, 83.3))
        self.assertEqual((evaluation.open_lead_count, evaluation.overdue_followup_count,
                          evaluation.dormant_count, evaluation.followup_health_rate,
                          evaluation.dormant_rate), (3, 1, 1, 33.3, 33.3))
        self.assertEqual(evaluation.anomaly_count, 2)
        self.assertEqual((evaluation.won_deal_count, evaluation.summarized_count,
                          evaluation.factor_mention_count, evaluation.summary_rate),
                         (1, 1, 2, 100.0))
        self.assertIn("SI Eval price (1)", evaluation.top_factors)
        self.assertEqual((evaluation.kb_required_count, evaluation.kb_read_count,
                          evaluation.kb_read_rate), (3, 2, 66.7))
        subs = {f.factor: (f.value, f.sub_score, f.weight, f.measured)
                for f in evaluation.factor_ids}
        self.assertEqual(subs["completion"], (40.0, 40.0, 30.0, True))
        self.assertEqual(subs["conversion"], (20.0, 80.0, 20.0, True))
        self.assertEqual(subs["activity"], (83.3, 83.3, 15.0, True))
        self.assertEqual(subs["followup"], (33.3, 33.3, 10.0, True))
        self.assertEqual(subs["anomaly"], (2.0, 60.0, 5.0, True))
        self.assertEqual(subs["won_summary"], (100.0, 100.0, 5.0, True))
        self.assertEqual(subs["kb"], (66.7, 66.7, 10.0, True))
        has_expenses = self.env["si.rep.evaluation"]._has_expenses()
        # without the expenses of the rep targets the cost of sale is not
        # measured and its weight is left out: 5849.5 / 95; with them (none
        # booked: 0 %) it has full marks: (5849.5 + 500) / 100
        self.assertEqual(subs["cost"][3], has_expenses)
        self.assertEqual(evaluation.score, 63.5 if has_expenses else 61.6)
        self.assertEqual(evaluation.score_band, "fair")
        points = {f.factor: f.points for f in evaluation.factor_ids}
        if not has_expenses:
            self.assertEqual(points["completion"], 12.6)
            self.assertEqual(points["cost"], 0.0)
        weak = evaluation.factor_ids.filtered("is_weak").mapped("factor")
        self.assertEqual(sorted(weak), ["completion", "followup"])
        self.assertEqual(evaluation.weak_factors,
                         "Target Completion, Follow-up Discipline")
        self.assertIn("400", evaluation.factor_ids.filtered(
            lambda f: f.factor == "completion").detail)
        # the training of the weak completion: the published article only
        self.assertEqual(evaluation.training_article_ids, self.training)

    def test_rep_without_data_keeps_grade(self):
        evaluation = self.of(self.evaluate(), self.profile3)
        self.assertEqual(evaluation.score, 0.0)
        self.assertFalse(any(evaluation.factor_ids.mapped("measured")))
        self.assertEqual(evaluation.proposed_grade_id, self.g2)

    def test_one_evaluation_per_rep_and_period(self):
        first = self.of(self.evaluate(), self.profile)
        self.env["si.anomaly"].create({
            "anomaly_type": "followup_overdue", "user_id": self.rep.id,
            "lead_id": self.won_lead.id, "company_id": self.company.id,
            "date_detected": self.today})
        again = self.of(self.evaluate(reps=self.profile), self.profile)
        self.assertEqual(again, first)
        self.assertEqual(again.anomaly_count, 3)
        self.assertEqual(len(again.factor_ids), 8)
        self.assertEqual(self.env["si.rep.evaluation"].search_count([
            ("rep_id", "=", self.profile.id), ("date_from", "=", self.date_from),
            ("date_to", "=", self.date_to)]), 1)
        # another period is another evaluation
        other = self.env["si.rep.evaluation"].with_user(self.manager)._evaluate(
            self.profile, self.date_from, self.date_from, refresh_actuals=False)
        self.assertNotEqual(other, first)

    def test_wizard_evaluates_teams(self):
        wizard = self.env["si.rep.evaluation.wizard"].with_user(self.manager).create({
            "date_from": self.date_from, "date_to": self.date_to,
            "team_ids": [Command.set(self.team.ids)], "refresh_actuals": False})
        self.assertEqual(wizard.rep_count, 2)
        action = wizard.action_evaluate()
        evaluations = self.env["si.rep.evaluation"].search(action["domain"])
        self.assertEqual(evaluations.rep_id, self.profile | self.profile2)

    def test_bad_period_refused(self):
        Evaluation = self.env["si.rep.evaluation"]
        before = Evaluation.search_count([])
        with self.assertRaisesRegex(ValidationError,
                                    "end of the evaluation period must come after"):
            self.env["si.rep.evaluation.wizard"].with_user(self.manager).create({
                "date_from": self.date_to, "date_to": self.date_from})
        with self.assertRaisesRegex(ValidationError,
                                    "end of the evaluation period must come after"):
            Evaluation.with_user(self.manager)._evaluate(
                self.profile, self.date_to, self.date_from)
        self.assertEqual(Evaluation.search_count([]), before)

    def test_refusals_are_translated(self):
        if not self.env["res.lang"]._get_data(code="zh_CN").active:
            self.skipTest("Chinese is not installed in this database")
        with self.assertRaises(ValidationError) as error:
            self.env["si.rep.evaluation"].with_user(self.manager).with_context(
                lang="zh_CN")._evaluate(self.profile, self.date_to, self.date_from)
        self.assertEqual(str(error.exception), "考核期的结束日期必须晚于开始日期。")

    def test_bad_weights_refused(self):
        lines = self.rule.line_ids
        with self.assertRaises(ValidationError) as error:
            self.rule.with_user(self.manager).write({"line_ids": [
                Command.update(lines[0].id, {"weight": 29.0})]})
        self.assertEqual(str(error.exception), "The weights of the evaluation "
                         "factors must add up to 100 (now 99.0).")
        with self.assertRaises(ValidationError) as error:
            self.rule.with_user(self.manager).write({"line_ids": [
                Command.update(lines[0].id, {"weight": -10.0}),
                Command.update(lines[1].id, {"weight": 60.0})]})
        self.assertEqual(str(error.exception), "The weights of the evaluation "
                         "factors cannot be negative.")
        self.assertEqual(lines.mapped("weight")[:2], [30.0, 20.0])
        # a rule made inconsistent behind the form's back is refused at
        # evaluation, before anything is written
        lines[0].write({"weight": 50.0})
        with self.assertRaisesRegex(ValidationError, "must add up to 100"):
            self.evaluate()
        self.assertFalse(self.env["si.rep.evaluation"].search(
            [("rep_id", "=", self.profile.id)]))

    def test_access_by_role(self):
        evaluations = self.evaluate()
        mine = self.of(evaluations, self.profile)
        Evaluation = self.env["si.rep.evaluation"]
        self.assertEqual(Evaluation.with_user(self.rep).search(
            [("id", "in", evaluations.ids)]), mine)
        with self.assertRaises(AccessError):
            self.of(evaluations, self.profile2).with_user(self.rep).read(["score"])
        self.assertEqual(
            Evaluation.with_user(self.leader).search([("id", "in", evaluations.ids)]),
            self.of(evaluations, self.profile) | self.of(evaluations, self.profile2))
        self.assertEqual(
            Evaluation.with_user(self.manager).search([("id", "in", evaluations.ids)]),
            evaluations)
        factors = self.env["si.rep.evaluation.factor"].with_user(self.rep).search(
            [("evaluation_id", "in", evaluations.ids)])
        self.assertEqual(factors.evaluation_id, mine)
        with self.assertRaises(AccessError):
            Evaluation.with_user(self.finance).search([])
        for user in (self.rep, self.leader):
            with self.assertRaises(AccessError):
                Evaluation.with_user(user)._evaluate(
                    self.profile, self.date_from, self.date_to)
            with self.assertRaises(AccessError):
                self.env["si.rep.evaluation.wizard"].with_user(user).create({})
        with self.assertRaises(AccessError):
            mine.with_user(self.rep).action_assign_training()

    def test_views_load_for_each_role(self):
        self.evaluate()
        views = [(False, "list"), (False, "form"), (False, "pivot"),
                 (False, "graph"), (False, "search")]
        for user in (self.rep, self.leader, self.manager):
            Evaluation = self.env["si.rep.evaluation"].with_user(user)
            Evaluation.get_views(views)
            Evaluation.web_search_read([], {"score": {}, "rep_id": {}})
            Evaluation.read_group([], ["score:avg"], ["team_id"])
            profile = self.profile.with_user(user)
            profile.get_views([(False, "form")])
            self.assertEqual(profile.evaluation_count, 1)
        # the wizards open from the list's buttons, for managers only
        for user, shown in ((self.rep, False), (self.manager, True)):
            arch = self.env["si.rep.evaluation"].with_user(user).get_views(
                [(False, "list")])["views"]["list"]["arch"]
            self.assertEqual("si_rep_evaluation_wizard_action" in arch
                             or "Evaluate Reps" in arch, shown)
        self.env["si.evaluation.rule"].with_user(self.manager).get_views(
            [(False, "list"), (False, "form")])
        self.env["si.rep.evaluation.wizard"].with_user(self.manager).get_views(
            [(False, "form")])
        self.env["si.grade.review.wizard"].with_user(self.manager).get_views(
            [(False, "form")])
