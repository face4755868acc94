# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests.common import TransactionCase
from odoo.tools import SQL

from ..tools.column_arrays import unnest_rows

COLUMNS = [("day", "date"), ("team_id", "int"), ("amount", "numeric"),
           ("level", "varchar")]


class TestColumnArrays(TransactionCase):

    def _rows(self, rows):
        self.env.cr.execute(SQL("SELECT v.day, v.team_id, v.amount, v.level FROM %s",
                                unnest_rows(rows, COLUMNS)))
        return self.env.cr.fetchall()

    def test_rows_come_back_as_sent(self):
        rows = [(date(2026, 1, 1), 7, 10.5, "team"),
                ("2026-02-01", None, 0.0, "rep"),
                (None, None, None, None)]
        self.assertEqual(
            [(day, team, float(amount) if amount is not None else None, level)
             for day, team, amount, level in self._rows(rows)],
            [(date(2026, 1, 1), 7, 10.5, "team"), (date(2026, 2, 1), None, 0.0, "rep"),
             (None, None, None, None)])

    def test_no_rows_no_source_rows(self):
        self.assertEqual(self._rows([]), [])

    def test_values_are_parameters(self):
        # a value is data, never SQL
        hostile = "x'); DROP TABLE crm_lead; --"
        self.assertEqual(self._rows([(None, None, None, hostile)]),
                         [(None, None, None, hostile)])
