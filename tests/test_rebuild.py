"""A rebuild with nothing changed skips MkDocs and leaves the site byte-identical; any
change MkDocs would see (a generated page, a template, the site itself) runs it again."""
from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from builder.build import Project, build, update
from tests.conftest import make_project

STORY = ("---\ntitle: Gespräche in Genf\ndate: 2025-02-14\n---\n"
         "Die Verhandlungen über einen Waffenstillstand in der Ukraine gehen weiter. Selenskyj und Putin "
         "schicken Unterhändler, Trump will vermitteln.\n\n"
         "Der Kreml erklärte, Russland sei zu Gesprächen über die Ukraine bereit. Kiew wartet ab.\n")
SKIPPED = "mkdocs: no page changed since the last build, site/ is up to date"
UNCHANGED = "nothing changed since the last build: the site is up to date, nothing was rebuilt"


def site_state(root: Path) -> dict[str, tuple[str, int]]:
    """Every file of site/ with its hash and modification time."""
    return {str(p.relative_to(root)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted((root / "site").rglob("*")) if p.is_file()}


def rebuild(root: Path) -> str:
    """Build once more, recording new texts and URLs (as `make site` does); the output."""
    out = io.StringIO()
    assert update(Project(root), out=out) == 0, out.getvalue()
    return out.getvalue()


def test_nothing_changed_skips_mkdocs_and_keeps_every_byte_and_time(tmp_path):
    root = make_project(tmp_path / "p", {"genf.md": STORY})
    first = rebuild(root)
    assert SKIPPED not in first and "mkdocs" in first
    before = site_state(root)
    again = rebuild(root)
    assert UNCHANGED in again and "peace-talks" in again  # the last report is shown again
    assert site_state(root) == before


def test_an_edit_that_changes_no_page_builds_but_skips_mkdocs(tmp_path):
    root = make_project(tmp_path / "p", {"genf.md": STORY})
    rebuild(root)
    before = site_state(root)
    topics = root / "content" / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + "\n# a comment changes no page\n", encoding="utf-8")
    again = rebuild(root)
    assert UNCHANGED not in again and SKIPPED in again
    assert site_state(root) == before


def test_a_different_environment_or_option_builds_again(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p", {"genf.md": STORY})
    rebuild(root)
    assert build(Project(root), strict=True, out=io.StringIO()) in (0, 1)
    monkeypatch.setenv("SITE_URL", "https://example.org/erklaert/")
    again = rebuild(root)
    assert UNCHANGED not in again
    assert "https://example.org/erklaert/" in (root / "site" / "sitemap.xml").read_text()


def test_a_changed_article_template_or_site_runs_mkdocs_again(tmp_path):
    root = make_project(tmp_path / "p", {"genf.md": STORY})
    rebuild(root)
    article = root / "content" / "articles" / "genf.md"
    article.write_text(STORY + "\nDie Delegationen reisen am Montag an.\n", encoding="utf-8")
    assert SKIPPED not in rebuild(root)
    assert "Die Delegationen reisen am Montag an." in (root / "site" / "sources" / "genf.html").read_text()
    css = root / "site_src" / "assets" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* a new rule */\n", encoding="utf-8")
    assert SKIPPED not in rebuild(root)
    assert "/* a new rule */" in (root / "site" / "assets" / "site.css").read_text()
    (root / "site" / "index.html").unlink()
    assert SKIPPED not in rebuild(root)
    assert (root / "site" / "index.html").exists()
    assert UNCHANGED in rebuild(root)


def test_a_failed_mkdocs_run_is_not_remembered(tmp_path):
    root = make_project(tmp_path / "p", {"genf.md": STORY})
    rebuild(root)
    template = root / "site_src" / "overrides" / "main.html"
    good, times = template.read_bytes(), template.stat()
    template.write_bytes(good + b"\n{% if %}\n")  # a template MkDocs cannot compile
    out = io.StringIO()
    assert build(Project(root), out=out) != 0 and SKIPPED not in out.getvalue()
    template.write_bytes(good)
    os.utime(template, ns=(times.st_atime_ns, times.st_mtime_ns))  # as if never touched
    assert SKIPPED not in rebuild(root)  # the site of the failed run is not trusted
