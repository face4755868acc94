# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily claim limit counts the claims of the rep's own day, in the rep's
time zone: a rep in Shanghai claiming at 00:30 and at 09:00 local time claims
twice on the same day, although the first claim is of the day before in UTC."""
from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import SalesIntelligenceCase


class TestClaimDay(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["si.lead.pool"].search([]).write({"active": False})
        cls.pool = cls.env["si.lead.pool"].create(
            {"name": "SI day pool", "daily_claim_limit": 1, "cooldown_days": 0})
        cls.leads = cls.env["crm.lead"].create(
            [{"name": "SI day lead %s" % n, "type": "opportunity"} for n in range(3)])
        cls.leads._send_to_pool(cls.pool, "test")
        cls.rep.tz = "Asia/Shanghai"

    def _claim(self, lead):
        lead.with_user(self.rep).action_pool_claim()
        self.assertEqual(lead.user_id, self.rep)

    def test_limit_of_the_reps_local_day(self):
        first, second, third = self.leads
        with freeze_time("2026-03-30 16:30:00"):  # 31 March 00:30 in Shanghai
            self._claim(first)
        with freeze_time("2026-03-31 01:00:00"):  # 31 March 09:00 in Shanghai
            with self.assertRaises(UserError) as caught:
                second.with_user(self.rep).action_pool_claim()
        self.assertEqual(
            caught.exception.args[0],
            'You may claim 1 leads per day from the pool "SI day pool"; you '
            'claimed 1 today and asked for 1 more. Nothing was claimed.')
        self.assertFalse(second.user_id)
        with freeze_time("2026-03-31 16:30:00"):  # 1 April 00:30 in Shanghai
            self._claim(second)
        # a rep without a time zone counts in UTC
        self.rep.tz = False
        with freeze_time("2026-03-31 23:59:00"):
            with self.assertRaises(UserError):
                third.with_user(self.rep).action_pool_claim()
        with freeze_time("2026-04-01 00:01:00"):
            self._claim(third)
