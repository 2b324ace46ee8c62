from django.template import Context, Template
from django.utils import translation

from helisa.core.translated import clean_translations, in_language


def test_text_in_the_readers_language():
    assert in_language({"en": "Cluster", "pl": "Klaster"}, "pl").text == "Klaster"


def test_fallback_is_marked_and_prefers_english():
    text = in_language({"fr": "Pôle", "en": "Cluster"}, "pl")
    assert (text.text, text.language, text.is_fallback) == ("Cluster", "en", True)


def test_fallback_is_visible_in_templates():
    with translation.override("pl"):
        html = Template("{% translated value %}").render(
            Context({"value": {"fr": "Pôle de compétitivité"}})
        )
    assert 'lang="fr"' in html and "[FR]" in html


def test_empty_and_unknown_languages_are_dropped():
    assert clean_translations({"en": " Text ", "pl": "", "xx": "?"}) == {"en": "Text"}
