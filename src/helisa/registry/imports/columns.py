"""The columns of each kind of import, and how one cell becomes a value.

A parser takes the cell's text (never empty: empty cells are skipped before) and the reference
data, and returns a value or raises CellError with a message a user can act on.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helisa.core.countries import to_iso
from helisa.registry.models import (
    BusinessSize,
    ClusterKind,
    EscaLabel,
    HelixRole,
    ImportKind,
    MembershipStatus,
)


class CellError(ValueError):
    pass


@dataclass(frozen=True)
class Column:
    name: str
    parse: object
    required: bool = False
    aliases: tuple = ()
    help: str = ""


@dataclass
class Reference:
    """Reference data, loaded once per validation or application."""

    countries: set = field(default_factory=set)
    nace: set = field(default_factory=set)
    nuts: dict = field(default_factory=dict)  # code -> (level, country)
    topics: dict = field(default_factory=dict)  # code -> pk

    @classmethod
    def load(cls):
        from helisa.registry.models import Country, NaceSector, NutsRegion, Topic

        return cls(
            countries=set(Country.objects.values_list("code", flat=True)),
            nace=set(NaceSector.objects.values_list("code", flat=True)),
            nuts={
                code: (level, country)
                for code, level, country in NutsRegion.objects.values_list(
                    "code", "level", "country_id"
                )
            },
            topics={code.lower(): pk for code, pk in Topic.objects.values_list("code", "pk")},
        )


def text(max_length):
    def parse(value, reference):
        if len(value) > max_length:
            raise CellError(
                _("Is %(length)s characters long; at most %(max)s are allowed")
                % {"length": len(value), "max": max_length}
            )
        return value

    return parse


# Labels as people write them in the alliance's two working languages, besides the codes and
# the CORDIS activity types (DOMAIN.md), so that a file from either world imports as it is.
_HELIX_WORDS = {
    HelixRole.BUSINESS: (
        "business",
        "sme",
        "large enterprise",
        "company",
        "prc",
        "biznes",
        "przedsiębiorstwo",
        "firma",
    ),
    HelixRole.UNIVERSITY: ("university", "hes", "uczelnia", "uniwersytet", "szkoła wyższa"),
    HelixRole.RESEARCH: (
        "research",
        "research organisation",
        "research organization",
        "rec",
        "jednostka naukowa",
        "instytut badawczy",
        "organizacja badawcza",
    ),
    HelixRole.PUBLIC: (
        "public",
        "public authority",
        "public body",
        "pub",
        "administracja publiczna",
        "władza publiczna",
        "samorząd",
    ),
    HelixRole.CIVIL_SOCIETY: (
        "civil society",
        "civil_society",
        "ngo",
        "społeczeństwo obywatelskie",
        "organizacja pozarządowa",
    ),
    HelixRole.OTHER: ("other", "oth", "inne", "inna"),
}


def _choice_words(choices, extra=None):
    words = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for value, label in choices:
                words[str(value).lower()] = value
                words[str(label).lower()] = value
    for value, synonyms in (extra or {}).items():
        for word in synonyms:
            words[word] = value
    return words


def choice(choices, name, extra=None):
    words = {}

    def parse(value, reference):
        if not words:
            words.update(_choice_words(choices, extra))
        found = words.get(" ".join(value.lower().replace("-", " ").split()))
        if found is None:
            found = words.get(value.lower())
        if found is None:
            allowed = ", ".join(str(code) for code, _label in choices if code)
            raise CellError(
                _("%(name)s '%(value)s' is not one of: %(allowed)s")
                % {"name": name, "value": value, "allowed": allowed}
            )
        return found

    return parse


_helix_role = choice(HelixRole.choices, gettext_lazy("Helix role"), _HELIX_WORDS)


def helix_role(value, reference):
    return _helix_role(value, reference)


def country(value, reference):
    try:
        code = to_iso(value)
    except ValueError:
        raise CellError(
            _("Country '%(value)s' is not an ISO 3166 country code") % {"value": value}
        ) from None
    if code not in reference.countries:
        raise CellError(_("Country '%(value)s' is not in Helisa's list") % {"value": value})
    return code


def nuts(levels):
    def parse(value, reference):
        code = value.strip().upper()
        level, _country = reference.nuts.get(code, (None, None))
        if level is None:
            raise CellError(_("Region '%(value)s' is not a NUTS 2021 code") % {"value": value})
        if level not in levels:
            raise CellError(
                _("Region '%(value)s' is a NUTS %(level)s region; give a NUTS 3 code")
                % {"value": value, "level": level}
            )
        return code

    return parse


def number(name, minimum, maximum):
    def parse(value, reference):
        try:
            result = float(value.replace(",", "."))
        except ValueError:
            raise CellError(_("'%(value)s' is not a number") % {"value": value}) from None
        if not minimum <= result <= maximum:
            raise CellError(
                _("%(name)s must be between %(min)s and %(max)s")
                % {"name": name, "min": minimum, "max": maximum}
            )
        return result

    return parse


def decimal(name, minimum, maximum):
    def parse(value, reference):
        try:
            result = Decimal(value.replace(",", "."))
        except InvalidOperation:
            raise CellError(_("'%(value)s' is not a number") % {"value": value}) from None
        if not minimum <= result <= maximum:
            raise CellError(
                _("%(name)s must be between %(min)s and %(max)s")
                % {"name": name, "min": minimum, "max": maximum}
            )
        return result.quantize(Decimal("0.01"))

    return parse


def year(value, reference):
    if not re.fullmatch(r"\d{4}", value):
        raise CellError(_("'%(value)s' is not a year such as 2012") % {"value": value})
    if not 1800 <= int(value) <= timezone.localdate().year:
        raise CellError(
            _("Founding year must be between 1800 and %(year)s")
            % {"year": timezone.localdate().year}
        )
    return int(value)


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")


def day(value, reference):
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CellError(
        _("'%(value)s' is not a date; write it as 2024-05-31 or 31.05.2024") % {"value": value}
    )


def url(value, reference):
    candidate = value if "://" in value else f"https://{value}"
    try:
        URLValidator(schemes=["http", "https"])(candidate)
    except ValidationError:
        raise CellError(_("'%(value)s' is not a web address") % {"value": value}) from None
    if len(candidate) > 200:
        raise CellError(_("The web address is longer than 200 characters"))
    return candidate


def pic(value, reference):
    if not re.fullmatch(r"\d{9}", value):
        raise CellError(_("PIC '%(value)s' is not 9 digits") % {"value": value})
    return value


def integer_id(value, reference):
    if not re.fullmatch(r"\d+", value):
        raise CellError(_("'%(value)s' is not an id (a whole number)") % {"value": value})
    return int(value)


def _items(value):
    return [item.strip() for item in re.split(r"[;,|]", value) if item.strip()]


def nace_list(value, reference):
    codes = []
    for item in _items(value):
        code = item.upper()
        if re.fullmatch(r"\d{4}", code):
            code = f"{code[:2]}.{code[2:]}"
        if code not in reference.nace:
            raise CellError(_("Sector '%(code)s' is not a NACE Rev. 2.1 code") % {"code": item})
        codes.append(code)
    return codes


def topic_list(value, reference):
    pks = []
    for item in _items(value):
        if item.lower() not in reference.topics:
            raise CellError(_("Topic '%(code)s' is not a known topic code") % {"code": item})
        pks.append(reference.topics[item.lower()])
    return pks


def nuts_list(value, reference):
    return [nuts({0, 1, 2, 3})(item, reference) for item in _items(value)]


def as_text(value):
    """A cell as the text a parser expects (XLSX cells arrive as numbers and dates)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _descriptions():
    return tuple(
        Column(
            f"description_{code}", text(10000), help=_("Description in %(code)s") % {"code": code}
        )
        for code in settings.CONTENT_LANGUAGES
    )


def organisation_columns():
    return (
        Column("id", integer_id, help=_("Only to update an organisation already in Helisa")),
        Column("legal_name", text(300), required=True, aliases=("name", "organisation")),
        Column("short_name", text(100)),
        Column("helix_role", helix_role, required=True, aliases=("role", "helix")),
        Column(
            "business_size",
            choice(BusinessSize.choices, _("Business size")),
            aliases=("size",),
        ),
        Column("country", country, required=True, aliases=("country_code",)),
        Column("region", nuts({3}), aliases=("nuts", "nuts3", "nuts_3")),
        Column("street", text(200), aliases=("address",)),
        Column("postcode", text(20), aliases=("postal_code", "zip")),
        Column("city", text(100), aliases=("town",)),
        Column("latitude", number(_("Latitude"), -90, 90), aliases=("lat",)),
        Column("longitude", number(_("Longitude"), -180, 180), aliases=("lon", "lng")),
        Column("website", url, aliases=("url", "www")),
        Column("vat_number", text(30), aliases=("vat",)),
        Column("pic", pic),
        Column("sectors", nace_list, aliases=("nace", "nace_codes")),
        Column("topics", topic_list),
        Column("source_id", text(40)),
        Column(
            "controlled_by",
            integer_id,
            aliases=("controlled_by_id",),
            help=_(
                "The registry id of the organisation that controls this one or heads its "
                "group; left empty, an update keeps what Helisa has"
            ),
        ),
        *_descriptions(),
    )


def cluster_columns():
    return (
        Column(
            "organisation",
            text(300),
            required=True,
            aliases=("organisation_id", "legal_name"),
            help=_("The organisation's id, or its exact legal name with the country column"),
        ),
        Column("country", country, aliases=("country_code",)),
        Column("name", text(300), required=True, aliases=("cluster_name",)),
        Column("kind", choice(ClusterKind.choices, _("Kind"))),
        Column("staff_fte", decimal(_("Staff (FTE)"), 0, 9999), aliases=("fte", "staff")),
        Column("founded_year", year, aliases=("founded", "founding_year")),
        Column("focus_sectors", nace_list, aliases=("sectors",)),
        Column("focus_topics", topic_list, aliases=("topics",)),
        Column("regions", nuts_list),
        Column("eccp_url", url),
        Column("esca_label", choice(EscaLabel.choices, _("ESCA label")), aliases=("label",)),
        Column("esca_valid_until", day),
    )


def membership_columns():
    return (
        Column("cluster", integer_id, aliases=("cluster_id",)),
        Column(
            "member",
            text(300),
            required=True,
            aliases=("member_id", "organisation", "legal_name"),
            help=_("The organisation's id, or its exact legal name with the country column"),
        ),
        Column("country", country, aliases=("country_code",)),
        Column("since", day, aliases=("member_since",)),
        Column("status", choice(MembershipStatus.choices, _("Status"))),
    )


COLUMNS = {
    ImportKind.ORGANISATIONS: organisation_columns,
    ImportKind.CLUSTERS: cluster_columns,
    ImportKind.MEMBERSHIPS: membership_columns,
}


def columns_for(kind):
    return COLUMNS[kind]()
