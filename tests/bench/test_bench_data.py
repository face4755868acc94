"""The benchmark-data generator writes rows Odoo reads back (small scale).

It runs on a scratch copy of the test database, made with createdb -T: the
in-process Odoo of the suite first closes its connections to the template.
"""
import os
import subprocess
import sys
import uuid

import odoo
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def scratch_db(request):
    template = request.config.getoption("--odoo-database")
    name = "si_bench_test_%s" % uuid.uuid4().hex[:8]
    odoo.sql_db.close_db(template)
    subprocess.run(["createdb", "-T", template, name], check=True)
    yield name
    odoo.sql_db.close_db(name)
    subprocess.run(["dropdb", "--if-exists", name], check=True)


def test_generator_rows_are_valid_records(request, scratch_db):
    config = request.config.getoption("--odoo-config")
    proc = subprocess.run(
        [sys.executable, os.path.join(ROOT, "scripts", "generate_bench_data.py"),
         "-c", config, "-d", scratch_db, "--leads", "3000", "--partners", "200",
         "--reps", "30", "--teams", "4", "--orders", "300", "--lines-per-order", "3",
         "--contracts", "400"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "ORM check: 200 leads" in proc.stdout
    with odoo.registry(scratch_db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Lead = env["crm.lead"].with_context(active_test=False)
        leads = Lead.search([("name", "like", "Bench lead")])
        assert len(leads) == 3000
        sample = leads[:50]
        assert all(lead.company_id and lead.chance_level for lead in sample)
        reps = env["res.users"].search([("login", "like", "bench_rep")])
        assert len(reps) == 30
        assert reps[0].has_group("sales_team.group_sale_salesman")
        # a generated rep logs in to the ORM and sees own leads only
        own = env["crm.lead"].sudo(reps[0]).search([("name", "like", "Bench lead")])
        assert own and set(own.mapped("user_id").ids) <= {reps[0].id}
        lines = env["sale.order.line"].search([("order_id.name", "like", "BENCH")])
        assert len(lines) == 900
        assert sum(lines.mapped("price_subtotal")) == pytest.approx(
            sum(env["sale.order"].search([("name", "like", "BENCH")]).mapped(
                "amount_untaxed")))
        contracts = env["account.analytic.account"].search(
            [("name", "like", "Bench contract")])
        assert len(contracts) == 400
        assert env["account.analytic.account"].sudo(reps[0]).search(
            [("name", "like", "Bench contract")]) <= contracts.filtered(
                lambda c: c.user_id == reps[0])
        # the scheduled jobs run on the generated rows
        assert env["account.analytic.account"].with_context(
            si_no_commit=True)._scan_renewal_notices() > 0
        marked, _ = env["si.dormant.rule"].with_context(
            si_no_commit=True).cron_detect_dormant()
        assert marked > 0
    odoo.sql_db.close_db(scratch_db)
