# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every owner change goes through one function: same reset, one history row,
one summary message per owner and run; reps do not hand leads to others;
capacity is the team membership's; each team chooses its assignment."""
from odoo.exceptions import UserError

from .common import MatchingCase


class TestLeadOwnership(MatchingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls.env["si.lead.pool"].create({
            "name": "SI Ownership Pool", "team_id": cls.team.id,
            "cooldown_days": 0, "protection_days": 5})
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def _unassigned(self, name, **values):
        return self.env["crm.lead"].create(dict(
            values, name=name, type="opportunity", team_id=self.team.id,
            user_id=False))

    def test_rep_cannot_give_a_lead_to_another_rep(self):
        lead = self._create_lead("SI mine", team_id=self.team.id)
        with self.assertRaisesRegex(UserError, "only a sales manager"):
            lead.with_user(self.rep).with_context(lang="en_US").write(
                {"user_id": self.rep2.id})
        self.assertEqual(lead.user_id, self.rep)
        self.assertFalse(lead.assignment_ids)
        # taking an unassigned lead and a manager's re-assignment are fine
        free = self._unassigned("SI free")
        free.with_user(self.rep).write({"user_id": self.rep.id})
        self.assertEqual(free.user_id, self.rep)
        lead.with_user(self.manager).write({"user_id": self.rep2.id})
        self.assertEqual(lead.user_id, self.rep2)

    def test_every_path_leaves_one_history_row_and_the_same_reset(self):
        lead = self._create_lead("SI paths", team_id=self.team.id)
        lead.write({"si_tag_ids": [(6, 0, self.need.ids)]})
        self.assertTrue(lead.si_rematch_suggested)
        lead._send_to_pool(self.pool, "release")
        self.assertEqual((lead.user_id.id, lead.pool_id, lead.previous_user_id),
                         (False, self.pool, self.rep))
        self.assertTrue(lead.pool_date)
        lead.with_user(self.rep2).action_pool_claim()
        self.assertEqual((lead.user_id, lead.pool_id.id), (self.rep2, False))
        self.assertTrue(lead.pool_protected_until)
        self.assertFalse(lead.si_rematch_suggested)
        lead.with_user(self.manager).user_id = self.junior
        self.assertFalse(lead.pool_protected_until)
        self.assertEqual(lead.assignment_ids.mapped("kind"),
                         ["manual", "claim", "release"])
        # writing the same owner again changes nothing
        lead.with_user(self.manager).user_id = self.junior
        self.assertEqual(len(lead.assignment_ids), 3)

    def test_history_row_has_the_company_the_new_owner_gives_the_lead(self):
        lead = self.env["crm.lead"].create({
            "name": "SI no company", "type": "opportunity", "user_id": False,
            "team_id": False, "company_id": False})
        self.assertFalse(lead.company_id)
        lead.with_user(self.manager).user_id = self.rep
        # Odoo gives the lead its owner's company; the history row follows
        self.assertTrue(lead.company_id)
        self.assertEqual(lead.assignment_ids.company_id, lead.company_id)

    def test_sending_to_the_pool_keeps_other_users_activities(self):
        lead = self._create_lead("SI activities", team_id=self.team.id)
        lead.activity_schedule("mail.mail_activity_data_todo", user_id=self.rep.id,
                               summary="rep's call")
        lead.activity_schedule("mail.mail_activity_data_todo",
                               user_id=self.manager.id, summary="manager's review")
        lead.with_user(self.rep).action_send_to_pool()
        self.env["si.lead.release.wizard"].with_user(self.rep).with_context(
            active_model="crm.lead", active_ids=lead.ids).create(
            {"pool_id": self.pool.id, "reason": "not for me"}).action_release()
        self.assertEqual(lead.activity_ids.mapped("summary"), ["manager's review"])

    def test_one_summary_message_per_owner_and_run(self):
        leads = self.env["crm.lead"]
        for index in range(4):
            leads |= self._unassigned("SI summary %s" % index)
        profiles = self.profile | self.profile2 | self.profile_junior
        before = {p: len(p.message_ids) for p in profiles}
        self.env["si.rep"]._auto_assign(leads, "auto", "test:")
        owners = leads.user_id
        self.assertTrue(owners)
        for profile in profiles:
            got = len(leads.filtered(lambda lead, p=profile: lead.user_id == p.user_id))
            self.assertEqual(len(profile.message_ids) - before[profile],
                             1 if got else 0, profile.name)
            if got:
                # in the owner's inbox, unread
                message = profile.message_ids[:1]
                self.assertIn("Leads you received (%s)" % got, message.body)
                self.assertEqual(message.notification_ids.mapped(
                    lambda n: (n.res_partner_id, n.notification_type, n.is_read)),
                    [(profile.user_id.partner_id, "inbox", False)])
                self.assertTrue(message.with_user(profile.user_id).needaction)
                # the addresses Odoo gives a message on the profile
                Message = self.env["mail.message"].sudo()
                self.assertEqual(
                    (message.email_from, message.reply_to),
                    (self.env.user.partner_id.email_formatted, Message._get_reply_to({
                        "model": "si.rep", "res_id": profile.id,
                        "message_type": "comment",
                        "email_from": self.env.user.partner_id.email_formatted})))
        self.assertEqual(len(leads.assignment_ids), 4)

    def test_capacity_is_the_team_membership(self):
        member = self.env["crm.team.member"].search(
            [("user_id", "=", self.rep.id), ("crm_team_id", "=", self.team.id)])
        self.assertEqual(self.profile.max_open_leads, 10)
        self.assertEqual(member.assignment_max, 10)
        self.profile.max_open_leads = 25
        self.assertEqual(member.assignment_max, 25)
        member.assignment_max = 40
        self.assertEqual(self.profile.max_open_leads, 40)
        loner = self._create_user("si_loner", ["sales_team.group_sale_salesman"])
        with self.assertRaises(UserError):
            self.env["si.rep"].create({"user_id": loner.id, "max_open_leads": 5})

    def test_team_chooses_matching_or_odoo_assignment(self):
        matching = self._unassigned("SI by matching", type="lead")
        self.team.si_assignment_mode = "matching"
        self.team.with_user(self.manager).with_context(
            lang="en_US")._action_assign_leads(force_quota=True)
        self.assertIn(matching.user_id, self.rep | self.rep2 | self.junior)
        self.assertEqual(matching.assignment_ids.kind, "auto")
        self.assertIn("Automatic assignment:", matching.assignment_ids.reason)
        # Odoo's own assignment, by daily quota; rep is the only member left
        self.team.si_assignment_mode = "odoo"
        self.profile.max_open_leads = 30
        self.env["crm.team.member"].search([
            ("crm_team_id", "=", self.team.id),
            ("user_id", "in", (self.rep2 | self.junior).ids)]).assignment_optout = True
        by_odoo = self._unassigned("SI by Odoo", type="lead")
        pooled = self._unassigned("SI pooled")
        pooled._send_to_pool(self.pool, "wait")
        self.team.with_user(self.manager)._action_assign_leads(force_quota=True)
        self.assertEqual(by_odoo.user_id, self.rep)
        self.assertEqual(by_odoo.assignment_ids.kind, "auto")
        self.assertFalse(pooled.user_id, "pooled leads stay in the pool")
