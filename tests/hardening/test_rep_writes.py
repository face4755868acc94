"""A rep writes only what is theirs: no settings of the product (pools,
rules, grades, targets, intake channels), no lead given to another rep, no
wizard acting on a lead they cannot write, nothing of another company."""
from odoo.addons.sales_intelligence.tests.common import MatchingCase
from odoo.exceptions import AccessError, UserError


class TestRepWrites(MatchingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.pool = env["si.lead.pool"].create({"name": "SI Write Pool",
                                               "team_id": cls.team.id,
                                               "cooldown_days": 0})
        cls.hidden_pool = env["si.lead.pool"].create({
            "name": "SI Write Hidden Pool", "team_id": cls.team.id,
            "cooldown_days": 0, "visible_user_ids": [(6, 0, cls.rep.ids)]})
        cls.mine = cls._create_lead("SI rep2 lead", user=cls.rep2, team_id=cls.team.id)
        cls.theirs = cls._create_lead("SI rep lead", team_id=cls.team.id)
        cls.hidden = cls._create_lead("SI hidden pooled", team_id=cls.team.id)
        cls.hidden._send_to_pool(cls.hidden_pool, "test")

    def test_settings_are_read_only_for_reps(self):
        records = {
            "si.lead.pool": self.pool,
            "si.rep.grade": self.grade_s,
            "si.rep": self.profile2,
            "si.region": self.region,
        }
        for model in ("si.pool.rule", "si.dormant.rule", "si.target.plan",
                      "si.target.line", "si.target.rep.line", "si.target.budget.cell",
                      "si.intake.channel", "si.product.line", "si.kb.article",
                      "si.evaluation.rule"):
            records[model] = self.env[model].search([], limit=1)
        for model, record in records.items():
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.rep2).check_access("create")
            if record:
                with self.assertRaises(AccessError, msg=model):
                    record.with_user(self.rep2).write({"active": False} if "active" in
                                                      record._fields else {})
                    record.with_user(self.rep2).check_access("write")
                with self.assertRaises(AccessError, msg=model):
                    record.with_user(self.rep2).unlink()
        self.assertEqual(self.profile2.max_open_leads, 10)

    def test_floor_price_is_not_a_reps(self):
        """Reps see floor prices (unless the settings hide them) but do not
        set them."""
        product = self.env["product.template"].create({"name": "SI floor product",
                                                       "list_price": 100.0,
                                                       "floor_price": 80.0})
        with self.assertRaises(AccessError):
            product.with_user(self.rep2).write({"floor_price": 1.0})
        self.assertEqual(product.floor_price, 80.0)

    def test_no_lead_given_to_another_rep(self):
        with self.assertRaises(UserError):
            self.mine.with_user(self.rep2).write({"user_id": self.rep.id})
        self.assertEqual(self.mine.user_id, self.rep2)
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.rep2).write({"user_id": self.rep2.id})
        self.assertEqual(self.theirs.user_id, self.rep)
        with self.assertRaises(AccessError):
            self.hidden.with_user(self.rep2).action_pool_claim()
        self.assertFalse(self.hidden.user_id)

    def test_wizards_refuse_leads_the_rep_cannot_write(self):
        env = self.env(user=self.rep2)
        for lead in (self.theirs, self.hidden):
            with self.assertRaises(AccessError):
                env["si.lead.followup.wizard"].create({
                    "lead_id": lead.id, "channel": "call", "chance_level": "medium",
                    "content": "x"}).action_log()
            with self.assertRaises(UserError):
                env["si.lead.reject.wizard"].create({
                    "lead_ids": [(6, 0, lead.ids)], "reason": "duplicate",
                }).action_reject()
            with self.assertRaises(UserError):
                env["si.lead.release.wizard"].create({
                    "lead_ids": [(6, 0, lead.ids)], "pool_id": self.pool.id,
                    "reason": "not mine"}).action_release()
            with self.assertRaises(UserError):
                env["si.lead.revive.wizard"].create({
                    "lead_ids": [(6, 0, lead.ids)], "user_id": self.rep2.id,
                    "chance_level": "high"}).action_revive()
        summary = self.env["si.won.summary"].create({"lead_id": self.theirs.id,
                                                     "user_id": self.rep.id})
        factor = self.env["si.won.factor"].search([], limit=1)
        with self.assertRaises(UserError):
            env["si.won.summary.wizard"].create({
                "summary_id": summary.id, "note": "mine",
                "factor_ids": [(6, 0, factor.ids)]}).action_save()
        self.assertFalse(summary.note)
        self.assertNotEqual(summary.state, "done")
        self.assertEqual(self.theirs.user_id, self.rep)
        self.assertFalse(self.theirs.rejected)
        self.assertFalse(self.theirs.pool_id)
        self.assertEqual(self.hidden.pool_id, self.hidden_pool)
        self.assertFalse(self.env["si.lead.followup"].search(
            [("lead_id", "in", (self.theirs | self.hidden).ids)]))

    def test_other_company_is_invisible(self):
        company_b = self.env["res.company"].create({"name": "SI Company B"})
        user_b = self._create_user("si_rep_b", ["sales_team.group_sale_salesman"])
        user_b.write({"company_ids": [(6, 0, company_b.ids)],
                      "company_id": company_b.id})
        pool_b = self.env["si.lead.pool"].create({
            "name": "SI Pool B", "company_id": company_b.id, "cooldown_days": 0})
        lead_b = self._create_lead("SI lead B", user=user_b, company_id=company_b.id)
        pooled_b = self._create_lead("SI pooled B", user=user_b,
                                     company_id=company_b.id)
        pooled_b._send_to_pool(pool_b, "test")
        env = self.env(user=self.rep2)
        self.assertFalse(env["crm.lead"].search(
            [("id", "in", (lead_b | pooled_b).ids)]))
        self.assertNotIn(pool_b, env["si.lead.pool"].search([]))
        with self.assertRaises(AccessError):
            pool_b.with_user(self.rep2).read(["name"])
        with self.assertRaises(AccessError):
            pooled_b.with_user(self.rep2).action_pool_claim()
        self.assertFalse(env["si.lead.assignment"].search(
            [("lead_id", "in", (lead_b | pooled_b).ids)]))
        # and the other way round
        env_b = self.env(user=user_b)
        self.assertFalse(env_b["crm.lead"].search(
            [("id", "in", (self.mine | self.theirs | self.hidden).ids)]))
        self.assertNotIn(self.pool, env_b["si.lead.pool"].search([]))
