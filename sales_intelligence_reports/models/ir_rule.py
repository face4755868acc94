# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.osv import expression


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _compute_domain(self, model_name, mode="read"):
        """Report models that declare ``_rules_source_field`` (a many2one to
        the record each row is computed from) get the record rules of that
        source added to their own, as Odoo does for ``_inherits`` parents:
        a row is visible only if its source record is. The report then
        follows the source's rules as they are (pools, teams, companies),
        without a second copy of them that could drift apart."""
        domain = super()._compute_domain(model_name, mode)
        model = self.env[model_name]
        field_name = getattr(model, "_rules_source_field", None)
        if not field_name:
            return domain
        source = model._fields[field_name].comodel_name
        # rows of a read-only report are read: the source's read rules apply
        source_domain = self._compute_domain(source, "read")
        if not source_domain:
            return domain
        return expression.AND([domain, [(field_name, "any", source_domain)]])
