# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.sales_intelligence.models.crm_lead import CHANCE_LEVELS
from odoo.addons.sales_intelligence.models.si_lead_assignment import (
    ASSIGNMENT_KINDS,
)

EVENTS = ASSIGNMENT_KINDS + [
    ("revive", "Revived"),
    ("status", "Current Status"),
]


class SiPoolAnalysis(models.Model):
    """Lead pool and dormancy: one row per event of the ownership history
    (recycled, released, claimed, assigned from the pool, moved, re-assigned
    from one rep to another), one per revival logged in the follow-ups, and
    one per lead that is now waiting in a pool, dormant (open leads) or dead
    (lost ones included).

    Time in pool: a claim or an assignment from the pool counts the days
    since the lead last entered a pool (released or recycled; a move between
    pools keeps that date), from the history itself (a window over each
    lead's rows, no query per row).

    A row is visible to users who may read its lead and, for history and
    follow-up rows, that row too (models/ir_rule.py): a rep does not see the
    leads of pools hidden from them. No contact data is shown."""

    _name = "si.pool.analysis"
    _inherit = ["si.report.ratio.mixin"]
    _description = "Lead Pool and Dormancy Analysis"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "lead_id"
    _rules_source_fields = ("lead_id", "assignment_id", "followup_id")
    _report_ratios = {
        "avg_pool_days": ("pool_days", "pool_exit_count", 0.0),
        "avg_waiting_days": ("waiting_days", "in_pool_count", 0.0),
    }

    event = fields.Selection(
        selection=EVENTS,
        readonly=True,
        help="What happened; current status rows count the leads waiting in "
        "a pool, dormant or dead now.",
    )
    date = fields.Datetime(
        readonly=True,
        help="When it happened; on current status rows, when the lead was "
        "received.",
    )
    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Lead",
        required=True,
        readonly=True,
        # the source's rules join it (models/ir_rule.py)
        auto_join=True,
    )
    assignment_id = fields.Many2one(
        comodel_name="si.lead.assignment",
        string="Ownership Change",
        readonly=True,
        # the source's rules join it (models/ir_rule.py)
        auto_join=True,
    )
    followup_id = fields.Many2one(
        comodel_name="si.lead.followup",
        string="Revival",
        readonly=True,
        # the source's rules join it (models/ir_rule.py)
        auto_join=True,
    )
    pool_id = fields.Many2one(
        comodel_name="si.lead.pool",
        string="Lead Pool",
        readonly=True,
        help="The pool of the event (to or from which the lead went), or the "
        "pool the lead waits in now.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        readonly=True,
        help="The rep concerned: who claimed or received the lead, or who "
        "lost it to the pool; the current owner on status rows.",
    )
    previous_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Previous Owner",
        readonly=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        readonly=True,
        help="The lead's team.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        string="Company",
        readonly=True,
    )
    chance_level = fields.Selection(
        selection=CHANCE_LEVELS,
        readonly=True,
        help="The lead's chance level now.",
    )
    recycled_count = fields.Integer(
        string="# Recycled",
        readonly=True,
        help="Leads sent to a pool by a recycling rule.",
    )
    released_count = fields.Integer(
        string="# Released",
        readonly=True,
        help="Leads a rep or manager gave back to a pool.",
    )
    claimed_count = fields.Integer(
        string="# Claimed",
        readonly=True,
    )
    pool_assigned_count = fields.Integer(
        string="# Assigned from Pool",
        readonly=True,
        help="Pooled leads given to a rep by a manager or by the pool's "
        "periodic re-assignment.",
    )
    moved_count = fields.Integer(
        string="# Moved between Pools",
        readonly=True,
    )
    reassigned_count = fields.Integer(
        string="# Re-assigned",
        readonly=True,
        help="Leads taken from one rep and given to another, by hand or by "
        "automatic assignment.",
    )
    revived_count = fields.Integer(
        string="# Revived",
        readonly=True,
        help="Dead or lost leads brought back (revival logged in the "
        "follow-ups).",
    )
    in_pool_count = fields.Integer(
        string="# In Pool Now",
        readonly=True,
    )
    dormant_count = fields.Integer(
        string="# Dormant",
        readonly=True,
        help="Open leads dormant now.",
    )
    dead_count = fields.Integer(
        string="# Dead",
        readonly=True,
        help="Leads with chance level none now, lost ones included.",
    )
    pool_exit_count = fields.Integer(
        string="# Left Pool (Timed)",
        readonly=True,
        help="Claims and assignments from the pool whose entry into the pool "
        "is in the history: the base of the average time in pool.",
    )
    pool_days = fields.Float(
        string="Days in Pool",
        readonly=True,
        digits=(16, 1),
        help="Days between entering the pool and being claimed or assigned.",
    )
    avg_pool_days = fields.Float(
        string="Average Time in Pool (Days)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Days in pool divided by the leads that left the pool, from the "
        "totals of each group.",
    )
    waiting_days = fields.Float(
        string="Days Waiting",
        readonly=True,
        digits=(16, 1),
        help="Days the leads in a pool now have been waiting.",
    )
    avg_waiting_days = fields.Float(
        string="Average Wait (Days)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Days waiting divided by the leads in a pool now.",
    )

    def _select_history(self):
        """Ownership history rows, with the date each lead last entered a
        pool before the row (a window per lead: the rules' and the report's
        conditions on the lead are pushed into it)."""
        return SQL(
            """
            SELECT
                h.id * 3 AS id,
                h.kind AS event,
                h.date,
                h.lead_id,
                h.id AS assignment_id,
                NULL::integer AS followup_id,
                h.pool_id,
                COALESCE(h.user_id, h.previous_user_id) AS user_id,
                h.previous_user_id,
                l.team_id,
                l.company_id,
                l.chance_level,
                (h.kind = 'recycle')::int AS recycled_count,
                (h.kind = 'release')::int AS released_count,
                (h.kind = 'claim')::int AS claimed_count,
                (h.kind = 'pool_assign')::int AS pool_assigned_count,
                (h.kind = 'move')::int AS moved_count,
                (h.kind IN ('manual', 'auto'))::int AS reassigned_count,
                0 AS revived_count,
                0 AS in_pool_count,
                0 AS dormant_count,
                0 AS dead_count,
                (h.kind IN ('claim', 'pool_assign')
                    AND h.entered IS NOT NULL)::int AS pool_exit_count,
                CASE WHEN h.kind IN ('claim', 'pool_assign')
                     THEN (EXTRACT(EPOCH FROM h.date - h.entered) / 86400.0)::float
                     ELSE 0.0::float END AS pool_days,
                CASE WHEN h.kind IN ('claim', 'pool_assign')
                     THEN (EXTRACT(EPOCH FROM h.date - h.entered) / 86400.0)::float
                     END AS avg_pool_days,
                0.0::float AS waiting_days,
                NULL::float AS avg_waiting_days
              FROM (
                SELECT a.id, a.kind, a.date, a.lead_id, a.pool_id, a.user_id,
                       a.previous_user_id,
                       MAX(CASE WHEN a.kind IN ('release', 'recycle')
                                THEN a.date END) OVER (
                           PARTITION BY a.lead_id ORDER BY a.date, a.id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                       ) AS entered
                  FROM si_lead_assignment a
              ) h
              JOIN crm_lead l ON l.id = h.lead_id
             WHERE h.kind NOT IN ('manual', 'auto')
                OR (h.previous_user_id IS NOT NULL AND h.user_id IS NOT NULL
                    AND h.previous_user_id <> h.user_id)
        """)

    def _select_revivals(self):
        return SQL(
            """
            SELECT
                f.id * 3 + 1 AS id,
                'revive' AS event,
                f.date,
                f.lead_id,
                NULL::integer AS assignment_id,
                f.id AS followup_id,
                l.pool_id,
                f.user_id,
                NULL::integer AS previous_user_id,
                l.team_id,
                l.company_id,
                l.chance_level,
                0, 0, 0, 0, 0, 0,
                1 AS revived_count,
                0, 0, 0, 0,
                0.0::float, NULL::float, 0.0::float, NULL::float
              FROM si_lead_followup f
              JOIN crm_lead l ON l.id = f.lead_id
             WHERE f.kind = 'revive'
        """)

    def _select_status(self):
        """Open leads waiting in a pool or dormant now, and dead leads
        (chance level none, lost ones included)."""
        return SQL(
            """
            SELECT
                l.id * 3 + 2 AS id,
                'status' AS event,
                l.create_date AS date,
                l.id AS lead_id,
                NULL::integer AS assignment_id,
                NULL::integer AS followup_id,
                l.pool_id,
                l.user_id,
                l.previous_user_id,
                l.team_id,
                l.company_id,
                l.chance_level,
                0, 0, 0, 0, 0, 0, 0,
                (l.active AND %(pooled)s)::int AS in_pool_count,
                (l.active AND COALESCE(l.is_dormant, FALSE))::int AS dormant_count,
                (l.chance_level = 'none')::int AS dead_count,
                0, 0.0::float, NULL::float,
                CASE WHEN l.active AND %(pooled)s THEN %(waiting)s
                     ELSE 0.0::float END,
                CASE WHEN l.active AND %(pooled)s THEN %(waiting)s END
              FROM crm_lead l
             WHERE (l.active AND (%(pooled)s OR l.is_dormant))
                OR l.chance_level = 'none'
        """,
            pooled=SQL("(l.pool_id IS NOT NULL AND l.user_id IS NULL)"),
            waiting=SQL(
                "(EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC') "
                "- COALESCE(l.pool_date, l.create_date)) / 86400.0)::float"),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            "CREATE OR REPLACE VIEW %s AS (%s UNION ALL %s UNION ALL %s)",
            SQL.identifier(self._table),
            self._select_history(),
            self._select_revivals(),
            self._select_status(),
        ))
