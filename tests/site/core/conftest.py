import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(files_in_tmp):
    # Renditions are cached; files go to temporary folders.
    cache.clear()
    yield
    cache.clear()
