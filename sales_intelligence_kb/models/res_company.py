# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    si_bundle_months = fields.Integer(
        string="Combination Mining Period (months)",
        default=12,
        help="Confirmed sale orders of the last N months are mined for products "
        "sold together.",
    )
    si_bundle_min_orders = fields.Integer(
        string="Minimum Orders Together",
        default=3,
        help="A pair of products must appear in at least this many orders.",
    )
    si_bundle_min_support = fields.Float(
        string="Minimum Support (%)",
        default=0.5,
        help="Share of the period's orders that must hold the pair.",
    )
    si_bundle_min_confidence = fields.Float(
        string="Minimum Confidence (%)",
        default=20.0,
        help="How often, at least, a buyer of one product also bought the other.",
    )
    si_bundle_max_count = fields.Integer(
        string="Maximum Mined Combinations",
        default=100,
        help="The best pairs kept (by lift) at each run.",
    )
    si_bundle_mined_date = fields.Date(
        string="Combinations Last Mined On",
        readonly=True,
        copy=False,
        help="Day of the last scheduled mining of the company's confirmed sale "
        "orders; the scheduled action mines each company once a run.",
    )

    @api.constrains("si_bundle_months", "si_bundle_min_orders",
                    "si_bundle_min_support", "si_bundle_min_confidence",
                    "si_bundle_max_count")
    def _check_bundle_mining(self):
        for company in self:
            if (company.si_bundle_months < 1 or company.si_bundle_min_orders < 1
                    or company.si_bundle_max_count < 1):
                raise ValidationError(_(
                    "The mining period, the minimum orders and the maximum number "
                    "of combinations must be at least 1."))
            if not (0 <= company.si_bundle_min_support <= 100
                    and 0 <= company.si_bundle_min_confidence <= 100):
                raise ValidationError(_(
                    "Minimum support and confidence are percentages between 0 "
                    "and 100."))
