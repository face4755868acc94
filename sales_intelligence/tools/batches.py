# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Id ranges for the nightly jobs that commit batch by batch, and the end of
such a batch."""
import threading

from psycopg2 import sql

from odoo.modules import module as odoo_module


def id_batches(cr, table, batch_size):
    """(low, high] id ranges of about `batch_size` rows of `table` each, in id
    order; computed one range at a time, so rows added meanwhile are seen."""
    query = sql.SQL("SELECT max(id) FROM (SELECT id FROM {} WHERE id > %s "
                    "ORDER BY id LIMIT %s) b").format(sql.Identifier(table))
    last_id = 0
    while True:
        cr.execute(query, (last_id, batch_size))
        high = cr.fetchone()[0]
        if high is None:
            return
        yield last_id, high
        last_id = high


def commit_batch(env, done, remaining, cron_only=False):
    """End of a batch of a scheduled action: report the progress to the
    scheduler (it runs a job stopped half-way again soon) and commit, so that
    a crash of a later batch loses nothing done. Never while testing or with
    `si_no_commit` in the context, nor inside a job of the queue (queue_job
    commits the job when it is done); with `cron_only`, only inside a
    scheduled run (a button or a script leaves the commit to its caller).
    The batch's pending writes and recomputations are flushed in every case,
    as a commit flushes them: one update per table and batch, not one per
    later query that happens to need some of them."""
    env.flush_all()
    env["ir.cron"]._notify_progress(done=done, remaining=remaining)
    if (env.context.get("si_no_commit") or env.context.get("job_uuid")
            or (cron_only and not env.context.get("ir_cron_progress_id"))
            or odoo_module.current_test
            or getattr(threading.current_thread(), "testing", False)):
        return
    env.cr.commit()  # pylint: disable=invalid-commit
