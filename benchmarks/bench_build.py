"""Benchmark: build a site from N real German articles and print the time of each stage.

The articles come from ../shared/data (10kGNAD and the quotation data set; licence
non-commercial: they are read from there and written only into a temporary project,
never into this repository). Beyond the ~1,900 texts there, articles repeat with new ids.

    .venv/bin/python benchmarks/bench_build.py --articles 2000           # pages, no MkDocs
    .venv/bin/python benchmarks/bench_build.py --articles 2000 --mkdocs  # the whole build
    .venv/bin/python benchmarks/bench_build.py --articles 2000 --no-story  # every article on the pages
    .venv/bin/python benchmarks/bench_build.py --articles 2000 --mkdocs --rebuild  # then: nothing changed, one edit
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

from builder.build import Project, build  # noqa: E402
from tests.conftest import make_project  # noqa: E402


def texts() -> list[str]:
    """Every article text of the shared data sets."""
    out = []
    with open(DATA / "10kgnad" / "articles.csv", encoding="utf-8", newline="") as f:
        out += [row[1] for row in csv.reader(f, delimiter=";", quotechar="'") if len(row) > 1]
    for line in (DATA / "quotes-de" / "train.jsonl").read_text(encoding="utf-8").splitlines():
        out.append(json.loads(line)["text"])
    return [t for t in out if t.strip()]


def articles_used(log: str, total: int) -> int:
    """How many articles the build cited on a topic page: total minus those it reports unused."""
    unused = sum(1 for line in log.splitlines() if line.startswith("content/articles/")
                 and ("not used on any topic page" in line or "not about the story" in line))
    return total - unused


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--mkdocs", action="store_true", help="also run MkDocs (slow for thousands of pages)")
    parser.add_argument("--no-story", action="store_true",
                        help="without content/story.yml: every article counts (a load test of matching and grouping)")
    parser.add_argument("--rebuild", action="store_true",
                        help="then build again with nothing changed, and once more after editing one article")
    args = parser.parse_args()
    corpus = texts()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "bench")
        if args.no_story:
            (root / "content" / "story.yml").unlink()
        folder = root / "content" / "articles"
        for i in range(args.articles):
            (folder / f"bench_{i:05d}.txt").write_text(corpus[i % len(corpus)], encoding="utf-8")
        megabytes = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        out = io.StringIO()
        start = time.perf_counter()
        status = build(Project(root), run_mkdocs=args.mkdocs, out=out)
        total = time.perf_counter() - start
        log = out.getvalue()
        size = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file()) / 1e6 if args.mkdocs else 0
        rebuilds = timed_rebuilds(root, args.mkdocs) if args.rebuild else []
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary = [line for line in log.splitlines() if not line.startswith(("content/", "links:"))]
    print("\n".join(summary[-8:]))
    print(f"articles {args.articles} ({megabytes:.1f} MB of text), exit status {status}")
    used = articles_used(log, args.articles)
    print(f"articles used {used} of {args.articles} ({100 * used / args.articles:.1f} %)")
    print(f"total {total:.1f} s, {args.articles / total:.1f} articles/s, peak memory {peak:.0f} MB"
          + (f", site {size:.0f} MB" if args.mkdocs else ""))
    for what, seconds, identical in rebuilds:
        print(f"rebuild, {what}: {seconds:.1f} s" + ("" if identical is None else f", site byte-identical: {identical}"))
    return 0


def site_bytes(root: Path) -> dict[str, bytes]:
    """Every file of site/ by path."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "site").rglob("*")) if p.is_file()}


def timed_rebuilds(root: Path, mkdocs: bool) -> list[tuple[str, float, bool | None]]:
    """(what, seconds, site unchanged or None) of a rebuild with nothing changed and of one
    after an edit of one article."""
    before = site_bytes(root) if mkdocs else None
    start = time.perf_counter()
    build(Project(root), run_mkdocs=mkdocs, out=io.StringIO())
    unchanged = time.perf_counter() - start
    same = site_bytes(root) == before if mkdocs else None
    edited = sorted((root / "content" / "articles").iterdir())[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEin Satz, den der Benchmark anfügt.\n", encoding="utf-8")
    start = time.perf_counter()
    build(Project(root), run_mkdocs=mkdocs, out=io.StringIO())
    return [("nothing changed", unchanged, same), ("one article edited", time.perf_counter() - start, None)]


if __name__ == "__main__":
    sys.exit(main())
