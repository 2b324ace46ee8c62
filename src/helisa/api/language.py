from functools import lru_cache

import pycountry
from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from helisa.core.countries import country_name
from helisa.core.translated import in_language

from .errors import error_body


@lru_cache(maxsize=512)
def is_language_code(code):
    """An ISO 639-1 or 639-3 code (texts may be stored in languages the interface lacks)."""
    return bool(pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code))


def _asked_language(request):
    """The ?lang= value, folded; empty when none is given."""
    return (request.GET.get("lang") or "").strip().lower() if request else ""


def _names_a_language(wanted):
    return wanted.isalpha() and len(wanted) <= 3 and is_language_code(wanted)


class LanguageParameterMiddleware:
    """Refuses an API request whose ?lang= names no language, before any view runs, rather than
    answering silently in another language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            wanted = _asked_language(request)
            if wanted and not _names_a_language(wanted):
                message = _(
                    "Unknown language %(code)s: give an ISO 639-1 code such as pl or en."
                ) % {"code": repr(wanted)}
                body = error_body(
                    "validation_error", message, [{"field": "lang", "message": message}]
                )
                return JsonResponse(body, status=422)
        return self.get_response(request)


def language_of(request):
    """The language asked for with ?lang= (the middleware refused any other), else the one
    Django chose for the request."""
    wanted = _asked_language(request)
    if wanted and _names_a_language(wanted):
        return wanted
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def label_in(values, context):
    return in_language(values, language_of(context and context.get("request"))).text


def country_name_in(code, context):
    return country_name(code, language_of(context and context.get("request")))
