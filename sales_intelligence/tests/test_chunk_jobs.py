# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The long nightly jobs through the OCA job queue (queue_job installed in the
test database): one job per id range with identity keys, the same result as
the plain scheduled run, and the plain run when the queue is not used."""
import unittest
from unittest import mock

from odoo.tools import SQL

from ..tools import chunk_jobs
from .common import SalesIntelligenceCase

CHUNK = 500  # leads per job: the test database holds a few thousand


class TestChunkJobs(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "queue.job" not in cls.env.registry:
            raise unittest.SkipTest("queue_job is not installed in this database")
        # only this test's rules
        cls.env["si.dormant.rule"].search([]).write({"active": False})
        cls.env["si.pool.rule"].search([]).write({"active": False})
        cls.env["si.lead.pool"].search([]).write({"auto_reassign": False})
        cls.team = cls.env["crm.team"].create({"name": "Queue team"})
        cls.rule = cls.env["si.dormant.rule"].create({
            "name": "Queue: 30 days", "rule_type": "no_followup", "days": 30,
            "team_id": cls.team.id})
        cls.stale = cls._create_lead("Queue stale", days_old=40, team_id=cls.team.id)
        cls.stale2 = cls._create_lead("Queue stale 2", days_old=60, team_id=cls.team.id)
        cls.fresh = cls._create_lead("Queue fresh", days_old=5, team_id=cls.team.id)
        cls.pool = cls.env["si.lead.pool"].create({
            "name": "Queue pool", "team_id": cls.team.id, "auto_reassign": False,
            "rule_ids": [(0, 0, {"name": "Queue 30 days", "trigger": "no_followup",
                                 "days": 30, "warn_days": 5})],
        })
        cls._age(cls.stale | cls.stale2, 40, "date_open")
        cls.warned = cls._create_lead("Queue warn", days_old=27, team_id=cls.team.id)
        cls._age(cls.warned, 27, "date_open")

    # --- helpers ------------------------------------------------------------------
    def _scheduled(self, model):
        """`model` as its scheduled action runs it (a progress record)."""
        cron = self.env.ref("sales_intelligence.ir_cron_detect_dormant")
        return model.with_context(ir_cron_progress_id=cron._add_progress()[1].id)

    def _jobs(self, states=None):
        domain = [("channel", "=", chunk_jobs.CHANNEL)]
        if states:
            domain.append(("state", "in", states))
        return self.env["queue.job"].search(domain, order="id")

    def _perform_queued(self):
        """Run the queued jobs as the job runner would, one at a time, each
        releasing the jobs that wait for it. Returns their number."""
        # pylint: disable=import-outside-toplevel
        from odoo.addons.queue_job.job import Job
        count = 0
        while pending := self._jobs(["pending"]):
            for record in pending:
                job = Job.load(self.env, record.uuid)
                job.set_started()
                job.perform()
                job.set_done()
                job.store()
                self.env.flush_all()
                job.enqueue_waiting()
                count += 1
        self.env.invalidate_all()
        return count

    def _state(self):
        """What the jobs write: every lead's dormancy, owner and pool,
        and the to-dos of the product's follow-up type."""
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            SELECT l.id, l.is_dormant, l.dormant_rule_id, l.dormant_since,
                   l.user_id, l.pool_id, l.pool_warning_date,
                   (SELECT count(*) FROM mail_activity a
                     WHERE a.res_model = 'crm.lead' AND a.res_id = l.id
                       AND a.activity_type_id = %s)
              FROM crm_lead l ORDER BY l.id
        """, self.env.ref("sales_intelligence.mail_activity_type_followup").id))
        return self.env.cr.fetchall()

    def _anomalies(self):
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            SELECT anomaly_type, user_id, lead_id, state, days, date_closed
              FROM si_anomaly ORDER BY anomaly_type, user_id, lead_id, id
        """))
        return self.env.cr.fetchall()

    def _plain_then_queued(self, run, state=None):
        """The state after `run(env)` by the plain scheduled run and by the
        queued jobs, each from the same start."""
        state = state or self._state
        self.env.flush_all()
        self.env.cr.execute(SQL("SAVEPOINT si_plain"))
        run(self._scheduled(self.env["base"]).with_context(si_no_queue=True).env)
        plain = state()
        self.env.cr.execute(SQL("ROLLBACK TO SAVEPOINT si_plain"))
        self.env.invalidate_all()
        self.assertFalse(self._jobs())
        run(self._scheduled(self.env["base"]).env)
        self.assertTrue(self._jobs(["pending"]))
        self._perform_queued()
        self.assertFalse(self._jobs(chunk_jobs.UNFINISHED))
        return plain, state()

    def _ranges(self):
        return chunk_jobs.chunk_ranges(self.env.cr, "crm_lead", CHUNK)

    # --- enqueuing ----------------------------------------------------------------
    def test_scheduled_run_enqueues_one_job_per_range(self):
        # pylint: disable=import-outside-toplevel
        from odoo.addons.queue_job.tests.common import trap_jobs
        Rule = self._scheduled(self.env["si.dormant.rule"])
        ranges = self._ranges()
        self.assertGreater(len(ranges), 2)
        self.assertEqual(ranges[0][0], 0)
        self.assertEqual(ranges[-1][1], chunk_jobs.MAX_ID)
        with trap_jobs() as trap:
            # one per range and the end of the run
            self.assertEqual(Rule._cron_detect_dormant(chunk_size=CHUNK),
                             len(ranges) + 1)
            trap.assert_jobs_count(len(ranges), only=Rule._job_detect_dormant_chunk)
            trap.assert_jobs_count(1, only=Rule._job_dormant_checkpoint)
            key = chunk_jobs.run_key(Rule, "dormant")
            low, high = ranges[1]
            trap.assert_enqueued_job(
                Rule._job_detect_dormant_chunk, args=(low, high), properties={
                    "channel": "root.sales_intelligence",
                    "identity_key": "%s%s-%s" % (key, low, high),
                    "description": "Dormant lead detection (2/%s)" % len(ranges),
                })
            # nothing ran yet
            self.assertFalse(self.stale.is_dormant)
            trap.perform_enqueued_jobs()
        self.assertTrue(self.stale.is_dormant)
        self.assertFalse(self.fresh.is_dormant)

    def test_recycling_ends_with_the_reassignment(self):
        Pool = self._scheduled(self.env["si.lead.pool"])
        count = Pool._cron_recycle_leads(chunk_size=CHUNK)
        self.assertEqual(count, len(self._ranges()) + 1)
        final = self._jobs().filtered(lambda j: j.method_name == "_job_reassign_stale")
        self.assertEqual(final.state, "wait_dependencies")
        self.assertTrue(final.identity_key.endswith(":final"))
        self.assertEqual(self._perform_queued(), count)
        self.assertEqual(final.state, "done")
        self.assertEqual(final.result, "0 re-assigned")
        self.assertEqual(self.stale.pool_id, self.pool)

    def test_second_run_enqueues_nothing(self):
        Rule = self._scheduled(self.env["si.dormant.rule"])
        first = Rule._cron_detect_dormant(chunk_size=CHUNK)
        self.assertEqual(first, len(self._ranges()) + 1)
        jobs = self._jobs()
        self.assertEqual(len(jobs), first)
        self.assertEqual(len(set(jobs.mapped("identity_key"))), len(jobs))
        # a second scheduled run, or a manual one, while they are queued
        self.assertEqual(Rule._cron_detect_dormant(chunk_size=CHUNK), 0)
        # ... or half done (one range; the queue creates the jobs of a
        # graph in no fixed order)
        jobs.filtered(lambda j: j.method_name == "_job_detect_dormant_chunk")[0].write(
            {"state": "done"})
        self.assertEqual(Rule._cron_detect_dormant(chunk_size=CHUNK), 0)
        self.assertEqual(self._jobs(), jobs)
        # once they all ran, the run is complete: the next one looks at the
        # leads changed since, in place; they include the leads of the job
        # marked done without running (still queued)
        self._perform_queued()
        self.assertEqual(self._jobs().filtered(
            lambda j: j.method_name == "_job_dormant_checkpoint").state, "done")
        self.assertIsInstance(Rule._cron_detect_dormant(chunk_size=CHUNK), tuple)
        self.assertEqual(len(self._jobs()), len(jobs))
        self.assertTrue(self.stale.is_dormant and self.stale2.is_dormant)
        self.assertFalse(self.fresh.is_dormant)
        self.assertEqual(Rule._cron_detect_dormant(chunk_size=CHUNK), (0, 0))
        # a run over every lead again enqueues again (re-running is harmless)
        Rule._forget_dormant_checkpoint()
        self.assertEqual(Rule._cron_detect_dormant(chunk_size=CHUNK), first)

    # --- same result as the plain run ---------------------------------------------
    def test_dormant_jobs_give_the_plain_result(self):
        plain, queued = self._plain_then_queued(
            lambda env: env["si.dormant.rule"]._cron_detect_dormant(
                batch_size=700, chunk_size=CHUNK))
        self.assertEqual(queued, plain)
        self.assertTrue(self.stale.is_dormant and self.stale2.is_dormant)
        self.assertEqual(self.stale.dormant_rule_id, self.rule)
        self.assertFalse(self.fresh.is_dormant)
        self.assertEqual(len(self.stale.activity_ids), 1)

    def test_recycling_jobs_give_the_plain_result(self):
        plain, queued = self._plain_then_queued(
            lambda env: env["si.lead.pool"]._cron_recycle_leads(
                batch_size=2, chunk_size=CHUNK))
        self.assertEqual(queued, plain)
        self.assertEqual((self.stale | self.stale2).pool_id, self.pool)
        self.assertFalse((self.stale | self.stale2).user_id)
        self.assertFalse(self.fresh.pool_id)
        self.assertTrue(self.warned.pool_warning_date)
        self.assertEqual(len(self.stale.assignment_ids), 1)

    def test_anomaly_jobs_give_the_plain_result(self):
        # a rep idle for 40 days, beside the demo data's anomalies
        self._age(self.env["si.lead.followup"].search([("user_id", "=", self.rep.id)]),
                  40, "date")
        plain, queued = self._plain_then_queued(
            lambda env: env["si.anomaly"]._cron_scan_anomalies(), self._anomalies)
        self.assertEqual(queued, plain)
        self.assertTrue(plain)

    def test_anomaly_scan_one_job_per_company_and_type(self):
        Anomaly = self._scheduled(self.env["si.anomaly"])
        count = Anomaly._cron_scan_anomalies()
        companies = self.env["res.company"].search([])
        types = Anomaly._fields["anomaly_type"].get_values(self.env)
        self.assertEqual(count, len(companies) * len(types))
        key = chunk_jobs.run_key(Anomaly, "anomalies")
        self.assertIn("%s%s-rep_idle" % (key, companies[0].id),
                      self._jobs().mapped("identity_key"))

    # --- without the queue --------------------------------------------------------
    def test_without_queue_the_scheduled_run_works_in_place(self):
        Rule = self._scheduled(self.env["si.dormant.rule"]).with_context(
            si_no_queue=True)
        # two leads marked (the demo leads the disabled rules marked wake up)
        self.assertEqual(Rule._cron_detect_dormant()[0], 2)
        self.assertFalse(self._jobs())
        self.assertTrue(self.stale.is_dormant)
        # a call from code (script, shell) runs in place too
        self.assertEqual(self.env["si.lead.pool"]._cron_recycle_leads(), 2)
        self.assertFalse(self._jobs())

    def test_queue_not_installed(self):
        # simulated: the registry without the job queue's model
        registry = self.env.registry
        models = dict(registry.models)
        del models["queue.job"]
        with mock.patch.object(type(registry), "__contains__",
                               lambda _, name: name in models):
            Rule = self._scheduled(self.env["si.dormant.rule"])
            self.assertFalse(chunk_jobs.use_queue(Rule.env))
            self.assertEqual(Rule._cron_detect_dormant()[0], 2)
        self.assertFalse(self._jobs())
