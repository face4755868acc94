# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer contracts (OCA `contract.contract`) for the sales side: who owns
them (team, customer's salesperson), what they are worth and invoiced, and
what a running contract is."""

import psycopg2.errors

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.batches import commit_batch
from ..tools.contract_terms import periods_per_year


class ContractContract(models.Model):
    _inherit = "contract.contract"

    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="The team that owns the customer relationship: its managers see "
        "the contract, its renewal notice period applies. Defaults to the "
        "team of the responsible.",
    )
    customer_user_id = fields.Many2one(
        comodel_name="res.users",
        related="commercial_partner_id.user_id",
        store=True,
        index=True,
        string="Customer's Salesperson",
        help="The salesperson of the customer, who sees the contract.",
    )
    team_leader_id = fields.Many2one(
        comodel_name="res.users",
        related="team_id.user_id",
        store=True,
        index=True,
        string="Team Leader",
    )
    # --- value: what the contract is worth, what it invoiced ---------------
    contract_value = fields.Monetary(
        string="Yearly Value",
        compute="_compute_contract_value",
        store=True,
        help="Recurring contract lines on a yearly basis.",
    )
    invoiced_amount = fields.Monetary(
        compute="_compute_invoiced_amount",
        string="Invoiced to Date",
        help="Untaxed amount of the posted customer invoices and credit "
        "notes of the contract.",
    )

    # --- computes ----------------------------------------------------------
    @api.depends("user_id")
    def _compute_team_id(self):
        """The responsible's team, unless the contract's team is already one
        the responsible belongs to or leads (as Odoo does for leads)."""
        for contract in self:
            user = contract.user_id
            if not user:
                continue
            team = contract.team_id
            if team and user in (team.member_ids | team.user_id):
                continue
            contract.team_id = user.sale_team_id or team

    @api.depends("contract_line_ids.price_subtotal",
                 "contract_line_ids.recurring_rule_type",
                 "contract_line_ids.recurring_interval",
                 "contract_line_ids.is_canceled",
                 "contract_line_ids.display_type")
    def _compute_contract_value(self):
        for contract in self:
            contract.contract_value = sum(
                line.price_subtotal * periods_per_year(
                    line.recurring_rule_type, line.recurring_interval)
                for line in contract.contract_line_ids
                if not line.display_type and not line.is_canceled)

    def _compute_invoiced_amount(self):
        amounts = self._invoiced_amounts()
        for contract in self:
            contract.invoiced_amount = amounts.get(contract.id, 0.0)

    # --- invoicing figures -------------------------------------------------
    def _invoiced_amounts(self, since=None):
        """{contract id: untaxed amount (company currency) of its posted
        customer invoices and credit notes} (since the date `since` when
        given), in one grouped query over the invoice lines OCA links to the
        contract lines."""
        if not self.ids:
            return {}
        self.env["account.move.line"].flush_model(
            ["contract_line_id", "balance", "display_type", "move_id",
             "parent_state", "date"])
        self.env["account.move"].flush_model(["move_type"])
        self.env["contract.line"].flush_model(["contract_id"])
        self.env.cr.execute(SQL(
            """
            SELECT cl.contract_id, SUM(-aml.balance)
              FROM account_move_line aml
              JOIN contract_line cl ON cl.id = aml.contract_line_id
              JOIN account_move am ON am.id = aml.move_id
             WHERE cl.contract_id IN %(ids)s
               AND aml.parent_state = 'posted'
               AND aml.display_type = 'product'
               AND am.move_type IN ('out_invoice', 'out_refund')
               AND (%(since)s::date IS NULL OR aml.date >= %(since)s::date)
          GROUP BY cl.contract_id
            """,
            ids=tuple(self.ids), since=since,
        ))
        return dict(self.env.cr.fetchall())

    # --- running contracts -------------------------------------------------
    @api.model
    def _running_contract_domain(self, date=None):
        """The one definition of a running contract: an active customer
        contract that has started and not ended on `date` (today)."""
        date = date or fields.Date.context_today(self)
        return [
            ("active", "=", True),
            ("contract_type", "=", "sale"),
            ("date_start", "<=", date),
            "|", ("date_end", "=", False), ("date_end", ">=", date),
        ]

    @api.model
    def _running_contract_partners(self, partners=None, date=None):
        """Commercial entities (companies, or individuals) with a running
        contract on `date`, among `partners` when given."""
        domain = self._running_contract_domain(date)
        if partners is not None:
            domain.append(("commercial_partner_id", "in",
                           partners.commercial_partner_id.ids))
        # Reps cannot read every contract; knowing that a customer is under
        # contract (nothing else of it) is what they need, hence sudo. Only
        # partner ids leave this method.
        groups = self.sudo()._read_group(domain, ["commercial_partner_id"])
        return self.env["res.partner"].browse(
            [partner.id for (partner,) in groups])

    # --- views -------------------------------------------------------------
    def get_formview_id(self, access_uid=None):
        """Links to a customer contract open the product's contract form for
        users without invoicing rights (reps): OCA's form shows invoicing
        terms they cannot read."""
        user = self.env["res.users"].browse(access_uid) if access_uid \
            else self.env.user
        if (self.contract_type == "sale"
                and not user.has_group("account.group_account_invoice")):
            return self.env.ref("sales_intelligence.contract_view_form").id
        return super().get_formview_id(access_uid=access_uid)

    # --- helpers -----------------------------------------------------------
    def _selection_label(self, field_name):
        """The label of this record's value of a selection field, in the
        language of the environment."""
        self.ensure_one()
        labels = dict(self._fields[field_name]._description_selection(self.env))
        return labels.get(self[field_name]) or ""

    def _lock_nowait(self):
        """Lock this contract's row for the transaction; False, at once, when
        another transaction holds it (a user editing the contract): the
        scheduled jobs skip it then and handle it on their next run."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL(
                    "SELECT id FROM contract_contract WHERE id = %s "
                    "FOR UPDATE NOWAIT", self.id))
        except psycopg2.errors.LockNotAvailable:
            return False
        return True

    @api.model
    def _si_batch_done(self, done, remaining):
        """End of a batch of a contract job; commits inside a scheduled run
        only (see tools.batches)."""
        commit_batch(self.env, done, remaining, cron_only=True)
