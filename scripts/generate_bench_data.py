"""Generate a large dataset for benchmarks with bulk SQL (PostgreSQL COPY).

    .venv/bin/python scripts/generate_bench_data.py -c .odoo/odoo.cfg \
        -d sales_intelligence_bench [--leads 1000000 --partners 10000 \
        --contracts 100000 ...]

The ORM would take hours for a million leads; COPY takes minutes. Rows carry
every column Odoo needs (required fields, company, audit columns) and ids come
from the tables' own sequences, so Odoo reads them back as ordinary records:
the script ends by reading a sample through the ORM.
"""
import argparse
import io
import random
import time
from datetime import datetime, timedelta

import odoo

STAGE_PROBABILITY_WON = 100
CHANNELS = ["web_form", "app_h5", "pc", "import", "invoice", "other"]
CHANCES = ["high", "medium", "medium", "low", "low"]


def _tsv(value):
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def copy_rows(cr, table, columns, rows):
    """COPY `rows` (tuples) into `table`; table and columns are constants."""
    buf = io.StringIO()
    for row in rows:
        buf.write("\t".join(_tsv(v) for v in row))
        buf.write("\n")
    buf.seek(0)
    cr.copy_expert("COPY %s (%s) FROM STDIN" % (table, ", ".join(columns)), buf)


def next_ids(cr, table, count):
    """Reserve `count` ids of `table` from its sequence."""
    cr.execute("SELECT nextval(%s) FROM generate_series(1, %s)",
               ("%s_id_seq" % table, count))
    return [row[0] for row in cr.fetchall()]


class BenchData(object):

    def __init__(self, env, args):
        self.env = env
        self.cr = env.cr
        self.args = args
        self.rng = random.Random(args.seed)
        self.now = datetime.utcnow().replace(microsecond=0)
        self.company = env.ref("base.main_company")
        self.stamp = self.now.strftime("%Y-%m-%d %H:%M:%S")

    def audit(self):
        return (1, self.stamp, 1, self.stamp)

    def timed(self, label, func):
        started = time.time()
        count = func()
        elapsed = time.time() - started
        print("%-14s %9d rows %7.1f s %9.0f rows/s"
              % (label, count, elapsed, count / max(elapsed, 1e-6)))
        return count

    # --- the tables ---------------------------------------------------------------
    def teams(self):
        Team = self.env["crm.team"].with_context(mail_create_nolog=True,
                                                 tracking_disable=True)
        self.team_ids = [Team.create({
            "name": "Bench Team %03d" % n,
            "sales_mode": "b2c" if n % 4 == 0 else "b2b",
        }).id for n in range(self.args.teams)]
        return len(self.team_ids)

    def partners(self):
        self.cr.execute("SELECT id FROM res_partner_industry")
        industries = [r[0] for r in self.cr.fetchall()] or [None]
        country = self.env.ref("base.cn").id
        ids = next_ids(self.cr, "res_partner", self.args.partners)
        rows = []
        for n, pid in enumerate(ids):
            name = "Bench Company %06d Co., Ltd." % n
            rows.append((pid, name, name, True, True, True, pid, self.company.id,
                         self.rng.choice(industries), country, "Shanghai",
                         "+86 21 %04d %04d" % (n // 10000, n % 10000),
                         "contact%06d@bench.example.com" % n, "CN%09d" % n,
                         "no-message", "no-message", "contact", "en_US")
                        + self.audit())
        copy_rows(self.cr, "res_partner", (
            "id", "name", "display_name", "is_company", "customer", "active",
            "commercial_partner_id", "company_id", "industry_id", "country_id", "city",
            "phone", "email", "vat", "invoice_warn", "sale_warn", "type", "lang",
            "create_uid", "create_date", "write_uid", "write_date"), rows)
        self.partner_ids = ids
        return len(rows)

    def reps(self):
        count = self.args.reps
        partner_ids = next_ids(self.cr, "res_partner", count)
        user_ids = next_ids(self.cr, "res_users", count)
        partners, users, self.rep_team = [], [], {}
        for n, (pid, uid) in enumerate(zip(partner_ids, user_ids)):
            name = "Bench Rep %04d" % n
            team = self.team_ids[n % len(self.team_ids)]
            self.rep_team[uid] = team
            partners.append((pid, name, name, False, True, pid, self.company.id,
                             "bench_rep%04d@bench.example.com" % n, "no-message",
                             "no-message", "contact", "en_US") + self.audit())
            users.append((uid, "bench_rep%04d" % n, pid, self.company.id, True, False,
                          "email", team) + self.audit())
        copy_rows(self.cr, "res_partner", (
            "id", "name", "display_name", "is_company", "active",
            "commercial_partner_id", "company_id", "email", "invoice_warn",
            "sale_warn", "type", "lang",
            "create_uid", "create_date", "write_uid", "write_date"), partners)
        copy_rows(self.cr, "res_users", (
            "id", "login", "partner_id", "company_id", "active", "share",
            "notification_type", "sale_team_id",
            "create_uid", "create_date", "write_uid", "write_date"), users)
        groups = [self.env.ref(x).id for x in (
            "base.group_user", "sales_team.group_sale_salesman")]
        copy_rows(self.cr, "res_groups_users_rel", ("gid", "uid"),
                  [(g, u) for u in user_ids for g in groups])
        copy_rows(self.cr, "res_company_users_rel", ("cid", "user_id"),
                  [(self.company.id, u) for u in user_ids])
        self.rep_ids = user_ids
        return count

    def leads(self):
        self.cr.execute("SELECT id, probability FROM crm_stage ORDER BY sequence")
        stages = self.cr.fetchall()
        lost = self.env["crm.lost.reason"].search([], limit=1).id
        columns = (
            "name", "type", "active", "user_id", "team_id", "partner_id",
            "partner_name", "email_from", "phone", "stage_id", "probability",
            "planned_revenue", "company_id", "create_date", "write_date",
            "date_last_stage_update", "date_open", "date_closed", "lost_reason",
            "chance_level", "followup_frequency", "entry_channel", "priority",
            "color", "followup_count", "is_dormant", "rejected", "is_key_lead",
            "create_uid", "write_uid")
        span = 730 * 86400
        total, batch = self.args.leads, 100000
        for start in range(0, total, batch):
            rows = []
            for n in range(start, min(start + batch, total)):
                rng = self.rng
                created = self.now - timedelta(seconds=rng.randrange(span))
                stage_id, probability = rng.choice(stages)
                user = rng.choice(self.rep_ids) if rng.random() > 0.1 else None
                team = self.rep_team[user] if user else rng.choice(self.team_ids)
                is_lost = probability < STAGE_PROBABILITY_WON and rng.random() < 0.12
                closed = (created + timedelta(days=rng.randint(1, 90))
                          if probability >= STAGE_PROBABILITY_WON or is_lost else None)
                partner = rng.choice(self.partner_ids) if rng.random() < 0.8 else None
                stamp = created.strftime("%Y-%m-%d %H:%M:%S")
                rows.append((
                    "Bench lead %07d" % n,
                    "opportunity" if rng.random() < 0.7 else "lead",
                    not is_lost, user, team, partner,
                    None if partner else "Prospect %07d" % n,
                    "lead%07d@bench.example.com" % n, None,
                    stage_id, 0 if is_lost else probability,
                    rng.randrange(1000, 500000, 100), self.company.id, stamp, stamp,
                    stamp, stamp if user else None,
                    closed.strftime("%Y-%m-%d %H:%M:%S") if closed else None,
                    lost if is_lost else None,
                    rng.choice(CHANCES), "none", rng.choice(CHANNELS), "1", 0, 0,
                    False, False, rng.random() < 0.02, 1, 1))
            copy_rows(self.cr, "crm_lead", columns, rows)
        return total

    def orders(self):
        count = self.args.orders
        if not count:
            return 0
        products = [(p.id, p.name, p.lst_price or 100.0, p.uom_id.id)
                    for p in self.env["product.product"].search(
                        [("sale_ok", "=", True)], limit=50)]
        pricelist = self.env["product.pricelist"].search([], limit=1)
        order_ids = next_ids(self.cr, "sale_order", count)
        orders, lines = [], []
        for n, oid in enumerate(order_ids):
            rng = self.rng
            partner = rng.choice(self.partner_ids)
            user = rng.choice(self.rep_ids)
            date = (self.now - timedelta(seconds=rng.randrange(730 * 86400))).strftime(
                "%Y-%m-%d %H:%M:%S")
            amount = 0.0
            for seq in range(self.args.lines_per_order):
                product_id, name, price, uom_id = rng.choice(products)
                qty = rng.randint(1, 20)
                subtotal = qty * price
                amount += subtotal
                lines.append((oid, name, price, product_id, qty, uom_id,
                              0.0, subtotal, subtotal, 0.0, "sale", self.company.id,
                              pricelist.currency_id.id, user, partner, 0.0, 0.0, 0.0,
                              0.0, 10 + seq, "no") + self.audit())
            orders.append((oid, "BENCH%07d" % n, date, partner, partner, partner,
                           pricelist.id, "sale", self.company.id, user,
                           self.rep_team[user], amount, 0.0, amount, date, "no")
                          + self.audit())
        copy_rows(self.cr, "sale_order", (
            "id", "name", "date_order", "partner_id", "partner_invoice_id",
            "partner_shipping_id", "pricelist_id", "state", "company_id", "user_id",
            "team_id", "amount_untaxed", "amount_tax", "amount_total",
            "confirmation_date", "invoice_status",
            "create_uid", "create_date", "write_uid", "write_date"), orders)
        copy_rows(self.cr, "sale_order_line", (
            "order_id", "name", "price_unit", "product_id", "product_uom_qty",
            "product_uom", "customer_lead", "price_subtotal", "price_total",
            "price_tax", "state", "company_id", "currency_id", "salesman_id",
            "order_partner_id", "qty_delivered", "qty_invoiced", "qty_to_invoice",
            "discount", "sequence", "invoice_status",
            "create_uid", "create_date", "write_uid", "write_date"), lines)
        return len(lines)

    def contracts(self):
        """Recurring (OCA) contracts of the companies, ending over four years
        around today (one in ten without end), for the renewal scan."""
        count = self.args.contracts
        if not count:
            return 0
        ids = next_ids(self.cr, "account_analytic_account", count)
        today = self.now.date()
        rows = []
        for n, cid in enumerate(ids):
            rng = self.rng
            user = rng.choice(self.rep_ids)
            end = (today + timedelta(days=rng.randint(-365, 1095))
                   if rng.random() > 0.1 else None)
            start = (end or today) - timedelta(days=365 * rng.randint(1, 3))
            rows.append((
                cid, "Bench contract %06d" % n, "BC%06d" % n, self.company.id,
                True, True, rng.choice(self.partner_ids), user, self.rep_team[user],
                user, start.isoformat(), end.isoformat() if end else None,
                (end or today).isoformat(), "monthly", 1,
                rng.choice(["on_track", "on_track", "at_risk", "off_track"]),
                rng.choice(["low", "medium", "high"]), "none", "not_due",
                0.0, rng.randrange(1200, 120000, 100)) + self.audit())
        copy_rows(self.cr, "account_analytic_account", (
            "id", "name", "code", "company_id", "active", "recurring_invoices",
            "partner_id", "user_id", "team_id", "customer_user_id", "date_start",
            "date_end", "recurring_next_date", "recurring_rule_type",
            "recurring_interval", "fulfilment_status", "dependence_level",
            "fulfilment_report_frequency", "renewal_state", "value_delivered",
            "contract_value",
            "create_uid", "create_date", "write_uid", "write_date"), rows)
        self.contract_ids = ids
        return count

    # --- check ------------------------------------------------------------------------
    def check(self):
        """Read a sample back through the ORM: Odoo sees valid records."""
        env = self.env
        env.clear()
        leads = env["crm.lead"].search([("name", "like", "Bench lead")], limit=200,
                                       order="id desc")
        assert leads, "no lead generated"
        leads.read(["name", "user_id", "team_id", "stage_id", "partner_id",
                    "chance_level", "planned_revenue", "create_date"])
        leads.name_get()
        groups = env["crm.lead"].read_group(
            [("name", "like", "Bench lead")], ["team_id", "stage_id"],
            ["team_id", "stage_id"], lazy=False)
        users = env["res.users"].browse(self.rep_ids[:20])
        users.read(["login", "name", "groups_id", "sale_team_id"])
        assert all(u.has_group("sales_team.group_sale_salesman") for u in users)
        env["res.partner"].browse(self.partner_ids[:50]).read(
            ["name", "commercial_partner_id", "industry_id", "display_name"])
        if self.args.contracts:
            contracts = env["account.analytic.account"].browse(self.contract_ids[:50])
            contracts.read(["name", "partner_id", "user_id", "team_id", "date_end",
                            "renewal_state", "fulfilment_status"])
            contracts.name_get()
        if self.args.orders:
            orders = env["sale.order"].search([("name", "like", "BENCH")], limit=20)
            orders.read(["name", "amount_total", "order_line", "state"])
            orders.mapped("order_line").read(["product_id", "price_subtotal"])
        print("ORM check: %d leads, %d lead groups, %d users read back"
              % (len(leads), len(groups), len(users)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--leads", type=int, default=1000000)
    parser.add_argument("--partners", type=int, default=10000)
    parser.add_argument("--reps", type=int, default=1000)
    parser.add_argument("--teams", type=int, default=100)
    parser.add_argument("--orders", type=int, default=200000)
    parser.add_argument("--lines-per-order", type=int, default=5)
    parser.add_argument("--contracts", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    started = time.time()
    with odoo.api.Environment.manage(), odoo.registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute("SELECT count(*) FROM crm_lead WHERE name LIKE 'Bench lead%%'")
        if cr.fetchone()[0]:
            print("%s already holds benchmark data" % args.database)
            return
        # Skip the foreign-key triggers while loading: every id written comes
        # from the rows just made or from existing records, and the ORM check
        # at the end reads the result back. Needs a superuser role.
        cr.execute("SET session_replication_role = replica")
        data = BenchData(env, args)
        for label in ("teams", "partners", "reps", "leads", "orders", "contracts"):
            data.timed(label, getattr(data, label))
        for table in ("res_partner", "res_users", "crm_lead", "sale_order",
                      "sale_order_line", "account_analytic_account"):
            cr.execute("ANALYZE %s" % table)  # pylint: disable=sql-injection
        cr.execute("SET session_replication_role = DEFAULT")
        cr.commit()
        data.check()
    print("total %.0f s" % (time.time() - started))


if __name__ == "__main__":
    main()
