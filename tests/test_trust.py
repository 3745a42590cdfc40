"""Small errors that cost trust (issue 16), on the seed site built once with MkDocs:
counts that agree, plurals, grammar of the speaker phrase, headings, quotation marks."""
from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from builder.build import Project, build
from tests.conftest import make_project

LANGS = {"de": "", "en": ".en"}  # language -> suffix of its Markdown pages


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The seed project built once: (root, build log)."""
    root = make_project(tmp_path_factory.mktemp("trust") / "project", seeds=True)
    out = io.StringIO()
    assert build(Project(root), out=out) == 0, out.getvalue()
    return root, out.getvalue()


def markdown(root: Path, rel: str, lang: str) -> str:
    return (root / "build" / "docs" / f"{rel}{LANGS[lang]}.md").read_text(encoding="utf-8")


def html(root: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / rel).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", list(LANGS))
def test_people_index_counts_what_each_person_page_lists(seed, lang):
    root, _ = seed
    index = markdown(root, "people/index", lang)
    entries = re.findall(r"^- \[[^\]]+\]\(([\w-]+)\.md\).* · (\d+) \S+$", index, re.MULTILINE)
    assert entries
    for person, count in entries:
        page = markdown(root, f"people/{person}", lang)
        statements = page.split("{#statements}", 1)[1].split("\n## ", 1)[0]
        listed = len(re.findall(r"^- ", statements, re.MULTILINE))
        assert int(count) == listed, f"{person}: the index says {count}, the page lists {listed}"


def test_build_summary_says_one_source_not_one_sources(seed):
    _, log = seed
    assert not re.search(r"\b1 (sources|claims|pages|errors|warnings)\b", log), log
    assert re.search(r"china-view: \d+ claims from 1 source$", log, re.MULTILINE), log


def test_counted_takes_the_singular_for_one():
    from builder.problems import counted
    assert [counted(n, "source") for n in (0, 1, 2)] == ["0 sources", "1 source", "2 sources"]


@pytest.mark.parametrize("lang, one, many", [("de", "Aussage", "Aussagen"), ("en", "statement", "statements")])
def test_people_index_says_one_statement_in_the_singular(seed, lang, one, many):
    root, _ = seed
    counts = re.findall(r" · (\d+) (\w+)$", markdown(root, "people/index", lang), re.MULTILINE)
    assert ("1", one) in counts  # the seeds have people with a single statement
    for n, noun in counts:
        assert noun == (one if n == "1" else many), f"{n} {noun}"


@pytest.mark.parametrize("lang", list(LANGS))
def test_no_page_writes_one_with_a_plural(seed, lang):
    root, _ = seed
    plural = r"\b1 (Aussagen|Quellen|statements|sources)\b"
    for page in sorted((root / "build" / "docs").rglob(f"*{LANGS[lang]}.md")):
        if lang == "de" and page.name.endswith(".en.md"):
            continue
        found = re.search(plural, page.read_text(encoding="utf-8"))
        assert not found, f"{page.name}: {found and found.group()}"


def test_page_count_picks_the_singular_string():
    from builder.localize import Localizer
    from builder.render import Page
    strings = {"_language": "de", "things": "Dinge", "things_one": "Ding"}
    page = Page("index.md", "de", Localizer("de", {}), strings)
    assert [page.count(n, "things") for n in (0, 1, 7)] == ["0 Dinge", "1 Ding", "7 Dinge"]


REGISTRY = """\
- id: harbour-office
  name: Hafenamt
  kind: organisation
  variants: [Hafenamt, Hafenamts]
  gender: null
  side: city
  role: {de: Behörde des Hafens, en: port authority}
  role_nouns: []
  said_by: {de: "Aussage des [Hafenamts]", en: "said by the [harbour office]"}
- id: rowing-club
  name: Ruderverein
  kind: organisation
  variants: [Ruderverein]
  gender: null
  side: city
  role: {de: Verein, en: club}
  role_nouns: []
- id: anna-berg
  name: Anna Berg
  kind: person
  variants: [Anna Berg, Berg]
  gender: f
  side: city
  role: {de: Hafenmeisterin, en: harbour master}
  role_nouns: []
"""


def speaker_phrases(tmp_path, language: str) -> dict[str, str]:
    from builder.config import Language
    from builder.people import load_people
    from builder.render import Renderer
    from builder.site import Site
    path = tmp_path / "people.yml"
    path.write_text(REGISTRY, encoding="utf-8")
    people = load_people(path)
    site = Site((Language("de", "Deutsch", True), Language("en", "English", False)), (), (), (), "2025-01-01",
                people=people.entries)
    strings = {"_language": language, "said_by": "Aussage von" if language == "de" else "said by",
               "said_by_organisation": "Aussage:" if language == "de" else "Speaker:", "not_translated": "-"}
    renderer = Renderer(site, None, language, {}, strings)
    page = renderer.page("topics/harbour.md")
    return {p.id: renderer.said_by(p, page) for p in people.entries}


def test_speaker_phrase_takes_the_registry_form_else_a_safe_label(tmp_path):
    de = speaker_phrases(tmp_path, "de")
    assert de == {"harbour-office": "Aussage des [Hafenamts](../people/harbour-office.md)",
                  "rowing-club": "Aussage: [Ruderverein](../people/rowing-club.md)",
                  "anna-berg": "Aussage von [Anna Berg](../people/anna-berg.md)"}
    en = speaker_phrases(tmp_path, "en")
    assert en["harbour-office"] == "said by the [harbour office](../people/harbour-office.md)"
    assert en["rowing-club"].startswith("Speaker: [")


def test_a_said_by_with_two_links_is_reported(tmp_path):
    from builder.people import PeopleError, load_people
    path = tmp_path / "people.yml"
    path.write_text(REGISTRY.replace("Aussage des [Hafenamts]", "[Aussage] des [Hafenamts]"), encoding="utf-8")
    with pytest.raises(PeopleError) as caught:
        load_people(path)
    assert "said_by" in str(caught.value)


@pytest.mark.parametrize("lang, wrong", [("de", "Aussage von ["), ("en", "said by [")])
def test_no_organisation_is_said_by_in_the_grammar_of_a_person(seed, lang, wrong):
    root, _ = seed
    people = yaml.safe_load((root / "content" / "people.yml").read_text(encoding="utf-8"))
    organisations = [p["id"] for p in people if p["kind"] == "organisation"]
    assert organisations
    for topic in sorted((root / "build" / "docs" / "topics").glob(f"*{LANGS[lang]}.md")):
        if lang == "de" and topic.name.endswith(".en.md"):
            continue
        text = topic.read_text(encoding="utf-8")
        for org in organisations:
            found = re.search(re.escape(wrong) + r"[^\]]+\]\(\.\./people/" + org + r"\.md\)", text)
            assert not found, f"{topic.name}: {found and found.group()}"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_coverage_sections_are_headings_in_the_table_of_contents(seed, prefix):
    root, _ = seed
    page = html(root, f"{prefix}coverage.html")
    article = page.select_one("article")
    assert "##" not in article.get_text(), "a heading was left as text"
    sections = [h["id"] for h in article.select("h2[id]")]
    assert sections, "the coverage page has no section per topic"
    toc = {a["href"] for a in page.select("nav.md-nav--secondary a[href^='#']")}
    for section in sections:
        assert f"#{section}" in toc, f"#{section} is not in the table of contents"


@pytest.mark.parametrize("lang, opening, closing, foreign", [("de", "„", "“", "”"), ("en", "“", "”", "„")])
def test_citations_use_the_quotation_marks_of_the_page_language(seed, lang, opening, closing, foreign):
    root, _ = seed
    for topic in sorted((root / "build" / "docs" / "topics").glob(f"*{LANGS[lang]}.md")):
        if lang == "de" and topic.name.endswith(".en.md"):
            continue
        citations = topic.read_text(encoding="utf-8").split("{#citations}", 1)[1]
        items = re.findall(r"^\d+\. (.)(.*) — \[", citations, re.MULTILINE)
        assert items, topic.name
        for first, rest in items:
            assert first == opening and rest.endswith(closing), f"{topic.name}: {first}{rest[-20:]}"
            assert not rest.endswith(foreign)


def test_english_people_pages_do_not_call_translated_quotes_verbatim(seed):
    root, _ = seed
    pages = [p for p in sorted((root / "build" / "docs" / "people").glob("*.en.md")) if p.name != "index.en.md"]
    assert pages
    for page in pages:
        kinds = re.findall(r'<span class="quote-kind">([^<]*)</span>', page.read_text(encoding="utf-8"))
        assert kinds and "verbatim" not in kinds, page.name
        assert "direct quote, translated" in kinds or "reported" in kinds


def test_quote_kind_says_verbatim_only_for_the_original_words():
    from types import SimpleNamespace
    from builder.localize import MACHINE, MISSING, ORIGINAL, REVIEWED, Localizer, Text
    from builder.render import Page, quote_kind
    strings = {"_language": "en", "quote_direct": "verbatim", "quote_indirect": "reported",
               "quote_direct_translated": "translated"}
    page = Page("people/x.md", "en", Localizer("en", {}), strings)
    direct, indirect = SimpleNamespace(kind="direct"), SimpleNamespace(kind="indirect")

    def kind(statement, state):
        return quote_kind(statement, Text("The boat left at noon.", state, "en"), page)
    assert [kind(direct, s) for s in (ORIGINAL, MISSING, REVIEWED, MACHINE)] == \
        ["verbatim", "verbatim", "translated", "translated"]
    assert kind(indirect, REVIEWED) == "reported"


def test_home_page_title_is_the_site_name_in_each_language(seed):
    root, _ = seed
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    for language in i18n["languages"]:
        site_name = language.get("site_name") or config["site_name"]
        prefix = "" if language.get("default") == "true" else f"{language['locale']}/"
        page = html(root, f"{prefix}index.html")
        for permalink in page.select("a.headerlink"):
            permalink.decompose()
        assert page.select_one("article h1").get_text(strip=True) == site_name, language["locale"]
        assert page.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == site_name


def heading_levels(page: BeautifulSoup) -> list[int]:
    return [int(h.name[1]) for h in page.select("article :is(h1, h2, h3, h4, h5, h6)")]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_pages_never_skip_a_heading_level(seed, prefix):
    root, _ = seed
    site = root / "site" / prefix
    pages = [p for p in sorted(site.rglob("*.html")) if prefix or p.relative_to(site).parts[0] != "en"]
    checked = 0
    for path in pages:
        levels = heading_levels(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        if not levels:
            continue  # a redirect or the 404 page
        checked += 1
        assert levels[0] == 1, path.name
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{path.relative_to(site)}: h{before} followed by h{after}"
    assert checked > 10


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_table_has_an_empty_header_cell(seed, prefix):
    root, _ = seed
    for rel in ["sources/000_61d731ec91a52a51.html", "sources/index.html", "coverage.html"]:
        for th in html(root, prefix + rel).select("article th"):
            assert th.get_text(strip=True), f"{prefix}{rel}: an empty table header"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_link_has_an_accessible_name(seed, prefix):
    root, _ = seed
    for topic in ["peace-talks", "us-positions", "european-reactions", "china-view"]:
        page = html(root, f"{prefix}topics/{topic}.html")
        for link in page.select("article a[href]"):
            name = link.get("aria-label") or link.get("title") or link.get_text(strip=True)
            assert re.search(r"\w", name), f"{topic}: a link named only {name!r} ({link['href']})"


@pytest.mark.parametrize("marks", ["„“", "“”", "»«"])
def test_a_sentence_that_copies_of_one_report_print_alike_is_listed_once(tmp_path, marks):
    # Two portals print the same agency text (one perhaps with other quotation marks): the
    # person page lists its sentence once, citing both, and the people index counts it once.
    report = ("Der US-Verteidigungsminister Pete Hegseth sagte am Mittwoch in Brüssel, die Ukraine müsse mit den "
              "europäischen Verbündeten über „Sicherheitsgarantien“ und Friedensverhandlungen sprechen.\n\n"
              "Die Nato-Verteidigungsminister berieten in Brüssel über den Krieg in der Ukraine und über "
              "Friedensverhandlungen mit Russland.\n")
    copy = report.replace("„Sicherheitsgarantien“", f"{marks[0]}Sicherheitsgarantien{marks[1]}")
    if marks == "»«":  # and the full stop inside the closing mark
        copy = copy.replace("sprechen.\n", "sprechen.«\n").replace("über »Sicherheitsgarantien«", "über »Sicherheitsgarantien")
    root = make_project(tmp_path / "project", {"portal_one.txt": report, "portal_two.txt": copy})
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 0, out.getvalue()
    page = markdown(root, "people/pete-hegseth", "de")
    statements = page.split("{#statements}", 1)[1].split("\n## ", 1)[0]
    lines = re.findall(r"^- .*$", statements, re.MULTILINE)
    assert len(lines) == 1, statements
    assert re.findall(r"\]\(\.\./sources/(\w+)\.md#p1", lines[0]) == ["portal_one", "portal_two"], lines[0]
    index = markdown(root, "people/index", "de")
    assert re.search(r"\(pete-hegseth\.md\).* · 1 Aussage$", index, re.MULTILINE), index


def test_a_person_page_lists_only_statements_trusted_enough_to_name_them():
    # A far pronoun's guess (low confidence) names nobody on a topic page; the person page
    # and the people index leave it out too, and the site's export keeps it with its figure.
    # So is a sentence that is the writer's own around the person's words ("Er reagierte
    # damit auf Bergs Forderung, …"): the page would show the writer's words as hers.
    from builder.attribution import SHOW_SPEAKER
    from builder.model import Citation, Site, Statement

    def said(start: int, confidence: float, voices_sentence: bool = True) -> Statement:
        cite = Citation("bericht", 1, 0, start, start + 20, "„Der Hafen wächst“, sagte sie.")
        return Statement("direct", start, start + 20, "anna-berg", "sie", (cite,), confidence=confidence,
                         voices_sentence=voices_sentence)

    sure, guess, framed = said(0, SHOW_SPEAKER), said(40, SHOW_SPEAKER - 0.3), said(80, 0.9, voices_sentence=False)
    site = Site((), (), (), (), "2025-01-01", statements=(sure, guess, framed), show_speaker=SHOW_SPEAKER)
    assert site.statements_of("anna-berg") == (sure,)
    assert Site((), (), (), (), "2025-01-01", statements=(sure, guess)).statements_of("anna-berg") == (sure, guess)


def test_a_claim_says_how_many_of_its_reports_give_its_words_as_its_speaker_s():
    # Three portals report that the port will grow; one quotes Anna Berg saying so, one
    # reports it as a fact, and one quotes her below the confidence a page names anyone at.
    from builder.attribution import SHOW_SPEAKER
    from builder.model import Citation, Claim, Report, Site, Statement

    quoted, plain, unsure = (Citation(a, 1, 0, 0, 30, "Der Hafen wächst, sagte Anna Berg.") for a in "abc")
    statements = (Statement("indirect", 0, 30, "anna-berg", "Anna Berg", (quoted,), confidence=0.9),
                  Statement("indirect", 0, 30, "anna-berg", "sie", (unsure,), confidence=SHOW_SPEAKER - 0.3))
    claim = Claim("c-1", "Der Hafen wächst.", "de", (quoted, plain, unsure), speaker="anna-berg")
    site = Site((), (), (), (), "2025-01-01", statements=statements, show_speaker=SHOW_SPEAKER)
    assert site.report_count(claim) == 3 and site.attributed_reports(claim) == 1
    copies = {a: Report("a", ("a", "b")) for a in "ab"}  # "b" prints the report "a" prints: one report
    assert Site((), (), (), (), "2025-01-01", statements=statements, show_speaker=SHOW_SPEAKER,
                reports=copies).attributed_reports(claim) == 1
    assert site.attributed_reports(Claim("c-2", "Der Hafen wächst.", "de", (plain,))) == 0  # no speaker


def test_a_claim_names_each_speaker_only_at_the_reports_that_give_the_words_as_theirs(tmp_path):
    # Three portals report that the port will grow: one quotes Anna Berg, one the harbour
    # office (one voice with her, so one claim), one states it in its own words. The claim is
    # headed by her words; the page names her at her citation, the office at its own, and
    # nobody at the report that names nobody.
    import shutil

    from builder.attribution import SHOW_SPEAKER
    from builder.config import Language
    from builder.model import Citation, Claim, Site, Statement
    from builder.people import load_people
    from builder.render import Renderer, environment
    path = tmp_path / "people.yml"
    path.write_text(REGISTRY, encoding="utf-8")
    quoted, office, plain = (Citation(a, 1, 0, 0, 30, f"Der Hafen wächst ({a}).") for a in "abc")
    statements = (Statement("indirect", 0, 30, "anna-berg", "Anna Berg", (quoted,), confidence=0.9),
                  Statement("indirect", 0, 30, "harbour-office", "Hafenamt", (office,), confidence=0.9))
    site = Site((Language("de", "Deutsch", True),), (), (), (), "2025-01-01", people=load_people(path).entries,
                statements=statements, show_speaker=SHOW_SPEAKER)
    claim = Claim("c-1", "Der Hafen wächst.", "de", (plain, quoted, office), speaker="anna-berg")
    assert site.voices(claim) == (("anna-berg", (quoted,)), ("harbour-office", (office,)))
    assert site.voices(Claim("c-2", "Der Hafen wächst.", "de", (quoted,), speaker="anna-berg")) == ()  # all hers
    writers = Claim("c-3", "Der Hafen wächst.", "de", (plain, quoted))  # headed by a report in its own words
    assert site.voices(writers) == (("anna-berg", (quoted,)),)
    assert site.voices(Claim("c-4", "Der Hafen wächst.", "de", (plain,))) == ()

    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copy(Path(__file__).parent.parent / "site_src" / "templates" / "_macros.md.j2", templates)
    (templates / "claim.md.j2").write_text('{% import "_macros.md.j2" as m with context %}'
                                           '{{ m.claim_cited(page, claim) }} {{ m.speaker(page, claim) }}',
                                           encoding="utf-8")
    strings = {"_language": "de", "said_by": "Aussage von", "said_by_organisation": "Aussage:", "not_translated": "-"}
    renderer = Renderer(site, environment(templates), "de", {}, strings)
    shown = renderer.body("claim.md.j2", renderer.page("topics/harbour.md"), claim=claim)
    label = shown.split('<span class="speaker">', 1)[1].split("</span>", 1)[0]
    cited = re.findall(r"\[\\\[(\d)\\\]\]\(\.\./sources/(\w)\.md", label)
    assert re.search(r"Anna Berg\]\([^)]*\) \[\\\[2", label), label
    assert re.search(r"Hafenamts?\]\([^)]*\) \[\\\[3", label), label
    assert cited == [("2", "a"), ("3", "b")], label  # the plain report "c" is [1], and nobody's
    assert "sources/c.md" in shown.split('<span class="speaker">', 1)[0] and "sources/c.md" not in label


def test_a_speaker_the_registry_lacks_is_named_at_their_citations_too(tmp_path):
    # Two reports of one fact: one quotes Lars Lind, whom the registry does not know, one
    # states it in its own words. He is named at his citation, and the export says so.
    from builder.attribution import SHOW_SPEAKER
    from builder.model import Citation, Claim, Site, Statement
    quoted, plain = (Citation(a, 1, 0, 0, 30, f"Die Fähre fährt wieder ({a}).") for a in "ab")
    statements = (Statement("indirect", 0, 30, None, "Lind", (quoted,), name="Lars Lind", confidence=0.9),)
    site = Site((), (), (), (), "2025-01-01", statements=statements, show_speaker=SHOW_SPEAKER)
    claim = Claim("c-1", "Die Fähre fährt wieder.", "de", (quoted, plain), speaker="Lars Lind")
    assert site.attributed_reports(claim) == 1 and site.speakers_at(quoted) == ("Lars Lind",)
    assert site.voices(claim) == (("Lars Lind", (quoted,)),) and site.speakers_at(plain) == ()
    unsure = replace(statements[0], confidence=SHOW_SPEAKER - 0.3)  # a guess names nobody
    assert Site((), (), (), (), "2025-01-01", statements=(unsure,), show_speaker=SHOW_SPEAKER).speakers_at(quoted) == ()
