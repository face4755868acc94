# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Month buckets of a snapshot and the split of a date range between the
snapshot (whole months) and the live rows (the partial months at its ends).

Datetimes are naive UTC, as Odoo stores them; a bucket is a calendar month of
the snapshot's time zone, given by the UTC instant it starts at."""
from datetime import datetime

import pytz


def month_start(moment, tz_name):
    """UTC start of the month of `tz_name` that contains `moment` (UTC)."""
    tz = pytz.timezone(tz_name)
    local = pytz.utc.localize(moment).astimezone(tz)
    start = tz.localize(datetime(local.year, local.month, 1))
    return start.astimezone(pytz.utc).replace(tzinfo=None)


def next_month_start(moment, tz_name):
    """UTC start of the month after the one that contains `moment`."""
    tz = pytz.timezone(tz_name)
    local = pytz.utc.localize(moment).astimezone(tz)
    year, month = (local.year + 1, 1) if local.month == 12 \
        else (local.year, local.month + 1)
    start = tz.localize(datetime(year, month, 1))
    return start.astimezone(pytz.utc).replace(tzinfo=None)


def split_range(lower, lower_strict, upper, upper_strict, tz_name):
    """Split the range given by its bounds (None: unbounded) into whole months
    and partial ends.

    Returns ``(first, last, lower_edge, upper_edge)``: the snapshot answers the
    buckets starting in ``[first, last)`` (None: unbounded), the live rows
    answer ``create_date < first`` (lower_edge true) and ``create_date >=
    last`` (upper_edge true) within the original bounds. Returns None when no
    whole month lies inside the range."""
    first = last = None
    lower_edge = upper_edge = False
    if lower is not None:
        start = month_start(lower, tz_name)
        if start == lower and not lower_strict:
            first = lower
        else:
            first = next_month_start(lower, tz_name)
            lower_edge = True
    if upper is not None:
        last = month_start(upper, tz_name)
        upper_edge = last < upper or not upper_strict
    if first is not None and last is not None and first >= last:
        return None
    return first, last, lower_edge, upper_edge
