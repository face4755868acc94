# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools


class SiWonAnalysis(models.Model):
    """Won-deal summaries by factor and by product: one row per summary and
    key factor, and one per summary and product, so that pivots and
    read_group count won deals per factor or product with the factor or
    product as a plain many2one."""

    _name = "si.won.analysis"
    _description = "Won-deal Analysis"
    _auto = False
    _order = "date_won desc"

    summary_id = fields.Many2one(
        comodel_name="si.won.summary",
        string="Summary",
        readonly=True,
    )
    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Opportunity",
        readonly=True,
    )
    dimension = fields.Selection(
        selection=[("factor", "Key Factor"), ("product", "Product")],
        readonly=True,
        help="Rows by key factor or by product: filter on one of them, as a "
        "deal counts once per factor and once per product.",
    )
    factor_id = fields.Many2one(
        comodel_name="si.won.factor",
        string="Key Factor",
        readonly=True,
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Product",
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
    industry_id = fields.Many2one(
        comodel_name="res.partner.industry",
        string="Industry",
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    date_won = fields.Date(
        readonly=True,
    )
    cycle_days = fields.Integer(
        string="Cycle (days)",
        readonly=True,
        aggregator="avg",
    )
    is_published = fields.Boolean(
        string="Published",
        readonly=True,
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW si_won_analysis AS (
                SELECT row_number() OVER (ORDER BY a.dimension, a.summary_id,
                                          a.factor_id, a.product_id) AS id, a.*
                  FROM (
                SELECT s.id AS summary_id, s.lead_id, 'factor' AS dimension,
                       r.factor_id, NULL::int AS product_id,
                       s.user_id, s.team_id, s.industry_id, s.partner_id,
                       s.company_id, s.date_won, s.cycle_days, s.is_published
                  FROM si_won_summary s
                  JOIN si_won_summary_factor_rel r ON r.summary_id = s.id
                UNION ALL
                SELECT s.id, s.lead_id, 'product', NULL::int, r.product_id,
                       s.user_id, s.team_id, s.industry_id, s.partner_id,
                       s.company_id, s.date_won, s.cycle_days, s.is_published
                  FROM si_won_summary s
                  JOIN si_won_summary_product_rel r ON r.summary_id = s.id
                ) a
            )
        """)
