# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest
from datetime import date, datetime

from ..tools.matching import (
    FACTORS,
    LeadProfile,
    RepProfile,
    assign_balanced,
    check_weights,
    rank,
    score,
)
from ..tools.normalize import mask_contact
from ..tools.ownership import history_kind, owner_change_values
from ..tools.pool_limits import (
    claim_refusal,
    cooldown_start,
    day_start,
    effective_limit,
    protected_until,
    stale_before,
    warning_window,
)

WEIGHTS = dict.fromkeys(FACTORS, 1.0)


def rep(user_id, **values):
    base = dict(user_id=user_id, sales_mode="b2b", industry_ids=frozenset(),
                region_ids=frozenset(), tag_ids=frozenset(), grade_level=0.5,
                capacity=0, win_rates={None: 0.0})
    base.update(values)
    return RepProfile(**base)


def lead(lead_id, **values):
    base = dict(lead_id=lead_id, sales_mode="b2b", industry_id=None, region_id=None,
                tag_ids=frozenset(), value_level=0.5)
    base.update(values)
    return LeadProfile(**base)


class TestMatchingTools(unittest.TestCase):

    def test_score_is_the_sum_of_explained_contributions(self):
        points, contributions = score(
            lead(1, industry_id=7, region_id=3, tag_ids=frozenset({1, 2})),
            rep(10, industry_ids=frozenset({7}), tag_ids=frozenset({2}),
                win_rates={None: 0.5}), WEIGHTS)
        self.assertAlmostEqual(points, sum(contributions.values()), places=1)
        self.assertAlmostEqual(contributions["industry"], 100 / 6, places=1)
        self.assertEqual(contributions["region"], 0)
        self.assertAlmostEqual(contributions["specialty"], 100 / 12, places=1)
        self.assertAlmostEqual(contributions["history"], 100 / 12, places=1)

    def test_weights_change_the_ranking(self):
        specialist = rep(1, industry_ids=frozenset({7}))
        local = rep(2, region_ids=frozenset({3}))
        target = lead(1, industry_id=7, region_id=3)
        by_industry = dict(WEIGHTS, industry=5.0)
        by_region = dict(WEIGHTS, region=5.0)
        reps = [specialist, local]
        self.assertEqual(rank(target, reps, by_industry, {})[0].user_id, 1)
        self.assertEqual(rank(target, reps, by_region, {})[0].user_id, 2)

    def test_best_grade_for_key_leads(self):
        senior = rep(1, grade_level=1.0)
        junior = rep(2, grade_level=0.0)
        key, small = lead(1, value_level=1.0), lead(2, value_level=0.0)
        self.assertEqual(rank(key, [senior, junior], WEIGHTS, {})[0].user_id, 1)
        self.assertEqual(rank(small, [senior, junior], WEIGHTS, {})[0].user_id, 2)

    def test_bad_weights(self):
        with self.assertRaises(ValueError):
            check_weights(dict.fromkeys(FACTORS, 0))
        with self.assertRaises(ValueError):
            check_weights(dict(WEIGHTS, grade=-1))
        check_weights(dict(dict.fromkeys(FACTORS, 0), history=1))

    def test_capacity_and_mode_exclude_reps(self):
        full = rep(1, capacity=2)
        b2c = rep(2, sales_mode="b2c")
        self.assertEqual(rank(lead(1), [full, b2c], WEIGHTS, {1: 2}), [])
        matches = rank(lead(1), [full, b2c], WEIGHTS, {1: 1})
        self.assertEqual([match.user_id for match in matches], [1])

    def test_ties_are_shared(self):
        leads = [lead(i) for i in range(10)]
        loads = {1: 0, 2: 0}
        matches = assign_balanced(leads, [rep(1), rep(2)], WEIGHTS, loads)
        owners = [m.user_id for m in matches]
        self.assertEqual(owners.count(1), 5)
        self.assertEqual(owners.count(2), 5)
        self.assertEqual(loads, {1: 5, 2: 5})

    def test_assignment_respects_capacity(self):
        leads = [lead(i) for i in range(5)]
        loads = {}
        matches = assign_balanced(leads, [rep(1, capacity=2), rep(2, capacity=1)],
                                  WEIGHTS, loads)
        self.assertEqual(len(matches), 3)
        self.assertEqual(loads, {1: 2, 2: 1})

    def test_valuable_leads_served_first(self):
        leads = [lead(1, value_level=0.0), lead(2, value_level=1.0)]
        matches = assign_balanced(leads, [rep(1, capacity=1, grade_level=1.0)],
                                  WEIGHTS, {})
        self.assertEqual([m.lead_id for m in matches], [2])

    def test_mask_contact(self):
        masked = mask_contact("+8613800138000")
        self.assertTrue(masked.startswith("+86") and masked.endswith("000"))
        self.assertIn("****", masked)
        self.assertEqual(mask_contact("li.wei@example.com"), "l***@example.com")
        self.assertEqual(mask_contact("123"), "***")
        self.assertFalse(mask_contact(False))


class TestPoolTools(unittest.TestCase):
    """Claim limits, rule dates and owner-change values, without a database."""

    def test_claim_refusal(self):
        self.assertIsNone(claim_refusal(2, 3, 1, 10, 5))
        self.assertEqual(claim_refusal(3, 3, 1, 10, 5).kind, "daily")
        self.assertEqual(claim_refusal(1, 0, 99, 10, 10).kind, "hold")
        self.assertIsNone(claim_refusal(50, 0, 99, 0, 500), "0: no limit")
        self.assertEqual(effective_limit(10, 0), 10)
        self.assertEqual(effective_limit(10, 4), 4)

    def test_rule_dates(self):
        now = datetime(2026, 3, 31, 12, 0)
        self.assertEqual(day_start(now), datetime(2026, 3, 31))
        self.assertEqual(stale_before(now, 30), datetime(2026, 3, 1, 12, 0))
        start, end = warning_window(now, 30, 5)
        self.assertEqual((start, end), (stale_before(now, 30), stale_before(now, 25)))
        self.assertIsNone(warning_window(now, 30, 0))
        self.assertIsNone(cooldown_start(now, 0))
        self.assertFalse(protected_until(date(2026, 3, 31), 0))
        self.assertEqual(protected_until(date(2026, 3, 31), 5), date(2026, 4, 5))

    def test_owner_change_values(self):
        claim = owner_change_values("claim", user_id=7, protected_until="day")
        self.assertEqual((claim["user_id"], claim["pool_id"]), (7, False))
        self.assertEqual(claim["pool_protected_until"], "day")
        manual = owner_change_values("manual", user_id=7, protected_until="day")
        self.assertFalse(manual["pool_protected_until"])
        release = owner_change_values("release", pool_id=3, previous_user_id=7,
                                      now="now")
        self.assertEqual((release["user_id"], release["pool_id"],
                          release["previous_user_id"], release["pool_date"]),
                         (False, 3, 7, "now"))
        self.assertNotIn("pool_date", owner_change_values("move", pool_id=4))
        self.assertEqual(set(claim) - {"user_id", "si_rematch_suggested"},
                         set(release) - {"user_id", "previous_user_id"},
                         "every path resets the same pool fields")
        with self.assertRaises(ValueError):
            owner_change_values("steal")
        self.assertEqual(history_kind("auto", True, 5), "pool_assign")
        self.assertEqual(history_kind("release", True, False), "move")
        self.assertEqual(history_kind("claim", True, 5), "claim")
