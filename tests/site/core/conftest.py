import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(settings, tmp_path):
    # Renditions are cached; their files (MEDIA_ROOT) and the originals (the private default
    # storage) go to temporary folders.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path / "private"}},
    }
    cache.clear()
    yield
    cache.clear()
