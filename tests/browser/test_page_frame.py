"""The page frame in a real browser: the main menu's submenus with the keyboard alone, the
"Menu" button on narrow screens, and the light/dark switch with and without JavaScript."""

from playwright.sync_api import expect

from tests.browser.conftest import site_url
from tests.factories import StandardPageFactory


def nav(page):
    return page.get_by_role("navigation", name="Hlavní navigace")


def menu_with_submenu(town):
    home = town.site.root_page
    for title, slug in (("Kontakty", "kontakty"), ("Život v obci", "zivot")):
        page = StandardPageFactory(parent=home, title=title, slug=slug, show_in_menus=True)
        page.save_revision().publish()
    life = page
    for title, slug in (("Spolky", "spolky"), ("Poplatky", "poplatky")):
        child = StandardPageFactory(parent=life, title=title, slug=slug, show_in_menus=True)
        child.save_revision().publish()


def test_submenu_opens_and_closes_with_the_keyboard(browser_page, live_town_a):
    menu_with_submenu(live_town_a)
    page = browser_page
    page.goto(site_url(live_town_a))
    toggle = page.get_by_role("button", name="Podstránky: Život v obci")
    submenu = page.locator("#" + toggle.get_attribute("aria-controls"))
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(submenu).to_be_hidden()

    nav(page).get_by_role("link", name="Život v obci").focus()
    page.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(submenu).to_be_visible()
    page.keyboard.press("Tab")
    expect(nav(page).get_by_role("link", name="Spolky")).to_be_focused()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(submenu).to_be_hidden()

    page.keyboard.press("Space")
    expect(submenu).to_be_visible()
    page.keyboard.press("Shift+Tab")  # to the section's own link: still open
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Shift+Tab")  # focus leaves the item: the submenu closes
    expect(nav(page).get_by_role("link", name="Kontakty")).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")


def test_without_javascript_submenus_open_on_focus(browser, live_town_a):
    menu_with_submenu(live_town_a)
    desktop = {"width": 1280, "height": 900}
    context = browser.new_context(java_script_enabled=False, viewport=desktop)
    page = context.new_page()
    page.goto(site_url(live_town_a))
    expect(page.locator(".main-menu__toggle")).to_be_hidden()
    nav(page).get_by_role("link", name="Život v obci").focus()
    page.keyboard.press("Tab")
    expect(nav(page).get_by_role("link", name="Spolky")).to_be_focused()
    expect(nav(page).get_by_role("link", name="Spolky")).to_be_visible()
    context.close()


def test_narrow_screen_menu_button(browser, live_town_a):
    menu_with_submenu(live_town_a)
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(site_url(live_town_a))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    button = page.get_by_role("button", name="Menu")
    expect(nav(page).get_by_role("link", name="Kontakty")).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav(page).get_by_role("link", name="Kontakty")).to_be_visible()
    context.close()

    no_js = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 800})
    page = no_js.new_page()
    page.goto(site_url(live_town_a))
    expect(nav(page).get_by_role("link", name="Kontakty")).to_be_visible()
    expect(nav(page).get_by_role("link", name="Spolky")).to_be_visible()
    no_js.close()


def background(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_colour_mode_follows_the_device_and_the_visitors_choice(browser, live_town_a):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url(live_town_a))
    dark = background(page)
    assert dark != "rgb(255, 255, 255)"

    page.get_by_role("button", name="Světlý").click()
    expect(page.locator("html")).to_have_attribute("data-color-scheme", "light")
    assert background(page) == "rgb(255, 255, 255)"
    page.reload()  # remembered, and rendered on the server: light from the first paint
    expect(page.locator("html")).to_have_attribute("data-color-scheme", "light")
    expect(page.get_by_role("button", name="Světlý")).to_have_attribute("aria-pressed", "true")

    page.get_by_role("button", name="Podle zařízení").click()
    expect(page.locator("html")).not_to_have_attribute("data-color-scheme", "light")
    assert background(page) == dark
    context.close()

    no_js = browser.new_context(java_script_enabled=False, color_scheme="light")
    page = no_js.new_page()
    page.goto(site_url(live_town_a, "/?q=1"))
    page.get_by_role("button", name="Tmavý").click()
    page.wait_for_url(site_url(live_town_a, "/?q=1"))
    expect(page.locator("html")).to_have_attribute("data-color-scheme", "dark")
    assert background(page) == dark
    no_js.close()
