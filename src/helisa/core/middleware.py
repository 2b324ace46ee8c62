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
    to the MFA set-up page and can do nothing else."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/health")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.is_secretariat
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and not _has_mfa(user)
        ):
            return redirect(reverse("mfa_activate_totp") + "?required=1")
        return self.get_response(request)


def _has_mfa(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
