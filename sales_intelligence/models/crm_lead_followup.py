# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lead follow-up: log, plan and next follow-up, dormancy, follow-up figures."""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.day_ages import COMPARISONS, age_bounds, day_start_utc

FOLLOWUP_FREQUENCIES = [
    ("none", "No Plan"),
    ("daily", "Daily"),
    ("weekly", "Weekly"),
    ("monthly", "Monthly"),
    ("custom", "Every N Days"),
]
FREQUENCY_DAYS = {"daily": 1, "weekly": 7, "monthly": 30}
# Fields whose direct change on a lead is written to the follow-up log
LOGGED_FIELDS = ("chance_level", "stage_id")
STATS_FIELDS = [
    "followup_count",
    "last_followup_date",
    "followup_avg_interval",
    "is_dormant",
]


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # --- follow-up log and plan -------------------------------------------
    followup_ids = fields.One2many(
        comodel_name="si.lead.followup",
        inverse_name="lead_id",
        string="Follow-ups",
    )
    followup_count = fields.Integer(
        string="# Follow-ups",
        readonly=True,
        index=True,
        help="Contacts logged with this lead (not counting field changes).",
    )
    last_followup_date = fields.Datetime(
        string="Last Follow-up",
        readonly=True,
        index=True,
    )
    days_since_followup = fields.Integer(
        string="Days Without Follow-up",
        compute="_compute_days_since_followup",
        search="_search_days_since_followup",
        help="Days since the last follow-up, or since the lead was received "
        "when it has none (in your time zone).",
    )
    followup_avg_interval = fields.Float(
        string="Average Interval (days)",
        readonly=True,
        digits=(16, 1),
        help="Average number of days between two follow-ups.",
    )
    followup_frequency = fields.Selection(
        selection=FOLLOWUP_FREQUENCIES,
        string="Follow-up Plan",
        default="none",
        required=True,
        help="How often the owner should follow this lead up. A to-do is "
        "scheduled for the owner and moved after each follow-up.",
    )
    followup_interval_days = fields.Integer(
        string="Every (days)",
        default=14,
    )
    next_followup_date = fields.Date(
        string="Next Follow-up",
        readonly=True,
        index=True,
    )
    followup_activity_id = fields.Many2one(
        comodel_name="mail.activity",
        string="Planned Follow-up",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        copy=False,
    )

    # --- dormant leads -------------------------------------------------------
    is_dormant = fields.Boolean(
        string="Dormant",
        readonly=True,
        index=True,
        copy=False,
        help="Set by the dormant-lead rules; cleared by the next follow-up.",
    )
    dormant_since = fields.Date(
        readonly=True,
        copy=False,
    )
    dormant_rule_id = fields.Many2one(
        comodel_name="si.dormant.rule",
        string="Dormant Rule",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        copy=False,
    )

    # --- computed figures ------------------------------------------------------
    @api.depends("last_followup_date", "create_date")
    @api.depends_context("tz")
    def _compute_days_since_followup(self):
        # computed from the stored moments, not stored: a stored age would
        # change on every lead every night
        today = fields.Date.context_today(self)
        for lead in self:
            moment = lead.last_followup_date or lead.create_date
            lead.days_since_followup = (
                today - fields.Date.context_today(lead, moment)).days if moment else 0

    def _search_days_since_followup(self, operator, value):
        if operator not in COMPARISONS or isinstance(value, bool) \
                or not isinstance(value, int):
            raise UserError(_("Days without follow-up can only be compared with "
                              "a whole number of days."))
        tz_name = self.env.context.get("tz") or self.env.user.tz
        domain = []
        for bound, day in age_bounds(operator, value, fields.Date.context_today(self)):
            moment = day_start_utc(day, tz_name)
            domain = expression.AND([domain, [
                "|", "&", ("last_followup_date", "!=", False),
                ("last_followup_date", bound, moment),
                "&", ("last_followup_date", "=", False), ("create_date", bound, moment),
            ]])
        return ["!", *domain] if operator == "!=" else domain

    # --- constraints -----------------------------------------------------------
    @api.constrains("followup_frequency", "followup_interval_days")
    def _check_followup_interval(self):
        for lead in self:
            if lead.followup_frequency == "custom" and lead.followup_interval_days < 1:
                raise ValidationError(
                    _("The follow-up interval must be at least one day."))

    # --- CRUD ---------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads.filtered(
            lambda rec: rec.followup_frequency != "none")._schedule_next_followup()
        return leads

    def write(self, vals):
        logged = not self.env.context.get("si_followup_logged") and any(
            name in vals for name in LOGGED_FIELDS)
        if logged:
            before = {lead.id: (lead.chance_level, lead.stage_id.id) for lead in self}
        res = super().write(vals)
        if logged:
            self._log_direct_changes(before)
        if {"followup_frequency", "followup_interval_days", "user_id"} & set(vals):
            # leads without plan nor planned to-do have nothing to move
            self.filtered(lambda rec: rec.followup_frequency != "none"
                          or rec.followup_activity_id)._schedule_next_followup()
        return res

    # --- actions --------------------------------------------------------------------
    def action_log_followup(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence.si_lead_followup_wizard_action")
        action["context"] = {"default_lead_id": self.id}
        return action

    def action_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence.si_lead_followup_action")
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id}
        return action

    # --- business methods ------------------------------------------------------
    def _log_direct_changes(self, before):
        self.env["si.lead.followup"].create([{
            "lead_id": lead.id,
            "kind": "change",
            "channel": False,
            "chance_before": before[lead.id][0],
            "chance_after": lead.chance_level,
            "stage_before_id": before[lead.id][1],
            "stage_after_id": lead.stage_id.id,
        } for lead in self
            if before[lead.id] != (lead.chance_level, lead.stage_id.id)])

    def _followup_period_days(self):
        self.ensure_one()
        if self.followup_frequency == "custom":
            return self.followup_interval_days
        return FREQUENCY_DAYS.get(self.followup_frequency)

    def _prepare_followup_activity_summary(self):
        self.ensure_one()
        plans = dict(
            self._fields["followup_frequency"]._description_selection(self.env))
        return _("Follow up (plan: %s)", plans[self.followup_frequency])

    def _schedule_next_followup(self, next_date=None):
        """Keep one planned follow-up to-do per lead with a plan, for its owner,
        `next_date` or one period after the last follow-up (or today)."""
        today = fields.Date.context_today(self)
        next_date = fields.Date.to_date(next_date)
        for lead in self:
            days = lead._followup_period_days()
            # a to-do marked done is archived, or deleted: the next one is new
            activity = lead.followup_activity_id.exists().filtered("active")
            if not lead.active or not lead.user_id or not (days or next_date):
                activity.unlink()
                lead._write_followup_plan(False, next_date)
                continue
            if next_date:
                next_day = next_date
            else:
                last = lead.last_followup_date
                start = last.date() if last else today
                next_day = max(start + timedelta(days=days), today)
            if activity:
                activity.write({"date_deadline": next_day, "user_id": lead.user_id.id})
            else:
                activity = lead.activity_schedule(
                    "sales_intelligence.mail_activity_type_followup",
                    date_deadline=next_day,
                    summary=lead._prepare_followup_activity_summary(),
                    user_id=lead.user_id.id,
                )
            lead._write_followup_plan(activity, next_day)

    def _write_followup_plan(self, activity, next_date):
        """Store the planned to-do and its date when they changed (a follow-up
        on a lead without plan writes nothing on the lead)."""
        self.ensure_one()
        if (self.followup_activity_id, self.next_followup_date) != (
                activity or self.followup_activity_id.browse(), next_date or False):
            self.with_context(si_followup_logged=True).write({
                "followup_activity_id": activity.id if activity else False,
                "next_followup_date": next_date,
            })

    def _refresh_followup_stats(self):
        """Recompute the follow-up figures of these leads in one query and wake
        them up from dormancy when they were followed up."""
        if not self.ids:
            return
        self.env["si.lead.followup"].flush_model(["lead_id", "kind", "date"])
        self.flush_recordset(STATS_FIELDS + ["dormant_since"])
        self.env.cr.execute(SQL("""
            WITH stats AS (
                SELECT l.id,
                       count(f.id) AS n,
                       max(f.date) AS last,
                       CASE WHEN count(f.id) > 1
                            THEN extract(epoch FROM max(f.date) - min(f.date))
                                 / 86400.0 / (count(f.id) - 1)
                            ELSE 0 END AS avg_interval
                  FROM crm_lead l
             LEFT JOIN si_lead_followup f
                    ON f.lead_id = l.id AND f.kind = 'followup'
                 WHERE l.id = ANY(%s)
              GROUP BY l.id
            )
            UPDATE crm_lead l
               SET followup_count = s.n,
                   last_followup_date = s.last,
                   followup_avg_interval = s.avg_interval,
                   is_dormant = l.is_dormant AND (s.last IS NULL
                       OR s.last::date < COALESCE(l.dormant_since, current_date))
              FROM stats s
             WHERE s.id = l.id
        """, list(self.ids)))
        self.invalidate_recordset([*STATS_FIELDS, "days_since_followup"])

    def _create_dormant_activities(self):
        """A follow-up to-do for the owner of each of these (newly dormant)
        leads, due today; one INSERT for the whole batch."""
        self.env["mail.activity"]._si_bulk_schedule(
            self, "user_id", "name",
            self.env.ref("sales_intelligence.mail_activity_type_followup"),
            _("Dormant lead: follow it up to bring it back to life"))
