# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class SiKbArticle(models.Model):
    _name = "si.kb.article"
    _description = "Knowledge Article"
    _inherit = ["mail.thread", "si.name.limit.mixin"]
    # reps discuss the articles they read
    _mail_post_access = "read"
    _order = "is_best_practice desc, publish_date desc, id desc"

    name = fields.Char(
        string="Title",
        required=True,
        translate=True,
        tracking=True,
    )
    kind = fields.Selection(
        selection=[
            ("playbook", "Playbook"),
            ("training", "Training"),
            ("case_study", "Case Study"),
            ("faq", "Question and Answer"),
            ("discussion", "Discussion"),
        ],
        required=True,
        default="playbook",
        tracking=True,
    )
    category_id = fields.Many2one(
        comodel_name="si.kb.category",
        index=True,
    )
    tag_ids = fields.Many2many(
        comodel_name="si.kb.tag",
        string="Tags",
    )
    summary = fields.Text(
        translate=True,
        help="Two lines shown on the cards and in search results.",
    )
    body = fields.Html(
        translate=True,
        sanitize=True,
        sanitize_attributes=True,
        strip_style=False,
        help="Scripts and event handlers are removed when the article is saved.",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("published", "Published"),
        ],
        default="draft",
        required=True,
        tracking=True,
        help="Reps see published articles only.",
    )
    publish_date = fields.Datetime(
        readonly=True,
        copy=False,
    )
    author_id = fields.Many2one(
        comodel_name="res.users",
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        help="Leave empty to share the article between companies.",
    )
    is_best_practice = fields.Boolean(
        string="Best Practice",
        tracking=True,
        help="Shown first: the way the team agrees things should be done.",
    )
    product_line_ids = fields.Many2many(
        comodel_name="si.product.line",
        string="Product Lines",
    )
    product_ids = fields.Many2many(
        comodel_name="product.product",
        string="Products",
    )
    industry_ids = fields.Many2many(
        comodel_name="res.partner.industry",
        string="Industries",
    )
    # training
    required_team_ids = fields.Many2many(
        comodel_name="crm.team",
        string="Required Reading for Teams",
        help="Every member and leader of these teams must read and acknowledge "
        "the article.",
    )
    required_user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="si_kb_article_required_user_rel",
        string="Required Reading for Reps",
    )
    required_grade_ids = fields.Many2many(
        comodel_name="si.rep.grade",
        string="Required Reading for Grades",
        help="Every rep whose profile has one of these grades must read and "
        "acknowledge the article (e.g. playbooks for juniors).",
    )
    is_required_reading = fields.Boolean(
        compute="_compute_required",
        search="_search_is_required_reading",
        string="Required Reading for Me",
    )
    is_acknowledged = fields.Boolean(
        compute="_compute_required",
        search="_search_is_acknowledged",
        string="Acknowledged by Me",
    )
    required_count = fields.Integer(
        compute="_compute_required",
        string="# Required Readers",
    )
    acknowledged_count = fields.Integer(
        compute="_compute_required",
        string="# Acknowledged",
    )
    reader_ids = fields.One2many(
        comodel_name="si.kb.article.reader",
        inverse_name="article_id",
        string="Readers",
    )
    # engagement
    liked_user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="si_kb_article_like_rel",
        string="Found Useful By",
        copy=False,
    )
    like_count = fields.Integer(
        compute="_compute_like_count",
        string="# Useful",
        store=True,
    )
    is_liked = fields.Boolean(
        compute="_compute_is_liked",
        string="Useful to Me",
    )
    view_count = fields.Integer(
        compute="_compute_view_count",
        string="# Views",
    )

    @api.depends("liked_user_ids")
    def _compute_like_count(self):
        for article in self:
            article.like_count = len(article.liked_user_ids)

    @api.depends("liked_user_ids")
    @api.depends_context("uid")
    def _compute_is_liked(self):
        for article in self:
            article.is_liked = self.env.user in article.liked_user_ids

    def _compute_view_count(self):
        # sudo: a rep sees the total of views, not who read the article
        counts = dict(self.env["si.kb.article.reader"].sudo()._read_group(
            [("article_id", "in", self.ids)], ["article_id"], ["view_count:sum"]))
        for article in self:
            article.view_count = counts.get(article, 0)

    @api.depends("required_team_ids", "required_user_ids", "required_grade_ids",
                 "reader_ids.acknowledged")
    @api.depends_context("uid")
    def _compute_required(self):
        for article in self:
            required = article._required_readers()
            # sudo: a rep sees the count of acknowledgements, not the readers
            done = article.sudo().reader_ids.filtered("acknowledged").mapped("user_id")
            article.required_count = len(required)
            article.acknowledged_count = len(required & done)
            article.is_required_reading = self.env.user in required
            article.is_acknowledged = self.env.user in done

    def _search_is_required_reading(self, operator, value):
        user = self.env.user
        # sudo: a rep's own grade, from a profile only managers edit
        grade = self.env["si.rep"].sudo().search([("user_id", "=", user.id)]).grade_id
        domain = ["|", "|", ("required_user_ids", "in", user.ids),
                  ("required_team_ids", "in", self._user_team_ids(user)),
                  ("required_grade_ids", "in", grade.ids)]
        positive = (operator == "=") == bool(value)
        return domain if positive else ["!"] + domain

    def _search_is_acknowledged(self, operator, value):
        # sudo: the current user's own acknowledgements only
        acknowledged = self.env["si.kb.article.reader"].sudo()._search([
            ("user_id", "=", self.env.uid), ("acknowledged", "=", True)])
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in",
                 acknowledged.subselect("article_id"))]

    @api.model
    def _user_team_ids(self, user):
        # sudo: team membership is not readable by every rep
        teams = self.env["crm.team"].sudo().search(
            ["|", ("member_ids", "in", user.ids), ("user_id", "=", user.id)])
        return teams.ids

    def _required_readers(self):
        self.ensure_one()
        # sudo: team membership is not readable by every rep
        teams = self.sudo().required_team_ids
        users = teams.member_ids | teams.user_id
        graded = self.env["si.rep"].sudo().search(
            [("grade_id", "in", self.sudo().required_grade_ids.ids),
             ("user_id.active", "=", True)]).user_id
        return (users | graded | self.sudo().required_user_ids).with_env(self.env)

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        # a client reading one article with its body reads the article; the
        # web client goes through web_read (which reads with load=None)
        if (len(self) == 1 and fields and "body" in fields
                and load == "_classic_read"
                and not self.env.context.get("si_kb_no_view")):
            self._register_view()
        return result

    def web_read(self, specification):
        result = super().web_read(specification)
        # the form view opens one article with its body: one more view
        if (len(self) == 1 and "body" in specification
                and not self.env.context.get("si_kb_no_view")):
            self._register_view()
        return result

    def _register_view(self):
        """One more view of the article by the current user. A row per
        reader, updated in place (concurrent views do not conflict)."""
        self.ensure_one()
        Reader = self.env["si.kb.article.reader"]
        Reader.flush_model()
        self.env.cr.execute(SQL(
            """
            INSERT INTO si_kb_article_reader
                   (article_id, user_id, view_count, last_view_date, acknowledged,
                    create_uid, create_date, write_uid, write_date)
            VALUES (%(article_id)s, %(uid)s, 1, now() at time zone 'UTC', false,
                    %(uid)s, now() at time zone 'UTC', %(uid)s,
                    now() at time zone 'UTC')
            ON CONFLICT (article_id, user_id) DO UPDATE
               SET view_count = si_kb_article_reader.view_count + 1,
                   last_view_date = now() at time zone 'UTC'
            """,
            article_id=self.id,
            uid=self.env.uid,
        ))
        # the ORM did not see the row written above
        Reader.invalidate_model()
        self.invalidate_recordset(["reader_ids", "view_count"])

    def action_publish(self):
        self.write({"state": "published", "publish_date": fields.Datetime.now()})

    def action_unpublish(self):
        self.write({"state": "draft"})

    def action_toggle_useful(self):
        """A reader marks the article useful, or takes it back. Reps cannot
        write articles: only their own vote is changed."""
        self.ensure_one()
        self.check_access("read")
        user = self.env.user
        command = (Command.unlink(user.id) if user in self.liked_user_ids
                   else Command.link(user.id))
        # sudo: a rep may only vote; the command touches their own user only
        self.sudo().write({"liked_user_ids": [command]})

    def action_acknowledge(self):
        """The current user confirms having read the article."""
        Reader = self.env["si.kb.article.reader"]
        Reader.flush_model()
        for article in self:
            article.check_access("read")
            if article.state != "published":
                raise UserError(_("Only a published article can be acknowledged."))
            self.env.cr.execute(SQL(
                """
                INSERT INTO si_kb_article_reader
                       (article_id, user_id, view_count, acknowledged,
                        acknowledged_date, create_uid, create_date, write_uid,
                        write_date)
                VALUES (%(article_id)s, %(uid)s, 0, true, now() at time zone 'UTC',
                        %(uid)s, now() at time zone 'UTC', %(uid)s,
                        now() at time zone 'UTC')
                ON CONFLICT (article_id, user_id) DO UPDATE
                   SET acknowledged = true,
                       acknowledged_date = COALESCE(
                           si_kb_article_reader.acknowledged_date,
                           now() at time zone 'UTC')
                """,
                article_id=article.id,
                uid=self.env.uid,
            ))
        # the ORM did not see the rows written above (nor what depends on them)
        Reader.invalidate_model()
        self.invalidate_recordset(["reader_ids", "required_count",
                                   "acknowledged_count", "is_acknowledged"])

    @api.model
    def _relevant_domain(self, industries, products):
        """Published articles and case studies about these industries or
        products, or the product lines of these products."""
        domain = [("state", "=", "published")]
        if not industries and not products:
            return domain
        lines = self.env["si.product.line"].search(
            [("product_ids", "in", products.ids)]) if products else []
        return domain + ["|", "|", ("industry_ids", "in", industries.ids),
                         ("product_ids", "in", products.ids),
                         ("product_line_ids", "in", lines and lines.ids or [])]

    @api.model
    def _relevant_action(self, industries, products, title):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence_kb.si_kb_article_action")
        action.update({
            "name": title,
            "domain": self._relevant_domain(industries, products),
            "context": {"search_default_group_kind": 1},
        })
        return action
