"""Group the sentences of a topic into claims, each with all the citations that carry it.

Two sentences of different articles say the same thing when each covers most of the
other's content words (weighted by rarity within the topic). Candidates come from an
inverted index of rare words, so the work grows with the number of sentences that
share vocabulary, not with the square of all sentences. Everything is sorted, so the
same input gives the same claims and ids.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from .model import Citation, Claim
from .topics import Match

SAME_CLAIM = 0.6  # share of a sentence's weighted content that the other must cover
MAX_POSTING = 60  # words in more sentences than this are too common to find candidates
WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+(?:-[^\W\d_]+)*")
NEGATION = {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "weder", "noch"}
STOPWORDS = set("""
aber als also am an auch auf aus bei bereits bis da damit dann das dass dem den denen der des dessen die dies diese
diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwa für gegen hat hatte hätten
haben habe hier ihm ihn ihr ihre ihrem ihren ihrer im in ist ja jedoch jetzt kann könne könnte man mehr mit muss müsse
müssten nach nun nur ob oder ohne sehr sei seien sein seine seinem seinen seiner seit sich sie sind so soll solle
sollen sollten sowie über um und uns unter vom von vor war waren wie wir wird werde werden würde würden zu zum zur
zwischen sagte sagt erklärte betonte betont meinte hinzu fügte laut zufolge habe wurde wurden worden
""".split())
SUFFIXES = ("ungen", "ern", "en", "er", "es", "e", "n", "s")


@dataclass(frozen=True)
class Group:
    """Matches that say the same thing, with the one whose words stand for all."""

    members: tuple[Match, ...]
    representative: Match


def content_words(text: str) -> frozenset[str]:
    """Lower-cased, crudely stemmed content words; negations kept as one token."""
    out = set()
    for word in WORD.findall(text):
        low = word.lower()
        if low in NEGATION:
            out.add("¬")
        elif low not in STOPWORDS and len(low) > 1:
            for part in low.split("-") + ([low] if "-" in low else []):
                if part and part not in STOPWORDS:
                    out.add(stem(part))
    return frozenset(out)


def stem(word: str) -> str:
    """Strip one common inflection ending from a German word."""
    for suffix in SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def group_matches(matches: list[Match]) -> list[Group]:
    """Group the matches of one topic into claims."""
    matches = sorted(matches, key=lambda m: (m.article.id, m.sentence.start))
    words = [content_words(m.sentence.text) for m in matches]
    weight = _idf(words)
    parent = list(range(len(matches)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidates(words):
        if find(i) != find(j) and _same(words[i], words[j], weight):
            parent[max(find(i), find(j))] = min(find(i), find(j))
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(matches)):
        clusters[find(i)].append(i)
    return [_group([matches[i] for i in idx], [words[i] for i in idx], weight) for idx in clusters.values()]


def _idf(words: list[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each word over the sentences of the topic."""
    df: dict[str, int] = defaultdict(int)
    for ws in words:
        for w in ws:
            df[w] += 1
    n = len(words) + 1
    return {w: math.log(n / c) + 0.1 for w, c in df.items()}


def _candidates(words: list[frozenset[str]]):
    """Pairs (i, j), i < j, that share at least two words that are not too common."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in ws:
            postings[w].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for w in sorted(postings):
        ids = postings[w]
        if len(ids) > MAX_POSTING or w == "¬":
            continue
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                shared[(ids[a], ids[b])] += 1
    return sorted(pair for pair, count in shared.items() if count >= 2)


def cover(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    """How much of a's weighted content b contains (0..1)."""
    total = sum(weight[w] for w in a)
    return sum(weight[w] for w in a & b) / total if total else 0.0


def _same(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> bool:
    """Whether two sentences say the same: each covers most of the other, same negation and figures."""
    if ("¬" in a) != ("¬" in b) or _figures(a) != _figures(b):
        return False
    return cover(a, b, weight) >= SAME_CLAIM and cover(b, a, weight) >= SAME_CLAIM


def _figures(words: frozenset[str]) -> frozenset[str]:
    """The numbers among the words: claims with different figures are different claims."""
    return frozenset(w for w in words if w[0].isdigit())


def _group(members: list[Match], words: list[frozenset[str]], weight: dict[str, float]) -> Group:
    """A Group whose representative covers the others best (ties: earliest article)."""
    def centrality(i: int) -> float:
        return sum(cover(words[j], words[i], weight) for j in range(len(members)) if j != i)

    best = max(range(len(members)), key=lambda i: (centrality(i), -i))
    return Group(tuple(members), members[best])


def make_claim(group: Group) -> Claim:
    """The Claim of a group: the representative's words, every member cited."""
    rep = group.representative
    citations = tuple(
        Citation(m.article.id, m.block.number, m.block.sentences.index(m.sentence),
                 m.sentence.start, m.sentence.end, m.sentence.text)
        for m in sorted(group.members, key=lambda m: (m is not rep, m.article.id, m.sentence.start))
    )
    return Claim(id=claim_id(rep.sentence.text), text=rep.sentence.text, language=rep.article.meta.language,
                 citations=citations, section=rep.section,
                 score=max(m.score for m in group.members))


def claim_id(text: str) -> str:
    """A stable anchor id from a claim's wording: the same text gives the same id."""
    norm = re.sub(r"\s+", " ", text).strip().lower()
    return "c-" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:8]
