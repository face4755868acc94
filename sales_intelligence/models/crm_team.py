# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmTeam(models.Model):
    _inherit = "crm.team"

    sales_mode = fields.Selection(
        selection=[("b2b", "B2B"), ("b2c", "B2C")],
        default="b2b",
        required=True,
        index=True,
        help="B2B teams sell to companies with long cycles and contracts; "
        "B2C teams sell to individuals with short cycles. Targets, daily "
        "plans and lead matching use it to pick the right defaults.",
    )
    renewal_notice_days = fields.Integer(
        string="Renewal Notice (days)",
        default=60,
        help="Days before a contract of the team ends when its owner is "
        "notified and a renewal opportunity is created, unless the contract "
        "type sets its own.",
    )

    @api.constrains("renewal_notice_days")
    def _check_renewal_notice_days(self):
        for team in self:
            if team.renewal_notice_days < 0:
                raise ValidationError(
                    _("The renewal notice period cannot be negative."))
