# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

import pytz

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.sales_intelligence.tools.batches import commit_batch

from .si_lead_analysis_snapshot import (
    MEASURES,
    MEMBER_TABLE,
    QUEUE_TABLE,
    KEY_DIMENSIONS,
)

_logger = logging.getLogger(__name__)

# the time zone the snapshot's months were cut in ('' until the first build)
PARAM_BUILT = "sales_intelligence_reports.lead_snapshot_tz"
# the time zone to cut the months in; the analysis reads the snapshot for
# users of that time zone only (others get the live rows)
PARAM_TZ = "sales_intelligence_reports.lead_snapshot_timezone"
ROWS = "si_lead_snapshot_rows"


class SiLeadAnalysisSnapshotRefresh(models.Model):
    """Full rebuild and incremental refresh of the lead-conversion snapshot.

    Each lead of the snapshot is remembered with its row and its figures
    (MEMBER_TABLE); the refresh takes the queued leads (QUEUE_TABLE, filled
    by triggers), reads their figures from the analysis' own per-lead SQL
    (the view si_lead_analysis: one definition of every figure), moves each
    to the row of its current values and adds up again the rows they left
    and joined."""

    _inherit = "si.lead.analysis.snapshot"

    # --- state -------------------------------------------------------------------
    @api.model
    def _snapshot_timezone(self):
        """The time zone to cut months in: the setting, else the one most
        internal users have (UTC for users without one)."""
        # sudo: a technical setting read for any user of the analysis
        setting = self.env["ir.config_parameter"].sudo().get_param(PARAM_TZ)
        if setting:
            return setting
        self.env.cr.execute(SQL("""
            SELECT COALESCE(p.tz, 'UTC') FROM res_users u
              JOIN res_partner p ON p.id = u.partner_id
             WHERE u.active AND NOT u.share
          GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
        """))
        row = self.env.cr.fetchone()
        return row[0] if row and row[0] in pytz.all_timezones_set else "UTC"

    @api.model
    def _snapshot_built_timezone(self):
        """The time zone of the last full build, '' if never built."""
        # sudo: as above
        return self.env["ir.config_parameter"].sudo().get_param(
            PARAM_BUILT, "")

    @api.model
    def _snapshot_pending(self):
        """Whether leads changed since the last refresh."""
        return self._snapshot_queued(0) is None

    @api.model
    def _snapshot_queued(self, limit):
        """Ids of the leads changed since the last refresh, None when there
        are more than `limit`."""
        # the leads' pending writes reach the queue through its triggers
        self.env["crm.lead"].flush_model()
        self.env.cr.execute(SQL("SELECT lead_id FROM %s LIMIT %s",
                                SQL.identifier(QUEUE_TABLE), limit + 1))
        ids = [row[0] for row in self.env.cr.fetchall()]
        return ids if len(ids) <= limit else None

    @api.model
    def _snapshot_counted(self, domain, groupby, aggregates, lead_ids):
        """What the snapshot counts of these leads in the rows matching
        `domain` that the user may read, as `_read_group` rows by `groupby`
        (`aggregates`: sums of MEASURES)."""
        self.env.cr.execute(SQL(
            "SELECT snapshot_id, %s FROM %s r WHERE r.lead_id = ANY(%s) "
            "GROUP BY snapshot_id", self._sums_sql(),
            SQL.identifier(MEMBER_TABLE), lead_ids))
        counted = {row[0]: dict(zip(MEASURES, row[1:]))
                   for row in self.env.cr.fetchall()}
        if not counted:
            return []
        # read as the user: only the rows the lead rules let them see
        rows = self._read_group(domain + [("id", "in", list(counted))],
                                list(groupby) + ["id"], [])
        measures = [spec.partition(":")[0] for spec in aggregates]
        result = []
        for row in rows:
            sums = counted[row[-1].id]  # grouped by id: the row itself
            result.append(tuple(row[:-1]) + tuple(sums[m] or 0 for m in measures))
        return result

    @api.model
    def _invalidate_snapshot(self):
        """A setting behind every figure changed (won stages, rejected leads
        in the base): the analysis reads live rows until the next rebuild."""
        # sudo: a technical marker, written on behalf of the change
        self.env["ir.config_parameter"].sudo().set_param(PARAM_BUILT, "")

    # --- SQL ---------------------------------------------------------------------
    def _rows_sql(self, tz, where):
        """Per lead: its snapshot row's key and its figures, from the
        analysis' own per-lead SQL (one scan of crm_lead), for the leads
        matching `where` (SQL on the lead `l`)."""
        Analysis = self.env["si.lead.analysis"]
        dims = SQL(", ").join(SQL("a.%s", SQL.identifier(d))
                              for d in KEY_DIMENSIONS)
        measures = SQL(", ").join(SQL("a.%s", SQL.identifier(m))
                                  for m in MEASURES)
        return SQL(
            """SELECT a.lead_id,
                      timezone('UTC', timezone(%(tz)s, date_trunc('month',
                          timezone(%(tz)s, timezone('UTC', a.create_date)))))
                          AS create_date,
                      %(dims)s, %(measures)s
                 FROM (%(select)s, l.pool_id, l.previous_user_id
                       %(from_)s WHERE %(where)s) a""",
            tz=tz, dims=dims, measures=measures, select=Analysis._select(),
            from_=Analysis._from(), where=where)

    def _key_join(self, left, right):
        """Equality of the row keys of `left` and `right`, NULLs equal, in a
        form PostgreSQL can hash."""
        terms = [SQL("COALESCE(%s.create_date, '-infinity') = "
                     "COALESCE(%s.create_date, '-infinity')",
                     SQL.identifier(left), SQL.identifier(right))]
        terms += [SQL("COALESCE(%s.%s, 0) = COALESCE(%s.%s, 0)",
                      SQL.identifier(left), SQL.identifier(d),
                      SQL.identifier(right), SQL.identifier(d))
                  for d in KEY_DIMENSIONS]
        return SQL(" AND ").join(terms)

    def _member_values(self):
        return SQL(", ").join(SQL("r.%s", SQL.identifier(m)) for m in MEASURES)

    def _sums_sql(self):
        return SQL(", ").join(SQL("SUM(r.%s)", SQL.identifier(m))
                              for m in MEASURES)

    # --- full rebuild ------------------------------------------------------------
    @api.model
    def _rebuild(self):
        """Build the whole snapshot again from the leads (install, a changed
        setting, or when asked): one transaction; returns the rows built."""
        cr = self.env.cr
        tz = self._snapshot_timezone()
        self.env["crm.lead"].flush_model()
        cr.execute(SQL("DELETE FROM %s", SQL.identifier(QUEUE_TABLE)))
        table, member = SQL.identifier(self._table), SQL.identifier(MEMBER_TABLE)
        cr.execute(SQL("TRUNCATE %s, %s RESTART IDENTITY", table, member))
        keys = SQL(", ").join(SQL.identifier(c)
                              for c in ("create_date", *KEY_DIMENSIONS))
        measures = SQL(", ").join(SQL.identifier(m) for m in MEASURES)
        # each lead numbered by its row (the rank of its key): the rows and
        # the leads' links to them are then written without a join
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(ROWS)))
        cr.execute(SQL(
            """CREATE TEMP TABLE %(rows)s ON COMMIT DROP AS
               SELECT r.*, dense_rank() OVER (ORDER BY %(keys)s) AS row_id
                 FROM (%(select)s) r""",
            rows=SQL.identifier(ROWS), keys=keys,
            select=self._rows_sql(tz, SQL("TRUE"))))
        cr.execute(SQL(
            """INSERT INTO %(table)s (id, %(keys)s, %(measures)s)
               SELECT row_id, %(keys)s, %(sums)s FROM %(rows)s r
             GROUP BY row_id, %(keys)s""",
            table=table, keys=keys, measures=measures,
            sums=self._sums_sql(), rows=SQL.identifier(ROWS)))
        built = cr.rowcount
        cr.execute(SQL("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                       self._table, max(built, 1)))
        # the links built in one pass, in the order of their primary key,
        # their other index after them
        index = SQL.identifier(f"{MEMBER_TABLE}_snapshot_id_idx")
        cr.execute(SQL("DROP INDEX IF EXISTS %s", index))
        cr.execute(SQL(
            """INSERT INTO %(member)s (lead_id, snapshot_id, %(measures)s)
               SELECT r.lead_id, r.row_id, %(values)s FROM %(rows)s r
             ORDER BY r.lead_id""",
            member=member, rows=SQL.identifier(ROWS), measures=measures,
            values=self._member_values()))
        cr.execute(SQL("CREATE INDEX %s ON %s (snapshot_id)", index, member))
        cr.execute(SQL("DROP TABLE %s", SQL.identifier(ROWS)))
        cr.execute(SQL("ANALYZE %s", table))
        cr.execute(SQL("ANALYZE %s", member))
        # sudo: the technical marker of the build
        self.env["ir.config_parameter"].sudo().set_param(PARAM_BUILT, tz)
        self.invalidate_model()
        return built

    # --- incremental refresh -----------------------------------------------------
    @api.model
    def _refresh(self, batch_size=20000):
        """Bring the snapshot up to date: a full build if it was never built
        (or its time zone or a setting behind it changed), else the queued
        leads, `batch_size` at a time, each batch committed in a scheduled
        run. Returns the number of leads processed; with nothing queued, one
        query and nothing written."""
        if self._snapshot_built_timezone() != self._snapshot_timezone():
            self._rebuild()
            commit_batch(self.env, 1, 0, cron_only=True)
            return -1
        done = 0
        while True:
            count = self._refresh_batch(batch_size)
            if not count:
                break
            done += count
            self.env.cr.execute(SQL("SELECT count(*) FROM %s",
                                    SQL.identifier(QUEUE_TABLE)))
            commit_batch(self.env, done, self.env.cr.fetchone()[0],
                         cron_only=True)
        if done:
            self.invalidate_model()
        return done

    def _refresh_batch(self, batch_size):
        """One batch of queued leads: returns how many were processed."""
        cr = self.env.cr
        self.env["crm.lead"].flush_model()
        cr.execute(SQL("""
            DELETE FROM %(queue)s
             WHERE lead_id IN (SELECT lead_id FROM %(queue)s
                                ORDER BY lead_id LIMIT %(limit)s)
         RETURNING lead_id
        """, queue=SQL.identifier(QUEUE_TABLE), limit=batch_size))
        lead_ids = [row[0] for row in cr.fetchall()]
        if not lead_ids:
            return 0
        member, table = SQL.identifier(MEMBER_TABLE), SQL.identifier(self._table)
        # the rows the leads leave
        cr.execute(SQL(
            "DELETE FROM %s WHERE lead_id = ANY(%s) RETURNING snapshot_id",
            member, lead_ids))
        affected = {row[0] for row in cr.fetchall()}
        # the rows they join (the leads still there), created when new
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(ROWS)))
        cr.execute(SQL("CREATE TEMP TABLE %s ON COMMIT DROP AS %s",
                       SQL.identifier(ROWS), self._rows_sql(
                           self._snapshot_timezone(),
                           SQL("l.id = ANY(%s)", lead_ids))))
        keys = SQL(", ").join(SQL.identifier(c)
                              for c in ("create_date", *KEY_DIMENSIONS))
        cr.execute(SQL("""
            INSERT INTO %(table)s (%(keys)s)
            SELECT DISTINCT %(keys)s FROM %(rows)s
            ON CONFLICT DO NOTHING
        """, table=table, keys=keys, rows=SQL.identifier(ROWS)))
        cr.execute(SQL(
            """INSERT INTO %(member)s (lead_id, snapshot_id, %(measures)s)
               SELECT r.lead_id, s.id, %(values)s
                 FROM %(rows)s r JOIN %(table)s s ON %(join)s
            RETURNING snapshot_id""",
            member=member, rows=SQL.identifier(ROWS), table=table,
            measures=SQL(", ").join(SQL.identifier(m) for m in MEASURES),
            values=self._member_values(), join=self._key_join("r", "s")))
        affected.update(row[0] for row in cr.fetchall())
        cr.execute(SQL("DROP TABLE %s", SQL.identifier(ROWS)))
        self._add_up(sorted(affected))
        return len(lead_ids)

    def _add_up(self, snapshot_ids):
        """Add up again the figures of these snapshot rows from their leads'
        figures (MEMBER_TABLE); rows left without leads are removed."""
        cr = self.env.cr
        member, table = SQL.identifier(MEMBER_TABLE), SQL.identifier(self._table)
        assign = SQL(", ").join(SQL("%s = t.%s", SQL.identifier(m),
                                    SQL.identifier(m)) for m in MEASURES)
        measures = SQL(", ").join(SQL("SUM(r.%s) AS %s", SQL.identifier(m),
                                      SQL.identifier(m)) for m in MEASURES)
        cr.execute(SQL(
            """UPDATE %(table)s s SET %(assign)s
                 FROM (SELECT r.snapshot_id, %(measures)s
                         FROM %(member)s r
                        WHERE r.snapshot_id = ANY(%(ids)s)
                     GROUP BY r.snapshot_id) t
                WHERE s.id = t.snapshot_id""",
            table=table, assign=assign, measures=measures, member=member,
            ids=snapshot_ids))
        cr.execute(SQL("""
            DELETE FROM %(table)s s
             WHERE s.id = ANY(%(ids)s)
               AND NOT EXISTS (SELECT 1 FROM %(member)s m
                                WHERE m.snapshot_id = s.id)
        """, table=table, member=member, ids=snapshot_ids))

    @api.model
    def _cron_refresh(self):
        """Scheduled: the incremental refresh (a full build the first time)."""
        self._refresh()
