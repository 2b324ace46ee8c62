"""How a version's languages and signatories are laid out for the page and the PDF."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from .declaration_queries import by_country
from .signatories_pdf import render_signatories_pdf


def language_name(code):
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


def language_sections(version):
    """The texts, the authoritative language first, then by language code."""
    codes = sorted(version.texts, key=lambda c: (c != version.authoritative_language, c))
    return [
        {
            "code": code,
            "name": language_name(code),
            "text": version.texts[code],
            "authoritative": code == version.authoritative_language,
        }
        for code in codes
    ]


def pdf_for(version, signatures):
    declaration = version.declaration
    return render_signatories_pdf(
        title=str(declaration),
        heading=_("%(alliance)s · version %(number)s · %(count)s signatures")
        % {"alliance": declaration.alliance, "number": version.number, "count": len(signatures)},
        digest=version.digest,
        texts=[(s["name"], s["text"], s["authoritative"]) for s in language_sections(version)],
        groups=[(name, [_pdf_row(s) for s in rows]) for name, rows in by_country(signatures)],
        labels={
            "digest": _("SHA-256 of the canonical text"),
            "authoritative": _("authoritative"),
            "signatories": _("Signatories"),
            "revoked": _("revoked"),
            "receipt_digest": _("Receipt digest"),
        },
    )


def _pdf_row(signature):
    revocation = ""
    if signature.revoked_at:
        revocation = _("Revoked on %(date)s: %(reason)s") % {
            "date": date_format(timezone.localtime(signature.revoked_at), "SHORT_DATE_FORMAT"),
            "reason": signature.revocation_reason,
        }
    return {
        "organisation": signature.organisation.legal_name,
        "signer": signature.signer_name,
        "function": signature.signer_function,
        "time": timezone.localtime(signature.signed_at).strftime("%Y-%m-%d %H:%M %Z"),
        "place": signature.place,
        "digest": signature.receipt_digest,
        "revoked": bool(signature.revoked_at),
        "revocation": revocation,
    }
