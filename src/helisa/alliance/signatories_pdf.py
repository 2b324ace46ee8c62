"""The printable list of a declaration version's signatories (fpdf2, with a Unicode font)."""

from helisa.core.pdf import unicode_pdf


def render_signatories_pdf(*, title, heading, digest, texts, groups, labels):
    """`texts`: [(language label, text, is_authoritative)]; `groups`: [(country name,
    [{"organisation", "signer", "function", "time", "place", "digest", "revoked",
    "revocation" (what and why, or "")}])];
    `labels`: translated words. Plain data in, PDF bytes out."""
    pdf = unicode_pdf(title=title, format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.epw
    pdf.set_font("DejaVu", size=16)
    pdf.multi_cell(width, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    pdf.multi_cell(width, 5, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=8)
    pdf.multi_cell(width, 4, f"{labels['digest']}: {digest}", new_x="LMARGIN", new_y="NEXT")
    for label, text, authoritative in texts:
        pdf.ln(3)
        pdf.set_font("DejaVu", size=12)
        suffix = f" ({labels['authoritative']})" if authoritative else ""
        pdf.multi_cell(width, 6, label + suffix, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=10)
        pdf.multi_cell(width, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", size=14)
    pdf.multi_cell(width, 7, labels["signatories"], new_x="LMARGIN", new_y="NEXT")
    for country, rows in groups:
        pdf.ln(2)
        pdf.set_font("DejaVu", size=12)
        pdf.multi_cell(width, 6, country, new_x="LMARGIN", new_y="NEXT")
        for row in rows:
            pdf.set_font("DejaVu", size=10)
            line = f"{row['organisation']} — {row['signer']}, {row['function']}"
            if row["revoked"]:
                line += f" [{labels['revoked']}]"
            pdf.multi_cell(width, 5, line, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", size=8)
            if row["revocation"]:
                pdf.multi_cell(width, 4, row["revocation"], new_x="LMARGIN", new_y="NEXT")
            pdf.multi_cell(
                width, 4, f"{row['place']}, {row['time']}", new_x="LMARGIN", new_y="NEXT"
            )
            pdf.multi_cell(
                width,
                4,
                f"{labels['receipt_digest']}: {row['digest']}",
                new_x="LMARGIN",
                new_y="NEXT",
            )
    return bytes(pdf.output())
