# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.osv import expression


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _compute_domain(self, model_name, mode="read"):
        """Report models that declare ``_rules_source_fields`` (many2ones to
        the records each row is computed from) get the record rules of those
        sources added to their own, as Odoo does for ``_inherits`` parents:
        a row is visible only if each source record it has is visible. The
        report then follows the sources' rules as they are (pools, teams,
        companies), without a second copy of them that could drift apart.

        A row may leave a source empty (a view made of several tables, each
        row from one of them): an empty source does not restrict the row.

        The source fields are ``auto_join``: the source's rules become
        conditions on a join, not an ``IN (subquery)`` that PostgreSQL runs
        for each row once it is too large to hash (which ``IS NULL OR IN``
        forces on an optional source), so a report stays one pass over its
        rows at a million leads."""
        domain = super()._compute_domain(model_name, mode)
        model = self.env[model_name]
        field_names = getattr(model, "_rules_source_fields", ())
        if not field_names and getattr(model, "_rules_source_field", None):
            # the one-source form of earlier versions
            field_names = (model._rules_source_field,)
        if not field_names:
            return domain
        domains = [domain] if domain else []
        for field_name in field_names:
            field = model._fields[field_name]
            # rows of a read-only report are read: the source's read rules apply
            source_domain = self._compute_domain(field.comodel_name, "read")
            if not source_domain:
                continue
            if field.required:
                domains.append([(field_name, "any", source_domain)])
            else:
                domains.append(["|", (field_name, "=", False),
                                (field_name, "any", source_domain)])
        return expression.AND(domains) if domains else domain
