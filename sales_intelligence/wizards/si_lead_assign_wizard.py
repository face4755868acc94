# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class SiLeadAssignWizard(models.TransientModel):
    """Suggest owners: for one lead, the best reps with their score and its
    explanation; for several, a balanced plan with one rep per lead."""

    _name = "si.lead.assign.wizard"
    _description = "Suggest Lead Owners"

    lead_ids = fields.Many2many(
        comodel_name="crm.lead",
        string="Leads",
    )
    line_ids = fields.One2many(
        comodel_name="si.lead.assign.wizard.line",
        inverse_name="wizard_id",
        string="Suggestions",
    )
    single = fields.Boolean(
        compute="_compute_single",
    )

    @api.depends("lead_ids")
    def _compute_single(self):
        for wizard in self:
            wizard.single = len(wizard.lead_ids) == 1

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        # the suggestions (reps' scores) are for who may use the wizard
        self.check_access("create")
        leads = self.env["crm.lead"].browse(self.env.context.get("active_ids", []))
        if not leads:
            return values
        # the leads must be readable by who asks (ids come from the client)
        leads.check_access("read")
        Rep = self.env["si.rep"]
        if len(leads) == 1:
            matches = Rep._suggest(leads)
        else:
            matches = Rep._plan_assignment(leads)[0]
        if not matches:
            raise UserError(_("No rep can take these leads: check that their team "
                              "has members with free capacity."))
        values["lead_ids"] = [Command.set(leads.ids)]
        values["line_ids"] = [Command.create({
            "lead_id": match.lead_id,
            "user_id": match.user_id,
            "score": match.score,
            "explanation": Rep._explain(match.contributions),
        }) for match in matches]
        return values

    def action_assign_all(self):
        self.ensure_one()
        self._check_assign_rights()
        done = self.env["crm.lead"]
        for line in self.line_ids:
            if line.lead_id not in done:
                line._assign()
                done |= line.lead_id
        return {"type": "ir.actions.act_window_close"}

    def _check_assign_rights(self):
        """Assigning leads to other reps is a manager's decision (the wizard
        is offered to users who see all leads), on leads they may write."""
        if not self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            raise UserError(_("Only a sales manager assigns leads to reps."))
        # the lines come from the client: they assign the wizard's leads only
        # (its leads of another company are not even read into lead_ids)
        (self.lead_ids | self.line_ids.lead_id).check_access("write")
        if self.line_ids.lead_id - self.lead_ids:
            raise UserError(_("A suggestion is for a lead that is not among the "
                              "leads to assign."))


class SiLeadAssignWizardLine(models.TransientModel):
    _name = "si.lead.assign.wizard.line"
    _description = "Suggested Lead Owner"
    _order = "score desc, id"

    wizard_id = fields.Many2one(
        comodel_name="si.lead.assign.wizard",
        required=True,
        ondelete="cascade",
    )
    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Lead",
        required=True,
        ondelete="cascade",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Rep",
        required=True,
        ondelete="cascade",
    )
    grade_id = fields.Many2one(
        related="user_id.si_grade_id",
        readonly=True,
    )
    score = fields.Float(
        digits=(16, 1),
    )
    explanation = fields.Char()

    def _assign(self):
        """Through the ownership function: a pooled lead is logged as an
        assignment from the pool."""
        self.lead_id._si_change_owner(
            "manual", user=self.user_id,
            reason={self.lead_id.id: _("Suggested owner: %s", self.explanation)},
            scores={self.lead_id.id: self.score})

    def action_assign(self):
        self.ensure_one()
        self.wizard_id._check_assign_rights()
        self._assign()
        return {"type": "ir.actions.act_window_close"}
