# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import logging
import time
from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.target_completion import fold_industries, growth, rate, sum_actuals, trends

_logger = logging.getLogger(__name__)

# Actual results of one company between two dates, grouped by month (first
# day), team, industry of the customer's company, salesperson, document
# currency and, for documents in another currency than the company's, the
# document's date (to convert at that date's rate).
_ACTUALS_SQL = {
    # confirmed orders, by order date (the confirmation date in Odoo 18), in
    # the order's currency
    "sale": """
        SELECT date_trunc('month', so.date_order)::date,
               so.team_id, cp.industry_id, so.user_id, so.currency_id,
               CASE WHEN so.currency_id = %(currency)s THEN NULL
                    ELSE so.date_order::date END,
               sum(so.amount_untaxed)
          FROM sale_order so
          JOIN res_partner p ON p.id = so.partner_id
          JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE so.state = 'sale' AND so.company_id = %(company)s
           AND so.date_order >= %(date_from)s AND so.date_order < %(date_to)s
      GROUP BY 1, 2, 3, 4, 5, 6
    """,
    # posted customer invoices less refunds: the signed untaxed amount is in
    # the company currency, converted by Odoo at the invoice's date
    "invoice": """
        SELECT date_trunc('month', m.invoice_date)::date,
               m.team_id, cp.industry_id, m.invoice_user_id, %(currency)s, NULL,
               sum(m.amount_untaxed_signed)
          FROM account_move m
          JOIN res_partner cp ON cp.id = m.commercial_partner_id
         WHERE m.move_type IN ('out_invoice', 'out_refund')
           AND m.state = 'posted' AND m.company_id = %(company)s
           AND m.invoice_date >= %(date_from)s AND m.invoice_date < %(date_to)s
      GROUP BY 1, 2, 3, 4
    """,
    # won opportunities: their expected revenue is in the company currency
    "won": """
        SELECT date_trunc('month', l.date_closed)::date,
               l.team_id, l.industry_id, l.user_id, %(currency)s, NULL,
               sum(l.expected_revenue)
          FROM crm_lead l
          JOIN crm_stage s ON s.id = l.stage_id
         WHERE l.active AND s.is_won AND l.company_id = %(company)s
           AND l.date_closed >= %(date_from)s AND l.date_closed < %(date_to)s
      GROUP BY 1, 2, 3, 4
    """,
}
# What the queries read, flushed before they run
_ACTUALS_FIELDS = {
    "sale": {"sale.order": ["date_order", "team_id", "user_id", "currency_id",
                            "amount_untaxed", "state", "company_id", "partner_id"],
             "res.partner": ["commercial_partner_id", "industry_id"]},
    "invoice": {"account.move": ["invoice_date", "team_id", "invoice_user_id",
                                 "amount_untaxed_signed", "move_type", "state",
                                 "company_id", "commercial_partner_id"],
                "res.partner": ["industry_id"]},
    "won": {"crm.lead": ["date_closed", "team_id", "industry_id", "user_id",
                         "expected_revenue", "active", "stage_id", "company_id"],
            "crm.stage": ["is_won"]},
}
_REFRESH_COLUMNS = ("actual_amount", "last_year_amount", "completion_rate",
                    "growth_rate")
_TREND_COLUMNS = ("trend", "months_on_target")
_REFRESH_TABLES = ("si_target_line", "si_target_rep_line")


class SiTargetPlan(models.Model):
    """Actual results of a plan: one grouped query over this year and last
    year, summed onto the plan, its lines and its rep lines."""

    _inherit = "si.target.plan"

    @api.model
    def _actual_rows(self, company, basis, date_from, date_to):
        """Actual results of `company` on `basis` from `date_from` (included)
        to `date_to` (excluded), in one grouped query: a list of (month
        'YYYY-MM-DD', team_id, industry_id, user_id, amount in the company
        currency). Amounts of documents in another currency are converted at
        the rate of the document's date."""
        for model, fnames in _ACTUALS_FIELDS[basis].items():
            self.env[model].flush_model(fnames)
        target = company.currency_id
        self.env.cr.execute(SQL(
            _ACTUALS_SQL[basis],
            company=company.id,
            currency=target.id,
            date_from=date_from,
            date_to=date_to,
        ))
        rows = self.env.cr.fetchall()
        Currency = self.env["res.currency"]
        rates = {}
        result = []
        for month, team_id, industry_id, user_id, currency_id, day, amount in rows:
            amount = amount or 0.0
            if day and currency_id and currency_id != target.id:
                key = (currency_id, day)
                if key not in rates:
                    rates[key] = Currency._get_conversion_rate(
                        Currency.browse(currency_id), target, company, day)
                amount *= rates[key]
            result.append((fields.Date.to_string(month), team_id, industry_id,
                           user_id, amount))
        return result

    def _year_rows(self, years_back=0, years=1):
        """Actual rows of the plan's year (`years_back` years before), or of
        `years` years from then."""
        start = date(self.year - years_back, 1, 1)
        return self._actual_rows(self.company_id, self.basis, start,
                                 start + relativedelta(years=years))

    def _refresh_actuals(self, rows=None):
        """Actual and last year's results of the plan, its lines and its rep
        lines, from one grouped query over both years (`rows`, when already
        read) and bulk updates of the rows that changed."""
        self.ensure_one()
        started = time.time()
        if rows is None:
            rows = self._year_rows(years_back=1, years=2)
        sums = sum_actuals(rows, self.year)
        actual_total, last_total = sums["actual"][2], sums["last"][2]
        for model in ("si.target.line", "si.target.rep.line"):
            self.env[model].flush_model()
        cr = self.env.cr
        cr.execute(SQL("SELECT id, date_month, team_id, industry_id, amount "
                       "FROM si_target_line WHERE plan_id = %s", self.id))
        self._bulk_update("si_target_line", self._line_actuals(sums, [
            (line_id, (fields.Date.to_string(month), team_id, industry_id), amount)
            for line_id, month, team_id, industry_id, amount in cr.fetchall()]))
        cr.execute(SQL("SELECT id, date_month, user_id, amount FROM si_target_rep_line "
                       "WHERE plan_id = %s", self.id))
        self._bulk_update("si_target_rep_line", self._rep_line_actuals(sums, [
            (line_id, fields.Date.to_string(month), user_id, amount)
            for line_id, month, user_id, amount in cr.fetchall()]),
            extra=_TREND_COLUMNS)
        self.write({
            "actual_amount": actual_total,
            "last_year_amount": last_total,
            "actuals_date": fields.Datetime.now(),
        })
        self.env["si.target.line"].invalidate_model(_REFRESH_COLUMNS)
        self.env["si.target.rep.line"].invalidate_model(
            _REFRESH_COLUMNS + _TREND_COLUMNS)
        _logger.info("Target plan %s: actuals refreshed in %.1fs", self.name,
                     time.time() - started)

    @api.model
    def _line_actuals(self, sums, lines):
        """(ident, actual, last year, completion, growth) of each of `lines`,
        (ident, (month 'YYYY-MM-DD', team_id, industry_id), target), from
        the `sums` of tools.target_completion.sum_actuals."""
        line_keys = {key for __, key, __ in lines}
        actual_lines = fold_industries(sums["actual"][0], line_keys)
        last_lines = fold_industries(sums["last"][0], line_keys)
        values = []
        for ident, key, amount in lines:
            actual = actual_lines.get(key, 0.0)
            last = last_lines.get(key, 0.0)
            values.append((ident, actual, last, rate(actual, amount),
                           growth(amount, last)))
        return values

    @api.model
    def _rep_line_actuals(self, sums, rep_lines):
        """(ident, actual, last year, completion, growth, trend, months on
        target) of each of `rep_lines`, (ident, month 'YYYY-MM-DD', user_id,
        target), from the `sums` of tools.target_completion.sum_actuals. The
        trends are those of each rep's months among `rep_lines`, over the
        months begun or with results already booked."""
        actual_reps, last_reps = sums["actual"][1], sums["last"][1]
        values = []
        by_user = defaultdict(list)
        for ident, month, user_id, amount in rep_lines:
            actual = actual_reps.get((month, user_id), 0.0)
            last = last_reps.get((month, user_id), 0.0)
            completion = rate(actual, amount)
            values.append((ident, actual, last, completion, growth(amount, last)))
            by_user[user_id].append((month, ident, completion))
        horizon = max([fields.Date.to_string(fields.Date.context_today(self))]
                      + [key[0] for key, amount in actual_reps.items() if amount])
        line_trends = {}
        for months in by_user.values():
            line_trends.update(trends([m for m in months if m[0] <= horizon]))
        return [value + line_trends.get(value[0], (None, 0)) for value in values]

    @api.model
    def _bulk_update(self, table, values, extra=()):
        """UPDATE `table` (one of _REFRESH_TABLES) from (id, actual, last,
        completion, growth[, trend, months on target]) rows: the rows are
        copied into a temporary table, then one UPDATE touches the rows that
        changed."""
        assert table in _REFRESH_TABLES
        if not values:
            return
        columns = _REFRESH_COLUMNS + tuple(extra)
        cr = self.env.cr
        cr.execute(SQL("""
            CREATE TEMP TABLE IF NOT EXISTS si_target_refresh
                   (id int, actual_amount numeric, last_year_amount numeric,
                    completion_rate float8, growth_rate float8, trend varchar,
                    months_on_target int) ON COMMIT DROP
        """))
        cr.execute(SQL("TRUNCATE si_target_refresh"))
        data = io.StringIO("".join(
            "\t".join("\\N" if value is None else str(value) for value in row) + "\n"
            for row in values))
        cr.copy_from(data, "si_target_refresh", columns=("id",) + columns)
        assignments = SQL(", ").join(
            SQL("%s = v.%s", SQL.identifier(c), SQL.identifier(c)) for c in columns)
        changed = SQL(" OR ").join(
            SQL("t.%s IS DISTINCT FROM v.%s", SQL.identifier(c), SQL.identifier(c))
            for c in columns)
        cr.execute(SQL(
            "UPDATE %s t SET %s FROM si_target_refresh v WHERE t.id = v.id AND (%s)",
            SQL.identifier(table), assignments, changed))

    @api.model
    def _cron_refresh_actuals(self, batch_size=20):
        """Nightly: actual results of every confirmed plan not refreshed since
        the scheduler's previous run, `batch_size` plans per call; the
        scheduler commits each call and calls again while plans remain. A
        plan whose refresh fails is logged and stays due."""
        domain = [("state", "=", "confirmed")]
        lastcall = self.env.context.get("lastcall")
        if lastcall:
            domain += ["|", ("actuals_date", "=", False),
                       ("actuals_date", "<", lastcall)]
        due = self.search(domain, order="actuals_date asc nulls first, id")
        done = 0
        for plan in due[:batch_size]:
            try:
                with self.env.cr.savepoint():
                    plan._refresh_actuals()
            except Exception:
                # one bad plan does not stop the others; it stays due
                _logger.exception("Target plan %s: actuals not refreshed", plan.name)
            done += 1
        self.env["ir.cron"]._notify_progress(
            done=done, remaining=max(len(due) - done, 0))
        return done
