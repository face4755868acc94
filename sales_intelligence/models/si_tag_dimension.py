# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

TAG_SCOPES = [
    ("rep", "Reps"),
    ("lead", "Leads"),
    ("both", "Reps and Leads"),
]


class SiTagDimension(models.Model):
    """A dimension along which reps or leads are tagged: experience,
    performance, region, specialty for reps; size, industry, needs, region for
    leads. Managers add dimensions and tags as their business needs."""

    _name = "si.tag.dimension"
    _inherit = ["si.name.limit.mixin"]
    _description = "Tag Dimension"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    scope = fields.Selection(
        selection=TAG_SCOPES,
        default="both",
        required=True,
        help="Whom the tags of this dimension describe. Tags used on both "
        "sides (e.g. a rep's specialty and a lead's needs) count in matching.",
    )
    tag_ids = fields.One2many(
        comodel_name="si.tag",
        inverse_name="dimension_id",
        string="Tags",
    )


class SiTag(models.Model):
    _name = "si.tag"
    _inherit = ["si.name.limit.mixin"]
    _description = "Rep and Lead Tag"
    _order = "dimension_id, name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    dimension_id = fields.Many2one(
        comodel_name="si.tag.dimension",
        string="Dimension",
        required=True,
        ondelete="cascade",
        index=True,
    )
    scope = fields.Selection(
        related="dimension_id.scope",
        store=True,
        index=True,
    )
    color = fields.Integer(
        string="Color Index",
    )

    _sql_constraints = [
        ("name_dimension_uniq", "unique(name, dimension_id)",
         "A tag name must be unique within its dimension."),
    ]

    @api.depends("name", "dimension_id.name")
    def _compute_display_name(self):
        for tag in self:
            tag.display_name = "%s: %s" % (tag.dimension_id.name, tag.name)
