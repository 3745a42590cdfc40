"""The seed site built for real with MkDocs: what readers and the open-data users rely on."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder.build import Project, build
from builder.config import load_reuse
from tests.conftest import SHARED, make_project

TOPICS = ("peace-talks", "us-positions", "european-reactions", "china-view")


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory):
    """The seed project, built once for this module: (root, build log)."""
    root = make_project(tmp_path_factory.mktemp("seed") / "project", seeds=True)
    out = io.StringIO()
    status = build(Project(root), out=out)
    assert status == 0, out.getvalue()
    return root, out.getvalue()


def html(root: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / rel).read_text(encoding="utf-8"), "html.parser")


def test_build_prints_a_summary_with_stage_times(seed_site):
    _, log = seed_site
    assert "articles: 5 read, 0 skipped" in log
    for topic in TOPICS:
        assert re.search(rf"{topic}: \d+ claims? from \d sources?", log)
    assert re.search(r"English: \d+% of \d+ texts translated", log)
    assert re.search(r"time: [\d.]+s \(config .* mkdocs [\d.]+s", log)
    assert "mkdocs:" not in log  # no MkDocs warning in --strict


@pytest.mark.parametrize("rel", ["index.html", "about.html", "sources/index.html",
                                 "sources/000_61d731ec91a52a51.html"] + [f"topics/{t}.html" for t in TOPICS])
def test_every_page_exists_in_both_languages_at_stable_urls(seed_site, rel):
    root, _ = seed_site
    de, en = html(root, rel), html(root, f"en/{rel}")
    assert de.html["lang"] == "de" and en.html["lang"] == "en"


@pytest.mark.parametrize("rel", ["topics/us-positions.html", "sources/003_c21471ac2a44d535.html"])
def test_language_switch_lands_on_the_same_page(seed_site, rel):
    root, _ = seed_site
    depth = rel.count("/")
    de_links = {a["hreflang"]: a["href"] for a in html(root, rel).select("a.md-select__link[hreflang]")}
    assert de_links["en"] == "../" * depth + "en/" + rel
    en_links = {a["hreflang"]: a["href"] for a in html(root, f"en/{rel}").select("a.md-select__link[hreflang]")}
    assert en_links["de"] == "../" * (depth + 1) + rel


def test_claims_export_passes_the_shared_checks(seed_site):
    root, _ = seed_site
    claims = root / "site" / "data" / "claims.json"
    check = SHARED / "eval" / "check_claims.py"
    if not check.exists():
        pytest.skip("../shared/eval is not beside this checkout")
    proc = subprocess.run([sys.executable, str(check), str(claims)], capture_output=True, text=True)
    summary = proc.stdout.strip().splitlines()[-1]
    valid, total = map(int, re.search(r"citations (\d+)/(\d+) valid", summary).groups())
    assert valid == total > 0, proc.stdout
    assert "faults 0" in summary, proc.stdout
    assert proc.returncode == 0, proc.stdout


def test_claims_export_is_deterministic_and_cites_verbatim(seed_site, tmp_path):
    root, _ = seed_site
    data = json.loads((root / "site" / "data" / "claims.json").read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert {a["publisher"] for a in data["articles"]} == {None} and {a["url"] for a in data["articles"]} == {None}
    assert [a["date"] for a in data["articles"]] == [None, "2025-02", None, "2025-02", None]
    for topic in data["topics"]:
        for claim in topic["claims"]:
            for c in claim["citations"]:
                assert texts[c["article"]][c["start"]:c["end"]] == c["quote"]
    again = make_project(tmp_path / "again", seeds=True)
    assert build(Project(again), run_mkdocs=False, out=io.StringIO()) == 0
    assert (again / "build" / "docs" / "data" / "claims.json").read_bytes() == \
        (root / "site" / "data" / "claims.json").read_bytes()


def test_no_external_resource_or_link_but_sources(seed_site):
    root, _ = seed_site
    # The addresses the editors give in mkdocs.yml extra: (licence, contact, corrections).
    declared = {v for v in load_reuse(root / "mkdocs.yml").as_dict().values() if v and "/" in v}
    for page in (root / "site").rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(src=True):
            assert not re.match(r"^(https?:)?//", tag["src"]), (page, tag["src"])
        for tag in soup.find_all("link", href=True):
            assert not re.match(r"^(https?:)?//", tag["href"]), (page, tag["href"])
        for a in soup.find_all("a", href=True):
            if a["href"] not in declared:  # seeds have no URL
                assert not re.match(r"^(https?:)?//", a["href"]), (page, a["href"])
    assert not any("fonts.googleapis" in p.read_text(errors="ignore") for p in (root / "site").rglob("*.css"))


def test_source_pages_stay_out_of_the_navigation(seed_site):
    root, _ = seed_site
    nav = html(root, "index.html").select("nav.md-nav--primary a.md-nav__link")
    targets = {a.get("href") for a in nav}
    assert "sources/index.html" in targets
    assert not any(t and re.search(r"sources/\d{3}_", t) for t in targets)


def test_source_page_shows_unknowns_paragraph_anchors_and_marked_furniture(seed_site):
    root, _ = seed_site
    page = html(root, "sources/002_086abb1049f76cb5.html")
    text = page.get_text(" ")
    assert "Herausgeber unbekannt" in re.sub(r"\s+", " ", text)
    assert page.select_one("#p1.para") and page.select_one("#p2.non-content.furniture")
    assert "Ukraine-Ticker" in page.select_one("#p2").get_text()
    assert page.select_one("#p13.non-content.credit")


def test_topic_page_cites_paragraphs_that_exist(seed_site):
    root, _ = seed_site
    page = html(root, "topics/us-positions.html")
    claims = page.select("p.claim")
    assert claims
    for claim in claims:
        assert re.match(r"^c-[0-9a-f]{8}$", claim["id"])
        links = claim.select('a[href*="sources/"]')
        assert links
        for a in links:
            target, anchor = a["href"].split("#")
            source = html(root, "topics/" + target)
            assert source.select_one(f"#{anchor}"), a["href"]
            assert a["title"]  # the cited sentence on hover


SPEAKER_QUOTES = [  # (person id, words of one of their seed quotations, its English version)
    ("pete-hegseth", "kein Verrat", "not a betrayal"),
    ("boris-pistorius", "bedauerlich", "regrettable"),
    ("john-healey", "vordersten Front der Freiheit", "front line of freedom"),
    ("sebastien-lecornu", "aus westlicher Sicht", "from a Western point of view"),
    ("kaja-kallas", "Appeasementpolitik", "appeasement"),
    ("mark-rutte", "wohin die US-amerikanische Initiative", "US initiative"),
    ("dmitry-peskov", "Es wird beides geben", "There will be both"),
    ("volodymyr-zelensky", "bilaterales Abkommen", "bilateral agreement"),
    ("donald-trump", "Ich glaube, dass diese Bemühungen", "I believe that this effort"),
    ("china-foreign-ministry", "einflussreiche Mächte", "influential powers"),
]


@pytest.mark.parametrize("person, german, english", SPEAKER_QUOTES)
def test_seed_quotations_appear_on_their_speakers_page(seed_site, person, german, english):
    root, _ = seed_site
    de = html(root, f"people/{person}.html").get_text(" ")
    en = html(root, f"en/people/{person}.html").get_text(" ")
    assert german in de
    assert english.lower() in en.lower()
    for other, other_german, _ in SPEAKER_QUOTES:
        if other != person:
            assert other_german not in de, f"{other}'s words on {person}'s page"


def test_people_index_groups_by_side_and_links_every_person(seed_site):
    root, _ = seed_site
    page = html(root, "en/people/index.html")
    sides = [h["id"] for h in page.select("h2[id]")]
    assert sides[:2] == ["usa", "russia"] and "europe" in sides and "china" in sides
    links = {a["href"] for a in page.select("article a[href$='.html']")}
    for person, _, _ in SPEAKER_QUOTES:
        assert f"{person}.html" in links


def test_claims_export_carries_speakers_and_quotes(seed_site):
    root, _ = seed_site
    data = json.loads((root / "site" / "data" / "claims.json").read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert {p["id"] for p in data["people"]} >= {p for p, _, _ in SPEAKER_QUOTES}
    for quote in data["quotes"]:
        assert texts[quote["article"]][quote["start"]:quote["end"]] == quote["text"]
    said = [c for t in data["topics"] for c in t["claims"] if c["speaker_id"] == "pete-hegseth"]
    assert said and all(c["speaker"] == "Pete Hegseth" for c in said)
