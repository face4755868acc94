# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

COMPANY_SIZES = [
    ("micro", "Micro (< 10 employees)"),
    ("small", "Small (10-49)"),
    ("medium", "Medium (50-249)"),
    ("large", "Large (250-999)"),
    ("enterprise", "Enterprise (1000+)"),
]
CUSTOMER_LEVELS = [
    ("a", "A - Strategic"),
    ("b", "B - Important"),
    ("c", "C - Regular"),
    ("d", "D - Small"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    si_company_size = fields.Selection(
        selection=COMPANY_SIZES,
        string="Company Size",
    )
    si_registered_capital = fields.Float(
        string="Registered Capital",
        digits=(16, 2),
        help="Registered capital of the company, in the company's currency.",
    )
    si_qualification = fields.Text(
        string="Qualifications",
        help="Certificates and qualifications of the company (e.g. ISO 9001, "
        "high-tech enterprise), useful before a visit or a tender.",
    )
    si_customer_level = fields.Selection(
        selection=CUSTOMER_LEVELS,
        string="Customer Level",
        help="The customer's importance; lead pool rules may give each level "
        "its own recycling delay.",
    )
    si_region_id = fields.Many2one(
        comodel_name="si.region",
        string="Sales Region",
        compute="_compute_si_region_id",
        store=True,
        index=True,
        help="The sales region of the partner's state or province.",
    )

    si_contract_history_count = fields.Integer(
        compute="_compute_si_contract_history_count",
        string="Contract History",
        help="All contracts of the customer, ended ones included.",
    )

    @api.depends("state_id")
    def _compute_si_region_id(self):
        regions = self.env["si.region"]._regions_by_state(self.mapped("state_id"))
        for partner in self:
            partner.si_region_id = regions.get(partner.state_id.id, False)

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "si_company_size", "si_registered_capital", "si_qualification",
            "si_customer_level",
        ]

    def _compute_si_contract_history_count(self):
        Contract = self.env["contract.contract"]
        if not Contract.has_access("read"):
            for partner in self:  # portal users and the like
                partner.si_contract_history_count = 0
            return
        groups = Contract.with_context(active_test=False)._read_group(
            [("contract_type", "=", "sale"),
             ("commercial_partner_id", "in", self.commercial_partner_id.ids)],
            ["commercial_partner_id"], ["__count"])
        counts = {partner.id: count for partner, count in groups}
        for partner in self:
            partner.si_contract_history_count = counts.get(
                partner.commercial_partner_id.id, 0)

    def action_view_contract_history(self):
        """The customer's contracts, past and running, with their renewals."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence.contract_history_action")
        action["domain"] = [
            ("contract_type", "=", "sale"),
            ("partner_id", "child_of", self.commercial_partner_id.id),
        ]
        action["context"] = {"active_test": False}
        return action
