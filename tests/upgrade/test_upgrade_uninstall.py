"""Upgrade, uninstall and reinstall of the three addons, on a scratch copy of
the test database (createdb -T, dropped at the end), the way an
administrator does it: each step is an Odoo process of its own.

1. The copy is set back to the previous release (18.0.1.0.0) with an invoice
   linked to two leads, which that release allowed, the stored days
   without follow-up, and follow-ups without their lead's pool under the
   former rule of reps, and the teams' expense budget by month, industry
   and team; the upgrade to 18.0.1.0.4 runs the migrations, keeps the
   invoice's first lead, adds the one-lead-per-invoice key, drops the
   stored days (computed when read since 18.0.1.0.2), fills the
   follow-ups' lead pool and sets the rule that reads it (18.0.1.0.3), and
   merges the teams' budget into one cell per month, team and category
   whose lines share it (18.0.1.0.4).
2. Reports, then the knowledge base, then the core are uninstalled: Odoo's
   CRM leads, sale orders, invoices and contracts are the same rows with the
   same values, readable and usable (a lead is won, an order confirmed), and
   nothing of the addons is left in the database (tables, views, indexes,
   columns, models).
3. The three addons install again.
"""
import json
import os
import subprocess
import sys
import time
import uuid

import odoo
import pytest
from odoo.modules.registry import Registry

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDONS = ["sales_intelligence_reports", "sales_intelligence_kb", "sales_intelligence"]
ODOO = [sys.executable, "-c", "import odoo.cli; odoo.cli.main()"]
# Odoo's own columns of the records that must survive, as one checksum a table
SNAPSHOT = {
    "crm_lead": "id, name, type, active, partner_id, stage_id, expected_revenue",
    "sale_order": "id, name, state, partner_id, amount_total",
    "sale_order_line": "id, order_id, product_id, product_uom_qty, price_unit",
    "account_move": "id, name, state, move_type, partner_id, amount_total",
    "contract_contract": "id, name, partner_id, date_start",
    "contract_line": "id, contract_id, product_id, quantity, specific_price",
}
# Columns the core adds to crm_lead (created in SQL by its pre-init hook)
ODOO_LEAD_RULE = "['|',('user_id','=',user.id),('user_id','=',False)]"
CORE_COLUMNS = ("company_name_normalized", "company_vat", "si_region_id", "pool_id")
# the core's indexes on Odoo's lead table (e-mail equality, list orders)
LEAD_INDEX_NAMES = ("crm_lead_email_normalized_eq_index", "crm_lead_list_order_index",
                    "crm_lead_stage_order_index")
# The Chinese labels renamed in 18.0.1.0.4: the level of the team cells, the
# cell model, the plan's team cells
RENAMED_LABELS = ("SELECT string_agg(label, ' / ' ORDER BY n) FROM ("
                  "SELECT 1 n, s.name->>'zh_CN' label FROM ir_model_fields_selection s "
                  "JOIN ir_model_fields f ON f.id = s.field_id WHERE f.model = "
                  "'si.target.budget.cell' AND f.name = 'level' AND s.value = 'team' "
                  "UNION ALL SELECT 2, name->>'zh_CN' FROM ir_model "
                  "WHERE model = 'si.target.budget.cell' UNION ALL "
                  "SELECT 3, field_description->>'zh_CN' FROM ir_model_fields "
                  "WHERE model = 'si.target.plan' AND name = 'budget_cell_ids') t")
NEW_LABELS = "月份和团队 / 团队月度或销售员目标的销售费用预算 / 按月份和团队的费用预算"
# The teams' expense budget by plan, category, month and team, and the
# team's months whose lines do not add up to it
TEAM_BUDGETS = ("SELECT count(*) || ' ' || md5(string_agg(row(plan_id, category_id, "
                "date_month, team_id, a, e)::text, ',' ORDER BY plan_id, category_id, "
                "date_month, team_id)) FROM (SELECT plan_id, category_id, date_month, "
                "team_id, round(sum(amount), 2) a, round(sum(expense_amount), 2) e "
                "FROM si_target_budget_cell WHERE level = 'team' "
                "GROUP BY 1, 2, 3, 4) c")
LINES_OFF_BUDGET = ("SELECT count(*) FROM (SELECT plan_id, team_id, date_month, "
                    "sum(budget_amount) b, sum(expense_amount) e FROM si_target_line "
                    "GROUP BY 1, 2, 3) l JOIN (SELECT plan_id, team_id, date_month, "
                    "sum(amount) b, sum(expense_amount) e FROM si_target_budget_cell "
                    "WHERE level = 'team' GROUP BY 1, 2, 3) c USING (plan_id, team_id, "
                    "date_month) WHERE l.b != c.b OR l.e != c.e")
LEAD_INDEXES = ("SELECT string_agg(indexname, ',' ORDER BY indexname) "
                "FROM pg_indexes WHERE tablename = 'crm_lead' AND indexname IN %s"
                % (LEAD_INDEX_NAMES,))

UNINSTALL = """
import json
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

db = env.cr.dbname
env.cr.commit()
states = {}
for name in %(addons)r:
    with Registry(db).cursor() as cr:
        module = api.Environment(cr, SUPERUSER_ID, {})["ir.module.module"].search(
            [("name", "=", name)])
        module.button_immediate_uninstall()
    with Registry(db).cursor() as cr:
        Module = api.Environment(cr, SUPERUSER_ID, {})["ir.module.module"]
        states[name] = Module.search([("name", "=", name)]).state
with Registry(db).cursor() as cr:
    env = api.Environment(cr, SUPERUSER_ID, {})
    leads = env["crm.lead"].with_context(active_test=False).search([])
    # every field Odoo has left on a lead reads back
    leads[:200].read(list(env["crm.lead"]._fields))
    orders = env["sale.order"].search([])
    orders[:200].read(list(env["sale.order"]._fields))
    env["account.move"].search([], limit=200).read(["name", "amount_total"])
    env["contract.contract"].search([], limit=200).read(["name", "contract_line_ids"])
    partner = env["res.partner"].create({"name": "SI after uninstall"})
    lead = env["crm.lead"].create({"name": "SI lead after uninstall",
                                   "partner_id": partner.id, "type": "opportunity"})
    lead.action_set_won()
    product = env["product.product"].search([("sale_ok", "=", True)], limit=1)
    order = env["sale.order"].create({
        "partner_id": partner.id,
        "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2})]})
    order.action_confirm()
    result = {"states": states, "won": lead.stage_id.is_won,
              "order": order.state,
              "models": env["ir.model"].search_count([("model", "=like", "si.%%")])}
    cr.rollback()
print("RESULT " + json.dumps(result))
"""


def _odoo(config, db, *args, stdin=None):
    command = ODOO + list(args) + ["-c", config, "-d", db, "--log-level=warn"]
    proc = subprocess.run(command, input=stdin, cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout[-4000:]
    errors = [line for line in proc.stdout.splitlines()
              if " ERROR " in line or " CRITICAL " in line]
    assert not errors, proc.stdout[-4000:]
    return proc.stdout


def _sql(db, query):
    proc = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
                           "-d", db, "-c", query], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True,
                          check=False)
    assert proc.returncode == 0, proc.stdout
    return proc.stdout.strip()


def _quote(text):
    """`text` as an SQL string literal."""
    return "'%s'" % text.replace("'", "''")


def _snapshot(db):
    return {table: _sql(db, "SELECT count(*) || ' ' || md5(COALESCE(string_agg("
                            "row(%s)::text, ',' ORDER BY id), '')) FROM %s"
                        % (columns, table))
            for table, columns in SNAPSHOT.items()}


def _versions(db):
    return dict(line.split("|") for line in _sql(
        db, "SELECT name, state || ' ' || COALESCE(latest_version, '') "
            "FROM ir_module_module WHERE name LIKE 'sales_intelligence%'"
    ).splitlines())


@pytest.fixture
def scratch_db(request):
    template = request.config.getoption("--odoo-database")
    name = "si_upgrade_test_%s" % uuid.uuid4().hex[:8]
    odoo.sql_db.close_db(template)
    # PostgreSQL copies a database nobody is connected to: a session that just
    # ended may take a moment to leave
    for attempt in range(10):
        if subprocess.run(["createdb", "-T", template, name]).returncode == 0:
            break
        time.sleep(3)
    else:
        pytest.fail("cannot copy %s: other sessions use it" % template)
    yield name
    Registry.delete(name)
    odoo.sql_db.close_db(name)
    subprocess.run(["dropdb", "--if-exists", name], check=True)


def test_upgrade_uninstall_reinstall(request, scratch_db):
    config = os.path.abspath(request.config.getoption("--odoo-config"))
    db = scratch_db
    # the previous release: no key on the invoice's leads, and a duplicate;
    # follow-ups without their lead's pool, read by the former rule
    followup_rule = ("(SELECT res_id FROM ir_model_data WHERE module = "
                     "'sales_intelligence' AND name = "
                     "'si_lead_followup_rule_salesman')")
    rule_now = _sql(db, "SELECT domain_force FROM ir_rule WHERE id = %s"
                    % followup_rule)
    assert "lead_pool_id" in rule_now
    _sql(db, "DROP INDEX IF EXISTS account_move_source_invoice_lead_uniq, "
             "crm_lead_list_order_index, crm_lead_stage_order_index;"
             "ALTER TABLE crm_lead ADD COLUMN days_since_followup integer;"
             "ALTER TABLE si_lead_followup DROP COLUMN lead_pool_id;"
             "UPDATE ir_rule SET domain_force = %s WHERE id = %s;"
             "UPDATE ir_module_module SET latest_version = '18.0.1.0.0' "
             "WHERE name LIKE 'sales_intelligence%%'"
             % (_quote(rule_now.replace("lead_pool_id", "lead_id.pool_id")),
                followup_rule))
    # the previous release kept a team's budget on each of its lines: one
    # cell per line (0.01 of budget and expenses each), the lines' totals of
    # their own cells
    team_budgets = _sql(db, TEAM_BUDGETS)
    assert not team_budgets.startswith("0 "), team_budgets
    _sql(db, "ALTER TABLE si_target_budget_cell ADD COLUMN line_id integer, "
             "ADD COLUMN industry_id integer;"
             "WITH split AS (INSERT INTO si_target_budget_cell (plan_id, company_id, "
             "level, category_id, date_month, team_id, amount, expense_amount, "
             "is_manual, line_id, industry_id) SELECT c.plan_id, c.company_id, 'team', "
             "c.category_id, c.date_month, c.team_id, 0.01, 0.01, false, l.id, "
             "l.industry_id FROM si_target_budget_cell c JOIN si_target_line l "
             "ON l.plan_id = c.plan_id AND l.team_id = c.team_id "
             "AND l.date_month = c.date_month WHERE c.level = 'team' "
             "AND c.amount >= 1 AND c.line_id IS NULL RETURNING plan_id, category_id, "
             "date_month, team_id) UPDATE si_target_budget_cell c "
             "SET amount = c.amount - s.n * 0.01, "
             "expense_amount = c.expense_amount - s.n * 0.01 "
             "FROM (SELECT plan_id, category_id, date_month, team_id, count(*) n "
             "FROM split GROUP BY 1, 2, 3, 4) s WHERE c.level = 'team' "
             "AND c.line_id IS NULL AND (c.plan_id, c.category_id, c.date_month, "
             "c.team_id) = (s.plan_id, s.category_id, s.date_month, s.team_id);"
             "UPDATE si_target_line SET budget_amount = 0, expense_amount = 0")
    # ... and its Chinese labels of them
    _sql(db, "UPDATE ir_model_fields_selection SET name = name || "
             "'{\"zh_CN\": \"月份、行业和团队\"}' WHERE value = 'team' AND field_id = "
             "(SELECT id FROM ir_model_fields WHERE model = 'si.target.budget.cell' "
             "AND name = 'level');"
             "UPDATE ir_model SET name = name || '{\"zh_CN\": \"目标行的销售费用预算\"}' "
             "WHERE model = 'si.target.budget.cell';"
             "UPDATE ir_model_fields SET field_description = field_description || "
             "'{\"zh_CN\": \"按月份、行业和团队的费用预算\"}' "
             "WHERE model = 'si.target.plan' AND name = 'budget_cell_ids'")
    assert _sql(db, RENAMED_LABELS) != NEW_LABELS
    assert _sql(db, TEAM_BUDGETS) == team_budgets
    assert _sql(db, LINES_OFF_BUDGET) != "0"
    invoice = _sql(db, "SELECT id FROM account_move WHERE move_type = 'out_invoice' "
                       "AND state = 'posted' ORDER BY id LIMIT 1")
    first, second = _sql(db, "SELECT id FROM crm_lead ORDER BY id LIMIT 2").split()
    _sql(db, "DELETE FROM si_invoice_lead_rel WHERE invoice_id = %s;"
             "INSERT INTO si_invoice_lead_rel (lead_id, invoice_id) "
             "VALUES (%s, %s), (%s, %s)" % (invoice, first, invoice, second, invoice))
    before = _snapshot(db)
    assert all(not value.startswith("0 ") for value in before.values()), before

    _odoo(config, db, "-u", "sales_intelligence", "--stop-after-init")
    assert _versions(db) == dict.fromkeys(ADDONS, "installed 18.0.1.0.4")
    assert _sql(db, "SELECT string_agg(lead_id::text, ',') FROM si_invoice_lead_rel "
                    "WHERE invoice_id = %s" % invoice) == first
    assert _sql(db, "SELECT count(*) FROM pg_indexes WHERE indexname = "
                    "'account_move_source_invoice_lead_uniq'") == "1"
    assert _sql(db, "SELECT count(*) FROM information_schema.columns WHERE "
                    "table_name = 'crm_lead' AND column_name = "
                    "'days_since_followup'") == "0"
    assert _sql(db, LEAD_INDEXES) == ",".join(sorted(LEAD_INDEX_NAMES))
    assert _sql(db, "SELECT domain_force FROM ir_rule WHERE id = %s"
                % followup_rule) == rule_now
    assert _sql(db, "SELECT count(*) FILTER (WHERE f.lead_pool_id IS NOT NULL) > 0, "
                    "count(*) FILTER (WHERE f.lead_pool_id IS DISTINCT FROM "
                    "l.pool_id) FROM si_lead_followup f "
                    "JOIN crm_lead l ON l.id = f.lead_id") == "t|0"
    # one cell per team, month and category, with the same budget and
    # expenses; the lines add up to it; the cells' line columns are gone
    assert _sql(db, TEAM_BUDGETS) == team_budgets
    assert _sql(db, "SELECT count(*) FROM si_target_budget_cell WHERE level = "
                    "'team'") == team_budgets.split()[0]
    assert _sql(db, LINES_OFF_BUDGET) == "0"
    assert _sql(db, RENAMED_LABELS) == NEW_LABELS
    assert _sql(db, "SELECT count(*) FROM information_schema.columns WHERE "
                    "table_name = 'si_target_budget_cell' AND column_name IN "
                    "('line_id', 'industry_id')") == "0"
    assert _snapshot(db) == before

    output = _odoo(config, db, "shell", "--no-http",
                   stdin=UNINSTALL % {"addons": ADDONS})
    result = json.loads(output.split("RESULT ", 1)[1].splitlines()[0])
    assert result == {"states": dict.fromkeys(ADDONS, "uninstalled"), "won": True,
                      "order": "sale", "models": 0}
    assert _snapshot(db) == before
    # nothing of the addons is left: tables, views, indexes, sequences, columns
    assert _sql(db, "SELECT string_agg(relname, ', ') FROM pg_class "
                    "WHERE relname LIKE 'si\\_%' "
                    "OR relname LIKE 'account_move_source_invoice%'") == ""
    # ... nor the indexes on Odoo's lead table
    assert _sql(db, LEAD_INDEXES) == ""
    # ... nor triggers and their functions (queues of the jobs and analyses)
    assert _sql(db, "SELECT string_agg(tgname, ', ') FROM pg_trigger "
                    "WHERE tgname LIKE 'si\\_%'") == ""
    assert _sql(db, "SELECT string_agg(proname, ', ') FROM pg_proc "
                    "WHERE proname LIKE 'si\\_%'") == ""
    assert _sql(db, "SELECT string_agg(column_name, ', ') FROM "
                    "information_schema.columns WHERE table_name = 'crm_lead' "
                    "AND column_name IN %s" % (CORE_COLUMNS,)) == ""
    # Odoo's own record rule for reps is back
    assert _sql(db, "SELECT r.domain_force FROM ir_rule r JOIN ir_model_data d "
                    "ON d.res_id = r.id AND d.model = 'ir.rule' AND d.module = 'crm' "
                    "WHERE d.name = 'crm_rule_personal_lead'") == ODOO_LEAD_RULE

    _odoo(config, db, "-i", "sales_intelligence_reports", "--without-demo=all",
          "--stop-after-init")
    assert _versions(db) == dict.fromkeys(ADDONS, "installed 18.0.1.0.4")
    assert _snapshot(db) == before
