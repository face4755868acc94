# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The tracking messages of a write to many leads, logged together.

Odoo logs a change of a tracked field (the salesperson, the pool) with one
message per lead, each created on its own with its tracking values: 3-4 ms a
lead, most of an assignment or recycling run that changes thousands of
leads. The messages that are only field changes (no subtype, no body or
author of their own) are created here in one insert, and their tracking
values in another; the others go through Odoo's own tracking. The chatter
shows the same messages either way."""
from odoo import models
from odoo.exceptions import MissingError

TRACKED_ATTRIBUTES = ("string", "type", "selection", "currency_field")


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _message_track(self, fields_iter, initial_values_dict):
        if len(self) < 2 or not fields_iter:
            return super()._message_track(fields_iter, initial_values_dict)
        data = self.env.cr.precommit.data
        # a body or an author set for a lead's tracking: Odoo's own way
        special = (set(data.get("mail.tracking.message.%s" % self._name, {}))
                   | set(data.get("mail.tracking.author.%s" % self._name, {})))
        tracked_fields = self.fields_get(fields_iter, attributes=TRACKED_ATTRIBUTES)
        tracking = {}  # the leads whose tracking is done here
        for record in self:
            if record.id in special:
                continue
            initial = initial_values_dict[record.id]
            try:
                changes, values = record._mail_track(tracked_fields, initial)
            except MissingError:
                continue
            if not values or not record._track_subtype(
                    {name: initial[name] for name in changes}):
                tracking[record.id] = (changes, values)
        result = dict(tracking)
        others = self - self.browse(list(tracking))
        if others:
            result.update(super(CrmLead, others)._message_track(
                fields_iter, initial_values_dict))
        logged = self.browse([lead_id for lead_id, (_changes, values)
                              in tracking.items() if values])
        if logged:
            messages = logged._message_log_batch({
                record.id: record._track_get_default_log_message(tracking[record.id][0])
                for record in logged})
            # sudo: as Odoo's mail.message creates its tracking values
            self.env["mail.tracking.value"].sudo().create([
                dict(command[2], mail_message_id=message.id)
                for record, message in zip(logged, messages)
                for command in tracking[record.id][1]])
        return result
