# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Public lead intake: the H5 / PC form and the JSON endpoint of the
company's app and partner sites. Neither needs Odoo's website app.

JSON endpoint
=============

``POST /si/intake/api/v1/leads`` with ``Content-Type: application/json`` and
the channel's token in ``Authorization: Bearer <token>`` (or
``X-SI-Intake-Token: <token>``). Body (a JSON object, at most 16 KiB; every
field optional unless the channel requires it, strings unless noted)::

    submission_id  8-64 of A-Z a-z 0-9 . _ : -   idempotency key (recommended)
    contact_name   <= 128      email   <= 254      phone    <= 32
    company_name   <= 128      vat     <= 32       message  <= 4000 (lines)
    country        ISO 3166 alpha-2 (numbers without prefix, lead country)
    referrer       <= 512, page or site that sent the lead
    campaign       <= 128, name of an existing UTM campaign
    lang           e.g. "zh_CN": language of the error messages
    consent        boolean, true when the channel shows a consent text

An e-mail or a phone is always required. Answers are JSON:

    200 {"status": "received", "submission_id": "..."}   (also for a repeated
        submission_id: one lead per id and channel)
    400 {"error": {"code": "invalid_json" | "not_json" | "invalid_payload",
                   "message": "...", "field": "..."}}
    401 {"error": {"code": "invalid_token", ...}}    missing, unknown, revoked
    413 {"error": {"code": "payload_too_large", ...}}
    422 {"error": {"code": "validation_failed", "message": "...",
                   "fields": {"email": "translated message", ...}}}
    429 {"error": {"code": "rate_limited", ...}} with a Retry-After header

The 200 answer never tells whether the sender already had a lead, is a
customer under contract or was rejected.
"""
import json
import logging
from urllib.parse import urlencode

from werkzeug.exceptions import NotFound, RequestEntityTooLarge

from odoo import http
from odoo.http import request

from ..tools.intake import (
    MAX_BODY_BYTES,
    SUBMISSION_ID_RE,
    PayloadError,
    address_bucket,
    check_json_payload,
    clean_submission,
    new_submission_id,
)

_logger = logging.getLogger(__name__)
API_ROUTE = "/si/intake/api/v1/leads"
FORM_ROUTE = "/si/intake/form/<string:code>"
# the honeypot: a field people never see, that form-filling robots fill
HONEYPOT = "website"
RETRY_AFTER = "60"


class IntakeController(http.Controller):
    """The channels these endpoints find are superuser records (see
    si.intake.channel._intake_form_channel / _intake_api_channel): the
    intake service then writes only the fields it builds itself, from clean
    text, and answers the same whatever it finds."""

    # --- helpers -------------------------------------------------------------------
    def _intake_lang(self, channel, requested=None):
        """The language of the answer: the requested one (API "lang", the
        form's ?lang=), else the browser's, else the channel company's, when
        installed."""
        installed = dict(request.env["res.lang"].get_installed())
        for lang in (requested, request.best_lang,
                     channel.company_id.partner_id.lang, "en_US"):
            if lang in installed:
                return lang
        return "en_US"

    def _intake_address(self):
        return request.httprequest.remote_addr or ""

    def _intake_limited(self, channel, token_limit=0):
        limits = {address_bucket(self._intake_address()): channel.rate_limit_address}
        if token_limit:
            limits["token"] = token_limit
        # sudo: visitors have no access to the counters; only counters of
        # this channel are incremented and nothing of them is returned
        return request.env["si.intake.rate"].sudo()._intake_hit(channel, limits)

    # --- the H5 / PC form -----------------------------------------------------------
    def _render_form(self, channel, lang, values, errors=None, status=200):
        channel = channel.with_context(lang=lang)
        request.update_context(lang=lang)
        required = {
            "contact_name": channel.require_contact_name,
            "email": channel.require_email,
            "phone": channel.require_phone,
            "company_name": channel.require_company,
            "message": channel.require_message,
        }
        return request.render("sales_intelligence.si_intake_form_page", {
            "page": {
                "name": channel.name,
                "layout": channel.kind,
                "consent_text": channel.consent_text or "",
                "action": "/si/intake/form/%s" % channel.code,
                "company": channel.company_id.name,
                "lang": lang,
            },
            "required": required,
            "values": values,
            "errors": errors or {},
            "honeypot": HONEYPOT,
        }, status=status, headers={"Cache-Control": "no-store",
                                   "X-Frame-Options": "SAMEORIGIN"})

    @http.route(FORM_ROUTE, type="http", auth="public", methods=["GET"],
                website=False, sitemap=False)
    def intake_form(self, code, **params):
        channel = request.env["si.intake.channel"]._intake_form_channel(code)
        if not channel:
            raise NotFound()
        # keep the visitor's session: the page's CSRF token is bound to it
        request.session.touch()
        values = {
            "submission_id": new_submission_id(),
            "campaign": (params.get("utm_campaign") or "")[:128],
            "referrer": (request.httprequest.referrer or "")[:512],
        }
        lang = self._intake_lang(channel, params.get("lang"))
        return self._render_form(channel, lang, values)

    @http.route(FORM_ROUTE, type="http", auth="public", methods=["POST"],
                website=False, sitemap=False, csrf=True,
                max_content_length=MAX_BODY_BYTES)
    def intake_form_submit(self, code, **post):
        """Odoo checks the CSRF token (400 without it) and the body size
        (413) before this method runs."""
        channel = request.env["si.intake.channel"]._intake_form_channel(code)
        if not channel:
            raise NotFound()
        lang = self._intake_lang(channel, post.get("lang"))
        channel = channel.with_context(lang=lang)
        values, too_long = clean_submission(post)
        submission_id = post.get("submission_id") or ""
        if not SUBMISSION_ID_RE.match(submission_id):
            submission_id = new_submission_id()
        values["submission_id"] = submission_id
        if self._intake_limited(channel):
            return self._render_form(channel, lang, values, {"form": channel.env._(
                "Too many requests from your network. Please try again in a minute.")},
                status=429)
        if post.get(HONEYPOT):
            channel._intake_submit(values, submission_id, spam=True)
            return self._thanks_redirect(channel, lang)
        errors = channel._intake_validate(values, too_long,
                                          consent=bool(post.get("consent")))
        if errors:
            return self._render_form(channel, lang, values, errors, status=422)
        channel._intake_submit(values, submission_id)
        return self._thanks_redirect(channel, lang)

    def _thanks_redirect(self, channel, lang):
        return request.redirect("/si/intake/form/%s/thanks?%s" % (
            channel.code, urlencode({"lang": lang})), code=303)

    @http.route(FORM_ROUTE + "/thanks", type="http", auth="public", methods=["GET"],
                website=False, sitemap=False)
    def intake_form_thanks(self, code, **params):
        channel = request.env["si.intake.channel"]._intake_form_channel(code)
        if not channel:
            raise NotFound()
        lang = self._intake_lang(channel, params.get("lang"))
        request.update_context(lang=lang)
        return request.render("sales_intelligence.si_intake_thanks_page", {
            "page": {"name": channel.with_context(lang=lang).name,
                     "layout": channel.kind,
                     "action": "/si/intake/form/%s" % channel.code,
                     "company": channel.company_id.name,
                     "lang": lang},
        }, headers={"Cache-Control": "no-store"})

    # --- the JSON endpoint -----------------------------------------------------------
    def _api_error(self, status, code, message, **extra):
        headers = {"Cache-Control": "no-store"}
        if status == 401:
            headers["WWW-Authenticate"] = 'Bearer realm="si-intake"'
        if status == 429:
            headers["Retry-After"] = RETRY_AFTER
        return request.make_json_response(
            {"error": dict(extra, code=code, message=message)},
            headers=headers, status=status)

    def _api_token(self):
        headers = request.httprequest.headers
        auth = headers.get("Authorization") or ""
        if auth[:7].lower() == "bearer ":
            return auth[7:].strip()
        return (headers.get("X-SI-Intake-Token") or "").strip()

    def _api_body(self):
        """The raw body, or None when it is above MAX_BODY_BYTES (read no
        further than that, whatever Content-Length says)."""
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            return None
        # werkzeug stops reading a body without Content-Length at the limit
        httprequest.max_content_length = MAX_BODY_BYTES
        try:
            body = httprequest.get_data()
        except RequestEntityTooLarge:
            return None
        return None if len(body) > MAX_BODY_BYTES else body

    @http.route(API_ROUTE, type="http", auth="public", methods=["POST"],
                csrf=False, save_session=False, website=False, sitemap=False)
    def intake_api(self, **_params):
        """Receive a lead from the company's app or a partner site; see the
        module docstring for the schema and the answers."""
        Channel = request.env["si.intake.channel"]
        en = Channel.with_context(lang="en_US").env
        body = self._api_body()
        if body is None:
            return self._api_error(413, "payload_too_large", en._(
                "The request body is larger than %s bytes.", MAX_BODY_BYTES))
        channel = Channel._intake_api_channel(self._api_token())
        if not channel:
            return self._api_error(401, "invalid_token", en._(
                "Missing, unknown or revoked channel token."))
        if self._intake_limited(channel, token_limit=channel.rate_limit_token):
            return self._api_error(429, "rate_limited", en._(
                "Too many requests: try again in a minute."))
        if request.httprequest.mimetype != "application/json":
            return self._api_error(400, "not_json", en._(
                "Send the lead as a JSON object (Content-Type: application/json)."))
        try:
            data = check_json_payload(json.loads(body.decode("utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return self._api_error(400, "invalid_json", en._(
                "The request body is not valid JSON (UTF-8)."))
        except PayloadError as error:
            return self._api_error(400, "invalid_payload", self._payload_message(
                en, error), field=error.field)
        lang = self._intake_lang(channel, data.get("lang"))
        channel = channel.with_context(lang=lang)
        values, too_long = clean_submission(data)
        errors = channel._intake_validate(values, too_long,
                                          consent=data.get("consent") is True)
        if errors:
            return self._api_error(422, "validation_failed", " ".join(errors.values()),
                                   fields=errors)
        submission_id = data.get("submission_id") or new_submission_id()
        outcome = channel._intake_submit(values, submission_id)
        _logger.debug("intake %s: submission %s %s", channel.code, submission_id,
                      outcome)
        return request.make_json_response(
            {"status": "received", "submission_id": submission_id},
            headers={"Cache-Control": "no-store"})

    def _payload_message(self, env, error):
        if error.reason == "body_not_object":
            return env._("The request body must be a JSON object.")
        if error.reason == "unknown_field":
            return env._("Unknown field \"%s\".", error.field)
        if error.reason == "bad_submission_id":
            return env._("submission_id must be 8 to 64 letters, digits or . _ : -")
        return env._("Wrong type for \"%s\": see the schema.", error.field)
