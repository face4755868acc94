# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, fields, models
from odoo.tools import plaintext2html


class SiWonSummary(models.Model):
    """Published won-deal summaries become case studies of the knowledge base."""

    _inherit = "si.won.summary"

    article_id = fields.Many2one(
        comodel_name="si.kb.article",
        string="Case Study",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    def _publish_case_study(self):
        Article = self.env["si.kb.article"]
        for summary in self:
            if summary.article_id:
                summary.article_id.action_publish()
                continue
            values = Article._prepare_case_study_values(
                summary.lead_id,
                key_factors=", ".join(summary.factor_ids.mapped("name")),
                body=summary._case_study_body(),
                products=summary.product_ids or None,
            )
            summary.article_id = Article._create_case_study(values)
        return super()._publish_case_study()

    def action_unpublish(self):
        res = super().action_unpublish()
        self.article_id.action_unpublish()
        return res

    def _case_study_body(self):
        """The summary's own words as the article's body (escaped)."""
        self.ensure_one()
        parts = [
            (_("Competitors"), self.competitors),
            (_("The work that mattered"), self.key_work),
            (_("Notes"), self.note),
        ]
        return Markup("").join(Markup("<h3>%s</h3>%s") % (title, plaintext2html(text))
                               for title, text in parts if text)
