"""Benchmark: one very long article beside the seeds, against its size's linear share.

A cold build of the seeds alone gives the time per byte of article text; the long article
(sentences this benchmark writes, of the words a topic matches) should cost about its
bytes' share of that. Each build runs in its own process, so that its peak memory is its own.

    .venv/bin/python benchmarks/bench_big_article.py --lines 50000
    .venv/bin/python benchmarks/bench_big_article.py --megabytes 20   # over the default size limit
"""
from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBJECTS = ("Kiew", "Der Kreml", "Die Nato", "Die EU", "Trump", "Putin")
VERBS = ("fordert", "will", "prüft", "lehnt")
OBJECTS = ("Frieden", "Gespräche", "eine Waffenruhe", "Sanktionen", "Garantien")


def long_text(lines: int, megabytes: float) -> str:
    """Short report lines, one per line, until `lines` or `megabytes` is reached."""
    rng = random.Random(7)
    out, size, n = [], 0, 0
    while (lines and n < lines) or (megabytes and size < megabytes * 1e6):
        line = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} ({n})."
        out.append(line)
        size += len(line.encode("utf-8")) + 1
        n += 1
    return "\n".join(out) + "\n"


def cold_build(root: Path) -> tuple[float, float, str]:
    """Seconds, peak memory in MB and output of a build without caches, in its own process."""
    subprocess.run(["rm", "-rf", str(root / "build"), str(root / "site")], check=True)
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "builder", "--project", str(root), "build", "--no-mkdocs"],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = child.stdout.read()
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, output


def article_bytes(root: Path) -> int:
    """Bytes of all article files."""
    return sum(p.stat().st_size for p in (root / "content" / "articles").iterdir())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=50000)
    parser.add_argument("--megabytes", type=float, default=0.0, help="instead of --lines: this many MB")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.conftest import make_project
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "bench", seeds=True)
        seeds_bytes = article_bytes(root)
        seeds_time, seeds_peak, _ = cold_build(root)
        text = long_text(0 if args.megabytes else args.lines, args.megabytes)
        (root / "content" / "articles" / "long_report.txt").write_text(text, encoding="utf-8")
        total, peak, output = cold_build(root)
    share = seeds_time * (seeds_bytes + len(text.encode("utf-8"))) / seeds_bytes
    stages = re.search(r"^time: .*$", output, re.M)
    refused = re.search(r"^.*long_report\.txt: error: .*$", output, re.M)
    print(f"seeds: {seeds_bytes / 1e3:.0f} kB in {seeds_time:.1f} s, peak {seeds_peak:.0f} MB")
    print(f"long article: {len(text.splitlines())} lines, {len(text.encode('utf-8')) / 1e6:.2f} MB")
    if refused:
        print(refused.group())
    print(stages.group() if stages else output[-2000:])
    print(f"build {total:.1f} s · linear share {share:.1f} s · ratio {total / share:.2f} · peak {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
