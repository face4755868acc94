"""Scheduled jobs, manual runs and the intake against other transactions,
each in its own database cursor: a lead or contract a user is editing is
skipped by a job (no waiting, no serialization error) and handled by the
next run; a job started by hand while the scheduler runs it does nothing;
20 concurrent submissions of one person make one lead.

The data the other transactions must see are committed and removed at the
end; what the jobs do is rolled back. Every cursor has a lock and statement
timeout, so a job that waits on a lock fails the test instead of hanging."""
import threading
import unittest
import uuid
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tools import SQL, config, mute_logger

TIMEOUTS = SQL("SET lock_timeout = '3s'; SET statement_timeout = '60s'")
LOCAL_TIMEOUTS = SQL("SET LOCAL lock_timeout = '10s'; "
                     "SET LOCAL statement_timeout = '60s'")
RENEWAL_LOGGER = "odoo.addons.sales_intelligence.models.contract_contract_renewal"


class ConcurrentCase(unittest.TestCase):

    def setUp(self):
        super().setUp()
        self.registry = Registry(config["db_name"])
        self.tag = uuid.uuid4().hex[:8]

    def cursor(self):
        """A cursor of its own (another worker), closed at the end."""
        cr = self.registry.cursor()
        cr.execute(TIMEOUTS)

        def close():
            if not cr.closed:
                cr.rollback()
                cr.execute(SQL("RESET lock_timeout; RESET statement_timeout"))
                cr.close()
        self.addCleanup(close)
        return cr

    def env(self, cr, uid=SUPERUSER_ID):
        return api.Environment(cr, uid, {"tracking_disable": True,
                                         "mail_create_nolog": True,
                                         "mail_notify_force_send": False,
                                         "lang": "en_US"})

    def committed(self, build, cleanup):
        """Run `build(env)` in a committed transaction; `cleanup(env, result)`
        in another one at the end of the test."""
        with self.registry.cursor() as cr:
            cr.execute(LOCAL_TIMEOUTS)
            result = build(self.env(cr))

        def remove():
            with self.registry.cursor() as cr:
                cr.execute(LOCAL_TIMEOUTS)
                cleanup(self.env(cr), result)
        self.addCleanup(remove)
        return result

    def lock_as_user(self, model, record_id, values):
        """A user's open transaction with a pending write on the record."""
        cr = self.cursor()
        self.env(cr)[model].browse(record_id).write(values)
        self.env(cr).flush_all()
        return cr


class TestLeadJobsSkipLockedLeads(ConcurrentCase):
    """Two owned leads in a pool's team; a user edits the first one while
    the jobs run."""

    def setUp(self):
        super().setUp()

        def build(env):
            user = env["res.users"].with_context(no_reset_password=True).create({
                "name": "SI lock rep %s" % self.tag,
                "login": "si_lock_%s" % self.tag,
                "groups_id": [Command.set(
                    [env.ref("sales_team.group_sale_salesman").id])]})
            team = env["crm.team"].create({"name": "SI lock team %s" % self.tag})
            pool = env["si.lead.pool"].create({
                "name": "SI lock pool %s" % self.tag, "team_id": team.id,
                "rule_ids": [Command.create({"name": "30 days",
                                             "trigger": "no_followup",
                                             "days": 30, "warn_days": 0})]})
            leads = env["crm.lead"].create([{
                "name": "SI locked %s %s" % (index, self.tag), "type": "opportunity",
                "user_id": user.id, "team_id": team.id} for index in range(2)])
            env.flush_all()
            env.cr.execute(SQL(
                "UPDATE crm_lead SET create_date = %s, date_open = %s, "
                "days_since_followup = 0 WHERE id = ANY(%s)",
                fields.Datetime.now() - timedelta(days=40),
                fields.Datetime.now() - timedelta(days=40), leads.ids))
            return {"user": user.id, "partner": user.partner_id.id, "team": team.id,
                    "pool": pool.id, "leads": leads.ids}

        def cleanup(env, ids):
            env["crm.lead"].with_context(active_test=False).browse(
                ids["leads"]).unlink()
            env["si.lead.pool"].browse(ids["pool"]).unlink()
            env["crm.team"].browse(ids["team"]).unlink()
            env["res.users"].browse(ids["user"]).unlink()
            env["res.partner"].browse(ids["partner"]).unlink()

        self.ids = self.committed(build, cleanup)
        self.locked, self.free = self.ids["leads"]

    def _owners(self, cr):
        self.env(cr).flush_all()
        cr.execute(SQL("SELECT id, user_id, pool_id FROM crm_lead WHERE id = ANY(%s) "
                       "ORDER BY id", self.ids["leads"]))
        return {row[0]: row[1:] for row in cr.fetchall()}

    def test_recycling_skips_the_lead_being_edited(self):
        user_cr = self.lock_as_user("crm.lead", self.locked, {"priority": "2"})
        job_cr = self.cursor()
        rules = self.env(job_cr)["si.lead.pool"].browse(self.ids["pool"]).rule_ids
        self.assertEqual(rules._run(batch_size=10), (0, 1))
        pool, user = self.ids["pool"], self.ids["user"]
        self.assertEqual(self._owners(job_cr), {self.locked: (user, None),
                                                self.free: (None, pool)})
        # the user is done; the next run recycles the lead it skipped
        user_cr.rollback()
        self.assertEqual(rules._run(batch_size=10), (0, 1))
        self.assertEqual(self._owners(job_cr), {self.locked: (None, pool),
                                                self.free: (None, pool)})

    def test_assignment_skips_the_lead_being_edited(self):
        setup_cr = self.cursor()
        self.env(setup_cr)["crm.lead"].browse(self.ids["leads"]).write(
            {"user_id": False})
        setup_cr.commit()
        user_cr = self.lock_as_user("crm.lead", self.locked, {"priority": "2"})
        job_cr = self.cursor()
        handed = []
        Rep = type(self.env(job_cr)["si.rep"])

        def assign(_rep, leads, _kind, _reason):
            handed.append(leads.ids)
            return len(leads)

        domain = [("id", "in", self.ids["leads"]), ("user_id", "=", False)]
        with patch.object(Rep, "_auto_assign", assign):
            self.assertEqual(self.env(job_cr)["si.rep"]._auto_assign_batches(
                domain, "auto", "test", batch_size=10), 1)
            user_cr.rollback()
            self.assertEqual(self.env(job_cr)["si.rep"]._auto_assign_batches(
                domain, "auto", "test", batch_size=10), 2)
        self.assertEqual(handed, [[self.free], [self.locked, self.free]])

    def test_followup_ageing_skips_the_lead_being_edited(self):
        user_cr = self.lock_as_user("crm.lead", self.locked, {"priority": "2"})
        job_cr = self.cursor()
        Lead = self.env(job_cr)["crm.lead"]
        Lead._cron_refresh_days_since_followup()

        def days():
            job_cr.execute(SQL("SELECT days_since_followup FROM crm_lead "
                               "WHERE id = ANY(%s) ORDER BY id", self.ids["leads"]))
            return [row[0] for row in job_cr.fetchall()]
        self.assertEqual(days(), [0, 40])
        user_cr.rollback()
        Lead._cron_refresh_days_since_followup()
        self.assertEqual(days(), [40, 40])

    def test_dormant_detection_skips_the_lead_being_edited(self):
        job_cr = self.cursor()
        env = self.env(job_cr)
        # only this test's rule: a lead without follow-up for 30 days
        env["si.dormant.rule"].search([]).write({"active": False})
        env["si.dormant.rule"].create({
            "name": "SI lock 30 days", "rule_type": "no_followup", "days": 30,
            "team_id": self.ids["team"]})
        env.flush_all()
        user_cr = self.lock_as_user("crm.lead", self.locked, {"priority": "2"})

        def dormant():
            job_cr.execute(SQL("SELECT is_dormant FROM crm_lead WHERE id = ANY(%s) "
                               "ORDER BY id", self.ids["leads"]))
            return [bool(row[0]) for row in job_cr.fetchall()]
        env["si.dormant.rule"]._cron_detect_dormant()
        self.assertEqual(dormant(), [False, True])
        user_cr.rollback()
        env["si.dormant.rule"]._cron_detect_dormant()
        self.assertEqual(dormant(), [True, True])


class TestRenewalSkipsLockedContract(ConcurrentCase):

    def setUp(self):
        super().setUp()

        def build(env):
            today = fields.Date.context_today(env.user)
            partner = env["res.partner"].create({
                "name": "SI lock customer %s" % self.tag, "is_company": True,
                "email": "lock.%s@example.com" % self.tag})
            contracts = env["contract.contract"].create([{
                "name": "SI lock contract %s %s" % (index, self.tag),
                "partner_id": partner.id, "contract_type": "sale",
                "user_id": SUPERUSER_ID, "date_start": today - timedelta(days=300),
                "fulfilment_report_frequency": "monthly",
                "line_recurrence": True,
                "contract_line_ids": [Command.create({
                    "name": "Support", "quantity": 1, "price_unit": 100.0,
                    "recurring_rule_type": "monthly", "recurring_interval": 1,
                    "date_start": today - timedelta(days=300),
                    "date_end": today + timedelta(days=20)})],
            } for index in range(2)])
            return {"partner": partner.id, "contracts": contracts.ids}

        def cleanup(env, ids):
            contracts = env["contract.contract"].browse(ids["contracts"])
            leads = env["crm.lead"].with_context(active_test=False).search(
                [("renewal_contract_id", "in", contracts.ids)])
            contracts.write({"renewal_lead_id": False})
            leads.unlink()
            contracts.unlink()
            env["res.partner"].browse(ids["partner"]).unlink()

        self.ids = self.committed(build, cleanup)

    def test_renewal_skips_the_contract_being_edited(self):
        locked, free = self.ids["contracts"]
        # the renewal notice: the contract being edited is marked next run
        user_cr = self.lock_as_user("contract.contract", locked, {"note": "edited"})
        job_cr = self.cursor()
        Contract = self.env(job_cr)["contract.contract"]
        self.assertEqual(Contract._mark_renewal_notices_due(), 1)
        job_cr.execute(SQL("SELECT id FROM contract_contract WHERE id = ANY(%s) "
                           "AND renewal_state = 'upcoming'", self.ids["contracts"]))
        self.assertEqual(job_cr.fetchall(), [(free,)])
        user_cr.rollback()
        self.assertEqual(Contract._mark_renewal_notices_due(), 1)
        job_cr.rollback()
        # the opportunity: skipped (and logged) while the contract is edited
        user_cr = self.lock_as_user("contract.contract", locked, {"note": "again"})
        with self.assertLogs(RENEWAL_LOGGER, "WARNING") as logs:
            leads = Contract.browse(self.ids["contracts"])._create_renewal_leads()
        self.assertEqual(leads.renewal_contract_id.ids, [free])
        self.assertIn("Renewal opportunity of contract %s not created: could "
                      "not obtain lock" % locked, logs.output[0])
        user_cr.rollback()
        leads = Contract.browse(self.ids["contracts"])._create_renewal_leads()
        self.assertEqual(leads.renewal_contract_id.ids, [locked])
        job_cr.execute(SQL("SELECT count(*) FROM crm_lead WHERE renewal_contract_id "
                           "= ANY(%s)", self.ids["contracts"]))
        self.assertEqual(job_cr.fetchone()[0], 2)

    def test_fulfilment_report_waits_for_the_contract_being_edited(self):
        locked, free = self.ids["contracts"]
        user_cr = self.lock_as_user("contract.contract", locked, {"note": "edited"})
        job_cr = self.cursor()
        Contract = self.env(job_cr)["contract.contract"]
        sent = []

        def send(contract):
            # the report itself (PDF, e-mail) is tested elsewhere
            sent.append(contract.id)
            contract.write({"fulfilment_report_period": fields.Date.today()})

        with patch.object(type(Contract), "_send_fulfilment_report", send):
            self.assertEqual([Contract.browse(cid)._try_send_fulfilment_report()
                              for cid in (locked, free)], [0, 1])
            # postponed, not failed: no error kept on the contract
            self.assertFalse(Contract.browse(locked).fulfilment_report_error)
            self.assertFalse(Contract.browse(locked).fulfilment_report_attempt)
            user_cr.rollback()
            self.assertEqual(Contract.browse(locked)._try_send_fulfilment_report(), 1)
        self.assertEqual(sent, [free, locked])


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
