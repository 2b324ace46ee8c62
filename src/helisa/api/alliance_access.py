"""Who may call the alliance's reading endpoints: anyone, and a signed-in caller (token or
session) may see more, such as the secretariat's drafts and private documents."""

from django.contrib.auth.models import AnonymousUser

from .auth import signed_in


def anyone(request):
    return AnonymousUser()


readers = [*signed_in, anyone]
