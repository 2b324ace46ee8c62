"""Badges and certificates from registrations: the words in the right language, then the PDF."""

from babel.dates import format_date, format_interval
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from helisa.core.translated import in_language

from .badges import Badge, render_badge, render_badge_sheets
from .certificates import Certificate, render_certificate


def congress_dates(congress, language):
    if congress.starts_on == congress.ends_on:
        return format_date(congress.starts_on, format="long", locale=language)
    return format_interval(congress.starts_on, congress.ends_on, "yMMMMd", locale=language)


def check_in_url(registration):
    return settings.SITE_URL + reverse(
        "congress:checkin_code", args=[registration.congress.slug, registration.badge_code]
    )


def badge_of(registration, language):
    congress = registration.congress
    return Badge(
        name=registration.name_on_badge,
        organisation=registration.organisation.legal_name if registration.organisation else "",
        category=in_language(registration.category.name, language).text
        or registration.category.get_kind_display(),
        congress=in_language(congress.name, language).text,
        dates=f"{congress_dates(congress, language)} · {congress.city}",
        code=str(registration.badge_code),
        check_in_url=check_in_url(registration),
    )


def badge_pdf(registration):
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        return render_badge(badge_of(registration, language))


def badge_sheets_pdf(congress, registrations, *, language):
    with translation.override(language):
        badges = [badge_of(registration, language) for registration in registrations]
        return render_badge_sheets(badges, title=in_language(congress.name, language).text)


def certificate_pdf(registration):
    congress = registration.congress
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        place = ", ".join(part for part in [congress.venue, congress.city] if part)
        certificate = Certificate(
            heading=_("Certificate of attendance"),
            confirms=_("This is to certify that"),
            name=registration.name_on_badge,
            took_part=_("took part in"),
            congress=in_language(congress.name, language).text,
            when_and_where=f"{congress_dates(congress, language)} · {place}",
            issued=_("Arrival recorded on %(date)s. Certificate code: %(code)s")
            % {
                "date": format_date(
                    timezone.localtime(registration.checked_in_at).date(),
                    format="long",
                    locale=language,
                ),
                "code": registration.badge_code,
            },
            code=str(registration.badge_code),
        )
    return render_certificate(certificate)


def pdf_response(content, filename):
    """A PDF shown in the browser (inline), named for when it is saved."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
