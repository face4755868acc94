# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sales Intelligence KPIs of Odoo's periodic digest.

Odoo computes each KPI as the recipient (``with_user``) and in the
recipient's company, once per timeframe of the mail (last 24 hours, 7 days,
30 days and the timeframes before them, given as ``start_datetime`` and
``end_datetime`` in the context). Every figure here is read through the ORM
with that environment: the recipient's record rules apply (a rep counts own
leads, pools shown to them...), and a recipient without access to a model
loses that KPI only (Odoo skips KPIs raising ``AccessError``). The figures
cover the recipient's own teams (led or joined); a user without a team gets
the whole company, as far as their rules let them see it."""
from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.sales_intelligence.models.contract_contract_renewal import (
    DEFAULT_NOTICE_DAYS,
)

# KPIs shown as percentages in the mail
_PERCENT_KPIS = ("kpi_si_plan_completion", "kpi_si_cost_of_sale",
                 "kpi_si_conversion")
# Set once the sales managers were subscribed to the shipped digest
_SUBSCRIBED_MARKER = "sales_intelligence_reports.digest_managers_subscribed"
# Days ahead in which a contract entering its renewal notice counts as due
RENEWAL_HORIZON_DAYS = 30


class DigestDigest(models.Model):
    _inherit = "digest.digest"

    kpi_si_plan_completion = fields.Boolean(
        string="Plan Completion (%)",
        help="Actual results / targets of the confirmed plans' team lines for "
        "the months of the period (a rep without team targets: own targets).",
    )
    kpi_si_plan_completion_value = fields.Float(
        compute="_compute_kpi_si_plan_completion_value",
    )
    kpi_si_cost_of_sale = fields.Boolean(
        string="Cost of Sale (%)",
        help="Approved and posted expenses / actual results of the same target "
        "lines (the plan's expense budget, from Odoo Expenses).",
    )
    kpi_si_cost_of_sale_value = fields.Float(
        compute="_compute_kpi_si_cost_of_sale_value",
    )
    kpi_si_conversion = fields.Boolean(
        string="Conversion Rate (%)",
        help="Won leads / conversion base of the leads received in the period.",
    )
    kpi_si_conversion_value = fields.Float(
        compute="_compute_kpi_si_conversion_value",
    )
    kpi_si_dormant = fields.Boolean(
        string="Dormant Leads",
        help="Open leads currently dormant.",
    )
    kpi_si_dormant_value = fields.Integer(
        compute="_compute_kpi_si_dormant_value",
    )
    kpi_si_anomaly = fields.Boolean(
        string="Anomalies Opened",
        help="Sales anomalies raised in the period.",
    )
    kpi_si_anomaly_value = fields.Integer(
        compute="_compute_kpi_si_anomaly_value",
    )
    kpi_si_renewal_due = fields.Boolean(
        string="Renewals Due",
        help="Customer contracts entering their renewal notice in the next 30 "
        "days.",
    )
    kpi_si_renewal_due_value = fields.Integer(
        compute="_compute_kpi_si_renewal_due_value",
    )
    kpi_si_pool_recycled = fields.Boolean(
        string="Leads Recycled to Pool",
        help="Leads the pool rules recycled in the period.",
    )
    kpi_si_pool_recycled_value = fields.Integer(
        compute="_compute_kpi_si_pool_recycled_value",
    )
    kpi_si_pool_claimed = fields.Boolean(
        string="Leads Claimed from Pool",
        help="Pool leads claimed by reps in the period.",
    )
    kpi_si_pool_claimed_value = fields.Integer(
        compute="_compute_kpi_si_pool_claimed_value",
    )

    # --- scope: period, company, the recipient's teams ---------------------
    def _si_scope(self):
        """(start, end, company, team domain builder) of this digest as the
        current user, who is the recipient when Odoo computes the KPIs."""
        self.ensure_one()
        start, end, __ = self._get_kpi_compute_parameters()
        company = self.company_id or self.env.company
        user = self.env.user
        teams = self.env["crm.team"].search([
            ("company_id", "in", [company.id, False]),
            "|", ("user_id", "=", user.id), ("member_ids", "in", [user.id]),
        ])

        def team_domain(field="team_id"):
            return [(field, "in", teams.ids)] if teams else []

        return start, end, company, team_domain

    def _si_set_each(self, field_name, compute):
        for digest in self:
            digest[field_name] = compute(*digest._si_scope())

    # --- targets -----------------------------------------------------------
    def _si_target_sums(self, start, end, company, team_domain, aggregates):
        """Sums of the confirmed plans' target lines of the period's months:
        team lines of the recipient's teams, or, for a recipient who reads
        none (a rep), their own rep lines."""
        first = fields.Date.to_date(start[:10]).replace(day=1)
        last = fields.Date.to_date(end[:10])
        domain = [
            ("company_id", "=", company.id),
            ("plan_id.state", "=", "confirmed"),
            ("date_month", ">=", first),
            ("date_month", "<=", last),
        ]
        Lines = self.env["si.target.line"]
        line_domain = expression.AND([domain, team_domain()])
        if not Lines.search_count(line_domain, limit=1):
            Lines = self.env["si.target.rep.line"]
            # the rep lines a rep reads are theirs and their team's
            line_domain = expression.AND([domain, team_domain()])
        aggregates = [a for a in aggregates if a.split(":")[0] in Lines._fields]
        return Lines._read_group(line_domain, [], aggregates)[0]

    def _compute_kpi_si_plan_completion_value(self):
        def completion(start, end, company, team_domain):
            actual, target = self._si_target_sums(
                start, end, company, team_domain,
                ["actual_amount:sum", "amount:sum"])
            return round(100.0 * actual / target, 1) if target else 0.0
        self._si_set_each("kpi_si_plan_completion_value", completion)

    def _compute_kpi_si_cost_of_sale_value(self):
        def cost_of_sale(start, end, company, team_domain):
            sums = self._si_target_sums(
                start, end, company, team_domain,
                ["expense_amount:sum", "actual_amount:sum"])
            expenses, actual = sums
            return round(100.0 * expenses / actual, 1) if actual else 0.0
        self._si_set_each("kpi_si_cost_of_sale_value", cost_of_sale)

    # --- leads -------------------------------------------------------------
    def _compute_kpi_si_conversion_value(self):
        def conversion(start, end, company, team_domain):
            # the lead analysis: the conversion base and won leads as the
            # report shows them, with the leads' own record rules
            won, base = self.env["si.lead.analysis"]._read_group(
                expression.AND([[
                    ("company_id", "=", company.id),
                    ("create_date", ">=", start),
                    ("create_date", "<", end),
                ], team_domain()]),
                [], ["won_count:sum", "conversion_base_count:sum"])[0]
            return round(100.0 * won / base, 1) if base else 0.0
        self._si_set_each("kpi_si_conversion_value", conversion)

    def _compute_kpi_si_dormant_value(self):
        def dormant(start, end, company, team_domain):
            return self.env["crm.lead"].search_count(expression.AND([[
                ("company_id", "=", company.id),
                ("is_dormant", "=", True),
            ], team_domain()]))
        self._si_set_each("kpi_si_dormant_value", dormant)

    def _compute_kpi_si_anomaly_value(self):
        def anomalies(start, end, company, team_domain):
            return self.env["si.anomaly"].search_count(expression.AND([[
                ("company_id", "=", company.id),
                ("create_date", ">=", start),
                ("create_date", "<", end),
            ], team_domain()]))
        self._si_set_each("kpi_si_anomaly_value", anomalies)

    def _si_pool_moves(self, kind, start, end, company, team_domain):
        return self.env["si.lead.assignment"].search_count(expression.AND([[
            ("company_id", "=", company.id),
            ("kind", "=", kind),
            ("date", ">=", start),
            ("date", "<", end),
        ], team_domain("lead_id.team_id")]))

    def _compute_kpi_si_pool_recycled_value(self):
        self._si_set_each("kpi_si_pool_recycled_value",
                          lambda *scope: self._si_pool_moves("recycle", *scope))

    def _compute_kpi_si_pool_claimed_value(self):
        self._si_set_each("kpi_si_pool_claimed_value",
                          lambda *scope: self._si_pool_moves("claim", *scope))

    # --- contracts ---------------------------------------------------------
    def _compute_kpi_si_renewal_due_value(self):
        def renewals_due(start, end, company, team_domain):
            # as of the end of the period: the current figure, and last
            # week's for the comparison
            day = fields.Date.to_date(end[:10])
            Contract = self.env["contract.contract"]
            # the contracts the recipient reads (their rules), then their
            # notice start in one query
            visible = Contract._search(expression.AND([[
                ("company_id", "=", company.id),
                ("contract_type", "=", "sale"),
                ("date_end", ">=", day),
                ("renewal_state", "!=", "lost"),
                ("renewed_by_id", "=", False),
            ], team_domain()]))
            Contract.flush_model(["date_end", "renewal_notice_days",
                                  "contract_template_id", "team_id"])
            self.env["contract.template"].flush_model(["renewal_notice_days"])
            self.env["crm.team"].flush_model(["renewal_notice_days"])
            # the notice period as the renewal scan reads it
            # (sales_intelligence contract_contract_renewal.py)
            self.env.cr.execute(SQL(
                """
                SELECT count(*)
                  FROM contract_contract a
             LEFT JOIN contract_template tpl ON tpl.id = a.contract_template_id
             LEFT JOIN crm_team t ON t.id = a.team_id
                 WHERE a.id IN %(visible)s
                   AND a.date_end - COALESCE(
                           NULLIF(a.renewal_notice_days, 0),
                           NULLIF(tpl.renewal_notice_days, 0),
                           t.renewal_notice_days, %(default_days)s)
                       BETWEEN %(day)s AND %(until)s
                """,
                visible=visible.subselect(),
                default_days=DEFAULT_NOTICE_DAYS,
                day=day,
                until=day + timedelta(days=RENEWAL_HORIZON_DAYS),
            ))
            return self.env.cr.fetchone()[0]
        self._si_set_each("kpi_si_renewal_due_value", renewals_due)

    # --- the mail ----------------------------------------------------------
    def _compute_kpis(self, company, user):
        kpis = super()._compute_kpis(company, user)
        for kpi in kpis:
            if kpi["kpi_name"] in _PERCENT_KPIS:
                for column in ("kpi_col1", "kpi_col2", "kpi_col3"):
                    if "value" in kpi[column]:
                        kpi[column]["value"] = "%s %%" % kpi[column]["value"]
        return kpis

    def _compute_kpis_actions(self, company, user):
        res = super()._compute_kpis_actions(company, user)
        menu = self.env.ref(
            "sales_intelligence.sales_intelligence_menu_root").id
        actions = {
            "kpi_si_plan_completion": "sales_intelligence.si_target_line_action",
            "kpi_si_cost_of_sale": "sales_intelligence.si_target_line_action",
            "kpi_si_conversion": "sales_intelligence_reports.si_lead_analysis_action",
            "kpi_si_dormant": "sales_intelligence.crm_lead_dormant_action",
            "kpi_si_anomaly": "sales_intelligence.si_anomaly_action",
            "kpi_si_renewal_due": "sales_intelligence.contract_renewal_action",
            "kpi_si_pool_recycled": "sales_intelligence.si_lead_assignment_action",
            "kpi_si_pool_claimed": "sales_intelligence.si_lead_assignment_action",
        }
        res.update({kpi: "%s&menu_id=%s" % (action, menu)
                    for kpi, action in actions.items()})
        return res

    @api.model
    def _si_subscribe_sales_managers(self, digest_ids):
        """Once per database: the sales managers receive the shipped digest
        (a marker keeps later updates from subscribing again those who
        unsubscribed)."""
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param(_SUBSCRIBED_MARKER):
            return False
        managers = self.env.ref("sales_team.group_sale_manager").users.filtered(
            lambda user: not user.share and user.active)
        self.browse(digest_ids).exists()._action_subscribe_users(managers)
        params.set_param(_SUBSCRIBED_MARKER, "1")
        return True
