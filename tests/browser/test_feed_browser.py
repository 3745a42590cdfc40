"""The Atom feed of new and changed claims, in Chromium: every page names its language's
feed in the head and links it in the footer by a name a screen reader reads out, served
and in the offline bundle, and an entry's link opens the topic page at its claim.
Screenshots of the footer go to BUILDER_SHOTS when it is set."""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"
LINK_NAME = {"": "Neue und ergänzte Aussagen als Feed (Atom)", "en/": "New and updated statements as a feed (Atom)"}


def read(page, url: str) -> bytes:
    """The bytes at an address of the site: over http from the page's context, or the file."""
    if url.startswith("file:"):
        return Path(url2pathname(urlsplit(url).path)).read_bytes()
    response = page.request.get(url)
    assert response.ok, url
    return response.body()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_footer_links_the_feed_of_the_page_language_and_its_entries_open_their_claims(page, base_url, prefix):
    page.goto(base_url + prefix + "topics/us-positions.html")
    link = page.get_by_role("link", name=LINK_NAME[prefix])
    assert link.is_visible()
    href = link.evaluate("a => a.href")
    assert href == base_url + prefix + "feed.xml"
    head = page.eval_on_selector('link[rel="alternate"][type="application/atom+xml"]', "l => l.href")
    assert head == href
    feed = ET.fromstring(read(page, href))
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == (prefix.strip("/") or "de")
    shots = os.environ.get("BUILDER_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        kind = "bundle" if base_url.startswith("file:") else "served"
        page.locator(".md-footer-meta").screenshot(path=f"{shots}/feed-footer-{prefix.strip('/') or 'de'}-{kind}.png")
    entry = feed.find(f"{ATOM}entry")
    target = urljoin(href, entry.find(f"{ATOM}link").get("href"))
    page.goto(target)
    claim = page.locator(f"p.claim#{target.rsplit('#', 1)[1]}")
    assert claim.count() == 1 and claim.is_visible()
    assert claim.inner_text().startswith(entry.find(f"{ATOM}title").text[:40])
