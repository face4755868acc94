# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL


class SiReportReadMixin(models.AbstractModel):
    """Reads of the analyses (grouped reads, lists, exports) without
    PostgreSQL's JIT compiler.

    The analyses are long queries over many joins (their views' every
    branch, those a one-time filter skips included), which the JIT compiler,
    on by default above ``jit_above_cost``, compiles whole before running:
    at a million rows that took 20 of the demand analysis's 22 seconds. It is
    turned off for the rest of the transaction; Odoo's own short queries
    never gain from it."""

    _name = "si.report.read.mixin"
    _description = "Analysis Reads without JIT"

    def _without_jit(self):
        """JIT off for the rest of the transaction (see the class)."""
        self.env.cr.execute(SQL("SET LOCAL jit = off"))

    def _read_group(self, *args, **kwargs):
        self._without_jit()
        return super()._read_group(*args, **kwargs)

    def search_fetch(self, *args, **kwargs):
        self._without_jit()
        return super().search_fetch(*args, **kwargs)
