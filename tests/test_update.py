"""Read, then write once: `build` writes only build/ and site/; `update` also records the
site's texts (translations/) and URLs (content/published.yml), and only when the build
succeeded; `update --check` writes nothing and fails when they are out of date."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import builder.build as build_module
from builder.build import Project, build, update
from tests.conftest import ROOT, make_project

STORY = ("---\ntitle: Gespräche in Genf\ndate: 2025-02-14\n---\n"
         "Die Verhandlungen über einen Waffenstillstand in der Ukraine gehen weiter. Selenskyj und Putin "
         "schicken Unterhändler, Trump will vermitteln.\n\n"
         "Der Kreml erklärte, Russland sei zu Gesprächen über die Ukraine bereit. Kiew wartet ab.\n")
LATER = ("---\ntitle: Neue Runde\ndate: 2025-02-20\n---\n"
         "Die Unterhändler der Ukraine und Russlands treffen sich erneut zu Verhandlungen. Trump erklärte, "
         "ein Waffenstillstand sei nahe.\n")


def recorded(root: Path) -> dict[str, bytes]:
    """The committed files a build could change."""
    return {str(p.relative_to(root)): p.read_bytes()
            for folder in ("translations", "content") for p in sorted((root / folder).rglob("*")) if p.is_file()}


def check(root: Path) -> subprocess.CompletedProcess:
    """`python -m builder update --check` on the project."""
    return subprocess.run([sys.executable, "-m", "builder", "--project", str(root), "update", "--check"],
                          cwd=ROOT, capture_output=True, text=True)


def test_build_never_writes_the_committed_files_and_says_what_is_pending(tmp_path):
    root = make_project(tmp_path / "p", {"genf.md": STORY})
    before = recorded(root)
    out = io.StringIO()
    assert build(Project(root), out=out) == 0
    assert recorded(root) == before
    assert "not up to date: translations/en.po, content/published.yml" in out.getvalue()
    assert "python -m builder update" in out.getvalue()


def test_update_check_fails_on_a_catalog_that_lacks_a_new_articles_texts(tmp_path):
    root = make_project(tmp_path / "p", {"genf.md": STORY})
    assert update(Project(root), out=io.StringIO()) == 0
    assert check(root).returncode == 0
    (root / "content" / "articles" / "runde.md").write_text(LATER, encoding="utf-8")
    before = recorded(root)
    result = check(root)
    assert result.returncode == 1, result.stdout
    assert "update --check: not up to date: translations/en.po" in result.stdout
    assert recorded(root) == before
    assert update(Project(root), out=io.StringIO()) == 0
    assert "Die Unterhändler der Ukraine" in (root / "translations" / "en.po").read_text(encoding="utf-8")
    assert check(root).returncode == 0


def test_a_failed_mkdocs_run_leaves_translations_and_content_untouched(tmp_path):
    root = make_project(tmp_path / "p", {"genf.md": STORY})
    (root / "content" / "articles" / "runde.md").write_text(LATER, encoding="utf-8")
    template = root / "site_src" / "overrides" / "main.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")
    before = recorded(root)
    assert update(Project(root), out=io.StringIO()) != 0
    assert recorded(root) == before


def test_a_crash_in_a_stage_leaves_translations_and_content_untouched(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p", {"genf.md": STORY, "runde.md": LATER})
    before = recorded(root)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in rendering")

    monkeypatch.setattr(build_module, "render_all", broken)
    try:
        update(Project(root), out=io.StringIO())
    except RuntimeError:
        pass
    assert recorded(root) == before
