"""Every scheduled action of the product run twice in a row: the second run
finds nothing new to do, so it creates no activity, message, anomaly, lead
nor daily plan."""
from odoo.addons.sales_intelligence.tests.common import SalesIntelligenceCase

ADDONS = ("sales_intelligence", "sales_intelligence_kb", "sales_intelligence_reports")
COUNTED = ("mail.activity", "mail.message", "si.anomaly", "crm.lead",
           "si.daily.plan")


class TestCronTwice(SalesIntelligenceCase):

    def _counts(self):
        self.env.flush_all()
        return {model: self.env[model].sudo().with_context(
            active_test=False).search_count([]) for model in COUNTED}

    def test_second_run_creates_nothing(self):
        data = self.env["ir.model.data"].search([
            ("model", "=", "ir.cron"), ("module", "in", ADDONS)])
        crons = self.env["ir.cron"].browse(data.mapped("res_id")).exists()
        self.assertGreaterEqual(len(crons), 10)
        for cron in crons:
            action = cron.ir_actions_server_id.with_context(si_no_commit=True)
            action.run()
            before = self._counts()
            action.run()
            self.assertEqual(self._counts(), before, cron.name)
