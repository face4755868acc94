# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import SQL


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model
    def _si_bulk_schedule(self, records, user_field, name_field, activity_type,
                          summary, deadline=None):
        """One automated to-do due `deadline` (today by default) on each of
        `records` for the user in its `user_field` (none where it is empty),
        in a single INSERT: scheduled jobs plan thousands of them, which the
        ORM would create and notify by e-mail one by one (the assignees see
        them in their activities, counters refreshed). The rows are complete
        activities: stored related and default values are written as the ORM
        would (model, document name, user time zone, active)."""
        if not records.ids:
            return
        records.flush_recordset([user_field, name_field])
        self.env.cr.execute(SQL(
            """
            INSERT INTO mail_activity
                   (res_id, res_model_id, res_model, res_name, activity_type_id,
                    summary, date_deadline, user_id, user_tz, automated, active,
                    create_uid, create_date, write_uid, write_date)
            SELECT r.id, %(model_id)s, %(model)s, r.%(name)s, %(type)s,
                   %(summary)s, COALESCE(%(deadline)s, current_date), r.%(user)s,
                   p.tz, true, true,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM %(table)s r
              JOIN res_users u ON u.id = r.%(user)s
              JOIN res_partner p ON p.id = u.partner_id
             WHERE r.id = ANY(%(ids)s)
         RETURNING user_id
        """,
            model_id=self.env["ir.model"]._get_id(records._name),
            model=records._name,
            name=SQL.identifier(name_field),
            type=activity_type.id,
            summary=summary,
            deadline=deadline,
            user=SQL.identifier(user_field),
            uid=self.env.uid,
            table=SQL.identifier(records._table),
            ids=list(records.ids),
        ))
        user_ids = {row[0] for row in self.env.cr.fetchall()}
        records.invalidate_recordset()
        # the assignees' activity counters in the web client, as the ORM does
        self.env["res.users"].browse(user_ids)._bus_send(
            "mail.activity/updated", {"activity_created": True})
