"""Base demo data, third part: confirmed sale orders since January last year
(the won opportunities and repeat business), posted customer invoices and
OCA contracts (some ending within 90 days, some ended)."""
import logging
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from psycopg2.extras import execute_values

from . import reference as ref

_logger = logging.getLogger(__name__)


class SalesSteps:
    """Steps of BaseDemo (see base.py) that make orders, invoices, contracts."""

    def seasonal_date(self, start, end, boost_before=None):
        """A date in [start, end] following SEASONALITY (x3 before boost_before)."""
        days = (end - start).days
        candidates = [start + timedelta(days=d) for d in range(days + 1)]
        weights = [ref.SEASONALITY[d.month - 1]
                   * (3 if boost_before and d < boost_before else 1)
                   for d in candidates]
        return self.pick(candidates, weights)

    def extra_order_plans(self):
        """Repeat business and shop orders without an opportunity."""
        start = date(self.today.year - 1, 1, 1)
        horizon = self.today - timedelta(days=ref.HISTORY_DAYS - 60)
        plans = []
        for _i in range(ref.N_EXTRA_ORDERS):
            mode = "b2b" if self.rng.random() < 0.6 else "b2c"
            day = self.seasonal_date(start, self.today - timedelta(days=1), horizon)
            if mode == "b2b":
                customer = self.pick(self.companies)
                team, partner = customer["region"], customer["partner"]
                line = self.line_for("b2b", customer["industry"])
            else:
                team, partner = "online", self.pick(self.individuals)
                line = self.line_for("b2c")
            plans.append({
                "mode": mode, "team": team, "partner": partner, "lead": None,
                "user": self.pick(self.team_reps[team]), "closed": self.moment(day),
                "deal": self.order_lines_for(line, mode),
                "source": self.pick(self.sources, ref.SOURCE_WEIGHTS[mode]),
            })
        return plans

    def order_vals(self, plan):
        partner = plan["partner"].commercial_partner_id
        vals = {
            "partner_id": partner.id,
            "date_order": plan["closed"],
            "validity_date": plan["closed"].date() + timedelta(days=30),
            "user_id": plan["user"].id,
            "team_id": self.teams[plan["team"]].id,
            "source_id": plan["source"].id,
            "company_id": self.company.id,
            "order_line": [(0, 0, {
                "product_id": product.id,
                "product_uom_qty": qty,
                "price_unit": price,
                "discount": discount,
            }) for product, qty, price, discount in plan["deal"]],
        }
        if plan["lead"]:
            vals["opportunity_id"] = plan["lead"].id
        return vals

    def create_sale_orders(self):
        """Quotations created in one batch and confirmed in one call; their
        dates are then set back to the day of the deal."""
        start = datetime(self.today.year - 1, 1, 1)
        plans = [p for p in self.plans if p["outcome"] == "won"
                 and p["partner"] and p["closed"] >= start]
        plans += self.extra_order_plans()
        plans.sort(key=lambda p: p["closed"])
        orders = self.env["sale.order"].create([self.order_vals(p) for p in plans])
        orders.action_confirm()
        self.env.flush_all()
        rows = [(order.id, plan["closed"]) for order, plan in zip(orders, plans)]
        execute_values(self.env.cr, """
            UPDATE sale_order s SET date_order = v.day, create_date = v.day,
                   write_date = v.day
              FROM (VALUES %s) AS v(id, day) WHERE s.id = v.id""", rows,
                       template="(%s, %s::timestamp)")
        execute_values(self.env.cr, """
            UPDATE sale_order_line l SET create_date = v.day, write_date = v.day
              FROM (VALUES %s) AS v(id, day) WHERE l.order_id = v.id""", rows,
                       template="(%s, %s::timestamp)")
        self.env.invalidate_all()
        self.orders = rows

    def create_invoices(self):
        """Invoices of a hundred orders more than two weeks old, dated a few
        days after the order and posted in date order (numbers follow dates)."""
        limit = self.now - timedelta(days=14)
        eligible = [(o, d) for o, d in self.orders if d < limit]
        chosen = self.rng.sample(eligible, min(self.invoice_count, len(eligible)))
        day_of = {order_id: min(when.date() + timedelta(days=self.rng.randint(0, 10)),
                                self.today - timedelta(days=1))
                  for order_id, when in chosen}
        orders = self.env["sale.order"].browse(sorted(day_of))
        invoices = orders._create_invoices(grouped=True)
        by_day = {}
        for invoice in invoices:
            order = invoice.line_ids.sale_line_ids.order_id[:1]
            by_day.setdefault(day_of[order.id], self.env["account.move"])
            by_day[day_of[order.id]] |= invoice
        for day, moves in by_day.items():
            moves.write({"invoice_date": day})
        invoices = invoices.sorted(lambda m: (m.invoice_date, m.id))
        invoices.action_post()
        self.env.flush_all()
        rows = [(move.id, self.moment(move.invoice_date)) for move in invoices]
        execute_values(self.env.cr, """
            UPDATE account_move m SET create_date = v.day, write_date = v.day
              FROM (VALUES %s) AS v(id, day) WHERE m.id = v.id""", rows,
                       template="(%s, %s::timestamp)")
        execute_values(self.env.cr, """
            UPDATE mail_message m SET date = v.day, create_date = v.day
              FROM (VALUES %s) AS v(id, day)
             WHERE m.model = 'account.move' AND m.res_id = v.id""", rows,
                       template="(%s, %s::timestamp)")
        self.env.invalidate_all()
        self.invoices = invoices

    # --- contracts ----------------------------------------------------------------
    def contract_dates(self, index, rule):
        """(start, end, next invoice date): 15 end within 90 days, 15 have
        ended, the others run longer or without end."""
        step = relativedelta(months=1) if rule == "monthly" else \
            relativedelta(years=1)
        if index < 15:
            end = self.today + timedelta(days=self.rng.randint(1, 90))
        elif index < 30:
            end = self.today - timedelta(days=self.rng.randint(1, 180))
        elif index < 70:
            end = self.today + timedelta(days=self.rng.randint(91, 700))
        else:
            end = None
        years = self.rng.randint(1, 3)
        start = (end or self.today) - relativedelta(years=years) + timedelta(days=1)
        if start > self.today:
            start = self.today - timedelta(days=self.rng.randint(30, 300))
        # Invoiced up to date: the next invoice falls after today (or after
        # the end), so the contract cron has nothing pending on demo data.
        following = start
        while following <= min(end or self.today, self.today):
            following += step
        return start, end, following

    def create_contracts(self):
        if "contract.contract" not in self.env:
            _logger.info("contract.contract not installed: no contracts")
            self.contracts = []
            return
        customers = []
        for plan in self.plans:
            if plan["outcome"] == "won" and plan["customer"] and \
                    plan["customer"] not in customers:
                customers.append(plan["customer"])
        others = [c for c in self.companies if c not in customers]
        customers += self.rng.sample(others, max(0, ref.N_CONTRACTS - len(customers)))
        customers = self.rng.sample(customers, ref.N_CONTRACTS)
        vals_list = []
        for index, customer in enumerate(customers):
            vals_list.append(self.contract_vals(index, customer))
        self.contracts = self.env["contract.contract"].create(vals_list)

    def contract_vals(self, index, customer):
        line = self.line_for("b2b", customer["industry"])
        product, qty, rule = [p for p in line["products"] if p[2]][0]
        start, end, following = self.contract_dates(index, rule)
        extras = self.rng.sample(
            [p for p in line["products"] if p[0] != product and p[2] is None],
            self.rng.randint(0, 1))
        lines = [(0, 0, {
            "product_id": prod.id,
            "name": prod.display_name,
            "quantity": max(1, int(q * self.rng.uniform(0.5, 2))),
            "uom_id": prod.uom_id.id,
            "automatic_price": False,
            "specific_price": prod.list_price,
            "recurring_rule_type": rule,
            "recurring_interval": 1,
            "date_start": start,
            "date_end": end or False,
            "recurring_next_date": following,
        }) for prod, q, _r in [(product, qty, rule)] + extras]
        return {
            "name": "%s - %s" % (customer["partner"].name.split(" Co.,")[0],
                                 line["name"]),
            "code": "CT%s-%03d" % (start.year, index + 1),
            "partner_id": customer["partner"].id,
            "contract_type": "sale",
            "line_recurrence": True,
            "recurring_rule_type": rule,
            "recurring_interval": 1,
            "date_start": start,
            # responsibles of both B2B teams: each manager sees contracts
            "user_id": self.pick(self.team_reps[customer["region"]]).id,
            "company_id": self.company.id,
            "contract_line_ids": lines,
        }
