"""Syndicated copies: one agency report printed by several portals is one report.

Two articles are copies of one report when a large part of the shorter one's text, as
runs of words, stands in the other one too: shingles of `SHINGLE` words, and the share
of the shorter article's shingles that the longer one contains (containment, so that a
copy that is cut, or has a paragraph more, is still found). Portals change the furniture
around a report, its headline and a word here and there, never most of its five-word
runs. Candidates come from an index of shingles, so the work grows with the shingles that
articles share, not with the square of the articles; shingles in very many articles are
common phrases and are skipped. Everything is sorted, so the result is deterministic.
"""
from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from itertools import chain, combinations

from .model import Article, Report

SHINGLE = 5  # words in a shingle
MIN_SHARED = 12  # shingles two copies share at least
MIN_CONTAINMENT = 0.4  # share of the shorter article's shingles found in the other
MAX_POSTING = 50  # a shingle in more articles than this is a common phrase, not a copy
WORD = re.compile(r"\w+")


def shingles(article: Article) -> frozenset[int]:
    """The shingles of an article's content sentences, as stable hashes."""
    words = [w for _, s in article.sentences() for w in WORD.findall(s.text.lower())]
    return frozenset(zlib.crc32(" ".join(words[i:i + SHINGLE]).encode("utf-8"))
                     for i in range(len(words) - SHINGLE + 1))


def find_reports(articles: list[Article], sets: dict[str, frozenset[int]] | None = None) -> dict[str, Report]:
    """The report of every article: copies share one, an article on its own has its own.
    `sets` holds the articles' shingles where they are made already (by article id)."""
    ids = sorted(a.id for a in articles)
    sets = {a.id: (sets or {}).get(a.id) or shingles(a) for a in articles}
    parent = {aid: aid for aid in ids}
    for a, b in _copies(sets):
        _union(parent, a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for aid in ids:
        groups[_find(parent, aid)].append(aid)
    return {aid: Report(members[0], tuple(members)) for members in groups.values() for aid in members}


def _copies(sets: dict[str, frozenset[int]]) -> list[tuple[str, str]]:
    """Pairs of articles (sorted) whose shingles make them copies of one report. Articles of
    the very same shingles (an agency text printed word for word) are compared with the
    others once, by the first of them: a thousand such copies would pair each shingle anew."""
    wanted = shared_shingles(sets)
    pairs, first = printed_alike(sets, wanted)
    postings: dict[int, list[str]] = defaultdict(list)
    for found, aid in first.items():
        for h in found & wanted:
            postings[h].append(aid)
    # Shingles held by the very same articles (the runs of words of one shared passage) are
    # counted once, times their number: the pairs of a passage's articles are made once.
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for members, times in Counter(map(tuple, postings.values())).items():
        for pair in combinations(members, 2):
            shared[pair] += times
    pairs += [pair for pair, count in shared.items() if is_copy(count, len(sets[pair[0]]), len(sets[pair[1]]))]
    return sorted(pairs)


def shared_shingles(sets: dict[str, frozenset[int]]) -> set[int]:
    """The shingles that can pair articles: in more than one, and in no more than MAX_POSTING
    (a shingle of one article pairs none; one of very many is a common phrase)."""
    counts: Counter[int] = Counter(chain.from_iterable(sets.values()))
    return {h for h, n in counts.items() if 1 < n <= MAX_POSTING}


def printed_alike(sets: dict[str, frozenset[int]], wanted: set[int]
                  ) -> tuple[list[tuple[str, str]], dict[frozenset[int], str]]:
    """(each article of the very same shingles as an earlier one, paired with the first of
    them, the first article of each set of shingles): only the first is compared with others."""
    first: dict[frozenset[int], str] = {}
    pairs = []
    for aid in sorted(sets):
        same = first.setdefault(sets[aid], aid)
        if same != aid and is_copy(len(sets[aid] & wanted), len(sets[aid]), len(sets[aid])):
            pairs.append((same, aid))
    return pairs, first


def is_copy(shared: int, size_a: int, size_b: int) -> bool:
    """Whether two articles sharing `shared` shingles are copies of one report."""
    smaller = min(size_a, size_b)
    return shared >= MIN_SHARED and smaller > 0 and shared / smaller >= MIN_CONTAINMENT


def _find(parent: dict[str, str], x: str) -> str:
    """The representative of x's group."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _union(parent: dict[str, str], a: str, b: str) -> None:
    """Join the groups of a and b under the smaller id."""
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)
