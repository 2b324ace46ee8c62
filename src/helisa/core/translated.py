"""User-written text stored per language: one JSON value keyed by language code."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language


@dataclass(frozen=True)
class TranslatedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self):
        return self.text


def in_language(values, language=None):
    """The text in the reader's language, else English, else any language it has."""
    if not values:
        return TranslatedText("", "", False)
    if isinstance(values, str):
        return TranslatedText(values, "", False)
    wanted = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if values.get(wanted):
        return TranslatedText(values[wanted], wanted, False)
    for code in [settings.LANGUAGE_CODE, *sorted(values)]:
        if values.get(code):
            return TranslatedText(values[code], code, True)
    return TranslatedText("", "", False)


def clean_translations(values):
    """Drop empty languages and languages Helisa does not know."""
    return {
        code: text.strip()
        for code, text in (values or {}).items()
        if code in settings.CONTENT_LANGUAGES and text and text.strip()
    }
