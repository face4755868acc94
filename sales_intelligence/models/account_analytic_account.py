# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.batches import id_batches
from ..tools.contract_terms import (
    REPORT_MONTHS,
    days_to_expiry,
    period_start,
    periods_per_year,
)

_logger = logging.getLogger(__name__)

FULFILMENT_STATUSES = [
    ("not_started", "Not Started"),
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("off_track", "Off Track"),
]
DEPENDENCE_LEVELS = [
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
]
REPORT_FREQUENCIES = [
    ("none", "No Report"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("half_yearly", "Every Six Months"),
    ("yearly", "Yearly"),
]
RENEWAL_STATES = [
    ("not_due", "Not Due"),
    ("upcoming", "Upcoming"),
    ("in_renewal", "In Renewal"),
    ("renewed", "Renewed"),
    ("lost", "Lost"),
]
DEFAULT_NOTICE_DAYS = 60
# Contracts whose renewal notice is due: recurring, with an end date within
# their notice period (the contract's own, else its team's, else 60 days),
# not yet in a renewal cycle. Renewed-by-extension contracts start a new
# cycle; a contract renewed by a new one hands over to it.
_NOTICE_DUE_SQL = """
    UPDATE account_analytic_account c
       SET renewal_state = 'upcoming',
           write_uid = %(uid)s, write_date = now() at time zone 'UTC'
      FROM account_analytic_account a
      LEFT JOIN crm_team t ON t.id = a.team_id
     WHERE c.id = a.id
       AND a.id > %(low)s AND a.id <= %(high)s
       AND a.recurring_invoices AND a.active
       AND a.date_end >= %(today)s
       AND a.date_end <= %(today)s::date + COALESCE(
               NULLIF(a.renewal_notice_days, 0), t.renewal_notice_days,
               %(default_days)s)
       AND a.renewal_state IN ('not_due', 'renewed')
       AND a.renewed_by_id IS NULL
       AND a.renewal_lead_id IS NULL
 RETURNING c.id
"""


class AccountAnalyticAccount(models.Model):
    _inherit = "account.analytic.account"

    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        index=True,
        default=lambda self: self.env.user.sale_team_id,
        track_visibility="onchange",
        help="The team that owns the customer relationship: its managers see "
        "the contract, its renewal notice period applies.",
    )
    customer_user_id = fields.Many2one(
        comodel_name="res.users",
        related="partner_id.commercial_partner_id.user_id",
        store=True,
        readonly=True,
        index=True,
        string="Customer's Salesperson",
        help="The salesperson of the customer, who sees the contract.",
    )
    team_leader_id = fields.Many2one(
        comodel_name="res.users",
        related="team_id.user_id",
        store=True,
        readonly=True,
        index=True,
        string="Team Leader",
    )
    # --- fulfilment --------------------------------------------------------
    fulfilment_status = fields.Selection(
        selection=FULFILMENT_STATUSES,
        default="not_started",
        index=True,
        track_visibility="onchange",
        help="How well the contract is delivered, as the account manager "
        "judges it; shown in reports to the customer and in the renewal "
        "opportunity.",
    )
    dependence_level = fields.Selection(
        selection=DEPENDENCE_LEVELS,
        default="medium",
        track_visibility="onchange",
        help="How much the customer uses and relies on the service: high "
        "dependence makes a renewal likely.",
    )
    fulfilment_line_ids = fields.One2many(
        comodel_name="si.fulfilment.line",
        inverse_name="contract_id",
        string="Usage and Services",
    )
    value_delivered = fields.Monetary(
        compute="_compute_value_delivered",
        store=True,
        help="Sum of the value of the usage and service lines (e.g. cost "
        "saved for the customer).",
    )
    fulfilment_report_frequency = fields.Selection(
        selection=REPORT_FREQUENCIES,
        string="Fulfilment Report",
        default="none",
        required=True,
        help="How often the customer receives a fulfilment report by e-mail "
        "(PDF attached). One report per period, even if the job runs twice.",
    )
    fulfilment_report_period = fields.Date(
        string="Last Report Period",
        readonly=True,
        copy=False,
        help="Start of the period of the last fulfilment report sent.",
    )
    report_product_ids = fields.Many2many(
        comodel_name="product.product",
        relation="si_contract_report_product_rel",
        column1="contract_id",
        column2="product_id",
        string="Products to Introduce",
        help="Products presented in the next fulfilment reports. When empty, "
        "the reports suggest the products most won in the customer's "
        "industry that the contract does not include.",
    )
    # --- renewal -------------------------------------------------------------
    contract_value = fields.Monetary(
        string="Yearly Value",
        compute="_compute_contract_value",
        store=True,
        help="Recurring invoice lines on a yearly basis.",
    )
    days_to_expiry = fields.Integer(
        compute="_compute_days_to_expiry",
        search="_search_days_to_expiry",
        help="Days left until the end date (negative once ended).",
    )
    renewal_state = fields.Selection(
        selection=RENEWAL_STATES,
        default="not_due",
        required=True,
        index=True,
        copy=False,
        track_visibility="onchange",
        help="Upcoming: the end is within the notice period, the owner was "
        "notified and a renewal opportunity created. In renewal: the "
        "opportunity is being worked. Renewed or lost: the outcome.",
    )
    renewal_lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Renewal Opportunity",
        readonly=True,
        copy=False,
        index=True,
        ondelete="set null",
    )
    renewal_lead_ids = fields.One2many(
        comodel_name="crm.lead",
        inverse_name="renewal_contract_id",
        string="Renewal Opportunities",
        readonly=True,
    )
    renewal_of_id = fields.Many2one(
        comodel_name="account.analytic.account",
        string="Renewal Of",
        readonly=True,
        copy=False,
        index=True,
        help="The contract this one renews.",
    )
    renewed_by_id = fields.Many2one(
        comodel_name="account.analytic.account",
        string="Renewed By",
        readonly=True,
        copy=False,
        index=True,
        help="The contract that renews this one.",
    )
    renewal_date = fields.Date(
        string="Last Renewal",
        readonly=True,
        copy=False,
    )
    renewal_lost_reason_id = fields.Many2one(
        comodel_name="crm.lost.reason",
        string="Renewal Lost Reason",
        readonly=True,
        copy=False,
    )
    renewal_lost_note = fields.Text(
        readonly=True,
        copy=False,
    )
    invoiced_amount = fields.Monetary(
        compute="_compute_invoiced_amount",
        string="Invoiced to Date",
        help="Untaxed amount of the validated invoices of the contract.",
    )

    # --- computes ----------------------------------------------------------------
    @api.depends("fulfilment_line_ids.value_amount")
    def _compute_value_delivered(self):
        for contract in self:
            contract.value_delivered = sum(
                contract.fulfilment_line_ids.mapped("value_amount"))

    @api.depends("recurring_invoice_line_ids.price_subtotal",
                 "recurring_rule_type", "recurring_interval")
    def _compute_contract_value(self):
        for contract in self:
            contract.contract_value = sum(
                contract.recurring_invoice_line_ids.mapped("price_subtotal")
            ) * periods_per_year(contract.recurring_rule_type,
                                 contract.recurring_interval)

    def _compute_days_to_expiry(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for contract in self:
            contract.days_to_expiry = days_to_expiry(
                today, fields.Date.from_string(contract.date_end)) or 0

    def _search_days_to_expiry(self, operator, value):
        """Computed from the end date rather than stored: no nightly rewrite
        of every contract; searches become end-date ranges (indexed)."""
        if operator not in ("=", "!=", "<", "<=", ">", ">=") or not isinstance(
                value, int):
            raise UserError(_("Unsupported search on the days to expiry."))
        day = fields.Date.to_string(
            fields.Date.from_string(fields.Date.context_today(self))
            + timedelta(days=value))
        return [("date_end", operator, day)]

    def _compute_invoiced_amount(self):
        amounts = self._invoiced_amounts(self.ids)
        for contract in self:
            contract.invoiced_amount = amounts.get(contract.id, 0.0)

    # --- constraints -----------------------------------------------------------
    @api.constrains("date_start", "date_end")
    def _check_si_dates(self):
        for contract in self:
            if (contract.date_start and contract.date_end
                    and contract.date_end < contract.date_start):
                raise ValidationError(
                    _("The end date of contract \"%s\" is before its start "
                      "date.") % contract.name)

    @api.constrains("renewal_of_id", "renewed_by_id")
    def _check_renewal_link(self):
        for contract in self:
            if contract in (contract.renewal_of_id | contract.renewed_by_id):
                raise ValidationError(
                    _("Contract \"%s\" cannot renew itself.") % contract.name)

    # --- actions -------------------------------------------------------------------
    @api.multi
    def action_renew(self):
        self.ensure_one()
        self._check_renewable()
        action = self.env.ref(
            "sales_intelligence.si_contract_renew_wizard_action").read()[0]
        action["context"] = {"default_contract_id": self.id}
        return action

    @api.multi
    def action_renewal_lost(self):
        self.ensure_one()
        self._check_renewable()
        action = self.env.ref(
            "sales_intelligence.si_contract_lost_wizard_action").read()[0]
        action["context"] = {"default_contract_id": self.id}
        return action

    @api.multi
    def action_view_renewal_leads(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Renewal Opportunities"),
            "res_model": "crm.lead",
            "view_mode": "tree,form",
            "domain": [("renewal_contract_id", "=", self.id)],
            "context": {"active_test": False},
        }

    @api.multi
    def action_send_fulfilment_report(self):
        """Send the report of the current period now (button)."""
        for contract in self:
            if not contract.partner_id.email:
                raise UserError(
                    _("The customer of contract \"%s\" has no e-mail address.")
                    % contract.name)
            contract._send_fulfilment_report()
        return True

    # --- business methods: running contracts --------------------------------------
    @api.model
    def _running_contract_domain(self, date=None):
        """The one definition of a running contract: an active recurring
        (OCA) contract that has started and not ended on `date` (today)."""
        date = date or fields.Date.context_today(self)
        return [
            ("recurring_invoices", "=", True),
            ("date_start", "<=", date),
            "|", ("date_end", "=", False), ("date_end", ">=", date),
        ]

    @api.model
    def _running_contract_partners(self, partners=None, date=None):
        """Commercial entities (companies, or individuals) with a running
        contract on `date`, among `partners` when given."""
        domain = self._running_contract_domain(date)
        if partners is not None:
            domain.append(("partner_id.commercial_partner_id", "in",
                           partners.mapped("commercial_partner_id").ids))
        # Reps cannot read every analytic account; knowing that a customer is
        # under contract (nothing else of it) is what they need, hence sudo.
        contracts = self.sudo().search(domain)
        return self.env["res.partner"].browse(
            contracts.mapped("partner_id.commercial_partner_id").ids)

    # --- business methods: renewal ------------------------------------------------
    @api.model
    def _invoiced_amounts(self, ids, since=None):
        """{contract id: untaxed amount of its validated customer invoices}
        (since the date `since` when given), in one grouped query."""
        if not ids:
            return {}
        self.env.cr.execute("""
            SELECT contract_id, sum(amount_untaxed_signed)
              FROM account_invoice
             WHERE contract_id IN %s AND state IN ('open', 'paid')
               AND type IN ('out_invoice', 'out_refund')
               AND (%s IS NULL OR date_invoice >= %s)
          GROUP BY contract_id
        """, (tuple(ids), since, since))
        return dict(self.env.cr.fetchall())

    def _check_renewable(self):
        for contract in self:
            if contract.renewal_state == "renewed" or contract.renewed_by_id:
                raise UserError(
                    _("Contract \"%s\" is already renewed.") % contract.name)
            if contract.renewal_state == "lost":
                raise UserError(
                    _("The renewal of contract \"%s\" is already lost.")
                    % contract.name)

    def _renew(self, new_contract=None, date_end=None):
        """Renew this contract by `new_contract` (linked both ways) or by
        extending it to `date_end`; the renewal opportunity is won."""
        self.ensure_one()
        self._check_renewable()
        today = fields.Date.context_today(self)
        if new_contract:
            if new_contract == self:
                raise ValidationError(
                    _("Contract \"%s\" cannot renew itself.") % self.name)
            if new_contract.renewal_of_id:
                raise UserError(
                    _("Contract \"%(new)s\" already renews \"%(old)s\".") % {
                        "new": new_contract.name,
                        "old": new_contract.renewal_of_id.name})
            if (new_contract.partner_id.commercial_partner_id
                    != self.partner_id.commercial_partner_id):
                raise UserError(
                    _("Contract \"%s\" belongs to another customer.")
                    % new_contract.name)
            values = {"renewed_by_id": new_contract.id}
            new_contract.renewal_of_id = self
            message = _("Renewed by contract %s.") % new_contract.name
        else:
            if not date_end:
                raise UserError(_("Give the new end date of the contract."))
            if self.date_end and date_end <= self.date_end:
                raise ValidationError(
                    _("The new end date must be after the current end date "
                      "(%s).") % self.date_end)
            if self.date_start and date_end < self.date_start:
                raise ValidationError(
                    _("The new end date is before the start of the contract."))
            values = {"date_end": date_end}
            message = _("Renewed by extension: end date %(old)s -> %(new)s.") % {
                "old": self.date_end or "", "new": date_end}
        lead = self.renewal_lead_id
        if lead.active and lead.probability < 100:
            lead.action_set_won()
        values.update({
            "renewal_state": "renewed",
            "renewal_date": today,
            # an extended contract starts a new term: its next renewal gets
            # a new opportunity (the won one stays in the history)
            "renewal_lead_id": False,
        })
        self.write(values)
        self.message_post(body=message)
        return True

    def _mark_renewal_lost(self, reason, note=False, from_lead=False):
        """The customer does not renew: keep the reason; the renewal
        opportunity is lost with it."""
        for contract in self:
            contract._check_renewable()
            lead = contract.renewal_lead_id
            contract.write({
                "renewal_state": "lost",
                "renewal_lost_reason_id": reason.id,
                "renewal_lost_note": note,
            })
            if lead.active and not from_lead:
                lead.write({"lost_reason": reason.id, "active": False,
                            "probability": 0})
            contract.message_post(
                body=_("Renewal lost: %s") % (reason.name
                                              + (" - %s" % note if note else "")))
        return True

    @api.model
    def cron_scan_renewals(self, batch_size=20000):
        """Nightly: for each contract whose renewal notice is due, notify the
        owner and create a renewal opportunity with its value summary.
        Set-based SQL in id batches, each committed; re-running creates
        nothing twice (a contract in a renewal cycle keeps its one
        opportunity)."""
        started = time.time()
        self._scan_renewal_notices(batch_size)
        created = self._create_pending_renewal_leads()
        _logger.info("Renewals: %d opportunities created in %.1fs",
                     created, time.time() - started)
        return created

    @api.model
    def _scan_renewal_notices(self, batch_size=20000):
        """The set-based part of the renewal job: contracts whose notice is
        due marked upcoming, in id batches, each committed. Returns the
        number of contracts marked."""
        Lead = self.env["crm.lead"]
        cr = self.env.cr
        today = fields.Date.context_today(self)
        marked = 0
        for low, high in id_batches(self.env.cr, self._table, batch_size):
            cr.execute(_NOTICE_DUE_SQL, {
                "today": today, "low": low, "high": high, "uid": self.env.uid,
                "default_days": DEFAULT_NOTICE_DAYS})
            marked += cr.rowcount
            Lead._commit_batch()
        self.invalidate_cache(["renewal_state"])
        return marked

    @api.model
    def _create_pending_renewal_leads(self, batch_size=200):
        """Renewal opportunities of the upcoming contracts that have none:
        this run's, and those of an interrupted run. Committed by batch."""
        self.env.cr.execute("""
            SELECT id FROM account_analytic_account
             WHERE renewal_state = 'upcoming' AND renewal_lead_id IS NULL
          ORDER BY id
        """)
        ids = [row[0] for row in self.env.cr.fetchall()]
        created = 0
        for start in range(0, len(ids), batch_size):
            created += len(
                self.browse(ids[start:start + batch_size])._create_renewal_leads())
            self.env["crm.lead"]._commit_batch()
        return created

    def _create_renewal_leads(self):
        """A renewal opportunity for each of these contracts, its owner
        notified by a to-do; returns the opportunities."""
        year_ago = fields.Date.to_string(
            fields.Date.from_string(fields.Date.context_today(self))
            - timedelta(days=365))
        invoiced = self._invoiced_amounts(self.ids)
        last_year = self._invoiced_amounts(self.ids, since=year_ago)
        Lead = self.env["crm.lead"].with_context(
            tracking_disable=True, mail_create_nolog=True)
        leads = Lead.browse()
        for contract in self:
            # the summary is written in the owner's language
            lang = contract._renewal_owner().lang or self.env.user.lang
            lead = Lead.create(contract.with_context(lang=lang)._prepare_renewal_lead(
                invoiced.get(contract.id, 0.0), last_year.get(contract.id, 0.0)))
            leads |= lead
            self.env.cr.execute(
                "UPDATE account_analytic_account SET renewal_lead_id = %s "
                "WHERE id = %s", (lead.id, contract.id))
        self.invalidate_cache(["renewal_lead_id"], self.ids)
        self.env["mail.activity"]._si_bulk_schedule(
            leads, "user_id", "name",
            self.env.ref("mail.mail_activity_data_todo"),
            _("Contract expiring: prepare the renewal"))
        return leads

    def _prepare_renewal_lead(self, invoiced, last_year):
        """Values of the renewal opportunity of this contract, with the value
        summary a rep needs to negotiate."""
        self.ensure_one()
        owner = self._renewal_owner()
        summary = "\n".join([
            _("Renewal of contract %(name)s ending on %(end)s.") % {
                "name": self.name, "end": self.date_end},
            _("Fulfilment status: %s") % self._selection_label("fulfilment_status"),
            _("Invoiced to date: %(amount).2f %(currency)s") % {
                "amount": invoiced, "currency": self.currency_id.name or ""},
            _("Dependence level: %s") % self._selection_label("dependence_level"),
            _("Value delivered: %(amount).2f %(currency)s") % {
                "amount": self.value_delivered,
                "currency": self.currency_id.name or ""},
        ])
        return {
            "name": _("Renewal: %s") % self.name,
            "type": "opportunity",
            "partner_id": self.partner_id.id,
            "user_id": owner.id,
            "team_id": (self.team_id or owner.sale_team_id).id,
            "company_id": self.company_id.id,
            "planned_revenue": last_year or self.contract_value,
            "date_deadline": self.date_end,
            "renewal_contract_id": self.id,
            "description": summary,
        }

    def _renewal_owner(self):
        """Who renews: the contract's responsible, else the customer's
        salesperson."""
        self.ensure_one()
        return self.user_id or self.partner_id.commercial_partner_id.user_id

    def _selection_label(self, field_name):
        """The label of this record's value of a selection field, in the
        language of the context."""
        labels = dict(self._fields[field_name]._description_selection(self.env))
        return labels.get(self[field_name]) or ""

    # --- business methods: fulfilment reports ---------------------------------------
    @api.model
    def cron_send_fulfilment_reports(self, batch_size=50):
        """Send the fulfilment report of the current period to the customer
        of each running contract that asks for one and did not get it yet;
        the period sent is written in the same transaction as the e-mail, so
        a re-run sends nothing twice. Committed in batches."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        sent = 0
        for frequency in REPORT_MONTHS:
            start = fields.Date.to_string(period_start(today, frequency))
            contracts = self.search(self._running_contract_domain() + [
                ("fulfilment_report_frequency", "=", frequency),
                ("partner_id.email", "!=", False),
                "|", ("fulfilment_report_period", "=", False),
                ("fulfilment_report_period", "<", start),
            ], order="id")
            for batch_start in range(0, len(contracts), batch_size):
                for contract in contracts[batch_start:batch_start + batch_size]:
                    try:
                        with self.env.cr.savepoint():
                            contract._send_fulfilment_report()
                        sent += 1
                    # one bad contract (address, report) must not stop the job
                    except Exception:  # pylint: disable=broad-except
                        _logger.exception("Fulfilment report of contract %s",
                                          contract.id)
                self.env["crm.lead"]._commit_batch()
        return sent

    def _fulfilment_report_products(self, limit=3):
        """Products to present: the chosen ones, or those most won in the
        customer's industry that this contract does not invoice yet."""
        self.ensure_one()
        if self.report_product_ids:
            return self.report_product_ids
        industry = self.partner_id.commercial_partner_id.industry_id
        if not industry:
            return self.env["product.product"]
        # the suggestion counts every won deal of the industry, also those of
        # other reps, which the customer's account manager may not read
        groups = self.env["si.won.analysis"].sudo().read_group(
            [("dimension", "=", "product"), ("industry_id", "=", industry.id),
             ("product_id", "not in",
              self.recurring_invoice_line_ids.mapped("product_id").ids)],
            ["product_id"], ["product_id"], orderby="product_id", lazy=False)
        groups.sort(key=lambda g: -g["__count"])
        return self.env["product.product"].browse(
            [g["product_id"][0] for g in groups[:limit]])

    def _fulfilment_report_lines(self):
        """Usage and service lines since the last report (all when first)."""
        self.ensure_one()
        lines = self.fulfilment_line_ids
        if self.fulfilment_report_period:
            lines = lines.filtered(
                lambda line: line.date >= self.fulfilment_report_period)
        return lines.sorted("date")

    def _send_fulfilment_report(self):
        """E-mail the report of the current period to the customer, PDF
        attached, logged in the chatter; remember the period."""
        self.ensure_one()
        today = fields.Date.from_string(fields.Date.context_today(self))
        frequency = self.fulfilment_report_frequency
        start = period_start(today, frequency if frequency in REPORT_MONTHS
                             else "monthly")
        partner = self.partner_id
        contract = self.with_context(lang=partner.lang or self.env.user.lang)
        report = self.env.ref("sales_intelligence.report_fulfilment")
        pdf = report.with_context(lang=contract.env.context["lang"]) \
            .render_qweb_pdf(self.ids)[0]
        body = self.env["ir.qweb"].with_context(**contract.env.context).render(
            "sales_intelligence.fulfilment_report_mail",
            {"contract": contract, "period": start,
             "products": contract._fulfilment_report_products()})
        subject = contract._fulfilment_report_subject(start)
        self.message_post(
            body=body,
            subject=subject,
            partner_ids=[partner.id],
            message_type="comment",
            subtype="mail.mt_comment",
            attachments=[("%s.pdf" % subject, pdf)],
        )
        self.write({"fulfilment_report_period": fields.Date.to_string(start)})
        return True

    def _fulfilment_report_subject(self, start):
        return _("Fulfilment report %(period)s - %(contract)s") % {
            "period": start.strftime("%Y-%m"), "contract": self.name}
