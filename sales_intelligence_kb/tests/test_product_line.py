# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from odoo.addons.sales_intelligence.tests.common import SalesIntelligenceCase


class TestProductLine(SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "ERP seat"})
        cls.line = cls.env["si.product.line"].create({
            "name": "Cloud ERP",
            "code": "TEST-ERP",
            "product_ids": [(6, 0, cls.product.ids)],
        })

    def test_rep_reads_but_cannot_edit(self):
        line = self.line.with_user(self.rep)
        self.assertEqual(line.name, "Cloud ERP")
        self.assertEqual(line.product_count, 1)
        with self.assertRaises(AccessError):
            line.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["si.product.line"].with_user(self.rep).create({"name": "Mine"})
        with self.assertRaises(AccessError):
            line.unlink()

    def test_manager_maintains_product_lines(self):
        model = self.env["si.product.line"].with_user(self.manager)
        line = model.create({"name": "Consulting", "code": "TEST-CONS"})
        line.write({"name": "Consulting days"})
        self.assertEqual(line.name, "Consulting days")
        line.unlink()
        self.assertFalse(line.exists())

    def test_finance_has_no_access(self):
        with self.assertRaises(AccessError):
            self.line.with_user(self.finance).read(["name"])

    def test_other_company_lines_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        hidden = self.env["si.product.line"].create({
            "name": "Other line", "company_id": other.id})
        visible = self.env["si.product.line"].with_user(self.rep).search([])
        self.assertIn(self.line, visible)
        self.assertNotIn(hidden, visible)

    def test_code_unique_per_company(self):
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env["si.product.line"].create({"name": "Dup", "code": "TEST-ERP"})
