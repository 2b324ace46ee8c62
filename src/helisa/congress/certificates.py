"""The certificate of attendance, in the participant's language. Plain data in, PDF bytes out."""

from dataclasses import dataclass

from helisa.core.pdf import unicode_pdf


@dataclass(frozen=True)
class Certificate:
    heading: str
    confirms: str
    name: str
    took_part: str
    congress: str
    when_and_where: str
    issued: str
    code: str


def render_certificate(certificate):
    pdf = unicode_pdf(
        title=f"{certificate.heading}: {certificate.name}", orientation="landscape", format="A4"
    )
    pdf.set_keywords(certificate.code)
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    width = pdf.epw
    pdf.set_draw_color(20, 90, 140)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(35)
    pdf.set_font("DejaVu", size=30)
    pdf.multi_cell(width, 14, certificate.heading, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("DejaVu", size=13)
    pdf.multi_cell(width, 7, certificate.confirms, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", size=26)
    pdf.multi_cell(width, 12, certificate.name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", size=13)
    pdf.multi_cell(width, 7, certificate.took_part, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", size=18)
    pdf.multi_cell(width, 9, certificate.congress, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", size=13)
    pdf.multi_cell(width, 7, certificate.when_and_where, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.h - 35)
    pdf.set_font("DejaVu", size=9)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(width, 5, certificate.issued, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
