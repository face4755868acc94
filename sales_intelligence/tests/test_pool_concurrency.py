# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two reps claim the same pooled lead at the same moment, each in their own
transaction: exactly one gets it, the other a clear message. The data are
committed (other transactions must see them) and removed afterwards, the
users created for the test included."""
import unittest
import uuid

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tools import SQL, config


class TestConcurrentClaims(unittest.TestCase):

    def setUp(self):
        super().setUp()
        self.registry = Registry(config["db_name"])
        self.tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"no_reset_password": True,
                                                     "tracking_disable": True})
            group = env.ref("sales_team.group_sale_salesman")
            users = env["res.users"].create([{
                "name": "SI racer %s" % index, "email": "race%s@example.com" % index,
                "login": "si_race_%s_%s" % (index, self.tag),
                "groups_id": [(6, 0, [group.id])]} for index in (1, 2)])
            self.users = users.ids
            self.partners = users.partner_id.ids
            pool = env["si.lead.pool"].create({"name": "SI race %s" % self.tag,
                                               "cooldown_days": 0})
            lead = env["crm.lead"].create({"name": "SI race %s" % self.tag})
            lead._send_to_pool(pool, "race")
            self.pool_id, self.lead_id = pool.id, lead.id

    def tearDown(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crm.lead"].browse(self.lead_id).unlink()
            env["si.lead.pool"].browse(self.pool_id).unlink()
            env["res.users"].browse(self.users).unlink()
            env["res.partner"].browse(self.partners).unlink()
        super().tearDown()

    def _claim(self, cr, user_id):
        env = api.Environment(cr, user_id, {})
        env["crm.lead"].browse(self.lead_id).action_pool_claim()

    def test_one_claim_wins(self):
        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            self._claim(cr_a, self.users[0])
            with self.assertRaises(UserError):  # another rep is claiming
                self._claim(cr_b, self.users[1])
            cr_b.rollback()
            cr_a.commit()
            with self.assertRaises(UserError):  # not in the pool any more
                self._claim(cr_b, self.users[1])
            cr_b.rollback()
        finally:
            cr_a.close()
            cr_b.close()
        with self.registry.cursor() as cr:
            cr.execute(SQL("SELECT user_id, pool_id FROM crm_lead WHERE id = %s",
                           self.lead_id))
            self.assertEqual(cr.fetchone(), (self.users[0], None))
            cr.execute(SQL("SELECT count(*) FROM si_lead_assignment "
                           "WHERE lead_id = %s AND kind = 'claim'", self.lead_id))
            self.assertEqual(cr.fetchone()[0], 1)
