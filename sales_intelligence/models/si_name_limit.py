# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import ValidationError

# Names show in lists, kanban cards, many2one fields and e-mails: a name longer
# than this is a mistake (a pasted text) rather than a name.
NAME_MAX_LENGTH = 256


class SiNameLimitMixin(models.AbstractModel):
    """A name of at most NAME_MAX_LENGTH characters, refused with one
    sentence beyond (any script: a Chinese or Arabic letter, an emoji count
    as one each).

    The values are checked before they reach the database: a unique index on
    the name (tags, categories) cannot hold a very long value, and PostgreSQL
    would refuse the row with an error of its own."""

    _name = "si.name.limit.mixin"
    _description = "Name Length Limit"

    def _check_name_value(self, name):
        length = len(name) if isinstance(name, str) else 0
        if length > NAME_MAX_LENGTH:
            raise ValidationError(self.env._(
                "A name of a %(kind)s has at most %(limit)s characters; this "
                "one has %(length)s.",
                kind=self.env["ir.model"]._get(self._name).name,
                limit=NAME_MAX_LENGTH, length=length))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_name_value(vals.get("name"))
        return super().create(vals_list)

    def write(self, vals):
        self._check_name_value(vals.get("name"))
        return super().write(vals)

    @api.constrains("name")
    def _check_name_length(self):
        for record in self:
            self._check_name_value(record.name)
