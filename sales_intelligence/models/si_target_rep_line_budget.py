# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SiTargetRepLine(models.Model):
    """The expense budget of a rep's month, by category, and the warning
    sent to the rep and the team leader when the rep's expenses pass it
    (activities on the rep target)."""

    _name = "si.target.rep.line"
    _inherit = ["si.target.rep.line", "mail.thread", "mail.activity.mixin"]
    # a rep or leader who reads the rep target may mark the warning done
    _mail_post_access = "read"

    budget_cell_ids = fields.One2many(
        comodel_name="si.target.budget.cell",
        inverse_name="rep_line_id",
        string="Expense Budget by Category",
    )
    budget_warned = fields.Boolean(
        string="Over-Budget Warning Sent",
        readonly=True,
        copy=False,
        help="The rep and the team leader were warned that the month's "
        "expenses passed its budget; they are warned once per month.",
    )
