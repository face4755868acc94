# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.sales_intelligence.models.contract_contract_fulfilment import (
    DEPENDENCE_LEVELS,
    FULFILMENT_STATUSES,
)
from odoo.addons.sales_intelligence.models.contract_contract_renewal import (
    RENEWAL_STATES,
)


class SiRenewalAnalysis(models.Model):
    """Renewals: one row per active customer contract (OCA
    contract.contract), dated by its end, with its renewal outcome, its
    yearly value and what of it is at risk.

    A contract is due for renewal once renewed, lost, or ended without
    either; the renewal rate of a group is its renewed contracts divided by
    its contracts due. Value at risk is the yearly value of the contracts
    with an end date whose renewal is not decided yet. Rows follow the
    record rules of their contract."""

    _name = "si.renewal.analysis"
    _inherit = ["si.report.ratio.mixin"]
    _description = "Contract Renewal Analysis"
    _auto = False
    _order = "date_end, id"
    _rec_name = "contract_id"
    _rules_source_fields = ("contract_id",)
    _report_ratios = {
        "renewal_rate": ("renewed_count", "due_count", 0.0),
    }

    contract_id = fields.Many2one(
        comodel_name="contract.contract",
        string="Contract",
        required=True,
        readonly=True,
        # the source's rules join it (models/ir_rule.py)
        auto_join=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        readonly=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        string="Company",
        readonly=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        string="Currency",
        readonly=True,
    )
    date_start = fields.Date(
        string="Start Date",
        readonly=True,
    )
    date_end = fields.Date(
        string="End Date",
        readonly=True,
        help="Group by it to see the contracts expiring each month.",
    )
    renewal_state = fields.Selection(
        selection=RENEWAL_STATES,
        readonly=True,
    )
    fulfilment_status = fields.Selection(
        selection=FULFILMENT_STATUSES,
        readonly=True,
    )
    dependence_level = fields.Selection(
        selection=DEPENDENCE_LEVELS,
        readonly=True,
    )
    renewal_stage_id = fields.Many2one(
        comodel_name="crm.stage",
        string="Renewal Opportunity Stage",
        readonly=True,
        help="Stage of the renewal opportunity of the current term.",
    )
    contract_count = fields.Integer(
        string="# Contracts",
        readonly=True,
    )
    expiring_count = fields.Integer(
        string="# Expiring",
        readonly=True,
        help="Contracts with an end date.",
    )
    due_count = fields.Integer(
        string="# Due for Renewal",
        readonly=True,
        help="Contracts renewed, lost, or ended without renewal: the base of "
        "the renewal rate.",
    )
    renewed_count = fields.Integer(
        string="# Renewed",
        readonly=True,
    )
    lost_count = fields.Integer(
        string="# Lost",
        readonly=True,
        help="Renewals marked lost.",
    )
    lapsed_count = fields.Integer(
        string="# Ended without Renewal",
        readonly=True,
        help="Contracts past their end date, neither renewed nor lost.",
    )
    renewal_lead_count = fields.Integer(
        string="# Renewal Opportunities",
        readonly=True,
        help="Contracts whose current term has a renewal opportunity.",
    )
    renewal_rate = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Renewed contracts divided by the contracts due for renewal, "
        "from the totals of each group.",
    )
    contract_value = fields.Monetary(
        string="Yearly Value",
        readonly=True,
    )
    value_at_risk = fields.Monetary(
        readonly=True,
        help="Yearly value of the contracts not ended yet whose renewal is "
        "neither renewed nor lost.",
    )
    renewed_value = fields.Monetary(
        readonly=True,
    )
    lost_value = fields.Monetary(
        readonly=True,
        help="Yearly value of lost renewals and of contracts ended without "
        "renewal.",
    )

    def _select(self):
        return SQL(
            """
            SELECT
                c.id AS id,
                c.id AS contract_id,
                c.commercial_partner_id AS partner_id,
                c.user_id,
                c.team_id,
                c.company_id,
                COALESCE(c.manual_currency_id, pl.currency_id, co.currency_id)
                    AS currency_id,
                c.date_start,
                c.date_end,
                c.renewal_state,
                c.fulfilment_status,
                c.dependence_level,
                rl.stage_id AS renewal_stage_id,
                1 AS contract_count,
                (c.date_end IS NOT NULL)::int AS expiring_count,
                (%(renewed)s OR %(lost)s OR %(lapsed)s)::int AS due_count,
                %(renewed)s::int AS renewed_count,
                %(lost)s::int AS lost_count,
                %(lapsed)s::int AS lapsed_count,
                (c.renewal_lead_id IS NOT NULL)::int AS renewal_lead_count,
                CASE WHEN %(renewed)s THEN 1.0
                     WHEN %(lost)s OR %(lapsed)s THEN 0.0 END AS renewal_rate,
                COALESCE(c.contract_value, 0) AS contract_value,
                CASE WHEN %(open)s THEN COALESCE(c.contract_value, 0) ELSE 0 END
                    AS value_at_risk,
                CASE WHEN %(renewed)s THEN COALESCE(c.contract_value, 0) ELSE 0 END
                    AS renewed_value,
                CASE WHEN %(lost)s OR %(lapsed)s
                     THEN COALESCE(c.contract_value, 0) ELSE 0 END AS lost_value
              FROM contract_contract c
              JOIN res_company co ON co.id = c.company_id
         LEFT JOIN product_pricelist pl ON pl.id = c.pricelist_id
         LEFT JOIN crm_lead rl ON rl.id = c.renewal_lead_id
             WHERE c.active AND c.contract_type = 'sale'
        """,
            renewed=SQL("(c.renewal_state = 'renewed' OR c.renewed_by_id IS NOT NULL)"),
            lost=SQL("(c.renewal_state = 'lost' AND c.renewed_by_id IS NULL)"),
            lapsed=SQL(
                "(c.date_end < current_date AND c.renewed_by_id IS NULL "
                "AND c.renewal_state NOT IN ('renewed', 'lost'))"),
            open=SQL(
                "(c.date_end >= current_date AND c.renewed_by_id IS NULL "
                "AND c.renewal_state NOT IN ('renewed', 'lost'))"),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            "CREATE OR REPLACE VIEW %s AS (%s)",
            SQL.identifier(self._table),
            self._select(),
        ))
