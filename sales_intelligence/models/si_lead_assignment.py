# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

ASSIGNMENT_KINDS = [
    ("manual", "Assigned by Hand"),
    ("auto", "Auto-assigned"),
    ("claim", "Claimed from Pool"),
    ("release", "Released to Pool"),
    ("recycle", "Recycled to Pool"),
    ("pool_assign", "Assigned from Pool"),
    ("move", "Moved between Pools"),
]


class SiLeadAssignment(models.Model):
    """The ownership history of a lead: every assignment, claim, release and
    recycling, with who did it, when, why and the matching score."""

    _name = "si.lead.assignment"
    _description = "Lead Ownership History"
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
        selection=ASSIGNMENT_KINDS,
        required=True,
        index=True,
    )
    date = fields.Datetime(
        required=True,
        default=fields.Datetime.now,
        index=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="New Owner",
        index=True,
        help="Empty when the lead went to the pool.",
    )
    previous_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Previous Owner",
        index=True,
    )
    pool_id = fields.Many2one(
        comodel_name="si.lead.pool",
        string="Pool",
        index=True,
    )
    author_id = fields.Many2one(
        comodel_name="res.users",
        string="Done By",
        index=True,
        default=lambda self: self.env.user,
        help="Who assigned, claimed or released; the scheduled-action user "
        "for automatic work.",
    )
    score = fields.Float(
        digits=(16, 1),
        help="Matching score (0-100) of the new owner for this lead.",
    )
    reason = fields.Text(
        help="Why: the matching explanation, the pool rule or the rep's reason.",
    )
    lead_user_id = fields.Many2one(
        related="lead_id.user_id",
        string="Current Owner",
    )
    company_id = fields.Many2one(
        related="lead_id.company_id",
        store=True,
        index=True,
    )
