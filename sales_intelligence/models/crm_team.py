# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


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
