"""Branding per municipality: readable colours only, emitted as CSS custom properties."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from municipalities.branding import (
    DARK_SURFACE,
    LIGHT_SURFACE,
    contrast_ratio,
    css_custom_properties,
    mix,
    readable_on,
    validate_brand_colour,
)


def test_contrast_ratio_matches_wcag_reference_values():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54
    assert contrast_ratio("#ffffff", "#ffffff") == 1


@pytest.mark.parametrize("colour", ["#1d4f91", "#000000", "#767676", "#8B0000"])
def test_dark_enough_colours_are_accepted(colour):
    validate_brand_colour(colour)


def test_light_colour_is_refused_with_the_measured_ratio():
    with pytest.raises(ValidationError) as error:
        validate_brand_colour("#f5a623")
    message = error.value.messages[0]
    assert "#f5a623" in message and "2,03 : 1" in message and "4,5 : 1" in message


@pytest.mark.parametrize("value", ["1d4f91", "#12345", "red", "#12345g"])
def test_malformed_colour_is_refused(value):
    with pytest.raises(ValidationError, match="#rrggbb"):
        validate_brand_colour(value)


@pytest.mark.django_db
def test_colours_and_font_reach_only_the_towns_own_pages(client, town_a, town_b):
    town_a.primary_color = "#8b0000"
    town_a.font = "serif"
    town_a.save()
    html_a = client.get("/", HTTP_HOST="alfa.test").content.decode()
    assert "--color-primary: #8b0000;" in html_a
    assert '--font-body: Georgia, "Noto Serif"' in html_a
    html_b = client.get("/", HTTP_HOST="beta.test").content.decode()
    assert "#8b0000" not in html_b


@pytest.mark.django_db
def test_favicon_and_coat_of_arms_are_rendered(client, town_a):
    image = get_image_model().objects.create(
        title="Znak", file=get_test_image_file(), collection=town_a.collection
    )
    town_a.favicon = image
    town_a.coat_of_arms = image
    town_a.save()
    html = client.get("/", HTTP_HOST="alfa.test").content.decode()
    assert 'rel="icon"' in html and 'rel="apple-touch-icon"' in html
    assert 'class="site-coat-of-arms"' in html


@pytest.mark.django_db
def test_without_a_favicon_the_coat_of_arms_or_the_platform_icon_is_linked(client, town_a):
    html = client.get("/", HTTP_HOST="alfa.test").content.decode()
    assert 'rel="icon" type="image/svg+xml" href="/static/themes/default/favicon.svg"' in html
    town_a.coat_of_arms = get_image_model().objects.create(
        title="Znak", file=get_test_image_file(), collection=town_a.collection
    )
    town_a.save()
    html = client.get("/", HTTP_HOST="alfa.test").content.decode()
    assert "favicon.svg" not in html
    assert 'rel="icon" type="image/png" sizes="32x32"' in html


@pytest.mark.django_db
def test_admin_refuses_unreadable_colour_in_czech_and_keeps_input(client, admin_a, town_a):
    client.force_login(admin_a)
    data = {
        "name": town_a.name,
        "kind": town_a.kind,
        "ico": town_a.ico,
        "theme": "default",
        "languages": ["cs"],
        "primary_color": "#ffeeaa",
        "secondary_color": "#1d4f91",
        "font": "system",
        "street": "Náves 5",
    }
    response = client.post(
        reverse("municipalities:edit", args=[town_a.pk]), data, HTTP_HOST="alfa.test"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bílý text na barvě #ffeeaa má kontrast jen" in body
    assert 'value="Náves 5"' in body
    town_a.refresh_from_db()
    assert town_a.primary_color == ""


BRAND_SAMPLES = ["#1d4f91", "#000000", "#767676", "#8b0000", "#1e6b34", "#4b0082"]


@pytest.mark.parametrize("colour", BRAND_SAMPLES)
def test_brand_colour_gets_variants_readable_as_text_in_both_modes(colour):
    light = readable_on(colour, LIGHT_SURFACE)
    dark = readable_on(colour, DARK_SURFACE)
    assert contrast_ratio(light, LIGHT_SURFACE) >= 4.5
    assert contrast_ratio(dark, DARK_SURFACE) >= 4.5
    # ...and readable on the darker page background too, not only on raised cards.
    assert contrast_ratio(dark, "#14171b") >= 4.5


def test_readable_colour_changes_as_little_as_needed():
    # Already readable: unchanged. Too dark for the dark mode: mixed with white, just enough.
    assert readable_on("#1d4f91", LIGHT_SURFACE) == "#1d4f91"
    lighter = readable_on("#1d4f91", DARK_SURFACE)
    assert lighter != "#1d4f91"
    assert contrast_ratio("#1d4f91", DARK_SURFACE) < 4.5
    assert contrast_ratio(lighter, DARK_SURFACE) < 5.0  # close to the threshold, not white
    # A colour barely passing against white is darkened for the light grey panels.
    assert contrast_ratio("#767676", LIGHT_SURFACE) < 4.5
    assert contrast_ratio(readable_on("#767676", LIGHT_SURFACE), LIGHT_SURFACE) >= 4.5


def test_mix_blends_channels():
    assert mix("#000000", "#ffffff", 0.5) == "#808080"
    assert mix("#1d4f91", "#ffffff", 0) == "#1d4f91"
    assert mix("#1d4f91", "#ffffff", 1) == "#ffffff"


def test_custom_properties_carry_the_dark_mode_variants():
    municipality = SimpleNamespace(primary_color="#1D4F91", secondary_color="", font="atkinson")
    properties = css_custom_properties(municipality)
    assert properties["--color-primary"] == "#1d4f91"
    assert properties["--color-primary-text"] == "#1d4f91"
    assert properties["--color-primary-text-dark"] == readable_on("#1d4f91", DARK_SURFACE)
    assert "--color-secondary" not in properties  # the theme's own default stays
    assert properties["--font-body"].startswith('"Atkinson Hyperlegible"')


@pytest.mark.django_db
def test_branding_style_is_valid_css_with_quoted_font_names(client, town_a):
    town_a.font = "source-sans"
    town_a.primary_color = "#1d4f91"
    town_a.save()
    html = client.get("/", HTTP_HOST="alfa.test").content.decode()
    # Not HTML-escaped: &quot; inside <style> would end the declaration at its ";".
    assert '--font-body: "Source Sans 3", system-ui' in html
    assert "&quot;" not in html.split("<style nonce=")[1].split("</style>")[0]
    assert f"--color-primary-text-dark: {readable_on('#1d4f91', DARK_SURFACE)};" in html
