from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from helisa.core.countries import country_name
from helisa.core.translated import in_language

register = template.Library()


@register.simple_tag
def translated(values):
    """User-written text in the reader's language, marked when it falls back to another."""
    text = in_language(values)
    if text.is_fallback:
        return format_html(
            '<span lang="{}">{}</span> <span class="fallback" title="{}">[{}]</span>',
            text.language,
            text.text,
            gettext("Not available in your language; shown in the original"),
            text.language.upper(),
        )
    return text.text


@register.filter
def country(code):
    return country_name(code)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination and filters)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()
