# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which leads the nightly dormant detection has to look at again.

A lead's dormancy changes only when one of its inputs changes (its owner,
stage, follow-up figures, ...), when one of its follow-ups is logged, moved
or deleted, or when time makes it cross a rule's threshold (its last
follow-up becomes older than N days). Row triggers on crm_lead and
si_lead_followup queue the leads of the first two cases, whatever wrote them
(the ORM or the SQL of the jobs); the third is a range read on indexed dates
between the last run and this one. A run after a complete one looks at those
leads only; the first run, a run after the rules or the won stages changed,
and one run a week look at every lead. Each batch takes its leads out of
the queue in the transaction that evaluates them, and puts back those it
could not lock: nothing queued is lost, whatever the run's fate."""
import hashlib
import json
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.row_triggers import create_row_triggers, drop_row_triggers

QUEUE_TABLE = "si_dormant_queue"
TRIGGER_FUNCTION = "si_dormant_enqueue"
# the lead columns the rules read (si_dormant_rule._RULE_SQL); is_dormant and
# its rule are the job's own output, not its input
LEAD_COLUMNS = ("active", "rejected", "user_id", "chance_level", "stage_id",
                "team_id", "company_id", "create_date", "last_followup_date",
                "followup_count", "followup_avg_interval")
FOLLOWUP_COLUMNS = ("lead_id", "kind", "date")
TRIGGERS = (("crm_lead", LEAD_COLUMNS, ("insert", "update")),
            ("si_lead_followup", FOLLOWUP_COLUMNS, ("insert", "delete", "update")))
CHECKPOINT = "sales_intelligence.dormant_checkpoint"
# a run that looks at every lead at least this often, whatever changed
FULL_RUN_DAYS = 7


class SiDormantRule(models.Model):
    _inherit = "si.dormant.rule"

    def init(self):
        cr = self.env.cr
        queue = SQL.identifier(QUEUE_TABLE)
        function = SQL.identifier(TRIGGER_FUNCTION)
        cr.execute(SQL("CREATE TABLE IF NOT EXISTS %s (id bigserial PRIMARY KEY, "
                       "lead_id integer NOT NULL)", queue))
        cr.execute(SQL("CREATE INDEX IF NOT EXISTS %s ON %s (lead_id)",
                       SQL.identifier(f"{QUEUE_TABLE}_lead_id_idx"), queue))
        cr.execute(SQL("""
            CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger
            LANGUAGE plpgsql AS $body$
            BEGIN
                IF TG_TABLE_NAME = 'crm_lead' THEN
                    INSERT INTO %(queue)s (lead_id) VALUES (NEW.id);
                ELSE
                    IF TG_OP <> 'INSERT' AND OLD.lead_id IS NOT NULL THEN
                        INSERT INTO %(queue)s (lead_id) VALUES (OLD.lead_id);
                    END IF;
                    IF TG_OP <> 'DELETE' AND NEW.lead_id IS NOT NULL THEN
                        INSERT INTO %(queue)s (lead_id) VALUES (NEW.lead_id);
                    END IF;
                END IF;
                RETURN NULL;
            END
            $body$
        """, function=function, queue=queue))
        for table, columns, events in TRIGGERS:
            create_row_triggers(cr, TRIGGER_FUNCTION, table, columns, events)

    @api.model
    def _drop_dormant_queue(self):
        """Uninstall: crm_lead and the follow-ups stay without the triggers."""
        cr = self.env.cr
        for table, _columns, events in TRIGGERS:
            drop_row_triggers(cr, TRIGGER_FUNCTION, table, events)
        cr.execute(SQL("DROP FUNCTION IF EXISTS %s()",
                       SQL.identifier(TRIGGER_FUNCTION)))
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(QUEUE_TABLE)))

    # --- the checkpoint of the last complete run ---------------------------------
    def _dormant_signature(self):
        """What the rules and the won stages are: a change of either needs a
        run over every lead. `self`: the active rules, in their order."""
        won = self.env["crm.stage"].search([("is_won", "=", True)]).ids
        rules = [(r.id, r.rule_type, r.days, r.min_count, r.team_id.id,
                  r.company_id.id) for r in self]
        return hashlib.sha1(json.dumps([rules, sorted(won)]).encode()).hexdigest()

    @api.model
    def _dormant_now(self):
        """The database's time of this run (UTC, to the second below: a run
        that starts earlier only looks at more leads)."""
        self.env.cr.execute(SQL("SELECT now() AT TIME ZONE 'UTC'"))
        return fields.Datetime.to_string(self.env.cr.fetchone()[0])

    def _dormant_checkpoint(self, signature):
        """The last complete run ({"at", "full_at"}) when this run may look
        at the changed leads only, else None."""
        raw = self._dormant_param(CHECKPOINT)
        try:
            checkpoint = json.loads(raw) if raw else None
            at = fields.Datetime.to_datetime(checkpoint["at"])
            full_at = fields.Datetime.to_datetime(checkpoint["full_at"])
        except (ValueError, TypeError, KeyError):
            return None
        if checkpoint.get("rules") != signature or not at or not full_at \
                or full_at < fields.Datetime.now() - timedelta(days=FULL_RUN_DAYS):
            return None
        return checkpoint

    @api.model
    def _dormant_param(self, key):
        """The stored value, read from the table (not the parameters' cache,
        which a rolled-back savepoint can leave behind)."""
        self.env["ir.config_parameter"].flush_model(["key", "value"])
        self.env.cr.execute(SQL("SELECT value FROM ir_config_parameter WHERE key = %s",
                                key))
        row = self.env.cr.fetchone()
        return row[0] if row else None

    @api.model
    def _set_dormant_checkpoint(self, at, signature, full_at):
        """A complete run that started at `at` (the last one over every lead
        at `full_at`)."""
        # sudo: the checkpoint is the job's own technical parameter
        self.env["ir.config_parameter"].sudo().set_param(CHECKPOINT, json.dumps(
            {"at": at, "rules": signature, "full_at": full_at}))

    @api.model
    def _forget_dormant_checkpoint(self):
        """The next run looks at every lead."""
        # sudo: the checkpoint is the job's own technical parameter
        self.env["ir.config_parameter"].sudo().set_param(CHECKPOINT, False)

    @api.model
    def _job_dormant_checkpoint(self, at, signature):
        """The end of a run over every lead spread over the job queue, once
        every range is done: the run that started at `at` is complete."""
        self._set_dormant_checkpoint(at, signature, at)
        return "complete from %s" % at

    # --- the leads to look at ------------------------------------------------------
    def _dormant_changed_ids(self, since, until):
        """Ids of the leads queued, and of those whose dates cross a
        threshold of the rules `self` between `since` and `until` (UTC
        strings): a lead whose last follow-up (else reception) or one of
        whose follow-ups becomes older than N days, or received N days ago."""
        parts = [SQL("SELECT lead_id FROM %s", SQL.identifier(QUEUE_TABLE))]
        for rule_type, days in sorted({(r.rule_type, r.days) for r in self}):
            low = SQL("%s::timestamp - make_interval(days => %s)", since, days)
            high = SQL("%s::timestamp - make_interval(days => %s)", until, days)
            if rule_type == "no_followup":
                parts.append(SQL(
                    "SELECT id FROM crm_lead WHERE last_followup_date >= %s "
                    "AND last_followup_date < %s", low, high))
                parts.append(SQL(
                    "SELECT id FROM crm_lead WHERE last_followup_date IS NULL "
                    "AND create_date >= %s AND create_date < %s", low, high))
            elif rule_type == "few_followups":
                parts.append(SQL(
                    "SELECT id FROM crm_lead WHERE create_date >= %s "
                    "AND create_date < %s", low, high))
                parts.append(SQL(
                    "SELECT lead_id FROM si_lead_followup WHERE kind = 'followup' "
                    "AND date >= %s AND date < %s", low, high))
        self.env.cr.execute(SQL("SELECT DISTINCT lead_id FROM (%s) c(lead_id) "
                                "ORDER BY lead_id", SQL(" UNION ALL ").join(parts)))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _dequeue_dormant(self, low, high, ids=None, skipped=()):
        """The batch's leads (low < id <= high, among `ids` when given) out of
        the queue, except `skipped` (locked by someone else): queued again.
        In the transaction that evaluated them, which sees every queued row
        it deletes."""
        self.env.cr.execute(SQL(
            "DELETE FROM %s WHERE lead_id > %s AND lead_id <= %s %s",
            SQL.identifier(QUEUE_TABLE), low, high,
            SQL("AND lead_id = ANY(%s)", list(ids)) if ids is not None else SQL()))
        if skipped:
            self.env.cr.execute(SQL(
                "INSERT INTO %s (lead_id) SELECT unnest(%s::int[])",
                SQL.identifier(QUEUE_TABLE), list(skipped)))
