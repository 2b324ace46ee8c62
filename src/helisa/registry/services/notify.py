"""Emails about registry decisions, rendered in the recipient's language.

Every email to a person goes through their notification preferences, with a link that stops that
kind in one click. The preferences live in the cooperation app, above this one: it installs its
sender here when it starts (CooperationConfig.ready), so that the registry and the alliance reach
it without importing it. The kinds are declared in cooperation/notification_kinds.py."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

# registry/email/<template> -> the kind of email it is
KIND_OF_TEMPLATE = {
    "claim_confirmed": "claim_decided",
    "claim_rejected": "claim_decided",
    "invitation": "role_invitation",
}

_sender = {}


def install_tunable_sender(send):
    _sender["send"] = send


def send_to_user(*, user, kind, template, context, language=None, attachments=(), address=None):
    """Send <template>_subject.txt and _message.txt (a path such as "registry/email/invitation")
    to `user` (at `address`, one of theirs, if given) if they want `kind` of email; False when
    they do not."""
    if "send" not in _sender:
        raise ImproperlyConfigured("No sender of tunable emails: is helisa.cooperation installed?")
    return _sender["send"](
        user=user,
        kind=kind,
        template=template,
        context=context,
        language=language,
        attachments=attachments,
        address=address,
    )


def absolute_url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def _account_of(email):
    from helisa.core.models import User

    return User.objects.filter(email__iexact=email, is_active=True).first()


def send_in_language(*, to, language, template, context):
    """Send registry/email/<template>_subject.txt and _message.txt to one address: through the
    preferences of its account, or as it is when no account has the address."""
    kind = KIND_OF_TEMPLATE[template]
    context = {"site_url": settings.SITE_URL, **context}
    user = _account_of(to)
    if user is not None:
        return send_to_user(
            user=user,
            kind=kind,
            template=f"registry/email/{template}",
            context=context,
            language=language,
            address=to,
        )
    # Only an invitation goes to an address with no account. It must always arrive: nobody there
    # has preferences to honour, and the link in it is the only way in.
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"registry/email/{template}_subject.txt", context)
        body = render_to_string(f"registry/email/{template}_message.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    send_mail(subject, body, None, [to])
    return True


def language_for_email(email, default=None):
    from helisa.core.models import User

    user = User.objects.filter(email__iexact=email).only("language").first()
    if user is not None:
        return user.language
    return default or translation.get_language()
