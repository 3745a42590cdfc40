"""Reading articles: metadata, and every kind of bad input, one clear line each."""
from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from builder.build import Project, build
from builder.problems import Problems
from builder.read import read_articles

GOOD = "Der Kanzler reiste am Montag nach Paris. Dort traf er den Präsidenten.\n"


def read(folder: Path, sources: dict | None = None):
    problems = Problems()
    articles = read_articles(folder, sources or {}, ("de", "en"), problems, folder)
    return articles, problems


def write(folder: Path, files: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (folder / name).write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return folder


def test_markdown_front_matter_sets_metadata(tmp_path):
    folder = write(tmp_path, {"kanzler.md": "---\ntitle: Der Kanzler in Paris\ndate: 2025-02-12\n"
                                            "publisher: Testzeitung\nurl: https://example.org/a\n"
                                            "language: de\nslug: kanzler-paris\n---\n" + GOOD})
    (article,), problems = read(folder)
    assert not problems.items
    assert article.id == "kanzler-paris"
    m = article.meta
    assert (m.title, m.title_derived, m.date, m.publisher, m.url) == (
        "Der Kanzler in Paris", False, "2025-02-12", "Testzeitung", "https://example.org/a")


def test_plain_text_metadata_comes_from_sources_yml(tmp_path):
    folder = write(tmp_path, {"a1.txt": GOOD})
    (article,), problems = read(folder, {"a1": {"publisher": "Testzeitung", "date": "2025-02"}})
    assert not problems.items
    assert article.meta.publisher == "Testzeitung" and article.meta.date == "2025-02"


def test_unknown_metadata_stays_unknown_and_a_derived_title_is_marked(tmp_path):
    folder = write(tmp_path, {"a1.txt": GOOD})
    (article,), _ = read(folder)
    m = article.meta
    assert m.publisher is None and m.url is None and m.date is None
    assert m.title_derived and m.title == "Der Kanzler reiste am Montag nach Paris"


def test_month_date_marker_is_used_never_a_guess(tmp_path):
    folder = write(tmp_path, {"a1.txt": " date 2025-02 " + GOOD, "a2.txt": GOOD})
    articles, _ = read(folder)
    assert [a.meta.date for a in articles] == ["2025-02", None]
    assert not articles[0].text.startswith("date")


@pytest.mark.parametrize("name, body, line, words", [
    ("empty.txt", "", 1, ["empty"]),
    ("blank.txt", "  \n\n ", 1, ["empty"]),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", 3, ["binary", "UTF-8"]),
    ("latin1.txt", "Zweite Zeile\nGrüße aus Köln.".encode("latin-1"), 2, ["not UTF-8", "iconv"]),
    ("broken.md", "---\ntitle: [unclosed\ndate: 2025\n---\n" + GOOD, 3, ["front matter"]),
    ("unclosed.md", "---\ntitle: Ohne Ende\n" + GOOD, 1, ["never closed", "---"]),
    ("unknown.md", "---\ntitle: T\nautor: Jemand\n---\n" + GOOD, 3, ["unknown metadata key 'autor'", "use only"]),
    ("escape.md", "---\nslug: ../../etc/passwd\n---\n" + GOOD, 2, ["not a safe file name"]),
    ("baddate.md", "---\ndate: 12.02.2025\n---\n" + GOOD, 2, ["YYYY-MM-DD"]),
    ("onlyhead.md", "---\ntitle: T\n---\n", 4, ["no text"]),
])
def test_bad_input_gives_one_clear_error_and_the_others_build(tmp_path, name, body, line, words):
    folder = write(tmp_path, {"good.txt": GOOD, name: body})
    articles, problems = read(folder)
    assert [a.id for a in articles] == ["good"]
    (problem,) = problems.errors
    text = str(problem)
    assert text.startswith(f"{name}:{line}: error: ")
    assert " — fix: " in text and "\n" not in text
    for word in words:
        assert word in text


def test_duplicate_ids_are_an_error_naming_both_files(tmp_path):
    folder = write(tmp_path, {"a1.txt": GOOD, "b.md": "---\nslug: a1\n---\n" + GOOD})
    articles, problems = read(folder)
    assert [a.id for a in articles] == ["a1"]
    (problem,) = problems.errors
    assert "duplicate article id 'a1'" in str(problem) and "a1.txt" in str(problem) and str(problem).startswith("b.md")


def test_unknown_key_in_sources_yml_names_that_file(tmp_path):
    folder = write(tmp_path, {"a1.txt": GOOD})
    _, problems = read(folder, {"a1": {"herausgeber": "X"}})
    assert str(problems.errors[0]).startswith("content/sources.yml: error: unknown metadata key 'herausgeber' for a1")


def test_build_reports_problems_counts_them_and_exits_non_zero(project):
    root = project(articles={"good.txt": GOOD, "empty.txt": "", "latin1.txt": "Grüße".encode("latin-1")})
    out = io.StringIO()
    status = build(Project(root), run_mkdocs=False, out=out)
    log = out.getvalue()
    assert status == 1
    assert "content/articles/empty.txt:1: error: the file is empty" in log
    assert "content/articles/latin1.txt:1: error: not UTF-8" in log
    assert "articles: 1 read, 2 skipped (2 errors" in log
    data = json.loads((root / "build" / "docs" / "data" / "claims.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in data["articles"]] == ["good"]


def test_strict_turns_warnings_into_failure(project):
    # An article off the story (no topic could use it) is a warning: built, listed, but --strict fails.
    root = project(articles={"wetter.txt": "Morgen regnet es in Hamburg. Am Wochenende wird es wärmer.\n"})
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 0
    assert "wetter.txt: warning: not about the story, not used" in out.getvalue()
    assert build(Project(root), strict=True, run_mkdocs=False, out=io.StringIO()) == 1


def test_broken_topics_config_lists_every_problem_and_stops(project):
    root = project(articles={"good.txt": GOOD})
    (root / "content" / "topics.yml").write_text(
        "topics:\n  - id: Bad Id\n    title: {de: T}\n    description: {de: D}\n    terms: {x: heavy}\n"
        "  - id: ok\n    title: {en: only english}\n    description: {de: D}\n    terms: {Kanzler: 2}\n    colour: red\n",
        encoding="utf-8")
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 2
    log = out.getvalue()
    assert "topics[0].id: expected a lower-case id" in log
    assert "topics[0].terms.x: weight must be a number" in log
    assert "topics[1].title: expected a text per language with at least `de:`" in log
    assert "topics[1].colour: unknown key" in log
    assert [p.name for p in (root / "build").iterdir()] == [".lock"]  # nothing built, only the build lock taken


def test_long_stages_report_progress_and_short_ones_stay_quiet():
    from builder.build import progress

    out = io.StringIO()
    assert list(progress("read", range(300), 300, out)) == list(range(300))
    lines = out.getvalue().splitlines()
    assert lines[0] == "  read: 30/300" and lines[-1] == "  read: 300/300" and len(lines) == 10
    quiet = io.StringIO()
    assert list(progress("read", range(5), 5, quiet)) == list(range(5)) and quiet.getvalue() == ""


def test_cache_gives_the_same_articles_and_misses_on_any_change(tmp_path):
    from builder.cache import Cache

    folder = write(tmp_path / "articles", {"a1.txt": GOOD})
    cache = Cache(tmp_path / "cache")
    first = read_articles(folder, {}, ("de", "en"), Problems(), folder, cache=cache)
    again = read_articles(folder, {}, ("de", "en"), Problems(), folder, cache=cache)
    assert again == first and cache.hits == 1
    (folder / "a1.txt").write_text(GOOD.replace("Paris", "Rom"), encoding="utf-8")
    changed = read_articles(folder, {}, ("de", "en"), Problems(), folder, cache=cache)
    assert "Rom" in changed[0].text and cache.hits == 1
    with_meta = read_articles(folder, {"a1": {"publisher": "X"}}, ("de", "en"), Problems(), folder, cache=cache)
    assert with_meta[0].meta.publisher == "X" and cache.hits == 1


def test_author_comes_from_front_matter_or_sources_yml_and_reaches_claims_json(tmp_path, project):
    folder = write(tmp_path / "articles", {"a.md": "---\nauthor: Greta Sommerfeld\n---\n" + GOOD, "b.txt": GOOD, "c.txt": GOOD})
    articles, problems = read(folder, {"b": {"author": "Jonas Beerbaum; Lea Fink"}})
    assert not problems.items
    assert [a.meta.author for a in articles] == ["Greta Sommerfeld", "Jonas Beerbaum; Lea Fink", None]
    root = project(articles={"a.md": "---\nauthor: Greta Sommerfeld\n---\n" + GOOD})
    assert build(Project(root), run_mkdocs=False, out=io.StringIO()) == 0
    data = json.loads((root / "build" / "docs" / "data" / "claims.json").read_text(encoding="utf-8"))
    assert data["articles"][0]["author"] == "Greta Sommerfeld"
    page = (root / "build" / "docs" / "sources" / "a.md").read_text(encoding="utf-8")
    assert "| Autor/in | Greta Sommerfeld |" in page
    assert "| Author | Greta Sommerfeld |" in (root / "build" / "docs" / "sources" / "a.en.md").read_text(encoding="utf-8")


FRONT = "---\ntitle: Der Kanzler in Paris\ndate: 2025-02-12\n---\n"


def test_crlf_line_ends_and_a_byte_order_mark_read_as_plain_lf(tmp_path):
    crlf = (FRONT + GOOD + "\nZweiter Absatz. Er endet hier.\n").replace("\n", "\r\n")
    folder = write(tmp_path, {"lf.md": crlf.replace("\r\n", "\n"), "crlf.md": crlf,
                              "bom.md": "\ufeff" + crlf, "plain.txt": GOOD.replace("\n", "\r\n")})
    articles, problems = read(folder)
    assert not problems.items
    by_id = {a.id: a for a in articles}
    for name in ("crlf", "bom"):
        assert (by_id[name].meta, by_id[name].text, by_id[name].blocks) == (
            by_id["lf"].meta, by_id["lf"].text, by_id["lf"].blocks)
    assert by_id["plain"].text == GOOD.strip()


def test_a_crlf_front_matter_problem_names_its_line(tmp_path):
    folder = write(tmp_path, {"unknown.md": ("---\ntitle: T\nautor: Jemand\n---\n" + GOOD).replace("\n", "\r\n")})
    _, problems = read(folder)
    assert str(problems.errors[0]).startswith("unknown.md:3: error: unknown metadata key 'autor'")


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_utf16_and_utf32_with_a_byte_order_mark_read_as_text(tmp_path, encoding, bom):
    text = (FRONT + "Grüße aus Köln. " + GOOD).replace("\n", "\r\n")
    folder = write(tmp_path, {"lf.md": FRONT + "Grüße aus Köln. " + GOOD, "wide.md": bom + text.encode(encoding),
                              "bad.md": bom + ("---\nautor: X\n---\n" + GOOD).encode(encoding)})
    articles, problems = read(folder)
    assert [a.id for a in articles] == ["lf", "wide"]
    assert (articles[1].meta, articles[1].blocks) == (articles[0].meta, articles[0].blocks)
    assert str(problems.errors[0]).startswith("bad.md:2: error: unknown metadata key 'autor'")


@pytest.mark.parametrize("body, words", [
    (random.Random(1).randbytes(3000), ["not text", "binary", "right file"]),
    (bytes(random.Random(2).sample(range(1, 256), 255)) * 4, ["not text", "control bytes", "right file"]),
    (("Zweite Zeile\n" + GOOD).encode("utf-16-le"), ["UTF-16LE", "byte-order mark", "iconv -f UTF-16LE -t UTF-8"]),
    (b"\xfe\xff" + "Grüße".encode("utf-16-be") + b"\xd8\x00", ["not valid UTF-16", "iconv -f UTF-16 -t UTF-8"]),
], ids=["random-bytes", "control-bytes", "utf16-without-bom", "broken-utf16"])
def test_bytes_that_are_no_text_are_called_so_and_utf16_is_named(tmp_path, body, words):
    folder = write(tmp_path, {"good.txt": GOOD, "odd.txt": body})
    articles, problems = read(folder)
    assert [a.id for a in articles] == ["good"]
    (problem,) = problems.errors
    text = str(problem)
    assert text.startswith("odd.txt") and " — fix: " in text and "\n" not in text
    assert "latin1" not in text
    for word in words:
        assert word in text, text


@pytest.mark.parametrize("name, suggestion", [
    ("mein artikel.txt", "mein-artikel.txt"), ("größe.txt", "grosse.txt"), ("Straße über.md", "Strasse-uber.md"),
    ("a" * 250 + ".txt", "a" * 100 + ".txt"), ("neu\n.txt", "neu.txt"), ("-vorab.txt", "vorab.txt"),
], ids=["space", "unicode", "unicode-md", "254-characters", "line-break", "leading-dash"])
def test_a_file_name_that_cannot_be_an_id_is_blamed_on_the_file_and_counted_as_skipped(project, name, suggestion):
    root = project(articles={"good.txt": GOOD, name: GOOD})
    stem = name.rsplit(".", 1)[0]
    (root / "content" / "sources.yml").write_text(json.dumps({stem: {"title": "T"}}), encoding="utf-8")
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 1
    (error,) = [line for line in out.getvalue().splitlines() if ": error: " in line]
    shown = name.replace("\n", "\\n")
    assert error.startswith(f"content/articles/{shown}: error: the file name cannot be the article's id")
    assert f"fix: rename the file to letters, digits, '-' and '_' only, e.g. {suggestion} " in error
    assert "articles: 1 read, 1 skipped (1 error," in out.getvalue()
    assert "no article has that id" not in out.getvalue()  # its entry in sources.yml has its file


def test_a_bad_slug_in_sources_yml_is_blamed_there_and_its_article_counted_as_skipped(project):
    root = project(articles={"good.txt": GOOD, "bericht.txt": GOOD})
    (root / "content" / "sources.yml").write_text("bericht:\n  slug: mein bericht\n", encoding="utf-8")
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 1
    assert "content/sources.yml: error: article id 'mein bericht' is not a safe file name" in out.getvalue()
    assert "articles: 1 read, 1 skipped (1 error," in out.getvalue()


def test_a_good_slug_gives_a_bad_file_name_its_id(tmp_path):
    folder = write(tmp_path, {"mein artikel.md": "---\nslug: mein-artikel\n---\n" + GOOD, "b c.txt": GOOD})
    articles, problems = read(folder, {"b c": {"slug": "b-c"}})
    assert [a.id for a in articles] == ["b-c", "mein-artikel"] and not problems.items


def test_the_pool_looks_no_word_up_and_the_build_s_process_cleans_an_article_that_needs_one(tmp_path, monkeypatch):
    from builder import furniture
    from builder.model import CUT_OFF

    broken = "Danach sprach die Bürgermeisterin mit dem Verk"
    with furniture.lookups_deferred(), pytest.raises(furniture.LookupDeferred):
        furniture.cut_off(broken)  # "Verk" is to be looked up: not in a process that defers lookups
    assert furniture.cut_off(broken)
    files = {f"a{n:02d}.txt": GOOD + (broken if n % 4 == 0 else "") for n in range(32)}
    results = []
    for workers in ("1", "2"):
        monkeypatch.setenv("BUILDER_WORKERS", workers)
        articles, problems = read(write(tmp_path / workers, files))
        results.append([(a.id, [(m.kind, m.text) for b in a.blocks for m in b.marks]) for a in articles])
    assert results[0] == results[1]
    assert sum((CUT_OFF, broken) in marks for _, marks in results[1]) == 8
