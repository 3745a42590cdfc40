"""The same input gives the same bytes, whatever Python's hash seed: links teachers copy never change.

Two copies of the seed project are built in subprocesses, MkDocs included, under two hash
seeds; every file of the generated docs and of the built site (HTML of both languages,
data/claims.json, the feeds, the sitemap, the search index) must be byte for byte the same.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, make_project

EXPECTED = ("docs/data/claims.json", "docs/feed.en.xml", "site/index.html", "site/en/topics/peace-talks.html",
            "site/data/claims.json", "site/feed.xml", "site/en/feed.xml", "site/sitemap.xml",
            "site/sitemap.xml.gz", "site/search/search_index.json", "site/search/search_index.js")


def built(root: Path, seed: str) -> dict[str, bytes]:
    """Build a project with MkDocs under a hash seed; its generated docs and site by path."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env.update(PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH="1741046400", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "builder", "--project", str(root), "build"],
                          env=env, check=False, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = {}
    for name, folder in (("docs", root / "build" / "docs"), ("site", root / "site")):
        out |= {f"{name}/{p.relative_to(folder).as_posix()}": p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file()}
    return out


def test_two_hash_seeds_give_byte_identical_pages_data_feeds_sitemap_and_search_index(tmp_path):
    first = built(make_project(tmp_path / "a", seeds=True), "0")
    second = built(make_project(tmp_path / "b", seeds=True), "3")
    assert all(path in first for path in EXPECTED), [p for p in EXPECTED if p not in first]
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert not differing, differing[:5]
