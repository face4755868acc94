# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Intake channels as each role: views, tokens, submissions, the cleaning job
and the plain submission tools."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..tools.intake import (
    PayloadError,
    check_json_payload,
    clean_submission,
    clean_text,
    hash_token,
)
from .common import SalesIntelligenceCase


@tagged("post_install", "-at_install")
class TestIntakeAccess(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create({"name": "SI Intake Access Team"})
        cls.channel = cls.env["si.intake.channel"].create({
            "name": "SI Access API", "kind": "api", "code": "si-access-api",
            "team_id": cls.team.id})

    def test_views_load_for_each_role(self):
        for user in (self.rep, self.rep_all, self.manager):
            # each role computes the counters itself, not from another's cache
            self.env.invalidate_all()
            Channel = self.env["si.intake.channel"].with_user(user)
            Channel.get_views([(False, "list"), (False, "form"), (False, "search")])
            result = Channel.web_search_read(
                [], {"name": {}, "kind": {}, "lead_count": {}})
            self.assertIn(self.channel.id, [rec["id"] for rec in result["records"]])
            self.env["crm.lead"].with_user(user).get_views(
                [(False, "form"), (False, "search")])
        Submission = self.env["si.intake.submission"].with_user(self.manager)
        Submission.get_views([(False, "list"), (False, "form"), (False, "search"),
                              (False, "pivot"), (False, "graph")])
        Submission.read_group([], ["channel_id"], ["outcome"])
        with self.assertRaises(AccessError):
            self.env["si.intake.submission"].with_user(self.rep).search([])
        with self.assertRaises(AccessError):
            self.env["si.intake.channel"].with_user(self.finance).search([])

    def test_rep_cannot_read_or_make_tokens(self):
        self.channel.with_user(self.manager).action_generate_token()
        for fname in ("token_hash", "token_hint"):
            with self.assertRaises(AccessError):
                self.channel.with_user(self.rep).read([fname])
        with self.assertRaises(AccessError):
            self.channel.with_user(self.manager).read(["token_hash"])
        self.assertEqual(self.channel.with_user(self.rep).read(["name"])[0]["name"],
                         "SI Access API")
        with self.assertRaises(UserError):
            self.channel.with_user(self.rep).action_generate_token()
        with self.assertRaises(UserError):
            self.channel.with_user(self.rep).action_revoke_token()
        with self.assertRaises(AccessError):
            self.channel.with_user(self.rep).write({"rate_limit_token": 0})

    def test_token_shown_once_and_stored_hashed(self):
        action = self.channel.with_user(self.manager).action_generate_token()
        token = action["context"]["default_token"]
        self.assertTrue(token.startswith("si_"))
        self.assertGreater(len(token), 40)
        self.assertEqual(self.channel.token_hash, hash_token(token))
        self.assertNotIn(token, str(self.channel.read()[0]))
        self.assertEqual(self.channel.token_hint, token[:7] + "…")
        shown = self.env["si.intake.token.show"].with_user(self.manager).with_context(
            **action["context"]).default_get(["token", "channel_name"])
        self.assertEqual(shown["token"], token)
        form = self.env["si.intake.channel"].create({
            "name": "SI Access Form", "kind": "h5", "team_id": self.team.id})
        with self.assertRaises(UserError):
            form.with_user(self.manager).action_generate_token()
        self.channel.with_user(self.manager).action_revoke_token()
        self.assertFalse(self.channel.token_hash)
        self.assertFalse(self.env["si.intake.channel"]._intake_api_channel(token))

    def test_channel_constraints(self):
        with self.assertRaises(ValidationError):
            self.env["si.intake.channel"].create({
                "name": "Bad", "code": "a/b", "team_id": self.team.id})
        with self.assertRaises(ValidationError):
            self.env["si.intake.channel"].create({
                "name": "Referral", "team_id": self.team.id,
                "entry_channel": "referral"})
        self.assertIn("/si/intake/form/si-access-form",
                      self.env["si.intake.channel"].create({
                          "name": "Form", "code": "si-access-form",
                          "team_id": self.team.id}).public_url)
        self.assertTrue(self.channel.public_url.endswith("/si/intake/api/v1/leads"))

    def test_rate_counters_cleaned(self):
        # the counters use their own cursor: in test mode, a savepoint of ours
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        Rate = self.env["si.intake.rate"]
        Rate.create([
            {"channel_id": self.channel.id, "bucket": "token",
             "window_start": "2020-01-01 10:00:00", "hits": 5},
            {"channel_id": self.channel.id, "bucket": "token",
             "window_start": "2020-01-01 10:01:00", "hits": 1},
        ])
        self.assertIs(Rate._intake_hit(self.channel, {"token": 0, "ip:x": 1}), False)
        self.assertTrue(Rate._intake_hit(self.channel, {"ip:x": 1}))
        Rate._cron_clean()
        counters = Rate.search([("channel_id", "=", self.channel.id)])
        self.assertEqual(counters.mapped("bucket"), ["ip:x"])
        self.assertEqual(counters.hits, 2)

    def test_submission_tools(self):
        self.assertEqual(clean_text("  Li \t Wei\x00 "), "Li Wei")
        self.assertEqual(clean_text("a\r\n\r\n\r\nb\u202e", multiline=True), "a\n\nb")
        values, too_long = clean_submission({"contact_name": "x" * 129, "other": "y"})
        self.assertEqual(too_long, ["contact_name"])
        self.assertNotIn("other", values)
        self.assertEqual(values["email"], "")
        check_json_payload({"email": None, "consent": True,
                            "submission_id": "abcd-1234"})
        for payload, field in (({"consent": "yes"}, "consent"), ({"x": 1}, "x"),
                               ({"phone": 12}, "phone")):
            with self.assertRaises(PayloadError) as err:
                check_json_payload(payload)
            self.assertEqual(err.exception.field, field)
