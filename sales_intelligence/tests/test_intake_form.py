# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The public H5 / PC lead form over real HTTP: CSRF, honeypot, validation,
rate limit, thank-you page."""
import re

from odoo.tests import tagged

from .intake_common import IntakeCase

FORM_URL = "/si/intake/form/si-test-h5"


@tagged("post_install", "-at_install")
class TestIntakeForm(IntakeCase):

    def assertThanks(self, res):
        self.assertEqual(res.status_code, 303)
        self.assertTrue(
            res.headers["Location"].endswith(FORM_URL + "/thanks?lang=en_US"))

    def open_form(self, url=FORM_URL):
        res = self.url_open(url)
        self.assertEqual(res.status_code, 200)
        fields = dict(re.findall(
            r'<input type="hidden" name="(\w+)" value="([^"]*)"', res.text))
        return res, fields

    def submit(self, fields, **values):
        data = dict(fields, contact_name="Chen Jing", phone="+86 139 0013 9000",
                    message="Please call me.")
        data.update(values)
        return self.url_open(FORM_URL, data=data, allow_redirects=False)

    def test_h5_and_pc_pages(self):
        res, fields = self.open_form()
        self.assertIn('name="viewport"', res.text)
        self.assertIn('<body class="h5">', res.text)
        self.assertIn('name="website"', res.text, "honeypot")
        self.assertTrue(fields["csrf_token"])
        self.assertTrue(fields["submission_id"])
        self.assertNotIn("<script", res.text)
        self.h5.kind = "pc"
        res, _fields = self.open_form()
        self.assertIn('<body class="pc">', res.text)
        self.assertEqual(self.url_open("/si/intake/form/no-such-code").status_code, 404)
        self.api.code = "si-api-code"
        self.assertEqual(self.url_open("/si/intake/form/si-api-code").status_code, 404,
                         "API channels have no form")

    def test_submit_creates_lead_and_thanks(self):
        _res, fields = self.open_form(FORM_URL + "?utm_campaign=SI%20Autumn%20Show")
        res = self.submit(fields)
        self.assertEqual(res.status_code, 303)
        self.assertThanks(res)
        lead = self.channel_leads(self.h5)
        self.assertEqual(len(lead), 1)
        self.assertEqual((lead.entry_channel, lead.team_id), ("app_h5", self.team))
        self.assertEqual(lead.campaign_id, self.other_campaign)
        self.assertEqual(lead.phone_sanitized, "+8613900139000")
        thanks = self.url_open(FORM_URL + "/thanks")
        self.assertEqual(thanks.status_code, 200)
        self.assertIn("Thank you", thanks.text)
        # the same page sent twice gives one lead
        self.assertEqual(self.submit(fields).status_code, 303)
        self.assertEqual(len(self.channel_leads(self.h5)), 1)

    def test_existing_lead_gets_same_answer(self):
        own = self._create_lead("Chen", type="lead", phone="+86 139 0013 9000")
        _res, fields = self.open_form()
        res = self.submit(fields)
        self.assertEqual(res.status_code, 303)
        self.assertThanks(res)
        self.assertFalse(self.channel_leads(self.h5))
        self.assertEqual(self.h5.submission_ids.lead_id, own)

    def test_missing_csrf_is_refused(self):
        _res, fields = self.open_form()
        del fields["csrf_token"]
        res = self.submit(fields)
        self.assertEqual(res.status_code, 400)
        res = self.submit(dict(fields, csrf_token="forged"))
        self.assertEqual(res.status_code, 400)
        self.assertFalse(self.channel_leads(self.h5))
        self.assertFalse(self.h5.submission_ids)

    def test_honeypot_gives_thanks_and_no_lead(self):
        _res, fields = self.open_form()
        res = self.submit(fields, website="http://spam.example")
        self.assertEqual(res.status_code, 303)
        self.assertThanks(res)
        self.assertFalse(self.channel_leads(self.h5))
        self.assertEqual(self.h5.submission_ids.outcome, "spam")
        self.assertEqual(self.h5.spam_count, 1)

    def test_validation_errors_shown_on_form(self):
        _res, fields = self.open_form()
        res = self.submit(fields, contact_name="", phone="not a number",
                          message="<script>alert(1)</script>")
        self.assertEqual(res.status_code, 422)
        self.assertIn("Your name is required.", res.text)
        self.assertIn("is not a phone number.", res.text)
        self.assertNotIn("<script>alert(1)", res.text, "echoed as text")
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", res.text)
        self.assertFalse(self.channel_leads(self.h5))

    def test_markup_stored_as_text(self):
        _res, fields = self.open_form()
        self.submit(fields, contact_name='<img src=x onerror="alert(1)">',
                    message="<script>alert(1)</script>")
        lead = self.channel_leads(self.h5)
        self.assertEqual(lead.contact_name, '<img src=x onerror="alert(1)">')
        self.assertNotIn("<script", lead.description)
        self.assertIn("&lt;script&gt;", lead.description)

    def test_consent_checkbox(self):
        self.h5.consent_text = "I agree to be contacted."
        res, fields = self.open_form()
        self.assertIn("I agree to be contacted.", res.text)
        self.assertEqual(self.submit(fields).status_code, 422)
        self.assertEqual(self.submit(fields, consent="1").status_code, 303)
        self.assertEqual(len(self.channel_leads(self.h5)), 1)

    def test_rate_limit_per_address(self):
        self.h5.rate_limit_address = 2
        _res, fields = self.open_form()
        codes = [self.submit(fields, submission_id="form-rate-%03d" % i).status_code
                 for i in range(3)]
        self.assertEqual(codes, [303, 303, 429])
        self.assertEqual(len(self.channel_leads(self.h5)), 1, "same person: one lead")
        self.assertEqual(len(self.h5.submission_ids), 2)

    def test_oversized_form_413(self):
        _res, fields = self.open_form()
        res = self.submit(fields, message="x" * 20000)
        self.assertEqual(res.status_code, 413)
        self.assertFalse(self.channel_leads(self.h5))
