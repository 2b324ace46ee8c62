from ninja import NinjaAPI

from . import (
    alliances,
    b2b,
    clusters,
    congresses,
    consortia,
    cooperation,
    declarations,
    organisations,
    practices,
    reference,
    tokens,
)
from .docs import docs
from .errors import install_error_handlers

DESCRIPTION = """
The registry of the alliance's organisations and clusters, and its reference data.

Reading is open to everyone. Writing needs a personal token, sent as
`Authorization: Bearer <token>` (create one at /api/v1/tokens/ while signed in), or a signed-in
session with a CSRF token. A caller may change only what they may change in the web interface.

Lists are paged with `limit` and `offset` and return `count`, `next`, `previous` and `results`.
Every error is `{"error": {"code", "message", "details": [{"field", "message"}]}}`.
"""

api = NinjaAPI(
    title="Helisa API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-1.0.0",
    docs=docs,
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
api.add_router("", organisations.router)
api.add_router("", clusters.router)
api.add_router("", reference.router)
api.add_router("", tokens.router)
api.add_router("", alliances.router)
api.add_router("", declarations.router)
api.add_router("", b2b.router)
api.add_router("", congresses.router)
api.add_router("", cooperation.router)
api.add_router("", practices.router)
api.add_router("", consortia.router)
