import pytest
from django.core.cache import cache

from .factories import DirectoryPageFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Known hosts and Wagtail's site root paths live in the cache; tests roll the database back.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def directory_a(town_a):
    return DirectoryPageFactory(parent=town_a.site.root_page)


@pytest.fixture
def directory_b(town_b):
    return DirectoryPageFactory(parent=town_b.site.root_page)
