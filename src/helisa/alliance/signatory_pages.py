"""A version's signatories a page at a time, grouped by country.

Countries follow their names in the reader's language, which the database does not know. One
query counts each country's signatures (which also gives the totals and where each country's run
begins); its rank then orders the page's query, so a page costs two queries however many signed.
"""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, Value, When

from helisa.alliance.country_order import group_by_country, name_order
from helisa.alliance.declaration_queries import signatures_of
from helisa.alliance.models import Signature
from helisa.core.countries import country_name
from helisa.core.paging import Page, paginate

PER_PAGE = 50


@dataclass(frozen=True)
class SignatoryPage:
    page: Page
    groups: list  # [(country name, [signatures])], as group_by_country gives them
    counts: dict  # organisations and countries with a valid (unrevoked) signature
    continues: bool  # the first group began on an earlier page


def _per_country(version):
    live = Q(revoked_at__isnull=True)
    rows = (
        Signature.objects.filter(version=version)
        .order_by()
        .values("organisation__country_id")
        .annotate(
            signatures=Count("pk"),
            live_organisations=Count("organisation", filter=live, distinct=True),
        )
    )
    named = {row["organisation__country_id"]: row for row in rows}
    return [named[code] for code in sorted(named, key=lambda c: name_order(country_name(c)))]


def signatory_page(version, number, *, per_page=None):
    countries = _per_country(version)
    rows = signatures_of(version)
    if countries:  # else a bare default would read as ORDER BY 0, a column position
        rank = Case(
            *(
                When(organisation__country_id=row["organisation__country_id"], then=Value(index))
                for index, row in enumerate(countries)
            ),
            default=Value(len(countries)),
            output_field=IntegerField(),
        )
        rows = rows.alias(country_rank=rank).order_by("country_rank", "signed_at", "pk")
    total = sum(row["signatures"] for row in countries)
    page = paginate(
        rows,
        number,
        per_page=per_page or PER_PAGE,
        count=total,
        count_cap=total,  # counted exactly already
    )
    starts, start = {}, 0
    for row in countries:
        starts[row["organisation__country_id"]] = start
        start += row["signatures"]
    first = page.items[0].organisation.country_id if page.items else None
    return SignatoryPage(
        page=page,
        groups=group_by_country(page.items, lambda signature: signature.organisation.country_id),
        counts={
            "organisations": sum(row["live_organisations"] for row in countries),
            "countries": sum(1 for row in countries if row["live_organisations"]),
        },
        continues=first is not None and starts[first] < (page.number - 1) * page.per_page,
    )
