# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The development plan of an evaluation: the training proposed for its weak
points becomes required reading of the rep in the knowledge base."""
from collections import defaultdict

from markupsafe import Markup

from odoo import Command, fields, models


class SiRepEvaluation(models.Model):
    _inherit = "si.rep.evaluation"

    def action_assign_training(self):
        """Set the proposed articles as required reading for each rep, and
        tell the rep's profile. Managers only."""
        self._ensure_manager()
        readers = defaultdict(set)
        for evaluation in self:
            for article in evaluation.training_article_ids:
                readers[article].add(evaluation.user_id.id)
        for article, user_ids in readers.items():
            new = set(user_ids) - set(article.required_user_ids.ids)
            if new:
                article.write({"required_user_ids": [
                    Command.link(user_id) for user_id in sorted(new)]})
        planned = self.filtered("training_article_ids")
        for evaluation in planned:
            evaluation.rep_id.message_post(body=evaluation._training_message())
        planned.write({"training_assigned": True})
        return True

    def _training_message(self):
        self.ensure_one()
        labels = dict(self.factor_ids._fields["factor"]._description_selection(
            self.env))
        items = Markup("").join(
            Markup("<li>%s: %s</li>") % (
                labels[factor.factor],
                ", ".join(factor.article_ids.mapped("name")))
            for factor in self.factor_ids if factor.is_weak and factor.article_ids)
        return Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._("Development plan of the evaluation %(period)s: "
                       "required reading for the weak points",
                       period=self._period_label()), items)

    def _period_label(self):
        self.ensure_one()
        return "%s - %s" % (fields.Date.to_string(self.date_from),
                            fields.Date.to_string(self.date_to))

    def action_reevaluate(self):
        """Evaluate these reps again over the same periods."""
        periods = defaultdict(lambda: self.env["si.rep"])
        for evaluation in self:
            periods[(evaluation.date_from, evaluation.date_to)] |= evaluation.rep_id
        for (date_from, date_to), reps in periods.items():
            self._evaluate(reps, date_from, date_to)
        return True
