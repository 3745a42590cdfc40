"""What readers rely on, in Chromium, over the served site and the unzipped bundle:
the language switch, search in the reader's language, citations that land on their
paragraph, copy-link buttons, "Cite this page" and printing. Every test also fails on
a request that leaves the machine (see conftest.py)."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from sitebuild import Guard, people_pages

TOPIC = "topics/peace-talks.html"


def site_data(page) -> dict:
    """The page's #__site block: language, UI strings, site name, build date."""
    return json.loads(page.locator("#__site").text_content())


def path_of(url: str, base_url: str) -> str:
    """A page's path below the site root."""
    return url.split("#")[0][len(base_url):] if url.startswith(base_url) else urlsplit(url).path


def switch_language(page, hreflang: str) -> None:
    """Open the header's language menu and pick a language."""
    page.locator(".md-header .md-select").first.hover()
    page.locator(f'.md-header a.md-select__link[hreflang="{hreflang}"]').click()
    page.wait_for_load_state()


@pytest.mark.parametrize("path", [TOPIC, "index.html", "sources/index.html", "about.html"])
def test_language_switch_lands_on_the_same_page(page, base_url, path):
    page.goto(base_url + path)
    assert page.locator("html").get_attribute("lang") == "de"
    switch_language(page, "en")
    assert path_of(page.url, base_url) == "en/" + path
    assert page.locator("html").get_attribute("lang") == "en"
    switch_language(page, "de")
    assert path_of(page.url, base_url) == path
    assert page.locator("html").get_attribute("lang") == "de"


def search(page, query: str) -> list[str]:
    """Type a query into the site search; the paths of the results."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)  # Material searches on key events, as a reader types
    page.locator(".md-search-result__item").first.wait_for()
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


@pytest.mark.parametrize("language,start", [("de", "index.html"), ("en", "en/index.html")])
def test_search_finds_hegseth_in_the_readers_language_only(page, base_url, language, start):
    page.goto(base_url + start)
    hrefs = search(page, "Hegseth")
    assert hrefs, "no search result for Hegseth"
    paths = [path_of(h, base_url) for h in hrefs]
    in_english = [p for p in paths if p.startswith("en/")]
    assert in_english == (paths if language == "en" else []), paths
    first = page.locator(".md-search-result__item > a").first
    first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language
    assert "hegseth" in page.locator("article").inner_text().lower()


@pytest.mark.parametrize("language", ["de", "en"])
def test_citation_link_lands_on_the_cited_paragraph(page, base_url, language):
    prefix = "en/" if language == "en" else ""
    page.goto(base_url + prefix + TOPIC)
    link = page.locator("p.claim a[href*='sources/']").first
    href = link.get_attribute("href")
    anchor = href.split("#")[1]
    assert re.fullmatch(r"p\d+", anchor), href
    link.click()
    page.wait_for_load_state()
    assert path_of(page.url, base_url).startswith(prefix + "sources/")
    assert page.url.endswith("#" + anchor)
    target = page.locator(":target")
    assert target.get_attribute("id") == anchor
    assert "para" in (target.get_attribute("class") or "").split() or target.evaluate("e => e.tagName") == "H3"
    box = target.bounding_box()
    assert box and 0 <= box["y"] < 900, f"the cited paragraph is not in view: {box}"


def test_people_pages_open_in_both_languages(page, base_url, built):
    pages = people_pages(built.site)
    if not pages:
        pytest.skip("the site has no people pages yet")
    for path in pages:
        for prefix, language in (("", "de"), ("en/", "en")):
            page.goto(base_url + prefix + path)
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator("article h1").count() == 1


def test_every_claim_and_section_has_a_copy_link_button(page, base_url):
    page.goto(base_url + TOPIC)
    claims = page.locator("article p.claim[id]")
    sections = page.locator("article h2[id]")
    assert claims.count() > 0 and sections.count() > 0
    assert page.locator("article p.claim[id] > button.copy-link").count() == claims.count()
    assert page.locator("article h2[id] > button.copy-link").count() == sections.count()
    ui = site_data(page)["ui"]
    button = claims.first.locator("button.copy-link")
    assert button.get_attribute("aria-label") == ui["copy_link"]
    claim_id = claims.first.get_attribute("id")
    button.click()
    page.wait_for_function("document.getElementById('page-tools-status')?.textContent")
    assert page.locator("#page-tools-status").text_content() == ui["link_copied"]
    copied = button.get_attribute("data-copied")
    assert copied.endswith(f"{TOPIC}#{claim_id}") and copied.startswith(base_url)


@pytest.mark.parametrize("path", ["index.html", TOPIC, "sources/000_61d731ec91a52a51.html", "sources/index.html",
                                  "about.html", "people/index.html"])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_cite_this_page_in_the_pages_language(page, server, path, prefix):
    page.goto(server + path)
    german = site_data(page)["ui"]
    page.goto(server + prefix + path)
    data = site_data(page)
    ui = data["ui"]
    assert data["lang"] == ("en" if prefix else "de")
    if prefix:  # the English strings of the translation memory, not the German ones
        assert ui["cite_page"] != german["cite_page"] and ui["cite_format"] != german["cite_format"]
    box = page.locator("details.cite-page")
    assert box.count() == 1, "no 'Cite this page' box"
    assert box.locator("summary").inner_text() == ui["cite_page"]
    box.locator("summary").click()
    text = box.locator(".cite-page__text").inner_text()
    title = page.evaluate("""() => { const h = document.querySelector('article h1').cloneNode(true);
        h.querySelectorAll('.headerlink, .untranslated-mark, .mt-mark').forEach(e => e.remove());
        return h.textContent.replace(/\\s+/g, ' ').trim(); }""")
    assert title and title in text
    assert data["site_name"] in text and data["build_date"] in text
    assert server + prefix + path in text
    assert box.locator("button.cite-page__copy").inner_text() == ui["cite_copy"]


def test_print_shows_citations_as_footnotes_with_full_urls(page, server):
    page.goto(server + TOPIC)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer',
        'button.copy-link'].map(s => [s, getComputedStyle(document.querySelector(s)).display])""")
    assert all(display == "none" for _, display in hidden), hidden
    notes = page.locator("h2#citations + ol > li")
    refs = page.locator("p.claim a[href*='sources/']")
    assert notes.count() > 0 and refs.count() > 0
    numbers = {int(a.inner_text().strip("[]")) for a in refs.all()}
    assert numbers == set(range(1, notes.count() + 1))
    link = notes.first.locator("a").first
    full = link.get_attribute("data-print-url")
    assert full.startswith(server + "sources/") and "#p" in full
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert full in after
    claim_ref = refs.first.evaluate("a => getComputedStyle(a, '::after').content")
    assert claim_ref in ("none", "normal")  # the claim's [n] stays short: the footnote has the URL
    assert page.locator("details.cite-page").evaluate("d => getComputedStyle(d).display") != "none"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_the_request_guard_catches_other_hosts(browser, server):
    guard = Guard()
    context = browser.new_context()
    context.route("**/*", guard.route)
    context.on("request", guard.request)
    try:
        tab = context.new_page()
        tab.goto(server + "index.html")
        failed = tab.evaluate("""() => fetch('https://example.org/x.js').then(() => false, () => true)""")
    finally:
        context.close()
    assert failed and guard.foreign == ["https://example.org/x.js"]
