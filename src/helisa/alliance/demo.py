"""The demo European Clusters Alliance, built on top of the demo registry.

Its founders are the registry demo's eight national associations, admitted through the membership
service on the day of the founding declaration (Warsaw, 9 September 2019, at the 5th Congress of
Polish Clusters); a Czech demo cluster awaits review. Everything is marked is_demo.
"""

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from helisa.alliance.models import Alliance, AllianceMember, MemberCategory, MembershipEvent
from helisa.alliance.models import MemberState as S
from helisa.alliance.services.alliances import post_news
from helisa.alliance.services.membership import apply_for_membership, change_membership_state
from helisa.core.countries import FOUNDING_COUNTRIES
from helisa.core.models import User
from helisa.registry.models import Cluster, ClusterKind, HelixRole, NutsRegion, Organisation
from helisa.registry.services.clusters import add_member, create_cluster, review_cluster
from helisa.registry.services.organisations import create_organisation

SLUG = "european-clusters-alliance"
FOUNDED_ON = date(2019, 9, 9)
SECRETARIAT_EMAIL = "secretariat@demo.helisa.invalid"
APPLICANT_SOURCE_ID = "demo:alliance-applicant-cz"

NAME = {
    "en": "European Clusters Alliance",
    "pl": "Europejski Związek Klastrów",
    "fr": "Alliance européenne des clusters",
    "bg": "Европейски клъстерен алианс",
    "es": "Alianza Europea de Clústeres",
    "lt": "Europos klasterių aljansas",
    "lv": "Eiropas klasteru alianse",
    "hu": "Európai Klaszterszövetség",
    "ro": "Alianța Europeană a Clusterelor",
}
MISSION = {
    "en": "The national cluster associations of Europe working together: exchanging experience "
    "and good practice, pursuing common goals and deepening international contacts between "
    "businesses, universities, research institutes and public authorities.",
    "pl": "Współpraca krajowych związków klastrów Europy: wymiana doświadczeń i dobrych praktyk, "
    "realizacja wspólnych celów oraz pogłębianie międzynarodowych kontaktów firm, uczelni, "
    "instytutów badawczych i samorządów.",
}
NEWS = [
    (
        datetime(2019, 9, 9, 15, 0),
        {
            "en": "Eight countries found the European Clusters Alliance in Warsaw",
            "pl": "Osiem krajów powołuje w Warszawie Europejski Związek Klastrów",
        },
        {
            "en": "At the 5th Congress of Polish Clusters, representatives of cluster "
            "organisations from Bulgaria, France, Spain, Lithuania, Latvia, Hungary, Romania and "
            "Poland signed the declaration of cooperation. (Demo news.)",
            "pl": "Podczas V Kongresu Klastrów Polskich przedstawiciele klastrów z Bułgarii, "
            "Francji, Hiszpanii, Litwy, Łotwy, Węgier, Rumunii i Polski podpisali deklarację "
            "o współpracy. (Wiadomość demonstracyjna.)",
        },
    ),
    (
        datetime(2024, 3, 1, 10, 0),
        {
            "en": "The alliance welcomes applications from new countries",
            "pl": "Związek przyjmuje zgłoszenia z kolejnych krajów",
        },
        {
            "en": "National cluster associations and cluster organisations from countries not yet "
            "represented may apply for membership on this page. (Demo news.)",
            "pl": "Krajowe związki i organizacje klastrowe z krajów, które nie są jeszcze "
            "reprezentowane, mogą składać wnioski o członkostwo na tej stronie. "
            "(Wiadomość demonstracyjna.)",
        },
    ),
]


class RegistryDemoMissing(Exception):
    """The alliance demo needs the registry demo's national associations."""


def build_alliance_demo(*, rebuild=False):
    """The demo alliance, built once; returned as it is when it exists and no rebuild is asked."""
    with transaction.atomic():
        existing = Alliance.objects.filter(slug=SLUG, is_demo=True).first()
        if existing is not None:
            if not rebuild:
                return existing
            remove_alliance_demo()
        associations = _founding_associations()
        secretariat = demo_secretariat()
        alliance = Alliance.objects.create(
            slug=SLUG,
            name=NAME,
            mission=MISSION,
            founded_on=FOUNDED_ON,
            founded_in="Warszawa",
            is_demo=True,
        )
        alliance.secretariat.add(secretariat)
        for association in associations:
            _admit_founder(alliance, association, secretariat)
        _apply(alliance, _czech_applicant())
        for published, title, body in NEWS:
            post_news(
                alliance=alliance,
                title=title,
                body=body,
                by=secretariat,
                published_at=timezone.make_aware(published),
            )
    return alliance


def remove_alliance_demo():
    from helisa.alliance.models import Signature

    alliance = Alliance.objects.filter(slug=SLUG, is_demo=True).first()
    if alliance is None:
        return
    # Signatures protect the declaration versions they name; demo ones go with the alliance.
    Signature.objects.filter(version__declaration__alliance=alliance).delete()
    alliance.delete()


def demo_secretariat():
    """The alliance's demo secretariat: no known password, so nobody signs in with a guess.

    A developer sets one with `helisa changepassword secretariat@demo.helisa.invalid`.
    """
    user = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    if user is None:
        user = User(email=SECRETARIAT_EMAIL, full_name="Demo alliance secretariat", language="en")
        user.set_unusable_password()
        user.save()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    return user


def _founding_associations():
    associations = {
        cluster.organisation.country_id: cluster
        for cluster in Cluster.objects.filter(
            kind=ClusterKind.ASSOCIATION, is_demo=True
        ).select_related("organisation")
    }
    missing = [code for code in FOUNDING_COUNTRIES if code not in associations]
    if missing:
        raise RegistryDemoMissing(
            f"No demo national association for {', '.join(missing)}; run `helisa demo` first."
        )
    return [associations[code] for code in FOUNDING_COUNTRIES]


def _backdate(member, moment):
    AllianceMember.objects.filter(pk=member.pk).update(applied_at=moment)
    MembershipEvent.objects.filter(member=member).update(at=moment)


def _admit_founder(alliance, association, secretariat):
    member = apply_for_membership(
        cluster=association,
        alliance=alliance,
        category=MemberCategory.FULL,
        motivation="Founding member: signed the declaration of cooperation in Warsaw.",
        # Recorded by Helisa: the demo associations have no managers to apply.
        by=None,
        notify_people=False,
    )
    change_membership_state(
        member=member,
        to_state=S.MEMBER,
        by=secretariat,
        reason="Founding member (declaration of 9 September 2019).",
        effective_on=FOUNDED_ON,
        notify_people=False,
    )
    _backdate(member, timezone.make_aware(datetime(2019, 9, 9, 12, 0)))


def _czech_applicant():
    cluster = Cluster.objects.filter(organisation__source_id=APPLICANT_SOURCE_ID).first()
    if cluster is not None:
        return cluster
    organisation = create_organisation(
        by=None,
        legal_name="Moravský klastr mechatroniky, z. s.",
        short_name="MKM",
        helix_role=HelixRole.OTHER,
        country_id="CZ",
        city="Brno",
        latitude=49.1951,
        longitude=16.6068,
        description={
            "en": "Demo cluster organisation of mechatronics firms and universities in Moravia.",
        },
        is_demo=True,
        source_id=APPLICANT_SOURCE_ID,
    )
    cluster = create_cluster(
        organisation=organisation,
        by=None,
        name="Moravský klastr mechatroniky",
        kind=ClusterKind.CLUSTER,
        staff_fte=Decimal("3"),
        founded_year=2012,
        is_demo=True,
        regions=NutsRegion.objects.filter(code="CZ06"),
    )
    members = Organisation.objects.filter(
        is_demo=True, country_id="CZ", cluster__isnull=True
    ).order_by("legal_name")[:18]
    for member in members:
        add_member(cluster=cluster, member=member, by=None, since=date(2015, 1, 1), is_demo=True)
    review_cluster(cluster=cluster, by=None)
    return cluster


def _apply(alliance, cluster):
    return apply_for_membership(
        cluster=cluster,
        alliance=alliance,
        category=MemberCategory.FULL,
        motivation="Moravian mechatronics firms want to meet partners in the founding countries "
        "and bring Czech clusters into the alliance. (Demo application.)",
        by=None,
        notify_people=False,
    )
