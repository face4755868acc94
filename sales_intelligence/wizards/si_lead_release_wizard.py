# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class SiLeadReleaseWizard(models.TransientModel):
    """Send leads to a pool: a rep releases own leads with a reason, a
    manager releases any lead or moves pooled leads to another pool."""

    _name = "si.lead.release.wizard"
    _description = "Send Leads to the Pool"

    lead_ids = fields.Many2many(
        comodel_name="crm.lead",
        string="Leads",
        default=lambda self: self._default_lead_ids(),
    )
    pool_id = fields.Many2one(
        comodel_name="si.lead.pool",
        string="Pool",
        required=True,
        default=lambda self: self._default_pool_id(),
    )
    reason = fields.Text(
        required=True,
        help="Why the lead goes back to the pool; the next rep reads it in "
        "the ownership history.",
    )

    @api.model
    def _default_lead_ids(self):
        if self.env.context.get("active_model") not in (None, "crm.lead"):
            return []
        return [Command.set(self.env.context.get("active_ids") or [])]

    @api.model
    def _default_pool_id(self):
        leads = self.env["crm.lead"].browse(self.env.context.get("active_ids", []))
        Pool = self.env["si.lead.pool"]
        return (Pool.search([("team_id", "in", leads.mapped("team_id").ids)], limit=1)
                or Pool.search([], limit=1))

    def action_release(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(_("Say why the leads go back to the pool."))
        self.lead_ids.check_access("read")
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            others = self.lead_ids.filtered(lambda lead: lead.user_id != self.env.user)
            if others:
                raise UserError(_("You can only release your own leads; \"%s\" is "
                                  "not yours. Nothing was released.",
                                  others[0].name))
        won = self.lead_ids.filtered(lambda lead: lead.stage_id.is_won)
        if won:
            raise UserError(_("\"%s\" is won: won leads do not go to the pool.",
                              won[0].name))
        self.lead_ids._send_to_pool(self.pool_id, self.reason.strip())
        return {"type": "ir.actions.act_window_close"}
