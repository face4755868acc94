# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The evaluation score without a database."""
import doctest
import unittest

from odoo.addons.sales_intelligence_reports.tools import evaluation_score
from odoo.addons.sales_intelligence_reports.tools.evaluation_score import (
    contribution,
    propose_grade,
    ratio,
    score_band,
    sub_score,
    weighted_score,
)


class TestEvaluationScore(unittest.TestCase):

    def test_doctests(self):
        failures, _tests = doctest.testmod(evaluation_score)
        self.assertEqual(failures, 0)

    def test_sub_scores(self):
        self.assertEqual(sub_score("conversion", 20.0, 25.0), 80.0)
        self.assertEqual(sub_score("conversion", 40.0, 25.0), 100.0)
        self.assertEqual(sub_score("anomaly", 0.0, 5.0), 100.0)
        self.assertEqual(sub_score("anomaly", 7.0, 5.0), 0.0)
        self.assertEqual(sub_score("cost", 8.0, 10.0), 100.0)
        self.assertEqual(sub_score("cost", 25.0, 10.0), 0.0)
        self.assertIsNone(sub_score("activity", None, 100.0))

    def test_weighted_score_leaves_unmeasured_out(self):
        items = [(30.0, 40.0), (20.0, 80.0), (15.0, 83.3), (10.0, 33.3),
                 (5.0, 60.0), (5.0, 100.0), (5.0, None), (10.0, 66.7)]
        self.assertEqual(weighted_score(items), 61.6)
        self.assertEqual(contribution(30.0, 40.0, 95.0), 12.6)
        self.assertEqual(weighted_score([(50.0, None)]), 0.0)

    def test_ratio_bands_and_grades(self):
        self.assertEqual(ratio(1, 3), 33.3)
        self.assertIsNone(ratio(1, 0))
        self.assertEqual([score_band(s) for s in (100.0, 70.0, 50.0, 49.9)],
                         ["excellent", "good", "fair", "weak"])
        bands = [(80.0, "gold"), (60.0, "silver"), (0.0, "bronze")]
        self.assertEqual(propose_grade(bands, 80.0), "gold")
        self.assertEqual(propose_grade(bands, 61.6), "silver")
        self.assertEqual(propose_grade(bands, 0.0), "bronze")
        self.assertIsNone(propose_grade([], 90.0))
