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


class LanguageParameterMiddleware:
    """Refuses an API request whose ?lang= names no language, before any view runs, rather than
    answering silently in another language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/") and "lang" in request.GET:
            wanted = request.GET.get("lang", "").strip().lower()
            if wanted and not (wanted.isalpha() and len(wanted) <= 3 and is_language_code(wanted)):
                message = _("Unknown language %(code)s: give an ISO 639-1 code such as pl or en.")
                return JsonResponse(
                    error_body(
                        "validation_error",
                        message % {"code": repr(wanted)},
                        [{"field": "lang", "message": message % {"code": repr(wanted)}}],
                    ),
                    status=422,
                )
        return self.get_response(request)


def language_of(request):
    """The language asked for with ?lang=, else the one Django chose for the request."""
    wanted = (request.GET.get("lang") or "").strip().lower() if request else ""
    if wanted.isalpha() and len(wanted) <= 3:
        return wanted
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def label_in(values, context):
    return in_language(values, language_of(context and context.get("request"))).text


def country_name_in(code, context):
    return country_name(code, language_of(context and context.get("request")))
