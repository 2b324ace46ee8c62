"""Finding a project's partner by name: the registry's folded search (case and accents aside,
every word as a word's start), organisations named by the words before those that only mention
them in their city or description."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from helisa.core.folding import fold, fold_words
from helisa.registry.models import Organisation
from helisa.registry.queries import search_organisations

MATCHES_SHOWN = 10
# Matches ranked in Python: enough that the named ones are among them, few enough to read at once.
CANDIDATES = 200


@dataclass(frozen=True)
class PartnerMatches:
    organisations: list
    more: bool

    @property
    def more_text(self):
        return _("More organisations match: add a word to narrow the search.")


def _named(organisation, words):
    name = fold(f"{organisation.legal_name} {organisation.short_name}").split()
    return all(any(part.startswith(word) for part in name) for word in words)


def search_partners(query, *, limit=MATCHES_SHOWN):
    """Up to `limit` organisations matching every word of the query, named ones first."""
    words = fold_words(query)
    if not words:
        return PartnerMatches([], False)
    qs = Organisation.objects.only("pk", "legal_name", "short_name", "country", "helix_role")
    found = list(search_organisations(qs, query).order_by("legal_name", "pk")[: CANDIDATES + 1])
    found.sort(key=lambda organisation: not _named(organisation, words))
    return PartnerMatches(found[:limit], len(found) > limit)
