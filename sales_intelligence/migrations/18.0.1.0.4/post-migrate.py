# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.0.4 keeps a team's expense budget by month and team, no longer by
month, industry and team: the team cells of each month and category are
merged into one (budget and expenses summed), and the lines take their
shares of their teams' months. The cells' former line and industry
columns are dropped, and the renamed labels' former translations."""
import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)

# The labels of the team cells' level, of the cell model and of the plan's
# team cells, renamed from "by month, industry and team"
_RENAMED_LABELS = [
    ("ir_model_fields_selection", "name", SQL(
        "value = 'team' AND field_id IN (SELECT id FROM ir_model_fields WHERE "
        "model = 'si.target.budget.cell' AND name = 'level')")),
    ("ir_model", "name", SQL("model = 'si.target.budget.cell'")),
    ("ir_model_fields", "field_description", SQL(
        "model = 'si.target.plan' AND name = 'budget_cell_ids'")),
]


def migrate(cr, version):
    if not version or not column_exists(cr, "si_target_budget_cell", "line_id"):
        return
    cr.execute(SQL("""
        WITH merged AS (
            DELETE FROM si_target_budget_cell c
             USING (SELECT plan_id, category_id, date_month, team_id, min(id) AS keep
                      FROM si_target_budget_cell WHERE level = 'team'
                  GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) k
             WHERE c.level = 'team' AND c.plan_id = k.plan_id
               AND c.category_id = k.category_id AND c.date_month = k.date_month
               AND c.team_id IS NOT DISTINCT FROM k.team_id AND c.id != k.keep
         RETURNING k.keep, c.amount, c.expense_amount)
        UPDATE si_target_budget_cell c
           SET amount = c.amount + s.amount, expense_amount = c.expense_amount + s.spend
          FROM (SELECT keep, sum(amount) AS amount, sum(expense_amount) AS spend
                  FROM merged GROUP BY keep) s
         WHERE c.id = s.keep
    """))
    merged = cr.rowcount
    # the labels renamed with it keep their former translations (an upgrade
    # only adds missing ones): dropped here, Odoo loads the new ones next
    for table, column, where in _RENAMED_LABELS:
        cr.execute(SQL("UPDATE %s SET %s = jsonb_build_object('en_US', %s->>'en_US') "
                       "WHERE %s", SQL.identifier(table), SQL.identifier(column),
                       SQL.identifier(column), where))
    # the team cells' former line and industry (Odoo drops them too once it
    # finds the fields gone; here also when their fields' records are gone)
    cr.execute(SQL("ALTER TABLE si_target_budget_cell DROP COLUMN IF EXISTS line_id, "
                   "DROP COLUMN IF EXISTS industry_id"))
    env = api.Environment(cr, SUPERUSER_ID, {})
    plans = env["si.target.plan"].search([("budget_cell_ids", "!=", False)])
    for plan in plans:
        plan._write_budget_totals()
    _logger.info("Expense budgets: team cells merged by month and team (%d kept), "
                 "%d plans' lines given their shares", merged, len(plans))
