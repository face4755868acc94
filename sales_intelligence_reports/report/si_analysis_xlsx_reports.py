# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The XLSX exports of the analyses (report/si_analysis_xlsx.py says how to
add one)."""
from odoo import models

_TARGET_COLUMNS = ["amount", "actual_amount", "last_year_amount",
                   "completion_rate", "growth_rate"]
_TARGET_RATES = {
    "completion_rate": ("actual_amount", "amount"),
    "growth_rate": ("amount", "last_year_amount", -1.0),
}


class SiLeadAnalysisXlsx(models.AbstractModel):
    _name = "report.sales_intelligence_reports.si_lead_analysis_xlsx"
    _inherit = "report.sales_intelligence_reports.si_analysis_xlsx"
    _description = "Lead Conversion XLSX Export"

    _si_xlsx = {
        "groupby": ["team_id", "user_id"],
        "columns": ["received_count", "conversion_base_count", "rejected_count",
                    "dormant_count", "dead_count", "won_count", "lost_count",
                    "won_revenue", "conversion_rate"],
        "rates": {"conversion_rate": ("won_count", "conversion_base_count")},
        "chart": {"type": "column", "columns": ["received_count", "won_count"]},
        "order": "create_date desc, id desc",
    }


class SiTargetLineXlsx(models.AbstractModel):
    _name = "report.sales_intelligence_reports.si_target_line_xlsx"
    _inherit = "report.sales_intelligence_reports.si_analysis_xlsx"
    _description = "Plan Completion by Team XLSX Export"

    _si_xlsx = {
        "groupby": ["date_month:month", "team_id"],
        "columns": _TARGET_COLUMNS,
        "rates": _TARGET_RATES,
        "chart": {"type": "line", "columns": ["amount", "actual_amount"]},
        "order": "date_month, team_id, industry_id, id",
    }


class SiTargetRepLineXlsx(models.AbstractModel):
    _name = "report.sales_intelligence_reports.si_target_rep_line_xlsx"
    _inherit = "report.sales_intelligence_reports.si_analysis_xlsx"
    _description = "Plan Completion by Rep XLSX Export"

    _si_xlsx = {
        "groupby": ["date_month:month", "user_id"],
        "columns": _TARGET_COLUMNS,
        "rates": _TARGET_RATES,
        "chart": {"type": "line", "columns": ["amount", "actual_amount"]},
        "order": "date_month, team_id, user_id, id",
    }


class ContractRenewalXlsx(models.AbstractModel):
    _name = "report.sales_intelligence_reports.contract_renewal_xlsx"
    _inherit = "report.sales_intelligence_reports.si_analysis_xlsx"
    _description = "Renewal Pipeline XLSX Export"

    _si_xlsx = {
        "columns": ["name", "partner_id", "team_id", "user_id", "renewal_state",
                    "date_end", "days_to_expiry", "contract_value",
                    "renewal_lead_id"],
        "order": "date_end, id",
        "domain": [("contract_type", "=", "sale")],
    }


class SiDemandAnalysisXlsx(models.AbstractModel):
    _name = "report.sales_intelligence_reports.si_demand_analysis_xlsx"
    _inherit = "report.sales_intelligence_reports.si_analysis_xlsx"
    _description = "Contracted Demand XLSX Export"

    _si_xlsx = {
        "groupby": ["product_id", "date:month"],
        "columns": ["product_qty", "qty_delivered", "qty_to_deliver", "amount",
                    "amount_delivered", "amount_to_deliver", "delivered_rate"],
        "rates": {"delivered_rate": ("amount_delivered", "amount")},
        "order": "date, product_id, id",
    }


class SiRepEvaluationXlsx(models.AbstractModel):
    _name = "report.sales_intelligence_reports.si_rep_evaluation_xlsx"
    _inherit = "report.sales_intelligence_reports.si_analysis_xlsx"
    _description = "Rep Evaluation XLSX Export"

    _si_xlsx = {
        "columns": ["user_id", "team_id", "grade_id", "date_from", "date_to",
                    "score", "completion_rate", "conversion_rate", "activity_rate",
                    "followup_health_rate", "anomaly_count", "proposed_grade_id",
                    "weak_factors"],
        "order": "date_from desc, score desc, id",
    }
