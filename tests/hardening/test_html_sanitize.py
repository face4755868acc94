"""Rich text the product stores is sanitised when written: no <script>, no
event handler attribute, no javascript: link survives in the knowledge base
articles or the product lines' value propositions, whoever writes them. The
follow-ups' content and the won-deal summaries are plain text (fields.Text):
the web client shows them escaped, so markup in them never runs."""
from odoo.addons.sales_intelligence.tests.common import SalesIntelligenceCase

DIRTY = ('<p onclick="alert(1)">Fast delivery</p><script>alert("x")</script>'
         '<img src="x.png" onerror="alert(2)"/>'
         '<a href="javascript:alert(3)">demo</a>'
         '<a href="https://example.com/sheet">sheet</a>')


class TestHtmlSanitize(SalesIntelligenceCase):

    def assertClean(self, html):
        html = str(html)
        for bad in ("<script", "alert(", "onerror", "onclick", "javascript:"):
            self.assertNotIn(bad, html)
        self.assertIn("Fast delivery", html)
        self.assertIn('href="https://example.com/sheet"', html)

    def test_kb_article_body(self):
        Article = self.env["si.kb.article"].with_user(self.manager)
        article = Article.create({"name": "SI sanitised", "body": DIRTY})
        self.assertClean(article.body)
        article.write({"body": DIRTY})
        self.assertClean(article.body)

    def test_product_line_value_proposition(self):
        line = self.env["si.product.line"].with_user(self.manager).create({
            "name": "SI sanitised line", "value_proposition": DIRTY})
        self.assertClean(line.value_proposition)

    def test_plain_text_fields(self):
        for model, fname in (("si.lead.followup", "content"),
                             ("si.won.summary", "note"),
                             ("si.won.summary", "key_work")):
            self.assertEqual(self.env[model]._fields[fname].type, "text",
                             (model, fname))
