# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo import Command, fields
from odoo.tools import SQL

from odoo.addons.sales_intelligence.tests.common import SalesIntelligenceCase

KPIS = ["plan_completion", "conversion", "dormant", "anomaly", "renewal_due",
        "pool_recycled", "pool_claimed"]


def _day(offset):
    return date.today() + timedelta(days=offset)


class TestDigest(SalesIntelligenceCase):
    """Two teams, each with a manager (leader of A, member of B), a rep of
    team A, and a small known dataset per team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.manager_b = cls._create_user("si_digest_manager_b",
                                         ["sales_team.group_sale_manager"])
        cls.lonely_manager = cls._create_user("si_digest_manager_c",
                                              ["sales_team.group_sale_manager"])
        cls.team_a = env["crm.team"].create({
            "name": "Digest A", "user_id": cls.manager.id,
            "renewal_notice_days": 60})
        cls.team_b = env["crm.team"].create({
            "name": "Digest B", "renewal_notice_days": 60})
        env["crm.team.member"].create([
            {"crm_team_id": cls.team_a.id, "user_id": cls.rep.id},
            {"crm_team_id": cls.team_b.id, "user_id": cls.manager_b.id},
        ])
        won_stage = env["crm.stage"].search([("is_won", "=", True)], limit=1)

        def lead(name, team, user, won=False, dormant=False):
            record = cls._create_lead(name, user=user, team_id=team.id,
                                      expected_revenue=1000.0)
            if won:
                record.stage_id = won_stage
            if dormant:
                record.write({"is_dormant": True, "dormant_since": _day(-3)})
            return record

        # team A: one won lead of 3, two dormant (one the rep's); team B: one
        # won of 2, one dormant
        cls.a_won = lead("A won", cls.team_a, cls.rep, won=True)
        cls.a_dormant = lead("A dormant", cls.team_a, cls.rep, dormant=True)
        cls.a_other = lead("A other rep's", cls.team_a, cls.rep_all, dormant=True)
        cls.b_won = lead("B won", cls.team_b, cls.manager_b, won=True)
        cls.b_open = lead("B open", cls.team_b, cls.manager_b, dormant=True)
        # anomalies: two in A (one 20 days old), one in B
        Anomaly = env["si.anomaly"]

        def anomaly(team, user, days_old=0, kind="rep_idle", lead=None):
            record = Anomaly.create({
                "anomaly_type": kind, "user_id": user.id,
                "lead_id": lead.id if lead else False,
                "team_id": team.id, "company_id": env.company.id,
                "date_detected": _day(-days_old)})
            if days_old:
                cls._age(record, days_old)
            return record

        anomaly(cls.team_a, cls.rep)
        anomaly(cls.team_a, cls.rep, days_old=20, kind="key_lead_stale",
                lead=cls.a_dormant)
        anomaly(cls.team_b, cls.manager_b)
        # pool moves: A recycled 2, claimed 1; B claimed 1
        Move = env["si.lead.assignment"]
        Move.create([
            {"lead_id": cls.a_dormant.id, "kind": "recycle",
             "previous_user_id": cls.rep.id},
            {"lead_id": cls.a_other.id, "kind": "recycle",
             "previous_user_id": cls.rep_all.id},
            {"lead_id": cls.a_other.id, "kind": "claim", "user_id": cls.rep_all.id},
            {"lead_id": cls.b_won.id, "kind": "claim", "user_id": cls.manager_b.id},
        ])
        # contracts: a 60-day notice starting in 10 days is due, one started
        # already or in 140 days is not; B has two due (one by its own
        # 90-day notice)
        cls.service = env["product.product"].create(
            {"name": "Digest service", "type": "service", "list_price": 100.0})
        cls.customer = env["res.partner"].create(
            {"name": "Digest customer", "is_company": True, "user_id": cls.rep.id})
        cls._contract("A due", cls.team_a, 70)
        cls._contract("A in notice", cls.team_a, 20)
        cls._contract("A later", cls.team_a, 200)
        cls._contract("B due", cls.team_b, 65)
        cls._contract("B due by own notice", cls.team_b, 110,
                      renewal_notice_days=90)
        cls._contract("B lost", cls.team_b, 70).renewal_state = "lost"
        # targets of the current month: A 1000 / 250 actual, B 2000 / 1500
        # one plan per company and year: the demo's, when there is one
        plan = env["si.target.plan"].search([
            ("company_id", "=", env.company.id),
            ("year", "=", date.today().year)]) or env["si.target.plan"].create({
                "name": "Digest plan", "year": date.today().year,
                "amount_total": 3000.0})
        month = date.today().replace(day=1)
        cls.line_a, cls.line_b = env["si.target.line"].create([
            {"plan_id": plan.id, "date_month": month, "team_id": cls.team_a.id,
             "amount": 1000.0},
            {"plan_id": plan.id, "date_month": month, "team_id": cls.team_b.id,
             "amount": 2000.0},
        ])
        cls.rep_line = env["si.target.rep.line"].create({
            "plan_id": plan.id, "date_month": month, "team_id": cls.team_a.id,
            "user_id": cls.rep.id, "amount": 400.0})
        env.flush_all()
        # actuals are the nightly refresh's: written as it writes them
        env.cr.execute(SQL("UPDATE si_target_plan SET state = 'confirmed' "
                           "WHERE id = %s", plan.id))
        for table, amount, ids in (("si_target_line", 250.0, cls.line_a.ids),
                                   ("si_target_line", 1500.0, cls.line_b.ids),
                                   ("si_target_rep_line", 100.0,
                                    cls.rep_line.ids)):
            env.cr.execute(SQL("UPDATE %s SET actual_amount = %s WHERE id = ANY(%s)",
                               SQL.identifier(table), amount, ids))
        env.invalidate_all()
        cls.digest = env.ref(
            "sales_intelligence_reports.digest_digest_sales_intelligence")

    @classmethod
    def _contract(cls, name, team, end, **values):
        return cls.env["contract.contract"].create(dict({
            "name": name,
            "partner_id": cls.customer.id,
            "team_id": team.id,
            "line_recurrence": True,
            "date_start": _day(-300),
            "contract_line_ids": [Command.create({
                "product_id": cls.service.id, "name": "Service", "quantity": 1,
                "price_unit": 100.0, "recurring_rule_type": "monthly",
                "recurring_interval": 1, "date_start": _day(-300),
                "date_end": _day(end)})],
        }, **values))

    def _kpis(self, user, days=7):
        """KPI values of the digest as Odoo computes them for `user` over the
        last `days` days."""
        end = datetime.now() + timedelta(minutes=1)
        digest = self.digest.with_context(
            start_datetime=end - timedelta(days=days), end_datetime=end,
        ).with_user(user).with_company(user.company_id)
        values = {}
        for kpi in KPIS:
            values[kpi] = digest["kpi_si_%s_value" % kpi]
            digest.invalidate_model(["kpi_si_%s_value" % kpi])
        return values

    def test_manager_of_team_a(self):
        self.assertEqual(self._kpis(self.manager), {
            "plan_completion": 25.0,
            "conversion": 33.3,
            "dormant": 2,
            "anomaly": 1,
            "renewal_due": 1,
            "pool_recycled": 2,
            "pool_claimed": 1,
        })

    def test_member_manager_of_team_b(self):
        self.assertEqual(self._kpis(self.manager_b), {
            "plan_completion": 75.0,
            "conversion": 50.0,
            "dormant": 1,
            "anomaly": 1,
            "renewal_due": 2,
            "pool_recycled": 0,
            "pool_claimed": 1,
        })

    def test_period_widens_counts(self):
        values = self._kpis(self.manager, days=30)
        self.assertEqual(values["anomaly"], 2)

    def test_rep_sees_own_figures_only(self):
        """A rep of team A reads own leads, own rep target and own pool
        moves: the rules of the recipient apply."""
        values = self._kpis(self.rep)
        # own target line: 100 / 400
        self.assertEqual(values["plan_completion"], 25.0)
        # own leads only: the won one and the dormant one
        self.assertEqual(values["conversion"], 50.0)
        self.assertEqual(values["dormant"], 1)
        self.assertEqual(values["anomaly"], 1)
        self.assertEqual(values["pool_recycled"], 1)
        self.assertEqual(values["pool_claimed"], 0)
        # the customer is the rep's: the rep sees the contracts
        self.assertEqual(values["renewal_due"], 1)

    def test_manager_without_team_gets_the_company(self):
        values = self._kpis(self.lonely_manager)
        self.assertGreaterEqual(values["dormant"], 3)
        self.assertGreaterEqual(values["anomaly"], 2)
        self.assertGreaterEqual(values["pool_claimed"], 2)
        # contracts: a manager reads those of own teams and those without
        # team (the core's rule), so none of these
        self.assertEqual(values["renewal_due"], 0)

    def test_mail_content(self):
        kpis = self.digest._compute_kpis(self.manager.company_id, self.manager)
        names = [kpi["kpi_name"] for kpi in kpis]
        self.assertIn("kpi_si_conversion", names)
        self.assertIn("kpi_si_cost_of_sale", names)
        completion = kpis[names.index("kpi_si_plan_completion")]
        self.assertEqual(completion["kpi_col2"]["value"], "25.00 %")
        dormant = kpis[names.index("kpi_si_dormant")]
        self.assertEqual(dormant["kpi_col2"]["value"], 2)

    def test_cost_of_sale(self):
        """Expenses / actual results of the same target lines: 50 / 250."""
        self.env.cr.execute(SQL(
            "UPDATE si_target_line SET expense_amount = 50 WHERE id = %s",
            self.line_a.id))
        self.env.invalidate_all()
        digest = self.digest.with_user(self.manager)
        end = datetime.now()
        digest = digest.with_context(start_datetime=end - timedelta(days=7),
                                     end_datetime=end)
        self.assertEqual(digest.kpi_si_cost_of_sale_value, 20.0)

    def test_finance_gets_what_finance_may_read(self):
        """Odoo leaves out the KPIs a recipient may not compute; the others
        still come."""
        kpis = self.digest._compute_kpis(self.finance.company_id, self.finance)
        names = {kpi["kpi_name"] for kpi in kpis}
        for kpi in names:
            self.assertTrue(kpi.startswith("kpi_si_"))
        can_read_leads = self.env["crm.lead"].with_user(self.finance).has_access("read")
        self.assertEqual("kpi_si_dormant" in names, can_read_leads)

    def test_shipped_digest(self):
        digest = self.digest
        self.assertEqual(digest.periodicity, "weekly")
        self.assertTrue(all(digest["kpi_si_%s" % kpi] for kpi in KPIS))
        self.assertFalse(digest.kpi_mail_message_total)
        self.assertTrue(digest._fields["name"].translate)

    def test_managers_subscribed_once(self):
        digest = self.digest
        # installed: the database's sales managers were subscribed
        self.assertTrue(self.env["ir.config_parameter"].get_param(
            "sales_intelligence_reports.digest_managers_subscribed"))
        digest._action_unsubscribe_users(self.manager)
        self.assertFalse(digest._si_subscribe_sales_managers(digest.ids))
        self.assertNotIn(self.manager, digest.user_ids, "stays unsubscribed")
        self.env["ir.config_parameter"].set_param(
            "sales_intelligence_reports.digest_managers_subscribed", "")
        self.assertTrue(digest._si_subscribe_sales_managers(digest.ids))
        self.assertIn(self.manager, digest.user_ids)
        self.assertNotIn(self.rep, digest.user_ids)

    def test_cron_twice_sends_one_mail(self):
        digest = self.digest
        digest.write({"user_ids": [Command.set((self.manager | self.manager_b).ids)],
                      "next_run_date": fields.Date.today(), "state": "activated"})
        # other digests due today are not this test's business
        self.env["digest.digest"].search([("id", "!=", digest.id)]).write(
            {"state": "deactivated"})
        # recipients who logged in lately: Odoo keeps the weekly pace
        for user in self.manager | self.manager_b:
            self.env["res.users.log"].with_user(user).sudo().create({})
        Mail = self.env["mail.mail"]
        subject = "%%: %s" % digest.name

        def mails():
            return Mail.search_count([("subject", "=like", subject)])

        before = mails()
        self.env["digest.digest"]._cron_send_digest_email()
        self.assertEqual(mails() - before, 2, "one mail per recipient")
        self.assertEqual(digest.next_run_date, fields.Date.today() + timedelta(weeks=1))
        self.env["digest.digest"]._cron_send_digest_email()
        self.assertEqual(mails() - before, 2, "the same period is not sent twice")

    def test_form_view_loads_for_a_manager(self):
        views = self.env["digest.digest"].with_user(self.manager).get_views(
            [(False, "form")])
        self.assertIn("kpi_si_conversion", views["views"]["form"]["arch"])
