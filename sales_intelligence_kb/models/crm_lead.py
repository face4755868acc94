# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    kb_article_count = fields.Integer(
        compute="_compute_kb_article_count",
        string="# Relevant Articles",
    )

    def _compute_kb_article_count(self):
        Article = self.env["si.kb.article"]
        for lead in self:
            lead.kb_article_count = Article.search_count(
                Article._relevant_domain(*lead._kb_subjects()))

    def _kb_subjects(self):
        """Industry and products the lead is about: its quotations' products."""
        self.ensure_one()
        products = self.order_ids.order_line.product_id
        return self.industry_id, products

    def action_relevant_knowledge(self):
        self.ensure_one()
        return self.env["si.kb.article"]._relevant_action(
            *self._kb_subjects(), title=_("Relevant Knowledge"))
