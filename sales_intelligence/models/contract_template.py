# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ContractTemplate(models.Model):
    """Contract templates (OCA), and through OCA's inheritance every
    contract: the renewal notice period. A contract copies its template's
    period when the template is chosen; a contract without its own period
    takes its template's, else its team's."""

    _inherit = "contract.template"

    renewal_notice_days = fields.Integer(
        string="Renewal Notice (days)",
        help="How many days before the end date the owner is notified and a "
        "renewal opportunity is created. 0: the contract template's, else the "
        "sales team's setting.",
    )

    @api.constrains("renewal_notice_days")
    def _check_renewal_notice_days(self):
        for record in self:
            if record.renewal_notice_days < 0:
                raise ValidationError(
                    self.env._("The renewal notice period cannot be negative."))
