# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    si_anomaly_rep_idle_days = fields.Integer(
        related="company_id.si_anomaly_rep_idle_days",
        readonly=False,
    )
    si_anomaly_key_lead_days = fields.Integer(
        related="company_id.si_anomaly_key_lead_days",
        readonly=False,
    )
    si_anomaly_overdue_days = fields.Integer(
        related="company_id.si_anomaly_overdue_days",
        readonly=False,
    )
    si_reject_contract_leads = fields.Boolean(
        related="company_id.si_reject_contract_leads",
        readonly=False,
    )
    si_conversion_excludes_rejected = fields.Boolean(
        related="company_id.si_conversion_excludes_rejected",
        readonly=False,
    )
    si_refuse_invalid_phones = fields.Boolean(
        related="company_id.si_refuse_invalid_phones",
        readonly=False,
    )
    si_invoice_lead_days = fields.Integer(
        related="company_id.si_invoice_lead_days",
        readonly=False,
    )
