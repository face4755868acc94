# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ORM-free normalisation of contact data, the basis of duplicate detection.

E-mail addresses and E.164 phone numbers are normalised by Odoo itself
(`email_normalized`, `phone_sanitized`); this module refuses text that is no
phone number and makes the company name key."""
import re

import phonenumbers

# Legal-form words that differ between spellings of one company name
_COMPANY_SUFFIXES = re.compile(
    r"(股份有限公司|有限责任公司|有限公司|集团|公司|"
    r"\b(co|company|corp|corporation|inc|incorporated|ltd|limited|llc|gmbh|sa|sarl|"
    r"bv|ag|plc|group)\b)",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_DIGITS = re.compile(r"\D")
_EXTENSION = re.compile(r"\s*(ext\.?|x)\s*\d+\s*$", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


class InvalidPhone(ValueError):
    """A phone number that cannot be a real number of the given country."""


def normalize_phone(number, country_code=None):
    """Return `number` in E.164 (+8613800138000), or None when it is empty or
    a string of digits that cannot be placed in a numbering plan.

    `country_code` (ISO 3166 alpha-2) is used for numbers written without their
    international prefix. Raises InvalidPhone for text that is no phone number
    at all (letters, too few or too many digits): such input is refused, while
    unplaceable digits (web forms, imports, placeholders) are kept as entered.
    """
    if not number or not number.strip():
        return None
    main = _EXTENSION.sub("", number)
    digits = _DIGITS.sub("", main)
    if _LETTERS.search(main) or not 5 <= len(digits) <= 17:
        raise InvalidPhone(number)
    try:
        parsed = phonenumbers.parse(number, (country_code or "").upper() or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def normalize_company_name(name):
    """Return a comparison key for a company name: lower case, no legal form,
    no punctuation or spaces ("ACME Co., Ltd." and "Acme" give "acme")."""
    if not name:
        return None
    key = _NON_WORD.sub("", _COMPANY_SUFFIXES.sub("", name.lower()))
    return key or None


def mask_contact(value):
    """Hide a phone number or e-mail address but its first and last characters
    (138****8000, j***@example.com), for leads a rep has not claimed yet."""
    if not value:
        return value
    if "@" in value:
        local, _sep, domain = value.partition("@")
        return "%s***@%s" % (local[:1], domain)
    if len(value) <= 4:
        return "*" * len(value)
    keep = max(len(value) // 4, 2)
    return value[:keep] + "*" * (len(value) - 2 * keep) + value[-keep:]
