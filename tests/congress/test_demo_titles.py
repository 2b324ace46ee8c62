"""The demo congress uses the debate's own words, as the congress announced them."""

from helisa.congress import demo, demo_programme
from helisa.congress.models import Session, SessionKind
from tests.congress.factories import CongressFactory

TITLE_EN = (
    "For ourselves or for others? Are clusters a useful tool for developing an innovative "
    "economy and creating jobs?"
)
TITLE_PL = (
    "Dla siebie czy dla innych? Czy klastry są użytecznym narzędziem rozwoju innowacyjnej "
    "gospodarki i tworzenia miejsc pracy?"
)


def test_the_demo_debate_is_titled_in_both_languages(db):
    congress = CongressFactory()
    demo._programme(congress)
    debate = Session.objects.get(congress=congress, kind=SessionKind.DEBATE)
    assert debate.title == {"en": TITLE_EN, "pl": TITLE_PL}


def test_the_congress_motto_quotes_the_same_title():
    assert demo_programme.DEBATE_TITLE == {"en": TITLE_EN, "pl": TITLE_PL}
    assert TITLE_EN in demo.DESCRIPTION["en"]
    assert TITLE_PL in demo.DESCRIPTION["pl"]
