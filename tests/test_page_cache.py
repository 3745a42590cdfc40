"""The MkDocs hook keeps each page's Markdown conversion and search entries
(builder/mkdocs_hooks.py, `PageCache`): a rebuild after an edit gives the very bytes a
cold build of the edited content gives (search index included), and converts again only
the pages whose Markdown changed."""
from __future__ import annotations

import io
from pathlib import Path

from builder.build import Project, build
from builder.mkdocs_hooks import CACHE_FOLDER
from tests.conftest import make_project, many_articles

TALKS = ("---\ntitle: Gespräche in Genf\ndate: 2025-02-14\n---\n"
         "Die Verhandlungen über einen Waffenstillstand in der Ukraine gehen weiter. Selenskyj und Putin "
         "schicken Unterhändler, Trump will vermitteln.\n\n"
         "Der Kreml erklärte, Russland sei zu Gesprächen über die Ukraine bereit. Kiew wartet ab.\n")
AID = ("---\ntitle: Hilfe für Charkiw\ndate: 2025-02-20\n---\n"
       "Die Europäische Union sagte der Ukraine weitere Hilfe zu. Selenskyj dankte den Partnern.\n")
ADDED = "\nDie Delegationen reisen am Montag an, heißt es aus Kiew.\n"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below a folder with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built(root: Path) -> None:
    out = io.StringIO()
    assert build(Project(root), out=out) in (0, 1), out.getvalue()
    assert "mkdocs: ERROR" not in out.getvalue() and (root / "site" / "index.html").is_file(), out.getvalue()


def test_an_edit_rebuild_equals_a_cold_build_of_the_edited_content(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740000000")
    warm = make_project(tmp_path / "warm", {"genf.md": TALKS, "hilfe.md": AID})
    built(warm)
    cache = warm / "build" / CACHE_FOLDER
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*/*")}
    assert before  # every page's conversion was kept
    (warm / "content" / "articles" / "genf.md").write_text(TALKS + ADDED, encoding="utf-8")
    built(warm)
    cold = make_project(tmp_path / "cold", {"genf.md": TALKS + ADDED, "hilfe.md": AID})
    built(cold)
    assert tree(warm / "site") == tree(cold / "site")
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("*/*")}
    kept = {name for name in after if before.get(name) == after[name]}
    assert kept and len(kept) < len(after)  # unchanged pages came from the cache, the edited one did not
    pages = len(list((warm / "build" / "docs").rglob("*.md")))
    searched = [name for name in after if name.startswith("s")]  # a page's search entries
    assert searched and len(after) - len(searched) <= pages >= len(searched)  # the edited page's old ones are gone


def test_a_damaged_cache_entry_is_converted_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740000000")
    root = make_project(tmp_path / "p", {"genf.md": TALKS})
    built(root)
    first = tree(root / "site")
    for path in (root / "build" / CACHE_FOLDER).glob("*/*"):
        path.write_bytes(b"not a pickle")
    (root / "site" / "index.html").unlink()  # MkDocs runs again
    built(root)
    assert tree(root / "site") == first


def test_pages_converted_ahead_in_processes_give_the_bytes_and_messages_of_one_process(tmp_path, monkeypatch):
    from builder import mkdocs_hooks

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740000000")
    results = []
    for workers in ("1", "2"):
        monkeypatch.setenv("BUILDER_WORKERS", workers)
        root = make_project(tmp_path / f"w{workers}", many_articles(2 * mkdocs_hooks.MIN_PAGES + 4))
        (root / "site_src" / "pages" / "extra.md").write_text("# Mehr\n\nSiehe [dort](nirgends.md).\n",
                                                              encoding="utf-8")
        out = io.StringIO()
        build(Project(root), out=out)
        messages = [line for line in out.getvalue().splitlines() if line.startswith("mkdocs:")]
        converted = sorted(p.name for p in (root / "build" / CACHE_FOLDER).glob("*/*"))
        results.append((tree(root / "site"), messages, len(converted)))
    assert results[0][0] == results[1][0]  # the site, search index included
    assert results[0][1] == results[1][1] and any("'nirgends.md'" in m for m in results[1][1])
    assert results[0][1].count(results[0][1][0]) == 1  # the broken link is reported once, not by each process
    assert results[0][2] == results[1][2] > 4 * mkdocs_hooks.MIN_PAGES  # the same conversions were kept
