# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contract renewals, the outcome: renewing a contract (by extension or by a
new contract) or losing its renewal, from the contract's buttons."""
from odoo import fields, models
from odoo.exceptions import UserError, ValidationError


class ContractContract(models.Model):
    _inherit = "contract.contract"

    # --- actions -----------------------------------------------------------
    def action_renew(self):
        return self._renewal_wizard(
            "sales_intelligence.si_contract_renew_wizard_action")

    def action_renewal_lost(self):
        return self._renewal_wizard(
            "sales_intelligence.si_contract_lost_wizard_action")

    def _renewal_wizard(self, xmlid):
        self.ensure_one()
        self._check_renewable()
        action = self.env["ir.actions.actions"]._for_xml_id(xmlid)
        action["context"] = {"default_contract_id": self.id}
        return action

    def action_view_renewal_leads(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Renewal Opportunities"),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": [("renewal_contract_id", "=", self.id)],
            "context": {"active_test": False},
        }

    # --- renewing and losing -----------------------------------------------
    def _check_renewable(self):
        for contract in self:
            if contract.renewal_state == "renewed" or contract.renewed_by_id:
                raise UserError(self.env._(
                    "Contract \"%s\" is already renewed.", contract.name))
            if contract.renewal_state == "lost":
                raise UserError(self.env._(
                    "The renewal of contract \"%s\" is already lost.",
                    contract.name))

    def _check_renewal_rights(self, lead):
        """Refuse before anything is written: the user renews or loses a
        contract they may write, and its renewal opportunity `lead` (won or
        lost with it) must be theirs to write too."""
        self.check_access("write")
        lead.filtered("active").check_access("write")

    def _renew(self, new_contract=None, date_end=None):
        """Renew this contract by `new_contract` (linked both ways) or by
        extending it to `date_end`; the renewal opportunity is won."""
        self.ensure_one()
        self._check_renewable()
        self._check_renewal_rights(self.renewal_lead_id)
        if new_contract:
            message = self._renew_by_contract(new_contract)
            values = {"renewed_by_id": new_contract.id}
        else:
            message = self._renew_by_extension(date_end)
            values = {"date_end": date_end}
        lead = self.renewal_lead_id
        if lead.active and lead.probability < 100:
            lead.action_set_won()
        values.update({
            "renewal_state": "renewed",
            "renewal_date": fields.Date.context_today(self),
            # an extended contract starts a new term: its next renewal gets
            # a new opportunity (the won one stays in the history)
            "renewal_lead_id": False,
        })
        self.write(values)
        self.message_post(body=message)
        return True

    def _renew_by_contract(self, new_contract):
        if new_contract == self:
            raise ValidationError(self.env._(
                "Contract \"%s\" cannot renew itself.", self.name))
        if new_contract.renewal_of_id:
            raise UserError(self.env._(
                "Contract \"%(new)s\" already renews \"%(old)s\".",
                new=new_contract.name, old=new_contract.renewal_of_id.name))
        if new_contract.commercial_partner_id != self.commercial_partner_id:
            raise UserError(self.env._(
                "Contract \"%s\" belongs to another customer.", new_contract.name))
        new_contract.renewal_of_id = self
        return self.env._("Renewed by contract %s.", new_contract.name)

    def _renew_by_extension(self, date_end):
        """Move the end of the contract, and of its lines that ended with
        it, to `date_end` (OCA computes the contract's end from its lines)."""
        if not date_end:
            raise UserError(self.env._("Give the new end date of the contract."))
        old_end = self.date_end
        if old_end and date_end <= old_end:
            raise ValidationError(self.env._(
                "The new end date must be after the current end date (%s).",
                old_end))
        if self.date_start and date_end < self.date_start:
            raise ValidationError(self.env._(
                "The new end date is before the start of the contract."))
        # Lines are finance's: whoever may write the contract (its rep) may
        # extend them with it, and nothing else of them, hence sudo.
        self.check_access("write")
        self.sudo().contract_line_ids.filtered(
            lambda line: old_end and line.date_end == old_end
        ).write({"date_end": date_end})
        return self.env._(
            "Renewed by extension: end date %(old)s -> %(new)s.",
            old=old_end or "", new=date_end)

    def _mark_renewal_lost(self, reason, note=False, from_lead=False):
        """The customer does not renew: keep the reason; the renewal
        opportunity is lost with it (unless it is where the loss comes
        from)."""
        self._check_renewable()
        self._check_renewal_rights(
            self.env["crm.lead"] if from_lead else self.renewal_lead_id)
        for contract in self:
            lead = contract.renewal_lead_id
            contract.write({
                "renewal_state": "lost",
                "renewal_lost_reason_id": reason.id,
                "renewal_lost_note": note,
            })
            if lead.active and not from_lead:
                lead.action_set_lost(lost_reason_id=reason.id)
            contract.message_post(body=self.env._(
                "Renewal lost: %s",
                reason.name + (" - %s" % note if note else "")))
        return True
