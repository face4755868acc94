# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The tracking messages of a write to many leads are logged together: the
same messages as Odoo's own tracking of one lead, in a number of queries
that does not grow with the leads."""
from .common import MatchingCase


class TestLeadTracking(MatchingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # tracking on, as the scheduled jobs and the web client run
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False,
                                       mail_create_nolog=False))
        cls.pool = cls.env["si.lead.pool"].create(
            {"name": "SI Tracking Pool", "team_id": cls.team.id})

    def _leads(self, count):
        return self.env["crm.lead"].create([
            {"name": "SI tracked %s" % index, "type": "opportunity",
             "team_id": self.team.id, "user_id": self.rep.id}
            for index in range(count)])

    def _track(self):
        """Run the tracking Odoo runs before a commit; its query count."""
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.env.cr.precommit.run()
        return self.env.cr.sql_log_count - before

    def _tracking(self, lead, since):
        """(type, subtype, author, body, [(field, old, new)]) of the messages of
        `lead` after message id `since`."""
        messages = lead.message_ids.filtered(lambda m: m.id > since)
        return [(m.message_type, m.subtype_id, m.author_id, str(m.body), [
            (value.field_id.name, value.old_value_integer or 0,
             value.new_value_integer or 0, value.old_value_char or "",
             value.new_value_char or "")
            for value in m.tracking_value_ids]) for m in messages]

    def _last_message_id(self):
        return self.env["mail.message"].search([], order="id desc", limit=1).id

    def test_batch_logs_the_messages_odoo_logs_for_one_lead(self):
        single, batch = self._leads(1), self._leads(3)
        self._track()
        since = self._last_message_id()
        (single | batch).with_user(self.manager).write({"user_id": self.rep2.id})
        self._track()
        expected = self._tracking(single, since)
        self.assertEqual(len(expected), 1)
        self.assertEqual(expected[0][4], [
            ("user_id", self.rep.id, self.rep2.id, self.rep.name, self.rep2.name)])
        for lead in batch:
            self.assertEqual(self._tracking(lead, since), expected, lead.name)
        # Odoo's tracking of one lead, for comparison: the same message
        since = self._last_message_id()
        single.with_user(self.manager).write({"user_id": self.rep.id})
        self._track()
        self.assertEqual(self._tracking(single, since)[0][:4], expected[0][:4])

    def test_changes_with_a_subtype_keep_odoo_tracking(self):
        leads = self._leads(2)
        stage = self.env["crm.stage"].create({"name": "SI Tracked Stage",
                                              "sequence": 99})
        self._track()
        since = self._last_message_id()
        leads.write({"stage_id": stage.id})
        self._track()
        for lead in leads:
            self.assertEqual([m[1] for m in self._tracking(lead, since)],
                             [self.env.ref("crm.mt_lead_stage")])

    def test_owner_change_messages_cost_the_same_for_more_leads(self):
        counts = []
        # the first run reads what later runs find cached
        for size in (2, 3, 12):
            leads = self._leads(size)
            self._track()
            since = self._last_message_id()
            leads._si_change_owner("release", pool=self.pool)
            counts.append(self._track())
            for lead in leads:
                changes = self._tracking(lead, since)
                self.assertEqual(len(changes), 1, lead.name)
                self.assertIn(("user_id", self.rep.id, 0, self.rep.name, ""),
                              changes[0][4])
        self.assertEqual(counts[1], counts[2])
