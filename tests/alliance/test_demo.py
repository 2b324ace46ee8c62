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


def test_the_demo_declaration_is_signed_by_the_eight_founders_not_the_applicant(settings, tmp_path):
    from helisa.alliance.demo_declaration import build_declaration_demo

    settings.ALLIANCE_SIGNING_KEYS_DIR = str(tmp_path / "keys")
    settings.ALLIANCE_SIGNING_KEY = ""
    build_demo()
    alliance = build_alliance_demo()

    version = build_declaration_demo(alliance).versions.get()

    signatures = version.signatures.select_related("organisation")
    assert sorted(s.organisation.country_id for s in signatures) == sorted(
        ["BG", "FR", "ES", "LT", "LV", "HU", "RO", "PL"]
    )
    (applicant,) = alliance.members.filter(state="applicant").select_related("cluster")
    assert applicant.cluster.organisation.country_id == "CZ"
    assert not version.signatures.filter(organisation_id=applicant.cluster.organisation_id).exists()
    assert not applicant.cluster.organisation.signing_authorities.exists()
