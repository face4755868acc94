"""Generate the realistic demo dataset of Sales Intelligence.

A Chinese/international sales organisation with B2B and B2C teams: users
(rep1..rep12, manager1, manager2, finance), companies and contacts, about
1,500 leads and opportunities over the last 18 months with their follow-up
history, products and product lines, confirmed sale orders and validated
invoices of last year and this year, and OCA contracts (some about to expire).

Runs in-process with the ORM, in one transaction: either everything is created
or nothing. A second run finds the marker parameter and returns at once.
Usage: generate_demo_data.py -c CONFIG -d DATABASE [--seed N]
"""
import argparse
import glob
import importlib
import os
import random
import uuid
from datetime import date, datetime, time, timedelta
from time import monotonic

from dateutil.relativedelta import relativedelta
from psycopg2 import sql
from psycopg2.extras import execute_values

import odoo
from odoo import fields
from odoo.tools import float_round

VERSION = "1"
MARKER = "sales_intelligence.demo_data_version"
# Mail side effects (tracking, followers, chatter logs) cost time and are not
# demo content: history is written explicitly, with backdated dates.
CTX = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}
HISTORY_DAYS = 548  # 18 months of leads
N_COMPANIES = 300
N_INDIVIDUALS = 100
N_LEADS = 1500
N_EXTRA_ORDERS = 220  # repeat business without an opportunity
# Odoo 11 needs ~0.8 s to create and validate one invoice on a 2-core machine:
# 100 keeps the whole run near 3 minutes (--invoices for more).
N_INVOICES = 100
N_CONTRACTS = 80

# --- reference data ------------------------------------------------------------
# (name, names of Odoo's standard industries reused instead of a duplicate)
INDUSTRIES = [
    ("Manufacturing", ["Manufacturing"]),
    ("Retail", ["Wholesale/Retail"]),
    ("IT Services", ["IT/Communication"]),
    ("Healthcare", ["Health/Social"]),
    ("Education", ["Education"]),
    ("Logistics", ["Transportation"]),
    ("Finance", ["Finance/Insurance"]),
    ("Construction", ["Construction"]),
    ("Energy", ["Energy supply"]),
    ("Food & Beverage", ["Food"]),
    ("Real Estate", ["Real Estate"]),
    ("Agriculture", ["Agriculture"]),
]
INDUSTRY_WORDS = {
    "Manufacturing": ["Precision Machinery", "Auto Parts", "Electronics", "Mould"],
    "Retail": ["Retail Chain", "Trading", "Department Store", "Supermarket"],
    "IT Services": ["Software", "Information Technology", "Cloud Services"],
    "Healthcare": ["Medical Devices", "Pharmaceutical", "Health Management"],
    "Education": ["Education Technology", "Training", "Vocational Education"],
    "Logistics": ["Logistics", "Supply Chain", "Freight", "Express"],
    "Finance": ["Financial Leasing", "Insurance Brokerage", "Investment"],
    "Construction": ["Construction Engineering", "Building Materials"],
    "Energy": ["New Energy", "Solar Technology", "Power Equipment"],
    "Food & Beverage": ["Food", "Beverage", "Catering Management"],
    "Real Estate": ["Property Development", "Property Management"],
    "Agriculture": ["Agricultural Technology", "Seed Industry", "Fresh Produce"],
}
SOURCES = ["Web form", "App/H5", "PC", "Referral", "Import", "Invoice"]
SOURCE_WEIGHTS = {
    "b2b": [25, 5, 15, 20, 15, 10],
    "b2c": [25, 40, 20, 10, 5, 0],
}
LOST_REASONS = [
    "Too expensive",
    "Chose a competitor",
    "No budget",
    "No response",
    "Project postponed",
    "No purchase intent",
]
# (city, phone area code, team region, USCC region code)
CN_CITIES = [
    ("Shanghai", "21", "east", "310115"),
    ("Beijing", "10", "east", "110105"),
    ("Hangzhou", "571", "east", "330106"),
    ("Suzhou", "512", "east", "320505"),
    ("Nanjing", "25", "east", "320102"),
    ("Ningbo", "574", "east", "330203"),
    ("Qingdao", "532", "east", "370202"),
    ("Tianjin", "22", "east", "120101"),
    ("Shenzhen", "755", "south", "440300"),
    ("Guangzhou", "20", "south", "440106"),
    ("Dongguan", "769", "south", "441900"),
    ("Xiamen", "592", "south", "350203"),
    ("Chengdu", "28", "south", "510107"),
    ("Chongqing", "23", "south", "500103"),
    ("Wuhan", "27", "south", "420106"),
    ("Changsha", "731", "south", "430102"),
]
# (country code, cities, phone prefix, legal suffix, VAT prefix, VAT digits)
FOREIGN = [
    ("US", ["San Francisco", "Chicago", "Seattle"], "+1", "Inc.", "", 0),
    ("DE", ["Hamburg", "Munich", "Stuttgart"], "+49", "GmbH", "DE", 9),
    ("SG", ["Singapore"], "+65", "Pte. Ltd.", "", 0),
    ("JP", ["Osaka", "Tokyo"], "+81", "K.K.", "", 0),
    ("GB", ["London", "Manchester"], "+44", "Ltd.", "GB", 9),
    ("FR", ["Lyon", "Paris"], "+33", "SAS", "FR", 11),
    ("AU", ["Sydney", "Melbourne"], "+61", "Pty Ltd", "", 0),
]
FOREIGN_BRANDS = ["Northwind", "Bluepeak", "Silverline", "Greenfield", "Brightway",
                  "Oakridge", "Redstone", "Clearwater", "Summit", "Ironbridge"]
SYLLABLES = ["Hua", "Xin", "Tian", "Long", "Kai", "Rui", "Sheng", "Feng", "Yuan",
             "Heng", "Jia", "Mei", "Bo", "Chuang", "Da", "Zhong", "Jin", "Hong",
             "Tai", "An", "Cheng", "Ming", "Guang", "Yi"]
CN_SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu",
               "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo",
               "Gao"]
CN_GIVEN = ["Wei", "Fang", "Min", "Jing", "Lei", "Yang", "Jun", "Hui", "Ying", "Tao",
            "Ming", "Xiaoling", "Jianguo", "Haoran", "Yuxuan", "Zihan", "Yichen",
            "Xinyi", "Shuang", "Peng", "Qiang", "Lina", "Chao", "Dan"]
EN_FIRST = ["Emma", "Oliver", "Sophia", "Liam", "Mia", "Noah", "Anna", "Lucas",
            "Grace", "Thomas", "Julia", "Daniel", "Laura", "Max", "Chloe", "Ben"]
EN_LAST = ["Smith", "Miller", "Schmidt", "Tanaka", "Brown", "Martin", "Walker",
           "Fischer", "Taylor", "Dubois", "Clarke", "Wilson"]
FUNCTIONS = ["General Manager", "Purchasing Manager", "IT Director", "CTO",
             "Operations Director", "Finance Manager", "Plant Manager",
             "Procurement Specialist"]
MAIL_DOMAINS_B2C = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com"]

# login, name, lang, team key ("manager" users lead teams instead)
REPS = [
    ("rep1", "Wang Lei", "en_US", "east"),
    ("rep2", "Emily Chen", "en_US", "east"),
    ("rep3", "Zhang Wei", "zh_CN", "east"),
    ("rep4", "Li Na", "en_US", "east"),
    ("rep5", "David Liu", "en_US", "south"),
    ("rep6", "Zhao Min", "zh_CN", "south"),
    ("rep7", "Sophie Martin", "en_US", "south"),
    ("rep8", "Chen Jing", "en_US", "south"),
    ("rep9", "Huang Tao", "zh_CN", "online"),
    ("rep10", "Michael Brown", "en_US", "online"),
    ("rep11", "Liu Yang", "zh_CN", "online"),
    ("rep12", "Xu Fang", "en_US", "online"),
]
MANAGERS = [("manager1", "Sun Jianguo", "zh_CN"), ("manager2", "Karen Wu", "en_US")]
# key, name, sales mode, leader login
TEAMS = [
    ("east", "Enterprise East", "b2b", "manager1"),
    ("south", "Enterprise South", "b2b", "manager2"),
    ("online", "Online Direct", "b2c", "manager1"),
]

# code (distinctive: tests create their own short codes), name, mode, industries,
# value proposition, products:
# (name, type, list price, recurring rule or None, typical quantity)
PRODUCT_LINES = [
    ("MFG-SUITE", "Smart Manufacturing", "b2b",
     ["Manufacturing", "Energy", "Food & Beverage", "Construction"],
     "Real-time visibility of every production line: 15-25% less downtime, "
     "traceability from raw material to shipment, paperless shop floor.",
     [("MES Core License", "service", 25000, None, 1),
      ("IoT Edge Gateway", "consu", 690, None, 8),
      ("MES Implementation (per day)", "service", 600, None, 20),
      ("MES Maintenance Plan (yearly)", "service", 4800, "yearly", 1)]),
    ("CLOUD-ERP", "Cloud ERP", "b2b",
     ["Manufacturing", "Retail", "Logistics", "Construction", "Real Estate",
      "Agriculture"],
     "One system for sales, purchasing, inventory and accounting, live in 8 "
     "weeks, no servers to run, Golden Tax and fapiao ready.",
     [("Cloud ERP Subscription (per user/month)", "service", 35, "monthly", 40),
      ("ERP Implementation Package", "service", 15000, None, 1),
      ("Data Migration Service", "service", 3500, None, 1),
      ("ERP User Training (per day)", "service", 450, None, 4)]),
    ("RETAIL-EC", "Retail & E-commerce", "b2b",
     ["Retail", "Food & Beverage", "Healthcare", "Education"],
     "Stores, WeChat mini-program and online shop on one stock and one "
     "membership: more repeat customers and fewer stock-outs.",
     [("Smart POS Terminal", "consu", 380, None, 12),
      ("Online Store Subscription (yearly)", "service", 1500, "yearly", 1),
      ("WeChat Mini-Program Development", "service", 6000, None, 1),
      ("Payment Integration Service", "service", 1200, None, 1)]),
    ("DATA-BI", "Data & Analytics", "b2b",
     ["Finance", "IT Services", "Healthcare", "Logistics", "Energy", "Education"],
     "Management dashboards on trusted data within a month: decisions on "
     "facts, reporting time cut from days to minutes.",
     [("BI Dashboard Subscription (per user/month)", "service", 25, "monthly", 25),
      ("Data Warehouse Setup", "service", 18000, None, 1),
      ("Analytics Consulting (per day)", "service", 800, None, 6)]),
    ("SMART-HOME", "Smart Home Devices", "b2c", [],
     "Safe, connected home in one afternoon: devices that work together "
     "out of the box, with cloud storage and a two-year warranty.",
     [("Smart Speaker Mini", "consu", 49, None, 1),
      ("Home Security Camera", "consu", 79, None, 2),
      ("Smart Door Lock", "consu", 199, None, 1),
      ("Cloud Video Storage Plan (yearly)", "service", 29, "yearly", 1),
      ("Extended Warranty (2 years)", "service", 25, None, 1)]),
]
NOTES_EN = [
    "Call with {contact}: budget confirmed for this year, wants a demo next week.",
    "Visited {company} in {city}; met {contact} and the IT team, reviewed needs.",
    "Sent the proposal and price list to {contact}.",
    "{contact} asked for a reference customer in the same industry.",
    "Follow-up call: decision expected after the board meeting.",
    "Demo done; questions about integration with their existing system.",
    "Negotiated payment terms; {contact} asks for a 5% discount.",
    "No answer on the phone, left a message and sent an e-mail.",
]
NOTES_ZH = [
    "电话沟通：{contact}确认了今年的预算，希望下周安排演示。",
    "拜访{company}（{city}），与{contact}和IT团队交流了需求。",
    "已将方案和报价发给{contact}。",
    "客户希望提供同行业的成功案例。",
    "跟进电话：客户将在董事会后做决定。",
    "演示完成，客户关心与现有系统的集成。",
]
ACTIVITY_SUMMARIES = ["Follow-up call", "Send proposal", "Product demo",
                      "Confirm budget", "Visit customer", "Prepare quotation"]
# Relative weight of each month (1..12) for orders: Chinese New Year dip,
# 618 and Double 11 peaks, year-end projects.
SEASONALITY = [0.9, 0.6, 1.0, 1.0, 1.0, 1.2, 0.9, 0.9, 1.0, 0.9, 1.4, 1.3]
PARTNER_COLUMNS = ["name", "is_company", "customer", "active", "type", "company_id",
                   "parent_id", "industry_id", "function", "city", "country_id",
                   "phone", "mobile", "email", "website", "vat", "lang",
                   "display_name", "commercial_partner_id", "commercial_company_name",
                   "commercial_partner_country_id", "partner_share"]
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(rng, region):
    """A Chinese unified social credit code with a valid check character."""
    body = "91" + region + "".join(rng.choice(USCC_CHARS[:-1]) for _ in range(9))
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_WEIGHTS))
    return body + USCC_CHARS[(31 - total % 31) % 31]


def dt(value):
    return fields.Datetime.to_string(value)


LOG_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")


def bulk_insert(env, model, rows, compute=True):
    """Insert rows (dicts with the same keys: column values) in one statement.

    Odoo 11 creates records one by one at ~0.1 s each for partners; plain
    data like partners and chatter goes in with SQL instead. Columns the rows
    leave out get the model's defaults (so fields added by other addons are
    filled), and stored computed fields are then computed by the ORM.
    """
    if not rows:
        return env[model]
    Model = env[model]
    given = list(rows[0])
    missing = [name for name, field in Model._fields.items()
               if field.store and field.column_type and not field.compute
               and name not in given and name not in LOG_COLUMNS + ("id",)]
    defaults = {
        name: Model._fields[name].convert_to_column(value, Model)
        for name, value in Model.default_get(missing).items()
    }
    now = fields.Datetime.now()
    log = {"create_uid": env.uid, "write_uid": env.uid,
           "create_date": now, "write_date": now}
    log = {name: value for name, value in log.items() if name not in given}
    columns = given + list(defaults) + list(log)
    tail = list(defaults.values()) + list(log.values())
    query = sql.SQL("INSERT INTO {} ({}) VALUES %s RETURNING id").format(
        sql.Identifier(Model._table),
        sql.SQL(", ").join(map(sql.Identifier, columns)))
    ids = [row[0] for row in execute_values(
        env.cr, query.as_string(env.cr._obj),
        [[row[name] for name in given] + tail for row in rows],
        page_size=1000, fetch=True)]
    records = Model.browse(ids)
    if compute:
        compute_stored(records, skip=given)
    return records


def compute_stored(records, skip=()):
    """Compute the stored computed fields of rows inserted with SQL (but those
    in skip, that the rows already hold)."""
    for name, field in records._fields.items():
        if field.store and field.compute and name not in skip:
            records.env.add_todo(field, records)
    records.recompute()


class DemoDataGenerator:
    """Creates the dataset; each step stores what later steps need."""

    def __init__(self, env, seed, invoices=N_INVOICES):
        self.env = env(context=dict(env.context, **CTX))
        self.rng = random.Random(seed)
        self.today = date.today()
        # Odoo stores UTC; dates are relative to the moment of the run
        self.now = datetime.utcnow().replace(second=0, microsecond=0)
        self.company = self.env.ref("base.main_company")
        self.timings = []
        self.invoice_count = invoices
        self.price_digits = self.env["decimal.precision"].precision_get(
            "Product Price")

    # --- helpers ------------------------------------------------------------
    def pick(self, items, weights=None):
        if weights:
            return self.rng.choices(items, weights=weights)[0]
        return self.rng.choice(items)

    def moment(self, day):
        """A working-hours datetime (Shanghai) on the given date, not after now."""
        value = datetime.combine(day, time(1 + self.rng.randint(0, 9),
                                           self.rng.randint(0, 59)))
        return min(value, self.now - timedelta(minutes=5))

    def step(self, label, method):
        start = monotonic()
        method()
        self.timings.append((label, monotonic() - start))
        print("  %-38s %6.1fs" % (label, self.timings[-1][1]), flush=True)

    def get_or_create(self, model, domain, vals):
        record = self.env[model].with_context(active_test=False).search(
            domain, limit=1)
        return record or self.env[model].create(vals)

    # --- steps --------------------------------------------------------------
    def run(self):
        self.step("reference data", self.create_reference_data)
        self.step("products", self.create_products)
        self.step("users and teams", self.create_users_and_teams)
        self.step("partners", self.create_partners)
        self.step("leads", self.create_leads)
        self.step("lead history", self.create_history)
        self.step("sale orders", self.create_sale_orders)
        self.step("invoices", self.create_invoices)
        self.step("contracts", self.create_contracts)
        self.env["ir.config_parameter"].set_param(MARKER, VERSION)

    def create_reference_data(self):
        # Most users work in English: the language must be active to be chosen.
        self.env["res.lang"].with_context(active_test=False).search(
            [("code", "=", "en_US")]).write({"active": True})
        Industry = self.env["res.partner.industry"]
        self.industries = {}
        for name, aliases in INDUSTRIES:
            self.industries[name] = (
                Industry.search([("name", "in", aliases)], limit=1)
                or Industry.create({"name": name, "full_name": name}))
        self.sources = [self.get_or_create("utm.source", [("name", "=", n)],
                                           {"name": n}) for n in SOURCES]
        self.lost_reasons = {n: self.get_or_create(
            "crm.lost.reason", [("name", "=", n)], {"name": n})
            for n in LOST_REASONS}
        stages = self.env["crm.stage"].search([("team_id", "=", False)])
        self.won_stage = stages.filtered(lambda s: s.probability >= 100)[:1]
        self.open_stages = stages.filtered(lambda s: s.probability < 100)
        self.countries = {c.code: c for c in self.env["res.country"].search(
            [("code", "in", ["CN"] + [f[0] for f in FOREIGN])])}
        self.activity_types = self.env["mail.activity.type"].search([])
        self.note_subtype = self.env.ref("mail.mt_note")
        self.pricelist = self.env.ref("product.list0")

    def create_products(self):
        categ = self.env.ref("product.product_category_all")
        self.lines = []
        for code, name, mode, industries, value, products in PRODUCT_LINES:
            records = []
            for pname, ptype, price, rule, qty in products:
                product = self.env["product.product"].create({
                    "name": pname,
                    "type": ptype,
                    "list_price": price,
                    "standard_price": round(price * 0.55, 2),
                    "default_code": "%s-%02d" % (code, len(records) + 1),
                    "categ_id": categ.id,
                    "invoice_policy": "order",
                    "sale_ok": True,
                    "description_sale": pname,
                })
                records.append((product, qty, rule))
            self.lines.append({
                "code": code, "name": name, "mode": mode, "products": records,
                "industries": [self.industries[i] for i in industries],
            })
            if "si.product.line" in self.env:
                self.env["si.product.line"].create({
                    "name": name,
                    "code": code,
                    "sequence": 10 * len(self.lines),
                    "value_proposition": "<p>%s</p>" % value,
                    "product_ids": [(6, 0, [p.id for p, _q, _r in records])],
                    "industry_ids": [(6, 0, [i.id for i in self.lines[-1][
                        "industries"]])],
                })

    def create_user(self, login, name, lang, groups, password):
        Users = self.env["res.users"]
        user = Users.with_context(active_test=False).search(
            [("login", "=", login)])
        vals = {
            "name": name,
            "login": login,
            "email": "%s@example.com" % login,
            "password": password,
            "lang": lang,
            "tz": "Asia/Shanghai",
            "company_id": self.company.id,
            "company_ids": [(6, 0, [self.company.id])],
            "groups_id": [(6, 0, [self.env.ref(g).id for g in groups])],
        }
        if user:
            user.write(vals)
            return user
        return Users.create(vals)

    def create_users_and_teams(self):
        self.users = {}
        for login, name, lang in MANAGERS:
            self.users[login] = self.create_user(
                login, name, lang, ["sales_team.group_sale_manager"], "manager")
        self.users["finance"] = self.create_user(
            "finance", "Zhou Hui", "zh_CN",
            ["base.group_user", "account.group_account_invoice"], "finance")
        self.teams = {}
        for key, name, mode, leader in TEAMS:
            self.teams[key] = self.get_or_create("crm.team", [("name", "=", name)], {
                "name": name,
                "sales_mode": mode,
                "use_leads": True,
                "use_opportunities": True,
                "use_quotations": True,
                "use_invoices": True,
                "company_id": self.company.id,
            })
            self.teams[key].write({"user_id": self.users[leader].id,
                                   "sales_mode": mode})
            if not self.users[leader].sale_team_id:
                self.users[leader].write({"sale_team_id": self.teams[key].id})
        self.team_reps = {key: [] for key in self.teams}
        for login, name, lang, team in REPS:
            user = self.create_user(login, name, lang,
                                    ["sales_team.group_sale_salesman"], "rep")
            user.write({"sale_team_id": self.teams[team].id})
            self.users[login] = user
            self.team_reps[team].append(user)
        self.teams["east"].write({"invoiced_target": 250000})
        self.teams["south"].write({"invoiced_target": 200000})
        self.teams["online"].write({"invoiced_target": 40000})

    # --- partners -------------------------------------------------------------
    def cn_phone(self, area, mobile=False):
        if mobile:
            return "+86 1%d%d %04d %04d" % (
                self.rng.choice([3, 5, 8]), self.rng.randint(0, 9),
                self.rng.randint(0, 9999), self.rng.randint(0, 9999))
        digits = 8 if len(area) == 2 else 7
        number = str(self.rng.randint(2, 8)) + "".join(
            str(self.rng.randint(0, 9)) for _ in range(digits - 1))
        return "+86 %s %s %s" % (area, number[:4], number[4:])

    def company_identity(self, industry):
        """Name, address, phone and VAT of a new company, mostly in China."""
        word = self.pick(INDUSTRY_WORDS[industry])
        if self.rng.random() < 0.82:
            city, area, region, code = self.pick(CN_CITIES)
            brand = self.pick(SYLLABLES) + self.pick(SYLLABLES).lower()
            name = "%s %s %s Co., Ltd." % (city, brand, word)
            domain = "%s-%s.com.cn" % (brand.lower(), word.split()[0].lower())
            return {
                "name": name, "city": city, "country": "CN", "region": region,
                "phone": self.cn_phone(area), "vat": uscc(self.rng, code),
                "domain": domain, "lang": "zh_CN",
            }
        ccode, cities, prefix, suffix, vat_prefix, vat_len = self.pick(FOREIGN)
        brand = self.pick(FOREIGN_BRANDS)
        vat = vat_prefix and vat_prefix + "".join(
            str(self.rng.randint(0, 9)) for _ in range(vat_len))
        return {
            "name": "%s %s %s" % (brand, word, suffix), "city": self.pick(cities),
            "country": ccode, "region": self.pick(["east", "south"]),
            "phone": "%s %d %07d" % (prefix, self.rng.randint(20, 99),
                                     self.rng.randint(0, 9999999)),
            "vat": vat or False, "lang": "en_US",
            "domain": "%s-%s.com" % (brand.lower(), word.split()[0].lower()),
        }

    def person_name(self, chinese):
        if chinese:
            return "%s %s" % (self.pick(CN_SURNAMES), self.pick(CN_GIVEN))
        return "%s %s" % (self.pick(EN_FIRST), self.pick(EN_LAST))

    def partner_row(self, parent=None, **values):
        """Column values of a partner, with the stored computed fields that
        Odoo 11 recomputes in quadratic time on a batch (commercial partner)."""
        row = dict.fromkeys(PARTNER_COLUMNS, None)
        row.update(active=True, customer=True, is_company=False, type="contact",
                   company_id=self.company.id, partner_share=True)
        row.update(values)
        row["display_name"] = row["name"]
        row["commercial_partner_country_id"] = row["country_id"]
        if parent:
            row.update(parent_id=parent.id, commercial_partner_id=parent.id,
                       commercial_company_name=parent.name,
                       display_name="%s, %s" % (parent.name, row["name"]))
        elif row["is_company"]:
            row["commercial_company_name"] = row["name"]
        return row

    def create_partners(self):
        industry_names = [i[0] for i in INDUSTRIES]
        industry_weights = [14, 10, 9, 7, 5, 7, 5, 6, 5, 6, 3, 3]
        self.companies, rows = [], []
        for _i in range(N_COMPANIES):
            industry = self.pick(industry_names, industry_weights)
            ident = self.company_identity(industry)
            ident["industry"] = industry
            self.companies.append(ident)
            rows.append(self.partner_row(
                name=ident["name"], is_company=True,
                industry_id=self.industries[industry].id, city=ident["city"],
                country_id=self.countries[ident["country"]].id,
                phone=ident["phone"], vat=ident["vat"],
                website="http://www." + ident["domain"],
                email="info@" + ident["domain"], lang=ident["lang"]))
        companies = bulk_insert(self.env, "res.partner", rows)
        self.set_own_commercial_partner(companies)
        rows = []
        for ident, company in zip(self.companies, companies):
            ident["partner"] = company
            for _c in range(self.rng.choice([1, 1, 2, 2, 3])):
                pname = self.person_name(ident["country"] == "CN")
                rows.append(self.partner_row(
                    company, name=pname, function=self.pick(FUNCTIONS),
                    email="%s@%s" % (pname.lower().replace(" ", "."),
                                     ident["domain"]),
                    mobile=(self.cn_phone("", mobile=True)
                            if ident["country"] == "CN" else None),
                    # contacts share their company's address and VAT
                    phone=ident["phone"], lang=ident["lang"], city=ident["city"],
                    country_id=self.countries[ident["country"]].id,
                    vat=ident["vat"]))
        contacts = bulk_insert(self.env, "res.partner", rows)
        by_parent = {}
        for contact in contacts:
            by_parent.setdefault(contact.parent_id.id, []).append(contact)
        for ident in self.companies:
            ident["contacts"] = by_parent[ident["partner"].id]
        rows = []
        for _i in range(N_INDIVIDUALS):
            city, _area, _region, _code = self.pick(CN_CITIES)
            pname = self.person_name(self.rng.random() < 0.9)
            rows.append(self.partner_row(
                name=pname, city=city, country_id=self.countries["CN"].id,
                mobile=self.cn_phone("", mobile=True), lang="zh_CN",
                email="%s%d@%s" % (pname.lower().replace(" ", ""),
                                   self.rng.randint(1, 999),
                                   self.pick(MAIL_DOMAINS_B2C))))
        individuals = bulk_insert(self.env, "res.partner", rows)
        self.set_own_commercial_partner(individuals)
        self.individuals = list(individuals)

    def set_own_commercial_partner(self, partners):
        self.env.cr.execute("""
            UPDATE res_partner SET commercial_partner_id = id
             WHERE id = ANY(%s)""", [partners.ids])
        partners.invalidate_cache(["commercial_partner_id"])

    # --- leads ----------------------------------------------------------------
    def line_for(self, mode, industry=None):
        lines = [ln for ln in self.lines if ln["mode"] == mode]
        if industry:
            fits = [ln for ln in lines
                    if self.industries[industry] in ln["industries"]]
            lines = fits or lines
        return self.pick(lines)

    def order_lines_for(self, line, mode):
        """(product, qty, price, discount) tuples of a plausible deal."""
        products = line["products"]
        count = self.rng.randint(1, min(3, len(products)))
        chosen = [products[0]] + self.rng.sample(products[1:], count - 1)
        deal = []
        for product, qty, _rule in chosen:
            factor = self.rng.uniform(0.5, 2.5) if mode == "b2b" else 1
            qty = max(1, int(round(qty * factor)))
            discount = self.pick([0, 0, 0, 5, 10]) if mode == "b2b" else 0
            deal.append((product, qty, product.list_price, discount))
        return deal

    def outcome(self, mode, age):
        """'won', 'lost' or 'open' for a lead created age days ago."""
        settled = age > (90 if mode == "b2b" else 21)
        if settled:
            weights = [30, 45, 25] if mode == "b2b" else [40, 45, 15]
        else:
            weights = [8, 12, 80]
        return self.pick(["won", "lost", "open"], weights)

    def plan_lead(self):
        """The whole story of one lead, as plain values (no ORM yet)."""
        rng = self.rng
        age = int(HISTORY_DAYS * rng.random() ** 1.3)
        mode = "b2b" if rng.random() < 0.68 else "b2c"
        created = self.moment(self.today - timedelta(days=age))
        plan = {"mode": mode, "created": created, "outcome": self.outcome(mode, age)}
        if mode == "b2b":
            customer = self.pick(self.companies)
            team = customer["region"]
            plan["line"] = self.line_for("b2b", customer["industry"])
            cycle = rng.randint(20, 150)
        else:
            customer = None
            team = "online"
            plan["line"] = self.line_for("b2c")
            cycle = rng.randint(1, 20)
        plan.update(customer=customer, team=team,
                    user=self.pick(self.team_reps[team]),
                    deal=self.order_lines_for(plan["line"], mode),
                    source=self.pick(self.sources, SOURCE_WEIGHTS[mode]))
        plan["revenue"] = round(sum(q * p * (1 - d / 100.0)
                                    for _p, q, p, d in plan["deal"]), 2)
        closed = created + timedelta(days=cycle, hours=rng.randint(0, 6))
        if closed >= self.now:
            closed = created + (self.now - created) * rng.uniform(0.3, 0.95)
        plan["closed"] = closed
        plan["deadline"] = (created + timedelta(days=cycle)).date()
        plan["type"] = "opportunity"
        if plan["outcome"] == "open" and rng.random() < 0.3:
            plan["type"] = "lead"
            if rng.random() < 0.45:
                plan["user"] = None  # waiting for assignment
        elif plan["outcome"] == "lost" and rng.random() < 0.15:
            plan["type"] = "lead"  # disqualified before becoming an opportunity
        return plan

    def lead_vals(self, plan):
        line = plan["line"]
        vals = {
            "type": plan["type"],
            "team_id": self.teams[plan["team"]].id,
            "user_id": plan["user"].id if plan["user"] else False,
            "source_id": plan["source"].id,
            "planned_revenue": plan["revenue"],
            "date_deadline": fields.Date.to_string(plan["deadline"]),
            "priority": self.pick(["0", "1", "2", "3"], [35, 35, 20, 10]),
            "company_id": self.company.id,
        }
        customer = plan["customer"]
        if customer:
            contact = self.pick(customer["contacts"])
            company = customer["partner"]
            vals.update({
                "name": "%s: %s" % (company.name.split(" Co.,")[0], line["name"]),
                "partner_name": company.name,
                "contact_name": contact.name,
                "email_from": contact.email,
                "phone": self.reformat_phone(contact.phone),
                "mobile": contact.mobile,
                "function": contact.function,
                "city": customer["city"],
                "country_id": company.country_id.id,
            })
            # Only qualified opportunities are linked to the customer record.
            if plan["type"] == "opportunity":
                vals["partner_id"] = contact.id
        else:
            person = self.pick(self.individuals)
            known = self.rng.random() < 0.6
            vals.update({
                "name": "%s: %s" % (person.name, plan["deal"][0][0].name),
                "contact_name": person.name,
                "email_from": person.email,
                "mobile": person.mobile,
                "city": person.city,
                "country_id": person.country_id.id,
                "partner_id": person.id if known else False,
            })
        plan["partner"] = (customer["partner"] if customer else
                           self.env["res.partner"].browse(vals.get("partner_id")))
        return vals

    def reformat_phone(self, phone):
        """The same number as typed by someone else (for dedupe demos)."""
        if not phone or not phone.startswith("+86") or self.rng.random() < 0.6:
            return phone
        _cc, area, *rest = phone.split()
        return "0%s-%s" % (area, "".join(rest))

    def create_leads(self):
        Lead = self.env["crm.lead"]
        self.plans = sorted((self.plan_lead() for _i in range(N_LEADS)),
                            key=lambda p: p["created"])
        # New, Qualified, Proposition, then any stage an addon may have added
        stage_weights = ([35, 35, 30] + [10] * len(self.open_stages))[
            :len(self.open_stages)]
        for plan in self.plans:
            vals = self.lead_vals(plan)
            stage = self.pick(self.open_stages, stage_weights)
            if plan["type"] == "lead":
                stage = self.open_stages[0]
            vals.update(stage_id=stage.id, probability=stage.probability)
            plan["lead"] = Lead.create(vals)
        won = [p for p in self.plans if p["outcome"] == "won"]
        Lead.browse([p["lead"].id for p in won]).action_set_won()
        lost_plans = [p for p in self.plans if p["outcome"] == "lost"]
        for plan in lost_plans:
            plan["reason"] = self.lost_reason_for(plan)
        for name in LOST_REASONS:
            lost = [p["lead"] for p in lost_plans if p["reason"] == name]
            if lost:
                leads = Lead.union(*lost)
                leads.write({"lost_reason": self.lost_reasons[name].id})
                leads.action_set_lost()
        self.backdate_leads()

    def lost_reason_for(self, plan):
        if plan["type"] == "lead":
            return self.pick(["No purchase intent", "No response"])
        weights = [25, 25, 15, 15, 15, 5] if plan["mode"] == "b2b" else \
            [35, 20, 10, 20, 5, 10]
        return self.pick(LOST_REASONS, weights)

    def backdate_leads(self):
        rows = []
        for plan in self.plans:
            created, closed = plan["created"], plan["closed"]
            is_open = plan["outcome"] == "open"
            opened = created + timedelta(hours=self.rng.randint(1, 48))
            if opened > self.now:
                opened = self.now
            assigned = plan["user"] is not None
            stage_update = closed
            if is_open:
                stage_update = created + (self.now - created) * self.rng.uniform(
                    0.2, 1.0)
            rows.append((
                plan["lead"].id, dt(created),
                dt(self.now if is_open else closed),
                dt(opened) if assigned else None,
                (opened - created).days if assigned else None,
                None if is_open else dt(closed),
                None if is_open else (closed - created).days,
                dt(stage_update),
                dt(opened) if plan["type"] == "opportunity" else None,
            ))
        execute_values(self.env.cr, """
            UPDATE crm_lead l SET create_date = v.created::timestamp,
                   write_date = v.written::timestamp,
                   date_open = v.opened::timestamp, day_open = v.day_open,
                   date_closed = v.closed::timestamp, day_close = v.day_close,
                   date_last_stage_update = v.stage_update::timestamp,
                   date_conversion = v.converted::timestamp
              FROM (VALUES %s) AS v(id, created, written, opened, day_open,
                                    closed, day_close, stage_update, converted)
             WHERE l.id = v.id""", rows)
        self.env["crm.lead"].invalidate_cache()

    # --- follow-up history ------------------------------------------------------
    def create_history(self):
        """Notes and logged calls (backdated), planned activities on open
        leads (some overdue), and reps following their leads."""
        messages, activities, followed = [], [], []
        lead_model = self.env["ir.model"]._get("crm.lead")
        for plan in self.plans:
            lead, user = plan["lead"], plan["user"]
            if not user:
                continue
            followed.append((lead.id, user.partner_id.id))
            end = self.now if plan["outcome"] == "open" else plan["closed"]
            span = (end - plan["created"]).total_seconds()
            count = self.rng.randint(0, 2) if plan["mode"] == "b2c" else \
                self.rng.randint(1, 4)
            offsets = sorted(self.rng.uniform(0.05, 1.0) for _i in range(count))
            for offset in offsets:
                when = plan["created"] + timedelta(seconds=span * offset)
                messages.append(self.message_row(plan, when))
            if plan["outcome"] == "open" and self.rng.random() < 0.75:
                activities.append(self.activity_row(plan, lead_model))
        bulk_insert(self.env, "mail.message", messages)
        self.env.cr.execute("""
            UPDATE crm_lead l SET message_last_post = m.posted
              FROM (SELECT res_id, max(date) AS posted FROM mail_message
                     WHERE model = 'crm.lead' AND res_id = ANY(%s)
                     GROUP BY res_id) m
             WHERE l.id = m.res_id""", [[p["lead"].id for p in self.plans]])
        self.add_followers("crm.lead", followed)
        activities = bulk_insert(self.env, "mail.activity", activities)
        # the lead's next activity date is stored: compute it for these leads
        # (their cached activity_ids predate the SQL insert)
        Lead = self.env["crm.lead"]
        Lead.invalidate_cache()
        self.env.add_todo(Lead._fields["activity_date_deadline"],
                          Lead.browse(activities.mapped("res_id")))
        Lead.recompute()
        Lead.invalidate_cache()

    def message_row(self, plan, when):
        lead, user = plan["lead"], plan["user"]
        call = self.rng.random() < 0.5
        return {
            "model": "crm.lead",
            "res_id": lead.id,
            "record_name": lead.name,
            "message_type": "comment",
            "subtype_id": self.note_subtype.id,
            "mail_activity_type_id": self.activity_type("Call").id if call else None,
            "body": "<p>%s</p>" % self.note_text(plan, user.lang == "zh_CN"),
            "author_id": user.partner_id.id,
            "email_from": '"%s" <%s>' % (user.name, user.email),
            "reply_to": user.email,
            "message_id": "<si-demo-%s@example.com>" % uuid.UUID(
                int=self.rng.getrandbits(128)),
            "date": dt(when),
            "create_date": dt(when),
            "write_date": dt(when),
            "create_uid": user.id,
            "write_uid": user.id,
        }

    def activity_row(self, plan, lead_model):
        draw = self.rng.random()
        if draw < 0.3:  # overdue
            deadline = self.today - timedelta(days=self.rng.randint(1, 20))
        elif draw < 0.4:
            deadline = self.today
        else:
            deadline = self.today + timedelta(days=self.rng.randint(1, 21))
        planned = min(self.now, plan["created"] + timedelta(days=1))
        return {
            "res_model_id": lead_model.id,
            "res_id": plan["lead"].id,
            "activity_type_id": self.pick(self.activity_types).id,
            "summary": self.pick(ACTIVITY_SUMMARIES),
            "date_deadline": fields.Date.to_string(deadline),
            "user_id": plan["user"].id,
            "create_uid": plan["user"].id,
            "write_uid": plan["user"].id,
            "create_date": dt(planned),
            "write_date": dt(planned),
        }

    def add_followers(self, model, pairs):
        """(res_id, partner_id) pairs follow with the model's default subtypes,
        as message_subscribe does, without its per-record writes."""
        subtypes = self.env["mail.message.subtype"].search([
            ("default", "=", True),
            "|", ("res_model", "=", model), ("res_model", "=", False)]).ids
        self.env.cr.execute("""
            SELECT res_id, partner_id FROM mail_followers
             WHERE res_model = %s AND partner_id IS NOT NULL""", [model])
        existing = set(self.env.cr.fetchall())
        pairs = [pair for pair in dict.fromkeys(pairs) if pair not in existing]
        rows = execute_values(self.env.cr, """
            INSERT INTO mail_followers (res_model, res_id, partner_id)
            VALUES %s RETURNING id""", [(model,) + pair for pair in pairs],
                              fetch=True)
        execute_values(self.env.cr, """
            INSERT INTO mail_followers_mail_message_subtype_rel
                   (mail_followers_id, mail_message_subtype_id) VALUES %s""",
                       [(row[0], subtype) for row in rows for subtype in subtypes])

    def activity_type(self, name):
        return self.activity_types.filtered(lambda t: t.name == name)[:1] or \
            self.activity_types[:1]

    def note_text(self, plan, chinese):
        customer = plan["customer"]
        lead = plan["lead"]
        values = {
            "contact": lead.contact_name or "the customer",
            "company": customer["partner"].name if customer else lead.contact_name,
            "city": lead.city or "Shanghai",
        }
        return self.pick(NOTES_ZH if chinese else NOTES_EN).format(**values)

    # --- sales and invoices -----------------------------------------------------
    def seasonal_date(self, start, end, boost_before=None):
        """A date in [start, end] following SEASONALITY (x3 before boost_before)."""
        days = (end - start).days
        candidates = [start + timedelta(days=d) for d in range(days + 1)]
        weights = [SEASONALITY[d.month - 1]
                   * (3 if boost_before and d < boost_before else 1)
                   for d in candidates]
        return self.pick(candidates, weights)

    def extra_order_plans(self):
        """Repeat business and shop orders without an opportunity."""
        start = date(self.today.year - 1, 1, 1)
        horizon = self.today - timedelta(days=HISTORY_DAYS - 60)
        plans = []
        for _i in range(N_EXTRA_ORDERS):
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
                "source": self.pick(self.sources, SOURCE_WEIGHTS[mode]),
            })
        return plans

    def create_sale_orders(self):
        """Quotations go in with SQL and the ORM computes their amounts; each
        is then confirmed with action_confirm (one by one: Odoo 11's
        _action_confirm reads self.order_line and fails on several orders)."""
        start = datetime(self.today.year - 1, 1, 1)
        plans = [p for p in self.plans if p["outcome"] == "won"
                 and p["partner"] and p["closed"] >= start]
        plans += self.extra_order_plans()
        plans.sort(key=lambda p: p["closed"])
        Sequence = self.env["ir.sequence"]
        orders = bulk_insert(self.env, "sale.order", [{
            "name": Sequence.next_by_code("sale.order"),
            "state": "draft",
            "partner_id": plan["partner"].commercial_partner_id.id,
            "partner_invoice_id": plan["partner"].commercial_partner_id.id,
            "partner_shipping_id": plan["partner"].commercial_partner_id.id,
            "pricelist_id": self.pricelist.id,
            "date_order": dt(plan["closed"]),
            "validity_date": fields.Date.to_string(plan["closed"] + timedelta(30)),
            "user_id": plan["user"].id,
            "team_id": self.teams[plan["team"]].id,
            "opportunity_id": plan["lead"].id if plan["lead"] else None,
            "source_id": plan["source"].id,
            "company_id": self.company.id,
            "access_token": str(uuid.UUID(int=self.rng.getrandbits(128))),
            "create_date": dt(plan["closed"]),
            "write_date": dt(plan["closed"]),
        } for plan in plans], compute=False)
        deals = [(order.id, plan, line) for order, plan in zip(orders, plans)
                 for line in plan["deal"]]
        rows = [self.quotation_line(order_id, plan, line)
                for order_id, plan, line in deals]
        # amounts are given: the ORM computes them at ~10 ms a line
        lines = bulk_insert(self.env, "sale.order.line", rows, compute=False)
        compute_stored(lines, skip=rows[0])
        execute_values(self.env.cr, """
            INSERT INTO account_tax_sale_order_line_rel
                   (sale_order_line_id, account_tax_id) VALUES %s""",
                       [(line.id, tax.id) for line, (_o, _p, (product, _q, _pr, _d))
                        in zip(lines, deals) for tax in product.taxes_id])
        compute_stored(orders)
        self.env["sale.order"].invalidate_cache()
        for order in orders:
            # a fresh browse keeps the prefetch to one order: much faster
            self.env["sale.order"].browse(order.id).action_confirm()
        execute_values(self.env.cr, """
            UPDATE sale_order s SET confirmation_date = v.day::timestamp,
                   write_date = v.day::timestamp
              FROM (VALUES %s) AS v(id, day) WHERE s.id = v.id""",
                       [(o.id, dt(p["closed"])) for o, p in zip(orders, plans)])
        orders.invalidate_cache()
        self.orders = [(o.id, p["closed"]) for o, p in zip(orders, plans)]

    def quotation_line(self, order_id, plan, deal):
        """Column values of a quotation line, amounts as Odoo computes them."""
        product, qty, price_unit, discount = deal
        currency = self.company.currency_id
        price = price_unit * (1 - discount / 100.0)
        taxes = product.taxes_id.compute_all(
            price, currency, qty, product=product, partner=plan["partner"])
        subtotal, total = taxes["total_excluded"], taxes["total_included"]
        return {
            "order_id": order_id,
            "sequence": 10,
            "name": product.display_name,
            "product_id": product.id,
            "product_uom_qty": qty,
            "product_uom": product.uom_id.id,
            "price_unit": price_unit,
            "discount": discount,
            "customer_lead": 0.0,
            "price_subtotal": currency.round(subtotal),
            "price_total": currency.round(total),
            "price_tax": currency.round(total - subtotal),
            "price_reduce": float_round(price, precision_digits=self.price_digits),
            "price_reduce_taxinc": currency.round(total / qty),
            "price_reduce_taxexcl": currency.round(subtotal / qty),
            # a quotation: nothing to invoice yet (confirmation recomputes)
            "state": "draft",
            "invoice_status": "no",
            "qty_delivered": 0.0,
            "qty_invoiced": 0.0,
            "qty_to_invoice": 0.0,
            "amt_invoiced": 0.0,
            "amt_to_invoice": 0.0,
            "currency_id": currency.id,
            "company_id": self.company.id,
            "order_partner_id": plan["partner"].commercial_partner_id.id,
            "salesman_id": plan["user"].id,
            "create_date": dt(plan["closed"]),
            "write_date": dt(plan["closed"]),
        }

    def create_invoices(self):
        limit = self.now - timedelta(days=14)
        eligible = [(o, d) for o, d in self.orders if d < limit]
        count = min(self.invoice_count, len(eligible))
        chosen = sorted(self.rng.sample(eligible, count), key=lambda od: od[1])
        Invoice = self.env["account.invoice"]
        dates = []
        for order_id, when in chosen:
            day = min(when.date() + timedelta(days=self.rng.randint(0, 10)),
                      self.today - timedelta(days=1))
            order = self.env["sale.order"].browse(order_id).with_context(
                default_date_invoice=fields.Date.to_string(day))
            invoice_ids = order.action_invoice_create(grouped=True)
            dates.append((invoice_ids[0], dt(self.moment(day))))
        # in date order, so that invoice numbers follow the dates
        for invoice_id, _day in dates:
            Invoice.browse(invoice_id).action_invoice_open()
        execute_values(self.env.cr, """
            UPDATE account_invoice i SET create_date = v.day::timestamp,
                   write_date = v.day::timestamp
              FROM (VALUES %s) AS v(id, day) WHERE i.id = v.id""", dates)
        execute_values(self.env.cr, """
            UPDATE mail_message m SET date = v.day::timestamp
              FROM (VALUES %s) AS v(id, day)
             WHERE m.model = 'account.invoice' AND m.res_id = v.id""", dates)
        Invoice.invalidate_cache()
        self.invoices = Invoice.browse([i for i, _d in dates])

    # --- contracts ----------------------------------------------------------------
    def contract_dates(self, index, rule):
        """(start, end, next invoice date): ~15 expire within 90 days, ~15
        have expired, the others run longer or without end."""
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
        Contract = self.env["account.analytic.account"]
        customers = []
        for plan in self.plans:
            if plan["outcome"] == "won" and plan["customer"] and \
                    plan["customer"] not in customers:
                customers.append(plan["customer"])
        others = [c for c in self.companies if c not in customers]
        customers += self.rng.sample(others, max(0, N_CONTRACTS - len(customers)))
        customers = self.rng.sample(customers, N_CONTRACTS)
        self.contracts = Contract
        for index, customer in enumerate(customers):
            line = self.line_for("b2b", customer["industry"])
            subscriptions = [p for p in line["products"] if p[2]]
            product, qty, rule = subscriptions[0]
            start, end, following = self.contract_dates(index, rule)
            users = self.team_reps[customer["region"]]
            lines = [(0, 0, {
                "product_id": prod.id,
                "name": prod.display_name,
                "quantity": max(1, int(q * self.rng.uniform(0.5, 2))),
                "uom_id": prod.uom_id.id,
                "automatic_price": False,
                "specific_price": prod.list_price,
            }) for prod, q, _r in [(product, qty, rule)] + self.rng.sample(
                [p for p in line["products"] if p[0] != product and p[2] is None],
                self.rng.randint(0, 1))]
            self.contracts |= Contract.create({
                "name": "%s - %s" % (customer["partner"].name.split(" Co.,")[0],
                                     line["name"]),
                "code": "CT%s-%03d" % (start.year, index + 1),
                "partner_id": customer["partner"].id,
                "recurring_invoices": True,
                "recurring_rule_type": rule,
                "recurring_interval": 1,
                "date_start": fields.Date.to_string(start),
                "date_end": end and fields.Date.to_string(end),
                "recurring_next_date": fields.Date.to_string(following),
                "user_id": self.pick(users).id,
                "pricelist_id": self.pricelist.id,
                "company_id": self.company.id,
                "recurring_invoice_line_ids": lines,
            })

    # --- report -----------------------------------------------------------------
    def summary(self):
        Lead = self.env["crm.lead"].with_context(active_test=False)
        leads = Lead.search([("id", "in", [p["lead"].id for p in self.plans])])
        counts = [
            ("res.users (reps, managers, finance)", 15),
            ("crm.team", len(self.teams)),
            ("res.partner companies", len(self.companies)),
            ("res.partner contacts",
             sum(len(c["contacts"]) for c in self.companies)),
            ("res.partner individuals", len(self.individuals)),
            ("crm.lead", len(leads)),
            ("  type lead", len(leads.filtered(lambda r: r.type == "lead"))),
            ("  won", len(leads.filtered(lambda r: r.probability == 100))),
            ("  lost", len(leads.filtered(lambda r: not r.active))),
            ("  unassigned", len(leads.filtered(lambda r: not r.user_id))),
            ("mail.activity", self.env["mail.activity"].search_count(
                [("res_model", "=", "crm.lead"), ("res_id", "in", leads.ids)])),
            ("mail.message", self.env["mail.message"].search_count(
                [("model", "=", "crm.lead"), ("res_id", "in", leads.ids)])),
            ("product.product", sum(len(ln["products"]) for ln in self.lines)),
            ("si.product.line", self.env["si.product.line"].search_count([])
             if "si.product.line" in self.env else 0),
            ("sale.order", len(self.orders)),
            ("account.invoice", len(self.invoices)),
            ("contracts", len(self.contracts)),
        ]
        for label, count in counts:
            print("  %-38s %6d" % (label, count))


def feature_demo_modules():
    """The scripts/demo_*.py modules, in the order of their SEQUENCE."""
    here = os.path.dirname(os.path.abspath(__file__))
    modules = [importlib.import_module(os.path.basename(path)[:-3])
               for path in glob.glob(os.path.join(here, "demo_*.py"))]
    return sorted(modules, key=lambda module: (module.SEQUENCE, module.__name__))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--invoices", type=int, default=N_INVOICES,
                        help="sale orders to invoice (about 0.8 s each)")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    start = monotonic()
    with odoo.api.Environment.manage():
        registry = odoo.registry(args.database)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            version = env["ir.config_parameter"].get_param(MARKER)
            if version:
                print("demo data: version %s already in %s"
                      % (version, args.database))
            else:
                generator = DemoDataGenerator(env, args.seed, args.invoices)
                generator.run()
                print("demo data generated in %s:" % args.database)
                generator.summary()
            # Each feature's demo data (scripts/demo_*.py) keeps its own marker,
            # so that databases made before the feature get it on the next update.
            for module in feature_demo_modules():
                module.generate(env(context=dict(CTX)), random.Random(args.seed))
    print("demo data: done in %.1fs" % (monotonic() - start))


if __name__ == "__main__":
    main()
