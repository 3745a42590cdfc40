"""The overview of a topic page and the timeline (builder/overview.py, builder/timeline.py),
with invented claims and articles."""
from __future__ import annotations

import io
import re

import pytest
import yaml

from builder.build import Project, build
from builder.model import Citation, Claim
from builder.overview import EXTEND, REPLACE, choose, load_editorial
from builder.problems import ConfigError


def claim(cid: str, section: str | None = None, speaker: str | None = None) -> Claim:
    quote = f"Der Satz {cid} steht in einer Quelle."
    return Claim(cid, quote, "de", (Citation("a", 1, 0, 0, len(quote), quote),), section, speaker)


def row(c: Claim, reports: int, order: int = 0, priority: float = 0.0) -> tuple:
    return (c, order, priority, reports)


def test_the_best_corroborated_claims_come_first_spread_over_sections_in_section_order():
    ranked = [row(claim("a1", "a"), 4), row(claim("a2", "a"), 3), row(claim("a3", "a"), 3),
              row(claim("b1", "b"), 3), row(claim("c1", "c"), 1)]
    chosen = choose(ranked, total=10, sections=("b", "a", "c"), sides={})
    # a2/a3 tie with b1 on reports, but b1 brings a new section; the single-report c1 stays out.
    assert [c.id for c in chosen] == ["b1", "a1", "a2", "a3"]


def test_a_speaker_of_a_side_not_yet_heard_counts_as_one_report_more():
    ranked = [row(claim("x1", "s", "anna"), 3), row(claim("x2", "s", "berta"), 2), row(claim("x3", "s", "cora"), 2)]
    chosen = choose(ranked, total=3, sections=("s",), sides={"anna": "nord", "berta": "nord", "cora": "sued"})
    assert [c.id for c in chosen] == ["x1", "x3"]


def test_single_report_claims_fill_in_only_when_too_few_are_corroborated():
    ranked = [row(claim("k1"), 2), row(claim("k2"), 1), row(claim("k3"), 1), row(claim("k4"), 1)]
    assert len(choose(ranked, total=4, sections=(), sides={})) == 3  # never all four claims
    only = [row(claim(f"e{i}"), 1) for i in range(3)]
    assert [c.id for c in choose(only, total=3, sections=(), sides={})] == ["e0", "e1"]


def write(folder, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_editors_overviews_replace_or_extend_and_the_readme_is_none(tmp_path):
    folder = tmp_path / "overviews"
    write(folder, "hafen.de.md", "Der Hafen wird größer, sagt die Redaktion.\n")
    write(folder, "hafen.en.md", "---\nmode: extend\n---\nThe port grows, the editors say.\n")
    write(folder, "README.md", "# How this folder works\n")
    found = load_editorial(folder, ["hafen"], ["de", "en"])
    assert found[("hafen", "de")].mode == REPLACE and "Redaktion" in found[("hafen", "de")].markdown
    assert found[("hafen", "en")].mode == EXTEND and found[("hafen", "en")].markdown.startswith("The port")
    assert load_editorial(tmp_path / "absent", ["hafen"], ["de"]) == {}


def test_bad_editors_overviews_are_all_named_with_the_fix(tmp_path):
    folder = tmp_path / "overviews"
    write(folder, "hafen.fr.md", "Texte.\n")
    write(folder, "schule.de.md", "Text.\n")
    write(folder, "hafen.de.md", "---\nmode: ersetzen\n---\nText.\n")
    write(folder, "hafen.en.md", "---\nmode: replace\n---\n\n")
    with pytest.raises(ConfigError) as caught:
        load_editorial(folder, ["hafen"], ["de", "en"])
    text = str(caught.value)
    assert "hafen.fr.md" in text and "does not end in a site language (de, en)" in text
    assert "schule.de.md" in text and "no topic has the id 'schule'" in text and "hafen" in text
    assert "hafen.de.md:2" in text and "expected 'replace' or 'extend'" in text
    assert "hafen.en.md" in text and "no text" in text


# Invented reports of this test, not from content/articles: one dated to the day (a
# Thursday), one dated to the month, one without a date.
TO_THE_DAY = ("---\ntitle: Telefonat über die Ukraine\ndate: 2025-02-13\n---\n"
              "Trump und Putin vereinbarten am Mittwoch in einem Telefonat Verhandlungen über die Ukraine.\n\n"
              "Selenskyj verlangte, dass die Ukraine an allen Verhandlungen beteiligt wird.\n")
TO_THE_MONTH = ("---\ntitle: Kritik aus Europa\ndate: 2025-02\n---\n"
                "Die Europäer kritisierten am Donnerstag in Brüssel die Pläne für Verhandlungen über die Ukraine.\n\n"
                "Selenskyj verlangte, die Ukraine müsse an den Verhandlungen beteiligt werden.\n")
UNDATED = ("---\ntitle: Ohne Datum\n---\n"
           "Am Dienstag sprach Hegseth in Brüssel über die Nato und die Ukraine.\n\n"
           "Selenskyj fordert, die Ukraine müsse an den Verhandlungen beteiligt sein.\n")


@pytest.fixture
def built(project):
    root = project(articles={"tag.md": TO_THE_DAY, "monat.md": TO_THE_MONTH, "ohne.md": UNDATED})
    write(root / "content" / "overviews", "peace-talks.de.md",
          "---\nmode: extend\n---\nDie Redaktion fasst zusammen: Es wird **verhandelt**.\n")
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 0, out.getvalue()
    return root


def body(root, path: str) -> str:
    return (root / "build" / "docs" / path).read_text(encoding="utf-8").split("---\n", 2)[2]


def test_the_editors_text_wins_in_its_language_and_is_marked(built):
    page = body(built, "topics/peace-talks.md")
    box = page.split('!!! abstract overview "Überblick der Redaktion"', 1)[1].split("\n## ", 1)[0]
    assert "    Die Redaktion fasst zusammen: Es wird **verhandelt**." in box
    assert "**Aus den Quellen:**" in box and "](#c-" in box  # extend: the chosen sentences follow
    assert page.index("Überblick der Redaktion") < page.index("\n## ")


def test_without_the_editors_english_text_the_english_page_says_so_and_shows_the_sources(built):
    page = body(built, "topics/peace-talks.en.md")
    assert "Die Redaktion fasst" not in page and "The editors’ overview" not in page
    box = page.split('!!! abstract overview "Overview from the sources"', 1)[1].split("\n## ", 1)[0]
    assert "only in another language (Deutsch)" in box
    anchors = set(re.findall(r"\{: #(c-[0-9a-f]+) \.claim \}", page))
    linked = re.findall(r"\]\(#(c-[0-9a-f]+)\)", box)
    assert linked and set(linked) <= anchors


def test_the_overview_gives_the_date_a_weekday_means_in_an_article_dated_to_the_day(built):
    german = body(built, "topics/peace-talks.md")
    english = body(built, "topics/peace-talks.en.md")
    assert "12\\. Februar 2025" in german and "12 February 2025" in english


def test_the_timeline_page_dates_only_what_the_sources_date(built):
    for path, day, reported, undated in (
            ("timeline.md", "## 12\\. Februar 2025 {#d-2025-02-12}", "## Februar 2025: berichtet", "Eine weitere"),
            ("timeline.en.md", "## 12 February 2025 {#d-2025-02-12}", "## February 2025: reported", "One more")):
        page = body(built, path)
        assert day in page and reported in page and undated in page
        assert "Hegseth" not in page  # the undated article's Tuesday has no date
        for topic, anchor in re.findall(r"\]\(topics/([\w-]+)\.md#(c-[0-9a-f]+)\)", page):
            suffix = ".en" if path.endswith(".en.md") else ""
            assert f"{{: #{anchor} .claim }}" in body(built, f"topics/{topic}{suffix}.md")


def test_each_topic_page_has_its_part_of_the_timeline(built):
    page = body(built, "topics/peace-talks.md")
    part = page.split("{#timeline}", 1)[1].split("\n## ", 1)[0]
    assert "- **12\\. Februar 2025**: [" in part and "(../timeline.md)" in part
    meta = yaml.safe_load((built / "build" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "timeline.md" in meta["nav"]
