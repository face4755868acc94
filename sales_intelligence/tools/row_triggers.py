# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Row triggers that queue what a job or a snapshot has to look at again.

On updates they fire only for the columns listed and only on rows whose
values changed in one of them: a bulk update of other columns never calls
them. Each trigger is named ``<function>_<table>_<event>``."""
from odoo.tools import SQL
from odoo.tools.sql import table_exists


def create_row_triggers(cr, function, table, columns, events):
    """(Re)create the AFTER row triggers of `events` ("insert", "update",
    "delete") on `table` calling the existing trigger function `function`;
    updates only of `columns`."""
    changed = SQL(" OR ").join(
        SQL("OLD.%s IS DISTINCT FROM NEW.%s", SQL.identifier(col),
            SQL.identifier(col)) for col in columns)
    for event in events:
        trigger = SQL.identifier(f"{function}_{table}_{event}")
        cr.execute(SQL("DROP TRIGGER IF EXISTS %s ON %s", trigger,
                       SQL.identifier(table)))
        if event == "update":
            when = SQL("UPDATE OF %s ON %s FOR EACH ROW WHEN (%s)",
                       SQL(", ").join(map(SQL.identifier, columns)),
                       SQL.identifier(table), changed)
        else:
            when = SQL("%s ON %s FOR EACH ROW", SQL(event.upper()),
                       SQL.identifier(table))
        cr.execute(SQL("CREATE TRIGGER %s AFTER %s EXECUTE FUNCTION %s()",
                       trigger, when, SQL.identifier(function)))


def drop_row_triggers(cr, function, table, events):
    """Drop the triggers create_row_triggers made (the table may be gone)."""
    if not table_exists(cr, table):
        return
    for event in events:
        cr.execute(SQL("DROP TRIGGER IF EXISTS %s ON %s",
                       SQL.identifier(f"{function}_{table}_{event}"),
                       SQL.identifier(table)))
