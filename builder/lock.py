"""One build of a project at a time: an exclusive lock on `build/.lock` (fcntl.flock).

Two builds writing `build/docs/` at once would trip over each other's files. A second
build (or `translate`, which saves the same translation memory) waits for the first, up to
BUILDER_LOCK_WAIT seconds (default 300), and then stops with a message saying so. The
lock ends with the process that holds it, however it ends; the file itself stays.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from .problems import ConfigError, Problem, env_number

try:
    import fcntl
except ImportError:  # not on Linux or macOS: builds are not serialised
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = ".lock"
WAIT_VARIABLE = "BUILDER_LOCK_WAIT"
DEFAULT_WAIT = 300.0  # seconds
POLL = 0.1  # seconds between tries
WAITING = "another build of this project is running; waiting…"


class LockError(Exception):
    """The lock could not be had: another build held it too long, or the wait is misconfigured."""


def run_locked(build_dir: Path, out, work: Callable[[], int]) -> int:
    """Run `work` holding the project's lock; exit status 2 with a message when it cannot be had."""
    try:
        with project_lock(build_dir, out):
            return work()
    except LockError as exc:
        print(exc, file=out)
        return 2


@contextmanager
def project_lock(build_dir: Path, out):
    """Hold the lock on `build_dir/.lock` while the block runs, waiting a bounded time for it."""
    wait = wait_seconds()
    if fcntl is None:
        yield
        return
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / LOCK_FILE, "a+b") as handle:
        _acquire(handle, f"{build_dir.name}/{LOCK_FILE}", wait, out)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _acquire(handle, shown: str, wait: float, out) -> None:
    """Take the lock, saying once that we wait; LockError when `wait` seconds pass first."""
    deadline = time.monotonic() + wait
    said = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockError(str(Problem(
                    shown, None, f"another build of this project still runs after {wait:g} s of waiting",
                    f"let it finish (or stop it) and build again; {WAIT_VARIABLE}=<seconds> waits longer"))) from None
            if not said:
                print(WAITING, file=out, flush=True)
                said = True
            time.sleep(POLL)


def wait_seconds() -> float:
    """How long to wait for the lock: BUILDER_LOCK_WAIT, else DEFAULT_WAIT."""
    try:
        return env_number(WAIT_VARIABLE, DEFAULT_WAIT, float, lambda s: 0 <= s < float("inf"), "a number of seconds",
                          f"set it to e.g. 60, or unset it to wait {DEFAULT_WAIT:g} s")
    except ConfigError as exc:
        raise LockError(str(exc)) from None
