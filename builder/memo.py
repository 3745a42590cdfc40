"""Per-article results of the stages after reading, kept between builds (see cache.py).

The quotations of an article depend only on the article, the people registry and the
code; its relevance to the story and its topic matches only on the article, the story,
topics, people and sides, and the code. Each entry is keyed by all of these, so editing
one article recomputes that article's results and nothing else, while a change to
content/people.yml recomputes every article's quotations (and matches, which weigh
speakers). A missing or damaged entry is computed again.
"""
from __future__ import annotations

import dataclasses
import hashlib
import pickle
from pathlib import Path

from .cache import Cache, code_closure, code_fingerprint
from .model import Article, Match
from .pool import Outcome, guarded, streamed

# What each kind of result is computed by (its modules and what they import) and which
# files of content/ it reads, besides the article.
KINDS = {
    "quotes": (("attribution.py",), ("people.yml", "sides.yml")),
    "story": (("story.py",), ("story.yml",)),
    "shingles": (("copies.py",), ()),
    "match": (("site.py", "topics.py", "story.py", "attribution.py"),
              ("topics.yml", "story.yml", "people.yml", "sides.yml")),
}
PACKAGES = ("pysbd", "simplemma", "HanTa")  # what the code above runs


class ArticleMemo:
    """`memo(kind, article, compute)`: the cached result of `compute()` for an article, or
    `compute()` stored for next time. Without a folder it only computes."""

    def __init__(self, folder: Path | None, content: Path | None = None, languages: tuple[str, ...] = ()):
        self.cache = Cache(folder)
        self.digests: dict[int, bytes] = {}  # id(article) -> digest, for the articles of this build
        self.keys: dict[str, str] = {}
        if folder is None:
            return
        from .publish import installed_version

        versions = [f"{p}={installed_version(p)}" for p in PACKAGES]
        for kind, (modules, files) in KINDS.items():
            inputs = [_read(content / name) if content else b"" for name in files]
            self.keys[kind] = Cache.key(kind, code_fingerprint(code_closure(*modules)), versions, languages, *inputs)

    def __call__(self, kind: str, article: Article, compute, pack=None, unpack=None):
        """The result of `compute()` for `article`; `pack(article, value)` makes what is
        stored and `unpack(article, stored)` the value again (both default to the value)."""
        key, value = self.cached(kind, article, unpack)
        if value is None:
            value = compute()
            self.store(key, article, value, pack)
        return value

    def cached(self, kind: str, article: Article, unpack=None) -> tuple[str, object]:
        """(the key of an article's result, the result or None when it is not cached)."""
        if self.cache.folder is None:
            return "", None
        key = Cache.key(self.keys[kind], self._digest(article))
        stored = self.cache.get(key)
        if stored is not None:
            try:
                return key, unpack(article, stored) if unpack else stored
            except Exception:  # an entry of another shape: computed again
                self.cache.damaged.append(key)
        return key, None

    def store(self, key: str, article: Article, value, pack=None) -> None:
        """Keep a result under the key `cached` gave."""
        if key:
            self.cache.put(key, pack(article, value) if pack else value)

    def each(self, kind: str, articles: list[Article], work, pack=None, unpack=None, warm=()) -> list[Outcome]:
        """The Outcome of `work(article)` for each article, in order: from the cache, or
        computed in the process pool (and packed there, so that only plain data travels;
        `warm` as in pool.mapped)."""
        found = [self.cached(kind, a, unpack) for a in articles]
        todo = [a for a, (_, value) in zip(articles, found, strict=True) if value is None]
        made = streamed(guarded((lambda a: pack(a, work(a))) if pack else work), todo, warm)
        out = []
        for article, (key, value) in zip(articles, found, strict=True):
            if value is None:
                outcome = next(made)
                if outcome.error is None:
                    self.store(key, article, outcome.value)
                    outcome = Outcome(unpack(article, outcome.value) if unpack else outcome.value)
                out.append(outcome)
            else:
                out.append(Outcome(value))
        return out

    def _digest(self, article: Article) -> bytes:
        """A hash of everything an article holds (id, path, metadata, text and blocks)."""
        found = self.digests.get(id(article))
        if found is None:
            found = hashlib.sha256(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)).digest()
            self.digests[id(article)] = found
        return found


def _read(path: Path) -> bytes:
    """A file's bytes, or a marker when it does not exist."""
    try:
        return path.read_bytes()
    except OSError:
        return b"\0absent"


# The fields of a Match that are plain data (the rest point into its article).
PLAIN_FIELDS = tuple(f.name for f in dataclasses.fields(Match) if f.name not in ("article", "block", "sentence"))


def pack_matches(article: Article, matches: list[Match]) -> tuple:
    """Matches as plain data: their blocks and sentences by position in the article, and
    every other field as it is (a field added to Match travels without a change here)."""
    blocks = {id(b): i for i, b in enumerate(article.blocks)}
    out = []
    for m in matches:
        sentence = next(j for j, s in enumerate(m.block.sentences) if s is m.sentence)
        out.append((blocks[id(m.block)], sentence, tuple(getattr(m, name) for name in PLAIN_FIELDS)))
    return tuple(out)


def unpack_matches(article: Article, stored: tuple) -> list[Match]:
    """The matches `pack_matches` made, on this article's blocks and sentences."""
    out = []
    for block, sentence, values in stored:
        b = article.blocks[block]
        out.append(Match(article=article, block=b, sentence=b.sentences[sentence], **dict(zip(PLAIN_FIELDS, values,
                                                                                               strict=True))))
    return out


NO_MEMO = ArticleMemo(None)  # keeps nothing: every result is computed
