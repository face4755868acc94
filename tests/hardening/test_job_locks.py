"""Scheduled jobs against a user's open transaction, each in its own
database cursor: a lead or contract a user is editing is skipped by a job
(no waiting, no serialization error) and handled by the next run. What the
jobs do is rolled back."""
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, fields
from odoo.tools import SQL

from cursors_common import LOCAL_TIMEOUTS, ConcurrentCase

RENEWAL_LOGGER = "odoo.addons.sales_intelligence.models.contract_contract_renewal"


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
                "UPDATE crm_lead SET create_date = %s, date_open = %s "
                "WHERE id = ANY(%s)",
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
        marked = Contract._mark_renewal_notices_due()
        # what this run wrote (other contracts of the database may be due
        # today too): the free contract, not the locked one
        job_cr.execute("SELECT id FROM contract_contract WHERE renewal_state = "
                       "'upcoming' AND write_date = now() at time zone 'UTC'")
        written = {row[0] for row in job_cr.fetchall()}
        self.assertEqual(marked, len(written))
        self.assertIn(free, written)
        self.assertNotIn(locked, written)
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


class TestDemandStoreAgainstOpenEdits(ConcurrentCase):
    """The demand analysis's store job against a user's open transaction that
    changes an order line already queued: the job leaves the queue alone
    until the user is done (else it would store the line's rows as shown
    while the user's change queues them again: counted twice)."""

    def _line(self, cr):
        cr.execute(SQL("""
            SELECT l.id, l.product_uom_qty FROM sale_order_line l
              JOIN sale_order o ON o.id = l.order_id
             WHERE o.state = 'sale' AND l.display_type IS NULL ORDER BY l.id LIMIT 1
        """))
        return cr.fetchone()

    def _shown(self, cr):
        """The line's quantity the analysis shows, and the one computed live."""
        Demand = self.env(cr)["si.demand.analysis"]
        shown = Demand.search_read([("sale_line_id", "=", self.line_id)],
                                   ["product_qty"])
        cr.execute(SQL("SELECT product_qty FROM (%s) r", Demand._live_sql(
            {"sale": SQL("sol.id = %s", self.line_id)})))
        return [row["product_qty"] for row in shown], [row[0] for row in cr.fetchall()]

    def test_store_job_leaves_an_uncommitted_change_for_later(self):
        job_cr = self.cursor()
        Demand = self.env(job_cr)["si.demand.analysis"]
        Demand._refresh_store()
        self.line_id, qty = self._line(job_cr)
        # a change committed (queued, its stored rows no longer shown), then
        # another one a user is still making
        line = self.env(job_cr)["sale.order.line"].browse(self.line_id)
        line.product_uom_qty = qty + 1
        job_cr.commit()
        self.addCleanup(self._restore, job_cr, qty)
        user_cr = self.lock_as_user("sale.order.line", self.line_id,
                                    {"product_uom_qty": qty + 5})
        with patch("odoo.addons.sales_intelligence_reports.report."
                   "si_demand_analysis_store.LOCK_ATTEMPTS", 1):
            self.assertEqual(Demand._refresh_store(), (0, 0), "busy: left for later")
        # the user's transaction still sees its own change, the job the one
        # committed
        self.assertEqual(self._shown(user_cr), ([qty + 5], [qty + 5]))
        self.assertEqual(self._shown(job_cr), ([qty + 1], [qty + 1]))
        user_cr.commit()
        job_cr.rollback()
        self.assertEqual(self._shown(job_cr), ([qty + 5], [qty + 5]))
        self.assertEqual(Demand._refresh_store(), (0, 1))
        self.assertEqual(self._shown(job_cr), ([qty + 5], [qty + 5]))
        self.assertEqual(Demand._refresh_store(), (0, 0))

    def _restore(self, job_cr, qty):
        job_cr.rollback()
        with self.registry.cursor() as cr:
            cr.execute(LOCAL_TIMEOUTS)
            env = self.env(cr)
            env["sale.order.line"].browse(self.line_id).product_uom_qty = qty
            env.flush_all()
            env["si.demand.analysis"]._refresh_store()
