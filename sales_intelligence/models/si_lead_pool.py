# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time
from datetime import timedelta

import psycopg2
from psycopg2 import errorcodes

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .crm_lead import CHANCE_LEVELS
from .res_partner import CUSTOMER_LEVELS

_logger = logging.getLogger(__name__)

RECYCLE_TRIGGERS = [
    ("no_followup", "No follow-up for N days"),
    ("no_progress", "No progress (stage) for N days"),
    ("no_deal", "No deal N days after assignment"),
    ("dead", "Chance level set to none"),
]
# The date each trigger counts its days from; the owner's assignment date
# (date_open) restarts every count, so a freshly claimed lead is not stale.
_TRIGGER_SINCE = {
    "no_followup": "GREATEST(COALESCE(l.last_followup_date, l.create_date), "
                   "COALESCE(l.date_open, l.create_date))",
    "no_progress": "GREATEST(COALESCE(l.date_last_stage_update, l.create_date), "
                   "COALESCE(l.date_open, l.create_date))",
    "no_deal": "COALESCE(l.date_open, l.create_date)",
}
# Owned open leads a rule may recycle, with the rule's filters and
# exemptions; values always come as query parameters.
_CANDIDATES = """
    SELECT l.id
      FROM crm_lead l
      LEFT JOIN crm_stage s ON s.id = l.stage_id
      LEFT JOIN res_partner p ON p.id = l.partner_id
     WHERE l.id > %(low)s AND l.id <= %(high)s
       AND l.active AND NOT COALESCE(l.rejected, false)
       AND l.user_id IS NOT NULL AND l.pool_id IS NULL
       AND COALESCE(s.probability, 0) < 100
       AND (l.pool_protected_until IS NULL OR l.pool_protected_until < current_date)
       AND (%(company)s IS NULL OR l.company_id = %(company)s)
       AND (%(teams)s::int[] IS NULL OR l.team_id = ANY(%(teams)s::int[]))
       AND (%(chance)s IS NULL OR l.chance_level = %(chance)s)
       AND (%(level)s IS NULL OR p.si_customer_level = %(level)s)
       AND (%(regions)s::int[] IS NULL OR l.si_region_id = ANY(%(regions)s::int[]))
       AND (NOT %(exempt_won)s OR p.commercial_partner_id IS NULL
            OR p.commercial_partner_id NOT IN (SELECT partner_id FROM si_won_customer))
       AND (NOT %(exempt_quote)s OR NOT EXISTS (
                SELECT 1 FROM sale_order so
                 WHERE so.opportunity_id = l.id AND so.state IN ('draft', 'sent')))
       AND (NOT %(exempt_plan)s OR l.followup_frequency = 'none')
"""
# Customers with a confirmed order or a won opportunity, once per run.
_WON_CUSTOMERS = """
    DROP TABLE IF EXISTS si_won_customer;
    CREATE TEMP TABLE si_won_customer AS
        SELECT p.commercial_partner_id AS partner_id
          FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
         WHERE so.state IN ('sale', 'done')
         UNION
        SELECT p.commercial_partner_id
          FROM crm_lead l
          JOIN crm_stage s ON s.id = l.stage_id
          JOIN res_partner p ON p.id = l.partner_id
         WHERE s.probability >= 100;
    CREATE INDEX ON si_won_customer (partner_id);
    ANALYZE si_won_customer;
"""


# Odoo's rule for reps on crm.lead, and the product's: pooled leads are shown
# to the reps of the pools they see, not to every rep, and a team leader sees
# the leads of the team.
ODOO_LEAD_RULE = "['|',('user_id','=',user.id),('user_id','=',False)]"
POOL_LEAD_RULE = (
    "['|', '|', ('user_id', '=', user.id), ('team_id.user_id', '=', user.id), "
    "'&', ('user_id', '=', False), "
    "'|', ('pool_id', '=', False), '&', ('pool_id', 'in', user.si_pool_ids.ids), "
    "'|', ('previous_user_id', '!=', user.id), "
    "('pool_id.previous_owner_visible', '=', True)]"
)


class SiLeadPool(models.Model):
    """A lead pool (公海池): leads without owner that reps may claim, filled by
    the recycling rules and by reps releasing leads, with claim limits."""

    _name = "si.lead.pool"
    _description = "Lead Pool"
    _order = "sequence, id"

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
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.user.company_id,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        help="The team whose leads this pool receives by default; its reps "
        "see the pool when no visibility is set below.",
    )
    rule_ids = fields.One2many(
        comodel_name="si.pool.rule",
        inverse_name="pool_id",
        string="Recycling Rules",
    )
    visible_team_ids = fields.Many2many(
        comodel_name="crm.team",
        relation="si_lead_pool_visible_team_rel",
        string="Visible to Teams",
        help="Reps of these teams see and claim the pool's leads. Empty with "
        "no users below: the pool's team, or everyone without a team.",
    )
    visible_user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="si_lead_pool_visible_user_rel",
        string="Visible to Reps",
    )
    previous_owner_visible = fields.Boolean(
        string="Previous Owner Sees the Lead",
        default=True,
        help="Whether the rep who lost or released a lead still sees it in "
        "the pool (they can claim it back after the cool-down).",
    )
    mask_contact = fields.Boolean(
        string="Mask Contact Details",
        default=True,
        help="Reps see phone numbers and e-mail addresses of pooled leads "
        "masked until they claim them.",
    )
    daily_claim_limit = fields.Integer(
        string="Claims per Rep per Day",
        default=10,
        help="Leads a rep may claim from this pool per day (0: no limit); a "
        "rep's own limit on their profile replaces it.",
    )
    hold_limit = fields.Integer(
        string="Most Open Leads Held",
        default=100,
        help="A rep holding this many open leads cannot claim more (0: no "
        "limit); the capacity on the rep's profile replaces it.",
    )
    count_won_customers = fields.Boolean(
        string="Won Customers Count Towards Holding",
        default=True,
        help="Whether leads of customers that already bought count in the "
        "number of leads a rep holds.",
    )
    cooldown_days = fields.Integer(
        string="Cool-down (days)",
        default=7,
        help="Days after a release or recycling before the previous owner may "
        "claim the lead again.",
    )
    protection_days = fields.Integer(
        string="Protection (days)",
        default=7,
        help="Days after a claim during which the lead cannot be recycled.",
    )
    auto_reassign = fields.Boolean(
        string="Re-assign Automatically",
        help="Leads left in the pool go to the best-matching rep of their "
        "team, so that good opportunities do not sink.",
    )
    reassign_after_days = fields.Integer(
        string="Re-assign After (days)",
        default=14,
    )
    lead_count = fields.Integer(
        compute="_compute_lead_count",
        string="# Leads in Pool",
    )

    def _compute_lead_count(self):
        counts = self.env["crm.lead"].read_group(
            [("pool_id", "in", self.ids)], ["pool_id"], ["pool_id"], lazy=False)
        by_pool = {row["pool_id"][0]: row["__count"] for row in counts}
        for pool in self:
            pool.lead_count = by_pool.get(pool.id, 0)

    @api.constrains("daily_claim_limit", "hold_limit", "cooldown_days",
                    "protection_days", "reassign_after_days")
    def _check_limits(self):
        for pool in self:
            if min(pool.daily_claim_limit, pool.hold_limit, pool.cooldown_days,
                   pool.protection_days, pool.reassign_after_days) < 0:
                raise ValidationError(
                    _("The limits and days of the pool \"%s\" cannot be "
                      "negative.") % pool.name)

    @api.model
    def create(self, vals):
        pool = super().create(vals)
        pool._visibility_changed()
        return pool

    @api.multi
    def write(self, vals):
        res = super().write(vals)
        self._visibility_changed()
        return res

    @api.multi
    def unlink(self):
        if self.env["crm.lead"].search_count([("pool_id", "in", self.ids)]):
            raise UserError(_("A pool that still holds leads cannot be deleted: "
                              "assign or move its leads first."))
        res = super().unlink()
        self._visibility_changed()
        return res

    def _visibility_changed(self):
        """The lead record rule depends on which pools a rep sees."""
        self.env["ir.rule"].clear_caches()
        self.env["res.users"].invalidate_cache(["si_pool_ids"])

    @api.model
    def _install_lead_rule(self, domain=POOL_LEAD_RULE):
        rule = self.env.ref("crm.crm_rule_personal_lead", raise_if_not_found=False)
        if rule:
            rule.domain_force = domain

    # --- actions ---------------------------------------------------------------
    @api.multi
    def action_view_leads(self):
        self.ensure_one()
        action = self.env.ref("sales_intelligence.crm_lead_pool_action").read()[0]
        action["domain"] = [("pool_id", "=", self.id)]
        return action

    # --- visibility --------------------------------------------------------------
    @api.model
    def _visible_pool_ids(self, user):
        """Ids of the pools `user` sees (for the lead record rule)."""
        # sudo: the rule is evaluated for any user, who may not read pools'
        # settings nor team memberships; only pool ids are returned.
        pools = self.sudo().search([("company_id", "child_of",
                                     [user.company_id.id])])
        Team = self.env["crm.team"].sudo()
        teams = user.sale_team_id | Team.search([("member_ids", "in", [user.id])])
        visible = []
        for pool in pools:
            if pool.visible_team_ids or pool.visible_user_ids:
                shown = (user in pool.visible_user_ids
                         or bool(teams & pool.visible_team_ids))
            else:
                shown = not pool.team_id or not teams or pool.team_id in teams
            if shown:
                visible.append(pool.id)
        return visible

    # --- claims ------------------------------------------------------------------
    def _limit_for(self, rep, field, rep_field):
        """The pool's limit `field`, replaced by the rep's own when set."""
        own = rep[rep_field] if rep else 0
        return own or self[field]

    def _check_claim(self, leads, user):
        """Refuse the whole claim with a clear message when it breaks a limit."""
        # sudo: the rep's own limits and own claims and releases are counted,
        # whatever the rep may read of profiles and the ownership history.
        rep = self.env["si.rep"].sudo().search([("user_id", "=", user.id)], limit=1)
        now = fields.Datetime.from_string(fields.Datetime.now())
        today = fields.Datetime.to_string(now.replace(hour=0, minute=0, second=0))
        History = self.env["si.lead.assignment"].sudo()
        for pool in leads.mapped("pool_id"):
            pool_leads = leads.filtered(lambda lead: lead.pool_id == pool)
            daily = pool._limit_for(rep, "daily_claim_limit", "max_daily_claims")
            claimed = History.search_count([
                ("kind", "=", "claim"), ("user_id", "=", user.id),
                ("pool_id", "=", pool.id), ("date", ">=", today)])
            if daily and claimed + len(pool_leads) > daily:
                raise UserError(
                    _("You may claim %(limit)s leads per day from the pool "
                      "\"%(pool)s\"; you claimed %(done)s today and asked for "
                      "%(asked)s more. Nothing was claimed.") % {
                        "limit": daily, "pool": pool.name, "done": claimed,
                        "asked": len(pool_leads)})
            hold = pool._limit_for(rep, "hold_limit", "max_open_leads")
            held = pool._held_lead_count(user)
            if hold and held + len(pool_leads) > hold:
                raise UserError(
                    _("You hold %(held)s open leads and may hold at most "
                      "%(limit)s: claiming %(asked)s more from \"%(pool)s\" is "
                      "not possible. Nothing was claimed.") % {
                        "held": held, "limit": hold, "asked": len(pool_leads),
                        "pool": pool.name})
            if pool.cooldown_days:
                since = fields.Datetime.to_string(
                    now - timedelta(days=pool.cooldown_days))
                recent = History.search([
                    ("lead_id", "in", pool_leads.ids),
                    ("previous_user_id", "=", user.id),
                    ("kind", "in", ("release", "recycle")),
                    ("date", ">", since)], limit=1)
                if recent:
                    raise UserError(
                        _("You gave up \"%(lead)s\" less than %(days)s days ago: "
                          "you may claim it again after the cool-down. Nothing "
                          "was claimed.") % {"lead": recent.lead_id.name,
                                             "days": pool.cooldown_days})

    def _held_lead_count(self, user):
        self.ensure_one()
        self.env.cr.execute("""
            SELECT count(*)
              FROM crm_lead l
              LEFT JOIN crm_stage s ON s.id = l.stage_id
              LEFT JOIN res_partner p ON p.id = l.partner_id
             WHERE l.user_id = %(user)s AND l.active
               AND COALESCE(s.probability, 0) < 100
               AND (%(count_won)s OR p.commercial_partner_id IS NULL OR NOT EXISTS (
                    SELECT 1 FROM sale_order so
                      JOIN res_partner sp ON sp.id = so.partner_id
                     WHERE sp.commercial_partner_id = p.commercial_partner_id
                       AND so.state IN ('sale', 'done')))
        """, {"user": user.id, "count_won": self.count_won_customers})
        return self.env.cr.fetchone()[0]

    @api.model
    def _lock_pooled(self, leads):
        """Lock the leads still in a pool without waiting: a lead another rep
        is claiming at this very moment counts as taken."""
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute("""
                    SELECT id FROM crm_lead
                     WHERE id IN %s AND pool_id IS NOT NULL AND user_id IS NULL
                       FOR UPDATE NOWAIT
                """, (tuple(leads.ids),))
                return {row[0] for row in self.env.cr.fetchall()}
        except psycopg2.OperationalError as error:
            if error.pgcode != errorcodes.LOCK_NOT_AVAILABLE:
                raise
            raise UserError(_("Another rep is claiming one of these leads right "
                              "now. Refresh the pool and try again."))

    @api.model
    def _claim(self, leads, user):
        """`user` claims `leads` from their pools: all or nothing."""
        if not leads:
            raise UserError(_("Select the leads to claim."))
        locked = self._lock_pooled(leads)
        missing = leads.filtered(lambda lead: lead.id not in locked)
        if missing:
            # sudo: the name of a lead the rep asked for, maybe not theirs
            name = missing[0].sudo().name
            raise UserError(
                _("\"%s\" is not in a pool any more (another rep may have "
                  "claimed it). Nothing was claimed.") % name)
        leads.invalidate_cache(["pool_id", "user_id"])
        # The rep must see the pool of every lead (record rule on crm.lead).
        leads.sudo(user).check_access_rule("read")
        self._check_claim(leads, user)
        leads._set_owner(user, "claim")

    @api.model
    def _rule_params(self, rule, low, high):
        teams = rule.team_ids or rule.pool_id.team_id
        return {
            "low": low, "high": high,
            "company": rule.pool_id.company_id.id,
            "teams": teams.ids or None,
            "chance": rule.chance_level or None,
            "level": rule.customer_level or None,
            "regions": rule.region_ids.ids or None,
            "exempt_won": rule.exempt_won_customers,
            "exempt_quote": rule.exempt_open_quotation,
            "exempt_plan": rule.exempt_active_plan,
        }

    @api.model
    def cron_recycle_leads(self, batch_size=100000):
        """Nightly: warn owners of leads about to be recycled, recycle the
        leads the rules select into their pools, then re-assign leads left in
        pools that ask for it. Batches of ids, each committed."""
        started = time.time()
        self.env.cr.execute(_WON_CUSTOMERS)
        rules = self.env["si.pool.rule"].search(
            [("pool_id.active", "=", True)], order="sequence, id")
        Lead = self.env["crm.lead"]
        recycled = warned = 0
        for low, high in Lead._id_batches(batch_size):
            self._without_jit()
            for rule in rules:
                params = self._rule_params(rule, low, high)
                warned += rule._warn_owners(params)
                recycled += rule._recycle(params)
            Lead._commit_batch()
        reassigned = self.search([("auto_reassign", "=", True)])._reassign_stale()
        _logger.info("Lead pools: %s warned, %s recycled, %s re-assigned in %.1fs",
                     warned, recycled, reassigned, time.time() - started)
        return recycled

    def _without_jit(self):
        """PostgreSQL (11+) would JIT-compile the rules' queries for their
        estimated cost, which takes longer than running them."""
        if self.env.cr._cnx.server_version >= 110000:
            self.env.cr.execute("SET LOCAL jit = off")

    @api.multi
    def _reassign_stale(self):
        """Give leads that stayed in these pools too long to the best-matching
        reps of their team."""
        count = 0
        for pool in self:
            since = fields.Datetime.to_string(
                fields.Datetime.from_string(fields.Datetime.now())
                - timedelta(days=pool.reassign_after_days))
            count += self.env["si.rep"]._auto_assign_batches(
                [("pool_id", "=", pool.id), ("user_id", "=", False),
                 ("pool_date", "<=", since), ("team_id", "!=", False)],
                "pool_assign",
                _("Re-assigned after %(days)s days in the pool \"%(pool)s\".")
                % {"days": pool.reassign_after_days, "pool": pool.name})
        return count


class SiPoolRule(models.Model):
    """When an owned lead goes back to a pool."""

    _name = "si.pool.rule"
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
                    _("The rule \"%s\" needs at least one day.") % rule.name)
            if rule.warn_days < 0 or (rule.trigger != "dead"
                                      and rule.warn_days >= rule.days):
                raise ValidationError(
                    _("The warning of the rule \"%(rule)s\" must come between 0 "
                      "and %(days)s days before the recycling.")
                    % {"rule": rule.name, "days": rule.days})

    def _condition(self, days_param):
        """SQL condition of the trigger on top of the candidates."""
        if self.trigger == "dead":
            return " AND l.chance_level = 'none'"
        # Expressions are the module's constants; days come as parameters.
        return (" AND %s < now() at time zone 'UTC' - make_interval(days => %%(%s)s)"
                % (_TRIGGER_SINCE[self.trigger], days_param))

    def _reason(self):
        trigger = dict(self._fields["trigger"]._description_selection(self.env))
        return _("Recycled by the rule \"%(rule)s\" (%(trigger)s, %(days)s days).") % {
            "rule": self.name, "trigger": trigger[self.trigger], "days": self.days}

    def _recycle(self, params):
        """Recycle the leads of the batch this rule selects; returns how many."""
        self.ensure_one()
        params = dict(params, days=self.days, pool=self.pool_id.id)
        query = ("WITH picked AS (" + _CANDIDATES + self._condition("days") + """)
            UPDATE crm_lead c
               SET pool_id = %(pool)s, previous_user_id = c.user_id, user_id = NULL,
                   pool_date = now() at time zone 'UTC', pool_warning_date = NULL,
                   followup_activity_id = NULL, next_followup_date = NULL
              FROM picked WHERE c.id = picked.id
         RETURNING c.id, c.previous_user_id""")
        self.env.cr.execute(query, params)  # pylint: disable=sql-injection
        rows = self.env.cr.fetchall()
        if not rows:
            return 0
        ids = tuple(row[0] for row in rows)
        self.env.cr.execute(
            "DELETE FROM mail_activity WHERE res_model = 'crm.lead' AND res_id IN %s",
            (ids,))
        reason = self._reason()
        self.env["si.lead.assignment"]._log_bulk([
            (lead_id, "recycle", None, previous, self.pool_id.id, None, reason)
            for lead_id, previous in rows])
        self.env["crm.lead"]._owner_changed_in_sql(ids)
        return len(rows)

    def _warn_owners(self, params):
        """A to-do for the owners of leads this rule will recycle within
        `warn_days`, once per stretch of inactivity; returns how many."""
        self.ensure_one()
        if self.trigger == "dead" or not self.warn_days:
            return 0
        params = dict(params, days=self.days - self.warn_days, due=self.days)
        since = _TRIGGER_SINCE[self.trigger]
        query = ("WITH picked AS (" + _CANDIDATES + self._condition("days")
                 + " AND %s >= now() at time zone 'UTC' - make_interval(days => "
                   "%%(due)s) AND (l.pool_warning_date IS NULL "
                   "OR l.pool_warning_date < (%s)::date)" % (since, since) + """)
            UPDATE crm_lead c SET pool_warning_date = current_date
              FROM picked WHERE c.id = picked.id
         RETURNING c.id""")
        self.env.cr.execute(query, params)  # pylint: disable=sql-injection
        ids = [row[0] for row in self.env.cr.fetchall()]
        if ids:
            leads = self.env["crm.lead"].browse(ids)
            self.env["mail.activity"]._si_bulk_schedule(
                leads, "user_id", "name",
                self.env.ref("sales_intelligence.mail_activity_type_followup"),
                _("Follow up within %(days)s days or the lead goes back to the "
                  "pool \"%(pool)s\"") % {"days": self.warn_days,
                                          "pool": self.pool_id.name})
        return len(ids)
