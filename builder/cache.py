"""A cache of per-article work (cleaning, sentence splitting), so rebuilds are fast.

An entry is keyed by everything its result depends on: the file's bytes, its metadata,
the site languages and a fingerprint of the code that made it. A change to any of them
misses the cache, so a stale result is never used. The cache lives in build/cache/ and
can be deleted at any time.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import sqlite3
from pathlib import Path

def code_fingerprint(modules: tuple[str, ...] | None = None) -> str:
    """A hash of the source of the modules whose output is cached."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in CODE if modules is None else modules:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


_IMPORT = re.compile(r"^\s*from \.(\w*) import ([\w, ()]+)", re.MULTILINE)


def code_closure(*modules: str) -> tuple[str, ...]:
    """The builder's modules that `modules` ("attribution.py") import, directly or through
    others, with themselves; with the word lists of builder/lexicons when one of them
    reads them. A change to any of these files changes what those modules compute."""
    here = Path(__file__).resolve().parent
    needed, todo = set(), list(modules)
    while todo:
        name = todo.pop()
        if name in needed or not (here / name).is_file():
            continue
        needed.add(name)
        for package, names in _IMPORT.findall((here / name).read_text(encoding="utf-8")):
            todo += [f"{package}.py"] if package else [f"{n.strip(' ()')}.py" for n in names.split(",")]
    lexicons = sorted(p.relative_to(here).as_posix() for p in (here / "lexicons").rglob("*") if p.is_file()) \
        if "lexicon.py" in needed else []
    return (*sorted(needed), *lexicons)


class Cache:
    """Pickled results in one SQLite file per folder (`folder`/entries.sqlite), a row per
    key: a cold build of thousands of articles writes one file instead of one per result.
    An entry that cannot be read back counts as a miss and its key is listed in `damaged`;
    a damaged file (not a database, or a malformed one) is removed and started anew, all
    its entries missing. The caller recomputes them and may say so; it is never an error.
    A file that cannot be opened or written (read-only, disk full) only costs speed."""

    FILE = "entries.sqlite"
    BATCH = 500  # values written in one transaction
    DAMAGE = (11, 26)  # SQLite's "database disk image is malformed" and "file is not a database"

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0
        self.damaged: list[str] = []
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._off = False  # the file could not be opened: every get misses, every put is skipped
        self._pending: dict[str, bytes] = {}  # puts not written yet (they are written in batches)
        # No file yet (a cold build): every get misses but those of keys put since, which
        # are kept here, and the file is not asked (each process would open it to find nothing).
        self._new: set[str] | None = set() if folder is None or not (folder / self.FILE).exists() else None

    @staticmethod
    def key(*parts) -> str:
        """A key from bytes and reprs of the inputs."""
        digest = hashlib.sha256()
        for part in parts:
            digest.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def get(self, key: str):
        """The cached value, or None."""
        if self.folder is None or self._off:
            return None
        if key in self._pending:
            row = (self._pending[key],)
        elif self._new is not None and key not in self._new:
            row = None
        else:
            row = self._run("SELECT value FROM entries WHERE key = ?", (key,), key)
        if row is None:
            self.misses += 1
            return None
        try:
            value = pickle.loads(row[0])
        except Exception:  # any damage to the entry: unpickling can fail in many ways
            self.misses += 1
            self.damaged.append(key)
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        """Store a value; values are written BATCH at a time, each batch one transaction, and
        the rest on `close` (a build that stops before loses only the unwritten ones: speed)."""
        if self.folder is not None and not self._off:
            self._pending[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            if self._new is not None:
                self._new.add(key)
            if len(self._pending) >= self.BATCH:
                self._flush()

    def close(self) -> None:
        """Write what is pending and close the file (SQLite folds its write-ahead log into it);
        a later get or put opens it again."""
        self._flush()
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None
        self._new = None  # the file may hold what other processes put: ask it from now on

    def _flush(self) -> None:
        """Write the pending values in one transaction."""
        rows, self._pending = list(self._pending.items()), {}
        if rows and self.folder is not None and not self._off:
            self._run("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", rows, rows[0][0], many=True)

    def _run(self, sql: str, values, key: str, many: bool = False):
        """The first row of a statement, or None; `many`: the statement for each of `values`,
        in one transaction. A damaged file is started anew (`_reset`)."""
        try:
            db = self._connection()
            if db is None:
                return None
            if not many:
                return db.execute(sql, values).fetchone()
            db.execute("BEGIN")
            try:
                db.executemany(sql, values)
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            return None
        except (sqlite3.DatabaseError, OSError) as exc:
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF in self.DAMAGE:
                self.damaged.append(key)
                self._reset()
            elif self._db is None:  # the file cannot be opened at all: the build goes on without it
                self._off = True
            return None

    def _connection(self) -> sqlite3.Connection | None:
        """The open file of this process (a forked process opens its own), or None without a folder."""
        if self.folder is None:
            return None
        if self._db is None or self._pid != os.getpid():
            self.folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.folder / self.FILE, isolation_level=None, check_same_thread=False)
            self._db, self._pid = db, os.getpid()
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")
        return self._db

    def _reset(self) -> None:
        """Remove a damaged file (with its log) so that the next get or put starts an empty one."""
        self.close()
        if self.folder is None:
            return
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                (self.folder / (self.FILE + suffix)).unlink(missing_ok=True)


CODE = code_closure("read.py")  # what a cleaned article depends on
