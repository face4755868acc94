# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Ages in whole days (today less the day of a moment) as conditions on the
moment, so that a figure such as "days without follow-up" is searched on
the stored moment instead of being stored and rewritten every night."""
from datetime import datetime, time, timedelta

import pytz

COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")


def age_bounds(operator, days, today):
    """`age <operator> days`, where age = today - the moment's day, as
    conditions on the moment's day: [(">=" or "<", day)], "the moment is on
    or after the start of day" or "before the start of day", all to hold
    (for "!=", those of "=", to be negated as a whole)."""
    if operator not in COMPARISONS:
        raise ValueError(operator)
    if operator == ">":
        operator, days = ">=", days + 1
    elif operator == "<":
        operator, days = "<=", days - 1
    oldest = today - timedelta(days=days)
    bounds = []
    if operator in ("<=", "=", "!="):
        bounds.append((">=", oldest))
    if operator in (">=", "=", "!="):
        bounds.append(("<", oldest + timedelta(days=1)))
    return bounds


def day_start_utc(day, tz_name):
    """The UTC moment (naive, as Odoo stores it) at which `day` starts in
    the time zone `tz_name` (UTC when unknown)."""
    try:
        zone = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        zone = pytz.utc
    return zone.localize(datetime.combine(day, time.min)).astimezone(
        pytz.utc).replace(tzinfo=None)
