# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
from collections import defaultdict
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.batches import id_batches
from ..tools.matching import LeadProfile
from ..tools.normalize import (
    InvalidPhone,
    mask_contact,
    normalize_company_name,
    normalize_email,
    normalize_phone,
    normalize_phone_or_none,
)

CHANCE_LEVELS = [
    ("high", "High"),
    ("medium", "Medium"),
    ("low", "Low"),
    ("none", "None (dead)"),
]
ENTRY_CHANNELS = [
    ("web_form", "Web Form"),
    ("app_h5", "App / H5"),
    ("pc", "PC Client"),
    ("referral", "Referral"),
    ("import", "Import"),
    ("invoice", "Invoice"),
    ("other", "Other"),
]
FOLLOWUP_FREQUENCIES = [
    ("none", "No Plan"),
    ("daily", "Daily"),
    ("weekly", "Weekly"),
    ("monthly", "Monthly"),
    ("custom", "Every N Days"),
]
FREQUENCY_DAYS = {"daily": 1, "weekly": 7, "monthly": 30}
REJECT_REASONS = [
    ("running_contract", "Customer under a running contract"),
    ("no_intent", "No purchase intent"),
    ("duplicate", "Duplicate"),
    ("other", "Other"),
]
# Fields whose direct change on a lead is written to the follow-up log
LOGGED_FIELDS = ("chance_level", "stage_id")
# How valuable a lead is, to match it with a rep's grade (key leads: 1.0)
CHANCE_VALUE = {"high": 0.75, "medium": 0.5, "low": 0.25, "none": 0.0}
MASKED_FIELDS = ("phone", "mobile", "email_from")
STATS_FIELDS = [
    "followup_count",
    "last_followup_date",
    "days_since_followup",
    "followup_avg_interval",
    "is_dormant",
]


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # --- chance level and key leads -------------------------------------
    chance_level = fields.Selection(
        selection=CHANCE_LEVELS,
        default="medium",
        required=True,
        index=True,
        track_visibility="onchange",
        help="The rep's judgement of the chance to win this lead. None means "
        "a dead lead: it needs a reason and leaves the active pipeline.",
    )
    chance_reason_id = fields.Many2one(
        comodel_name="crm.lost.reason",
        string="Low/No Chance Reason",
        index=True,
        track_visibility="onchange",
        help="Why the chance is low or none; analysed to revive dead leads.",
    )
    is_key_lead = fields.Boolean(
        string="Key Lead",
        index=True,
        track_visibility="onchange",
        help="Key leads are watched by anomaly monitoring when not updated.",
    )
    industry_id = fields.Many2one(
        comodel_name="res.partner.industry",
        related="partner_id.commercial_partner_id.industry_id",
        store=True,
        readonly=True,
        string="Industry",
    )

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
        readonly=True,
        index=True,
        help="Days since the last follow-up, or since the lead was received "
        "when it has none. Refreshed every night.",
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
        ondelete="set null",
        copy=False,
    )

    # --- quality: normalised contact data, duplicates, rejection -------------
    phone_normalized = fields.Char(
        compute="_compute_normalized",
        store=True,
        index=True,
        string="Phone (E.164)",
    )
    mobile_normalized = fields.Char(
        compute="_compute_normalized",
        store=True,
        index=True,
        string="Mobile (E.164)",
    )
    email_normalized = fields.Char(
        compute="_compute_normalized",
        store=True,
        index=True,
    )
    company_name_normalized = fields.Char(
        compute="_compute_normalized",
        store=True,
        index=True,
    )
    company_vat = fields.Char(
        related="partner_id.commercial_partner_id.vat",
        store=True,
        readonly=True,
        index=True,
        string="Company VAT",
    )
    duplicate_of_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Possible Duplicate Of",
        readonly=True,
        index=True,
        copy=False,
        help="The earlier lead with the same phone, e-mail, VAT or company "
        "found when this lead was received.",
    )
    duplicate_count = fields.Integer(
        compute="_compute_duplicate_count",
        string="# Duplicates",
    )
    rejected = fields.Boolean(
        readonly=True,
        index=True,
        copy=False,
        track_visibility="onchange",
    )
    reject_reason = fields.Selection(
        selection=REJECT_REASONS,
        readonly=True,
        copy=False,
        track_visibility="onchange",
    )
    reject_note = fields.Text(
        readonly=True,
        copy=False,
    )
    customer_under_contract = fields.Boolean(
        compute="_compute_customer_under_contract",
        search="_search_customer_under_contract",
        help="The customer (or its company) has a contract running today.",
    )

    # --- entry channel --------------------------------------------------------
    entry_channel = fields.Selection(
        selection=ENTRY_CHANNELS,
        default="other",
        required=True,
        index=True,
        track_visibility="onchange",
        help="How the lead entered. Filled from the source when it names a "
        "channel, and set to Import or Invoice for leads made that way.",
    )
    referred_by_id = fields.Many2one(
        comodel_name="res.partner",
        string="Referrer",
        index=True,
        help="The customer or contact who referred this lead; credited in "
        "the reports.",
    )
    invoice_ids = fields.Many2many(
        comodel_name="account.invoice",
        relation="si_invoice_lead_rel",
        column1="lead_id",
        column2="invoice_id",
        string="Source Invoices",
        readonly=True,
        copy=False,
    )

    # --- matching: tags, mode, region, customer reference ----------------------
    si_tag_ids = fields.Many2many(
        comodel_name="si.tag",
        relation="si_lead_tag_rel",
        column1="lead_id",
        column2="tag_id",
        string="Lead Tags",
        domain=[("scope", "in", ("lead", "both"))],
        help="Size, industry, needs, region... Tags the owner also carries as "
        "specialties raise the matching score.",
    )
    sales_mode = fields.Selection(
        selection=[("b2b", "B2B"), ("b2c", "B2C")],
        compute="_compute_sales_mode",
        store=True,
        index=True,
        help="B2B when the customer is a company, B2C for an individual; "
        "without customer, the mode of the sales team.",
    )
    si_region_id = fields.Many2one(
        comodel_name="si.region",
        string="Sales Region",
        compute="_compute_si_region_id",
        store=True,
        index=True,
    )
    partner_company_size = fields.Selection(
        related="partner_id.commercial_partner_id.si_company_size",
        readonly=True,
        string="Company Size",
    )
    partner_registered_capital = fields.Float(
        related="partner_id.commercial_partner_id.si_registered_capital",
        readonly=True,
        string="Registered Capital",
    )
    partner_qualification = fields.Text(
        related="partner_id.commercial_partner_id.si_qualification",
        readonly=True,
        string="Qualifications",
    )
    partner_customer_level = fields.Selection(
        related="partner_id.commercial_partner_id.si_customer_level",
        readonly=True,
        string="Customer Level",
    )
    user_grade_id = fields.Many2one(
        related="user_id.si_grade_id",
        readonly=True,
        string="Owner Grade",
    )
    si_rematch_suggested = fields.Boolean(
        string="Re-match Suggested",
        readonly=True,
        copy=False,
        help="The lead's tags changed since it was assigned: a manager may "
        "look for a better-matching owner.",
    )

    # --- lead pool and ownership history ------------------------------------------
    pool_id = fields.Many2one(
        comodel_name="si.lead.pool",
        string="Lead Pool",
        readonly=True,
        index=True,
        copy=False,
        help="The pool this lead waits in, without owner, until a rep claims it.",
    )
    pool_date = fields.Datetime(
        string="In Pool Since",
        readonly=True,
        copy=False,
    )
    previous_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Previous Owner",
        readonly=True,
        index=True,
        copy=False,
    )
    pool_protected_until = fields.Date(
        string="Protected Until",
        readonly=True,
        copy=False,
        help="After a claim, the lead is not recycled before this date.",
    )
    pool_warning_date = fields.Date(
        string="Recycling Warned On",
        readonly=True,
        copy=False,
    )
    assignment_ids = fields.One2many(
        comodel_name="si.lead.assignment",
        inverse_name="lead_id",
        string="Ownership History",
    )

    # --- won-deal summary and contract renewal -------------------------------
    won_summary_id = fields.Many2one(
        comodel_name="si.won.summary",
        compute="_compute_won_summary_id",
        string="Won-deal Summary",
    )
    renewal_contract_id = fields.Many2one(
        comodel_name="account.analytic.account",
        string="Renewed Contract",
        index=True,
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The contract this opportunity renews; created by the renewal "
        "notice.",
    )

    # --- computes ---------------------------------------------------------------
    @api.depends("phone", "mobile", "email_from", "partner_name", "partner_id",
                 "country_id", "company_id")
    def _compute_normalized(self):
        for lead in self:
            country = lead._phone_country_code()
            lead.phone_normalized = normalize_phone_or_none(lead.phone, country)
            lead.mobile_normalized = normalize_phone_or_none(lead.mobile, country)
            lead.email_normalized = normalize_email(lead.email_from)
            lead.company_name_normalized = normalize_company_name(
                lead.partner_name
                or lead.partner_id.commercial_partner_id.is_company
                and lead.partner_id.commercial_partner_id.name)

    @api.depends("partner_id.commercial_partner_id.is_company", "partner_name",
                 "team_id.sales_mode")
    def _compute_sales_mode(self):
        for lead in self:
            if lead.partner_name or lead.partner_id.commercial_partner_id.is_company:
                lead.sales_mode = "b2b"
            elif lead.partner_id:
                lead.sales_mode = "b2c"
            else:
                lead.sales_mode = lead.team_id.sales_mode or "b2b"

    @api.depends("state_id", "partner_id.si_region_id")
    def _compute_si_region_id(self):
        regions = self.env["si.region"]._regions_by_state(self.mapped("state_id"))
        for lead in self:
            lead.si_region_id = (regions.get(lead.state_id.id)
                                 or lead.partner_id.si_region_id.id or False)

    def _compute_won_summary_id(self):
        summaries = self.env["si.won.summary"].search([("lead_id", "in", self.ids)])
        by_lead = {summary.lead_id.id: summary for summary in summaries}
        for lead in self:
            lead.won_summary_id = by_lead.get(lead.id)

    def _compute_duplicate_count(self):
        for lead in self:
            lead.duplicate_count = len(lead._find_duplicates()) if lead.id else 0

    def _compute_customer_under_contract(self):
        partners = self.mapped("partner_id.commercial_partner_id")
        running = self.env["account.analytic.account"]._running_contract_partners(
            partners)
        for lead in self:
            lead.customer_under_contract = (
                lead.partner_id.commercial_partner_id in running)

    def _search_customer_under_contract(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'under contract'."))
        running = self.env["account.analytic.account"]._running_contract_partners()
        if (operator == "=") == value:
            return [("partner_id.commercial_partner_id", "in", running.ids)]
        return ["|", ("partner_id", "=", False),
                ("partner_id.commercial_partner_id", "not in", running.ids)]

    # --- constraints -----------------------------------------------------------
    @api.constrains("phone", "mobile", "country_id")
    def _check_phone_numbers(self):
        for lead in self:
            country = lead._phone_country_code()
            for number in (lead.phone, lead.mobile):
                try:
                    normalize_phone(number, country)
                except InvalidPhone:
                    raise ValidationError(
                        _("The phone number \"%s\" is not a valid number. Write "
                          "it with its country prefix, e.g. +86 138 0013 8000, "
                          "or set the lead's country.") % number)

    @api.constrains("chance_level", "chance_reason_id")
    def _check_dead_lead_reason(self):
        for lead in self:
            if lead.chance_level == "none" and not lead.chance_reason_id:
                raise ValidationError(
                    _("A dead lead (chance level none) needs a reason: set the "
                      "Low/No Chance Reason of \"%s\".") % lead.name)

    @api.constrains("entry_channel", "referred_by_id")
    def _check_referral(self):
        for lead in self:
            if lead.entry_channel == "referral" and not lead.referred_by_id:
                raise ValidationError(
                    _("A referral lead needs the customer or contact who "
                      "referred it (Referrer): \"%s\".") % lead.name)

    @api.constrains("followup_frequency", "followup_interval_days")
    def _check_followup_interval(self):
        for lead in self:
            if lead.followup_frequency == "custom" and lead.followup_interval_days < 1:
                raise ValidationError(
                    _("The follow-up interval must be at least one day."))

    @api.onchange("source_id")
    def _onchange_source_id_entry_channel(self):
        if self.source_id.si_entry_channel:
            self.entry_channel = self.source_id.si_entry_channel

    # --- CRUD ---------------------------------------------------------------------
    @api.model
    def create(self, vals):
        vals = self._prepare_entry_channel(dict(vals))
        lead = super().create(vals)
        lead._flag_duplicate()
        lead._reject_if_under_contract()
        if lead.followup_frequency != "none":
            lead._schedule_next_followup()
        return lead

    @api.multi
    def write(self, vals):
        self._check_pool_editable()
        if "user_id" in vals and not self.env.context.get("si_assignment_logged"):
            return self._write_owner(vals)
        if "si_tag_ids" in vals:
            vals = dict(vals, si_rematch_suggested=True)
        logged = [f for f in LOGGED_FIELDS if f in vals]
        if logged and not self.env.context.get("si_followup_logged"):
            before = {lead.id: (lead.chance_level, lead.stage_id.id) for lead in self}
        res = super().write(vals)
        if logged and not self.env.context.get("si_followup_logged"):
            self._log_direct_changes(before)
        if {"stage_id", "probability", "active"} & set(vals):
            self._sync_won_and_renewals(vals)
        if {"followup_frequency", "followup_interval_days", "user_id"} & set(vals):
            # leads without plan nor planned to-do have nothing to move
            self.filtered(lambda rec: rec.followup_frequency != "none"
                          or rec.followup_activity_id)._schedule_next_followup()
        return res

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        masked = [name for name in MASKED_FIELDS if fields is None or name in fields]
        if masked and not self.env.user.has_group(
                "sales_team.group_sale_salesman_all_leads"):
            pooled = self._pooled_ids(masked=True)
            for row in result:
                if row["id"] in pooled:
                    for name in masked:
                        row[name] = mask_contact(row[name])
        return result

    # --- actions --------------------------------------------------------------------
    @api.multi
    def action_log_followup(self):
        self.ensure_one()
        action = self.env.ref(
            "sales_intelligence.si_lead_followup_wizard_action").read()[0]
        action["context"] = {"default_lead_id": self.id}
        return action

    @api.multi
    def action_set_won_rainbowman(self):
        """Mark won, then ask the rep for the won-deal summary (which can
        also be completed later)."""
        res = super().action_set_won_rainbowman()
        summary = self.won_summary_id
        if summary and summary.state == "draft" and self.user_id == self.env.user:
            return summary.action_complete()
        return res

    @api.multi
    def action_view_won_summary(self):
        self.ensure_one()
        if not self.won_summary_id:
            raise UserError(_("This opportunity has no won-deal summary."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Won-deal Summary"),
            "res_model": "si.won.summary",
            "res_id": self.won_summary_id.id,
            "view_mode": "form",
        }

    @api.multi
    def action_view_followups(self):
        self.ensure_one()
        action = self.env.ref("sales_intelligence.si_lead_followup_action").read()[0]
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id}
        return action

    @api.multi
    def action_view_duplicates(self):
        self.ensure_one()
        leads = self | self._find_duplicates()
        return {
            "type": "ir.actions.act_window",
            "name": _("Possible Duplicates"),
            "res_model": "crm.lead",
            "view_mode": "tree,form",
            "domain": [("id", "in", leads.ids)],
            "context": {"active_test": False},
        }

    @api.multi
    def action_merge_duplicates(self):
        """Open Odoo's merge wizard on this lead and its duplicates."""
        self.ensure_one()
        leads = self | self._find_duplicates().filtered("active")
        if len(leads) < 2:
            raise UserError(_("There is no active duplicate to merge with."))
        wizard = self.env["crm.merge.opportunity"].with_context(
            active_model="crm.lead", active_ids=leads.ids, active_id=self.id,
        ).create({"opportunity_ids": [(6, 0, leads.ids)], "user_id": self.user_id.id,
                  "team_id": self.team_id.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Merge Duplicates"),
            "res_model": "crm.merge.opportunity",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.multi
    def action_pool_claim(self):
        self.env["si.lead.pool"]._claim(self, self.env.user)
        return True

    @api.multi
    def action_send_to_pool(self):
        return self._wizard_action("sales_intelligence.si_lead_release_wizard_action")

    @api.multi
    def action_suggest_owner(self):
        return self._wizard_action("sales_intelligence.si_lead_assign_wizard_action")

    def _wizard_action(self, xmlid):
        action = self.env.ref(xmlid).read()[0]
        action["context"] = {"active_model": "crm.lead", "active_ids": self.ids}
        return action

    @api.multi
    def action_reject(self, reason, note=False):
        if reason not in dict(REJECT_REASONS):
            raise UserError(_("Unknown rejection reason."))
        self.with_context(si_followup_logged=True).write({
            "rejected": True,
            "reject_reason": reason,
            "reject_note": note,
            "active": False,
            "probability": 0,
        })
        return True

    @api.multi
    def action_unreject(self):
        self.with_context(si_followup_logged=True).write({
            "rejected": False,
            "reject_reason": False,
            "reject_note": False,
            "active": True,
        })
        return True

    # --- business methods ------------------------------------------------------
    def _check_pool_editable(self):
        """Pooled leads have no owner: a rep claims them before editing."""
        if (self.env.context.get("si_pool_ok") or self.env.uid == SUPERUSER_ID
                or self.env.user.has_group("sales_team.group_sale_manager")):
            return
        pooled = self._pooled_ids()
        if pooled:
            raise UserError(
                _("\"%s\" is in the lead pool: claim it before changing it.")
                # sudo: only the name of a lead the rep is writing to
                % self.browse(min(pooled)).sudo().name)

    def _pooled_ids(self, masked=False):
        """Ids of these leads waiting in a pool (whose pool masks contacts,
        when `masked`): one query, as every read and write of a rep asks."""
        ids = tuple(i for i in self.ids if isinstance(i, int))
        if not ids:
            return set()
        self.env.cr.execute("""
            SELECT l.id FROM crm_lead l JOIN si_lead_pool p ON p.id = l.pool_id
             WHERE l.id IN %s AND l.user_id IS NULL AND (p.mask_contact OR NOT %s)
        """, (ids, masked))
        return {row[0] for row in self.env.cr.fetchall()}

    def _write_owner(self, vals):
        """Write a new owner given by hand and keep the ownership history."""
        before = {lead.id: (lead.user_id.id, lead.pool_id.id) for lead in self}
        vals = dict(vals, si_rematch_suggested=False)
        if vals["user_id"]:
            vals.update(pool_id=False, pool_date=False, pool_warning_date=False)
        res = self.with_context(si_assignment_logged=True).write(vals)
        rows = []
        for lead_id, (previous, pool) in before.items():
            if previous != vals["user_id"]:
                kind = "pool_assign" if pool and vals["user_id"] else "manual"
                rows.append((lead_id, kind, vals["user_id"] or None, previous or None,
                             pool or None, None, None))
        self.env["si.lead.assignment"]._log_bulk(rows)
        self.invalidate_cache(["assignment_ids"])
        return res

    def _set_owner(self, user, kind, score=None, reason=None):
        """Give these leads to `user` (claim, assignment from the pool): one
        write per pool they come from."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        rows = [(lead.id, kind, user.id, lead.user_id.id or None,
                 lead.pool_id.id or None, score, reason) for lead in self]
        by_pool = defaultdict(self.browse)
        for lead in self:
            by_pool[lead.pool_id] |= lead
        for pool, leads in by_pool.items():
            values = {"user_id": user.id, "pool_id": False, "pool_date": False,
                      "pool_warning_date": False, "si_rematch_suggested": False,
                      "pool_protected_until": False}
            if kind == "claim" and pool.protection_days:
                values["pool_protected_until"] = fields.Date.to_string(
                    today + timedelta(days=pool.protection_days))
            leads.with_context(si_assignment_logged=True, si_pool_ok=True).write(
                values)
        self.env["si.lead.assignment"]._log_bulk(rows)
        self.invalidate_cache(["assignment_ids"])

    def _send_to_pool(self, pool, reason):
        """Release these leads (or move pooled ones) to `pool`, with `reason`."""
        rows = []
        for lead in self:
            kind = "move" if lead.pool_id and not lead.user_id else "release"
            previous = lead.user_id or lead.previous_user_id
            rows.append((lead.id, kind, None, previous.id or None, pool.id, None,
                         reason))
            values = {"user_id": False, "pool_id": pool.id,
                      "previous_user_id": previous.id, "pool_warning_date": False,
                      "pool_protected_until": False}
            if kind == "release":
                values["pool_date"] = fields.Datetime.now()
            lead.with_context(si_assignment_logged=True, si_pool_ok=True).write(
                values)
        # The owner's to-dos on released leads have nobody to do them.
        self.env["mail.activity"].sudo().search(
            [("res_model", "=", "crm.lead"), ("res_id", "in", self.ids)]).unlink()
        self.env["si.lead.assignment"]._log_bulk(rows)
        self.invalidate_cache(["assignment_ids"])

    @api.model
    def _owner_changed_in_sql(self, ids):
        """After owners were written in SQL: update the stored copies of the
        owner (follow-ups) and forget the cached values."""
        self.env.cr.execute("""
            UPDATE si_lead_followup f SET lead_user_id = l.user_id
              FROM crm_lead l
             WHERE f.lead_id = l.id AND l.id = ANY(%s) AND f.lead_id = ANY(%s)
               AND f.lead_user_id IS DISTINCT FROM l.user_id
        """, (list(ids), list(ids)))
        self.invalidate_cache(ids=list(ids))
        self.env["si.lead.followup"].invalidate_cache(["lead_user_id"])

    def _matching_profiles(self):
        """[(team id, pool id, LeadProfile)] of these leads, in two queries:
        assignment reads thousands of leads at once."""
        if not self.ids:
            return []
        self.recompute()
        cr = self.env.cr
        cr.execute("""
            SELECT lead_id, array_agg(tag_id) FROM si_lead_tag_rel
             WHERE lead_id IN %s GROUP BY lead_id
        """, (tuple(self.ids),))
        tags = dict(cr.fetchall())
        cr.execute("""
            SELECT id, team_id, pool_id, sales_mode, industry_id, si_region_id,
                   is_key_lead, chance_level
              FROM crm_lead WHERE id IN %s ORDER BY id
        """, (tuple(self.ids),))
        return [(team_id, pool_id, LeadProfile(
            lead_id=lead_id,
            sales_mode=mode,
            industry_id=industry_id,
            region_id=region_id,
            tag_ids=frozenset(tags.get(lead_id, ())),
            value_level=1.0 if key else CHANCE_VALUE.get(chance, 0.5),
        )) for lead_id, team_id, pool_id, mode, industry_id, region_id, key, chance
            in cr.fetchall()]

    def _conflict_message(self):
        """Tell the creator of a lead that its customer is already in the pool
        or followed by another rep."""
        domain = self._duplicate_domain()
        if not domain:
            return False
        # sudo: a rep must learn of leads they cannot read (other reps'); only
        # their names, owners and pools are shown.
        others = self.sudo().search([
            ("id", "!=", getattr(self, "_origin", self).id or 0),
            ("rejected", "=", False),
            "|", ("pool_id", "!=", False),
            "&", ("user_id", "!=", False), ("user_id", "!=", self.env.uid),
        ] + domain, limit=3)
        lines = []
        for other in others:
            if other.pool_id:
                lines.append(_("\"%(lead)s\" is in the lead pool \"%(pool)s\": "
                               "claim it instead of creating a new lead.")
                             % {"lead": other.name, "pool": other.pool_id.name})
            else:
                lines.append(_("\"%(lead)s\" is already followed by %(rep)s.")
                             % {"lead": other.name, "rep": other.user_id.name})
        return "\n".join(lines) or False

    @api.onchange("partner_id", "email_from", "phone", "mobile", "partner_name")
    def _onchange_conflict_warning(self):
        message = self._conflict_message()
        if message:
            return {"warning": {"title": _("This customer is already handled"),
                                "message": message}}
        return None

    def _phone_country_code(self):
        country = self.country_id or self.partner_id.country_id or (
            self.company_id or self.env.user.company_id).country_id
        return country.code

    @api.model
    def _prepare_entry_channel(self, vals):
        """Fill the entry channel of new leads from their source or from the way
        they are created (file import)."""
        if vals.get("entry_channel") not in (None, "other"):
            return vals
        if vals.get("source_id"):
            channel = self.env["utm.source"].browse(vals["source_id"]).si_entry_channel
            # a referral needs its referrer: without one, the source alone
            # does not make the lead a referral (web forms, imports)
            if channel and (channel != "referral" or vals.get("referred_by_id")):
                vals["entry_channel"] = channel
                return vals
        if self.env.context.get("import_file"):
            vals["entry_channel"] = "import"
        return vals

    def _duplicate_domain(self):
        keys = []
        phones = [p for p in (self.phone_normalized, self.mobile_normalized) if p]
        if phones:
            keys += [("phone_normalized", "in", phones),
                     ("mobile_normalized", "in", phones)]
        if self.email_normalized:
            keys.append(("email_normalized", "=", self.email_normalized))
        if self.company_vat:
            keys.append(("company_vat", "=", self.company_vat))
        if self.company_name_normalized:
            keys.append(("company_name_normalized", "=", self.company_name_normalized))
        if not keys:
            return None
        return ["|"] * (len(keys) - 1) + keys

    def _find_duplicates(self):
        self.ensure_one()
        domain = self._duplicate_domain()
        if not domain:
            return self.browse()
        return self.with_context(active_test=False).search(
            [("id", "!=", self.id), ("rejected", "=", False)] + domain,
            order="create_date, id")

    def _flag_duplicate(self):
        for lead in self:
            # A rep must learn about duplicates among leads they cannot read
            # (other reps' leads): only the id of the first one is stored.
            first = lead.sudo()._find_duplicates()[:1]
            if first:
                lead.with_context(si_followup_logged=True).write(
                    {"duplicate_of_id": first.id})

    def _reject_if_under_contract(self):
        company = self.env.user.company_id
        if not company.si_reject_contract_leads:
            return
        # Only new leads: an opportunity opened for a contract customer is
        # an upsell, which the account manager wants.
        # Renewal opportunities are for customers under contract by nature.
        for lead in self.filtered(lambda rec: rec.partner_id and rec.type == "lead"
                                  and not rec.renewal_contract_id):
            if lead.customer_under_contract:
                lead.action_reject("running_contract", _(
                    "Rejected on arrival: the customer has a contract running "
                    "today; its account manager handles new needs."))

    def _sync_won_and_renewals(self, vals):
        """After a stage, probability or active change: won opportunities get
        their summary; a renewal opportunity being worked puts its contract in
        renewal, a lost one loses the renewal with its reason."""
        won = self.filtered(lambda rec: rec.active and rec.probability >= 100
                            and rec.type == "opportunity")
        if won:
            self.env["si.won.summary"]._create_for_leads(won)
        renewals = self.filtered("renewal_contract_id")
        if not renewals:
            return
        # The rep working a renewal may not be allowed to write the contract
        # (another rep's customer); only its renewal state follows the lead.
        for lead in renewals.sudo():
            contract = lead.renewal_contract_id
            if contract.renewal_lead_id != lead:
                continue
            if not lead.active and lead.lost_reason:
                if contract.renewal_state in ("upcoming", "in_renewal"):
                    contract._mark_renewal_lost(lead.lost_reason, from_lead=True)
            elif "stage_id" in vals and contract.renewal_state == "upcoming":
                contract.renewal_state = "in_renewal"

    def _log_direct_changes(self, before):
        Followup = self.env["si.lead.followup"]
        for lead in self:
            chance_before, stage_before = before[lead.id]
            if (chance_before, stage_before) == (lead.chance_level, lead.stage_id.id):
                continue
            Followup.create({
                "lead_id": lead.id,
                "kind": "change",
                "channel": False,
                "chance_before": chance_before,
                "chance_after": lead.chance_level,
                "stage_before_id": stage_before,
                "stage_after_id": lead.stage_id.id,
            })

    def _followup_period_days(self):
        self.ensure_one()
        if self.followup_frequency == "custom":
            return self.followup_interval_days
        return FREQUENCY_DAYS.get(self.followup_frequency)

    def _schedule_next_followup(self, next_date=None):
        """Keep one planned follow-up to-do per lead with a plan, for its owner,
        `next_date` or one period after the last follow-up (or today)."""
        activity_type = self.env.ref("sales_intelligence.mail_activity_type_followup")
        today = fields.Date.from_string(fields.Date.context_today(self))
        for lead in self:
            days = lead._followup_period_days()
            activity = lead.followup_activity_id
            if not lead.active or not lead.user_id or not (days or next_date):
                if activity:
                    activity.unlink()
                lead.with_context(si_followup_logged=True).write(
                    {"next_followup_date": next_date})
                continue
            if not next_date:
                last = fields.Datetime.from_string(lead.last_followup_date)
                start = last.date() if last else today
                next_day = max(start + timedelta(days=days), today)
            else:
                next_day = fields.Date.from_string(next_date)
            values = {
                "date_deadline": fields.Date.to_string(next_day),
                "user_id": lead.user_id.id,
            }
            if activity.exists():
                activity.write(values)
            else:
                values.update({
                    "res_id": lead.id,
                    "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                    "activity_type_id": activity_type.id,
                    "summary": _("Follow up (plan: %s)") % dict(
                        self._fields["followup_frequency"]._description_selection(
                            self.env))[lead.followup_frequency],
                })
                activity = self.env["mail.activity"].create(values)
            lead.with_context(si_followup_logged=True).write({
                "followup_activity_id": activity.id,
                "next_followup_date": values["date_deadline"],
            })

    @api.multi
    def _refresh_followup_stats(self):
        """Recompute the follow-up figures of these leads in one query and wake
        them up from dormancy when they were followed up."""
        if not self.ids:
            return
        self.env.cr.execute("""
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
                 WHERE l.id IN %s
              GROUP BY l.id
            )
            UPDATE crm_lead l
               SET followup_count = s.n,
                   last_followup_date = s.last,
                   followup_avg_interval = s.avg_interval,
                   days_since_followup = current_date
                       - COALESCE(s.last, l.create_date)::date,
                   is_dormant = l.is_dormant AND (s.last IS NULL
                       OR s.last::date < COALESCE(l.dormant_since, current_date))
              FROM stats s
             WHERE s.id = l.id
        """, (tuple(self.ids),))
        self.invalidate_cache(STATS_FIELDS, self.ids)

    @api.multi
    def _create_dormant_activities(self):
        """A follow-up to-do for the owner of each of these (newly dormant)
        leads, due today; one INSERT for the whole batch."""
        self.env["mail.activity"]._si_bulk_schedule(
            self, "user_id", "name",
            self.env.ref("sales_intelligence.mail_activity_type_followup"),
            _("Dormant lead: follow it up to bring it back to life"))

    @api.model
    def _id_batches(self, batch_size):
        """(low, high] id ranges of about `batch_size` leads each, in id order,
        for the nightly jobs that commit batch by batch."""
        return id_batches(self.env.cr, self._table, batch_size)

    @api.model
    def cron_refresh_days_since_followup(self, batch_size=100000):
        """Nightly: age the 'days without follow-up' of open leads, in id
        batches committed one by one so a crash loses at most one batch."""
        for low, high in self._id_batches(batch_size):
            self.env.cr.execute("""
                UPDATE crm_lead
                   SET days_since_followup = current_date
                       - COALESCE(last_followup_date, create_date)::date
                 WHERE id > %s AND id <= %s
                   AND days_since_followup IS DISTINCT FROM current_date
                       - COALESCE(last_followup_date, create_date)::date
            """, (low, high))
            self._commit_batch()
        self.invalidate_cache(["days_since_followup"])

    def _commit_batch(self):
        """Commit a finished batch of a scheduled action, so that a crash of a
        later batch does not lose it. Tests set `si_no_commit` in the context
        (and Odoo's test runner marks its thread) to keep their rollback."""
        if self.env.context.get("si_no_commit") or getattr(
                threading.current_thread(), "testing", False):
            return
        self.env.cr.commit()  # pylint: disable=invalid-commit
