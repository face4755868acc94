# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demand analysis read from a stored copy of its rows.

Computing the rows (a million order lines through six joins, each contract
line over twelve months) takes far longer than adding them up, so their
result is kept in STORE_TABLE, one row per order line and per contract line
and month, with the same ids. Row triggers on the tables the rows are
computed from queue the lines whose rows may have changed, whatever wrote
them (the ORM or SQL), and mark their stored rows as no longer shown. The
analysis's view is the stored rows still shown plus the rows of the queued
lines computed as they are now, so it always shows what the live
computation would; a scheduled job takes the queue into the store a batch
at a time. An advisory lock keeps the two apart: the triggers hold it
shared until their transaction ends, each batch of the job exclusively, so
that a batch never stores a line changed by a transaction it cannot see.

The store is complete when STATE_TABLE says so: the order lines once built,
the contract lines for the month they were computed in (contract rows start
at the current month). Until then the view computes that part live; the job
builds it in committed id batches. A change of the rows' definition (a new
version), of a unit's factor or of a company's or pricelist's currency (rare,
and touching every row) makes the store incomplete again.

The statements that store and delete rows also add them to, or take them
out of, their sums by month and product (report/si_demand_analysis_rollup.py),
from which a manager's grouped reads are answered."""
import hashlib
import logging
import time
import zlib

from odoo import api, models
from odoo.tools import SQL, drop_view_if_exists

from odoo.addons.sales_intelligence.tools.batches import commit_batch, id_batches
from odoo.addons.sales_intelligence.tools.row_triggers import (
    create_row_triggers,
    drop_row_triggers,
)

_logger = logging.getLogger(__name__)

STORE_TABLE = "si_demand_analysis_store"
QUEUE_TABLE = "si_demand_analysis_queue"
STATE_TABLE = "si_demand_analysis_state"
TRIGGER_FUNCTION = "si_demand_analysis_enqueue"
RESET_FUNCTION = "si_demand_analysis_reset"
# the advisory lock between the triggers (shared) and the job (exclusive)
LOCK_KEY = zlib.crc32(STORE_TABLE.encode())
# attempts of the job to take it, a second apart, before it waits for its
# next run
LOCK_ATTEMPTS = 10
# the layout of the stored rows beside their columns: a new one builds the
# store again
STORE_VERSION = 2
# the view's columns, in order
COLUMNS = ("id", "origin", "date", "sale_line_id", "order_id", "contract_line_id",
           "contract_id", "company_id", "currency_id", "product_id", "categ_id",
           "uom_id", "partner_id", "user_id", "team_id", "product_qty",
           "qty_delivered", "qty_to_deliver", "amount", "amount_delivered",
           "amount_to_deliver", "delivered_rate", "customer_user_id", "team_leader_id")
# origin: (line table, its alias in the rows' SQL, column of the line's id in
# the rows)
ORIGINS = {
    "sale": ("sale_order_line", "sol", "sale_line_id"),
    "contract": ("contract_line", "cl", "contract_line_id"),
}
_PRODUCT_LINES = ("SELECT l.id FROM {line} l JOIN product_product p "
                  "ON p.id = l.product_id WHERE p.product_tmpl_id = {row}.id")
_ORDER_LINES = "SELECT id FROM sale_order_line WHERE order_id = {row}.id"
_CONTRACT_LINES = "SELECT id FROM contract_line WHERE contract_id = {row}.id"
_PARTNER_LINES = ("SELECT l.id FROM sale_order_line l JOIN sale_order o "
                  "ON o.id = l.order_id WHERE o.partner_id = {row}.id")
# (table, the columns the rows read, events, ((origin, SQL of the lines to
# queue for the changed row {row}), ...))
SOURCES = (
    ("sale_order_line", ("order_id", "product_id", "product_uom_qty",
                         "qty_delivered", "price_subtotal", "product_uom",
                         "display_type", "is_downpayment"),
     ("insert", "update", "delete"), (("sale", "SELECT {row}.id"),)),
    ("sale_order", ("state", "commitment_date", "date_order", "company_id",
                    "partner_id", "user_id", "team_id", "currency_rate"),
     ("update",), (("sale", _ORDER_LINES),)),
    ("contract_line", ("contract_id", "product_id", "quantity", "uom_id",
                       "discount", "automatic_price", "specific_price",
                       "last_date_invoiced", "date_start", "date_end",
                       "recurring_interval", "recurring_rule_type", "active",
                       "display_type", "is_canceled"),
     ("insert", "update", "delete"), (("contract", "SELECT {row}.id"),)),
    ("contract_contract", ("active", "contract_type", "company_id",
                           "manual_currency_id", "pricelist_id",
                           "commercial_partner_id", "user_id", "team_id",
                           "customer_user_id", "team_leader_id"),
     ("update",), (("contract", _CONTRACT_LINES),)),
    ("res_partner", ("commercial_partner_id",), ("update",),
     (("sale", _PARTNER_LINES),)),
    ("product_product", ("product_tmpl_id",), ("update",),
     (("sale", "SELECT id FROM sale_order_line WHERE product_id = {row}.id"),
      ("contract", "SELECT id FROM contract_line WHERE product_id = {row}.id"))),
    ("product_template", ("categ_id", "uom_id", "list_price"), ("update",),
     (("sale", _PRODUCT_LINES.replace("{line}", "sale_order_line")),
      ("contract", _PRODUCT_LINES.replace("{line}", "contract_line")))),
)
# changes that touch every row: the store is built again
RESETS = (("uom_uom", ("factor",)), ("res_company", ("currency_id",)),
          ("product_pricelist", ("currency_id",)))


class SiDemandAnalysisStore(models.Model):
    _inherit = "si.demand.analysis"

    # --- tables, triggers and the view -------------------------------------------
    def init(self):
        cr = self.env.cr
        Rollup = self.env["si.demand.analysis.rollup"]
        drop_view_if_exists(cr, self._table)
        drop_view_if_exists(cr, Rollup._table)
        live = self._live_sql(None)
        definition = hashlib.sha1(repr((STORE_VERSION, live.code, live.params))
                                  .encode()).hexdigest()
        cr.execute(SQL("""
            CREATE TABLE IF NOT EXISTS %s (definition varchar, sale_built boolean
                NOT NULL DEFAULT FALSE, contract_month date)
        """, SQL.identifier(STATE_TABLE)))
        cr.execute(SQL("SELECT definition FROM %s", SQL.identifier(STATE_TABLE)))
        row = cr.fetchone()
        if not row or row[0] != definition:
            # a new version's rows: an empty store of its columns
            Rollup._drop_rollup()
            cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(STORE_TABLE)))
            cr.execute(SQL("CREATE TABLE %s AS SELECT * FROM (%s) r WITH NO DATA",
                           SQL.identifier(STORE_TABLE), self._live_sql(None)))
            cr.execute(SQL("ALTER TABLE %s ADD PRIMARY KEY (id), "
                           "ADD COLUMN stale boolean NOT NULL DEFAULT FALSE",
                           SQL.identifier(STORE_TABLE)))
            # the lines, and the owners reps read their rows by
            for line_column in ("sale_line_id", "contract_line_id", "user_id",
                                "customer_user_id"):
                cr.execute(SQL("CREATE INDEX %s ON %s (%s)",
                               SQL.identifier(f"{STORE_TABLE}_{line_column}_idx"),
                               SQL.identifier(STORE_TABLE),
                               SQL.identifier(line_column)))
            cr.execute(SQL("DELETE FROM %s", SQL.identifier(STATE_TABLE)))
            cr.execute(SQL("INSERT INTO %s (definition) VALUES (%s)",
                           SQL.identifier(STATE_TABLE), definition))
        cr.execute(SQL("""
            CREATE TABLE IF NOT EXISTS %s (id bigserial PRIMARY KEY,
                origin varchar NOT NULL, line_id integer NOT NULL)
        """, SQL.identifier(QUEUE_TABLE)))
        cr.execute(SQL("CREATE INDEX IF NOT EXISTS %s ON %s (line_id, origin)",
                       SQL.identifier(f"{QUEUE_TABLE}_line_idx"),
                       SQL.identifier(QUEUE_TABLE)))
        # the rows no longer shown, that the sums by month take out
        cr.execute(SQL("CREATE INDEX IF NOT EXISTS %s ON %s (origin) WHERE stale",
                       SQL.identifier(f"{STORE_TABLE}_stale_idx"),
                       SQL.identifier(STORE_TABLE)))
        self._init_triggers()
        cr.execute(SQL("CREATE VIEW %s AS (%s)", SQL.identifier(self._table),
                       self._view_sql()))
        Rollup._create_rollup(STORE_TABLE)
        Rollup._create_view(STORE_TABLE, self._complete_sqls(), self._live_parts_sql())

    def _init_triggers(self):
        cr = self.env.cr
        queue, store = SQL.identifier(QUEUE_TABLE), SQL.identifier(STORE_TABLE)
        for table, columns, events, lines in SOURCES:
            function = f"{TRIGGER_FUNCTION}_{table}"
            # the lines queued, and their stored rows no longer shown (the
            # lines found once)
            statements = {row: SQL(" ").join(SQL(
                "WITH l(id) AS (%(lines)s), q AS (INSERT INTO %(queue)s "
                "(origin, line_id) SELECT %(origin)s, id FROM l) UPDATE %(store)s "
                "SET stale = TRUE WHERE %(line)s IN (SELECT id FROM l) AND NOT stale;",
                queue=queue, store=store, origin=origin,
                line=SQL.identifier(ORIGINS[origin][2]),
                lines=SQL(query.format(row=row)))
                for origin, query in lines) for row in ("OLD", "NEW")}
            old, new = statements["OLD"], statements["NEW"]
            cr.execute(SQL("""
                CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger
                LANGUAGE plpgsql AS $body$
                BEGIN
                    PERFORM pg_advisory_xact_lock_shared(%(key)s);
                    IF TG_OP = 'DELETE' THEN %(old)s ELSE %(new)s END IF;
                    RETURN NULL;
                END
                $body$
            """, function=SQL.identifier(function), key=LOCK_KEY, old=old, new=new))
            create_row_triggers(cr, function, table, columns, events)
        cr.execute(SQL("""
            CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger
            LANGUAGE plpgsql AS $body$
            BEGIN
                %(reset)s;
                RETURN NULL;
            END
            $body$
        """, function=SQL.identifier(RESET_FUNCTION), reset=self._reset_sql()))
        for table, columns in RESETS:
            create_row_triggers(cr, RESET_FUNCTION, table, columns, ("update",))

    @api.model
    def _drop_store(self):
        """Uninstall: the source tables stay without the triggers."""
        cr = self.env.cr
        for table, _columns, events, _lines in SOURCES:
            drop_row_triggers(cr, f"{TRIGGER_FUNCTION}_{table}", table, events)
            cr.execute(SQL("DROP FUNCTION IF EXISTS %s()",
                           SQL.identifier(f"{TRIGGER_FUNCTION}_{table}")))
        for table, _columns in RESETS:
            drop_row_triggers(cr, RESET_FUNCTION, table, ("update",))
        cr.execute(SQL("DROP FUNCTION IF EXISTS %s()", SQL.identifier(RESET_FUNCTION)))
        drop_view_if_exists(cr, self._table)
        self.env["si.demand.analysis.rollup"]._drop_rollup()
        for table in (STORE_TABLE, QUEUE_TABLE, STATE_TABLE):
            cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(table)))

    @api.model
    def _reset_store(self):
        """The store is built again by the next run, and read live until
        then: after rows were loaded with the triggers off (PostgreSQL's
        ``session_replication_role = replica``)."""
        self.env.cr.execute(self._reset_sql())

    def _reset_sql(self):
        return SQL("UPDATE %s SET sale_built = FALSE, contract_month = NULL",
                   SQL.identifier(STATE_TABLE))

    # --- the rows -----------------------------------------------------------------
    def _live_sql(self, origin_where):
        """The rows computed from the sources: {origin: condition on its line
        (None for all)}, or None for every row."""
        parts = [getattr(self, f"_select_{origin}")(where)
                 for origin, where in (origin_where or {
                     "sale": None, "contract": None}).items()]
        return SQL(" UNION ALL ").join(parts)

    def _complete_sqls(self):
        return {origin: self._complete_sql(origin) for origin in ORIGINS}

    def _complete_sql(self, origin):
        """Whether the store holds the rows of `origin` (an SQL condition)."""
        if origin == "sale":
            return SQL("(SELECT sale_built FROM %s)", SQL.identifier(STATE_TABLE))
        return SQL("(SELECT contract_month = date_trunc('month', current_date)::date "
                   "FROM %s)", SQL.identifier(STATE_TABLE))

    def _view_sql(self):
        """The stored rows still shown (their line not queued since), of
        the origins the store holds, and the rows computed live."""
        complete = self._complete_sqls()
        return SQL(" UNION ALL ").join([SQL(
            "SELECT %s FROM %s s WHERE NOT s.stale AND (%s)",
            SQL(", ").join(SQL.identifier("s", c) for c in COLUMNS),
            SQL.identifier(STORE_TABLE),
            SQL(" OR ").join(SQL("s.origin = %s AND %s IS TRUE", origin,
                                 complete[origin]) for origin in ORIGINS)),
            self._live_parts_sql()])

    def _live_parts_sql(self):
        """The rows the view computes live: per origin, the rows of its
        queued lines (an index scan of the lines), and all its rows while
        the store does not hold it."""
        complete = self._complete_sqls()
        parts = []
        for origin, (_table, alias, _line_column) in ORIGINS.items():
            parts.append(self._live_sql({origin: SQL(
                "%s IS TRUE AND %s = ANY(ARRAY(SELECT q.line_id FROM %s q "
                "WHERE q.origin = %s))", complete[origin],
                SQL.identifier(alias, "id"), SQL.identifier(QUEUE_TABLE), origin)}))
            parts.append(self._live_sql({origin: SQL(
                "%s IS NOT TRUE", complete[origin])}))
        return SQL(" UNION ALL ").join(parts)

    # --- the job ------------------------------------------------------------------
    @api.model
    def _refresh_store(self, batch_size=20000):
        """Build what the store lacks, then take in the queued lines,
        `batch_size` lines at a time, each batch committed in a scheduled
        run. Returns (rows built, lines taken in); with nothing to do, five
        queries and nothing written.

        Each batch holds the store's lock: the triggers of the lines changed
        meanwhile wait for its end, and it waits for the transactions that
        changed lines to end, so that it sees what they queued. When it
        cannot take the lock (a long transaction), the run ends and the
        next one goes on (a build starts again)."""
        cr = self.env.cr
        self.env.flush_all()
        built = taken = 0
        for origin in ORIGINS:
            cr.execute(SQL("SELECT %s", self._complete_sql(origin)))
            if not cr.fetchone()[0]:
                rows = self._build_store(origin, batch_size)
                if rows is None:
                    return built, taken
                built += rows
        while count := self._take_queued(batch_size):
            taken += count
            cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(QUEUE_TABLE)))
            commit_batch(self.env, taken, cr.fetchone()[0], cron_only=True)
        if built or taken:
            _logger.info("Demand analysis store: %d rows built, %d queued lines "
                         "taken in", built, taken)
        return built, taken

    def _lock_store(self):
        """Take the store's lock for this transaction (and JIT off, as the
        analyses read). False when other transactions kept it."""
        self._without_jit()
        for attempt in range(LOCK_ATTEMPTS):
            self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", LOCK_KEY))
            if self.env.cr.fetchone()[0]:
                return True
            if attempt < LOCK_ATTEMPTS - 1:
                time.sleep(1)
        _logger.info("Demand analysis store: busy, left for the next run")
        return False

    def _store_rows(self, origin, where):
        """Store the rows of the lines of `origin` matching `where`; those of
        lines queued meanwhile are stored as not shown. Returns their number."""
        line_column = SQL.identifier("r", ORIGINS[origin][2])
        self.env.cr.execute(self.env["si.demand.analysis.rollup"]._change_sql(SQL(
            """INSERT INTO %(store)s (%(columns)s, stale)
               SELECT r.*, EXISTS (SELECT FROM %(queue)s q WHERE q.origin = %(origin)s
                                      AND q.line_id = %(line)s)
                 FROM (%(rows)s) r RETURNING *""",
            store=SQL.identifier(STORE_TABLE), queue=SQL.identifier(QUEUE_TABLE),
            columns=SQL(", ").join(map(SQL.identifier, COLUMNS)), origin=origin,
            line=line_column, rows=self._live_sql({origin: where})), 1))
        return self.env.cr.fetchone()[0]

    def _build_store(self, origin, batch_size):
        """The store's rows of `origin`, computed again in id batches of its
        lines; the origin is complete when the last batch is in. Returns the
        number of rows, None when the store stayed busy."""
        cr = self.env.cr
        table, alias, _line_column = ORIGINS[origin]
        cr.execute(SQL("SELECT date_trunc('month', current_date)::date"))
        month = cr.fetchone()[0]
        # the origin is not shown from the store until complete
        cr.execute(SQL("DELETE FROM %s WHERE origin = %s",
                       SQL.identifier(STORE_TABLE), origin))
        cr.execute(self.env["si.demand.analysis.rollup"]._prune_sql(origin))
        rows = 0
        line_id = SQL.identifier(alias, "id")
        for low, high in id_batches(cr, table, batch_size):
            if not self._lock_store():
                return None
            rows += self._store_rows(origin, SQL("%s > %s AND %s <= %s",
                                                 line_id, low, line_id, high))
            commit_batch(self.env, rows, 0, cron_only=True)
        if origin == "sale":
            cr.execute(SQL("UPDATE %s SET sale_built = TRUE",
                           SQL.identifier(STATE_TABLE)))
        else:
            cr.execute(SQL("UPDATE %s SET contract_month = %s",
                           SQL.identifier(STATE_TABLE), month))
        commit_batch(self.env, rows, 0, cron_only=True)
        return rows

    def _take_queued(self, batch_size):
        """One batch of queued lines: their stored rows replaced by their
        rows as they are now. Returns the number of lines."""
        cr = self.env.cr
        if not self._lock_store():
            return 0
        queue, store = SQL.identifier(QUEUE_TABLE), SQL.identifier(STORE_TABLE)
        Rollup = self.env["si.demand.analysis.rollup"]
        cr.execute(SQL("""
            SELECT origin, line_id FROM %s GROUP BY origin, line_id
             ORDER BY min(id) LIMIT %s
        """, queue, batch_size))
        taken = cr.fetchall()
        for origin, (_table, alias, line_column) in ORIGINS.items():
            ids = sorted(line for o, line in taken if o == origin)
            if not ids:
                continue
            cr.execute(SQL("DELETE FROM %s WHERE origin = %s AND line_id = ANY(%s)",
                           queue, origin, ids))
            cr.execute(Rollup._change_sql(SQL(
                "DELETE FROM %s WHERE %s = ANY(%s) RETURNING *", store,
                SQL.identifier(line_column), ids), -1))
            self._store_rows(origin, SQL("%s = ANY(%s)",
                                         SQL.identifier(alias, "id"), ids))
        cr.execute(Rollup._prune_sql())
        return len(taken)

    @api.model
    def _cron_refresh_store(self):
        """Scheduled: the store of the demand analysis brought up to date."""
        self._refresh_store()
