"""A second story, the tram strike of an invented city, builds a whole bilingual site from
its own content/ alone: topic pages with overviews, the timeline, the feeds, the people
page with its own sides, and not one word of the story the builder was first made for.

The articles are written here; the story's editorial files are tests/scenarios/tram. The
words of the first story are read from the project's own content/*.yml, so the check
follows that content rather than a list kept in the test.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
TRAM = ROOT / "tests" / "scenarios" / "tram"
TRAM_FILES = ("story.yml", "topics.yml", "sides.yml", "people.yml", "strings.yml")
ATOM = "{http://www.w3.org/2005/Atom}"

# Monday 2 March 2026 to Thursday 5 March 2026; "am Dienstag" in Thursday's article is the 3rd.
ARTICLES = {
    "streik-montag.md": "---\ntitle: Streik bei den Verkehrsbetrieben\ndate: 2026-03-02\npublisher: Stadtblatt\n---\n"
    "Der Streik bei den Verkehrsbetrieben legt die Stadt lahm. Die Gewerkschaft fordert acht Prozent mehr Lohn.\n\n"
    "„Wir bleiben draußen, bis das Angebot stimmt“, sagte Gewerkschaftschef Tom Ehlers am Montag. "
    "Die Verkehrsbetriebe böten zu wenig, der Lohn reiche nicht.\n\n"
    "Bürgermeisterin Vera Lang rief beide Seiten zu einem Kompromiss auf. Die Stadt könne nicht mehr zahlen, "
    "sagte sie.\n",
    "streik-dienstag.md": "---\ntitle: Notfahrplan im Streik\ndate: 2026-03-03\npublisher: Abendpost\n---\n"
    "Im Streik gilt ein Notfahrplan. Viele Fahrgäste warten lange an der Haltestelle.\n\n"
    "Ehlers sagte, die Gewerkschaft wolle acht Prozent mehr Lohn und nicht weniger. "
    "Lang erklärte, ein Kompromiss sei in Sicht.\n",
    "streik-donnerstag.md": "---\ntitle: Der Streik geht weiter\ndate: 2026-03-05\npublisher: Hafenkurier\n---\n"
    "Die Gewerkschaft hatte den Streik am Dienstag auf alle Linien der Straßenbahn ausgeweitet. "
    "Seitdem fahren in der Hafenstadt nur wenige Bahnen nach dem Notfahrplan.\n\n"
    "„Die Fahrgäste zahlen den Preis für diesen Streik“, sagte Fahrgastsprecherin Ina Wolf. "
    "Der Notfahrplan lasse viele Haltestellen der Straßenbahn aus.\n\n"
    "Gewerkschaftschef Tom Ehlers sagte, die Gewerkschaft wolle acht Prozent mehr Lohn. "
    "Bürgermeisterin Vera Lang erklärte, die Stadt könne nicht mehr zahlen.\n",
}


def first_story_words() -> set[str]:
    """The names, places, sides and terms of the project's own story, from its content/*.yml:
    people (full names and family names), sides (ids, labels, adjectives), the story's
    actors and places, and the German terms of its glossary. Short or generic words are left out."""
    content = ROOT / "content"

    def load(name: str):
        path = content / name
        return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None

    words: set[str] = set()
    for person in load("people.yml") or []:
        words.add(person["name"])
        if person.get("kind") == "person":
            words.add(person["name"].split()[-1])
    for side in (load("sides.yml") or {}).get("sides", []):
        if side["id"] != "other":
            words |= {side["id"], *side["label"].values(), *(a.rstrip("-") for a in side.get("adjectives", []))}
    story = (load("story.yml") or {}).get("story", {})
    for kind in ("actors", "places"):
        words |= {t for t in story.get(kind, {}) if not t.startswith("re:")}
    glossary = load("glossary.yml") or {}
    words |= {t["de"] for t in glossary.get("terms", []) if isinstance(t, dict) and isinstance(t.get("de"), str)}
    generic = {"deutsch", "europäisch", "britisch", "französisch", "polnisch", "other"}  # words a tram story may use
    return {w for w in words if len(w) >= 4 and w.lower() not in generic}


def word_pattern(words: set[str]) -> re.Pattern:
    """One pattern finding any of the words as a whole word, ignoring case."""
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])", re.IGNORECASE)


def tram_content(content: Path) -> None:
    """Write the tram story's content/: its editorial files, its articles, an empty concepts file."""
    (content / "articles").mkdir(parents=True, exist_ok=True)
    for name in TRAM_FILES:
        shutil.copy(TRAM / name, content / name)
    (content / "concepts.yml").write_text("concepts: []\n", encoding="utf-8")
    for name, body in ARTICLES.items():
        (content / "articles" / name).write_text(body, encoding="utf-8")


def tram_mkdocs_yml(text: str) -> str:
    """The project's mkdocs.yml with the tram story's site names: configuration, not code."""
    names = iter(["Der Straßenbahnstreik, erklärt", "Der Straßenbahnstreik, erklärt", "The tram strike, explained"])
    return re.sub(r"^(\s*site_name: ).*$", lambda m: m.group(1) + next(names), text, flags=re.MULTILINE)


@pytest.fixture(scope="module")
def tram_site(tmp_path_factory) -> Path:
    """The tram story's project, built once with MkDocs (in-process)."""
    from builder.build import Project, build
    from tests.conftest import make_project

    root = make_project(tmp_path_factory.mktemp("tram"), {})  # translations/ as it is: the UI's English is there
    for path in (root / "content").glob("*.yml"):
        path.unlink()
    tram_content(root / "content")
    (root / "mkdocs.yml").write_text(tram_mkdocs_yml((ROOT / "mkdocs.yml").read_text(encoding="utf-8")),
                                     encoding="utf-8")
    out = io.StringIO()
    assert build(Project(root), out=out) == 0, out.getvalue()[-3000:]
    return root


def soup(path: Path) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ids(page: BeautifulSoup) -> set[str]:
    """Every element id of a page."""
    return {tag["id"] for tag in page.find_all(id=True)}


def lands(base: Path, href: str) -> bool:
    """Whether a relative link from the file `base` reaches an existing page and anchor."""
    parts = urllib.parse.urlsplit(href)
    target = (base.parent / urllib.parse.unquote(parts.path)).resolve() if parts.path else base
    return target.is_file() and (not parts.fragment or parts.fragment in ids(soup(target)))


LANGUAGES = (("de", ""), ("en", "en/"))


@pytest.mark.parametrize("lang, prefix", LANGUAGES)
def test_each_topic_page_opens_with_an_overview_linking_to_its_claims(tram_site, lang, prefix):
    for topic in ("strike", "service"):
        path = tram_site / "site" / prefix / "topics" / f"{topic}.html"
        page = soup(path)
        box = page.select_one(".admonition.overview")
        assert box is not None, f"{lang} {topic}: no overview"
        links = [a["href"] for a in box.find_all("a", href=True) if a["href"].startswith("#")]
        assert links, f"{lang} {topic}: the overview links to no claim"
        assert all(href[1:] in ids(page) and href.startswith("#c-") for href in links), links


@pytest.mark.parametrize("lang, prefix", LANGUAGES)
def test_the_timeline_resolves_a_weekday_against_its_articles_date(tram_site, lang, prefix):
    page = soup(tram_site / "site" / prefix / "timeline.html")
    heading = page.find(id="d-2026-03-03")
    assert heading is not None, sorted(i for i in ids(page) if i.startswith(("d-", "r-")))
    entries = heading.find_next("ul")
    assert "ausgeweitet" in entries.get_text(), entries.get_text()  # "am Dienstag", written on Thursday 5 March
    topic_links = [a["href"] for a in page.select("article a[href*='topics/']")]
    assert topic_links and all(lands(tram_site / "site" / prefix / "timeline.html", h) for h in topic_links)


@pytest.mark.parametrize("lang, prefix", LANGUAGES)
def test_the_feed_of_each_language_links_to_existing_claims(tram_site, lang, prefix):
    path = tram_site / "site" / prefix / "feed.xml"
    feed = ET.fromstring(path.read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) >= 3
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert "#c-" in href and lands(path, href), href
    title = {"de": "Der Straßenbahnstreik, erklärt", "en": "The tram strike, explained"}[lang]
    assert feed.find(f"{ATOM}title").text.startswith(title)


@pytest.mark.parametrize("lang, prefix, title, labels", [
    ("de", "", "Wer sagt was", ["Stadt", "Gewerkschaft", "Fahrgäste"]),
    ("en", "en/", "Who said what", ["City", "Union", "Riders"])])
def test_the_people_page_lists_the_storys_own_sides(tram_site, lang, prefix, title, labels):
    page = soup(tram_site / "site" / prefix / "people" / "index.html")
    assert page.find("h1").get_text(" ", strip=True).startswith(title)  # the generator's words, translated
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in page.find_all("h2")]
    assert headings[:3] == labels
    text = page.get_text(" ")
    assert all(name in text for name in ("Vera Lang", "Tom Ehlers", "Ina Wolf"))


def test_no_word_of_the_first_story_is_in_the_site(tram_site):
    words = first_story_words()
    assert len(words) > 20  # the project's content does name its story
    pattern = word_pattern(words)
    found = []
    for path in sorted((tram_site / "site").rglob("*")):
        if path.suffix in (".html", ".xml", ".json"):
            text = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(tram_site / 'site')}: {m.group()}" for m in pattern.finditer(text)]
    assert not found, "\n".join(found[:30])
    home = soup(tram_site / "site" / "index.html").get_text(" ")
    assert "Der Straßenbahnstreik, erklärt" in home and "Hafenstadt" in home
    home = soup(tram_site / "site" / "en" / "index.html").get_text(" ")
    assert "The tram strike, explained" in home and "port city" in home


def test_the_story_can_be_swapped_without_changing_the_code(tmp_path):
    """The Done-when of issue 19: a copy of the project whose Ukraine content is moved out of
    content/ and the tram story moved in builds its site with the same code, run as a user
    runs it (`python -m builder update`, then `build`)."""
    project = tmp_path / "project"
    project.mkdir()
    for folder in ("builder", "site_src"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "content", project / "content", ignore=shutil.ignore_patterns("articles"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "translations", project / "translations")  # the memory stays: the UI's English is there
    shutil.move(project / "content", tmp_path / "first-story")  # the Ukraine content goes out
    tram_content(project / "content")  # ... and the tram strike comes in
    config = project / "mkdocs.yml"
    config.write_text(tram_mkdocs_yml(config.read_text(encoding="utf-8")), encoding="utf-8")
    for command in (["update"], ["build", "--strict"]):
        run = subprocess.run([sys.executable, "-m", "builder", *command], cwd=project, capture_output=True,
                             text=True, timeout=300)
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    for path in sorted((ROOT / "builder").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            assert (project / path.relative_to(ROOT)).read_bytes() == path.read_bytes()  # no code changed
    topic = (project / "site" / "en" / "topics" / "strike.html").read_text(encoding="utf-8")
    assert "Tom Ehlers" in topic and "The strike" in topic and "Overview from the sources" in topic
    assert {"strike", "service"} <= set((yaml.safe_load((project / "content" / "published.yml").read_text(
        encoding="utf-8")) or {}).get("claim_ids", {}))
    assert not word_pattern(first_story_words()).search(topic)
