# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, split_every

from ..tools.chunk_jobs import chunk_ranges, enqueue_chunks, use_queue
from ..tools.pool_limits import MAX_DAYS

_logger = logging.getLogger(__name__)

# Open leads a rule may mark dormant: assigned, alive, not won, not rejected.
_CANDIDATES = """
    FROM crm_lead l
    LEFT JOIN crm_stage s ON s.id = l.stage_id
   WHERE l.id > %(low)s AND l.id <= %(high)s
     AND l.active AND NOT COALESCE(l.rejected, false)
     AND l.user_id IS NOT NULL
     AND l.chance_level <> 'none'
     AND NOT COALESCE(s.is_won, false)
     AND (%(team)s IS NULL OR l.team_id = %(team)s)
     AND (%(company)s IS NULL OR l.company_id = %(company)s)
     %(only)s
"""
# One condition per rule type; values always come as query parameters.
_RULE_SQL = {
    "no_followup": "SELECT l.id AS lead_id " + _CANDIDATES + """
     AND COALESCE(l.last_followup_date, l.create_date)
         < now() at time zone 'UTC' - make_interval(days => %(days)s)
    """,
    "interval_rising": "SELECT l.id AS lead_id " + _CANDIDATES + """
     AND l.followup_count >= 2
     AND l.followup_avg_interval > %(days)s
    """,
    "few_followups": "SELECT l.id AS lead_id " + _CANDIDATES + """
     AND l.create_date < now() at time zone 'UTC' - make_interval(days => %(days)s)
     AND (SELECT count(*) FROM si_lead_followup f
           WHERE f.lead_id = l.id AND f.kind = 'followup'
             AND f.date >= now() at time zone 'UTC'
                 - make_interval(days => %(days)s)) < %(min_count)s
    """,
}


class SiDormantRule(models.Model):
    """A condition under which an open lead counts as dormant. The nightly
    job marks matching leads and puts a follow-up to-do in the owner's plan;
    a follow-up wakes the lead up again."""

    _name = "si.dormant.rule"
    _inherit = ["si.name.limit.mixin"]
    _description = "Dormant Lead Rule"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    active = fields.Boolean(
        default=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        help="Leave empty to apply the rule to the leads of every team.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
    )
    rule_type = fields.Selection(
        selection=[
            ("no_followup", "No follow-up for N days"),
            ("interval_rising", "Average follow-up interval above N days"),
            ("few_followups", "Fewer than K follow-ups in the last N days"),
        ],
        required=True,
        default="no_followup",
    )
    days = fields.Integer(
        string="N (days)",
        required=True,
        default=30,
    )
    min_count = fields.Integer(
        string="K (follow-ups)",
        default=2,
        help="Only for 'fewer than K follow-ups in the last N days'.",
    )
    dormant_count = fields.Integer(
        compute="_compute_dormant_count",
        string="# Dormant Leads",
    )

    def _compute_dormant_count(self):
        counts = dict(self.env["crm.lead"]._read_group(
            [("dormant_rule_id", "in", self.ids), ("is_dormant", "=", True)],
            groupby=["dormant_rule_id"], aggregates=["__count"]))
        for rule in self:
            rule.dormant_count = counts.get(rule, 0)

    @api.constrains("days", "min_count", "rule_type")
    def _check_positive(self):
        for rule in self:
            if rule.days < 1:
                raise ValidationError(
                    _("The number of days of rule \"%s\" must be at least one.",
                      rule.name))
            if rule.days > MAX_DAYS:
                raise ValidationError(_(
                    "The number of days of rule \"%(rule)s\" cannot exceed "
                    "%(max)s.", rule=rule.name, max=MAX_DAYS))
            if rule.rule_type == "few_followups" and rule.min_count < 1:
                raise ValidationError(
                    _("The number of follow-ups of rule \"%s\" must be at least "
                      "one.", rule.name))

    def action_view_dormant_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence.crm_lead_dormant_action")
        action["domain"] = [("dormant_rule_id", "=", self.id)]
        return action

    @api.model
    def _cron_detect_dormant(self, batch_size=100000, chunk_size=20000):
        """Mark dormant leads by all active rules, wake up those no rule matches
        any more, and give each newly dormant lead a follow-up to-do for its
        owner. After a complete run, looks only at the leads that changed or
        crossed a threshold since (models/si_dormant_rule_changes.py); else
        at every lead. Works in id batches, each committed: re-running is
        harmless and a crash loses at most the current batch. A run over
        every lead as a scheduled action with the job queue installed
        enqueues one job per `chunk_size` leads instead (see
        tools.chunk_jobs) and returns the number of jobs; otherwise returns
        (marked, woken up)."""
        started = time.time()
        rules = self.search([])
        signature = rules._dormant_signature()
        checkpoint = self._dormant_checkpoint(signature)
        now = self._dormant_now()
        full_at = checkpoint["full_at"] if checkpoint else now
        if checkpoint is None and use_queue(self.env):
            # the run is complete when its last job is done
            return enqueue_chunks(
                self, "dormant", "_job_detect_dormant_chunk",
                chunk_ranges(self.env.cr, "crm_lead", chunk_size),
                final=("_job_dormant_checkpoint", now, signature),
                description=self.env._("Dormant lead detection"))
        Lead = self.env["crm.lead"]
        self._flush_dormant_inputs()
        if checkpoint:
            ids = rules._dormant_changed_ids(checkpoint["at"], now)
            batches = [(chunk[0] - 1, chunk[-1], chunk)
                       for chunk in split_every(batch_size, ids, list)]
            total = len(ids)
        else:
            batches = ((low, high, None) for low, high in Lead._id_batches(batch_size))
            self.env.cr.execute(SQL("SELECT count(*) FROM crm_lead"))
            total = self.env.cr.fetchone()[0]
        marked = woken = done = 0
        for low, high, ids in batches:
            new, woke = self._detect_dormant_range(rules, low, high, ids)
            marked += new
            woken += woke
            done += len(ids) if ids is not None else batch_size
            Lead._commit_batch(done=min(done, total), remaining=max(total - done, 0))
        self._set_dormant_checkpoint(now, signature, full_at)
        self.env["ir.cron"]._notify_progress(done=total, remaining=0)
        Lead.invalidate_model(["is_dormant", "dormant_since", "dormant_rule_id"])
        _logger.info("Dormant leads (%s, %d looked at): %d marked, %d woken up "
                     "in %.1fs",
                     "changed ones" if checkpoint else "all", total,
                     marked, woken, time.time() - started)
        return marked, woken

    @api.model
    def _job_detect_dormant_chunk(self, low, high):
        """The dormant detection of the leads with low < id <= high, as a job
        of the queue: what one batch of the scheduled run does."""
        self._flush_dormant_inputs()
        marked, woken = self._detect_dormant_range(self.search([]), low, high)
        self.env["crm.lead"].invalidate_model(
            ["is_dormant", "dormant_since", "dormant_rule_id"])
        _logger.info("Dormant leads %s-%s: %d marked, %d woken up",
                     low, high, marked, woken)
        return "%d marked, %d woken up" % (marked, woken)

    def _flush_dormant_inputs(self):
        # the rules read these in SQL
        self.env["crm.lead"].flush_model()
        self.env["si.lead.followup"].flush_model()

    def _detect_dormant_range(self, rules, low, high, ids=None):
        """One batch: apply `rules`, then give the newly dormant leads their
        to-do. Returns (marked, woken up)."""
        new_ids, woke = self._detect_dormant_batch(rules, low, high, ids)
        self.env["crm.lead"].browse(new_ids)._create_dormant_activities()
        return len(new_ids), woke

    def _detect_dormant_batch(self, rules, low, high, ids=None):
        """Apply `rules` to leads with low < id <= high (among `ids` when
        given); returns the ids of newly dormant leads and the number of
        leads woken up."""
        cr = self.env.cr
        only = SQL("AND l.id = ANY(%s)", ids) if ids is not None else SQL()
        cr.execute(SQL("CREATE TEMP TABLE IF NOT EXISTS si_dormant_match "
                       "(lead_id int PRIMARY KEY, rule_id int)"))
        cr.execute(SQL("TRUNCATE si_dormant_match"))
        # `rules` come in sequence order and the first matching rule is kept.
        for rule in rules:
            cr.execute(SQL(
                "INSERT INTO si_dormant_match (lead_id, rule_id) "
                "SELECT lead_id, %s FROM (%s) m ON CONFLICT (lead_id) DO NOTHING",
                rule.id,
                SQL(_RULE_SQL[rule.rule_type],
                    low=low, high=high,
                    team=rule.team_id.id or None,
                    company=rule.company_id.id or None,
                    days=rule.days, min_count=rule.min_count, only=only),
            ))
        # the id bounds in the updates below keep PostgreSQL on the batch's
        # slice of crm_lead instead of joining the whole table
        cr.execute(SQL("ANALYZE si_dormant_match"))
        # the leads whose state changes, then a lock on them; one a user is
        # editing at this moment is skipped, not waited for, and queued for
        # the next run
        cr.execute(SQL("""
            SELECT l.id
              FROM crm_lead l
         LEFT JOIN si_dormant_match m ON m.lead_id = l.id
             WHERE l.id > %s AND l.id <= %s %s
               AND (COALESCE(l.is_dormant, false) <> (m.lead_id IS NOT NULL)
                    OR (l.is_dormant AND m.lead_id IS NOT NULL
                        AND l.dormant_rule_id IS DISTINCT FROM m.rule_id))
        """, low, high, only))
        changing = [row[0] for row in cr.fetchall()]
        cr.execute(SQL("SELECT id FROM crm_lead WHERE id = ANY(%s) "
                       "FOR UPDATE SKIP LOCKED", changing))
        locked = [row[0] for row in cr.fetchall()]
        self._dequeue_dormant(low, high, ids, set(changing) - set(locked))
        cr.execute(SQL("""
            UPDATE crm_lead l
               SET is_dormant = false, dormant_since = NULL, dormant_rule_id = NULL
             WHERE l.id > %s AND l.id <= %s AND l.is_dormant
               AND NOT EXISTS (SELECT 1 FROM si_dormant_match m WHERE m.lead_id = l.id)
               AND l.id = ANY(%s)
        """, low, high, locked))
        woke = cr.rowcount
        # still dormant, now by another rule (rules changed): say which
        cr.execute(SQL("""
            UPDATE crm_lead l SET dormant_rule_id = m.rule_id
              FROM si_dormant_match m
             WHERE l.id = m.lead_id AND l.id > %s AND l.id <= %s AND l.is_dormant
               AND l.dormant_rule_id IS DISTINCT FROM m.rule_id
               AND l.id = ANY(%s)
        """, low, high, locked))
        cr.execute(SQL("""
            UPDATE crm_lead l
               SET is_dormant = true, dormant_since = current_date,
                   dormant_rule_id = m.rule_id
              FROM si_dormant_match m
             WHERE l.id = m.lead_id AND l.id > %s AND l.id <= %s
               AND NOT COALESCE(l.is_dormant, false)
               AND l.id = ANY(%s)
         RETURNING l.id
        """, low, high, locked))
        return [row[0] for row in cr.fetchall()], woke
