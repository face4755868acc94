# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calendar rules of contract fulfilment reports and renewals, free of the
ORM: periods of a report frequency, days to expiry, the renewal notice."""
from datetime import date

REPORT_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


def period_start(day, frequency):
    """First day of the report period of `frequency` that holds `day`:
    calendar months, quarters, half-years or years. A report is due once
    per period; the period start is its key."""
    months = REPORT_MONTHS.get(frequency)
    if not months:
        raise ValueError("unknown report frequency %r" % (frequency,))
    month = (day.month - 1) // months * months + 1
    return date(day.year, month, 1)


def report_due(today, frequency, last_period):
    """A report of `frequency` is due on `today` unless one was already sent
    for the current period (`last_period` is the period start of the last
    report sent, or None)."""
    if not frequency or frequency == "none":
        return False
    return last_period is None or last_period < period_start(today, frequency)


def days_to_expiry(today, date_end):
    """Whole days from `today` to the end date; negative once expired; None
    for a contract without end date."""
    if date_end is None:
        return None
    return (date_end - today).days


def notice_due(today, date_end, notice_days):
    """The renewal notice of a contract ending on `date_end` is due once the
    end is at most `notice_days` away (and not yet past)."""
    left = days_to_expiry(today, date_end)
    return left is not None and 0 <= left <= notice_days


def cycle_days(created, closed):
    """Whole days of a sales cycle from creation to won (never negative)."""
    if not created or not closed:
        return 0
    return max((closed - created).days, 0)


def periods_per_year(rule_type, interval):
    """How many times a year a contract invoicing every `interval`
    `rule_type` (OCA contract recurrence) invoices."""
    interval = max(interval or 1, 1)
    per_year = {"daily": 365.0, "weekly": 52.0, "monthly": 12.0,
                "monthlylastday": 12.0, "quarterly": 4.0, "semesterly": 2.0,
                "yearly": 1.0}.get(rule_type, 12.0)
    return per_year / interval
