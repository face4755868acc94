# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lead quality: normalised contacts, duplicates, rejection, customers under
contract, entry channel, source invoices.

E-mail and phone keys are Odoo's own: `email_normalized` (mail.thread.blacklist)
and `phone_sanitized` (mail.thread.phone, E.164 through phone_validation). This
concern adds the company keys (VAT, normalised company name), looks for
duplicates across every rep's leads and refuses text that is no phone number.
"""
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.normalize import InvalidPhone, normalize_company_name, normalize_phone

REJECT_REASONS = [
    ("running_contract", "Customer under a running contract"),
    ("no_intent", "No purchase intent"),
    ("duplicate", "Duplicate"),
    ("other", "Other"),
]
# As crm's own duplicate search: more matches than this on a key means the key
# is too common (a shared company name) to tell anything.
DUPLICATE_SEARCH_LIMIT = 21


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # --- quality: company keys, duplicates, rejection ---------------------------
    company_name_normalized = fields.Char(
        compute="_compute_company_name_normalized",
        store=True,
        index=True,
        string="Company Name Key",
        help="The company name in lower case, without legal form, spaces or "
        "punctuation: \"ACME Co., Ltd.\" and \"Acme\" give the same key.",
    )
    company_vat = fields.Char(
        related="partner_id.commercial_partner_id.vat",
        store=True,
        index=True,
        string="Company VAT",
    )
    duplicate_of_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Possible Duplicate Of",
        readonly=True,
        index=True,
        copy=False,
        help="The earlier lead with the same phone, e-mail, VAT or company "
        "found when this lead was received.",
    )
    duplicate_count = fields.Integer(
        compute="_compute_duplicate_count",
        string="# Duplicates",
        help="Leads of any rep, archived ones included but not rejected ones, "
        "with the same phone, e-mail, VAT or company.",
    )
    rejected = fields.Boolean(
        readonly=True,
        index=True,
        copy=False,
        tracking=True,
    )
    reject_reason = fields.Selection(
        selection=REJECT_REASONS,
        readonly=True,
        copy=False,
        tracking=True,
    )
    reject_note = fields.Text(
        readonly=True,
        copy=False,
    )
    customer_under_contract = fields.Boolean(
        compute="_compute_customer_under_contract",
        search="_search_customer_under_contract",
        help="The customer (or its company) has a contract running today.",
    )
    invoice_ids = fields.Many2many(
        comodel_name="account.move",
        relation="si_invoice_lead_rel",
        column1="lead_id",
        column2="invoice_id",
        string="Source Invoices",
        domain=[("move_type", "=", "out_invoice")],
        readonly=True,
        copy=False,
    )

    # --- computes ---------------------------------------------------------------
    @api.depends("partner_name", "partner_id.commercial_partner_id.is_company",
                 "partner_id.commercial_partner_id.name")
    def _compute_company_name_normalized(self):
        for lead in self:
            company = lead.partner_id.commercial_partner_id
            lead.company_name_normalized = normalize_company_name(
                lead.partner_name or company.is_company and company.name) or False

    def _compute_duplicate_count(self):
        for lead in self:
            lead.duplicate_count = len(lead._find_duplicates()) if lead.id else 0

    @api.depends("company_vat", "company_name_normalized")
    def _compute_potential_lead_duplicates(self):
        """Odoo's similar leads (e-mail domain, phone, commercial entity), and
        the leads of the same company by VAT or company name key."""
        res = super()._compute_potential_lead_duplicates()
        for lead in self:
            same_company = lead._same_company_leads()
            if same_company - lead.duplicate_lead_ids:
                lead.duplicate_lead_ids |= same_company
                lead.duplicate_lead_count = len(lead.duplicate_lead_ids - lead)
        return res

    def _compute_customer_under_contract(self):
        running = self.env["contract.contract"]._running_contract_partners(
            self.partner_id)
        for lead in self:
            lead.customer_under_contract = (
                lead.partner_id.commercial_partner_id in running)

    def _search_customer_under_contract(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'under contract'."))
        running = self.env["contract.contract"]._running_contract_partners()
        if (operator == "=") == value:
            return [("partner_id.commercial_partner_id", "in", running.ids)]
        return ["|", ("partner_id", "=", False),
                ("partner_id.commercial_partner_id", "not in", running.ids)]

    # --- constraints -----------------------------------------------------------
    @api.constrains("phone", "mobile", "country_id")
    def _check_phone_numbers(self):
        """Where the company asks for it, refuse text that is no phone number
        at all. Digits that fit no numbering plan (web forms, imports) are
        kept as entered; Odoo then leaves `phone_sanitized` empty."""
        for lead in self:
            if not (lead.company_id or self.env.company).si_refuse_invalid_phones:
                continue
            number = lead._invalid_phone_number()
            if number:
                raise ValidationError(lead._invalid_phone_message(number))

    @api.constrains("invoice_ids")
    def _check_one_lead_per_invoice(self):
        """One lead per source invoice. The database holds the key (a unique
        index), but Odoo writes links with ON CONFLICT DO NOTHING: a second
        link would silently not be stored; this tells the user instead."""
        self.flush_recordset(["invoice_ids"])
        rows = self.env.execute_query(SQL(
            "SELECT invoice_id, lead_id FROM si_invoice_lead_rel "
            "WHERE invoice_id = ANY(%s)", self.invoice_ids.ids))
        owners = dict(rows)
        for lead in self:
            for invoice in lead.invoice_ids:
                if owners.get(invoice.id, lead.id) != lead.id:
                    # sudo: the name of the invoice the user is linking only
                    raise ValidationError(self.env._(
                        "Invoice %s is already the source of another lead.",
                        invoice.sudo().name))

    def _invalid_phone_number(self):
        """The first of the lead's numbers that is text rather than a number."""
        self.ensure_one()
        country = self._phone_country_code()
        for number in (self.phone, self.mobile):
            try:
                normalize_phone(number, country)
            except InvalidPhone:
                return number
        return False

    def _invalid_phone_message(self, number):
        return self.env._(
            "The phone number \"%s\" is not a valid number. Write "
            "it with its country prefix, e.g. +86 138 0013 8000, "
            "or set the lead's country.", number)

    @api.onchange("phone", "mobile", "country_id")
    def _onchange_phone_warning(self):
        number = self._invalid_phone_number()
        if number:
            return {"warning": {"title": self.env._("Check the phone number"),
                                "message": self._invalid_phone_message(number)}}
        return None

    @api.onchange("source_id")
    def _onchange_source_id_entry_channel(self):
        if self.source_id.si_entry_channel:
            self.entry_channel = self.source_id.si_entry_channel

    # --- CRUD ---------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._prepare_entry_channel(dict(vals)) for vals in vals_list]
        leads = super().create(vals_list)
        leads._flag_duplicate()
        leads._reject_if_under_contract()
        return leads

    # --- actions --------------------------------------------------------------------
    def action_view_duplicates(self):
        self.ensure_one()
        leads = self | self._find_duplicates()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Possible Duplicates"),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": [("id", "in", leads.ids)],
            "context": {"active_test": False},
        }

    def action_merge_duplicates(self):
        """Open Odoo's merge wizard on this lead and its duplicates."""
        self.ensure_one()
        leads = self | self._find_duplicates().filtered("active")
        if len(leads) < 2:
            raise UserError(self.env._("There is no active duplicate to merge with."))
        wizard = self.env["crm.merge.opportunity"].with_context(
            active_model="crm.lead", active_ids=leads.ids, active_id=self.id,
        ).create({"opportunity_ids": [fields.Command.set(leads.ids)],
                  "user_id": self.user_id.id,
                  "team_id": self.team_id.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge Duplicates"),
            "res_model": "crm.merge.opportunity",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_reject(self, reason, note=False):
        if reason not in dict(REJECT_REASONS):
            raise UserError(self.env._("Unknown rejection reason."))
        self.with_context(si_followup_logged=True).write({
            "rejected": True,
            "reject_reason": reason,
            "reject_note": note,
            "active": False,
            "probability": 0,
        })
        return True

    def action_unreject(self):
        self.with_context(si_followup_logged=True).write({
            "rejected": False,
            "reject_reason": False,
            "reject_note": False,
            "active": True,
        })
        return True

    # --- business methods ------------------------------------------------------
    def _phone_country_code(self):
        """Country of numbers written without their prefix: the lead's, its
        customer's, else its company's (as Odoo's phone formatting does)."""
        country = self.country_id or self.partner_id.country_id or (
            self.company_id or self.env.company).country_id
        return country.code

    @api.model
    def _prepare_entry_channel(self, vals):
        """Fill the entry channel of new leads from their source or from the way
        they are created (file import)."""
        if vals.get("entry_channel") not in (None, "other"):
            return vals
        if vals.get("source_id"):
            channel = self.env["utm.source"].browse(vals["source_id"]).si_entry_channel
            # a referral needs its referrer: without one, the source alone
            # does not make the lead a referral (web forms, imports)
            if channel and (channel != "referral" or vals.get("referred_by_id")):
                vals["entry_channel"] = channel
                return vals
        if self.env.context.get("import_file"):
            vals["entry_channel"] = "import"
        return vals

    def _duplicate_phones(self):
        """E.164 forms (Odoo's phone formatting) of this lead's phone and
        mobile. Odoo stores one of them in `phone_sanitized` (the mobile
        first); both are compared with the other leads' stored number."""
        self.ensure_one()
        numbers = (self._phone_format(fname=fname)
                   for fname in self._phone_get_number_fields())
        return sorted({number for number in numbers if number})

    def _duplicate_domain(self):
        """Domain of the leads sharing a contact key with this one (also on a
        lead being edited, for the onchange warnings)."""
        keys = []
        phones = self._duplicate_phones()
        if phones:
            keys.append([("phone_sanitized", "in", phones)])
        if self.email_normalized:
            keys.append([("email_normalized", "=", self.email_normalized)])
        if self.company_vat:
            keys.append([("company_vat", "=", self.company_vat)])
        if self.company_name_normalized:
            keys.append([("company_name_normalized", "=",
                          self.company_name_normalized)])
        return expression.OR(keys) if keys else None

    def _find_duplicates(self):
        """The other leads, archived ones included, not rejected ones, that
        share a contact key with this one, oldest first."""
        self.ensure_one()
        domain = self._duplicate_domain()
        if not domain:
            return self.browse()
        return self.with_context(active_test=False).search(
            [("id", "!=", self._origin.id or 0), ("rejected", "=", False)] + domain,
            order="create_date, id")

    def _same_company_leads(self):
        """Leads of the same company by VAT or company name key, for Odoo's
        similar leads; nothing when the key is too common to tell."""
        self.ensure_one()
        keys = []
        if self.company_vat:
            keys.append([("company_vat", "=", self.company_vat)])
        if self.company_name_normalized:
            keys.append([("company_name_normalized", "=",
                          self.company_name_normalized)])
        if not keys:
            return self.browse()
        # sudo: as Odoo's own similar leads, the counter spans every rep and
        # company so that a manager can be told; opening them applies rights.
        leads = self.sudo().with_context(active_test=False).search(
            [("id", "!=", self._origin.id or 0)] + expression.OR(keys),
            limit=DUPLICATE_SEARCH_LIMIT)
        return leads if len(leads) < DUPLICATE_SEARCH_LIMIT else self.browse()

    def _flag_duplicate(self):
        ids = set(self.ids)
        for lead in self:
            # A rep must learn about duplicates among leads they cannot read
            # (other reps' leads): only the id of the first one is stored.
            # Leads created together are flagged as if created one by one:
            # a lead is never the duplicate of one created after it.
            first = lead.sudo()._find_duplicates().filtered(
                lambda other, lead=lead: other.id < lead.id
                or other.id not in ids)[:1]
            if first:
                lead.with_context(si_followup_logged=True).write(
                    {"duplicate_of_id": first.id})

    def _reject_if_under_contract(self):
        if not self.env.company.si_reject_contract_leads:
            return
        # Only new leads: an opportunity opened for a contract customer is
        # an upsell, which the account manager wants.
        # Renewal opportunities are for customers under contract by nature.
        candidates = self.filtered(lambda rec: rec.partner_id and rec.type == "lead"
                                   and not rec.renewal_contract_id)
        candidates.filtered("customer_under_contract").action_reject(
            "running_contract", self.env._(
                "Rejected on arrival: the customer has a contract running "
                "today; its account manager handles new needs."))
