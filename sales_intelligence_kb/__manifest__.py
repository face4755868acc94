# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sales Intelligence - Knowledge Base",
    "summary": "Product lines with value propositions and floor prices, "
    "best product combinations, playbooks and shared sales experience",
    "version": "18.0.1.0.4",
    "category": "Sales",
    "website": "https://github.com/sales-intelligence/sales-intelligence",
    "author": "Sales Intelligence contributors",
    "maintainers": ["sales-intelligence"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["sales_intelligence"],
    "pre_init_hook": "pre_init_hook",
    "data": [
        "security/sales_intelligence_kb_groups.xml",
        "security/ir.model.access.csv",
        "security/si_product_line_security.xml",
        "security/si_kb_security.xml",
        "data/ir_cron_data.xml",
        "data/si_kb_category_data.xml",
        "views/si_product_line_views.xml",
        "views/product_template_views.xml",
        "views/si_bundle_views.xml",
        "views/si_kb_article_views.xml",
        "wizards/si_floor_approval_wizard_views.xml",
        "wizards/si_sale_suggestion_wizard_views.xml",
        "views/sale_order_views.xml",
        "views/crm_lead_views.xml",
        "views/res_config_settings_views.xml",
        "views/si_won_summary_views.xml",
    ],
}
