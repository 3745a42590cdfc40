"""A cache of per-article work (cleaning, sentence splitting), so rebuilds are fast.

An entry is keyed by everything its result depends on: the file's bytes, its metadata,
the site languages and a fingerprint of the code that made it. A change to any of them
misses the cache, so a stale result is never used. The cache lives in build/cache/ and
can be deleted at any time.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
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
    """Pickled results in a folder, one file per key. An entry that cannot be read back (a
    damaged or truncated file) counts as a miss and is listed in `damaged`: the caller
    recomputes it and may say so; it is never an error."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0
        self.damaged: list[Path] = []

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
        if self.folder is None:
            return None
        path = self.folder / key[:2] / key
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            value = pickle.loads(data)
        except Exception:  # any damage to the file: unpickling can fail in many ways
            self.misses += 1
            self.damaged.append(path)
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        """Store a value (atomically; a failure to write only costs speed)."""
        if self.folder is None:
            return
        path = self.folder / key[:2] / key
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent)
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass


CODE = code_closure("read.py")  # what a cleaned article depends on
