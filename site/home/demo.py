"""Demo content of the home page and the content pages for one municipality.

``build_demo(municipality)`` fills the home page's hero and top tasks ("Životní situace") and
adds a landing page ("Život v obci") with two subpages and the accessibility statement. It is
idempotent: whatever exists already (found by slug, or any top task at all) is left alone, so
running it again creates no page, revision or image. The texts and page bodies are in
municipalities/demo/data/shared/home.yaml.
"""

import io

from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.images import get_image_model

from municipalities.demo import data
from radnice.blocks.blocks import BodyStreamBlock
from radnice.pages.models import AccessibilityStatementPage, LandingPage, StandardPage

from .models import HomePageTopTask

HERO_SIZE = (1500, 500)


def _content(municipality):
    """data/shared/home.yaml with the town's name and city filled in."""
    words = {"name": municipality.name, "city": municipality.city}
    return data.formatted(data.shared("home"), words)


def _body(blocks):
    return BodyStreamBlock().to_python(blocks)


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
    texts = _content(municipality)["hero"]
    title = texts["title"]
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
            description=texts["description"],
            collection=municipality.collection,
            file=ImageFile(buffer, name=filename),
        )
        image.save()
    home.hero_image = image
    return True


def ensure_top_tasks(municipality, home):
    if home.top_tasks.exists():
        return False
    for order, fields in enumerate(_content(municipality)["top_tasks"]):
        target = fields["link"]
        task = HomePageTopTask(
            page=home, title=fields["title"], icon=fields["icon"], sort_order=order
        )
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
    content = _content(municipality)
    fields = content["landing"]
    landing = _child(home, fields["slug"])
    if landing is None:
        landing = LandingPage(**{**fields, "body": _body(fields["body"])}, show_in_menus=True)
        home.add_child(instance=landing)
        _publish(landing)
    for fields in content["subpages"]:
        if _child(landing, fields["slug"]) is None:
            page = StandardPage(**{**fields, "body": _body(fields["body"])})
            landing.add_child(instance=page)
            _publish(page)
    return landing


def ensure_accessibility_statement(municipality, home):
    fields = _content(municipality)["statement"]
    statement = _child(home, fields["slug"])
    if statement is not None:
        return statement
    content = AccessibilityStatementPage._meta.get_field("non_accessible_content")
    statement = AccessibilityStatementPage(
        title=fields["title"],
        slug=fields["slug"],
        compliance=AccessibilityStatementPage.Compliance.PARTIAL,
        prepared_on=fields["prepared_on"],
        reviewed_on=fields["prepared_on"],
        method=AccessibilityStatementPage.Method.SELF_ASSESSMENT,
        non_accessible_content=content.stream_block.to_python(fields["non_accessible_content"]),
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
    changed = ensure_top_tasks(municipality, home) or changed
    if changed:
        _publish(home)
    return home
