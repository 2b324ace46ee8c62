"""Finding organisations that may already be in the registry under a slightly different name.

Names are compared without their legal form ("Sp. z o.o.", "GmbH", "UAB" ...), folded the way
search folds them, so "FABRYKA WODORU S.A." meets "Fabryka Wodoru Sp. z o.o.".
"""

from functools import lru_cache

from rapidfuzz import fuzz, process

from helisa.core.folding import fold

# Written as people write them; folded once at import so that spelling variants meet.
LEGAL_FORMS = [
    # Poland
    "Sp. z o.o.", "sp. z o.o. sp. k.", "spółka z ograniczoną odpowiedzialnością", "S.A.",
    "spółka akcyjna", "sp. j.", "spółka jawna", "sp. k.", "spółka komandytowa", "sp. p.",
    "S.K.A.", "s.c.", "spółka cywilna", "P.S.A.",
    # German-speaking countries
    "GmbH", "gGmbH", "GmbH & Co. KG", "AG", "KG", "KGaA", "OHG", "e.V.", "eG", "UG",
    "UG (haftungsbeschränkt)",
    # Romance languages
    "SRL", "S.R.L.", "S.r.l.", "SAS", "S.A.S.", "SASU", "SARL", "S.A.R.L.", "EURL", "SCOP",
    "SL", "S.L.", "S.L.U.", "SLU", "S.p.A.", "SpA", "S.C.", "S.C.A.", "Lda", "Ltda", "SNC",
    # Baltic states, Nordic countries
    "UAB", "AB", "VšĮ", "MB", "SIA", "AS", "A/S", "ASA", "ApS", "Oy", "Oyj", "OÜ", "IVS", "I/S",
    # Central and south-eastern Europe
    "Kft.", "Zrt.", "Nyrt.", "Bt.", "Kkt.", "EOOD", "OOD", "AD", "EAD", "ET", "s.r.o.", "spol. s r.o.",
    "a.s.", "k.s.", "v.o.s.", "d.o.o.", "d.d.", "j.d.o.o.",
    # English-speaking countries, Benelux and generic
    "Ltd", "Ltd.", "Limited", "PLC", "LLP", "LLC", "Inc", "Inc.", "Corp", "Company", "Co.",
    "CIC", "BV", "B.V.", "NV", "N.V.", "VOF", "CV", "SE", "SCE", "EEIG", "GEIE", "AISBL", "ASBL",
    "VZW", "Sprl",
]  # fmt: skip


def _forms_by_size(forms):
    by_size = {}
    for form in forms:
        words = tuple(fold(form).split())
        by_size.setdefault(len(words), set()).add(words)
    return by_size


# Words that say what kind of body an organisation is rather than which one: "Uniwersytet
# Rzeszowski" and "Uniwersytet Warszawski" are alike only in them, so names are compared on the
# rest too. Written as people write them, in the founding members' languages and English.
GENERIC_WORDS = [
    "university", "uniwersytet", "universite", "universitat", "universidad", "universitatea",
    "universitate", "universitetas", "universitates", "egyetem", "universitet", "universiteit",
    "universita", "politechnika", "polytechnic", "technical", "techniczny", "akademia", "academy",
    "academie", "academia", "institute", "instytut", "institut", "instituto", "institutul",
    "institutas", "intezet", "centre", "center", "centrum", "centro", "centrul", "centras", "kozpont",
    "foundation", "fundacja", "fondation", "fundacion", "fundatia", "fondas", "alapitvany",
    "association", "stowarzyszenie", "asociacion", "asociatia", "asociacija", "biedriba",
    "egyesulet", "sdruzhenie", "cluster", "klaster", "klasteris", "klasteri", "klaszter", "pole",
    "college", "school", "szkola", "wyzsza", "ecole", "escuela", "scoala", "national", "narodowy",
    "nacional", "nationale", "research", "badawczy", "recherche", "investigacion", "cercetare",
    "agency", "agencja", "agence", "agentia", "chamber", "izba", "society", "towarzystwo",
    "of", "and", "for", "the", "i", "w", "de", "la", "el", "et", "y", "si", "des", "du", "del",
]  # fmt: skip
# Below this, the words that remain when generic ones are left out name another organisation.
_DISTINCT_FLOOR = 75

_FORMS = _forms_by_size(LEGAL_FORMS)
_GENERIC = frozenset(fold(word) for word in GENERIC_WORDS)
_FORM_SIZES = sorted(_FORMS, reverse=True)
# Below this length WRatio's partial matching finds a short name inside almost anything.
_SHORT_NAME = 8


# A country's names are normalised on every duplicate check; most of them again and again.
@lru_cache(maxsize=65536)
def normalise_name(name):
    """The folded name without legal forms at its start or end; never empty for a non-empty name."""
    words = fold(name).split()
    changed = True
    while changed:
        changed = False
        for size in _FORM_SIZES:
            if len(words) <= size:
                continue
            if tuple(words[-size:]) in _FORMS[size]:
                words = words[:-size]
                changed = True
            elif tuple(words[:size]) in _FORMS[size]:
                words = words[size:]
                changed = True
    return " ".join(words)


def _distinct_words(name):
    return [word for word in name.split() if word not in _GENERIC]


def similar_names(query, choices, *, limit=5, threshold=85):
    """[(key, score)] of the choices ({key: normalised name}) closest to a normalised query.

    Plain data in, plain data out, so that it can be tested and timed without a database.
    """
    if not query or not choices:
        return []
    scorer = fuzz.WRatio if len(query) >= _SHORT_NAME else fuzz.token_sort_ratio
    found = process.extract(
        query, choices, scorer=scorer, processor=None, score_cutoff=threshold, limit=None
    )
    query_distinct = _distinct_words(query)
    best = {}
    for name, score, key in found:
        distinct = _distinct_words(name)
        has_generic = len(query_distinct) < len(query.split()) or len(distinct) < len(name.split())
        if query_distinct and distinct and has_generic:
            score = min(score, fuzz.token_set_ratio(" ".join(query_distinct), " ".join(distinct)))
            if score < threshold:
                continue
        record = key[0] if isinstance(key, tuple) else key
        if score > best.get(record, -1):
            best[record] = score
    return sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]


def find_similar_organisations(*, name, country, exclude_pk=None, limit=5, threshold=85):
    """Organisations of the same country whose legal or short name is close to `name`.

    Each returned organisation carries its score (0-100) as `similarity`, best first.
    """
    from helisa.registry.models import Organisation

    query = normalise_name(name)
    if not query:
        return []
    rows = Organisation.objects.filter(country=country).values_list(
        "id", "legal_name", "short_name"
    )
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    choices = {}
    for pk, legal_name, short_name in rows.iterator(chunk_size=5000):
        choices[pk] = normalise_name(legal_name)
        if short_name:
            choices[(pk, "short")] = normalise_name(short_name)
    scores = dict(similar_names(query, choices, limit=limit, threshold=threshold))
    organisations = Organisation.objects.filter(pk__in=scores).select_related("country", "region")
    found = sorted(organisations, key=lambda organisation: -scores[organisation.pk])
    for organisation in found:
        organisation.similarity = round(scores[organisation.pk])
    return found
