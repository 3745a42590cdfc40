"""Group the sentences of a topic into claims, each with all the citations that carry it.

Two ways find that sentences of different articles say the same thing:

1. Near-duplicates: each sentence covers most of the other's content words, weighted by
   rarity within the topic ("Die USA würden keine Friedenstruppen stationieren" /
   "Die US-Regierung werde keine Friedenstruppen schicken").
2. The same fact in other words: the editors' concepts (content/concepts.yml) map
   "Nato-Beitritt" and "NATO-Mitgliedschaft" to one concept. A sentence's *signature* is
   the set of its concepts that are not mere actors (the EU, the Kremlin …). A sentence
   whose concepts include all of a claim's signature (two concepts at least) supports
   that claim and is cited for it; a sentence whose concepts are all carried by the
   claims it supports is not repeated as a claim of its own.

Candidates come from inverted indexes, so the work grows with the sentences that share
vocabulary, not with the square of all sentences. Everything is sorted: the same input
gives the same claims and ids.
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
CONCEPT_WEIGHT = 2.0  # a shared concept counts more than a shared word
NEGATION_WEIGHT = 3.0  # a negation present in only one sentence weighs like a rare word, thrice
MIN_SIGNATURE = 2  # concepts a fact signature needs to find paraphrases by
MAX_POSTING = 60  # words in more sentences than this are too common to find candidates
ACTOR_CONCEPTS = {"eu", "kremlin", "us-government", "ukraine-government"}
NEGATION_TOKEN = "¬"
WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+(?:-[^\W\d_]+)*")
NEGATION = {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "weder"}
STOPWORDS = set("""
aber als also am an auch auf aus bei bereits bis da damit dann das dass dem den denen der des dessen die dies diese
diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwa für gegen hat hatte hätten
haben habe hier ihm ihn ihr ihre ihrem ihren ihrer im in ist ja jedoch jetzt kann könne könnte man mehr mit muss müsse
müssten nach nun nur ob oder ohne sehr sei seien sein seine seinem seinen seiner seit sich sie sind so soll solle
sollen sollten sowie über um und uns unter vom von vor war waren wie wir wird werde werden würde würden zu zum zur
zwischen noch zudem offenbar darunter wahrscheinlich damit deshalb daher dagegen allerdings zunächst
sagte sagt sagten erklärte erklärt erklärten betonte betont betonten meinte meint hinzu fügte fügt teilte mit laut
zufolge bezeichnete bezeichnet nannte forderte fordert warnte kritisierte wurde wurden worden gab bekannt
montag dienstag mittwoch donnerstag freitag samstag sonntag heute gestern morgen woche jahr
""".split())
SUFFIXES = ("ungen", "ern", "en", "er", "es", "e", "n", "s")


@dataclass(frozen=True)
class Group:
    """Matches that carry one claim, with the one whose words stand for all."""

    members: tuple[Match, ...]
    representative: Match


def concept_spans(text: str, concepts) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, concept id) in text, each to the end of its word; longest first."""
    found = []
    for concept in concepts:
        for form in concept.forms:
            for m in form.finditer(text):
                end = m.end()
                while end < len(text) and (text[end].isalnum() or text[end] == "-"):
                    end += 1
                if end > m.start():
                    found.append((m.start(), -(end - m.start()), concept.id))
    spans, last = [], -1
    for start, neg_len, cid in sorted(found):
        if start >= last:
            spans.append((start, start - neg_len, cid))
            last = start - neg_len
    return spans


def content_words(text: str, concepts=()) -> frozenset[str]:
    """Concepts and lower-cased, crudely stemmed content words; any negation as one token."""
    out = set()
    pieces, pos = [], 0
    for start, end, cid in concept_spans(text, concepts):
        pieces.append(text[pos:start])
        out.add(f"⟨{cid}⟩")
        pos = end
    pieces.append(text[pos:])
    for word in WORD.findall(" ".join(pieces)):
        low = word.lower()
        if low in NEGATION:
            out.add(NEGATION_TOKEN)
        elif low not in STOPWORDS and len(low) > 1:
            for part in low.split("-") + ([low] if "-" in low else []):
                if part and part not in STOPWORDS:
                    out.add(stem(part))
    return frozenset(out)


def signature(words: frozenset[str]) -> frozenset[str]:
    """The concepts of a sentence that are facts, not just actors."""
    return frozenset(w for w in words if w.startswith("⟨") and w[1:-1] not in ACTOR_CONCEPTS)


def stem(word: str) -> str:
    """Strip one common inflection ending from a German word."""
    for suffix in SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def group_matches(matches: list[Match], concepts=()) -> list[Group]:
    """Group the matches of one topic into claims."""
    matches = sorted(matches, key=lambda m: (m.article.id, m.sentence.start))
    words = [content_words(m.sentence.text, concepts) for m in matches]
    weight = _idf(words)
    sets = _DisjointSets(len(matches))
    for i, j in _candidates(words):
        if _same(words[i], words[j], weight):
            sets.union(i, j)
    by_signature: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        if len(signature(ws)) >= MIN_SIGNATURE:
            by_signature[signature(ws)].append(i)
    for same in by_signature.values():
        for i in same[1:]:
            sets.union(same[0], i)
    clusters = sets.clusters()
    reps = {root: _representative(idx, words, weight) for root, idx in clusters.items()}
    support = _support(clusters, reps, words)
    absorbed = _absorbed(clusters, reps, words, support)
    groups = []
    for root in sorted(clusters):
        if root in absorbed:
            continue
        cited = set(clusters[root]) | {i for other in support[root] for i in clusters[other]}
        rep = matches[reps[root]]
        groups.append(Group(tuple(matches[i] for i in sorted(cited)), rep))
    return groups


class _DisjointSets:
    """Union-find over 0..n-1; the smallest index is a set's root."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The root of i's set."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        """Join the sets of i and j."""
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def clusters(self) -> dict[int, list[int]]:
        """root -> members, sorted."""
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return dict(out)


def _support(clusters, reps, words) -> dict[int, set[int]]:
    """For each cluster, the other clusters whose representative contains its whole signature."""
    by_concept: dict[str, set[int]] = defaultdict(set)
    for root in clusters:
        for concept in signature(words[reps[root]]):
            by_concept[concept].add(root)
    support: dict[int, set[int]] = {root: set() for root in clusters}
    for root in clusters:
        sig = signature(words[reps[root]])
        if len(sig) < MIN_SIGNATURE:
            continue
        holders = set.intersection(*(by_concept[c] for c in sig)) - {root}
        figures = _figures(words[reps[root]])
        support[root] = {h for h in holders if figures <= _figures(words[reps[h]])}
    return support


def _absorbed(clusters, reps, words, support) -> set[int]:
    """Clusters whose concepts are all carried by the claims they support."""
    supports: dict[int, set[int]] = defaultdict(set)  # cluster -> claims it supports
    for claim, holders in support.items():
        for holder in holders:
            supports[holder].add(claim)
    absorbed = set()
    for root in sorted(clusters):
        own = signature(words[reps[root]])
        carried = set().union(*(signature(words[reps[c]]) for c in supports[root])) if supports[root] else set()
        if supports[root] and own <= carried:
            absorbed.add(root)
    return absorbed


def _idf(words: list[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each word over the sentences of the topic."""
    df: dict[str, int] = defaultdict(int)
    for ws in words:
        for w in ws:
            df[w] += 1
    n = len(words) + 1
    weight = {w: (math.log(n / c) + 0.1) * (CONCEPT_WEIGHT if w.startswith("⟨") else 1.0) for w, c in df.items()}
    if NEGATION_TOKEN in weight:
        weight[NEGATION_TOKEN] = NEGATION_WEIGHT * (math.log(n) + 0.1)
    return weight


def _candidates(words: list[frozenset[str]]):
    """Pairs (i, j), i < j, that share at least two words that are not too common."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in ws:
            postings[w].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for w in sorted(postings):
        ids = postings[w]
        if len(ids) > MAX_POSTING or w == NEGATION_TOKEN:
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
    """Whether two sentences say the same: each covers most of the other, with the same figures."""
    if _figures(a) != _figures(b):
        return False
    return cover(a, b, weight) >= SAME_CLAIM and cover(b, a, weight) >= SAME_CLAIM


def _figures(words: frozenset[str]) -> frozenset[str]:
    """The numbers among the words: claims with different figures are different claims."""
    return frozenset(w for w in words if w[0].isdigit())


def _representative(members: list[int], words, weight) -> int:
    """The member whose words stand for the others best: fewest extra facts, most central."""
    def rank(i: int):
        central = sum(cover(words[j], words[i], weight) for j in members if j != i)
        return (len(signature(words[i])), -central, i)

    return min(members, key=rank)


# An article's enumeration at the start of a sentence ("Zweitens: …") means nothing on a topic page.
ENUMERATOR = re.compile(r"^(?:Erstens|Zweitens|Drittens|Viertens|Fünftens|Zum einen|Zum anderen|Schließlich)\s*[:,]\s*")


def claim_text(sentence: str) -> str:
    """A sentence as a claim: without a leading enumerator, starting in upper case."""
    text = ENUMERATOR.sub("", sentence, count=1)
    return text[:1].upper() + text[1:] if text != sentence else sentence


def make_claim(group: Group) -> Claim:
    """The Claim of a group: the representative's words, every member cited."""
    rep = group.representative
    citations = tuple(
        Citation(m.article.id, m.block.number, m.block.sentences.index(m.sentence),
                 m.sentence.start, m.sentence.end, m.sentence.text)
        for m in sorted(group.members, key=lambda m: (m is not rep, m.article.id, m.sentence.start))
    )
    text = claim_text(rep.sentence.text)
    return Claim(id=claim_id(text), text=text, language=rep.article.meta.language,
                 citations=citations, section=rep.section, speaker=rep.speaker,
                 score=max(m.score for m in group.members))


def claim_id(text: str) -> str:
    """A stable anchor id from a claim's wording: the same text gives the same id."""
    norm = re.sub(r"\s+", " ", text).strip().lower()
    return "c-" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:8]
