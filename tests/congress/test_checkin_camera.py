"""Scanning badges where the browser cannot read QR codes: the check-in page sends camera frames
and the server finds the badge code in them (congress/qr_frames.py)."""

import io

import pytest
import segno
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageFilter

from helisa.congress.documents import check_in_url
from helisa.congress.qr_frames import UnreadableFrame, badge_code_in
from tests.congress.factories import RegistrationFactory


@pytest.fixture
def arrival(open_congress):
    return RegistrationFactory(congress=open_congress, name_on_badge="Ewa Nowak")


def camera_frame(text=None, *, angle=9, size=(800, 600)):
    """A grey, slightly blurred JPEG frame with the badge's QR code held at an angle."""
    frame = Image.new("L", size, 150)
    if text is not None:
        buffer = io.BytesIO()
        segno.make(text, error="m").save(buffer, kind="png", scale=5, border=3)
        code = Image.open(buffer).convert("L").rotate(angle, expand=True, fillcolor=255)
        frame.paste(code, (size[0] // 4, size[1] // 8))
    out = io.BytesIO()
    frame.filter(ImageFilter.GaussianBlur(0.8)).convert("RGB").save(out, "JPEG", quality=70)
    return out.getvalue()


def test_the_badge_code_is_read_from_a_photographed_badge(arrival):
    frame = camera_frame(check_in_url(arrival))
    assert badge_code_in(frame) == str(arrival.badge_code)


def test_a_frame_without_a_badge_code_reads_as_nothing():
    assert badge_code_in(camera_frame()) is None
    assert badge_code_in(camera_frame("https://example.org/not-a-badge")) is None


def test_what_is_not_a_camera_frame_is_refused():
    with pytest.raises(UnreadableFrame):
        badge_code_in(b"not an image")
    with pytest.raises(UnreadableFrame):
        badge_code_in(camera_frame(size=(4000, 3000)))


def _post_frame(client, congress, content):
    url = reverse("congress:checkin_frame", args=[congress.slug])
    upload = SimpleUploadedFile("frame.jpg", content, content_type="image/jpeg")
    return client.post(url, {"frame": upload})


def test_staff_get_the_code_of_the_badge_in_front_of_the_camera(client, arrival, organiser):
    client.force_login(organiser)
    answer = _post_frame(client, arrival.congress, camera_frame(check_in_url(arrival)))
    assert answer.json() == {"code": str(arrival.badge_code)}
    assert _post_frame(client, arrival.congress, camera_frame()).json() == {"code": None}
    refused = _post_frame(client, arrival.congress, b"GIF89a broken")
    assert refused.status_code == 400 and refused.json()["code"] is None
    arrival.refresh_from_db()
    assert arrival.checked_in_at is None  # reading a frame records nothing by itself


def test_the_page_tells_the_script_where_to_send_frames(client, arrival, organiser):
    client.force_login(organiser)
    slug = arrival.congress.slug
    page = client.get(reverse("congress:checkin", args=[slug])).content.decode()
    assert f'data-frame-url="{reverse("congress:checkin_frame", args=[slug])}"' in page


def test_strangers_cannot_send_frames(client, arrival, outsider):
    frame = camera_frame(check_in_url(arrival))
    anonymous = _post_frame(client, arrival.congress, frame)
    assert anonymous.status_code == 302 and "code" not in anonymous.content.decode()
    client.force_login(outsider)
    assert _post_frame(client, arrival.congress, frame).status_code == 403
    client.force_login(arrival.user)
    assert _post_frame(client, arrival.congress, frame).status_code == 403
