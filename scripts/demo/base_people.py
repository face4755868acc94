"""Base demo data, first part: languages, reference records, products, users,
sales teams with their members, companies, contacts and individuals."""
import logging

from . import reference as ref

_logger = logging.getLogger(__name__)


def uscc(rng, region):
    """A Chinese unified social credit code with a valid check character."""
    chars, weights = ref.USCC_CHARS, ref.USCC_WEIGHTS
    body = "91" + region + "".join(rng.choice(chars[:-1]) for _ in range(9))
    total = sum(chars.index(c) * w for c, w in zip(body, weights))
    return body + chars[(31 - total % 31) % 31]


def ensure_product_lines(env):
    """Create the demo's product lines (si.product.line of the knowledge
    base) that are missing, from the demo products (found by their codes).
    Called by the base data, and by the knowledge-base demo when the
    knowledge base was installed after the base data were made."""
    Line, Product = env["si.product.line"], env["product.product"]
    existing = set(Line.with_context(active_test=False).search(
        [("code", "in", [line[0] for line in ref.PRODUCT_LINES])]).mapped("code"))
    vals_list = []
    for index, (code, name, _mode, industries, value, _products) in enumerate(
            ref.PRODUCT_LINES):
        if code in existing:
            continue
        products = Product.search([("default_code", "=like", code + "-%")],
                                  order="default_code")
        vals_list.append({
            "name": name,
            "code": code,
            "sequence": 10 * (index + 1),
            "value_proposition": "<p>%s</p>" % value,
            "product_ids": [(6, 0, products.ids)],
            "industry_ids": [(6, 0, env["res.partner.industry"].search(
                [("name", "in", [alias for name, aliases in ref.INDUSTRIES
                                 if name in industries for alias in aliases]
                  + industries)]).ids)],
        })
    return Line.create(vals_list)


class PeopleSteps:
    """Steps of BaseDemo (see base.py) that make the people of the demo."""

    # --- reference data -------------------------------------------------------
    def create_languages(self):
        """English stays the language of the database (Odoo's own tests expect
        en_US users); Chinese is used only where a demo user asks for it."""
        Lang = self.env["res.lang"].with_context(active_test=False)
        Lang.search([("code", "=", "en_US")]).write({"active": True})
        self.zh_active = bool(Lang.search([("code", "=", "zh_CN"),
                                           ("active", "=", True)]))
        if not self.zh_active:
            _logger.info("zh_CN is not installed: the Chinese demo users get en_US")
        if self.env["ir.default"]._get("res.partner", "lang") != "en_US":
            self.env["ir.default"].set("res.partner", "lang", "en_US")
        admin = self.env.ref("base.user_admin")
        if admin.lang != "en_US":
            admin.lang = "en_US"

    def lang(self, code):
        return code if code == "en_US" or self.zh_active else "en_US"

    def create_reference_data(self):
        Industry = self.env["res.partner.industry"]
        self.industries = {}
        for name, aliases in ref.INDUSTRIES:
            self.industries[name] = (
                Industry.search([("name", "in", aliases)], limit=1)
                or Industry.create({"name": name, "full_name": name}))
        self.sources = [self.get_or_create("utm.source", [("name", "=", n)],
                                           {"name": n}) for n in ref.SOURCES]
        self.lost_reasons = {n: self.get_or_create(
            "crm.lost.reason", [("name", "=", n)], {"name": n})
            for n in ref.LOST_REASONS}
        stages = self.env["crm.stage"].search([("team_id", "=", False)])
        self.won_stage = stages.filtered("is_won")[:1]
        self.open_stages = stages.filtered(lambda s: not s.is_won)
        self.countries = {c.code: c for c in self.env["res.country"].search(
            [("code", "in", ["CN"] + [f[0] for f in ref.FOREIGN])])}
        self.activity_types = self.env["mail.activity.type"].search([
            ("res_model", "in", [False, "crm.lead"]),
            ("category", "in", ["default", "phonecall"])])
        self.note_subtype = self.env.ref("mail.mt_note")

    def create_products(self):
        categ = self.env.ref("product.product_category_all")
        vals_list = []
        for code, _name, _mode, _industries, _value, products in ref.PRODUCT_LINES:
            for index, (pname, ptype, price, _rule, _qty) in enumerate(products):
                vals_list.append({
                    "name": pname,
                    "type": ptype,
                    "list_price": price,
                    "standard_price": round(price * 0.55, 2),
                    "default_code": "%s-%02d" % (code, index + 1),
                    "categ_id": categ.id,
                    "invoice_policy": "order",
                    "sale_ok": True,
                    "description_sale": pname,
                })
        records = iter(self.env["product.product"].create(vals_list))
        self.lines = []
        for code, name, mode, industries, value, products in ref.PRODUCT_LINES:
            self.lines.append({
                "code": code, "name": name, "mode": mode, "value": value,
                "products": [(next(records), qty, rule)
                             for _n, _t, _p, rule, qty in products],
                "industries": [self.industries[i] for i in industries],
            })
        self.create_product_lines()

    def create_product_lines(self):
        """The product lines of the knowledge base, when it is installed."""
        if "si.product.line" not in self.env:
            _logger.info("si.product.line not installed: no product lines")
            return
        ensure_product_lines(self.env)

    # --- users and teams ------------------------------------------------------
    def user_vals(self, login, name, lang, kind):
        groups, _password = ref.USER_GROUPS[kind]
        return {
            "name": name,
            "login": login,
            "email": "%s@example.com" % login,
            "lang": self.lang(lang),
            "tz": "Asia/Shanghai",
            "company_id": self.company.id,
            "company_ids": [(6, 0, [self.company.id])],
            "groups_id": [(6, 0, [self.env.ref(g).id for g in groups])],
        }

    def create_users_and_teams(self):
        specs = ([(login, name, lang, "manager") for login, name, lang in ref.MANAGERS]
                 + [ref.FINANCE + ("finance",)]
                 + [(login, name, lang, "rep") for login, name, lang, _t in ref.REPS])
        Users = self.env["res.users"].with_context(active_test=False)
        existing = {u.login: u for u in Users.search(
            [("login", "in", [s[0] for s in specs])])}
        self.users = {}
        new = []
        for spec in specs:
            vals = self.user_vals(*spec)
            if spec[0] in existing:
                existing[spec[0]].write(vals)
                self.users[spec[0]] = existing[spec[0]]
            else:
                new.append(vals)
        for user in Users.create(new):
            self.users[user.login] = user
        # one hash per password (hashing is slow by design), stored as Odoo does
        hashes = {}
        crypt = Users._crypt_context()
        for login, _name, _lang, kind in specs:
            password = ref.USER_GROUPS[kind][1]
            hashes.setdefault(password, crypt.hash(password))
            Users._set_encrypted_password(self.users[login].id, hashes[password])
        self.teams = {}
        Team = self.env["crm.team"]
        for key, name, mode, leader in ref.TEAMS:
            vals = {
                "name": name,
                "use_leads": True,
                "use_opportunities": True,
                "user_id": self.users[leader].id,
                "company_id": self.company.id,
            }
            if "sales_mode" in Team._fields:
                vals["sales_mode"] = mode
            team = Team.search([("name", "=", name)], limit=1)
            if team:
                team.write(vals)
            else:
                team = Team.create(vals)
            self.teams[key] = team
        # members: the reps of each team, and each manager in the first team
        # they lead (one team per user, as Odoo's default membership rule)
        members = {login: team for login, _n, _l, team in ref.REPS}
        for key, _name, _mode, leader in ref.TEAMS:
            members.setdefault(leader, key)
        Member = self.env["crm.team.member"]
        current = {(m.user_id.id, m.crm_team_id.id) for m in Member.search(
            [("user_id", "in", [self.users[login].id for login in members])])}
        Member.create([
            {"user_id": self.users[login].id, "crm_team_id": self.teams[key].id}
            for login, key in members.items()
            if (self.users[login].id, self.teams[key].id) not in current])
        self.team_reps = {key: [self.users[login] for login, _n, _l, team in ref.REPS
                                if team == key] for key in self.teams}
        self.teams["east"].invoiced_target = 250000
        self.teams["south"].invoiced_target = 200000
        self.teams["online"].invoiced_target = 40000

    # --- partners ---------------------------------------------------------------
    def unique_name(self, make):
        """A partner name not used yet: partners' names are unique in the demo
        (sorting by name must give one order, as Odoo's tests expect)."""
        for _attempt in range(1000):
            name = make()
            if name not in self.partner_names:
                self.partner_names.add(name)
                return name
        raise ValueError("no unique partner name left")

    def cn_phone(self, area, mobile=False):
        rng = self.rng
        if mobile:
            return "+86 1%d%d %04d %04d" % (
                rng.choice([3, 5, 8]), rng.randint(0, 9),
                rng.randint(0, 9999), rng.randint(0, 9999))
        digits = 8 if len(area) == 2 else 7
        number = str(rng.randint(2, 8)) + "".join(
            str(rng.randint(0, 9)) for _ in range(digits - 1))
        return "+86 %s %s %s" % (area, number[:4], number[4:])

    def company_identity(self, industry):
        """Name, address, phone and VAT of a new company, mostly in China."""
        rng = self.rng
        word = self.pick(ref.INDUSTRY_WORDS[industry])
        if rng.random() < 0.82:
            city, area, region, code = self.pick(ref.CN_CITIES)
            brand = [None]

            def make():
                brand[0] = self.pick(ref.SYLLABLES) + self.pick(ref.SYLLABLES).lower()
                return "%s %s %s Co., Ltd." % (city, brand[0], word)
            name = self.unique_name(make)
            return {
                "name": name, "city": city, "country": "CN", "region": region,
                "phone": self.cn_phone(area), "vat": uscc(rng, code),
                "domain": "%s-%s.com.cn" % (brand[0].lower(),
                                            word.split()[0].lower()),
                "lang": self.lang("zh_CN"),
            }
        ccode, cities, prefix, suffix, vat_prefix, vat_len = self.pick(ref.FOREIGN)
        city = self.pick(cities)
        brand = [None]

        def make():
            brand[0] = self.pick(ref.FOREIGN_BRANDS)
            name = "%s %s %s" % (brand[0], word, suffix)
            if name in self.partner_names:
                name = "%s %s %s %s" % (brand[0], city, word, suffix)
            return name
        name = self.unique_name(make)
        vat = vat_prefix and vat_prefix + "".join(
            str(rng.randint(0, 9)) for _ in range(vat_len))
        return {
            "name": name, "city": city,
            "country": ccode, "region": self.pick(["east", "south"]),
            "phone": "%s %d %07d" % (prefix, rng.randint(20, 99),
                                     rng.randint(0, 9999999)),
            "vat": vat or False, "lang": "en_US",
            "domain": "%s-%s.com" % (brand[0].lower(), word.split()[0].lower()),
        }

    def person_name(self, chinese):
        if chinese:
            return self.unique_name(lambda: "%s %s" % (
                self.pick(ref.CN_SURNAMES),
                self.pick(ref.CN_GIVEN) if self.rng.random() < 0.3 else
                self.pick(ref.CN_GIVEN) + self.pick(ref.CN_GIVEN_2)))
        return self.unique_name(lambda: "%s %s" % (self.pick(ref.EN_FIRST),
                                                   self.pick(ref.EN_LAST)))

    def create_partners(self):
        self.env.cr.execute("SELECT name FROM res_partner WHERE name IS NOT NULL")
        self.partner_names = {row[0] for row in self.env.cr.fetchall()}
        industry_names = [i[0] for i in ref.INDUSTRIES]
        industry_weights = [14, 10, 9, 7, 5, 7, 5, 6, 5, 6, 3, 3]
        Partner = self.env["res.partner"]
        self.companies, vals_list = [], []
        for _i in range(ref.N_COMPANIES):
            industry = self.pick(industry_names, industry_weights)
            ident = self.company_identity(industry)
            ident["industry"] = industry
            self.companies.append(ident)
            vals_list.append({
                "name": ident["name"], "is_company": True, "customer_rank": 1,
                "industry_id": self.industries[industry].id, "city": ident["city"],
                "country_id": self.countries[ident["country"]].id,
                "phone": ident["phone"], "vat": ident["vat"],
                "website": "http://www." + ident["domain"],
                "email": "info@" + ident["domain"], "lang": ident["lang"],
            })
        companies = Partner.create(vals_list)
        vals_list, owners = [], []
        for ident, company in zip(self.companies, companies):
            ident["partner"] = company
            for _c in range(self.rng.choice([1, 2, 2, 2, 3])):
                pname = self.person_name(ident["country"] == "CN")
                owners.append(ident)
                vals_list.append({
                    "name": pname, "parent_id": company.id, "type": "contact",
                    "function": self.pick(ref.FUNCTIONS),
                    "email": "%s@%s" % (pname.lower().replace(" ", "."),
                                        ident["domain"]),
                    "mobile": (self.cn_phone("", mobile=True)
                               if ident["country"] == "CN" else False),
                    "phone": ident["phone"], "lang": ident["lang"],
                    "city": ident["city"],
                    "country_id": self.countries[ident["country"]].id,
                })
        for ident in self.companies:
            ident["contacts"] = []
        for ident, contact in zip(owners, Partner.create(vals_list)):
            ident["contacts"].append(contact)
        vals_list = []
        for _i in range(ref.N_INDIVIDUALS):
            city, _area, _region, _code = self.pick(ref.CN_CITIES)
            pname = self.person_name(self.rng.random() < 0.9)
            vals_list.append({
                "name": pname, "customer_rank": 1, "city": city,
                "country_id": self.countries["CN"].id,
                "mobile": self.cn_phone("", mobile=True), "lang": self.lang("zh_CN"),
                "email": "%s%d@%s" % (pname.lower().replace(" ", ""),
                                      self.rng.randint(1, 999),
                                      self.pick(ref.MAIL_DOMAINS_B2C)),
            })
        self.individuals = list(Partner.create(vals_list))
