from tests.site.blocks.conftest import _fresh_cache, register_source  # noqa: F401
