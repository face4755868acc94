# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    si_contract_history_count = fields.Integer(
        compute="_compute_si_contract_history_count",
        string="Contract History",
        help="All contracts of the customer, ended ones included.",
    )

    def _compute_si_contract_history_count(self):
        Contract = self.env["account.analytic.account"]
        if not Contract.check_access_rights("read", raise_exception=False):
            for partner in self:  # portal users and the like
                partner.si_contract_history_count = 0
            return
        groups = Contract.read_group(
            [("recurring_invoices", "=", True),
             ("partner_id.commercial_partner_id", "in",
              self.mapped("commercial_partner_id").ids)],
            ["partner_id"], ["partner_id"], lazy=False)
        counts = {}
        for group in groups:
            commercial = self.browse(group["partner_id"][0]).commercial_partner_id
            counts[commercial.id] = counts.get(commercial.id, 0) + group["__count"]
        for partner in self:
            partner.si_contract_history_count = counts.get(
                partner.commercial_partner_id.id, 0)

    @api.multi
    def action_view_contract_history(self):
        """The customer's contracts, past and running, with their renewals."""
        self.ensure_one()
        action = self.env.ref("sales_intelligence.contract_history_action").read()[0]
        action["domain"] = [
            ("recurring_invoices", "=", True),
            ("partner_id", "child_of", self.commercial_partner_id.id),
        ]
        return action
