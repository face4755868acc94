# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL


class SiReportReadMixin(models.AbstractModel):
    """Reads of the analyses (grouped reads, lists, exports) without
    PostgreSQL's JIT compiler and, for the analyses that ask for it, with
    their views' joins in the order they are written.

    The analyses are long queries over many joins (their views' every
    branch, those a one-time filter skips included), which the JIT compiler,
    on by default above ``jit_above_cost``, compiles whole before running:
    at a million rows that took 20 of the demand analysis's 22 seconds. It is
    turned off for the rest of the transaction; Odoo's own short queries
    never gain from it.

    Planning such a view is also costly when PostgreSQL searches the best
    order of each branch's joins: the demand analysis's five branches took
    about 23 ms to plan for a 6 ms read. An analysis whose views are written
    in a good order (`_report_joins_as_written`) is planned in that order
    (``join_collapse_limit`` and ``from_collapse_limit`` 1), for its reads
    only."""

    _name = "si.report.read.mixin"
    _description = "Analysis Reads without JIT"
    _report_joins_as_written = False

    def _without_jit(self):
        """JIT off for the rest of the transaction (see the class)."""
        self.env.cr.execute(SQL("SET LOCAL jit = off"))

    def _report_read(self, read, *args, **kwargs):
        """`read(*args, **kwargs)` with the settings of the class."""
        self._without_jit()
        if not self._report_joins_as_written:
            return read(*args, **kwargs)
        cr = self.env.cr
        cr.execute(SQL("SET LOCAL join_collapse_limit = 1; "
                       "SET LOCAL from_collapse_limit = 1"))
        result = read(*args, **kwargs)
        # after an error the transaction ends, and its settings with it
        cr.execute(SQL("RESET join_collapse_limit; RESET from_collapse_limit"))
        return result

    def _read_group(self, *args, **kwargs):
        return self._report_read(super()._read_group, *args, **kwargs)

    def search_fetch(self, *args, **kwargs):
        return self._report_read(super().search_fetch, *args, **kwargs)
