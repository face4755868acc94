# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError

from .common import MatchingCase


class TestRepMatching(MatchingCase):

    def _unassigned(self, name, **values):
        return self.env["crm.lead"].create(dict(
            values, name=name, type="opportunity", team_id=self.team.id,
            user_id=False))

    def test_history_of_reps(self):
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        self._create_lead("SI won", expected_revenue=1000.0, stage_id=won_stage.id,
                          partner_id=self.customer.id)
        lost = self._create_lead("SI lost")
        lost.action_set_lost()
        self._create_lead("SI open")
        self.profile.invalidate_recordset()
        self.assertEqual(self.profile.won_count, 1)
        self.assertEqual(self.profile.won_revenue, 1000.0)
        self.assertEqual(self.profile.win_rate, 50.0)
        self.assertEqual(self.profile.open_lead_count, 1)
        self.assertEqual(self.profile.load_rate, 10.0)
        self.assertEqual(self.rep.si_grade_id, self.grade_s)
        self.assertEqual(self.profile.team_id, self.team)

    def test_bad_input(self):
        with self.assertRaises(ValidationError):
            self.profile.max_open_leads = -1
        with self.assertRaises(ValidationError):
            self.grade_c.weight = 0
        with self.assertRaises(ValidationError):
            self.team.write({"si_weight_%s" % f: 0 for f in (
                "industry", "region", "specialty", "grade", "capacity", "history")})
        with self.assertRaises(ValidationError):
            self.team.si_weight_grade = -2

    def test_customer_reference_and_region_on_lead(self):
        lead = self._create_lead("SI ref", partner_id=self.customer.id)
        self.assertEqual(self.customer.si_region_id, self.region)
        self.assertEqual(lead.si_region_id, self.region)
        self.assertEqual(lead.partner_company_size, "large")
        self.assertEqual(lead.partner_registered_capital, 5000000.0)
        self.assertEqual(lead.sales_mode, "b2b")
        self.assertEqual(lead.user_grade_id, self.grade_s)
        # a state added to a region later moves its customers and leads
        other = self.env["res.country.state"].create({
            "name": "SI Other", "code": "SIO", "country_id": self.state.country_id.id})
        self.customer.state_id = other
        self.assertFalse(self.customer.si_region_id)
        self.region.state_ids = [(4, other.id)]
        self.assertEqual(self.customer.si_region_id, self.region)
        self.assertEqual(lead.si_region_id, self.region)

    def test_suggest_owner_explains_the_best_rep(self):
        lead = self._unassigned("SI key robots", partner_id=self.customer.id,
                                is_key_lead=True, si_tag_ids=[(6, 0, self.need.ids)])
        wizard = self.env["si.lead.assign.wizard"].with_user(self.manager).with_context(
            active_ids=lead.ids).create({})
        best = wizard.line_ids.sorted(lambda line: -line.score)[0]
        self.assertEqual(best.user_id, self.rep)
        self.assertEqual(best.explanation.count("+"), 5, "five factors score")
        self.assertGreater(best.score, wizard.line_ids.filtered(
            lambda line: line.user_id == self.junior).score)
        best.action_assign()
        self.assertEqual(lead.user_id, self.rep)
        log = lead.assignment_ids
        self.assertEqual(len(log), 1)
        self.assertEqual((log.kind, log.author_id, round(log.score, 1)),
                         ("manual", self.manager, round(best.score, 1)))

    def test_auto_assign_balances_and_respects_capacity(self):
        (self.profile | self.profile2).write({"max_open_leads": 2})
        self.profile_junior.max_open_leads = 1
        leads = self.env["crm.lead"]
        for index in range(6):
            leads |= self._unassigned("SI auto %s" % index)
        count = self.env["si.rep"]._auto_assign(leads, "auto", "test:")
        self.assertEqual(count, 5)
        owners = leads.mapped("user_id")
        self.assertEqual(owners, self.rep | self.rep2 | self.junior)
        for user, limit in ((self.rep, 2), (self.rep2, 2), (self.junior, 1)):
            self.assertEqual(len(leads.filtered(lambda rec: rec.user_id == user)),
                             limit)
        self.assertEqual(len(leads.filtered(lambda rec: not rec.user_id)), 1)
        logs = leads.mapped("assignment_ids")
        self.assertEqual(set(logs.mapped("kind")), {"auto"})
        self.assertTrue(all(log.reason.startswith("test:") for log in logs))

    def test_auto_assign_batches_hold_one_team_each(self):
        other = self.env["crm.team"].create({"name": "SI other team"})
        leads = self.env["crm.lead"]
        for index in range(6):
            leads |= self.env["crm.lead"].create({
                "name": "SI batch %s" % index, "type": "opportunity",
                "user_id": False, "team_id": (self.team, other)[index % 2].id})
        handed = []

        def assign(_rep, batch, _kind, _reason):
            handed.append((batch.team_id, batch.ids))
            return len(batch)

        with patch.object(type(self.env["si.rep"]), "_auto_assign", assign):
            count = self.env["si.rep"]._auto_assign_batches(
                [("id", "in", leads.ids)], "auto", "test:", batch_size=2)
        self.assertEqual(count, 6)
        # interleaved ids, yet every batch is one team's, in id order
        by_team = {team: leads.filtered(lambda lead, t=team: lead.team_id == t).ids
                   for team in (self.team, other)}
        self.assertEqual(
            sorted((team.id, tuple(ids)) for team, ids in handed),
            sorted((team.id, tuple(ids[start:start + 2]))
                   for team, ids in by_team.items() for start in (0, 2)))

    def test_each_lead_to_its_own_owner_in_one_change(self):
        first, second = self._unassigned("SI own 1"), self._unassigned("SI own 2")
        changed = (first | second)._si_change_owner(
            "auto", owners={first.id: self.rep, second.id: self.rep2},
            reason={first.id: "one", second.id: "two"},
            scores={first.id: 70.0, second.id: 40.0})
        self.assertEqual(changed, first | second)
        self.assertEqual((first.user_id, second.user_id), (self.rep, self.rep2))
        self.assertEqual(
            [(log.kind, log.user_id, log.reason, log.score)
             for log in (first | second).assignment_ids.sorted("lead_id")],
            [("auto", self.rep, "one", 70.0), ("auto", self.rep2, "two", 40.0)])

    def test_auto_assign_cron_is_idempotent(self):
        lead = self._unassigned("SI cron")
        # new teams keep Odoo's assignment until they choose the matching
        self.assertEqual(self.team.si_assignment_mode, "odoo")
        self.env["si.rep"]._cron_auto_assign()
        self.assertFalse(lead.user_id)
        self.team.si_assignment_mode = "matching"
        self.env["si.rep"]._cron_auto_assign()
        owner = lead.user_id
        self.assertIn(owner, self.rep | self.rep2 | self.junior)
        self.env["si.rep"]._cron_auto_assign()
        self.assertEqual(lead.user_id, owner)
        self.assertEqual(len(lead.assignment_ids), 1)
        # a team that does not want automatic assignment keeps its leads
        self.team.assignment_optout = True
        manual = self._unassigned("SI not auto")
        self.env["si.rep"]._cron_auto_assign()
        self.assertFalse(manual.user_id)

    def test_manual_reassignment_and_rematch(self):
        lead = self._create_lead("SI move")
        lead.with_user(self.manager).user_id = self.rep2
        log = lead.assignment_ids
        self.assertEqual((log.kind, log.user_id, log.previous_user_id),
                         ("manual", self.rep2, self.rep))
        lead.with_user(self.manager).si_tag_ids = [(6, 0, self.need.ids)]
        self.assertTrue(lead.si_rematch_suggested)
        lead.with_user(self.manager).user_id = self.rep
        self.assertFalse(lead.si_rematch_suggested)

    def test_rep_profile_rights(self):
        self.assertEqual(self.profile.with_user(self.rep2).grade_id, self.grade_s)
        with self.assertRaises(AccessError):
            self.profile.with_user(self.rep).write({"grade_id": self.grade_c.id})
        self.profile.with_user(self.manager).write({"grade_id": self.grade_c.id})
        self.assertEqual(self.profile.grade_id, self.grade_c)
