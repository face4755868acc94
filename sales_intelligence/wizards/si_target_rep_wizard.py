# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.allocation import allocate
from ..tools.column_arrays import unnest_rows
from ..tools.target_completion import sum_actuals

REP_SPLIT_METHODS = [
    ("equal", "Equally"),
    ("history", "By Last Year's Results"),
    ("grade", "By Grade and Capacity"),
]

# The values of a rep target row of the bulk insert
REP_TARGET_COLUMNS = [("date_month", "date"), ("team_id", "int"), ("user_id", "int"),
                      ("amount", "numeric"), ("actual", "numeric"), ("last", "numeric"),
                      ("completion", "float8"), ("growth", "float8"),
                      ("trend", "varchar"), ("months", "int")]


class SiTargetRepWizard(models.TransientModel):
    """Second decomposition: each team's monthly target split to its reps."""

    _name = "si.target.rep.wizard"
    _description = "Split Team Targets to Reps"

    plan_id = fields.Many2one(
        comodel_name="si.target.plan",
        string="Plan",
        required=True,
        ondelete="cascade",
    )
    method = fields.Selection(
        selection=REP_SPLIT_METHODS,
        required=True,
        default="history",
        help="Equally; in proportion to each rep's actual results last year "
        "(equally when the team had none); or by the weight of each rep's "
        "grade times their lead capacity (equally for reps without a grade).",
    )
    team_ids = fields.Many2many(
        comodel_name="crm.team",
        string="Teams",
        help="Leave empty to split the targets of every team of the plan. Rep "
        "targets of the teams split are replaced, manual overrides included.",
    )

    def action_apply(self):
        self.ensure_one()
        plan = self.plan_id
        plan._ensure_draft()
        # the wizard's user may change the plan (checked, as the ORM would)
        plan.check_access("write")
        self.env["si.target.rep.line"].browse().check_access("create")
        team_targets = plan._team_month_targets()
        teams = self.team_ids or self.env["crm.team"].browse(
            {team_id for team_id, _month in team_targets if team_id})
        if not teams:
            raise UserError(_("The plan has no team targets to split."))
        members = {}
        for team in teams:
            # a team without members keeps its target with its leader
            users = team.member_ids.filtered(
                lambda u: u.active and not u.share) or team.user_id
            if not users:
                raise UserError(
                    _("The team %s has neither members nor a leader to split "
                      "its target to: add its reps to the team, or leave it "
                      "out.", team.name))
            members[team.id] = users
        rows = []
        rounding = plan._rounding()
        # one grouped query for last year's weights and the completion
        actuals = plan._year_rows(years_back=1, years=2)
        history = plan._rep_history(actuals) if self.method == "history" else None
        weights_by_team = {
            team.id: plan._rep_split_weights(team, members[team.id], self.method,
                                             history=history)
            for team in teams}
        for (team_id, month), target in sorted(team_targets.items(),
                                               key=lambda item: str(item[0])):
            if team_id not in members:
                continue
            users = members[team_id]
            weights = weights_by_team[team_id]
            amounts = allocate(target, [weights[u.id] for u in users], rounding)
            rows += [(fields.Date.to_string(month), team_id, user.id, amount)
                     for user, amount in zip(users, amounts)]
        # with their actual results: the refresh that follows rewrites none
        # of them (but for reps of several teams split apart)
        values = plan._rep_line_actuals(sum_actuals(actuals, plan.year), [
            (index, month, user_id, amount)
            for index, (month, _team, user_id, amount) in enumerate(rows)])
        rows = [row + line_values[1:] for row, line_values in zip(rows, values)]
        cr = self.env.cr
        self.env["si.target.rep.line"].flush_model()
        cr.execute(SQL("DELETE FROM si_target_rep_line WHERE plan_id = %s "
                       "AND team_id IN %s", plan.id, tuple(teams.ids)))
        cr.execute(SQL("""
            INSERT INTO si_target_rep_line
                   (plan_id, company_id, date_month, team_id, team_leader_id,
                    user_id, amount, is_manual, actual_amount, last_year_amount,
                    completion_rate, growth_rate, trend, months_on_target,
                    budget_amount, expense_amount, budget_left, cost_of_sale,
                    is_over_budget, create_uid, create_date, write_uid, write_date)
            SELECT %(plan)s, %(company)s, v.date_month, v.team_id, t.user_id,
                   v.user_id, v.amount, false, v.actual, v.last, v.completion,
                   v.growth, v.trend, v.months, 0, 0, 0, 0, false,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM %(targets)s
              JOIN crm_team t ON t.id = v.team_id
        """, plan=plan.id, company=plan.company_id.id, uid=self.env.uid,
                       targets=unnest_rows(rows, REP_TARGET_COLUMNS)))
        self.env["si.target.rep.line"].invalidate_model()
        plan.invalidate_recordset(["rep_line_ids"])
        plan.message_post(body=_(
            "Team targets split to %(reps)d reps of %(teams)d teams (%(method)s).",
            reps=sum(len(u) for u in members.values()),
            teams=len(teams),
            method=dict(self._fields["method"]._description_selection(
                self.env))[self.method]), subtype_xmlid="mail.mt_note")
        plan._refresh_actuals(actuals)
        return plan.action_view_rep_lines()
