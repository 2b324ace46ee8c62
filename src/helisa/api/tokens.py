"""Who the API sees: a caller checks that a token works. Tokens are managed on a page (views.py)."""

from ninja import Router

from .auth import signed_in
from .schemas import WRITE_ERRORS, MeOut

router = Router(tags=["Account"])


@router.get(
    "/me",
    response={200: MeOut, 401: WRITE_ERRORS[401]},
    auth=signed_in,
    summary="The caller",
    description="The account behind the token or session, and the token's name. Create and "
    "revoke personal tokens at /api/v1/tokens/ while signed in.",
)
def me(request):
    user = request.auth
    token = getattr(request, "api_token", None)
    return {
        "email": user.email,
        "full_name": user.full_name,
        "is_secretariat": user.is_secretariat,
        "token": token.name if token else None,
    }
