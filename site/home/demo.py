"""Demo content of the home page and the content pages for one municipality.

``build_demo(municipality)`` fills the home page's hero and top tasks ("Životní situace") and
adds a landing page ("Život v obci") with two subpages and the accessibility statement. It is
idempotent: whatever exists already (found by slug, or any top task at all) is left alone, so
running it again creates no page, revision or image.
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from radnice.blocks.blocks import BodyStreamBlock
from radnice.pages.models import AccessibilityStatementPage, LandingPage, StandardPage

from .models import HomePageTopTask

LANDING_SLUG = "zivot-v-obci"
STATEMENT_SLUG = "prohlaseni-o-pristupnosti"
STATEMENT_PREPARED_ON = datetime.date(2026, 1, 15)
HERO_SIZE = (1500, 500)

# (text, slug of a page below the home page or an absolute URL, icon)
TOP_TASKS = [
    ("Občanský průkaz a cestovní pas", "https://portal.gov.cz/obcan/", "document"),
    ("Odpady a sběrné místo", "odpady", "waste"),
    ("Místní poplatky", "zivot-v-obci/poplatky", "money"),
    ("Úřední hodiny a kontakty", "obecni-urad", "building"),
    ("Narození a trvalý pobyt", "https://portal.gov.cz/", "family"),
    ("Kulturní a sportovní akce", "zivot-v-obci", "calendar"),
]


def _rich_text(html):
    return RichText(html)


def landing_body(municipality):
    name = municipality.name
    return BodyStreamBlock().to_python(
        [
            {
                "type": "stats_bar",
                "value": {
                    "heading": f"{name} v číslech",
                    "items": [
                        {"value": "1352", "label": "první písemná zmínka"},
                        {"value": "2", "label": "místní části"},
                        {"value": "14", "label": "spolků a sdružení"},
                    ],
                },
            },
            {
                "type": "accordion",
                "value": {
                    "heading": "Časté dotazy",
                    "items": [
                        {
                            "title": "Kdy a kde platím poplatek za odpad?",
                            "content": "<p>Poplatek je splatný do 31. března na účet obce "
                            "nebo v hotovosti na podatelně obecního úřadu.</p>",
                        },
                        {
                            "title": "Jak si půjčím sál nebo stoly a lavice?",
                            "content": "<p>Rezervaci přijímá podatelna telefonicky i e-mailem. "
                            "Stoly a lavice půjčujeme občanům zdarma.</p>",
                        },
                    ],
                },
            },
            {
                "type": "info_panel",
                "value": {
                    "level": "info",
                    "heading": "Hlášení rozhlasu e-mailem",
                    "text": "<p>Zprávy z obecního rozhlasu vám rádi posíláme e-mailem. "
                    "Stačí napsat na podatelnu.</p>",
                },
            },
        ]
    )


def fees_body():
    return BodyStreamBlock().to_python(
        [
            {
                "type": "rich_text",
                "value": "<p>Místní poplatky stanovují obecně závazné vyhlášky obce. "
                "Zaplatit je můžete převodem, kartou na podatelně nebo v hotovosti.</p>",
            },
            {
                "type": "step_by_step",
                "value": {
                    "heading": "Jak zaplatit poplatek převodem",
                    "intro": "Platba převodem zabere pár minut.",
                    "steps": [
                        {
                            "title": "Zjistěte variabilní symbol",
                            "content": "<p>Variabilní symbol je číslo popisné vašeho domu.</p>",
                        },
                        {
                            "title": "Zadejte platbu",
                            "content": "<p>Částku pošlete na účet obce uvedený v patičce.</p>",
                        },
                        {
                            "title": "Hotovo",
                            "content": "<p>Potvrzení vám na požádání vystaví podatelna.</p>",
                        },
                    ],
                },
            },
        ]
    )


def community_body(municipality):
    return BodyStreamBlock().to_python(
        [
            {
                "type": "rich_text",
                "value": "<p>V obci působí hasiči, myslivci, fotbalový oddíl i spolek "
                "seniorů. Obec jejich činnost každý rok podporuje dotacemi.</p>",
            },
            {
                "type": "quote",
                "value": {
                    "quote": "Bez spolků by obec byla jen místem, kde se přespává.",
                    "author": "starosta obce",
                    "role": municipality.name,
                },
            },
            {
                "type": "map",
                "value": {
                    "label": "Sportovní areál",
                    "address": municipality.street and f"{municipality.city}",
                    "latitude": "49.951230",
                    "longitude": "15.123450",
                    "zoom": 16,
                },
            },
        ]
    )


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


def ensure_hero_image(municipality, home):
    """A generated landscape (sky, hills, sun) in the town's collection, as the home hero."""
    if home.hero_image_id:
        return False
    Image = get_image_model()
    title = f"Krajina – {municipality.name}"
    image = Image.objects.filter(title=title, collection=municipality.collection).first()
    if image is None:
        from PIL import Image as PillowImage
        from PIL import ImageDraw

        canvas = PillowImage.new("RGB", HERO_SIZE, (190, 220, 240))
        draw = ImageDraw.Draw(canvas)
        draw.ellipse((1180, 60, 1300, 180), fill=(250, 215, 90))
        draw.polygon(
            [(0, 380), (400, 230), (800, 360), (1200, 250), (1500, 340), (1500, 500), (0, 500)],
            fill=(90, 150, 80),
        )
        draw.polygon(
            [(0, 450), (500, 360), (1000, 430), (1500, 380), (1500, 500), (0, 500)],
            fill=(60, 120, 60),
        )
        buffer = io.BytesIO()
        canvas.save(buffer, format="JPEG", quality=85)
        filename = f"krajina-{slugify(municipality.name)}.jpg"
        image = Image(
            title=title,
            description=f"Ilustrační krajina obce {municipality.name}",
            collection=municipality.collection,
            file=ImageFile(buffer, name=filename),
        )
        image.save()
    home.hero_image = image
    return True


def ensure_top_tasks(home):
    if home.top_tasks.exists():
        return False
    for order, (text, target, icon) in enumerate(TOP_TASKS):
        task = HomePageTopTask(page=home, title=text, icon=icon, sort_order=order)
        if target.startswith("https://"):
            task.link_url = target
        else:
            page = home
            for slug in target.split("/"):
                page = page and page.get_children().filter(slug=slug).first()
            if page is None:
                continue
            task.link_page = page
        home.top_tasks.add(task)
    return True


def ensure_landing_page(municipality, home):
    landing = _child(home, LANDING_SLUG)
    if landing is None:
        landing = LandingPage(
            title="Život v obci",
            slug=LANDING_SLUG,
            teaser="Spolky, poplatky, odpady a vše, co se hodí vědět o životě v obci.",
            intro=f"Co se v obci {municipality.name} děje, kdo tu pomáhá a jak si co vyřídit.",
            body=landing_body(municipality),
            show_in_menus=True,
        )
        home.add_child(instance=landing)
        _publish(landing)
    subpages = [
        (
            "Místní poplatky",
            "poplatky",
            "Poplatek za odpad, ze psů a za užívání veřejného prostranství.",
            fees_body(),
        ),
        (
            "Spolky",
            "spolky",
            "Hasiči, myslivci, fotbalisté a senioři: kdo se v obci stará o společný život.",
            community_body(municipality),
        ),
    ]
    for title, slug, teaser, body in subpages:
        if _child(landing, slug) is None:
            page = StandardPage(title=title, slug=slug, teaser=teaser, body=body)
            landing.add_child(instance=page)
            _publish(page)
    return landing


def ensure_accessibility_statement(municipality, home):
    statement = _child(home, STATEMENT_SLUG)
    if statement is not None:
        return statement
    statement = AccessibilityStatementPage(
        title="Prohlášení o přístupnosti",
        slug=STATEMENT_SLUG,
        compliance=AccessibilityStatementPage.Compliance.PARTIAL,
        prepared_on=STATEMENT_PREPARED_ON,
        reviewed_on=STATEMENT_PREPARED_ON,
        method=AccessibilityStatementPage.Method.SELF_ASSESSMENT,
        non_accessible_content=[
            (
                "item",
                {
                    "reason": "non_compliance",
                    "title": "Některé starší dokumenty PDF na úřední desce nemají textovou vrstvu.",
                    "description": _rich_text(
                        "<p>Jde o naskenované dokumenty vyvěšené před rokem 2020; čtečka "
                        "obrazovky je nepřečte (WCAG 2.1, kritérium 1.1.1).</p>"
                    ),
                    "alternative": "Na požádání vám obsah dokumentu pošleme e-mailem nebo "
                    "přečteme po telefonu.",
                },
            ),
            (
                "item",
                {
                    "reason": "out_of_scope",
                    "title": "Videozáznamy zasedání zastupitelstva z let 2018–2020 nemají titulky.",
                    "description": _rich_text(
                        "<p>Záznamy časových médií zveřejněné před 23. zářím 2020 zákon "
                        "nevyžaduje zpřístupnit.</p>"
                    ),
                    "alternative": "Zápisy ze zasedání jsou zveřejněny jako text.",
                },
            ),
        ],
    )
    home.add_child(instance=statement)
    _publish(statement)
    return statement


def build_demo(municipality):
    """Fill in the demo content of one municipality's home and content pages (idempotent)."""
    home = municipality.site.root_page.specific
    # First the pages, so that the top tasks can link to them.
    ensure_landing_page(municipality, home)
    ensure_accessibility_statement(municipality, home)
    changed = ensure_hero_image(municipality, home)
    changed = ensure_top_tasks(home) or changed
    if changed:
        _publish(home)
    return home
