# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Long nightly jobs spread over several workers with the OCA job queue
(queue_job), when it is installed; without it they run as before, batch by
batch in the scheduler's own transaction.

A scheduled run computes the id ranges of its table (keyset, as the plain
run does) and enqueues one job per range on the product's channel, each
doing what one batch of the plain run does; an optional final job runs when
every range is done. queue_job is a soft dependency: its modules are only
imported once its model is known to the registry."""
import logging

from odoo import fields

from .batches import id_batches

_logger = logging.getLogger(__name__)

# The channel of the product's jobs; its capacity is set in the job runner's
# configuration ([queue_job] channels = root:2,root.sales_intelligence:2).
CHANNEL = "root.sales_intelligence"
# Largest crm_lead id (int4): the last range is left open upwards so that rows
# created between the enqueuing and the run of its job are processed too.
MAX_ID = 2 ** 31 - 1
# States of a job that has not finished yet.
UNFINISHED = ("wait_dependencies", "pending", "enqueued", "started")


def use_queue(env):
    """True when the current scheduled run should spread over the job queue:
    queue_job is installed, the method runs as a scheduled action (by the
    scheduler or its Run Manually button), and `si_no_queue` is not in the
    context. A call from code (a script, a test, the shell) runs in place and
    returns its figures."""
    return bool("queue.job" in env.registry
                and env.context.get("ir_cron_progress_id")
                and not env.context.get("si_no_queue"))


def in_job(env):
    """True inside a job of the queue (queue_job commits it)."""
    return bool(env.context.get("job_uuid"))


def chunk_ranges(cr, table, chunk_size):
    """(low, high] id ranges of about `chunk_size` rows of `table`, the last
    one open upwards."""
    ranges = list(id_batches(cr, table, chunk_size))
    if ranges:
        ranges[-1] = (ranges[-1][0], MAX_ID)
    return ranges


def run_key(model, name):
    """Prefix of the identity keys of today's run of the job `name`."""
    return "sales_intelligence:%s:%s:" % (name, fields.Date.context_today(model))


def enqueue_chunks(model, name, method, chunks, final=None, description=None):
    """Enqueue `model.method(*args)` for each tuple `args` of `chunks` (the
    (low, high] id ranges of chunk_ranges, or e.g. (company id, type)), then
    `model.final()` when all of them are done (`final`: a method name, or a
    tuple of the name and its arguments). The identity key of each job
    is the job `name`, the run date and its arguments, so a second run the
    same day enqueues nothing while a job of the first one is unfinished.
    Returns the number of jobs enqueued."""
    # pylint: disable=import-outside-toplevel
    # queue_job is optional: imported only when its model is installed
    from odoo.addons.queue_job.delay import chain, group

    env = model.env
    prefix = run_key(model, name)
    # sudo: the job queue is readable by its managers only; this looks for the
    # product's own unfinished jobs of today's run, by their identity key
    Job = env["queue.job"].sudo()
    if not chunks or Job.search_count(
            [("identity_key", "=like", prefix + "%"), ("state", "in", UNFINISHED)],
            limit=1):
        _logger.info("%s: %s", name, "nothing to enqueue" if not chunks
                     else "today's jobs are still queued, nothing enqueued")
        return 0
    _ensure_channel(env)
    label = description or name
    delayables = [
        getattr(model.delayable(
            channel=CHANNEL, identity_key=prefix + "-".join(map(str, args)),
            description="%s (%s/%s)" % (label, index, len(chunks))), method)(*args)
        for index, args in enumerate(chunks, 1)
    ]
    graph = group(*delayables)
    if final:
        final_method, *final_args = (final,) if isinstance(final, str) else final
        graph = chain(graph, getattr(model.delayable(
            channel=CHANNEL, identity_key=prefix + "final",
            description="%s (end)" % label), final_method)(*final_args))
    graph.delay()
    count = len(delayables) + bool(final)
    # the scheduled action itself is done: the jobs carry on
    env["ir.cron"]._notify_progress(done=count, remaining=0)
    _logger.info("%s: %d jobs enqueued on %s", name, count, CHANNEL)
    return count


def _ensure_channel(env):
    """The product's channel in the job queue's channel list (shown in Job
    Queue > Channels, where its removal interval of done jobs is set)."""
    # sudo: channels are technical records of the job queue's managers; this
    # only creates the product's own channel once
    Channel = env["queue.job.channel"].sudo()
    parent_name, name = CHANNEL.rsplit(".", 1)
    if not Channel.search_count([("complete_name", "=", CHANNEL)], limit=1):
        parent = Channel.search([("complete_name", "=", parent_name)], limit=1)
        Channel.create({"name": name, "parent_id": parent.id})
