"""The benchmark-data generator writes rows Odoo reads back (small scale), and
the product's scheduled jobs run on them.

It runs on a scratch copy of the test database, made with createdb -T: the
in-process Odoo of the suite first closes its connections to the template.
"""
import contextlib
import os
import subprocess
import sys
from unittest import mock

import odoo
import pytest
from odoo.modules.registry import Registry

from bench_scratch import GENERATOR, SCALE


@contextlib.contextmanager
def scratch_env(name):
    """An environment on the scratch database, loaded in this process like an
    ordinary server would (not in test mode: pytest-odoo sets it for the test
    database, and Odoo would then run the addons' tests while loading)."""
    config = odoo.tools.config
    saved = config["test_enable"], config["test_tags"]
    config["test_enable"], config["test_tags"] = False, None
    try:
        with Registry(name).cursor() as cr:
            yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    finally:
        config["test_enable"], config["test_tags"] = saved


def _run_cron(env, xmlid):
    """Run a scheduled action as the scheduler would (its server action, as
    its user), here in the caller's transaction. With the job queue installed
    the long jobs enqueue their chunks: queue_job's QUEUE_JOB__NO_DELAY runs
    them at once, in the order of their dependencies."""
    cron = env.ref(xmlid)
    with mock.patch.dict(os.environ, QUEUE_JOB__NO_DELAY="1"):
        cron.method_direct_trigger()
    env.invalidate_all()


def test_generator_rows_are_valid_records(request, scratch_db):
    config = request.config.getoption("--odoo-config")
    proc = subprocess.run(
        [sys.executable, GENERATOR, "-c", config, "-d", scratch_db] + SCALE,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "ORM check: 200 leads" in proc.stdout, proc.stdout[-3000:]
    with scratch_env(scratch_db) as env:
        Lead = env["crm.lead"].with_context(active_test=False)
        leads = Lead.search([("name", "like", "Bench lead")])
        assert len(leads) == 3000
        sample = leads[:50]
        assert all(lead.company_id and lead.chance_level for lead in sample)
        assert all(lead.stage_id for lead in sample)
        reps = env["res.users"].search([("login", "like", "bench_rep")])
        assert len(reps) == 30
        assert reps[0].has_group("sales_team.group_sale_salesman")
        # memberships: the rep's team is computed from crm.team.member
        assert reps[0].sale_team_id and reps[0] in reps[0].sale_team_id.member_ids
        # a generated rep works through the ORM and sees own leads only
        # (or unassigned ones, as Odoo's rule for reps allows)
        own = env["crm.lead"].with_user(reps[0]).search(
            [("name", "like", "Bench lead")])
        assert own.filtered("user_id")
        assert set(own.user_id.ids) <= {reps[0].id}
        lines = env["sale.order.line"].search([("order_id.name", "like", "BENCH")])
        assert len(lines) == 900
        orders = env["sale.order"].search([("name", "like", "BENCH")])
        assert sum(lines.mapped("price_subtotal")) == pytest.approx(
            sum(orders.mapped("amount_untaxed")))
        assert set(orders.mapped("state")) == {"sale"}
        Contract = env["contract.contract"]
        contracts = Contract.search([("name", "like", "Bench contract")])
        assert len(contracts) == 400
        assert len(contracts.contract_line_ids) == 400
        assert all(line.price_unit > 0 for line in contracts[:20].contract_line_ids)
        assert Contract.with_user(reps[0]).search(
            [("name", "like", "Bench contract")]) <= contracts.filtered(
                lambda c: c.user_id == reps[0])
        # the scheduled jobs run on the generated rows
        before = Lead.search_count([])
        _run_cron(env, "sales_intelligence.ir_cron_scan_renewals")
        assert Lead.search_count([]) > before, "no renewal opportunity created"
        _run_cron(env, "sales_intelligence.ir_cron_detect_dormant")
        assert Lead.search_count([("name", "like", "Bench lead"),
                                  ("is_dormant", "=", True)]) > 0
        env.cr.rollback()
