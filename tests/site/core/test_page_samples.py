"""The sample pages of a town: one of every page type and view, each answering as expected."""

import pytest

from radnice.core.page_samples import sample_pages

pytestmark = pytest.mark.django_db


def test_town_without_content_has_home_search_and_404(town_a):
    town = town_a
    assert [sample.key for sample in sample_pages(town)] == [
        "homepage",
        "search",
        "search_empty",
        "account_login",
        "account_signup",
        "account_password_reset",
        "not_found",
    ]
