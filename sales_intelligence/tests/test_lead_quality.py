# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest import TestCase

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from ..tools.normalize import InvalidPhone, normalize_company_name, normalize_phone
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

    def _contract(self, customer, start, end):
        """A customer contract of `customer` running from `start` to `end`."""
        contract = self.env["contract.contract"].create({
            "name": "Support %s" % customer.name,
            "partner_id": customer.id,
            "contract_type": "sale",
            "date_start": start,
            "contract_line_ids": [fields.Command.create({
                "name": "Support", "quantity": 1, "price_unit": 100.0,
                "date_start": start, "date_end": end,
                "recurring_next_date": start})],
        })
        self.assertEqual(contract.date_end, end)
        return contract

    def test_bad_phone_is_refused_with_clear_message(self):
        # Odoo's CRM keeps such text: refusing it is the company's choice
        lead = self._create_lead("Kept phone", phone="call after 5pm")
        self.assertEqual(lead.phone, "call after 5pm")
        self.assertFalse(lead.phone_sanitized)
        self.env.company.si_refuse_invalid_phones = True
        with self.assertRaises(ValidationError) as err:
            self._create_lead("Bad phone", phone="call after 5pm")
        self.assertIn("call after 5pm", err.exception.args[0])
        self.assertIn("+86 138 0013 8000", err.exception.args[0])
        # the message speaks the user's language
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaises(ValidationError) as err:
            self.env["crm.lead"].with_context(lang="zh_CN").create(
                {"name": "Bad phone", "phone": "call after 5pm"})
        self.assertIn("call after 5pm", err.exception.args[0])
        self.assertIn("无效", err.exception.args[0])

    def test_unplaceable_digits_are_kept_as_entered(self):
        lead = self._create_lead("Placeholder", phone="+0000000000")
        self.assertEqual(lead.phone, "+0000000000")
        self.assertFalse(lead.phone_sanitized)

    def test_normalised_fields(self):
        """Odoo's own keys: E.164 phone and lower-case address."""
        lead = self._create_lead("Local number", phone="139 1234 5678",
                                 country_id=self.china.id,
                                 email_from=" Sales@Beta.CN ")
        self.assertEqual(lead.phone_sanitized, "+8613912345678")
        self.assertEqual(lead.email_normalized, "sales@beta.cn")
        named = self._create_lead("Named address", type="lead",
                                  email_from="Li Lei <Li.Lei@Example.CN>",
                                  partner_name="Beta Co., Ltd.")
        self.assertEqual(named.email_normalized, "li.lei@example.cn")
        self.assertEqual(named.company_name_normalized, "beta")
        no_address = self._create_lead("No address", email_from="not an address")
        self.assertFalse(no_address.email_normalized)

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
        # Odoo's similar leads also know the leads of the same company name
        self.first.invalidate_recordset(["duplicate_lead_ids"])
        self.assertIn(by_name, self.first.duplicate_lead_ids)
        self.assertIn(by_phone, self.first.duplicate_lead_ids)

    def test_duplicates_created_together_as_one_by_one(self):
        # one create of two copies of a new contact: the second is the
        # duplicate of the first, never the first of the second
        first, second = self.env["crm.lead"].create([
            {"name": "New %s" % index, "type": "lead",
             "email_from": "new.buyer@zeta.cn"} for index in range(2)])
        self.assertFalse(first.duplicate_of_id)
        self.assertEqual(second.duplicate_of_id, first)

    def test_duplicate_by_vat_and_second_number(self):
        company = self.env["res.partner"].create(
            {"name": "Gamma Holdings", "is_company": True, "vat": "CN5544"})
        branch = self.env["res.partner"].create(
            {"name": "Gamma Trading", "is_company": True, "vat": "CN5544"})
        original = self._create_lead("Gamma", type="lead", partner_id=company.id)
        by_vat = self._create_lead("Gamma branch", type="lead", partner_id=branch.id)
        self.assertEqual(by_vat.company_vat, "CN5544")
        self.assertEqual(by_vat.duplicate_of_id, original)
        # a lead with a mobile and a phone: the phone is compared too
        with_phone = self._create_lead("Delta", type="lead", phone="+86 10 6552 9988")
        both = self._create_lead("Delta again", type="lead",
                                 mobile="+86 139 1111 2222", phone="+86 10 6552 9988")
        self.assertEqual(both.phone_sanitized, "+8613911112222")
        self.assertEqual(both.duplicate_of_id, with_phone)

    def test_duplicate_found_even_among_other_reps_leads(self):
        lead = self._create_lead("Rep's copy", type="lead", user=self.rep,
                                 email_from="buyer@acme.cn")
        self.first.user_id = self.rep_all
        created = self.env["crm.lead"].with_user(self.rep).create({
            "name": "Another copy", "type": "lead", "email_from": "BUYER@acme.cn",
            "user_id": self.rep.id})
        self.assertEqual(created.duplicate_of_id, self.first)
        self.assertTrue(lead.duplicate_of_id)

    def test_merge_and_reject_duplicates(self):
        dup = self._create_lead("Copy", type="lead", email_from="buyer@acme.cn")
        action = dup.action_merge_duplicates()
        wizard = self.env["crm.merge.opportunity"].browse(action["res_id"])
        self.assertEqual(wizard.opportunity_ids, dup | self.first)
        binding = self.env.ref("sales_intelligence.si_lead_reject_wizard_action")
        self.assertEqual(binding.binding_model_id.model, "crm.lead")
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
        today = fields.Date.context_today(self.env.user)
        self._contract(customer, today - timedelta(days=30),
                       today + timedelta(days=300))
        lead = self._create_lead("New need", type="lead", partner_id=contact.id)
        self.assertTrue(lead.customer_under_contract)
        self.assertTrue(lead.rejected)
        self.assertEqual(lead.reject_reason, "running_contract")
        under = self.env["crm.lead"].with_context(active_test=False).search(
            [("customer_under_contract", "=", True)])
        self.assertIn(lead, under)
        self.assertNotIn(self.first, under)
        # switched off: flagged only
        self.env.company.si_reject_contract_leads = False
        kept = self._create_lead("Kept", type="lead", partner_id=customer.id)
        self.assertTrue(kept.customer_under_contract and not kept.rejected)

    def test_ended_contract_is_not_running(self):
        customer = self.env["res.partner"].create(
            {"name": "Former", "is_company": True})
        today = fields.Date.context_today(self.env.user)
        self._contract(customer, today - timedelta(days=400),
                       today - timedelta(days=35))
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
        fields_ = ["company_name_normalized", "company_vat", "industry_id",
                   "sales_mode"]
        expected = (lead | person).read(fields_)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET company_name_normalized = NULL, company_vat = NULL, "
            "industry_id = NULL, sales_mode = NULL WHERE id = ANY(%s)",
            [(lead | person).ids])
        fill_lead_columns(self.env.cr, batch=7)
        (lead | person).invalidate_recordset()
        self.assertEqual((lead | person).read(fields_), expected)
        self.assertEqual(person.sales_mode, "b2c")
        self.assertEqual(lead.company_name_normalized, "hook")
        self.assertEqual(lead.company_vat, "CN123")
        # the e-mail and phone keys are Odoo's own, filled by CRM
        self.assertEqual(lead.phone_sanitized, "+8613800138000")
        self.assertEqual(lead.email_normalized, "a@hook.cn")
