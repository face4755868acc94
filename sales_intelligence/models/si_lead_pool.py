# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time

import psycopg2
from psycopg2 import errorcodes

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools.chunk_jobs import chunk_ranges, enqueue_chunks, use_queue
from ..tools.pool_limits import (
    MAX_DAYS,
    claim_refusal,
    cooldown_start,
    day_start,
    effective_limit,
    reassign_before,
)

_logger = logging.getLogger(__name__)

# Odoo's rule for reps on crm.lead (crm.crm_rule_personal_lead in 18.0), and
# the product's: pooled leads are shown to the reps of the pools they see, not
# to every rep, and a team leader sees the leads of the team.
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
    _inherit = ["si.name.limit.mixin"]
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
        index=True,
        default=lambda self: self.env.company,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        index=True,
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
        "limit); the rep's capacity on their team membership replaces it.",
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
        counts = dict(self.env["crm.lead"]._read_group(
            [("pool_id", "in", self.ids), ("user_id", "=", False)],
            ["pool_id"], ["__count"]))
        for pool in self:
            pool.lead_count = counts.get(pool, 0)

    @api.constrains("daily_claim_limit", "hold_limit", "cooldown_days",
                    "protection_days", "reassign_after_days")
    def _check_limits(self):
        for pool in self:
            if min(pool.daily_claim_limit, pool.hold_limit, pool.cooldown_days,
                   pool.protection_days, pool.reassign_after_days) < 0:
                raise ValidationError(
                    _("The limits and days of the pool \"%s\" cannot be "
                      "negative.", pool.name))
            if max(pool.cooldown_days, pool.protection_days,
                   pool.reassign_after_days) > MAX_DAYS:
                raise ValidationError(_(
                    "The days of the pool \"%(pool)s\" cannot exceed %(max)s.",
                    pool=pool.name, max=MAX_DAYS))

    @api.model_create_multi
    def create(self, vals_list):
        pools = super().create(vals_list)
        pools._visibility_changed()
        return pools

    def write(self, vals):
        res = super().write(vals)
        self._visibility_changed()
        return res

    def unlink(self):
        if self.env["crm.lead"].with_context(active_test=False).search_count(
                [("pool_id", "in", self.ids)], limit=1):
            raise UserError(_("A pool that still holds leads cannot be deleted: "
                              "assign or move its leads first."))
        res = super().unlink()
        self._visibility_changed()
        return res

    def _visibility_changed(self):
        """The lead record rule depends on which pools a rep sees: its cached
        domain and the users' visible pools are computed again."""
        self.env.registry.clear_cache()
        self.env["res.users"].invalidate_model(["si_pool_ids"])

    @api.model
    def _install_lead_rule(self, domain=POOL_LEAD_RULE):
        """Write the lead rule for reps (install, update) or give Odoo's
        own back (uninstall, with ODOO_LEAD_RULE)."""
        rule = self.env.ref("crm.crm_rule_personal_lead", raise_if_not_found=False)
        if rule:
            # sudo: Odoo's own rule for reps, rewritten with a constant domain
            # at install, update and uninstall only
            rule.sudo().domain_force = domain

    # --- actions ---------------------------------------------------------------
    def action_view_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence.crm_lead_pool_action")
        action["domain"] = [("pool_id", "=", self.id), ("user_id", "=", False)]
        return action

    # --- visibility --------------------------------------------------------------
    @api.model
    def _visible_pool_ids(self, user):
        """Ids of the pools `user` sees (for the lead record rule)."""
        # sudo: the rule is evaluated for any user, who may not read pools'
        # settings nor team memberships; only pool ids are returned.
        pools = self.sudo().search([("company_id", "in", user.company_ids.ids)])
        teams = user.sudo().crm_team_ids
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
    def _check_claim(self, leads, user):
        """Refuse the whole claim with a clear message when it breaks a limit."""
        # sudo: the rep's own limits and own claims and releases are counted,
        # whatever the rep may read of profiles and the ownership history.
        rep = self.env["si.rep"].sudo().search([("user_id", "=", user.id)], limit=1)
        History = self.env["si.lead.assignment"].sudo()
        now = fields.Datetime.now()
        pools = leads.pool_id
        claimed = dict(History._read_group(
            [("kind", "=", "claim"), ("user_id", "=", user.id),
             ("pool_id", "in", pools.ids), ("date", ">=", day_start(now, user.tz))],
            ["pool_id"], ["__count"]))
        held_all, held_not_won = self._held_lead_counts(user)
        for pool in pools:
            asked = len(leads.filtered(lambda lead: lead.pool_id == pool))
            refusal = claim_refusal(
                asked,
                effective_limit(pool.daily_claim_limit, rep.max_daily_claims),
                claimed.get(pool, 0),
                effective_limit(pool.hold_limit, rep.max_open_leads),
                held_all if pool.count_won_customers else held_not_won)
            if refusal and refusal.kind == "daily":
                raise UserError(_(
                    "You may claim %(limit)s leads per day from the pool "
                    "\"%(pool)s\"; you claimed %(done)s today and asked for "
                    "%(asked)s more. Nothing was claimed.",
                    limit=refusal.limit, pool=pool.name, done=refusal.done,
                    asked=refusal.asked))
            if refusal:
                raise UserError(_(
                    "You hold %(held)s open leads and may hold at most "
                    "%(limit)s: claiming %(asked)s more from \"%(pool)s\" is "
                    "not possible. Nothing was claimed.",
                    held=refusal.done, limit=refusal.limit, asked=refusal.asked,
                    pool=pool.name))
            since = cooldown_start(now, pool.cooldown_days)
            if since:
                recent = History.search([
                    ("lead_id", "in", leads.filtered(
                        lambda lead: lead.pool_id == pool).ids),
                    ("previous_user_id", "=", user.id),
                    ("kind", "in", ("release", "recycle")),
                    ("date", ">", since)], limit=1)
                if recent:
                    raise UserError(_(
                        "You gave up \"%(lead)s\" less than %(days)s days ago: "
                        "you may claim it again after the cool-down. Nothing "
                        "was claimed.",
                        lead=recent.lead_id.name, days=pool.cooldown_days))

    @api.model
    def _held_lead_counts(self, user):
        """(open leads `user` holds, those of customers who never bought)."""
        self.env["crm.lead"].flush_model(["user_id", "active", "stage_id",
                                          "partner_id"])
        self.env.cr.execute(SQL("""
            SELECT count(*),
                   count(*) FILTER (WHERE p.commercial_partner_id IS NULL
                       OR NOT EXISTS (
                           SELECT 1 FROM sale_order so
                             JOIN res_partner sp ON sp.id = so.partner_id
                            WHERE sp.commercial_partner_id = p.commercial_partner_id
                              AND so.state = 'sale'))
              FROM crm_lead l
              LEFT JOIN crm_stage s ON s.id = l.stage_id
              LEFT JOIN res_partner p ON p.id = l.partner_id
             WHERE l.user_id = %s AND l.active AND NOT COALESCE(s.is_won, false)
        """, user.id))
        return self.env.cr.fetchone()

    @api.model
    def _lock_pooled(self, leads):
        """Lock the leads still in a pool without waiting: a lead another rep
        is claiming at this very moment counts as taken."""
        leads.flush_recordset(["pool_id", "user_id"])
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL("""
                    SELECT id FROM crm_lead
                     WHERE id = ANY(%s) AND pool_id IS NOT NULL AND user_id IS NULL
                       FOR UPDATE NOWAIT
                """, leads.ids))
                return {row[0] for row in self.env.cr.fetchall()}
        except psycopg2.OperationalError as error:
            if error.pgcode != errorcodes.LOCK_NOT_AVAILABLE:
                raise
            raise UserError(_("Another rep is claiming one of these leads right "
                              "now. Refresh the pool and try again.")) from None

    @api.model
    def _claim(self, leads, user):
        """`user` claims `leads` from their pools: all or nothing."""
        if not leads:
            raise UserError(_("Select the leads to claim."))
        locked = self._lock_pooled(leads)
        missing = leads.filtered(lambda lead: lead.id not in locked)
        if missing:
            # sudo: the name of a lead the rep asked for, maybe not theirs
            raise UserError(_(
                "\"%s\" is not in a pool any more (another rep may have "
                "claimed it). Nothing was claimed.", missing[0].sudo().name))
        leads.invalidate_recordset(["pool_id", "user_id"])
        # The rep must see the pool of every lead (record rule on crm.lead).
        leads.with_user(user).check_access("read")
        self._check_claim(leads, user)
        leads._si_change_owner("claim", user=user)

    # --- scheduled jobs ----------------------------------------------------------
    @api.model
    def _cron_recycle_leads(self, batch_size=5000, chunk_size=20000):
        """Nightly: warn owners of leads about to be recycled, recycle the
        leads the rules select into their pools, then re-assign leads left in
        pools that ask for it. Committed batch by batch; a run after a
        finished run changes nothing. As a scheduled action with the job
        queue installed, one job per `chunk_size` leads warns and recycles,
        and a last job re-assigns once they are all done (see
        tools.chunk_jobs); returns the number of jobs then."""
        if use_queue(self.env):
            return enqueue_chunks(
                self, "recycling", "_job_recycle_chunk",
                chunk_ranges(self.env.cr, "crm_lead", chunk_size),
                final="_job_reassign_stale",
                description=self.env._("Lead recycling"))
        started = time.time()
        warned, recycled = self._recycle_rules()._run(batch_size)
        reassigned = self.search([("auto_reassign", "=", True)])._reassign_stale()
        _logger.info("Lead pools: %s warned, %s recycled, %s re-assigned in %.1fs",
                     warned, recycled, reassigned, time.time() - started)
        return recycled

    @api.model
    def _recycle_rules(self):
        return self.env["si.pool.rule"].search(
            [("pool_id.active", "=", True)], order="sequence, id")

    @api.model
    def _job_recycle_chunk(self, low, high, batch_size=5000):
        """Warnings and recycling of the leads with low < id <= high, as a
        job of the queue: what the scheduled run does for them."""
        warned, recycled = self._recycle_rules()._run(batch_size, low, high)
        _logger.info("Lead pools %s-%s: %s warned, %s recycled",
                     low, high, warned, recycled)
        return "%d warned, %d recycled" % (warned, recycled)

    @api.model
    def _job_reassign_stale(self):
        """Last job of a queued recycling run: the re-assignment of leads
        left in pools, once every chunk has recycled its leads."""
        reassigned = self.search([("auto_reassign", "=", True)])._reassign_stale()
        return "%d re-assigned" % reassigned

    def _reassign_stale(self):
        """Give leads that stayed in these pools too long to the best-matching
        reps of their team."""
        count = 0
        now = fields.Datetime.now()
        for pool in self:
            count += self.env["si.rep"]._auto_assign_batches(
                [("pool_id", "=", pool.id), ("user_id", "=", False),
                 ("pool_date", "<=", reassign_before(now, pool.reassign_after_days)),
                 ("team_id", "!=", False)],
                "pool_assign",
                _("Re-assigned after %(days)s days in the pool \"%(pool)s\".",
                  days=pool.reassign_after_days, pool=pool.name))
        return count
