# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

ANOMALY_DAY_FIELDS = (
    "si_anomaly_rep_idle_days",
    "si_anomaly_key_lead_days",
    "si_anomaly_overdue_days",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    si_anomaly_rep_idle_days = fields.Integer(
        string="Rep Without Follow-up (days)",
        default=7,
        help="Raise an anomaly when a rep with open leads logged no follow-up "
        "for this many days.",
    )
    si_anomaly_key_lead_days = fields.Integer(
        string="Key Lead Not Updated (days)",
        default=14,
        help="Raise an anomaly when a key lead had no follow-up or stage change "
        "for this many days.",
    )
    si_anomaly_overdue_days = fields.Integer(
        string="Planned Follow-up Overdue (days)",
        default=3,
        help="Raise an anomaly when a planned follow-up (to-do) of a lead is "
        "overdue by this many days.",
    )
    si_reject_contract_leads = fields.Boolean(
        string="Reject Leads of Customers Under Contract",
        default=True,
        help="New leads whose customer has a running contract are rejected on "
        "arrival with that reason; they stay searchable.",
    )
    si_conversion_excludes_rejected = fields.Boolean(
        string="Rejected Leads Out of Conversion Rate",
        default=True,
        help="Rejected leads count as received, but not in the denominator of "
        "the conversion rate.",
    )
    si_refuse_invalid_phones = fields.Boolean(
        string="Refuse Text That Is No Phone Number",
        default=False,
        help="Refuse leads whose phone or mobile is text rather than a number "
        "(e.g. \"call after 5pm\"). Off by default, as in Odoo's CRM, which "
        "keeps such values and leaves their normalised number empty; the lead "
        "form warns about them either way.",
    )
    si_invoice_lead_days = fields.Integer(
        string="Leads From Invoices of the Last (days)",
        default=0,
        help="When set, a nightly job makes a lead for each company invoiced in "
        "this many days that has no open lead and no running contract.",
    )

    @api.constrains(*ANOMALY_DAY_FIELDS)
    def _check_anomaly_days(self):
        for company in self:
            if any(company[f] < 1 for f in ANOMALY_DAY_FIELDS):
                raise ValidationError(
                    self.env._("Anomaly thresholds must be at least one day."))

    @api.constrains("si_invoice_lead_days")
    def _check_invoice_lead_days(self):
        for company in self:
            if company.si_invoice_lead_days < 0:
                raise ValidationError(
                    self.env._("The invoice period for new leads cannot be negative."))
