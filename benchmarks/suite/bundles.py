"""Knowledge base: the mining of products sold together over every
confirmed order of the company (all of its history, pairs found in at
least 3 orders, the 100 strongest kept)."""
from odoo import fields
from odoo.tools import SQL

MIN_ORDERS = 3
KEEP = 100


def _mined_pairs(cr, company_id):
    cr.execute(SQL("""
        SELECT min(bl.product_id), max(bl.product_id)
          FROM si_bundle b JOIN si_bundle_line bl ON bl.bundle_id = b.id
         WHERE b.kind = 'mined' AND b.company_id = %s
      GROUP BY b.id
    """, company_id))
    return set(cr.fetchall())


def bundles(bench):
    env, cr = bench.env, bench.cr
    company = env.company
    with bench.savepoint():
        cr.execute(SQL("""
            SELECT count(l.id), min(o.date_order)
              FROM sale_order o JOIN sale_order_line l ON l.order_id = o.id
             WHERE o.state = 'sale' AND o.company_id = %s
        """, company.id))
        n_lines, first = cr.fetchone()
        months = int((fields.Datetime.now() - first).days / 30) + 2
        company.write({"si_bundle_months": months, "si_bundle_min_orders": MIN_ORDERS,
                       "si_bundle_min_support": 0.0, "si_bundle_min_confidence": 0.0,
                       "si_bundle_max_count": KEEP})

        def product():
            env["si.bundle"]._mine_bundles(company)
            return n_lines, _mined_pairs(cr, company.id)

        def floor():
            # the pairs counted straight from the order lines, one statement
            cr.execute(SQL("""
                WITH basket AS (
                    SELECT DISTINCT l.order_id, l.product_id
                      FROM sale_order_line l JOIN sale_order o ON o.id = l.order_id
                     WHERE o.state = 'sale' AND o.company_id = %(company)s
                       AND o.date_order >= (now() at time zone 'UTC')::date
                           - make_interval(months => %(months)s)
                       AND l.product_id IS NOT NULL
                ), item AS (
                    SELECT product_id, count(*) AS n FROM basket GROUP BY product_id
                ), pair AS (
                    SELECT a.product_id AS a, b.product_id AS b, count(*) AS n
                      FROM basket a JOIN basket b
                        ON b.order_id = a.order_id AND b.product_id > a.product_id
                  GROUP BY 1, 2 HAVING count(*) >= %(min)s
                )
                SELECT p.a, p.b FROM pair p
                  JOIN item ia ON ia.product_id = p.a
                  JOIN item ib ON ib.product_id = p.b
              ORDER BY p.n::float / ia.n / ib.n DESC, p.n DESC, p.a, p.b
                 LIMIT %(keep)s
            """, company=company.id, months=months, min=MIN_ORDERS, keep=KEEP))
            return set(cr.fetchall())

        bench.measure("bundle mining (rows: order lines)", product, floor)


CASES = [bundles]
