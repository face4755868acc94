# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from .si_lead_analysis import SiLeadAnalysis

_logger = logging.getLogger(__name__)

# the lead fields the record rules of leads use: the snapshot keeps them as
# dimensions, so that those rules apply to its rows as they are
RULE_DIMENSIONS = ("user_id", "team_id", "company_id", "pool_id",
                   "previous_user_id")
# a row's key: the month received, those fields and the stage (for the
# funnel)
KEY_DIMENSIONS = (*RULE_DIMENSIONS, "stage_id")
MEASURES = ("received_count", "conversion_base_count", "rejected_count",
            "dormant_count", "dead_count", "won_count", "lost_count",
            "open_count", "cycle_days", "expected_revenue", "won_revenue")
# the lead columns the analysis reads (report/si_lead_analysis.py): a lead
# whose values change in one of them is queued for the next refresh
LEAD_COLUMNS = ("create_date", "type", "user_id", "team_id", "stage_id",
                "company_id", "pool_id", "previous_user_id", "rejected",
                "is_dormant", "chance_level", "active", "probability",
                "date_closed", "expected_revenue")
MEMBER_TABLE = "si_lead_analysis_snapshot_lead"
QUEUE_TABLE = "si_lead_analysis_snapshot_queue"
TRIGGER_FUNCTION = "si_lead_analysis_snapshot_enqueue"


class SiLeadAnalysisSnapshot(models.Model):
    """The lead-conversion analysis pre-aggregated by month of reception and
    by the lead fields its record rules need (owner, team, company, pool,
    previous owner): about one row per rep and month instead of one per lead.

    The conversion analysis reads its aggregates from here when the question
    fits (report/si_lead_analysis_snapshot_read.py); refreshed incrementally
    from a queue of changed leads that a trigger on crm_lead fills
    (report/si_lead_analysis_snapshot_refresh.py). No contact data: no lead,
    customer or referrer, only counts and amounts."""

    _name = "si.lead.analysis.snapshot"
    _inherit = ["si.report.ratio.mixin"]
    _description = "Lead Conversion Snapshot"
    _log_access = False
    _order = "create_date desc, id"
    # the record rules of leads apply to the rows as they are (models/ir_rule.py)
    _rules_mirror_model = "crm.lead"
    _report_ratios = SiLeadAnalysis._report_ratios

    create_date = fields.Datetime(
        string="Month Received",
        readonly=True,
        index=True,
        help="Start of the month (in the snapshot's time zone) in which the "
        "leads of the row were received.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        readonly=True,
        index=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        readonly=True,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        string="Company",
        readonly=True,
        index=True,
    )
    pool_id = fields.Many2one(
        comodel_name="si.lead.pool",
        string="Lead Pool",
        readonly=True,
        index=True,
    )
    previous_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Previous Salesperson",
        readonly=True,
        index=True,
    )
    stage_id = fields.Many2one(
        comodel_name="crm.stage",
        string="Stage",
        readonly=True,
    )
    received_count = fields.Integer(string="# Received", readonly=True)
    conversion_base_count = fields.Integer(string="# Conversion Base",
                                           readonly=True)
    rejected_count = fields.Integer(string="# Rejected", readonly=True)
    dormant_count = fields.Integer(string="# Dormant", readonly=True)
    dead_count = fields.Integer(string="# Dead", readonly=True)
    won_count = fields.Integer(string="# Won", readonly=True)
    lost_count = fields.Integer(string="# Lost", readonly=True)
    open_count = fields.Integer(string="# Open", readonly=True)
    cycle_days = fields.Integer(string="Cycle Days (Won)", readonly=True)
    expected_revenue = fields.Float(readonly=True)
    won_revenue = fields.Float(readonly=True)
    # rates: only their group values exist (si.report.ratio.mixin)
    conversion_rate = fields.Float(readonly=True, aggregator="avg")
    avg_cycle_days = fields.Float(string="Average Cycle (Days)",
                                  readonly=True, aggregator="avg")

    def init(self):
        cr = self.env.cr
        dims = SQL(", ").join(SQL.identifier(name) for name in
                              ("create_date", *KEY_DIMENSIONS))
        # the key of versions without the stage: built again
        cr.execute(SQL("SELECT to_regclass(%s)", f"{self._table}_group_uniq"))
        if cr.fetchone()[0]:
            cr.execute(SQL("DROP INDEX %s",
                           SQL.identifier(f"{self._table}_group_uniq")))
            self._invalidate_snapshot()
        cr.execute(SQL(
            "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (%s) NULLS NOT DISTINCT",
            SQL.identifier(f"{self._table}_key_uniq"),
            SQL.identifier(self._table), dims))
        # each lead's row and figures, so that a row is added up again from
        # this narrow table, without reading the leads that did not change
        cr.execute(SQL(
            "CREATE TABLE IF NOT EXISTS %s (lead_id integer PRIMARY KEY, "
            "snapshot_id integer NOT NULL)", SQL.identifier(MEMBER_TABLE)))
        for measure in MEASURES:
            cr.execute(SQL(
                "ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s %s",
                SQL.identifier(MEMBER_TABLE), SQL.identifier(measure),
                SQL(self._fields[measure].column_type[1])))
        cr.execute(SQL(
            "CREATE INDEX IF NOT EXISTS %s ON %s (snapshot_id)",
            SQL.identifier(f"{MEMBER_TABLE}_snapshot_id_idx"),
            SQL.identifier(MEMBER_TABLE)))
        cr.execute(SQL(
            "CREATE TABLE IF NOT EXISTS %s (lead_id integer PRIMARY KEY)",
            SQL.identifier(QUEUE_TABLE)))
        self._init_trigger()

    def _init_trigger(self):
        """Statement triggers on crm_lead queue the leads inserted, deleted or
        changed in a column the analysis reads, whatever wrote them (the ORM,
        the SQL of the scheduled jobs): one set-based INSERT per statement,
        from its transition tables."""
        changed = SQL(" OR ").join(
            SQL("n.%s IS DISTINCT FROM o.%s", SQL.identifier(col),
                SQL.identifier(col))
            for col in LEAD_COLUMNS)
        queue = SQL.identifier(QUEUE_TABLE)
        function = SQL.identifier(TRIGGER_FUNCTION)
        self.env.cr.execute(SQL("""
            CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger
            LANGUAGE plpgsql AS $body$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO %(queue)s (lead_id) SELECT id FROM new_rows
                    ON CONFLICT DO NOTHING;
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO %(queue)s (lead_id) SELECT id FROM old_rows
                    ON CONFLICT DO NOTHING;
                ELSE
                    INSERT INTO %(queue)s (lead_id)
                    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                     WHERE %(changed)s
                    ON CONFLICT DO NOTHING;
                END IF;
                RETURN NULL;
            END
            $body$
        """, function=function, queue=queue, changed=changed))
        for event, tables in (
                ("INSERT", "NEW TABLE AS new_rows"),
                ("UPDATE", "NEW TABLE AS new_rows OLD TABLE AS old_rows"),
                ("DELETE", "OLD TABLE AS old_rows")):
            name = SQL.identifier(f"{TRIGGER_FUNCTION}_{event.lower()}")
            self.env.cr.execute(SQL(
                "DROP TRIGGER IF EXISTS %s ON crm_lead", name))
            self.env.cr.execute(SQL(
                "CREATE TRIGGER %s AFTER %s ON crm_lead REFERENCING %s "
                "FOR EACH STATEMENT EXECUTE FUNCTION %s()",
                name, SQL(event), SQL(tables), function))

    @api.model
    def _drop_trigger(self):
        """Uninstall: crm_lead stays without the queue's triggers."""
        for event in ("insert", "update", "delete"):
            self.env.cr.execute(SQL(
                "DROP TRIGGER IF EXISTS %s ON crm_lead",
                SQL.identifier(f"{TRIGGER_FUNCTION}_{event}")))
        self.env.cr.execute(SQL("DROP FUNCTION IF EXISTS %s()",
                                SQL.identifier(TRIGGER_FUNCTION)))
        for table in (MEMBER_TABLE, QUEUE_TABLE):
            self.env.cr.execute(SQL("DROP TABLE IF EXISTS %s",
                                    SQL.identifier(table)))

    # --- record rules ------------------------------------------------------------
    @api.model
    def _rules_mirror_expressible(self, domain):
        """Whether each condition of `domain` (a domain on leads) is on a
        lead field the snapshot keeps as a dimension (with the same type and
        target): then the domain means the same on the snapshot's rows as on
        their leads. The month (``create_date``) is not one: it is rounded."""
        source = self.env[self._rules_mirror_model]
        for leaf in expression.normalize_domain(domain):
            if not isinstance(leaf, (list, tuple)):
                continue
            if leaf in (expression.TRUE_LEAF, expression.FALSE_LEAF):
                continue
            name = str(leaf[0]).split(".", 1)[0]
            mine, theirs = self._fields.get(name), source._fields.get(name)
            if (name not in RULE_DIMENSIONS or not mine or not theirs
                    or mine.type != theirs.type
                    or getattr(mine, "comodel_name", None)
                    != getattr(theirs, "comodel_name", None)):
                return False
        return True
