# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lead pool: pooled leads, claims, and their contacts masked for reps on every
read path (read, search_read, read_group, export, search)."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.normalize import mask_contact

# Contact fields a rep does not see on a pooled lead before claiming it; Odoo's
# own normalised copies (email_normalized, phone_sanitized) included.
MASKED_FIELDS = (
    "phone",
    "mobile",
    "email_from",
    "email_cc",
    "email_normalized",
    "phone_sanitized",
    "phone_normalized",
    "mobile_normalized",
)
# Search-only fields that look into the masked ones.
MASKED_SEARCH_FIELDS = ("phone_mobile_search",)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # --- lead pool ----------------------------------------------------------------
    pool_id = fields.Many2one(
        comodel_name="si.lead.pool",
        string="Lead Pool",
        readonly=True,
        index=True,
        copy=False,
        help="The pool this lead waits in, without owner, until a rep claims it.",
    )
    pool_date = fields.Datetime(
        string="In Pool Since",
        readonly=True,
        copy=False,
    )
    previous_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Previous Owner",
        readonly=True,
        index=True,
        copy=False,
    )
    pool_protected_until = fields.Date(
        string="Protected Until",
        readonly=True,
        copy=False,
        help="After a claim, the lead is not recycled before this date.",
    )
    pool_warning_date = fields.Date(
        string="Recycling Warned On",
        readonly=True,
        copy=False,
    )

    # --- masking on every read path ---------------------------------------------
    def _si_masked_fields(self):
        """The contact fields masked for the current user on pooled leads:
        none for the superuser and users who see all leads."""
        if self.env.su or self.env.user.has_group(
                "sales_team.group_sale_salesman_all_leads"):
            return []
        return [name for name in MASKED_FIELDS if name in self._fields]

    def _read_format(self, fnames, load="_classic_read"):
        # read(), web_read() and search_read() all format their rows here
        result = super()._read_format(fnames, load=load)
        masked = [name for name in self._si_masked_fields() if name in fnames]
        if masked:
            pooled = self._pooled_ids(masked=True)
            for row in result:
                if row["id"] in pooled:
                    for name in masked:
                        if name in row:
                            row[name] = mask_contact(row[name])
        return result

    def _message_get_suggested_recipients(self):
        """The chatter's suggested recipients would show the e-mail address."""
        if self._si_masked_fields() and self._pooled_ids(masked=True):
            return []
        return super()._message_get_suggested_recipients()

    def _track_filter_for_display(self, tracking_values):
        """The chatter's tracking of contact changes would show the contacts."""
        tracking_values = super()._track_filter_for_display(tracking_values)
        masked = self._si_masked_fields()
        if masked and self._pooled_ids(masked=True):
            tracking_values = tracking_values.filtered(
                lambda tracking: tracking.field_id.name not in masked)
        return tracking_values

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None,
                   orderby=False, lazy=True):
        result = super().read_group(domain, fields, groupby, offset=offset,
                                    limit=limit, orderby=orderby, lazy=lazy)
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or ())
        masked = self._si_masked_fields()
        keys = [spec.split(":")[0] for spec in groupby]
        keys = [key for key in (keys[:1] if lazy else keys) if key in masked]
        if not keys or not result:
            return result
        for key in keys:
            hidden = self._pooled_contact_values(key, domain)
            for row in result:
                value = row.get(key)
                if not value or value not in hidden:
                    continue
                row[key] = mask_contact(value)
                if "__domain" in row:
                    # the group's drill-down domain would show the value
                    row["__domain"] = [
                        ("id", "in", hidden[value]) if (
                            isinstance(leaf, (list, tuple)) and len(leaf) == 3
                            and leaf[0] == key and leaf[2] == value) else leaf
                        for leaf in row["__domain"]]
        return result

    def _pooled_contact_values(self, fname, domain):
        """{value: [lead ids]} of field `fname` of the leads of `domain` that
        belong to a group holding a pooled, masked lead with that value."""
        lead_ids = self.search(domain or []).ids
        if not lead_ids:
            return {}
        self.flush_model([fname, "pool_id", "user_id"])
        column = SQL.identifier(fname)
        self.env.cr.execute(SQL("""
            SELECT l.%(column)s, array_agg(l.id)
              FROM crm_lead l
             WHERE l.id = ANY(%(ids)s) AND l.%(column)s IN (
                   SELECT pl.%(column)s FROM crm_lead pl
                     JOIN si_lead_pool p ON p.id = pl.pool_id
                    WHERE pl.id = ANY(%(ids)s) AND pl.user_id IS NULL
                      AND p.mask_contact)
          GROUP BY l.%(column)s
        """, column=column, ids=lead_ids))
        return dict(self.env.cr.fetchall())

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        masked = self._si_masked_fields()
        columns = [index for index, path in enumerate(fields)
                   if len(path) == 1 and path[0] in masked]
        pooled = self._pooled_ids(masked=True) if columns else set()
        if not pooled:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        # Export in runs of pooled / not pooled leads, keeping their order,
        # and mask the contact columns of the pooled runs.
        runs = []
        for lead in self:
            is_pooled = lead.id in pooled
            if runs and runs[-1][0] == is_pooled:
                runs[-1][1].append(lead.id)
            else:
                runs.append((is_pooled, [lead.id]))
        lines = []
        for is_pooled, ids in runs:
            rows = super(CrmLead, self.browse(ids))._export_rows(
                fields, _is_toplevel_call=_is_toplevel_call)
            if is_pooled:
                for row in rows:
                    for index in columns:
                        row[index] = mask_contact(row[index])
            lines += rows
        return lines

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        masked = self._si_masked_fields()
        if masked and domain:
            domain = self._hide_pooled_contacts(domain, masked)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _hide_pooled_contacts(self, domain, masked):
        """`domain` where a condition on a masked field does not match pooled,
        masked leads: searching must not reveal their contacts either."""
        fnames = set(masked) | set(MASKED_SEARCH_FIELDS)
        shown = ["|", "|", ("pool_id", "=", False), ("user_id", "!=", False),
                 ("pool_id.mask_contact", "=", False)]
        result = []
        for leaf in domain:
            if (isinstance(leaf, (list, tuple)) and len(leaf) == 3
                    and isinstance(leaf[0], str)
                    and leaf[0].split(".")[0] in fnames):
                result += ["&", leaf] + shown
            else:
                result.append(leaf)
        return result

    # --- actions --------------------------------------------------------------------
    def action_pool_claim(self):
        self.env["si.lead.pool"]._claim(self, self.env.user)
        return True

    def action_send_to_pool(self):
        return self._wizard_action("sales_intelligence.si_lead_release_wizard_action")

    def action_suggest_owner(self):
        return self._wizard_action("sales_intelligence.si_lead_assign_wizard_action")

    def _wizard_action(self, xmlid):
        action = self.env["ir.actions.actions"]._for_xml_id(xmlid)
        action["context"] = {"active_model": "crm.lead", "active_ids": self.ids}
        return action

    # --- business methods ------------------------------------------------------
    def _check_pool_editable(self):
        """Pooled leads have no owner: a rep claims them before editing."""
        if self.env.su or self.env.user.has_group("sales_team.group_sale_manager"):
            return
        pooled = self._pooled_ids()
        if pooled:
            raise UserError(self.env._(
                "\"%s\" is in the lead pool: claim it before changing it.",
                # sudo: only the name of a lead the rep is writing to
                self.browse(min(pooled)).sudo().name))

    def _pooled_ids(self, masked=False):
        """Ids of these leads waiting in a pool (whose pool masks contacts,
        when `masked`): one query, as every read and write of a rep asks."""
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids:
            return set()
        self.flush_recordset(["pool_id", "user_id"])
        self.env.cr.execute(SQL("""
            SELECT l.id FROM crm_lead l JOIN si_lead_pool p ON p.id = l.pool_id
             WHERE l.id = ANY(%s) AND l.user_id IS NULL AND (p.mask_contact OR NOT %s)
        """, ids, masked))
        return {row[0] for row in self.env.cr.fetchall()}

    def _conflict_message(self):
        """Tell the creator of a lead that its customer is already in the pool
        or followed by another rep."""
        domain = self._duplicate_domain()
        if not domain:
            return False
        # sudo: a rep must learn of leads they cannot read (other reps'); only
        # their names, owners and pools are shown.
        others = self.sudo().search([
            ("id", "!=", self._origin.id or 0),
            ("rejected", "=", False),
            "|", ("pool_id", "!=", False),
            "&", ("user_id", "!=", False), ("user_id", "!=", self.env.uid),
        ] + domain, limit=3)
        lines = []
        for other in others:
            if other.pool_id:
                lines.append(_("\"%(lead)s\" is in the lead pool \"%(pool)s\": "
                               "claim it instead of creating a new lead.",
                               lead=other.name, pool=other.pool_id.name))
            else:
                lines.append(_("\"%(lead)s\" is already followed by %(rep)s.",
                               lead=other.name, rep=other.user_id.name))
        return "\n".join(lines) or False

    @api.onchange("partner_id", "email_from", "phone", "mobile", "partner_name")
    def _onchange_conflict_warning(self):
        message = self._conflict_message()
        if message:
            return {"warning": {"title": _("This customer is already handled"),
                                "message": message}}
        return None
