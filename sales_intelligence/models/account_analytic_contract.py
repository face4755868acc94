# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AccountAnalyticContract(models.Model):
    """Contract types (OCA contract templates), and through OCA's
    inheritance every contract: the renewal notice period."""

    _inherit = "account.analytic.contract"

    renewal_notice_days = fields.Integer(
        string="Renewal Notice (days)",
        help="How many days before the end date the owner is notified and a "
        "renewal opportunity is created. 0: the sales team's setting.",
    )

    @api.constrains("renewal_notice_days")
    def _check_renewal_notice_days(self):
        for record in self:
            if record.renewal_notice_days < 0:
                raise ValidationError(
                    _("The renewal notice period cannot be negative."))
