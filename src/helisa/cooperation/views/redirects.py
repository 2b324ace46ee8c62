"""Where a form sends the user back to: a `next` address only if it stays on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
