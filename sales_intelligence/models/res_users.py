# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResUsers(models.Model):
    """The rep profile seen from the user, and the lead pools the user sees.
    The user's teams are Odoo's memberships (crm.team.member): sale_team_id
    is computed from them, and so is the rep profile's team."""

    _inherit = "res.users"

    si_rep_ids = fields.One2many(
        comodel_name="si.rep",
        inverse_name="user_id",
        string="Rep Profile",
    )
    si_grade_id = fields.Many2one(
        comodel_name="si.rep.grade",
        compute="_compute_si_rep",
        string="Rep Grade",
    )
    si_rep_tag_ids = fields.Many2many(
        comodel_name="si.tag",
        compute="_compute_si_rep",
        string="Rep Tags",
    )
    si_pool_ids = fields.Many2many(
        comodel_name="si.lead.pool",
        compute="_compute_si_pool_ids",
        string="Visible Lead Pools",
    )

    def _compute_si_rep(self):
        # sudo: grades and tags show on leads to every salesperson, who may
        # read profiles anyway; only the user's own profile is read.
        reps = self.env["si.rep"].sudo().search([("user_id", "in", self.ids)])
        by_user = {rep.user_id.id: rep for rep in reps}
        for user in self:
            rep = by_user.get(user.id)
            user.si_grade_id = rep.grade_id.id if rep else False
            user.si_rep_tag_ids = rep.tag_ids.ids if rep else []

    def _compute_si_pool_ids(self):
        for user in self:
            user.si_pool_ids = self.env["si.lead.pool"]._visible_pool_ids(user)
