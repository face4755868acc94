# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SiKbArticle(models.Model):
    _name = "si.kb.article"
    _description = "Knowledge Article"
    _inherit = ["mail.thread"]
    # reps discuss the articles they read
    _mail_post_access = "read"
    _order = "is_best_practice desc, publish_date desc, id desc"

    name = fields.Char(
        string="Title",
        required=True,
        translate=True,
        track_visibility="onchange",
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
        track_visibility="onchange",
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
        track_visibility="onchange",
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
        default=lambda self: self.env["res.company"]._company_default_get(
            "si.kb.article"),
        help="Leave empty to share the article between companies.",
    )
    is_best_practice = fields.Boolean(
        string="Best Practice",
        track_visibility="onchange",
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
    # case studies
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
        default=lambda self: self.env.user.company_id.currency_id,
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
        compute="_compute_like_count",
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
            article.is_liked = self.env.user in article.liked_user_ids

    def _compute_view_count(self):
        groups = self.env["si.kb.article.reader"].sudo().read_group(
            [("article_id", "in", self.ids)], ["article_id", "view_count"],
            ["article_id"])
        counts = {g["article_id"][0]: g["view_count"] for g in groups}
        for article in self:
            article.view_count = counts.get(article.id, 0)

    @api.depends("required_team_ids", "required_user_ids", "required_grade_ids",
                 "reader_ids.acknowledged")
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
        self.env.cr.execute(
            "SELECT article_id FROM si_kb_article_reader "
            "WHERE user_id = %s AND acknowledged", (self.env.uid,))
        ids = [r[0] for r in self.env.cr.fetchall()]
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]

    @api.model
    def _user_team_ids(self, user):
        teams = self.env["crm.team"].sudo().search(
            ["|", ("member_ids", "in", user.ids), ("user_id", "=", user.id)])
        return teams.ids

    def _required_readers(self):
        self.ensure_one()
        # sudo: team membership is not readable by every rep
        teams = self.sudo().required_team_ids
        users = teams.mapped("member_ids") | teams.mapped("user_id")
        graded = self.env["si.rep"].sudo().search(
            [("grade_id", "in", self.sudo().required_grade_ids.ids),
             ("user_id.active", "=", True)]).mapped("user_id")
        return (users | graded | self.sudo().required_user_ids).sudo(self.env.uid)

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        # the form view reads one article with its body; the ORM's own
        # prefetching reads with load='_classic_write' and is no view
        if (len(self) == 1 and fields and "body" in fields
                and load == "_classic_read"
                and not self.env.context.get("si_kb_no_view")):
            self._register_view()
        return result

    def _register_view(self):
        """One more view of the article by the current user (the form view
        reads the body). A row per reader, updated in place."""
        self.env.cr.execute("""
            INSERT INTO si_kb_article_reader
                   (article_id, user_id, view_count, last_view_date, acknowledged,
                    create_uid, create_date, write_uid, write_date)
            VALUES (%s, %s, 1, now() at time zone 'UTC', false,
                    %s, now() at time zone 'UTC', %s, now() at time zone 'UTC')
            ON CONFLICT (article_id, user_id) DO UPDATE
               SET view_count = si_kb_article_reader.view_count + 1,
                   last_view_date = now() at time zone 'UTC'
        """, (self.id, self.env.uid, self.env.uid, self.env.uid))

    @api.multi
    def action_publish(self):
        self.write({"state": "published", "publish_date": fields.Datetime.now()})

    @api.multi
    def action_unpublish(self):
        self.write({"state": "draft"})

    @api.multi
    def action_toggle_useful(self):
        """A reader marks the article useful, or takes it back. Reps cannot
        write articles: only their own vote is changed."""
        self.ensure_one()
        self.check_access_rule("read")
        user = self.env.user
        command = 3 if user in self.liked_user_ids else 4
        # sudo: a rep may only vote; the command touches their own user only
        self.sudo().write({"liked_user_ids": [(command, user.id)]})

    @api.multi
    def action_acknowledge(self):
        """The current user confirms having read the article."""
        for article in self:
            article.check_access_rule("read")
            if article.state != "published":
                raise UserError(_("Only a published article can be acknowledged."))
            self.env.cr.execute("""
                INSERT INTO si_kb_article_reader
                       (article_id, user_id, view_count, acknowledged,
                        acknowledged_date, create_uid, create_date, write_uid,
                        write_date)
                VALUES (%s, %s, 0, true, now() at time zone 'UTC',
                        %s, now() at time zone 'UTC', %s, now() at time zone 'UTC')
                ON CONFLICT (article_id, user_id) DO UPDATE
                   SET acknowledged = true,
                       acknowledged_date = COALESCE(
                           si_kb_article_reader.acknowledged_date,
                           now() at time zone 'UTC')
            """, (article.id, self.env.uid, self.env.uid, self.env.uid))
        self.env["si.kb.article.reader"].invalidate_cache()
        self.invalidate_cache(["reader_ids"])

    @api.model
    def _prepare_case_study_values(self, lead, key_factors=None, body=None,
                                   products=None, **extra):
        """Values of a case-study article about the won opportunity `lead`.
        The won-deal summary publishes through `_create_case_study`."""
        products = products or lead.mapped("order_ids").filtered(
            lambda order: order.state in ("sale", "done")).mapped(
            "order_line.product_id")
        lines = self.env["si.product.line"].search(
            [("product_ids", "in", products.ids)]) if products else \
            self.env["si.product.line"]
        created = fields.Datetime.from_string(lead.create_date)
        closed = fields.Datetime.from_string(lead.date_closed or lead.write_date)
        values = {
            "name": _("Case study: %s") % (lead.partner_id.commercial_partner_id.name
                                           or lead.name),
            "kind": "case_study",
            "lead_id": lead.id,
            "partner_id": lead.partner_id.commercial_partner_id.id,
            "industry_ids": [(6, 0, lead.industry_id.ids)],
            "product_ids": [(6, 0, products.ids)],
            "product_line_ids": [(6, 0, lines.ids)],
            "key_factors": key_factors,
            "body": body,
            "cycle_days": max((closed - created).days, 0) if created and closed else 0,
            "won_amount": lead.planned_revenue,
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
        action = self.env.ref("sales_intelligence_kb.si_kb_article_action").read()[0]
        action.update({
            "name": title,
            "domain": self._relevant_domain(industries, products),
            "context": {"search_default_group_kind": 1},
        })
        return action


class SiKbArticleReader(models.Model):
    _name = "si.kb.article.reader"
    _description = "Knowledge Article Reader"
    _order = "article_id, user_id"

    article_id = fields.Many2one(
        comodel_name="si.kb.article",
        required=True,
        ondelete="cascade",
        index=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        ondelete="cascade",
        index=True,
    )
    view_count = fields.Integer(
        string="# Views",
    )
    last_view_date = fields.Datetime()
    acknowledged = fields.Boolean()
    acknowledged_date = fields.Datetime()

    _sql_constraints = [
        ("article_user_uniq", "unique(article_id, user_id)",
         "A user has one reading record per article."),
    ]
