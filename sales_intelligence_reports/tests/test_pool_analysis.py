# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .common import ReportCase

MEASURES = [
    "recycled_count:sum",
    "released_count:sum",
    "claimed_count:sum",
    "pool_assigned_count:sum",
    "reassigned_count:sum",
    "revived_count:sum",
    "in_pool_count:sum",
    "dormant_count:sum",
    "dead_count:sum",
    "pool_exit_count:sum",
    "pool_days:sum",
    "avg_pool_days:avg",
    "avg_waiting_days:avg",
]


class TestPoolAnalysis(ReportCase):
    _report = "si.pool.analysis"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep2 = cls._create_user("si_pool_rep2", ["sales_team.group_sale_salesman"])
        cls.team = cls.env["crm.team"].create({
            "name": "Pool analysis team",
            "member_ids": [(6, 0, [cls.rep.id, cls.rep2.id])]})
        Pool = cls.env["si.lead.pool"]
        cls.pool = Pool.create({
            "name": "Shared pool",
            "visible_user_ids": [(6, 0, [cls.rep.id, cls.rep2.id])]})
        cls.hidden_pool = Pool.create({
            "name": "Second rep's pool", "visible_user_ids": [(6, 0, [cls.rep2.id])]})

        def lead(name, user):
            return cls._create_lead(name, user=user, team_id=cls.team.id)

        # recycled from the rep 10 days ago, claimed back 4 days ago: 6 days
        cls.recycled = lead("Recycled then claimed", cls.rep)
        cls.recycled._send_to_pool(cls.pool, "No follow-up", kind="recycle")
        cls.recycled._set_owner(cls.rep, "claim")
        # released by the second rep 8 days ago, assigned back 6 days ago: 2
        cls.released = lead("Released then assigned", cls.rep2)
        cls.released._send_to_pool(cls.pool, "Not my region")
        cls.released._set_owner(cls.rep2, "manual")
        # released by the rep into a pool hidden from them: waits 5 days
        cls.waiting = lead("Waiting in hidden pool", cls.rep)
        cls.waiting._send_to_pool(cls.hidden_pool, "Wrong product")
        # taken from the rep and given to the second rep
        cls.moved = lead("Re-assigned", cls.rep)
        cls.moved.user_id = cls.rep2
        cls.dead = lead("Dead lead", cls.rep)
        cls.dormant = lead("Dormant lead", cls.rep)
        cls.env.flush_all()
        history = cls.env["si.lead.assignment"].search(
            [("lead_id", "in", (cls.recycled | cls.released | cls.waiting).ids)])
        days = {("recycle", cls.recycled): 10, ("claim", cls.recycled): 4,
                ("release", cls.released): 8, ("pool_assign", cls.released): 6,
                ("release", cls.waiting): 5}
        for row in history:
            cls._age(row, days[(row.kind, row.lead_id)], field="date")
        cls._age(cls.waiting, 5, field="pool_date")
        cls.env.cr.execute(SQL(
            "UPDATE crm_lead SET chance_level = 'none' WHERE id = %s", cls.dead.id))
        cls.env.cr.execute(SQL(
            "UPDATE crm_lead SET is_dormant = TRUE WHERE id = %s", cls.dormant.id))
        cls.revival = cls.env["si.lead.followup"].create({
            "lead_id": cls.recycled.id, "kind": "revive", "user_id": cls.rep.id,
            "content": "Back in budget"})
        cls.env.invalidate_all()

    def domain(self):
        return [("team_id", "=", self.team.id)]

    def test_counts_and_time_in_pool(self):
        total = self.total(self.manager, self.domain(), MEASURES)
        self.assertEqual(total["recycled_count"], 1)
        self.assertEqual(total["released_count"], 2)
        self.assertEqual(total["claimed_count"], 1)
        self.assertEqual(total["pool_assigned_count"], 1)
        self.assertEqual(total["reassigned_count"], 1)
        self.assertEqual(total["revived_count"], 1)
        self.assertEqual(total["in_pool_count"], 1)
        self.assertEqual(total["dormant_count"], 1)
        self.assertEqual(total["dead_count"], 1)
        self.assertEqual(total["pool_exit_count"], 2)
        self.assertAlmostEqual(total["avg_pool_days"], 4.0)
        self.assertAlmostEqual(total["avg_waiting_days"], 5.0)
        pools = self.groups(self.manager, self.domain(), MEASURES, "pool_id")
        self.assertEqual(pools[self.pool.id]["released_count"], 1)
        self.assertAlmostEqual(pools[self.pool.id]["avg_pool_days"], 4.0)
        self.assertEqual(pools[self.hidden_pool.id]["in_pool_count"], 1)
        reps = self.groups(self.manager, self.domain(), MEASURES, "user_id")
        self.assertAlmostEqual(reps[self.rep.id]["avg_pool_days"], 6.0)
        self.assertAlmostEqual(reps[self.rep2.id]["avg_pool_days"], 2.0)
        self.assertEqual(reps[self.rep2.id]["reassigned_count"], 1)

    def test_rep_does_not_see_hidden_pool_or_others_leads(self):
        Report = self.env[self._report].with_user(self.rep)
        rows = Report.search(self.domain())
        self.assertEqual(rows.lead_id, self.recycled | self.dead | self.dormant)
        self.assertNotIn(self.waiting, rows.lead_id, "hidden pool leaked")
        self.assertTrue(rows.lead_id <= self.env["crm.lead"].with_user(
            self.rep).search(self.domain()))
        total = self.total(self.rep, self.domain(), MEASURES)
        self.assertEqual(total["recycled_count"], 1)
        self.assertEqual(total["released_count"], 0)
        self.assertEqual(total["in_pool_count"], 0)
        self.assertAlmostEqual(total["avg_pool_days"], 6.0)
        self.assertEqual(total["revived_count"], 1)
        # totals equal the sum over the rows the rep may read
        self.assertEqual(total["claimed_count"], sum(rows.mapped("claimed_count")))
        hidden = self.env[self._report].search([("lead_id", "=", self.waiting.id)])
        with self.assertRaises(AccessError):
            hidden.with_user(self.rep).read(["pool_id"])

    def test_second_rep_sees_own_history_and_visible_pool(self):
        rows = self.env[self._report].with_user(self.rep2).search(self.domain())
        self.assertEqual(rows.lead_id, self.released | self.waiting | self.moved)
        # the waiting lead shows as waiting, its release by the rep does not
        waiting = rows.filtered(lambda row: row.lead_id == self.waiting)
        self.assertEqual(waiting.mapped("event"), ["status"])

    def test_no_contact_data(self):
        fields = self.env[self._report]._fields
        for name in ("partner_id", "email_from", "phone", "mobile"):
            self.assertNotIn(name, fields)

    def test_views_load_for_every_role(self):
        self.assert_views_load([self.rep, self.rep_all, self.manager])

    def test_finance_cannot_read(self):
        with self.assertRaises(AccessError):
            self.env[self._report].with_user(self.finance).search([])

    def test_source_rules_are_joined_not_subqueries_per_row(self):
        """An optional source's rules as `IS NULL OR id IN (subquery)` make
        PostgreSQL run the subquery for every row once it is too large to
        hash: the rules join the sources instead."""
        query = self.env[self._report].with_user(self.manager)._search([])
        sql = query.select().code
        for table in ("si_lead_assignment", "si_lead_followup", "crm_lead"):
            self.assertIn('LEFT JOIN "%s"' % table, sql)
        self.assertNotIn('IN (SELECT "si_lead_assignment"', sql)
