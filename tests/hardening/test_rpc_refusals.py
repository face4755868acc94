"""Refusals over the wire, as a client program sees them: XML-RPC
(/xmlrpc/2/object) and JSON-RPC (/jsonrpc) on the running server. A refused
call answers with the one sentence the user is told (after Odoo's standard
fault code), never a traceback, and leaves the database as it was."""
import json
import xmlrpc.client

from odoo.tests import HttpCase, get_db_name, tagged

PASSWORD = "si-hardening-pw-1"


@tagged("post_install", "-at_install")
class TestRpcRefusals(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.db = get_db_name()
        Users = env["res.users"].with_context(no_reset_password=True)

        def user(login, group):
            return Users.create({
                "name": login, "login": login, "password": PASSWORD,
                "groups_id": [(6, 0, [env.ref(group).id,
                                      env.ref("base.group_user").id])]})

        cls.rep = user("si_rpc_rep", "sales_team.group_sale_salesman")
        cls.manager = user("si_rpc_manager", "sales_team.group_sale_manager")
        env["si.lead.pool"].search([]).write({"active": False})
        cls.pool = env["si.lead.pool"].create({
            "name": "SI RPC Pool", "cooldown_days": 0, "daily_claim_limit": 1})
        cls.leads = env["crm.lead"].create([
            {"name": "SI RPC lead %s" % i, "type": "opportunity"} for i in (1, 2)])
        cls.leads._send_to_pool(cls.pool, "test")

    def _xmlrpc(self, user, model, method, *args, **kwargs):
        proxy = xmlrpc.client.ServerProxy(self.base_url() + "/xmlrpc/2/object")
        return proxy.execute_kw(self.db, user.id, PASSWORD, model, method,
                                list(args), kwargs)

    def _jsonrpc(self, user, model, method, *args):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "object", "method": "execute_kw",
            "args": [self.db, user.id, PASSWORD, model, method, list(args), {}]}}
        response = self.url_open("/jsonrpc", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"})
        return response.json()

    def assertFault(self, call, message):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            call()
        self.assertEqual(caught.exception.faultString, message)
        self.assertNotIn("Traceback", caught.exception.faultString)

    def assertJsonError(self, reply, message, name):
        self.assertNotIn("result", reply)
        self.assertEqual(reply["error"]["data"]["message"], message)
        self.assertEqual(reply["error"]["data"]["name"], name)

    def test_dormant_rule_of_zero_days(self):
        Rule = self.env["si.dormant.rule"]
        before = Rule.search_count([])
        message = 'The number of days of rule "SI zero" must be at least one.'
        values = {"name": "SI zero", "rule_type": "no_followup", "days": 0}
        self.assertFault(lambda: self._xmlrpc(self.manager, "si.dormant.rule",
                                              "create", values), message)
        self.assertJsonError(
            self._jsonrpc(self.manager, "si.dormant.rule", "create", values),
            message, "odoo.exceptions.ValidationError")
        self.assertEqual(Rule.search_count([]), before)

    def test_negative_pool_limit(self):
        message = ('The limits and days of the pool "SI RPC Pool" cannot be '
                   'negative.')
        before = self.pool.hold_limit
        self.assertFault(lambda: self._xmlrpc(
            self.manager, "si.lead.pool", "write", self.pool.ids,
            {"hold_limit": -5}), message)
        self.pool.invalidate_recordset()
        self.assertEqual(self.pool.hold_limit, before)

    def test_rep_claims_over_the_daily_limit(self):
        message = ('You may claim 1 leads per day from the pool "SI RPC Pool"; you '
                   'claimed 0 today and asked for 2 more. Nothing was claimed.')
        self.assertFault(lambda: self._xmlrpc(
            self.rep, "crm.lead", "action_pool_claim", self.leads.ids), message)
        self.assertJsonError(
            self._jsonrpc(self.rep, "crm.lead", "action_pool_claim", self.leads.ids),
            message, "odoo.exceptions.UserError")
        self.leads.invalidate_recordset()
        self.assertFalse(self.leads.user_id)
        self.assertEqual(self.leads.pool_id, self.pool)

    def test_rep_edits_a_pool(self):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._xmlrpc(self.rep, "si.lead.pool", "write", self.pool.ids,
                         {"daily_claim_limit": 99})
        self.assertEqual(caught.exception.faultCode, 4)  # access error
        self.assertNotIn("Traceback", caught.exception.faultString)
        self.pool.invalidate_recordset()
        self.assertEqual(self.pool.daily_claim_limit, 1)

    def test_negative_target(self):
        Plan = self.env["si.target.plan"]
        before = Plan.search_count([])
        values = {"name": "SI negative", "year": 2031, "amount_total": -1000.0}
        message = "The target of a plan must be a positive amount (-1000.0)."
        self.assertFault(lambda: self._xmlrpc(self.manager, "si.target.plan",
                                              "create", values), message)
        self.assertJsonError(
            self._jsonrpc(self.manager, "si.target.plan", "create", values),
            message, "odoo.exceptions.ValidationError")
        self.assertEqual(Plan.search_count([]), before)

    def test_weights_not_adding_up(self):
        rule = self.env["si.evaluation.rule"].search(
            [("company_id", "=", self.env.company.id)], limit=1)
        self.assertTrue(rule.line_ids)
        line = rule.line_ids[0]
        weight = line.weight
        message = ("The weights of the evaluation factors must add up to 100 "
                   "(now %s)." % round(sum(rule.line_ids.mapped("weight")) + 7.5, 2))
        self.assertFault(lambda: self._xmlrpc(
            self.manager, "si.evaluation.rule", "write", rule.ids,
            {"line_ids": [(1, line.id, {"weight": weight + 7.5})]}), message)
        line.invalidate_recordset()
        self.assertEqual(line.weight, weight)

    def test_one_evaluation_rule_per_company(self):
        Rule = self.env["si.evaluation.rule"]
        before = Rule.search_count([])
        self.assertFault(lambda: self._xmlrpc(
            self.manager, "si.evaluation.rule", "create", {"name": "SI second"}),
            "The operation cannot be completed: A company has one rep evaluation "
            "rule.")
        self.assertEqual(Rule.search_count([]), before)

    def test_wrong_type(self):
        """A value of the wrong type is refused by Odoo itself before any
        product code runs: over XML-RPC Odoo 18 answers an unexpected error
        (fault code 1) with its traceback; over JSON-RPC the message is the
        one line of the error, the traceback being in `debug`."""
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._xmlrpc(self.manager, "si.lead.pool", "write", self.pool.ids,
                         {"daily_claim_limit": "many"})
        self.assertEqual(caught.exception.faultCode, 1)
        self.assertTrue(caught.exception.faultString.rstrip().endswith(
            "ValueError: invalid literal for int() with base 10: 'many'"))
        reply = self._jsonrpc(self.manager, "si.lead.pool", "write", self.pool.ids,
                              {"daily_claim_limit": "many"})
        self.assertEqual(reply["error"]["data"]["message"],
                         "invalid literal for int() with base 10: 'many'")
        self.pool.invalidate_recordset()
        self.assertEqual(self.pool.daily_claim_limit, 1)
