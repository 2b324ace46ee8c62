"""A participant's schedule as iCalendar and PDF, and the staff's table plan as PDF.

Plain data in, bytes or text out; the words come translated from the caller.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from helisa.congress.ical import escape_text, fold_line, local_stamp, utc_stamp, vtimezone
from helisa.core.pdf import unicode_pdf


def render_ical(*, calendar_name, events, time_zone, host="helisa"):
    """`events`: [{"uid", "start", "end", "summary", "location", "description"}], times aware;
    written in the congress's local time with its VTIMEZONE, as the programme's calendar is."""
    stamp = utc_stamp(datetime.now(UTC))
    zone = ZoneInfo(time_zone)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Helisa//B2B meetings//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(calendar_name)}",
        f"X-WR-TIMEZONE:{time_zone}",
    ]
    years = {moment.astimezone(zone).year for e in events for moment in (e["start"], e["end"])}
    if years:
        lines += vtimezone(zone, years)
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event['uid']}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART{local_stamp(event['start'], zone)}",
            f"DTEND{local_stamp(event['end'], zone)}",
            f"SUMMARY:{escape_text(event['summary'])}",
            f"LOCATION:{escape_text(event.get('location', ''))}",
            f"DESCRIPTION:{escape_text(event.get('description', ''))}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold_line(line) for line in lines) + "\r\n"


def _pdf(title):
    pdf = unicode_pdf(title=title, format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", size=16)
    pdf.multi_cell(pdf.epw, 8, title, new_x="LMARGIN", new_y="NEXT")
    return pdf


def render_schedule_pdf(*, title, subtitle, rows, empty):
    """`rows`: [(time, where, with whom, note)]."""
    pdf = _pdf(title)
    pdf.set_font("DejaVu", size=10)
    pdf.multi_cell(pdf.epw, 5, subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if not rows:
        pdf.multi_cell(pdf.epw, 6, empty, new_x="LMARGIN", new_y="NEXT")
    for when, where, who, note in rows:
        pdf.set_font("DejaVu", size=12)
        pdf.multi_cell(pdf.epw, 6, f"{when} · {where}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=10)
        pdf.multi_cell(pdf.epw, 5, who, new_x="LMARGIN", new_y="NEXT")
        if note:
            pdf.set_font("DejaVu", size=8)
            pdf.multi_cell(pdf.epw, 4, note, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def render_table_plan_pdf(*, title, slots, table_label):
    """`slots`: [(slot label, [(table, who)])]; one block per slot."""
    pdf = _pdf(title)
    for label, tables in slots:
        pdf.ln(2)
        pdf.set_font("DejaVu", size=12)
        pdf.multi_cell(pdf.epw, 6, label, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=9)
        for table, who in tables:
            pdf.multi_cell(
                pdf.epw, 4.5, f"{table_label} {table}: {who}", new_x="LMARGIN", new_y="NEXT"
            )
    return bytes(pdf.output())
