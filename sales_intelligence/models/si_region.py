# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SiRegion(models.Model):
    """A sales region: a group of provinces/states (e.g. East China). Customers
    and leads fall in the region of their state; reps serve regions."""

    _name = "si.region"
    _description = "Sales Region"
    _order = "name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    code = fields.Char()
    state_ids = fields.Many2many(
        comodel_name="res.country.state",
        string="States / Provinces",
        help="A state belongs to one region; customers and leads in it are "
        "in the region.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        regions = super().create(vals_list)
        regions._refresh_partner_regions()
        return regions

    def write(self, vals):
        states = self.state_ids
        res = super().write(vals)
        if "state_ids" in vals:
            (states | self.state_ids)._si_refresh_regions()
        return res

    @api.model
    def _regions_by_state(self, states):
        """{state id: region id} for these states."""
        regions = self.search([("state_ids", "in", states.ids)]) if states else self
        return {state.id: region.id for region in regions
                for state in region.state_ids if state in states}

    def _refresh_partner_regions(self):
        self.state_ids._si_refresh_regions()


class ResCountryState(models.Model):
    _inherit = "res.country.state"

    def _si_refresh_regions(self):
        """Recompute the stored region of the partners and leads in these
        states (a region's states changed)."""
        if not self.ids:
            return
        for model in ("res.partner", "crm.lead"):
            records = self.env[model].with_context(active_test=False).search(
                [("state_id", "in", self.ids)])
            records.modified(["state_id"])
        self.env.flush_all()
