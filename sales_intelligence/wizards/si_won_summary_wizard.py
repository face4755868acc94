# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class SiWonSummaryWizard(models.TransientModel):
    """Asked when an opportunity is won: what won it. Can be closed and
    filled later from the summary."""

    _name = "si.won.summary.wizard"
    _description = "Complete a Won-deal Summary"

    summary_id = fields.Many2one(
        comodel_name="si.won.summary",
        string="Summary",
        required=True,
        ondelete="cascade",
    )
    factor_ids = fields.Many2many(
        comodel_name="si.won.factor",
        string="Key Factors",
    )
    competitors = fields.Char()
    key_work = fields.Text(
        string="Work That Mattered",
    )
    note = fields.Text(
        string="Other Factors",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        summary = self.env["si.won.summary"].browse(res.get("summary_id"))
        if summary.exists():
            res.update({
                "factor_ids": [Command.set(summary.factor_ids.ids)],
                "competitors": summary.competitors,
                "key_work": summary.key_work,
                "note": summary.note,
            })
        return res

    def action_save(self):
        self.ensure_one()
        if not self.factor_ids and not (self.note or "").strip():
            raise UserError(self.env._(
                "Give at least one key factor, from the list or in your own "
                "words, of what won this deal."))
        self.summary_id.write(self._prepare_summary())
        return {"type": "ir.actions.act_window_close"}

    def _prepare_summary(self):
        return {
            "factor_ids": [Command.set(self.factor_ids.ids)],
            "competitors": self.competitors,
            "key_work": self.key_work,
            "note": self.note,
            "state": "done",
        }
