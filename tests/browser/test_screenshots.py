"""Screenshots for the documentation: HELISA_SCREENSHOTS=1 make test PYTEST_ARGS=tests/browser

Each page is shown full-page at 1280 pixels wide on a small demo-like directory built from real
CORDIS participants, and saved to docs/screenshots/<name>.png.
"""

import csv
import io

import pytest
from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from helisa.registry.models import Cluster, Country, RoleKind
from tests.browser.conftest import save_screenshot, screenshots_wanted
from tests.factories import RoleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not screenshots_wanted(), reason="screenshots only with HELISA_SCREENSHOTS=1"
    ),
]


@pytest.fixture
def demo_directory(transactional_db):
    """The project's demo registry when it is there, else the benchmark's generator, small."""
    from helisa.registry.reference import load_reference_data

    # Each browser test empties the database afterwards, reference data included.
    if not Country.objects.exists():
        load_reference_data()
    try:
        from helisa.registry.demo import build_demo
    except ImportError:
        from bench._directory_data import DirectoryBuilder

        DirectoryBuilder(organisations=400, clusters=16, seed=7).build()
    else:
        build_demo()
    return (
        Cluster.objects.filter(is_validated=True)
        .annotate(member_count=Count("memberships"))
        .order_by("-member_count", "name")
        .first()
    )


def url_or_skip(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        pytest.skip(f"the page {name} does not exist yet")


def show(page, path, name):
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    page.wait_for_load_state("networkidle")
    assert save_screenshot(page, name).is_file()


def test_directory(page, demo_directory):
    show(page, url_or_skip("registry:organisations"), "directory")


def test_cluster(page, demo_directory):
    show(page, url_or_skip("registry:cluster", demo_directory.pk), "cluster")


def test_map(page, demo_directory):
    show(page, url_or_skip("registry:map"), "map")


def test_import_preview(page, log_in, demo_directory):
    path = url_or_skip("registry:import_upload")
    manager = RoleFactory(
        organisation=demo_directory.organisation, kind=RoleKind.CLUSTER_MANAGER
    ).user
    log_in(manager)
    page.goto(path)
    file_input = page.locator("input[type=file]")
    if file_input.count():
        file_input.first.set_input_files(
            {"name": "members.csv", "mimeType": "text/csv", "buffer": members_csv(demo_directory)}
        )
        with page.expect_navigation():
            file_input.first.locator("xpath=ancestor::form").locator("[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assert save_screenshot(page, "import-preview").is_file()


NEW_MEMBERS = [
    ("Fabryka Wodoru Łódź Sp. z o.o.", "business", "PL", "Łódź", "https://example.org/wodor"),
    ("Politechnika Regionalna w Zgierzu", "university", "PL", "Zgierz", ""),
    ("Centrum Badań Tekstyliów", "research", "PL", "Łódź", "https://example.org/cbt"),
    ("Urząd Marszałkowski Demo", "public", "PL", "Łódź", ""),
    ("Stowarzyszenie Innowacji Demo", "civil_society", "PL", "Piotrków Trybunalski", ""),
]


def members_csv(cluster):
    """New members, one already in the registry and one with mistakes, for the preview to show."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["legal_name", "helix_role", "country", "city", "website"])
    writer.writerows(NEW_MEMBERS)
    known = cluster.members.first()
    if known is not None:
        writer.writerow(
            [known.legal_name, known.helix_role, known.country_id, known.city, known.website]
        )
    writer.writerow(["Nowa Firma Sp. z o.o.", "business", "XX", "Łódź", "not a url"])
    return buffer.getvalue().encode()
