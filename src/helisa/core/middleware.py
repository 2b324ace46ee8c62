from django.shortcuts import redirect
from django.urls import reverse


class ContentSecurityPolicyMiddleware:
    """A strict policy: no inline script or style, nothing loaded from another origin."""

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'; object-src 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/api/v1/docs"):
            response.headers.setdefault("Content-Security-Policy", self.POLICY)
        return response


class SecretariatMfaMiddleware:
    """The secretariat must sign in with a second factor: until they set one up, they are sent
    to the MFA set-up page and can do nothing else.

    That holds for the platform's secretariat everywhere, and for an alliance's own secretariat
    (Alliance.secretariat) on the alliance pages and the alliance API, where all of its powers
    lie; asking only there spares every other page a query about alliances."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/health")
    ALLIANCE_PREFIXES = (
        "/alliances/",
        "/api/v1/alliances",
        "/api/v1/signing-authorities",
        "/api/v1/signatures",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and self._is_secretariat(user, request.path)
            and not _has_mfa(user)
        ):
            return redirect(reverse("mfa_activate_totp") + "?required=1")
        return self.get_response(request)

    def _is_secretariat(self, user, path):
        if user.is_secretariat:
            return True
        # The reverse accessor of Alliance.secretariat: core imports nothing from the apps.
        return path.startswith(self.ALLIANCE_PREFIXES) and user.alliances_run.exists()


def _has_mfa(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
