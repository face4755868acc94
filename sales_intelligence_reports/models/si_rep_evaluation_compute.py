# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The figures of the evaluation: one grouped query per factor for all the
reps of a company at once (never one query per rep)."""
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# the optional fields of the rep targets that hold the rep's expenses (added
# by the sales expense budget); without them the cost of sale is not measured
EXPENSE_FIELD = "expense_amount"

_TARGET_SQL = """
    SELECT r.user_id, sum(r.amount), sum(r.actual_amount), %(expense)s
      FROM si_target_rep_line r
      JOIN si_target_plan p ON p.id = r.plan_id
     WHERE p.state IN ('confirmed', 'closed') AND p.company_id = %(company)s
       AND r.user_id = ANY(%(users)s)
       AND r.date_month >= %(month_from)s AND r.date_month <= %(date_to)s
  GROUP BY r.user_id
"""
# the lead conversion report's own definitions of received, conversion base
# and won (report/si_lead_analysis.py), for the leads received in the period
_CONVERSION_SQL = """
    SELECT a.user_id, sum(a.received_count), sum(a.conversion_base_count),
           sum(a.won_count)
      FROM si_lead_analysis a
     WHERE a.user_id = ANY(%(users)s) AND a.company_id = %(company)s
       AND a.create_date >= %(date_from)s AND a.create_date < %(date_end)s
  GROUP BY a.user_id
"""
# work planned and done in the daily plans, each kind counted up to its quota
# as the daily plan's own completion does (tools/daily_quota.plan_completion)
_ACTIVITY_SQL = """
    SELECT p.user_id,
           sum(p.quota_followup + p.quota_visit + p.quota_negotiation),
           sum(LEAST(p.actual_followup, p.quota_followup)
               + LEAST(p.actual_visit, p.quota_visit)
               + LEAST(p.actual_negotiation, p.quota_negotiation))
      FROM si_daily_plan p
     WHERE p.user_id = ANY(%(users)s)
       AND (p.company_id = %(company)s OR p.company_id IS NULL)
       AND p.date >= %(date_from)s AND p.date <= %(date_to)s
  GROUP BY p.user_id
"""
# open leads (active, not won, as on the rep profile) now
_FOLLOWUP_SQL = """
    SELECT l.user_id, count(*),
           count(*) FILTER (WHERE l.next_followup_date < %(today)s),
           count(*) FILTER (WHERE l.is_dormant),
           count(*) FILTER (WHERE l.next_followup_date < %(today)s
                            OR l.is_dormant)
      FROM crm_lead l
      LEFT JOIN crm_stage s ON s.id = l.stage_id
     WHERE l.active AND NOT COALESCE(s.is_won, false)
       AND l.user_id = ANY(%(users)s) AND l.company_id = %(company)s
  GROUP BY l.user_id
"""
_ANOMALY_SQL = """
    SELECT a.user_id, count(*)
      FROM si_anomaly a
     WHERE a.user_id = ANY(%(users)s) AND a.company_id = %(company)s
       AND a.date_detected >= %(date_from)s AND a.date_detected <= %(date_to)s
  GROUP BY a.user_id
"""
# opportunities won in the period and the key factors of their completed
# summaries
_WON_SQL = """
    SELECT l.user_id, count(DISTINCT l.id),
           count(DISTINCT l.id) FILTER (WHERE r.factor_id IS NOT NULL),
           count(r.factor_id)
      FROM crm_lead l
      JOIN crm_stage s ON s.id = l.stage_id AND s.is_won
      LEFT JOIN si_won_summary su ON su.lead_id = l.id AND su.state = 'done'
      LEFT JOIN si_won_summary_factor_rel r ON r.summary_id = su.id
     WHERE l.active AND l.user_id = ANY(%(users)s)
       AND l.company_id = %(company)s
       AND l.date_closed >= %(date_from)s AND l.date_closed < %(date_end)s
  GROUP BY l.user_id
"""
_FACTOR_SQL = """
    SELECT l.user_id, r.factor_id, count(*)
      FROM crm_lead l
      JOIN crm_stage s ON s.id = l.stage_id AND s.is_won
      JOIN si_won_summary su ON su.lead_id = l.id AND su.state = 'done'
      JOIN si_won_summary_factor_rel r ON r.summary_id = su.id
     WHERE l.active AND l.user_id = ANY(%(users)s)
       AND l.company_id = %(company)s
       AND l.date_closed >= %(date_from)s AND l.date_closed < %(date_end)s
  GROUP BY l.user_id, r.factor_id
"""
# required reading of each user, as the knowledge base defines it
# (si.kb.article._required_readers): the article names the user, one of
# their teams (member or leader) or their grade; published articles of the
# company or shared
_KB_SQL = """
    WITH required AS (
        SELECT u.%(u_article)s AS article_id, u.%(u_user)s AS user_id
          FROM %(u_rel)s u
         WHERE u.%(u_user)s = ANY(%(users)s)
        UNION
        SELECT t.%(t_article)s, m.user_id
          FROM %(t_rel)s t
          JOIN crm_team_member m ON m.crm_team_id = t.%(t_team)s AND m.active
         WHERE m.user_id = ANY(%(users)s)
        UNION
        SELECT t.%(t_article)s, team.user_id
          FROM %(t_rel)s t
          JOIN crm_team team ON team.id = t.%(t_team)s
         WHERE team.user_id = ANY(%(users)s)
        UNION
        SELECT g.%(g_article)s, rep.user_id
          FROM %(g_rel)s g
          JOIN si_rep rep ON rep.grade_id = g.%(g_grade)s AND rep.active
         WHERE rep.user_id = ANY(%(users)s)
    )
    SELECT q.user_id, count(*), count(*) FILTER (WHERE rd.acknowledged)
      FROM required q
      JOIN si_kb_article a ON a.id = q.article_id AND a.state = 'published'
       AND (a.company_id IS NULL OR a.company_id = %(company)s)
      LEFT JOIN si_kb_article_reader rd
        ON rd.article_id = q.article_id AND rd.user_id = q.user_id
  GROUP BY q.user_id
"""
# what the queries read, flushed before they run
_FLUSH = {
    "si.target.rep.line": None,
    "si.target.plan": ["state", "company_id"],
    "crm.lead": None,
    "crm.stage": ["is_won"],
    "si.daily.plan": None,
    "si.anomaly": ["user_id", "company_id", "date_detected"],
    "si.won.summary": ["lead_id", "state", "factor_ids"],
    "si.kb.article": ["state", "company_id", "required_user_ids",
                      "required_team_ids", "required_grade_ids"],
    "si.kb.article.reader": None,
    "crm.team.member": ["crm_team_id", "user_id", "active"],
    "crm.team": ["user_id"],
    "si.rep": ["grade_id", "user_id", "active"],
}


class SiRepEvaluation(models.Model):
    _inherit = "si.rep.evaluation"

    @api.model
    def _has_expenses(self):
        field = self.env["si.target.rep.line"]._fields.get(EXPENSE_FIELD)
        return bool(field and field.store)

    @api.model
    def _period_figures(self, company, users, date_from, date_to):
        """{user id: {figure: value}} of `users` in `company` from
        `date_from` to `date_to` (both included), in one query per factor."""
        for model, fnames in _FLUSH.items():
            self.env[model].flush_model(fnames)
        figures = defaultdict(dict)
        params = {
            "company": company.id,
            "users": list(users.ids),
            "date_from": date_from,
            "date_to": date_to,
            "date_end": date_to + timedelta(days=1),
            "month_from": date_from.replace(day=1),
            "today": fields.Date.context_today(self),
        }
        cr = self.env.cr
        expense = (SQL("sum(r.%s)", SQL.identifier(EXPENSE_FIELD))
                   if self._has_expenses() else SQL("NULL::numeric"))
        cr.execute(SQL(_TARGET_SQL, expense=expense, **params))
        for user_id, target, actual, expenses in cr.fetchall():
            figures[user_id].update(target=target or 0.0, actual=actual or 0.0,
                                    expenses=expenses)
        self.env["si.lead.analysis"].flush_model()
        cr.execute(SQL(_CONVERSION_SQL, **params))
        for user_id, received, base, won in cr.fetchall():
            figures[user_id].update(received=received or 0, base=base or 0,
                                    won=won or 0)
        cr.execute(SQL(_ACTIVITY_SQL, **params))
        for user_id, planned, done in cr.fetchall():
            figures[user_id].update(planned=planned or 0, done=done or 0)
        cr.execute(SQL(_FOLLOWUP_SQL, **params))
        for user_id, open_count, overdue, dormant, late in cr.fetchall():
            figures[user_id].update(open=open_count, overdue=overdue,
                                    dormant=dormant, late=late)
        cr.execute(SQL(_ANOMALY_SQL, **params))
        for user_id, count in cr.fetchall():
            figures[user_id]["anomalies"] = count
        cr.execute(SQL(_WON_SQL, **params))
        for user_id, deals, summarized, mentions in cr.fetchall():
            figures[user_id].update(deals=deals, summarized=summarized,
                                    mentions=mentions)
        cr.execute(SQL(_FACTOR_SQL, **params))
        factor_counts = defaultdict(dict)
        for user_id, factor_id, count in cr.fetchall():
            factor_counts[user_id][factor_id] = count
        for user_id, counts in factor_counts.items():
            figures[user_id]["factors"] = counts
        cr.execute(SQL(_KB_SQL, **params, **self._kb_relations()))
        for user_id, required, read in cr.fetchall():
            figures[user_id].update(kb_required=required, kb_read=read)
        return figures

    @api.model
    def _kb_relations(self):
        """Tables and columns of the required-reading many2many fields of the
        knowledge articles, as identifiers for _KB_SQL."""
        fields_ = self.env["si.kb.article"]._fields
        names = {}
        for prefix, fname, other in (("u", "required_user_ids", "user"),
                                     ("t", "required_team_ids", "team"),
                                     ("g", "required_grade_ids", "grade")):
            field = fields_[fname]
            names["%s_rel" % prefix] = SQL.identifier(field.relation)
            names["%s_article" % prefix] = SQL.identifier(field.column1)
            names["%s_%s" % (prefix, other)] = SQL.identifier(field.column2)
        return names
