# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    group_si_floor_price_rep = fields.Boolean(
        string="Reps See Floor Prices",
        implied_group="sales_intelligence_kb.group_floor_price",
        group="sales_team.group_sale_salesman",
        help="Untick to show floor prices and premiums to sales managers only; "
        "reps still see which lines are below the floor price.",
    )
    si_bundle_months = fields.Integer(
        related="company_id.si_bundle_months",
        readonly=False,
    )
    si_bundle_min_orders = fields.Integer(
        related="company_id.si_bundle_min_orders",
        readonly=False,
    )
    si_bundle_min_support = fields.Float(
        related="company_id.si_bundle_min_support",
        readonly=False,
    )
    si_bundle_min_confidence = fields.Float(
        related="company_id.si_bundle_min_confidence",
        readonly=False,
    )
    si_bundle_max_count = fields.Integer(
        related="company_id.si_bundle_max_count",
        readonly=False,
    )

    def set_values(self):
        result = super().set_values()
        # Sales managers always see floor prices, whatever the setting does
        # to the reps' group (the managers' group implies the reps' one).
        manager = self.env.ref("sales_team.group_sale_manager")
        manager.write({"implied_ids": [
            Command.link(self.env.ref("sales_intelligence_kb.group_floor_price").id)]})
        return result
