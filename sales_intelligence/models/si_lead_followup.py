# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .crm_lead import CHANCE_LEVELS

FOLLOWUP_CHANNELS = [
    ("call", "Phone Call"),
    ("visit", "Customer Visit"),
    ("meeting", "Meeting"),
    ("negotiation", "Contract Negotiation"),
    ("email", "E-mail"),
    ("message", "Message / IM"),
]


class SiLeadFollowup(models.Model):
    """One contact with a lead (kind 'followup'), or a change of its chance
    level or stage made directly on the lead (kind 'change'): together the
    complete history of the lead."""

    _name = "si.lead.followup"
    _description = "Lead Follow-up"
    _order = "date desc, id desc"
    _rec_name = "lead_id"

    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Lead",
        required=True,
        ondelete="cascade",
        index=True,
    )
    kind = fields.Selection(
        selection=[
            ("followup", "Follow-up"),
            ("change", "Change on Lead"),
            ("revive", "Revival"),
        ],
        default="followup",
        required=True,
        index=True,
        help="Follow-ups are contacts with the customer; changes record chance "
        "or stage edits made directly on the lead; revivals bring dead leads "
        "back.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        default=lambda self: self.env.user,
        required=True,
        index=True,
    )
    date = fields.Datetime(
        default=fields.Datetime.now,
        required=True,
        index=True,
    )
    channel = fields.Selection(
        selection=FOLLOWUP_CHANNELS,
        index=True,
    )
    content = fields.Text(
        help="What was discussed.",
    )
    outcome = fields.Char(
        help="What came out of it: agreed next step, objection, decision.",
    )
    chance_before = fields.Selection(
        selection=CHANCE_LEVELS,
    )
    chance_after = fields.Selection(
        selection=CHANCE_LEVELS,
    )
    stage_before_id = fields.Many2one(
        comodel_name="crm.stage",
        string="Stage Before",
    )
    stage_after_id = fields.Many2one(
        comodel_name="crm.stage",
        string="Stage After",
    )
    next_date = fields.Date(
        string="Next Follow-up",
    )
    partner_id = fields.Many2one(
        related="lead_id.partner_id",
        store=True,
        readonly=True,
        string="Customer",
    )
    team_id = fields.Many2one(
        related="lead_id.team_id",
        store=True,
        readonly=True,
        string="Sales Team",
    )
    lead_user_id = fields.Many2one(
        related="lead_id.user_id",
        store=True,
        readonly=True,
        index=True,
        string="Lead Owner",
    )
    # the lead's pool, kept on the follow-up for the rule of reps (follow-ups
    # of unassigned leads outside pools or in the rep's pools): a condition
    # on the lead's pool through the lead was a subquery over every lead
    # outside pools, which PostgreSQL cannot hash at a million leads
    lead_pool_id = fields.Many2one(
        related="lead_id.pool_id",
        store=True,
        readonly=True,
        string="Lead Pool",
    )
    company_id = fields.Many2one(
        related="lead_id.company_id",
        store=True,
        readonly=True,
        string="Company",
    )
    chance_changed = fields.Boolean(
        compute="_compute_changed",
        store=True,
    )
    stage_changed = fields.Boolean(
        compute="_compute_changed",
        store=True,
    )

    def init(self):
        # each rep's last follow-up in one index probe (the anomaly scan's
        # idle reps), not a read of all of the rep's follow-ups
        self.env.cr.execute(SQL(
            "CREATE INDEX IF NOT EXISTS si_lead_followup_user_date_idx "
            "ON si_lead_followup (user_id, date) WHERE kind = 'followup'"))

    @api.depends("chance_before", "chance_after", "stage_before_id", "stage_after_id")
    def _compute_changed(self):
        for followup in self:
            followup.chance_changed = followup.chance_before != followup.chance_after
            followup.stage_changed = followup.stage_before_id != followup.stage_after_id

    @api.constrains("date")
    def _check_date_not_future(self):
        today = fields.Date.context_today(self)
        for followup in self:
            if followup.date and fields.Datetime.context_timestamp(
                    self, followup.date).date() > today:
                raise ValidationError(
                    _("A follow-up cannot be dated in the future (%s): log it "
                      "once it happened, and plan future contacts with the "
                      "next follow-up date.", followup.date))

    @api.constrains("kind", "channel")
    def _check_channel(self):
        for followup in self:
            if followup.kind == "followup" and not followup.channel:
                raise ValidationError(_("Say how the customer was contacted "
                                        "(channel of the follow-up)."))

    @api.depends("lead_id")
    def _compute_display_name(self):
        # sudo: what a rep logged stays listed under its lead's name, also
        # once the lead went to another rep or a pool they cannot open.
        for followup in self:
            followup.display_name = followup.sudo().lead_id.name

    @api.model_create_multi
    def create(self, vals_list):
        followups = super().create(vals_list)
        contacts = followups.filtered(lambda rec: rec.kind == "followup")
        contacts.lead_id._refresh_followup_stats()
        # the latest contact of each lead decides its next follow-up
        for lead in contacts.lead_id:
            last = contacts.filtered(lambda rec, lead=lead: rec.lead_id == lead)[-1]
            lead._schedule_next_followup(next_date=last.next_date)
        return followups
