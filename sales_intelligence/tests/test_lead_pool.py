# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import MatchingCase


class TestLeadPool(MatchingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls.env["si.lead.pool"].create({
            "name": "SI Pool", "team_id": cls.team.id, "daily_claim_limit": 3,
            "hold_limit": 20, "cooldown_days": 7, "protection_days": 5,
            "rule_ids": [(0, 0, {"name": "30 days", "trigger": "no_followup",
                                 "days": 30, "warn_days": 5}),
                         (0, 0, {"name": "dead", "trigger": "dead"})],
        })
        cls.History = cls.env["si.lead.assignment"]

    def _stale(self, name, days=40, **values):
        lead = self._create_lead(name, team_id=self.team.id, **values)
        self._age(lead, days)
        self._age(lead, days, "date_open")
        return lead

    def _pooled(self, name, **values):
        lead = self._stale(name, **values)
        followup = self.env["si.lead.followup"].create({
            "lead_id": lead.id, "user_id": lead.user_id.id, "channel": "call",
            "content": "First call"})
        self._age(followup, 45, "date")
        lead._refresh_followup_stats()
        self.pool._cron_recycle_leads()
        self.assertEqual(lead.pool_id, self.pool)
        return lead

    def test_recycle_no_followup(self):
        stale = self._stale("SI stale")
        fresh = self._stale("SI fresh", days=10)
        self.pool._cron_recycle_leads()
        self.assertEqual(stale.pool_id, self.pool)
        self.assertFalse(stale.user_id)
        self.assertEqual(stale.previous_user_id, self.rep)
        log = stale.assignment_ids
        self.assertEqual((log.kind, log.previous_user_id, log.pool_id),
                         ("recycle", self.rep, self.pool))
        self.assertIn("30 days", log.reason)
        self.assertFalse(fresh.pool_id)
        # idempotent
        self.pool._cron_recycle_leads()
        self.assertEqual(len(stale.assignment_ids), 1)

    def test_recent_followup_or_assignment_keeps_the_lead(self):
        lead = self._stale("SI followed")
        self.env["si.lead.followup"].create({"lead_id": lead.id, "channel": "call",
                                             "content": "Called"})
        reassigned = self._stale("SI reassigned")
        reassigned.user_id = self.rep2  # date_open restarts the count
        self.pool._cron_recycle_leads()
        self.assertFalse(lead.pool_id)
        self.assertFalse(reassigned.pool_id)

    def test_warning_before_recycling_once(self):
        lead = self._stale("SI soon", days=27)
        self.pool._cron_recycle_leads()
        self.assertFalse(lead.pool_id)
        activities = lead.activity_ids.filtered(
            lambda a: self.pool.name in (a.summary or ""))
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.rep)
        self.pool._cron_recycle_leads()
        self.assertEqual(len(lead.activity_ids.filtered(
            lambda a: self.pool.name in (a.summary or ""))), 1)

    def test_exemptions(self):
        won_customer = self.env["res.partner"].create({"name": "SI Buyer",
                                                       "is_company": True})
        order = self.env["sale.order"].create({"partner_id": won_customer.id})
        order.action_confirm()
        of_buyer = self._stale("SI buyer lead", partner_id=won_customer.id)
        quoted = self._stale("SI quoted")
        self.env["sale.order"].create({"partner_id": self.customer.id,
                                       "opportunity_id": quoted.id})
        planned = self._stale("SI planned", followup_frequency="weekly")
        self.pool.rule_ids.write({"exempt_active_plan": True})
        self.pool._cron_recycle_leads()
        self.assertFalse(of_buyer.pool_id)
        self.assertFalse(quoted.pool_id)
        self.assertFalse(planned.pool_id)
        self.pool.rule_ids.write({"exempt_won_customers": False,
                                  "exempt_open_quotation": False,
                                  "exempt_active_plan": False})
        self.pool._cron_recycle_leads()
        self.assertEqual((of_buyer | quoted | planned).mapped("pool_id"), self.pool)

    def test_dead_and_chance_level_rules(self):
        reason = self.env["crm.lost.reason"].create({"name": "SI no budget"})
        dead = self._create_lead("SI dead", team_id=self.team.id)
        dead.write({"chance_level": "none", "chance_reason_id": reason.id})
        low = self._stale("SI low", days=12, chance_level="low")
        medium = self._stale("SI medium", days=12)
        other_region = self.env["si.region"].create({"name": "SI elsewhere"})
        self.pool.rule_ids = [(0, 0, {"name": "low chance", "trigger": "no_followup",
                                      "days": 10, "warn_days": 0,
                                      "chance_level": "low"}),
                              (0, 0, {"name": "elsewhere", "trigger": "no_followup",
                                      "days": 10, "warn_days": 0,
                                      "region_ids": [(6, 0, other_region.ids)]})]
        self.pool._cron_recycle_leads()
        self.assertEqual(dead.pool_id, self.pool)
        self.assertEqual(low.pool_id, self.pool)
        self.assertFalse(medium.pool_id)
        medium.partner_id = self.env["res.partner"].create({
            "name": "SI elsewhere customer", "is_company": True,
            "state_id": self.env["res.country.state"].create({
                "name": "SI far", "code": "SIF",
                "country_id": self.env.ref("base.cn").id}).id})
        other_region.state_ids = [(6, 0, medium.partner_id.state_id.ids)]
        self.assertEqual(medium.si_region_id, other_region)
        self.pool._cron_recycle_leads()
        self.assertEqual(medium.pool_id, self.pool)

    def test_rule_bad_input(self):
        with self.assertRaises(ValidationError):
            self.pool.rule_ids[0].days = 0
        with self.assertRaises(ValidationError):
            self.pool.rule_ids[0].warn_days = 30
        with self.assertRaises(ValidationError):
            self.pool.daily_claim_limit = -1

    def test_claim_and_protection(self):
        lead = self._stale("SI claim me")
        followup = self.env["si.lead.followup"].with_user(self.rep).create({
            "lead_id": lead.id, "channel": "call", "content": "Old call"})
        self._age(followup, 40, "date")
        lead._refresh_followup_stats()
        self.pool._cron_recycle_leads()
        # the log keeps the lead's owner and pool (the rule of reps reads them)
        self.assertFalse(followup.lead_user_id)
        self.assertEqual(followup.lead_pool_id, self.pool)
        lead.with_user(self.rep2).action_pool_claim()
        self.assertEqual(lead.user_id, self.rep2)
        self.assertFalse(lead.pool_id)
        self.assertEqual(followup.lead_user_id, self.rep2)
        self.assertFalse(followup.lead_pool_id)
        self.assertTrue(lead.pool_protected_until)
        claim = lead.assignment_ids.filtered(lambda log: log.kind == "claim")
        self.assertEqual((claim.user_id, claim.author_id, claim.pool_id),
                         (self.rep2, self.rep2, self.pool))
        # protected: stale again but not recycled during the protection
        self._age(lead, 40, "date_open")
        self.pool._cron_recycle_leads()
        self.assertEqual(lead.user_id, self.rep2)
        with self.assertRaises(UserError):
            lead.with_user(self.rep).action_pool_claim()

    def test_claim_limits_refuse_the_whole_batch(self):
        leads = self.env["crm.lead"]
        for index in range(4):
            leads |= self._stale("SI batch %s" % index, user=self.junior)
        self.pool._cron_recycle_leads()
        self.assertEqual(leads.mapped("pool_id"), self.pool)
        with self.assertRaises(UserError):
            leads.with_user(self.rep2).action_pool_claim()
        self.assertFalse(leads.mapped("user_id"))
        self.assertFalse(self.History.search([("lead_id", "in", leads.ids),
                                              ("kind", "=", "claim")]))
        leads[:3].with_user(self.rep2).action_pool_claim()
        with self.assertRaises(UserError):
            leads[3:].with_user(self.rep2).action_pool_claim()
        # the rep's own limit replaces the pool's
        self.profile2.max_daily_claims = 5
        leads[3:].with_user(self.rep2).action_pool_claim()
        self.assertEqual(leads.mapped("user_id"), self.rep2)

    def test_hold_limit(self):
        lead = self._pooled("SI hold")
        self._create_lead("SI held 1", user=self.rep2)
        self._create_lead("SI held 2", user=self.rep2)
        self.profile2.max_open_leads = 2
        with self.assertRaises(UserError):
            lead.with_user(self.rep2).action_pool_claim()
        self.profile2.max_open_leads = 3
        lead.with_user(self.rep2).action_pool_claim()
        self.assertEqual(lead.user_id, self.rep2)

    def test_cooldown_for_previous_owner(self):
        lead = self._pooled("SI cool")
        with self.assertRaises(UserError):
            lead.with_user(self.rep).action_pool_claim()
        self.pool.cooldown_days = 0
        lead.with_user(self.rep).action_pool_claim()
        self.assertEqual(lead.user_id, self.rep)

    def test_claim_of_a_lead_not_in_the_pool(self):
        lead = self._create_lead("SI mine")
        with self.assertRaises(UserError):
            lead.with_user(self.rep2).action_pool_claim()
        self.assertEqual(lead.user_id, self.rep)

    def test_pooled_lead_is_read_only_and_masked_for_reps(self):
        lead = self._pooled("SI masked", phone="+86 138 0013 8000",
                            email_from="li.wei@example.com")
        with self.assertRaises(UserError):
            lead.with_user(self.rep2).write({"description": "mine now"})
        row = lead.with_user(self.rep2).read(["phone", "email_from"])[0]
        self.assertNotIn("0013", row["phone"])
        self.assertEqual(row["email_from"], "l***@example.com")
        manager_row = lead.with_user(self.manager).read(["phone"])[0]
        self.assertEqual(manager_row["phone"], "+86 138 0013 8000")
        lead.with_user(self.rep2).action_pool_claim()
        self.assertEqual(lead.with_user(self.rep2).read(["phone"])[0]["phone"],
                         "+86 138 0013 8000")

    def test_release_with_reason(self):
        lead = self._create_lead("SI release", team_id=self.team.id)
        Wizard = self.env["si.lead.release.wizard"]
        wizard = Wizard.with_user(self.rep).with_context(active_ids=lead.ids).create(
            {"reason": "  "})
        self.assertEqual(wizard.pool_id, self.pool)
        with self.assertRaises(UserError):
            wizard.action_release()
        other = Wizard.with_user(self.rep_all).with_context(active_ids=lead.ids).create(
            {"reason": "not mine"})
        with self.assertRaises(UserError):
            other.action_release()
        self.assertEqual(lead.user_id, self.rep)
        wizard.reason = "Outside my region"
        wizard.action_release()
        self.assertEqual((lead.pool_id, lead.user_id, lead.previous_user_id),
                         (self.pool, self.env["res.users"], self.rep))
        log = lead.assignment_ids
        self.assertEqual((log.kind, log.reason, log.author_id),
                         ("release", "Outside my region", self.rep))

    def test_manager_assigns_and_moves_pooled_leads(self):
        lead = self._pooled("SI manager")
        other_pool = self.env["si.lead.pool"].create({"name": "SI Other Pool"})
        self.env["si.lead.release.wizard"].with_user(self.manager).with_context(
            active_ids=lead.ids).create({"pool_id": other_pool.id,
                                         "reason": "Better fit"}).action_release()
        self.assertEqual(lead.pool_id, other_pool)
        self.assertEqual(lead.assignment_ids[0].kind, "move")
        lead.with_user(self.manager).user_id = self.rep2
        self.assertFalse(lead.pool_id)
        self.assertEqual(lead.assignment_ids[0].kind, "pool_assign")

    def test_visibility(self):
        lead = self._pooled("SI visible")
        Lead = self.env["crm.lead"]
        self.assertIn(lead, Lead.with_user(self.rep2).search([("id", "=", lead.id)]))
        self.assertIn(lead, Lead.with_user(self.rep).search([("id", "=", lead.id)]))
        self.pool.previous_owner_visible = False
        self.assertFalse(Lead.with_user(self.rep).search([("id", "=", lead.id)]))
        self.assertIn(lead, Lead.with_user(self.rep2).search([("id", "=", lead.id)]))
        outsider = self._create_user("si_outsider", ["sales_team.group_sale_salesman"])
        self.env["crm.team.member"].create({
            "user_id": outsider.id,
            "crm_team_id": self.env["crm.team"].create({"name": "SI other team"}).id})
        self.assertFalse(Lead.with_user(outsider).search([("id", "=", lead.id)]))
        self.pool.visible_user_ids = [(4, outsider.id)]
        self.assertIn(lead, Lead.with_user(outsider).search([("id", "=", lead.id)]))
        # a rep does not see another rep's lead; the manager sees everything
        owned = self._create_lead("SI owned", user=self.rep2)
        with self.assertRaises(AccessError):
            owned.with_user(self.rep).read(["name"])
        self.assertIn(owned, Lead.with_user(self.manager).search(
            [("id", "=", owned.id)]))
        # the log of a pooled lead follows the pool's visibility; its author
        # keeps it, under the lead's name
        Followup = self.env["si.lead.followup"]
        of_lead = [("lead_id", "=", lead.id)]
        self.assertTrue(Followup.with_user(outsider).search(of_lead))
        self.pool.visible_user_ids = [(5,)]
        self.assertFalse(Followup.with_user(outsider).search(of_lead))
        self.assertTrue(Followup.with_user(self.rep2).search(of_lead))
        own_log = Followup.with_user(self.rep).search(of_lead)
        self.assertEqual(own_log.display_name, "SI visible")
        # a team leader with a rep's rights sees the team's leads
        self.assertFalse(Lead.with_user(self.junior).search([("id", "=", owned.id)]))
        self.team.user_id = self.junior
        self.assertIn(owned, Lead.with_user(self.junior).search(
            [("id", "=", owned.id)]))
        history = self.env["si.lead.assignment"].with_user(self.rep2).search(
            [("lead_id", "=", lead.id)])
        self.assertFalse(history)

    def test_conflict_warning_on_creation(self):
        self._pooled("SI pooled customer", email_from="buyer@si-robot.example")
        self._create_lead("SI owned customer", user=self.rep2,
                          phone="+86 139 0000 1111")
        Lead = self.env["crm.lead"].with_user(self.rep)
        draft = Lead.new({"name": "New", "email_from": "Buyer@si-robot.example"})
        self.assertIn("pool", draft._onchange_conflict_warning()["warning"]["message"])
        draft = Lead.new({"name": "New", "phone": "+86 139 0000 1111"})
        self.assertIn(self.rep2.name, draft._conflict_message())
        self.assertFalse(Lead.new({"name": "New", "email_from": "x@y.example"})
                         ._conflict_message())

    def test_stale_pool_leads_are_reassigned(self):
        lead = self._pooled("SI sinking")
        self.pool.write({"auto_reassign": True, "reassign_after_days": 3})
        self.pool._cron_recycle_leads()
        self.assertFalse(lead.user_id, "not in the pool for 3 days yet")
        self._age(lead, 4, "pool_date")
        self.pool._cron_recycle_leads()
        self.assertIn(lead.user_id, self.rep | self.rep2 | self.junior)
        self.assertEqual(lead.assignment_ids[0].kind, "pool_assign")
        self.assertFalse(lead.pool_id)

    def test_uninstall_gives_odoo_its_lead_rule_back(self):
        from ..hooks import uninstall_hook
        from ..models.si_lead_pool import ODOO_LEAD_RULE, POOL_LEAD_RULE
        rule = self.env.ref("crm.crm_rule_personal_lead")
        self.assertEqual(rule.domain_force, POOL_LEAD_RULE)
        uninstall_hook(self.env)
        rule.invalidate_recordset()
        self.assertEqual(rule.domain_force, ODOO_LEAD_RULE)

    def test_revive_dead_leads_into_the_pool(self):
        reason = self.env["crm.lost.reason"].create({"name": "SI timing"})
        lead = self._create_lead("SI revive", team_id=self.team.id)
        lead.write({"chance_level": "none", "chance_reason_id": reason.id})
        Wizard = self.env["si.lead.revive.wizard"].with_user(self.manager)
        with self.assertRaises(UserError):
            Wizard.create({"lead_ids": [(6, 0, lead.ids)], "user_id": self.rep2.id,
                           "pool_id": self.pool.id}).action_revive()
        Wizard.create({"lead_ids": [(6, 0, lead.ids)], "pool_id": self.pool.id,
                       "note": "New budget year"}).action_revive()
        self.assertEqual((lead.chance_level, lead.pool_id, lead.user_id),
                         ("low", self.pool, self.env["res.users"]))
        self.assertEqual(lead.assignment_ids[0].reason, "New budget year")
