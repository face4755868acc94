# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The log of intake submissions: one row per submission id and channel,
which makes a repeated submission (a retried request, a form sent twice)
give one lead only."""
from odoo import api, fields, models
from odoo.tools import SQL

OUTCOMES = [
    ("pending", "Being Processed"),
    ("created", "New Lead"),
    ("attached", "Added to Open Lead"),
    ("rejected", "Rejected (Under Contract)"),
    ("spam", "Spam"),
]


class SiIntakeSubmission(models.Model):
    _name = "si.intake.submission"
    _description = "Lead Intake Submission"
    _order = "id desc"
    _rec_name = "submission_key"

    channel_id = fields.Many2one(
        comodel_name="si.intake.channel",
        string="Channel",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one(
        related="channel_id.company_id",
        store=True,
        index=True,
    )
    submission_key = fields.Char(
        string="Submission ID",
        required=True,
        readonly=True,
        help="The sender's idempotency key: a second submission with the "
        "same id on the same channel changes nothing.",
    )
    outcome = fields.Selection(
        selection=OUTCOMES,
        required=True,
        default="pending",
        readonly=True,
        index=True,
    )
    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Lead",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    referrer = fields.Char(
        string="Referring Page",
        readonly=True,
        help="The page or site the submission came from, as sent.",
    )
    campaign_id = fields.Many2one(
        comodel_name="utm.campaign",
        string="Campaign",
        readonly=True,
        index="btree_not_null",
    )

    _sql_constraints = [
        ("submission_uniq", "unique (channel_id, submission_key)",
         "A submission id is used once per channel."),
    ]

    @api.model
    def _intake_claim(self, channel, key):
        """Register the submission `key` of `channel`; returns the new row,
        or an empty recordset when the key was already used (the submission
        is then acknowledged without any other effect). A concurrent request
        with the same key waits on the unique index and gets nothing."""
        query = SQL("""
            INSERT INTO si_intake_submission
                   (channel_id, company_id, submission_key, outcome,
                    create_uid, create_date, write_uid, write_date)
            VALUES (%(channel)s, %(company)s, %(key)s, 'pending',
                    %(uid)s, now() at time zone 'UTC',
                    %(uid)s, now() at time zone 'UTC')
            ON CONFLICT (channel_id, submission_key) DO NOTHING
            RETURNING id
        """, channel=channel.id, company=channel.company_id.id, key=key,
                    uid=self.env.uid)
        self.env.cr.execute(query)
        row = self.env.cr.fetchone()
        return self.browse(row[0]) if row else self.browse()
