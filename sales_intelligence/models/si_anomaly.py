# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools.chunk_jobs import enqueue_chunks, use_queue

_logger = logging.getLogger(__name__)

ANOMALY_TYPES = [
    ("rep_idle", "Rep without follow-up"),
    ("key_lead_stale", "Key lead not updated"),
    ("followup_overdue", "Planned follow-up overdue"),
]
# The current occurrences of each anomaly type: (user_id, lead_id, days).
# %(days)s is the company's threshold; %(company)s the company scanned.
_ANOMALY_SQL = {
    "rep_idle": """
        SELECT u.id AS user_id, NULL::int AS lead_id,
               (current_date - COALESCE(f.last, r.first_lead)::date) AS days
          FROM res_users u
          -- the rep's last follow-up: one probe of its index
          LEFT JOIN LATERAL (
                SELECT max(date) AS last FROM si_lead_followup
                 WHERE user_id = u.id AND kind = 'followup') f ON TRUE
          -- the rep's first open lead, only for a rep never followed up
          LEFT JOIN LATERAL (
                SELECT min(l.create_date) AS first_lead
                  FROM crm_lead l
                  LEFT JOIN crm_stage s ON s.id = l.stage_id
                 WHERE f.last IS NULL AND l.user_id = u.id AND l.active
                   AND l.company_id = %(company)s
                   AND NOT COALESCE(s.is_won, false)) r ON TRUE
         WHERE u.active AND NOT u.share
           -- reps with open leads in the company
           AND EXISTS (
                SELECT FROM crm_lead l
                  LEFT JOIN crm_stage s ON s.id = l.stage_id
                 WHERE l.user_id = u.id AND l.active
                   AND l.company_id = %(company)s
                   AND NOT COALESCE(s.is_won, false))
           AND COALESCE(f.last, r.first_lead)
               < now() at time zone 'UTC' - make_interval(days => %(days)s)
    """,
    "key_lead_stale": """
        SELECT l.user_id, l.id AS lead_id,
               (current_date - GREATEST(l.last_followup_date,
                    l.date_last_stage_update, l.create_date)::date) AS days
          FROM crm_lead l
          LEFT JOIN crm_stage s ON s.id = l.stage_id
         WHERE l.is_key_lead AND l.active AND l.user_id IS NOT NULL
           AND l.company_id = %(company)s
           AND NOT COALESCE(s.is_won, false)
           AND GREATEST(l.last_followup_date, l.date_last_stage_update,
                        l.create_date)
               < now() at time zone 'UTC' - make_interval(days => %(days)s)
    """,
    "followup_overdue": """
        SELECT a.user_id, l.id AS lead_id,
               (current_date - min(a.date_deadline)) AS days
          FROM mail_activity a
          JOIN crm_lead l ON l.id = a.res_id AND a.res_model = 'crm.lead'
         WHERE l.active AND a.user_id IS NOT NULL
           AND l.company_id = %(company)s
           AND a.date_deadline < current_date - %(days)s
      GROUP BY a.user_id, l.id
    """,
}
_THRESHOLD_FIELD = {
    "rep_idle": "si_anomaly_rep_idle_days",
    "key_lead_stale": "si_anomaly_key_lead_days",
    "followup_overdue": "si_anomaly_overdue_days",
}


class SiAnomaly(models.Model):
    """Something a sales manager should look at: raised by the anomaly scan,
    closed by it when the condition clears."""

    _name = "si.anomaly"
    _description = "Sales Anomaly"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state desc, date_detected desc, id desc"

    name = fields.Char(
        compute="_compute_name",
    )
    anomaly_type = fields.Selection(
        selection=ANOMALY_TYPES,
        string="Type",
        required=True,
        readonly=True,
        index=True,
    )
    state = fields.Selection(
        selection=[("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        readonly=True,
        index=True,
    )
    manager_id = fields.Many2one(
        comodel_name="res.users",
        string="Manager",
        readonly=True,
        index=True,
        help="Leader of the salesperson's team, who is notified.",
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        readonly=True,
        index=True,
    )
    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Lead",
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    days = fields.Integer(
        readonly=True,
        help="How many days the condition has lasted at the last scan.",
    )
    date_detected = fields.Date(
        readonly=True,
        index=True,
    )
    date_closed = fields.Date(
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )

    @api.depends("anomaly_type", "user_id", "lead_id", "days")
    def _compute_name(self):
        labels = dict(self._fields["anomaly_type"]._description_selection(self.env))
        for anomaly in self:
            subject = anomaly.lead_id.name or anomaly.user_id.name or ""
            anomaly.name = _(
                "%(type)s: %(subject)s (%(days)d days)",
                type=labels.get(anomaly.anomaly_type, ""),
                subject=subject,
                days=anomaly.days,
            )

    # The key is the partial unique index made in init(); the empty definition
    # gives its refusal a translated sentence.
    _sql_constraints = [
        ("open_uniq", "",
         "This anomaly is already open for this rep and lead."),
    ]

    def init(self):
        # At most one open anomaly per type, rep and lead: the scan relies on it
        # to stay idempotent.
        self.env.cr.execute(SQL("""
            CREATE UNIQUE INDEX IF NOT EXISTS si_anomaly_open_uniq
                ON si_anomaly (anomaly_type, COALESCE(user_id, 0),
                               COALESCE(lead_id, 0))
             WHERE state = 'open'
        """))

    @api.model
    def _cron_scan_anomalies(self):
        """Raise new anomalies, refresh the days of open ones and close those
        whose condition cleared; notify the manager of each new one. One
        transaction per company and type; as a scheduled action with the job
        queue installed, one job per company and type (see
        tools.chunk_jobs), returning the number of jobs."""
        companies = self.env["res.company"].search([])
        if use_queue(self.env):
            return enqueue_chunks(
                self, "anomalies", "_job_scan_anomalies_chunk",
                [(company.id, anomaly_type) for company in companies
                 for anomaly_type in _ANOMALY_SQL],
                description=self.env._("Anomaly scan"))
        started = time.time()
        opened = closed = 0
        # the scan reads these in SQL
        self.env.flush_all()
        total = len(companies) * len(_ANOMALY_SQL)
        done = 0
        for company in companies:
            for anomaly_type in _ANOMALY_SQL:
                new_ids, n_closed = self._scan(company, anomaly_type)
                self.browse(new_ids)._notify_managers()
                opened += len(new_ids)
                closed += n_closed
                done += 1
                self.env["crm.lead"]._commit_batch(done=done, remaining=total - done)
        self.invalidate_model()
        _logger.info("Anomalies: %d opened, %d closed in %.1fs",
                     opened, closed, time.time() - started)
        return opened, closed

    @api.model
    def _job_scan_anomalies_chunk(self, company_id, anomaly_type):
        """The scan of one company and anomaly type, as a job of the queue:
        what one transaction of the scheduled run does."""
        self.env.flush_all()
        new_ids, closed = self._scan(self.env["res.company"].browse(company_id),
                                     anomaly_type)
        self.browse(new_ids)._notify_managers()
        self.invalidate_model()
        return "%d opened, %d closed" % (len(new_ids), closed)

    def _scan(self, company, anomaly_type):
        cr = self.env.cr
        params = {
            "company": company.id,
            "days": company[_THRESHOLD_FIELD[anomaly_type]],
            "type": anomaly_type,
            "uid": self.env.uid,
        }
        # the conditions' queries cost enough for PostgreSQL's JIT compiler,
        # whose compilation took most of their time (0.6 of 0.75 s at a
        # million leads): off for this transaction
        cr.execute(SQL("SET LOCAL jit = off"))
        cr.execute(SQL("CREATE TEMP TABLE IF NOT EXISTS si_anomaly_now "
                       "(user_id int, lead_id int, days int)"))
        cr.execute(SQL("TRUNCATE si_anomaly_now"))
        cr.execute(SQL("INSERT INTO si_anomaly_now %s",
                       SQL(_ANOMALY_SQL[anomaly_type], **params)))
        # a temporary table has no statistics until analysed: without them
        # PostgreSQL joins thousands of open anomalies to it row by row
        cr.execute(SQL("ANALYZE si_anomaly_now"))
        cr.execute(SQL("""
            UPDATE si_anomaly a
               SET state = 'closed', date_closed = current_date,
                   write_uid = %(uid)s, write_date = now() at time zone 'UTC'
             WHERE a.state = 'open' AND a.anomaly_type = %(type)s
               AND a.company_id = %(company)s
               -- NOT IN: one hash of the conditions found, whatever the
               -- estimate of the open anomalies (a NOT EXISTS was planned as
               -- a nested loop once thousands were opened in the transaction)
               AND (COALESCE(a.user_id, 0), COALESCE(a.lead_id, 0)) NOT IN (
                   SELECT COALESCE(n.user_id, 0), COALESCE(n.lead_id, 0)
                     FROM si_anomaly_now n)
        """, **params))
        n_closed = cr.rowcount
        cr.execute(SQL("""
            UPDATE si_anomaly a SET days = n.days
              FROM si_anomaly_now n
             WHERE a.state = 'open' AND a.anomaly_type = %(type)s
               AND COALESCE(n.user_id, 0) = COALESCE(a.user_id, 0)
               AND COALESCE(n.lead_id, 0) = COALESCE(a.lead_id, 0)
               AND a.days IS DISTINCT FROM n.days
        """, **params))
        cr.execute(SQL("""
            INSERT INTO si_anomaly
                   (anomaly_type, state, user_id, lead_id, days, team_id,
                    manager_id, company_id, date_detected,
                    create_uid, create_date, write_uid, write_date)
            SELECT %(type)s, 'open', n.user_id, n.lead_id, n.days, t.id,
                   t.user_id, %(company)s, current_date,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM si_anomaly_now n
              JOIN res_users u ON u.id = n.user_id
              LEFT JOIN crm_lead l ON l.id = n.lead_id
              LEFT JOIN crm_team t ON t.id = COALESCE(l.team_id, u.sale_team_id)
            ON CONFLICT DO NOTHING
         RETURNING id
        """, **params))
        return [row[0] for row in cr.fetchall()], n_closed

    def _notify_managers(self):
        """A to-do for the manager of each new anomaly, in one INSERT."""
        self.env["mail.activity"]._si_bulk_schedule(
            self, "manager_id", "anomaly_type",
            self.env.ref("mail.mail_activity_data_todo"),
            _("Sales anomaly to review"))
