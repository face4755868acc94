# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lead fields shared by every concern: chance, key lead, industry, entry channel."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.sql import create_index

from ..tools.batches import commit_batch, id_batches

CHANCE_LEVELS = [
    ("high", "High"),
    ("medium", "Medium"),
    ("low", "Low"),
    ("none", "None (dead)"),
]
ENTRY_CHANNELS = [
    ("web_form", "Web Form"),
    ("app_h5", "App / H5"),
    ("pc", "PC Client"),
    ("referral", "Referral"),
    ("import", "Import"),
    ("invoice", "Invoice"),
    ("other", "Other"),
]


# The addon's indexes on Odoo's lead table (dropped again at uninstall):
# name -> (columns, condition)
LEAD_INDEXES = {
    # The duplicate check compares e-mails for equality on every new lead:
    # Odoo indexes email_normalized by trigrams only (for ilike), a tenth of
    # a second per lookup at a million leads; a b-tree answers at once.
    "crm_lead_email_normalized_eq_index": (["email_normalized"],
                                           "email_normalized IS NOT NULL"),
    # Leads are listed in Odoo's order (priority, then newest first): the
    # list of all leads and each column of the pipeline by stage. Odoo
    # indexes the priority alone, so a first page sorted every lead of the
    # top priority (most of them): 0.7-0.9 s at a million leads. In these
    # orders a first page is read off the index.
    "crm_lead_list_order_index": (["priority", "id"], ""),
    "crm_lead_stage_order_index": (["stage_id", "priority", "id"], ""),
}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # --- chance level and key leads -------------------------------------
    chance_level = fields.Selection(
        selection=CHANCE_LEVELS,
        default="medium",
        required=True,
        index=True,
        tracking=True,
        help="The rep's judgement of the chance to win this lead. None means "
        "a dead lead: it needs a reason and leaves the active pipeline.",
    )
    chance_reason_id = fields.Many2one(
        comodel_name="crm.lost.reason",
        string="Low/No Chance Reason",
        index=True,
        tracking=True,
        help="Why the chance is low or none; analysed to revive dead leads.",
    )
    is_key_lead = fields.Boolean(
        string="Key Lead",
        index=True,
        tracking=True,
        help="Key leads are watched by anomaly monitoring when not updated.",
    )
    industry_id = fields.Many2one(
        comodel_name="res.partner.industry",
        related="partner_id.commercial_partner_id.industry_id",
        store=True,
        readonly=True,
        index="btree_not_null",
        string="Industry",
    )

    # --- entry channel --------------------------------------------------------
    entry_channel = fields.Selection(
        selection=ENTRY_CHANNELS,
        default="other",
        required=True,
        index=True,
        tracking=True,
        help="How the lead entered. Filled from the source when it names a "
        "channel, and set to Import or Invoice for leads made that way.",
    )
    referred_by_id = fields.Many2one(
        comodel_name="res.partner",
        string="Referrer",
        index=True,
        help="The customer or contact who referred this lead; credited in "
        "the reports.",
    )

    # --- constraints -----------------------------------------------------------
    @api.constrains("chance_level", "chance_reason_id")
    def _check_dead_lead_reason(self):
        for lead in self:
            if lead.chance_level == "none" and not lead.chance_reason_id:
                raise ValidationError(
                    _("A dead lead (chance level none) needs a reason: set the "
                      "Low/No Chance Reason of \"%s\".", lead.name))

    @api.constrains("entry_channel", "referred_by_id")
    def _check_referral(self):
        for lead in self:
            if lead.entry_channel == "referral" and not lead.referred_by_id:
                raise ValidationError(
                    _("A referral lead needs the customer or contact who "
                      "referred it (Referrer): \"%s\".", lead.name))

    # --- CRUD ---------------------------------------------------------------------
    # create(), write() and read() are overridden per concern, each in its own
    # file and for its own fields only. models/__init__.py imports the concerns
    # in this order, the last one outermost: quality, matching, follow-up,
    # contract, pool, ownership. So pooled leads and owner changes are checked
    # first on a write, and the follow-up plan is scheduled after a new lead's
    # quality checks (a lead rejected on arrival gets no to-do).

    def init(self):
        res = super().init()
        for name, (columns, where) in LEAD_INDEXES.items():
            create_index(self.env.cr, name, "crm_lead", columns, where=where)
        return res

    # --- batches of the scheduled jobs --------------------------------------------
    @api.model
    def _id_batches(self, batch_size):
        """(low, high] id ranges of about `batch_size` leads each, in id order,
        for the nightly jobs that commit batch by batch."""
        return id_batches(self.env.cr, self._table, batch_size)

    def _commit_batch(self, done=0, remaining=0):
        """End of a batch of a nightly lead job: see tools.batches."""
        commit_batch(self.env, done, remaining)
