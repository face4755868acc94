# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The intake service routes new leads to the channel's team and its
assignment engine (explained matching at once, Odoo's on its schedule)."""
from odoo.tests import tagged

from ..tools.intake import clean_submission
from .common import MatchingCase


@tagged("post_install", "-at_install")
class TestIntakeRouting(MatchingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel = cls.env["si.intake.channel"].create({
            "name": "SI Routing Form", "kind": "pc", "code": "si-routing",
            "team_id": cls.team.id, "entry_channel": "pc"})

    def _submit(self, key, **values):
        values, too_long = clean_submission(dict(
            {"contact_name": "Zhou Min", "email": "zhou.min@routing.example",
             "message": "Quotation please."}, **values))
        self.assertFalse(self.channel._intake_validate(values, too_long))
        return self.channel.sudo()._intake_submit(values, key)

    def _lead(self):
        return self.env["crm.lead"].search(
            [("si_intake_channel_id", "=", self.channel.id)])

    def test_matching_team_assigns_on_arrival(self):
        self.team.si_assignment_mode = "matching"
        self.assertEqual(self._submit("route-0001"), "created")
        lead = self._lead()
        self.assertEqual(lead.team_id, self.team)
        self.assertIn(lead.user_id, self.rep | self.rep2 | self.junior)
        self.assertEqual(lead.entry_channel, "pc")

    def test_odoo_team_and_opt_out_wait_for_the_schedule(self):
        self.team.si_assignment_mode = "odoo"
        self._submit("route-0002")
        self.assertFalse(self._lead().user_id)
        self.team.write({"si_assignment_mode": "matching",
                         "assignment_optout": True})
        self._submit("route-0003", email="other@routing.example")
        self.assertFalse(self._lead().user_id)
        self.team.assignment_optout = False
        self.channel.assign_on_arrival = False
        self._submit("route-0004", email="third@routing.example")
        self.assertEqual(len(self._lead()), 3)
        self.assertFalse(self._lead().user_id)

    def test_outcomes_never_reach_the_sender(self):
        self.assertEqual(self._submit("route-0005"), "created")
        self.assertEqual(self._submit("route-0005"), "duplicate")
        self.assertEqual(self._submit("route-0006", message="Again"), "attached")
        self.assertEqual(len(self._lead()), 1)
        self.assertEqual(self.channel.submission_ids.mapped("outcome"),
                         ["attached", "created"])
