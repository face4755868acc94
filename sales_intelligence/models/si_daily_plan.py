# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools.column_arrays import unnest_rows
from ..tools.daily_quota import (
    average_deal,
    conversion_ratios,
    daily_quotas,
    days_left,
    month_bounds,
    plan_completion,
    working_days,
)

_logger = logging.getLogger(__name__)

# Follow-up channels counted as each kind of planned work (all channels count
# as follow-ups)
QUOTA_CHANNELS = {
    "visit": ("visit", "meeting"),
    "negotiation": ("negotiation",),
}
QUOTA_KINDS = ("followup", "visit", "negotiation")
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
        string="Team Leader",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
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
        aggregator="avg",
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
    summary = fields.Char(
        compute="_compute_summary",
        string="Done / Planned",
    )

    _sql_constraints = [
        ("user_date_uniq", "unique (user_id, date)",
         "A rep has one daily plan per day."),
    ]

    @api.depends("user_id", "date")
    def _compute_name(self):
        for plan in self:
            plan.name = "%s %s" % (plan.user_id.name or "",
                                   fields.Date.to_string(plan.date) or "")

    @api.depends("quota_followup", "actual_followup", "quota_visit", "actual_visit",
                 "quota_negotiation", "actual_negotiation")
    def _compute_summary(self):
        for plan in self:
            done = {kind: "%d/%d" % (plan["actual_" + kind], plan["quota_" + kind])
                    for kind in QUOTA_KINDS}
            plan.summary = _("Follow-ups %(followup)s, visits %(visit)s, "
                             "negotiations %(negotiation)s", **done)

    # --- work done ---------------------------------------------------------------
    def _refresh_done(self):
        """Count the work done on each plan's day (in its rep's time zone)
        from the follow-up log, in one grouped query, and write it with the
        completion in one update."""
        if not self.ids:
            return
        self.env["si.lead.followup"].flush_model(["user_id", "kind", "date", "channel"])
        self.flush_recordset(["user_id", "date"])
        cr = self.env.cr
        cr.execute(SQL("""
            SELECT p.id,
                   count(f.id),
                   count(f.id) FILTER (WHERE f.channel IN %(visit)s),
                   count(f.id) FILTER (WHERE f.channel IN %(nego)s)
              FROM si_daily_plan p
              JOIN res_users u ON u.id = p.user_id
              JOIN res_partner rp ON rp.id = u.partner_id
         LEFT JOIN si_lead_followup f
                ON f.user_id = p.user_id AND f.kind = 'followup'
               -- the plan's day is the rep's: its bounds in the rep's time
               -- zone (else the one the plans are made in), in UTC as
               -- follow-up dates are stored
               AND f.date >= (p.date::timestamp
                              AT TIME ZONE COALESCE(rp.tz, %(tz)s)) AT TIME ZONE 'UTC'
               AND f.date < ((p.date + 1)::timestamp
                             AT TIME ZONE COALESCE(rp.tz, %(tz)s)) AT TIME ZONE 'UTC'
             WHERE p.id IN %(ids)s
          GROUP BY p.id
        """, ids=tuple(self.ids),
                       tz=self.env.context.get("tz") or self.env.user.tz or "UTC",
                       visit=QUOTA_CHANNELS["visit"],
                       nego=QUOTA_CHANNELS["negotiation"]))
        done = {row[0]: dict(zip(QUOTA_KINDS, row[1:])) for row in cr.fetchall()}
        rows = []
        for plan in self:
            counts = done.get(plan.id, {})
            quotas = {kind: plan["quota_" + kind] for kind in QUOTA_KINDS}
            rows.append((plan.id, counts.get("followup", 0), counts.get("visit", 0),
                         counts.get("negotiation", 0),
                         plan_completion(quotas, counts)))
        cr.execute(SQL("""
            UPDATE si_daily_plan p
               SET actual_followup = v.followups, actual_visit = v.visits,
                   actual_negotiation = v.negos, completion_rate = v.completion
              FROM %s
             WHERE v.id = p.id
               AND (p.actual_followup, p.actual_visit, p.actual_negotiation,
                    p.completion_rate)
                   IS DISTINCT FROM (v.followups, v.visits, v.negos, v.completion)
        """, unnest_rows(rows, [("id", "int"), ("followups", "int"), ("visits", "int"),
                                ("negos", "int"), ("completion", "float8")])))
        self.invalidate_recordset(["actual_followup", "actual_visit",
                                   "actual_negotiation", "completion_rate"])

    # --- quotas ------------------------------------------------------------------
    @api.model
    def _conversion_history(self, users, today):
        """{user_id: (won count, won amount, {kind: count})} over the last
        year: won opportunities and logged follow-ups of each kind."""
        since = today - timedelta(days=HISTORY_DAYS)
        history = defaultdict(lambda: [0, 0.0, defaultdict(int)])
        self.env["crm.lead"].flush_model(["user_id", "stage_id", "active",
                                          "expected_revenue", "date_closed"])
        self.env["si.lead.followup"].flush_model(["user_id", "kind", "date", "channel"])
        cr = self.env.cr
        cr.execute(SQL("""
            SELECT l.user_id, count(*), sum(l.expected_revenue)
              FROM crm_lead l JOIN crm_stage s ON s.id = l.stage_id
             WHERE l.active AND s.is_won AND l.user_id IN %s
               AND l.date_closed >= %s
          GROUP BY l.user_id
        """, tuple(users.ids), since))
        for user_id, count, amount in cr.fetchall():
            history[user_id][0] = count
            history[user_id][1] = amount or 0.0
        cr.execute(SQL("""
            SELECT user_id, count(*),
                   count(*) FILTER (WHERE channel IN %s),
                   count(*) FILTER (WHERE channel IN %s)
              FROM si_lead_followup
             WHERE kind = 'followup' AND user_id IN %s AND date >= %s
          GROUP BY user_id
        """, QUOTA_CHANNELS["visit"], QUOTA_CHANNELS["negotiation"],
                       tuple(users.ids), since))
        for user_id, followups, visits, negos in cr.fetchall():
            history[user_id][2].update(
                followup=followups, visit=visits, negotiation=negos)
        return history

    @api.model
    def _company_working_days(self, company, first, last):
        weekdays = {int(attendance.dayofweek)
                    for attendance in company.resource_calendar_id.attendance_ids}
        return working_days(first, last, tuple(weekdays or range(5)))

    @api.model
    def _prepare_daily_plan(self, rep_line, today, history, left, default_deal):
        won, won_amount, counts = history[rep_line.user_id.id]
        ratios, deal_size = conversion_ratios(won, won_amount, counts, default_deal)
        quotas = daily_quotas(rep_line.amount, rep_line.actual_amount, deal_size,
                              ratios, left)
        return {
            "user_id": rep_line.user_id.id,
            "date": today,
            "team_id": rep_line.team_id.id,
            "company_id": rep_line.company_id.id,
            "rep_line_id": rep_line.id,
            "month_target": rep_line.amount,
            "month_actual": rep_line.actual_amount,
            "deal_size": deal_size,
            "working_days_left": left,
            "quota_followup": quotas["followup"],
            "quota_visit": quotas["visit"],
            "quota_negotiation": quotas["negotiation"],
        }

    @api.model
    def _cron_generate_daily_plans(self, today=None, remind=True, batch_size=2000):
        """Every morning: today's plan of each rep with a target this month in
        a confirmed plan (created once: re-runs find it and change nothing), a
        reminder to-do for the rep with the day's quotas and overdue tasks,
        and alerts for the team leader about reps without planned work and
        teams with unassigned leads. At most `batch_size` plans per call: the
        scheduler commits each call and calls again while reps remain.
        `remind` False makes the plans without reminders nor alerts (plans of
        past days)."""
        today = fields.Date.to_date(today) or fields.Date.context_today(self)
        rep_lines = self.env["si.target.rep.line"].search([
            ("date_month", "=", today.replace(day=1)),
            ("plan_id.state", "=", "confirmed"),
        ], order="user_id, plan_id, id")
        existing = self.with_context(active_test=False).search([("date", "=", today)])
        planned_users = set(existing.user_id.ids)
        # two plans of one rep this month: the first wins
        todo_ids = []
        for rep_line in rep_lines:
            if rep_line.user_id.id not in planned_users:
                planned_users.add(rep_line.user_id.id)
                todo_ids.append(rep_line.id)
        todo = rep_lines.browse(todo_ids)
        batch, rest = todo[:batch_size], todo[batch_size:]
        created = self.browse()
        if batch:
            history = self._conversion_history(batch.user_id, today)
            first, last = month_bounds(today)
            default_deal = average_deal(history)
            left = {}
            for company in batch.company_id:
                left[company.id] = days_left(
                    self._company_working_days(company, first, last), today)

            def make(rep_lines):
                return self._make_daily_plans(rep_lines, today, remind, [
                    self._prepare_daily_plan(rep_line, today, history,
                                             left[rep_line.company_id.id],
                                             default_deal)
                    for rep_line in rep_lines])
            created = self._isolate_failures(batch, make)
        if remind and not rest:
            self._alert_unassigned_leads(today)
        (existing | created)._refresh_done()
        self.env["ir.cron"]._notify_progress(done=len(created), remaining=len(rest))
        return created

    @api.model
    def _make_daily_plans(self, rep_lines, today, remind, vals_list):
        """Create the plans of `vals_list` (one per rep line), with their
        workload flags, reminders and alerts; returns them."""
        created = self.create(vals_list)
        created._flag_workload(today)
        if remind:
            created._remind_reps()
            created.filtered("no_planned_work")._alert_leaders(
                _("No planned work: plan follow-ups for this rep"))
            created.filtered(
                lambda p: p.overdue_days > p.company_id.si_anomaly_overdue_days
            )._alert_leaders(_("Tasks overdue for too long: check with this rep"))
        return created

    @api.model
    def _isolate_failures(self, rep_lines, make):
        """`make(rep_lines)` for the whole batch at once; when it fails, again
        rep by rep, each in its own savepoint: a rep whose plan fails is
        logged with the reason and skipped (its plan is made by the next run),
        the others get theirs."""
        try:
            with self.env.cr.savepoint():
                return make(rep_lines)
        # one bad rep (data, calendar, e-mail) must not stop the others
        except Exception as error:  # pylint: disable=broad-except
            _logger.info("Daily plans of %s reps made one by one: %s",
                         len(rep_lines), error)
        created = self.browse()
        for rep_line in rep_lines:
            try:
                with self.env.cr.savepoint():
                    created |= make(rep_line)
            except Exception as error:  # pylint: disable=broad-except
                _logger.warning("Daily plan of user %s not made: %s",
                                rep_line.user_id.id, error)
        return created

    def _flag_workload(self, today):
        """Overdue to-dos and 'no planned work' of each new plan's rep, from
        one grouped query."""
        if not self:
            return
        self.env["mail.activity"].flush_model(["user_id", "date_deadline", "active"])
        cr = self.env.cr
        cr.execute(SQL("""
            SELECT user_id,
                   count(*) FILTER (WHERE date_deadline < %(today)s),
                   count(*),
                   COALESCE(%(today)s - min(date_deadline), 0)
              FROM mail_activity
             WHERE active AND user_id IN %(users)s
          GROUP BY user_id
        """, today=today, users=tuple(self.user_id.ids)))
        activities = {row[0]: row[1:] for row in cr.fetchall()}
        for plan in self:
            overdue, total, days = activities.get(plan.user_id.id, (0, 0, 0))
            plan.write({"overdue_count": overdue, "no_planned_work": not total,
                        "overdue_days": max(days, 0) if overdue else 0})
