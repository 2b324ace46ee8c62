"""The check-in desk scans a badge with the camera in a browser without BarcodeDetector.

Chromium's fake camera plays a video made here from the badge's own QR code (held a little
askew, on a grey desk); the page, finding no BarcodeDetector, posts frames to the server, which
decodes them (congress/qr_frames.py), and the arrival is recorded once.
"""

import pytest
from PIL import Image

from helisa.congress.badges import _qr_png
from helisa.congress.documents import check_in_url
from tests.browser.conftest import CHROMIUM_ARGS, VIEWPORT, no_browser
from tests.congress.factories import CongressFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

FRAME_SIZE = (640, 480)  # even sides, as 4:2:0 chroma needs
# Chromium may have BarcodeDetector on some systems; the test is of the path for those without.
WITHOUT_BARCODE_DETECTOR = "delete window.BarcodeDetector;"
CSP_TO_CONSOLE = (
    "document.addEventListener('securitypolicyviolation', (e) => console.error("
    "'CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));"
)


def write_camera_video(path, qr_png, *, frames=10):
    """A Y4M video (what --use-file-for-fake-video-capture plays, looping) of the QR code."""
    code = Image.open(qr_png).convert("L").rotate(7, expand=True, fillcolor=255)
    frame = Image.new("L", FRAME_SIZE, 140)
    frame.paste(code, ((FRAME_SIZE[0] - code.width) // 2, (FRAME_SIZE[1] - code.height) // 2))
    width, height = FRAME_SIZE
    grey_chroma = bytes([128]) * ((width // 2) * (height // 2) * 2)
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            video.write(b"FRAME\n" + frame.tobytes() + grey_chroma)


@pytest.fixture
def camera_browser(chromium_path, monkeypatch):
    """launch(video) starts a Chromium whose camera plays `video`, granted without asking."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser("The playwright package is not installed; browser tests skipped")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # as in conftest.browser
    playwright = sync_playwright().start()
    launched = []

    def launch(video):
        camera = [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ]
        try:
            browser = playwright.chromium.launch(
                executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS + camera
            )
        except Exception as error:
            no_browser(f"Chromium at {chromium_path} did not start: {error}")
        launched.append(browser)
        return browser

    try:
        yield launch
        for browser in launched:
            browser.close()
    finally:
        playwright.stop()


def _signed_in_context(browser, live_server, user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT, locale="en-GB")
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    context.add_init_script(WITHOUT_BARCODE_DETECTOR + CSP_TO_CONSOLE)
    return context


def test_the_camera_reads_a_badge_through_the_server_and_records_the_arrival_once(
    camera_browser, live_server, transactional_db, tmp_path
):
    congress = CongressFactory()
    staff = UserFactory()
    congress.organisers.add(staff)
    arrival = RegistrationFactory(congress=congress, name_on_badge="Ewa Nowak")
    RegistrationFactory(congress=congress, name_on_badge="Piotr Wiśniewski")
    video = tmp_path / "badge.y4m"
    write_camera_video(video, _qr_png(check_in_url(arrival)))
    context = _signed_in_context(camera_browser(video), live_server, staff)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems, frames = [], []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda r: "/checkin/frame/" in r.url and frames.append(r))

    page.goto(f"/congresses/{congress.slug}/checkin/")
    assert page.evaluate("'BarcodeDetector' in window") is False
    page.click("#checkin-camera")
    page.wait_for_selector("#checkin-result :text('Ewa Nowak')")

    assert frames and frames[-1].ok
    assert frames[-1].json()["code"] == str(arrival.badge_code)
    assert page.input_value("#checkin-code") == str(arrival.badge_code)
    arrival.refresh_from_db()
    first_arrival = arrival.checked_in_at
    assert first_arrival is not None
    page.wait_for_timeout(1500)  # the badge stays in front of the camera: frames keep coming
    arrival.refresh_from_db()
    assert arrival.checked_in_at == first_arrival
    assert congress.registrations.filter(checked_in_at__isnull=False).count() == 1
    assert problems == []
    context.close()
