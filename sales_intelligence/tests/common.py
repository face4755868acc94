# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import TransactionCase
from odoo.tools import SQL


class SalesIntelligenceCase(TransactionCase):
    """Users of each role the product serves, created by the tests themselves:
    a rep (own leads), a rep seeing all leads, a sales manager, finance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # si_no_commit: scheduled actions commit their batches, not in tests
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True,
                                       mail_create_nolog=True, si_no_commit=True))
        cls.rep = cls._create_user("si_rep", ["sales_team.group_sale_salesman"])
        cls.rep_all = cls._create_user(
            "si_rep_all", ["sales_team.group_sale_salesman_all_leads"])
        cls.manager = cls._create_user("si_manager", ["sales_team.group_sale_manager"])
        cls.finance = cls._create_user("si_finance", ["account.group_account_invoice"])

    @classmethod
    def _create_lead(cls, name, user=None, days_old=0, **values):
        """A lead of `user` (the rep by default) received `days_old` days ago."""
        values.setdefault("type", "opportunity")
        lead = cls.env["crm.lead"].create(dict(
            values, name=name, user_id=(user or cls.rep).id))
        if days_old:
            cls._age(lead, days_old)
        return lead

    @classmethod
    def _age(cls, records, days, field="create_date", hours=0):
        """Move `field` of `records` `days` (and `hours`) into the past (SQL:
        the ORM does not let create_date be written)."""
        records.flush_recordset()
        cls.env.cr.execute(SQL(
            "UPDATE %s SET %s = now() at time zone 'UTC'"
            " - make_interval(days => %s, hours => %s) WHERE id = ANY(%s)",
            SQL.identifier(records._table), SQL.identifier(field), days, hours,
            list(records.ids)))
        records.invalidate_recordset([field])

    @classmethod
    def _create_user(cls, login, groups):
        group_ids = [cls.env.ref(g).id for g in groups + ["base.group_user"]]
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": login.replace("_", " ").title(),
            "login": login,
            "email": "%s@example.com" % login,
            "groups_id": [(6, 0, group_ids)],
        })

    def visible_menus(self, user):
        """xmlids of this product's menus that `user` sees: the menu and all
        its parents pass Odoo's group and action-access filter."""
        menus = self.env["ir.ui.menu"].with_user(user).search([])
        visible = menus._filter_visible_menus()

        def shown(menu):
            return not menu or (menu in visible and shown(menu.parent_id))

        data = self.env["ir.model.data"].search([
            ("model", "=", "ir.ui.menu"),
            ("module", "like", "sales_intelligence%"),
        ])
        return {"%s.%s" % (d.module, d.name) for d in data
                if shown(self.env["ir.ui.menu"].browse(d.res_id))}


class MatchingCase(SalesIntelligenceCase):
    """A B2B team of three graded reps (rep, rep2 and a junior), a sales region
    and an industry, isolated from the demo pools."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.team = env["crm.team"].create({"name": "SI Matching Team",
                                           "sales_mode": "b2b"})
        cls.rep2 = cls._create_user("si_rep2", ["sales_team.group_sale_salesman"])
        cls.junior = cls._create_user("si_junior", ["sales_team.group_sale_salesman"])
        # Odoo computes the users' sales team from their team memberships
        env["crm.team.member"].create([
            {"crm_team_id": cls.team.id, "user_id": user.id}
            for user in cls.rep | cls.rep2 | cls.junior
        ])
        cls.industry = env["res.partner.industry"].create({"name": "SI Robotics"})
        cls.state = env["res.country.state"].create({
            "name": "SI Province", "code": "SIP",
            "country_id": env.ref("base.cn").id})
        cls.region = env["si.region"].create({"name": "SI Region",
                                              "state_ids": [(6, 0, cls.state.ids)]})
        specialty = env.ref("sales_intelligence.si_tag_dimension_specialty")
        cls.need = env["si.tag"].create({"name": "SI Automation",
                                         "dimension_id": specialty.id})
        cls.grade_s = env.ref("sales_intelligence.si_rep_grade_s")
        cls.grade_c = env.ref("sales_intelligence.si_rep_grade_c")
        Rep = env["si.rep"]
        cls.profile = Rep.create({
            "user_id": cls.rep.id, "grade_id": cls.grade_s.id,
            "industry_ids": [(6, 0, cls.industry.ids)],
            "region_ids": [(6, 0, cls.region.ids)],
            "tag_ids": [(6, 0, cls.need.ids)], "max_open_leads": 10})
        cls.profile2 = Rep.create({"user_id": cls.rep2.id, "grade_id": cls.grade_s.id,
                                   "max_open_leads": 10})
        cls.profile_junior = Rep.create({"user_id": cls.junior.id,
                                         "grade_id": cls.grade_c.id,
                                         "max_open_leads": 10})
        # The demo pools must not take the tests' leads.
        env["si.lead.pool"].search([]).write({"active": False})
        cls.customer = env["res.partner"].create({
            "name": "SI Robot Works", "is_company": True,
            "industry_id": cls.industry.id, "state_id": cls.state.id,
            "si_company_size": "large", "si_registered_capital": 5000000.0,
            "si_customer_level": "a"})
