"""Printable badges: one A6 badge, or four to an A4 sheet to cut. Plain data in, PDF bytes out."""

import io
from dataclasses import dataclass

import segno

from helisa.core.pdf import unicode_pdf

BADGE_W, BADGE_H = 105, 148.5
QR_SIZE = 50


@dataclass(frozen=True)
class Badge:
    name: str
    organisation: str
    category: str
    congress: str
    dates: str
    code: str
    check_in_url: str


def _qr_png(url):
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    buffer.seek(0)
    return buffer


def _draw(pdf, badge, x, y):
    inner = BADGE_W - 16
    pdf.set_draw_color(200, 200, 200)
    pdf.rect(x + 2, y + 2, BADGE_W - 4, BADGE_H - 4)
    pdf.set_xy(x + 8, y + 10)
    pdf.set_font("DejaVu", size=9)
    pdf.multi_cell(inner, 4.5, f"{badge.congress}\n{badge.dates}", align="C")
    pdf.set_xy(x + 8, y + 32)
    pdf.set_font("DejaVu", size=20)
    pdf.multi_cell(inner, 9, badge.name, align="C")
    pdf.set_x(x + 8)
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(inner, 5.5, badge.organisation, align="C")
    pdf.image(_qr_png(badge.check_in_url), x=x + (BADGE_W - QR_SIZE) / 2, y=y + 70, w=QR_SIZE)
    pdf.set_fill_color(20, 90, 140)
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(x + 2, y + BADGE_H - 22)
    pdf.set_font("DejaVu", size=14)
    pdf.cell(BADGE_W - 4, 12, badge.category.upper(), align="C", fill=True)
    pdf.set_text_color(90, 90, 90)
    pdf.set_xy(x + 8, y + BADGE_H - 9)
    pdf.set_font("DejaVu", size=6)
    pdf.cell(inner, 3, badge.code[:8], align="C")
    pdf.set_text_color(0, 0, 0)


def _pdf(page_format, title, badges):
    pdf = unicode_pdf(title=title, format=page_format)
    # The codes in the metadata let a printer's log, and the tests, tell which badges a file holds.
    pdf.set_keywords(" ".join(badge.code for badge in badges))
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(0, 0)
    return pdf


def render_badge(badge):
    pdf = _pdf((BADGE_W, BADGE_H), badge.name, [badge])
    pdf.add_page()
    _draw(pdf, badge, 0, 0)
    return bytes(pdf.output())


def render_badge_sheets(badges, *, title):
    """Four badges to an A4 page, in the order given."""
    pdf = _pdf("A4", title, badges)
    for number, badge in enumerate(badges):
        if number % 4 == 0:
            pdf.add_page()
        column, row = number % 2, (number % 4) // 2
        _draw(pdf, badge, column * BADGE_W, row * BADGE_H)
    if not badges:
        pdf.add_page()
    return bytes(pdf.output())
