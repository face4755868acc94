# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.tools import SQL

TODO = "mail.mail_activity_data_todo"


class SiDailyPlan(models.Model):
    """Reminders of the daily plans: a to-do for each rep with the day's
    quotas, and alerts for the team leaders."""

    _inherit = "si.daily.plan"

    def _remind_reps(self):
        """A to-do due today for the rep of each plan, with the quotas."""
        for plan in self:
            note = _("Today: %(followups)d follow-ups, %(visits)d visits, "
                     "%(negos)d negotiations.",
                     followups=plan.quota_followup, visits=plan.quota_visit,
                     negos=plan.quota_negotiation)
            if plan.overdue_count:
                note += " " + _("%d of your tasks are overdue: do them first "
                                "(your team leader is told after a few days).",
                                plan.overdue_count)
            plan.activity_schedule(TODO, date_deadline=plan.date,
                                   summary=_("Daily plan"), note=note,
                                   user_id=plan.user_id.id)

    def _alert_leaders(self, summary):
        for plan in self.filtered("team_leader_id"):
            plan.activity_schedule(TODO, date_deadline=plan.date, summary=summary,
                                   user_id=plan.team_leader_id.id)

    @api.model
    def _alert_unassigned_leads(self, today):
        """A to-do for the leader of each team with open unassigned leads,
        once per day."""
        self.env["crm.lead"].flush_model(["team_id", "user_id", "active", "stage_id"])
        self.env.cr.execute(SQL("""
            SELECT l.team_id, count(*)
              FROM crm_lead l
              JOIN crm_team t ON t.id = l.team_id AND t.user_id IS NOT NULL
         LEFT JOIN crm_stage s ON s.id = l.stage_id
             WHERE l.active AND l.user_id IS NULL
               AND NOT COALESCE(s.is_won, false)
          GROUP BY l.team_id
        """))
        counts = dict(self.env.cr.fetchall())
        if not counts:
            return
        summary = _("Unassigned leads")
        model_id = self.env["ir.model"]._get_id("crm.team")
        already = set(self.env["mail.activity"].search([
            ("res_model", "=", "crm.team"),
            ("res_id", "in", list(counts)),
            ("summary", "=", summary),
            ("date_deadline", "=", today),
        ]).mapped("res_id"))
        activity_type = self.env.ref(TODO)
        # crm.team has no activity mixin: the to-dos are created directly
        self.env["mail.activity"].create([{
            "res_id": team.id,
            "res_model_id": model_id,
            "activity_type_id": activity_type.id,
            "summary": summary,
            "note": self.env._("%d open leads of the team have no salesperson: "
                               "assign them.", counts[team.id]),
            "user_id": team.user_id.id,
            "date_deadline": today,
        } for team in self.env["crm.team"].browse(sorted(set(counts) - already))])
