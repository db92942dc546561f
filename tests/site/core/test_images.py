"""Responsive images: every public image is a ``<picture>`` of a focal-point crop in AVIF and
WebP with a sized fallback, lazy unless it is the page's first image, and never without an alt
text unless the editor marked it decorative.
"""

import io
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail import blocks as wagtail_blocks
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from radnice.blocks import blocks
from radnice.core.images import (
    CROPS,
    image_alt,
    missing_alt_text,
    picture,
    prefetch_renditions,
)
from radnice.pages.models import StandardPage
from tests.factories import StandardPageFactory, make_member
from tests.site.blocks.factories import (
    GalleryBlockFactory,
    ImageBlockFactory,
    ImageFactory,
    ImageWithTextBlockFactory,
)
from tests.site.blocks.test_components import render, third_party_requests

pytestmark = pytest.mark.django_db


def soup(html):
    return BeautifulSoup(str(html), "html.parser")


def make_image(width=1200, height=800, fmt="JPEG", paint=None, **fields):
    """An image in the library; ``paint(draw)`` may draw on the canvas first."""
    from PIL import ImageDraw

    canvas = PillowImage.new("RGB", (width, height), (40, 80, 200))
    if paint:
        paint(ImageDraw.Draw(canvas))
    buffer = io.BytesIO()
    canvas.save(buffer, format=fmt)
    extension = {"JPEG": "jpg", "PNG": "png"}[fmt]
    fields.setdefault("title", "Náves")
    return get_image_model().objects.create(
        file=ImageFile(buffer, name=f"naves.{extension}"), **fields
    )


def srcset_widths(tag):
    return [int(candidate.split()[1][:-1]) for candidate in tag["srcset"].split(", ")]


# --- markup -----------------------------------------------------------------------------------


def test_picture_offers_avif_and_webp_in_three_widths_and_a_sized_jpeg_fallback():
    document = soup(picture(make_image(), "landscape", alt="Náves s kapličkou"))
    sources = document.find("picture").find_all("source")
    assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
    for source, fmt in zip(sources, ("avif", "webp"), strict=True):
        assert srcset_widths(source) == [480, 960, 1200]  # the source is 1200 px wide
        assert all(f"format-{fmt}" in url for url in source["srcset"].split(", "))
        assert source["sizes"] == "(min-width: 72rem) 70rem, 100vw"
    img = document.find("picture").find("img")
    assert "format-jpeg" in img["src"]
    # 3:2 at the middle width; the browser reserves the space before the file arrives.
    assert (img["width"], img["height"]) == ("960", "640")
    assert img["alt"] == "Náves s kapličkou"
    assert img["loading"] == "lazy" and img["decoding"] == "async"
    assert not img.has_attr("sizes") and not img.has_attr("fetchpriority")


def test_the_image_above_the_fold_loads_first():
    img = soup(picture(make_image(), "hero", alt="", priority=True)).find("img")
    assert img["loading"] == "eager" and img["fetchpriority"] == "high"
    assert (img["width"], img["height"]) == ("1200", "400")  # 3:1, as wide as the source allows


def test_each_crop_has_its_proportions():
    image = make_image(2000, 2000)
    shapes = {}
    for name in CROPS:
        img = soup(picture(image, name)).find("img")
        shapes[name] = round(int(img["width"]) / int(img["height"]), 2)
    assert shapes == {"hero": 3.0, "landscape": 1.5, "square": 1.0, "original": 1.0}


def test_transparent_originals_keep_a_png_fallback():
    img = soup(picture(make_image(fmt="PNG"), "square")).find("img")
    assert "format-png" in img["src"]


def test_widths_beyond_the_source_collapse_into_the_largest_it_allows():
    document = soup(picture(make_image(600, 400), "landscape"))
    for source in document.find_all("source"):
        assert srcset_widths(source) == [480, 600]


def test_attributes_pass_to_the_fallback_image():
    img = soup(picture(make_image(), "square", alt="", **{"class": "tile__image"})).find("img")
    assert img["class"] == ["tile__image"] and img["alt"] == ""


def test_no_image_renders_nothing():
    assert picture(None, "landscape") == ""


def test_an_image_whose_file_is_gone_does_not_break_the_page():
    image = make_image()
    image.file.storage.delete(image.file.name)
    img = soup(picture(image, "landscape", alt="Náves")).find("img")
    assert img["alt"] == "Náves"


def test_an_unknown_crop_is_a_programming_error():
    with pytest.raises(ValueError, match="landscape"):
        picture(make_image(), "panorama")


# --- renditions -------------------------------------------------------------------------------


def test_one_crop_makes_seven_renditions_once():
    image = make_image()
    picture(image, "landscape")
    assert image.renditions.count() == 7  # 3 widths × (AVIF, WebP) + the fallback
    picture(get_image_model().objects.get(pk=image.pk), "landscape")
    assert image.renditions.count() == 7


@pytest.mark.parametrize("size", [(100, 80), (600, 400), (1200, 800), (4000, 1000)])
def test_what_an_image_asks_for_is_always_among_the_prefetched_specs(size):
    """Otherwise a listing would miss a prefetched rendition and render it again each time."""

    class Source:
        width, height = size
        file = type("File", (), {"name": "foto.png"})

    for crop in CROPS.values():
        assert set(crop.specs_for(Source)) <= set(crop.specs()), crop.name


def test_the_crop_keeps_the_focal_point():
    """A wide image whose focal point is in its left third: the square crop keeps that part."""

    def paint_left_red(draw):
        draw.rectangle((0, 0, 399, 399), fill=(220, 20, 20))

    image = make_image(1200, 400, paint=paint_left_red)
    image.focal_point_x, image.focal_point_y = 100, 200
    image.focal_point_width, image.focal_point_height = 100, 100
    image.save()

    fallback = list(image.get_renditions(*CROPS["square"].specs_for(image)).values())[-1]
    assert (fallback.width, fallback.height) == (320, 320)
    with fallback.file.open() as file:
        red, _green, blue = PillowImage.open(file).convert("RGB").getpixel((160, 160))
    assert red > 180 and blue < 80, (red, blue)

    # Without the focal point the same crop is the (blue) middle of the image.
    plain = make_image(1200, 400, paint=paint_left_red)
    fallback = list(plain.get_renditions(*CROPS["square"].specs_for(plain)).values())[-1]
    with fallback.file.open() as file:
        red, _green, blue = PillowImage.open(file).convert("RGB").getpixel((160, 160))
    assert blue > 150 and red < 100, (red, blue)


def test_prefetched_renditions_cost_no_further_queries():
    images = [make_image(title=f"Foto {number}") for number in range(3)]
    for image in images:
        picture(image, "landscape")  # first use makes them
    fresh = list(get_image_model().objects.filter(pk__in=[image.pk for image in images]))
    with CaptureQueriesContext(connection) as queries:
        prefetch_renditions(fresh, "landscape")
        for image in fresh:
            picture(image, "landscape")
    assert len(queries) == 1


# --- alt text ---------------------------------------------------------------------------------


def test_alt_text_is_required_unless_the_image_has_a_description_or_is_decorative():
    undescribed = make_image(title="IMG_2041.jpg")
    described = make_image(description="Rybník Hejtman při západu slunce")
    assert missing_alt_text(undescribed)
    assert missing_alt_text(undescribed, alt_text="   ")
    assert not missing_alt_text(undescribed, alt_text="Rybník v zimě")
    assert not missing_alt_text(undescribed, decorative=True)
    assert not missing_alt_text(described)
    assert not missing_alt_text(None)


def test_decorative_images_have_an_empty_alt_text():
    image = make_image(description="Rybník Hejtman")
    assert image_alt(image, "Rybník v zimě", decorative=True) == ""
    assert image_alt(image, "Rybník v zimě") == "Rybník v zimě"
    assert image_alt(image) == "Rybník Hejtman"


@pytest.mark.parametrize(
    "block_class", [blocks.ImageBlock, blocks.ImageWithTextBlock, blocks.GalleryImageBlock]
)
def test_image_blocks_refuse_an_image_without_alt_text(block_class):
    block = block_class()
    image = make_image(title="IMG_2041.jpg")
    data = {"image": image.pk, "alt_text": "", "decorative": False, "text": "<p>Text</p>"}
    data = {name: value for name, value in data.items() if name in block.child_blocks}
    with pytest.raises(wagtail_blocks.StructBlockValidationError) as error:
        block.clean(block.to_python(data))
    message = error.value.block_errors["alt_text"].messages[0]
    assert message == "Vyplňte alternativní text, nebo označte obrázek jako dekorativní."

    block.clean(block.to_python({**data, "decorative": True}))
    block.clean(block.to_python({**data, "alt_text": "Kaplička na návsi"}))
    image.description = "Kaplička na návsi"
    image.save()
    block.clean(block.to_python(data))


def test_a_decorative_block_image_renders_with_an_empty_alt_and_not_its_caption():
    image = ImageFactory(description="Kaplička na návsi")
    value = ImageBlockFactory(image=image, alt_text="Bílá kaplička", decorative=True)
    assert soup(render(value)).find("img")["alt"] == ""
    value = ImageWithTextBlockFactory(image=image, decorative=True)
    assert soup(render(value)).find("img")["alt"] == ""


def test_a_gallery_shows_each_image_as_a_picture_linking_to_a_large_version():
    value = GalleryBlockFactory(images__0__decorative=True, images__1__alt_text="Průvod")
    document = soup(render(value))
    items = document.select("ul.gallery > li")
    assert len(items) == 2
    assert items[0].find("img")["alt"] == ""
    for item in items:
        assert item.find("picture").find("source", type="image/avif")
        assert "width-1600" in item.find("a")["href"]


def gallery_queries(count):
    block = blocks.GalleryBlock()
    raw = {
        "heading": "Masopust",
        "images": [
            {"image": ImageFactory(title=f"Foto {n}").pk, "alt_text": f"Foto {n}", "caption": ""}
            for n in range(count)
        ],
    }
    render(block.to_python(raw), block=block)  # renditions are made on first use
    with CaptureQueriesContext(connection) as queries:
        html = render(block.to_python(raw), block=block)
    assert html.count("<picture>") == count
    return len(queries)


def test_a_gallery_costs_the_same_queries_for_two_or_eight_images():
    assert gallery_queries(2) == gallery_queries(8)


# --- main image of a page in the admin --------------------------------------------------------


@pytest.fixture
def publisher_a(client, town_a):
    client.force_login(make_member(town_a, role="moderator"))
    return client


def publish_standard_page(client, town_a, action="action-publish", **fields):
    home = town_a.site.root_page
    url = reverse("wagtailadmin_pages:add", args=("pages", "standardpage", home.pk))
    data = {
        "title": "Nová knihovna",
        "slug": "nova-knihovna",
        "teaser": "Knihovna se stěhuje.",
        "main_image": "",
        "main_image_alt_text": "",
        "main_image_caption": "",
        "body": streamfield([]),
        "persons": inline_formset([]),
        "related_links": inline_formset([]),
        action: action,
    }
    data.update(fields)
    if not data.get("main_image_decorative"):
        data.pop("main_image_decorative", None)  # an unticked checkbox is not sent
    return client.post(url, nested_form_data(data), HTTP_HOST=town_a.site.hostname)


def test_main_image_without_alt_text_is_refused_with_a_czech_message(publisher_a, town_a):
    image = make_image(title="IMG_2041.jpg", collection=town_a.collection)
    response = publish_standard_page(publisher_a, town_a, main_image=image.pk)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["main_image_alt_text"] == [
        "Vyplňte alternativní text, nebo označte obrázek jako dekorativní."
    ]
    assert not StandardPage.objects.filter(slug="nova-knihovna").exists()


def test_main_image_draft_may_wait_for_its_alt_text(publisher_a, town_a):
    image = make_image(title="IMG_2041.jpg", collection=town_a.collection)
    response = publish_standard_page(publisher_a, town_a, action="action-save", main_image=image.pk)
    assert response.status_code == 302
    assert StandardPage.objects.filter(slug="nova-knihovna").exists()


def test_main_image_with_alt_text_or_decorative_is_published(client, publisher_a, town_a):
    image = make_image(title="IMG_2041.jpg", collection=town_a.collection)
    response = publish_standard_page(
        publisher_a, town_a, main_image=image.pk, main_image_alt_text="Budova nové knihovny"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(slug="nova-knihovna")
    main = soup(client.get("/nova-knihovna/", HTTP_HOST="alfa.test").content.decode()).find("main")
    img = main.find("figure", class_="main-image").find("img")
    assert img["alt"] == "Budova nové knihovny"
    assert img["loading"] == "eager" and img["fetchpriority"] == "high"

    page.main_image_decorative = True
    page.save_revision().publish()
    main = soup(client.get("/nova-knihovna/", HTTP_HOST="alfa.test").content.decode()).find("main")
    assert main.find("figure", class_="main-image").find("img")["alt"] == ""


def test_news_events_and_standard_pages_check_their_main_image_alt_text():
    from radnice.core.main_image import MainImageAltTextFormMixin
    from radnice.events.models import EventPage
    from radnice.news.models import NewsPage

    for model in (NewsPage, EventPage, StandardPage):
        assert issubclass(model.base_form_class, MainImageAltTextFormMixin), model
        assert {"main_image_alt_text", "main_image_decorative"} <= {
            field.name for field in model._meta.get_fields()
        }


# --- nothing from third parties ---------------------------------------------------------------


def test_a_page_full_of_images_loads_nothing_from_another_host(client, town_a):
    page = StandardPageFactory(
        parent=town_a.site.root_page,
        title="Fotogalerie",
        slug="fotogalerie",
        main_image=ImageFactory(description="Náves"),
        body__0="image",
        body__1="image_with_text",
        body__2="gallery",
        body__3="map",
        body__4="video",
        body__2__gallery__images__0__caption="Náves",
        body__2__gallery__images__1__caption="Kaplička",
    )
    page.save_revision().publish()
    html = client.get("/fotogalerie/", HTTP_HOST="alfa.test").content.decode()
    main = soup(html).find("main")
    assert len(main.find_all("picture")) == 5
    # The page's own absolute links (canonical, alternates) are fine; no other host is.
    foreign = [url for url in third_party_requests(html) if urlsplit(url).hostname != "alfa.test"]
    assert foreign == []
    assert not main.find("iframe")  # the video waits for a click, the map is a link


def test_social_card_describes_the_main_image_with_the_pages_alt_text(client, town_a):
    page = StandardPageFactory(
        parent=town_a.site.root_page,
        slug="knihovna",
        main_image=ImageFactory(title="IMG_2041.jpg"),
        main_image_alt_text="Budova knihovny",
    )
    page.save_revision().publish()
    html = client.get("/knihovna/", HTTP_HOST="alfa.test").content.decode()
    assert '<meta property="og:image:alt" content="Budova knihovny">' in html


def test_a_decorative_news_body_image_has_an_empty_alt_text():
    from radnice.news.blocks import CaptionedImageBlock

    block = CaptionedImageBlock()
    image = ImageFactory(description="Mapa objížďky")
    for decorative, alt in ((True, ""), (False, "Mapa")):
        value = block.to_python(
            {"image": {"image": image.pk, "decorative": decorative, "alt_text": "Mapa"}}
        )
        img = soup(render(value, block=block)).find("picture").find("img")
        assert img["alt"] == alt


def test_contact_people_of_a_page_bring_their_photos_at_a_constant_query_cost(client, town_a):
    from radnice.pages.models import StandardPagePerson
    from tests.factories import PersonFactory

    page = StandardPageFactory(parent=town_a.site.root_page, slug="urad")

    def add_people(count):
        for n in range(count):
            person = PersonFactory(municipality=town_a, photo=ImageFactory(title=f"Foto {n}"))
            page.persons.add(StandardPagePerson(person=person))
        page.save_revision().publish()

    def queries(expected):
        client.get("/urad/", HTTP_HOST="alfa.test")  # the first view makes the renditions
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/urad/", HTTP_HOST="alfa.test")
        main = soup(response.content.decode()).find("section", class_="page-persons")
        assert len(main.select("picture img.person-card__photo")) == expected
        return len(captured)

    add_people(2)
    with_2 = queries(2)
    add_people(4)
    assert queries(6) == with_2
