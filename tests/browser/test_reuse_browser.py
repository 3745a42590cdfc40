"""For teachers, in Chromium: the language switch keeps a claim's #fragment, "Cite this
page" names the public address also when the bundle is opened from file://, and every
page carries its licence, publisher, description and Open Graph tags.

`public` is the project built and bundled once with a public address (SITE_URL) and an
invented publisher, contact and corrections address; `built` (conftest.py) has neither.
Screenshots of the footer and the about page go to BUILDER_SHOTS when it is set."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from sitebuild import Built, copy_project, run_builder, unzip_bundle

TOPIC = "topics/peace-talks.html"
PUBLIC = "https://example.org/erklaert/"
EDITOR = "Redaktion Probe"
CONTACT = "post@probe.example"
CORRECTIONS = "https://probe.example/fehler"


@pytest.fixture(scope="session")
def public(tmp_path_factory) -> Built:
    """The project with a public address and a publisher, built and bundled."""
    project = copy_project(tmp_path_factory.mktemp("public") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for key, value in (("editor", f'"{EDITOR}"'), ("contact", CONTACT), ("corrections", CORRECTIONS)):
        assert f'  {key}: ""' in text
        text = text.replace(f'  {key}: ""', f"  {key}: {value}", 1)
    config.write_text(text, encoding="utf-8")
    proc = run_builder(project, "bundle", env={"SITE_URL": PUBLIC})
    assert proc.returncode == 0, f"bundle with SITE_URL failed:\n{proc.stdout}\n{proc.stderr}"
    return Built(project, proc.stdout)


@pytest.fixture(scope="session")
def public_offline(public, tmp_path_factory) -> Path:
    """The public build's bundle unzipped: the folder with index.html."""
    return unzip_bundle(public.bundle, tmp_path_factory.mktemp("public-unzipped"))


def switch_language(page, hreflang: str) -> None:
    """Open the header's language menu and pick a language."""
    page.locator(".md-header .md-select").first.hover()
    page.locator(f'.md-header a.md-select__link[hreflang="{hreflang}"]').click()
    page.wait_for_load_state()


def claim_ids(page) -> list[str]:
    return page.eval_on_selector_all("article p.claim[id]", "ps => ps.map(p => p.id)")


@pytest.mark.parametrize("start", ["", "en/"])
def test_language_switch_keeps_the_claim_anchor(page, base_url, start):
    page.goto(base_url + start + TOPIC)
    ids = claim_ids(page)
    assert len(ids) > 3 and all(i.startswith("c-") for i in ids)
    claim = ids[len(ids) // 2]
    page.goto(base_url + start + TOPIC + "#" + claim)
    switch_language(page, "de" if start else "en")
    assert page.url.endswith(f"{TOPIC}#{claim}"), page.url
    assert ("/en/" in page.url) != bool(start)
    assert page.locator(":target").get_attribute("id") == claim
    box = page.locator(":target").bounding_box()
    assert box and 0 <= box["y"] < 900, f"the claim is not in view after the switch: {box}"
    # A fragment chosen after the page opened (a click on a claim's link) is kept too.
    other = ids[-1]
    page.evaluate("id => { location.hash = id; }", other)
    switch_language(page, "en" if start else "de")
    assert page.url.endswith(f"{TOPIC}#{other}"), page.url
    assert page.locator(":target").get_attribute("id") == other


def test_language_switch_without_a_fragment_adds_none(page, base_url):
    page.goto(base_url + TOPIC)
    switch_language(page, "en")
    assert "#" not in page.url


def cite_text(page) -> str:
    box = page.locator("details.cite-page")
    box.locator("summary").click()
    return box.locator(".cite-page__text").inner_text()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_cite_this_page_offline_gives_the_public_address(page, public_offline, prefix):
    page.goto((public_offline / prefix / TOPIC).as_uri())
    assert page.url.startswith("file://")
    text = cite_text(page)
    assert "file:" not in text
    assert f"{PUBLIC}{prefix}{TOPIC}" in text
    data = page.evaluate("() => JSON.parse(document.getElementById('__site').textContent)")
    today = page.evaluate("() => { const d = new Date(); return d.getFullYear() + '-' + "
                          "String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); }")
    assert data["site_name"] in text and EDITOR in text and data["build_date"] in text
    assert data["content_date"] and data["content_date"] in text
    accessed = data["ui"]["cite_accessed"].replace("{date}", today)
    assert text.endswith(accessed), text
    assert text.index(data["build_date"]) < text.index(PUBLIC) < text.index(accessed)
    shots = os.environ.get("BUILDER_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.locator("details.cite-page").screenshot(path=f"{shots}/cite-offline-{prefix.strip('/') or 'de'}.png")


def test_cite_this_page_offline_without_a_public_address_names_no_file(page, unzipped):
    page.goto((unzipped / TOPIC).as_uri())
    text = cite_text(page)
    assert "file:" not in text and "http" not in text
    assert text.rstrip().endswith(".")


def footer(page):
    return page.locator(".md-footer-meta .md-copyright")


@pytest.mark.parametrize("prefix,words", [("", ("Texte der Redaktion und Daten", "Herausgeber: " + EDITOR, "Kontakt",
                                                 "Fehler melden", "Inhaltsstand (neueste Quelle)")),
                                          ("en/", ("Editorial text and data", "Published by " + EDITOR, "Contact",
                                                   "Report an error", "Content as of (newest source)"))])
def test_footer_and_about_page_name_licence_publisher_and_corrections(page, public, prefix, words):
    site = public.site
    page.goto((site / prefix / "about.html").as_uri())
    small = footer(page)
    for word in words:
        assert word in small.inner_text(), word
    licence = small.locator('a[rel="license"]')
    assert licence.inner_text() == "CC BY 4.0"
    assert licence.get_attribute("href") == "https://creativecommons.org/licenses/by/4.0/"
    assert small.locator("a.corrections-link").get_attribute("href") == CORRECTIONS
    assert small.locator(f'a[href="mailto:{CONTACT}"]').count() == 1
    section = page.locator("#reuse ~ p")
    assert section.locator('a[href="https://creativecommons.org/licenses/by/4.0/"]').count() == 1
    assert section.locator("a.corrections-link").get_attribute("href") == CORRECTIONS
    assert section.locator('a[href$="data/claims.json"]').count() == 1
    shots = os.environ.get("BUILDER_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        name = "about-" + (prefix.strip("/") or "de")
        page.locator("#reuse").scroll_into_view_if_needed()
        page.screenshot(path=f"{shots}/{name}-reuse.png")
        page.locator(".md-footer").screenshot(path=f"{shots}/{name}-footer.png")


@pytest.mark.parametrize("path", ["index.html", TOPIC, "about.html"])
def test_footer_without_a_publisher_shows_the_licence_and_nothing_invented(page, base_url, path):
    page.goto(base_url + path)
    small = footer(page)
    assert small.locator('a[rel="license"]').inner_text() == "CC BY 4.0"
    text = small.inner_text()
    assert "Herausgeber" not in text and "Kontakt" not in text and "Fehler melden" not in text
    assert re.search(r"Seiten erzeugt am: \d{4}-\d{2}-\d{2}", text)


def meta(page, selector: str) -> str | None:
    found = page.locator(f"head meta[{selector}]")
    return found.get_attribute("content") if found.count() else None


@pytest.mark.parametrize("path", ["index.html", TOPIC, "about.html", "people/index.html", "sources/index.html",
                                  "coverage.html", "sources/000_61d731ec91a52a51.html"])
@pytest.mark.parametrize("prefix,locale", [("", "de_DE"), ("en/", "en_GB")])
def test_every_page_has_a_description_and_open_graph_tags(page, public, path, prefix, locale):
    page.goto((public.site / prefix / path).as_uri())
    description = meta(page, 'name="description"')
    assert description and len(description) <= 200
    assert meta(page, 'property="og:description"') == description
    title = page.locator("article h1").first.evaluate(
        "h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink, .copy-link').forEach(e => e.remove());"
        " return c.textContent.trim(); }")
    assert meta(page, 'property="og:title"') == title
    assert meta(page, 'property="og:url"') == PUBLIC + prefix + path
    assert meta(page, 'property="og:locale"') == locale
    assert meta(page, 'property="og:locale:alternate"') == ("en_GB" if locale == "de_DE" else "de_DE")


def test_without_a_public_address_there_is_no_og_url(page, server):
    page.goto(server + TOPIC)
    assert meta(page, 'property="og:url"') is None
    assert meta(page, 'property="og:title"')
