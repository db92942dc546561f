"""An editor publishes a page in the admin; it appears on their town's site and not on another's.

The editor is a member of the town's "Schvalovatelé" group: members of "Editoři" may not
publish, only save drafts and submit them for moderation.
"""

import re

from playwright.sync_api import expect

from radnice.pages.models import StandardPage
from tests.browser.conftest import log_in, site_url

TITLE = "Úřední hodiny v létě"
BODY = "Od 1. července má podatelna otevřeno jen v pondělí a ve středu."


def create_standard_page(page, municipality, home):
    """From the home page's listing: add a child page of type "Stránka" and publish it."""
    page.goto(site_url(municipality, f"/admin/pages/{home.pk}/"))
    expect(page.get_by_role("heading", name=home.title)).to_be_visible()
    page.get_by_role("link", name="Přidat podstránku").click()
    add_form_path = f"/admin/pages/add/pages/standardpage/{home.pk}/"
    # With one allowed child type Wagtail opens its form directly, otherwise it asks which.
    page.wait_for_url(re.compile(rf"/admin/pages/({home.pk}/add_subpage|add/\w+/\w+/{home.pk})/$"))
    if "/add_subpage/" in page.url:
        page.locator(f"main a[href^='{add_form_path}']").click()
    page.wait_for_url(site_url(municipality, add_form_path))
    expect(page.get_by_role("heading", name="Nový: Stránka")).to_be_attached()

    title = page.locator("[name='title']")
    title.fill(TITLE)
    title.press("Tab")  # Wagtail fills the slug from the title on blur.
    # The body is a stream of components: insert a "text" block, then type into its editor.
    page.locator("[data-contentpath='body'] button.c-sf-add-button").first.click()
    page.get_by_role("option", name="text", exact=True).click()
    body = page.locator(
        "[data-contentpath='body'] [data-draftail-editor-wrapper] [contenteditable='true']"
    ).first
    body.click()
    page.keyboard.type(BODY)
    expect(body).to_contain_text(BODY)
    # Draftail copies its content into the form's hidden input after a short debounce.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile(re.escape(BODY)))

    footer = page.locator("footer nav.actions")
    footer.locator(".w-dropdown__toggle").click()
    publish = footer.get_by_role("button", name="Publikovat")
    expect(publish).to_be_visible()
    publish.click()

    page.wait_for_url(site_url(municipality, f"/admin/pages/{home.pk}/"))
    expect(page.locator(".messages")).to_contain_text(TITLE)
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()


def test_editor_publishes_page_visible_only_on_own_site(
    live_town_a, live_town_b, live_publisher_a, browser_page
):
    page = browser_page
    home_a = live_town_a.site.root_page

    log_in(page, live_town_a, live_publisher_a)
    create_standard_page(page, live_town_a, home_a)

    published = StandardPage.objects.get(title=TITLE)
    assert [block.block_type for block in published.body] == ["rich_text"]
    assert BODY in published.body[0].value.source
    assert published.live
    assert published.get_parent().pk == home_a.pk
    path = f"/{published.slug}/"
    assert path == "/uredni-hodiny-v-lete/"

    # Town A: the page at its URL and in the home page's listing, which links to it.
    response = page.goto(site_url(live_town_a, path))
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text(BODY)

    response = page.goto(site_url(live_town_a))
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(live_town_a.name)
    page.locator("main").get_by_role("link", name=TITLE).click()
    page.wait_for_url(site_url(live_town_a, path))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # Town B: nothing at the same path, nothing on its home page.
    response = page.goto(site_url(live_town_b, path))
    assert response.status == 404
    expect(page.get_by_text(TITLE)).to_have_count(0)

    response = page.goto(site_url(live_town_b))
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(live_town_b.name)
    expect(page.get_by_text(TITLE)).to_have_count(0)
    expect(page.get_by_text(BODY)).to_have_count(0)
