"""A configured signing key that cannot sign stops `helisa check` and `migrate`, before the
first representative finds that out when signing."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from . import keys


@register()
def signing_key_check(app_configs=None, **kwargs):
    try:
        keys.configured_key()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="alliance.E001")]
    return []
