# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lead contracts: won-deal summary and renewed contract of an opportunity."""
from odoo import fields, models
from odoo.exceptions import UserError

# a change of one of these may win or lose an opportunity
WON_LOST_FIELDS = {"stage_id", "probability", "active", "lost_reason_id"}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # --- won-deal summary and contract renewal -------------------------------
    won_summary_id = fields.Many2one(
        comodel_name="si.won.summary",
        compute="_compute_won_summary_id",
        string="Won-deal Summary",
    )
    renewal_contract_id = fields.Many2one(
        comodel_name="contract.contract",
        string="Renewed Contract",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The contract this opportunity renews; created by the renewal "
        "notice.",
    )
    renewal_date_end = fields.Date(
        string="Renewed Term End",
        readonly=True,
        copy=False,
        help="End date of the contract term this opportunity renews: one "
        "renewal opportunity per contract term.",
    )

    _sql_constraints = [
        ("renewal_term_uniq", "unique (renewal_contract_id, renewal_date_end)",
         "A contract term has only one renewal opportunity."),
    ]

    # --- computes ---------------------------------------------------------------
    def _compute_won_summary_id(self):
        summaries = self.env["si.won.summary"].search([("lead_id", "in", self.ids)])
        by_lead = {summary.lead_id.id: summary for summary in summaries}
        for lead in self:
            lead.won_summary_id = by_lead.get(lead.id, False)

    # --- CRUD ---------------------------------------------------------------------
    def write(self, vals):
        res = super().write(vals)
        if WON_LOST_FIELDS & set(vals):
            self._sync_won_and_renewals(vals)
        return res

    # --- actions --------------------------------------------------------------------
    def action_set_won_rainbowman(self):
        """Mark won, then ask the rep for the won-deal summary (which can
        also be completed later)."""
        res = super().action_set_won_rainbowman()
        summary = self.won_summary_id
        if summary and summary.state == "draft" and self.user_id == self.env.user:
            action = summary.action_complete()
            if isinstance(res, dict) and res.get("effect"):
                # the web client shows the rainbow of an action it opens
                action["effect"] = res["effect"]
            return action
        return res

    def action_view_won_summary(self):
        self.ensure_one()
        if not self.won_summary_id:
            raise UserError(self.env._("This opportunity has no won-deal summary."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Won-deal Summary"),
            "res_model": "si.won.summary",
            "res_id": self.won_summary_id.id,
            "view_mode": "form",
        }

    # --- business methods ------------------------------------------------------
    def _is_won_opportunity(self):
        """Won, as Odoo 18 shows it (the Won ribbon): an active opportunity
        at 100 %, which action_set_won and won stages (is_won) give."""
        self.ensure_one()
        return (self.active and self.type == "opportunity"
                and (self.probability >= 100 or self.stage_id.is_won))

    def _sync_won_and_renewals(self, vals):
        """After a stage, probability, active or lost reason change: won
        opportunities get their summary; a renewal opportunity being worked
        puts its contract in renewal, a lost one loses the renewal with its
        reason."""
        won = self.filtered(lambda rec: rec._is_won_opportunity())
        if won:
            self.env["si.won.summary"]._create_for_leads(won)
        renewals = self.filtered("renewal_contract_id")
        if not renewals:
            return
        # The rep working a renewal may not be allowed to write the contract
        # (another rep's customer); only its renewal state follows the lead.
        for lead in renewals.sudo():
            contract = lead.renewal_contract_id
            if contract.renewal_lead_id != lead:
                continue
            if not lead.active and lead.lost_reason_id:
                if contract.renewal_state in ("upcoming", "in_renewal"):
                    contract._mark_renewal_lost(lead.lost_reason_id, from_lead=True)
            elif "stage_id" in vals and contract.renewal_state == "upcoming":
                contract.renewal_state = "in_renewal"
