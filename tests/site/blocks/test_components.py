"""The component library: each block renders realistic content as accessible HTML, and none
makes the visitor's browser talk to a third party before they ask for it.
"""

import datetime
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from wagtail.contrib.typed_table_block.blocks import TypedTable
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from municipalities.registry import module_blocks as module_blocks_of_registry
from radnice.blocks import blocks
from tests.factories import PersonFactory, StandardPageFactory, site_path

from .factories import (
    AccordionBlockFactory,
    AttachmentListBlockFactory,
    CallToActionBlockFactory,
    ContactCardBlockFactory,
    GalleryBlockFactory,
    ImageBlockFactory,
    ImageFactory,
    ImageWithTextBlockFactory,
    InfoPanelBlockFactory,
    MapBlockFactory,
    QuoteBlockFactory,
    RichTextBlockFactory,
    StatsBarBlockFactory,
    StepByStepBlockFactory,
    TableBlockFactory,
    TilesBlockFactory,
    VideoBlockFactory,
)

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def render(value, page=None, block=None, host="alfa.test"):
    request = RequestFactory().get("/", HTTP_HOST=host)
    block = block or value.block
    return block.render(value, context={"page": page, "request": request})


def soup(html):
    return BeautifulSoup(html, "html.parser")


def third_party_requests(html):
    """Addresses the browser would load by itself (not links the visitor may follow)."""
    document = soup(html)
    loaded = [tag.get("src") for tag in document.find_all(["img", "iframe", "script", "source"])]
    loaded += [tag.get("srcset") for tag in document.find_all(["img", "source"])]
    loaded += [tag.get("href") for tag in document.find_all("link")]
    loaded += [tag.get("data") for tag in document.find_all("object")]
    urls = [url for value in loaded if value for url in re.split(r",\s*", value)]
    return [url for url in urls if not url.split()[0].startswith("/")]


def test_body_offers_every_component_of_the_library():
    assert list(blocks.BodyStreamBlock.base_blocks) == [
        "rich_text",
        "image",
        "image_with_text",
        "gallery",
        "accordion",
        "tiles",
        "info_panel",
        "stats_bar",
        "attachments",
        "table",
        "quote",
        "call_to_action",
        "step_by_step",
        "video",
        "contact",
        "map",
        "node_list",
    ]


def test_body_then_offers_the_teaser_blocks_of_every_registered_module():
    library = list(blocks.BodyStreamBlock.base_blocks)
    offered = blocks.BodyStreamBlock().child_blocks
    module_blocks = [name for name, _block in module_blocks_of_registry()]
    assert "budget_summary" in module_blocks
    assert list(offered) == library + module_blocks


def test_every_component_has_a_czech_label_an_icon_and_a_template():
    for name, block in blocks.BodyStreamBlock().child_blocks.items():
        assert block.meta.icon, name
        assert block.meta.template, name
        assert str(block.label) and str(block.label)[0].islower(), name
    for name, block in blocks.BodyStreamBlock.base_blocks.items():
        assert block.meta.template.startswith("blocks/"), name


def test_rich_text_renders_the_editors_html():
    value = RichTextBlockFactory(value="<p>Úřední hodiny: <b>pondělí</b></p><h2>Kde</h2>")
    html = render(value, block=blocks.RichTextBlock())
    assert soup(html).find("div", class_="rich-text")
    assert "<p>Úřední hodiny: <b>pondělí</b></p><h2>Kde</h2>" in html


def test_image_alt_text_comes_from_the_image_unless_overridden():
    image = ImageFactory(title="Kaplička na návsi")
    value = ImageBlockFactory(image=image)
    picture = soup(render(value)).find("picture")
    img = picture.find("img")
    assert img["alt"] == "Kaplička na návsi"  # legacy content: the title, until next edited
    assert [source["type"] for source in picture.find_all("source")] == [
        "image/avif",
        "image/webp",
    ]
    assert "format-jpeg" in img["src"] and img["loading"] == "lazy"

    value = ImageBlockFactory(image=image, alt_text="Bílá kaplička se zvoničkou")
    figure = soup(render(value)).find("figure")
    assert figure.find("img")["alt"] == "Bílá kaplička se zvoničkou"
    assert "Kaplička sv. Jana Nepomuckého na návsi" in figure.find("figcaption").text
    assert "Foto: Jan Novák" in figure.find("figcaption").text


def test_image_description_is_preferred_to_its_title_as_alt_text():
    image = ImageFactory(title="IMG_2041", description="Rybník Hejtman při západu slunce")
    assert soup(render(ImageBlockFactory(image=image))).find("img")["alt"] == (
        "Rybník Hejtman při západu slunce"
    )


def test_image_with_text_puts_the_image_on_the_chosen_side():
    html = render(ImageWithTextBlockFactory(image_position="right"))
    wrapper = soup(html).find(class_="block-image-with-text")
    assert "block-image-with-text--right" in wrapper["class"]
    assert wrapper.find("h2").text == "Nová hasičská zbrojnice"
    assert wrapper.find("img")["alt"] == "Hasičská zbrojnice po rekonstrukci"
    assert not wrapper.find("a")  # no link chosen, none rendered


def test_gallery_links_each_thumbnail_to_a_larger_image_named_by_its_alt_text():
    value = GalleryBlockFactory(
        images__0__caption="Průvod masek", images__1__alt_text="Medvěd a kobyla"
    )
    document = soup(render(value))
    assert document.find("h2").text == "Fotografie z masopustu"
    items = document.select("ul.gallery > li > figure")
    assert len(items) == 2
    first_link = items[0].find("a")
    assert "width-1600" in first_link["href"]
    assert first_link.find("img")["alt"] == "Náves s kapličkou"
    assert items[0].find("figcaption").text == "Průvod masek"
    assert items[1].find("img")["alt"] == "Medvěd a kobyla"


def test_accordion_uses_details_and_summary_so_it_works_without_javascript():
    value = AccordionBlockFactory(
        items__0__title="Kdy se platí poplatek za odpad?",
        items__1__title="Kde je sběrné místo?",
    )
    document = soup(render(value))
    details = document.find_all("details")
    assert [d.find("summary").text for d in details] == [
        "Kdy se platí poplatek za odpad?",
        "Kde je sběrné místo?",
    ]
    assert "31. března" in details[0].text
    assert not document.find("script")


def test_tiles_link_to_a_page_or_an_address_and_their_titles_follow_the_heading(page_a):
    value = TilesBlockFactory(
        tiles__0__title="Odpady",
        tiles__0__link__page=page_a,
        tiles__0__link__url="",
        tiles__1__title="Portál občana",
    )
    document = soup(render(value, page=page_a))
    titles = document.select("ul.tiles h3 a")
    assert [(a.text, a["href"]) for a in titles] == [
        ("Odpady", site_path(page_a)),
        ("Portál občana", "https://www.portal.gov.cz/"),
    ]
    icon = document.find("svg")
    assert icon["aria-hidden"] == "true"

    without_heading = soup(render(TilesBlockFactory(heading="", tiles__0__title="Odpady")))
    assert not without_heading.find("h3")
    assert without_heading.select_one("ul.tiles h2").text == "Odpady"


@pytest.mark.parametrize(
    ("level", "words"),
    [
        ("info", "Informace"),
        ("success", "Hotovo"),
        ("warning", "Upozornění"),
        ("error", "Důležité"),
    ],
)
def test_info_panel_states_its_level_in_words_not_by_colour_alone(level, words):
    document = soup(render(InfoPanelBlockFactory(level=level)))
    panel = document.find(class_="info-panel")
    assert f"info-panel--{level}" in panel["class"]
    assert panel["role"] == "note"
    assert panel.find("h2").text == f"{words}: Uzavírka silnice"

    without_heading = soup(render(InfoPanelBlockFactory(level=level, heading="")))
    assert without_heading.find(class_="info-panel__level").text.strip() == words


def test_stats_bar_pairs_each_number_with_its_label():
    value = StatsBarBlockFactory(
        items__0__value="412", items__0__label="obyvatel", items__1__value="1352"
    )
    items = soup(render(value)).select("ul.stats > li")
    assert [" ".join(li.text.split()) for li in items] == ["412 obyvatel", "1352 obyvatel"]


def test_attachments_link_to_documents_with_their_type_and_size():
    value = AttachmentListBlockFactory(
        attachments__0__title="Vyhláška o odpadech", attachments__1__title=""
    )
    items = soup(render(value)).select("ul.attachments > li")
    assert len(items) == 2
    first, second = items
    assert first.find("a").text == "Vyhláška o odpadech"
    assert first.find("a")["href"].startswith("/documents/")
    assert "(PDF, 17 bajtů)" in " ".join(first.text.split())
    assert second.find("a").text == "Obecně závazná vyhláška o místním poplatku"


def test_table_has_a_caption_and_headers_with_scope():
    document = soup(render(TableBlockFactory()))
    table = document.find("table")
    assert table.find("caption").text == "Místní poplatky na rok 2026"
    assert [(th.text, th["scope"]) for th in table.select("thead th")] == [
        ("Poplatek", "col"),
        ("Sazba (Kč)", "col"),
        ("Splatnost", "col"),
    ]
    rows = table.select("tbody tr")
    assert [th.text.strip() for th in table.select("tbody th[scope=row]")] == ["Odpad", "Pes"]
    cells = [" ".join(td.text.split()) for td in rows[1].find_all("td")]
    assert cells == ["150,50", "31. 3. 2026"]
    assert "numeric" in rows[0].find("td")["class"]
    # The scrolling wrapper can be reached and is named for keyboard and screen reader users.
    region = document.find(class_="table-scroll")
    assert region["tabindex"] == "0" and region["aria-label"] == "Místní poplatky na rok 2026"

    plain = soup(render(TableBlockFactory(row_headers=False)))
    assert not plain.select("tbody th")


def test_table_text_is_translatable_with_wagtail_localize():
    table_block = blocks.TableBlock().child_blocks["table"]
    value = TableBlockFactory().get("table")
    segments = table_block.get_translatable_segments(value)
    assert {(s.path, s.render_text()) for s in segments} >= {
        ("caption", "Místní poplatky na rok 2026"),
        ("heading-0", "Poplatek"),
        ("cell-0-0", "Odpad"),
    }
    english = {
        "Místní poplatky na rok 2026": "Local fees for 2026",
        "Poplatek": "Fee",
        "Sazba (Kč)": "Rate (CZK)",
        "Splatnost": "Due",
        "Odpad": "Waste",
        "Pes": "Dog",
    }
    for segment in segments:
        segment.string = type(segment.string).from_plaintext(english[segment.render_text()])
    translated = table_block.restore_translated_segments(value, segments)
    assert isinstance(translated, TypedTable)
    assert translated.caption == "Local fees for 2026"
    assert [c["heading"] for c in translated.columns] == ["Fee", "Rate (CZK)", "Due"]
    assert [row["values"][0] for row in translated.row_data] == ["Waste", "Dog"]
    assert translated.row_data[0]["values"][1] == Decimal("1200")
    assert translated.row_data[0]["values"][2] == datetime.date(2026, 3, 31)


def test_quote_is_a_blockquote_with_its_author_in_the_caption():
    figure = soup(render(QuoteBlockFactory())).find("figure")
    assert figure.find("blockquote").text.strip() == "Obec je tak silná, jak silní jsou její lidé."
    assert figure.find("figcaption").text == "Ing. Jan Novák, starosta"


def test_call_to_action_is_a_headed_box_with_a_button_link(page_a):
    value = CallToActionBlockFactory(link__page=page_a, link__url="", link__text="")
    box = soup(render(value, page=page_a)).find(class_="block-cta")
    assert box.find("h2").text == "Zaplaťte poplatky online"
    button = box.find("a", class_="button")
    assert (button.text, button["href"]) == (page_a.title, site_path(page_a))


def test_step_by_step_guide_is_an_ordered_list_of_headed_steps():
    value = StepByStepBlockFactory(
        steps__0__title="Vyplňte žádost",
        steps__1__title="Přineste fotografii",
        steps__2__title="Vyzvedněte si průkaz",
    )
    document = soup(render(value))
    assert document.find("h2").text == "Jak si vyřídit občanský průkaz"
    steps = document.select("ol.steps > li")
    assert [li.find("h3").text for li in steps] == [
        "Vyplňte žádost",
        "Přineste fotografii",
        "Vyzvedněte si průkaz",
    ]


def cache_youtube_player(url=VIDEO_URL):
    """What Wagtail stores when an editor saves the block (the page never fetches it)."""
    return Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html=(
            '<iframe width="200" height="113" src="https://www.youtube.com/embed/dQw4w9WgXcQ'
            '?feature=oembed" frameborder="0" allowfullscreen title="Jarmark"></iframe>'
        ),
        provider_name="YouTube",
        thumbnail_url="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
    )


def test_video_waits_behind_a_placeholder_and_loads_nothing_before_the_click():
    cache_youtube_player()
    html = render(VideoBlockFactory())
    assert "<iframe" not in html
    assert "ytimg" not in html  # not even the provider's thumbnail
    assert third_party_requests(html) == []
    document = soup(html)
    button = document.find("button", attrs={"data-video-src": True})
    # Privacy-enhanced player, created by the script only after the click.
    assert button["data-video-src"] == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?feature=oembed"
    )
    assert button["data-video-title"] == "Pozvánka na Dolnodolský jarmark"
    assert button.has_attr("hidden")  # shown by the script; without it the link remains
    script = document.find("script")
    assert script["type"] == "module" and script["src"].endswith("blocks/video.js")
    link = document.find("a", href=VIDEO_URL)
    assert "Otevřít video" in link.text
    assert document.find("figcaption").text == "Video: Město Horní Dolní"


def test_video_of_a_player_outside_the_content_security_policy_offers_only_the_link():
    embed = cache_youtube_player()
    embed.html = '<iframe src="https://player.example.net/v/1" title="Jarmark"></iframe>'
    embed.save()
    document = soup(render(VideoBlockFactory()))
    assert not document.find("button")
    assert document.find("a", href=VIDEO_URL)


def test_video_never_asks_the_provider_while_rendering(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the page must not fetch the embed")

    monkeypatch.setattr("wagtail.embeds.embeds.get_finder_for_embed", fail)
    html = render(VideoBlockFactory())
    document = soup(html)
    assert not document.find("button")
    assert not document.find("script")
    assert document.find("a", href=VIDEO_URL)


def test_contact_card_shows_the_person_with_mail_and_phone_links(town_a):
    person = PersonFactory(
        municipality=town_a,
        title_before="Ing.",
        first_name="Jan",
        last_name="Novák",
        position="starosta",
        email="starosta@alfa.test",
        phone="+420 321 654 980",
    )
    card = soup(render(ContactCardBlockFactory(person=person))).find(class_="person-card")
    assert card.find(class_="person-card__name").text == "Ing. Jan Novák"
    assert card.find(class_="person-card__position").text == "starosta"
    assert card.find("a", href="mailto:starosta@alfa.test")
    assert card.find("a", href="tel:+420321654980").text == "+420 321 654 980"


def test_contact_card_of_another_towns_person_is_not_shown(town_a, town_b):
    stranger = PersonFactory(municipality=town_b, first_name="Bedřich", last_name="Betovský")
    value = ContactCardBlockFactory(person=stranger)
    html = value.block.render(value, context={"municipality": town_a})
    assert "Betovský" not in html
    assert "Betovský" in value.block.render(value, context={"municipality": town_b})


def test_map_is_a_static_placeholder_with_a_link_to_openstreetmap():
    html = render(MapBlockFactory())
    assert third_party_requests(html) == []
    assert not soup(html).find(["iframe", "img", "script"])
    link = soup(html).find("a")
    assert link["href"] == (
        "https://www.openstreetmap.org/?mlat=49.951230&mlon=15.123450#map=17/49.951230/15.123450"
    )
    assert "Obecní úřad Lhota pod Lesem" in html
    assert "49.95123° s. š., 15.12345° v. d." in html


def test_map_coordinates_south_and_west():
    value = MapBlockFactory(latitude=Decimal("-33.856784"), longitude=Decimal("-70.5"))
    assert value.coordinates_label == "33.85678° j. š., 70.50000° z. d."
    assert "mlat=-33.856784&mlon=-70.500000" in value.osm_url


def test_link_needs_a_page_or_an_address_but_not_both(page_a):
    link = blocks.LinkBlock()
    with pytest.raises(ValidationError):
        link.clean(link.to_python({"page": None, "url": "", "text": ""}))
    with pytest.raises(ValidationError):
        link.clean(link.to_python({"page": page_a.pk, "url": "https://example.cz/", "text": "x"}))
    with pytest.raises(ValidationError):  # an address needs a text
        link.clean(link.to_python({"page": None, "url": "https://example.cz/", "text": ""}))
    chosen = link.clean(link.to_python({"page": page_a.pk, "url": "", "text": ""}))
    assert chosen["page"].pk == page_a.pk

    optional = blocks.LinkBlock(required=False)
    assert not optional.clean(optional.to_python({"page": None, "url": "", "text": ""})).is_set


def test_every_component_renders_on_a_page_with_headings_in_order(client, town_a):
    person = PersonFactory(municipality=town_a, first_name="Marie", last_name="Dvořáková")
    cache_youtube_player()
    page = StandardPageFactory(
        parent=town_a.site.root_page,
        title="Vše o obci",
        slug="vse-o-obci",
        body__0__rich_text__value="<h2>Úvod</h2><p>Text.</p><h3>Podrobnosti</h3>",
        body__1="image",
        body__2="image_with_text",
        body__3="gallery",
        body__4="accordion",
        body__5="tiles",
        body__6="info_panel",
        body__7="stats_bar",
        body__8="attachments",
        body__9="table",
        body__10="quote",
        body__11="call_to_action",
        body__12="step_by_step",
        body__13="video",
        body__14__contact__person=person,
        body__15="map",
        body__16="rich_text",
        body__3__gallery__images__0__caption="Náves",
        body__4__accordion__items__0__title="Otázka",
        body__5__tiles__tiles__0__title="Dlaždice",
        body__7__stats_bar__items__0__value="412",
        body__8__attachments__attachments__0__title="Vyhláška",
        body__12__step_by_step__steps__0__title="Krok",
    )
    page.save_revision().publish()

    response = client.get("/vse-o-obci/", HTTP_HOST="alfa.test")
    assert response.status_code == 200
    html = response.content.decode()
    main = soup(html).find("main")
    levels = [int(h.name[1]) for h in main.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
    assert "Marie Dvořáková" in html
    assert "<details" in html and '<ol class="steps">' in html
    assert third_party_requests(str(main)) == []
    for img in main.find_all("img"):
        assert img.has_attr("alt")


def test_the_table_editor_app_is_installed():
    # Without it the admin cannot load the table block's JavaScript, and with it every body.
    from django.apps import apps

    from radnice.blocks.checks import check_required_apps

    assert apps.is_installed("wagtail.contrib.typed_table_block")
    assert check_required_apps() == []
