# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import KnowledgeBaseCase


class TestCaseStudy(KnowledgeBaseCase):
    """A manager publishes a won-deal summary: it becomes a case study."""

    def test_published_summary_becomes_a_case_study(self):
        lead = self._create_lead("KB won deal", partner_id=self.customer.id,
                                 expected_revenue=8000.0)
        lead.with_user(self.rep).action_set_won()
        summary = lead.won_summary_id
        price = self.env.ref("sales_intelligence.si_won_factor_price")
        summary.with_user(self.rep).write({
            "state": "done", "factor_ids": [(6, 0, price.ids)],
            "competitors": "Acme <script>alert(1)</script>",
            "key_work": "Two site visits and a pilot"})
        summary.with_user(self.manager).action_publish()
        article = summary.article_id
        self.assertEqual((article.kind, article.state, article.lead_id),
                         ("case_study", "published", lead))
        self.assertEqual(article.industry_ids, self.industry)
        self.assertIn(price.name, article.key_factors)
        self.assertIn("Two site visits", article.body)
        self.assertNotIn("<script>", article.body)
        found = self.env["si.kb.article"].with_user(self.rep2).search(
            [("kind", "=", "case_study"), ("lead_id", "=", lead.id)])
        self.assertEqual(found, article)
        # unpublishing withdraws the article; publishing again reuses it
        summary.with_user(self.manager).action_unpublish()
        self.assertNotEqual(article.state, "published")
        summary.with_user(self.manager).action_publish()
        self.assertEqual(summary.article_id, article)
        self.assertEqual(article.state, "published")
