# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Id ranges for the nightly jobs that commit batch by batch."""
from psycopg2 import sql


def id_batches(cr, table, batch_size):
    """(low, high] id ranges of about `batch_size` rows of `table` each, in id
    order; computed one range at a time, so rows added meanwhile are seen."""
    query = sql.SQL("SELECT max(id) FROM (SELECT id FROM {} WHERE id > %s "
                    "ORDER BY id LIMIT %s) b").format(sql.Identifier(table))
    last_id = 0
    while True:
        cr.execute(query, (last_id, batch_size))
        high = cr.fetchone()[0]
        if high is None:
            return
        yield last_id, high
        last_id = high
