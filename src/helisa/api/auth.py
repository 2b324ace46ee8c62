"""Who is calling: a personal token (`Authorization: Bearer hel_...`) or a signed-in session.

A token is exempt from CSRF by nature (a browser never sends it on its own); a session must pass
Django's CSRF check on every write, as in the UI.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer

from helisa.core.models import ApiToken

# Writing last_used_at on every request would turn each read into a write.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        record = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token.strip()))
            .first()
        )
        if record is None or not record.user.is_active:
            raise AuthenticationError(message=_("The API token is not valid or has been revoked."))
        if record.user.is_secretariat and not _has_totp(record.user):
            # As in the UI: the secretariat's powers need a second factor, a token included.
            raise AuthenticationError(
                message=_("Set up two-factor sign-in before using the API as the secretariat.")
            )
        now = timezone.now()
        if record.last_used_at is None or now - record.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
            record.last_used_at = now
        request.api_token = record
        return record.user


class SessionAuth(APIKeyCookie):
    """Django's session; unlike ninja's own, an anonymous caller gets 401 rather than a CSRF 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        return request.user if request.user.is_authenticated else None


def _has_totp(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


signed_in = [TokenAuth(), SessionAuth()]
