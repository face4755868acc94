"""Benchmark the sales targets of sales_intelligence on a large database.

    .venv/bin/python benchmarks/bench_targets.py \
        -c .odoo/odoo.cfg -d sales_intelligence_bench

On the benchmark dataset (1,000 reps in 100 teams, 200,000 confirmed sale
orders with 1,000,000 lines over two years) it times, in one transaction that
is rolled back at the end:

* the first decomposition of this year's plan (month x industry x team, by
  last year's shares: one grouped query over last year's orders and a bulk
  insert), and the second one to every rep (1,000 reps x 12 months, by each
  rep's last year's results);
* the completion of the plan, its lines and rep lines (this year's and last
  year's actual results: one grouped query over the orders of both years,
  bulk updates), run twice;
* the same completion the naive way (ORM, one order at a time) and the same
  rep targets created the naive way (ORM, one create per rep line), each on
  a sample, in the same process.

Results are printed as times and as ratios naive / set-based per order and
per rep line, which do not depend on the machine's speed.

A plan of this year already in the database (demo data) is deleted first,
inside the same rolled-back transaction: a company has one plan per year.
"""
import argparse
from collections import defaultdict
from datetime import date

from bench_lead_jobs import timed

import odoo
from odoo import api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry

SAMPLE_ORDERS = 5000
SAMPLE_REP_LINES = 300


def decompose(env, plan):
    """By last year's shares; equally when last year has no results (a
    database without the benchmark's two years of orders)."""
    methods = "last year's shares"
    try:
        with env.cr.savepoint():
            wizard = env["si.target.decompose.wizard"].create({"plan_id": plan.id})
            wizard.action_compute_shares()
    except UserError:
        methods = "equal shares (no results last year)"
        wizard = env["si.target.decompose.wizard"].create({
            "plan_id": plan.id, "month_method": "equal",
            "industry_method": "none", "team_method": "equal"})
        wizard.action_compute_shares()
    wizard.action_apply()
    return "%d team targets, %s" % (len(plan.line_ids), methods)


def split_to_reps(env, plan):
    env["si.target.rep.wizard"].create(
        {"plan_id": plan.id, "method": "history"}).action_apply()
    return "%d rep targets, %d reps" % (
        len(plan.rep_line_ids), len(plan.rep_line_ids.user_id))


def naive_completion(env, plan, order_ids):
    """Actual results per month, team, industry and rep, reading each order
    through the ORM and converting its amount from the order's currency at
    its date: what the grouped query replaces."""
    line_sum = defaultdict(float)
    rep_sum = defaultdict(float)
    company = plan.company_id
    for order in env["sale.order"].browse(order_ids):
        if order.state != "sale" or order.company_id != company:
            continue
        month = order.date_order.strftime("%Y-%m")
        industry = order.partner_id.commercial_partner_id.industry_id.id
        amount = order.currency_id._convert(
            order.amount_untaxed, company.currency_id, company,
            order.date_order.date(), round=False) if order.currency_id else (
            order.amount_untaxed)
        line_sum[(month, order.team_id.id, industry)] += amount
        rep_sum[(month, order.user_id.id)] += amount
    return "%d cells" % len(line_sum)


def naive_rep_lines(env, plan, rows):
    RepLine = env["si.target.rep.line"].with_context(si_target_auto=True)
    for row in rows:
        RepLine.create(row)
    return "%d rep lines" % len(rows)


def clear_year(env, year):
    """Delete the plans of `year` (only drafts can be deleted)."""
    plans = env["si.target.plan"].search([("year", "=", year)])
    plans.write({"state": "draft"})
    plans.unlink()
    return "%d plan(s) of %d deleted" % (len(plans), year)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {
            "tracking_disable": True, "mail_create_nolog": True,
            "si_no_commit": True})
        cr.execute("SELECT count(*) FROM sale_order WHERE state = 'sale'")
        n_orders = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM sale_order_line")
        n_lines = cr.fetchone()[0]
        # Odoo 18 keeps team membership in crm.team.member
        cr.execute("SELECT count(DISTINCT user_id) FROM crm_team_member WHERE active")
        print("confirmed sale orders: %d, order lines: %d, reps in teams: %d"
              % (n_orders, n_lines, cr.fetchone()[0]))
        year = date.today().year
        timed("clear this year's plan", clear_year, env, year)
        plan = env["si.target.plan"].create({
            "name": "Benchmark %d" % year, "year": year,
            "amount_total": 500000000.0, "basis": "sale"})
        t_decompose, _ = timed("decompose month x industry x team", decompose,
                               env, plan)
        t_reps, _ = timed("split to reps (last year's results)", split_to_reps,
                          env, plan)
        n_rep_lines = len(plan.rep_line_ids)
        t_refresh, _ = timed("completion: plan, lines, rep lines",
                             plan._refresh_actuals)
        t_refresh2, _ = timed("completion again (nightly re-run)",
                              plan._refresh_actuals)
        cr.execute("SELECT id FROM sale_order ORDER BY random() LIMIT %s",
                   (SAMPLE_ORDERS,))
        sample = [r[0] for r in cr.fetchall()]
        env.invalidate_all()
        t_naive, _ = timed("naive ORM completion, %d-order sample" % len(sample),
                           naive_completion, env, plan, sample)
        rows = plan.rep_line_ids[:SAMPLE_REP_LINES].read(
            ["date_month", "team_id", "user_id", "amount"], load=None)
        for row in rows:
            del row["id"]
            row["plan_id"] = plan.id
        env.invalidate_all()
        t_naive_reps, _ = timed("naive ORM rep lines, %d-line sample" % len(rows),
                                naive_rep_lines, env, plan, rows)
        per_order_naive = t_naive / max(len(sample), 1)
        per_order_set = t_refresh / max(n_orders, 1)
        per_rep_naive = t_naive_reps / max(len(rows), 1)
        per_rep_set = t_reps / max(n_rep_lines, 1)
        print()
        print("completion per order: naive %.3f ms (-> %.0f s for all %d), "
              "set-based %.4f ms; ratio naive / set-based: %.0fx"
              % (per_order_naive * 1000, per_order_naive * n_orders, n_orders,
                 per_order_set * 1000, per_order_naive / max(per_order_set, 1e-12)))
        print("rep targets per line: naive create %.2f ms (-> %.0f s for %d), "
              "set-based split %.3f ms; ratio naive / set-based: %.0fx"
              % (per_rep_naive * 1000, per_rep_naive * n_rep_lines, n_rep_lines,
                 per_rep_set * 1000, per_rep_naive / max(per_rep_set, 1e-12)))
        print("decomposition total (both levels): %.1f s; completion re-run / "
              "first run: %.2f" % (t_decompose + t_reps, t_refresh2 / t_refresh))
        cr.rollback()


if __name__ == "__main__":
    main()
