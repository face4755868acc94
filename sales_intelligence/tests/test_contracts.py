# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import tempfile
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import config

from .common import SalesIntelligenceCase


def _day(offset):
    return fields.Date.to_string(date.today() + timedelta(days=offset))


class ContractCase(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep2 = cls._create_user("si_rep2", ["sales_team.group_sale_salesman"])
        cls.manager2 = cls._create_user("si_manager2",
                                        ["sales_team.group_sale_manager"])
        cls.team = cls.env["crm.team"].create({
            "name": "Key Accounts", "user_id": cls.manager.id,
            "renewal_notice_days": 60})
        cls.team2 = cls.env["crm.team"].create({
            "name": "Channel", "user_id": cls.manager2.id})
        (cls.rep | cls.rep2).write({"sale_team_id": cls.team.id})
        cls.customer = cls.env["res.partner"].create({
            "name": "Contracted Co", "is_company": True, "user_id": cls.rep.id,
            "email": "buyer@contracted.example.com"})
        cls.customer2 = cls.env["res.partner"].create({
            "name": "Other Co", "is_company": True, "user_id": cls.rep2.id})
        cls.cost_saved = cls.env.ref("sales_intelligence.si_fulfilment_type_cost_saved")
        cls.tickets = cls.env.ref("sales_intelligence.si_fulfilment_type_ticket")
        cls.lost_reason = cls.env["crm.lost.reason"].create({"name": "Budget cut"})

    @classmethod
    def _contract(cls, name, partner=None, end=300, start=-300, team=None, **values):
        partner = partner or cls.customer
        return cls.env["account.analytic.account"].create(dict({
            "name": name,
            "partner_id": partner.id,
            "recurring_invoices": True,
            "date_start": _day(start),
            "recurring_next_date": _day(max(start, 0)),
            "date_end": _day(end) if end is not None else False,
            "user_id": partner.user_id.id,
            "team_id": (team or cls.team).id,
        }, **values))


class TestFulfilment(ContractCase):

    def test_lines_value_and_bad_input(self):
        contract = self._contract("Support")
        Line = self.env["si.fulfilment.line"]
        Line.create({"contract_id": contract.id, "type_id": self.cost_saved.id,
                     "value_amount": 1200.0})
        Line.create({"contract_id": contract.id, "type_id": self.tickets.id,
                     "quantity": 14, "value_amount": 300.0})
        self.assertEqual(contract.value_delivered, 1500.0)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Line.create({"contract_id": contract.id, "type_id": self.cost_saved.id,
                         "value_amount": -5.0})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Line.create({"contract_id": contract.id, "type_id": self.tickets.id,
                         "quantity": -1})
        contract.invalidate_cache()
        self.assertEqual(len(contract.fulfilment_line_ids), 2)
        self.assertEqual(contract.value_delivered, 1500.0)

    def test_end_before_start_is_refused(self):
        with self.assertRaises(ValidationError):
            self._contract("Backwards", start=0, end=-10)
        with self.assertRaises(ValidationError):
            self.team.renewal_notice_days = -1

    def _send_reports(self):
        """Run the job with real PDF rendering (Odoo renders HTML instead
        in test mode unless a report directory is set)."""
        saved = config.get("test_report_directory")
        config["test_report_directory"] = tempfile.gettempdir()
        try:
            return self.env["account.analytic.account"].cron_send_fulfilment_reports()
        finally:
            config["test_report_directory"] = saved

    def _report_messages(self, contract):
        return self.env["mail.message"].search([
            ("model", "=", "account.analytic.account"), ("res_id", "=", contract.id),
            ("attachment_ids", "!=", False)])

    def test_report_sent_once_per_period_with_pdf(self):
        contract = self._contract("Monthly report",
                                  fulfilment_report_frequency="monthly")
        quiet = self._contract("No report")
        ended = self._contract("Ended", start=-400, end=-30,
                               fulfilment_report_frequency="monthly")
        no_mail = self.env["res.partner"].create(
            {"name": "No e-mail Co", "is_company": True, "user_id": self.rep.id})
        unreachable = self._contract("Unreachable", partner=no_mail,
                                     fulfilment_report_frequency="monthly")
        self.env["si.fulfilment.line"].create({
            "contract_id": contract.id, "type_id": self.tickets.id, "quantity": 3,
            "name": "Printer tickets"})
        self._send_reports()
        messages = self._report_messages(contract)
        self.assertEqual(len(messages), 1)
        self.assertIn(self.customer, messages.partner_ids)
        self.assertIn("Monthly report", messages.subject)
        attachment = messages.attachment_ids
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertTrue(attachment.datas_fname.endswith(".pdf"))
        self.assertTrue(base64.b64decode(attachment.datas).startswith(b"%PDF"))
        self.assertEqual(contract.fulfilment_report_period,
                         fields.Date.to_string(date.today().replace(day=1)))
        self.assertFalse(self._report_messages(quiet))
        self.assertFalse(self._report_messages(ended))  # not running
        self.assertFalse(self._report_messages(unreachable))
        with self.assertRaises(UserError):
            unreachable.sudo(self.rep).action_send_fulfilment_report()
        # the job runs again: nothing sent twice for the period
        self._send_reports()
        self.assertEqual(len(self._report_messages(contract)), 1)
        # next period: sent again
        contract.fulfilment_report_period = _day(-70)
        self._send_reports()
        self.assertEqual(len(self._report_messages(contract)), 2)

    def test_report_suggests_products_won_in_the_industry(self):
        industry = self.env["res.partner.industry"].create({"name": "Printing"})
        self.customer.industry_id = industry
        product = self.env["product.product"].create({"name": "Ink service"})
        lead = self._create_lead("Ink deal", partner_id=self.customer2.id,
                                 user=self.rep2)
        self.customer2.industry_id = industry
        lead.action_set_won()
        lead.won_summary_id.product_ids = product
        contract = self._contract("Suggest")
        self.assertEqual(contract._fulfilment_report_products(), product)
        chosen = self.env["product.product"].create({"name": "Chosen"})
        contract.report_product_ids = chosen
        self.assertEqual(contract._fulfilment_report_products(), chosen)


class TestRenewal(ContractCase):

    def _scan(self):
        return self.env["account.analytic.account"].cron_scan_renewals()

    def test_notice_creates_one_renewal_opportunity(self):
        self.rep.lang = "en_US"
        soon = self._contract("Ends soon", end=20, dependence_level="high",
                              fulfilment_status="on_track")
        later = self._contract("Ends later", end=200)
        open_ended = self._contract("Open ended", end=None)
        self.env["si.fulfilment.line"].create({
            "contract_id": soon.id, "type_id": self.cost_saved.id,
            "value_amount": 2500.0})
        self._scan()
        self.assertEqual(soon.days_to_expiry, 20)
        self.assertEqual(later.days_to_expiry, 200)
        ids = (soon | later | open_ended).ids
        self.assertEqual(self.env["account.analytic.account"].search(
            [("id", "in", ids), ("days_to_expiry", "<=", 30)]), soon)
        self.assertEqual(self.env["account.analytic.account"].search(
            [("id", "in", ids), ("days_to_expiry", ">", 30)]), later)
        self.assertEqual(soon.renewal_state, "upcoming")
        self.assertEqual(later.renewal_state, "not_due")
        self.assertEqual(open_ended.renewal_state, "not_due")
        lead = soon.renewal_lead_id
        self.assertTrue(lead)
        self.assertEqual(lead.renewal_contract_id, soon)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.user_id, self.rep)
        self.assertEqual(lead.partner_id, self.customer)
        self.assertIn("On Track", lead.description)
        self.assertIn("High", lead.description)
        self.assertIn("2500.00", lead.description)
        # the value summary is written in the owner's language
        self.rep2.lang = "zh_CN"
        chinese = self._contract("Chinese owner", partner=self.customer2, end=25)
        self._scan()
        self.assertIn("履约状态", chinese.renewal_lead_id.description)
        self.assertFalse(lead.rejected)
        todo = self.env["mail.activity"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])
        self.assertEqual(todo.user_id, self.rep)
        # re-run: nothing twice
        self._scan()
        self.assertEqual(self.env["crm.lead"].search_count(
            [("renewal_contract_id", "=", soon.id)]), 1)
        self.assertEqual(self.env["mail.activity"].search_count(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]), 1)

    def test_notice_period_per_contract_type_and_team(self):
        template = self.env["account.analytic.contract"].create(
            {"name": "Short notice", "renewal_notice_days": 15})
        typed = self._contract("Typed", end=30, contract_template_id=template.id,
                               renewal_notice_days=15)
        self.team2.renewal_notice_days = 90
        team2 = self._contract("Long notice team", end=80, team=self.team2)
        default = self._contract("Default team", end=80)
        self._scan()
        self.assertEqual(typed.renewal_state, "not_due")
        self.assertEqual(team2.renewal_state, "upcoming")
        self.assertEqual(default.renewal_state, "not_due")
        with self.assertRaises(ValidationError):
            template.renewal_notice_days = -3

    def test_renewal_lead_is_never_rejected_as_under_contract(self):
        contract = self._contract("Running")
        plain = self._create_lead("New need", type="lead", partner_id=self.customer.id)
        self.assertTrue(plain.rejected)
        renewal = self._create_lead("Renewal as lead", type="lead",
                                    partner_id=self.customer.id,
                                    renewal_contract_id=contract.id)
        self.assertFalse(renewal.rejected)
        self.assertTrue(renewal.customer_under_contract)

    def test_working_and_renewing_by_extension(self):
        contract = self._contract("Extend me", end=10)
        self._scan()
        lead = contract.renewal_lead_id
        stages = self.env["crm.stage"].search([("probability", "<", 100)])
        lead.sudo(self.rep).write({"stage_id": stages[-1].id})
        self.assertEqual(contract.renewal_state, "in_renewal")
        action = contract.sudo(self.rep).action_renew()
        Wizard = self.env["si.contract.renew.wizard"].sudo(self.rep).with_context(
            **action["context"])
        with self.assertRaises(ValidationError):
            Wizard.create({"mode": "extend", "date_end": _day(5)}).action_renew()
        Wizard.create({"mode": "extend", "date_end": _day(375)}).action_renew()
        self.assertEqual(contract.renewal_state, "renewed")
        self.assertEqual(contract.date_end, _day(375))
        self.assertEqual(lead.probability, 100)
        self.assertFalse(contract.renewal_lead_id)
        self.assertIn(lead, contract.renewal_lead_ids)
        with self.assertRaises(UserError):
            contract.sudo(self.rep).action_renew()
        # a new term: its end comes close again, a new opportunity
        contract.date_end = _day(30)
        self._scan()
        self.assertEqual(contract.renewal_state, "upcoming")
        self.assertNotEqual(contract.renewal_lead_id, lead)

    def test_renewing_by_a_new_contract(self):
        old = self._contract("Old", end=15)
        new = self._contract("New", start=16, end=380)
        other = self._contract("Other", end=20)
        self._scan()
        wizard = self.env["si.contract.renew.wizard"].create(
            {"contract_id": old.id, "mode": "new"})
        with self.assertRaises(UserError):
            wizard.action_renew()  # no contract chosen
        wizard.new_contract_id = new
        wizard.action_renew()
        self.assertEqual(old.renewed_by_id, new)
        self.assertEqual(new.renewal_of_id, old)
        self.assertEqual(old.renewal_state, "renewed")
        with self.assertRaises(UserError):
            other._renew(new_contract=new)  # new already renews old
        with self.assertRaises(UserError):
            old._renew(new_contract=other)  # old already renewed

    def test_losing_asks_for_a_reason(self):
        contract = self._contract("Leaving", end=12)
        self._scan()
        lead = contract.renewal_lead_id
        action = contract.action_renewal_lost()
        wizard = self.env["si.contract.lost.wizard"].with_context(
            **action["context"]).create({"lost_reason_id": self.lost_reason.id,
                                         "note": "Moved to a competitor"})
        wizard.action_lost()
        self.assertEqual(contract.renewal_state, "lost")
        self.assertEqual(contract.renewal_lost_reason_id, self.lost_reason)
        self.assertFalse(lead.active)
        self.assertEqual(lead.lost_reason, self.lost_reason)
        with self.assertRaises(UserError):
            contract.action_renewal_lost()

    def test_losing_the_opportunity_loses_the_renewal(self):
        contract = self._contract("Lost on lead", end=12)
        self._scan()
        lead = contract.renewal_lead_id
        self.env["crm.lead.lost"].with_context(active_ids=lead.ids).create(
            {"lost_reason_id": self.lost_reason.id}).action_lost_reason_apply()
        self.assertEqual(contract.renewal_state, "lost")
        self.assertEqual(contract.renewal_lost_reason_id, self.lost_reason)

    def test_partner_contract_history(self):
        old = self._contract("Past", start=-800, end=-400)
        current = self._contract("Current")
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id})
        self.assertEqual(contact.si_contract_history_count, 2)
        action = self.customer.action_view_contract_history()
        found = self.env["account.analytic.account"].search(action["domain"])
        self.assertEqual(found, old | current)


class TestContractSecurity(ContractCase):

    def test_who_sees_which_contract(self):
        mine = self._contract("Rep's customer")
        theirs = self._contract("Rep2's customer", partner=self.customer2)
        other_team = self._contract("Other team", partner=self.customer2,
                                    team=self.team2)
        project = self.env["account.analytic.account"].create({"name": "Project"})
        ids = (mine | theirs | other_team | project).ids
        Contract = self.env["account.analytic.account"]
        domain = [("id", "in", ids)]
        self.assertEqual(Contract.sudo(self.rep).search(domain), mine | project)
        self.assertEqual(Contract.sudo(self.rep2).search(domain),
                         theirs | other_team | project)
        self.assertEqual(Contract.sudo(self.manager).search(domain),
                         mine | theirs | project)
        self.assertEqual(Contract.sudo(self.manager2).search(domain),
                         other_team | project)
        self.assertEqual(Contract.sudo(self.finance).search(domain),
                         mine | theirs | other_team | project)
        # a rep records fulfilment on own customers' contracts only
        mine.sudo(self.rep).write({"fulfilment_status": "at_risk"})
        self.env["si.fulfilment.line"].sudo(self.rep).create({
            "contract_id": mine.id, "type_id": self.tickets.id, "quantity": 2})
        with self.assertRaises(AccessError):
            theirs.sudo(self.rep).write({"fulfilment_status": "at_risk"})
        with self.assertRaises(AccessError):
            self.env["si.fulfilment.line"].sudo(self.rep).create({
                "contract_id": theirs.id, "type_id": self.tickets.id})
        # finance keeps OCA's rights: reads, does not edit (Billing)
        with self.assertRaises(AccessError):
            mine.sudo(self.finance).write({"fulfilment_status": "on_track"})
        self.assertEqual(self.env["si.fulfilment.line"].sudo(self.finance).search_count(
            [("contract_id", "=", mine.id)]), 1)

    def test_rep_reads_everything_the_contract_views_show(self):
        contract = self._contract("Shown")
        self.env["account.analytic.account"].cron_scan_renewals()
        for view in ("contract_view_form", "contract_view_tree",
                     "contract_view_kanban_renewal"):
            arch = self.env.ref("sales_intelligence." + view).read_combined(
                ["arch"])["arch"]
            names = [f for f in contract._fields if 'name="%s"' % f in arch]
            self.assertTrue(contract.sudo(self.rep).read(names))
        groups = self.env["account.analytic.account"].sudo(self.rep).read_group(
            [("id", "=", contract.id)], ["contract_value", "date_end"],
            ["date_end:month"])
        self.assertTrue(groups)
