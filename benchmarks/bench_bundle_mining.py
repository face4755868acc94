"""Benchmark the mining of best product combinations on a large database.

    .venv/bin/python benchmarks/bench_bundle_mining.py \
        -c .odoo/odoo.cfg -d sales_intelligence_bench

Measures, on every confirmed sale order of the database (1,000,000 lines with
`make bench-data`), the scheduled mining of products sold together as it runs
in production (one set-based SQL query, the kept pairs written with two
INSERTs), twice to show the re-run cost, then the naive way on a sample of
orders in the same process: the ORM reads each order's lines and a Python
loop counts the pairs (tools.association.mine_pairs). Results are printed as
times and as the ratio naive / set-based per order line, which does not
depend on the machine's speed. The database is left as it was (rollback).
"""
import argparse

from bench_lead_jobs import timed

import odoo
from odoo import api, fields
from odoo.modules.registry import Registry

SAMPLE = 5000


def naive_mining(env, order_ids):
    """What the set-based job replaces: the ORM walks each order's lines."""
    # importable once the configuration has put the addons on the path
    from odoo.addons.sales_intelligence.tools.association import mine_pairs
    baskets = []
    for order in env["sale.order"].browse(order_ids):
        baskets.append(order.order_line.product_id.ids)
    return len(mine_pairs(baskets, min_count=1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.company
        # a confirmed order's date_order is its confirmation date
        cr.execute("""
            SELECT count(DISTINCT o.id), count(l.id), min(o.date_order)
              FROM sale_order o JOIN sale_order_line l ON l.order_id = o.id
             WHERE o.state = 'sale' AND o.company_id = %s
        """, (company.id,))
        n_orders, n_lines, first = cr.fetchone()
        print("confirmed orders: %d, lines: %d" % (n_orders, n_lines))
        # the whole history, every pair found in at least 3 orders
        months = int((fields.Datetime.now() - first).days / 30) + 2
        company.write({"si_bundle_months": months, "si_bundle_min_orders": 3,
                       "si_bundle_min_support": 0.0, "si_bundle_min_confidence": 0.0,
                       "si_bundle_max_count": 100})
        Bundle = env["si.bundle"]
        t_mine, count = timed("mine combinations (%d months)" % months,
                              Bundle._mine_bundles, company)
        t_mine2, _ = timed("mine combinations (re-run)", Bundle._mine_bundles, company)
        cr.execute("""
            SELECT o.id FROM sale_order o
             WHERE o.state = 'sale' AND o.company_id = %s
             ORDER BY random() LIMIT %s
        """, (company.id, SAMPLE))
        sample = [r[0] for r in cr.fetchall()]
        cr.execute("SELECT count(*) FROM sale_order_line WHERE order_id IN %s",
                   (tuple(sample),))
        sample_lines = cr.fetchone()[0]
        env.clear()
        t_naive, _ = timed("naive ORM mining, %d-order sample" % len(sample),
                           naive_mining, env, sample)
        per_line_naive = t_naive / max(sample_lines, 1)
        per_line_set = t_mine / max(n_lines, 1)
        print()
        print("combinations kept: %d" % count)
        print("set-based: %.1f s for %d lines (%.4f ms per line)"
              % (t_mine, n_lines, per_line_set * 1000))
        print("naive per line:    %.4f ms -> %.0f s for all %d lines (estimated)"
              % (per_line_naive * 1000, per_line_naive * n_lines, n_lines))
        print("ratio naive / set-based: %.0fx" % (per_line_naive / per_line_set))
        print("re-run / first run: %.2f" % (t_mine2 / t_mine))
        cr.rollback()


if __name__ == "__main__":
    main()
