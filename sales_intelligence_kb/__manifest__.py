# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sales Intelligence - Knowledge Base",
    "summary": "Product lines with value propositions and floor prices, "
    "best product combinations, playbooks and shared sales experience",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://github.com/sales-intelligence/sales-intelligence",
    "author": "Sales Intelligence contributors",
    "maintainers": ["sales-intelligence"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["sales_intelligence"],
    "data": [
        "security/ir.model.access.csv",
        "security/si_product_line_security.xml",
        "views/si_product_line_views.xml",
    ],
}
