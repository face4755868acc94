# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer of a pooled, unclaimed lead: its phone and e-mail are masked
for the users who do not see the lead's own (reps), as long as they have no
lead nor order of that customer themselves; otherwise reading the lead's
customer would show what the lead masks. Searching contacts by those
fields does not find such a customer for those users either (else a search
by the first digits of a phone number would spell it out), except when Odoo
looks for the customer of a lead by its e-mail (converting a lead), which
would otherwise create the contact a second time."""
from odoo import api, models
from odoo.tools import SQL

from ..tools.normalize import mask_contact

MASKED_PARTNER_FIELDS = ("phone", "mobile", "email", "email_normalized",
                         "phone_sanitized", "email_formatted")
# Search-only fields that look into the masked ones.
MASKED_PARTNER_SEARCH_FIELDS = ("phone_mobile_search",)
# Marks Odoo's search for a lead's customer. An object, not a flag: a context
# sent over RPC cannot hold it.
_MATCHING_PARTNER = object()


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

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        return super()._search(self._si_hide_masked_contacts(domain), offset=offset,
                               limit=limit, order=order)

    @api.model
    def _search_display_name(self, operator, value):
        # the contacts' name search looks into their e-mail too
        return self._si_hide_masked_contacts(
            super()._search_display_name(operator, value))

    @api.model
    def _si_hide_masked_contacts(self, domain):
        """`domain` where a condition on a masked field does not match the
        customers masked for the current user."""
        fnames = set(MASKED_PARTNER_FIELDS) | set(MASKED_PARTNER_SEARCH_FIELDS)
        leaves = [leaf for leaf in domain or []
                  if isinstance(leaf, (list, tuple)) and len(leaf) == 3
                  and isinstance(leaf[0], str) and leaf[0].split(".")[0] in fnames]
        matching = self.env.context.get("si_matching_partner") is _MATCHING_PARTNER
        if not leaves or matching or not self.env["crm.lead"]._si_masked_fields():
            return domain
        shown = ("id", "not in", SQL("(%s)", self._si_masked_partners_sql()))
        result = []
        for leaf in domain:
            result += ["&", leaf, shown] if any(leaf is masked for masked in leaves) \
                else [leaf]
        return result

    def _si_masked_partner_ids(self):
        """Ids of these partners that are the customer of a pooled lead whose
        contacts the current user does not see, and of no lead nor order of
        that user, nor a user themselves: one query."""
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids or not self.env["crm.lead"]._si_masked_fields():
            return set()
        self.env.cr.execute(SQL("%s AND pl.partner_id = ANY(%s)",
                                self._si_masked_partners_sql(), ids))
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _si_masked_partners_sql(self):
        """The customers masked for the current user, as a subquery."""
        self.env["crm.lead"].flush_model(["partner_id", "pool_id", "user_id", "active"])
        self.env["sale.order"].flush_model(["partner_id", "user_id"])
        return SQL("""
            SELECT DISTINCT pl.partner_id
              FROM crm_lead pl JOIN si_lead_pool p ON p.id = pl.pool_id
             WHERE pl.user_id IS NULL AND p.mask_contact AND pl.active
               AND pl.partner_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM res_users u
                                WHERE u.partner_id = pl.partner_id)
               AND NOT EXISTS (SELECT 1 FROM crm_lead o
                                WHERE o.partner_id = pl.partner_id
                                  AND o.user_id = %(uid)s)
               AND NOT EXISTS (SELECT 1 FROM sale_order so
                                WHERE so.partner_id = pl.partner_id
                                  AND so.user_id = %(uid)s)
        """, uid=self.env.uid)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _find_matching_partner(self, email_only=False):
        # the contact found is linked, its masked fields stay masked
        return super(CrmLead, self.with_context(
            si_matching_partner=_MATCHING_PARTNER))._find_matching_partner(
                email_only=email_only).with_env(self.env)
