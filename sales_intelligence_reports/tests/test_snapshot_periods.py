# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime
from unittest import TestCase

from ..tools.snapshot_periods import month_start, next_month_start, split_range


class TestSnapshotPeriods(TestCase):

    def test_month_start_in_a_time_zone(self):
        # 2026-03-31 20:00 UTC is April 1st in Shanghai (UTC+8)
        moment = datetime(2026, 3, 31, 20, 0)
        self.assertEqual(month_start(moment, "UTC"), datetime(2026, 3, 1))
        self.assertEqual(month_start(moment, "Asia/Shanghai"),
                         datetime(2026, 3, 31, 16, 0))
        self.assertEqual(next_month_start(datetime(2026, 12, 5), "UTC"),
                         datetime(2027, 1, 1))

    def test_split_range(self):
        # whole months only: no live ends
        self.assertEqual(split_range(datetime(2026, 1, 1), False,
                                     datetime(2026, 4, 1), True, "UTC"),
                         (datetime(2026, 1, 1), datetime(2026, 4, 1),
                          False, False))
        # partial months at both ends
        self.assertEqual(split_range(datetime(2026, 1, 15), False,
                                     datetime(2026, 4, 10), True, "UTC"),
                         (datetime(2026, 2, 1), datetime(2026, 4, 1),
                          True, True))
        # a strict lower bound on a month's start leaves that instant live
        self.assertEqual(split_range(datetime(2026, 1, 1), True, None, True,
                                     "UTC")[2:], (True, False))
        # '<=' the start of a month: that instant is live
        self.assertTrue(split_range(None, False, datetime(2026, 4, 1), False,
                                    "UTC")[3])
        # within one month: nothing for the snapshot
        self.assertIsNone(split_range(datetime(2026, 1, 5), False,
                                      datetime(2026, 1, 25), True, "UTC"))
        self.assertEqual(split_range(None, False, None, True, "UTC"),
                         (None, None, False, False))
