# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2.extras import execute_values

from odoo import api, fields, models

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
        readonly=True,
        string="Current Owner",
    )
    company_id = fields.Many2one(
        related="lead_id.company_id",
        store=True,
        readonly=True,
    )

    @api.model
    def _log_bulk(self, rows):
        """Insert many history rows at once. `rows`: (lead id, kind, new
        owner, previous owner, pool, score, reason) tuples."""
        if not rows:
            return
        self.env.cr.execute("SELECT id, company_id FROM crm_lead WHERE id IN %s",
                            (tuple({row[0] for row in rows}),))
        companies = dict(self.env.cr.fetchall())
        uid = self.env.uid
        execute_values(self.env.cr, """
            INSERT INTO si_lead_assignment
                   (lead_id, kind, user_id, previous_user_id, pool_id, score,
                    reason, company_id, author_id, create_uid, write_uid,
                    date, create_date, write_date)
            VALUES %s
        """, [tuple(row) + (companies.get(row[0]), uid, uid, uid) for row in rows],
            template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                     "now() at time zone 'UTC', now() at time zone 'UTC', "
                     "now() at time zone 'UTC')",
            page_size=5000)
