# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demand analysis's stored rows added up by month and product.

A manager's pivot adds up every stored row (1.6 million at a million
leads) for a few hundred cells. ROLLUP_TABLE keeps their sums by the
dimensions such a pivot groups and filters by (origin, month, company,
currency, product, category, unit, whether something is left to deliver),
and, for contract rows, by the fields the contract rules of a sales manager
read (salesperson, customer's salesperson, team, team leader): about 14,000
rows there. The store's job keeps it in step in the same statements that
change the stored rows (report/si_demand_analysis_store.py), so it always
adds up exactly the stored rows, those no longer shown included.

This model's view is then the demand analysis's own rows added up: the
sums, less the stored rows no longer shown, plus the rows the analysis
computes live (queued lines, origins the store does not hold yet). Each of
its rows stands for demand rows that all have its dimensions, so any
filter on those dimensions selects the same rows here as there; the
analysis reads it when a question fits (report/si_demand_analysis_rollup_read.py).
Its ids are not unique: it is only read grouped."""
from odoo import fields, models
from odoo.tools import SQL, drop_view_if_exists

from .si_demand_analysis import ORIGINS, SiDemandAnalysis

ROLLUP_TABLE = "si_demand_analysis_rollup_rows"
# what every row keeps, and its expression on a demand row `r`
DIMENSIONS = {
    "origin": "r.origin",
    "date": "date_trunc('month', r.date)::date",
    "company_id": "r.company_id",
    "currency_id": "r.currency_id",
    "product_id": "r.product_id",
    "categ_id": "r.categ_id",
    "uom_id": "r.uom_id",
    "to_deliver": "r.qty_to_deliver > 0",
}
# what contract rows keep beside them (empty on order rows): the fields of
# the contract rules (a sales manager sees the contracts of own teams)
CONTRACT_DIMENSIONS = ("user_id", "customer_user_id", "team_id", "team_leader_id")
# the analysis's fields every row keeps as they are: what the sums can
# group by and filter on (beside whole months)
GROUPBY_FIELDS = ("origin", "company_id", "currency_id", "product_id", "categ_id",
                  "uom_id")
MEASURES = ("product_qty", "qty_delivered", "qty_to_deliver", "amount",
            "amount_delivered", "amount_to_deliver")


def _dimensions_sql():
    """The rows' dimensions, on a demand row `r`."""
    return [SQL(expression) for expression in DIMENSIONS.values()] + [
        SQL("CASE WHEN r.origin = 'contract' THEN %s END", SQL.identifier("r", name))
        for name in CONTRACT_DIMENSIONS]


def _key_columns():
    return SQL(", ").join(map(SQL.identifier, (*DIMENSIONS, *CONTRACT_DIMENSIONS)))


class SiDemandAnalysisRollup(models.Model):
    _name = "si.demand.analysis.rollup"
    _inherit = ["si.report.ratio.mixin"]
    _description = "Contracted Demand by Month and Product"
    _auto = False
    _report_ratios = SiDemandAnalysis._report_ratios
    _report_joins_as_written = True
    # the rules of the demand analysis and of its rows' sources, on this
    # model's columns (models/ir_rule.py): per source, the condition of its
    # rows and the source's fields (paths) they keep
    _rules_rollup_of = "si.demand.analysis"
    _rules_rollup_fields = GROUPBY_FIELDS
    _rules_rollup_sources = {
        "sale_line_id": ([("origin", "=", "sale")], {"company_id": "company_id"}),
        "contract_line_id": ([("origin", "=", "contract")], {
            "company_id": "company_id",
            "contract_id.user_id": "user_id",
            "contract_id.customer_user_id": "customer_user_id",
            "contract_id.team_id": "team_id",
            "contract_id.team_leader_id": "team_leader_id"}),
    }

    origin = fields.Selection(selection=ORIGINS, readonly=True)
    date = fields.Date(string="Month", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", string="Company",
                                 readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", string="Currency",
                                  readonly=True)
    product_id = fields.Many2one(comodel_name="product.product", string="Product",
                                 readonly=True)
    categ_id = fields.Many2one(comodel_name="product.category",
                               string="Product Category", readonly=True)
    uom_id = fields.Many2one(comodel_name="uom.uom", string="Unit", readonly=True)
    to_deliver = fields.Boolean(string="Still to Deliver", readonly=True)
    user_id = fields.Many2one(comodel_name="res.users", string="Salesperson",
                              readonly=True)
    customer_user_id = fields.Many2one(comodel_name="res.users",
                                       string="Customer's Salesperson", readonly=True)
    team_id = fields.Many2one(comodel_name="crm.team", string="Sales Team",
                              readonly=True)
    team_leader_id = fields.Many2one(comodel_name="res.users", string="Team Leader",
                                     readonly=True)
    row_count = fields.Integer(string="Rows", readonly=True)
    product_qty = fields.Float(string="Quantity", readonly=True)
    qty_delivered = fields.Float(string="Delivered", readonly=True)
    qty_to_deliver = fields.Float(string="To Deliver", readonly=True)
    amount = fields.Float(string="Untaxed Amount", readonly=True)
    amount_delivered = fields.Float(string="Delivered Amount", readonly=True)
    amount_to_deliver = fields.Float(string="Amount to Deliver", readonly=True)
    delivered_rate = fields.Float(string="Delivered (%)", readonly=True,
                                  aggregator="avg")

    # --- the table, kept by the store's job ----------------------------------------
    def _create_rollup(self, store_table):
        """The table, when it is missing, with the sums of the stored rows
        (an upgrade from a version without it)."""
        cr = self.env.cr
        cr.execute(SQL("SELECT to_regclass(%s)", ROLLUP_TABLE))
        if cr.fetchone()[0]:
            return
        integer_columns = SQL(", ").join(
            SQL("%s integer", SQL.identifier(name))
            for name in (*DIMENSIONS, *CONTRACT_DIMENSIONS)
            if name not in ("origin", "date", "to_deliver"))
        cr.execute(SQL(
            "CREATE TABLE %s (id serial PRIMARY KEY, origin varchar NOT NULL, "
            "date date, to_deliver boolean, %s, row_count bigint NOT NULL, %s)",
            SQL.identifier(ROLLUP_TABLE), integer_columns,
            SQL(", ").join(SQL("%s numeric NOT NULL", SQL.identifier(name))
                           for name in MEASURES)))
        cr.execute(SQL("CREATE UNIQUE INDEX %s ON %s (%s) NULLS NOT DISTINCT",
                       SQL.identifier(f"{ROLLUP_TABLE}_key_uniq"),
                       SQL.identifier(ROLLUP_TABLE), _key_columns()))
        cr.execute(self._change_sql(
            SQL("SELECT * FROM %s", SQL.identifier(store_table)), 1))

    def _change_sql(self, changed, sign):
        """A statement that runs `changed` (a query of demand rows, or an
        INSERT or DELETE of stored rows RETURNING them) and adds those rows
        to the sums (`sign` 1) or takes them out (-1); it returns their
        number. Each value is added as a decimal, so that taking a row out
        gives back exactly the sums before it."""
        dimensions = _dimensions_sql()
        measures = [SQL.identifier(name) for name in MEASURES]
        return SQL("""
            WITH r AS (%(changed)s),
                 s AS (INSERT INTO %(table)s AS t (%(keys)s, row_count, %(measures)s)
                       SELECT %(dimensions)s, %(sign)s * count(*), %(sums)s
                         FROM r GROUP BY %(positions)s
                       ON CONFLICT (%(keys)s) DO UPDATE
                          SET row_count = t.row_count + EXCLUDED.row_count,
                              %(updates)s)
            SELECT count(*) FROM r
        """, changed=changed, table=SQL.identifier(ROLLUP_TABLE),
                   keys=_key_columns(), measures=SQL(", ").join(measures),
                   dimensions=SQL(", ").join(dimensions), sign=sign,
                   sums=SQL(", ").join(
                       SQL("%s * COALESCE(sum(r.%s::numeric), 0)", sign, measure)
                       for measure in measures),
                   positions=SQL(", ").join(
                       SQL(str(i)) for i in range(1, len(dimensions) + 1)),
                   updates=SQL(", ").join(
                       SQL("%s = t.%s + EXCLUDED.%s", measure, measure, measure)
                       for measure in measures))

    def _prune_sql(self, origin=None):
        """The sums of no rows left (all of an origin's when `origin`)."""
        return SQL("DELETE FROM %s WHERE %s", SQL.identifier(ROLLUP_TABLE),
                   SQL("origin = %s", origin) if origin else SQL("row_count = 0"))

    def _drop_rollup(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("DROP TABLE IF EXISTS %s",
                                SQL.identifier(ROLLUP_TABLE)))

    # --- the view ---------------------------------------------------------------------
    def _create_view(self, store_table, complete, live):
        """The view: the sums of the origins the store holds (`complete`:
        {origin: SQL condition}), less their stored rows no longer shown,
        plus the rows computed live (`live`, the analysis's live parts)."""
        dimensions = SQL(", ").join(_dimensions_sql())
        measures = SQL(", ").join(SQL.identifier(name) for name in MEASURES)
        held = SQL(" OR ").join(SQL("r.origin = %s AND %s IS TRUE", origin, condition)
                                for origin, condition in complete.items())
        rows = SQL("""
            SELECT r.id, %(keys)s, r.row_count, %(measures)s FROM %(table)s r
             WHERE %(held)s
            UNION ALL
            SELECT -r.id, %(dimensions)s, -1, %(negated)s FROM %(store)s r
             WHERE r.stale AND (%(held)s)
            UNION ALL
            SELECT r.id, %(dimensions)s, 1, %(measures)s FROM (%(live)s) r
        """, keys=SQL(", ").join(SQL.identifier("r", name) for name in (
            *DIMENSIONS, *CONTRACT_DIMENSIONS)), measures=measures,
            table=SQL.identifier(ROLLUP_TABLE), held=held, dimensions=dimensions,
            negated=SQL(", ").join(SQL("-%s", SQL.identifier("r", name))
                                   for name in MEASURES),
            store=SQL.identifier(store_table), live=live)
        self.env.cr.execute(SQL(
            "CREATE VIEW %s AS (SELECT id, %s, row_count::integer, %s, "
            "NULL::float AS delivered_rate FROM (%s) r)",
            SQL.identifier(self._table), _key_columns(),
            SQL(", ").join(SQL("%s::float AS %s", SQL.identifier(name),
                               SQL.identifier(name)) for name in MEASURES),
            rows))
