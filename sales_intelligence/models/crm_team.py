# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.matching import FACTORS, check_weights


class CrmTeam(models.Model):
    _inherit = "crm.team"

    sales_mode = fields.Selection(
        selection=[("b2b", "B2B"), ("b2c", "B2C")],
        default="b2b",
        required=True,
        index=True,
        help="B2B teams sell to companies with long cycles and contracts; "
        "B2C teams sell to individuals with short cycles. Targets, daily "
        "plans and lead matching use it to pick the right defaults.",
    )
    si_weight_industry = fields.Float(
        string="Industry Fit",
        default=3.0,
        help="Weight of industry fit in the lead/rep matching score: the "
        "lead's industry is one the rep serves.",
    )
    si_weight_region = fields.Float(
        string="Region Fit",
        default=2.0,
        help="Weight of region fit: the lead is in a region the rep serves.",
    )
    si_weight_specialty = fields.Float(
        string="Specialty vs Needs",
        default=2.0,
        help="Weight of the share of the lead's tags (needs, size...) that "
        "the rep also carries (specialty...).",
    )
    si_weight_grade = fields.Float(
        string="Grade vs Lead Value",
        default=2.0,
        help="Weight of grade fit: key and high-chance leads go to the best "
        "graded reps, small leads to the others.",
    )
    si_weight_capacity = fields.Float(
        string="Remaining Capacity",
        default=1.0,
        help="Weight of the rep's free capacity (open leads against their "
        "maximum).",
    )
    si_weight_history = fields.Float(
        string="History",
        default=2.0,
        help="Weight of the rep's win rate over 12 months in the lead's "
        "industry (overall rate when they have none there).",
    )
    si_assignment_mode = fields.Selection(
        selection=[
            ("matching", "Explained matching"),
            ("odoo", "Odoo's assignment"),
        ],
        string="Lead Assignment",
        default="odoo",
        required=True,
        help="Explained matching: unassigned leads go to the best-matching "
        "members every hour (score and explanation kept in the ownership "
        "history), balanced and within each member's capacity. Odoo's "
        "assignment: Odoo's own rules (assignment domains, daily quotas), "
        "when enabled in the CRM settings. Both use the members' capacity; "
        "\"Skip auto assignment\" stops both. Leads left in a pool are "
        "re-assigned by the explained matching either way.",
    )
    renewal_notice_days = fields.Integer(
        string="Renewal Notice (days)",
        default=60,
        help="Days before a contract of the team ends when its owner is "
        "notified and a renewal opportunity is created, unless the contract "
        "type sets its own.",
    )

    @api.constrains("si_weight_industry", "si_weight_region", "si_weight_specialty",
                    "si_weight_grade", "si_weight_capacity", "si_weight_history")
    def _check_matching_weights(self):
        for team in self:
            try:
                check_weights(team._matching_weights())
            except ValueError:
                raise ValidationError(
                    _("The matching weights of the team \"%s\" must be zero or "
                      "positive, and at least one must be above zero.", team.name)
                ) from None

    @api.constrains("renewal_notice_days")
    def _check_renewal_notice_days(self):
        for team in self:
            if team.renewal_notice_days < 0:
                raise ValidationError(
                    _("The renewal notice period cannot be negative."))

    def _matching_weights(self):
        self.ensure_one()
        return {factor: self["si_weight_%s" % factor] for factor in FACTORS}

    def write(self, vals):
        res = super().write(vals)
        if {"user_id", "member_ids", "crm_team_member_ids"} & set(vals):
            # Leaders see their team's leads and members their team's pools:
            # both live in the (cached) lead record rule.
            self.env["si.lead.pool"]._visibility_changed()
        return res

    # --- assignment: the explained matching or Odoo's --------------------------
    def _action_assign_leads(self, force_quota=False, creation_delta_days=7):
        """Odoo's assignment for the teams that chose it, the explained
        matching for the others; owner changes go through the ownership
        function either way (logged as automatic assignments)."""
        if not (self.env.user.has_group("sales_team.group_sale_manager")
                or self.env.is_system()):
            raise UserError(_("Lead/Opportunities automatic assignment is "
                              "limited to managers or administrators"))
        odoo_teams = self.filtered(lambda team: team.si_assignment_mode == "odoo")
        teams_data, members_data = {}, {}
        if odoo_teams:
            teams_data, members_data = super(
                CrmTeam, odoo_teams.with_context(si_owner_kind="auto"),
            )._action_assign_leads(force_quota=force_quota,
                                   creation_delta_days=creation_delta_days)
        members_data.update((self - odoo_teams)._assign_by_matching())
        return teams_data, members_data

    def _get_lead_to_assign_domain(self):
        """Odoo's assignment leaves pooled leads to the pool's claims and
        re-assignment."""
        return super()._get_lead_to_assign_domain() + [("pool_id", "=", False)]

    def _assign_by_matching(self):
        """Assign the unassigned leads of these teams by the explained
        matching; {crm.team.member: {"assigned": leads}} as Odoo's reports."""
        if not self:
            return {}
        leads = self.env["crm.lead"].search([
            ("team_id", "in", self.ids), ("user_id", "=", False),
            ("pool_id", "=", False),
            "|", ("stage_id", "=", False), ("stage_id.is_won", "=", False)])
        self.env["si.rep"]._auto_assign(leads, "auto", _("Automatic assignment:"))
        assigned = defaultdict(lambda: self.env["crm.lead"])
        for lead in leads.filtered("user_id"):
            assigned[(lead.team_id, lead.user_id)] |= lead
        result = {}
        for member in self.crm_team_member_ids:
            leads_of = assigned.get((member.crm_team_id, member.user_id))
            if leads_of:
                result[member] = {"assigned": leads_of}
        return result
