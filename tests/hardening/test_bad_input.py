"""Bad input on the records reps and managers edit, table-driven: text in any
script, right-to-left, emoji and SQL-looking strings is stored and read back
unchanged; a 100,000-character name is refused with one sentence where names
show in lists (a lead's name is Odoo's and kept whole); negative, absurd and
out-of-order values are refused with one sentence; nothing is half-written.
Over XML-RPC and JSON-RPC the same sentence reaches the client."""
import json
import xmlrpc.client

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, TransactionCase, get_db_name, tagged

LIMIT = 256
TEXTS = [
    "华东区重点客户线索池",
    "مجموعة العملاء المحتملين — الرياض",
    "בדיקה ABC 123 (עברית)",
    "\u202eloop\u202c mixed RTL override",
    "🚀 Pool 🇨🇳 2026 👩🏽‍💼",
    "Cafe\u0301 Zoë Ångström ß",
    "'; DROP TABLE crm_lead; --",
    "Robert'); DELETE FROM si_lead_pool WHERE ('1'='1",
    "%s %(name)s {0} \\x00 \\' \" ` $1",
    "<b>not html</b> & amp;",
    "  leading and trailing spaces  ",
    "x" * LIMIT,
]
PASSWORD = "si-bad-input-pw-1"


def _records(env):
    """(model, one record of it, its description) for the models with a name
    a manager writes, made by the test."""
    team = env["crm.team"].create({"name": "SI bad input team"})
    pool = env["si.lead.pool"].create({"name": "SI bad input pool"})
    dimension = env["si.tag.dimension"].create({"name": "SI bad input dimension"})
    rows = [
        pool,
        env["si.pool.rule"].create({"name": "SI rule", "pool_id": pool.id,
                                    "days": 30}),
        env["si.dormant.rule"].create({"name": "SI dormant", "days": 30,
                                       "rule_type": "no_followup"}),
        env["si.target.plan"].create({"name": "SI plan", "year": 2044,
                                      "amount_total": 1000.0}),
        env["si.intake.channel"].create({"name": "SI channel", "kind": "api",
                                         "code": "si-bad-input",
                                         "team_id": team.id}),
        env["si.rep.grade"].create({"name": "SI grade", "code": "SIBAD",
                                    "weight": 1.0}),
        env["si.kb.article"].create({"name": "SI article"}),
        env["si.product.line"].create({"name": "SI line"}),
        env["si.expense.category"].create({"name": "SI category"}),
        env["si.won.factor"].create({"name": "SI factor"}),
        dimension,
        env["si.tag"].create({"name": "SI tag", "dimension_id": dimension.id}),
        env["si.kb.tag"].create({"name": "SI kb tag"}),
        env["si.evaluation.rule"].search(
            [("company_id", "=", env.company.id)], limit=1),
    ]
    return [(record._name, record) for record in rows]


@tagged("post_install", "-at_install")
class TestBadInput(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.records = _records(cls.env)

    def assertRefused(self, call, sentence, exception=ValidationError):
        with self.assertRaises(exception) as caught, self.env.cr.savepoint():
            call()
            self.env.flush_all()
        self.assertEqual(caught.exception.args[0], sentence)

    def test_texts_round_trip(self):
        for model, record in self.records:
            for text in TEXTS:
                with self.subTest(model=model, text=text[:20]):
                    record.write({"name": text})
                    self.env.flush_all()
                    record.invalidate_recordset()
                    self.assertEqual(record.name, text)
                    # and finds it back by that text, literally
                    # (a backslash is LIKE's escape character in Odoo's
                    # searches: such a text is not searched for)
                    if "\\" not in text:
                        found = self.env[model].name_search(text[:60], limit=None)
                        self.assertIn(record.id, [row[0] for row in found])
        # SQL-looking strings did nothing
        self.assertTrue(self.env["crm.lead"].search_count([]))
        self.assertTrue(self.env["si.lead.pool"].search_count([]))

    def test_lead_texts_round_trip_whole(self):
        """A lead's name is Odoo's: any text and any length is kept."""
        lead = self.env["crm.lead"].create({"name": "SI lead"})
        for text in TEXTS + ["長" * 100000]:
            lead.write({"name": text, "description": text})
            self.env.flush_all()
            lead.invalidate_recordset()
            self.assertEqual(lead.name, text)

    def test_long_names_refused(self):
        name = "名" * 100000
        for model, record in self.records:
            with self.subTest(model=model):
                kind = self.env["ir.model"]._get(model).name
                sentence = ("A name of a %s has at most 256 characters; this one "
                            "has 100000." % kind)
                before = record.name
                count = self.env[model].search_count([])
                self.assertRefused(lambda: record.write({"name": name}), sentence)
                record.invalidate_recordset()
                self.assertEqual(record.name, before)
                values = dict(record.copy_data()[0], name=name)
                if "code" in values:
                    values["code"] = "si-long"
                self.assertRefused(lambda: self.env[model].create(values), sentence)
                self.assertEqual(self.env[model].search_count([]), count)
        # one character more than the limit is refused, the limit is not
        pool = self.records[0][1]
        self.assertRefused(lambda: pool.write({"name": "x" * (LIMIT + 1)}),
                           "A name of a Lead Pool has at most 256 characters; "
                           "this one has 257.")

    def test_negative_and_absurd_numbers(self):
        records = dict(self.records)
        pool, rule = records["si.lead.pool"], records["si.pool.rule"]
        dormant, grade = records["si.dormant.rule"], records["si.rep.grade"]
        channel, plan = records["si.intake.channel"], records["si.target.plan"]
        pool.name, rule.name, dormant.name, grade.name = "P", "R", "D", "G"
        line = records["si.evaluation.rule"].line_ids[:1]
        category = records["si.expense.category"]
        product = self.env["product.template"].create(
            {"name": "SI floor", "list_price": 100.0})
        rep = self.env["si.rep"].create({"user_id": self.env["res.users"].create(
            {"name": "SI rep", "login": "si_bad_input_rep"}).id})
        table = [
            (pool, {"hold_limit": -1},
             'The limits and days of the pool "P" cannot be negative.'),
            (pool, {"cooldown_days": 10 ** 6},
             'The days of the pool "P" cannot exceed 36500.'),
            (pool, {"reassign_after_days": 36501},
             'The days of the pool "P" cannot exceed 36500.'),
            (rule, {"days": 0}, 'The rule "R" needs at least one day.'),
            (rule, {"days": 2 * 10 ** 9},
             'The days of the rule "R" cannot exceed 36500.'),
            (rule, {"warn_days": 40},
             'The warning of the rule "R" must come between 0 and 30 days before '
             'the recycling.'),
            (dormant, {"days": -3},
             'The number of days of rule "D" must be at least one.'),
            (dormant, {"days": 999999999},
             'The number of days of rule "D" cannot exceed 36500.'),
            (grade, {"weight": -2.0}, 'The weight of the grade "G" must be positive.'),
            (channel, {"rate_limit_token": -1},
             "Rate limits are zero (no limit) or positive."),
            (plan, {"amount_total": -1e12},
             "The target of a plan must be a positive amount (-1000000000000.0)."),
            (product, {"floor_price": -0.01},
             "The floor price of SI floor cannot be negative."),
            (rep, {"max_daily_claims": -5},
             "Capacity, daily claims and experience of SI rep cannot be negative."),
            (line, {"weight": -10.0},
             "The weights of the evaluation factors cannot be negative."),
            (line, {"threshold": 1e9},
             "The weak threshold of an evaluation factor is a sub-score between 0 "
             "and 100."),
        ]
        budget_plan = plan
        budget = self.env["si.target.plan.budget"].create(
            {"plan_id": budget_plan.id, "category_id": category.id, "amount": 10.0})
        for record, values, sentence in table:
            with self.subTest(model=record._name, values=values):
                before = record.read(list(values))[0]
                self.assertRefused(lambda: record.write(values), sentence)
                record.invalidate_recordset()
                self.assertEqual(record.read(list(values))[0], before)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            budget.write({"amount": -1.0})
            self.env.flush_all()
        budget.invalidate_recordset()
        self.assertEqual(budget.amount, 10.0)
        # a hundred years is the most a rule waits, and the job computes with it
        rule.write({"days": 36500, "warn_days": 36499})
        dormant.write({"days": 36500})
        self.env["si.lead.pool"]._cron_recycle_leads()
        self.env["si.dormant.rule"]._cron_detect_dormant()

    def test_dates_in_wrong_order(self):
        Wizard = self.env["si.rep.evaluation.wizard"]
        count = Wizard.search_count([])
        self.assertRefused(
            lambda: Wizard.create({"date_from": "2026-06-30", "date_to": "2026-04-01"}),
            "The end of the evaluation period must come after its start.")
        self.assertEqual(Wizard.search_count([]), count)
        Evaluation = self.env["si.rep.evaluation"]
        self.assertRefused(
            lambda: Evaluation._ensure_period(False, "2026-04-01"),
            "The end of the evaluation period must come after its start.")


@tagged("post_install", "-at_install")
class TestBadInputRpc(HttpCase):
    """The same refusals as a client program gets them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db = get_db_name()
        cls.manager = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "SI bad input manager", "login": "si_bad_input_manager",
            "password": PASSWORD,
            "groups_id": [(6, 0, [cls.env.ref("sales_team.group_sale_manager").id,
                                  cls.env.ref("base.group_user").id])]})
        cls.pool = cls.env["si.lead.pool"].create({"name": "SI RPC bad input"})

    def _xmlrpc(self, model, method, *args):
        proxy = xmlrpc.client.ServerProxy(self.base_url() + "/xmlrpc/2/object")
        return proxy.execute_kw(self.db, self.manager.id, PASSWORD, model, method,
                                list(args), {})

    def _jsonrpc(self, model, method, *args):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "object", "method": "execute_kw",
            "args": [self.db, self.manager.id, PASSWORD, model, method,
                     list(args), {}]}}
        return self.url_open("/jsonrpc", data=json.dumps(payload),
                             headers={"Content-Type": "application/json"}).json()

    def test_long_name_refused_over_rpc(self):
        sentence = ("A name of a Lead Pool has at most 256 characters; this one "
                    "has 100000.")
        name = "ي" * 100000
        count = self.env["si.lead.pool"].search_count([])
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._xmlrpc("si.lead.pool", "create", {"name": name})
        self.assertEqual(caught.exception.faultString, sentence)
        reply = self._jsonrpc("si.lead.pool", "write", self.pool.ids, {"name": name})
        self.assertNotIn("result", reply)
        self.assertEqual(reply["error"]["data"]["message"], sentence)
        self.assertEqual(reply["error"]["data"]["name"],
                         "odoo.exceptions.ValidationError")
        self.assertEqual(self.env["si.lead.pool"].search_count([]), count)
        self.pool.invalidate_recordset()
        self.assertEqual(self.pool.name, "SI RPC bad input")

    def test_texts_round_trip_over_rpc(self):
        for text in TEXTS:
            self._xmlrpc("si.lead.pool", "write", self.pool.ids, {"name": text})
            self.assertEqual(self._xmlrpc("si.lead.pool", "read", self.pool.ids,
                                          ["name"])[0]["name"], text)
            reply = self._jsonrpc("si.lead.pool", "read", self.pool.ids, ["name"])
            self.assertEqual(reply["result"][0]["name"], text)

    def test_dates_in_wrong_order_over_rpc(self):
        sentence = "The end of the evaluation period must come after its start."
        values = {"date_from": "2026-06-30", "date_to": "2026-04-01"}
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._xmlrpc("si.rep.evaluation.wizard", "create", values)
        self.assertEqual(caught.exception.faultString, sentence)
        reply = self._jsonrpc("si.rep.evaluation.wizard", "create", values)
        self.assertEqual(reply["error"]["data"]["message"], sentence)

    def test_absurd_days_over_rpc(self):
        sentence = 'The days of the pool "SI RPC bad input" cannot exceed 36500.'
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._xmlrpc("si.lead.pool", "write", self.pool.ids,
                         {"cooldown_days": 10 ** 8})
        self.assertEqual(caught.exception.faultString, sentence)
        self.pool.invalidate_recordset()
        self.assertEqual(self.pool.cooldown_days, 7)
