# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.sales_intelligence.tools.association import net_unit_price


class SaleOrder(models.Model):
    _inherit = "sale.order"

    floor_state = fields.Selection(
        selection=[
            ("ok", "At or above floor"),
            ("to_approve", "Below floor: approval needed"),
            ("approved", "Below floor: approved"),
        ],
        compute="_compute_floor_state",
        store=True,
        string="Floor Price Check",
        help="A quotation with a line below its product's floor price can only "
        "be confirmed after a sales manager approved these prices.",
    )
    floor_approval_key = fields.Char(
        copy=False,
        readonly=True,
        help="The below-floor lines and prices the manager approved; any change "
        "of them asks for a new approval.",
    )
    floor_approved_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Floor Price Approved By",
        copy=False,
        readonly=True,
    )
    floor_approval_date = fields.Datetime(
        copy=False,
        readonly=True,
    )
    floor_approval_reason = fields.Text(
        copy=False,
        readonly=True,
    )
    premium_amount = fields.Monetary(
        compute="_compute_premium_amount",
        groups="sales_intelligence_kb.group_floor_price",
        help="Amount sold above the floor prices (negative: below them).",
    )
    kb_article_count = fields.Integer(
        compute="_compute_kb_article_count",
        string="# Relevant Articles",
    )

    @api.depends("order_line.is_below_floor", "order_line.price_unit",
                 "order_line.discount", "order_line.product_id",
                 "order_line.product_uom", "floor_approval_key")
    def _compute_floor_state(self):
        for order in self:
            if not order.order_line.filtered("is_below_floor"):
                order.floor_state = "ok"
            elif order.floor_approval_key == order._floor_approval_key():
                order.floor_state = "approved"
            else:
                order.floor_state = "to_approve"

    @api.depends("order_line.premium_amount")
    def _compute_premium_amount(self):
        for order in self:
            order.premium_amount = sum(order.order_line.mapped("premium_amount"))

    def _compute_kb_article_count(self):
        Article = self.env["si.kb.article"]
        for order in self:
            order.kb_article_count = Article.search_count(
                Article._relevant_domain(*order._kb_subjects()))

    def _kb_subjects(self):
        self.ensure_one()
        industry = (self.opportunity_id.industry_id
                    or self.partner_id.commercial_partner_id.industry_id)
        return industry, self.order_line.product_id

    def _refresh_floor_state(self):
        """Check the lines again against the current floor prices: they may
        have changed since the quotation was written. Only the floor flag and
        state are recomputed, never the prices."""
        lines = self.order_line
        self.env.add_to_compute(lines._fields["is_below_floor"], lines)
        self.env.add_to_compute(self._fields["floor_state"], self)

    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error or self.state not in ("draft", "sent"):
            return error
        self._refresh_floor_state()
        if self.floor_state != "to_approve":
            return error
        below = ", ".join(self.order_line.filtered(
            "is_below_floor").product_id.mapped("display_name"))
        if self.env.user.has_group("sales_team.group_sale_manager"):
            return _(
                "Quotation %(order)s sells below the floor price (%(products)s). "
                "Approve these prices with the button 'Approve Below Floor', "
                "giving a reason, then confirm.",
                order=self.name, products=below)
        return _(
            "Quotation %(order)s sells below the floor price (%(products)s). "
            "A sales manager must approve these prices before the order can "
            "be confirmed: ask your manager, or raise the prices.",
            order=self.name, products=below)

    def action_open_floor_approval(self):
        self.ensure_one()
        self._check_floor_approver()
        return {
            "type": "ir.actions.act_window",
            "name": _("Approve Below Floor"),
            "res_model": "si.floor.approval.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_relevant_knowledge(self):
        self.ensure_one()
        return self.env["si.kb.article"]._relevant_action(
            *self._kb_subjects(), title=_("Relevant Knowledge"))

    def action_suggest_products(self):
        self.ensure_one()
        wizard = self.env["si.sale.suggestion.wizard"].create(
            {"order_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Products Often Sold Together"),
            "res_model": "si.sale.suggestion.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _check_floor_approver(self):
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(_(
                "Only a sales manager can approve prices below the floor price."))

    def _floor_approval_key(self):
        """What an approval covers: each below-floor line with its product, net
        unit price and unit of measure."""
        self.ensure_one()
        parts = ["%d:%d:%.4f:%d" % (line._origin.id or 0, line.product_id.id,
                                    net_unit_price(line.price_unit, line.discount),
                                    line.product_uom.id)
                 for line in self.order_line.filtered("is_below_floor")]
        return ";".join(sorted(parts))

    def _approve_floor_prices(self, reason):
        """Record the approval of the current below-floor prices and log it."""
        self._check_floor_approver()
        if not (reason or "").strip():
            raise UserError(_("Give the reason for selling below the floor price."))
        for order in self:
            below = order.order_line.filtered("is_below_floor")
            order.write({
                "floor_approval_key": order._floor_approval_key(),
                "floor_approved_by_id": self.env.user.id,
                "floor_approval_date": fields.Datetime.now(),
                "floor_approval_reason": reason,
            })
            order.message_post(
                body=_(
                    "Prices below the floor price approved by %(user)s for "
                    "%(products)s. Reason: %(reason)s",
                    user=self.env.user.name,
                    products=", ".join(below.product_id.mapped("display_name")),
                    reason=reason),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
