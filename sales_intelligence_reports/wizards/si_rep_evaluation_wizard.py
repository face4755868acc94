# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


def last_quarter(today):
    """First and last day of the quarter before the one of `today`."""
    start = today.replace(day=1, month=3 * ((today.month - 1) // 3) + 1)
    start -= relativedelta(months=3)
    return start, start + relativedelta(months=3, days=-1)


class SiRepEvaluationWizard(models.TransientModel):
    """Evaluate the reps of some teams over a period (the last quarter by
    default): their evaluations are made or refreshed."""

    _name = "si.rep.evaluation.wizard"
    _description = "Evaluate Reps"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: last_quarter(fields.Date.context_today(self))[0],
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: last_quarter(fields.Date.context_today(self))[1],
    )
    team_ids = fields.Many2many(
        comodel_name="crm.team",
        string="Sales Teams",
        help="The reps whose main team is one of these; empty: every rep of "
        "the company.",
    )
    refresh_actuals = fields.Boolean(
        string="Refresh Actual Results",
        default=True,
        help="Refresh the actual results of the confirmed target plans of the "
        "period first, as the nightly job does.",
    )
    rep_count = fields.Integer(
        compute="_compute_rep_count",
        string="# Reps",
    )

    @api.depends("team_ids")
    def _compute_rep_count(self):
        for wizard in self:
            wizard.rep_count = self.env["si.rep"].search_count(
                wizard._rep_domain())

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            self.env["si.rep.evaluation"]._ensure_period(
                wizard.date_from, wizard.date_to)

    def _rep_domain(self):
        domain = [("company_id", "=", self.env.company.id)]
        if self.team_ids:
            domain.append(("team_id", "in", self.team_ids.ids))
        return domain

    def action_evaluate(self):
        self.ensure_one()
        reps = self.env["si.rep"].search(self._rep_domain())
        evaluations = self.env["si.rep.evaluation"]._evaluate(
            reps, self.date_from, self.date_to,
            refresh_actuals=self.refresh_actuals)
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_intelligence_reports.si_rep_evaluation_action")
        action["domain"] = [("id", "in", evaluations.ids)]
        return action
