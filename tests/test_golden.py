"""Golden test: the generated Markdown of a small scenario, diffed as a whole tree.

The scenario (tests/scenarios/small) has its own topic rules and articles named after
what they exercise. To accept intended changes of the output, regenerate with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

and review the diff of tests/golden/small before committing it.
"""
from __future__ import annotations

import difflib
import io
import os
import shutil
from pathlib import Path

from builder.build import Project, build
from tests.conftest import make_project

HERE = Path(__file__).resolve().parent
SCENARIO = HERE / "scenarios" / "small"
GOLDEN = HERE / "golden" / "small"


def generated_tree(tmp_path: Path, monkeypatch) -> dict[str, str]:
    """Build the scenario without MkDocs and return its generated pages, data and feeds."""
    root = make_project(tmp_path / "small", translations=False)
    shutil.copy(SCENARIO / "topics.yml", root / "content" / "topics.yml")
    shutil.copy(SCENARIO / "story.yml", root / "content" / "story.yml")
    shutil.copy(SCENARIO / "glossary.yml", root / "content" / "glossary.yml")
    for path in sorted((SCENARIO / "articles").iterdir()):
        shutil.copy(path, root / "content" / "articles" / path.name)
    for path in sorted((SCENARIO / "translations").glob("*.po")):
        shutil.copy(path, root / "translations" / path.name)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741046400")  # 2025-03-04
    assert build(Project(root), run_mkdocs=False, out=io.StringIO()) == 0
    docs = root / "build" / "docs"
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(docs.rglob("*")) if p.is_file() and not p.relative_to(docs).as_posix().startswith("assets/")
            and p.suffix in (".md", ".json", ".xml")}


def test_generated_markdown_matches_golden_tree(tmp_path, monkeypatch):
    tree = generated_tree(tmp_path, monkeypatch)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in tree.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
              for p in sorted(GOLDEN.rglob("*")) if p.is_file()}
    assert sorted(tree) == sorted(golden), "generated files differ from the golden tree"
    diffs = []
    for rel in sorted(tree):
        if tree[rel] != golden[rel]:
            diffs += difflib.unified_diff(golden[rel].splitlines(), tree[rel].splitlines(),
                                          f"golden/{rel}", f"generated/{rel}", lineterm="", n=1)
    assert not diffs, "\n".join(diffs[:80])


def test_same_input_gives_the_same_bytes(tmp_path, monkeypatch):
    first = generated_tree(tmp_path / "a", monkeypatch)
    second = generated_tree(tmp_path / "b", monkeypatch)
    assert first == second
