import factory
from django.utils import timezone

from helisa.core.folding import fold
from helisa.core.models import User
from helisa.registry.models import (
    Cluster,
    Country,
    HelixRole,
    Membership,
    Organisation,
    Role,
    RoleKind,
)


def country(code="PL"):
    obj, _ = Country.objects.get_or_create(code=code, defaults={"eu_code": code, "name_en": code})
    return obj


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            self.save()
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    legal_name = factory.Sequence(lambda n: f"Organisation {n} Sp. z o.o.")
    helix_role = HelixRole.BUSINESS
    country = factory.LazyFunction(country)
    city = "Warszawa"
    search_text = factory.LazyAttribute(lambda o: fold(f"{o.legal_name} {o.city}"))


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    organisation = factory.SubFactory(OrganisationFactory, helix_role=HelixRole.OTHER)
    name = factory.Sequence(lambda n: f"Cluster {n}")
    staff_fte = 2


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    cluster = factory.SubFactory(ClusterFactory)
    member = factory.SubFactory(OrganisationFactory)
    since = factory.LazyFunction(timezone.localdate)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = RoleKind.REPRESENTATIVE
