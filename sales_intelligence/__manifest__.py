# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sales Intelligence",
    "summary": "Rep grading, lead matching, lead pool, follow-ups, targets, "
    "daily plans and contract renewals on top of Odoo CRM",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://github.com/sales-intelligence/sales-intelligence",
    "author": "Sales Intelligence contributors",
    "maintainers": ["sales-intelligence"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "depends": [
        "crm",
        "sale_management",
        "sale_crm",
        "account_invoicing",
        "contract",
    ],
    "data": [
        "security/sales_intelligence_security.xml",
        "views/sales_intelligence_menus.xml",
        "views/crm_team_views.xml",
    ],
}
