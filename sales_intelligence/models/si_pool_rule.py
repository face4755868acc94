# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools.pool_limits import MAX_DAYS, stale_before, warning_window
from .crm_lead import CHANCE_LEVELS
from .res_partner import CUSTOMER_LEVELS

RECYCLE_TRIGGERS = [
    ("no_followup", "No follow-up for N days"),
    ("no_progress", "No progress (stage) for N days"),
    ("no_deal", "No deal N days after assignment"),
    ("dead", "Chance level set to none"),
]
# The date each trigger counts its days from; the owner's assignment date
# (date_open) restarts every count, so a freshly claimed lead is not stale.
_TRIGGER_SINCE = {
    "no_followup": SQL("GREATEST(COALESCE(l.last_followup_date, l.create_date), "
                       "COALESCE(l.date_open, l.create_date))"),
    "no_progress": SQL("GREATEST(COALESCE(l.date_last_stage_update, l.create_date), "
                       "COALESCE(l.date_open, l.create_date))"),
    "no_deal": SQL("COALESCE(l.date_open, l.create_date)"),
}
# Customers with a confirmed order or a won opportunity, once per run.
_WON_CUSTOMERS = SQL("""
    DROP TABLE IF EXISTS si_won_customer;
    CREATE TEMP TABLE si_won_customer AS
        SELECT p.commercial_partner_id AS partner_id
          FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
         WHERE so.state = 'sale'
         UNION
        SELECT p.commercial_partner_id
          FROM crm_lead l
          JOIN crm_stage s ON s.id = l.stage_id
          JOIN res_partner p ON p.id = l.partner_id
         WHERE s.is_won;
    CREATE INDEX ON si_won_customer (partner_id);
    ANALYZE si_won_customer;
""")
# What the rules read, flushed before their queries.
_LEAD_FIELDS = [
    "active", "rejected", "user_id", "pool_id", "stage_id", "pool_protected_until",
    "company_id", "team_id", "chance_level", "si_region_id", "partner_id",
    "followup_frequency", "last_followup_date", "date_open",
    "date_last_stage_update", "pool_warning_date",
]


class SiPoolRule(models.Model):
    """When an owned lead goes back to a pool."""

    _name = "si.pool.rule"
    _inherit = ["si.name.limit.mixin"]
    _description = "Lead Pool Recycling Rule"
    _order = "sequence, id"

    pool_id = fields.Many2one(
        comodel_name="si.lead.pool",
        string="Pool",
        required=True,
        ondelete="cascade",
        index=True,
    )
    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    active = fields.Boolean(
        default=True,
    )
    trigger = fields.Selection(
        selection=RECYCLE_TRIGGERS,
        required=True,
        default="no_followup",
    )
    days = fields.Integer(
        default=30,
        help="Days without follow-up, progress or deal, counted from the "
        "later of that event and the lead's assignment to its owner.",
    )
    warn_days = fields.Integer(
        string="Warn Owner (days before)",
        default=3,
        help="The owner gets a to-do this many days before the lead is "
        "recycled (0: no warning).",
    )
    team_ids = fields.Many2many(
        comodel_name="crm.team",
        string="Teams",
        help="Leads of these teams only. Empty: the pool's team, or all teams "
        "when the pool has none.",
    )
    chance_level = fields.Selection(
        selection=CHANCE_LEVELS,
        help="Only leads with this chance level, so that e.g. low-chance "
        "leads are recycled sooner.",
    )
    customer_level = fields.Selection(
        selection=CUSTOMER_LEVELS,
        help="Only leads of customers of this level.",
    )
    region_ids = fields.Many2many(
        comodel_name="si.region",
        help="Only leads of these sales regions. Empty: all regions.",
    )
    exempt_won_customers = fields.Boolean(
        default=True,
        help="Leads of customers with a confirmed order or a won deal stay "
        "with their owner.",
    )
    exempt_open_quotation = fields.Boolean(
        string="Exempt Open Quotations",
        default=True,
        help="Leads with a quotation in progress stay with their owner.",
    )
    exempt_active_plan = fields.Boolean(
        string="Exempt Active Follow-up Plans",
        default=False,
        help="Leads on a follow-up plan stay with their owner.",
    )

    @api.constrains("trigger", "days", "warn_days")
    def _check_days(self):
        for rule in self:
            if rule.trigger != "dead" and rule.days < 1:
                raise ValidationError(
                    _("The rule \"%s\" needs at least one day.", rule.name))
            if max(rule.days, rule.warn_days) > MAX_DAYS:
                raise ValidationError(_(
                    "The days of the rule \"%(rule)s\" cannot exceed %(max)s.",
                    rule=rule.name, max=MAX_DAYS))
            if rule.warn_days < 0 or (rule.trigger != "dead"
                                      and rule.warn_days >= rule.days):
                raise ValidationError(_(
                    "The warning of the rule \"%(rule)s\" must come between 0 "
                    "and %(days)s days before the recycling.",
                    rule=rule.name, days=rule.days))

    # --- the queries ----------------------------------------------------------------
    def _candidates(self, after_id, limit, extra, high=None):
        """SQL selecting the ids of owned open leads this rule may act on,
        above `after_id` (and up to `high` when given), with the rule's
        filters and exemptions and the `extra` condition of the action. The
        leads are locked for the batch; one a user is editing at this moment
        is skipped, not waited for, and handled by the next run."""
        self.ensure_one()
        pool = self.pool_id
        teams = self.team_ids or pool.team_id
        where = [
            SQL("l.id > %s", after_id),
            SQL("l.active AND NOT COALESCE(l.rejected, false)"),
            SQL("l.user_id IS NOT NULL AND l.pool_id IS NULL"),
            SQL("NOT COALESCE(s.is_won, false)"),
            SQL("(l.pool_protected_until IS NULL OR l.pool_protected_until < %s)",
                fields.Date.context_today(self)),
            SQL("l.company_id = %s", pool.company_id.id),
            extra,
        ]
        if high:
            where.append(SQL("l.id <= %s", high))
        if teams:
            where.append(SQL("l.team_id = ANY(%s)", teams.ids))
        if self.chance_level:
            where.append(SQL("l.chance_level = %s", self.chance_level))
        if self.customer_level:
            where.append(SQL("p.si_customer_level = %s", self.customer_level))
        if self.region_ids:
            where.append(SQL("l.si_region_id = ANY(%s)", self.region_ids.ids))
        if self.exempt_won_customers:
            where.append(SQL(
                "(p.commercial_partner_id IS NULL OR p.commercial_partner_id "
                "NOT IN (SELECT partner_id FROM si_won_customer))"))
        if self.exempt_open_quotation:
            where.append(SQL(
                "NOT EXISTS (SELECT 1 FROM sale_order so WHERE so.opportunity_id "
                "= l.id AND so.state IN ('draft', 'sent'))"))
        if self.exempt_active_plan:
            where.append(SQL("l.followup_frequency = 'none'"))
        return SQL("""
            SELECT l.id
              FROM crm_lead l
              LEFT JOIN crm_stage s ON s.id = l.stage_id
              LEFT JOIN res_partner p ON p.id = l.partner_id
             WHERE %s
          ORDER BY l.id
             LIMIT %s
               FOR UPDATE OF l SKIP LOCKED
        """, SQL(" AND ").join(where), limit)

    def _recycle_condition(self, now):
        if self.trigger == "dead":
            return SQL("l.chance_level = 'none'")
        return SQL("%s < %s", _TRIGGER_SINCE[self.trigger],
                   stale_before(now, self.days))

    def _warning_condition(self, now):
        """Leads recycled within `warn_days`, not warned since their rule date."""
        window = warning_window(now, self.days, self.warn_days)
        if self.trigger == "dead" or not window:
            return None
        since = _TRIGGER_SINCE[self.trigger]
        return SQL("%s >= %s AND %s < %s AND (l.pool_warning_date IS NULL "
                   "OR l.pool_warning_date < (%s)::date)",
                   since, window[0], since, window[1], since)

    def _reason(self):
        trigger = dict(self._fields["trigger"]._description_selection(self.env))
        return _("Recycled by the rule \"%(rule)s\" (%(trigger)s, %(days)s days).",
                 rule=self.name, trigger=trigger[self.trigger], days=self.days)

    # --- the job ------------------------------------------------------------------
    def _run(self, batch_size, low=0, high=None):
        """Warn, then recycle, rule by rule, `batch_size` leads at a time in
        id order (of the leads with low < id <= high when given: one chunk
        job of the queue); each batch is committed (never in tests, nor
        inside a job of the queue, which commits it). Returns (warned,
        recycled)."""
        Lead = self.env["crm.lead"]
        warned = recycled = 0
        if not self:
            return warned, recycled
        # the rules read leads, partners, orders and stages in SQL
        self.env.flush_all()
        self.env.cr.execute(SQL("SET LOCAL jit = off"))
        self.env.cr.execute(_WON_CUSTOMERS)
        now = fields.Datetime.now()
        for rule in self:
            for action in (rule._warn_batch, rule._recycle_batch):
                after_id = low
                while True:
                    Lead.flush_model(_LEAD_FIELDS)
                    done, after_id = action(now, after_id, batch_size, high)
                    if action == rule._warn_batch:
                        warned += done
                    else:
                        recycled += done
                    if not after_id:
                        break
                    Lead._commit_batch(done=warned + recycled, remaining=1)
        Lead._commit_batch(done=warned + recycled, remaining=0)
        return warned, recycled

    def _warn_batch(self, now, after_id, limit, high=None):
        """A to-do for the owners of a batch of leads this rule will recycle
        within `warn_days`, once per stretch of inactivity. Returns (leads
        warned, last id or 0 when the rule has no more)."""
        condition = self._warning_condition(now)
        if condition is None:
            return 0, 0
        self.env.cr.execute(self._candidates(after_id, limit, condition, high))
        ids = [row[0] for row in self.env.cr.fetchall()]
        if not ids:
            return 0, 0
        self.env.cr.execute(SQL(
            "UPDATE crm_lead SET pool_warning_date = %s WHERE id = ANY(%s)",
            fields.Date.context_today(self), ids))
        leads = self.env["crm.lead"].browse(ids)
        leads.invalidate_recordset(["pool_warning_date"])
        self.env["mail.activity"]._si_bulk_schedule(
            leads, "user_id", "name",
            self.env.ref("sales_intelligence.mail_activity_type_followup"),
            _("Follow up within %(days)s days or the lead goes back to the "
              "pool \"%(pool)s\"", days=self.warn_days, pool=self.pool_id.name))
        return len(ids), ids[-1] if len(ids) == limit else 0

    def _recycle_batch(self, now, after_id, limit, high=None):
        """Recycle a batch of the leads this rule selects into its pool, through
        the ownership function. Returns (leads recycled, last id or 0)."""
        self.env.cr.execute(self._candidates(
            after_id, limit, self._recycle_condition(now), high))
        ids = [row[0] for row in self.env.cr.fetchall()]
        if not ids:
            return 0, 0
        self.env["crm.lead"].browse(ids)._si_change_owner(
            "recycle", pool=self.pool_id, reason=self._reason())
        return len(ids), ids[-1] if len(ids) == limit else 0
