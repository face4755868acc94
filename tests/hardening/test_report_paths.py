"""The models pointing at leads that reps read beside the leads: anomalies,
won-deal summaries and the reports' analyses (lead, pool) show a rep only
rows of the leads they see: never another rep's lead nor a hidden pool's."""
from odoo.addons.sales_intelligence.tests.common import MatchingCase
from odoo.exceptions import AccessError


class TestReportPaths(MatchingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.open_pool = env["si.lead.pool"].create({
            "name": "SI Report Open Pool", "team_id": cls.team.id, "cooldown_days": 0})
        cls.hidden_pool = env["si.lead.pool"].create({
            "name": "SI Report Hidden Pool", "team_id": cls.team.id,
            "cooldown_days": 0, "visible_user_ids": [(6, 0, cls.rep.ids)]})
        cls.pooled = cls._create_lead("SI report pooled", team_id=cls.team.id,
                                      expected_revenue=1000.0)
        cls.pooled._send_to_pool(cls.open_pool, "test")
        cls.hidden = cls._create_lead("SI report hidden", team_id=cls.team.id,
                                      expected_revenue=500.0)
        cls.hidden._send_to_pool(cls.hidden_pool, "test")
        cls.other = cls._create_lead("SI report other", team_id=cls.team.id,
                                     expected_revenue=300.0)
        cls.own = cls._create_lead("SI report own", user=cls.rep2,
                                   team_id=cls.team.id, expected_revenue=200.0)
        cls.leads = cls.pooled | cls.hidden | cls.other | cls.own
        cls.visible = cls.pooled | cls.own
        env.flush_all()

    def test_lead_analysis(self):
        Analysis = self.env["si.lead.analysis"].with_user(self.rep2)
        rows = Analysis.search_read([("lead_id", "in", self.leads.ids)], ["lead_id"])
        self.assertEqual({row["lead_id"][0] for row in rows}, set(self.visible.ids))
        groups = Analysis.read_group([("lead_id", "in", self.leads.ids)],
                                     ["expected_revenue:sum", "received_count:sum"],
                                     ["lead_id"])
        self.assertEqual({g["lead_id"][0] for g in groups}, set(self.visible.ids))
        self.assertEqual(sum(g["expected_revenue"] for g in groups), 1200.0)
        self.assertEqual(sum(g["received_count"] for g in groups), 2)

    def test_pool_analysis(self):
        Analysis = self.env["si.pool.analysis"].with_user(self.rep2)
        rows = Analysis.search_read([("lead_id", "in", self.leads.ids)],
                                    ["lead_id", "pool_id"])
        self.assertTrue(rows)
        self.assertFalse({row["lead_id"][0] for row in rows} - set(self.visible.ids))
        groups = Analysis.read_group([("lead_id", "in", self.leads.ids)],
                                     ["pool_id"], ["pool_id"])
        self.assertNotIn(self.hidden_pool.id,
                         [g["pool_id"] and g["pool_id"][0] for g in groups])

    def test_anomalies(self):
        Anomaly = self.env["si.anomaly"]
        theirs = Anomaly.create({"name": "SI stale", "anomaly_type": "key_lead_stale",
                                 "user_id": self.rep.id, "lead_id": self.other.id})
        mine = Anomaly.create({"name": "SI mine", "anomaly_type": "key_lead_stale",
                               "user_id": self.rep2.id, "lead_id": self.own.id})
        self.assertEqual(Anomaly.with_user(self.rep2).search(
            [("id", "in", (theirs | mine).ids)]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.rep2).read(["lead_id"])

    def test_won_summaries(self):
        Summary = self.env["si.won.summary"]
        theirs = Summary.create({"lead_id": self.other.id, "user_id": self.rep.id})
        mine = Summary.create({"lead_id": self.own.id, "user_id": self.rep2.id})
        self.assertEqual(Summary.with_user(self.rep2).search(
            [("id", "in", (theirs | mine).ids)]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.rep2).write({"note": "mine now"})
        self.assertFalse(theirs.note)
