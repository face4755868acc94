# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import sql

from odoo import api, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model
    def _si_bulk_schedule(self, records, user_field, name_field, activity_type,
                          summary):
        """One to-do due today on each of `records` for the user in its
        `user_field`, in a single INSERT: scheduled jobs plan thousands of
        them, which the ORM would create one by one."""
        if not records.ids:
            return
        # Identifiers come from the model's own table and field names.
        query = sql.SQL("""
            INSERT INTO mail_activity
                   (res_id, res_model_id, res_model, res_name, activity_type_id,
                    summary, date_deadline, user_id,
                    create_uid, create_date, write_uid, write_date)
            SELECT r.id, %(model_id)s, %(model)s, r.{name}, %(type)s,
                   %(summary)s, current_date, r.{user},
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM {table} r
             WHERE r.id IN %(ids)s AND r.{user} IS NOT NULL
        """).format(name=sql.Identifier(name_field), user=sql.Identifier(user_field),
                    table=sql.Identifier(records._table))
        self.env.cr.execute(query, {
            "model_id": self.env["ir.model"]._get_id(records._name),
            "model": records._name,
            "type": activity_type.id,
            "summary": summary,
            "uid": self.env.uid,
            "ids": tuple(records.ids),
        })
        records.invalidate_cache(["activity_ids"], records.ids)
