"""Benchmark the quotation extractor on real German news (not a test).

Reads ../shared/data/10kgnad/articles.csv relative to the repository root (`;`-separated,
`'` as quote character, columns label;text), runs `extract_quotes` over every article and
prints articles per second, MB per second and the quotes found. As in a build, the
sentences are split once beforehand (segment.py, the reader's work, timed on its own) and
handed to the extractor; --standalone times `extract_quotes(text)`, which splits them itself.

    .venv/bin/python benchmarks/bench_quotes.py [--repeat N] [--standalone]
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.quotes import DIRECT, extract_quotes  # noqa: E402
from builder.segment import split_text  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "10kgnad" / "articles.csv"


def read_articles(path: Path) -> list[str]:
    """The article texts of the 10kGNAD test split."""
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter=";", quotechar="'")
        return [row[1] for row in rows if len(row) >= 2]


def run(texts: list[str], repeat: int, sentences: list | None) -> tuple[float, int, int]:
    """Extract quotes from every text `repeat` times, with its sentences where given;
    (seconds, direct, indirect) of the fastest pass."""
    best, direct, indirect = float("inf"), 0, 0
    for _ in range(repeat):
        started = time.perf_counter()
        found = [extract_quotes(text, sentences[i] if sentences else None) for i, text in enumerate(texts)]
        best = min(best, time.perf_counter() - started)
        direct = sum(q.kind == DIRECT for quotes in found for q in quotes)
        indirect = sum(q.kind != DIRECT for quotes in found for q in quotes)
    return best, direct, indirect


def main() -> int:
    """Print the throughput of the extractor on the benchmark articles."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes; the fastest is reported")
    parser.add_argument("--standalone", action="store_true",
                        help="let extract_quotes split the sentences itself, in every pass")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"{DATA} not found: the benchmark needs ../shared/data/10kgnad/articles.csv", file=sys.stderr)
        return 1
    texts = read_articles(DATA)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    sentences = None
    if not args.standalone:
        started = time.perf_counter()
        sentences = [[(s.start, s.end) for s in split_text(text)] for text in texts]
        print(f"sentence splitting (segment.py, once): {time.perf_counter() - started:.2f} s")
    seconds, direct, indirect = run(texts, args.repeat, sentences)
    how = "standalone, splitting included" if args.standalone else "sentences given"
    print(f"{len(texts)} articles, {megabytes:.2f} MB, best of {args.repeat} passes ({how}): {seconds:.2f} s")
    print(f"{len(texts) / seconds:.0f} articles/s, {megabytes / seconds:.2f} MB/s")
    print(f"quotes found: {direct} direct, {indirect} indirect "
          f"({(direct + indirect) / len(texts):.1f} per article)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
