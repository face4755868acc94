# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.matching import RepProfile, assign_balanced, rank

# Figures of the last 12 months per rep, and per rep and industry, in one
# query for all the reps read together.
_HISTORY_SQL = """
    SELECT l.user_id, l.industry_id,
           count(*) FILTER (WHERE s.probability >= 100) AS won,
           COALESCE(sum(l.planned_revenue)
                    FILTER (WHERE s.probability >= 100), 0) AS revenue,
           count(*) FILTER (WHERE NOT l.active AND NOT COALESCE(l.rejected, false)
                            AND COALESCE(s.probability, 0) < 100) AS lost,
           COALESCE(sum(extract(epoch FROM COALESCE(l.date_closed, l.write_date)
                                 - l.create_date) / 86400.0)
                    FILTER (WHERE s.probability >= 100), 0) AS cycle_days
      FROM crm_lead l
      LEFT JOIN crm_stage s ON s.id = l.stage_id
     WHERE l.user_id IN %(users)s
       AND l.type = 'opportunity'
       AND COALESCE(l.date_closed, l.write_date)
           >= now() at time zone 'UTC' - interval '12 months'
       AND (s.probability >= 100 OR NOT l.active)
  GROUP BY l.user_id, l.industry_id
"""
_OPEN_SQL = """
    SELECT l.user_id, count(*)
      FROM crm_lead l
      LEFT JOIN crm_stage s ON s.id = l.stage_id
     WHERE l.user_id IN %(users)s AND l.active
       AND COALESCE(s.probability, 0) < 100
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
        track_visibility="onchange",
    )
    name = fields.Char(
        related="user_id.name",
        store=True,
        readonly=True,
    )
    image_small = fields.Binary(
        related="user_id.image_small",
        readonly=True,
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
        related="user_id.sale_team_id",
        store=True,
        readonly=True,
        string="Sales Team",
    )
    grade_id = fields.Many2one(
        comodel_name="si.rep.grade",
        string="Grade",
        index=True,
        track_visibility="onchange",
    )
    grade_sequence = fields.Integer(
        related="grade_id.sequence",
        store=True,
        readonly=True,
    )
    grade_color = fields.Integer(
        related="grade_id.color",
        readonly=True,
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
    max_open_leads = fields.Integer(
        string="Capacity (open leads)",
        default=50,
        track_visibility="onchange",
        help="Most open leads this rep holds: automatic assignment stops "
        "there and it overrides the pool's holding limit. 0: no limit.",
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
        counts = self.env["si.won.summary"]._factor_counts_by_user(
            self.mapped("user_id"))
        names = dict(self.env["si.won.factor"].search([]).name_get())
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
                      "negative.") % rep.name)

    def _history(self):
        """{user id: {won, revenue, lost, cycle_days, open, by_industry:
        {industry id: (won, lost)}}} for these reps, in two queries."""
        users = tuple(self.mapped("user_id").ids) or (0,)
        cr = self.env.cr
        result = {}
        cr.execute(_HISTORY_SQL, {"users": users})
        for user_id, industry_id, won, revenue, lost, cycle in cr.fetchall():
            figures = result.setdefault(user_id, {
                "won": 0, "revenue": 0.0, "lost": 0, "cycle_days": 0.0,
                "by_industry": {}})
            figures["won"] += won
            figures["revenue"] += revenue
            figures["lost"] += lost
            figures["cycle_days"] += float(cycle)
            figures["by_industry"][industry_id] = (won, lost)
        cr.execute(_OPEN_SQL, {"users": users})
        for user_id, count in cr.fetchall():
            result.setdefault(user_id, {"by_industry": {}})["open"] = count
        return result

    def _matching_profiles(self):
        """The matching profile of each of these reps, with their current
        open leads: ([RepProfile], {user id: open leads})."""
        history = self._history()
        levels = self.env["si.rep.grade"]._grade_levels()
        profiles, loads = [], {}
        for rep in self:
            figures = history.get(rep.user_id.id, {"by_industry": {}})
            won, lost = figures.get("won", 0), figures.get("lost", 0)
            win_rates = {None: won / (won + lost) if won + lost else 0.0}
            for industry_id, (i_won, i_lost) in figures["by_industry"].items():
                if industry_id and i_won + i_lost:
                    win_rates[industry_id] = i_won / (i_won + i_lost)
            profiles.append(RepProfile(
                user_id=rep.user_id.id,
                sales_mode=rep.sales_mode or rep.team_id.sales_mode or False,
                industry_ids=frozenset(rep.industry_ids.ids),
                region_ids=frozenset(rep.region_ids.ids),
                tag_ids=frozenset(rep.tag_ids.ids),
                grade_level=levels.get(rep.grade_id.id, 0.0),
                capacity=rep.max_open_leads,
                win_rates=win_rates,
            ))
            loads[rep.user_id.id] = figures.get("open", 0)
        return profiles, loads

    @api.multi
    def action_view_open_leads(self):
        self.ensure_one()
        action = self.env.ref("crm.crm_lead_opportunities").read()[0]
        action["domain"] = [("user_id", "=", self.user_id.id)]
        action["context"] = {}
        return action

    # --- matching and assignment ---------------------------------------------------
    @api.model
    def _candidates(self, lead):
        """Reps who may take `lead`: those of its team, or of the company."""
        company = lead.company_id or self.env.user.company_id
        domain = [("user_id.active", "=", True), ("company_id", "=", company.id)]
        if lead.team_id:
            domain.append(("team_id", "=", lead.team_id.id))
        return self.search(domain)

    @api.model
    def _factor_labels(self):
        return {
            "industry": _("industry fit"),
            "region": _("region fit"),
            "specialty": _("specialty vs needs"),
            "grade": _("grade vs lead value"),
            "capacity": _("free capacity"),
            "history": _("win history"),
        }

    @api.model
    def _explain(self, contributions, labels=None):
        """The factors of a score, largest first: "industry fit +30.0, ..."."""
        labels = labels or self._factor_labels()
        return ", ".join("%s %+.1f" % (labels[factor], points)
                         for factor, points in sorted(
                             contributions.items(), key=lambda item: -item[1])
                         if points)

    @api.model
    def _suggest(self, lead, limit=5):
        """The best `limit` reps for `lead`, as Match tuples."""
        reps = self._candidates(lead)
        profiles, loads = reps._matching_profiles()
        weights = (lead.team_id or self.env["crm.team"].new({}))._matching_weights()
        return rank(lead._matching_profiles()[0][2], profiles, weights, loads, limit)

    @api.model
    def _plan_assignment(self, leads):
        """Balanced best owners for `leads`, team by team: ([Match], {lead id:
        pool id})."""
        by_team, pools = defaultdict(list), {}
        for team_id, pool_id, profile in leads._matching_profiles():
            if team_id:
                by_team[team_id].append(profile)
            pools[profile.lead_id] = pool_id
        teams = self.env["crm.team"].browse(list(by_team))
        reps = self.search([("team_id", "in", teams.ids),
                            ("user_id.active", "=", True)])
        profiles, loads = reps._matching_profiles()
        team_reps = defaultdict(list)
        for rep, profile in zip(reps, profiles):
            team_reps[rep.team_id.id].append(profile)
        matches = []
        for team in teams:
            matches += assign_balanced(by_team[team.id], team_reps[team.id],
                                       team._matching_weights(), loads)
        return matches, pools

    @api.model
    def _auto_assign(self, leads, kind, reason):
        """Give `leads` to their best-matching reps in one pass of SQL, and log
        each assignment with its score; returns how many were assigned."""
        matches, pools = self._plan_assignment(leads)
        if not matches:
            return 0
        execute_values(self.env.cr, """
            UPDATE crm_lead l
               SET user_id = v.user_id, date_open = now() at time zone 'UTC',
                   pool_id = NULL, pool_date = NULL, pool_warning_date = NULL,
                   si_rematch_suggested = false,
                   write_uid = v.uid, write_date = now() at time zone 'UTC'
              FROM (VALUES %s) AS v(id, user_id, uid)
             WHERE l.id = v.id
        """, [(m.lead_id, m.user_id, self.env.uid) for m in matches],
            page_size=5000)
        labels = self._factor_labels()
        self.env["si.lead.assignment"]._log_bulk([
            (m.lead_id, kind, m.user_id, None, pools.get(m.lead_id), m.score,
             "%s %s" % (reason, self._explain(m.contributions, labels)))
            for m in matches])
        ids = [m.lead_id for m in matches]
        Lead = self.env["crm.lead"]
        Lead._owner_changed_in_sql(ids)
        # the planned follow-up to-dos move to the new owners
        self.env.cr.execute("SELECT id FROM crm_lead WHERE id = ANY(%s) "
                            "AND followup_frequency <> 'none'", (ids,))
        planned = Lead.browse([row[0] for row in self.env.cr.fetchall()])
        planned._schedule_next_followup()
        return len(matches)

    @api.model
    def cron_auto_assign(self, batch_size=10000):
        """Nightly and on demand: unassigned leads of teams with automatic
        assignment go to their best-matching reps, a committed batch at a time."""
        return self._auto_assign_batches(
            [("user_id", "=", False), ("pool_id", "=", False),
             ("team_id.si_auto_assign", "=", True),
             ("stage_id.probability", "<", 100)],
            "auto", _("Automatic assignment:"), batch_size)

    @api.model
    def _auto_assign_batches(self, domain, kind, reason, batch_size=10000):
        """Auto-assign the leads of `domain`, a committed batch at a time."""
        Lead = self.env["crm.lead"]
        last_id, count = 0, 0
        while True:
            leads = Lead.search(domain + [("id", ">", last_id)], order="id",
                                limit=batch_size)
            if not leads:
                return count
            count += self._auto_assign(leads, kind, reason)
            last_id = leads[-1].id
            Lead._commit_batch()
