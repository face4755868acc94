# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class AccountAnalyticAccount(models.Model):
    _inherit = "account.analytic.account"

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
