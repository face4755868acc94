# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models

from odoo.addons.sales_intelligence.tools.contract_terms import cycle_days


class SiKbArticle(models.Model):
    """Case studies: articles about a won opportunity, written by hand or
    published from the core addon's won-deal summaries."""

    _inherit = "si.kb.article"

    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Opportunity",
        index=True,
        help="The won opportunity a case study tells about.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
    )
    key_factors = fields.Text(
        translate=True,
        help="Why the deal was won.",
    )
    cycle_days = fields.Integer(
        string="Sales Cycle (days)",
    )
    won_amount = fields.Monetary(
        currency_field="currency_id",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        default=lambda self: self.env.company.currency_id,
    )

    @api.model
    def _prepare_case_study_values(self, lead, key_factors=None, body=None,
                                   products=None, **extra):
        """Values of a case-study article about the won opportunity `lead`.
        The won-deal summary publishes through `_create_case_study`."""
        products = products or lead.order_ids.filtered(
            lambda order: order.state == "sale").order_line.product_id
        lines = self.env["si.product.line"].search(
            [("product_ids", "in", products.ids)]) if products else \
            self.env["si.product.line"]
        created = lead.create_date
        closed = lead.date_closed or lead.write_date
        customer = lead.partner_id.commercial_partner_id
        values = {
            "name": _("Case study: %s", customer.name or lead.name),
            "kind": "case_study",
            "lead_id": lead.id,
            "partner_id": customer.id,
            "industry_ids": [Command.set(lead.industry_id.ids)],
            "product_ids": [Command.set(products.ids)],
            "product_line_ids": [Command.set(lines.ids)],
            "key_factors": key_factors,
            "body": body,
            "cycle_days": cycle_days(created, closed),
            "won_amount": lead.expected_revenue,
            "currency_id": lead.company_currency.id or self.env.company.currency_id.id,
            "company_id": lead.company_id.id,
            "author_id": self.env.user.id,
        }
        values.update(extra)
        return values

    @api.model
    def _create_case_study(self, values):
        """Create and publish a case study from `values` (see
        `_prepare_case_study_values`); returns the article."""
        values = dict(values, kind="case_study")
        article = self.create(values)
        article.action_publish()
        return article
