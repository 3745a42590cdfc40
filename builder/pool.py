"""Per-article work in a pool of processes, one per core of the machine.

`mapped(work, items)` gives `[work(item) for item in items]`, in order: the results, and
so the site, are the same bytes as in one process. The processes are forked from the
build, so they hold its loaded config and code, and the items themselves, without pickling
them: only an item's place in the list goes to a process, and its result comes back
pickled. Few items, one core, a system other than Linux (where `fork` is not safe) or
BUILDER_WORKERS=1 run in the build's own process. `work` must not raise (it returns
failures as values: `Outcome`). What `work` loads lazily (word lists, a tagger's model)
is best loaded by `warm` before the fork: the processes then share one copy instead of
each loading its own. What only the later stages need is best loaded by `meanwhile`: the
build's process loads it while the processes work, instead of keeping a core idle.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from .problems import env_number

WORKERS_VARIABLE = "BUILDER_WORKERS"
MIN_ITEMS = 8  # items per process below which starting processes costs more than it saves


def workers() -> int:
    """How many processes per-article work may use: BUILDER_WORKERS, else the machine's cores."""
    return env_number(WORKERS_VARIABLE, os.cpu_count() or 1, lambda v: int(v) if v.isdigit() else None,
                      lambda n: n >= 1, "a number of processes (1 or more)",
                      "set it to e.g. 4, to 1 for one process, or unset it for one per core")


_WORK = None  # the work of the running `mapped`, inherited by the forked processes
_ITEMS: list = []  # and its items (an article sent pickled to a process that holds it already cost the build
#                    as much again as the process's work on it took)


def _call(index: int):
    return _WORK(_ITEMS[index])  # type: ignore[misc]


def mapped(work, items: list, warm=()) -> list:
    """`[work(item) for item in items]`, spread over processes when that is worth it; the
    functions of `warm` are called first when it is (they load what `work` needs)."""
    return list(streamed(work, items, warm))


def streamed(work, items: list, warm=(), meanwhile=()) -> Iterator:
    """The results of `mapped`, in order, each as soon as the processes have it: the build's
    own process can keep one (write it to a cache) while they work on the next. The
    processes are forked when the first result is asked for, and the functions of
    `meanwhile` are called then, while they work (without processes, not at all: what
    they load loads on first use); one stream runs at a time. BUILDER_WORKERS is read
    here, so that a bad value stops the build where it is called."""
    count = min(workers(), len(items) // MIN_ITEMS)
    if count <= 1 or not sys.platform.startswith("linux"):  # fork is safe on Linux only (not macOS)
        return map(work, items)
    return _forked(work, items, warm, count, meanwhile)


def _forked(work, items: list, warm, count: int, meanwhile=()) -> Iterator:
    """`streamed` in `count` forked processes."""
    global _WORK, _ITEMS
    for load in warm:
        load()
    first = work(items[0])  # here, so that the models it loads lazily are loaded once, before the fork
    _WORK, _ITEMS = work, items
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            rest = pool.imap(_call, range(1, len(items)), chunksize=max(1, len(items) // (count * 8)))
            for load in meanwhile:
                load()
            yield first
            yield from rest
    finally:
        _WORK, _ITEMS = None, []


@dataclass(frozen=True)
class Outcome:
    """What per-article work gave: its value, or the exception it raised (as name and
    message, which always pickle), and the problems it found."""

    value: object = None
    error: tuple[str, str] | None = None
    problems: tuple = ()

    def exception(self) -> Exception:
        """The failure as an exception of the same name, for messages."""
        name, message = self.error or ("Exception", "")
        return type(name, (Exception,), {})(message)


def guarded(work):
    """`work` that returns an Outcome instead of raising."""
    def run(item) -> Outcome:
        try:
            return Outcome(work(item))
        except Exception as exc:  # a bug on one article must not take the others down
            return Outcome(error=(type(exc).__name__, str(exc)))
    return run
