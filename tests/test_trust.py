"""Small errors that cost trust (issue 16), on the seed site built once with MkDocs:
counts that agree, plurals, grammar of the speaker phrase, headings, quotation marks."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from builder.build import Project, build
from tests.conftest import make_project

LANGS = {"de": "", "en": ".en"}  # language -> suffix of its Markdown pages


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The seed project built once: (root, build log)."""
    root = make_project(tmp_path_factory.mktemp("trust") / "project", seeds=True)
    out = io.StringIO()
    assert build(Project(root), out=out) == 0, out.getvalue()
    return root, out.getvalue()


def markdown(root: Path, rel: str, lang: str) -> str:
    return (root / "build" / "docs" / f"{rel}{LANGS[lang]}.md").read_text(encoding="utf-8")


def html(root: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / rel).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", list(LANGS))
def test_people_index_counts_what_each_person_page_lists(seed, lang):
    root, _ = seed
    index = markdown(root, "people/index", lang)
    entries = re.findall(r"^- \[[^\]]+\]\(([\w-]+)\.md\).* · (\d+) \S+$", index, re.MULTILINE)
    assert entries
    for person, count in entries:
        page = markdown(root, f"people/{person}", lang)
        statements = page.split("{#statements}", 1)[1].split("\n## ", 1)[0]
        listed = len(re.findall(r"^- ", statements, re.MULTILINE))
        assert int(count) == listed, f"{person}: the index says {count}, the page lists {listed}"
