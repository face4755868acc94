# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lead matching inputs: tags, sales mode, region, customer profile, owner
grade, re-match flag."""
from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.matching import LeadProfile

# How valuable a lead is, to match it with a rep's grade (key leads: 1.0)
CHANCE_VALUE = {"high": 0.75, "medium": 0.5, "low": 0.25, "none": 0.0}


class CrmLead(models.Model):
    _inherit = "crm.lead"

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
        string="Owner Grade",
    )
    si_rematch_suggested = fields.Boolean(
        string="Re-match Suggested",
        readonly=True,
        copy=False,
        help="The lead's tags changed since it was assigned: a manager may "
        "look for a better-matching owner.",
    )

    # --- computes ---------------------------------------------------------------
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

    # --- CRUD ---------------------------------------------------------------------
    def write(self, vals):
        if "si_tag_ids" in vals:
            vals = dict(vals, si_rematch_suggested=True)
        return super().write(vals)

    # --- business methods ------------------------------------------------------
    def _matching_profiles(self):
        """[(team id, pool id, LeadProfile)] of these leads, in two queries:
        assignment reads thousands of leads at once."""
        if not self.ids:
            return []
        self.flush_model(["si_tag_ids", "team_id", "pool_id", "sales_mode",
                          "industry_id", "si_region_id", "is_key_lead",
                          "chance_level"])
        cr = self.env.cr
        cr.execute(SQL("""
            SELECT lead_id, array_agg(tag_id) FROM si_lead_tag_rel
             WHERE lead_id = ANY(%s) GROUP BY lead_id
        """, self.ids))
        tags = dict(cr.fetchall())
        cr.execute(SQL("""
            SELECT id, team_id, pool_id, sales_mode, industry_id, si_region_id,
                   is_key_lead, chance_level
              FROM crm_lead WHERE id = ANY(%s) ORDER BY id
        """, self.ids))
        return [(team_id, pool_id, LeadProfile(
            lead_id=lead_id,
            sales_mode=mode,
            industry_id=industry_id,
            region_id=region_id,
            tag_ids=frozenset(tags.get(lead_id, ())),
            value_level=1.0 if key else CHANCE_VALUE.get(chance, 0.5),
        )) for lead_id, team_id, pool_id, mode, industry_id, region_id, key, chance
            in cr.fetchall()]
