# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Evaluate reps over a period: figures (si_rep_evaluation_compute.py) to
factors, sub-scores, score and proposed grade, written on one evaluation per
rep and period (made the first time, updated by every re-evaluation)."""
import logging
import time

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError

from ..tools.evaluation_score import (
    FACTORS,
    contribution,
    propose_grade,
    ratio,
    score_band,
    sub_score,
    weighted_score,
)

_logger = logging.getLogger(__name__)
COST_CAP = 999.9


def factor_values(figures, has_expenses):
    """{factor: measured value or None} from the figures of one rep."""
    actual = figures.get("actual", 0.0)
    late = figures.get("late", 0)
    open_count = figures.get("open", 0)
    cost = None
    if has_expenses and figures.get("target"):
        expenses = float(figures.get("expenses") or 0.0)
        # spending without results: the highest cost shown
        cost = (min(ratio(expenses, actual), COST_CAP) if actual
                else (COST_CAP if expenses else None))
    values = {
        "completion": ratio(actual, figures.get("target", 0.0)),
        "conversion": ratio(figures.get("won", 0), figures.get("base", 0)),
        "activity": ratio(figures.get("done", 0), figures.get("planned", 0)),
        "followup": ratio(open_count - late, open_count),
        "anomaly": float(figures.get("anomalies", 0)),
        "won_summary": ratio(figures.get("summarized", 0), figures.get("deals", 0)),
        "cost": cost,
        "kb": ratio(figures.get("kb_read", 0), figures.get("kb_required", 0)),
    }
    # no anomaly is no merit on its own: a rep without any other figure in
    # the period is not measured at all
    if all(value is None for factor, value in values.items() if factor != "anomaly"):
        values["anomaly"] = None
    return values


class SiRepEvaluation(models.Model):
    _inherit = "si.rep.evaluation"

    @api.model
    def _evaluate(self, reps, date_from, date_to, refresh_actuals=True):
        """Evaluate `reps` from `date_from` to `date_to` (included): one
        evaluation per rep and period, made or updated. Managers only."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        self._ensure_period(date_from, date_to)
        self._ensure_manager()
        started = time.time()
        evaluations = self.browse()
        for company in reps.company_id:
            rule = self.env["si.evaluation.rule"]._for_company(company)
            rule._ensure_valid()
            company_reps = reps.filtered(lambda rep, c=company: rep.company_id == c)
            if refresh_actuals:
                self.env["si.target.plan"].search([
                    ("company_id", "=", company.id),
                    ("state", "=", "confirmed"),
                    ("year", ">=", date_from.year),
                    ("year", "<=", date_to.year),
                ]).action_refresh_actuals()
            figures = self._period_figures(company, company_reps.user_id,
                                           date_from, date_to)
            evaluations |= self._write_evaluations(
                rule, company_reps, figures, date_from, date_to)
        _logger.info("Rep evaluation %s - %s: %d reps in %.1fs", date_from,
                     date_to, len(evaluations), time.time() - started)
        return evaluations

    @api.model
    def _ensure_manager(self):
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(self.env._(
                "Only sales managers evaluate reps and review their grades."))

    def _write_evaluations(self, rule, reps, figures, date_from, date_to):
        has_expenses = self._has_expenses()
        bands = [(band.min_score, band.grade_id) for band in rule.band_ids]
        lines = {factor: rule._line_of(factor) for factor in FACTORS}
        training = {}
        factor_names = {factor.id: factor.display_name
                        for factor in self.env["si.won.factor"].with_context(
                            active_test=False).search([])}
        existing = {evaluation.rep_id.id: evaluation for evaluation in self.search([
            ("rep_id", "in", reps.ids),
            ("date_from", "=", date_from),
            ("date_to", "=", date_to),
        ])}
        # the factor lines of a re-evaluation are made again
        self.browse([e.id for e in existing.values()]).factor_ids.unlink()
        to_create, factor_rows, now = [], {}, fields.Datetime.now()
        for rep in reps:
            rep_figures = figures.get(rep.user_id.id, {})
            vals, rows = self._prepare_evaluation(
                rep, rep_figures, lines, bands, training, has_expenses,
                factor_names)
            vals.update(evaluation_date=now)
            evaluation = existing.get(rep.id)
            if evaluation:
                evaluation.write(vals)
            else:
                vals.update(rep_id=rep.id, company_id=rep.company_id.id,
                            date_from=date_from, date_to=date_to)
                to_create.append(vals)
            factor_rows[rep.id] = rows
        created = self.create(to_create)
        evaluations = self.browse(
            [e.id for e in existing.values()]) | created
        self.env["si.rep.evaluation.factor"].create([
            dict(row, evaluation_id=evaluation.id)
            for evaluation in evaluations
            for row in factor_rows[evaluation.rep_id.id]])
        return evaluations

    def _prepare_evaluation(self, rep, figures, lines, bands, training,
                            has_expenses, factor_names):
        """Values of the evaluation of `rep` and of its factor lines."""
        values = factor_values(figures, has_expenses)
        subs = {factor: sub_score(factor, values[factor], lines[factor].target_value)
                if lines[factor] else None for factor in FACTORS}
        weights = {factor: lines[factor].weight if lines[factor] else 0.0
                   for factor in FACTORS}
        score = weighted_score([(weights[f], subs[f]) for f in FACTORS])
        measured_weight = sum(weights[f] for f in FACTORS
                              if subs[f] is not None and weights[f] > 0)
        rows = []
        for sequence, factor in enumerate(FACTORS):
            line = lines[factor]
            if not line:
                continue
            is_weak = subs[factor] is not None and subs[factor] < line.threshold
            articles = self.env["si.kb.article"]
            if is_weak:
                if line.id not in training:
                    domain = line._training_domain(rep.company_id)
                    training[line.id] = (self.env["si.kb.article"].search(
                        domain, limit=5) if domain else articles)
                articles = training[line.id]
            rows.append({
                "sequence": sequence,
                "factor": factor,
                "measured": subs[factor] is not None,
                "value": values[factor] or 0.0,
                "target_value": line.target_value,
                "sub_score": subs[factor] or 0.0,
                "weight": line.weight,
                "points": contribution(line.weight, subs[factor], measured_weight),
                "threshold": line.threshold,
                "is_weak": is_weak,
            })
            if articles:
                rows[-1]["article_ids"] = [Command.set(articles.ids)]
        top = sorted(figures.get("factors", {}).items(), key=lambda item: -item[1])
        grade = propose_grade(bands, score)
        vals = {
            "team_id": rep.team_id.id,
            "grade_id": rep.grade_id.id,
            "score": score,
            "score_band": score_band(score),
            # nothing measured: the current grade stays the proposal
            "proposed_grade_id": (grade.id if grade and measured_weight
                                  else rep.grade_id.id),
            "target_amount": figures.get("target", 0.0),
            "actual_amount": figures.get("actual", 0.0),
            "completion_rate": values["completion"] or 0.0,
            "received_count": figures.get("received", 0),
            "conversion_base_count": figures.get("base", 0),
            "won_count": figures.get("won", 0),
            "conversion_rate": values["conversion"] or 0.0,
            "planned_count": figures.get("planned", 0),
            "done_count": figures.get("done", 0),
            "activity_rate": values["activity"] or 0.0,
            "open_lead_count": figures.get("open", 0),
            "overdue_followup_count": figures.get("overdue", 0),
            "dormant_count": figures.get("dormant", 0),
            "followup_health_rate": values["followup"] or 0.0,
            "dormant_rate": ratio(figures.get("dormant", 0),
                                  figures.get("open", 0)) or 0.0,
            "anomaly_count": figures.get("anomalies", 0),
            "won_deal_count": figures.get("deals", 0),
            "summarized_count": figures.get("summarized", 0),
            "factor_mention_count": figures.get("mentions", 0),
            "top_factors": ", ".join("%s (%d)" % (factor_names.get(f, "?"), n)
                                     for f, n in top[:3]),
            "summary_rate": values["won_summary"] or 0.0,
            "expense_amount": float(figures.get("expenses") or 0.0),
            "cost_of_sale": values["cost"] or 0.0,
            "kb_required_count": figures.get("kb_required", 0),
            "kb_read_count": figures.get("kb_read", 0),
            "kb_read_rate": values["kb"] or 0.0,
        }
        return vals, rows
