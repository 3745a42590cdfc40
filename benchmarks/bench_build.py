"""Benchmark: build a site from N real German articles and print the time of each stage.

The articles come from ../shared/data (10kGNAD and the quotation data set; licence
non-commercial: they are read from there and written only into a temporary project,
never into this repository). Beyond the 1,728 texts there, articles repeat with new ids:
at 20,000 each text stands about twelve times, and every source page lists its copies. With
--distinct they are collages of parts of five texts instead (see `collage`), which the copy
check does not pair: what a site of that many different reports costs.

    .venv/bin/python benchmarks/bench_build.py --articles 2000           # pages, no MkDocs
    .venv/bin/python benchmarks/bench_build.py --articles 2000 --mkdocs  # the whole build
    .venv/bin/python benchmarks/bench_build.py --articles 2000 --no-story  # every article on the pages
    .venv/bin/python benchmarks/bench_build.py --articles 2000 --mkdocs --rebuild  # then: nothing changed, one edit

Against bare MkDocs (material + static-i18n + offline, the project's Markdown extensions,
sources out of the nav, on the very pages the builder generated), each build a separate
process, cold (build/ and site/ moved aside, see `set_aside`), run alternately A B A B;
medians of --repeat:

    .venv/bin/python benchmarks/bench_build.py --articles 200 --vs-bare              # ~2 minutes
    .venv/bin/python benchmarks/bench_build.py --articles 2000 --vs-bare --repeat 3

It ends with one line: `stages S s · full F s · bare B s · full/bare R · rebuild T s · peak M MB`
(stages: the builder's own stages of a cold build, all but MkDocs; full: the whole cold build,
wall time of `python -m builder build`; bare: wall time of bare `mkdocs build` on the same
pages; rebuild: the same build again with nothing changed; peak: the largest process).

Growth of each stage, one cold build per size (with --mkdocs also MkDocs and links); the
ratio of a step is (time grown by) / (articles grown by): 1.00 is linear:

    .venv/bin/python benchmarks/bench_build.py --growth 200,2000 --mkdocs
    .venv/bin/python benchmarks/bench_build.py --growth 200,2000,20000        # long: hours with MkDocs
    .venv/bin/python benchmarks/bench_build.py --growth 200,2000,20000 --distinct  # no repeated texts
"""
from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

from builder.build import Project, build  # noqa: E402
from tests.conftest import make_project  # noqa: E402

EDIT = "\nEin Satz, den der Benchmark anfügt.\n"
QUIET = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")


def texts() -> list[str]:
    """Every article text of the shared data sets."""
    out = []
    with open(DATA / "10kgnad" / "articles.csv", encoding="utf-8", newline="") as f:
        out += [row[1] for row in csv.reader(f, delimiter=";", quotechar="'") if len(row) > 1]
    for line in (DATA / "quotes-de" / "train.jsonl").read_text(encoding="utf-8").splitlines():
        out.append(json.loads(line)["text"])
    return [t for t in out if t.strip()]


def prepare(dest: Path, articles: int, story: bool = True, distinct: bool = False) -> float:
    """A project in `dest` with `articles` article files; their megabytes. Beyond the corpus,
    articles repeat its texts, or with `distinct` are collages that no copy check pairs."""
    root = make_project(dest)
    if not story:
        (root / "content" / "story.yml").unlink()
    corpus = texts()
    words = [t.split() for t in corpus] if distinct else []
    folder = root / "content" / "articles"
    for i in range(articles):
        text = collage(words, i) if distinct and i >= len(corpus) else corpus[i % len(corpus)]
        (folder / f"bench_{i:05d}.txt").write_text(text, encoding="utf-8")
    return sum(p.stat().st_size for p in folder.iterdir()) / 1e6


COLLAGE_SHARE = 0.3  # of the shortest of its texts, each part of a collage (the copy check pairs from 0.4)
COLLAGE_STEPS = (0, 1, 3, 7, 15)  # part j of a collage in round r is from the text r * step[j] further on


def collage(words: list[list[str]], i: int) -> str:
    """Article i past the corpus's end (round r = i // n of n texts, k = i % n): five equally
    long parts, part j the j-th fifth of text k + r * COLLAGE_STEPS[j], each at most
    COLLAGE_SHARE of the shortest of the five. So a collage stands in none of its texts for
    more than a fifth of its words, and two collages share at most one part, while the rounds
    times the largest step stay below n (115 rounds of 1,728 texts): a corpus of distinct
    reports, for measuring growth without the copies a repeated corpus makes."""
    n, r, k = len(words), i // len(words), i % len(words)
    texts = [words[(k + r * step) % n] for step in COLLAGE_STEPS]
    size = max(1, int(COLLAGE_SHARE * min(map(len, texts))))
    last = len(COLLAGE_STEPS) - 1
    parts = [text[(len(text) - size) * j // last:][:size] for j, text in enumerate(texts)]
    return " ".join(word for part in parts for word in part)


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
    parser.add_argument("--vs-bare", action="store_true",
                        help="cold builds against bare MkDocs on the same pages, alternately; "
                        "ends with the summary line")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build for --vs-bare and --growth (medians)")
    parser.add_argument("--distinct", action="store_true",
                        help="past the corpus's texts, collages of three of them instead of repeats (no copies)")
    parser.add_argument("--growth", metavar="N,N,…", help="per-stage seconds at these article counts, and the "
                        "ratio of each step to linear")
    args = parser.parse_args()
    if args.vs_bare:
        return vs_bare(args.articles, max(args.repeat, 1), not args.no_story, args.distinct)
    if args.growth:
        sizes = [int(n) for n in args.growth.split(",")]
        return growth(sizes, args.mkdocs, max(args.repeat, 1) if "--repeat" in sys.argv else 1, not args.no_story,
                      args.distinct)
    with tempfile.TemporaryDirectory() as tmp:
        megabytes = prepare(Path(tmp) / "bench", args.articles, not args.no_story, args.distinct)
        root = Path(tmp) / "bench"
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
        same = "" if identical is None else f", site byte-identical: {identical}"
        print(f"rebuild, {what}: {seconds:.1f} s{same}")
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
    edit_one(root)
    start = time.perf_counter()
    build(Project(root), run_mkdocs=mkdocs, out=io.StringIO())
    return [("nothing changed", unchanged, same), ("one article edited", time.perf_counter() - start, None)]


def edit_one(root: Path) -> None:
    """Add a sentence to the first article."""
    edited = sorted((root / "content" / "articles").iterdir())[0]
    edited.write_text(edited.read_text(encoding="utf-8") + EDIT, encoding="utf-8")


# --- separate processes: cold builds, bare MkDocs, growth ------------------------------------

STAGE_TIMES = re.compile(r"^time: [\d.]+s \((.*)\)$", re.MULTILINE)


def timed_process(cmd: list[str], log: Path) -> tuple[float, float, int]:
    """Run a command (output to `log`); (wall seconds, peak MB of its largest process, exit status).
    The peak is the child's maximum resident size, which Linux takes over its waited-for
    descendants too (MkDocs run by the builder)."""
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=QUIET)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def stage_times(log: str) -> dict[str, float]:
    """The stage times of a build's summary line ("time: …s (read 1.00s · …)")."""
    found = STAGE_TIMES.findall(log)
    if not found:
        return {}
    return {name: float(sec) for name, sec in re.findall(r"(\w+) ([\d.]+)s", found[-1])}


def set_aside(*folders: Path) -> None:
    """Move the folders of an earlier run out of the way, into "aside/" beside the project,
    which goes with the benchmark's temporary folder at its end. Deleting them would time the
    file system along with the next run: after removing a build's ~10,000 files, the next
    build's writes wait for the deletions to reach the disk (on this machine, mounted with
    `discard`, the write stage took 0.78 s after `rm -rf build site`, 0.21 s after a rename)."""
    for folder in folders:
        if folder.exists():
            aside = folder.parent.parent / "aside"
            aside.mkdir(exist_ok=True)
            folder.rename(aside / f"{folder.parent.name}-{folder.name}-{time.monotonic_ns()}")


def builder_run(root: Path, mkdocs: bool = True, cold: bool = True) -> dict:
    """One `python -m builder build` of the project, cold (build/ and site/ moved aside) or as it stands."""
    if cold:
        set_aside(root / "build", root / "site")
    cmd = [sys.executable, "-m", "builder", "--project", str(root), "build"] + ([] if mkdocs else ["--no-mkdocs"])
    log = root.parent / "build.log"
    seconds, peak, status = timed_process(cmd, log)
    text = log.read_text(encoding="utf-8")
    if status not in (0, 1):
        raise SystemExit(f"the build failed (exit {status}):\n{text[-3000:]}")
    return {"wall": seconds, "peak": peak, "stages": stage_times(text), "status": status, "log": text}


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, its `!ENV` tags as empty values."""


_Loader.add_constructor("!ENV", lambda loader, node: "")


def bare_config(root: Path, bare: Path) -> None:
    """bare/ with a copy of the generated pages and a MkDocs config of only Material, the
    i18n and offline plugins (with the project's language settings) and the project's
    Markdown extensions, sources out of the nav as the builder's nav has them."""
    shutil.rmtree(bare, ignore_errors=True)
    shutil.copytree(root / "build" / "docs", bare / "docs")
    project = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    generated = yaml.safe_load((root / "build" / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(p["i18n"] for p in project["plugins"] if isinstance(p, dict) and "i18n" in p)
    config = {"site_name": project["site_name"], "docs_dir": "docs", "site_dir": "site",
              "use_directory_urls": False, "theme": {"name": "material", "language": project["theme"]["language"]},
              "nav": generated["nav"], "plugins": ["search", {"i18n": i18n}, "offline"],
              "markdown_extensions": project.get("markdown_extensions", [])}
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def bare_run(bare: Path) -> dict:
    """One bare `mkdocs build` of bare/, cold."""
    set_aside(bare / "site")
    seconds, peak, status = timed_process([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                                           str(bare / "mkdocs.yml")], bare.parent / "bare.log")
    if status:
        raise SystemExit(f"bare MkDocs failed:\n{(bare.parent / 'bare.log').read_text(encoding='utf-8')[-3000:]}")
    return {"wall": seconds, "peak": peak}


def own_stages(run: dict) -> float:
    """Seconds of the builder's own stages: every stage but MkDocs."""
    return sum(v for k, v in run["stages"].items() if k != "mkdocs")


def vs_bare(articles: int, repeat: int, story: bool, distinct: bool = False) -> int:
    """Cold builds and bare MkDocs alternately, a rebuild with nothing changed and one after an
    edit; print the medians and the summary line."""
    with tempfile.TemporaryDirectory() as tmp:
        root, bare = Path(tmp) / "bench", Path(tmp) / "bare"
        megabytes = prepare(root, articles, story, distinct)
        print(f"articles {articles} ({megabytes:.1f} MB of text); {repeat} × (full cold build, bare MkDocs)",
              flush=True)
        fulls, bares = [], []
        for i in range(repeat):
            fulls.append(builder_run(root))
            if i == 0:
                bare_config(root, bare)
            bares.append(bare_run(bare))
            print(f"  run {i + 1}: full {fulls[-1]['wall']:.1f} s (stages {own_stages(fulls[-1]):.1f} s, "
                  f"exit {fulls[-1]['status']}), bare {bares[-1]['wall']:.1f} s", flush=True)
        unchanged = builder_run(root, cold=False)
        edit_one(root)
        edited = builder_run(root, cold=False)
    median = statistics.median
    names = list(dict.fromkeys(k for run in fulls for k in run["stages"]))
    print("cold stages (median s): " + " · ".join(f"{k} {median(r['stages'].get(k, 0.0) for r in fulls):.2f}"
                                               for k in names))
    off = sum(1 for line in fulls[0]["log"].splitlines() if "not about the story" in line)
    print(f"articles used {articles_used(fulls[0]['log'], articles)} of {articles}, {off} of them off the story "
          "(no quotations are looked for in those; --no-story puts every article on the story)")
    print(f"one article edited: {edited['wall']:.1f} s (" + " · ".join(
        f"{k} {v:.2f}" for k, v in edited["stages"].items()) + ")")
    stages, full, bare_s = median(own_stages(r) for r in fulls), median(r["wall"] for r in fulls), \
        median(r["wall"] for r in bares)
    peak = max(r["peak"] for r in (*fulls, *bares, unchanged, edited))
    print(f"stages {stages:.1f} s · full {full:.1f} s · bare {bare_s:.1f} s · full/bare {full / bare_s:.2f} · "
          f"rebuild {unchanged['wall']:.1f} s · peak {peak:.0f} MB")
    return 0


def growth(sizes: list[int], mkdocs: bool, repeat: int, story: bool, distinct: bool = False) -> int:
    """Per-stage medians of cold builds at each size and each step's ratio to linear growth."""
    results = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "bench"
            prepare(root, n, story, distinct)
            runs = [builder_run(root, mkdocs) for _ in range(repeat)]
        names = list(dict.fromkeys(k for run in runs for k in run["stages"]))
        stages = {k: statistics.median(r["stages"].get(k, 0.0) for r in runs) for k in names}
        stages["total"] = statistics.median(r["wall"] for r in runs)
        peak = max(r["peak"] for r in runs)
        results.append((n, stages, peak))
        print(f"  {n} articles: {stages['total']:.1f} s, peak {peak:.0f} MB", flush=True)
    names = list(dict.fromkeys(k for _, stages, _ in results for k in stages))
    steps = [f"×{b / a:g} ratio" for a, b in itertools.pairwise(sizes)]
    print(f"{'stage':<13}" + "".join(f"{str(n) + ' s':>10}" for n in sizes) + "".join(f"{s:>13}" for s in steps))
    for name in names:
        row = [stages.get(name, 0.0) for _, stages, _ in results]
        ratios = [(b / a) / (nb / na) if a > 0 else float("nan")
                  for (a, b), (na, nb) in zip(itertools.pairwise(row), itertools.pairwise(sizes), strict=True)]
        print(f"{name:<13}" + "".join(f"{v:>10.2f}" for v in row) + "".join(f"{r:>13.2f}" for r in ratios))
    print(f"{'peak MB':<13}" + "".join(f"{p:>10.0f}" for _, _, p in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
