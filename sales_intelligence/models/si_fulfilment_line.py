# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SiFulfilmentLine(models.Model):
    """Usage and service information of a contract: what was delivered or
    consumed, tickets handled, value brought to the customer."""

    _name = "si.fulfilment.line"
    _description = "Contract Fulfilment Line"
    _order = "date desc, id desc"

    contract_id = fields.Many2one(
        comodel_name="contract.contract",
        string="Contract",
        required=True,
        ondelete="cascade",
        index=True,
    )
    type_id = fields.Many2one(
        comodel_name="si.fulfilment.type",
        string="Type",
        required=True,
        ondelete="restrict",
    )
    category = fields.Selection(
        related="type_id.category",
        store=True,
        readonly=True,
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        index=True,
    )
    name = fields.Char(
        string="Description",
    )
    quantity = fields.Float(
        digits=(16, 2),
    )
    unit = fields.Char(
        related="type_id.unit",
        readonly=True,
    )
    value_amount = fields.Monetary(
        string="Value",
        help="What it was worth to the customer (e.g. cost saved).",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="contract_id.currency_id",
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        related="contract_id.partner_id",
        store=True,
        readonly=True,
        index=True,
        string="Customer",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        related="contract_id.user_id",
        store=True,
        readonly=True,
        index=True,
        string="Responsible",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="contract_id.company_id",
        store=True,
        readonly=True,
    )

    @api.constrains("quantity", "value_amount")
    def _check_positive(self):
        for line in self:
            if line.quantity < 0 or line.value_amount < 0:
                raise ValidationError(self.env._(
                    "The quantity and the value of a usage or service line "
                    "cannot be negative (%s).", line.name or line.type_id.name))
