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
import tempfile
from pathlib import Path

# The sources a cleaned article depends on, with the word list segment.py splits by.
CODE = ("model.py", "clean.py", "furniture.py", "segment.py", "read.py", "webpage.py", "lexicon.py",
        "lexicons/abbreviations.txt")


def code_fingerprint(modules: tuple[str, ...] = CODE) -> str:
    """A hash of the source of the modules whose output is cached."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in modules:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


class Cache:
    """Pickled results in a folder, one file per key."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0

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
            value = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.misses += 1
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
