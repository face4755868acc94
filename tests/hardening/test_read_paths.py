"""Every read path a rep has to a lead respects the lead rule and the masking
of the contacts of pooled, unclaimed leads: the lead itself (read, search,
read_group, export, name_search), the records of other models pointing at
leads (follow-ups, ownership history, activities, the chatter, attachments,
the reports' analyses) and a second company."""
from odoo.addons.sales_intelligence.tests.common import MatchingCase
from odoo.addons.mail.tools.discuss import Store
from odoo.exceptions import AccessError

PHONE = "+86 138 0013 8000"
EMAIL = "li.wei@example.com"
HIDDEN_PHONE = "+86 139 0099 7777"
HIDDEN_EMAIL = "zhao.min@example.com"


class TestRepReadPaths(MatchingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Pool = env["si.lead.pool"]
        cls.open_pool = Pool.create({"name": "SI Open Pool", "team_id": cls.team.id,
                                     "cooldown_days": 0})
        # a pool shown to the first rep only
        cls.hidden_pool = Pool.create({"name": "SI Hidden Pool", "team_id": cls.team.id,
                                       "cooldown_days": 0,
                                       "visible_user_ids": [(6, 0, cls.rep.ids)]})
        cls.pooled = cls._create_lead("SI pooled lead", team_id=cls.team.id,
                                      phone=PHONE, email_from=EMAIL,
                                      expected_revenue=1000.0)
        cls.pooled._send_to_pool(cls.open_pool, "test")
        cls.hidden = cls._create_lead("SI hidden lead", team_id=cls.team.id,
                                      phone=HIDDEN_PHONE, email_from=HIDDEN_EMAIL,
                                      expected_revenue=500.0)
        cls.hidden._send_to_pool(cls.hidden_pool, "test")
        cls.other = cls._create_lead("SI other rep's lead", team_id=cls.team.id,
                                     phone="+86 137 1111 2222",
                                     email_from="other@example.com",
                                     expected_revenue=300.0)
        cls.own = cls._create_lead("SI own lead", user=cls.rep2, team_id=cls.team.id,
                                   phone=PHONE, email_from=EMAIL,
                                   expected_revenue=200.0)
        cls.leads = cls.pooled | cls.hidden | cls.other | cls.own
        cls.Lead = env["crm.lead"].with_user(cls.rep2)

    def assertMasked(self, value, *secrets):
        self.assertTrue(value)
        for secret in secrets or ("0013", "li.wei"):
            self.assertNotIn(secret, str(value))

    # --- crm.lead -------------------------------------------------------------
    def test_lead_rule_and_masking(self):
        visible = self.Lead.search([("id", "in", self.leads.ids)])
        self.assertEqual(visible, self.pooled | self.own)
        for lead in (self.hidden, self.other):
            with self.assertRaises(AccessError):
                lead.with_user(self.rep2).read(["name"])
        rows = self.Lead.search_read([("id", "in", self.leads.ids)],
                                     ["phone", "email_from"], order="id")
        self.assertEqual([row["id"] for row in rows], (self.pooled | self.own).ids)
        self.assertMasked(rows[0]["phone"])
        self.assertMasked(rows[0]["email_from"])
        self.assertEqual(rows[1]["phone"], PHONE)

    def test_read_group_labels_and_totals(self):
        domain = [("id", "in", self.leads.ids)]
        for fname in ("phone", "email_from", "email_normalized", "phone_sanitized",
                      "partner_id"):
            groups = self.Lead.read_group(domain, [fname, "expected_revenue:sum"],
                                          [fname], lazy=False)
            self.assertEqual(sum(g["__count"] for g in groups), 2, fname)
            self.assertEqual(sum(g["expected_revenue"] for g in groups), 1200.0, fname)
            for group in groups:
                self.assertNotIn("0099", str(group), fname)
                self.assertNotIn("zhao.min", str(group), fname)
                self.assertNotIn("other@", str(group), fname)
                # each group drills down on the leads it counts
                self.assertEqual(self.Lead.search_count(group["__domain"]),
                                 group["__count"], fname)

    def test_export_name_search_and_display_name(self):
        self.rep2.groups_id = [(4, self.env.ref("base.group_allow_export").id)]
        rows = self.pooled.with_user(self.rep2).export_data(
            ["name", "phone", "email_from", "partner_id/name"])["datas"]
        self.assertMasked(rows[0][1])
        self.assertMasked(rows[0][2])
        names = [name for __, name in self.Lead.name_search("SI ", limit=20)]
        self.assertIn("SI pooled lead", names)
        self.assertNotIn("SI hidden lead", names)
        self.assertNotIn("SI other rep's lead", names)
        # the full e-mail or phone finds only the rep's own lead
        for text in (EMAIL, PHONE, HIDDEN_EMAIL):
            found = {lead_id for lead_id, __ in self.Lead.name_search(text, limit=20)}
            self.assertFalse(found - set(self.own.ids), text)
        self.assertEqual(self.Lead.search([("email_from", "=", EMAIL)]), self.own)
        self.assertEqual(self.Lead.search([("phone", "=", PHONE)]), self.own)
        self.assertFalse(self.Lead.search([("email_from", "=", HIDDEN_EMAIL)]))
        self.assertEqual(self.pooled.with_user(self.rep2).display_name,
                         "SI pooled lead")

    # --- other models pointing at leads -----------------------------------------
    def test_followups_and_ownership_history(self):
        Followup = self.env["si.lead.followup"]
        for lead in self.leads:
            Followup.create({"lead_id": lead.id, "user_id": self.manager.id,
                             "channel": "call", "content": "called %s" % lead.name})
        rep_followups = Followup.with_user(self.rep2).search(
            [("lead_id", "in", self.leads.ids)])
        self.assertEqual(rep_followups.lead_id, self.pooled | self.own)
        groups = Followup.with_user(self.rep2).read_group(
            [("lead_id", "in", self.leads.ids)], ["lead_id"], ["lead_id"])
        self.assertEqual({g["lead_id"][0] for g in groups},
                         set((self.pooled | self.own).ids))
        history = self.env["si.lead.assignment"].with_user(self.rep2).search(
            [("lead_id", "in", self.leads.ids)])
        self.assertFalse(history.lead_id - self.own,
                         "history of others' and pooled leads")

    def test_activities_messages_attachments(self):
        for lead in self.leads:
            lead.activity_schedule("mail.mail_activity_data_todo",
                                   summary="call", user_id=self.manager.id)
            lead.message_post(body="note on %s" % lead.name,
                              message_type="comment", subtype_xmlid="mail.mt_note")
            self.env["ir.attachment"].create({
                "name": "card.txt", "raw": b"card", "res_model": "crm.lead",
                "res_id": lead.id})
        self.env.flush_all()
        invisible = (self.hidden | self.other).ids
        activities = self.env["mail.activity"].with_user(self.rep2).search_read(
            [("res_model", "=", "crm.lead"), ("res_id", "in", self.leads.ids)],
            ["res_id", "res_name"])
        self.assertFalse({row["res_id"] for row in activities} & set(invisible))
        messages = self.env["mail.message"].with_user(self.rep2).search_read(
            [("model", "=", "crm.lead"), ("res_id", "in", self.leads.ids)],
            ["res_id", "body", "email_from", "record_name"])
        self.assertTrue(messages)
        self.assertFalse({row["res_id"] for row in messages} & set(invisible))
        for lead_id in invisible:
            with self.assertRaises(AccessError):
                self.env["mail.message"].with_user(self.rep2).browse(
                    self.env["mail.message"].search(
                        [("model", "=", "crm.lead"), ("res_id", "=", lead_id)],
                        limit=1).id).read(["body"])
        attachments = self.env["ir.attachment"].with_user(self.rep2).search(
            [("res_model", "=", "crm.lead"), ("res_id", "in", self.leads.ids)])
        # the pooled lead's file is shown once the rep claims it
        self.assertEqual(set(attachments.mapped("res_id")), set(self.own.ids))

    def test_files_of_leads_follow_the_lead(self):
        """Opening a lead's file by id (read, download) needs the lead: not
        another rep's lead, nor a pooled lead before claiming it, except the
        files the rep added; the chatter leaves out the files of the pooled
        lead's messages."""
        Attachment = self.env["ir.attachment"]
        files = {lead: Attachment.create({
            "name": "card.txt", "raw": b"Li Wei 0013", "res_model": "crm.lead",
            "res_id": lead.id}) for lead in self.leads}
        added = Attachment.with_user(self.rep2).create({
            "name": "mine.txt", "raw": b"mine", "res_model": "crm.lead",
            "res_id": self.pooled.id})
        message = self.pooled.message_post(
            body="card attached", message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachment_ids=(files[self.pooled] | added).ids)
        self.env.flush_all()
        as_rep = Attachment.with_user(self.rep2)
        for lead in (self.pooled, self.hidden, self.other):
            with self.assertRaises(AccessError, msg=lead.name):
                as_rep.browse(files[lead].id).read(["name", "raw"])
        self.assertEqual(as_rep.browse(files[self.own].id).raw, b"Li Wei 0013")
        self.assertEqual(as_rep.browse(added.id).raw, b"mine")
        found = as_rep.search([("name", "=", "card.txt"),
                               ("res_id", "in", self.leads.ids)])
        self.assertEqual(found, files[self.own])
        shown = Store(message.with_user(self.rep2)).get_result()
        names = {att["name"] for att in shown.get("ir.attachment", [])}
        self.assertEqual(names, {"mine.txt"})
        self.assertEqual(len(shown["mail.message"][0]["attachment_ids"]), 1)
        # the manager sees them; the rep, once the lead is claimed
        shown = Store(message.with_user(self.manager)).get_result()
        self.assertEqual({att["name"] for att in shown["ir.attachment"]},
                         {"card.txt", "mine.txt"})
        self.pooled.with_user(self.rep2).action_pool_claim()
        self.assertEqual(as_rep.browse(files[self.pooled].id).raw, b"Li Wei 0013")
        self.assertEqual(len(as_rep.search([("res_model", "=", "crm.lead"),
                                            ("res_id", "=", self.pooled.id)])), 2)
        # another rep's file stays closed
        with self.assertRaises(AccessError):
            as_rep.browse(files[self.other].id).read(["raw"])

    def test_customer_mail_on_pooled_lead_does_not_show_address(self):
        """A mail the customer sent in is kept with its sender's address: a
        rep who has not claimed the lead must not read it there either."""
        self.pooled.message_post(body="Please call me back", message_type="email",
                                 email_from="Li Wei <%s>" % EMAIL,
                                 subtype_xmlid="mail.mt_comment")
        rows = self.env["mail.message"].with_user(self.rep2).search_read(
            [("model", "=", "crm.lead"), ("res_id", "=", self.pooled.id)],
            ["email_from", "author_id"])
        self.assertTrue(rows)
        for row in rows:
            self.assertNotIn("li.wei", str(row["email_from"]))
        # searching messages by the address does not find them
        self.assertFalse(self.env["mail.message"].with_user(self.rep2).search(
            [("model", "=", "crm.lead"), ("email_from", "ilike", "li.wei")]))
        # nor does the chatter's store show it
        messages = self.env["mail.message"].with_user(self.rep2).search(
            [("model", "=", "crm.lead"), ("res_id", "=", self.pooled.id),
             ("message_type", "=", "email")])
        self.assertEqual(len(messages), 1)
        self.assertNotIn("li.wei", str(Store(messages).get_result()))
        # the manager still sees it
        rows = self.env["mail.message"].with_user(self.manager).search_read(
            [("model", "=", "crm.lead"), ("res_id", "=", self.pooled.id),
             ("message_type", "=", "email")], ["email_from"])
        self.assertIn(EMAIL, rows[0]["email_from"])

    def test_customer_of_pooled_lead(self):
        """Reading the pooled lead's customer does not show the contacts the
        lead masks, until the rep claims the lead; a rep with a lead of their
        own for that customer sees them."""
        customer = self.env["res.partner"].create({
            "name": "Li Wei", "phone": PHONE, "email": EMAIL})
        self.pooled.partner_id = customer
        self.pooled.write({"phone": PHONE, "email_from": EMAIL})
        fnames = ["phone", "email", "email_formatted"]
        row = customer.with_user(self.rep2).read(fnames)[0]
        for fname in fnames:
            self.assertMasked(row[fname])
        web = self.pooled.with_user(self.rep2).web_read(
            {"partner_id": {"fields": {"phone": {}, "email": {}}}})[0]
        self.assertMasked(web["partner_id"]["phone"])
        self.assertMasked(web["partner_id"]["email"])
        self.rep2.groups_id = [(4, self.env.ref("base.group_allow_export").id)]
        exported = self.pooled.with_user(self.rep2).export_data(
            ["name", "partner_id/phone", "partner_id/email"])["datas"][0]
        self.assertMasked(exported[1])
        self.assertMasked(exported[2])
        exported = customer.with_user(self.rep2).export_data(["phone"])["datas"][0]
        self.assertMasked(exported[0])
        self.assertEqual(customer.with_user(self.manager).read(["phone"])[0]["phone"],
                         PHONE)
        self.assertEqual(customer.with_user(self.rep_all).read(["email"])[0]["email"],
                         EMAIL)
        # nor does searching contacts by phone or e-mail find the customer
        Partner = self.env["res.partner"].with_user(self.rep2)
        for domain in ([("phone", "=", PHONE)], [("email", "ilike", "li.wei")],
                       [("phone_mobile_search", "like", "13800138000")],
                       ["|", ("name", "=", "nobody"),
                        ("email_normalized", "=", EMAIL)]):
            self.assertNotIn(customer, Partner.search(domain), domain)
            self.assertIn(customer, Partner.with_user(self.manager).search(domain),
                          domain)
        self.assertNotIn(customer.id,
                         [row[0] for row in Partner.name_search("li.wei@")])
        self.assertIn(customer, Partner.search([("name", "=", "Li Wei")]))
        # a lead of the rep with the customer's e-mail still finds it (no
        # second contact), its contacts masked
        new = self._create_lead("SI new lead", user=self.rep2, team_id=self.team.id,
                                email_from=EMAIL)
        self.assertEqual(new.with_user(self.rep2)._find_matching_partner(), customer)
        # the marker cannot come from a client
        self.assertFalse(Partner.with_context(si_matching_partner=True).search(
            [("email", "=", EMAIL)]))
        self.pooled.with_user(self.rep2).action_pool_claim()
        self.assertEqual(customer.with_user(self.rep2).read(["phone"])[0]["phone"],
                         PHONE)
        self.assertIn(customer, Partner.search([("phone", "=", PHONE)]))
        self.assertIn(customer.id,
                      [row[0] for row in Partner.name_search("li.wei@")])

    def test_tracked_contact_changes_in_the_chatter(self):
        """Odoo tracks changes of a lead's phone and e-mail in its chatter:
        the pooled lead's chatter does not show them to the rep."""
        env = self.env(context=dict(self.env.context, tracking_disable=False,
                                    mail_create_nolog=False))
        lead = env["crm.lead"].create({"name": "SI tracked", "type": "opportunity",
                                       "user_id": self.rep.id,
                                       "phone": "+86 135 5555 0001"})
        env.flush_all()
        env.cr.precommit.run()
        lead.write({"phone": PHONE, "email_from": EMAIL})
        env.flush_all()
        env.cr.precommit.run()
        lead._send_to_pool(self.open_pool, "test")
        self.env.flush_all()
        messages = self.env["mail.message"].with_user(self.rep2).search(
            [("model", "=", "crm.lead"), ("res_id", "=", lead.id)])
        self.assertTrue(messages)
        shown = str(Store(messages, for_current_user=True).get_result())
        for secret in ("5555", "0013", "li.wei"):
            self.assertNotIn(secret, shown)
        # the manager still sees the changes
        shown = str(Store(messages.with_user(self.manager),
                          for_current_user=True).get_result())
        self.assertIn("li.wei", shown)
