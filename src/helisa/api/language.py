from django.conf import settings
from django.utils.translation import get_language

from helisa.core.countries import country_name
from helisa.core.translated import in_language


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
