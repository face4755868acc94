# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Customers invoiced by the nightly rule in one call of the scheduled action
INVOICE_LEAD_BATCH = 200


class AccountMove(models.Model):
    _inherit = "account.move"

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

    def init(self):
        # One lead per source invoice, in the database. Odoo inserts links
        # with ON CONFLICT DO NOTHING, so a second link is dropped rather than
        # refused here; crm.lead's constraint tells the user.
        res = super().init()
        self.env.cr.execute(SQL("""
            CREATE UNIQUE INDEX IF NOT EXISTS account_move_source_invoice_lead_uniq
                ON si_invoice_lead_rel (invoice_id)
        """))
        return res

    @api.depends("lead_ids")
    def _compute_lead_count(self):
        for invoice in self:
            # sudo: the count only; finance users may have no CRM rights.
            invoice.lead_count = len(invoice.sudo().lead_ids)

    def _is_lead_source(self):
        """Leads are made from posted customer invoices only."""
        self.ensure_one()
        return self.move_type == "out_invoice" and self.state == "posted"

    def action_create_leads(self):
        """Make one lead per invoiced company from its billing information
        (or link the invoices to the company's open lead), channel Invoice."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(
                self.env._("Only finance users make leads from invoices."))
        invoices = self.filtered(lambda move: move._is_lead_source())
        if not invoices:
            raise UserError(self.env._(
                "Leads are made from posted customer invoices: select at least one."))
        leads = invoices._make_leads()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Leads From Invoices"),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": [("id", "in", leads.ids)],
        }

    def action_view_leads(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Leads"),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            # sudo: only the ids of this invoice's leads; the act window then
            # opens them with the user's own rights
            "domain": [("id", "in", self.sudo().lead_ids.ids)],
        }

    def _make_leads(self):
        """One lead per invoiced commercial entity: its open lead gets these
        invoices, or a new lead is made from them."""
        # Finance users need no CRM rights to turn invoices into leads: the
        # lead is built only from the invoices they can read, hence sudo.
        Lead = self.env["crm.lead"].sudo()
        # An invoice already the source of a lead keeps that lead (one lead
        # per source invoice), whatever became of it since.
        linked = self.sudo().filtered("lead_ids")
        leads = linked.lead_ids
        by_partner = defaultdict(self.browse)
        for invoice in self - linked:
            by_partner[invoice.commercial_partner_id] |= invoice
        for partner, invoices in by_partner.items():
            lead = Lead.search([("partner_id", "child_of", partner.id),
                                ("probability", "<", 100)], limit=1)
            if lead:
                lead.write({"invoice_ids": [
                    fields.Command.link(invoice.id) for invoice in invoices]})
            else:
                lead = Lead.create(invoices._prepare_lead_values(partner))
                lead.message_post(
                    body=self.env._(
                        "Lead made from invoice(s) %(invoices)s by %(user)s.",
                        invoices=", ".join(invoices.mapped("name")),
                        user=self.env.user.name),
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
            leads |= lead
        return leads

    def _make_leads_isolated(self):
        """_make_leads for a scheduled batch: at once, or, when that fails,
        customer by customer, each in its own savepoint. A customer whose
        lead fails is logged with the reason and skipped (tried again by the
        next run); the others get theirs."""
        try:
            with self.env.cr.savepoint():
                return self._make_leads()
        # one bad customer (data, e-mail, rules) must not stop the others
        except Exception as error:  # pylint: disable=broad-except
            _logger.info("Leads from invoices made customer by customer: %s", error)
        leads = self.env["crm.lead"]
        for partner, invoices in self.grouped("commercial_partner_id").items():
            try:
                with self.env.cr.savepoint():
                    leads |= invoices._make_leads()
            except Exception as error:  # pylint: disable=broad-except
                _logger.warning("Lead from the invoices of customer %s not made: %s",
                                partner.id, error)
        return leads

    def _prepare_lead_values(self, partner):
        """Values of a lead for `partner`, made from these invoices of it."""
        return {
            "name": self.env._("Invoiced customer: %s", partner.name),
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
            "invoice_ids": [fields.Command.set(self.ids)],
            "description": self.env._(
                "Billing information of invoice(s) %s.",
                ", ".join(self.mapped("name"))),
        }

    @api.model
    def _invoice_lead_candidates(self):
        """{commercial partner id: [invoice ids]} of the companies that ask for
        it: customers invoiced in their period that have no open lead, no lead
        from invoices yet and no running contract."""
        today = fields.Date.context_today(self)
        running = self.env["contract.contract"]._running_contract_partners()
        self.env["account.move"].flush_model(
            ["commercial_partner_id", "company_id", "move_type", "state",
             "invoice_date"])
        self.env["crm.lead"].flush_model(["partner_id", "active", "entry_channel"])
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        candidates = defaultdict(list)
        for company in self.env["res.company"].search(
                [("si_invoice_lead_days", ">", 0)]):
            since = today - timedelta(days=company.si_invoice_lead_days)
            rows = self.env.execute_query(SQL("""
                SELECT m.commercial_partner_id, m.id FROM account_move m
                 WHERE m.company_id = %(company)s AND m.move_type = 'out_invoice'
                   AND m.state = 'posted' AND m.invoice_date >= %(since)s
                   AND m.commercial_partner_id IS NOT NULL
                   AND m.commercial_partner_id != ALL(%(running)s)
                   AND NOT EXISTS (
                       SELECT 1 FROM crm_lead l
                         JOIN res_partner lp ON lp.id = l.partner_id
                        WHERE lp.commercial_partner_id = m.commercial_partner_id
                          AND (l.active OR l.entry_channel = 'invoice'))
              ORDER BY m.commercial_partner_id, m.id
            """, company=company.id, since=since, running=running.ids))
            for partner_id, move_id in rows:
                candidates[partner_id].append(move_id)
        return candidates

    @api.model
    def _cron_create_invoice_leads(self, batch_size=INVOICE_LEAD_BATCH):
        """Nightly, for companies that ask for it: a lead for every company
        invoiced in the period that has no open lead, no lead from invoices yet
        and no running contract. `batch_size` customers per call; the scheduler
        commits and calls again while some remain. Idempotent: the next run
        finds the leads."""
        candidates = self._invoice_lead_candidates()
        partner_ids = sorted(candidates)
        batch = partner_ids[:batch_size]
        invoices = self.browse([i for pid in batch for i in candidates[pid]])
        leads = invoices._make_leads_isolated() if invoices else self.env["crm.lead"]
        _logger.info("Leads from invoices: %d made or completed, %d customers left",
                     len(leads), len(partner_ids) - len(batch))
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(partner_ids) - len(batch))
