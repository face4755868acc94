# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

MONTH_FIELDS = ["month_%02d" % month for month in range(1, 13)]


class SiTargetSeasonality(models.Model):
    """Relative weight of each month of the year, to split a target by
    month when last year is no guide (new products, changed market)."""

    _name = "si.target.seasonality"
    _description = "Seasonality Profile"
    _order = "name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    active = fields.Boolean(
        default=True,
    )
    month_01 = fields.Float(string="January", default=1.0)
    month_02 = fields.Float(string="February", default=1.0)
    month_03 = fields.Float(string="March", default=1.0)
    month_04 = fields.Float(string="April", default=1.0)
    month_05 = fields.Float(string="May", default=1.0)
    month_06 = fields.Float(string="June", default=1.0)
    month_07 = fields.Float(string="July", default=1.0)
    month_08 = fields.Float(string="August", default=1.0)
    month_09 = fields.Float(string="September", default=1.0)
    month_10 = fields.Float(string="October", default=1.0)
    month_11 = fields.Float(string="November", default=1.0)
    month_12 = fields.Float(string="December", default=1.0)

    @api.constrains(*MONTH_FIELDS)
    def _check_weights(self):
        for profile in self:
            weights = profile.weights()
            if any(w < 0 for w in weights.values()) or not any(weights.values()):
                raise ValidationError(
                    _("The month weights of a seasonality profile must be zero "
                      "or positive, and at least one must be positive (%s).",
                      profile.name))

    def weights(self):
        """{month number: weight}."""
        self.ensure_one()
        return {index + 1: self[name] for index, name in enumerate(MONTH_FIELDS)}
