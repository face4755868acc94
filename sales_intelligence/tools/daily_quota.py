# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ORM-free daily quotas of a rep: how much work a day brings the monthly
target within reach, given the rep's own conversion history."""
import calendar
import math
from datetime import date, timedelta

# Used when a rep has no won deal in the history window: a typical B2B funnel
DEFAULT_RATIOS = {
    "followup": 12.0,  # follow-ups (all channels) per won deal
    "visit": 3.0,  # customer visits and meetings per won deal
    "negotiation": 1.5,  # contract negotiations per won deal
}


def working_days(first, last, weekdays=(0, 1, 2, 3, 4), holidays=()):
    """The dates from `first` to `last` (inclusive) that are working days:
    a weekday in `weekdays` (Monday = 0) and not in `holidays`."""
    holidays = set(holidays)
    days = []
    day = first
    while day <= last:
        if day.weekday() in weekdays and day not in holidays:
            days.append(day)
        day += timedelta(days=1)
    return days


def month_bounds(day):
    """First and last date of the month of `day`."""
    last = calendar.monthrange(day.year, day.month)[1]
    return date(day.year, day.month, 1), date(day.year, day.month, last)


def conversion_ratios(won_count, won_amount, activity_counts, default_deal=0.0):
    """The rep's conversion history as ratios: activities of each kind per
    won deal, and the average deal size. Without won deals the defaults
    apply (and `default_deal` as the deal size)."""
    if won_count <= 0:
        return dict(DEFAULT_RATIOS), default_deal
    ratios = {}
    for kind, default in DEFAULT_RATIOS.items():
        count = activity_counts.get(kind, 0)
        ratios[kind] = count / won_count if count else default
    return ratios, won_amount / won_count


def daily_quotas(target, achieved, deal_size, ratios, days_left):
    """Activities of each kind to do per remaining working day so that the
    rest of the month's `target` (`target - achieved`) is reached: deals
    still needed = rest / `deal_size`, times the activities per won deal,
    spread over `days_left` working days, rounded up. Zero once the target
    is reached; with no working day left, the whole remainder falls today."""
    rest = max(target - achieved, 0.0)
    if rest <= 0 or deal_size <= 0:
        return {kind: 0 for kind in ratios}
    deals = rest / deal_size
    days = max(days_left, 1)
    return {kind: int(math.ceil(deals * ratio / days - 1e-9))
            for kind, ratio in ratios.items()}


def average_deal(history):
    """Average won deal over reps with won deals, from ``{rep: (won count,
    won amount, ...)}``; 0 when nobody won anything."""
    deals = [row[1] / row[0] for row in history.values() if row[0]]
    return sum(deals) / len(deals) if deals else 0.0


def days_left(days, today):
    """How many of the working `days` are `today` or later."""
    return len([day for day in days if day >= today])


def plan_completion(quotas, done):
    """Work done / work planned in percent (one decimal), each kind capped
    at its quota; 100 when nothing was planned. `quotas` and `done` map a
    kind to a count."""
    planned = sum(quotas.values())
    if not planned:
        return 100.0
    achieved = sum(min(done.get(kind, 0), quota) for kind, quota in quotas.items())
    return round(100.0 * achieved / planned, 1)
