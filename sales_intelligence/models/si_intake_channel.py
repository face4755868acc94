# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Intake channels: the public H5 and PC lead forms and the token-protected
JSON endpoint of the company's app and partner sites.

The configuration lives here; the intake service that both paths share is
in si_intake_channel_submit.py, the endpoints in controllers/intake.py."""
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.intake import hash_token, new_submission_id, new_token, token_hint
from .crm_lead import ENTRY_CHANNELS

CHANNEL_KINDS = [
    ("h5", "H5 (mobile form)"),
    ("pc", "PC (desktop form)"),
    ("api", "App / partner site (JSON API)"),
]
KIND_ENTRY_CHANNEL = {"h5": "app_h5", "pc": "pc", "api": "app_h5"}
API_PATH = "/si/intake/api/v1/leads"
FORM_PATH = "/si/intake/form/%s"


class SiIntakeChannel(models.Model):
    _name = "si.intake.channel"
    _inherit = ["si.name.limit.mixin"]
    _description = "Lead Intake Channel"
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
        help="Archived channels refuse submissions: their form answers "
        "\"not found\" and their token is refused.",
    )
    kind = fields.Selection(
        selection=CHANNEL_KINDS,
        string="Channel Kind",
        required=True,
        default="h5",
        help="H5: a mobile-first public form. PC: the same form laid out "
        "for desktop browsers. App / partner site: the JSON endpoint, with "
        "the channel's token.",
    )
    code = fields.Char(
        string="URL Code",
        required=True,
        copy=False,
        default=lambda self: new_submission_id()[:12].lower().replace("_", "-"),
        help="The last part of the form's public address. Changing it "
        "breaks links already shared.",
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
        required=True,
        index=True,
        check_company=True,
        help="Leads of this channel go to this team; its lead assignment "
        "(explained matching or Odoo's) then chooses the owner.",
    )
    entry_channel = fields.Selection(
        selection=ENTRY_CHANNELS,
        required=True,
        default="app_h5",
        help="The entry channel written on the leads of this channel.",
    )
    referrer_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Referrer",
        index=True,
        help="The partner credited on every lead of this channel (e.g. the "
        "partner whose site sends them); required for referral channels.",
    )
    source_id = fields.Many2one(
        comodel_name="utm.source",
        string="Source",
        index=True,
        help="UTM source written on the leads of this channel.",
    )
    medium_id = fields.Many2one(
        comodel_name="utm.medium",
        string="Medium",
        index=True,
    )
    campaign_id = fields.Many2one(
        comodel_name="utm.campaign",
        string="Campaign",
        index=True,
        help="Default campaign of the leads; a submission naming another "
        "existing campaign (\"campaign\", or utm_campaign in the form's "
        "address) gets that one. Unknown names are ignored.",
    )
    assign_on_arrival = fields.Boolean(
        default=True,
        help="Teams using the explained matching assign the lead as soon as "
        "it arrives; otherwise the hourly assignment does it. Teams using "
        "Odoo's assignment always wait for Odoo's scheduled assignment.",
    )
    require_contact_name = fields.Boolean(
        string="Name Required",
        default=True,
    )
    require_email = fields.Boolean(
        string="E-mail Required",
    )
    require_phone = fields.Boolean(
        string="Phone Required",
    )
    require_company = fields.Boolean(
        string="Company Required",
    )
    require_message = fields.Boolean(
        string="Message Required",
    )
    consent_text = fields.Text(
        translate=True,
        help="Shown above the submit button; when set, the sender must "
        "agree to it (form checkbox, \"consent\": true in the API).",
    )
    rate_limit_address = fields.Integer(
        string="Limit per Address (per minute)",
        default=10,
        help="Submissions accepted per minute from one client address; "
        "0 for no limit.",
    )
    rate_limit_token = fields.Integer(
        string="Limit per Token (per minute)",
        default=120,
        help="API requests accepted per minute with this channel's token; "
        "0 for no limit.",
    )
    token_hash = fields.Char(
        copy=False,
        index="btree_not_null",
        groups="base.group_system",
        help="SHA-256 of the channel's API token; the token itself is shown "
        "once, when generated, and never stored.",
    )
    token_hint = fields.Char(
        string="Token",
        readonly=True,
        copy=False,
        groups="sales_team.group_sale_manager",
        help="The first characters of the current token, to recognise it.",
    )
    token_date = fields.Datetime(
        string="Token Generated On",
        readonly=True,
        copy=False,
        groups="sales_team.group_sale_manager",
    )
    public_url = fields.Char(
        compute="_compute_public_url",
        string="Public URL",
        help="The form's address (H5/PC), or the endpoint the app or partner "
        "site posts to (API).",
    )
    submission_ids = fields.One2many(
        comodel_name="si.intake.submission",
        inverse_name="channel_id",
        string="Submission Log",
    )
    lead_count = fields.Integer(
        compute="_compute_counts",
        string="Leads Received",
        help="Leads created by this channel, rejected ones included.",
    )
    submission_count = fields.Integer(
        compute="_compute_counts",
        string="Submissions",
    )
    attached_count = fields.Integer(
        compute="_compute_counts",
        string="Added to Open Leads",
        help="Submissions of people who already had an open lead: added to "
        "that lead's history instead of a duplicate.",
    )
    spam_count = fields.Integer(
        compute="_compute_counts",
        string="Spam Blocked",
    )

    _sql_constraints = [
        ("code_uniq", "unique (code)", "Each intake channel needs its own URL code."),
    ]

    # --- computes ---------------------------------------------------------------
    @api.depends("code", "kind")
    def _compute_public_url(self):
        # sudo: the server's public address, as Odoo's own links read it
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for channel in self:
            path = (API_PATH if channel.kind == "api"
                    else FORM_PATH % (channel.code or ""))
            channel.public_url = base.rstrip("/") + path

    def _compute_counts(self):
        # sudo: reps (who read channels) have no access to the submission log;
        # only counts per channel and outcome leave this method
        counts = {(channel.id, outcome): count for channel, outcome, count in
                  self.env["si.intake.submission"].sudo()._read_group(
                      [("channel_id", "in", self.ids)],
                      ["channel_id", "outcome"], ["__count"])}
        for channel in self:
            channel_id = channel._origin.id
            by_outcome = {outcome: counts.get((channel_id, outcome), 0)
                          for outcome in ("created", "attached", "rejected", "spam")}
            channel.lead_count = by_outcome["created"] + by_outcome["rejected"]
            channel.attached_count = by_outcome["attached"]
            channel.spam_count = by_outcome["spam"]
            channel.submission_count = sum(by_outcome.values())

    # --- constraints -----------------------------------------------------------
    @api.constrains("code")
    def _check_code(self):
        for channel in self:
            code = channel.code or ""
            if not code or not all(c.isalnum() or c in "-_" for c in code):
                raise ValidationError(self.env._(
                    "The URL code of \"%s\" may only hold letters, digits, \"-\" "
                    "and \"_\".", channel.name))

    @api.constrains("entry_channel", "referrer_partner_id")
    def _check_referral(self):
        for channel in self:
            if channel.entry_channel == "referral" and not channel.referrer_partner_id:
                raise ValidationError(self.env._(
                    "The referral channel \"%s\" needs the partner it credits "
                    "(Referrer).", channel.name))

    @api.constrains("rate_limit_address", "rate_limit_token")
    def _check_rate_limits(self):
        for channel in self:
            if channel.rate_limit_address < 0 or channel.rate_limit_token < 0:
                raise ValidationError(self.env._(
                    "Rate limits are zero (no limit) or positive."))

    # --- onchanges ----------------------------------------------------------------
    @api.onchange("kind")
    def _onchange_kind(self):
        self.entry_channel = KIND_ENTRY_CHANNEL.get(self.kind, self.entry_channel)

    # --- actions --------------------------------------------------------------------
    def action_generate_token(self):
        """Make a new API token (the previous one stops working) and show it
        once; only its hash is stored."""
        self.ensure_one()
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise UserError(self.env._("Only sales managers manage channel tokens."))
        if self.kind != "api":
            raise UserError(self.env._(
                "Only app / partner-site channels have a token; forms are public."))
        token = new_token()
        # sudo: the hash field is readable by administrators only, so that no
        # one can copy it; the manager (checked above and by the write access
        # rule) may replace it.
        self.check_access("write")
        self.sudo().write({
            "token_hash": hash_token(token),
            "token_hint": token_hint(token),
            "token_date": fields.Datetime.now(),
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": "si.intake.token.show",
            "name": self.env._("Channel Token"),
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_token": token, "default_channel_name": self.name},
        }

    def action_revoke_token(self):
        """Revoke the API token: requests with it are refused from now on."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise UserError(self.env._("Only sales managers manage channel tokens."))
        self.check_access("write")
        # sudo: as in action_generate_token, for the administrator-only hash
        self.sudo().write({"token_hash": False, "token_hint": False,
                           "token_date": False})
        return True

    def action_view_leads(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Leads of %s", self.name),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": [("si_intake_channel_id", "=", self.id)],
            "context": {"active_test": False},
        }

    def action_view_submissions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_intelligence.si_intake_submission_action")
        action["domain"] = [("channel_id", "=", self.id)]
        return action

    # --- lookups of the public endpoints --------------------------------------
    @api.model
    def _intake_form_channel(self, code):
        """The active form channel (H5 or PC) of a URL code, or an empty
        recordset."""
        if not code or len(code) > 64:
            return self.browse()
        # sudo: visitors have no access to channels; the code is the public
        # part of the channel and only the channel's configuration is read.
        return self.sudo().search(
            [("code", "=", code), ("kind", "in", ("h5", "pc"))], limit=1)

    @api.model
    def _intake_api_channel(self, token):
        """The active API channel of a token, or an empty recordset."""
        if not token or len(token) > 128:
            return self.browse()
        # sudo: the caller is anonymous; the token is compared by its hash,
        # which only identifies the channel.
        return self.sudo().search(
            [("token_hash", "=", hash_token(token)), ("kind", "=", "api")], limit=1)
