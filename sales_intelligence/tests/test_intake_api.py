# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The JSON intake endpoint over real HTTP: leads, deduplication, tokens,
errors and rate limits."""
from odoo.tests import tagged

from .intake_common import API_URL, IntakeCase

PERSON = {
    "contact_name": "Li Wei",
    "email": "Li.Wei@Kite-Example.cn",
    "phone": "+86 138 0013 8001",
    "company_name": "Hangzhou Kite Co., Ltd.",
    "message": "We need 40 seats from June.",
}


@tagged("post_install", "-at_install")
class TestIntakeApi(IntakeCase):

    def test_happy_path_creates_one_tagged_lead(self):
        res = self.post_api(dict(PERSON, submission_id="happy-0001",
                                 referrer="https://partner.example/offer"))
        self.assertEqual(res.status_code, 200)
        self.assertEqual(res.json(),
                         {"status": "received", "submission_id": "happy-0001"})
        lead = self.channel_leads(self.api)
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.team_id, self.team)
        self.assertEqual(lead.entry_channel, "app_h5")
        self.assertEqual(lead.source_id, self.source)
        self.assertEqual(lead.medium_id, self.medium)
        self.assertEqual(lead.campaign_id, self.campaign)
        self.assertFalse(lead.user_id, "the team's assignment chooses the owner")
        self.assertEqual(lead.contact_name, "Li Wei")
        self.assertEqual(lead.partner_name, "Hangzhou Kite Co., Ltd.")
        self.assertEqual(lead.email_normalized, "li.wei@kite-example.cn")
        self.assertEqual(lead.phone_sanitized, "+8613800138001")
        self.assertIn("We need 40 seats from June.", lead.description)
        self.assertFalse(lead.rejected)
        submission = self.api.submission_ids
        self.assertEqual((submission.outcome, submission.lead_id), ("created", lead))
        self.assertEqual(submission.referrer, "https://partner.example/offer")
        self.assertEqual((self.api.lead_count, self.api.submission_count), (1, 1))

    def test_lead_or_opportunity_as_the_crm_settings_say(self):
        self.team.use_leads = True
        self.post_api(dict(PERSON, submission_id="type-00001"))
        use_lead = self.env.ref("crm.group_use_lead")
        self.env.ref("base.group_user").implied_ids |= use_lead
        self.post_api({"contact_name": "Second", "email": "second@example.org",
                       "submission_id": "type-00002"})
        self.assertEqual(self.channel_leads(self.api).sorted("id").mapped("type"),
                         ["opportunity", "lead"])

    def test_campaign_by_name_only_when_it_exists(self):
        self.post_api(dict(PERSON, submission_id="camp-0001",
                           campaign="si autumn show"))
        self.post_api({"email": "other@example.org", "contact_name": "Other",
                       "submission_id": "camp-0002", "campaign": "Made Up Campaign"})
        leads = self.channel_leads(self.api).sorted("id")
        self.assertEqual(leads.campaign_id.mapped("name"),
                         ["SI Autumn Show", "SI Spring Fair"])
        self.assertFalse(self.env["utm.campaign"].search(
            [("name", "=", "Made Up Campaign")]))

    def test_duplicate_person_is_added_to_open_lead(self):
        own = self._create_lead("Kite upgrade", type="lead", phone="+86 138 0013 8001")
        first = self.post_api(dict(PERSON, submission_id="dupe-0001"))
        second = self.post_api(dict(PERSON, email="li.wei@kite-example.cn",
                                    message="Any news?", submission_id="dupe-0002"))
        self.assertEqual((first.status_code, second.status_code), (200, 200))
        self.assertEqual(first.json(),
                         {"status": "received", "submission_id": "dupe-0001"})
        self.assertEqual(second.json(),
                         {"status": "received", "submission_id": "dupe-0002"})
        self.assertFalse(self.channel_leads(self.api), "no duplicate lead is made")
        self.assertEqual(self.api.submission_ids.mapped("outcome"), ["attached"] * 2)
        self.assertEqual(self.api.submission_ids.lead_id, own)
        notes = own.message_ids.filtered(lambda m: "SI Partner Site" in (m.body or ""))
        self.assertEqual(len(notes), 2)
        self.assertTrue(any("Any news?" in note.body for note in notes))
        self.assertEqual(self.api.attached_count, 2)

    def test_closed_lead_is_not_reused(self):
        won = self._create_lead("Old deal", email_from="li.wei@kite-example.cn")
        won.action_set_won()
        self.post_api(dict(PERSON, submission_id="closed-0001"))
        lead = self.channel_leads(self.api)
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.duplicate_of_id, won, "flagged as any new lead")

    def test_same_submission_id_gives_one_lead(self):
        first = self.post_api(dict(PERSON, submission_id="again-0001"))
        second = self.post_api(dict(PERSON, submission_id="again-0001",
                                    email="someone.else@example.org"))
        self.assertEqual(first.status_code, 200)
        self.assertEqual(second.status_code, 200)
        self.assertEqual(first.json(), second.json())
        self.assertEqual(len(self.channel_leads(self.api)), 1)
        self.assertEqual(len(self.api.submission_ids), 1)

    def test_bad_and_missing_token_401(self):
        for token in ("si_not-a-real-token", " "):
            res = self.post_api(PERSON, token=token)
            self.assertEqual(res.status_code, 401)
            self.assertEqual(res.json()["error"]["code"], "invalid_token")
            self.assertIn("Bearer", res.headers["WWW-Authenticate"])
        self.assertFalse(self.channel_leads(self.api))

    def test_revoked_token_401(self):
        self.api.with_user(self.manager).action_revoke_token()
        res = self.post_api(PERSON)
        self.assertEqual(res.status_code, 401)
        self.assertFalse(self.channel_leads(self.api))

    def test_regenerated_token_replaces_old_one(self):
        action = self.api.with_user(self.manager).action_generate_token()
        new_token = action["context"]["default_token"]
        self.assertNotEqual(new_token, self.token)
        self.assertEqual(self.post_api(PERSON, token=self.token).status_code, 401)
        res = self.post_api(dict(PERSON, submission_id="regen-0001"), token=new_token)
        self.assertEqual(res.status_code, 200)
        self.assertEqual(len(self.channel_leads(self.api)), 1)

    def test_malformed_json_400(self):
        res = self.post_api(body='{"email": "a@example.org",')
        self.assertEqual(res.status_code, 400)
        self.assertEqual(res.json()["error"]["code"], "invalid_json")
        res = self.post_api(body='["a list"]')
        self.assertEqual(res.json()["error"]["code"], "invalid_payload")
        res = self.post_api({"email": 42})
        self.assertEqual(res.status_code, 400)
        self.assertEqual(res.json()["error"], {
            "code": "invalid_payload", "field": "email",
            "message": 'Wrong type for "email": see the schema.'})
        res = self.post_api(dict(PERSON, user_id=1))
        self.assertEqual((res.status_code, res.json()["error"]["field"]),
                         (400, "user_id"))
        res = self.post_api(dict(PERSON, submission_id="x"))
        self.assertEqual((res.status_code, res.json()["error"]["field"]),
                         (400, "submission_id"))
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        res = self.post_api(body="email=a@example.org", headers=form)
        self.assertEqual((res.status_code, res.json()["error"]["code"]),
                         (400, "not_json"))
        self.assertFalse(self.channel_leads(self.api))

    def test_validation_422_with_message(self):
        res = self.post_api({"email": "buyer@example.org"})
        self.assertEqual(res.status_code, 422)
        error = res.json()["error"]
        self.assertEqual(error["code"], "validation_failed")
        self.assertEqual(error["fields"], {"contact_name": "Your name is required."})
        self.assertEqual(error["message"], "Your name is required.")
        res = self.post_api({"contact_name": "No contact"})
        self.assertEqual(list(res.json()["error"]["fields"]), ["email"])
        res = self.post_api(dict(PERSON, email="not an address", phone="call me"))
        self.assertEqual(res.status_code, 422)
        self.assertEqual(res.json()["error"]["fields"], {
            "email": '"not an address" is not a valid e-mail address.',
            "phone": '"call me" is not a phone number.'})
        res = self.post_api(dict(PERSON, contact_name="x" * 129))
        self.assertEqual(res.json()["error"]["fields"], {
            "contact_name": "Your name is too long (at most 128 characters)."})
        self.assertFalse(self.channel_leads(self.api))
        self.assertFalse(self.api.submission_ids)

    def test_validation_message_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        res = self.post_api({"email": "buyer@example.org", "lang": "zh_CN"})
        self.assertEqual(res.status_code, 422)
        message = res.json()["error"]["fields"]["contact_name"]
        self.assertNotEqual(message, "Your name is required.")
        self.assertIn("姓名", message)

    def test_consent_required_when_shown(self):
        self.api.consent_text = "I agree to be contacted."
        res = self.post_api(dict(PERSON, submission_id="consent-001"))
        self.assertEqual(res.status_code, 422)
        self.assertIn("consent", res.json()["error"]["fields"])
        res = self.post_api(dict(PERSON, submission_id="consent-001", consent=True))
        self.assertEqual(res.status_code, 200)

    def test_oversized_body_413(self):
        res = self.post_api(dict(PERSON, message="x" * 20000))
        self.assertEqual(res.status_code, 413)
        self.assertEqual(res.json()["error"]["code"], "payload_too_large")
        self.assertFalse(self.channel_leads(self.api))

    def test_rate_limit_per_token_429(self):
        self.api.rate_limit_token = 3
        codes = [self.post_api(dict(PERSON, submission_id="rate-%04d" % i)).status_code
                 for i in range(5)]
        self.assertEqual(codes, [200, 200, 200, 429, 429])
        res = self.post_api(PERSON)
        self.assertEqual(res.json()["error"]["code"], "rate_limited")
        self.assertEqual(res.headers["Retry-After"], "60")
        self.assertEqual(len(self.api.submission_ids), 3)

    def test_rate_limit_per_address_429(self):
        self.api.rate_limit_address = 2
        codes = [self.post_api({"email": "a@example.org"}).status_code
                 for _i in range(3)]
        self.assertEqual(codes, [422, 422, 429], "refused requests count too")
        counters = self.env["si.intake.rate"].search([("channel_id", "=", self.api.id)])
        self.assertEqual(counters.mapped("hits"), [3])
        self.assertTrue(counters.bucket.startswith("ip:"), "no address is stored")
        self.assertNotIn("127.0.0.1", counters.bucket)

    def test_markup_is_stored_as_text(self):
        self.post_api(dict(PERSON, submission_id="xss-000001",
                           contact_name="<b>Bob</b>",
                           message="<script>alert('x')</script>\nSecond line"))
        lead = self.channel_leads(self.api)
        self.assertEqual(lead.contact_name, "<b>Bob</b>", "kept as text")
        self.assertNotIn("<script", lead.description)
        self.assertIn("&lt;script&gt;", lead.description)
        self.assertIn("Second line", lead.description)

    def test_contract_customer_rejected_per_setting(self):
        customer = self.env["res.partner"].create({
            "name": "Contracted Kite", "is_company": True,
            "email": "li.wei@kite-example.cn"})
        self._contract(customer)
        res = self.post_api(dict(PERSON, submission_id="contract-01"))
        self.assertEqual(res.json(),
                         {"status": "received", "submission_id": "contract-01"})
        lead = self.channel_leads(self.api)
        self.assertTrue(lead.rejected)
        self.assertEqual(lead.reject_reason, "running_contract")
        self.assertFalse(lead.active)
        self.assertIn("Contracted Kite", lead.reject_note)
        self.assertEqual(self.api.submission_ids.outcome, "rejected")
        # the company may keep such leads
        self.env.company.si_reject_contract_leads = False
        self.post_api(dict(PERSON, submission_id="contract-02",
                           email="new@kite-example.cn", phone=None, vat=None))
        kept = self.channel_leads(self.api) - lead
        self.assertEqual(len(kept), 1)
        self.assertFalse(kept.rejected)

    def test_contract_customer_by_vat(self):
        customer = self.env["res.partner"].create({
            "name": "VAT Kite", "is_company": True, "vat": "91330100MA27XK1234"})
        self._contract(customer)
        self.post_api({"contact_name": "Zhang", "email": "zhang@example.org",
                       "vat": "91330100ma27xk1234", "submission_id": "contract-vat"})
        self.assertTrue(self.channel_leads(self.api).rejected)

    def test_archived_channel_refuses_token(self):
        self.api.active = False
        self.assertEqual(self.post_api(PERSON).status_code, 401)

    def test_get_is_not_allowed(self):
        res = self.url_open(API_URL)
        self.assertEqual(res.status_code, 405)
