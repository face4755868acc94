# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

FULFILMENT_CATEGORIES = [
    ("delivery", "Delivered"),
    ("consumption", "Consumption"),
    ("service", "Tickets / Services"),
    ("value", "Value Delivered"),
]


class SiFulfilmentType(models.Model):
    """A kind of usage or service information recorded on contracts
    (deliveries, consumption, support tickets, cost saved...), configured by
    managers."""

    _name = "si.fulfilment.type"
    _description = "Fulfilment Line Type"
    _order = "sequence, name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    active = fields.Boolean(
        default=True,
    )
    category = fields.Selection(
        selection=FULFILMENT_CATEGORIES,
        required=True,
        default="delivery",
        help="Groups the lines in the fulfilment report.",
    )
    unit = fields.Char(
        translate=True,
        help="Unit of the quantity, e.g. hours, tickets, licences.",
    )
