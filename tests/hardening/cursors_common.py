"""Shared helpers of the hardening tests that use several database
cursors: each cursor is another worker's transaction, with lock and
statement timeouts so that a test fails instead of hanging; data the other
transactions must see are committed and removed at the end."""
import unittest
import uuid

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import SQL, config

TIMEOUTS = SQL("SET lock_timeout = '3s'; SET statement_timeout = '60s'")
LOCAL_TIMEOUTS = SQL("SET LOCAL lock_timeout = '10s'; "
                     "SET LOCAL statement_timeout = '60s'")


class ConcurrentCase(unittest.TestCase):

    def setUp(self):
        super().setUp()
        self.registry = Registry(config["db_name"])
        self.tag = uuid.uuid4().hex[:8]

    def cursor(self):
        """A cursor of its own (another worker), closed at the end."""
        cr = self.registry.cursor()
        cr.execute(TIMEOUTS)

        def close():
            if not cr.closed:
                cr.rollback()
                cr.execute(SQL("RESET lock_timeout; RESET statement_timeout"))
                cr.close()
        self.addCleanup(close)
        return cr

    def env(self, cr, uid=SUPERUSER_ID):
        return api.Environment(cr, uid, {"tracking_disable": True,
                                         "mail_create_nolog": True,
                                         "mail_notify_force_send": False,
                                         "lang": "en_US"})

    def committed(self, build, cleanup):
        """Run `build(env)` in a committed transaction; `cleanup(env, result)`
        in another one at the end of the test."""
        with self.registry.cursor() as cr:
            cr.execute(LOCAL_TIMEOUTS)
            result = build(self.env(cr))

        def remove():
            with self.registry.cursor() as cr:
                cr.execute(LOCAL_TIMEOUTS)
                cleanup(self.env(cr), result)
        self.addCleanup(remove)
        return result

    def lock_as_user(self, model, record_id, values):
        """A user's open transaction with a pending write on the record."""
        cr = self.cursor()
        self.env(cr)[model].browse(record_id).write(values)
        self.env(cr).flush_all()
        return cr
