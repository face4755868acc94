# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contract renewals: the notice before the end, one renewal opportunity per
contract term (the nightly scan); renewing or losing it is in
contract_contract_renewal_outcome.py."""
import logging
import time
from datetime import timedelta

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools.contract_terms import days_to_expiry

_logger = logging.getLogger(__name__)

RENEWAL_STATES = [
    ("not_due", "Not Due"),
    ("upcoming", "Upcoming"),
    ("in_renewal", "In Renewal"),
    ("renewed", "Renewed"),
    ("lost", "Lost"),
]
DEFAULT_NOTICE_DAYS = 60


class ContractContract(models.Model):
    _inherit = "contract.contract"

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
        tracking=True,
        help="Upcoming: the end is within the notice period, the owner was "
        "notified and a renewal opportunity created. In renewal: the "
        "opportunity is being worked. Renewed or lost: the outcome.",
    )
    renewal_lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Renewal Opportunity",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The renewal opportunity of the current term.",
    )
    renewal_lead_ids = fields.One2many(
        comodel_name="crm.lead",
        inverse_name="renewal_contract_id",
        string="Renewal Opportunities",
        readonly=True,
        context={"active_test": False},
    )
    renewal_of_id = fields.Many2one(
        comodel_name="contract.contract",
        string="Renewal Of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The contract this one renews.",
    )
    renewed_by_id = fields.Many2one(
        comodel_name="contract.contract",
        string="Renewed By",
        readonly=True,
        copy=False,
        index="btree_not_null",
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

    _sql_constraints = [
        # one renewal opportunity per term: a lead renews one contract term
        ("renewal_lead_uniq", "unique (renewal_lead_id)",
         "An opportunity renews one contract term only."),
        ("renewed_by_uniq", "unique (renewed_by_id)",
         "A contract renews one contract only."),
    ]

    # --- computes ----------------------------------------------------------
    @api.depends("date_end")
    @api.depends_context("tz")
    def _compute_days_to_expiry(self):
        today = fields.Date.context_today(self)
        for contract in self:
            contract.days_to_expiry = days_to_expiry(
                today, contract.date_end or None) or 0

    def _search_days_to_expiry(self, operator, value):
        """Computed from the end date rather than stored: no nightly rewrite
        of every contract; searches become end-date ranges (indexed)."""
        if operator not in ("=", "!=", "<", "<=", ">", ">=") or not isinstance(
                value, int) or isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the days to expiry."))
        day = fields.Date.context_today(self) + timedelta(days=value)
        return [("date_end", operator, day)]

    # --- constraints -------------------------------------------------------
    @api.constrains("renewal_of_id", "renewed_by_id")
    def _check_renewal_link(self):
        for contract in self:
            if contract in (contract.renewal_of_id | contract.renewed_by_id):
                raise ValidationError(self.env._(
                    "Contract \"%s\" cannot renew itself.", contract.name))

    # --- the renewal notice (scheduled) ------------------------------------
    @api.model
    def _cron_scan_renewals(self, batch_size=200):
        """Nightly: contracts whose renewal notice is due become upcoming
        (one set-based statement), then each upcoming contract without its
        opportunity gets one, its owner notified by a to-do; committed batch
        by batch. Re-running creates nothing twice: a contract in a renewal
        cycle keeps its one opportunity (unique)."""
        started = time.time()
        marked = self._mark_renewal_notices_due()
        created = self._create_pending_renewal_leads(batch_size)
        _logger.info("Renewals: %d contracts due, %d opportunities created "
                     "in %.1fs", marked, created, time.time() - started)
        return created

    @api.model
    def _mark_renewal_notices_due(self):
        """Mark upcoming the contracts whose renewal notice is due: running
        customer contracts with an end date within their notice period (the
        contract's own, else its template's, else its team's, else 60 days),
        not in a renewal cycle yet. A contract renewed by extension starts a
        new cycle; one renewed by another contract hands over to it. Returns
        the number of contracts marked."""
        self.flush_model(["active", "contract_type", "date_end", "team_id",
                          "contract_template_id", "renewal_notice_days",
                          "renewal_state", "renewed_by_id", "renewal_lead_id"])
        self.env["contract.template"].flush_model(["renewal_notice_days"])
        self.env["crm.team"].flush_model(["renewal_notice_days"])
        today = fields.Date.context_today(self)
        self.env.cr.execute(SQL(
            """
            UPDATE contract_contract c
               SET renewal_state = 'upcoming',
                   write_uid = %(uid)s, write_date = now() at time zone 'UTC'
             WHERE c.id IN (
                    SELECT a.id
                      FROM contract_contract a
                 LEFT JOIN contract_template tpl ON tpl.id = a.contract_template_id
                 LEFT JOIN crm_team t ON t.id = a.team_id
                     WHERE a.active AND a.contract_type = 'sale'
                       AND a.date_end >= %(today)s
                       AND a.date_end <= %(today)s::date + COALESCE(
                               NULLIF(a.renewal_notice_days, 0),
                               NULLIF(tpl.renewal_notice_days, 0),
                               t.renewal_notice_days, %(default_days)s)
                       AND a.renewal_state IN ('not_due', 'renewed')
                       AND a.renewed_by_id IS NULL
                       AND a.renewal_lead_id IS NULL
                       -- a contract a user is editing: the next run
                       FOR UPDATE OF a SKIP LOCKED)
            """,
            uid=self.env.uid, today=today, default_days=DEFAULT_NOTICE_DAYS,
        ))
        marked = self.env.cr.rowcount
        self.invalidate_model(["renewal_state", "write_uid", "write_date"])
        return marked

    @api.model
    def _create_pending_renewal_leads(self, batch_size=200):
        """Renewal opportunities of the upcoming contracts that have none:
        this run's, and those of an interrupted run; in id order (keyset),
        each batch committed. A contract that fails is logged and skipped
        (retried on the next run)."""
        domain = [("renewal_state", "=", "upcoming"),
                  ("renewal_lead_id", "=", False)]
        created = last_id = 0
        while True:
            batch = self.search(domain + [("id", ">", last_id)], order="id",
                                limit=batch_size)
            if not batch:
                break
            last_id = batch[-1].id
            created += len(batch._create_renewal_leads())
            remaining = self.search_count(domain + [("id", ">", last_id)])
            self._si_batch_done(done=created, remaining=remaining)
        return created

    def _create_renewal_leads(self):
        """A renewal opportunity for each of these contracts, its owner
        notified by a to-do; returns the opportunities. Set-based: the
        contracts are locked in one statement, their opportunities created
        by one `create` per owner's language (the summary is written in it)
        and linked back by one grouped write. A group whose creation fails
        is made again contract by contract: one bad contract (owner, team,
        data) is logged and skipped, the others are created."""
        contracts = self._lock_for_renewal()
        year_ago = fields.Date.context_today(self) - timedelta(days=365)
        amounts = (contracts._invoiced_amounts(),
                   contracts._invoiced_amounts(since=year_ago))
        Lead = self.env["crm.lead"].with_context(
            tracking_disable=True, mail_create_nolog=True,
            mail_create_nosubscribe=True)
        leads = Lead.browse()
        by_lang = contracts.grouped(
            lambda contract: contract._renewal_owner().lang or self.env.lang)
        for lang, group in by_lang.items():
            group = group.with_context(lang=lang)
            try:
                with self.env.cr.savepoint():
                    leads |= group._create_renewal_lead_group(Lead, amounts)
            except Exception as error:  # pylint: disable=broad-except
                _logger.info("Renewal opportunities of contracts %s created "
                             "one by one: %s", group.ids, error)
                leads |= group._create_renewal_leads_one_by_one(Lead, amounts)
        summary = self.env._("Contract expiring: prepare the renewal")
        todo = self.env.ref("mail.mail_activity_data_todo")
        owned = leads.filtered("user_id")
        # one INSERT, as the other scheduled jobs' to-dos: no e-mail for each
        # (3,800 of them a night at 100,000 contracts)
        self.env["mail.activity"]._si_bulk_schedule(
            owned, "user_id", "name", todo, summary,
            deadline=todo._get_date_deadline())
        (leads - owned).activity_schedule(
            "mail.mail_activity_data_todo", summary=summary, user_id=self.env.uid)
        return leads

    def _renewal_lead_values(self, amounts):
        invoiced, last_year = amounts
        return self._prepare_renewal_lead(invoiced.get(self.id, 0.0),
                                          last_year.get(self.id, 0.0))

    def _create_renewal_lead_group(self, Lead, amounts):
        """One `create` of these contracts' opportunities, linked back by
        one grouped write (a single UPDATE at the flush). A contract whose
        values cannot be prepared is logged and skipped."""
        vals_list, failed = [], []
        for contract in self:
            try:
                vals_list.append(contract._renewal_lead_values(amounts))
            except Exception as error:  # pylint: disable=broad-except
                failed.append((contract, error))
        leads = Lead.create(vals_list)
        for lead in leads:
            lead.renewal_contract_id.renewal_lead_id = lead
        self.flush_recordset(["renewal_lead_id"])
        for contract, error in failed:
            _logger.warning("Renewal opportunity of contract %s not "
                            "created: %s", contract.id, error)
        return leads

    def _create_renewal_leads_one_by_one(self, Lead, amounts):
        """The opportunities of these contracts one by one, each in its
        savepoint: a failing contract is logged and skipped (retried by the
        next run)."""
        leads = Lead.browse()
        for contract in self:
            try:
                with self.env.cr.savepoint():
                    lead = Lead.create(contract._renewal_lead_values(amounts))
                    contract.renewal_lead_id = lead
            except Exception as error:  # pylint: disable=broad-except
                _logger.warning("Renewal opportunity of contract %s not "
                                "created: %s", contract.id, error)
                continue
            leads |= lead
        return leads

    def _lock_for_renewal(self):
        """Lock these contracts still without their opportunity, in one
        statement, and return them. A contract a user is editing right now
        (or that got its opportunity meanwhile) is logged and skipped, never
        waited for: the next run tries it again."""
        if not self:
            return self
        self.flush_model(["renewal_lead_id"])
        cr = self.env.cr
        query = ("SELECT id FROM contract_contract WHERE id = ANY(%s) "
                 "AND renewal_lead_id IS NULL ORDER BY id FOR UPDATE SKIP LOCKED")
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL(query, self.ids))
                locked = {row[0] for row in cr.fetchall()}
        except psycopg2.errors.SerializationFailure:
            # one was changed since this transaction began: lock them one by
            # one, skipping the changed ones (the next run takes them)
            locked = set()
            for contract_id in self.ids:
                try:
                    with cr.savepoint(flush=False):
                        cr.execute(SQL(query, [contract_id]))
                        locked.update(row[0] for row in cr.fetchall())
                except psycopg2.errors.SerializationFailure:
                    continue
        skipped = [contract_id for contract_id in self.ids
                   if contract_id not in locked]
        if skipped:
            cr.execute(SQL("SELECT id FROM contract_contract WHERE id = ANY(%s) "
                           "AND renewal_lead_id IS NOT NULL", skipped))
            linked = {row[0] for row in cr.fetchall()}
            for contract_id in skipped:
                # logged by the job, never shown to a user
                _logger.warning(
                    "Renewal opportunity of contract %s not created: %s",
                    contract_id,
                    "the contract has its renewal opportunity already"
                    if contract_id in linked else "could not obtain lock on "
                    "the contract (a user is editing it): next run")
        return self.browse([contract_id for contract_id in self.ids
                            if contract_id in locked])

    def _prepare_renewal_lead(self, invoiced, last_year):
        """Values of the renewal opportunity of this contract, with the value
        summary a rep needs to negotiate."""
        self.ensure_one()
        _ = self.env._
        owner = self._renewal_owner()
        currency = self.currency_id.name or ""
        lines = [
            _("Renewal of contract %(name)s ending on %(end)s.",
              name=self.name, end=self.date_end),
            _("Fulfilment status: %s", self._selection_label("fulfilment_status")),
            _("Invoiced to date: %(amount).2f %(currency)s",
              amount=invoiced, currency=currency),
            _("Dependence level: %s", self._selection_label("dependence_level")),
            _("Value delivered: %(amount).2f %(currency)s",
              amount=self.value_delivered, currency=currency),
        ]
        return {
            "name": _("Renewal: %s", self.name),
            "type": "opportunity",
            "partner_id": self.partner_id.id,
            "user_id": owner.id,
            "team_id": (self.team_id or owner.sale_team_id).id,
            "company_id": self.company_id.id,
            "expected_revenue": last_year or self.contract_value,
            "date_deadline": self.date_end,
            "renewal_contract_id": self.id,
            "renewal_date_end": self.date_end,
            "description": Markup("").join(
                Markup("<p>%s</p>") % line for line in lines),
        }

    def _renewal_owner(self):
        """Who renews: the contract's responsible, else the customer's
        salesperson."""
        self.ensure_one()
        return self.user_id or self.customer_user_id
