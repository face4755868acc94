# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import format_amount

from .si_evaluation_rule_line import EVALUATION_FACTORS


class SiRepEvaluationFactor(models.Model):
    """One factor of an evaluation: the value measured, its sub-score, its
    weight and the points it brings to the score."""

    _name = "si.rep.evaluation.factor"
    _description = "Rep Evaluation Factor"
    _order = "evaluation_id, sequence, id"

    evaluation_id = fields.Many2one(
        comodel_name="si.rep.evaluation",
        string="Evaluation",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer()
    factor = fields.Selection(
        selection=EVALUATION_FACTORS,
        required=True,
        readonly=True,
    )
    measured = fields.Boolean(
        readonly=True,
        help="Not measured: there were no data for this factor in the period "
        "(no target, no daily plan, no lead...); it does not count in the "
        "score.",
    )
    value = fields.Float(
        digits=(16, 1),
        readonly=True,
        help="The figure measured: a rate in %, or a count of anomalies.",
    )
    detail = fields.Char(
        compute="_compute_detail",
        string="Figures",
        help="The figures of the period behind the value.",
    )
    target_value = fields.Float(
        digits=(16, 1),
        readonly=True,
    )
    sub_score = fields.Float(
        string="Sub-score",
        digits=(16, 1),
        readonly=True,
        help="0-100: how close the value came to the target value.",
    )
    weight = fields.Float(
        digits=(16, 1),
        readonly=True,
    )
    points = fields.Float(
        digits=(16, 1),
        readonly=True,
        help="What this factor brings to the score: weight x sub-score / the "
        "weights of the factors measured.",
    )
    threshold = fields.Float(
        string="Weak Below",
        digits=(16, 1),
        readonly=True,
    )
    is_weak = fields.Boolean(
        string="Weak Point",
        readonly=True,
    )
    article_ids = fields.Many2many(
        comodel_name="si.kb.article",
        relation="si_rep_evaluation_factor_article_rel",
        column1="factor_id",
        column2="article_id",
        string="Training",
        readonly=True,
    )

    @api.depends("factor", "evaluation_id")
    def _compute_detail(self):
        _ = self.env._
        for line in self:
            ev = line.evaluation_id
            amount = lambda value, ev=ev: format_amount(  # noqa: E731
                self.env, value, ev.currency_id)
            if line.factor == "completion":
                text = _("%(actual)s actual / %(target)s target",
                         actual=amount(ev.actual_amount),
                         target=amount(ev.target_amount))
            elif line.factor == "conversion":
                text = _("%(won)s won / %(base)s leads in the conversion base",
                         won=ev.won_count, base=ev.conversion_base_count)
            elif line.factor == "activity":
                text = _("%(done)s done / %(planned)s planned in the daily plans",
                         done=ev.done_count, planned=ev.planned_count)
            elif line.factor == "followup":
                text = _("%(overdue)s overdue, %(dormant)s dormant of %(open)s "
                         "open leads", overdue=ev.overdue_followup_count,
                         dormant=ev.dormant_count, open=ev.open_lead_count)
            elif line.factor == "anomaly":
                text = _("%(count)s anomalies raised", count=ev.anomaly_count)
            elif line.factor == "won_summary":
                text = _("%(done)s of %(deals)s won deals summarized with "
                         "%(factors)s key factors", done=ev.summarized_count,
                         deals=ev.won_deal_count, factors=ev.factor_mention_count)
            elif line.factor == "cost":
                if ev._has_expenses():
                    text = _("%(expenses)s expenses / %(actual)s actual",
                             expenses=amount(ev.expense_amount),
                             actual=amount(ev.actual_amount))
                else:
                    text = _("No expenses are recorded on the rep targets")
            else:
                text = _("%(read)s acknowledged / %(required)s required articles",
                         read=ev.kb_read_count, required=ev.kb_required_count)
            if not line.measured:
                text = _("%(figures)s: not measured, no data in the period",
                         figures=text)
            line.detail = text
