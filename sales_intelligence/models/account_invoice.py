# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    lead_ids = fields.Many2many(
        comodel_name="crm.lead",
        relation="si_invoice_lead_rel",
        column1="invoice_id",
        column2="lead_id",
        string="Leads",
        readonly=True,
        copy=False,
    )
    lead_count = fields.Integer(
        compute="_compute_lead_count",
        string="# Leads",
    )

    @api.depends("lead_ids")
    def _compute_lead_count(self):
        for invoice in self:
            # sudo: the count only; finance users may have no CRM rights.
            invoice.lead_count = len(invoice.sudo().lead_ids)

    @api.multi
    def action_create_leads(self):
        """Make one lead per invoiced company from its billing information
        (or link the invoices to the company's open lead), channel Invoice."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(_("Only finance users make leads from invoices."))
        invoices = self.filtered(lambda i: i.type == "out_invoice"
                                 and i.state in ("open", "paid"))
        if not invoices:
            raise UserError(_("Leads are made from validated customer invoices: "
                              "select at least one."))
        leads = invoices._make_leads()
        return {
            "type": "ir.actions.act_window",
            "name": _("Leads From Invoices"),
            "res_model": "crm.lead",
            "view_mode": "tree,form",
            "domain": [("id", "in", leads.ids)],
        }

    @api.multi
    def action_view_leads(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Leads"),
            "res_model": "crm.lead",
            "view_mode": "tree,form",
            # sudo: only the ids of this invoice's leads; the act window then
            # opens them with the user's own rights
            "domain": [("id", "in", self.sudo().lead_ids.ids)],
        }

    def _make_leads(self):
        # Finance users need no CRM rights to turn invoices into leads: the
        # lead is built only from the invoice they can read, hence sudo.
        Lead = self.env["crm.lead"].sudo()
        leads = Lead.browse()
        by_partner = {}
        for invoice in self:
            by_partner.setdefault(invoice.commercial_partner_id, self.browse())
            by_partner[invoice.commercial_partner_id] |= invoice
        for partner, invoices in by_partner.items():
            lead = Lead.search([("partner_id", "child_of", partner.id),
                                ("probability", "<", 100)], limit=1)
            if lead:
                lead.write({"invoice_ids": [(4, i.id) for i in invoices]})
            else:
                lead = Lead.create(invoices._prepare_lead_values(partner))
                lead.message_post(body=_(
                    "Lead made from invoice(s) %(invoices)s by %(user)s.") % {
                        "invoices": ", ".join(invoices.mapped("number")),
                        "user": self.env.user.name})
            leads |= lead
        return leads

    def _prepare_lead_values(self, partner):
        """Values of a lead for `partner`, made from these invoices of it."""
        return {
            "name": _("Invoiced customer: %s") % partner.name,
            "type": "lead",
            "partner_id": partner.id,
            "partner_name": partner.name if partner.is_company else False,
            "contact_name": False if partner.is_company else partner.name,
            "email_from": partner.email,
            "phone": partner.phone,
            "mobile": partner.mobile,
            "street": partner.street,
            "street2": partner.street2,
            "city": partner.city,
            "zip": partner.zip,
            "state_id": partner.state_id.id,
            "country_id": partner.country_id.id,
            "entry_channel": "invoice",
            "company_id": self[:1].company_id.id,
            "invoice_ids": [(6, 0, self.ids)],
            "description": _("Billing information of invoice(s) %s.") % ", ".join(
                self.mapped("number")),
        }

    @api.model
    def cron_create_invoice_leads(self):
        """For companies that ask for it: a lead for every company invoiced in
        the period that has no open lead, no lead from invoices yet and no
        running contract. Idempotent: the next run finds the lead."""
        Lead = self.env["crm.lead"]
        for company in self.env["res.company"].search(
                [("si_invoice_lead_days", ">", 0)]):
            since = fields.Date.to_string(
                fields.Date.from_string(fields.Date.context_today(self))
                - timedelta(days=company.si_invoice_lead_days))
            self.env.cr.execute("""
                SELECT i.id FROM account_invoice i
                  JOIN res_partner p ON p.id = i.commercial_partner_id
                 WHERE i.company_id = %s AND i.type = 'out_invoice'
                   AND i.state IN ('open', 'paid') AND i.date_invoice >= %s
                   AND NOT EXISTS (
                       SELECT 1 FROM crm_lead l
                         JOIN res_partner lp ON lp.id = l.partner_id
                        WHERE lp.commercial_partner_id = p.id
                          AND (l.active OR l.entry_channel = 'invoice'))
            """, (company.id, since))
            invoices = self.browse([r[0] for r in self.env.cr.fetchall()])
            running = self.env["account.analytic.account"]._running_contract_partners(
                invoices.mapped("commercial_partner_id"))
            invoices = invoices.filtered(
                lambda i: i.commercial_partner_id not in running)
            leads = invoices._make_leads() if invoices else Lead
            Lead._commit_batch()
            _logger.info("Leads from invoices: %d for %s", len(leads), company.name)
