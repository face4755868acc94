# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import SalesIntelligenceCase


class TestInvoiceLeads(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({
            "name": "Billing Co", "is_company": True, "email": "ap@billing.cn",
            "phone": "+86 21 5555 0000", "vat": "CN91310000"})
        cls.account = cls.env["account.account"].search([
            ("account_type", "=", "income"),
            ("company_ids", "in", cls.env.company.id),
        ], limit=1)

    def _invoice(self, partner=None, validate=True):
        invoice = self.env["account.move"].create({
            "partner_id": (partner or self.customer).id,
            "move_type": "out_invoice",
            "invoice_date": fields.Date.context_today(self.env.user),
            "invoice_line_ids": [fields.Command.create({
                "name": "Service", "quantity": 1, "price_unit": 500.0,
                "account_id": self.account.id, "tax_ids": [fields.Command.clear()]})],
        })
        if validate:
            invoice.action_post()
        return invoice

    def test_finance_makes_lead_without_crm_rights(self):
        invoice = self._invoice()
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.finance).search([])
        invoice.with_user(self.finance).action_create_leads()
        lead = invoice.lead_ids
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.entry_channel, "invoice")
        self.assertEqual(lead.partner_id, self.customer)
        self.assertEqual(lead.email_from, "ap@billing.cn")
        self.assertEqual(lead.invoice_ids, invoice)
        self.assertEqual(invoice.with_user(self.finance).lead_count, 1)
        # a second invoice of the same company joins the open lead
        second = self._invoice()
        second.with_user(self.finance).action_create_leads()
        self.assertEqual(second.lead_ids, lead)
        self.assertEqual(lead.invoice_ids, invoice | second)

    def test_action_menu_entry(self):
        """Finance finds the action in the invoices' Action menu."""
        action = self.env.ref("sales_intelligence.account_move_create_leads_action")
        self.assertEqual(action.binding_model_id.model, "account.move")
        invoice = self._invoice()
        action.with_user(self.finance).with_context(
            active_model="account.move", active_ids=invoice.ids,
            active_id=invoice.id).run()
        self.assertEqual(len(invoice.lead_ids), 1)

    def test_bulk_one_lead_per_company(self):
        other = self.env["res.partner"].create({"name": "Other Co", "is_company": True})
        invoices = self._invoice() | self._invoice() | self._invoice(other)
        invoices.with_user(self.finance).action_create_leads()
        self.assertEqual(len(invoices.mapped("lead_ids")), 2)

    def test_draft_invoices_and_reps_are_refused(self):
        draft = self._invoice(validate=False)
        with self.assertRaises(UserError):
            draft.with_user(self.finance).action_create_leads()
        invoice = self._invoice()
        with self.assertRaises(AccessError):
            invoice.with_user(self.manager).action_create_leads()
        self.assertFalse(invoice.lead_ids)

    def test_nightly_rule(self):
        company = self.env.company
        invoice = self._invoice()
        Invoice = self.env["account.move"]
        Invoice._cron_create_invoice_leads()
        self.assertFalse(invoice.lead_ids, "rule off by default")
        company.si_invoice_lead_days = 30
        Invoice._cron_create_invoice_leads()
        self.assertEqual(len(invoice.lead_ids), 1)
        Invoice._cron_create_invoice_leads()
        self.assertEqual(len(invoice.lead_ids), 1)
        self.assertEqual(self.env["crm.lead"].search_count(
            [("partner_id", "=", self.customer.id)]), 1)
        self.assertEqual(invoice.lead_ids.entry_channel, "invoice")

    def test_nightly_rule_in_batches(self):
        """Each call handles a bounded number of customers; the calls end
        once every invoiced customer has its lead (nothing left to re-run)."""
        self.env.company.si_invoice_lead_days = 30
        other = self.env["res.partner"].create(
            {"name": "Second Co", "is_company": True})
        invoices = self._invoice() | self._invoice(other)
        Invoice = self.env["account.move"]
        candidates = Invoice._invoice_lead_candidates()
        self.assertIn(self.customer.id, candidates)
        self.assertIn(other.id, candidates)
        Invoice._cron_create_invoice_leads(batch_size=1)
        self.assertEqual(len(Invoice._invoice_lead_candidates()), len(candidates) - 1)
        for _call in range(len(candidates)):
            Invoice._cron_create_invoice_leads(batch_size=1)
        self.assertFalse(Invoice._invoice_lead_candidates())
        self.assertEqual(len(invoices.lead_ids), 2)

    def test_nightly_rule_skips_customers_under_contract(self):
        self.env.company.si_invoice_lead_days = 30
        contracted = self.env["res.partner"].create(
            {"name": "Contracted Co", "is_company": True})
        today = fields.Date.context_today(self.env.user)
        self.env["contract.contract"].create({
            "name": "Support", "partner_id": contracted.id, "contract_type": "sale",
            "date_start": today - timedelta(days=10)})
        invoice = self._invoice(contracted)
        self.env["account.move"]._cron_create_invoice_leads()
        self.assertFalse(invoice.lead_ids)
