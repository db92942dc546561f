import pytest
from django.core.cache import cache

from radnice.blocks.sources import LATEST_SOURCES

FAKE = "tests.site.blocks.fake_sources"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Known hosts, Wagtail's site root paths and renditions live in the cache; the database
    # is rolled back after every test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def register_source(monkeypatch):
    """Point a "latest" source at a function of ``fake_sources`` (or at nothing at all)."""

    def register(name, function_name):
        monkeypatch.setitem(LATEST_SOURCES, name, f"{FAKE}.{function_name}")

    return register
