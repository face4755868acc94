"""Generate a large dataset for benchmarks with bulk SQL (PostgreSQL COPY).

    .venv/bin/python scripts/generate_bench_data.py -c .odoo/odoo.cfg \
        -d sales_intelligence_bench [--leads 1000000 --partners 10000 \
        --contracts 100000 ...]

The ORM would take hours for a million leads; COPY takes minutes. Rows carry
every column Odoo 18 needs (required fields, company, audit columns, stored
values the ORM would compute) and ids come from the tables' own sequences,
so Odoo reads them back as ordinary records: the script ends by reading a
sample through the ORM. Tables: res_partner, res_users (reps, with their
groups, companies and crm_team_member memberships), crm_lead, sale_order and
sale_order_line, contract_contract and contract_line (OCA contract).

Columns the product adds (chance level, entry channel, renewal state...) are
written when the installed addons have them, so the generator follows the
schema of the database it fills.
"""
import argparse
import io
import os
import random
import sys
import time
from datetime import datetime, timedelta

from psycopg2 import sql

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from odoo_env import odoo_env  # noqa: E402

CHANNELS = ["web_form", "app_h5", "pc", "import", "invoice", "other"]
CHANCES = ["high", "medium", "medium", "low", "low"]
SPAN_SECONDS = 730 * 86400
LEAD_BATCH = 100000


def _tsv(value):
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def copy_rows(cr, table, columns, rows):
    """COPY `rows` (tuples) into `table` (identifiers quoted by psycopg2)."""
    buf = io.StringIO()
    for row in rows:
        buf.write("\t".join(_tsv(v) for v in row))
        buf.write("\n")
    buf.seek(0)
    query = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
    cr._obj.copy_expert(query, buf)


def next_ids(cr, table, count):
    """Reserve `count` ids of `table` from its sequence."""
    cr.execute("SELECT nextval(%s) FROM generate_series(1, %s)",
               ("%s_id_seq" % table, count))
    return [row[0] for row in cr.fetchall()]


def table_columns(cr, table):
    cr.execute("SELECT column_name FROM information_schema.columns "
               "WHERE table_schema = current_schema() AND table_name = %s", (table,))
    return {row[0] for row in cr.fetchall()}


class Rows:
    """Rows of one table: the columns Odoo requires, plus optional ones (the
    product's) kept only when the table has them."""

    def __init__(self, cr, table, columns, optional=()):
        present = table_columns(cr, table)
        missing = [c for c in columns if c not in present]
        assert not missing, "%s has no column %s" % (table, ", ".join(missing))
        self.table = table
        self.columns = list(columns)
        self.optional = [c for c in optional if c in present]
        self.rows = []

    def add(self, values, extra=None):
        """`values`: tuple in `columns` order; `extra`: {optional column: value}."""
        extra = extra or {}
        self.rows.append(tuple(values) + tuple(extra.get(c) for c in self.optional))

    def copy(self, cr):
        copy_rows(cr, self.table, self.columns + self.optional, self.rows)
        count = len(self.rows)
        self.rows = []
        return count


class BenchData:

    def __init__(self, env, args):
        self.env = env
        self.cr = env.cr
        self.args = args
        self.rng = random.Random(args.seed)
        self.now = datetime.utcnow().replace(microsecond=0)
        self.company = env.ref("base.main_company")
        self.currency = self.company.currency_id.id
        self.stamp = self.now.strftime("%Y-%m-%d %H:%M:%S")

    AUDIT = ("create_uid", "create_date", "write_uid", "write_date")

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
        has_mode = "sales_mode" in Team._fields
        self.team_ids = []
        for n in range(self.args.teams):
            values = {"name": "Bench Team %03d" % n}
            if has_mode:
                values["sales_mode"] = "b2c" if n % 4 == 0 else "b2b"
            self.team_ids.append(Team.create(values).id)
        return len(self.team_ids)

    def partners(self):
        self.cr.execute("SELECT id FROM res_partner_industry")
        industries = [r[0] for r in self.cr.fetchall()] or [None]
        country = self.env.ref("base.cn").id
        ids = next_ids(self.cr, "res_partner", self.args.partners)
        rows = Rows(self.cr, "res_partner", (
            "id", "name", "complete_name", "commercial_company_name", "is_company",
            "customer_rank", "supplier_rank", "active", "partner_share",
            "commercial_partner_id", "company_id", "industry_id", "country_id",
            "city", "phone", "email", "email_normalized", "vat", "invoice_warn",
            "sale_warn", "type", "lang", "autopost_bills") + self.AUDIT)
        for n, pid in enumerate(ids):
            name = "Bench Company %06d Co., Ltd." % n
            email = "contact%06d@bench.example.com" % n
            rows.add((pid, name, name, name, True, 1, 0, True, True, pid, None,
                      self.rng.choice(industries), country, "Shanghai",
                      "+86 21 %04d %04d" % (n // 10000, n % 10000), email, email,
                      "CN%09d" % n, "no-message", "no-message", "contact", "en_US",
                      "ask") + self.audit())
        self.partner_ids = ids
        return rows.copy(self.cr)

    def reps(self):
        count = self.args.reps
        partner_ids = next_ids(self.cr, "res_partner", count)
        user_ids = next_ids(self.cr, "res_users", count)
        partners = Rows(self.cr, "res_partner", (
            "id", "name", "complete_name", "is_company", "active", "partner_share",
            "customer_rank", "supplier_rank", "commercial_partner_id", "company_id",
            "email", "email_normalized", "invoice_warn", "sale_warn", "type", "lang",
            "autopost_bills") + self.AUDIT)
        users = Rows(self.cr, "res_users", (
            "id", "login", "partner_id", "company_id", "active", "share",
            "notification_type", "sale_team_id") + self.AUDIT)
        members = Rows(self.cr, "crm_team_member", (
            "crm_team_id", "user_id", "active", "assignment_max",
            "assignment_optout") + self.AUDIT)
        self.rep_team = {}
        for n, (pid, uid) in enumerate(zip(partner_ids, user_ids)):
            name = "Bench Rep %04d" % n
            email = "bench_rep%04d@bench.example.com" % n
            team = self.team_ids[n % len(self.team_ids)]
            self.rep_team[uid] = team
            partners.add((pid, name, name, False, True, False, 0, 0, pid,
                          self.company.id, email, email, "no-message", "no-message",
                          "contact", "en_US", "ask") + self.audit())
            # sale_team_id is stored, computed from the memberships below
            users.add((uid, "bench_rep%04d" % n, pid, self.company.id, True, False,
                       "email", team) + self.audit())
            members.add((team, uid, True, 30, False) + self.audit())
        partners.copy(self.cr)
        users.copy(self.cr)
        members.copy(self.cr)
        groups = [self.env.ref(x).id for x in (
            "base.group_user", "sales_team.group_sale_salesman")]
        copy_rows(self.cr, "res_groups_users_rel", ("gid", "uid"),
                  [(g, u) for u in user_ids for g in groups])
        copy_rows(self.cr, "res_company_users_rel", ("cid", "user_id"),
                  [(self.company.id, u) for u in user_ids])
        self.rep_ids = user_ids
        return count

    def leads(self):
        self.cr.execute("SELECT id, COALESCE(is_won, false) FROM crm_stage "
                        "WHERE team_id IS NULL ORDER BY sequence, id")
        stages = self.cr.fetchall()
        lost = self.env["crm.lost.reason"].search([], limit=1).id
        rows = Rows(self.cr, "crm_lead", (
            "name", "type", "active", "user_id", "team_id", "partner_id",
            "partner_name", "email_from", "email_normalized", "stage_id",
            "probability", "automated_probability", "expected_revenue",
            "prorated_revenue", "company_id", "create_date", "write_date",
            "date_last_stage_update", "date_open", "date_closed", "lost_reason_id",
            "priority", "color", "create_uid", "write_uid"), optional=(
            "chance_level", "followup_frequency", "entry_channel", "followup_count",
            "is_dormant", "rejected", "is_key_lead"))
        total = self.args.leads
        for n in range(total):
            rng = self.rng
            created = self.now - timedelta(seconds=rng.randrange(SPAN_SECONDS))
            stage_id, is_won = rng.choice(stages)
            probability = 100 if is_won else rng.choice([10, 20, 30, 50, 70, 90])
            user = rng.choice(self.rep_ids) if rng.random() > 0.1 else None
            team = self.rep_team[user] if user else rng.choice(self.team_ids)
            is_lost = not is_won and rng.random() < 0.12
            closed = (created + timedelta(days=rng.randint(1, 90))
                      if is_won or is_lost else None)
            partner = rng.choice(self.partner_ids) if rng.random() < 0.8 else None
            stamp = created.strftime("%Y-%m-%d %H:%M:%S")
            revenue = rng.randrange(1000, 500000, 100)
            probability = 0 if is_lost else probability
            email = "lead%07d@bench.example.com" % n
            rows.add((
                "Bench lead %07d" % n,
                "opportunity" if rng.random() < 0.7 else "lead",
                not is_lost, user, team, partner,
                None if partner else "Prospect %07d" % n,
                email, email, stage_id, probability, probability, revenue,
                revenue * probability / 100.0, self.company.id, stamp, stamp,
                stamp, stamp if user else None,
                closed.strftime("%Y-%m-%d %H:%M:%S") if closed else None,
                lost if is_lost else None, "1", 0, 1, 1), {
                "chance_level": rng.choice(CHANCES),
                "followup_frequency": "none",
                "entry_channel": rng.choice(CHANNELS),
                "followup_count": 0,
                "is_dormant": False,
                "rejected": False,
                "is_key_lead": rng.random() < 0.02,
            })
            if len(rows.rows) >= LEAD_BATCH:
                rows.copy(self.cr)
        rows.copy(self.cr)
        return total

    def orders(self):
        count = self.args.orders
        if not count:
            return 0
        products = [(p.id, p.name, p.lst_price or 100.0, p.uom_id.id)
                    for p in self.env["product.product"].search(
                        [("sale_ok", "=", True), ("type", "!=", "combo")], limit=50)]
        pricelist = self.env["product.pricelist"].search(
            [("currency_id", "=", self.currency)], limit=1)
        order_ids = next_ids(self.cr, "sale_order", count)
        orders = Rows(self.cr, "sale_order", (
            "id", "name", "date_order", "partner_id", "partner_invoice_id",
            "partner_shipping_id", "pricelist_id", "currency_id", "currency_rate",
            "state", "locked", "company_id", "user_id", "team_id", "amount_untaxed",
            "amount_tax", "amount_total", "invoice_status", "require_signature",
            "require_payment", "prepayment_percent") + self.AUDIT)
        lines = Rows(self.cr, "sale_order_line", (
            "order_id", "name", "price_unit", "technical_price_unit", "product_id",
            "product_uom_qty", "product_uom", "customer_lead", "price_subtotal",
            "price_total", "price_tax", "price_reduce_taxexcl", "price_reduce_taxinc",
            "state", "company_id", "currency_id", "salesman_id", "order_partner_id",
            "qty_delivered", "qty_delivered_method", "qty_invoiced", "qty_to_invoice",
            "untaxed_amount_invoiced", "untaxed_amount_to_invoice", "discount",
            "sequence", "invoice_status", "is_downpayment", "is_expense")
            + self.AUDIT)
        for n, oid in enumerate(order_ids):
            rng = self.rng
            partner = rng.choice(self.partner_ids)
            user = rng.choice(self.rep_ids)
            date = (self.now - timedelta(seconds=rng.randrange(SPAN_SECONDS))).strftime(
                "%Y-%m-%d %H:%M:%S")
            amount = 0.0
            for seq in range(self.args.lines_per_order):
                product_id, name, price, uom_id = rng.choice(products)
                qty = rng.randint(1, 20)
                subtotal = qty * price
                amount += subtotal
                lines.add((oid, name, price, price, product_id, qty, uom_id, 0.0,
                           subtotal, subtotal, 0.0, price, price, "sale",
                           self.company.id, self.currency, user, partner, 0.0,
                           "manual", 0.0, 0.0, 0.0, 0.0, 0.0, 10 + seq, "no", False,
                           False) + self.audit())
            orders.add((oid, "BENCH%07d" % n, date, partner, partner, partner,
                        pricelist.id or None, self.currency, 1.0, "sale", False,
                        self.company.id, user, self.rep_team[user], amount, 0.0,
                        amount, "no", False, False, 1.0) + self.audit())
        orders.copy(self.cr)
        return lines.copy(self.cr)

    def contracts(self):
        """Recurring (OCA) sale contracts of the companies, one line each,
        ending over four years around today (one in ten without end), for the
        renewal scan."""
        count = self.args.contracts
        if not count:
            return 0
        journal = self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", self.company.id)], limit=1)
        product = self.env["product.product"].search(
            [("sale_ok", "=", True), ("type", "=", "service")], limit=1)
        ids = next_ids(self.cr, "contract_contract", count)
        today = self.now.date()
        contracts = Rows(self.cr, "contract_contract", (
            "id", "name", "code", "company_id", "active", "partner_id",
            "invoice_partner_id", "commercial_partner_id", "journal_id", "user_id",
            "contract_type", "generation_type", "line_recurrence", "date",
            "date_start", "date_end", "recurring_next_date", "recurring_rule_type",
            "recurring_interval", "recurring_invoicing_type") + self.AUDIT, optional=(
            "team_id", "customer_user_id", "fulfilment_status", "dependence_level",
            "fulfilment_report_frequency", "renewal_state", "value_delivered",
            "contract_value"))
        lines = Rows(self.cr, "contract_line", (
            "contract_id", "sequence", "name", "product_id", "uom_id", "quantity",
            "specific_price", "automatic_price", "discount", "company_id",
            "partner_id", "active", "is_canceled", "date_start", "date_end",
            "recurring_next_date", "recurring_rule_type", "recurring_interval",
            "recurring_invoicing_type") + self.AUDIT)
        for n, cid in enumerate(ids):
            rng = self.rng
            user = rng.choice(self.rep_ids)
            partner = rng.choice(self.partner_ids)
            end = (today + timedelta(days=rng.randint(-365, 1095))
                   if rng.random() > 0.1 else None)
            start = (end or today) - timedelta(days=365 * rng.randint(1, 3))
            value = rng.randrange(1200, 120000, 100)
            next_date = (end or today).isoformat()
            end_text = end.isoformat() if end else None
            contracts.add((
                cid, "Bench contract %06d" % n, "BC%06d" % n, self.company.id, True,
                partner, partner, partner, journal.id or None, user, "sale",
                "invoice", False, start.isoformat(), start.isoformat(), end_text,
                next_date, "monthly", 1, "pre-paid") + self.audit(), {
                "team_id": self.rep_team[user],
                "customer_user_id": user,
                "fulfilment_status": rng.choice(
                    ["on_track", "on_track", "at_risk", "off_track"]),
                "dependence_level": rng.choice(["low", "medium", "high"]),
                "fulfilment_report_frequency": "none",
                "renewal_state": "not_due",
                "value_delivered": 0.0,
                "contract_value": value,
            })
            lines.add((
                cid, 10, "Bench service %06d" % n, product.id or None,
                product.uom_id.id or None, 1.0, round(value / 12.0, 2), False, 0.0,
                self.company.id, partner, True, False, start.isoformat(), end_text,
                next_date, "monthly", 1, "pre-paid") + self.audit())
        contracts.copy(self.cr)
        lines.copy(self.cr)
        self.contract_ids = ids
        return count

    # --- check ------------------------------------------------------------------------
    def check(self):
        """Read a sample back through the ORM: Odoo sees valid records."""
        env = self.env
        env.invalidate_all()
        Lead = env["crm.lead"].with_context(active_test=False)
        leads = Lead.search([("name", "like", "Bench lead")], limit=200,
                            order="id desc")
        assert leads, "no lead generated"
        leads.read(["name", "user_id", "team_id", "stage_id", "partner_id",
                    "expected_revenue", "create_date", "display_name"])
        groups = Lead._read_group(
            [("name", "like", "Bench lead")], ["team_id", "stage_id"], ["__count"])
        users = env["res.users"].browse(self.rep_ids[:20])
        users.read(["login", "name", "groups_id", "sale_team_id"])
        assert all(u.has_group("sales_team.group_sale_salesman") for u in users)
        assert all(u.sale_team_id for u in users), "reps without team"
        env["res.partner"].browse(self.partner_ids[:50]).read(
            ["name", "commercial_partner_id", "industry_id", "display_name"])
        if self.args.contracts:
            contracts = env["contract.contract"].browse(self.contract_ids[:50])
            contracts.read(["name", "partner_id", "user_id", "date_end",
                            "recurring_next_date", "contract_line_ids",
                            "display_name"])
            contracts.contract_line_ids.read(["name", "price_unit", "price_subtotal"])
        if self.args.orders:
            orders = env["sale.order"].search([("name", "like", "BENCH")], limit=20)
            orders.read(["name", "amount_total", "order_line", "state"])
            orders.order_line.read(["product_id", "price_subtotal"])
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
    started = time.time()
    with odoo_env(args.config, args.database, log_level="warn") as env:
        cr = env.cr
        cr.execute("SELECT count(*) FROM crm_lead WHERE name LIKE %s", ("Bench lead%",))
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
        for table in ("res_partner", "res_users", "crm_team_member", "crm_lead",
                      "sale_order", "sale_order_line", "contract_contract",
                      "contract_line"):
            cr.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))
        cr.execute("SET session_replication_role = DEFAULT")
        # the rows were loaded without triggers, so the queues of changed
        # leads and order lines do not hold them: the next dormant run looks
        # at every lead, the snapshots are built again
        env["si.dormant.rule"]._forget_dormant_checkpoint()
        if "si.lead.analysis.snapshot" in env:
            env["si.lead.analysis.snapshot"]._invalidate_snapshot()
            env["si.demand.analysis"]._reset_store()
        cr.commit()
        data.check()
    print("total %.0f s" % (time.time() - started))


if __name__ == "__main__":
    main()
