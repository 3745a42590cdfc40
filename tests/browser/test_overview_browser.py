"""The way into a topic, in Chromium: the overview at the top of a topic page, the topic's
part of the timeline, and the timeline page, in both languages; every link of theirs
lands on a claim that is there. Screenshots go to BUILDER_SHOTS when it is set."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

TOPIC = "topics/peace-talks.html"
LANGUAGES = pytest.mark.parametrize("prefix", ["", "en/"], ids=["de", "en"])


def shoot(page, name: str) -> None:
    """A screenshot of the page's top into BUILDER_SHOTS, when it is set."""
    shots = os.environ.get("BUILDER_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{shots}/{name}.png")


def lands_on_a_claim(page, href: str) -> bool:
    """Whether a link's #fragment names a claim on the page it opens."""
    page.goto(href)
    fragment = href.split("#", 1)[1]
    return page.evaluate("id => { const e = document.getElementById(id); return !!e && e.matches('.claim, .claim-alias'); }",
                         fragment)


@LANGUAGES
def test_the_topic_page_opens_with_the_overview_then_the_sections(page, server, prefix):
    page.goto(server + prefix + TOPIC)
    box = page.locator("article .admonition.overview").first
    title = box.locator(".admonition-title").inner_text()
    assert title == ("Überblick aus den Quellen" if not prefix else "Overview from the sources")
    # the box comes right after the description, before the first section
    assert page.evaluate("() => { const b = document.querySelector('article .admonition.overview');"
                         " const h = document.querySelector('article h2');"
                         " return !!(b.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING); }")
    links = box.locator("a[href^='#c-']")
    assert 3 <= links.count() <= 4
    for i in range(links.count()):
        link = links.nth(i)
        assert link.get_attribute("aria-label")
        target = link.get_attribute("href")[1:]
        assert page.locator(f"[id='{target}'].claim").count() == 1
    assert page.locator("article .admonition.overview .when").count() >= 1  # a date where one is known
    shoot(page, f"topic-top-{prefix.strip('/') or 'de'}")


@LANGUAGES
def test_the_topic_page_has_its_part_of_the_timeline(page, server, prefix):
    page.goto(server + prefix + TOPIC)
    part = page.locator("#timeline + ul")
    entries = part.locator("li")
    assert entries.count() >= 1
    date = "12. Februar 2025" if not prefix else "12 February 2025"
    assert date in part.inner_text()
    hrefs = [entries.nth(i).locator("a").get_attribute("href") for i in range(entries.count())]
    for href in hrefs:
        assert page.locator(f"[id='{href[1:]}'].claim").count() == 1
    full = page.locator("a[href$='timeline.html']").filter(
        has_text="Alle Daten in der Zeitleiste" if not prefix else "All dates in the timeline")
    assert full.count() == 1
    page.locator("#timeline").scroll_into_view_if_needed()
    shoot(page, f"topic-timeline-{prefix.strip('/') or 'de'}")


@LANGUAGES
def test_the_timeline_page_is_in_the_nav_and_its_links_land_on_claims(page, server, prefix):
    page.goto(server + prefix + "index.html")
    nav = page.locator(".md-nav--primary a[href$='timeline.html']")
    assert nav.count() >= 1
    page.goto(server + prefix + "timeline.html")
    assert page.locator("article h1").inner_text().startswith("Zeitleiste" if not prefix else "Timeline")
    heading = page.locator("article h2#d-2025-02-12")
    assert heading.count() == 1
    reported = page.locator("article h2[id^='r-']")
    assert reported.count() >= 1 and ("berichtet" if not prefix else "reported") in reported.first.inner_text()
    shoot(page, f"timeline-{prefix.strip('/') or 'de'}")
    hrefs = page.eval_on_selector_all("article li a[href*='topics/']", "as => as.map(a => a.href)")
    assert hrefs and all("#c-" in h for h in hrefs)
    for href in hrefs:
        assert lands_on_a_claim(page, href), href
