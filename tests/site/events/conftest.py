import pytest
from django.core.cache import cache

from .factories import EventIndexPageFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Known hosts and Wagtail's site root paths live in the cache; tests roll the database back.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def index_a(town_a):
    index = EventIndexPageFactory(parent=town_a.site.root_page)
    index.save_revision().publish()
    return index


@pytest.fixture
def index_b(town_b):
    index = EventIndexPageFactory(parent=town_b.site.root_page, title="Akce Bety")
    index.save_revision().publish()
    return index
