# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import SavepointCase


class SalesIntelligenceCase(SavepointCase):
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
    def _age(cls, records, days, field="create_date"):
        """Move `field` of `records` `days` into the past (SQL: the ORM does
        not let create_date be written)."""
        # Identifiers from the test's own constants; values as parameters.
        query = "UPDATE %s SET %s = now() at time zone 'UTC' " % (records._table, field)
        cls.env.cr.execute(
            query + "- make_interval(days => %s) WHERE id IN %s",
            (days, tuple(records.ids)))
        records.invalidate_cache()

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
        visible = self.env["ir.ui.menu"].sudo(user).search([])._filter_visible_menus()

        def shown(menu):
            return not menu or (menu in visible and shown(menu.parent_id))

        data = self.env["ir.model.data"].search([
            ("model", "=", "ir.ui.menu"),
            ("module", "like", "sales_intelligence%"),
        ])
        return {"%s.%s" % (d.module, d.name) for d in data
                if shown(self.env["ir.ui.menu"].browse(d.res_id))}
