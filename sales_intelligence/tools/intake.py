# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ORM-free parts of lead intake: the submission schema, text cleaning,
size limits, token generation and hashing, client address buckets.

The H5/PC form and the JSON endpoint both turn their input into the same
dict of clean strings with `clean_submission`, which the intake service
(si.intake.channel._intake_submit) validates and stores as text."""
import hashlib
import re
import secrets
import unicodedata

# field -> (longest accepted text, several lines allowed)
SUBMISSION_FIELDS = {
    "contact_name": (128, False),
    "email": (254, False),
    "phone": (32, False),
    "company_name": (128, False),
    "vat": (32, False),
    "message": (4000, True),
    "country": (2, False),
    "referrer": (512, False),
    "campaign": (128, False),
}
# fields of the JSON body that are no contact data
META_FIELDS = {
    "submission_id": str,
    "lang": str,
    "consent": bool,
}
SUBMISSION_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
# a request body above this is refused before it is read (HTTP 413)
MAX_BODY_BYTES = 16 * 1024
TOKEN_PREFIX = "si_"
# characters kept in one-line fields: everything printable; control
# characters (NUL, escapes, bidi overrides...) are dropped
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


class PayloadError(ValueError):
    """The JSON body does not follow the schema (HTTP 400): `field` names
    the offending key, or is None for the body as a whole."""

    def __init__(self, reason, field=None):
        super().__init__(reason)
        self.reason = reason
        self.field = field


def clean_text(value, multiline=False):
    """Text as it will be stored: Unicode NFC, no control characters, spaces
    collapsed (line breaks kept in `multiline` fields), stripped. Markup is
    kept as typed: it is stored and shown as text, never as HTML."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    if multiline:
        lines = (_SPACES.sub(" ", _CONTROL.sub("", line)).strip()
                 for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        text = "\n".join(lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip()
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


def clean_submission(data):
    """(values, too_long) from a mapping of submitted fields: `values` holds
    the clean text of every known field (unknown keys are left out), and
    `too_long` the fields whose text is above its limit."""
    values, too_long = {}, []
    for name, (limit, multiline) in SUBMISSION_FIELDS.items():
        text = clean_text(data.get(name), multiline)
        if len(text) > limit:
            too_long.append(name)
        values[name] = text
    return values, too_long


def check_json_payload(data):
    """Refuse a JSON body that is no object, holds unknown keys or values
    of the wrong type (PayloadError); returns it unchanged otherwise."""
    if not isinstance(data, dict):
        raise PayloadError("body_not_object")
    for key, value in data.items():
        if key in SUBMISSION_FIELDS:
            if value is not None and not isinstance(value, str):
                raise PayloadError("wrong_type", key)
        elif key in META_FIELDS:
            if value is not None and not isinstance(value, META_FIELDS[key]):
                raise PayloadError("wrong_type", key)
        else:
            raise PayloadError("unknown_field", key)
    submission_id = data.get("submission_id")
    if submission_id is not None and not SUBMISSION_ID_RE.match(submission_id):
        raise PayloadError("bad_submission_id", "submission_id")
    return data


def new_submission_id():
    """A submission id for a form page or a request that came without one."""
    return secrets.token_urlsafe(18)


def new_token():
    """A channel token: 256 random bits, URL-safe, with a recognisable prefix."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token):
    """What is stored of a token: its SHA-256 (tokens are random, so no salt
    or slow hash is needed, and the hash can be looked up by index)."""
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()


def token_hint(token):
    """The first characters of a token, to tell tokens apart on the form."""
    return token[:len(TOKEN_PREFIX) + 4] + "…"


def address_bucket(address):
    """The rate-limit key of a client address: a hash, so that the counter
    table holds no IP addresses."""
    return "ip:" + hashlib.sha256((address or "").encode("utf-8")).hexdigest()[:32]
