"""Every public page type, in every installed theme: accessible (WCAG 2.1 A and AA in light
and dark mode, at 375 and 1280 px; keyboard; without JavaScript), private (no request to
another host) and light (the weight budget of radnice.core.page_weight).

The town is the demo's Lhota pod Lesem (``showcase``), built once; its sample pages come
from ``radnice.core.page_samples``, so a new page type is checked as soon as the demo has
one. Each test covers one installed theme (``themes.available_themes()``), so a new theme is
checked without touching this file.

For speed, one walk (the ``walk`` fixture) visits all pages in the colour modes and widths
of ``WALK`` and the tests report every problem it found at once (page, mode, width, rule,
impact, elements, help) instead of stopping at the first. Each page load serves several
checks: axe-core, the site frame, foreign requests and CSP messages on every load; the
weight budget from the light pass at 1280 px, where each page opens in a fresh browser
context (nothing cached); reflow at 320 px from the light pass at 375 px, by narrowing the
window of the loaded page. The visitor's own choice of dark mode differs from the device's
dark mode only in which CSS route applies the same palette, so it is checked at 1280 px only.
The device's dark mode is checked on the light mode's load, by switching the preference; the
dark modes change colours only, so they run axe-core's rules about colour.
"""

import dataclasses
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from radnice.core.page_weight import budget_problems, measure_page, settle
from tests.browser.conftest import SHOWCASE_HOSTNAME, TIMEOUT_MS, add_sample_cookies
from themes import available_themes
from themes.colour_scheme import COOKIE_NAME as COLOUR_COOKIE

THEMES = [theme.name for theme in available_themes()]
WIDTHS = (375, 1280)
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS},
    "resultTypes": ["violations"],
    # Preloading re-fetches stylesheets for one experimental rule (css-orientation-lock) and
    # resolves their @import against the page, which only fills the log with 404s.
    "preload": False,
}
MAIN_MENU = "nav[aria-label='Hlavní navigace']"
# Tab presses allowed to reach an element; more means the keyboard order is broken.
MAX_TABS = 120


@dataclasses.dataclass(frozen=True)
class ColorMode:
    """How the visitor gets light or dark: the device's preference, possibly overridden
    by their own choice on the site (cookies the theme's light/dark switch sets)."""

    name: str
    color_scheme: str  # prefers-color-scheme of the device
    cookies: tuple = ()  # (name, value) pairs of the visitor's explicit choice

    @property
    def dark(self):
        return self.color_scheme == "dark" or (COLOUR_COOKIE, "dark") in self.cookies


# The device's preference both ways, and the visitor's explicit choice of dark on a device
# that prefers light (the dark palette is written twice in CSS, once per route).
COLOR_MODES = (
    ColorMode("světlý", "light"),
    ColorMode("tmavý", "dark"),
    ColorMode("tmavý, zvolený návštěvníkem", "light", cookies=((COLOUR_COOKIE, "dark"),)),
)
# The loads of the walk: each page in a colour mode and width, and the modes it is checked in
# again on the same load, by switching the device's preference (CSS media queries follow it
# at once; no script reads it): both of the device's preferences at both widths, the
# visitor's choice of dark (a cookie, so a load of its own) at the wide one.
PASSES = (
    (COLOR_MODES[0], 375, (COLOR_MODES[1],)),
    (COLOR_MODES[0], 1280, (COLOR_MODES[1],)),
    (COLOR_MODES[2], 1280, ()),
)
WALK = tuple((mode, width) for load, width, also in PASSES for mode in (load, *also))
# A dark mode changes the colours only (the markup is the light mode's or, for the visitor's
# choice, the same template's), so it is checked with the rules about colour.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_COLOUR_OPTIONS = {**AXE_OPTIONS, "runOnly": {"type": "rule", "values": COLOUR_RULES}}
# The pass of the walk that weighs every page, each in a fresh context.
WEIGHED = (COLOR_MODES[0], 1280)
# WCAG 1.4.10 asks for reflow down to 320 CSS px; axe runs at the widths above, this one
# is checked for sideways scrolling only, in this pass, by narrowing the loaded page.
NARROWEST = 320
NARROWED = (COLOR_MODES[0], 375)


def context_options(mode=COLOR_MODES[0], width=1280, **options):
    return {
        "locale": "cs-CZ",
        "viewport": {"width": width, "height": 900},
        "color_scheme": mode.color_scheme,
        **options,
    }


def set_up_context(context, showcase, mode=COLOR_MODES[0]):
    context.set_default_timeout(TIMEOUT_MS)
    if mode.cookies:
        context.add_cookies(
            [{"name": name, "value": value, "url": showcase.url()} for name, value in mode.cookies]
        )
    return context


def new_context(browser, showcase, mode=COLOR_MODES[0], width=1280, **options):
    context = browser.new_context(**context_options(mode, width, **options))
    return set_up_context(context, showcase, mode)


class AxeOncePerLoad(Axe):
    """axe-core, injected into a loaded page only once: the dark-mode checks made on the same
    load (by switching the device's preference) reuse it. Injecting its half a megabyte of
    script costs a tenth of a second, as much as a third of a check."""

    def run(self, page, context=None, options=None):
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe_script)
        arguments = self._format_script_args(context=context, options=options)
        return AxeResults(page.evaluate(f"axe.run({arguments}).then(results => results)"))


@pytest.fixture(scope="module", params=THEMES)
def theme(request, showcase):
    showcase.use_theme(request.param)
    yield request.param
    showcase.use_theme("default")


def visit(page, showcase, sample):
    add_sample_cookies(page.context, showcase, sample)
    response = page.goto(showcase.url(sample.path))
    assert response.status == sample.status, f"{sample.path}: HTTP {response.status}"
    return response


@dataclasses.dataclass
class Walk:
    """What one visit of every sample page, in every colour mode and width of ``WALK``, found."""

    checks: int = 0  # pages checked by axe
    # (rule, impact, elements, help) -> ["page (mode, width)", ...]
    violations: dict = dataclasses.field(default_factory=lambda: defaultdict(list))
    # host -> {"page → URL", ...} of requests that left the town's site
    foreign_requests: dict = dataclasses.field(default_factory=lambda: defaultdict(set))
    # what of the site frame is missing -> {page path, ...}
    missing_frame: dict = dataclasses.field(default_factory=lambda: defaultdict(set))
    # Content-Security-Policy messages of the browser console -> {page path, ...}
    csp_errors: dict = dataclasses.field(default_factory=lambda: defaultdict(set))
    # radnice.core.page_weight.PageWeight of every sample page (the ``WEIGHED`` pass)
    weights: list = dataclasses.field(default_factory=list)
    # page path -> the elements sticking out at ``NARROWEST`` px ("" when it reflows)
    narrow_overflow: dict = dataclasses.field(default_factory=dict)
    # page path -> {colour mode's name: the page's colours}, as axe-core saw it
    palettes: dict = dataclasses.field(default_factory=lambda: defaultdict(dict))


@pytest.fixture(scope="module")
def walk(theme, showcase, module_browser):
    """Visit every sample page in every colour mode and width of ``WALK`` once: run axe-core
    on it, record every request it makes (after scrolling to the end, so lazy images load
    too), weigh it in one pass and narrow it to 320 px in another."""
    axe = AxeOncePerLoad()
    result = Walk()
    for mode, width, also in PASSES:
        current = {}

        def record(request, current=current):
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and (
                parts.hostname != SHOWCASE_HOSTNAME
            ):
                result.foreign_requests[parts.hostname].add(f"{current['path']} → {request.url}")

        def console(message, current=current):
            if "Content Security Policy" in message.text:
                result.csp_errors[message.text].add(current["path"])

        def prepare(context, mode=mode):
            set_up_context(context, showcase, mode)
            context.on("request", record)
            context.on("console", console)

        def run_axe(page, sample, mode, width, options):
            where = f"{sample.label} {sample.path} ({mode.name}, {width} px)"
            result.checks += 1
            result.palettes[sample.path][mode.name] = page_palette(page)
            for violation in axe.run(page, options=options).response["violations"]:
                targets = "; ".join(
                    " ".join(map(str, node["target"])) for node in violation["nodes"]
                )
                key = (violation["id"], violation["impact"], targets, violation["help"])
                result.violations[key].append(where)

        def check(page, response, sample, mode=mode, width=width, also=also):
            where = f"{sample.label} {sample.path} ({mode.name}, {width} px)"
            if response.status != sample.status:
                key = ("http-status", f"HTTP {response.status}", "", "")
                result.violations[key].append(where)
                return
            for part, locator in frame_parts(page, showcase).items():
                if not locator.count():
                    result.missing_frame[part].add(sample.path)
            overflow = horizontal_overflow(page)
            if overflow:
                key = (
                    "reflow",
                    "serious",
                    overflow,
                    "Content must reflow without horizontal scrolling (WCAG 1.4.10)",
                )
                result.violations[key].append(where)
            options = AXE_COLOUR_OPTIONS if mode.dark else AXE_OPTIONS
            run_axe(page, sample, mode, width, options)
            if (mode, width) == NARROWED:
                page.set_viewport_size({"width": NARROWEST, "height": 900})
                next_frame(page)
                result.narrow_overflow[sample.path] = horizontal_overflow(page)
                page.set_viewport_size({"width": width, "height": 900})
            for other in also:
                page.emulate_media(color_scheme=other.color_scheme)
                next_frame(page)
                run_axe(page, sample, other, width, AXE_COLOUR_OPTIONS)
            if also:
                page.emulate_media(color_scheme=mode.color_scheme)

        if (mode, width) == WEIGHED:
            for sample in showcase.samples:
                current["path"] = sample.path
                weight = measure_page(
                    module_browser,
                    showcase.url(sample.path),
                    sample,
                    prepare=prepare,
                    inspect=lambda page, response, sample=sample: check(page, response, sample),
                    **context_options(mode, width),
                )
                result.weights.append(weight)
            continue
        context = module_browser.new_context(**context_options(mode, width))
        prepare(context)
        page = context.new_page()
        try:
            for sample in showcase.samples:
                current["path"] = sample.path
                add_sample_cookies(context, showcase, sample)
                response = page.goto(showcase.url(sample.path))
                if response.status == sample.status:
                    settle(page)
                check(page, response, sample)
        finally:
            context.close()
    return result


def page_palette(page):
    """The colours of the page's text and backgrounds (to tell the palettes apart)."""
    return page.evaluate(
        """() => [document.documentElement, document.body].map((element) => {
            const style = getComputedStyle(element);
            return `${style.color} on ${style.backgroundColor}`;
        }).join("; ")"""
    )


def next_frame(page):
    """Wait until the browser has laid out and painted the page after a change (a resize)."""
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def horizontal_overflow(page):
    """The widest elements when the page scrolls sideways, "" when it reflows.

    Content inside its own scroll container (a wide data table) does not count.
    """
    return page.evaluate(
        r"""() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return "";
            const scrolls = (element) => element.scrollWidth > element.clientWidth
                && getComputedStyle(element).overflowX !== "visible";
            return Array.from(document.body.querySelectorAll("*"))
                .filter((element) => element.getBoundingClientRect().right > width + 1)
                .filter((element) => {
                    for (let node = element.parentElement; node; node = node.parentElement) {
                        if (scrolls(node)) return false;
                    }
                    return true;
                })
                .slice(0, 3)
                .map((element) => element.tagName.toLowerCase()
                    + (element.className && typeof element.className === "string"
                        ? "." + element.className.trim().split(/\s+/).join(".") : ""))
                .join("; ");
        }"""
    )


def frame_parts(page, showcase):
    """What every page of the site shows, whatever its type (WCAG 3.2.3, law 99/2019 Sb.)."""
    statement = showcase.sample("accessibilitystatementpage")
    return {
        "odkaz „Přejít na obsah“": page.locator("a[href='#main']"),
        "hlavní navigace": page.get_by_role("navigation", name="Hlavní navigace"),
        "<main id=main>": page.locator("main#main"),
        "odkaz na prohlášení o přístupnosti v patičce": page.locator(
            f"footer a[href='{statement.path}']"
        ),
    }


# --- axe-core ---------------------------------------------------------------------------------


def test_every_page_type_has_no_wcag_violation(theme, walk, showcase):
    assert walk.checks == len(showcase.samples) * len(WALK)
    if walk.violations:
        pytest.fail(
            f"Téma {theme}: {len(walk.violations)} porušení WCAG 2.1 AA\n"
            + "\n".join(
                f"- {rule} [{impact}] {help_text}\n"
                f"    prvky: {targets}\n    kde: {'; '.join(where)}"
                for (rule, impact, targets, help_text), where in sorted(walk.violations.items())
            ),
            pytrace=False,
        )


def test_dark_modes_really_show_the_dark_palette(theme, walk, showcase):
    """What axe-core checked in each dark mode was the dark palette, not the light one."""
    light = COLOR_MODES[0].name
    same = [
        f"- {path} ({mode})"
        for path, palettes in sorted(walk.palettes.items())
        for mode, palette in palettes.items()
        if mode != light and palette == palettes[light]
    ]
    assert len(walk.palettes) == len(showcase.samples)
    fail_listing(theme, "tmavý režim má barvy světlého", same)


def fail_listing(theme, heading, lines):
    """Fail with one line per problem found, under the theme's name; pass when there is none."""
    if lines:
        pytest.fail(f"Téma {theme}: {heading}\n" + "\n".join(lines), pytrace=False)


def test_every_page_has_the_same_site_frame(theme, walk):
    """Skip link, main navigation, main landmark and the accessibility statement link."""
    fail_listing(
        theme,
        "stránky bez společných částí webu",
        [
            f"- chybí {part}: {', '.join(sorted(paths))}"
            for part, paths in sorted(walk.missing_frame.items())
        ],
    )


def test_pages_request_nothing_from_other_hosts(theme, walk):
    """Fonts, scripts, images, maps and videos all come from the town's own site by default."""
    fail_listing(
        theme,
        "požadavky na cizí servery",
        [
            f"- {host}: {'; '.join(sorted(requests))}"
            for host, requests in sorted(walk.foreign_requests.items())
        ],
    )


def test_pages_break_no_rule_of_their_content_security_policy(theme, walk):
    """Inline styles and scripts carry the nonce; nothing is blocked by the policy."""
    fail_listing(
        theme,
        "porušení Content-Security-Policy",
        [
            f"- {text}\n    kde: {', '.join(sorted(paths))}"
            for text, paths in sorted(walk.csp_errors.items())
        ],
    )


# --- keyboard -----------------------------------------------------------------------------------


def focused_matches(page, selector):
    return page.evaluate("(selector) => document.activeElement.matches(selector)", selector)


def tab_to(page, target, limit=MAX_TABS):
    """Press Tab until ``target`` (a locator, or a selector) has the focus."""
    locator = page.locator(target) if isinstance(target, str) else target
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.first.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Klávesou Tab se nelze dostat na {locator} ({limit}× Tab)")


def test_every_page_type_reflows_at_320_px(theme, walk, showcase):
    assert sorted(walk.narrow_overflow) == sorted(sample.path for sample in showcase.samples)
    overflowing = {path: elements for path, elements in walk.narrow_overflow.items() if elements}
    assert not overflowing, f"Téma {theme}: stránky se při {NARROWEST} px posouvají do stran: " + (
        "; ".join(f"{path} ({elements})" for path, elements in sorted(overflowing.items()))
    )


def test_skip_link_moves_focus_to_main_content(theme, showcase, module_browser):
    context = new_context(module_browser, showcase)
    page = context.new_page()
    try:
        for sample in (showcase.sample("homepage"), showcase.sample("board")):
            visit(page, showcase, sample)
            page.keyboard.press("Tab")
            skip_link = page.locator("a[href='#main']")
            assert focused_matches(page, "a[href='#main']"), "první Tab nevede na odkaz na obsah"
            expect(skip_link).to_be_visible()
            expect(skip_link).to_be_in_viewport()
            page.keyboard.press("Enter")
            assert focused_matches(page, "#main, #main *"), "Enter nepřesune fokus do obsahu"
    finally:
        context.close()


def test_main_menu_works_with_keyboard_alone(theme, showcase, module_browser):
    context = new_context(module_browser, showcase)
    page = context.new_page()
    try:
        visit(page, showcase, showcase.sample("homepage"))
        menu = page.locator(MAIN_MENU)
        expect(menu).to_be_visible()

        submenu_buttons = [
            button for button in menu.locator("button[aria-expanded]").all() if button.is_visible()
        ]
        if submenu_buttons:
            button = submenu_buttons[0]
            controls = button.get_attribute("aria-controls")
            assert controls, "tlačítko podnabídky nemá aria-controls"
            submenu = page.locator(f"[id='{controls}']")
            tab_to(page, button)
            expect(button).to_have_attribute("aria-expanded", "false")
            expect(submenu).to_be_hidden()
            page.keyboard.press("Enter")
            expect(button).to_have_attribute("aria-expanded", "true")
            expect(submenu).to_be_visible()
            page.keyboard.press("Tab")
            assert focused_matches(page, f"[id='{controls}'] a"), "Tab nevede do podnabídky"
            page.keyboard.press("Escape")
            expect(button).to_have_attribute("aria-expanded", "false")
            expect(submenu).to_be_hidden()
            assert button.evaluate("element => element === document.activeElement"), (
                "po Escape se fokus nevrátí na tlačítko podnabídky"
            )
        else:
            # Without disclosure buttons the menu must be flat: a nested list nobody can open
            # with the keyboard would hide its pages.
            expect(menu.locator("ul ul")).to_have_count(0)

        board = showcase.sample("board")
        page.goto(showcase.url())
        tab_to(page, f"{MAIN_MENU} a[href='{board.path}']")
        page.keyboard.press("Enter")
        page.wait_for_url(showcase.url(board.path))
    finally:
        context.close()


def test_board_filters_work_with_keyboard_alone(theme, showcase, module_browser):
    board = showcase.sample("board")
    filtered = showcase.sample("board_filtered")
    facet_query = filtered.path.split("?", 1)[1]
    context = new_context(module_browser, showcase)
    page = context.new_page()
    try:
        visit(page, showcase, board)
        tab_to(page, f"main a[href$='?{facet_query}']")
        page.keyboard.press("Enter")
        page.wait_for_url(showcase.url(filtered.path))
        expect(page.locator("main a[aria-current='true']").first).to_be_visible()
    finally:
        context.close()


# --- without JavaScript -----------------------------------------------------------------------


@pytest.fixture
def no_script_page(module_browser, showcase):
    context = new_context(module_browser, showcase, java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_every_page_type_reads_without_javascript(theme, showcase, no_script_page):
    unreadable = []
    for sample in showcase.samples:
        visit(no_script_page, showcase, sample)
        heading = no_script_page.locator("main h1")
        if heading.count() != 1 or not heading.is_visible():
            unreadable.append(sample.path)
    assert not unreadable, f"Téma {theme}: bez JavaScriptu chybí viditelný nadpis h1: {unreadable}"


@pytest.mark.parametrize("width", WIDTHS)
def test_main_menu_is_usable_without_javascript(width, theme, showcase, module_browser):
    context = new_context(module_browser, showcase, width=width, java_script_enabled=False)
    page = context.new_page()
    try:
        visit(page, showcase, showcase.sample("homepage"))
        menu = page.locator(MAIN_MENU)
        links = menu.locator("a[href]")
        assert links.count() >= 4, "hlavní nabídka nemá odkazy na sekce webu"
        if not links.first.is_visible():
            # A collapsed menu must open without JavaScript (details/summary or a link).
            menu.locator("summary, a[href^='#']").first.click()
        board = showcase.sample("board")
        top_link = menu.locator(f"a[href='{board.path}']")
        expect(top_link).to_be_visible()
        top_link.click()
        page.wait_for_url(showcase.url(board.path))
    finally:
        context.close()


@pytest.mark.parametrize(
    ("listing", "filtered"),
    [("board", "board_filtered"), ("news", "news_filtered"), ("events", "events_filtered")],
)
def test_listing_filters_work_without_javascript(
    listing, filtered, theme, showcase, no_script_page
):
    page = no_script_page
    listing, filtered = showcase.sample(listing), showcase.sample(filtered)
    facet_query = filtered.path.split("?", 1)[1]
    visit(page, showcase, listing)
    page.locator(f"main a[href$='?{facet_query}']").first.click()
    page.wait_for_url(showcase.url(filtered.path))
    expect(page.locator("main a[aria-current='true']").first).to_be_visible()


def test_board_text_search_works_without_javascript(theme, showcase, no_script_page):
    page = no_script_page
    visit(page, showcase, showcase.sample("board"))
    page.get_by_label("Hledat v názvu, perexu nebo čísle jednacím").fill("xqzvjpw")
    page.get_by_label("Hledat v názvu, perexu nebo čísle jednacím").press("Enter")
    page.wait_for_url("**/uredni-deska/?q=xqzvjpw*")
    expect(page.locator("main")).to_contain_text("žádná oznámení odpovídající filtru")


def test_site_search_works_without_javascript(theme, showcase, no_script_page):
    page = no_script_page
    visit(page, showcase, showcase.sample("homepage"))
    search = page.get_by_role("search").get_by_role("searchbox").first
    search.fill("poplatky")
    search.press("Enter")
    page.wait_for_url("**/hledat/?q=poplatky*")
    expect(page.locator("main").get_by_role("link", name="Místní poplatky").first).to_be_visible()


def test_accordion_opens_without_javascript(theme, showcase, no_script_page):
    page = no_script_page
    visit(page, showcase, showcase.sample("landingpage"))
    item = page.locator("main details").first
    answer = item.locator(":scope > :not(summary)").first
    expect(answer).to_be_hidden()
    item.locator("summary").click()
    expect(item).to_have_attribute("open", "")
    expect(answer).to_be_visible()


# --- weight -----------------------------------------------------------------------------------


def test_every_page_type_keeps_the_weight_budget(theme, walk, showcase):
    """At most 60 kB CSS and 30 kB JavaScript after gzip, no render-blocking script."""
    weights = walk.weights
    assert [weight.path for weight in weights] == [sample.path for sample in showcase.samples]
    assert all(weight.resources for weight in weights)
    problems = budget_problems(weights, showcase.samples)
    if problems:
        pytest.fail(
            f"Téma {theme}: rozpočet váhy překročen\n"
            + "\n".join(f"- {path}: {'; '.join(found)}" for path, found in problems.items()),
            pytrace=False,
        )
