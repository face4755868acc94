# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chatter of a pooled lead whose contacts are masked: the sender's
address of the mails the customer sent in is masked too, for the same users
(read, search_read and the chatter's store), searching messages by it does
not find them, and the files of its messages are left out of the chatter
(but those the user added)."""
from odoo import api, models
from odoo.tools import SQL

from odoo.addons.mail.tools.discuss import Store

from ..tools.normalize import mask_contact

MASKED_MESSAGE_FIELDS = ("email_from", "reply_to")


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _si_masked_message_ids(self):
        """Ids of these messages posted on pooled, masked leads whose contacts
        the current user does not see."""
        Lead = self.env["crm.lead"]
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids or not Lead._si_masked_fields():
            return set()
        self.flush_recordset(["model", "res_id"])
        self.env.cr.execute(SQL(
            "SELECT id, res_id FROM mail_message WHERE id = ANY(%s)"
            " AND model = 'crm.lead'", ids))
        by_lead = {}
        for message_id, lead_id in self.env.cr.fetchall():
            by_lead.setdefault(lead_id, []).append(message_id)
        pooled = Lead.browse(list(by_lead))._pooled_ids(masked=True)
        return {message_id for lead_id in pooled for message_id in by_lead[lead_id]}

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        masked = [name for name in MASKED_MESSAGE_FIELDS if name in fnames]
        hidden = self._si_masked_message_ids() if masked else set()
        for row in result:
            if row["id"] in hidden:
                for name in masked:
                    if row.get(name):
                        row[name] = mask_contact(row[name])
        return result

    def _author_to_store(self, store):
        res = super()._author_to_store(store)
        # mail calls this as superuser: the masking is of the real user
        hidden = self.with_env(self.env(su=False))._si_masked_message_ids()
        for message in self:
            if message.id in hidden and message.email_from:
                store.add(message, {"email_from": mask_contact(message.email_from)})
        return res

    def _to_store(self, store, /, **kwargs):
        res = super()._to_store(store, **kwargs)
        # mail adds the messages' files as superuser: the masking is of the
        # real user
        hidden = self.with_env(self.env(su=False))._si_masked_message_ids()
        uid = self.env.uid
        for message in self:
            if message.id not in hidden:
                continue
            # sudo: the files of a message the user reads, as mail does
            files = message.sudo().attachment_ids
            shown = files.filtered(lambda att: att.create_uid.id == uid)
            if files == shown:
                continue
            store.add(message, {"attachment_ids": Store.many(
                shown.sorted("id"), only_id=True)})
            for attachment in files - shown:
                store.data.get("ir.attachment", {}).pop((attachment.id,), None)
        return res

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if domain and self.env["crm.lead"]._si_masked_fields():
            shown = ["|", ("model", "!=", "crm.lead"),
                     ("res_id", "not in", self._si_pooled_lead_ids())]
            result = []
            for leaf in domain:
                if (isinstance(leaf, (list, tuple)) and len(leaf) == 3
                        and leaf[0] in MASKED_MESSAGE_FIELDS):
                    result += ["&", leaf] + shown
                else:
                    result.append(leaf)
            domain = result
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _si_pooled_lead_ids(self):
        """The leads waiting in a pool that masks contacts, as a subquery."""
        # sudo: the leads of every masking pool, readable or not, so that no
        # message of theirs matches; only their ids are used, in a subquery
        return self.env["crm.lead"].sudo()._search([
            ("user_id", "=", False), ("pool_id.mask_contact", "=", True)])
