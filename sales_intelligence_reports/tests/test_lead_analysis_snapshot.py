# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime
from unittest.mock import patch

from odoo.tools import SQL

from odoo.addons.sales_intelligence.tests.common import SalesIntelligenceCase

from ..report import si_lead_analysis_snapshot_read as snapshot_read
from ..report.si_lead_analysis_snapshot_refresh import PARAM_TZ

MEASURES = [
    "received_count",
    "conversion_base_count",
    "won_count",
    "lost_count",
    "open_count",
    "conversion_rate",
    "avg_cycle_days",
    "won_revenue",
]
GROUPBYS = ([], ["team_id"], ["user_id"], ["create_date:month"],
            ["team_id", "create_date:quarter"], ["company_id", "user_id"],
            ["stage_id"], ["stage_id", "team_id"])


class TestLeadAnalysisSnapshot(SalesIntelligenceCase):
    """The snapshot gives each user exactly the figures of the live analysis
    (same record rules, pools and companies), and its refresh follows every
    change of the leads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep2 = cls._create_user(
            "si_snap_rep2", ["sales_team.group_sale_salesman"])
        cls.leader = cls._create_user(
            "si_snap_leader", ["sales_team.group_sale_salesman"])
        cls.team = cls.env["crm.team"].create({
            "name": "SI Snapshot Team", "user_id": cls.leader.id})
        cls.company2 = cls.env["res.company"].create({"name": "SI Snapshot Co 2"})
        cls.team2 = cls.env["crm.team"].create({
            "name": "SI Snapshot Team 2", "company_id": cls.company2.id})
        cls.manager2 = cls._create_user(
            "si_snap_manager2", ["sales_team.group_sale_manager"])
        cls.manager2.write({"company_ids": [(6, 0, cls.company2.ids)],
                            "company_id": cls.company2.id})
        cls.pool = cls.env["si.lead.pool"].create({
            "name": "SI snapshot pool", "visible_user_ids": [(4, cls.rep2.id)]})
        cls.won = cls._lead("Won", cls.rep, 1200.0, "2026-01-15 10:00:00")
        cls.won.action_set_won()
        cls.open = cls._lead("Open", cls.rep, 800.0, "2026-02-10 10:00:00")
        cls.lost = cls._lead("Lost", cls.rep_all, 500.0, "2026-02-20 10:00:00")
        cls.lost.action_set_lost()
        cls.rep2_lead = cls._lead("Rep 2", cls.rep2, 300.0, "2026-03-05 10:00:00")
        cls.pooled = cls._lead("Pooled", False, 700.0, "2026-03-25 10:00:00",
                               pool_id=cls.pool.id)
        cls.other_company = cls._lead(
            "Other company", False, 900.0, "2026-01-10 10:00:00",
            team_id=cls.team2.id, company_id=cls.company2.id)
        cls.env.cr.execute(SQL(
            "UPDATE crm_lead SET date_closed = '2026-01-25 10:00:00' WHERE id = %s",
            cls.won.id))
        cls.env.invalidate_all()
        cls.Snapshot = cls.env["si.lead.analysis.snapshot"]
        cls.env["ir.config_parameter"].set_param(PARAM_TZ, "UTC")
        cls.Snapshot._rebuild()

    @classmethod
    def _lead(cls, name, user, revenue, received, **values):
        values.setdefault("team_id", cls.team.id)
        values.setdefault("company_id", cls.env.company.id)
        lead = cls.env["crm.lead"].create(dict(
            values, name=name, type="opportunity",
            user_id=user.id if user else False, expected_revenue=revenue))
        lead.flush_recordset()
        cls.env.cr.execute(SQL("UPDATE crm_lead SET create_date = %s WHERE id = %s",
                               received, lead.id))
        lead.invalidate_recordset(["create_date"])
        return lead

    # --- helpers -----------------------------------------------------------------
    def _domain(self, extra=()):
        return [("team_id", "in", [self.team.id, self.team2.id]), *extra]

    def _read(self, user, groupby, extra=(), live=False):
        Analysis = self.env["si.lead.analysis"].with_user(user).with_context(
            tz="UTC", si_lead_analysis_live=live)
        rows = Analysis.read_group(self._domain(extra), MEASURES, groupby,
                                   lazy=False)
        return [{k: v for k, v in row.items() if k != "__domain"} for row in rows]

    def _uses_snapshot(self, user, extra=()):
        Analysis = self.env["si.lead.analysis"].with_user(user).with_context(
            tz="UTC")
        return Analysis._snapshot_plan(self._domain(extra), ["team_id"],
                                       ["__count"], (), 0, None, None) is not None

    def _total(self, user, extra=()):
        rows = self._read(user, [], extra)
        return rows[0] if rows else {}

    def _users(self):
        return (self.rep, self.rep2, self.leader, self.rep_all, self.manager,
                self.manager2)

    def assert_same_as_live(self, extra=()):
        for user in self._users():
            for groupby in GROUPBYS:
                self.assertEqual(self._read(user, groupby, extra),
                                 self._read(user, groupby, extra, live=True),
                                 (user.login, groupby, extra))

    # --- tests -------------------------------------------------------------------
    def test_rebuild_gives_the_live_figures_to_every_role(self):
        self.assertTrue(self._uses_snapshot(self.rep))
        self.assert_same_as_live()
        self.assert_same_as_live([("create_date", ">=", "2026-02-15"),
                                  ("create_date", "<", "2026-03-10 12:00:00")])
        self.assert_same_as_live([("user_id", "=", self.rep.id)])

    def test_rules_per_role(self):
        rep = self._total(self.rep)
        self.assertEqual((rep["received_count"], rep["won_count"],
                          rep["conversion_rate"], rep["won_revenue"],
                          rep["avg_cycle_days"]), (2, 1, 0.5, 1200.0, 10.0))
        # the pool is shown to the second rep only
        rep2 = self._total(self.rep2)
        self.assertEqual((rep2["received_count"], rep2["won_count"]), (2, 0))
        # the team leader sees the team; the company's managers all of it
        for user in (self.leader, self.rep_all, self.manager):
            total = self._total(user)
            self.assertEqual((total["received_count"], total["won_count"],
                              total["lost_count"], total["conversion_rate"]),
                             (5, 1, 1, 0.2), user.login)
        other = self._total(self.manager2)
        self.assertEqual((other["received_count"], other["won_revenue"]), (1, 0.0))
        # totals are the sum over the leads each may read
        for user in self._users():
            leads = self.env["crm.lead"].with_user(user).with_context(
                active_test=False).search(self._domain())
            self.assertEqual(self._total(user).get("received_count", 0),
                             len(leads), user.login)

    def test_snapshot_holds_no_contact_data(self):
        for field in self.Snapshot._fields.values():
            self.assertNotIn(getattr(field, "comodel_name", None),
                             ("res.partner", "crm.lead"), field.name)
        rows = self.Snapshot.search([("team_id", "=", self.team.id)])
        # one row per month, owner and pool
        self.assertEqual(len(rows), 5)
        self.assertEqual(sum(rows.mapped("received_count")), 5)

    def test_refresh_after_create_write_unlink(self):
        new = self._lead("New", self.rep, 400.0, "2026-02-12 10:00:00")
        self.assertTrue(self.Snapshot._snapshot_pending())
        # behind: the analysis corrects the snapshot with the queued lead
        self.assertTrue(self._uses_snapshot(self.rep))
        self.assertEqual(self._total(self.rep)["received_count"], 3)
        self.assertEqual(self.Snapshot._refresh(), 1)
        self.assertTrue(self._uses_snapshot(self.rep))
        self.assertEqual(self._total(self.rep)["received_count"], 3)
        self.assert_same_as_live()
        # a write moving the lead to another owner and winning it
        new.write({"user_id": self.rep2.id, "team_id": self.team.id})
        new.action_set_won()
        self.assertEqual(self.Snapshot._refresh(), 1)
        self.assertEqual(self._total(self.rep)["received_count"], 2)
        rep2 = self._total(self.rep2)
        self.assertEqual((rep2["received_count"], rep2["won_count"],
                          rep2["won_revenue"]), (3, 1, 400.0))
        self.assert_same_as_live()
        # a deletion
        self.rep2_lead.unlink()
        self.assertEqual(self.Snapshot._refresh(), 1)
        self.assertEqual(self._total(self.rep2)["received_count"], 2)
        self.assert_same_as_live()

    def test_changes_not_refreshed_yet_are_counted(self):
        """Between two refreshes, the figures of every role are those of the
        live rows: the queued leads are counted as they are now."""
        new = self._lead("New", self.rep, 400.0, "2026-02-12 10:00:00")
        self.open.write({"user_id": self.rep2.id, "team_id": self.team.id})
        self.open.action_set_won()
        self.rep2_lead.unlink()
        self.lost.user_id = False
        self.lost.write({"team_id": self.team2.id, "company_id": self.company2.id})
        self.won._send_to_pool(self.pool, "test")
        self.assertTrue(self.Snapshot._snapshot_queued(10))
        self.assertTrue(self._uses_snapshot(self.rep))
        self.assert_same_as_live()
        self.assert_same_as_live([("create_date", ">=", "2026-02-11"),
                                  ("create_date", "<", "2026-03-10 12:00:00")])
        self.assert_same_as_live([("user_id", "=", self.rep2.id)])
        # the second rep: the lead won, the pooled one and the won lead sent
        # to the pool the second rep sees; the first rep: the new lead
        rep2 = self._total(self.rep2)
        self.assertEqual((rep2["received_count"], rep2["won_count"],
                          rep2["won_revenue"]), (3, 2, 2000.0))
        rep = self._total(self.rep)
        self.assertEqual((rep["received_count"], rep["won_count"]), (1, 0))
        for user in self._users():
            leads = self.env["crm.lead"].with_user(user).with_context(
                active_test=False).search(self._domain())
            self.assertEqual(self._total(user).get("received_count", 0),
                             len(leads), user.login)
        self.assertTrue(new)
        # far behind: the live rows
        with patch.object(snapshot_read, "MAX_QUEUED", 2):
            self.assertFalse(self._uses_snapshot(self.rep))
            self.assert_same_as_live()
        self.Snapshot._refresh()
        self.assertEqual(self.Snapshot._snapshot_queued(10), [])
        self.assert_same_as_live()

    def test_second_refresh_changes_nothing(self):
        self.open.write({"expected_revenue": 850.0})
        self.assertEqual(self.Snapshot._refresh(), 1)
        self.env.cr.execute(SQL("SELECT * FROM %s ORDER BY id",
                                SQL.identifier(self.Snapshot._table)))
        before = self.env.cr.fetchall()
        self.assertEqual(self.Snapshot._refresh(), 0)
        self.env.cr.execute(SQL("SELECT * FROM %s ORDER BY id",
                                SQL.identifier(self.Snapshot._table)))
        self.assertEqual(self.env.cr.fetchall(), before)
        # a write of a field the analysis does not read queues nothing
        self.open.write({"description": "Called back"})
        self.assertFalse(self.Snapshot._snapshot_pending())

    def test_sql_updates_of_the_jobs_are_followed(self):
        # the dormant detection writes crm_lead with SQL
        self.env.cr.execute(SQL("UPDATE crm_lead SET is_dormant = TRUE WHERE id = %s",
                                self.open.id))
        self.assertTrue(self.Snapshot._snapshot_pending())
        self.Snapshot._refresh()
        rows = self.env["si.lead.analysis"].with_user(self.rep).with_context(
            tz="UTC").read_group(self._domain(), ["dormant_count"], [], lazy=False)
        self.assertEqual(rows[0]["dormant_count"], 1)

    def test_partial_months_come_from_the_live_rows(self):
        extra = [("create_date", ">=", "2026-02-15")]
        plan = self.env["si.lead.analysis"].with_user(self.leader).with_context(
            tz="UTC")._snapshot_plan(self._domain(extra), ["team_id"],
                                     ["__count"], (), 0, None, None)
        snapshot_domain, edges, queued = plan
        self.assertEqual(queued, [])
        self.assertIn(("create_date", ">=", datetime(2026, 3, 1)), snapshot_domain)
        self.assertEqual(len(edges), 1)
        total = self._total(self.leader, extra)
        # lost (Feb 20, live), second rep's and pooled (March, snapshot)
        self.assertEqual(total["received_count"], 3)

    def test_questions_the_snapshot_cannot_answer_read_live_rows(self):
        Analysis = self.env["si.lead.analysis"].with_user(self.manager)
        plan = Analysis.with_context(tz="UTC")._snapshot_plan
        self.assertIsNone(plan(self._domain(), ["source_id"], ["__count"],
                               (), 0, None, None))
        self.assertIsNone(plan(self._domain([("partner_id", "=", False)]),
                               [], ["__count"], (), 0, None, None))
        self.assertIsNone(plan(["|", ("user_id", "=", 1), ("team_id", "=", 1)],
                               [], ["__count"], (), 0, None, None))
        self.assertIsNone(plan(self._domain(), ["create_date:day"],
                               ["__count"], (), 0, None, None))
        # months cut in another time zone than the user's
        self.assertIsNone(Analysis.with_context(tz="Asia/Shanghai")._snapshot_plan(
            self._domain(), ["team_id"], ["__count"], (), 0, None, None))
        rows = Analysis.read_group(self._domain(), ["received_count"],
                                   ["source_id"], lazy=False)
        self.assertEqual(sum(r["received_count"] for r in rows), 5)

    def test_months_of_another_time_zone(self):
        # a lead received on March 31st, 20:00 UTC is April's in Shanghai
        late = self._lead("Late", self.rep, 100.0, "2026-03-31 20:00:00")
        self.env["ir.config_parameter"].set_param(PARAM_TZ, "Asia/Shanghai")
        self.assertEqual(self.Snapshot._refresh(), -1)
        Analysis = self.env["si.lead.analysis"].with_user(self.rep)
        shanghai = Analysis.with_context(tz="Asia/Shanghai")
        self.assertIsNotNone(shanghai._snapshot_plan(
            self._domain(), ["team_id"], ["__count"], (), 0, None, None))
        for live in (False, True):
            rows = shanghai.with_context(si_lead_analysis_live=live).read_group(
                self._domain([("user_id", "=", self.rep.id)]),
                ["received_count"], ["create_date:month"], lazy=False)
            self.assertEqual([r["received_count"] for r in rows], [1, 1, 1])
            self.assertEqual(rows[-1]["__range"]["create_date:month"]["from"],
                             "2026-03-31 16:00:00")
        self.assertTrue(late)

    def test_setting_change_rebuilds(self):
        self.env.company.si_conversion_excludes_rejected = \
            not self.env.company.si_conversion_excludes_rejected
        self.assertFalse(self._uses_snapshot(self.manager))
        self.assertEqual(self.Snapshot._refresh(), -1)
        self.assertTrue(self._uses_snapshot(self.manager))
        self.assert_same_as_live()

    def test_rule_on_another_field_hides_the_snapshot(self):
        self.env["ir.rule"].create({
            "name": "SI test: leads by name",
            "model_id": self.env.ref("crm.model_crm_lead").id,
            "domain_force": "[('name', '!=', 'Secret')]",
        })
        self.assertFalse(self._uses_snapshot(self.rep))
        self.assertFalse(self.Snapshot.with_user(self.rep).search(
            [("team_id", "=", self.team.id)]))
        self.assertEqual(self._total(self.rep)["received_count"], 2)

    def test_finance_cannot_read(self):
        from odoo.exceptions import AccessError
        with self.assertRaises(AccessError):
            self.env["si.lead.analysis"].with_user(self.finance).read_group(
                [], ["received_count"], [], lazy=False)
        with self.assertRaises(AccessError):
            self.Snapshot.with_user(self.finance).search([])
