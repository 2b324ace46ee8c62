"""PDF documents with a Unicode font, so every language's names print (fpdf2's built-in fonts
cover Latin-1 only: no Ł, no ī, no Cyrillic)."""

from pathlib import Path

from fpdf import FPDF

FONT_FILE = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"
FONT = "DejaVu"


def unicode_pdf(*, title="", size=11, **options):
    """An FPDF document made by Helisa, with the Unicode font added and selected."""
    pdf = FPDF(**options)
    if title:
        pdf.set_title(title)
    pdf.set_creator("Helisa")
    pdf.add_font(FONT, fname=str(FONT_FILE))
    pdf.set_font(FONT, size=size)
    return pdf
