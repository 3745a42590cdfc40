"""The Atom feed of new and changed claims, one per language: feed.xml, en/feed.xml.

A feed reader polls it to learn which claims have new sources. Each entry is one claim:
its text in the feed's language (the original, marked with its language, where the
translation memory has none, as on the pages), a link to its anchor on its topic page,
`published` the date of its oldest source and `updated` that of its newest, so a claim
that gains a newer source moves to the top. The bytes depend on the model only: no clock
(an article date as precise as it is known counts as its first day, "2025-02" as
2025-02-01), entries in a fixed order. A claim none of whose sources has a date cannot
be placed in time; it is not in the feed (it stays on the pages and in data/claims.json).

With `site_url` every address is absolute and an entry's id is its claim's address
(pages and claim anchors are kept by the published manifest, so the address is stable).
Without it, addresses are relative to the feed (they work in the offline bundle) and ids
are name-based `urn:uuid:`s of the site's title and the claim's path (Atom wants an
absolute id); setting `site_url` later changes the ids once.
"""
from __future__ import annotations

import io
import posixpath
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .catalog import Segment
from .localize import Localizer
from .model import Claim, Site, TopicPage
from .render import Page

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_NAME = "feed.xml"
# A feed is read for what is new: readers fetch the whole file on every poll, so it stays
# short. 50 claims cover several days of news even on a busy story; a reader who polls
# less often than that still finds every claim on the pages and in data/claims.json.
FEED_MAX = 50


@dataclass(frozen=True)
class Entry:
    """One claim of the feed with its topic page and its oldest and newest source dates."""

    topic: TopicPage
    claim: Claim
    published: str  # RFC 3339
    updated: str


def timestamp(date: str) -> str:
    """An ISO date as precise as known ("2025", "2025-02", "2025-02-13") as an RFC 3339
    time at the start of that period."""
    year, month, day = (date.split("-") + ["01", "01"])[:3]
    return f"{year}-{month}-{day}T00:00:00Z"


def entries(site: Site, limit: int = FEED_MAX) -> list[Entry]:
    """The dated claims of every topic, newest source first; ties keep the order of the
    pages (more reports first), at most `limit`."""
    found = []
    for topic in site.topics:
        for claim in topic.claims:
            dates = sorted(timestamp(d) for d in (site.article(a).meta.date for a in claim.sources) if d)
            if dates:
                found.append(Entry(topic, claim, dates[0], dates[-1]))
    found.sort(key=lambda e: -site.report_count(e.claim))
    found.sort(key=lambda e: e.updated, reverse=True)  # stable: ties stay in the order above
    return found[:limit]


def feed_path(language: str, default: str) -> str:
    """Where a language's feed is in the site: feed.xml, en/feed.xml."""
    return FEED_NAME if language == default else f"{language}/{FEED_NAME}"


def docs_name(language: str, default: str) -> str:
    """The docs file of a language's feed (the i18n plugin's suffix structure: feed.en.xml)."""
    stem, _, suffix = FEED_NAME.rpartition(".")
    return FEED_NAME if language == default else f"{stem}.{language}.{suffix}"


def feed_files(site: Site, catalogs: dict, strings: dict) -> dict[str, bytes]:
    """The feed of every language, by docs path."""
    default = site.languages[0].code
    return {docs_name(lang.code, default): atom_feed(site, lang.code, catalogs, strings)
            for lang in site.languages}


class Addresses:
    """The addresses a feed gives: absolute under `site_url`, else relative to the feed."""

    def __init__(self, site_url: str | None, here: str, site_title: str):
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.here, self.site_title = here, site_title

    def href(self, target: str) -> str:
        """The address of a site path ("en/topics/x.html#c-1") as the feed gives it."""
        if self.site_url:
            return self.site_url + target
        path, _, fragment = target.partition("#")
        relative = posixpath.relpath(path, posixpath.dirname(self.here) or ".")
        return relative + (f"#{fragment}" if fragment else "")

    def id(self, target: str) -> str:
        """A permanent id for a site path: its address, or a name-based urn:uuid."""
        if self.site_url:
            return self.site_url + target
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{self.site_title}/{target}')}"


def atom_feed(site: Site, language: str, catalogs: dict, strings: dict) -> bytes:
    """The Atom 1.0 feed of one language, as UTF-8 bytes."""
    default = site.languages[0].code
    page = Page(feed_path(language, default), language, Localizer(language, catalogs), strings)
    here = feed_path(language, default)
    prefix = here[: -len(FEED_NAME)]
    urls = Addresses(site.site_url, here, strings["site_title"])
    listed = entries(site)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})
    add(feed, "id", urls.id(here))
    add(feed, "title", page.t("feed_title").replace("{site}", page.t("site_title")))
    add(feed, "subtitle", page.t("feed_subtitle").replace("{n}", str(FEED_MAX)))
    add(feed, "updated", listed[0].updated if listed else timestamp(site.built))
    link(feed, "self", urls.href(here), "application/atom+xml")
    link(feed, "alternate", urls.href(prefix + "index.html"), "text/html")
    for other in site.languages:
        if other.code != language:
            link(feed, "alternate", urls.href(feed_path(other.code, default)), "application/atom+xml", other.code)
    author(feed, site.reuse, page)
    rights = _rights(site.reuse, page)
    if rights:
        add(feed, "rights", rights)
    for entry in listed:
        _entry(feed, entry, site, page, urls, prefix)
    return serialize(feed)


def add(parent: ET.Element, name: str, text: str, attrs: dict | None = None) -> ET.Element:
    """Append an Atom element with text."""
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs or {})
    element.text = text
    return element


def link(parent: ET.Element, rel: str, href: str, kind: str, hreflang: str | None = None) -> None:
    """Append an atom:link."""
    attrs = {"rel": rel, "type": kind, "href": href}
    if hreflang:
        attrs["hreflang"] = hreflang
    ET.SubElement(parent, f"{{{ATOM}}}link", attrs)


def author(feed: ET.Element, reuse, page: Page) -> None:
    """The feed's author: the editor of mkdocs.yml `extra:`, else the site, with the contact address."""
    person = ET.SubElement(feed, f"{{{ATOM}}}author")
    add(person, "name", reuse.editor or page.t("site_title"))
    if reuse.contact and reuse.contact.startswith("mailto:"):
        add(person, "email", reuse.contact.removeprefix("mailto:"))
    elif reuse.contact:
        add(person, "uri", reuse.contact)


def _rights(reuse, page: Page) -> str | None:
    """The terms of reuse: the licence of the editors' text and data; quotations stay their authors'."""
    if not reuse.licence:
        return None
    licence = f"{reuse.licence} ({reuse.licence_url})" if reuse.licence_url else reuse.licence
    return page.t("feed_rights").replace("{licence}", licence)


def _entry(feed: ET.Element, entry: Entry, site: Site, page: Page, urls: Addresses, prefix: str) -> None:
    """Append one claim's entry."""
    topic, claim = entry.topic, entry.claim
    target = f"{prefix}topics/{topic.config.id}.html#{claim.id}"
    element = ET.SubElement(feed, f"{{{ATOM}}}entry")
    add(element, "id", urls.id(target))
    text = page.loc.claim(claim, site.language_of)
    add(element, "title", text.text, {XML_LANG: text.language} if text.language != page.language else None)
    link(element, "alternate", urls.href(target), "text/html")
    add(element, "published", entry.published)
    add(element, "updated", entry.updated)
    title = _topic_title(topic, site, page)
    ET.SubElement(element, f"{{{ATOM}}}category", {"term": topic.config.id, "label": title})
    add(element, "summary", _summary(entry, site, page, title))


def _topic_title(topic: TopicPage, site: Site, page: Page) -> str:
    """A topic's title in the page's language (topics.yml, else the translation memory)."""
    texts, source = topic.config.title, site.languages[0].code
    return page.loc.given(texts, Segment(f"topic.{topic.config.id}.title", texts[source], source)).text


def _summary(entry: Entry, site: Site, page: Page, topic_title: str) -> str:
    """"<topic>: reported by <n sources>, the newest from <date>", with the copies among them."""
    claim = entry.claim
    sources = page.count(site.report_count(claim), "sources_word")
    copies = site.copy_count(claim)
    if copies:
        sources += ", " + (page.t("copies_one") if copies == 1 else page.t("copies_many").replace("{n}", str(copies)))
    newest = max((d for d in (site.article(a).meta.date for a in claim.sources) if d),
                 key=timestamp)
    return (page.t("feed_summary").replace("{topic}", topic_title).replace("{sources}", sources)
            .replace("{date}", newest))


def serialize(feed: ET.Element) -> bytes:
    """The feed as indented UTF-8 XML with a declaration: the same tree gives the same bytes."""
    ET.register_namespace("", ATOM)
    ET.indent(feed)
    out = io.BytesIO()
    ET.ElementTree(feed).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"
