# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared set-up of the intake tests: a team, UTM records, an API channel
with its token and an H5 form channel, and helpers to call them over HTTP."""
import json

from odoo import fields
from odoo.tests.common import HttpCase

from .common import SalesIntelligenceCase

API_URL = "/si/intake/api/v1/leads"


class IntakeCase(HttpCase, SalesIntelligenceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env.company.si_reject_contract_leads = True
        cls.team = env["crm.team"].create({
            "name": "SI Intake Team",
            "si_assignment_mode": "odoo",
        })
        cls.source = env["utm.source"].create({"name": "SI Intake Partner Site"})
        cls.medium = env["utm.medium"].create({"name": "SI Intake API"})
        cls.campaign = env["utm.campaign"].create({"name": "SI Spring Fair"})
        cls.other_campaign = env["utm.campaign"].create({"name": "SI Autumn Show"})
        cls.api = env["si.intake.channel"].create({
            "name": "SI Partner Site",
            "kind": "api",
            "code": "si-test-api",
            "team_id": cls.team.id,
            "entry_channel": "app_h5",
            "source_id": cls.source.id,
            "medium_id": cls.medium.id,
            "campaign_id": cls.campaign.id,
            "rate_limit_address": 0,
            "rate_limit_token": 0,
        })
        action = cls.api.with_user(cls.manager).action_generate_token()
        cls.token = action["context"]["default_token"]
        cls.h5 = env["si.intake.channel"].create({
            "name": "SI Spring H5",
            "kind": "h5",
            "code": "si-test-h5",
            "team_id": cls.team.id,
            "entry_channel": "app_h5",
            "campaign_id": cls.campaign.id,
            "rate_limit_address": 0,
        })

    def post_api(self, payload=None, token=None, body=None, headers=None):
        """POST `payload` (as JSON) or the raw `body` to the endpoint."""
        all_headers = {"Content-Type": "application/json",
                       "Authorization": "Bearer %s" % (token or self.token)}
        all_headers.update(headers or {})
        if body is None:
            body = json.dumps(payload)
        return self.url_open(API_URL, data=body, headers=all_headers)

    def channel_leads(self, channel):
        return self.env["crm.lead"].with_context(active_test=False).search(
            [("si_intake_channel_id", "=", channel.id)])

    def _contract(self, customer):
        """A customer contract of `customer` running today."""
        start = fields.Date.add(fields.Date.today(), days=-30)
        return self.env["contract.contract"].create({
            "name": "Support %s" % customer.name,
            "partner_id": customer.id,
            "contract_type": "sale",
            "date_start": start,
            "contract_line_ids": [fields.Command.create({
                "name": "Support", "quantity": 1, "price_unit": 100.0,
                "date_start": start,
                "date_end": fields.Date.add(start, days=364),
                "recurring_next_date": start})],
        })
