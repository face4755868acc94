# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.sales_intelligence.models.crm_lead import (
    CHANCE_LEVELS,
    ENTRY_CHANNELS,
)


class SiLeadAnalysis(models.Model):
    """One row per lead or opportunity, shaped for pivot and graph views:
    received and won counts by team, rep, source, channel and month, and the
    conversion rate (won leads / conversion base) of each group.

    Rows follow the record rules of their lead: a user sees the rows of the
    leads they may read, and nothing else (totals included)."""

    _name = "si.lead.analysis"
    _inherit = ["si.report.ratio.mixin"]
    _description = "Lead Conversion Analysis"
    _auto = False
    _rec_name = "lead_id"
    _order = "create_date desc"
    # a row is visible only to users who may read its lead (models/ir_rule.py)
    _rules_source_fields = ("lead_id",)
    # rates of each group from its totals (models/si_report_ratio_mixin.py)
    _report_ratios = {
        "conversion_rate": ("won_count", "conversion_base_count", 0.0),
        "avg_cycle_days": ("cycle_days", "won_count", 0.0),
    }

    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Lead",
        required=True,
        readonly=True,
        # the source's rules join it (models/ir_rule.py)
        auto_join=True,
    )
    create_date = fields.Datetime(
        string="Received On",
        readonly=True,
    )
    date_closed = fields.Datetime(
        string="Closed On",
        readonly=True,
    )
    type = fields.Selection(
        selection=[("lead", "Lead"), ("opportunity", "Opportunity")],
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        readonly=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        readonly=True,
    )
    sales_mode = fields.Selection(
        selection=[("b2b", "B2B"), ("b2c", "B2C")],
        readonly=True,
    )
    stage_id = fields.Many2one(
        comodel_name="crm.stage",
        string="Stage",
        readonly=True,
    )
    source_id = fields.Many2one(
        comodel_name="utm.source",
        string="Source",
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        readonly=True,
    )
    industry_id = fields.Many2one(
        comodel_name="res.partner.industry",
        string="Industry",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        string="Company",
        readonly=True,
    )
    campaign_id = fields.Many2one(
        comodel_name="utm.campaign",
        string="Campaign",
        readonly=True,
    )
    entry_channel = fields.Selection(
        selection=ENTRY_CHANNELS,
        readonly=True,
    )
    intake_channel_id = fields.Many2one(
        comodel_name="si.intake.channel",
        string="Intake Channel",
        readonly=True,
        help="The public form or app endpoint through which the lead arrived.",
    )
    referred_by_id = fields.Many2one(
        comodel_name="res.partner",
        string="Referrer",
        readonly=True,
    )
    chance_level = fields.Selection(
        selection=CHANCE_LEVELS,
        readonly=True,
    )
    received_count = fields.Integer(
        string="# Received",
        readonly=True,
        help="Leads and opportunities received, archived lost ones included.",
    )
    conversion_base_count = fields.Integer(
        string="# Conversion Base",
        readonly=True,
        help="Leads received that count in the conversion rate: rejected leads "
        "are left out when the company's settings say so.",
    )
    rejected_count = fields.Integer(
        string="# Rejected",
        readonly=True,
    )
    dormant_count = fields.Integer(
        string="# Dormant",
        readonly=True,
    )
    dead_count = fields.Integer(
        string="# Dead",
        readonly=True,
        help="Leads with chance level none.",
    )
    won_count = fields.Integer(
        string="# Won",
        readonly=True,
    )
    lost_count = fields.Integer(
        string="# Lost",
        readonly=True,
        help="Leads and opportunities marked lost; rejected leads are counted "
        "as rejected, not as lost.",
    )
    conversion_rate = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Won leads divided by the conversion base, computed on the totals "
        "of each group (not an average of rates).",
    )
    open_count = fields.Integer(
        string="# Open",
        readonly=True,
        help="Active leads and opportunities not yet won.",
    )
    cycle_days = fields.Integer(
        string="Cycle Days (Won)",
        readonly=True,
        help="Days from reception to closing, of won leads only.",
    )
    avg_cycle_days = fields.Float(
        string="Average Cycle (Days)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Average days from reception to closing of the won leads of "
        "each group: their cycle days divided by their number.",
    )
    expected_revenue = fields.Float(
        readonly=True,
    )
    won_revenue = fields.Float(
        readonly=True,
    )

    def _select(self):
        query = """
            SELECT
                l.id AS id,
                l.id AS lead_id,
                l.create_date,
                l.date_closed,
                l.type,
                l.user_id,
                l.team_id,
                t.sales_mode,
                l.stage_id,
                l.source_id,
                l.partner_id,
                l.industry_id,
                l.company_id,
                l.campaign_id,
                l.entry_channel,
                l.referred_by_id,
                l.si_intake_channel_id AS intake_channel_id,
                l.chance_level,
                1 AS received_count,
                %(base)s AS conversion_base_count,
                CASE WHEN l.rejected THEN 1 ELSE 0 END AS rejected_count,
                CASE WHEN l.is_dormant THEN 1 ELSE 0 END AS dormant_count,
                CASE WHEN l.chance_level = 'none' THEN 1 ELSE 0 END AS dead_count,
                CASE WHEN %(won)s THEN 1 ELSE 0 END AS won_count,
                CASE WHEN %(lost)s THEN 1 ELSE 0 END AS lost_count,
                CASE WHEN l.active AND s.is_won IS NOT TRUE THEN 1 ELSE 0 END
                    AS open_count,
                CASE WHEN %(won)s AND l.date_closed IS NOT NULL
                     THEN GREATEST(l.date_closed::date - l.create_date::date, 0)
                     ELSE 0 END AS cycle_days,
                CASE WHEN %(won)s
                     THEN GREATEST(l.date_closed::date - l.create_date::date, 0)
                     END AS avg_cycle_days,
                CASE WHEN %(base)s = 0 THEN NULL
                     WHEN %(won)s THEN 1.0 ELSE 0.0 END AS conversion_rate,
                COALESCE(l.expected_revenue, 0) AS expected_revenue,
                CASE WHEN %(won)s THEN COALESCE(l.expected_revenue, 0) ELSE 0 END
                    AS won_revenue
        """
        return SQL(
            query,
            base=SQL(
                "(CASE WHEN l.rejected AND c.si_conversion_excludes_rejected "
                "THEN 0 ELSE 1 END)"
            ),
            # Odoo's own definitions: won is an active lead in a won stage,
            # lost an archived one at probability 0; a rejection is not a loss
            won=SQL("(l.active AND s.is_won IS TRUE)"),
            lost=SQL(
                "(NOT l.active AND COALESCE(l.probability, 0) = 0 "
                "AND l.rejected IS NOT TRUE)"
            ),
        )

    def _from(self):
        return SQL(
            """
            FROM crm_lead l
            LEFT JOIN crm_stage s ON s.id = l.stage_id
            LEFT JOIN crm_team t ON t.id = l.team_id
            LEFT JOIN res_company c ON c.id = l.company_id
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            "CREATE OR REPLACE VIEW %s AS (%s %s)",
            SQL.identifier(self._table),
            self._select(),
            self._from(),
        ))
