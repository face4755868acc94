# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A rep who has not claimed a pooled lead does not see its contacts, on any
read path: read and web_read, search_read, read_group, export, Odoo's
normalised fields, and search."""
from .common import MatchingCase

PHONE = "+86 138 0013 8000"
EMAIL = "li.wei@example.com"


class TestPoolMasking(MatchingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls.env["si.lead.pool"].create({
            "name": "SI Masking Pool", "team_id": cls.team.id, "cooldown_days": 0})
        cls.lead = cls._create_lead("SI masked", team_id=cls.team.id,
                                    phone=PHONE, email_from=EMAIL)
        cls.lead._send_to_pool(cls.pool, "test")
        cls.Lead = cls.env["crm.lead"].with_user(cls.rep2)

    def assertHidden(self, value):
        self.assertTrue(value)
        self.assertNotIn("0013", value)
        self.assertNotIn("li.wei", value)

    def test_read_and_web_read(self):
        lead = self.lead.with_user(self.rep2)
        row = lead.read(["phone", "email_from", "email_normalized",
                         "phone_sanitized"])[0]
        for name in ("phone", "email_from", "email_normalized", "phone_sanitized"):
            self.assertHidden(row[name])
        self.assertEqual(row["email_from"], "l***@example.com")
        web = lead.web_read({"phone": {}, "email_normalized": {},
                             "phone_sanitized": {}})[0]
        self.assertHidden(web["phone"])
        self.assertHidden(web["email_normalized"])
        self.assertHidden(web["phone_sanitized"])
        found = self.Lead.search_read([("id", "=", self.lead.id)],
                                      ["phone", "email_from"])
        self.assertHidden(found[0]["phone"])
        self.assertHidden(found[0]["email_from"])
        # the manager sees them, and so does the rep once the lead is claimed
        self.assertEqual(self.lead.with_user(self.manager).read(["phone"])[0]["phone"],
                         PHONE)
        lead.action_pool_claim()
        self.assertEqual(lead.read(["phone"])[0]["phone"], PHONE)

    def test_read_group_by_phone_and_email(self):
        domain = [("id", "=", self.lead.id)]
        for fname, secret in (("phone", "0013"), ("email_from", "li.wei"),
                              ("email_normalized", "li.wei"),
                              ("phone_sanitized", "0013")):
            groups = self.Lead.read_group(domain, [fname], [fname])
            self.assertEqual(len(groups), 1)
            self.assertHidden(groups[0][fname])
            self.assertNotIn(secret, str(groups[0]["__domain"]))
            # the group still opens on its lead
            self.assertEqual(self.Lead.search(groups[0]["__domain"]), self.lead)
            groups = self.Lead.web_read_group(domain, [fname], [fname])["groups"]
            self.assertHidden(groups[0][fname])
        manager = self.env["crm.lead"].with_user(self.manager)
        self.assertEqual(manager.read_group(domain, ["phone"], ["phone"])[0]["phone"],
                         PHONE)

    def test_chatter_suggests_no_recipient(self):
        for user, shown in ((self.rep2, False), (self.manager, True)):
            recipients = self.lead.with_user(user)._message_get_suggested_recipients()
            self.assertEqual(bool(recipients), shown)

    def test_export_data(self):
        self.rep2.groups_id = [(4, self.env.ref("base.group_allow_export").id)]
        own = self._create_lead("SI own export", user=self.rep2,
                                phone="+86 139 0000 1111", email_from="own@example.com")
        records = self.Lead.browse([own.id, self.lead.id])
        rows = records.export_data(["name", "phone", "email_from",
                                    "email_normalized", "phone_sanitized"])["datas"]
        by_name = {row[0]: row for row in rows}
        for value in by_name["SI masked"][1:]:
            self.assertHidden(value)
        self.assertEqual(by_name["SI own export"][1], "+86 139 0000 1111")
        self.assertEqual(by_name["SI own export"][2], "own@example.com")

    def test_search_does_not_reveal_contacts(self):
        sanitized = self.lead.phone_sanitized
        self.assertTrue(sanitized)
        for domain in ([("phone_sanitized", "=", sanitized)],
                       [("email_normalized", "=", EMAIL)],
                       [("phone", "ilike", "0013")],
                       [("phone_mobile_search", "like", "+86 138 0013")]):
            self.assertFalse(self.Lead.search(domain), domain)
            self.assertEqual(
                self.env["crm.lead"].with_user(self.manager).search(domain),
                self.lead, domain)
        # the pooled lead itself is still listed without such conditions
        self.assertEqual(self.Lead.search([("pool_id", "=", self.pool.id)]),
                         self.lead)
