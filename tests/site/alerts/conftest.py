import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    # Known hosts and site root paths live in the cache; the dismissal URL is wired in here
    # as the report asks the lead to wire it into the project's urls.py.
    settings.ROOT_URLCONF = "tests.site.news.urls"
    cache.clear()
    yield
    cache.clear()
