# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest

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
