# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Many rows sent to PostgreSQL as one array per column.

``INSERT ... SELECT ... FROM unnest(%s::int[], %s::date[]) AS v (a, b)``
is one statement with one parameter per column whatever the number of
rows: PostgreSQL parses and plans it once, where pages of ``VALUES`` are
parsed, planned and sent page by page."""
from odoo.tools import SQL


def unnest_rows(rows, columns):
    """The SQL of a row source ``unnest(...) AS v (...)`` over `rows`
    (tuples), `columns` a sequence of (name, PostgreSQL type) in the order
    of the tuples' values. No rows give an empty source."""
    arrays = [list(values) for values in zip(*rows)] or [[] for _column in columns]
    return SQL("unnest(%s) AS v (%s)", SQL(", ").join(
        SQL("%s::%s[]", array, SQL(sql_type))
        for array, (_name, sql_type) in zip(arrays, columns)),
        SQL(", ").join(SQL.identifier(name) for name, _type in columns))
