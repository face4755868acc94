# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.sales_intelligence.tools.association import net_unit_price, premium


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
                 "floor_approval_key")
    def _compute_floor_state(self):
        for order in self:
            if not order.order_line.filtered("is_below_floor"):
                order.floor_state = "ok"
            elif order.floor_approval_key == order._floor_approval_key():
                order.floor_state = "approved"
            else:
                order.floor_state = "to_approve"

    @api.depends("order_line.price_subtotal")
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
        return industry, self.order_line.mapped("product_id")

    @api.multi
    def action_confirm(self):
        lines = self.mapped("order_line")
        # floor prices may have changed since the quotation was written
        lines.modified(["product_id"])
        self.recompute()
        for order in self.filtered(lambda rec: rec.floor_state == "to_approve"):
            below = ", ".join(order.order_line.filtered(
                "is_below_floor").mapped("product_id.display_name"))
            if self.env.user.has_group("sales_team.group_sale_manager"):
                raise UserError(_(
                    "Quotation %(order)s sells below the floor price (%(products)s). "
                    "Approve these prices with the button 'Approve Below Floor', "
                    "giving a reason, then confirm.")
                    % {"order": order.name, "products": below})
            raise UserError(_(
                "Quotation %(order)s sells below the floor price (%(products)s). "
                "A sales manager must approve these prices before the order can "
                "be confirmed: ask your manager, or raise the prices.")
                % {"order": order.name, "products": below})
        return super().action_confirm()

    @api.multi
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

    @api.multi
    def action_relevant_knowledge(self):
        self.ensure_one()
        return self.env["si.kb.article"]._relevant_action(
            *self._kb_subjects(), title=_("Relevant Knowledge"))

    @api.multi
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
        parts = ["%d:%d:%.4f:%d" % (line.id or 0, line.product_id.id,
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
            order.message_post(body=_(
                "Prices below the floor price approved by %(user)s for "
                "%(products)s. Reason: %(reason)s") % {
                    "user": self.env.user.name,
                    "products": ", ".join(below.mapped("product_id.display_name")),
                    "reason": reason})


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    floor_price = fields.Monetary(
        compute="_compute_floor_price",
        groups="sales_intelligence_kb.group_floor_price",
        help="The product's floor price per unit, in the order's currency and "
        "unit of measure.",
    )
    is_below_floor = fields.Boolean(
        compute="_compute_is_below_floor",
        store=True,
        string="Below Floor",
        help="The unit price after discount is below the floor price.",
    )
    premium_amount = fields.Monetary(
        compute="_compute_floor_price",
        groups="sales_intelligence_kb.group_floor_price",
        help="(Net unit price - floor price) x quantity: what was sold above "
        "the floor price.",
    )
    premium_rate = fields.Float(
        compute="_compute_floor_price",
        groups="sales_intelligence_kb.group_floor_price",
        help="Net unit price above the floor price, as a share of the floor price.",
    )

    # Only the flag is stored: Odoo 11 writes stored computed fields with the
    # access rights of the current user, and reps may not see floor prices.
    @api.depends("product_id", "product_uom", "price_unit", "discount",
                 "order_id.currency_id", "order_id.date_order")
    def _compute_is_below_floor(self):
        for line in self:
            floor = line._floor_price_in_order_currency()
            net = net_unit_price(line.price_unit, line.discount)
            currency = line.currency_id or line.order_id.company_id.currency_id
            line.is_below_floor = bool(floor) and currency.compare_amounts(
                net, floor) < 0

    @api.depends("product_id", "product_uom", "product_uom_qty", "price_unit",
                 "discount", "order_id.currency_id", "order_id.date_order")
    def _compute_floor_price(self):
        for line in self:
            floor = line._floor_price_in_order_currency()
            amount, rate = premium(
                net_unit_price(line.price_unit, line.discount), floor)
            line.floor_price = floor
            line.premium_amount = amount * line.product_uom_qty if floor else 0.0
            line.premium_rate = rate

    def _floor_price_in_order_currency(self):
        self.ensure_one()
        if not self.product_id:
            return 0.0
        floor = self.product_id._get_floor_price()
        if not floor:
            return 0.0
        if self.product_uom and self.product_uom != self.product_id.uom_id:
            floor = self.product_id.uom_id._compute_price(floor, self.product_uom)
        company_currency = (self.order_id.company_id or self.env.user.company_id
                            ).currency_id
        currency = self.order_id.currency_id
        if currency and currency != company_currency:
            floor = company_currency.with_context(
                date=self.order_id.date_order).compute(floor, currency)
        return floor
