"""The interactive documentation, served from the Swagger UI that django-ninja ships: no CDN."""

from ninja.openapi.docs import Swagger

# Swagger UI sets style attributes from JavaScript, so styles need 'unsafe-inline'; everything
# still comes from our own origin.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'; object-src 'none'"
)


class OfflineSwagger(Swagger):
    def render_page(self, request, api, **kwargs):
        response = super().render_page(request, api, **kwargs)
        response.headers["Content-Security-Policy"] = DOCS_POLICY
        return response


docs = OfflineSwagger(settings={"validatorUrl": None, "persistAuthorization": False})
