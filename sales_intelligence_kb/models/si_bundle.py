# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.sales_intelligence.tools.association import rank_complements

_logger = logging.getLogger(__name__)


class SiBundle(models.Model):
    _name = "si.bundle"
    _description = "Product Combination"
    _order = "kind, lift desc, confidence desc, sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    active = fields.Boolean(
        default=True,
    )
    kind = fields.Selection(
        selection=[
            ("curated", "Curated"),
            ("mined", "Mined from won deals"),
        ],
        required=True,
        default="curated",
        help="Curated combinations are put together by a sales manager; mined "
        "ones are found by the scheduled action in confirmed sale orders and "
        "replaced at each run.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        help="Leave empty to share the combination between companies.",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_currency_id",
    )
    line_ids = fields.One2many(
        comodel_name="si.bundle.line",
        inverse_name="bundle_id",
        string="Products",
        copy=True,
    )
    product_ids = fields.Many2many(
        comodel_name="product.product",
        compute="_compute_product_ids",
        search="_search_product_ids",
        string="Products in the Combination",
    )
    product_line_id = fields.Many2one(
        comodel_name="si.product.line",
        help="The product line the combination belongs to, if any.",
    )
    bundle_price = fields.Monetary(
        help="Price of the whole combination offered to the customer.",
    )
    list_total = fields.Monetary(
        compute="_compute_list_total",
        string="Total of List Prices",
    )
    problem = fields.Text(
        string="Problem Solved",
        translate=True,
        help="The customer problem this combination solves.",
    )
    order_count = fields.Integer(
        string="# Orders Together",
        readonly=True,
        help="Confirmed sale orders of the period with all these products.",
    )
    support = fields.Float(
        readonly=True,
        digits=(16, 4),
        help="Share of the period's confirmed orders that hold the combination.",
    )
    confidence = fields.Float(
        readonly=True,
        digits=(16, 4),
        help="Orders with both products / orders with the first product: how "
        "likely a buyer of the first one also buys the second.",
    )
    confidence_reverse = fields.Float(
        string="Reverse Confidence",
        readonly=True,
        digits=(16, 4),
        help="Orders with both products / orders with the second product.",
    )
    lift = fields.Float(
        readonly=True,
        digits=(16, 2),
        help="Above 1: the products are sold together more often than by chance.",
    )
    date_from = fields.Date(
        string="Mined From",
        readonly=True,
    )
    date_to = fields.Date(
        string="Mined To",
        readonly=True,
    )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for bundle in self:
            bundle.currency_id = (
                bundle.company_id or self.env.company).currency_id

    @api.depends("line_ids.product_id")
    def _compute_product_ids(self):
        for bundle in self:
            bundle.product_ids = bundle.line_ids.mapped("product_id")

    def _search_product_ids(self, operator, value):
        return [("line_ids.product_id", operator, value)]

    @api.depends("line_ids.product_id", "line_ids.quantity")
    def _compute_list_total(self):
        for bundle in self:
            bundle.list_total = sum(
                line.product_id.lst_price * line.quantity for line in bundle.line_ids)

    @api.constrains("line_ids", "bundle_price")
    def _check_lines(self):
        for bundle in self:
            if len(bundle.line_ids.mapped("product_id")) < 2:
                raise ValidationError(_(
                    "Combination %s needs at least two different products.",
                    bundle.name))
            if bundle.bundle_price < 0:
                raise ValidationError(_(
                    "The price of combination %s cannot be negative.", bundle.name))

    @api.model
    def _cron_mine_bundles(self, batch_size=10):
        """Scheduled action: mine the combinations of the companies not yet
        mined today, `batch_size` companies per call; the scheduler commits
        and calls again while companies remain. A company whose mining fails
        is logged with the reason and skipped (its previous combinations
        stay; the next run tries it again), the others are mined."""
        today = fields.Date.context_today(self)
        todo = self.env["res.company"].search([
            "|", ("si_bundle_mined_date", "=", False),
            ("si_bundle_mined_date", "<", today),
        ], order="id")
        batch = todo[:batch_size]
        for company in batch:
            try:
                with self.env.cr.savepoint():
                    self._mine_bundles(company, today)
                    company.si_bundle_mined_date = today
            # one company's data must not stop the others
            except Exception as error:  # pylint: disable=broad-except
                _logger.warning("Combinations of company %s not mined: %s",
                                company.id, error)
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(todo) - len(batch))
        return len(batch)

    @api.model
    def _mine_bundles(self, company, date_to=None):
        """Replace the mined combinations of `company` with the product pairs
        of its confirmed sale orders over the configured period. Set-based:
        one SQL query counts orders, products and pairs; the kept pairs are
        written with two INSERTs. Returns the number of combinations."""
        date_to = fields.Date.to_date(date_to) or fields.Date.context_today(self)
        date_from = date_to - relativedelta(months=company.si_bundle_months or 12)
        self.env["sale.order"].flush_model(["state", "company_id", "date_order"])
        self.env["sale.order.line"].flush_model(["order_id", "product_id"])
        self.env.cr.execute(self._mining_query(company, date_from, date_to))
        pairs = self.env.cr.fetchall()
        self._write_mined(company, pairs, date_from, date_to)
        _logger.info("Mined %d product combinations for %s", len(pairs), company.name)
        return len(pairs)

    @api.model
    def _mining_query(self, company, date_from, date_to):
        """Pairs of products in the same confirmed order of `company` between
        `date_from` and `date_to` (included): order count, support, both
        confidences and lift (see tools.association for the measures). A
        confirmed order's `date_order` is its confirmation date."""
        return SQL(
            """
            WITH basket AS (
                SELECT DISTINCT l.order_id, l.product_id
                  FROM sale_order_line l
                  JOIN sale_order o ON o.id = l.order_id
                 WHERE o.state = 'sale'
                   AND o.company_id = %(company_id)s
                   AND o.date_order >= %(date_from)s
                   AND o.date_order < %(date_to)s
                   AND l.product_id IS NOT NULL
            ), total AS (
                SELECT count(DISTINCT order_id)::float AS n FROM basket
            ), item AS (
                SELECT product_id, count(*) AS n FROM basket GROUP BY product_id
            ), pair AS (
                SELECT a.product_id AS a, b.product_id AS b, count(*) AS n
                  FROM basket a
                  JOIN basket b ON b.order_id = a.order_id
                               AND b.product_id > a.product_id
                 GROUP BY a.product_id, b.product_id
                HAVING count(*) >= %(min_count)s
            )
            SELECT p.a, p.b, p.n,
                   p.n / t.n AS support,
                   p.n::float / ia.n AS confidence,
                   p.n::float / ib.n AS confidence_reverse,
                   (p.n / t.n) / ((ia.n / t.n) * (ib.n / t.n)) AS lift
              FROM pair p
              JOIN item ia ON ia.product_id = p.a
              JOIN item ib ON ib.product_id = p.b
             CROSS JOIN total t
             WHERE p.n / t.n >= %(min_support)s
               AND greatest(p.n::float / ia.n, p.n::float / ib.n) >= %(min_confidence)s
             ORDER BY lift DESC, p.n DESC, p.a, p.b
             LIMIT %(limit)s
            """,
            company_id=company.id,
            date_from=date_from,
            date_to=date_to + relativedelta(days=1),
            min_count=max(company.si_bundle_min_orders, 1),
            min_support=company.si_bundle_min_support / 100.0,
            min_confidence=company.si_bundle_min_confidence / 100.0,
            limit=company.si_bundle_max_count or 100,
        )

    def _mined_names(self, product_ids, pairs):
        """{(a, b): name translations} of the oriented `pairs`: "A + B" in
        every installed language (the name is a translated field)."""
        names = {}
        installed = self.env["res.lang"].get_installed()
        langs = {"en_US"} | {code for code, _label in installed}
        for lang in sorted(langs):
            products = self.env["product.product"].with_context(lang=lang).browse(
                product_ids)
            label = {product.id: product.display_name for product in products}
            for a, b in pairs:
                names.setdefault((a, b), {})[lang] = "%s + %s" % (label[a], label[b])
        return names

    def _write_mined(self, company, pairs, date_from, date_to):
        """Replace the company's mined combinations by `pairs` (rows of the
        mining query), orienting each pair from its more confident side."""
        cr = self.env.cr
        self.flush_model()
        self.env["si.bundle.line"].flush_model()
        cr.execute(SQL(
            "DELETE FROM si_bundle WHERE kind = 'mined' AND company_id = %s",
            company.id))
        if not pairs:
            self.invalidate_model()
            self.env["si.bundle.line"].invalidate_model()
            return
        rows = []
        for a, b, count, support, conf_ab, conf_ba, lift in pairs:
            if conf_ba > conf_ab:
                a, b, conf_ab, conf_ba = b, a, conf_ba, conf_ab
            rows.append((a, b, count, support, conf_ab, conf_ba, lift))
        names = self._mined_names({pid for row in rows for pid in row[:2]},
                                  [row[:2] for row in rows])
        cr.execute(SQL(
            "SELECT nextval('si_bundle_id_seq') FROM generate_series(1, %s)",
            len(rows)))
        ids = [r[0] for r in cr.fetchall()]
        cr.execute(SQL(
            """
            INSERT INTO si_bundle
                   (id, name, kind, active, sequence, company_id, order_count,
                    support, confidence, confidence_reverse, lift, bundle_price,
                    date_from, date_to, create_uid, create_date, write_uid,
                    write_date)
            SELECT id, name::jsonb, 'mined', true, 10, %(company_id)s, n, support,
                   confidence, reverse, lift, 0, %(date_from)s, %(date_to)s,
                   %(uid)s, now() at time zone 'UTC', %(uid)s,
                   now() at time zone 'UTC'
              FROM unnest(%(ids)s::int[], %(names)s::text[], %(counts)s::int[],
                          %(supports)s::float[], %(confidences)s::float[],
                          %(reverses)s::float[], %(lifts)s::float[])
                   AS v(id, name, n, support, confidence, reverse, lift)
            """,
            company_id=company.id,
            date_from=date_from,
            date_to=date_to,
            uid=self.env.uid,
            ids=ids,
            names=[json.dumps(names[row[:2]]) for row in rows],
            counts=[row[2] for row in rows],
            supports=[row[3] for row in rows],
            confidences=[row[4] for row in rows],
            reverses=[row[5] for row in rows],
            lifts=[row[6] for row in rows],
        ))
        cr.execute(SQL(
            """
            INSERT INTO si_bundle_line
                   (bundle_id, product_id, quantity, sequence,
                    create_uid, create_date, write_uid, write_date)
            SELECT bundle_id, product_id, 1, seq, %(uid)s, now() at time zone 'UTC',
                   %(uid)s, now() at time zone 'UTC'
              FROM unnest(%(bundle_ids)s::int[], %(product_ids)s::int[],
                          %(sequences)s::int[])
                   AS v(bundle_id, product_id, seq)
            """,
            uid=self.env.uid,
            bundle_ids=ids + ids,
            product_ids=[row[0] for row in rows] + [row[1] for row in rows],
            sequences=[1] * len(rows) + [2] * len(rows),
        ))
        # the ORM did not see the rows written above
        self.invalidate_model()
        self.env["si.bundle.line"].invalidate_model()

    @api.model
    def _suggestions(self, products, company, limit=10):
        """Complementary products of `products`: [(product, score, reason)],
        best first, from the mined pairs and the curated combinations."""
        if not products:
            return []
        company_domain = ["|", ("company_id", "=", False),
                          ("company_id", "=", company.id)]
        mined = self.search(company_domain + [
            ("kind", "=", "mined"), ("product_ids", "in", products.ids)])
        rules = []
        for bundle in mined:
            first, second = bundle.line_ids.sorted("sequence").mapped("product_id")[:2]
            rules.append((first.id, second.id, bundle.confidence,
                          bundle.confidence_reverse, bundle.lift))
        ranked = rank_complements(products.ids, rules, limit=limit)
        Product = self.env["product.product"]
        result = [(Product.browse(pid), score,
                   _("Often bought with %s", Product.browse(source).display_name))
                  for pid, score, source in ranked]
        found = {product for product, _score, _reason in result}
        curated = self.search(company_domain + [
            ("kind", "=", "curated"), ("product_ids", "in", products.ids)])
        for bundle in curated:
            share = len(bundle.product_ids & products) / len(bundle.product_ids)
            for product in bundle.product_ids - products:
                if product not in found:
                    found.add(product)
                    result.append((product, share, _(
                        "Completes the combination %s", bundle.name)))
        result.sort(key=lambda item: (-item[1], item[0].id))
        return result[:limit]
