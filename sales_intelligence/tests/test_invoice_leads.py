# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
            ("user_type_id", "=", cls.env.ref("account.data_account_type_revenue").id),
        ], limit=1)

    def _invoice(self, partner=None, validate=True):
        invoice = self.env["account.invoice"].create({
            "partner_id": (partner or self.customer).id,
            "type": "out_invoice",
            "invoice_line_ids": [(0, 0, {"name": "Service", "quantity": 1,
                                         "price_unit": 500.0,
                                         "account_id": self.account.id})],
        })
        if validate:
            invoice.action_invoice_open()
        return invoice

    def test_finance_makes_lead_without_crm_rights(self):
        invoice = self._invoice()
        with self.assertRaises(AccessError):
            self.env["crm.lead"].sudo(self.finance).search([])
        invoice.sudo(self.finance).action_create_leads()
        lead = invoice.lead_ids
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.entry_channel, "invoice")
        self.assertEqual(lead.partner_id, self.customer)
        self.assertEqual(lead.email_from, "ap@billing.cn")
        self.assertEqual(lead.invoice_ids, invoice)
        self.assertEqual(invoice.sudo(self.finance).lead_count, 1)
        # a second invoice of the same company joins the open lead
        second = self._invoice()
        second.sudo(self.finance).action_create_leads()
        self.assertEqual(second.lead_ids, lead)
        self.assertEqual(lead.invoice_ids, invoice | second)

    def test_bulk_one_lead_per_company(self):
        other = self.env["res.partner"].create({"name": "Other Co", "is_company": True})
        invoices = self._invoice() | self._invoice() | self._invoice(other)
        invoices.sudo(self.finance).action_create_leads()
        self.assertEqual(len(invoices.mapped("lead_ids")), 2)

    def test_draft_invoices_and_reps_are_refused(self):
        draft = self._invoice(validate=False)
        with self.assertRaises(UserError):
            draft.sudo(self.finance).action_create_leads()
        invoice = self._invoice()
        with self.assertRaises(AccessError):
            invoice.sudo(self.manager).action_create_leads()
        self.assertFalse(invoice.lead_ids)

    def test_nightly_rule(self):
        company = self.env.user.company_id
        invoice = self._invoice()
        Invoice = self.env["account.invoice"]
        Invoice.cron_create_invoice_leads()
        self.assertFalse(invoice.lead_ids, "rule off by default")
        company.si_invoice_lead_days = 30
        Invoice.cron_create_invoice_leads()
        self.assertEqual(len(invoice.lead_ids), 1)
        Invoice.cron_create_invoice_leads()
        self.assertEqual(len(invoice.lead_ids), 1)
        self.assertEqual(self.env["crm.lead"].search_count(
            [("partner_id", "=", self.customer.id)]), 1)
