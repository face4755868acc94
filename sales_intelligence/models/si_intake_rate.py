# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rate limits of the intake endpoints: a counter per channel, key (token or
hashed client address) and minute, in the database so that every worker
counts the same requests. Rows of the bucket "sender:<hash>" (hits 0, an
hour long) are the markers that serialise concurrent submissions of one
sender (si.intake.channel._intake_lock_sender); the daily job deletes them
with the counters."""
import logging

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)
# counters are kept this long, then deleted by the daily job
KEEP_MINUTES = 60


class SiIntakeRate(models.Model):
    _name = "si.intake.rate"
    _description = "Lead Intake Rate Counter"
    _log_access = False

    channel_id = fields.Many2one(
        comodel_name="si.intake.channel",
        required=True,
        index=True,
        ondelete="cascade",
    )
    bucket = fields.Char(
        required=True,
        help="\"token\", or a hash of the client address.",
    )
    window_start = fields.Datetime(
        required=True,
        index=True,
    )
    hits = fields.Integer(
        required=True,
        default=0,
    )

    _sql_constraints = [
        ("window_uniq", "unique (channel_id, bucket, window_start)",
         "One counter per channel, key and minute."),
    ]

    @api.model
    def _intake_hit(self, channel, limits):
        """Count one request of `channel` in each bucket of `limits`
        ({bucket: limit per minute, 0 for none}); returns True when one of
        them is above its limit.

        The counters are written and committed in their own transaction:
        they hold no lock for the rest of the request (requests of one
        token do not wait on each other) and count refused requests too."""
        buckets = [bucket for bucket, limit in limits.items() if limit > 0]
        if not buckets:
            return False
        with self.env.registry.cursor() as cr:
            # a counter lost in a crash is harmless: no need to wait for the
            # disk on this commit
            cr.execute(SQL("SET LOCAL synchronous_commit = off"))
            cr.execute(SQL("""
                INSERT INTO si_intake_rate AS rate
                       (channel_id, bucket, window_start, hits)
                SELECT %(channel)s, bucket,
                       date_trunc('minute', now() at time zone 'UTC'), 1
                  FROM unnest(%(buckets)s::varchar[]) AS bucket
                ON CONFLICT (channel_id, bucket, window_start)
                DO UPDATE SET hits = rate.hits + 1
                RETURNING bucket, hits
            """, channel=channel.id, buckets=buckets))
            hits = dict(cr.fetchall())
        return any(hits.get(bucket, 0) > limits[bucket] for bucket in buckets)

    @api.model
    def _cron_clean(self):
        """Delete the counters of past windows, in one statement."""
        self.env.cr.execute(SQL("""
            DELETE FROM si_intake_rate
             WHERE window_start < (now() at time zone 'UTC')
                                  - make_interval(mins => %s)
        """, KEEP_MINUTES))
        _logger.info("intake rate counters deleted: %s", self.env.cr.rowcount)
