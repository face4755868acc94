# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from unittest import TestCase

from hypothesis import given, settings
from hypothesis import strategies as st

from ..tools.allocation import (
    AllocationError,
    allocate,
    allocate_grid,
    allocate_units,
    shares,
)
from ..tools.daily_quota import (
    DEFAULT_RATIOS,
    average_deal,
    conversion_ratios,
    daily_quotas,
    days_left,
    month_bounds,
    plan_completion,
    working_days,
)
from ..tools.target_completion import (
    equal_when_empty,
    format_amount,
    grade_capacity_weights,
    growth,
    history_weights,
    rate,
    sum_actuals,
    trends,
)

ROUNDINGS = st.sampled_from([0.01, 1.0, 0.05, 0.001, 100.0])
WEIGHTS = st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False),
                   min_size=1, max_size=40).filter(lambda w: sum(w) > 0)
TOTALS = st.floats(min_value=0, max_value=1e10, allow_nan=False)


def _units(amount, rounding):
    return (Decimal(str(amount)) / Decimal(str(rounding))).quantize(
        Decimal(1), rounding=ROUND_HALF_UP)


class TestAllocation(TestCase):

    def test_largest_remainder_not_naive_rounding(self):
        # naive rounding gives 33.33 * 3 = 99.99
        self.assertEqual(allocate(100, [1, 1, 1]), [33.34, 33.33, 33.33])
        self.assertEqual(allocate_units(10, [1, 1, 1, 1]), [3, 3, 2, 2])
        # the unit left over goes to the largest remainder, not the first part
        self.assertEqual(allocate_units(10, [2, 3.5, 1]), [3, 5, 2])
        self.assertEqual(allocate(1000, [0, 1, 0]), [0.0, 1000.0, 0.0])
        self.assertEqual(allocate(7, [1, 1], rounding=1), [4.0, 3.0])

    def test_bad_input(self):
        with self.assertRaises(AllocationError):
            allocate(100, [])
        with self.assertRaises(AllocationError):
            allocate(100, [0, 0])
        with self.assertRaises(AllocationError):
            allocate(100, [1, -1, 2])
        with self.assertRaises(AllocationError):
            allocate(-5, [1, 1])
        with self.assertRaises(AllocationError):
            allocate(5, [1], rounding=0)

    def test_grid_levels_sum_to_parents(self):
        grid = allocate_grid(1000, [{1: 1, 2: 1, 3: 1}, {"a": 2, "b": 1}])
        self.assertEqual(len(grid), 6)
        self.assertAlmostEqual(sum(grid.values()), 1000, places=6)
        self.assertEqual(grid[(1, "a")] + grid[(1, "b")], 333.34)
        self.assertEqual(grid[(2, "a")], 222.22)

    def test_shares(self):
        self.assertEqual(shares({"a": 3, "b": 1}), {"a": 0.75, "b": 0.25})
        self.assertEqual(shares({"a": 0, "b": 0}), {"a": 0.5, "b": 0.5})
        with self.assertRaises(AllocationError):
            shares({"a": -1})

    @settings(max_examples=300, deadline=None)
    @given(TOTALS, WEIGHTS, ROUNDINGS)
    def test_parts_sum_exactly(self, total, weights, rounding):
        parts = allocate(total, weights, rounding)
        self.assertEqual(len(parts), len(weights))
        units = [_units(p, rounding) for p in parts]
        # every part is a whole number of rounding units, none negative
        for part, unit in zip(parts, units):
            self.assertGreaterEqual(unit, 0)
            self.assertEqual(Decimal(str(part)), unit * Decimal(str(rounding)))
        self.assertEqual(sum(units), _units(total, rounding))
        # a zero weight gets nothing; each part is within one unit of its
        # exact share
        total_units = sum(units)
        weight_sum = sum(Decimal(str(w)) for w in weights)
        for weight, unit in zip(weights, units):
            exact = total_units * Decimal(str(weight)) / weight_sum
            self.assertLess(abs(unit - exact), 1)
            if weight == 0:
                self.assertEqual(unit, 0)

    @settings(max_examples=100, deadline=None)
    @given(TOTALS, st.lists(WEIGHTS, min_size=1, max_size=3), ROUNDINGS)
    def test_grid_sums_exactly(self, total, dimensions, rounding):
        grid = allocate_grid(total, [dict(enumerate(w)) for w in dimensions],
                             rounding)
        units = sum(_units(v, rounding) for v in grid.values())
        self.assertEqual(units, _units(total, rounding))
        # each first-level total is itself the split of the total
        first = allocate(total, dimensions[0], rounding)
        for index, amount in enumerate(first):
            level = sum(_units(v, rounding) for k, v in grid.items()
                        if k[0] == index)
            self.assertEqual(level, _units(amount, rounding))


class TestDailyQuota(TestCase):

    def test_working_days(self):
        first, last = month_bounds(date(2026, 2, 11))
        self.assertEqual((first, last), (date(2026, 2, 1), date(2026, 2, 28)))
        days = working_days(first, last)
        self.assertEqual(len(days), 20)
        self.assertNotIn(date(2026, 2, 7), days)  # a Saturday
        days = working_days(first, last, holidays=[date(2026, 2, 16)])
        self.assertEqual(len(days), 19)
        self.assertEqual(len(working_days(first, last, weekdays=range(6))), 24)

    def test_ratios_from_history(self):
        ratios, deal = conversion_ratios(
            4, 40000.0, {"followup": 60, "visit": 8}, default_deal=1.0)
        self.assertEqual(ratios["followup"], 15.0)
        self.assertEqual(ratios["visit"], 2.0)
        # no negotiation logged: the default ratio
        self.assertEqual(ratios["negotiation"], DEFAULT_RATIOS["negotiation"])
        self.assertEqual(deal, 10000.0)
        ratios, deal = conversion_ratios(0, 0.0, {}, default_deal=5000.0)
        self.assertEqual(ratios, DEFAULT_RATIOS)
        self.assertEqual(deal, 5000.0)

    def test_quotas(self):
        ratios = {"followup": 15.0, "visit": 2.0, "negotiation": 1.0}
        # 50,000 to go with 10,000 deals: 5 deals, 75 follow-ups over 10 days
        quotas = daily_quotas(80000, 30000, 10000, ratios, 10)
        self.assertEqual(quotas, {"followup": 8, "visit": 1, "negotiation": 1})
        self.assertEqual(daily_quotas(80000, 90000, 10000, ratios, 10),
                         {"followup": 0, "visit": 0, "negotiation": 0})
        # last day of the month: everything left is for today
        self.assertEqual(daily_quotas(20000, 0, 10000, ratios, 0)["followup"], 30)
        self.assertEqual(daily_quotas(20000, 0, 0, ratios, 5)["followup"], 0)

    @settings(max_examples=200, deadline=None)
    @given(st.floats(0, 1e7), st.floats(0, 1e7), st.floats(1, 1e6),
           st.integers(0, 23))
    def test_quotas_cover_the_rest(self, target, achieved, deal, days):
        ratios = dict(DEFAULT_RATIOS)
        quotas = daily_quotas(target, achieved, deal, ratios, days)
        rest = max(target - achieved, 0)
        for kind, quota in quotas.items():
            self.assertGreaterEqual(quota, 0)
            # the quotas over the days left do at least the work needed
            needed = rest / deal * ratios[kind]
            self.assertGreaterEqual(quota * max(days, 1), needed - 1e-6)
            self.assertLess((quota - 1) * max(days, 1), needed + 1e-6)

    def test_helpers(self):
        history = {1: (2, 20000.0), 2: (0, 0.0), 3: (1, 4000.0)}
        self.assertEqual(average_deal(history), 7000.0)
        self.assertEqual(average_deal({}), 0.0)
        days = working_days(date(2026, 2, 1), date(2026, 2, 28))
        self.assertEqual(days_left(days, date(2026, 2, 23)), 5)
        self.assertEqual(days_left(days, date(2026, 3, 1)), 0)
        quotas = {"followup": 4, "visit": 2, "negotiation": 0}
        self.assertEqual(plan_completion(quotas, {"followup": 9, "visit": 1}), 83.3)
        self.assertEqual(plan_completion({"followup": 0}, {"followup": 3}), 100.0)
        self.assertEqual(plan_completion(quotas, {}), 0.0)


class TestTargetCompletionTools(TestCase):

    def test_rates(self):
        self.assertEqual(rate(1000.0, 500.0), 200.0)
        self.assertEqual(rate(1.0, 0.0), 0.0)
        self.assertEqual(growth(10000.0, 8000.0), 25.0)
        self.assertEqual(growth(10000.0, 0.0), 0.0)
        self.assertEqual(format_amount(1234567.8, 2), "1,234,567.80")

    def test_trends(self):
        months = [("2031-02-01", "b", 400.0), ("2031-01-01", "a", 200.0),
                  ("2031-03-01", "c", 398.0), ("2031-04-01", "d", 50.0)]
        self.assertEqual(trends(months), {
            "a": (None, 1), "b": ("up", 2), "c": ("steady", 3), "d": ("down", 0)})

    def test_split_weights(self):
        # an S rep (1.5 x 60) against a C rep (0.8 x 50); a rep without
        # profile weighs 1 with the average capacity (55)
        weights = grade_capacity_weights(
            [1, 2, 3], {1: (1.5, 60), 2: (0.8, 50)})
        self.assertEqual(weights, {1: 90.0, 2: 40.0, 3: 55.0})
        self.assertEqual(grade_capacity_weights([1], {}), {1: 1.0})
        self.assertEqual(history_weights([1, 2], {1: 300.0, 2: -5.0}),
                         {1: 300.0, 2: 0.0})
        self.assertEqual(equal_when_empty({1: 0.0, 2: 0.0}), {1: 1.0, 2: 1.0})
        self.assertEqual(equal_when_empty({1: 2.0, 2: 0.0}), {1: 2.0, 2: 0.0})

    def test_sum_actuals(self):
        rows = [("2031-01-01", 7, 3, 5, 100.0), ("2031-01-01", 7, 3, 6, 50.0),
                ("2030-01-01", 7, 3, 5, 80.0), ("2029-01-01", 7, 3, 5, 1.0)]
        sums = sum_actuals(rows, 2031)
        self.assertEqual(sums["actual"][0][("2031-01-01", 7, 3)], 150.0)
        self.assertEqual(sums["actual"][1][("2031-01-01", 5)], 100.0)
        self.assertEqual(sums["actual"][2], 150.0)
        # last year's results land on this year's months
        self.assertEqual(sums["last"][1][("2031-01-01", 5)], 80.0)
        self.assertEqual(sums["last"][2], 80.0)
