# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ORM-free arithmetic of sales targets: completion and growth rates, the
trend of a rep's months, the weights that split a team's target to its reps,
and actual results summed per target cell."""
from collections import defaultdict

# A month's completion must move by more than this (in points) to count as
# rising or falling against the month before.
TREND_TOLERANCE = 5.0


def rate(actual, target):
    """Completion in percent, one decimal; 0 without a target."""
    return round(100.0 * actual / target, 1) if target else 0.0


def growth(target, last):
    """How much higher `target` is than `last`, in percent; 0 without `last`."""
    return round(100.0 * (target - last) / last, 1) if last else 0.0


def format_amount(amount, digits):
    """1234567.8 -> '1,234,567.80' (with `digits` decimals)."""
    return "{:,.{}f}".format(amount, digits)


def trends(months):
    """{key: (trend, months_on_target)} of one rep's months, from
    ``(month, key, completion rate)`` items in any order. The trend compares
    a month's completion with the month before ('up', 'steady', 'down'; None
    for the first month); months on target count the consecutive months up
    to this one with a completion of 100 % or more."""
    result = {}
    previous = None
    streak = 0
    for _month, key, completion in sorted(months, key=lambda item: item[0]):
        streak = streak + 1 if completion >= 100.0 else 0
        if previous is None:
            trend = None
        elif completion > previous + TREND_TOLERANCE:
            trend = "up"
        elif completion < previous - TREND_TOLERANCE:
            trend = "down"
        else:
            trend = "steady"
        result[key] = (trend, streak)
        previous = completion
    return result


def grade_capacity_weights(users, profiles):
    """{user: weight} for splitting a team's target by grade and capacity:
    each rep's grade weight times their capacity. `profiles` maps a user to
    ``(grade weight or None, capacity or 0)``; a rep without profile or grade
    weighs 1, a rep without capacity counts with the average capacity of the
    others (1 when nobody has one)."""
    capacities = [capacity for _weight, capacity in profiles.values() if capacity]
    average = sum(capacities) / len(capacities) if capacities else 1.0
    weights = {}
    for user in users:
        grade_weight, capacity = profiles.get(user, (None, 0))
        weights[user] = (grade_weight if grade_weight else 1.0) * (
            capacity if capacity else average)
    return weights


def history_weights(users, totals):
    """{user: weight} by last year's results (`totals`, negative ones count
    as none)."""
    return {user: max(totals.get(user, 0.0), 0.0) for user in users}


def equal_when_empty(weights):
    """`weights`, or equal weights when none is positive."""
    if not any(value > 0 for value in weights.values()):
        return {key: 1.0 for key in weights}
    return weights


def fold_industries(amounts, line_keys):
    """Amounts by (month, team, industry) onto the target lines `line_keys`
    (a set of such keys): an industry without a line of its own in the team's
    month counts on the team's line without industry (the team's other
    customers, or all of them when its target is not split by industry)."""
    folded = defaultdict(float)
    for (month, team_id, industry_id), amount in amounts.items():
        key = (month, team_id, industry_id)
        if key not in line_keys and (month, team_id, None) in line_keys:
            key = (month, team_id, None)
        folded[key] += amount
    return folded


def sum_actuals(rows, year):
    """Sum actual rows ``(month 'YYYY-MM-DD', team_id, industry_id, user_id,
    amount)`` of `year` and of the year before (shifted onto `year`'s months)
    per target cell. Returns ``{"actual"|"last": (by (month, team, industry),
    by (month, user), total)}``."""
    this_year = "%04d" % year
    sums = {}
    for name in ("actual", "last"):
        sums[name] = (defaultdict(float), defaultdict(float), [0.0])
    for month, team_id, industry_id, user_id, amount in rows:
        if month[:4] == this_year:
            line_sum, rep_sum, total = sums["actual"]
        elif int(month[:4]) == year - 1:
            line_sum, rep_sum, total = sums["last"]
            month = this_year + month[4:]
        else:
            continue
        line_sum[(month, team_id, industry_id)] += amount
        rep_sum[(month, user_id)] += amount
        total[0] += amount
    return {name: (line_sum, rep_sum, total[0])
            for name, (line_sum, rep_sum, total) in sums.items()}
