import pytest
from django.core.cache import cache
from django.utils import timezone

from .factories import OfficialBoardIndexPageFactory


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(files_in_tmp):
    # Known hosts and site root paths live in the cache; documents go to a temporary folder.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def board_a(town_a):
    board = OfficialBoardIndexPageFactory(parent=town_a.site.root_page)
    board.save_revision().publish()
    return board


@pytest.fixture
def board_b(town_b):
    board = OfficialBoardIndexPageFactory(parent=town_b.site.root_page)
    board.save_revision().publish()
    return board
