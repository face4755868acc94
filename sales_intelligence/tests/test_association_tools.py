# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest

from ..tools.association import (
    association_measures,
    mine_pairs,
    net_unit_price,
    premium,
    rank_complements,
)


class TestAssociationTools(unittest.TestCase):

    def test_measures_of_a_pair(self):
        # 10 baskets: a in 5, b in 4, both in 2
        support, conf_ab, conf_ba, lift = association_measures(2, 5, 4, 10)
        self.assertAlmostEqual(support, 0.2)
        self.assertAlmostEqual(conf_ab, 0.4)
        self.assertAlmostEqual(conf_ba, 0.5)
        self.assertAlmostEqual(lift, 0.2 / (0.5 * 0.4))

    def test_measures_without_baskets(self):
        self.assertEqual(association_measures(0, 0, 0, 0), (0.0, 0.0, 0.0, 0.0))

    def test_mine_pairs_counts_a_product_once_per_basket(self):
        baskets = [[1, 2, 2], [1, 2, 3], [1, 3], [4], []]
        pairs = mine_pairs(baskets)
        self.assertEqual(set(pairs), {(1, 2), (1, 3), (2, 3)})
        count, support, conf_12, conf_21, lift = pairs[(1, 2)]
        self.assertEqual(count, 2)
        self.assertAlmostEqual(support, 2 / 4)  # the empty basket is no basket
        self.assertAlmostEqual(conf_12, 2 / 3)
        self.assertAlmostEqual(conf_21, 1.0)
        self.assertAlmostEqual(lift, 0.5 / ((3 / 4) * (2 / 4)))

    def test_mine_pairs_thresholds(self):
        baskets = [[1, 2]] * 3 + [[1, 3]] + [[4, 5]] * 6
        self.assertEqual(set(mine_pairs(baskets, min_count=2)), {(1, 2), (4, 5)})
        self.assertEqual(set(mine_pairs(baskets, min_support=0.5)), {(4, 5)})
        # 1 -> 3 has confidence 1/4, 3 -> 1 has 1: the better one counts
        self.assertIn((1, 3), mine_pairs(baskets, min_confidence=0.9))

    def test_rank_complements(self):
        rules = [(1, 2, 0.8, 0.4, 2.0), (1, 3, 0.5, 0.9, 1.0), (2, 4, 0.9, 0.1, 10.0)]
        ranked = rank_complements([1], rules)
        self.assertEqual([p for p, _s, _f in ranked], [2, 3])
        self.assertAlmostEqual(ranked[0][1], 1.6)
        self.assertEqual(ranked[0][2], 1)
        # present products are never suggested; lift is capped at 3
        ranked = rank_complements([1, 2], rules)
        self.assertEqual([p for p, _s, _f in ranked], [4, 3])
        self.assertAlmostEqual(ranked[0][1], 2.7)
        self.assertEqual(rank_complements([], rules), [])
        self.assertEqual(len(rank_complements([1, 2], rules, limit=1)), 1)

    def test_prices(self):
        self.assertAlmostEqual(net_unit_price(200.0, 10.0), 180.0)
        self.assertAlmostEqual(net_unit_price(200.0, False), 200.0)
        self.assertEqual(premium(180.0, 150.0), (30.0, 0.2))
        self.assertEqual(premium(140.0, 0.0), (140.0, 0.0))
        amount, rate = premium(120.0, 150.0)
        self.assertLess(amount, 0)
        self.assertAlmostEqual(rate, -0.2)
