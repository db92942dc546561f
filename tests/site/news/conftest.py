import pytest
from django.core.cache import cache

from .factories import NewsIndexPageFactory


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(files_in_tmp):
    # Known hosts and site root paths live in the cache; images go to a temporary folder.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def news_a(town_a):
    index = NewsIndexPageFactory(parent=town_a.site.root_page)
    index.save_revision().publish()
    return index


@pytest.fixture
def news_b(town_b):
    index = NewsIndexPageFactory(parent=town_b.site.root_page)
    index.save_revision().publish()
    return index
