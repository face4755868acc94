# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta
from unittest import TestCase

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from ..tools.normalize import (
    InvalidPhone,
    normalize_company_name,
    normalize_email,
    normalize_phone,
)
from .common import SalesIntelligenceCase


class TestNormalize(TestCase):

    def test_phone_to_e164(self):
        self.assertEqual(normalize_phone("138 0013 8000", "CN"), "+8613800138000")
        self.assertEqual(normalize_phone("+86 (138) 0013-8000"), "+8613800138000")
        self.assertEqual(normalize_phone("010 6552 9988", "cn"), "+861065529988")
        self.assertIsNone(normalize_phone("  "))
        self.assertEqual(normalize_phone("+1 650 253 0000 ext. 12"), "+16502530000")
        for bad in ("call me", "12", "+86 1", "电话 13800138000"):
            with self.assertRaises(InvalidPhone):
                normalize_phone(bad, "CN")
        # digits that fit no numbering plan are kept, not normalised
        self.assertIsNone(normalize_phone("+0000000000", "US"))

    def test_email(self):
        self.assertEqual(normalize_email("Li Lei <Li.Lei@Example.CN>"),
                         "li.lei@example.cn")
        self.assertIsNone(normalize_email("not an address"))

    def test_company_name(self):
        key = normalize_company_name("ACME Co., Ltd.")
        self.assertEqual(key, normalize_company_name("Acme"))
        self.assertEqual(normalize_company_name("华为技术有限公司"),
                         normalize_company_name("华为技术"))
        self.assertIsNone(normalize_company_name("Ltd."))


class TestLeadQuality(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.china = cls.env.ref("base.cn")
        cls.first = cls._create_lead(
            "First", type="lead", phone="+86 138 0013 8000",
            email_from="Buyer@Acme.cn", partner_name="Acme Co., Ltd.")

    def test_bad_phone_is_refused_with_clear_message(self):
        with self.assertRaises(ValidationError) as err:
            self._create_lead("Bad phone", phone="call after 5pm")
        self.assertIn("call after 5pm", err.exception.name)

    def test_normalised_fields(self):
        lead = self._create_lead("Local number", phone="139 1234 5678",
                                 country_id=self.china.id,
                                 email_from=" Sales@Beta.CN ")
        self.assertEqual(lead.phone_normalized, "+8613912345678")
        self.assertEqual(lead.email_normalized, "sales@beta.cn")

    def test_duplicates_detected_on_create(self):
        by_phone = self._create_lead("Same phone", type="lead",
                                     mobile="13800138000", country_id=self.china.id)
        by_email = self._create_lead("Same e-mail", type="lead",
                                     email_from="buyer@acme.CN")
        by_name = self._create_lead("Same company", type="lead", partner_name="ACME")
        other = self._create_lead("Other", type="lead", email_from="x@other.cn")
        for lead in (by_phone, by_email, by_name):
            self.assertEqual(lead.duplicate_of_id, self.first)
        self.assertFalse(other.duplicate_of_id)
        self.assertEqual(self.first.duplicate_count, 3)
        dup_filter = self.env["crm.lead"].search([
            ("duplicate_of_id", "!=", False), ("id", "in", (by_phone | other).ids)])
        self.assertEqual(dup_filter, by_phone)

    def test_duplicate_found_even_among_other_reps_leads(self):
        lead = self._create_lead("Rep's copy", type="lead", user=self.rep,
                                 email_from="buyer@acme.cn")
        self.first.user_id = self.rep_all
        created = self.env["crm.lead"].sudo(self.rep).create({
            "name": "Another copy", "type": "lead", "email_from": "BUYER@acme.cn",
            "user_id": self.rep.id})
        self.assertEqual(created.duplicate_of_id, self.first)
        self.assertTrue(lead.duplicate_of_id)

    def test_merge_and_reject_duplicates(self):
        dup = self._create_lead("Copy", type="lead", email_from="buyer@acme.cn")
        action = dup.action_merge_duplicates()
        wizard = self.env["crm.merge.opportunity"].browse(action["res_id"])
        self.assertEqual(wizard.opportunity_ids, dup | self.first)
        reject = self.env["si.lead.reject.wizard"].with_context(
            active_model="crm.lead", active_ids=dup.ids).create({"reason": "duplicate"})
        reject.action_reject()
        self.assertTrue(dup.rejected)
        self.assertFalse(dup.active)
        self.assertEqual(dup.reject_reason, "duplicate")
        rejected = self.env["crm.lead"].with_context(active_test=False).search(
            [("rejected", "=", True), ("id", "=", dup.id)])
        self.assertEqual(rejected, dup)
        # rejected leads no longer count as duplicates of the original
        self.assertEqual(self.first.duplicate_count, 0)
        with self.assertRaises(UserError):
            self.first.action_merge_duplicates()
        dup.action_unreject()
        self.assertTrue(dup.active and not dup.rejected)

    def test_leads_of_customers_under_contract_are_rejected(self):
        customer = self.env["res.partner"].create(
            {"name": "Contracted", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Buyer",
                                                  "parent_id": customer.id})
        today = date.today()
        self.env["account.analytic.account"].create({
            "name": "Support", "partner_id": customer.id, "recurring_invoices": True,
            "date_start": fields.Date.to_string(today - timedelta(days=30)),
            "recurring_next_date": fields.Date.to_string(today),
            "date_end": fields.Date.to_string(today + timedelta(days=300))})
        lead = self._create_lead("New need", type="lead", partner_id=contact.id)
        self.assertTrue(lead.customer_under_contract)
        self.assertTrue(lead.rejected)
        self.assertEqual(lead.reject_reason, "running_contract")
        under = self.env["crm.lead"].with_context(active_test=False).search(
            [("customer_under_contract", "=", True)])
        self.assertIn(lead, under)
        self.assertNotIn(self.first, under)
        # switched off: flagged only
        self.env.user.company_id.si_reject_contract_leads = False
        kept = self._create_lead("Kept", type="lead", partner_id=customer.id)
        self.assertTrue(kept.customer_under_contract and not kept.rejected)

    def test_ended_contract_is_not_running(self):
        customer = self.env["res.partner"].create(
            {"name": "Former", "is_company": True})
        today = date.today()
        self.env["account.analytic.account"].create({
            "name": "Old", "partner_id": customer.id, "recurring_invoices": True,
            "date_start": fields.Date.to_string(today - timedelta(days=400)),
            "recurring_next_date": fields.Date.to_string(today - timedelta(days=400)),
            "date_end": fields.Date.to_string(today - timedelta(days=35))})
        lead = self._create_lead("Win back", type="lead", partner_id=customer.id)
        self.assertFalse(lead.customer_under_contract)
        self.assertFalse(lead.rejected)

    def test_entry_channel(self):
        referral = self.env.ref("sales_intelligence.utm_source_referral")
        referrer = self.env["res.partner"].create({"name": "Happy customer"})
        lead = self._create_lead("Referred", source_id=referral.id,
                                 referred_by_id=referrer.id)
        self.assertEqual(lead.entry_channel, "referral")
        with self.assertRaises(ValidationError):
            self._create_lead("Referral without referrer", entry_channel="referral")
        unnamed = self._create_lead("Referral source only", source_id=referral.id)
        self.assertEqual(unnamed.entry_channel, "other")
        web = self._create_lead("Web", source_id=self.env.ref(
            "sales_intelligence.utm_source_web_form").id)
        self.assertEqual(web.entry_channel, "web_form")
        imported = self.env["crm.lead"].with_context(import_file=True).create(
            {"name": "Imported"})
        self.assertEqual(imported.entry_channel, "import")


class TestInstallHook(SalesIntelligenceCase):

    def test_bulk_fill_matches_the_orm(self):
        """The installation hook computes what the ORM computes."""
        from ..hooks import fill_lead_columns
        partner = self.env["res.partner"].create({
            "name": "Hook Co., Ltd.", "is_company": True, "vat": "CN123",
            "country_id": self.env.ref("base.cn").id,
            "industry_id": self.env["res.partner.industry"].create(
                {"name": "Hooks"}).id})
        lead = self._create_lead("Hook", partner_id=partner.id,
                                 phone="138 0013 8000", email_from="A@Hook.cn")
        person = self._create_lead("Hook person", partner_id=self.env[
            "res.partner"].create({"name": "Hook Person"}).id)
        fields_ = ["phone_normalized", "email_normalized", "company_name_normalized",
                   "company_vat", "industry_id", "sales_mode"]
        expected = (lead | person).read(fields_)
        self.env.cr.execute(
            "UPDATE crm_lead SET phone_normalized = NULL, email_normalized = NULL, "
            "company_name_normalized = NULL, company_vat = NULL, industry_id = NULL, "
            "sales_mode = NULL WHERE id IN %s", ((lead | person)._ids,))
        fill_lead_columns(self.env.cr, batch=7)
        (lead | person).invalidate_cache()
        self.assertEqual((lead | person).read(fields_), expected)
        self.assertEqual(person.sales_mode, "b2c")
        self.assertEqual(lead.phone_normalized, "+8613800138000")
