# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The intake service shared by the public forms and the JSON endpoint.

`_intake_submit` validates and normalises a submission, then, once per
submission id: adds it to the sender's open lead (same e-mail, phone or VAT)
as a note, or creates a lead tagged with the channel, its entry channel,
referrer and UTM, routed to the channel's team and its assignment; a new
lead of a customer under a running contract is rejected at once when the
company asks for it. The sender always gets the same acknowledgement, so it
learns nothing about existing leads or customers."""
import hashlib

from markupsafe import Markup, escape

from odoo import models
from odoo.osv import expression
from odoo.tools import SQL, email_normalize

from ..tools.intake import SUBMISSION_FIELDS
from ..tools.normalize import InvalidPhone, normalize_phone


class SiIntakeChannel(models.Model):
    _inherit = "si.intake.channel"

    # --- validation -----------------------------------------------------------------
    def _intake_field_label(self, name):
        """What a field is called in the messages of the service."""
        _ = self.env._
        return {
            "contact_name": _("Your name"),
            "email": _("E-mail"),
            "phone": _("Phone"),
            "company_name": _("Company"),
            "vat": _("Tax ID"),
            "message": _("Message"),
            "country": _("Country"),
            "referrer": _("Referring page"),
            "campaign": _("Campaign"),
            "consent": _("Consent"),
        }[name]

    def _intake_validate(self, values, too_long=(), consent=False):
        """{field: translated message} of what is wrong with `values` (the
        clean text of tools.intake.clean_submission); empty when valid."""
        self.ensure_one()
        _ = self.env._
        errors = {}
        for name in too_long:
            errors[name] = _("%(field)s is too long (at most %(limit)s characters).",
                             field=self._intake_field_label(name),
                             limit=SUBMISSION_FIELDS[name][0])
        required = {
            "contact_name": self.require_contact_name,
            "email": self.require_email,
            "phone": self.require_phone,
            "company_name": self.require_company,
            "message": self.require_message,
        }
        for name, needed in required.items():
            if needed and not values.get(name) and name not in errors:
                errors[name] = _("%s is required.", self._intake_field_label(name))
        if not values.get("email") and not values.get("phone") and not (
                {"email", "phone"} & set(errors)):
            errors["email"] = _("Give an e-mail address or a phone number so "
                                "that we can answer you.")
        if values.get("email") and "email" not in errors \
                and not email_normalize(values["email"]):
            errors["email"] = _("\"%s\" is not a valid e-mail address.",
                                values["email"])
        if values.get("phone") and "phone" not in errors:
            try:
                normalize_phone(values["phone"], self._intake_country(values).code)
            except InvalidPhone:
                errors["phone"] = _("\"%s\" is not a phone number.", values["phone"])
        if values.get("country") and "country" not in errors \
                and not self._intake_country(values, default=False):
            errors["country"] = _("Unknown country code \"%s\" (use two letters, "
                                  "e.g. CN).", values["country"])
        if self.consent_text and not consent:
            errors["consent"] = _("Please agree to the terms to send your request.")
        return errors

    def _intake_country(self, values, default=True):
        code = (values.get("country") or "").upper()
        country = self.env["res.country"].search([("code", "=", code)], limit=1) \
            if len(code) == 2 else self.env["res.country"]
        return country or (self.company_id.country_id if default else country)

    # --- the service ---------------------------------------------------------------
    def _intake_submit(self, values, submission_id, spam=False):
        """Process one clean, valid submission of this channel (the caller
        validated it with _intake_validate). Returns the outcome (created,
        attached, rejected, spam, or duplicate for a submission id already
        used), for the logs and tests only: the sender's answer never
        depends on it.

        Runs as superuser (the sender is anonymous): only the fields built
        here are written."""
        self.ensure_one()
        Submission = self.env["si.intake.submission"]
        submission = Submission._intake_claim(self, submission_id)
        if not submission:
            return "duplicate"
        campaign = self._intake_campaign(values.get("campaign"))
        log = {"referrer": values.get("referrer") or False,
               "campaign_id": campaign.id or False}
        if spam:
            submission.write(dict(log, outcome="spam"))
            return "spam"
        channel = self.with_company(self.company_id)
        country = channel._intake_country(values)
        phone = channel._intake_phone(values.get("phone"), country)
        email = email_normalize(values.get("email") or "") or False
        channel._intake_lock_sender(email, phone, values.get("vat"))
        lead = channel._intake_open_lead(email, phone, values.get("vat"))
        if lead:
            lead._message_log(body=channel._intake_note(values, title=self.env._(
                "New request through the intake channel \"%s\":", self.name)))
            submission.write(dict(log, outcome="attached", lead_id=lead.id))
            return "attached"
        lead = self.env["crm.lead"].with_company(self.company_id).with_context(
            mail_create_nosubscribe=True,
        ).create(channel._prepare_intake_lead(values, email, phone, country, campaign))
        outcome = "created"
        customer = channel._intake_contract_customer(email, phone, values.get("vat"))
        if customer:
            lead.action_reject("running_contract", self.env._(
                "Rejected on arrival: %s has a contract running today; its "
                "account manager handles new needs.", customer.display_name))
            outcome = "rejected"
        elif self.assign_on_arrival:
            channel._intake_assign(lead)
        submission.write(dict(log, outcome=outcome, lead_id=lead.id))
        return outcome

    def _prepare_intake_lead(self, values, email, phone, country, campaign):
        """Values of a new lead from a submission (all as text)."""
        self.ensure_one()
        team = self.team_id
        title = values.get("company_name") or values.get("contact_name") \
            or values.get("email") or values.get("phone")
        # the sender is the public user: whether leads are used is the
        # setting of internal users
        use_leads = team.use_leads and self.env.ref("crm.group_use_lead") in \
            self.env.ref("base.group_user").trans_implied_ids
        return {
            "name": self.env._("%(who)s (%(channel)s)", who=title, channel=self.name),
            "type": "lead" if use_leads else "opportunity",
            "contact_name": values.get("contact_name") or False,
            "partner_name": values.get("company_name") or False,
            "email_from": email or values.get("email") or False,
            "phone": phone or values.get("phone") or False,
            "country_id": country.id or False,
            "description": self._intake_note(values),
            "team_id": team.id,
            # no owner yet: the team's assignment chooses one (the default
            # owner of a new lead would be the superuser)
            "user_id": False,
            "company_id": self.company_id.id,
            "entry_channel": self.entry_channel,
            "referred_by_id": self.referrer_partner_id.id or False,
            "source_id": self.source_id.id or False,
            "medium_id": self.medium_id.id or False,
            "campaign_id": campaign.id or False,
            "si_intake_channel_id": self.id,
        }

    def _intake_note(self, values, title=None):
        """The submission as HTML of escaped text: message, then the other
        fields, one per line. Nothing the sender typed becomes markup."""
        lines = [escape(title)] if title else []
        lines += [escape(line) for line in (values.get("message") or "").split("\n")]
        for name in ("contact_name", "email", "phone", "company_name", "vat",
                     "referrer"):
            if values.get(name) and (title or name in ("vat", "referrer")):
                lines.append(Markup("%s: %s") % (self._intake_field_label(name),
                                                 values[name]))
        return Markup("<p>%s</p>") % Markup("<br/>").join(lines)

    def _intake_phone(self, number, country):
        """Odoo's E.164 form of the number (phone_validation, as
        phone_sanitized), or False when it fits no numbering plan."""
        if not number:
            return False
        return self.env["crm.lead"]._phone_format(
            number=number, country=country) or False

    def _intake_campaign(self, name):
        """The existing campaign named `name`, else the channel's: names sent
        by the public never create campaigns."""
        campaign = self.env["utm.campaign"]
        if name:
            # sudo: visitors cannot read campaigns; only the id of one whose
            # name they gave is used.
            campaign = campaign.sudo().search([("name", "=ilike", name)], limit=1)
        return campaign or self.campaign_id

    def _intake_keys(self, model, email, phone, vat):
        """Domain of the records of `model` (crm.lead or res.partner) with the
        sender's e-mail, phone or VAT, on Odoo's normalised keys."""
        vat_field = "company_vat" if model == "crm.lead" else "vat"
        keys = []
        if email:
            keys.append([("email_normalized", "=", email)])
        if phone:
            keys.append([("phone_sanitized", "=", phone)])
        if vat:
            keys.append([(vat_field, "=ilike", vat.replace(" ", ""))])
        return expression.OR(keys) if keys else None

    def _intake_lock_sender(self, email, phone, vat):
        """Serialise the submissions of one sender (same e-mail, phone or
        VAT) on this channel, so that concurrent requests of one person make
        one lead. Each submission inserts a marker per key of the sender
        (a row of si.intake.rate, kept an hour) and does nothing when it
        exists: a concurrent request waits on the unique index, and when the
        first one commits PostgreSQL refuses the second with a serialization
        failure (Odoo's transactions are REPEATABLE READ). Odoo then runs the
        request again, in a new transaction that sees the first one's lead
        and attaches to it."""
        keys = sorted({
            "sender:" + hashlib.sha256(("%s:%s" % (kind, value)).encode()).hexdigest()
            for kind, value in (("email", email), ("phone", phone),
                                ("vat", (vat or "").replace(" ", "").lower()))
            if value})
        if keys:
            self.env.cr.execute(SQL("""
                INSERT INTO si_intake_rate (channel_id, bucket, window_start, hits)
                SELECT %s, bucket, date_trunc('hour', now() at time zone 'UTC'), 0
                  FROM unnest(%s::varchar[]) AS bucket
                    ON CONFLICT (channel_id, bucket, window_start) DO NOTHING
            """, self.id, keys))

    def _intake_open_lead(self, email, phone, vat):
        """The sender's oldest open lead of the channel's company: active,
        not rejected, neither won nor lost. The company name alone is not
        enough (colleagues of one company are different people): such leads
        are flagged as possible duplicates on creation, as any lead."""
        domain = self._intake_keys("crm.lead", email, phone, vat)
        if not domain:
            return self.env["crm.lead"]
        return self.env["crm.lead"].search(expression.AND([domain, [
            ("company_id", "in", [self.company_id.id, False]),
            ("rejected", "=", False),
            ("probability", "<", 100),
            "|", ("stage_id", "=", False), ("stage_id.is_won", "=", False),
        ]]), order="id", limit=1)

    def _intake_contract_customer(self, email, phone, vat):
        """The customer under a running contract the sender belongs to (by
        e-mail, phone or VAT of a contact or company), when the company
        rejects such leads."""
        if not self.company_id.si_reject_contract_leads:
            return self.env["res.partner"]
        domain = self._intake_keys("res.partner", email, phone, vat)
        if not domain:
            return self.env["res.partner"]
        partners = self.env["res.partner"].with_context(active_test=False).search(
            domain, limit=20)
        running = self.env["contract.contract"]._running_contract_partners(partners)
        return running[:1]

    def _intake_assign(self, lead):
        """The team's explained matching assigns the lead at once; teams on
        Odoo's assignment get it from Odoo's scheduled assignment."""
        team = lead.team_id
        if team.si_assignment_mode == "matching" and not team.assignment_optout:
            self.env["si.rep"]._auto_assign(
                lead, "auto", self.env._("Automatic assignment on arrival:"))
