"""Emails of the cooperation area: sent only if the recipient wants that kind, in their language,
each with a signed link (and a List-Unsubscribe header) that stops that kind without signing in."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from helisa.cooperation.models import NotificationPreference
from helisa.cooperation.notification_kinds import KINDS

UNSUBSCRIBE_SALT = "helisa.cooperation.unsubscribe"


def absolute_url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def preference_of(user):
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference


def wants(user, kind):
    if not (user.is_active and user.email):
        return False
    preference = NotificationPreference.objects.filter(user=user).first()
    choices = preference.choices if preference else {}
    return bool(choices.get(kind, KINDS[kind].default))


def current_choices(user):
    preference = NotificationPreference.objects.filter(user=user).first()
    choices = preference.choices if preference else {}
    return {code: bool(choices.get(code, kind.default)) for code, kind in KINDS.items()}


def set_preferences(*, user, choices):
    """Store the wanted kinds; unknown kinds are ignored."""
    preference = preference_of(user)
    preference.choices = {
        **preference.choices,
        **{code: bool(value) for code, value in choices.items() if code in KINDS},
    }
    preference.save(update_fields=["choices", "updated_at"])
    return preference


def unsubscribe_token(*, user, kind):
    preference = preference_of(user)
    return signing.dumps(
        {"u": user.pk, "k": kind, "t": preference.unsubscribe_token}, salt=UNSUBSCRIBE_SALT
    )


def read_unsubscribe_token(token):
    """(preference, kind) for a valid link, else None. Links do not expire: an old email must
    still stop the emails; rotating the preference's token revokes them all."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    preference = (
        NotificationPreference.objects.select_related("user").filter(user_id=data.get("u")).first()
    )
    if preference is None or preference.unsubscribe_token != data.get("t"):
        return None
    if data.get("k") not in KINDS:
        return None
    return preference, data["k"]


def unsubscribe(*, preference, kind):
    set_preferences(user=preference.user, choices={kind: False})


def notify(*, user, kind, template, context, language=None, attachments=(), address=None):
    """Send <template>_subject.txt and _message.txt (under cooperation/email/ unless `template`
    names its folder, e.g. "congress/email/registration_confirmed") in `language`, else the
    user's; False if not wanted. `attachments` are (filename, content, mimetype) tuples;
    `address` is one of the user's, as the sender wrote it, instead of user.email."""
    if not wants(user, kind):
        return False
    unsubscribe_url = absolute_url(
        "cooperation:unsubscribe", unsubscribe_token(user=user, kind=kind)
    )
    prefix = template if "/" in template else f"cooperation/email/{template}"
    with translation.override(language or user.language or settings.LANGUAGE_CODE):
        context = {
            "site_url": settings.SITE_URL,
            "user": user,
            "unsubscribe_url": unsubscribe_url,
            "kind_label": str(KINDS[kind].label),
            "preferences_url": absolute_url("cooperation:preferences"),
            **context,
        }
        subject = render_to_string(f"{prefix}_subject.txt", context)
        body = render_to_string(f"{prefix}_message.txt", context)
        body += render_to_string("cooperation/email/_footer.txt", context)
    message = EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=body,
        to=[address or user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    for attachment in attachments:
        message.attach(*attachment)
    message.send()
    return True


def notify_all(*, users, kind, template, context, exclude=None):
    sent = 0
    seen = set()
    for user in users:
        if user is None or user.pk in seen or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        sent += notify(user=user, kind=kind, template=template, context=context)
    return sent
