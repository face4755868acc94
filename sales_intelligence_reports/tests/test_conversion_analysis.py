# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL

from .common import ReportCase

MEASURES = [
    "received_count:sum",
    "conversion_base_count:sum",
    "won_count:sum",
    "lost_count:sum",
    "open_count:sum",
    "conversion_rate:avg",
    "cycle_days:sum",
    "avg_cycle_days:avg",
]


class TestConversionAnalysis(ReportCase):
    _report = "si.lead.analysis"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep2 = cls._create_user("si_conv_rep2", ["sales_team.group_sale_salesman"])
        Team = cls.env["crm.team"]
        cls.team_a = Team.create({"name": "Conversion A",
                                  "member_ids": [(6, 0, [cls.rep.id])]})
        cls.team_b = Team.create({"name": "Conversion B",
                                  "member_ids": [(6, 0, [cls.rep2.id])]})
        Source = cls.env["utm.source"]
        cls.web = Source.create({"name": "Conversion web"})
        cls.fair = Source.create({"name": "Conversion fair"})
        cls.campaign = cls.env["utm.campaign"].create({"name": "Conversion spring"})

        def lead(name, user, team, source, outcome=None, cycle=0):
            record = cls._create_lead(name, user=user, team_id=team.id,
                                      source_id=source.id,
                                      campaign_id=cls.campaign.id)
            if outcome == "won":
                record.action_set_won()
                # received `cycle` days before it was won (both moments set,
                # so that a run across midnight does not add a day)
                cls._age(record, 0, field="date_closed")
                cls._age(record, cycle)
            elif outcome == "lost":
                record.action_set_lost()
            return record

        # team A (rep): web 2 won of 3, fair 0 of 1; team B (rep2): web 1
        # won of 2, fair 1 won of 2
        cls.leads = (
            lead("A web won 10", cls.rep, cls.team_a, cls.web, "won", 10)
            | lead("A web won 20", cls.rep, cls.team_a, cls.web, "won", 20)
            | lead("A web lost", cls.rep, cls.team_a, cls.web, "lost")
            | lead("A fair open", cls.rep, cls.team_a, cls.fair)
            | lead("B web won 30", cls.rep2, cls.team_b, cls.web, "won", 30)
            | lead("B web open", cls.rep2, cls.team_b, cls.web)
            | lead("B fair won 0", cls.rep2, cls.team_b, cls.fair, "won", 0)
            | lead("B fair lost", cls.rep2, cls.team_b, cls.fair, "lost")
        )

    def domain(self):
        return [("campaign_id", "=", self.campaign.id)]

    def test_intake_counts_by_channel(self):
        """Leads received through each intake channel (form or app endpoint)."""
        channels = self.env["si.intake.channel"].create([
            {"name": "Conversion H5", "kind": "h5", "code": "si-conv-h5",
             "team_id": self.team_a.id},
            {"name": "Conversion app", "kind": "api", "code": "si-conv-app",
             "team_id": self.team_a.id},
        ])
        leads = [self._create_lead("Intake %d" % n, user=self.rep,
                                   team_id=self.team_a.id) for n in range(3)]
        for lead, channel in zip(leads, channels + channels[:1]):
            lead.flush_recordset()
            self.env.cr.execute(SQL(
                "UPDATE crm_lead SET si_intake_channel_id = %s WHERE id = %s",
                channel.id, lead.id))
        rows = self.groups(self.rep, [("lead_id", "in", [lead.id for lead in leads])],
                           ["received_count:sum"], "intake_channel_id")
        self.assertEqual(rows[channels[0].id]["received_count"], 2)
        self.assertEqual(rows[channels[1].id]["received_count"], 1)

    def test_conversion_rate_at_two_levels(self):
        total = self.total(self.manager, self.domain(), MEASURES)
        self.assertEqual(total["received_count"], 8)
        self.assertEqual(total["won_count"], 4)
        self.assertEqual(total["lost_count"], 2)
        self.assertEqual(total["open_count"], 2)
        self.assertAlmostEqual(total["conversion_rate"], 4 / 8)
        teams = self.groups(self.manager, self.domain(), MEASURES, "team_id")
        self.assertAlmostEqual(teams[self.team_a.id]["conversion_rate"], 2 / 4)
        self.assertAlmostEqual(teams[self.team_b.id]["conversion_rate"], 2 / 4)
        sources = self.groups(self.manager, self.domain(), MEASURES, "source_id")
        self.assertAlmostEqual(sources[self.web.id]["conversion_rate"], 3 / 5)
        self.assertAlmostEqual(sources[self.fair.id]["conversion_rate"], 1 / 3)
        cells = self.groups(self.manager, self.domain(), MEASURES,
                            ["team_id", "source_id"])
        self.assertAlmostEqual(cells[(self.team_a.id, self.web.id)]["conversion_rate"],
                               2 / 3)
        self.assertEqual(cells[(self.team_a.id, self.fair.id)]["conversion_rate"], 0.0)
        self.assertAlmostEqual(cells[(self.team_b.id, self.fair.id)]["conversion_rate"],
                               1 / 2)
        months = self.groups(self.manager, self.domain(), MEASURES,
                             "create_date:month")
        self.assertEqual(sum(g["received_count"] for g in months.values()), 8)

    def test_average_cycle_of_won_leads(self):
        total = self.total(self.manager, self.domain(), MEASURES)
        self.assertEqual(total["cycle_days"], 60)
        self.assertAlmostEqual(total["avg_cycle_days"], 60 / 4)
        teams = self.groups(self.manager, self.domain(), MEASURES, "team_id")
        self.assertAlmostEqual(teams[self.team_a.id]["avg_cycle_days"], 15.0)
        self.assertAlmostEqual(teams[self.team_b.id]["avg_cycle_days"], 15.0)
        users = self.groups(self.manager, self.domain(), MEASURES,
                            ["team_id", "source_id"])
        cell = users[(self.team_b.id, self.fair.id)]
        self.assertAlmostEqual(cell["avg_cycle_days"], 0.0)
        self.assertFalse(users[(self.team_a.id, self.fair.id)]["avg_cycle_days"],
                         "nothing won: no cycle")

    def test_funnel_by_stage(self):
        stages = self.groups(self.manager, self.domain(), MEASURES, "stage_id")
        won = self.leads.filtered(lambda lead: lead.probability == 100)
        won_stage = won[:1].stage_id
        self.assertEqual(stages[won_stage.id]["won_count"], 4)
        self.assertEqual(sum(g["received_count"] for g in stages.values()), 8)
        # groups come in the stages' order (the pipeline's)
        Report = self.env[self._report].with_user(self.manager)
        ordered = [g["stage_id"][0] for g in Report.read_group(
            self.domain(), ["received_count:sum"], ["stage_id"]) if g["stage_id"]]
        self.assertEqual(ordered, self.env["crm.stage"].browse(ordered).sorted().ids)

    def test_rep_totals_are_the_sum_of_visible_rows(self):
        rows = self.env[self._report].with_user(self.rep).search(self.domain())
        self.assertEqual(rows.lead_id, self.leads.filtered(
            lambda lead: lead.user_id == self.rep))
        total = self.total(self.rep, self.domain(), MEASURES)
        self.assertEqual(total["received_count"], len(rows))
        self.assertEqual(total["won_count"], sum(rows.mapped("won_count")))
        self.assertAlmostEqual(total["conversion_rate"], 2 / 4)

    def test_views_load_for_every_role(self):
        self.assert_views_load([self.rep, self.rep_all, self.manager])
        funnel = self.env.ref("sales_intelligence_reports.si_lead_funnel_action")
        for user in (self.rep, self.manager):
            views = self.env[self._report].with_user(user).get_views(
                [(view.view_id.id, view.view_mode) for view in funnel.view_ids]
                + [(False, "search")])
            self.assertIn("stage_id", views["views"]["graph"]["arch"])

    def test_cycle_is_never_negative(self):
        lead = self.leads[0]
        self.env.cr.execute(SQL(
            "UPDATE crm_lead SET date_closed = create_date - interval '3 days' "
            "WHERE id = %s", lead.id))
        row = self.env[self._report].search([("lead_id", "=", lead.id)])
        self.assertEqual(row.cycle_days, 0)
