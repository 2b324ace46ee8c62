"""Reading a badge's QR code from one camera frame, for browsers without BarcodeDetector (Firefox,
Safari on some systems): the check-in page posts a frame and this decodes it in Python.

No PyPI package ships a JavaScript QR decoder, and the page takes nothing from a CDN; zxing-cpp
is a self-contained wheel (no system library). Plain data in and out: bytes in, a code or None.
"""

import io
import re

import zxingcpp
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
# The page scales frames down to 800 pixels wide; anything far larger is not a camera frame.
MAX_PIXELS = 4_000_000
BADGE_CODE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


class UnreadableFrame(ValueError):
    """Not an image this decoder takes (too large, or not an image at all)."""


def badge_code_in(frame):
    """The badge code (a UUID, lower case) of the first QR code in the frame that holds one."""
    if len(frame) > MAX_BYTES:
        raise UnreadableFrame("frame too large")
    try:
        with Image.open(io.BytesIO(frame)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise UnreadableFrame("frame too large")
            grey = image.convert("L")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise UnreadableFrame("not an image") from error
    for result in zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode):
        match = BADGE_CODE.search(result.text)
        if match:
            return match.group(0).lower()
    return None
