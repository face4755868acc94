# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contract fulfilment: usage and service information, how well the
contract is delivered, and the periodic report e-mailed to the customer."""
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..tools.contract_terms import REPORT_MONTHS, period_start

_logger = logging.getLogger(__name__)

FULFILMENT_STATUSES = [
    ("not_started", "Not Started"),
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("off_track", "Off Track"),
]
DEPENDENCE_LEVELS = [
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
]
REPORT_FREQUENCIES = [
    ("none", "No Report"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("half_yearly", "Every Six Months"),
    ("yearly", "Yearly"),
]


class ContractContract(models.Model):
    _inherit = "contract.contract"

    fulfilment_status = fields.Selection(
        selection=FULFILMENT_STATUSES,
        default="not_started",
        index=True,
        tracking=True,
        help="How well the contract is delivered, as the account manager "
        "judges it; shown in reports to the customer and in the renewal "
        "opportunity.",
    )
    dependence_level = fields.Selection(
        selection=DEPENDENCE_LEVELS,
        default="medium",
        tracking=True,
        help="How much the customer uses and relies on the service: high "
        "dependence makes a renewal likely.",
    )
    fulfilment_line_ids = fields.One2many(
        comodel_name="si.fulfilment.line",
        inverse_name="contract_id",
        string="Usage and Services",
    )
    value_delivered = fields.Monetary(
        compute="_compute_value_delivered",
        store=True,
        help="Sum of the value of the usage and service lines (e.g. cost "
        "saved for the customer).",
    )
    fulfilment_report_frequency = fields.Selection(
        selection=REPORT_FREQUENCIES,
        string="Fulfilment Report",
        default="none",
        required=True,
        help="How often the customer receives a fulfilment report by e-mail "
        "(PDF attached). One report per period, even if the job runs twice.",
    )
    fulfilment_report_period = fields.Date(
        string="Last Report Period",
        readonly=True,
        copy=False,
        help="Start of the period of the last fulfilment report sent.",
    )
    fulfilment_report_attempt = fields.Date(
        string="Last Report Attempt",
        readonly=True,
        copy=False,
        help="Start of the period of the last report the scheduled job "
        "tried to send, sent or not: it tries once per period.",
    )
    fulfilment_report_error = fields.Char(
        string="Report Error",
        readonly=True,
        copy=False,
        help="Why the last scheduled report could not be sent; send it with "
        "the button once fixed.",
    )
    report_product_ids = fields.Many2many(
        comodel_name="product.product",
        relation="si_contract_report_product_rel",
        column1="contract_id",
        column2="product_id",
        string="Products to Introduce",
        help="Products presented in the next fulfilment reports. When empty, "
        "the reports suggest the products most won in the customer's "
        "industry that the contract does not include.",
    )

    @api.depends("fulfilment_line_ids.value_amount")
    def _compute_value_delivered(self):
        for contract in self:
            contract.value_delivered = sum(
                contract.fulfilment_line_ids.mapped("value_amount"))

    # --- actions -----------------------------------------------------------
    def action_send_fulfilment_report(self):
        """Send the report of the current period now (button)."""
        for contract in self:
            if not contract.partner_id.email:
                raise UserError(self.env._(
                    "The customer of contract \"%s\" has no e-mail address.",
                    contract.name))
            contract._send_fulfilment_report()
        return True

    # --- scheduled reports -------------------------------------------------
    @api.model
    def _fulfilment_report_due_domain(self):
        """Running contracts whose customer has an e-mail address and whose
        report of the current period was not tried yet."""
        today = fields.Date.context_today(self)
        return expression.AND([
            self._running_contract_domain(),
            [("partner_id.email", "!=", False)],
            expression.OR([
                [("fulfilment_report_frequency", "=", frequency),
                 "|", ("fulfilment_report_attempt", "=", False),
                 ("fulfilment_report_attempt", "<", period_start(today, frequency))]
                for frequency in REPORT_MONTHS
            ]),
        ])

    @api.model
    def _cron_send_fulfilment_reports(self, batch_size=50):
        """Send the fulfilment report of the current period to the customer
        of each running contract that asks for one and did not get it yet.
        The period is written in the same transaction as the e-mail, so a
        re-run sends nothing twice; in id order (keyset), committed batch by
        batch. A contract that fails is logged with its reason and tried
        again next period (or by the button)."""
        domain = self._fulfilment_report_due_domain()
        sent = done = last_id = 0
        while True:
            batch = self.search(domain + [("id", ">", last_id)], order="id",
                                limit=batch_size)
            if not batch:
                break
            last_id = batch[-1].id
            for contract in batch:
                sent += contract._try_send_fulfilment_report()
            done += len(batch)
            remaining = self.search_count(domain + [("id", ">", last_id)])
            self._si_batch_done(done=done, remaining=remaining)
        return sent

    def _try_send_fulfilment_report(self):
        """Send the scheduled report; on failure keep the reason on the
        contract. Returns 1 when sent."""
        self.ensure_one()
        if not self._lock_nowait():
            # a user is editing the contract right now: the next run sends it
            _logger.info("Fulfilment report of contract %s postponed: the "
                         "contract is being edited", self.id)
            return 0
        try:
            with self.env.cr.savepoint():
                self._send_fulfilment_report()
            return 1
        # one bad contract (address, report) must not stop the job
        except Exception as error:  # pylint: disable=broad-except
            _logger.warning("Fulfilment report of contract %s not sent: %s",
                            self.id, error)
            self.write({
                "fulfilment_report_attempt": self._fulfilment_report_period_start(),
                "fulfilment_report_error": str(error)[:250],
            })
            return 0

    def _fulfilment_report_products(self, limit=3):
        """Products to present: the chosen ones, or those most won in the
        customer's industry that this contract does not invoice yet."""
        self.ensure_one()
        if self.report_product_ids:
            return self.report_product_ids
        industry = self.commercial_partner_id.industry_id
        if not industry:
            return self.env["product.product"]
        # the suggestion counts every won deal of the industry, also those of
        # other reps, which the customer's account manager may not read; only
        # product ids come out
        groups = self.env["si.won.analysis"].sudo()._read_group(
            [("dimension", "=", "product"), ("industry_id", "=", industry.id),
             ("product_id", "not in",
              self.sudo().contract_line_ids.product_id.ids)],
            ["product_id"], ["__count"], order="__count desc, product_id",
            limit=limit)
        return self.env["product.product"].browse(
            [product.id for product, _count in groups])

    def _fulfilment_report_lines(self):
        """Usage and service lines since the last report (all when first)."""
        self.ensure_one()
        lines = self.fulfilment_line_ids
        if self.fulfilment_report_period:
            lines = lines.filtered(
                lambda line: line.date >= self.fulfilment_report_period)
        return lines.sorted("date")

    def _fulfilment_report_period_start(self):
        frequency = self.fulfilment_report_frequency
        return period_start(fields.Date.context_today(self),
                            frequency if frequency in REPORT_MONTHS else "monthly")

    def _send_fulfilment_report(self):
        """E-mail the report of the current period to the customer, PDF
        attached, logged in the chatter; remember the period."""
        self.ensure_one()
        start = self._fulfilment_report_period_start()
        partner = self.partner_id
        contract = self.with_context(lang=partner.lang or self.env.lang)
        pdf, _report_type = contract.env["ir.actions.report"]._render_qweb_pdf(
            "sales_intelligence.report_fulfilment", self.ids)
        body = contract.env["ir.qweb"]._render(
            "sales_intelligence.fulfilment_report_mail",
            {"contract": contract, "period": start,
             "products": contract._fulfilment_report_products()})
        subject = contract._fulfilment_report_subject(start)
        self.message_post(
            body=body,
            subject=subject,
            partner_ids=partner.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("%s.pdf" % subject, pdf)],
        )
        self.write({
            "fulfilment_report_period": start,
            "fulfilment_report_attempt": start,
            "fulfilment_report_error": False,
        })
        return True

    def _fulfilment_report_subject(self, start):
        return self.env._("Fulfilment report %(period)s - %(contract)s",
                          period=start.strftime("%Y-%m"), contract=self.name)
