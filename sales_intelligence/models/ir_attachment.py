# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Files attached to leads follow the lead: a user who cannot read a lead
cannot open its files by id either (Odoo checks the lead on searching
attachments, not on reading one), and a rep does not see the files of a
pooled, unclaimed lead whose contacts are masked for them (a business card,
a signature with a phone number) until the rep claims it, except the files
the rep added."""
from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _si_hidden_lead_attachment_ids(self, pooled_only=False):
        """Ids of these attachments of leads the current user may not see:
        leads outside the user's rules (unless `pooled_only`) and pooled
        leads masked for the user, files the user added excepted. One query
        for the attachments, one for the rules, one for the pools."""
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids or self.env.su:
            return set()
        Lead = self.env["crm.lead"].with_context(active_test=False)
        masked = bool(Lead._si_masked_fields())
        if pooled_only and not masked:
            return set()
        self.flush_model(["res_model", "res_id", "public", "create_uid"])
        rows = self.env.execute_query(SQL("""
            SELECT id, res_id, create_uid FROM ir_attachment
             WHERE id = ANY(%s) AND res_model = 'crm.lead' AND res_id IS NOT NULL
               AND NOT COALESCE(public, FALSE)
        """, ids))
        if not rows:
            return set()
        leads = Lead.browse({row[1] for row in rows}).exists()
        existing = set(leads.ids)
        # files of a deleted lead stay as Odoo leaves them
        readable = existing if pooled_only else set(
            leads._filtered_access("read").ids)
        pooled = leads._pooled_ids(masked=True) if masked else set()
        return {
            attachment_id for attachment_id, lead_id, author in rows
            if lead_id in existing and (
                lead_id not in readable
                or (lead_id in pooled and author != self.env.uid))
        }

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or operation != "read":
            return result
        hidden = self._si_hidden_lead_attachment_ids()
        if not hidden:
            return None
        return self.browse(sorted(hidden)), lambda: AccessError(self.env._(
            "You cannot open this file: it belongs to a lead you do not see, or "
            "to a lead in the pool that you have not claimed."))

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # Odoo already leaves out the files of leads the user cannot read
        query = super()._search(domain, offset=offset, limit=limit, order=order)
        if self.env.su or not self.env["crm.lead"]._si_masked_fields():
            return query
        found = self.browse(query)
        hidden = found._si_hidden_lead_attachment_ids(pooled_only=True)
        if not hidden:
            return query
        return found.filtered(lambda att: att.id not in hidden)._as_query(order)
