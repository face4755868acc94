"""Benchmark the sales targets of sales_intelligence on a large database.

    .venv/bin/python benchmarks/bench_targets.py \
        -c .odoo/odoo.cfg -d sales_intelligence_bench

On the benchmark dataset (1,000 reps in 100 teams, 200,000 confirmed sale
orders with 1,000,000 lines over two years) it times, in one transaction that
is rolled back at the end:

* the first decomposition of this year's plan (month x industry x team, by
  last year's shares: one grouped query over last year's order lines and a
  bulk insert), and the second one to every rep (1,000 reps x 12 months, by
  each rep's last year's results);
* the completion of the plan, its lines and rep lines (this year's and last
  year's actual results: two grouped queries over the order lines, bulk
  updates), run twice;
* the same completion the naive way (ORM, one order line at a time) and the
  same rep targets created the naive way (ORM, one create per rep line), each
  on a sample, in the same process.

Results are printed as times and as ratios naive / set-based per order line
and per rep line, which do not depend on the machine's speed.
"""
import argparse
from collections import defaultdict
from datetime import date

from bench_lead_jobs import timed

import odoo

SAMPLE_LINES = 5000
SAMPLE_REP_LINES = 300


def decompose(env, plan):
    wizard = env["si.target.decompose.wizard"].create({"plan_id": plan.id})
    wizard.action_compute_shares()
    wizard.action_apply()
    return "%d team targets" % len(plan.line_ids)


def split_to_reps(env, plan):
    env["si.target.rep.wizard"].create(
        {"plan_id": plan.id, "method": "history"}).action_apply()
    return "%d rep targets, %d reps" % (
        len(plan.rep_line_ids), len(plan.rep_line_ids.mapped("user_id")))


def naive_completion(env, plan, line_ids):
    """Actual results per month, team, industry and rep, reading each order
    line through the ORM: what the grouped queries replace."""
    line_sum = defaultdict(float)
    rep_sum = defaultdict(float)
    for line in env["sale.order.line"].browse(line_ids):
        order = line.order_id
        if order.state not in ("sale", "done") or order.company_id != plan.company_id:
            continue
        day = (order.confirmation_date or order.date_order)[:7]
        industry = order.partner_id.commercial_partner_id.industry_id.id
        line_sum[(day, order.team_id.id, industry)] += line.price_subtotal
        rep_sum[(day, order.user_id.id)] += line.price_subtotal
    return "%d cells" % len(line_sum)


def naive_rep_lines(env, plan, rows):
    RepLine = env["si.target.rep.line"].with_context(si_target_auto=True)
    for row in rows:
        RepLine.create(row)
    return "%d rep lines" % len(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    with odoo.api.Environment.manage(), odoo.registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {
            "tracking_disable": True, "mail_create_nolog": True,
            "si_no_commit": True})
        cr.execute("SELECT count(*) FROM sale_order_line")
        n_lines = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM res_users WHERE sale_team_id IS NOT NULL")
        print("sale order lines: %d, reps in teams: %d" % (n_lines, cr.fetchone()[0]))
        year = date.today().year
        Plan = env["si.target.plan"]
        Plan.search([("year", "=", year)]).write({"year": 1999, "state": "draft"})
        plan = Plan.create({"name": "Benchmark %d" % year, "year": year,
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
        cr.execute("SELECT id FROM sale_order_line ORDER BY random() LIMIT %s",
                   (SAMPLE_LINES,))
        sample = [r[0] for r in cr.fetchall()]
        env.clear()
        t_naive, _ = timed("naive ORM completion, %d-line sample" % SAMPLE_LINES,
                           naive_completion, env, plan, sample)
        rows = plan.rep_line_ids[:SAMPLE_REP_LINES].read(
            ["date_month", "team_id", "user_id", "amount"], load=None)
        rows = [dict(r, plan_id=plan.id, id=None) for r in rows]
        for row in rows:
            del row["id"]
        env.clear()
        t_naive_reps, _ = timed("naive ORM rep lines, %d-line sample" % len(rows),
                                naive_rep_lines, env, plan, rows)
        per_line_naive = t_naive / SAMPLE_LINES
        per_line_set = t_refresh / max(n_lines, 1)
        per_rep_naive = t_naive_reps / max(len(rows), 1)
        per_rep_set = t_reps / max(n_rep_lines, 1)
        print()
        print("completion per order line: naive %.3f ms (-> %.0f s for all %d), "
              "set-based %.4f ms; ratio naive / set-based: %.0fx"
              % (per_line_naive * 1000, per_line_naive * n_lines, n_lines,
                 per_line_set * 1000, per_line_naive / per_line_set))
        print("rep targets per line: naive create %.2f ms (-> %.0f s for %d), "
              "set-based split %.3f ms; ratio naive / set-based: %.0fx"
              % (per_rep_naive * 1000, per_rep_naive * n_rep_lines, n_rep_lines,
                 per_rep_set * 1000, per_rep_naive / per_rep_set))
        print("decomposition total (both levels): %.1f s; completion re-run / "
              "first run: %.2f" % (t_decompose + t_reps, t_refresh2 / t_refresh))
        cr.rollback()


if __name__ == "__main__":
    main()
