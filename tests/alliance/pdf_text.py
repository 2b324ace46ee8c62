"""The text of a PDF that fpdf2 wrote with a Unicode font, read without a PDF library.

fpdf2 writes each line as a string of 2-byte glyph codes (`(...) Tj`) in Flate-compressed content
streams, and maps the codes to Unicode in the font's ToUnicode CMap: enough to read back what
a PDF of Helisa's says.
"""

import re
import zlib

# An object's dictionary (up to the ">>" before "stream", so nested dictionaries stay in) and data.
STREAM = re.compile(rb"obj\s*<<((?:(?!obj).)*?)>>\s*stream\r?\n(.*?)\r?\nendstream", re.S)
BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
TEXT_OBJECT = re.compile(rb"BT(.*?)ET", re.S)
SHOWN = re.compile(rb"\((?P<text>(?:\\.|[^\\)])*)\)\s*Tj", re.S)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


LENGTH = re.compile(rb"/Length (\d+)")


def _streams(data):
    for match in STREAM.finditer(data):
        # The data is binary: it may itself end in CR, which the pattern would take off, so the
        # stream's own /Length says where it ends.
        length = LENGTH.search(match.group(1))
        start = match.start(2)
        body = data[start : start + int(length.group(1))] if length else match.group(2)
        yield zlib.decompress(body) if b"FlateDecode" in match.group(1) else body


def _cmap(streams):
    codes = {}
    for stream in streams:
        for block in BFCHAR.findall(stream):
            pairs = HEX.findall(block)
            for code, text in zip(pairs[::2], pairs[1::2], strict=True):
                codes[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
        for block in BFRANGE.findall(stream):
            values = HEX.findall(block)
            for first, last, start in zip(values[::3], values[1::3], values[2::3], strict=True):
                for offset in range(int(last, 16) - int(first, 16) + 1):
                    codes[int(first, 16) + offset] = chr(int(start, 16) + offset)
    return codes


def _unescape(literal):
    out, i = bytearray(), 0
    while i < len(literal):
        byte = literal[i : i + 1]
        if byte != b"\\":
            out += byte
            i += 1
            continue
        following = literal[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(), 8))
            i += 1 + len(octal.group())
        else:
            out += ESCAPES.get(following, following)
            i += 2
    return bytes(out)


def pdf_text(data):
    """The PDF's text, a line for each text object, in the order it was written."""
    streams = list(_streams(data))
    codes = _cmap(streams)
    lines = []
    for stream in streams:
        for text_object in TEXT_OBJECT.findall(stream):
            shown = b"".join(_unescape(m.group("text")) for m in SHOWN.finditer(text_object))
            glyphs = [int.from_bytes(shown[i : i + 2]) for i in range(0, len(shown), 2)]
            if glyphs:
                lines.append("".join(codes.get(glyph, "\ufffd") for glyph in glyphs))
    return "\n".join(lines)
