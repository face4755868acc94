# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The unique keys the business names, enforced by the database: a second
row is refused with one sentence (the one Odoo's RPC layer and web client
show, in the user's language), and the creation paths reuse the row that
exists instead of tripping over the key."""
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.service.model import _as_validation_error
from odoo.tools import mute_logger

from .common import SalesIntelligenceCase


class TestUniqueKeys(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "SI Unique Co", "is_company": True})
        cls.lead = cls._create_lead("SI unique lead")
        cls.other = cls._create_lead("SI other lead")
        team = cls.env["crm.team"].create({"name": "SI unique team"})
        cls.channel = cls.env["si.intake.channel"].create(
            {"name": "SI unique channel", "kind": "api", "code": "si-unique",
             "team_id": team.id})

    def assertRefused(self, create, sentence, lang="en_US"):
        """`create` breaks a unique key: the database refuses it and the user
        reads `sentence`; the transaction goes on without the row."""
        with self.assertRaises(IntegrityError) as caught, \
                mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            create()
            self.env.flush_all()
        error = _as_validation_error(self.env(context={"lang": lang}),
                                     caught.exception)
        self.assertEqual(error.args[0],
                         "The operation cannot be completed: %s" % sentence)

    def _invoice(self):
        account = self.env["account.account"].search([
            ("account_type", "=", "income"),
            ("company_ids", "in", self.env.company.id)], limit=1)
        invoice = self.env["account.move"].create({
            "partner_id": self.customer.id, "move_type": "out_invoice",
            "invoice_date": fields.Date.context_today(self.env.user),
            "invoice_line_ids": [fields.Command.create({
                "name": "Service", "quantity": 1, "price_unit": 100.0,
                "account_id": account.id, "tax_ids": [fields.Command.clear()]})]})
        invoice.action_post()
        return invoice

    def test_one_lead_per_source_invoice(self):
        invoice = self._invoice()
        invoice.with_user(self.finance).action_create_leads()
        lead = invoice.lead_ids
        self.assertEqual(len(lead), 1)
        # the lead is won: making leads from the same invoice again does not
        # make a second lead of it (it did before the key)
        lead.action_set_won()
        self.assertEqual(invoice._make_leads(), lead)
        invoice.with_user(self.finance).action_create_leads()
        self.assertEqual(invoice.lead_ids, lead)
        self.assertEqual(self.env["crm.lead"].with_context(active_test=False)
                         .search_count([("invoice_ids", "in", invoice.ids)]), 1)
        # a newer invoice of the customer still makes its own lead
        newer = self._invoice()
        made = (invoice | newer)._make_leads()
        self.assertEqual(len(made), 2)
        self.assertIn(lead, made)
        self.assertNotEqual(newer.lead_ids, lead)
        # linking it to another lead is refused with one sentence
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            self.other.write({"invoice_ids": [fields.Command.link(invoice.id)]})
        self.assertEqual(caught.exception.args[0],
                         "Invoice %s is already the source of another lead." %
                         invoice.name)
        self.other.invalidate_recordset()
        invoice.invalidate_recordset()
        self.assertFalse(self.other.invoice_ids)
        self.assertEqual(invoice.lead_ids, lead)
        # and the database refuses it too (Odoo's links skip the conflict)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO si_invoice_lead_rel (lead_id, invoice_id) "
                "VALUES (%s, %s)", (self.other.id, invoice.id))

    def test_one_renewal_opportunity_per_contract_term(self):
        contract = self.env["contract.contract"].create(
            {"name": "SI unique contract", "partner_id": self.customer.id})
        values = {"name": "SI renewal", "type": "opportunity",
                  "renewal_contract_id": contract.id,
                  "renewal_date_end": "2030-06-30"}
        first = self.env["crm.lead"].create(values)
        self.assertRefused(lambda: self.env["crm.lead"].create(values),
                           "A contract term has only one renewal opportunity.")
        # the next term has an opportunity of its own
        second = self.env["crm.lead"].create(
            dict(values, renewal_date_end="2031-06-30"))
        self.assertEqual(self.env["crm.lead"].search(
            [("renewal_contract_id", "=", contract.id)]), first | second)

    def test_one_daily_plan_per_rep_and_day(self):
        Plan = self.env["si.daily.plan"]
        Plan.create({"user_id": self.rep.id, "date": "2030-01-02"})
        self.assertRefused(
            lambda: Plan.create({"user_id": self.rep.id, "date": "2030-01-02"}),
            "A rep has one daily plan per day.")
        Plan.create({"user_id": self.rep.id, "date": "2030-01-03"})
        Plan.create({"user_id": self.rep_all.id, "date": "2030-01-02"})
        self.assertEqual(Plan.search_count([("user_id", "=", self.rep.id),
                                            ("date", ">=", "2030-01-01")]), 2)

    def test_one_open_anomaly_per_condition(self):
        Anomaly = self.env["si.anomaly"]
        values = {"anomaly_type": "followup_overdue", "user_id": self.rep.id,
                  "lead_id": self.lead.id, "days": 4}
        first = Anomaly.create(values)
        self.assertRefused(lambda: Anomaly.create(values),
                           "This anomaly is already open for this rep and lead.")
        # without a lead too (a condition of the rep alone)
        rep_only = dict(values, lead_id=False)
        Anomaly.create(rep_only)
        self.assertRefused(lambda: Anomaly.create(rep_only),
                           "This anomaly is already open for this rep and lead.")
        # once closed, the condition may open again
        first.write({"state": "closed"})
        first.flush_recordset()
        again = Anomaly.create(values)
        self.assertEqual(Anomaly.search([("lead_id", "=", self.lead.id)]),
                         first | again)

    def test_one_intake_lead_per_submission_id(self):
        Submission = self.env["si.intake.submission"]
        first = Submission._intake_claim(self.channel, "order-42")
        self.assertTrue(first)
        self.assertFalse(Submission._intake_claim(self.channel, "order-42"))
        self.assertRefused(lambda: Submission.create(
            {"channel_id": self.channel.id, "submission_key": "order-42"}),
            "A submission id is used once per channel.")
        self.assertEqual(Submission.search(
            [("channel_id", "=", self.channel.id)]), first)
