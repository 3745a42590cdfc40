"""The Atom feed of new and changed claims (builder/feed.py): valid Atom 1.0, entries that
land on the claim anchors of the built pages, English titles in the English feed, the same
bytes for the same input, and a claim that gains a newer source at the top."""
from __future__ import annotations

import io
import json
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from builder.build import Project, build
from builder.config import load_site_url
from builder.feed import FEED_MAX, timestamp
from builder.links import published_files, read_page
from builder.problems import ConfigError
from tests.conftest import make_project

NS = {"atom": "http://www.w3.org/2005/Atom"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Invented reports of this test (not from content/articles), each dated to the day.
CALL = ("---\ntitle: Telefonat über die Ukraine\ndate: 2025-02-11\npublisher: Probeblatt\n---\n"
        "Trump und Putin vereinbarten in einem Telefonat Verhandlungen über ein Ende des Krieges in der Ukraine. "
        "Selenskyj verlangte, dass die Ukraine bei allen Gesprächen mit am Tisch sitzt.\n")
BRUSSELS = ("---\ntitle: Minister in Brüssel\ndate: 2025-02-12\npublisher: Probeanzeiger\n---\n"
            "US-Verteidigungsminister Hegseth sagte in Brüssel, eine Nato-Mitgliedschaft der Ukraine sei bei "
            "Verhandlungen mit Russland kein realistisches Ziel. "
            "Der Kanzler sagte, über die Ukraine dürfe nicht ohne die Ukraine verhandelt werden.\n")
LATER_CALL = ("---\ntitle: Nachlese zum Telefonat\ndate: 2025-02-20\npublisher: Probekurier\n---\n"
              "Wie das Weiße Haus eine Woche später bestätigte, hatten Trump und Putin in ihrem Telefonat "
              "Verhandlungen über ein Ende des Krieges in der Ukraine vereinbart. "
              "Der Kreml nannte das Gespräch zwischen Putin und Trump über die Ukraine konstruktiv.\n")


def run(root: Path, mkdocs: bool = False, record: bool = False, **env) -> Path:
    """Build a project (SITE_URL unset unless given; `record`: and record its claim ids
    in the published manifest, like `python -m builder update`); the project folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SITE_URL", raising=False)
        for name, value in env.items():
            mp.setenv(name, value)
        out = io.StringIO()
        assert build(Project(root), run_mkdocs=mkdocs, record=record, out=out) == 0, out.getvalue()
    return root


def feed_of(root: Path, language: str = "de", where: str = "site") -> ET.Element:
    """A built feed: site/feed.xml, site/en/feed.xml (or their docs files)."""
    if where == "site":
        path = root / "site" / ("feed.xml" if language == "de" else f"{language}/feed.xml")
    else:
        path = root / "build" / "docs" / ("feed.xml" if language == "de" else f"feed.{language}.xml")
    return ET.fromstring(path.read_bytes())


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall("atom:entry", NS)


def one(element: ET.Element, name: str) -> ET.Element:
    """The single child `atom:<name>` (Atom allows exactly one)."""
    found = element.findall(f"atom:{name}", NS)
    assert len(found) == 1, f"{len(found)} atom:{name} in {element.tag}"
    return found[0]


def claims_json(root: Path) -> dict[tuple[str, str], dict]:
    """The exported claims by (topic, claim id): one id may be on two topic pages."""
    data = json.loads((root / "site" / "data" / "claims.json").read_text(encoding="utf-8"))
    return {(t["id"], c["id"]): c for t in data["topics"] for c in t["claims"]}


def claim_of(entry: ET.Element) -> tuple[str, str]:
    """(topic, claim id) an entry links to."""
    page, _, anchor = one(entry, "link").get("href").partition("#")
    return page.rsplit("/", 1)[1][: -len(".html")], anchor


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    """The seed project, built with MkDocs once for this module."""
    return run(make_project(tmp_path_factory.mktemp("feed") / "seeds", seeds=True), mkdocs=True)


@pytest.mark.parametrize("language", ["de", "en"])
def test_each_language_has_a_valid_atom_feed(seeds, language):
    feed = feed_of(seeds, language)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed" and feed.get(XML_LANG) == language
    for name in ("id", "title", "updated", "rights"):
        assert one(feed, name).text
    assert one(feed, "id").text.startswith("urn:uuid:")  # no site_url: a permanent id all the same
    assert one(one(feed, "author"), "name").text
    assert "CC BY 4.0" in one(feed, "rights").text
    alternates = [(link.get("type"), link.get("hreflang")) for link in feed.findall("atom:link[@rel='alternate']", NS)]
    assert len(alternates) == len(set(alternates))  # Atom: one alternate per type and language
    rels = {(link.get("rel"), link.get("type")): link.get("href") for link in feed.findall("atom:link", NS)}
    assert rels[("self", "application/atom+xml")] == "feed.xml"
    assert rels[("alternate", "text/html")] == "index.html"
    listed = entries(feed)
    assert 0 < len(listed) <= FEED_MAX
    ids = [one(e, "id").text for e in listed]
    assert len(set(ids)) == len(ids)
    for entry in listed:
        for name in ("title", "updated", "published", "summary", "link", "category"):
            one(entry, name)
        assert one(entry, "published").text <= one(entry, "updated").text
    updated = [one(e, "updated").text for e in listed]
    assert updated == sorted(updated, reverse=True) and one(feed, "updated").text == updated[0]


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_entry_links_to_its_claim_anchor_on_the_built_page(seeds, language):
    here = "feed.xml" if language == "de" else f"{language}/feed.xml"
    for entry in entries(feed_of(seeds, language)):
        href = one(entry, "link").get("href")
        path, _, anchor = href.partition("#")
        page = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
        assert page.startswith("en/topics/" if language == "en" else "topics/"), page
        assert anchor in read_page(seeds / "site" / page).claims, href
        assert one(entry, "category").get("term") == page.rsplit("/", 1)[1][: -len(".html")]


def test_the_english_feed_has_the_english_claim_texts_and_the_german_the_german(seeds):
    texts = claims_json(seeds)
    for language in ("de", "en"):
        for entry in entries(feed_of(seeds, language)):
            title = one(entry, "title")
            assert title.text == texts[claim_of(entry)]["text"][language] and title.get(XML_LANG) is None
    english = feed_of(seeds, "en")
    assert "statements" in one(english, "title").text and "reported by" in one(entries(english)[0], "summary").text


def test_a_claim_without_a_dated_source_is_not_in_the_feed(seeds):
    data = json.loads((seeds / "site" / "data" / "claims.json").read_text(encoding="utf-8"))
    dated = {a["id"] for a in data["articles"] if a["date"]}
    listed = {claim_of(e) for e in entries(feed_of(seeds))}
    undated = {(t["id"], c["id"]) for t in data["topics"] for c in t["claims"]
               if not {x["article"] for x in c["citations"]} & dated}
    assert undated and not undated & listed


def test_pages_link_the_feed_of_their_language_in_the_head_and_the_footer(seeds):
    for page, feed in (("topics/peace-talks.html", "../feed.xml"), ("en/topics/peace-talks.html", "../feed.xml"),
                       ("index.html", "feed.xml"), ("en/index.html", "feed.xml")):
        html = (seeds / "site" / page).read_text(encoding="utf-8")
        assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in html, page
        assert f'<a href="{feed}" type="application/atom+xml">' in html, page
    english = (seeds / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml">New and updated statements as a feed (Atom)</a>' in english


def test_the_feeds_are_published_urls(seeds):
    found = published_files(seeds / "site")
    assert "feed.xml" in found and "en/feed.xml" in found


def test_same_input_gives_the_same_feed_bytes_whatever_the_build_date(tmp_path):
    articles = {"call.md": CALL, "brussels.md": BRUSSELS}
    first = run(make_project(tmp_path / "a", articles), SOURCE_DATE_EPOCH="1741046400")
    second = run(make_project(tmp_path / "b", articles), SOURCE_DATE_EPOCH="1767225600")
    for name in ("feed.xml", "feed.en.xml"):
        one_bytes = (first / "build" / "docs" / name).read_bytes()
        assert one_bytes == (second / "build" / "docs" / name).read_bytes(), name
        assert b"2026" not in one_bytes and b"2025-03-04" not in one_bytes  # neither build date is in it


def test_a_claim_that_gains_a_newer_source_moves_to_the_top(tmp_path):
    root = run(make_project(tmp_path / "p", {"call.md": CALL, "brussels.md": BRUSSELS}), record=True)
    before = [(one(e, "id").text, one(e, "updated").text) for e in entries(feed_of(root, where="docs"))]
    assert before[0][1] == "2025-02-12T00:00:00Z"  # the newest report, from Brussels
    (root / "content" / "articles" / "later.md").write_text(LATER_CALL, encoding="utf-8")
    run(root)
    top = entries(feed_of(root, where="docs"))[0]
    assert one(top, "updated").text == "2025-02-20T00:00:00Z"
    assert one(top, "published").text == "2025-02-11T00:00:00Z"  # its first source is older
    assert one(top, "id").text in dict(before)  # the same entry (its published id), now at the top
    assert "2 Quellen" in one(top, "summary").text


def test_with_a_site_url_ids_and_links_are_absolute_addresses(tmp_path):
    root = run(make_project(tmp_path / "p", {"call.md": CALL}), SITE_URL="https://probe.example/erklaert")
    feed = feed_of(root, "en", where="docs")
    assert one(feed, "id").text == "https://probe.example/erklaert/en/feed.xml"
    links = {(link.get("rel"), link.get("hreflang")): link.get("href") for link in feed.findall("atom:link", NS)}
    assert links[("self", None)] == "https://probe.example/erklaert/en/feed.xml"
    assert links[("alternate", "de")] == "https://probe.example/erklaert/feed.xml"
    entry = entries(feed)[0]
    assert one(entry, "id").text == one(entry, "link").get("href")
    assert one(entry, "id").text.startswith("https://probe.example/erklaert/en/topics/")


def test_the_feed_names_the_editor_and_contact_of_mkdocs_yml(tmp_path):
    root = make_project(tmp_path / "p", {"call.md": CALL})
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace('  editor: ""', '  editor: "Redaktion Probe"', 1)
    config.write_text(text.replace('  contact: ""', "  contact: post@probe.example", 1), encoding="utf-8")
    author = one(feed_of(run(root), where="docs"), "author")
    assert one(author, "name").text == "Redaktion Probe" and one(author, "email").text == "post@probe.example"


def test_an_article_date_counts_as_the_start_of_its_period():
    assert [timestamp(d) for d in ("2025", "2025-02", "2025-02-13")] == \
        ["2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z", "2025-02-13T00:00:00Z"]


def test_site_url_is_read_like_mkdocs_reads_it(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_name: T\nsite_url: !ENV [SITE_URL, ""]\n', encoding="utf-8")
    monkeypatch.delenv("SITE_URL", raising=False)
    assert load_site_url(config) is None
    monkeypatch.setenv("SITE_URL", "https://probe.example/x")
    assert load_site_url(config) == "https://probe.example/x/"
    monkeypatch.setenv("SITE_URL", "probe.example")
    with pytest.raises(ConfigError, match="site_url: 'probe.example' is not an http"):
        load_site_url(config)


def test_a_site_without_dated_sources_has_an_empty_feed_dated_like_its_pages(tmp_path):
    undated = CALL.replace("date: 2025-02-11\n", "")
    feed = feed_of(run(make_project(tmp_path / "p", {"call.md": undated}), SOURCE_DATE_EPOCH="1741046400"),
                   where="docs")
    assert entries(feed) == [] and one(feed, "updated").text == "2025-03-04T00:00:00Z"  # the build date the pages show
