"""The demo's founding declaration, signed by the eight founding members in Warsaw on
9 September 2019, with receipts issued under the alliance's signing key.

Called by the alliance demo once the alliance and its members exist."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from helisa.alliance.models import AllianceMember, MemberState
from helisa.alliance.services import signing
from helisa.core.models import User
from helisa.core.pdf import unicode_pdf

WARSAW = ZoneInfo("Europe/Warsaw")
OPENED_AT = datetime(2019, 9, 9, 10, 0, tzinfo=WARSAW)
SIGNED_FROM = datetime(2019, 9, 9, 11, 5, tzinfo=WARSAW)
PLACE = "Warszawa"

TITLE = {
    "pl": "Deklaracja o współpracy w ramach Europejskiego Związku Klastrów",
    "en": "Declaration of cooperation within the European Clusters Alliance",
}

TEXT_PL = """My, przedstawiciele krajowych organizacji klastrowych z Bułgarii, Francji, Hiszpanii, \
Litwy, Łotwy, Węgier, Rumunii i Polski, zebrani w Warszawie podczas V Kongresu Klastrów \
Polskich, powołujemy Europejski Związek Klastrów.

Klastry łączą przedsiębiorstwa, uczelnie, instytucje naukowe i samorządy. Budują zaufanie \
między nimi, pozwalają prowadzić wspólne prace badawczo-rozwojowe, przyciągać inwestycje \
i podnosić konkurencyjność firm i regionów. Współpraca jest silniejsza niż rywalizacja.

Deklarujemy, że w ramach Związku będziemy:
1. wymieniać doświadczenia i dobre praktyki w zarządzaniu klastrami i we współpracy \
biznesu, nauki i administracji;
2. realizować wspólne cele, w szczególności w rozwoju inteligentnych specjalizacji \
oraz w międzynarodowych projektach badawczych i innowacyjnych;
3. pogłębiać międzynarodowe kontakty naszych członków i ułatwiać im nawiązywanie \
współpracy gospodarczej i handlowej;
4. wspólnie przedstawiać głos klastrów w sprawach polityki rozwoju regionalnego \
i przemysłowej.

Związek jest otwarty dla krajowych organizacji klastrowych z innych państw, które \
podzielają te cele.

Tekstem wiążącym niniejszej deklaracji jest tekst polski."""

TEXT_EN = """We, the representatives of the national cluster organisations of Bulgaria, France, \
Spain, Lithuania, Latvia, Hungary, Romania and Poland, gathered in Warsaw at the 5th Congress \
of Polish Clusters, establish the European Clusters Alliance.

Clusters bring together companies, universities, research institutions and local \
governments. They build trust among them, make joint research and development possible, \
attract investment and raise the competitiveness of firms and regions. Cooperation is \
stronger than rivalry.

We declare that within the Alliance we will:
1. exchange experience and good practices in cluster management and in the cooperation \
of business, science and public administration;
2. pursue common goals, in particular in developing smart specialisations and in \
international research and innovation projects;
3. deepen the international contacts of our members and help them to enter into economic \
and trade cooperation;
4. speak together for clusters on regional and industrial development policy.

The Alliance is open to national cluster organisations of other countries that share these \
goals.

The Polish text of this declaration is the authoritative one."""

# Fictional signatories; the order is the order of signing.
SIGNERS = {
    "PL": ("Anna Kowalska", "Prezes Zarządu"),
    "BG": ("Petar Georgiev", "Chairman of the Board"),
    "FR": ("Claire Martin", "Présidente"),
    "ES": ("Javier Fernández", "Presidente"),
    "LT": ("Rūta Kazlauskienė", "Valdybos pirmininkė"),
    "LV": ("Jānis Bērziņš", "Valdes priekšsēdētājs"),
    "HU": ("Katalin Nagy", "Elnök"),
    "RO": ("Andrei Popescu", "Președinte"),
}


def _demo_mandate(name):
    pdf = unicode_pdf(size=12)
    pdf.add_page()
    pdf.cell(text=f"Demo mandate to sign for {name} (not a real document)")
    return ContentFile(bytes(pdf.output()), name="mandate.pdf")


def _signer(organisation, country):
    name, function = SIGNERS.get(country, ("Demo Signatory", "President"))
    user, created = User.objects.get_or_create(
        email=f"signatory-{organisation.pk}@demo.helisa.invalid",
        defaults={"full_name": name},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user, function


def build_declaration_demo(alliance):
    """The founding declaration and the signatures of the alliance's active members (the eight
    founders); an applicant awaiting review does not sign. Does nothing if it exists."""
    existing = alliance.declarations.filter(slug="founding-declaration").first()
    if existing is not None:
        return existing
    declaration = signing.create_declaration(
        alliance=alliance, slug="founding-declaration", title=TITLE, by=None, is_demo=True
    )
    version = signing.create_version(
        declaration=declaration,
        texts={"pl": TEXT_PL, "en": TEXT_EN},
        authoritative_language="pl",
        by=None,
    )
    signing.open_version(version=version, by=None, at=OPENED_AT)
    members = AllianceMember.objects.filter(
        alliance=alliance, state=MemberState.MEMBER
    ).select_related("cluster__organisation")
    order = list(SIGNERS)
    organisations = sorted(
        (member.cluster.organisation for member in members),
        key=lambda o: (order.index(o.country_id) if o.country_id in order else 99, o.pk),
    )
    for minute, organisation in enumerate(organisations):
        user, function = _signer(organisation, organisation.country_id)
        authority = signing.grant_signing_authority(
            organisation=organisation,
            user=user,
            function=function,
            mandate=_demo_mandate(organisation),
            by=None,
        )
        signing.confirm_signing_authority(authority=authority, by=None, at=OPENED_AT)
        signing.record_signature(
            version=version,
            organisation=organisation,
            user=user,
            place=PLACE,
            signed_at=SIGNED_FROM + timedelta(minutes=5 * minute),
            is_demo=True,
        )
    return declaration
