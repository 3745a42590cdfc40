"""`python -m builder serve` with a real MkDocs server on 127.0.0.1: an edit that breaks
the build is reported, and the last good site stays served until the next good edit."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import builder.build as build_module
from builder.build import Project, build
from builder.serve import regenerate
from tests.conftest import ROOT, free_port, make_project

STORY = ("---\ntitle: Gespräche in Genf\n---\n"
         "Die Verhandlungen über einen Waffenstillstand in der Ukraine gehen weiter. Selenskyj und Putin "
         "schicken Unterhändler, Trump will vermitteln.\n\n"
         "Der Kreml erklärte, Russland sei zu Gesprächen über die Ukraine bereit. Kiew wartet ab.\n")


def docs_bytes(root: Path) -> dict[str, bytes]:
    """Every generated page by path."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "build" / "docs").rglob("*.md"))}


def test_a_crashing_rebuild_keeps_the_docs_and_says_the_last_good_site_is_served(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p", {"genf.md": STORY})
    assert build(Project(root), run_mkdocs=False, out=io.StringIO()) == 0
    before = docs_bytes(root)

    def broken(*args, **kwargs):
        raise KeyError("unexpected")

    monkeypatch.setattr(build_module, "render_all", broken)
    article = root / "content" / "articles" / "genf.md"
    article.write_text(STORY + "\nDie Delegationen reisen am Montag an.\n", encoding="utf-8")  # an edit
    out = io.StringIO()
    assert regenerate(Project(root), out=out) == 2
    text = out.getvalue()
    assert "KeyError" in text and "please report" in text and "still serving the last good site" in text
    assert docs_bytes(root) == before


def fetch(url: str) -> str | None:
    """The page at url, or None while the server cannot answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except OSError:
        return None


def without_reload(page: str) -> str:
    """A served page without the live-reload script's changing epoch numbers."""
    return re.sub(r"livereload\(\d+, \d+\)", "livereload()", page)


def wait_for(condition, seconds: float, what: str):
    """Poll condition() until it gives a true value; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


def test_the_server_survives_a_broken_edit_and_serves_the_last_good_site(tmp_path):
    root = make_project(tmp_path / "p", {"genf.md": STORY})
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    server = subprocess.Popen([sys.executable, "-m", "builder", "--project", str(root), "serve",
                               "--address", f"127.0.0.1:{port}"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/index.html"
        page = wait_for(lambda: fetch(url), 240, "the first page")
        topics = root / "content" / "topics.yml"
        topics.write_text(topics.read_text(encoding="utf-8") + "\n  - id: [kaputt\n", encoding="utf-8")
        wait_for(lambda: "still serving the last good site" in (tmp_path / "serve.log").read_text(), 60,
                 "the report of the broken edit")
        assert server.poll() is None, (tmp_path / "serve.log").read_text()
        assert without_reload(fetch(url)) == without_reload(page)
        assert "topics.yml" in (tmp_path / "serve.log").read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    # the MkDocs server it started is gone with it: nothing answers on the port any more
    wait_for(lambda: fetch(url) is None, 20, "the MkDocs server to stop")
