"""Scheduled jobs under faults: a record that raises in the middle of a batch
is logged with its reason and skipped while the others are processed; a job
killed after its first committed batch resumes on its next run without
duplicates or loss; the e-mails of a batch that failed disappear with it and
the next run queues each one exactly once.

A commit cannot happen inside a test: `crash_after_first_batch` stands for
it. The first end of batch takes a savepoint (what was committed), the
second raises (the job is killed); the test then rolls back to that
savepoint, as PostgreSQL would roll back the transaction of the killed
worker, and runs the job again."""
from contextlib import contextmanager
from unittest.mock import patch

from odoo import Command, fields
from odoo.tools import SQL

from odoo.addons.sales_intelligence.tests.test_contracts import ContractCase
from odoo.addons.sales_intelligence.tests.test_targets import TargetCase

RENEWAL_LOGGER = "odoo.addons.sales_intelligence.models.contract_contract_renewal"
PLAN_LOGGER = "odoo.addons.sales_intelligence.models.si_daily_plan"


class Killed(Exception):
    """The worker running the job died."""


@contextmanager
def crash_after_first_batch(case, model_class, method):
    """Patch the end of batch `method` of `model_class`: the first call
    "commits" (a savepoint), the second kills the job. On leaving, the
    transaction is back at the "commit", as after a real crash."""
    calls = []

    def end_of_batch(records, *args, **kwargs):
        calls.append(args or kwargs)
        if len(calls) > 1:
            raise Killed()
        records.env.flush_all()
        records.env.cr.execute(SQL("SAVEPOINT si_committed_batch"))

    # not case.assertRaises: Odoo's rolls back a savepoint of its own
    killed = False
    with patch.object(model_class, method, end_of_batch):
        try:
            yield calls
        except Killed:
            killed = True
    case.assertTrue(killed, "the job was not killed")
    case.env.cr.execute(SQL("ROLLBACK TO SAVEPOINT si_committed_batch"))
    case.env.clear()


class TestRenewalFaults(ContractCase):

    def setUp(self):
        super().setUp()
        # the demo contracts' renewals are made first: the runs below see
        # only this test's contracts
        self.env["contract.contract"]._cron_scan_renewals()
        self.contracts = (self._contract("Fault A", end=20)
                          | self._contract("Fault B", end=21)
                          | self._contract("Fault C", end=22))

    def _renewal_leads(self):
        return self.env["crm.lead"].with_context(active_test=False).search(
            [("renewal_contract_id", "in", self.contracts.ids)])

    def test_failing_contract_is_logged_skipped_and_retried(self):
        broken = self.contracts[1]
        Contract = type(self.env["contract.contract"])
        original = Contract._prepare_renewal_lead

        def prepare(contract, *args):
            if contract == broken:
                raise ValueError("owner calendar missing")
            return original(contract, *args)

        with patch.object(Contract, "_prepare_renewal_lead", prepare), \
                self.assertLogs(RENEWAL_LOGGER, "WARNING") as logs:
            created = self.env["contract.contract"]._cron_scan_renewals(batch_size=2)
        self.assertEqual(created, 2)
        self.assertEqual(logs.output, [
            "WARNING:%s:Renewal opportunity of contract %s not created: "
            "owner calendar missing" % (RENEWAL_LOGGER, broken.id)])
        self.assertEqual(self._renewal_leads().renewal_contract_id,
                         self.contracts - broken)
        self.assertFalse(broken.renewal_lead_id)
        self.assertEqual(broken.renewal_state, "upcoming")
        # fixed: the next run makes the missing one only
        self.assertEqual(self.env["contract.contract"]._cron_scan_renewals(), 1)
        leads = self._renewal_leads()
        self.assertEqual(len(leads), 3)
        self.assertEqual(leads.renewal_contract_id, self.contracts)

    def test_failing_bulk_create_is_made_one_by_one(self):
        # a stale opportunity holds the term of B: the one create of the
        # batch fails; made again one by one, only B is logged and skipped
        broken = self.contracts[1]
        stale = self.env["crm.lead"].create({
            "name": "Stale renewal", "type": "opportunity",
            "renewal_contract_id": broken.id,
            "renewal_date_end": broken.date_end})
        with self.assertLogs(RENEWAL_LOGGER, "WARNING") as logs:
            created = self.env["contract.contract"]._cron_scan_renewals()
        self.assertEqual(created, 2)
        self.assertEqual(len(logs.output), 1)
        self.assertIn("Renewal opportunity of contract %s not created: "
                      % broken.id, logs.output[0])
        self.assertIn("crm_lead_renewal_term_uniq", logs.output[0])
        self.assertEqual(self._renewal_leads() - stale,
                         (self.contracts - broken).renewal_lead_id)
        self.assertFalse(broken.renewal_lead_id)
        todos = self.env["mail.activity"].search([
            ("res_model", "=", "crm.lead"),
            ("res_id", "in", self._renewal_leads().ids)])
        self.assertEqual(sorted(todos.mapped("res_id")),
                         sorted((self.contracts - broken).renewal_lead_id.ids))

    def test_killed_after_first_batch_resumes_without_duplicates(self):
        Contract = type(self.env["contract.contract"])
        with crash_after_first_batch(self, Contract, "_si_batch_done") as calls:
            self.env["contract.contract"]._cron_scan_renewals(batch_size=1)
        self.assertEqual(len(calls), 2)
        # the first batch stays, the second died with the worker
        self.assertEqual(self._renewal_leads().renewal_contract_id,
                         self.contracts[0])
        self.assertEqual(self.env["contract.contract"]._cron_scan_renewals(
            batch_size=1), 2)
        leads = self._renewal_leads()
        self.assertEqual(len(leads), 3)
        self.assertEqual(leads.renewal_contract_id, self.contracts)
        # one to-do per opportunity, none of the dead batch left over
        todos = self.env["mail.activity"].search([
            ("res_model", "=", "crm.lead"), ("res_id", "in", leads.ids)])
        self.assertEqual(sorted(todos.mapped("res_id")), sorted(leads.ids))


class TestFulfilmentMailFaults(ContractCase):

    def setUp(self):
        super().setUp()
        # the demo contracts' reports of this period are sent first
        self.env["contract.contract"]._cron_send_fulfilment_reports()
        self.customer2.email = "ops@other.example.com"
        self.contracts = (
            self._contract("Mail A", fulfilment_report_frequency="monthly")
            | self._contract("Mail B", partner=self.customer2,
                             fulfilment_report_frequency="monthly"))

    def _queued(self):
        """The report e-mails waiting in the outgoing queue, by contract."""
        mails = self.env["mail.mail"].sudo().search([
            ("model", "=", "contract.contract"),
            ("res_id", "in", self.contracts.ids)])
        return sorted(mails.mapped("res_id"))

    def test_mail_of_a_killed_batch_is_not_sent_twice(self):
        # e-mails are queued (sent by Odoo's mail queue after the commit)
        Contract = type(self.env["contract.contract"])
        job = self.env["contract.contract"].with_context(
            mail_notify_force_send=False)
        with crash_after_first_batch(self, Contract, "_si_batch_done"):
            job._cron_send_fulfilment_reports(batch_size=1)
        # the e-mail of the second contract vanished with its transaction
        self.assertEqual(self._queued(), self.contracts[:1].ids)
        self.assertEqual(job._cron_send_fulfilment_reports(batch_size=1), 1)
        self.assertEqual(self._queued(), self.contracts.ids)
        self.assertEqual(job._cron_send_fulfilment_reports(batch_size=1), 0)
        self.assertEqual(self._queued(), self.contracts.ids)
        self.assertEqual(self.contracts.mapped("fulfilment_report_error"),
                         [False, False])


class TestDailyPlanFaults(TargetCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        cls.today = today
        cls.plan = cls._confirmed_plan_of_year(today.year)

    def _plans(self):
        return self.env["si.daily.plan"].search([
            ("date", "=", self.today), ("user_id", "in", (self.rep | self.rep2).ids)])

    def _reminders(self):
        return self.env["mail.activity"].search([
            ("res_model", "=", "si.daily.plan"), ("res_id", "in", self._plans().ids),
            ("summary", "=", "Daily plan")])

    def test_failing_rep_is_logged_skipped_and_planned_next_run(self):
        Plan = type(self.env["si.daily.plan"])
        original = Plan._remind_reps

        def remind(plans):
            if self.rep2 in plans.user_id:
                raise ValueError("no e-mail address")
            return original(plans)

        with patch.object(Plan, "_remind_reps", remind), \
                self.assertLogs(PLAN_LOGGER, "WARNING") as logs:
            created = self.env["si.daily.plan"]._cron_generate_daily_plans()
        self.assertIn(self.rep, created.user_id)
        self.assertNotIn(self.rep2, created.user_id)
        self.assertEqual(logs.output, [
            "WARNING:%s:Daily plan of user %s not made: no e-mail address"
            % (PLAN_LOGGER, self.rep2.id)])
        # the failed rep's plan went with its reminder: nothing half-made
        self.assertEqual(self._plans().user_id, self.rep)
        self.assertEqual(len(self._reminders()), 1)
        # the next run plans the rep left over, once
        created = self.env["si.daily.plan"]._cron_generate_daily_plans()
        self.assertEqual(created.user_id, self.rep2)
        self.assertEqual(len(self._plans()), 2)
        self.assertEqual(len(self._reminders()), 2)


class TestInvoiceLeadFaults(ContractCase):

    def test_failing_customer_is_logged_skipped_and_retried(self):
        self.env.company.si_invoice_lead_days = 30
        Invoice = self.env["account.move"]
        # the demo customers' leads are made first
        Invoice._cron_create_invoice_leads(batch_size=100000)
        account = self.env["account.account"].search([
            ("account_type", "=", "income"),
            ("company_ids", "in", self.env.company.id)], limit=1)
        customers = self.env["res.partner"].create([
            {"name": "Invoiced %s" % name, "is_company": True}
            for name in ("Fine", "Broken")])
        invoices = Invoice.create([{
            "partner_id": customer.id, "move_type": "out_invoice",
            "invoice_date": fields.Date.context_today(self.env.user),
            "invoice_line_ids": [Command.create({
                "name": "Service", "quantity": 1, "price_unit": 500.0,
                "account_id": account.id, "tax_ids": [Command.clear()]})],
        } for customer in customers])
        invoices.action_post()
        broken = customers[1]
        original = type(Invoice)._prepare_lead_values

        def prepare(moves, partner):
            if partner == broken:
                raise ValueError("country missing")
            return original(moves, partner)

        logger = "odoo.addons.sales_intelligence.models.account_move"
        with patch.object(type(Invoice), "_prepare_lead_values", prepare), \
                self.assertLogs(logger, "WARNING") as logs:
            Invoice._cron_create_invoice_leads()
        self.assertEqual(logs.output, [
            "WARNING:%s:Lead from the invoices of customer %s not made: "
            "country missing" % (logger, broken.id)])
        self.assertEqual(invoices.lead_ids.partner_id, customers[0])
        Invoice._cron_create_invoice_leads()
        self.assertEqual(invoices.lead_ids.partner_id, customers)
        self.assertEqual(len(invoices.lead_ids), 2)


class TestBundleMiningFaults(ContractCase):

    def test_failing_company_is_logged_skipped_and_retried(self):
        Bundle = self.env["si.bundle"]
        today = fields.Date.context_today(self.env.user)
        other = self.env["res.company"].create({"name": "SI Mining Branch"})
        companies = self.env.company | other
        companies.write({"si_bundle_mined_date": False})
        original = type(Bundle)._mine_bundles

        def mine(bundles, company, date_to=None):
            if company == other:
                raise ValueError("order lines locked")
            return original(bundles, company, date_to)

        logger = "odoo.addons.sales_intelligence_kb.models.si_bundle"
        with patch.object(type(Bundle), "_mine_bundles", mine), \
                self.assertLogs(logger, "WARNING") as logs:
            Bundle._cron_mine_bundles(batch_size=100)
        self.assertEqual(logs.output, [
            "WARNING:%s:Combinations of company %s not mined: order lines locked"
            % (logger, other.id)])
        self.assertEqual(self.env.company.si_bundle_mined_date, today)
        self.assertFalse(other.si_bundle_mined_date)
        self.assertEqual(Bundle._cron_mine_bundles(batch_size=100), 1)
        self.assertEqual(companies.mapped("si_bundle_mined_date"), [today, today])
