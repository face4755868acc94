"""Every wizard of the product checks the rights on the records it acts on:
a user without the wizard's rights is refused, a record the user cannot
write (another rep's, another company's) is refused, ids crafted over RPC
(a transient record can be created with any many2one id) are refused, and
nothing is written when it refuses."""
from odoo import Command
from odoo.exceptions import AccessError, UserError

from odoo.addons.sales_intelligence.tests.common import (
    MatchingCase,
    SalesIntelligenceCase,
)
from odoo.addons.sales_intelligence.tests.test_contracts import ContractCase, _day
from odoo.addons.sales_intelligence_kb.tests.common import KnowledgeBaseCase
from odoo.addons.sales_intelligence_reports.tests.test_rep_evaluation import (
    EvaluationCase,
)

from wizard_common import SALESMAN, company_user, refused


class TestAssignWizardRights(MatchingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls._create_lead("SI wizard lead", team_id=cls.team.id)
        cls.other = cls._create_lead("SI wizard other lead", team_id=cls.team.id)
        cls.company_b, cls.user_b = company_user(cls, "si_wizard_rep_b", SALESMAN)
        cls.lead_b = cls._create_lead("SI wizard lead B", user=cls.user_b,
                                      company_id=cls.company_b.id)
        cls.leads = cls.lead | cls.other | cls.lead_b

    def setUp(self):
        super().setUp()
        self.history = self._history()

    def _history(self):
        return self.env["si.lead.assignment"].search(
            [("lead_id", "in", self.leads.ids)])

    def _wizard(self, user, leads, lines):
        """The wizard as an RPC client may create it: any leads, any lines."""
        return self.env["si.lead.assign.wizard"].with_user(user).create({
            "lead_ids": [Command.set(leads.ids)],
            "line_ids": [Command.create({
                "lead_id": lead.id, "user_id": owner.id, "score": 50.0,
                "explanation": "crafted"}) for lead, owner in lines],
        })

    def _default_get(self, user, leads):
        return self.env["si.lead.assign.wizard"].with_user(user).with_context(
            active_model="crm.lead", active_ids=leads.ids).default_get(
            ["lead_ids", "line_ids"])

    def assert_unchanged(self):
        self.assertEqual((self.lead.user_id, self.other.user_id, self.lead_b.user_id),
                         (self.rep, self.rep, self.user_b))
        self.assertFalse(self.leads.pool_id)
        self.assertEqual(self._history(), self.history)

    def test_rep_is_refused(self):
        with refused(self, AccessError):
            self._wizard(self.rep, self.lead, [(self.lead, self.rep2)])
        # not even the suggestions of their own lead
        with refused(self, AccessError):
            self._default_get(self.rep, self.lead)
        wizard = self._wizard(self.manager, self.lead, [(self.lead, self.rep2)])
        with refused(self, UserError, "Only a sales manager assigns"):
            wizard.with_user(self.rep).action_assign_all()
        with refused(self, UserError, "Only a sales manager assigns"):
            wizard.line_ids.with_user(self.rep).action_assign()
        self.assert_unchanged()

    def test_lead_the_user_cannot_write_is_refused(self):
        """All leads is all of the user's companies: a lead of another
        company is neither read nor assigned."""
        with refused(self, AccessError):
            self._default_get(self.rep_all, self.lead_b)
        wizard = self._wizard(self.rep_all, self.lead_b, [(self.lead_b, self.rep_all)])
        with refused(self, AccessError):
            wizard.action_assign_all()
        with refused(self, AccessError):
            wizard.line_ids.action_assign()
        self.assert_unchanged()

    def test_line_of_a_lead_outside_the_wizard_is_refused(self):
        """A lead the user may write but not given to the wizard (a lead
        of another company: not written, AccessError)."""
        for lead, error, regex in ((self.other, UserError, "not among the leads"),
                                   (self.lead_b, AccessError, "")):
            wizard = self._wizard(self.rep_all, self.lead,
                                  [(self.lead, self.rep2), (lead, self.rep2)])
            with refused(self, error, regex):
                wizard.action_assign_all()
            for line in wizard.line_ids:
                with refused(self, error, regex):
                    line.action_assign()
        self.assert_unchanged()

    def test_user_with_all_leads_assigns(self):
        values = self._default_get(self.rep_all, self.lead)
        self.assertTrue(values["line_ids"])
        self._wizard(self.rep_all, self.lead, [(self.lead, self.rep2)]) \
            .action_assign_all()
        self.assertEqual(self.lead.user_id, self.rep2)
        new = self._history() - self.history
        self.assertEqual((new.lead_id, new.kind, new.user_id, new.author_id),
                         (self.lead, "manual", self.rep2, self.rep_all))


class TestContractWizardRights(ContractCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Contract = cls.env["contract.contract"]
        # contracts of the database in their notice period get theirs first
        Contract._cron_scan_renewals()
        cls.mine = cls._contract("SI wizard mine", end=20)
        cls.theirs = cls._contract("SI wizard theirs", partner=cls.customer2, end=20)
        cls.theirs_new = cls._contract("SI wizard theirs new",
                                       partner=cls.customer2, start=21, end=400)
        Contract._cron_scan_renewals()

    def _renew(self, contract, **values):
        return self.env["si.contract.renew.wizard"].with_user(self.rep).create(
            dict(values, contract_id=contract.id)).action_renew()

    def _lose(self, contract):
        return self.env["si.contract.lost.wizard"].with_user(self.rep).create({
            "contract_id": contract.id, "lost_reason_id": self.lost_reason.id,
            "note": "crafted"}).action_lost()

    def assert_in_renewal(self, contract):
        """Untouched: its end, its lines' end, its renewal opportunity (as
        written to the database, not as left in the cache)."""
        self.env.invalidate_all()
        lead = contract.renewal_lead_id
        self.assertEqual((contract.renewal_state, contract.date_end,
                          contract.contract_line_ids.date_end),
                         ("upcoming", _day(20), _day(20)))
        self.assertFalse(contract.renewed_by_id or contract.renewal_date
                         or contract.renewal_lost_reason_id)
        self.assertTrue(lead.active)
        self.assertLess(lead.probability, 100)

    def test_rep_cannot_renew_or_lose_another_reps_contract(self):
        self.assertFalse(self.env["contract.contract"].with_user(self.rep).search(
            [("id", "in", (self.theirs | self.theirs_new).ids)]))
        with refused(self, AccessError):
            self.theirs.with_user(self.rep).action_renew()
        with refused(self, AccessError):
            self.theirs.with_user(self.rep).action_renewal_lost()
        with refused(self, AccessError):
            self._renew(self.theirs, mode="extend", date_end=_day(400))
        with refused(self, AccessError):
            self._renew(self.theirs, mode="new", new_contract_id=self.theirs_new.id)
        with refused(self, AccessError):
            self._lose(self.theirs)
        self.assert_in_renewal(self.theirs)
        self.assertFalse(self.theirs_new.renewal_of_id)

    def test_new_contract_the_rep_cannot_read_is_refused(self):
        with refused(self, AccessError):
            self._renew(self.mine, mode="new", new_contract_id=self.theirs_new.id)
        self.assert_in_renewal(self.mine)
        self.assertFalse(self.theirs_new.renewal_of_id)

    def test_renewal_opportunity_the_rep_cannot_write_is_refused_first(self):
        """The rep's customer, another rep responsible: the rep may write the
        contract, not the other rep's renewal opportunity won or lost with
        it; refused before the contract's lines are extended."""
        shared = self._contract("SI wizard shared", end=20, user_id=self.rep2.id)
        self.env["contract.contract"]._cron_scan_renewals()
        self.assertEqual(shared.renewal_lead_id.user_id, self.rep2)
        with refused(self, AccessError):
            self._renew(shared, mode="extend", date_end=_day(400))
        with refused(self, AccessError):
            self._lose(shared)
        self.assert_in_renewal(shared)

    def test_rep_renews_and_loses_own_contracts(self):
        lead = self.mine.renewal_lead_id
        self._renew(self.mine, mode="extend", date_end=_day(400))
        self.assertEqual((self.mine.renewal_state, self.mine.date_end,
                          self.mine.contract_line_ids.date_end),
                         ("renewed", _day(400), _day(400)))
        self.assertEqual(lead.probability, 100)
        leaving = self._contract("SI wizard leaving", end=20)
        self.env["contract.contract"]._cron_scan_renewals()
        self._lose(leaving)
        self.assertEqual((leaving.renewal_state, leaving.renewal_lost_reason_id),
                         ("lost", self.lost_reason))


class TestTargetWizardRights(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = cls._create_user("si_wizard_leader", SALESMAN)
        cls.team = cls.env["crm.team"].create({
            "name": "SI Wizard Targets", "user_id": cls.leader.id, "company_id": False,
            "member_ids": [Command.set(cls.rep.ids)]})
        cls.plan = cls._plan(cls.env)
        cls.company_b, cls.manager_b = company_user(
            cls, "si_wizard_manager_b", ["sales_team.group_sale_manager"])
        cls.plan_b = cls._plan(cls.env(user=cls.manager_b))

    @classmethod
    def _plan(cls, env):
        """A draft plan of 1,200 a month for the team, split to its rep."""
        plan = env["si.target.plan"].create({
            "name": "SI Wizard Plan", "year": 2033, "amount_total": 14400.0})
        plan.sudo().line_ids = [Command.create({
            "date_month": "2033-%02d-01" % month, "team_id": cls.team.id,
            "amount": 1200.0}) for month in range(1, 13)]
        cls.env["si.target.rep.wizard"].create(
            {"plan_id": plan.id, "method": "equal"}).action_apply()
        return plan

    def _lines(self, plan):
        plan.invalidate_recordset()
        return (sorted(plan.line_ids.mapped(lambda line: (
                    line.id, str(line.date_month), line.team_id.id, line.amount))),
                sorted(plan.rep_line_ids.mapped(lambda line: (
                    line.id, line.user_id.id, line.amount))))

    def test_reps_and_team_leaders_are_refused(self):
        lines = self._lines(self.plan)
        self.assertEqual(len(lines[0]), 12)
        self.assertEqual(len(lines[1]), 12)
        decompose = self.env["si.target.decompose.wizard"].with_user(
            self.manager).create({"plan_id": self.plan.id, "month_method": "equal",
                                  "industry_method": "none",
                                  "team_method": "equal"})
        split = self.env["si.target.rep.wizard"].with_user(self.manager).create(
            {"plan_id": self.plan.id, "method": "equal"})
        for user in (self.rep, self.leader, self.rep_all):
            for model in ("si.target.decompose.wizard", "si.target.rep.wizard"):
                with refused(self, AccessError, msg=user.login):
                    self.env[model].with_user(user).create({"plan_id": self.plan.id})
            with refused(self, AccessError, msg=user.login):
                decompose.with_user(user).action_apply()
            with refused(self, AccessError, msg=user.login):
                split.with_user(user).action_apply()
        self.assertEqual(self._lines(self.plan), lines)

    def test_plan_of_another_company_is_refused(self):
        """Neither decomposed nor split, nor its figures of last year read."""
        lines = self._lines(self.plan_b)
        for model, values, actions in (
                ("si.target.decompose.wizard", {
                    "month_method": "equal", "industry_method": "none",
                    "team_method": "equal",
                    "team_ids": [Command.set(self.team.ids)]},
                 ("action_compute_shares", "action_apply")),
                ("si.target.rep.wizard", {"method": "equal"}, ("action_apply",))):
            wizard = self.env[model].with_user(self.manager).create(
                dict(values, plan_id=self.plan_b.id))
            for action in actions:
                with refused(self, AccessError, msg=action):
                    getattr(wizard, action)()
            if "share_ids" in wizard._fields:
                self.assertFalse(wizard.sudo().share_ids)
        self.assertEqual(self._lines(self.plan_b), lines)


class TestEvaluationWizardRights(EvaluationCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b, cls.manager_b = company_user(
            cls, "si_wizard_manager_b", ["sales_team.group_sale_manager"])
        cls.rep_b = cls._create_user("si_wizard_rep_b", SALESMAN)
        cls.rep_b.write({"company_ids": [Command.set(cls.company_b.ids)],
                         "company_id": cls.company_b.id})
        cls.profile_b = cls.env["si.rep"].create({
            "user_id": cls.rep_b.id, "grade_id": cls.g3.id,
            "company_id": cls.company_b.id})
        cls.evaluation_b = cls.env["si.rep.evaluation"].with_user(
            cls.manager_b)._evaluate(cls.profile_b, cls.date_from, cls.date_to,
                                     refresh_actuals=False)

    def _review(self, user, lines):
        return self.env["si.grade.review.wizard"].with_user(user).create({
            "line_ids": [Command.create({
                "evaluation_id": evaluation.id, "new_grade_id": grade.id})
                for evaluation, grade in lines]})

    def assert_not_reviewed(self, profiles, evaluations):
        profiles, evaluations = profiles.with_env(self.env), evaluations.with_env(
            self.env)
        self.assertEqual(set(profiles.mapped("grade_id")), {self.g3})
        self.assertFalse(self.env["si.rep.grade.history"].search(
            [("rep_id", "in", profiles.ids)]))
        self.assertEqual(set(evaluations.mapped("review_state")), {"to_review"})
        self.assertFalse(self.training.required_user_ids & profiles.user_id)
        self.assertFalse(any(evaluations.mapped("training_assigned")))

    def test_reps_and_team_leaders_are_refused(self):
        evaluations = self.evaluate(reps=self.profile | self.profile2)
        stamps = evaluations.mapped("evaluation_date")
        evaluate = self.env["si.rep.evaluation.wizard"].with_user(self.manager).create(
            {"date_from": self.date_from, "date_to": self.date_to,
             "refresh_actuals": False})
        review = self._review(self.manager, [(ev, self.g1) for ev in evaluations])
        for user in (self.rep, self.leader, self.rep_all):
            with refused(self, AccessError, msg=user.login):
                self.env["si.rep.evaluation.wizard"].with_user(user).create(
                    {"date_from": self.date_from, "date_to": self.date_to})
            with refused(self, AccessError, msg=user.login):
                evaluate.with_user(user).action_evaluate()
            with refused(self, AccessError, msg=user.login):
                self.env["si.grade.review.wizard"].with_user(user).with_context(
                    active_model="si.rep.evaluation",
                    active_ids=evaluations.ids).create({})
            with refused(self, AccessError, msg=user.login):
                self._review(user, [(evaluations[0], self.g1)])
            with refused(self, AccessError, msg=user.login):
                review.with_user(user).action_confirm()
        self.assertEqual(evaluations.mapped("evaluation_date"), stamps)
        self.assert_not_reviewed(self.profile | self.profile2, evaluations)

    def test_manager_cannot_evaluate_or_review_another_company(self):
        stamp = self.evaluation_b.evaluation_date
        Evaluation = self.env["si.rep.evaluation"]
        team_b = self.env["crm.team"].with_user(self.manager_b).create(
            {"name": "SI Wizard Team B"})
        wizard = self.env["si.rep.evaluation.wizard"].with_user(self.manager).create({
            "date_from": self.date_from, "date_to": self.date_to,
            "team_ids": [Command.set(team_b.ids)], "refresh_actuals": False})
        self.assertEqual(wizard.rep_count, 0)
        action = wizard.action_evaluate()
        self.assertFalse(Evaluation.search(action["domain"]))
        with refused(self, AccessError):
            wizard.with_context(allowed_company_ids=self.company_b.ids) \
                .action_evaluate()
        with refused(self, AccessError):
            Evaluation.with_user(self.manager)._evaluate(
                self.profile_b.with_user(self.manager), self.date_from,
                self.date_to, refresh_actuals=False)
        self.assertEqual(self.evaluation_b.evaluation_date, stamp)
        # the review: the other company's evaluation is not offered, and a
        # line crafted for it is refused, the lines of own reps with it
        review = self.env["si.grade.review.wizard"].with_user(self.manager) \
            .with_context(active_model="si.rep.evaluation",
                          active_ids=self.evaluation_b.ids).create({})
        self.assertFalse(review.line_ids.filtered(
            lambda line: line.evaluation_id == self.evaluation_b))
        own = self.evaluate(reps=self.profile)
        for lines in ([(self.evaluation_b, self.g1)],
                      [(self.evaluation_b, self.g3)],
                      [(own, self.g1), (self.evaluation_b, self.g1)]):
            with refused(self, AccessError):
                self._review(self.manager, lines).action_confirm()
        self.assert_not_reviewed(self.profile | self.profile_b,
                                 own | self.evaluation_b)


class TestKnowledgeBaseWizardRights(KnowledgeBaseCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        below = [(cls.product, 1, 70.0, 0.0)]
        cls.order = cls._quotation(below).with_env(cls.env)
        cls.order2 = cls._quotation(below, user=cls.rep2).with_env(cls.env)
        cls.company_b, cls.rep_b = company_user(cls, "si_wizard_rep_b", SALESMAN)
        pricelist_b = cls.env["product.pricelist"].create({
            "name": "SI wizard list B", "company_id": cls.company_b.id,
            "currency_id": cls.company_b.currency_id.id})
        cls.order_b = cls._quotation(below, user=cls.rep_b,
                                     company_id=cls.company_b.id,
                                     pricelist_id=pricelist_b.id).with_env(cls.env)

    def _approve(self, user, order):
        return self.env["si.floor.approval.wizard"].with_user(user).create({
            "order_id": order.id, "reason": "crafted"}).action_approve()

    def assert_not_approved(self, orders):
        for order in orders:
            self.assertEqual(order.floor_state, "to_approve")
            self.assertFalse(order.floor_approved_by_id or order.floor_approval_reason)

    def test_floor_approval_is_a_managers(self):
        for user in (self.rep, self.rep_all):
            with refused(self, AccessError, msg=user.login):
                self.order.with_user(user).action_open_floor_approval()
            with refused(self, AccessError, msg=user.login):
                self._approve(user, self.order)
        # another company's quotation: not for a manager of this one
        with refused(self, AccessError):
            self._approve(self.manager, self.order_b)
        self.assert_not_approved(self.order | self.order2 | self.order_b)
        self._approve(self.manager, self.order)
        self.assertEqual(self.order.floor_approved_by_id, self.manager)

    def _suggest(self, user, order, products):
        wizard = self.env["si.sale.suggestion.wizard"].with_user(user).create(
            {"order_id": order.id})
        wizard.line_ids = [Command.clear()] + [Command.create(
            {"product_id": product.id, "selected": True}) for product in products]
        return wizard

    def test_suggestions_only_on_an_order_the_rep_can_write(self):
        for order in (self.order2, self.order_b):
            with refused(self, AccessError):
                order.with_user(self.rep).action_suggest_products()
            with refused(self, AccessError):
                self.env["si.sale.suggestion.wizard"].with_user(self.rep).create(
                    {"order_id": order.id})
            # a wizard of their own order, pointed at another order
            wizard = self._suggest(self.rep, self.order, self.product_b)
            with refused(self, AccessError):
                wizard.write({"order_id": order.id})
                wizard.action_add()
        for order in (self.order2, self.order_b):
            self.assertEqual(order.order_line.product_id, self.product)
        self._suggest(self.rep, self.order, self.product_b).action_add()
        self.assertEqual(self.order.order_line.product_id,
                         self.product | self.product_b)
