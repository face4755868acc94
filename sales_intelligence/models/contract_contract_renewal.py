# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contract renewals: the notice before the end, one renewal opportunity per
contract term, renewing (by extension or by a new contract) or losing it."""
import logging
import time
from datetime import timedelta

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

    # --- actions -----------------------------------------------------------
    def action_renew(self):
        self.ensure_one()
        self._check_renewable()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence.si_contract_renew_wizard_action")
        action["context"] = {"default_contract_id": self.id}
        return action

    def action_renewal_lost(self):
        self.ensure_one()
        self._check_renewable()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence.si_contract_lost_wizard_action")
        action["context"] = {"default_contract_id": self.id}
        return action

    def action_view_renewal_leads(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Renewal Opportunities"),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": [("renewal_contract_id", "=", self.id)],
            "context": {"active_test": False},
        }

    # --- renewing and losing -----------------------------------------------
    def _check_renewable(self):
        for contract in self:
            if contract.renewal_state == "renewed" or contract.renewed_by_id:
                raise UserError(self.env._(
                    "Contract \"%s\" is already renewed.", contract.name))
            if contract.renewal_state == "lost":
                raise UserError(self.env._(
                    "The renewal of contract \"%s\" is already lost.",
                    contract.name))

    def _check_renewal_rights(self, lead):
        """Refuse before anything is written: the user renews or loses a
        contract they may write, and its renewal opportunity `lead` (won or
        lost with it) must be theirs to write too."""
        self.check_access("write")
        lead.filtered("active").check_access("write")

    def _renew(self, new_contract=None, date_end=None):
        """Renew this contract by `new_contract` (linked both ways) or by
        extending it to `date_end`; the renewal opportunity is won."""
        self.ensure_one()
        self._check_renewable()
        self._check_renewal_rights(self.renewal_lead_id)
        if new_contract:
            message = self._renew_by_contract(new_contract)
            values = {"renewed_by_id": new_contract.id}
        else:
            message = self._renew_by_extension(date_end)
            values = {"date_end": date_end}
        lead = self.renewal_lead_id
        if lead.active and lead.probability < 100:
            lead.action_set_won()
        values.update({
            "renewal_state": "renewed",
            "renewal_date": fields.Date.context_today(self),
            # an extended contract starts a new term: its next renewal gets
            # a new opportunity (the won one stays in the history)
            "renewal_lead_id": False,
        })
        self.write(values)
        self.message_post(body=message)
        return True

    def _renew_by_contract(self, new_contract):
        if new_contract == self:
            raise ValidationError(self.env._(
                "Contract \"%s\" cannot renew itself.", self.name))
        if new_contract.renewal_of_id:
            raise UserError(self.env._(
                "Contract \"%(new)s\" already renews \"%(old)s\".",
                new=new_contract.name, old=new_contract.renewal_of_id.name))
        if new_contract.commercial_partner_id != self.commercial_partner_id:
            raise UserError(self.env._(
                "Contract \"%s\" belongs to another customer.", new_contract.name))
        new_contract.renewal_of_id = self
        return self.env._("Renewed by contract %s.", new_contract.name)

    def _renew_by_extension(self, date_end):
        """Move the end of the contract, and of its lines that ended with
        it, to `date_end` (OCA computes the contract's end from its lines)."""
        if not date_end:
            raise UserError(self.env._("Give the new end date of the contract."))
        old_end = self.date_end
        if old_end and date_end <= old_end:
            raise ValidationError(self.env._(
                "The new end date must be after the current end date (%s).",
                old_end))
        if self.date_start and date_end < self.date_start:
            raise ValidationError(self.env._(
                "The new end date is before the start of the contract."))
        # Lines are finance's: whoever may write the contract (its rep) may
        # extend them with it, and nothing else of them, hence sudo.
        self.check_access("write")
        self.sudo().contract_line_ids.filtered(
            lambda line: old_end and line.date_end == old_end
        ).write({"date_end": date_end})
        return self.env._(
            "Renewed by extension: end date %(old)s -> %(new)s.",
            old=old_end or "", new=date_end)

    def _mark_renewal_lost(self, reason, note=False, from_lead=False):
        """The customer does not renew: keep the reason; the renewal
        opportunity is lost with it (unless it is where the loss comes
        from)."""
        self._check_renewable()
        self._check_renewal_rights(
            self.env["crm.lead"] if from_lead else self.renewal_lead_id)
        for contract in self:
            lead = contract.renewal_lead_id
            contract.write({
                "renewal_state": "lost",
                "renewal_lost_reason_id": reason.id,
                "renewal_lost_note": note,
            })
            if lead.active and not from_lead:
                lead.action_set_lost(lost_reason_id=reason.id)
            contract.message_post(body=self.env._(
                "Renewal lost: %s",
                reason.name + (" - %s" % note if note else "")))
        return True

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
        notified by a to-do; returns the opportunities."""
        year_ago = fields.Date.context_today(self) - timedelta(days=365)
        invoiced = self._invoiced_amounts()
        last_year = self._invoiced_amounts(since=year_ago)
        Lead = self.env["crm.lead"].with_context(
            tracking_disable=True, mail_create_nolog=True,
            mail_create_nosubscribe=True)
        leads = Lead.browse()
        for contract in self:
            try:
                with self.env.cr.savepoint():
                    contract._lock_for_renewal()
                    # the summary is written in the owner's language
                    lang = contract._renewal_owner().lang or self.env.lang
                    lead = Lead.create(contract.with_context(
                        lang=lang)._prepare_renewal_lead(
                        invoiced.get(contract.id, 0.0),
                        last_year.get(contract.id, 0.0)))
                    contract.renewal_lead_id = lead
            # one bad contract (owner, team, data) must not stop the others
            except Exception as error:  # pylint: disable=broad-except
                _logger.warning("Renewal opportunity of contract %s not "
                                "created: %s", contract.id, error)
                continue
            leads |= lead
        summary = self.env._("Contract expiring: prepare the renewal")
        for user, user_leads in leads.grouped("user_id").items():
            user_leads.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                user_id=user.id or self.env.uid,
            )
        return leads

    def _lock_for_renewal(self):
        """Lock this contract, still without its opportunity, or raise: a
        contract a user is editing right now (or that got its opportunity
        meanwhile) is skipped and tried again by the next run."""
        self.ensure_one()
        self.flush_recordset(["renewal_lead_id"])
        self.env.cr.execute(SQL(
            "SELECT id FROM contract_contract WHERE id = %s "
            "AND renewal_lead_id IS NULL FOR UPDATE NOWAIT", self.id))
        if not self.env.cr.fetchone():
            # logged by the job, never shown to a user
            raise LookupError("the contract has its renewal opportunity already")

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
