"""Country codes: Helisa stores ISO 3166-1 alpha-2 everywhere.

CORDIS, NUTS and Eurostat write UK and EL where ISO writes GB and GR. Every import converts here,
and only here.
"""

from functools import lru_cache

import pycountry
from babel import Locale
from django.utils.translation import get_language

_EU_TO_ISO = {"UK": "GB", "EL": "GR"}
_ISO_TO_EU = {iso: eu for eu, iso in _EU_TO_ISO.items()}

FOUNDING_COUNTRIES = ["BG", "FR", "ES", "LT", "LV", "HU", "RO", "PL"]


def to_iso(code):
    """ISO alpha-2 for a code written either way; raises ValueError for an unknown code."""
    code = (code or "").strip().upper()
    code = _EU_TO_ISO.get(code, code)
    if pycountry.countries.get(alpha_2=code) is None and code != "XK":
        raise ValueError(f"unknown country code {code!r}")
    return code


def to_eu(code):
    return _ISO_TO_EU.get(code, code)


@lru_cache(maxsize=32)
def _territories(language):
    try:
        return Locale.parse(language).territories
    except (ValueError, TypeError):
        return Locale.parse("en").territories


def country_name(code, language=None):
    language = (language or get_language() or "en").split("-")[0]
    return _territories(language).get(code) or _territories("en").get(code) or code


def all_codes():
    return sorted(country.alpha_2 for country in pycountry.countries)
