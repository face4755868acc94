# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.contract_terms import cycle_days
from .si_lead_followup import FOLLOWUP_CHANNELS


class SiWonSummary(models.Model):
    """Why and how a deal was won: made when an opportunity is won, completed
    by the rep (factors, competitors, the work that mattered); cycle time and
    work done are measured from the lead's history. Managers publish the best
    ones as case studies."""

    _name = "si.won.summary"
    _description = "Won-deal Summary"
    _inherit = ["mail.thread"]
    _order = "date_won desc, id desc"
    _rec_name = "lead_id"

    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Opportunity",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    state = fields.Selection(
        selection=[("draft", "To Complete"), ("done", "Completed")],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        help="A summary is completed once the rep gave the factors that won "
        "the deal.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        readonly=True,
        index=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        readonly=True,
        index=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        readonly=True,
        index=True,
    )
    industry_id = fields.Many2one(
        comodel_name="res.partner.industry",
        string="Industry",
        readonly=True,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
        readonly=True,
    )
    date_won = fields.Date(
        readonly=True,
        index=True,
    )
    amount = fields.Monetary(
        string="Won Amount",
        readonly=True,
        help="Expected revenue of the opportunity when it was won.",
    )
    cycle_days = fields.Integer(
        string="Cycle (days)",
        readonly=True,
        aggregator="avg",
        help="Days from the creation of the lead to the won deal.",
    )
    factor_ids = fields.Many2many(
        comodel_name="si.won.factor",
        relation="si_won_summary_factor_rel",
        column1="summary_id",
        column2="factor_id",
        string="Key Factors",
        help="What won the deal, from the list managers maintain.",
    )
    competitors = fields.Char(
        help="Competitors met in this deal.",
    )
    key_work = fields.Text(
        string="Work That Mattered",
        help="The actions that made the difference: visits, demos, trials, "
        "proposals...",
    )
    note = fields.Text(
        string="Other Factors",
        help="Factors not in the list, in the rep's own words.",
    )
    product_ids = fields.Many2many(
        comodel_name="product.product",
        relation="si_won_summary_product_rel",
        column1="summary_id",
        column2="product_id",
        string="Products",
        help="Products of the confirmed quotations of the opportunity.",
    )
    work_ids = fields.One2many(
        comodel_name="si.won.work",
        inverse_name="summary_id",
        string="Work Done",
        readonly=True,
    )
    followup_count = fields.Integer(
        string="# Follow-ups",
        readonly=True,
    )
    activity_count = fields.Integer(
        string="# Activities Done",
        readonly=True,
    )
    is_published = fields.Boolean(
        string="Published",
        readonly=True,
        index=True,
        copy=False,
        tracking=True,
        help="Published by a manager as a case study of the knowledge base.",
    )

    _sql_constraints = [
        ("lead_uniq", "unique (lead_id)",
         "An opportunity has only one won-deal summary."),
    ]

    # --- actions ------------------------------------------------------------
    def action_complete(self):
        """Open the wizard that completes (or corrects) this summary."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence.si_won_summary_wizard_action")
        action["context"] = {"default_summary_id": self.id}
        return action

    def action_publish(self):
        """Publish as a case study (managers only)."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._("Only sales managers publish case studies."))
        incomplete = self.filtered(lambda rec: rec.state != "done")
        if incomplete:
            raise UserError(self.env._(
                "Complete the summary of \"%s\" before publishing it.",
                incomplete[0].lead_id.name))
        self.write({"is_published": True})
        self._publish_case_study()
        return True

    def action_unpublish(self):
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._("Only sales managers publish case studies."))
        self.write({"is_published": False})
        return True

    # --- business methods -----------------------------------------------------
    def _publish_case_study(self):
        """Hook: the knowledge-base addon turns published summaries into case
        studies. Nothing to do in the core."""
        return True

    @api.model
    def _prepare_from_lead(self, lead):
        """Values of the summary of won `lead`, measured from its history."""
        created = lead.create_date
        closed = lead.date_closed or fields.Datetime.now()
        orders = lead.order_ids.filtered(lambda o: o.state == "sale")
        partner = lead.partner_id.commercial_partner_id
        work = self._prepare_work(lead)
        return {
            "lead_id": lead.id,
            "partner_id": partner.id,
            "user_id": lead.user_id.id,
            "team_id": lead.team_id.id,
            "industry_id": lead.industry_id.id or partner.industry_id.id,
            "company_id": (lead.company_id or self.env.company).id,
            "date_won": closed.date(),
            "amount": lead.expected_revenue,
            "cycle_days": cycle_days(created, closed),
            "product_ids": [Command.set(orders.order_line.product_id.ids)],
            "work_ids": [Command.create(vals) for vals in work],
            "followup_count": sum(
                w["count"] for w in work if w["work_type"] == "followup"),
            "activity_count": sum(
                w["count"] for w in work if w["work_type"] == "activity"),
        }

    @api.model
    def _prepare_work(self, lead):
        """Work done on `lead`: follow-ups by channel and done activities by
        type, counted with two grouped queries."""
        channels = dict(FOLLOWUP_CHANNELS)
        work = []
        # counts only, over everyone's follow-ups and messages of the lead
        # (see _create_for_leads), hence sudo
        groups = self.env["si.lead.followup"].sudo()._read_group(
            [("lead_id", "=", lead.id), ("kind", "=", "followup")],
            ["channel"], ["__count"])
        for channel, count in groups:
            work.append({
                "work_type": "followup",
                "name": channels.get(channel) or self.env._("Other"),
                "count": count,
            })
        groups = self.env["mail.message"].sudo()._read_group(
            [("model", "=", "crm.lead"), ("res_id", "=", lead.id),
             ("mail_activity_type_id", "!=", False)],
            ["mail_activity_type_id"], ["__count"])
        for activity_type, count in groups:
            work.append({
                "work_type": "activity",
                "name": activity_type.name,
                "count": count,
            })
        return work

    @api.model
    def _create_for_leads(self, leads):
        """A summary for each of these won opportunities that has none yet."""
        existing = self.sudo().search([("lead_id", "in", leads.ids)]).lead_id
        summaries = self.browse()
        Summary = self.sudo().with_context(mail_create_nosubscribe=True,
                                           mail_create_nolog=True)
        for lead in leads - existing:
            # The rep who wins a deal may not read every follow-up or message
            # of it, nor its confirmed orders' lines; only counts and product
            # ids are copied into the summary, which the rep then owns.
            summaries |= Summary.create(Summary._prepare_from_lead(lead.sudo()))
        return self.browse(summaries.ids)

    @api.model
    def _factor_counts_by_user(self, users):
        """{user id: {factor id: number of won deals}} of `users`, from the
        factors of their summaries: evidence of each rep's strengths."""
        groups = self.env["si.won.analysis"]._read_group(
            [("dimension", "=", "factor"), ("user_id", "in", users.ids)],
            ["user_id", "factor_id"], ["__count"])
        counts = {user.id: {} for user in users}
        for user, factor, count in groups:
            counts[user.id][factor.id] = count
        return counts


class SiWonWork(models.Model):
    """One kind of work done on a won deal and how many times."""

    _name = "si.won.work"
    _description = "Won-deal Work Done"
    _order = "summary_id, work_type desc, count desc"

    summary_id = fields.Many2one(
        comodel_name="si.won.summary",
        string="Summary",
        required=True,
        ondelete="cascade",
        index=True,
    )
    work_type = fields.Selection(
        selection=[("followup", "Follow-up"), ("activity", "Activity")],
        string="Type",
        required=True,
    )
    name = fields.Char(
        string="Channel / Activity",
        required=True,
    )
    count = fields.Integer()
