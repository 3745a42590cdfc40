"""Bad input never crashes the build, never reaches a page raw, and costs only itself:
markup in every metadata field and in the text, impossible dates, YAML bombs, and a bug of
the builder on one article. Every article here is written for the test."""
from __future__ import annotations

import fcntl
import io
import os
import subprocess
import sys
import time
from contextlib import contextmanager

import markdown
import pytest
from bs4 import BeautifulSoup

import builder.build as build_module
from builder import yamlsafe
from builder.build import Project, build
from builder.read import calendar_date, web_address
from builder.render import md_escape
from tests.conftest import ROOT, make_project

STORY = ("Die Verhandlungen über einen Waffenstillstand in der Ukraine gehen weiter. Selenskyj und Putin "
         "schicken Unterhändler, Trump will vermitteln.\n\n"
         "Der Kreml erklärte, Russland sei zu Gesprächen über die Ukraine bereit. Kiew wartet ab.\n")

# Well-known filter-evasion vectors (script, event handlers, javascript: links, mixed case,
# broken nesting, Markdown's own link and attribute syntax).
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg/onload=alert(3)>",
    "\"><script>alert(4)</script>",
    "<iframe src=\"javascript:alert(5)\"></iframe>",
    "<body onload=alert(6)>",
    "<a href=\"javascript:alert(7)\">x</a>",
    "<IMG SRC=JaVaScRiPt:alert('8')>",
    "<<SCRIPT>alert(9);//<</SCRIPT>",
    "<div style=\"background:url(javascript:alert(10))\">x</div>",
    "[klick](javascript:alert(11))",
    "![bild](javascript:alert(12))",
    "Text {: onclick=\"alert(13)\" }",
    "<details open ontoggle=alert(14)>",
]


def dangerous(html: str) -> list[str]:
    """What in a page could run a script an article brought in."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        if tag.name in ("iframe", "svg", "math", "body") and tag.find_parent("article"):
            found.append(str(tag)[:60])
        if tag.name == "script" and "alert" in (tag.string or ""):
            found.append(str(tag)[:60])
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") and "alert" in value:
                found.append(f"{tag.name} {name}={value}"[:60])
            if name.lower() in ("href", "src", "style") and "javascript:" in value.lower():
                found.append(f"{tag.name} {name}={value}"[:60])
    return found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_a_text_shows_as_written_and_runs_nothing(payload):
    page = markdown.markdown(md_escape(payload), extensions=["abbr", "admonition", "attr_list", "md_in_html",
                                                             "tables", "toc"])
    assert not dangerous(f"<article>{page}</article>")
    assert BeautifulSoup(page, "html.parser").get_text() == payload  # no stray backslash or space


@pytest.mark.parametrize("text", ["!!! note \"Achtung\"", "1. Januar war kalt", "- kein Punkt", "a & b < c",
                                  "&lt;b&gt; bleibt so", "x~y~ und C:\\pfad"])
def test_markdown_syntax_in_a_text_is_no_syntax(text):
    page = markdown.markdown(md_escape(text), extensions=["admonition", "attr_list", "md_in_html", "tables"])
    assert BeautifulSoup(page, "html.parser").get_text() == text
    assert page.startswith("<p>")


def test_markup_in_every_metadata_field_and_the_text_never_reaches_a_page_raw(tmp_path):
    articles = {}
    for i, payload in enumerate(PAYLOADS):
        front = (f"---\ntitle: 'Titel {i} {payload.replace(chr(39), chr(39) * 2)}'\n"
                 f"author: 'Autorin {payload.replace(chr(39), chr(39) * 2)}'\n"
                 f"publisher: 'Verlag {payload.replace(chr(39), chr(39) * 2)}'\ndate: 2025-02-1{i % 9}\n---\n")
        articles[f"markup_{i:02d}.md"] = front + STORY + f"\nEin Leser schrieb: {payload}\n"
    root = make_project(tmp_path / "p", articles)
    out = io.StringIO()
    build(Project(root), out=out)
    pages = sorted((root / "site").rglob("*.html"))
    assert any("markup_00" in p.name for p in pages), out.getvalue()[-2000:]
    faults = {str(p.relative_to(root)): dangerous(p.read_text(encoding="utf-8")) for p in pages}
    assert not {k: v for k, v in faults.items() if v}


@pytest.mark.parametrize("url", [
    "https://example.org/<img/src=x/onerror=alert(1)>",
    "https://example.org/\"onmouseover=\"alert(1)",
    "javascript:alert(1)",
    "https://",
    "ftp://example.org/a",
    "https://exa mple.org/",
    "https://[::1/",
])
def test_a_web_address_a_page_could_misread_is_refused(url, tmp_path):
    assert not web_address(url)
    article = f"---\ntitle: Bericht\nurl: '{url}'\n---\n" + STORY
    root = make_project(tmp_path / "p", {"bericht.md": article, "gut.md": "---\ntitle: Gut\n---\n" + STORY})
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) != 0
    text = out.getvalue()
    assert "bericht.md" in text and "url" in text and "Traceback" not in text
    assert (root / "build" / "docs").exists()  # the other article is built


def test_good_web_addresses_pass():
    assert web_address("https://example.org/a/b?c=1&d=%3C#top")
    assert web_address("http://localhost:8000/x")


@pytest.mark.parametrize("date, good", [("2025", True), ("2025-02", True), ("2025-02-28", True),
                                        ("2024-02-29", True), ("2025-02-30", False), ("2025-13", False),
                                        ("2025-13-45", False), ("2025-00-10", False), ("25-02-10", False)])
def test_a_date_must_be_on_the_calendar(date, good):
    assert calendar_date(date) is good


def test_an_impossible_date_is_a_clear_error_for_that_article_only(tmp_path):
    root = make_project(tmp_path / "p", {"falsch.md": "---\ntitle: Falsch\ndate: 2025-13-45\n---\n" + STORY,
                                         "gut.md": "---\ntitle: Gut\ndate: 2025-02-12\n---\n" + STORY})
    (root / "content" / "sources.yml").write_text("", encoding="utf-8")
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) != 0
    text = out.getvalue()
    assert "falsch.md" in text and "2025-13-45" in text and "Traceback" not in text
    assert any("gut" in p.name for p in (root / "build" / "docs").rglob("*.md"))


def test_an_impossible_date_in_sources_yml_names_the_file(tmp_path):
    root = make_project(tmp_path / "p", {"bericht.txt": STORY})
    (root / "content" / "sources.yml").write_text("bericht:\n  title: Bericht\n  date: 2025-02-30\n", encoding="utf-8")
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) != 0
    assert "content/sources.yml" in out.getvalue() and "2025-02-30" in out.getvalue()


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join('*' + p for _ in range(9))}]\n" for p, n in zip("abcdefgh", "bcdefghi"))


def test_a_yaml_alias_bomb_is_refused_at_once():
    started = time.perf_counter()
    with pytest.raises(Exception) as caught:
        yamlsafe.load(BOMB)
    assert "aliases" in str(caught.value) and time.perf_counter() - started < 1
    assert yamlsafe.load("a: &a [1, 2]\nb: *a\n") == {"a": [1, 2], "b": [1, 2]}  # a few aliases are fine


def test_a_yaml_bomb_in_front_matter_costs_only_its_article(tmp_path):
    bomb = "---\ntitle: Bombe\n" + BOMB.replace("a: &a", "x: &a") + "---\n" + STORY
    root = make_project(tmp_path / "p", {"bombe.md": bomb, "gut.md": "---\ntitle: Gut\n---\n" + STORY})
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) != 0
    assert "bombe.md" in out.getvalue() and "aliases" in out.getvalue()


def test_dates_in_yaml_stay_text():
    assert yamlsafe.load("date: 2025-02-12") == {"date": "2025-02-12"}


def test_a_bug_on_one_article_is_reported_and_the_others_are_built(tmp_path, monkeypatch):
    real = build_module.attribute

    def attribute(article, people):
        if "Absturz" in article.text:
            raise RuntimeError("kaputt")
        return real(article, people)

    monkeypatch.setattr(build_module, "attribute", attribute)
    root = make_project(tmp_path / "p", {"absturz.md": "---\ntitle: A\n---\n" + STORY + "\nAbsturz hier.\n",
                                         "gut.md": "---\ntitle: Gut\n---\n" + STORY})
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) != 0
    text = out.getvalue()
    assert "absturz.md" in text and "please report" in text and "RuntimeError" in text
    docs = {p.name for p in (root / "build" / "docs").rglob("*.md")}
    assert any(name.startswith("gut") for name in docs) and not any(name.startswith("absturz") for name in docs)


def start_build(root, wait: str, log):
    """`python -m builder build --no-mkdocs` in its own process, waiting `wait` seconds for the lock."""
    env = dict(os.environ, BUILDER_LOCK_WAIT=wait)
    return subprocess.Popen([sys.executable, "-m", "builder", "--project", str(root), "build", "--no-mkdocs"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


@contextmanager
def held_lock(root):
    """The project's build lock, held by this process as another build would hold it."""
    (root / "build").mkdir(exist_ok=True)
    with open(root / "build" / ".lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield handle


def test_a_second_build_waits_for_the_lock_and_then_builds(tmp_path):
    root = make_project(tmp_path / "p", {"gut.md": "---\ntitle: Gut\n---\n" + STORY})
    log_path = tmp_path / "log"
    with held_lock(root) as handle, open(log_path, "wb") as log:
        second = start_build(root, "120", log)
        for _ in range(600):  # until it says it waits (at most a minute)
            if "waiting…" in log_path.read_text(encoding="utf-8") or second.poll() is not None:
                break
            time.sleep(0.1)
        assert second.poll() is None and not (root / "build" / "docs").exists()
        fcntl.flock(handle, fcntl.LOCK_UN)
        assert second.wait(timeout=120) == 0
    log = log_path.read_text(encoding="utf-8")
    assert log.startswith("another build of this project is running; waiting…\n") and "Traceback" not in log
    assert (root / "build" / "docs" / "sources" / "gut.md").exists()


def test_a_build_that_cannot_get_the_lock_stops_with_a_clear_message(tmp_path):
    root = make_project(tmp_path / "p", {"gut.md": "---\ntitle: Gut\n---\n" + STORY})
    with held_lock(root), open(tmp_path / "log", "wb") as log:
        assert start_build(root, "0.5", log).wait(timeout=120) == 2
    lines = (tmp_path / "log").read_text(encoding="utf-8").splitlines()
    assert lines == ["another build of this project is running; waiting…",
                     "build/.lock: error: another build of this project still runs after 0.5 s of waiting — fix: "
                     "let it finish (or stop it) and build again; BUILDER_LOCK_WAIT=<seconds> waits longer"]
    assert not (root / "build" / "docs").exists()


def test_two_builds_at_once_both_succeed(tmp_path):
    articles = {f"bericht_{i}.md": f"---\ntitle: Bericht {i}\n---\n" + STORY for i in range(6)}
    root = make_project(tmp_path / "p", articles)
    logs = [open(tmp_path / f"log{i}", "wb") for i in range(2)]
    builds = [start_build(root, "120", log) for log in logs]
    statuses = [b.wait(timeout=240) for b in builds]
    for log in logs:
        log.close()
    texts = [(tmp_path / f"log{i}").read_text(encoding="utf-8") for i in range(2)]
    assert statuses == [0, 0] and not any("Traceback" in t for t in texts), texts


@pytest.mark.parametrize("value", ["bald", "-1", "nan"])
def test_a_bad_lock_wait_is_a_clear_error(tmp_path, monkeypatch, value):
    root = make_project(tmp_path / "p", {"gut.md": "---\ntitle: Gut\n---\n" + STORY})
    monkeypatch.setenv("BUILDER_LOCK_WAIT", value)
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 2
    assert out.getvalue() == (f"BUILDER_LOCK_WAIT: error: {value!r} is not a number of seconds — fix: set it to "
                              "e.g. 60, or unset it to wait 300 s\n")


def test_an_article_over_the_size_limit_is_skipped_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("BUILDER_MAX_ARTICLE_MB", "0.01")
    huge = "---\ntitle: Riesig\n---\n" + STORY * 200  # about 40 kB, over the 10 kB limit
    root = make_project(tmp_path / "p", {"riesig.md": huge, "gut.md": "---\ntitle: Gut\n---\n" + STORY})
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 1
    text = out.getvalue()
    assert "content/articles/riesig.md: error: the file has 0.0 MB, more than the 0.01 MB" in text
    assert "BUILDER_MAX_ARTICLE_MB=<megabytes>" in text and "1 skipped" in text
    docs = {p.name for p in (root / "build" / "docs").rglob("*.md")}
    assert any(n.startswith("gut") for n in docs) and not any(n.startswith("riesig") for n in docs)


def test_a_saved_web_page_may_weigh_more_than_a_text(tmp_path, monkeypatch):
    monkeypatch.setenv("BUILDER_MAX_ARTICLE_MB", "0.01")
    page = ("<html><head><title>Gespräche</title><script>" + "var x = 1;\n" * 1500 + "</script></head><body>"
            "<article><h1>Gespräche</h1>" + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")) +
            "</article></body></html>")  # about 17 kB of markup around a short text
    root = make_project(tmp_path / "p", {"seite.html": page})
    out = io.StringIO()
    build(Project(root), run_mkdocs=False, out=out)
    assert "MB an article may have" not in out.getvalue()


@pytest.mark.parametrize("value", ["0", "-1", "viel", "inf"])
def test_a_bad_size_limit_is_a_clear_error(tmp_path, monkeypatch, value):
    monkeypatch.setenv("BUILDER_MAX_ARTICLE_MB", value)
    root = make_project(tmp_path / "p", {"gut.md": "---\ntitle: Gut\n---\n" + STORY})
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 2
    assert f"BUILDER_MAX_ARTICLE_MB: error: {value!r} is not a positive number of megabytes" in out.getvalue()
