# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sales Intelligence - Reports",
    "summary": "Plan completion, conversion funnel, lead pool and renewal "
    "reports, XLSX exports and digests for sales managers",
    "version": "18.0.1.0.0",
    "category": "Sales",
    "website": "https://github.com/sales-intelligence/sales-intelligence",
    "author": "Sales Intelligence contributors",
    "maintainers": ["sales-intelligence"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": [
        "sales_intelligence",
        "digest",
        "report_xlsx",
        "sales_intelligence_kb",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/si_report_security.xml",
        "report/si_lead_analysis_views.xml",
        "report/si_plan_completion_analysis_views.xml",
        "report/si_pool_analysis_views.xml",
        "report/si_renewal_analysis_views.xml",
        "report/si_demand_analysis_views.xml",
        "report/si_analysis_xlsx_reports.xml",
        "views/digest_digest_views.xml",
        "data/digest_data.xml",
        "security/si_rep_evaluation_security.xml",
        "data/si_evaluation_rule_data.xml",
        "wizards/si_rep_evaluation_wizard_views.xml",
        "wizards/si_grade_review_wizard_views.xml",
        "views/si_rep_evaluation_views.xml",
        "views/si_rep_evaluation_profile_views.xml",
    ],
}
