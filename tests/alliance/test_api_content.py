"""An alliance's documents and news through the API: anyone reads the public ones, the
secretariat uploads, publishes, edits and deletes, with the UI's checks on every file."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from helisa.alliance.documents import MAX_SIZE
from helisa.alliance.models import AllianceDocument, NewsItem
from helisa.alliance.services.alliances import post_news, upload_document
from tests.alliance.api_calls import REFUSED, queries_for_one_and_many, refused, send
from tests.alliance.conftest import PDF
from tests.alliance.membership_cast import alliance_secretariat  # noqa: F401  (fixture)
from tests.api.conftest import client_for, error_of

pytestmark = pytest.mark.django_db

DOCUMENTS = "/api/v1/alliances/eca/documents"
NEWS = "/api/v1/alliances/eca/news"
DOCX = b"PK\x03\x04 a docx document"


def document(alliance, title="Statutes", *, is_public=True):
    return upload_document(
        alliance=alliance,
        kind="statutes",
        title=title,
        file=ContentFile(PDF, name="statutes.pdf"),
        is_public=is_public,
        by=None,
    )


def news(alliance, title="Welcome"):
    return post_news(
        alliance=alliance, title={"en": title, "pl": f"{title} (pl)"}, body={"en": "Text"}, by=None
    )


def upload(content=DOCX, name="minutes.docx", **fields):
    return {
        "kind": "minutes",
        "title": "Minutes of the founding meeting",
        "is_public": "false",
        "file": SimpleUploadedFile(name, content),
        **fields,
    }


# Documents


def test_anyone_lists_the_public_documents_and_the_secretariat_the_private_too(
    client, alliance, alliance_secretariat, outsider
):
    document(alliance, "Statutes")
    document(alliance, "Internal minutes", is_public=False)

    for reader in (client, client_for(outsider)):
        assert [d["title"] for d in reader.get(DOCUMENTS).json()["results"]] == ["Statutes"]
    secretariat = client_for(alliance_secretariat).get(DOCUMENTS).json()
    assert [d["title"] for d in secretariat["results"]] == ["Internal minutes", "Statutes"]


def test_a_private_document_is_downloaded_only_by_the_secretariat(
    client, alliance, alliance_secretariat
):
    public, private = document(alliance), document(alliance, "Internal", is_public=False)
    path = f"{DOCUMENTS}/{private.pk}/file"

    assert client.get(f"{DOCUMENTS}/{public.pk}/file").getvalue() == PDF
    assert error_of(client.get(path))["code"] == "not_found"
    assert client_for(alliance_secretariat).get(path).getvalue() == PDF


def test_the_document_list_makes_as_many_queries_for_one_as_for_three(
    alliance, django_assert_num_queries
):
    document(alliance)

    body = queries_for_one_and_many(
        Client(),
        DOCUMENTS,
        lambda: [document(alliance, f"Minutes {n}") for n in range(2)],
        django_assert_num_queries,
    )

    assert len(body["results"]) == 3


def test_the_secretariat_uploads_a_document(alliance, alliance_secretariat):
    response = client_for(alliance_secretariat).post(DOCUMENTS, data=upload())

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["is_public"], body["size"]) == ("minutes", False, len(DOCX))
    assert body["content_type"].endswith("wordprocessingml.document")
    saved = AllianceDocument.objects.get()
    assert (saved.title, saved.uploaded_by) == (body["title"], alliance_secretariat)
    assert saved.file.read() == DOCX


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"MZ an executable", "minutes.exe"),
        (b"MZ an executable", "minutes.pdf"),
        (b"", "minutes.pdf"),
        (PDF + b"0" * (MAX_SIZE - len(PDF) + 1), "minutes.pdf"),
    ],
    ids=["type", "content", "empty", "size"],
)
def test_a_document_must_be_pdf_odt_or_docx_of_at_most_20_mb(
    alliance, alliance_secretariat, content, name
):
    response = client_for(alliance_secretariat).post(DOCUMENTS, data=upload(content, name))

    error = error_of(response)
    assert error["code"] == "validation_error"
    assert error["details"][0]["field"] == "file"
    assert not AllianceDocument.objects.exists()


def test_the_secretariat_deletes_a_document_and_its_file(
    alliance, alliance_secretariat, django_capture_on_commit_callbacks
):
    item = document(alliance)
    storage, name = item.file.storage, item.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alliance_secretariat).delete(f"{DOCUMENTS}/{item.pk}")

    assert response.status_code == 204
    assert not AllianceDocument.objects.exists()
    assert not storage.exists(name)


def test_strangers_and_plain_users_cannot_upload_or_delete_documents(alliance, outsider):
    item = document(alliance)

    assert refused(outsider, "post", DOCUMENTS, upload, multipart=True) == REFUSED
    assert refused(outsider, "delete", f"{DOCUMENTS}/{item.pk}") == REFUSED
    assert list(AllianceDocument.objects.all()) == [item]


# News


def test_anyone_reads_the_news_newest_first_in_their_language(client, alliance):
    news(alliance, "First")
    news(alliance, "Second")

    body = client.get(NEWS, {"lang": "pl"}).json()

    assert [item["title"] for item in body["results"]] == ["Second (pl)", "First (pl)"]
    assert body["results"][0]["titles"] == {"en": "Second", "pl": "Second (pl)"}
    assert body["results"][0]["body"] == "Text"


def test_the_news_list_makes_as_many_queries_for_one_as_for_three(
    alliance, django_assert_num_queries
):
    news(alliance)

    body = queries_for_one_and_many(
        Client(),
        NEWS,
        lambda: [news(alliance, f"News {n}") for n in range(2)],
        django_assert_num_queries,
    )

    assert len(body["results"]) == 3


def test_the_secretariat_publishes_edits_and_deletes_news(alliance, alliance_secretariat):
    client = client_for(alliance_secretariat)

    created = send(
        client, "post", NEWS, {"title": {"en": "Founded", "xx": "?"}, "body": {"en": "In Warsaw"}}
    )
    path = f"{NEWS}/{created.json()['id']}"
    edited = send(client, "patch", path, {"title": {"en": "Founded!", "pl": "Założony!"}})
    untitled = send(client, "patch", path, {"title": {"en": " "}})

    assert created.status_code == 201, created.json()
    assert created.json()["titles"] == {"en": "Founded"}
    assert edited.json()["titles"] == {"en": "Founded!", "pl": "Założony!"}
    assert edited.json()["bodies"] == {"en": "In Warsaw"}
    assert error_of(untitled)["details"][0]["field"] == "title"
    assert NewsItem.objects.get().author == alliance_secretariat
    assert client.delete(path).status_code == 204
    assert not NewsItem.objects.exists()


def test_strangers_and_plain_users_cannot_write_news(alliance, outsider):
    item = news(alliance)
    path = f"{NEWS}/{item.pk}"

    assert refused(outsider, "post", NEWS, {"title": {"en": "Mine"}}) == REFUSED
    assert refused(outsider, "patch", path, {"title": {"en": "Mine"}}) == REFUSED
    assert refused(outsider, "delete", path) == REFUSED
    item.refresh_from_db()
    assert item.title["en"] == "Welcome"
    assert NewsItem.objects.count() == 1
