# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

# Figures of the last 12 months per rep, and per rep and industry, in one
# query for all the reps read together.
_HISTORY_SQL = """
    SELECT l.user_id, l.industry_id,
           count(*) FILTER (WHERE s.is_won) AS won,
           COALESCE(sum(l.expected_revenue) FILTER (WHERE s.is_won), 0) AS revenue,
           count(*) FILTER (WHERE NOT l.active AND NOT COALESCE(l.rejected, false)
                            AND NOT COALESCE(s.is_won, false)) AS lost,
           COALESCE(sum(extract(epoch FROM COALESCE(l.date_closed, l.write_date)
                                 - l.create_date) / 86400.0)
                    FILTER (WHERE s.is_won), 0) AS cycle_days
      FROM crm_lead l
      LEFT JOIN crm_stage s ON s.id = l.stage_id
     WHERE l.user_id = ANY(%(users)s)
       AND l.type = 'opportunity'
       AND COALESCE(l.date_closed, l.write_date)
           >= now() at time zone 'UTC' - interval '12 months'
       AND (s.is_won OR NOT l.active)
  GROUP BY l.user_id, l.industry_id
"""
_OPEN_SQL = """
    SELECT l.user_id, count(*)
      FROM crm_lead l
      LEFT JOIN crm_stage s ON s.id = l.stage_id
     WHERE l.user_id = ANY(%(users)s) AND l.active
       AND NOT COALESCE(s.is_won, false)
  GROUP BY l.user_id
"""


class SiRep(models.Model):
    """A salesperson's profile: grade, tags, what they serve, their capacity,
    and their history computed from the CRM."""

    _name = "si.rep"
    _description = "Sales Rep Profile"
    _inherit = ["mail.thread"]
    _order = "grade_sequence, name"

    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
    )
    name = fields.Char(
        related="user_id.name",
        store=True,
        readonly=True,
    )
    avatar_128 = fields.Image(
        related="user_id.avatar_128",
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
        related="user_id.sale_team_id",
        store=True,
        index=True,
        string="Sales Team",
        help="The salesperson's main team (their first team membership).",
    )
    grade_id = fields.Many2one(
        comodel_name="si.rep.grade",
        string="Grade",
        index=True,
        tracking=True,
    )
    grade_sequence = fields.Integer(
        related="grade_id.sequence",
        store=True,
    )
    grade_color = fields.Integer(
        related="grade_id.color",
    )
    tag_ids = fields.Many2many(
        comodel_name="si.tag",
        relation="si_rep_tag_rel",
        string="Tags",
        domain=[("scope", "in", ("rep", "both"))],
        help="Experience, performance, region, specialty... Specialty tags "
        "that match a lead's needs raise the matching score.",
    )
    experience_years = fields.Integer(
        string="Experience (years)",
    )
    sales_mode = fields.Selection(
        selection=[("b2b", "B2B"), ("b2c", "B2C")],
        help="Leads of the other mode are not matched to this rep. Empty: "
        "the mode of the rep's team.",
    )
    region_ids = fields.Many2many(
        comodel_name="si.region",
        string="Regions Served",
    )
    industry_ids = fields.Many2many(
        comodel_name="res.partner.industry",
        string="Industries Served",
    )
    member_id = fields.Many2one(
        comodel_name="crm.team.member",
        compute="_compute_member_id",
        string="Team Membership",
        help="The salesperson's membership of their main team, which holds "
        "their lead capacity.",
    )
    max_open_leads = fields.Integer(
        string="Capacity (leads)",
        compute="_compute_max_open_leads",
        inverse="_inverse_max_open_leads",
        help="The capacity of the salesperson's team membership (Odoo's "
        "\"Average Leads Capacity\"), one number for both assignments: the "
        "explained matching gives a rep no more open leads than this, Odoo's "
        "assignment about this many leads per 30 days; it also replaces the "
        "pool's holding limit. 0: no limit for the matching and the pool.",
    )
    max_daily_claims = fields.Integer(
        string="Pool Claims per Day",
        help="Most leads this rep may claim from the pool per day; 0 uses "
        "the pool's limit.",
    )
    note = fields.Text()
    won_factors = fields.Char(
        compute="_compute_won_factors",
        string="Winning Factors",
        help="The key factors of this rep's won deals, most frequent first "
        "(from the won-deal summaries): evidence of their strengths.",
    )

    # history, computed on read for all the reps shown at once
    won_count = fields.Integer(
        compute="_compute_history",
        string="Won (12 months)",
    )
    won_revenue = fields.Float(
        compute="_compute_history",
        string="Won Revenue (12 months)",
    )
    win_rate = fields.Float(
        compute="_compute_history",
        string="Win Rate (%)",
        digits=(16, 1),
        help="Won / (won + lost) opportunities closed in the last 12 months.",
    )
    avg_cycle_days = fields.Float(
        compute="_compute_history",
        string="Average Cycle (days)",
        digits=(16, 1),
        help="Average days from creation to won, last 12 months.",
    )
    open_lead_count = fields.Integer(
        compute="_compute_history",
        string="Open Leads",
    )
    load_rate = fields.Float(
        compute="_compute_history",
        string="Load (%)",
        digits=(16, 0),
        help="Open leads against capacity.",
    )

    _sql_constraints = [
        ("user_uniq", "unique(user_id)", "A salesperson has one rep profile."),
    ]

    @api.depends("team_id", "user_id.crm_team_member_ids.crm_team_id")
    def _compute_member_id(self):
        for rep in self:
            rep.member_id = rep.user_id.crm_team_member_ids.filtered(
                lambda member: member.crm_team_id == rep.team_id)[:1]

    @api.depends("team_id", "user_id.crm_team_member_ids.crm_team_id",
                 "user_id.crm_team_member_ids.assignment_max")
    def _compute_max_open_leads(self):
        for rep in self:
            rep.max_open_leads = rep.member_id.assignment_max

    def _inverse_max_open_leads(self):
        for rep in self:
            if rep.member_id:
                rep.member_id.assignment_max = rep.max_open_leads
            elif rep.max_open_leads:
                raise UserError(_(
                    "%s is in no sales team: the capacity is the one of the "
                    "team membership. Add them to a team first.", rep.name))

    @api.depends("user_id")
    def _compute_history(self):
        history = self._history()
        for rep in self:
            figures = history.get(rep.user_id.id, {})
            closed = figures.get("won", 0) + figures.get("lost", 0)
            rep.won_count = figures.get("won", 0)
            rep.won_revenue = figures.get("revenue", 0.0)
            rep.win_rate = 100.0 * figures.get("won", 0) / closed if closed else 0.0
            rep.avg_cycle_days = (figures.get("cycle_days", 0.0) / rep.won_count
                                  if rep.won_count else 0.0)
            rep.open_lead_count = figures.get("open", 0)
            rep.load_rate = (100.0 * rep.open_lead_count / rep.max_open_leads
                             if rep.max_open_leads else 0.0)

    def _compute_won_factors(self):
        counts = self.env["si.won.summary"]._factor_counts_by_user(self.user_id)
        names = {factor.id: factor.display_name
                 for factor in self.env["si.won.factor"].search([])}
        for rep in self:
            ranked = sorted(counts.get(rep.user_id.id, {}).items(),
                            key=lambda item: -item[1])
            rep.won_factors = ", ".join(
                "%s (%d)" % (names.get(factor, "?"), count)
                for factor, count in ranked[:4])

    @api.constrains("max_open_leads", "max_daily_claims", "experience_years")
    def _check_positive(self):
        for rep in self:
            if min(rep.max_open_leads, rep.max_daily_claims,
                   rep.experience_years) < 0:
                raise ValidationError(
                    _("Capacity, daily claims and experience of %s cannot be "
                      "negative.", rep.name))

    def _history(self):
        """The figures of these reps: see _history_of."""
        return self._history_of(self.user_id.ids)

    @api.model
    def _history_of(self, user_ids):
        """{user id: {won, revenue, lost, cycle_days, open, by_industry:
        {industry id: (won, lost)}}} of these users, in two queries."""
        self.env["crm.lead"].flush_model()
        cr = self.env.cr
        result = {}
        cr.execute(SQL(_HISTORY_SQL, users=list(user_ids)))
        for user_id, industry_id, won, revenue, lost, cycle in cr.fetchall():
            figures = result.setdefault(user_id, {
                "won": 0, "revenue": 0.0, "lost": 0, "cycle_days": 0.0,
                "by_industry": {}})
            figures["won"] += won
            figures["revenue"] += revenue
            figures["lost"] += lost
            figures["cycle_days"] += float(cycle)
            figures["by_industry"][industry_id] = (won, lost)
        cr.execute(SQL(_OPEN_SQL, users=list(user_ids)))
        for user_id, count in cr.fetchall():
            result.setdefault(user_id, {"by_industry": {}})["open"] = count
        return result

    def action_view_open_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm.crm_lead_opportunities")
        action["domain"] = [("user_id", "=", self.user_id.id)]
        action["context"] = {}
        return action
