"""Per-article results of quotations, story relevance and matching are cached between
builds (builder/memo.py): an edit recomputes only what depends on it, a config change
invalidates what reads that config, a damaged cache file is recomputed with a warning,
and a build from the cache writes the same bytes as one without it."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builder.memo import ArticleMemo
from builder.read import read_articles
from builder.problems import Problems
from tests.conftest import build_pages, generated_docs, make_project, many_articles

FIRST = ("---\ntitle: Abend in Lausanne\ndate: 2025-03-02\n---\n"
         "Die Unterhändler aus Kiew und Moskau trafen sich am Abend erneut, Trump ließ eine Botschaft verlesen. "
         "Über eine Waffenruhe in der Ukraine wurde bis spät verhandelt.\n\n"
         "Selenskyj sagte: „Wir bleiben am Tisch, solange jemand zuhört.“ Der Kreml schwieg dazu.\n")
SECOND = ("---\ntitle: Warten auf Antwort\ndate: 2025-03-03\n---\n"
          "Putin ließ die Gespräche über die Ukraine am Morgen offen, in Kiew wartete man auf ein Zeichen. "
          "Die Waffenruhe bleibt das Ziel der Runde.\n\n"
          "Ein Sprecher des Kreml erklärte, Russland prüfe jeden Vorschlag genau.\n")
ADDED = "\nSelenskyj sagte: „Ein neuer Vorschlag liegt auf dem Tisch, wir lesen ihn heute Nacht.“\n"


def quotes(root: Path) -> list[str]:
    """The quotation texts of the export."""
    return [q["text"] for q in json.loads((root / "build" / "docs" / "data" / "claims.json").read_bytes())["quotes"]]


def test_an_edited_article_has_its_new_statements_and_the_build_matches_a_cold_one(tmp_path):
    root = make_project(tmp_path / "p", {"lausanne.md": FIRST, "antwort.md": SECOND})
    build_pages(root)
    assert not any("neuer Vorschlag" in q for q in quotes(root))
    (root / "content" / "articles" / "lausanne.md").write_text(FIRST + ADDED, encoding="utf-8")
    build_pages(root)
    assert any("neuer Vorschlag" in q for q in quotes(root))
    warm = generated_docs(root)
    shutil.rmtree(root / "build")
    build_pages(root)
    assert generated_docs(root) == warm


def test_the_cache_is_keyed_by_the_article_and_the_config_each_stage_reads(tmp_path):
    root = make_project(tmp_path / "p", {"lausanne.md": FIRST, "antwort.md": SECOND})
    [other, article] = read_articles(root / "content" / "articles", {}, ("de", "en"), Problems(), root)
    folder, content = tmp_path / "cache", root / "content"
    runs: list[str] = []

    def memo_run(memo: ArticleMemo, kind: str, a) -> str:
        return memo(kind, a, lambda: runs.append(f"{kind} {a.id}") or f"{kind} of {a.id}")

    memo = ArticleMemo(folder, content, ("de", "en"))
    assert [memo_run(memo, k, a) for k in ("quotes", "match") for a in (article, other)] == \
        ["quotes of lausanne", "quotes of antwort", "match of lausanne", "match of antwort"]
    assert len(runs) == 4
    memo.cache.close()  # as a build closes its caches at the end
    memo = ArticleMemo(folder, content, ("de", "en"))
    for kind in ("quotes", "match"):
        memo_run(memo, kind, article)
    assert len(runs) == 4 and memo.cache.hits == 2  # nothing changed: nothing computed
    topics = content / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + "\n# another comment\n", encoding="utf-8")
    memo.cache.close()  # as a build closes its caches at the end
    memo = ArticleMemo(folder, content, ("de", "en"))
    memo_run(memo, "quotes", article)
    memo_run(memo, "match", article)
    assert runs[4:] == ["match lausanne"]  # topics.yml is read by matching, not by the quotation finder
    people = content / "people.yml"
    people.write_text(people.read_text(encoding="utf-8") + "\n# a person may be added here\n", encoding="utf-8")
    memo.cache.close()  # as a build closes its caches at the end
    memo = ArticleMemo(folder, content, ("de", "en"))
    memo_run(memo, "quotes", article)
    memo_run(memo, "quotes", other)
    assert runs[5:] == ["quotes lausanne", "quotes antwort"]  # the registry changes every speaker
    memo.cache.close()  # as a build closes its caches at the end
    memo = ArticleMemo(folder, content, ("de", "en"))
    assert memo_run(memo, "quotes", article) == "quotes of lausanne" and len(runs) == 7


def test_a_damaged_cache_file_is_computed_again_with_a_warning(tmp_path):
    root = make_project(tmp_path / "p", {"lausanne.md": FIRST, "antwort.md": SECOND})
    build_pages(root)
    before = generated_docs(root)
    entries = [p for p in sorted((root / "build" / "cache").rglob("*")) if p.is_file()]
    assert len(entries) >= 3  # the read, stage and source page caches
    for number, path in enumerate(entries):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if number % 2 else b"not a pickle \x00\xff")
    shutil.rmtree(root / "build" / "docs")
    out = build_pages(root)
    assert "could not be read (damaged); the results were computed again" in out
    assert generated_docs(root) == before
    (root / "content" / "articles" / "antwort.md").write_text(SECOND + "\n", encoding="utf-8")
    assert "damaged" not in build_pages(root)  # the entries were written anew


def test_the_process_pool_writes_the_same_bytes_and_problems_as_one_process(tmp_path, monkeypatch):
    import builder.build

    real = builder.build.attribute

    def fails_on_one(article, people):
        if article.id == "runde07":
            raise ValueError("invented failure")
        return real(article, people)

    monkeypatch.setattr(builder.build, "attribute", fails_on_one)
    outputs = []
    for workers in ("1", "2"):
        monkeypatch.setenv("BUILDER_WORKERS", workers)
        root = make_project(tmp_path / f"w{workers}", many_articles(24))
        out = build_pages(root).replace(str(root), "ROOT")
        outputs.append((generated_docs(root), [line for line in out.splitlines() if not line.startswith("time:")]))
    assert outputs[0] == outputs[1]
    assert any("runde07" in line and "invented failure" in line for line in outputs[1][1])


def test_a_match_travels_through_the_cache_with_every_field():
    """Packing for the cache (and the process pool) keeps every field of a Match, also one
    added later (`continues` was once lost on the way)."""
    import dataclasses

    from builder import clean
    from builder.memo import pack_matches, unpack_matches
    from builder.model import Article, Match, Metadata

    text, blocks = clean.make_blocks(clean.normalise("Die Fähre fährt wieder. Der Hafen sei offen, sagte sie.\n"))
    article = Article("a", "a.txt", Metadata(), text, blocks)
    (block, first), (_, second) = list(article.sentences())[:2]
    match = Match("t", "s", article, block, second, 2.5, 0.5, 2, "eva", continues=first.start)
    (back,) = unpack_matches(article, pack_matches(article, [match]))
    assert back == match
    assert {f.name for f in dataclasses.fields(Match)} - {"article", "block", "sentence"} <= {
        name for name in dir(back) if getattr(back, name) == getattr(match, name)}


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5", "+3", "4_0"])
def test_a_bad_number_of_workers_names_the_variable_and_the_fix(monkeypatch, value):
    from builder.pool import workers
    from builder.problems import ConfigError

    monkeypatch.setenv("BUILDER_WORKERS", value)
    with pytest.raises(ConfigError) as caught:
        workers()
    (problem,) = caught.value.problems
    assert problem.path == "BUILDER_WORKERS" and f"{value!r} is not a number of processes" in problem.message
    assert "unset it for one per core" in problem.fix


def test_the_number_of_workers_is_the_variable_else_the_cores(monkeypatch):
    import os

    from builder.pool import workers

    monkeypatch.setenv("BUILDER_WORKERS", " 3 ")
    assert workers() == 3
    monkeypatch.delenv("BUILDER_WORKERS")
    assert workers() == (os.cpu_count() or 1)


def test_the_model_is_kept_from_the_garbage_collector_while_it_renders_and_given_back_after(tmp_path, monkeypatch):
    import gc

    import builder.build

    real, seen, threshold = builder.build.render_all, [], gc.get_threshold()

    def render_all(*args):
        seen.append((gc.get_freeze_count(), gc.get_threshold()))
        return real(*args)

    monkeypatch.setattr(builder.build, "render_all", render_all)
    root = make_project(tmp_path / "p", {"lausanne.md": FIRST, "antwort.md": SECOND})
    build_pages(root)
    assert seen and seen[0][0] > 1000  # the articles and the model were frozen before rendering
    assert seen[0][1] == builder.build.GC_THRESHOLD != threshold
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == threshold
