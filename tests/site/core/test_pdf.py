"""PDF documents of a town (radnice.core.pdf), read back with pypdf, an independent library."""

import datetime
import io

import pypdf
import pytest
from django.core.exceptions import ImproperlyConfigured
from PIL import Image
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import themes
from municipalities.models import Municipality
from radnice.core.pdf import Column, TownDocument, document_fonts, pdf_response
from themes.checks import pdf_fonts_exist

PANGRAM = "Příliš žluťoučký kůň úpěl ďábelské ódy"
CREATED = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)


def town(**kwargs):
    """A municipality in memory: the document needs its name, theme, font and arms only."""
    return Municipality(name=kwargs.pop("name", "Obec Horní Lhota"), **kwargs)


def read(content):
    return pypdf.PdfReader(io.BytesIO(content))


def text_of(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def embedded_fonts(reader):
    """{font name without the subset tag: has an embedded TrueType file} of every page."""
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            fonts[name] = "/FontFile2" in descriptor
    return fonts


def png(width=60, height=60):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 80, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def receipt(municipality, **kwargs):
    document = TownDocument(municipality, PANGRAM, created=CREATED, **kwargs)
    document.heading("Úhrada poplatku")
    document.paragraph(f"{PANGRAM}. Děkujeme za včasnou úhradu.")
    document.key_values([("Variabilní symbol", "2026000123"), ("Částka", "1 234,50 Kč")])
    document.table(
        [Column("Položka", width=3), Column("Počet", numeric=True), Column("Cena", numeric=True)],
        [
            ["Poplatek za psa – Čipík", "1", "500,00 Kč"],
            ["Svoz odpadu (č. p. 12)", "2", "734,50 Kč"],
        ],
        footer=["Celkem", "", "1 234,50 Kč"],
    )
    document.image(png(), width=30, alt="QR Platba")
    return document.render()


def test_czech_text_is_written_and_read_back_with_its_diacritics():
    reader = read(receipt(town()))
    text = text_of(reader)
    assert PANGRAM in text
    assert "Děkujeme za včasnou úhradu." in text
    assert "Úhrada poplatku" in text
    assert "Variabilní symbol 2026000123" in text
    assert "Poplatek za psa – Čipík 1 500,00 Kč" in text
    assert "Celkem 1 234,50 Kč" in text
    # the header and the numbered footer
    assert text.startswith("Obec Horní Lhota\n")
    assert "Strana 1 z 1" in text


def test_metadata_carry_the_title_the_town_and_the_language():
    reader = read(receipt(town()))
    assert reader.metadata.title == PANGRAM
    assert reader.metadata.author == "Obec Horní Lhota"
    assert reader.metadata.creation_date == CREATED
    assert reader.trailer["/Root"]["/Lang"] == "cs"


def test_an_english_document_says_so_and_numbers_its_pages_in_english():
    reader = read(receipt(town(), language="en"))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "Page 1 of 1" in text_of(reader)


def test_the_default_themes_font_is_embedded():
    fonts = embedded_fonts(read(receipt(town(theme="default", font="system"))))
    assert fonts == {"SourceSans3": True, "SourceSans3Bold": True}


def test_a_themes_heading_font_is_embedded_and_the_body_falls_back_to_the_default_themes():
    fonts = embedded_fonts(read(receipt(town(theme="namesti", font="system"))))
    assert fonts == {"SourceSans3": True, "SourceSans3Bold": True, "NotoSerifBold": True}


def test_the_towns_branding_font_sets_the_body_as_on_the_web():
    fonts = embedded_fonts(read(receipt(town(theme="default", font="atkinson"))))
    assert set(fonts) == {"AtkinsonHyperlegible", "AtkinsonHyperlegibleBold"}
    # Náměstí keeps its serif headings whatever the town's body font is.
    fonts = embedded_fonts(read(receipt(town(theme="namesti", font="atkinson"))))
    assert set(fonts) == {"AtkinsonHyperlegible", "AtkinsonHyperlegibleBold", "NotoSerifBold"}


def test_a_theme_no_longer_installed_falls_back_to_the_default_themes_fonts():
    fonts = document_fonts(town(theme="zruseny", font="system"))
    assert fonts["body"].name == fonts["heading"].name == "source-sans"


def test_a_theme_naming_a_font_family_nobody_ships_stops_with_an_error(monkeypatch):
    namesti = themes.theme_configs()["namesti"]
    monkeypatch.setattr(namesti, "pdf_fonts", {"heading": "comic-sans"}, raising=False)
    with pytest.raises(ImproperlyConfigured, match="comic-sans"):
        themes.theme_pdf_fonts("namesti")
    # and Django's system check says so when it starts
    errors = pdf_fonts_exist()
    assert [error.id for error in errors] == ["radnice_themes.E001"]
    assert "'namesti'" in errors[0].msg and "'comic-sans'" in errors[0].msg


def test_a_missing_font_file_fails_the_system_check(monkeypatch, tmp_path):
    default = themes.theme_configs()["default"]
    families = dict(default.pdf_font_families)
    families["atkinson"] = {"regular": str(tmp_path / "chybi.ttf"), "bold": "chybi-tucne.ttf"}
    monkeypatch.setattr(default, "pdf_font_families", families)
    errors = pdf_fonts_exist()
    assert len(errors) == 2
    assert all(error.id == "radnice_themes.E001" and "'atkinson'" in error.msg for error in errors)


def test_the_installed_themes_pass_the_system_check():
    assert pdf_fonts_exist() == []


def test_every_declared_font_file_exists():
    families = themes.pdf_font_families()
    assert set(families) == {"source-sans", "atkinson", "noto-serif"}
    for family in families.values():
        assert family.regular.is_file() and family.bold.is_file()
        assert (family.regular.parent / "OFL.txt").is_file()


def test_the_image_is_embedded_at_its_size():
    reader = read(receipt(town()))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 1
    assert images[0].image.size == (60, 60)


def test_a_long_document_breaks_into_numbered_pages_each_with_the_header():
    document = TownDocument(town(), "Seznam plateb", created=CREATED)
    rows = [[f"Platba č. {number}", f"{number * 10},00 Kč"] for number in range(1, 121)]
    document.table([Column("Platba"), Column("Částka", numeric=True)], rows)
    reader = read(document.render())
    pages = len(reader.pages)
    assert pages >= 3
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert text.startswith("Obec Horní Lhota\n")
        assert f"Strana {number} z {pages}" in text
        # the heading row repeats on every page
        assert "Platba Částka" in text
    assert "Platba č. 120 1200,00 Kč" in text_of(reader)


def test_the_same_content_and_time_give_the_same_bytes():
    assert receipt(town()) == receipt(town())


@pytest.mark.django_db
def test_the_coat_of_arms_heads_every_page(town_a, files_in_tmp):
    town_a.coat_of_arms = get_image_model().objects.create(
        title="Znak", file=get_test_image_file(), collection=town_a.collection
    )
    reader = read(receipt(town_a))
    images = list(reader.pages[0].images)
    # the arms (a PNG rendition 160 px high) and the document's own image
    assert sorted(image.image.size[1] for image in images) == [60, 160]


def test_pdf_response_shows_the_document_under_its_file_name():
    response = pdf_response(b"%PDF-1.7", "potvrzení.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename*=utf-8''potvrzen")
    download = pdf_response(b"%PDF-1.7", "potvrzeni.pdf", attachment=True)
    assert download["Content-Disposition"] == 'attachment; filename="potvrzeni.pdf"'
    assert download.content == b"%PDF-1.7"
