import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from helisa.cooperation.models import InterestStatus
from helisa.cooperation.queries import contact_of
from helisa.cooperation.services.interest import (
    accept_interest,
    decline_interest,
    express_interest,
)
from helisa.cooperation.services.profiles import withdraw_profile
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db


def _interest(profile, interested, interested_organisation):
    return express_interest(
        profile=profile, organisation=interested_organisation, by=interested, message="Let's talk"
    )


def test_contact_stays_hidden_until_the_owner_accepts(
    profile, representative, interested, interested_organisation
):
    interest = _interest(profile, interested, interested_organisation)
    assert contact_of(profile, interested) is None
    assert [message.to for message in mail.outbox] == [[representative.email]]

    accept_interest(interest=interest, by=representative)

    assert contact_of(profile, interested)["email"] == "anna@tanks.example"
    assert mail.outbox[-1].to == [interested.email]
    assert "accepted" in mail.outbox[-1].subject


def test_a_declined_interest_never_shows_the_contact(
    profile, representative, interested, interested_organisation
):
    interest = _interest(profile, interested, interested_organisation)
    decline_interest(interest=interest, by=representative)
    assert interest.status == InterestStatus.DECLINED
    assert contact_of(profile, interested) is None
    with pytest.raises(ValidationError):
        accept_interest(interest=interest, by=representative)


def test_a_colleague_of_the_accepted_party_sees_the_contact_an_outsider_does_not(
    profile, representative, interested, interested_organisation, outsider
):
    accept_interest(
        interest=_interest(profile, interested, interested_organisation), by=representative
    )
    colleague = RoleFactory(organisation=interested_organisation).user
    assert contact_of(profile, colleague) is not None
    assert contact_of(profile, outsider) is None


def test_interest_is_refused_for_ones_own_organisation_twice_or_on_a_withdrawn_profile(
    profile, representative, organisation, interested, interested_organisation
):
    with pytest.raises(ValidationError):
        express_interest(profile=profile, organisation=organisation, by=representative, message="x")
    _interest(profile, interested, interested_organisation)
    with pytest.raises(ValidationError):
        _interest(profile, interested, interested_organisation)
    withdraw_profile(profile=profile, by=representative)
    other = RoleFactory().user
    with pytest.raises(ValidationError):
        express_interest(
            profile=profile, organisation=other.roles.get().organisation, by=other, message="x"
        )


def test_nobody_speaks_for_an_organisation_they_do_not_represent(
    profile, outsider, interested_organisation
):
    with pytest.raises(PermissionDenied):
        express_interest(
            profile=profile, organisation=interested_organisation, by=outsider, message="x"
        )


def test_only_the_profiles_organisation_answers(
    profile, interested, interested_organisation, outsider
):
    interest = _interest(profile, interested, interested_organisation)
    for somebody in (outsider, interested):
        with pytest.raises(PermissionDenied):
            accept_interest(interest=interest, by=somebody)
