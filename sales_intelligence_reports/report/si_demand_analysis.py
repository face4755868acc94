# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL

ORIGINS = [
    ("sale", "Confirmed Sale Orders"),
    ("contract", "Running Contracts"),
]
# Months of contract demand shown, from the current month on.
CONTRACT_MONTHS = 12


class SiDemandAnalysis(models.Model):
    """Contracted demand by product and month, for leadership and
    operations planning: what customers committed to take.

    Confirmed sale orders give one row per order line, dated by the
    promised delivery date (else the order date), with the quantity ordered,
    delivered and still to deliver. Running customer contracts (OCA
    contract.line) give one row per line and month over the next 12 months:
    the line's quantity times the number of its periods that start in the
    month (the next period starts the day after the last one invoiced, or
    at the line's start; then every interval of its recurrence, up to its
    end). Quantities are in the product's unit of measure.

    Rows follow the record rules of their order line or contract line.
    They are read from a stored copy kept up to date from a queue of the
    lines changed (report/si_demand_analysis_store.py)."""

    _name = "si.demand.analysis"
    _inherit = ["si.report.ratio.mixin"]
    _description = "Contracted Demand Analysis"
    _auto = False
    _order = "date, product_id, id"
    _rec_name = "product_id"
    _rules_source_fields = ("sale_line_id", "contract_line_id")
    # the sources' fields (paths) the rows keep with the same value: their
    # rules apply to the rows' own columns; each row has one source
    # (models/ir_rule.py)
    _rules_source_mirrors = {
        "sale_line_id": {"company_id": "company_id", "salesman_id": "user_id",
                         "order_id": "order_id"},
        "contract_line_id": {"company_id": "company_id",
                             "contract_id.user_id": "user_id",
                             "contract_id.customer_user_id": "customer_user_id",
                             "contract_id.team_id": "team_id",
                             "contract_id.team_leader_id": "team_leader_id",
                             "contract_id": "contract_id"},
    }
    _rules_one_source = True
    # its view's branches start from their lines (models/si_report_read_mixin.py)
    _report_joins_as_written = True
    _report_ratios = {
        "delivered_rate": ("amount_delivered", "amount", 0.0),
    }

    origin = fields.Selection(
        selection=ORIGINS,
        readonly=True,
    )
    date = fields.Date(
        string="Month",
        readonly=True,
        help="Sale orders: the promised delivery date, else the order date. "
        "Contracts: the month the periods start in.",
    )
    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        string="Order Line",
        readonly=True,
        # the source's rules join it (models/ir_rule.py)
        auto_join=True,
    )
    order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sale Order",
        readonly=True,
    )
    contract_line_id = fields.Many2one(
        comodel_name="contract.line",
        string="Contract Line",
        readonly=True,
        # the source's rules join it (models/ir_rule.py)
        auto_join=True,
    )
    contract_id = fields.Many2one(
        comodel_name="contract.contract",
        string="Contract",
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
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Product",
        readonly=True,
    )
    categ_id = fields.Many2one(
        comodel_name="product.category",
        string="Product Category",
        readonly=True,
    )
    uom_id = fields.Many2one(
        comodel_name="uom.uom",
        string="Unit",
        readonly=True,
        help="The product's unit of measure, in which quantities are given.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
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
    customer_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Customer's Salesperson",
        readonly=True,
        help="Contracts: the salesperson of the customer, who sees the contract.",
    )
    team_leader_id = fields.Many2one(
        comodel_name="res.users",
        string="Team Leader",
        readonly=True,
        help="Contracts: the leader of the contract's team.",
    )
    product_qty = fields.Float(
        string="Quantity",
        readonly=True,
        digits="Product Unit of Measure",
    )
    qty_delivered = fields.Float(
        string="Delivered",
        readonly=True,
        digits="Product Unit of Measure",
    )
    qty_to_deliver = fields.Float(
        string="To Deliver",
        readonly=True,
        digits="Product Unit of Measure",
        help="Ordered less delivered (never below zero); all of a contract's "
        "scheduled quantity.",
    )
    amount = fields.Monetary(
        string="Untaxed Amount",
        readonly=True,
        help="Sale orders: in the company currency. Contracts: the line's "
        "price (list price for lines priced by the pricelist) in the "
        "contract's currency.",
    )
    amount_delivered = fields.Monetary(
        string="Delivered Amount",
        readonly=True,
    )
    amount_to_deliver = fields.Monetary(
        string="Amount to Deliver",
        readonly=True,
    )
    delivered_rate = fields.Float(
        string="Delivered (%)",
        readonly=True,
        aggregator="avg",
        help="Delivered amount divided by the amount, from the totals of each "
        "group.",
    )

    def _select_sale(self, where=None):
        """The rows of confirmed order lines (those matching `where`, an SQL
        condition on the line `sol`)."""
        return SQL(
            """
            SELECT
                sol.id * %(slots)s AS id,
                'sale' AS origin,
                COALESCE(so.commitment_date, so.date_order)::date AS date,
                sol.id AS sale_line_id,
                so.id AS order_id,
                NULL::integer AS contract_line_id,
                NULL::integer AS contract_id,
                so.company_id,
                co.currency_id,
                sol.product_id,
                pt.categ_id,
                pt.uom_id,
                p.commercial_partner_id AS partner_id,
                so.user_id,
                so.team_id,
                q.qty AS product_qty,
                q.delivered AS qty_delivered,
                GREATEST(q.qty - q.delivered, 0) AS qty_to_deliver,
                q.amount,
                q.amount * q.share AS amount_delivered,
                q.amount * (1 - q.share) AS amount_to_deliver,
                CASE WHEN q.amount <> 0 THEN q.share END AS delivered_rate,
                NULL::integer AS customer_user_id,
                NULL::integer AS team_leader_id
              FROM sale_order_line sol
              JOIN sale_order so ON so.id = sol.order_id
              JOIN res_company co ON co.id = so.company_id
              JOIN res_partner p ON p.id = so.partner_id
              JOIN product_product pp ON pp.id = sol.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
         LEFT JOIN uom_uom lu ON lu.id = sol.product_uom
         LEFT JOIN uom_uom pu ON pu.id = pt.uom_id
        CROSS JOIN LATERAL (
                SELECT sol.product_uom_qty * %(ratio)s AS qty,
                       COALESCE(sol.qty_delivered, 0) * %(ratio)s AS delivered,
                       COALESCE(sol.price_subtotal, 0)
                           / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount,
                       CASE WHEN sol.product_uom_qty > 0
                            THEN LEAST(COALESCE(sol.qty_delivered, 0)
                                       / sol.product_uom_qty, 1)
                            ELSE 0 END AS share
              ) q
             WHERE so.state = 'sale' AND sol.display_type IS NULL
               AND sol.is_downpayment IS NOT TRUE AND %(where)s
        """,
            where=where or SQL("TRUE"),
            slots=CONTRACT_MONTHS + 1,
            ratio=self._uom_ratio(),
        )

    def _select_contract(self, where=None):
        """The rows of running contracts' lines, one per line and month
        (those matching `where`, an SQL condition on the line `cl`)."""
        return SQL(
            """
            SELECT
                cl.id * %(slots)s + 1 + m.idx AS id,
                'contract' AS origin,
                m.month AS date,
                NULL::integer AS sale_line_id,
                NULL::integer AS order_id,
                cl.id AS contract_line_id,
                c.id AS contract_id,
                c.company_id,
                COALESCE(c.manual_currency_id, pl.currency_id, co.currency_id),
                cl.product_id,
                pt.categ_id,
                pt.uom_id,
                c.commercial_partner_id,
                c.user_id,
                c.team_id,
                o.periods * cl.quantity * %(ratio)s,
                0.0,
                o.periods * cl.quantity * %(ratio)s,
                o.periods * cl.quantity * (1 - COALESCE(cl.discount, 0) / 100.0)
                    * CASE WHEN cl.automatic_price THEN pt.list_price
                           ELSE COALESCE(cl.specific_price, 0) END,
                0.0,
                o.periods * cl.quantity * (1 - COALESCE(cl.discount, 0) / 100.0)
                    * CASE WHEN cl.automatic_price THEN pt.list_price
                           ELSE COALESCE(cl.specific_price, 0) END,
                0.0,
                c.customer_user_id,
                c.team_leader_id
              FROM contract_line cl
              JOIN contract_contract c ON c.id = cl.contract_id
              JOIN res_company co ON co.id = c.company_id
         LEFT JOIN product_pricelist pl ON pl.id = c.pricelist_id
              JOIN product_product pp ON pp.id = cl.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
         LEFT JOIN uom_uom lu ON lu.id = cl.uom_id
         LEFT JOIN uom_uom pu ON pu.id = pt.uom_id
        CROSS JOIN LATERAL (
                SELECT COALESCE(cl.last_date_invoiced + 1, cl.date_start) AS start,
                       GREATEST(cl.recurring_interval, 1) * CASE cl.recurring_rule_type
                           WHEN 'monthly' THEN 1 WHEN 'monthlylastday' THEN 1
                           WHEN 'quarterly' THEN 3 WHEN 'semesterly' THEN 6
                           WHEN 'yearly' THEN 12 END AS step_months,
                       GREATEST(cl.recurring_interval, 1) * CASE cl.recurring_rule_type
                           WHEN 'daily' THEN 1 WHEN 'weekly' THEN 7 END AS step_days
              ) s
        CROSS JOIN LATERAL (
                SELECT g.idx,
                       (date_trunc('month', current_date)
                        + g.idx * interval '1 month')::date AS month
                  FROM generate_series(0, %(months)s - 1) AS g(idx)
              ) m
        CROSS JOIN LATERAL (
                SELECT ((EXTRACT(YEAR FROM m.month) - EXTRACT(YEAR FROM s.start)) * 12
                        + EXTRACT(MONTH FROM m.month)
                        - EXTRACT(MONTH FROM s.start))::integer AS months,
                       GREATEST(m.month, s.start) AS low,
                       LEAST((m.month + interval '1 month')::date - 1,
                             COALESCE(cl.date_end, 'infinity'::date)) AS high
              ) d
        CROSS JOIN LATERAL (
                SELECT CASE
                    WHEN s.step_months IS NOT NULL THEN
                        CASE WHEN d.months >= 0 AND mod(d.months, s.step_months) = 0
                              AND (cl.date_end IS NULL OR (s.start + d.months
                                   * interval '1 month')::date <= cl.date_end)
                             THEN 1 ELSE 0 END
                    WHEN s.step_days IS NOT NULL AND d.high >= d.low THEN
                        (d.high - s.start) / s.step_days
                        - (d.low - s.start + s.step_days - 1) / s.step_days + 1
                    ELSE 0 END AS periods
              ) o
             WHERE c.active AND c.contract_type = 'sale'
               AND cl.active IS NOT FALSE AND cl.display_type IS NULL
               AND cl.is_canceled IS NOT TRUE
               AND s.start IS NOT NULL
               AND (cl.date_end IS NULL OR s.start <= cl.date_end)
               AND o.periods > 0 AND %(where)s
        """,
            where=where or SQL("TRUE"),
            slots=CONTRACT_MONTHS + 1,
            months=CONTRACT_MONTHS,
            ratio=self._uom_ratio(),
        )

    def _uom_ratio(self):
        """Factor from the line's unit to the product's (Odoo's
        uom._compute_quantity without rounding)."""
        return SQL("(COALESCE(pu.factor, 1) / COALESCE(NULLIF(lu.factor, 0), 1))")
