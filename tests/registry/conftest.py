import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Directory options and map shapes are cached; each test starts from the database."""
    cache.clear()
    yield
    cache.clear()
