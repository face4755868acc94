# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, models
from odoo.osv import expression

_logger = logging.getLogger(__name__)


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
        rows at a million leads.

        A report that keeps some of a source's fields with the same values
        (``_rules_source_mirrors``) gets the source's rules on its own
        columns where they fit, with no join at all. A report each of whose
        rows has exactly one source (``_rules_one_source``) gets one OR of
        "a row of this source, visible by its rules", which PostgreSQL can
        answer with the indexes of the report's columns (a rep's few rows
        out of millions)."""
        domain = super()._compute_domain(model_name, mode)
        model = self.env[model_name]
        if getattr(model, "_rules_rollup_of", None):
            rollup_domain = self._compute_rollup_domain(
                model, super()._compute_domain(model._rules_rollup_of, mode))
            if rollup_domain is None:
                # a rule on a field the sums do not keep: no row (the
                # analysis reads its own rows then)
                return expression.FALSE_DOMAIN
            return expression.AND([domain, rollup_domain]) if domain \
                else rollup_domain
        mirror = getattr(model, "_rules_mirror_model", None)
        if mirror:
            return self._compute_mirrored_domain(model, mirror, domain)
        field_names = getattr(model, "_rules_source_fields", ())
        if not field_names and getattr(model, "_rules_source_field", None):
            # the one-source form of earlier versions
            field_names = (model._rules_source_field,)
        if not field_names:
            return domain
        mirrors = getattr(model, "_rules_source_mirrors", {})
        one_source = getattr(model, "_rules_one_source", False)
        domains = [domain] if domain else []
        branches = []
        for field_name in field_names:
            field = model._fields[field_name]
            source_domain, mirrored = self._source_rules_mirrored(
                field.comodel_name, mirrors.get(field_name, {}))
            condition = mirrored if mirrored is not None else [
                (field_name, "any", source_domain)]
            if one_source:
                # a row of this source, visible by its rules: the conditions
                # stay in one OR that PostgreSQL answers with the indexes of
                # the rows' columns
                branches.append(expression.AND([[(field_name, "!=", False)],
                                                condition]))
            elif not source_domain:
                continue
            elif field.required:
                domains.append(condition)
            else:
                domains.append(["|", (field_name, "=", False), *condition])
        if branches:
            domains.append(expression.OR(branches))
        return expression.AND(domains) if domains else domain

    @api.model
    def _source_rules_mirrored(self, comodel_name, names):
        """(the read rules of a report's source model `comodel_name`: rows of
        a read-only report are read, those rules on the report's own fields
        (`names`, see _mirror_source_domain): [] when the source has no
        rules, None when they do not fit)."""
        source_domain = self._compute_domain(comodel_name, "read")
        if not source_domain:
            return source_domain, []
        return source_domain, self._mirror_source_domain(source_domain, names)

    @api.model
    def _mirror_source_domain(self, domain, names):
        """`domain` (on a report's source) on the report's own fields, when
        each of its conditions is on a source field or path the report keeps
        with the same value (`names`: {source path: report field}, the
        longest path first); else None. The rules then need no join with the
        source (a million order lines for the demand analysis)."""
        if not names:
            return None
        mirrored = []
        for leaf in expression.normalize_domain(domain):
            if not isinstance(leaf, (list, tuple)) or leaf in (
                    expression.TRUE_LEAF, expression.FALSE_LEAF):
                mirrored.append(leaf)
                continue
            path = str(leaf[0])
            source = max((name for name in names
                          if path == name or path.startswith(name + ".")),
                         key=len, default=None)
            if source is None or leaf[1] in ("child_of", "parent_of"):
                return None
            mirrored.append((names[source] + path[len(source):], *leaf[1:]))
        return mirrored

    def _compute_mirrored_domain(self, model, mirror, domain):
        """A snapshot that keeps the fields the rules of `mirror` use (a lead
        snapshot keeps owner, team, company and pool) gets those rules as
        they are, beside its own: each row is visible to whoever may read
        the records it adds up. A rule on a field the snapshot does not keep
        hides every row (the analysis then reads its live rows)."""
        source_domain = self._compute_domain(mirror, "read")
        if not source_domain:
            return domain
        if not model._rules_mirror_expressible(source_domain):
            _logger.warning("Rules of %s not expressible on %s: rows hidden",
                            mirror, model._name)
            source_domain = expression.FALSE_DOMAIN
        return expression.AND([domain, source_domain]) if domain \
            else source_domain

    @api.model
    def _compute_rollup_domain(self, model, own):
        """The rules of the report `model` adds up (``_rules_rollup_of``, a
        one-source report) on `model`'s columns: the report's own rules
        (`own`), on the fields every row of `model` keeps
        (``_rules_rollup_fields``), and one OR of "a row of this source,
        visible by its rules", from the source fields (paths) each source's
        rows keep (``_rules_rollup_sources``). None when a rule uses
        anything else."""
        report = self.env[model._rules_rollup_of]
        if own:
            own = self._mirror_source_domain(
                own, {name: name for name in model._rules_rollup_fields})
            if own is None:
                return None
        branches = []
        for field_name, (marker, names) in model._rules_rollup_sources.items():
            __, mirrored = self._source_rules_mirrored(
                report._fields[field_name].comodel_name, names)
            if mirrored is None:
                return None
            branches.append(expression.AND([marker, mirrored]))
        return expression.AND([own or [], expression.OR(branches)])
