# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

from .common import KnowledgeBaseCase


class TestKbArticle(KnowledgeBaseCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create({"name": "KB Team"})
        cls.env["crm.team.member"].create(
            {"crm_team_id": cls.team.id, "user_id": cls.rep.id})
        cls.product_line = cls.env["si.product.line"].create({
            "name": "KB Line", "code": "KB-ART",
            "product_ids": [(6, 0, cls.product_c.ids)]})
        Article = cls.env["si.kb.article"]
        cls.article = Article.create({
            "name": "Answering 'too expensive'",
            "kind": "playbook",
            "body": "<p>Show the premium room of the zebracorn offer.</p>",
            "industry_ids": [(6, 0, cls.industry.ids)],
        })
        cls.article.action_publish()
        cls.draft = Article.create({"name": "Unfinished thoughts", "body": "<p>x</p>"})
        cls.unrelated = Article.create({"name": "Other industry"})
        cls.unrelated.action_publish()

    def test_rep_reads_published_only_and_cannot_write(self):
        Article = self.env["si.kb.article"].with_user(self.rep)
        visible = Article.search([])
        self.assertIn(self.article, visible)
        self.assertNotIn(self.draft, visible)
        with self.assertRaises(AccessError):
            self.draft.with_user(self.rep).read(["name"])
        with self.assertRaises(AccessError):
            self.article.with_user(self.rep).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            Article.create({"name": "Mine"})
        self.assertIn(self.draft,
                      self.env["si.kb.article"].with_user(self.manager).search([]))

    def test_finance_has_no_access(self):
        with self.assertRaises(AccessError):
            self.article.with_user(self.finance).read(["name"])

    def test_body_is_sanitised(self):
        article = self.env["si.kb.article"].with_user(self.manager).create({
            "name": "Injected",
            "body": '<p>Fine</p><script>alert("x")</script>'
                    '<img src="x.png" onerror="alert(1)"/>'
                    '<a href="javascript:alert(2)">link</a>',
        })
        self.assertIn("Fine", article.body)
        self.assertNotIn("<script", article.body)
        self.assertNotIn("onerror", article.body)
        self.assertNotIn("javascript:", article.body)

    def test_full_text_search(self):
        found = self.env["si.kb.article"].with_user(self.rep).search(
            ["|", ("name", "ilike", "zebracorn"), ("body", "ilike", "zebracorn")])
        self.assertEqual(found, self.article)

    def test_useful_votes(self):
        self.article.with_user(self.rep).action_toggle_useful()
        self.article.with_user(self.rep2).action_toggle_useful()
        self.assertEqual(self.article.like_count, 2)
        self.assertTrue(self.article.with_user(self.rep).is_liked)
        self.article.with_user(self.rep).action_toggle_useful()
        self.assertEqual(self.article.like_count, 1)
        self.assertFalse(self.article.with_user(self.rep).is_liked)
        self.assertTrue(self.article.with_user(self.rep2).is_liked)
        with self.assertRaises(AccessError):
            self.draft.with_user(self.rep).action_toggle_useful()

    def test_view_counts_per_reader(self):
        self.article.with_user(self.rep).read(["name", "body"])
        # the form view of the web client
        self.article.with_user(self.rep).web_read({"name": {}, "body": {}})
        self.article.with_user(self.rep2).read(["name", "body"])
        self.article.with_user(self.rep).read(["name"])  # a list view: no view
        self.article.with_user(self.rep).web_read({"name": {}})
        self.assertEqual(self.article.view_count, 3)
        readers = self.env["si.kb.article.reader"].search(
            [("article_id", "=", self.article.id)])
        self.assertEqual(sorted(readers.mapped("view_count")), [1, 2])
        # a rep sees their own reading only
        own = self.env["si.kb.article.reader"].with_user(self.rep).search(
            [("article_id", "=", self.article.id)])
        self.assertEqual(own.user_id, self.rep)

    def test_required_reading_for_a_team_and_a_rep(self):
        self.article.write({"required_team_ids": [(6, 0, self.team.ids)]})
        self.unrelated.write({"required_user_ids": [(6, 0, self.rep2.ids)]})
        mine = self.env["si.kb.article"].with_user(self.rep).search(
            [("is_required_reading", "=", True)])
        self.assertEqual(mine, self.article)
        theirs = self.env["si.kb.article"].with_user(self.rep2).search(
            [("is_required_reading", "=", True)])
        self.assertEqual(theirs, self.unrelated)
        self.assertEqual(self.article.required_count, 1)
        self.assertEqual(self.article.acknowledged_count, 0)
        self.article.with_user(self.rep).action_acknowledge()
        self.assertTrue(self.article.with_user(self.rep).is_acknowledged)
        self.assertEqual(self.article.acknowledged_count, 1)
        todo = self.env["si.kb.article"].with_user(self.rep).search(
            [("is_required_reading", "=", True), ("is_acknowledged", "=", False)])
        self.assertFalse(todo)
        # acknowledging twice keeps the first date
        reader = self.article.reader_ids
        first = reader.acknowledged_date
        self.article.with_user(self.rep).action_acknowledge()
        self.assertEqual(reader.acknowledged_date, first)

    def test_required_reading_for_a_grade(self):
        junior = self.env.ref("sales_intelligence.si_rep_grade_c")
        self.env["si.rep"].create({"user_id": self.rep2.id, "grade_id": junior.id})
        self.article.write({"required_grade_ids": [(6, 0, junior.ids)]})
        self.assertIn(self.rep2, self.article._required_readers())
        self.assertNotIn(self.rep, self.article._required_readers())
        theirs = self.env["si.kb.article"].with_user(self.rep2).search(
            [("is_required_reading", "=", True)])
        self.assertIn(self.article, theirs)
        mine = self.env["si.kb.article"].with_user(self.rep).search(
            [("is_required_reading", "=", True)])
        self.assertNotIn(self.article, mine)

    def test_draft_cannot_be_acknowledged(self):
        with self.assertRaises(UserError):
            self.draft.action_acknowledge()

    def test_reps_discuss_an_article(self):
        self.article.with_user(self.rep).message_post(
            body="Worked for me at a bank", message_type="comment")
        self.assertTrue(self.article.message_ids.filtered(
            lambda m: "Worked for me" in (m.body or "")))

    def test_case_study_from_a_won_opportunity(self):
        lead = self._create_lead("KB won deal", partner_id=self.customer.id,
                                 expected_revenue=5000.0)
        order = self._quotation([(self.product_c, 1, 200.0, 0.0)],
                                opportunity_id=lead.id)
        order.action_confirm()
        Article = self.env["si.kb.article"].with_user(self.manager)
        values = Article._prepare_case_study_values(
            lead, key_factors="Fast demo; reference customer")
        article = Article._create_case_study(values)
        self.assertEqual(article.kind, "case_study")
        self.assertEqual(article.state, "published")
        self.assertEqual(article.lead_id, lead)
        self.assertEqual(article.industry_ids, self.industry)
        self.assertEqual(article.product_ids, self.product_c)
        self.assertEqual(article.product_line_ids, self.product_line)
        self.assertEqual(article.won_amount, 5000.0)
        self.assertIn(article, self.env["si.kb.article"].with_user(self.rep).search(
            [("kind", "=", "case_study")]))

    def test_relevant_knowledge_of_a_lead_and_a_quotation(self):
        lead = self._create_lead("KB lead", partner_id=self.customer.id)
        self.assertEqual(lead.industry_id, self.industry)
        action = lead.with_user(self.rep).action_relevant_knowledge()
        found = self.env["si.kb.article"].with_user(self.rep).search(action["domain"])
        self.assertIn(self.article, found)
        self.assertNotIn(self.unrelated, found)
        self.assertEqual(lead.with_user(self.rep).kb_article_count, len(found))
        # products reach articles through their product line too
        line_article = self.env["si.kb.article"].create({
            "name": "Installation tips",
            "product_line_ids": [(6, 0, self.product_line.ids)]})
        line_article.action_publish()
        other = self.env["res.partner"].create({"name": "No industry"})
        order = self._quotation([(self.product_c, 1, 200.0, 0.0)],
                                partner_id=other.id)
        action = order.with_user(self.rep).action_relevant_knowledge()
        found = self.env["si.kb.article"].with_user(self.rep).search(action["domain"])
        self.assertEqual(found, line_article)

    def test_other_company_articles_are_hidden(self):
        other = self.env["res.company"].create({"name": "KB Other Co"})
        hidden = self.env["si.kb.article"].create({
            "name": "Other company secret", "company_id": other.id,
            "state": "published"})
        self.assertNotIn(
            hidden, self.env["si.kb.article"].with_user(self.rep).search([]))
