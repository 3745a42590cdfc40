"""`python -m builder translate` and `stats` on a whole project, against a local server.

The server is tests/libre_stub.py on 127.0.0.1; nothing leaves the machine.
"""
from __future__ import annotations

import io

import polib
import pytest

from builder.build import Project, build
from builder.commands import stats, translate
from tests.libre_stub import LibreStub

FIRST = "Der Kanzler reiste am Montag nach Paris. Dort sprach er über Verhandlungen mit Putin.\n"
NEW = "Die Außenministerin telefonierte am Dienstag mit Kiew. Ein Treffen ist geplant.\n"


def run_translate(root, stub) -> tuple[int, str]:
    out = io.StringIO()
    status = translate(Project(root), "libre", stub.url, None, out=out)
    return status, out.getvalue()


def test_translate_fills_missing_then_sends_nothing_when_nothing_is_new(project):
    root = project(articles={"first.txt": FIRST}, translations=False)
    with LibreStub() as stub:
        status, log = run_translate(root, stub)
        assert status == 0, log
        first_chars = stub.characters
        assert first_chars > 0 and "Der Kanzler reiste am Montag nach Paris." in stub.texts
        status, log = run_translate(root, stub)
        assert status == 0 and stub.characters == first_chars, log
        assert "0 characters" in log
    out = io.StringIO()
    stats(Project(root), out=out)
    assert "0 missing" in out.getvalue()


def test_a_new_article_sends_only_its_own_segments_and_pages_show_the_marker(project):
    root = project(articles={"first.txt": FIRST}, translations=False)
    with LibreStub() as stub:
        assert run_translate(root, stub)[0] == 0
        (root / "content" / "articles" / "new.txt").write_text(NEW, encoding="utf-8")
        stub.texts.clear()
        status, log = run_translate(root, stub)
    assert status == 0, log
    new_sentences = {"Die Außenministerin telefonierte am Dienstag mit Kiew.", "Ein Treffen ist geplant."}
    assert new_sentences <= set(stub.texts)
    assert not any("Kanzler" in text for text in stub.texts), stub.texts
    po = polib.pofile(str(root / "translations" / "en.po"))
    new_entries = [e for e in po if e.msgctxt.startswith("article.new.") and not e.obsolete]
    assert new_entries and all(e.fuzzy and "machine: libre" in e.tcomment for e in new_entries)
    assert build(Project(root), run_mkdocs=False, out=io.StringIO()) == 0
    page = (root / "build" / "docs" / "sources" / "new.en.md").read_text(encoding="utf-8")
    assert 'class="mt-mark"' in page and r"\[en\] Die Außenministerin telefonierte" in page
    assert "translation_machine: 0" not in page


def test_stats_counts_missing_and_names_the_pages(project):
    root = project(articles={"first.txt": FIRST}, translations=False)
    out = io.StringIO()
    assert stats(Project(root), out=out) == 0
    text = out.getvalue()
    assert "English (en): 0 reviewed, 0 machine," in text
    assert "missing text on sources/first.md" in text


def test_an_unreachable_server_fails_clearly_and_keeps_the_catalog_valid(project):
    root = project(articles={"first.txt": FIRST}, translations=False)
    stub = LibreStub().start()
    url = stub.url
    stub.stop()
    out = io.StringIO()
    status = translate(Project(root), "libre", url, None, out=out)
    assert status == 1
    assert "stopped:" in out.getvalue() and "Traceback" not in out.getvalue()
    polib.pofile(str(root / "translations" / "en.po"))  # still parses


def test_stats_names_translations_that_break_the_glossary(project):
    root = project(articles={"first.txt": FIRST}, translations=False)
    (root / "content" / "glossary.yml").write_text("terms:\n- {de: Kanzler, en: Chancellor}\n", encoding="utf-8")
    with LibreStub() as stub:
        assert run_translate(root, stub)[0] == 0  # the stub answers "[en] Der Kanzler …"
    out = io.StringIO()
    stats(Project(root), out=out)
    assert "glossary: article.first.p1.s1 should use 'Chancellor' for 'Kanzler'" in out.getvalue()


@pytest.mark.parametrize("size", ["0", "-3"])
def test_a_batch_size_below_one_is_a_usage_error_not_a_traceback(project, capsys, size):
    from builder.cli import main

    root = project(articles={"first.txt": FIRST}, translations=False)
    with LibreStub() as stub, pytest.raises(SystemExit) as stopped:
        main(["--project", str(root), "translate", "--engine", "libre", "--url", stub.url, "--batch-size", size])
    assert stopped.value.code == 2 and stub.characters == 0
    assert f"error: --batch-size must be at least 1, not {size}" in capsys.readouterr().err
