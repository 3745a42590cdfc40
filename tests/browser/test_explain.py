"""Positions at a glance and glossary tooltips in Chromium, in both languages: the table's
headers and links, a phone-wide screen, a term's explanation on hover and on keyboard
focus, and the glossary page. Over the served site and the unzipped bundle."""
from __future__ import annotations

import pytest

TOPIC = "topics/us-positions.html"  # a topic on which several people speak to several sub-themes
NONE = {"de": "keine Aussage in den Quellen", "en": "no statement in the sources"}
LANGUAGES = pytest.mark.parametrize("prefix,lang", [("", "de"), ("en/", "en")], ids=["de", "en"])


@LANGUAGES
def test_positions_table_has_headers_and_links_to_claims_on_the_page(page, base_url, prefix, lang):
    page.goto(base_url + prefix + TOPIC)
    table = page.locator("#positions ~ .md-typeset__scrollwrap table, #positions ~ div.positions table").first
    assert table.locator("thead th[scope=col]").count() >= 3
    assert table.locator("tbody th[scope=rowgroup]").count() >= 2  # the sides
    assert table.locator("tbody th[scope=row]").count() >= 3  # the speakers
    hrefs = [a.get_attribute("href") for a in table.locator("td a").all()]
    assert hrefs and all(h.startswith("#c-") for h in hrefs)
    for href in set(hrefs):
        assert page.locator(f"[id='{href[1:]}']").count() == 1, href
    assert table.locator("td .positions__sources").first.inner_text().split()[0].isdigit()
    empty = table.locator("td.positions__none").first
    assert empty.text_content().endswith(NONE[lang])
    # The heading sits after "at a glance" and before the first sub-theme.
    order = page.evaluate("""() => [...document.querySelectorAll('.md-content h2')].map(h => h.id)""")
    assert order.index("positions") < order.index("sources") and order.index("positions") <= 1


@LANGUAGES
def test_positions_table_scrolls_inside_a_phone_wide_page(browser, server, prefix, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + prefix + TOPIC)
    wrap = page.locator("div.positions .md-typeset__scrollwrap").first
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth"), "the table should scroll sideways"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page itself must not scroll sideways"
    speaker = page.locator("div.positions tbody th[scope=row]").first
    wrap.evaluate("e => e.scrollLeft = e.scrollWidth")
    assert speaker.bounding_box()["x"] >= 0, "the speakers' column stays in view"
    context.close()


def tab_to_term(page, limit: int = 300) -> str:
    """Press Tab until a glossary term has the focus; its text."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            return page.evaluate("document.activeElement.textContent")
    raise AssertionError("no glossary term is reachable with the Tab key")


@LANGUAGES
def test_a_terms_explanation_opens_on_keyboard_focus_and_on_hover(page, base_url, prefix, lang):
    page.goto(base_url + prefix + TOPIC)
    explanations = page.evaluate("() => [...document.querySelectorAll('.md-content abbr')].map(a => a.title)")
    assert explanations and all(explanations)
    tab_to_term(page)
    # The tooltip the focused term names as its description (a screen reader hears it too); the
    # tooltip of a link the Tab key passed on the way may still be fading out beside it.
    described_by = page.wait_for_function("document.activeElement.getAttribute('aria-describedby')").json_value()
    tooltip = page.locator(f"[id='{described_by}'].md-tooltip2--active")
    tooltip.wait_for(state="visible")
    shown = tooltip.inner_text()
    assert shown in explanations
    page.keyboard.press("Tab")
    page.mouse.move(0, 0)
    later = page.locator(".md-content abbr:not([tabindex])").first  # a later use: hover only
    later.hover()
    page.locator(".md-tooltip2--active").first.wait_for(state="visible")


@LANGUAGES
def test_terms_are_explained_in_the_pages_language_and_never_in_headings_or_links(page, base_url, prefix, lang):
    page.goto(base_url + prefix + TOPIC)
    assert page.evaluate("() => document.documentElement.lang") == lang
    inside = page.locator(".md-content :is(h1, h2, h3, a) abbr")
    assert inside.count() == 0
    focusable = page.evaluate("() => [...document.querySelectorAll('.md-content abbr[tabindex]')].map(a => a.title)")
    assert len(focusable) == len(set(focusable)), "each term is a tab stop once per page"


@LANGUAGES
def test_the_glossary_page_lists_terms_with_anchors_and_is_in_the_navigation(page, base_url, prefix, lang):
    page.goto(base_url + prefix + "index.html")
    link = page.locator(".md-nav--primary a[href$='glossary.html']").first
    assert link.count() == 1
    link.click()
    page.wait_for_load_state()
    ids = page.evaluate("() => [...document.querySelectorAll('.md-content h2[id^=\"g-\"]')].map(h => h.id)")
    assert len(ids) >= 5 and len(ids) == len(set(ids))
    first = page.locator(f"[id='{ids[0]}'] + p")
    assert len(first.inner_text()) > 20
    if lang == "en":
        assert page.locator(".md-content p[lang=de] em").count() == len(ids)  # the term as the sources write it


@LANGUAGES
def test_a_topic_with_one_sub_theme_lists_its_speakers_instead_of_a_table(page, base_url, prefix, lang):
    page.goto(base_url + prefix + "topics/china-view.html")  # one speaker, all in "Further points"
    assert page.locator("#positions").count() == 1
    assert page.locator("div.positions table").count() == 0
    links = page.locator("#positions + p + ul a[href^='#c-']")
    assert links.count() >= 1
    assert page.locator(f"[id='{links.first.get_attribute('href')[1:]}']").count() == 1
