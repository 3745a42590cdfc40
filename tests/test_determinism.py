"""The same input gives the same bytes, whatever Python's hash seed: links teachers copy never change."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, make_project


def generated(root: Path, seed: str) -> dict[str, bytes]:
    """Build a project without MkDocs under a hash seed; return its generated docs by path."""
    env = dict(os.environ, PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH="1741046400", PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "builder", "--project", str(root), "build", "--no-mkdocs"],
                   env=env, check=False, capture_output=True, cwd=ROOT)
    docs = root / "build" / "docs"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def test_two_hash_seeds_give_byte_identical_pages_and_data(tmp_path):
    first = generated(make_project(tmp_path / "a", seeds=True), "0")
    second = generated(make_project(tmp_path / "b", seeds=True), "3")
    assert "data/claims.json" in first and len(first) > 50
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert not differing, differing[:5]
