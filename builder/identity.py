"""Stable claim ids: a claim keeps the id it was first published with.

A claim's id is made from its head's wording when it first appears; `content/published.yml`
then records it under `claim_ids`, with the sentences the claim cited (`<article>.p<n>.s<m>`).
In every later build a claim takes the published id whose sentences it shares most (of
equals, the one that held its head sentence, and of those the one made from the head's
wording), so new citations join it and a new head keeps
its id. When two published claims have become one, the other id stays on it as an alias (an
extra anchor), so a link to either still lands on the fact. A published id none of whose
sentences the page still cites is gone: that is a problem, like a published URL that is
gone, and it names where those sentences are now.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from .model import Claim, TopicPage


@dataclass(frozen=True)
class Gone:
    """A published claim id that no claim of its page carries any more."""

    topic: str
    claim: str
    elsewhere: tuple[str, ...]  # "topics/<id>.html#<claim>" where its sentences are cited now


def citation_key(citation) -> str:
    """The stable key of a cited sentence: article, paragraph and sentence number."""
    return f"{citation.article}.p{citation.block}.s{citation.sentence + 1}"


def keys_of(claim: Claim) -> frozenset[str]:
    """The keys of the sentences a claim cites."""
    return frozenset(citation_key(c) for c in claim.citations)


def assign(claims: tuple[Claim, ...], published: dict[str, list[str]]) -> tuple[tuple[Claim, ...], tuple[str, ...]]:
    """The claims of one topic with their published ids and aliases; and the published ids gone."""
    keys = [keys_of(c) for c in claims]
    heads = [citation_key(c.citations[0]) for c in claims]
    overlaps = sorted(((len(keys[i] & set(sentences)), heads[i] not in sentences, pid != claims[i].id, pid, i)
                       for pid, sentences in sorted(published.items())
                       for i in range(len(claims)) if keys[i] & set(sentences)),
                      key=lambda o: (-o[0], o[1], o[2], o[3], o[4]))
    ids: dict[int, str] = {}
    aliases: dict[int, list[str]] = {}
    placed: set[str] = set()
    # The largest overlaps first; of equals the id that held its head, and of those the one made
    # from its head's wording (an id and its aliases are recorded with the same sentences): each id to one claim.
    for _, _, _, pid, i in overlaps:
        if pid in placed:
            continue
        placed.add(pid)
        if i not in ids:
            ids[i] = pid
        else:
            aliases.setdefault(i, []).append(pid)
    taken = set(published) | set(ids.values())
    out = []
    for i, claim in enumerate(claims):
        new_id = ids.get(i) or _fresh(claim.id, taken)
        taken.add(new_id)
        out.append(replace(claim, id=new_id, aliases=tuple(sorted(aliases.get(i, [])))))
    return tuple(out), tuple(sorted(set(published) - placed))


def _fresh(wanted: str, taken: set[str]) -> str:
    """A new claim's id: from its wording, unless a published claim already has that id."""
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate


def record(topics: Iterable[TopicPage]) -> dict[str, dict[str, list[str]]]:
    """What the manifest keeps of the claims: for each topic, each id and alias with its sentences."""
    out: dict[str, dict[str, list[str]]] = {}
    for topic in topics:
        entry: dict[str, list[str]] = {}
        for claim in topic.claims:
            sentences = sorted(keys_of(claim))
            for cid in (claim.id, *claim.aliases):
                entry[cid] = sentences
        out[topic.config.id] = dict(sorted(entry.items()))
    return out


def gone_elsewhere(gone: dict[str, tuple[str, ...]], published: dict, topics: Iterable[TopicPage]) -> list[Gone]:
    """The gone ids of each topic, with the claims of other topics that cite their sentences now."""
    out = []
    for topic_id, ids in sorted(gone.items()):
        for cid in ids:
            sentences = set(published.get(topic_id, {}).get(cid, ()))
            elsewhere = tuple(f"topics/{t.config.id}.html#{c.id}" for t in topics for c in t.claims
                              if keys_of(c) & sentences)
            out.append(Gone(topic_id, cid, elsewhere))
    return out
