import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(settings, tmp_path):
    # Renditions are cached; their files go to a temporary folder.
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()
