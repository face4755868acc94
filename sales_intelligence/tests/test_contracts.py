# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date, timedelta
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import SalesIntelligenceCase


def _day(offset):
    return date.today() + timedelta(days=offset)


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
        # Odoo computes the users' sales team from their team memberships
        cls.env["crm.team.member"].create([
            {"crm_team_id": cls.team.id, "user_id": user.id}
            for user in cls.rep | cls.rep2])
        cls.customer = cls.env["res.partner"].create({
            "name": "Contracted Co", "is_company": True, "user_id": cls.rep.id,
            "email": "buyer@contracted.example.com"})
        cls.customer2 = cls.env["res.partner"].create({
            "name": "Other Co", "is_company": True, "user_id": cls.rep2.id})
        cls.service = cls.env["product.product"].create(
            {"name": "Managed printing", "type": "service", "list_price": 100.0})
        cls.cost_saved = cls.env.ref("sales_intelligence.si_fulfilment_type_cost_saved")
        cls.tickets = cls.env.ref("sales_intelligence.si_fulfilment_type_ticket")
        cls.lost_reason = cls.env["crm.lost.reason"].create({"name": "Budget cut"})

    @classmethod
    def _contract(cls, name, partner=None, end=300, start=-300, team=None,
                  price=100.0, **values):
        """A customer contract with one monthly line from `start` to `end`
        (days from today; no end when None): OCA computes the contract's end
        date from its lines."""
        partner = partner or cls.customer
        vals = dict({
            "name": name,
            "partner_id": partner.id,
            "line_recurrence": True,
            "date_start": _day(start),
            "user_id": partner.user_id.id,
            "contract_line_ids": [Command.create({
                "product_id": cls.service.id,
                "name": "Managed printing",
                "quantity": 1,
                "price_unit": price,
                "recurring_rule_type": "monthly",
                "recurring_interval": 1,
                "date_start": _day(start),
                "date_end": _day(end) if end is not None else False,
            })],
        }, **values)
        if team is not False:
            vals["team_id"] = (team or cls.team).id
        return cls.env["contract.contract"].create(vals)


class TestContractOwnership(ContractCase):

    def test_team_defaults_from_the_responsible(self):
        contract = self._contract("Own team", team=False)
        self.assertEqual(contract.team_id, self.team)
        self.assertEqual(contract.customer_user_id, self.rep)
        self.assertEqual(contract.team_leader_id, self.manager)
        # a responsible of another team moves the contract to that team
        self.env["crm.team.member"].create(
            {"crm_team_id": self.team2.id, "user_id": self.manager2.id})
        contract.user_id = self.manager2
        self.assertEqual(contract.team_id, self.team2)
        # a team the responsible belongs to is kept
        contract.team_id = self.team
        contract.user_id = self.rep
        self.assertEqual(contract.team_id, self.team)

    def test_invoiced_amount_of_posted_invoices(self):
        contract = self._contract("Invoiced", end=20)
        other = self._contract("Not invoiced", partner=self.customer2)
        invoice = contract.recurring_create_invoice()
        self.assertEqual(contract.invoiced_amount, 0.0)  # draft
        invoice.action_post()
        contract.invalidate_recordset(["invoiced_amount"])
        self.assertEqual(contract.invoiced_amount, 100.0)
        self.assertEqual(other.invoiced_amount, 0.0)
        # the renewal opportunity is worth last year's invoicing
        self.env["contract.contract"]._cron_scan_renewals()
        self.assertEqual(contract.renewal_lead_id.expected_revenue, 100.0)
        self.assertIn("100.00", contract.renewal_lead_id.description)

    def test_running_contract_definition(self):
        running = self._contract("Running")
        self._contract("Ended", partner=self.customer2, start=-400, end=-30)
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id})
        Contract = self.env["contract.contract"]
        found = Contract.search(Contract._running_contract_domain()
                                + [("id", "in", running.ids + [0])])
        self.assertEqual(found, running)
        partners = Contract._running_contract_partners(
            contact | self.customer2)
        self.assertEqual(partners, self.customer)
        # a supplier contract is no customer contract
        running.contract_type = "purchase"
        self.assertFalse(Contract._running_contract_partners(self.customer))
        # a contract not started yet is not running
        self.assertFalse(Contract.search(
            Contract._running_contract_domain(date=_day(-301))
            + [("id", "=", running.id)]))


class TestFulfilment(ContractCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the reports counted are the tests' own, not the demo contracts'
        cls.env["contract.contract"].search([]).write(
            {"fulfilment_report_frequency": "none"})

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
        contract.invalidate_recordset()
        self.assertEqual(len(contract.fulfilment_line_ids), 2)
        self.assertEqual(contract.value_delivered, 1500.0)
        self.assertEqual(contract.contract_value, 1200.0)  # 100 a month

    def test_negative_notice_period_is_refused(self):
        # contract dates are OCA's (its end date is computed from the lines)
        with self.assertRaises(ValidationError):
            self.team.renewal_notice_days = -1

    def _send_reports(self):
        """Run the job with real PDF rendering (Odoo renders HTML instead
        in test mode unless forced)."""
        return self.env["contract.contract"].with_context(
            force_report_rendering=True)._cron_send_fulfilment_reports()

    def _report_messages(self, contract):
        return self.env["mail.message"].search([
            ("model", "=", "contract.contract"), ("res_id", "=", contract.id),
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
        self.assertEqual(self._send_reports(), 1)
        messages = self._report_messages(contract)
        self.assertEqual(len(messages), 1)
        self.assertIn(self.customer, messages.partner_ids)
        self.assertIn("Monthly report", messages.subject)
        attachment = messages.attachment_ids
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertTrue(attachment.name.endswith(".pdf"))
        self.assertTrue(base64.b64decode(attachment.datas).startswith(b"%PDF"))
        self.assertEqual(contract.fulfilment_report_period,
                         date.today().replace(day=1))
        self.assertFalse(self._report_messages(quiet))
        self.assertFalse(self._report_messages(ended))  # not running
        self.assertFalse(self._report_messages(unreachable))
        with self.assertRaises(UserError):
            unreachable.with_user(self.rep).action_send_fulfilment_report()
        # the job runs again: nothing sent twice for the period
        self.assertEqual(self._send_reports(), 0)
        self.assertEqual(len(self._report_messages(contract)), 1)
        # next period: sent again
        contract.write({"fulfilment_report_period": _day(-70),
                        "fulfilment_report_attempt": _day(-70)})
        self.assertEqual(self._send_reports(), 1)
        self.assertEqual(len(self._report_messages(contract)), 2)

    def test_failed_report_is_kept_and_not_retried_in_the_period(self):
        broken = self._contract("Broken", fulfilment_report_frequency="monthly")
        fine = self._contract("Fine", partner=self.customer2,
                              fulfilment_report_frequency="monthly")
        self.customer2.email = "ops@other.example.com"
        Contract = type(self.env["contract.contract"])
        original = Contract._send_fulfilment_report

        def send(records):
            if records == broken:
                raise ConnectionError("Report service down")
            return original(records)

        with patch.object(Contract, "_send_fulfilment_report", send):
            self.assertEqual(self._send_reports(), 1)
            self.assertEqual(self._send_reports(), 0)
        self.assertEqual(len(self._report_messages(fine)), 1)
        self.assertFalse(self._report_messages(broken))
        self.assertFalse(broken.fulfilment_report_period)
        self.assertIn("Report service down", broken.fulfilment_report_error)
        # the button sends it once fixed
        broken.with_context(force_report_rendering=True) \
            .action_send_fulfilment_report()
        self.assertEqual(len(self._report_messages(broken)), 1)
        self.assertFalse(broken.fulfilment_report_error)

    def test_report_suggests_products_won_in_the_industry(self):
        industry = self.env["res.partner.industry"].create({"name": "Printing"})
        self.customer.industry_id = industry
        product = self.env["product.product"].create({"name": "Ink service"})
        lead = self._create_lead("Ink deal", partner_id=self.customer2.id,
                                 user=self.rep2)
        self.customer2.industry_id = industry
        lead.action_set_won()
        lead.won_summary_id.product_ids = product | self.service
        contract = self._contract("Suggest")
        # the contract's own product is not suggested
        self.assertEqual(contract._fulfilment_report_products(), product)
        chosen = self.env["product.product"].create({"name": "Chosen"})
        contract.report_product_ids = chosen
        self.assertEqual(contract._fulfilment_report_products(), chosen)


class TestRenewal(ContractCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # contracts of the database already in their notice period today get
        # their opportunity first: the scans below count this test's only
        cls.env["contract.contract"]._cron_scan_renewals()

    def _scan(self):
        return self.env["contract.contract"]._cron_scan_renewals()

    def test_notice_creates_one_renewal_opportunity(self):
        self.rep.lang = "en_US"
        soon = self._contract("Ends soon", end=20, dependence_level="high",
                              fulfilment_status="on_track")
        later = self._contract("Ends later", end=200)
        open_ended = self._contract("Open ended", end=None)
        self.env["si.fulfilment.line"].create({
            "contract_id": soon.id, "type_id": self.cost_saved.id,
            "value_amount": 2500.0})
        self.assertEqual(self._scan(), 1)
        self.assertEqual(soon.days_to_expiry, 20)
        self.assertEqual(later.days_to_expiry, 200)
        ids = (soon | later | open_ended).ids
        Contract = self.env["contract.contract"]
        self.assertEqual(Contract.search(
            [("id", "in", ids), ("days_to_expiry", "<=", 30)]), soon)
        self.assertEqual(Contract.search(
            [("id", "in", ids), ("days_to_expiry", ">", 30)]), later)
        self.assertEqual(soon.renewal_state, "upcoming")
        self.assertEqual(later.renewal_state, "not_due")
        self.assertEqual(open_ended.renewal_state, "not_due")
        lead = soon.renewal_lead_id
        self.assertTrue(lead)
        self.assertEqual(lead.renewal_contract_id, soon)
        self.assertEqual(lead.renewal_date_end, soon.date_end)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.user_id, self.rep)
        self.assertEqual(lead.team_id, self.team)
        self.assertEqual(lead.partner_id, self.customer)
        self.assertEqual(lead.expected_revenue, 1200.0)  # yearly value
        self.assertIn("On Track", lead.description)
        self.assertIn("High", lead.description)
        self.assertIn("2500.00", lead.description)
        # the value summary is written in the owner's language
        self.env["res.lang"]._activate_lang("zh_CN")
        self.rep2.lang = "zh_CN"
        chinese = self._contract("Chinese owner", partner=self.customer2, end=25)
        self._scan()
        self.assertIn("履约状态", chinese.renewal_lead_id.description)
        self.assertFalse(lead.rejected)
        todo = self.env["mail.activity"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])
        self.assertEqual(todo.user_id, self.rep)
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        self.assertEqual(todo.activity_type_id, todo_type)
        self.assertEqual(todo.date_deadline, todo_type._get_date_deadline())
        self.assertEqual(todo.summary, "Contract expiring: prepare the renewal")
        # the to-do is the notice: no e-mail for each opportunity
        self.assertFalse(self.env["mail.message"].search(
            [("model", "=", "crm.lead"), ("res_id", "=", lead.id)]))
        # re-run: nothing twice
        self.assertEqual(self._scan(), 0)
        self.assertEqual(self.env["crm.lead"].search_count(
            [("renewal_contract_id", "=", soon.id)]), 1)
        self.assertEqual(self.env["mail.activity"].search_count(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]), 1)

    def test_scheduled_job_reports_its_batches(self):
        first = self._contract("First due", end=10)
        second = self._contract("Second due", end=11)
        cron = self.env.ref("sales_intelligence.ir_cron_scan_renewals")
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": cron.id, "done": 0, "remaining": 0})
        # batches of one: each batch reports its progress to the cron (the
        # commit between batches is skipped while testing)
        created = self.env["contract.contract"].with_context(
            ir_cron_progress_id=progress.id)._cron_scan_renewals(batch_size=1)
        self.assertEqual(created, 2)
        self.assertEqual((progress.done, progress.remaining), (2, 0))
        self.assertTrue(first.renewal_lead_id and second.renewal_lead_id)

    def test_one_opportunity_per_term_in_the_database(self):
        contract = self._contract("Unique term", end=20)
        self._scan()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            self.env["crm.lead"].create({
                "name": "Second renewal", "type": "opportunity",
                "renewal_contract_id": contract.id,
                "renewal_date_end": contract.date_end})
            self.env.flush_all()

    def test_notice_period_per_contract_template_and_team(self):
        template = self.env["contract.template"].create(
            {"name": "Short notice", "renewal_notice_days": 15})
        # the contract's own period, or its template's
        own = self._contract("Own period", end=30, contract_template_id=template.id,
                             renewal_notice_days=15)
        typed = self._contract("Template period", end=30,
                               contract_template_id=template.id)
        self.team2.renewal_notice_days = 90
        team2 = self._contract("Long notice team", end=80, team=self.team2)
        default = self._contract("Default team", end=80)
        self._scan()
        self.assertEqual(own.renewal_state, "not_due")
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
        stage = self.env["crm.stage"].search(
            [("is_won", "=", False), ("id", "!=", lead.stage_id.id)], limit=1)
        lead.with_user(self.rep).write({"stage_id": stage.id})
        self.assertEqual(contract.renewal_state, "in_renewal")
        action = contract.with_user(self.rep).action_renew()
        Wizard = self.env["si.contract.renew.wizard"].with_user(self.rep).with_context(
            **action["context"])
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Wizard.create({"mode": "extend", "date_end": _day(5)}).action_renew()
        Wizard.create({"mode": "extend", "date_end": _day(375)}).action_renew()
        self.assertEqual(contract.renewal_state, "renewed")
        self.assertEqual(contract.date_end, _day(375))
        self.assertEqual(contract.contract_line_ids.date_end, _day(375))
        self.assertEqual(lead.probability, 100)
        self.assertFalse(contract.renewal_lead_id)
        self.assertIn(lead, contract.renewal_lead_ids)
        with self.assertRaises(UserError):
            contract.with_user(self.rep).action_renew()
        # a new term: its end comes close again, a new opportunity
        contract.contract_line_ids.date_end = _day(30)
        self._scan()
        self.assertEqual(contract.renewal_state, "upcoming")
        self.assertTrue(contract.renewal_lead_id)
        self.assertNotEqual(contract.renewal_lead_id, lead)

    def test_renewing_by_a_new_contract(self):
        old = self._contract("Old", end=15)
        new = self._contract("New", start=16, end=380)
        other = self._contract("Other", end=20)
        self._scan()
        lead = old.renewal_lead_id
        wizard = self.env["si.contract.renew.wizard"].create(
            {"contract_id": old.id, "mode": "new"})
        with self.assertRaises(UserError):
            wizard.action_renew()  # no contract chosen
        wizard.new_contract_id = new
        wizard.action_renew()
        self.assertEqual(old.renewed_by_id, new)
        self.assertEqual(new.renewal_of_id, old)
        self.assertEqual(old.renewal_state, "renewed")
        self.assertEqual(lead.probability, 100)
        self.assertTrue(lead.won_summary_id)
        with self.assertRaises(UserError):
            other._renew(new_contract=new)  # new already renews old
        with self.assertRaises(UserError):
            old._renew(new_contract=other)  # old already renewed
        # the renewed contract hands over: no new notice for it
        self._scan()
        self.assertEqual(old.renewal_state, "renewed")
        self.assertFalse(old.renewal_lead_id)

    def test_losing_asks_for_a_reason(self):
        contract = self._contract("Leaving", end=12)
        self._scan()
        lead = contract.renewal_lead_id
        action = contract.action_renewal_lost()
        Wizard = self.env["si.contract.lost.wizard"].with_context(**action["context"])
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            Wizard.create({"note": "No reason given"})
            self.env.flush_all()
        Wizard.create({"lost_reason_id": self.lost_reason.id,
                       "note": "Moved to a competitor"}).action_lost()
        self.assertEqual(contract.renewal_state, "lost")
        self.assertEqual(contract.renewal_lost_reason_id, self.lost_reason)
        self.assertEqual(contract.renewal_lost_note, "Moved to a competitor")
        self.assertFalse(lead.active)
        self.assertEqual(lead.lost_reason_id, self.lost_reason)
        with self.assertRaises(UserError):
            contract.action_renewal_lost()

    def test_losing_the_opportunity_loses_the_renewal(self):
        contract = self._contract("Lost on lead", end=12)
        self._scan()
        lead = contract.renewal_lead_id
        self.env["crm.lead.lost"].with_user(self.rep).create({
            "lead_ids": [Command.set(lead.ids)],
            "lost_reason_id": self.lost_reason.id,
        }).action_lost_reason_apply()
        self.assertFalse(lead.active)
        self.assertEqual(contract.renewal_state, "lost")
        self.assertEqual(contract.renewal_lost_reason_id, self.lost_reason)

    def test_partner_contract_history(self):
        old = self._contract("Past", start=-800, end=-400)
        current = self._contract("Current")
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id})
        self.assertEqual(contact.si_contract_history_count, 2)
        action = self.customer.action_view_contract_history()
        found = self.env["contract.contract"].search(action["domain"])
        self.assertEqual(found, old | current)


class TestContractSecurity(ContractCase):

    def test_who_sees_which_contract(self):
        mine = self._contract("Rep's customer")
        theirs = self._contract("Rep2's customer", partner=self.customer2)
        other_team = self._contract("Other team", partner=self.customer2,
                                    team=self.team2)
        ids = (mine | theirs | other_team).ids
        Contract = self.env["contract.contract"]
        domain = [("id", "in", ids)]
        self.assertEqual(Contract.with_user(self.rep).search(domain), mine)
        self.assertEqual(Contract.with_user(self.rep2).search(domain),
                         theirs | other_team)
        self.assertEqual(Contract.with_user(self.manager).search(domain),
                         mine | theirs)
        self.assertEqual(Contract.with_user(self.manager2).search(domain),
                         other_team)
        self.assertEqual(Contract.with_user(self.finance).search(domain),
                         mine | theirs | other_team)
        # a manager who joins a team sees its contracts at once
        self.env["crm.team.member"].create(
            {"crm_team_id": self.team2.id, "user_id": self.manager.id})
        self.assertEqual(Contract.with_user(self.manager).search(domain),
                         mine | theirs | other_team)
        # read_group follows the same rules
        groups = Contract.with_user(self.rep)._read_group(
            domain, ["partner_id"], ["__count"])
        self.assertEqual(groups, [(self.customer, 1)])
        # the contract lines follow their contracts
        Line = self.env["contract.line"]
        line_domain = [("contract_id", "in", ids)]
        self.assertEqual(Line.with_user(self.rep).search(line_domain),
                         mine.contract_line_ids)
        self.assertEqual(Line.with_user(self.manager2).search(line_domain),
                         other_team.contract_line_ids)
        self.assertTrue(mine.with_user(self.rep).web_read(
            {"contract_line_ids": {"fields": {"name": {}, "price_unit": {}}}}))
        # a rep records fulfilment on own customers' contracts only
        mine.with_user(self.rep).write({"fulfilment_status": "at_risk"})
        self.env["si.fulfilment.line"].with_user(self.rep).create({
            "contract_id": mine.id, "type_id": self.tickets.id, "quantity": 2})
        with self.assertRaises(AccessError):
            theirs.with_user(self.rep).write({"fulfilment_status": "at_risk"})
        with self.assertRaises(AccessError):
            self.env["si.fulfilment.line"].with_user(self.rep).create({
                "contract_id": theirs.id, "type_id": self.tickets.id})
        # finance keeps OCA's rights: reads, does not edit (Billing)
        with self.assertRaises(AccessError):
            mine.with_user(self.finance).write({"fulfilment_status": "on_track"})
        self.assertEqual(self.env["si.fulfilment.line"].with_user(
            self.finance).search_count([("contract_id", "=", mine.id)]), 1)

    def test_rep_reads_everything_the_contract_views_show(self):
        contract = self._contract("Shown", end=20)
        self.env["contract.contract"]._cron_scan_renewals()
        Contract = self.env["contract.contract"].with_user(self.rep)
        for xmlid, view_type in (("contract_view_form", "form"),
                                 ("contract_view_tree", "list"),
                                 ("contract_view_kanban_renewal", "kanban"),
                                 ("contract_view_pivot_renewal", "pivot")):
            view = self.env.ref("sales_intelligence." + xmlid)
            names = Contract.get_view(view.id, view_type)["models"][
                "contract.contract"]
            self.assertTrue(contract.with_user(self.rep).read(list(names)))
        # links to the contract open the product's form for reps
        self.assertEqual(contract.with_user(self.rep).get_formview_id(),
                         self.env.ref("sales_intelligence.contract_view_form").id)
        oca_form = self.env.ref("contract.contract_contract_customer_form_view")
        self.assertEqual(contract.with_user(self.finance).get_formview_id(),
                         oca_form.id)
        groups = Contract.read_group(
            [("id", "=", contract.id)], ["contract_value:sum"],
            ["date_end:month"])
        self.assertEqual(groups[0]["contract_value"], 1200.0)
        # and the report
        pdf, _type = self.env["ir.actions.report"].with_user(self.rep) \
            ._render_qweb_html("sales_intelligence.report_fulfilment",
                               contract.ids)
        self.assertIn(b"Shown", pdf)
