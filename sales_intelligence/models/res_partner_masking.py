# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer of a pooled, unclaimed lead: its phone and e-mail are masked
for the users who do not see the lead's own (reps), as long as they have no
lead nor order of that customer themselves; otherwise reading the lead's
customer would show what the lead masks."""
from odoo import models
from odoo.tools import SQL

from ..tools.normalize import mask_contact

MASKED_PARTNER_FIELDS = ("phone", "mobile", "email", "email_normalized",
                         "phone_sanitized", "email_formatted")


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        masked = [name for name in MASKED_PARTNER_FIELDS
                  if name in fnames and name in self._fields]
        hidden = self._si_masked_partner_ids() if masked else set()
        for row in result:
            if row["id"] in hidden:
                for name in masked:
                    if row.get(name):
                        row[name] = mask_contact(row[name])
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        # also reached through a lead's export ("partner_id/phone")
        columns = [index for index, path in enumerate(fields)
                   if len(path) == 1 and path[0] in MASKED_PARTNER_FIELDS]
        hidden = self._si_masked_partner_ids() if columns else set()
        if not hidden:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        lines = []
        for partner in self:
            rows = super(ResPartner, partner)._export_rows(
                fields, _is_toplevel_call=_is_toplevel_call)
            if partner.id in hidden:
                for row in rows:
                    for index in columns:
                        row[index] = mask_contact(row[index])
            lines += rows
        return lines

    def _si_masked_partner_ids(self):
        """Ids of these partners that are the customer of a pooled lead whose
        contacts the current user does not see, and of no lead nor order of
        that user, nor a user themselves: one query."""
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids or not self.env["crm.lead"]._si_masked_fields():
            return set()
        self.env["crm.lead"].flush_model(["partner_id", "pool_id", "user_id"])
        self.env["sale.order"].flush_model(["partner_id", "user_id"])
        self.env.cr.execute(SQL("""
            SELECT DISTINCT pl.partner_id
              FROM crm_lead pl JOIN si_lead_pool p ON p.id = pl.pool_id
             WHERE pl.partner_id = ANY(%(ids)s) AND pl.user_id IS NULL
               AND p.mask_contact AND pl.active
               AND NOT EXISTS (SELECT 1 FROM res_users u
                                WHERE u.partner_id = pl.partner_id)
               AND NOT EXISTS (SELECT 1 FROM crm_lead o
                                WHERE o.partner_id = pl.partner_id
                                  AND o.user_id = %(uid)s)
               AND NOT EXISTS (SELECT 1 FROM sale_order so
                                WHERE so.partner_id = pl.partner_id
                                  AND so.user_id = %(uid)s)
        """, ids=ids, uid=self.env.uid))
        return {row[0] for row in self.env.cr.fetchall()}
