# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lead pool arithmetic without the ORM: the claim limits that apply to a
rep, why a claim is refused, and the dates a recycling rule compares with.

Dates are naive UTC datetimes, as Odoo stores them."""
from collections import namedtuple
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# A day count above a hundred years is a typing error, and the date arithmetic
# (Python's and PostgreSQL's) overflows not far beyond: rules refuse it.
MAX_DAYS = 36500

# kind: "daily" or "hold"; limit, done (claimed today or held), asked
Refusal = namedtuple("Refusal", ["kind", "limit", "done", "asked"])


def effective_limit(pool_limit, own_limit):
    """The rep's own limit when set (above 0), else the pool's; 0: none."""
    return own_limit or pool_limit or 0


def claim_refusal(asked, daily_limit, claimed_today, hold_limit, held):
    """The first limit that claiming `asked` more leads breaks, or None.

    >>> claim_refusal(2, 3, 1, 0, 40) is None
    True
    >>> claim_refusal(3, 3, 1, 0, 40).kind
    'daily'
    >>> claim_refusal(1, 0, 9, 10, 10)
    Refusal(kind='hold', limit=10, done=10, asked=1)
    """
    if daily_limit and claimed_today + asked > daily_limit:
        return Refusal("daily", daily_limit, claimed_today, asked)
    if hold_limit and held + asked > hold_limit:
        return Refusal("hold", hold_limit, held, asked)
    return None


def day_start(now, tz=None):
    """The moment (naive UTC) of midnight of `now`'s day in the time zone
    `tz` (a name such as "Asia/Shanghai"; UTC when empty or unknown): the
    claims of the rep's "today" count from there.

    >>> day_start(datetime(2026, 3, 30, 20, 0), "Asia/Shanghai")
    datetime.datetime(2026, 3, 30, 16, 0)
    >>> day_start(datetime(2026, 3, 31, 12, 0))
    datetime.datetime(2026, 3, 31, 0, 0)
    """
    try:
        zone = ZoneInfo(tz) if tz else timezone.utc
    except (ZoneInfoNotFoundError, ValueError):
        zone = timezone.utc
    local = now.replace(tzinfo=timezone.utc).astimezone(zone)
    # fold 0: a midnight that falls in a DST gap or repeats maps to the
    # first moment of the day
    midnight = datetime.combine(local.date(), time.min, tzinfo=zone)
    return midnight.astimezone(timezone.utc).replace(tzinfo=None)


def cooldown_start(now, cooldown_days):
    """Releases and recyclings after this moment still block the previous
    owner's claim; None when the pool has no cool-down."""
    return now - timedelta(days=cooldown_days) if cooldown_days else None


def protected_until(today, protection_days):
    """The last day a freshly claimed lead cannot be recycled, or False."""
    return today + timedelta(days=protection_days) if protection_days else False


def stale_before(now, days):
    """A lead whose rule date (last follow-up, stage change or assignment)
    is before this moment has waited `days` days: the rule recycles it."""
    return now - timedelta(days=days)


def warning_window(now, days, warn_days):
    """(start, end) of the rule dates whose leads are warned `warn_days`
    before their recycling: dates in [start, end) are recycled within
    `warn_days` days but not yet. None when the rule does not warn.

    >>> now = datetime(2026, 3, 31)
    >>> warning_window(now, 30, 5)
    (datetime.datetime(2026, 3, 1, 0, 0), datetime.datetime(2026, 3, 6, 0, 0))
    >>> warning_window(now, 30, 0) is None
    True
    """
    if not warn_days or warn_days >= days:
        return None
    return stale_before(now, days), stale_before(now, days - warn_days)


def reassign_before(now, reassign_after_days):
    """Leads in a pool since before this moment are re-assigned."""
    return now - timedelta(days=reassign_after_days)
