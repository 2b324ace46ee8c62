"""The demo alliance: eight founding national associations, one applicant, news, a secretariat."""

from datetime import date

import pytest

from helisa.alliance.demo import SECRETARIAT_EMAIL, SLUG, build_alliance_demo
from helisa.alliance.models import Alliance, MembershipEvent
from helisa.core.countries import FOUNDING_COUNTRIES
from helisa.registry.demo import build_demo

pytestmark = pytest.mark.django_db


def test_the_demo_alliance_has_its_founders_and_an_applicant():
    build_demo()
    alliance = build_alliance_demo()

    assert alliance == Alliance.objects.get(slug=SLUG)
    members = alliance.members.select_related("cluster__organisation")
    founders = [m for m in members if m.state == "member"]
    (applicant,) = [m for m in members if m.state == "applicant"]
    assert sorted(m.cluster.organisation.country_id for m in founders) == sorted(FOUNDING_COUNTRIES)
    assert {(m.category, m.member_since, m.cluster.kind) for m in founders} == {
        ("full", date(2019, 9, 9), "association")
    }
    assert applicant.cluster.organisation.country_id not in FOUNDING_COUNTRIES
    assert alliance.founded_on == date(2019, 9, 9) and alliance.founded_in == "Warszawa"
    assert {"en", "pl", "fr", "bg", "es", "lt", "lv", "hu", "ro"} <= set(alliance.name)
    assert {"en", "pl"} <= set(alliance.mission)
    assert alliance.news.count() == 2

    secretariat = alliance.secretariat.get()
    assert secretariat.email == SECRETARIAT_EMAIL
    assert not secretariat.is_secretariat
    assert not secretariat.has_usable_password()
    accepted = MembershipEvent.objects.filter(member__in=founders, to_state="member")
    assert accepted.count() == 8
    assert {(e.by, e.at.date()) for e in accepted} == {(secretariat, date(2019, 9, 9))}

    assert build_alliance_demo() == alliance  # built once
    rebuilt = build_alliance_demo(rebuild=True)
    assert rebuilt.members.filter(state="member").count() == 8
