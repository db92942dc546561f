import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Known hosts and site root paths live in the cache.
    cache.clear()
    yield
    cache.clear()
