# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Properties of the plain algorithms (hypothesis): decompositions sum
exactly and stay non-negative, matching scores stay within 0-100 and move
the right way, and the date arithmetic of claim limits, pool rules, months
and contract periods holds around month ends, leap years and time zones."""
import calendar
from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from unittest import TestCase
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from ..tools.allocation import allocate, allocate_grid, allocate_units
from ..tools.contract_terms import (
    days_to_expiry,
    notice_due,
    period_start,
    report_due,
)
from ..tools.daily_quota import month_bounds, plan_completion, working_days
from ..tools.expense_budget import distribute, split
from ..tools.matching import FACTORS, LeadProfile, RepProfile, assign_balanced, score
from ..tools.pool_limits import (
    claim_refusal,
    cooldown_start,
    day_start,
    protected_until,
    stale_before,
    warning_window,
)

# the machine running the suite is shared: no health check on generation speed
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
DAYS = st.dates(min_value=date(1996, 1, 1), max_value=date(2104, 12, 31))
MOMENTS = st.datetimes(min_value=datetime(1996, 1, 1), max_value=datetime(2104, 12, 31))
# month ends, 29 February and the DST changes of the zones below
EDGES = st.sampled_from([
    datetime(2024, 2, 29, 23, 59, 59), datetime(2024, 3, 1, 0, 0),
    datetime(2100, 2, 28, 16, 0), datetime(2000, 2, 29, 15, 59),
    datetime(2026, 12, 31, 16, 0), datetime(2026, 3, 29, 1, 0),
    datetime(2026, 10, 25, 0, 59), datetime(2022, 9, 11, 4, 0),
    datetime(2026, 1, 31, 23, 30), datetime(2026, 4, 30, 15, 30),
])
ZONES = st.sampled_from([
    None, "UTC", "Asia/Shanghai", "Asia/Kolkata", "Asia/Kathmandu",
    "Europe/Paris", "America/New_York", "America/Santiago", "Pacific/Apia",
    "Pacific/Kiritimati", "America/St_Johns", "Australia/Lord_Howe", "Bogus/Zone",
])
WEIGHTS = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=12)
LEVEL = st.floats(0, 1, allow_nan=False)
IDS = st.frozensets(st.integers(1, 6), max_size=4)


def _zone(name):
    try:
        return ZoneInfo(name) if name else timezone.utc
    except (KeyError, ValueError):
        return timezone.utc


class TestDecompositionProperties(TestCase):

    @FAST
    @given(st.floats(0, 1e9, allow_nan=False), WEIGHTS,
           st.sampled_from([0.01, 1.0, 0.05]))
    def test_parts_non_negative_exact_and_ordered(self, total, weights, rounding):
        assume(sum(weights) > 0)
        parts = allocate(total, weights, rounding)
        self.assertTrue(all(part >= 0 for part in parts))
        # the total in whole units of the rounding, half up as money is
        units = (Decimal(str(total)) / Decimal(str(rounding))).quantize(
            Decimal(1), rounding=ROUND_HALF_UP)
        self.assertAlmostEqual(sum(parts), float(units) * rounding,
                               delta=1e-9 * max(total, 1))
        # a larger weight never gets a smaller part; each part is within one
        # unit of its exact share
        for i, wi in enumerate(weights):
            for j, wj in enumerate(weights):
                if wi > wj:
                    self.assertGreaterEqual(parts[i], parts[j])

    @FAST
    @given(st.integers(0, 10 ** 9), WEIGHTS)
    def test_units_within_one_of_exact_share(self, units, weights):
        assume(sum(weights) > 0)
        parts = allocate_units(units, weights)
        self.assertEqual(sum(parts), units)
        for part, weight in zip(parts, weights):
            self.assertLess(abs(part - units * weight / sum(weights)), 1 + 1e-6)

    @FAST
    @given(st.integers(0, 10 ** 8),
           st.lists(st.dictionaries(st.integers(1, 9), st.integers(0, 1000),
                                    min_size=1, max_size=5), min_size=1, max_size=3))
    def test_grid_non_negative_and_sums_to_parents(self, cents, dimensions):
        assume(all(sum(dim.values()) > 0 for dim in dimensions))
        total = cents / 100.0
        grid = allocate_grid(total, dimensions)
        self.assertTrue(all(amount >= 0 for amount in grid.values()))
        self.assertEqual(round(sum(grid.values()) * 100), cents)
        # every first-level part is the split of the total over the first
        # dimension
        first = dict(zip(dimensions[0], allocate(total, list(dimensions[0].values()))))
        for key, amount in first.items():
            below = sum(v for k, v in grid.items() if k[0] == key)
            self.assertEqual(round(below * 100), round(amount * 100))

    @FAST
    @given(st.integers(-10 ** 8, 10 ** 8), WEIGHTS)
    def test_split_keeps_the_sign_and_the_sum(self, cents, weights):
        amount = cents / 100.0
        parts = split(amount, weights)
        self.assertEqual(round(sum(parts) * 100), cents)
        self.assertTrue(all(part * amount >= 0 for part in parts))

    @FAST
    @given(st.dictionaries(st.integers(1, 5), st.integers(-10 ** 6, 10 ** 6),
                           max_size=5),
           st.dictionaries(st.integers(1, 5), st.lists(
               st.tuples(st.integers(1, 4), st.integers(0, 50)), max_size=3),
               max_size=5))
    def test_distribute_loses_nothing(self, amounts, targets):
        amounts = {key: cents / 100.0 for key, cents in amounts.items()}
        placed, left = distribute(amounts, targets)
        self.assertEqual(round((sum(placed.values()) + sum(left.values())) * 100),
                         round(sum(amounts.values()) * 100))
        self.assertEqual(set(left), {key for key in amounts if not targets.get(key)})


def _rep(user_id, **values):
    base = dict(user_id=user_id, sales_mode="b2b", industry_ids=frozenset(),
                region_ids=frozenset(), tag_ids=frozenset(), grade_level=0.5,
                capacity=0, win_rates={None: 0.0})
    base.update(values)
    return RepProfile(**base)


REPS = st.builds(
    _rep, st.integers(1, 50), industry_ids=IDS, region_ids=IDS, tag_ids=IDS,
    grade_level=LEVEL, capacity=st.integers(0, 20),
    win_rates=st.dictionaries(st.one_of(st.none(), st.integers(1, 6)), LEVEL))
LEADS = st.builds(
    LeadProfile, st.integers(1, 10 ** 6), st.just("b2b"),
    st.one_of(st.none(), st.integers(1, 6)), st.one_of(st.none(), st.integers(1, 6)),
    IDS, LEVEL)
FACTOR_WEIGHTS = st.fixed_dictionaries(
    {factor: st.floats(0, 100, allow_nan=False) for factor in FACTORS}).filter(
    lambda weights: sum(weights.values()) > 0)


class TestMatchingProperties(TestCase):

    @FAST
    @given(LEADS, REPS, FACTOR_WEIGHTS, st.integers(0, 40))
    @example(LeadProfile(1, "b2b", 1, 1, frozenset({1}), 1.0),
             _rep(1, industry_ids=frozenset({1}), region_ids=frozenset({1}),
                  tag_ids=frozenset({1}), grade_level=1.0, win_rates={None: 1.0}),
             dict.fromkeys(FACTORS, 1.0), 0)
    def test_score_bounds_and_explained(self, lead, rep, weights, load):
        points, contributions = score(lead, rep, weights, load)
        self.assertGreaterEqual(points, 0.0)
        self.assertLessEqual(points, 100.0)
        self.assertEqual(set(contributions), set(FACTORS))
        self.assertTrue(all(value >= 0 for value in contributions.values()))
        self.assertEqual(round(sum(contributions.values()), 2), points)

    @FAST
    @given(LEADS, REPS, FACTOR_WEIGHTS, st.integers(0, 40), st.integers(1, 6))
    def test_score_monotone(self, lead, rep, weights, load, extra):
        points = score(lead, rep, weights, load)[0]
        # more of what the lead needs never lowers the score
        richer = rep._replace(industry_ids=rep.industry_ids | {extra},
                              region_ids=rep.region_ids | {extra},
                              tag_ids=rep.tag_ids | {extra})
        self.assertGreaterEqual(score(lead, richer, weights, load)[0], points)
        # a heavier load never raises it
        self.assertLessEqual(score(lead, rep, weights, load + 1)[0], points)
        # the grade closest to the lead's value scores best on its factor
        matched = rep._replace(grade_level=lead.value_level)
        self.assertGreaterEqual(score(lead, matched, weights, load)[0], points)
        # a higher win rate in the lead's industry never lowers the score
        rates = dict(rep.win_rates, **{"x": 0})
        rates.pop("x")
        rates[lead.industry_id] = 1.0
        self.assertGreaterEqual(
            score(lead, rep._replace(win_rates=rates), weights, load)[0], points)

    @FAST
    @given(st.lists(LEADS, max_size=15, unique_by=lambda lead: lead.lead_id),
           st.lists(REPS, min_size=1, max_size=5, unique_by=lambda rep: rep.user_id),
           FACTOR_WEIGHTS)
    def test_balanced_assignment_respects_capacity(self, leads, reps, weights):
        loads = {}
        result = assign_balanced(leads, reps, weights, loads)
        self.assertEqual(len({match.lead_id for match in result}), len(result))
        for rep in reps:
            taken = len([m for m in result if m.user_id == rep.user_id])
            self.assertEqual(loads.get(rep.user_id, 0), taken)
            if rep.capacity:
                self.assertLessEqual(taken, rep.capacity)
        # with no capacity anywhere, every lead finds a rep
        if not any(rep.capacity for rep in reps):
            self.assertEqual(len(result), len(leads))


class TestDateProperties(TestCase):

    @FAST
    @given(st.one_of(MOMENTS, EDGES), ZONES)
    @example(datetime(2026, 3, 30, 20, 0), "Asia/Shanghai")
    @example(datetime(2022, 9, 11, 4, 30), "America/Santiago")
    def test_claims_count_from_the_reps_midnight(self, now, tz):
        start = day_start(now, tz)
        zone = _zone(tz)
        self.assertLessEqual(start, now)
        self.assertLess(now - start, timedelta(hours=25))

        def local(moment):
            return moment.replace(tzinfo=timezone.utc).astimezone(zone)
        # the start is on the rep's day, at its first moment
        self.assertEqual(local(start).date(), local(now).date())
        self.assertLess(local(start - timedelta(seconds=1)).date(), local(now).date())

    def test_a_morning_claim_in_shanghai_counts_today(self):
        # 07:30 in Shanghai on 31 March is 23:30 UTC on 30 March: the claim
        # made at 06:00 local is of the same day, the one at 23:00 local the
        # day before is not
        now = datetime(2026, 3, 30, 23, 30)
        start = day_start(now, "Asia/Shanghai")
        self.assertEqual(start, datetime(2026, 3, 30, 16, 0))
        self.assertGreaterEqual(datetime(2026, 3, 30, 22, 0), start)
        self.assertLess(datetime(2026, 3, 30, 15, 0), start)
        self.assertEqual(day_start(now), datetime(2026, 3, 30))

    @FAST
    @given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50),
           st.integers(0, 50), st.integers(0, 500))
    def test_claim_refusal_exactly_when_a_limit_breaks(
            self, asked, daily, claimed, hold, held):
        refusal = claim_refusal(asked, daily, claimed, hold, held)
        breaks_daily = bool(daily) and claimed + asked > daily
        breaks_hold = bool(hold) and held + asked > hold
        self.assertEqual(refusal is not None, breaks_daily or breaks_hold)
        if refusal:
            self.assertEqual(refusal.kind, "daily" if breaks_daily else "hold")
            self.assertGreater(refusal.done + refusal.asked, refusal.limit)

    @FAST
    @given(st.one_of(MOMENTS, EDGES), st.integers(1, 400), st.integers(0, 400))
    def test_rule_windows(self, now, days, warn):
        stale = stale_before(now, days)
        self.assertEqual(now - stale, timedelta(days=days))
        self.assertEqual(stale.time(), now.time())
        window = warning_window(now, days, warn)
        if not warn or warn >= days:
            self.assertIsNone(window)
        else:
            start, end = window
            self.assertEqual((start, end - start), (stale, timedelta(days=warn)))
            self.assertLess(end, now)
        self.assertEqual(cooldown_start(now, days), stale)

    @FAST
    @given(DAYS, st.integers(0, 400))
    @example(date(2024, 2, 28), 1)
    @example(date(2100, 2, 28), 1)
    def test_protection_counts_calendar_days(self, today, days):
        until = protected_until(today, days)
        if not days:
            self.assertFalse(until)
        else:
            self.assertEqual((until - today).days, days)
        self.assertEqual(protected_until(date(2024, 2, 28), 1), date(2024, 2, 29))
        self.assertEqual(protected_until(date(2100, 2, 28), 1), date(2100, 3, 1))

    @FAST
    @given(DAYS)
    @example(date(2024, 2, 10))
    @example(date(2100, 2, 10))
    def test_month_bounds(self, day):
        first, last = month_bounds(day)
        self.assertEqual((first.day, first.month, last.month),
                         (1, day.month, day.month))
        self.assertLessEqual(first, day)
        self.assertLessEqual(day, last)
        self.assertEqual((last + timedelta(days=1)).day, 1)
        if day.month == 2:
            self.assertEqual(last.day, 29 if calendar.isleap(day.year) else 28)

    @FAST
    @given(DAYS, st.integers(0, 60),
           st.sets(st.integers(0, 6), min_size=1).map(tuple))
    def test_working_days(self, first, length, weekdays):
        last = first + timedelta(days=length)
        holiday = first + timedelta(days=length // 2)
        days = working_days(first, last, weekdays, holidays=[holiday])
        expected = [first + timedelta(days=n) for n in range(length + 1)
                    if (first + timedelta(days=n)).weekday() in weekdays
                    and first + timedelta(days=n) != holiday]
        self.assertEqual(days, expected)

    @FAST
    @given(st.dictionaries(st.sampled_from(["followup", "visit", "negotiation"]),
                           st.integers(0, 50)),
           st.dictionaries(st.sampled_from(["followup", "visit", "negotiation"]),
                           st.integers(0, 80)))
    def test_plan_completion_in_range(self, quotas, done):
        self.assertGreaterEqual(plan_completion(quotas, done), 0.0)
        self.assertLessEqual(plan_completion(quotas, done), 100.0)

    @FAST
    @given(DAYS, st.sampled_from(["monthly", "quarterly", "half_yearly", "yearly"]))
    @example(date(2024, 2, 29), "quarterly")
    @example(date(2024, 12, 31), "half_yearly")
    def test_report_periods(self, day, frequency):
        start = period_start(day, frequency)
        months = {"monthly": 1, "quarterly": 3, "half_yearly": 6,
                  "yearly": 12}[frequency]
        self.assertEqual(start.day, 1)
        self.assertEqual((start.month - 1) % months, 0)
        self.assertLessEqual(start, day)
        self.assertEqual(period_start(start, frequency), start)
        # the day before the period start is in the previous period
        self.assertLess(period_start(start - timedelta(days=1), frequency), start)
        self.assertFalse(report_due(day, frequency, start))
        self.assertTrue(report_due(day, frequency, start - timedelta(days=1)))
        self.assertTrue(report_due(day, frequency, None))

    @FAST
    @given(DAYS, DAYS, st.integers(0, 400))
    def test_notice(self, today, end, notice):
        left = days_to_expiry(today, end)
        self.assertEqual(today + timedelta(days=left), end)
        self.assertEqual(notice_due(today, end, notice), 0 <= left <= notice)
        self.assertFalse(notice_due(today, None, notice))

    def test_leap_day_arithmetic(self):
        self.assertEqual(days_to_expiry(date(2024, 2, 28), date(2024, 3, 1)), 2)
        self.assertEqual(days_to_expiry(date(2100, 2, 28), date(2100, 3, 1)), 1)
        self.assertEqual(stale_before(datetime(2024, 3, 1, 8), 1),
                         datetime(2024, 2, 29, 8))
        self.assertEqual(period_start(date(2024, 2, 29), "monthly"), date(2024, 2, 1))
        self.assertEqual(month_bounds(date(2000, 2, 1))[1], date(2000, 2, 29))
        self.assertEqual(datetime.combine(date(2024, 2, 29), time.min).isoformat(),
                         "2024-02-29T00:00:00")
