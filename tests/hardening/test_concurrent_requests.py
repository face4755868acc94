"""Requests at the same moment, each in its own database cursor: a job
started by hand while the scheduler runs it does nothing; 20 concurrent
intake submissions of one person make one lead; two reps claiming one pooled
lead: exactly one wins. Requests run through Odoo's retry on serialization
failures, as over HTTP."""
import threading
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tools import SQL, mute_logger

from cursors_common import TIMEOUTS, ConcurrentCase


class TestManualRunDuringScheduledRun(ConcurrentCase):

    def test_run_manually_while_the_scheduler_runs_it(self):
        scheduler_cr, manual_cr = self.cursor(), self.cursor()
        cron_id = self.env(scheduler_cr).ref(
            "sales_intelligence.ir_cron_scan_renewals").id
        IrCron = type(self.env(scheduler_cr)["ir.cron"])
        # the scheduler takes the due job (and holds it while it runs)
        scheduler_cr.execute(SQL("UPDATE ir_cron SET nextcall = %s WHERE id = %s",
                                 fields.Datetime.now() - timedelta(minutes=1),
                                 cron_id))
        self.assertEqual(IrCron._acquire_one_job(scheduler_cr, cron_id)["id"], cron_id)
        cron = self.env(manual_cr)["ir.cron"].browse(cron_id)
        with self.assertRaises(UserError) as error, \
                patch.object(type(cron.ir_actions_server_id), "run") as run:
            cron.method_direct_trigger()
        run.assert_not_called()
        self.assertIn("This cron task is currently being executed",
                      str(error.exception))
        scheduler_cr.rollback()

    def test_scheduler_skips_a_job_run_manually(self):
        manual_cr, worker_cr = self.cursor(), self.cursor()
        cron = self.env(manual_cr).ref("sales_intelligence.ir_cron_scan_renewals")
        with patch.object(type(cron.ir_actions_server_id), "run") as run:
            cron.method_direct_trigger()   # still running: not committed
        run.assert_called_once()
        # a scheduler's worker takes a job with FOR NO KEY UPDATE SKIP LOCKED
        # (ir.cron._acquire_one_job): the row held by the manual run is skipped
        lock = SQL("SELECT id FROM ir_cron WHERE id = %s FOR NO KEY UPDATE SKIP LOCKED",
                   cron.id)
        worker_cr.execute(lock)
        self.assertEqual(worker_cr.fetchall(), [])
        manual_cr.rollback()
        worker_cr.execute(lock)
        self.assertEqual(worker_cr.fetchall(), [(cron.id,)])


class TestConcurrentIntake(ConcurrentCase):

    SENDERS = 20

    def setUp(self):
        super().setUp()

        def build(env):
            team = env["crm.team"].create({"name": "SI race team %s" % self.tag,
                                           "si_assignment_mode": "odoo"})
            channel = env["si.intake.channel"].create({
                "name": "SI race %s" % self.tag, "kind": "api",
                "code": "si-race-%s" % self.tag, "team_id": team.id,
                "entry_channel": "app_h5", "rate_limit_address": 0,
                "rate_limit_token": 0})
            return {"team": team.id, "channel": channel.id}

        def cleanup(env, ids):
            env["si.intake.submission"].search(
                [("channel_id", "=", ids["channel"])]).unlink()
            env["crm.lead"].with_context(active_test=False).search(
                [("si_intake_channel_id", "=", ids["channel"])]).unlink()
            env["si.intake.rate"].search([("channel_id", "=", ids["channel"])]).unlink()
            env["si.intake.channel"].browse(ids["channel"]).unlink()
            env["crm.team"].browse(ids["team"]).unlink()

        self.ids = self.committed(build, cleanup)

    def test_twenty_submissions_of_one_person_make_one_lead(self):
        barrier = threading.Barrier(self.SENDERS, timeout=30)
        outcomes, errors = [], []
        values = {"contact_name": "Lin Race", "email": "lin.%s@example.com" % self.tag,
                  "phone": "+86 138 0013 %04d" % (int(self.tag[:4], 16) % 10000),
                  "message": "Please call me"}

        def submit(index):
            try:
                with self.registry.cursor() as cr:
                    cr.execute(SQL("SET lock_timeout = '30s'; "
                                   "SET statement_timeout = '60s'"))
                    channel = self.env(cr)["si.intake.channel"].browse(
                        self.ids["channel"])
                    channel.read(["company_id"])
                    barrier.wait()
                    # as an HTTP request: a serialization failure runs it again
                    outcomes.append(retrying(lambda: channel._intake_submit(
                        dict(values), "race-%s-%s" % (self.tag, index)), channel.env))
                    cr.execute(SQL("RESET lock_timeout; RESET statement_timeout"))
            except Exception as error:  # noqa: BLE001 (reported below)
                errors.append(repr(error))

        threads = [threading.Thread(target=submit, args=(index,))
                   for index in range(self.SENDERS)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=90)
        self.assertFalse([thread for thread in threads if thread.is_alive()])
        self.assertEqual(errors, [])
        self.assertEqual(sorted(outcomes),
                         ["attached"] * (self.SENDERS - 1) + ["created"])
        cr = self.cursor()
        cr.execute(SQL("SELECT count(*) FROM crm_lead WHERE si_intake_channel_id = %s",
                       self.ids["channel"]))
        self.assertEqual(cr.fetchone()[0], 1)
        cr.execute(SQL("SELECT count(*), count(DISTINCT lead_id) FROM "
                       "si_intake_submission WHERE channel_id = %s",
                       self.ids["channel"]))
        self.assertEqual(cr.fetchone(), (self.SENDERS, 1))


class TestSimultaneousClaims(ConcurrentCase):
    """Two reps press "Claim" on the same pooled lead at the same moment,
    each request in its own transaction (retried by Odoo as over HTTP)."""

    def setUp(self):
        super().setUp()

        def build(env):
            group = env.ref("sales_team.group_sale_salesman")
            users = env["res.users"].with_context(no_reset_password=True).create([{
                "name": "SI claimer %s" % index,
                "login": "si_claim_%s_%s" % (index, self.tag),
                "groups_id": [Command.set(group.ids)]} for index in (1, 2)])
            pool = env["si.lead.pool"].create({"name": "SI claim %s" % self.tag,
                                               "cooldown_days": 0})
            lead = env["crm.lead"].create({"name": "SI claimed %s" % self.tag})
            lead._send_to_pool(pool, "race")
            return {"users": users.ids, "partners": users.partner_id.ids,
                    "pool": pool.id, "lead": lead.id}

        def cleanup(env, ids):
            env["crm.lead"].browse(ids["lead"]).unlink()
            env["si.lead.pool"].browse(ids["pool"]).unlink()
            env["res.users"].browse(ids["users"]).unlink()
            env["res.partner"].browse(ids["partners"]).unlink()

        self.ids = self.committed(build, cleanup)

    def test_exactly_one_rep_wins(self):
        barrier = threading.Barrier(2, timeout=30)
        won, refused, errors = [], [], []

        def claim(uid):
            try:
                with self.registry.cursor() as cr:
                    cr.execute(TIMEOUTS)
                    env = self.env(cr, uid)
                    lead = env["crm.lead"].browse(self.ids["lead"])
                    lead.read(["name"])
                    barrier.wait()
                    try:
                        retrying(lead.action_pool_claim, env)
                        won.append(uid)
                    except UserError as error:
                        refused.append(str(error))
                    cr.execute(SQL("RESET lock_timeout; RESET statement_timeout"))
            except Exception as error:  # noqa: BLE001 (reported below)
                errors.append(repr(error))

        threads = [threading.Thread(target=claim, args=(uid,))
                   for uid in self.ids["users"]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertFalse([thread for thread in threads if thread.is_alive()])
        self.assertEqual(errors, [])
        self.assertEqual(len(won), 1)
        self.assertEqual(len(refused), 1)
        self.assertIn(refused[0], (
            "Another rep is claiming one of these leads right now. Refresh the "
            "pool and try again.",
            "\"SI claimed %s\" is not in a pool any more (another rep may have "
            "claimed it). Nothing was claimed." % self.tag))
        cr = self.cursor()
        cr.execute(SQL("SELECT user_id, pool_id FROM crm_lead WHERE id = %s",
                       self.ids["lead"]))
        self.assertEqual(cr.fetchone(), (won[0], None))
        cr.execute(SQL("SELECT count(*) FROM si_lead_assignment "
                       "WHERE lead_id = %s AND kind = 'claim'", self.ids["lead"]))
        self.assertEqual(cr.fetchone()[0], 1)
