# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models

from ..tools.daily_quota import (
    conversion_ratios,
    daily_quotas,
    month_bounds,
    working_days,
)

_logger = logging.getLogger(__name__)

# Follow-up channels counted as each kind of planned work (all channels count
# as follow-ups)
QUOTA_CHANNELS = {
    "visit": ("visit", "meeting"),
    "negotiation": ("negotiation",),
}
HISTORY_DAYS = 365


class SiDailyPlan(models.Model):
    """What a rep should do today to stay on target, and what was done."""

    _name = "si.daily.plan"
    _description = "Daily Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, user_id"

    name = fields.Char(
        compute="_compute_name",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        required=True,
        readonly=True,
        index=True,
    )
    date = fields.Date(
        required=True,
        readonly=True,
        index=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        readonly=True,
        index=True,
    )
    team_leader_id = fields.Many2one(
        related="team_id.user_id",
        store=True,
        readonly=True,
        string="Team Leader",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        readonly=True,
    )
    rep_line_id = fields.Many2one(
        comodel_name="si.target.rep.line",
        string="Monthly Target",
        readonly=True,
        ondelete="set null",
    )
    month_target = fields.Monetary(
        readonly=True,
        string="Target of the Month",
    )
    month_actual = fields.Monetary(
        readonly=True,
        string="Achieved This Month",
        help="Actual results of the month when the plan was made.",
    )
    deal_size = fields.Monetary(
        readonly=True,
        string="Average Deal",
        help="The rep's average won deal over the last year.",
    )
    working_days_left = fields.Integer(
        readonly=True,
        help="Working days left in the month, today included.",
    )
    quota_followup = fields.Integer(
        string="Follow-ups Planned",
        readonly=True,
        help="Follow-ups of leads (all channels) to do today.",
    )
    quota_visit = fields.Integer(
        string="Visits Planned",
        readonly=True,
        help="Customer visits and meetings to do today.",
    )
    quota_negotiation = fields.Integer(
        string="Negotiations Planned",
        readonly=True,
        help="Contract negotiations to do today.",
    )
    actual_followup = fields.Integer(
        string="Follow-ups Done",
        readonly=True,
    )
    actual_visit = fields.Integer(
        string="Visits Done",
        readonly=True,
    )
    actual_negotiation = fields.Integer(
        string="Negotiations Done",
        readonly=True,
    )
    completion_rate = fields.Float(
        string="Completion (%)",
        digits=(16, 1),
        readonly=True,
        group_operator="avg",
        help="Work done / work planned, each kind capped at its quota.",
    )
    overdue_count = fields.Integer(
        string="Overdue Tasks",
        readonly=True,
        help="The rep's to-dos past their deadline when the plan was made.",
    )
    overdue_days = fields.Integer(
        string="Oldest Overdue (days)",
        readonly=True,
        help="How late the rep's oldest overdue to-do was when the plan was "
        "made. Beyond the company's overdue threshold (CRM settings) the team "
        "leader is told.",
    )
    no_planned_work = fields.Boolean(
        readonly=True,
        help="The rep had no open to-do nor follow-up plan when the plan was "
        "made: the team leader is alerted.",
    )

    _sql_constraints = [
        ("user_date_uniq", "unique (user_id, date)",
         "A rep has one daily plan per day."),
    ]

    summary = fields.Char(
        compute="_compute_summary",
        string="Done / Planned",
    )

    @api.depends("user_id", "date")
    def _compute_name(self):
        for plan in self:
            plan.name = "%s %s" % (plan.user_id.name or "", plan.date or "")

    @api.depends("quota_followup", "actual_followup", "quota_visit", "actual_visit",
                 "quota_negotiation", "actual_negotiation")
    def _compute_summary(self):
        for plan in self:
            plan.summary = _("Follow-ups %(followup)s, visits %(visit)s, "
                             "negotiations %(negotiation)s") % {
                kind: "%d/%d" % (plan["actual_" + kind], plan["quota_" + kind])
                for kind in ("followup", "visit", "negotiation")}

    # --- business methods ------------------------------------------------------
    @api.multi
    def _refresh_done(self):
        """Count the work done on each plan's day from the follow-up log, in
        one grouped query."""
        if not self.ids:
            return
        self.env.cr.execute("""
            WITH done AS (
                SELECT p.id,
                       count(f.id) AS followups,
                       count(f.id) FILTER (WHERE f.channel IN %(visit)s) AS visits,
                       count(f.id) FILTER (WHERE f.channel IN %(nego)s) AS negos
                  FROM si_daily_plan p
             LEFT JOIN si_lead_followup f
                    ON f.user_id = p.user_id AND f.kind = 'followup'
                   AND f.date >= p.date AND f.date < p.date + 1
                 WHERE p.id IN %(ids)s
              GROUP BY p.id
            )
            UPDATE si_daily_plan p
               SET actual_followup = d.followups,
                   actual_visit = d.visits,
                   actual_negotiation = d.negos,
                   completion_rate = CASE
                       WHEN p.quota_followup + p.quota_visit + p.quota_negotiation = 0
                       THEN 100.0
                       ELSE round(100.0 * (LEAST(d.followups, p.quota_followup)
                                           + LEAST(d.visits, p.quota_visit)
                                           + LEAST(d.negos, p.quota_negotiation))
                                  / (p.quota_followup + p.quota_visit
                                     + p.quota_negotiation), 1)
                   END
              FROM done d
             WHERE d.id = p.id
        """, {"ids": tuple(self.ids), "visit": QUOTA_CHANNELS["visit"],
              "nego": QUOTA_CHANNELS["negotiation"]})
        self.invalidate_cache()

    @api.model
    def _conversion_history(self, users, today):
        """{user_id: (won count, won amount, {kind: count})} over the last
        year: won opportunities and logged follow-ups of each kind."""
        since = fields.Date.to_string(today - timedelta(days=HISTORY_DAYS))
        history = defaultdict(lambda: [0, 0.0, defaultdict(int)])
        cr = self.env.cr
        cr.execute("""
            SELECT l.user_id, count(*), sum(l.planned_revenue)
              FROM crm_lead l JOIN crm_stage s ON s.id = l.stage_id
             WHERE l.active AND s.probability >= 100 AND l.user_id IN %s
               AND l.date_closed >= %s
          GROUP BY l.user_id
        """, (tuple(users.ids), since))
        for user_id, count, amount in cr.fetchall():
            history[user_id][0] = count
            history[user_id][1] = amount or 0.0
        cr.execute("""
            SELECT user_id, count(*),
                   count(*) FILTER (WHERE channel IN %s),
                   count(*) FILTER (WHERE channel IN %s)
              FROM si_lead_followup
             WHERE kind = 'followup' AND user_id IN %s AND date >= %s
          GROUP BY user_id
        """, (QUOTA_CHANNELS["visit"], QUOTA_CHANNELS["negotiation"],
              tuple(users.ids), since))
        for user_id, followups, visits, negos in cr.fetchall():
            history[user_id][2].update(
                followup=followups, visit=visits, negotiation=negos)
        return history

    @api.model
    def _company_working_days(self, company, first, last):
        weekdays = set()
        calendar = company.resource_calendar_id
        for attendance in calendar.attendance_ids:
            weekdays.add(int(attendance.dayofweek))
        return working_days(first, last, tuple(weekdays or range(5)))

    @api.model
    def _prepare_daily_plan(self, rep_line, today, history, days_left,
                            default_deal):
        won, won_amount, counts = history[rep_line.user_id.id]
        ratios, deal_size = conversion_ratios(won, won_amount, counts, default_deal)
        quotas = daily_quotas(rep_line.amount, rep_line.actual_amount, deal_size,
                              ratios, days_left)
        return {
            "user_id": rep_line.user_id.id,
            "date": fields.Date.to_string(today),
            "team_id": rep_line.team_id.id,
            "company_id": rep_line.company_id.id,
            "rep_line_id": rep_line.id,
            "month_target": rep_line.amount,
            "month_actual": rep_line.actual_amount,
            "deal_size": deal_size,
            "working_days_left": days_left,
            "quota_followup": quotas["followup"],
            "quota_visit": quotas["visit"],
            "quota_negotiation": quotas["negotiation"],
        }

    @api.model
    def cron_generate_daily_plans(self, today=None, remind=True):
        """Every morning: today's plan of each rep with a target this month in
        a confirmed plan (created once: re-runs find it), a reminder to-do
        for the rep with the day's quotas and overdue tasks, and alerts for
        the team leader about reps without planned work and teams with
        unassigned leads. `remind` False makes the plans without reminders
        nor alerts (plans of past days)."""
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        month = fields.Date.to_string(today.replace(day=1))
        rep_lines = self.env["si.target.rep.line"].search([
            ("date_month", "=", month),
            ("plan_id.state", "=", "confirmed"),
        ])
        existing = self.with_context(active_test=False).search(
            [("date", "=", fields.Date.to_string(today))])
        planned_users = set(existing.mapped("user_id").ids)
        rep_lines = rep_lines.filtered(lambda r: r.user_id.id not in planned_users)
        created = self.browse()
        if rep_lines:
            users = rep_lines.mapped("user_id")
            history = self._conversion_history(users, today)
            first, last = month_bounds(today)
            deals = [h[1] / h[0] for h in history.values() if h[0]]
            default_deal = sum(deals) / len(deals) if deals else 0.0
            days_cache = {}
            for rep_line in rep_lines:
                company = rep_line.company_id
                if company.id not in days_cache:
                    days = self._company_working_days(company, first, last)
                    days_cache[company.id] = len([d for d in days if d >= today])
                if rep_line.user_id.id in planned_users:
                    continue  # two plans of one rep this month: the first wins
                planned_users.add(rep_line.user_id.id)
                created |= self.create(self._prepare_daily_plan(
                    rep_line, today, history, days_cache[company.id],
                    default_deal))
        created._flag_workload(today)
        if remind:
            created._remind_reps()
            created.filtered("no_planned_work")._alert_leaders(
                _("No planned work: plan follow-ups for this rep"))
            created.filtered(
                lambda p: p.overdue_days > p.company_id.si_anomaly_overdue_days
            )._alert_leaders(_("Tasks overdue for too long: check with this rep"))
            self._alert_unassigned_leads(today)
        (existing | created)._refresh_done()
        return created

    def _flag_workload(self, today):
        """Overdue to-dos and 'no planned work' of each new plan's rep, from
        two grouped queries."""
        if not self:
            return
        users = tuple(self.mapped("user_id").ids)
        cr = self.env.cr
        cr.execute("""
            SELECT user_id,
                   count(*) FILTER (WHERE date_deadline < %(today)s),
                   count(*),
                   COALESCE(%(today)s - min(date_deadline), 0)
              FROM mail_activity WHERE user_id IN %(users)s GROUP BY user_id
        """, {"today": today, "users": users})
        activities = {row[0]: row[1:] for row in cr.fetchall()}
        for plan in self:
            overdue, total, days = activities.get(plan.user_id.id, (0, 0, 0))
            plan.write({"overdue_count": overdue, "no_planned_work": not total,
                        "overdue_days": max(days, 0) if overdue else 0})

    def _remind_reps(self):
        """A to-do due today for the rep of each plan, with the quotas."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for plan in self:
            note = _("Today: %(followups)d follow-ups, %(visits)d visits, "
                     "%(negos)d negotiations.") % {
                "followups": plan.quota_followup, "visits": plan.quota_visit,
                "negos": plan.quota_negotiation}
            if plan.overdue_count:
                note += " " + _("%d of your tasks are overdue: do them first "
                                "(your team leader is told after a few "
                                "days).") % plan.overdue_count
            plan._schedule_todo(todo, plan.user_id, _("Daily plan"), note)

    def _alert_leaders(self, summary):
        todo = self.env.ref("mail.mail_activity_data_todo")
        for plan in self.filtered("team_leader_id"):
            plan._schedule_todo(todo, plan.team_leader_id, summary, False)

    def _schedule_todo(self, activity_type, user, summary, note):
        self.ensure_one()
        self.env["mail.activity"].create({
            "res_id": self.id,
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "activity_type_id": activity_type.id,
            "summary": summary,
            "note": note,
            "user_id": user.id,
            "date_deadline": self.date,
        })

    @api.model
    def _alert_unassigned_leads(self, today):
        """A to-do for the leader of each team with open unassigned leads,
        once per day."""
        self.env.cr.execute("""
            SELECT l.team_id, count(*)
              FROM crm_lead l
              JOIN crm_team t ON t.id = l.team_id AND t.user_id IS NOT NULL
         LEFT JOIN crm_stage s ON s.id = l.stage_id
             WHERE l.active AND l.user_id IS NULL
               AND COALESCE(s.probability, 0) < 100
          GROUP BY l.team_id
        """)
        counts = dict(self.env.cr.fetchall())
        if not counts:
            return
        summary = _("Unassigned leads")
        model_id = self.env["ir.model"]._get_id("crm.team")
        already = set(self.env["mail.activity"].search([
            ("res_model_id", "=", model_id),
            ("res_id", "in", list(counts)),
            ("summary", "=", summary),
            ("date_deadline", "=", fields.Date.to_string(today)),
        ]).mapped("res_id"))
        todo = self.env.ref("mail.mail_activity_data_todo")
        for team in self.env["crm.team"].browse(set(counts) - already):
            self.env["mail.activity"].create({
                "res_id": team.id,
                "res_model_id": model_id,
                "activity_type_id": todo.id,
                "summary": summary,
                "note": _("%d open leads of the team have no salesperson: "
                          "assign them.") % counts[team.id],
                "user_id": team.user_id.id,
                "date_deadline": fields.Date.to_string(today),
            })


class SiLeadFollowup(models.Model):
    _inherit = "si.lead.followup"

    @api.model
    def create(self, vals):
        followup = super().create(vals)
        if followup.kind == "followup":
            self.env["si.daily.plan"].search([
                ("user_id", "=", followup.user_id.id),
                ("date", "=", followup.date[:10]),
            ])._refresh_done()
        return followup
