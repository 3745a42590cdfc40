"""Group the sentences of a topic into claims, each with all the citations that carry it.

Sentences of different articles (or of one) that report the same fact become one claim:
`similar` says how far the shorter one's content stands in the other and whether they
contradict each other (a negation, other figures, another speaker). Pairs come from an
index of their rarer words, so the work grows with the sentences that share vocabulary,
not with the square of all sentences. The most similar pairs join first, and two groups
join only when their members are on average alike too, so that a chain of sentences that
each share a little ("A and B", "B and C") never makes one claim of different facts. A
sentence that reports several facts is cited for each claim whose head it contains and
is not repeated as a claim of its own when those claims carry all it says (by its words,
their stems, compound parts, synonyms and actors), and heads none of them where the claim
has a member that reports its fact alone. The head of a claim is its clearest member:
complete, opening with its subject rather than "Er" or "Auch", of a readable length,
close to the others, and with a speaker where two members name the same one; a member
whose words of its own weigh much more than its head (a second fact) is a claim of its
own. A sentence a claim shows as its words is cited for no other claim: a page never
tells one sentence twice. Everything is sorted: the same input gives the same claims and ids.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from .model import Citation, Claim, Group, Match
from .similar import Features, carried, containment, features, same_fact, shared_weight, similarity, weight_of, weights

NO_SIDES: Mapping[str, str] = MappingProxyType({})  # no speaker's side known
GROUP_LINK = 0.6  # mean similarity between the members of two groups before they join (1 for a same-fact pair)
GROUP_FLOOR = 0.4  # ... and the least similarity of any two of them
MIN_SHARED = 3.0  # weight two sentences must share: more than one common word
SUPPORT = 0.5  # a claim's head standing this far in another sentence (of the same fact) makes it a citation
CARRIED = 0.8  # a sentence whose content its claims carry this far is not a claim of its own
MAX_POSTING = 60  # words in more sentences than this are too common to find candidates by
LONG_HEAD = 40  # words: longer sentences make poor heads
EXTRA_PENALTY = 0.3  # how much a head loses for what no other member says
UNNAMED_PENALTY = 0.2  # ... and for not naming its speaker ("sagte er")
UNSPOKEN_PENALTY = 0.3  # ... and for having no speaker where two other members name the same one
LONGER = 1.5  # a member whose words of its own weigh this many times its claim's head,
HEAD_CARRIES = 0.5  # ... less of which the head carries,
OWN_SHARE = 0.5  # ... and more than this share of which no other member says, is a claim of its own too
DEPENDENT_START = re.compile(
    r"^(?:Er|Sie|Es|Dies(?:e[rsmn]?)?|Das|Dabei|Damit|Dazu|Zudem|Außerdem|Auch|So|Doch|Aber|Zugleich|Gleichzeitig|"
    r"Daher|Deshalb|Darüber|Dort|Hier|Diesen?|Ihm|Ihr|Ihn|Seine?|Ihre?)\b")


def group_matches(matches: list[Match], concepts=(), weight: dict[str, float] | None = None,
                  names: tuple[dict, dict] | None = None, sides: Mapping[str, str] = NO_SIDES) -> list[Group]:
    """Group the matches of one topic into claims. `weight` is the rarity of words (from all
    sentences), `names` (site.speaker_names) the lemmas of each person's names and of their
    names and roles: a sentence's speaker is left out of what it says; `sides` (speaker ->
    side) tells whose words are one voice (see _other_voice)."""
    matches = sorted(matches, key=lambda m: (m.article.id, m.sentence.start))
    named, roles = names or ({}, {})
    feats = [features(m.sentence.text, m.speaker, concepts, roles.get(m.speaker or "", frozenset()), named, roles)
             for m in matches]
    weight = weight or weights(feats)
    postings = _postings(feats)
    groups = _grow(feats, weight, postings)
    heads = {root: _head(members, matches, feats, weight) for root, members in groups.items()}
    groups, heads, apart = _set_apart(groups, heads, feats, weight, sides)
    support = _support(groups, heads, feats, weight, postings, sides)
    changed = _single_fact_heads(groups, heads, support, matches, feats, weight)
    support.update(_support(groups, heads, feats, weight, postings, sides, changed))
    for root, members in apart.items():
        support[root] |= members  # cited for the fact its head tells, unless it stays a claim of its own
    absorbed = _absorbed(groups, heads, support, feats, weight)
    return _claims_of(groups, heads, support, matches, absorbed, _continued(groups, matches, absorbed))


def _claims_of(groups, heads, support, matches: list[Match], absorbed: set[int], joined: dict[int, int]) -> list[Group]:
    """The claims of the groups that are neither absorbed nor `joined` to another (see
    _continued), each citing its members, the sentences that support it and those of the
    groups that go on with it; a sentence that heads a claim is cited for no other."""
    shown = [root for root in sorted(groups) if root not in absorbed and root not in joined]
    _uncite_heads(support, {heads[root] for root in shown})
    out = []
    for root in shown:
        cited = set(groups[root]) | support[root]
        for other in sorted(r for r, into in joined.items() if into == root):
            cited |= set(groups[other]) | support[other]
        head = matches[heads[root]]
        out.append(Group(tuple(matches[i] for i in sorted(cited)), head,
                         _going_on(head, [matches[i] for i in sorted(cited)])))
    return out


def _going_on(head: Match, members: list[Match]) -> tuple[Match, ...]:
    """The members that carry on the head's statement, sentence after sentence."""
    after = {(m.article.id, m.continues): m for m in members if m.continues is not None}
    chain, last = [], head
    while (last.article.id, last.sentence.start) in after:
        last = after[last.article.id, last.sentence.start]
        chain.append(last)
    return tuple(chain)


def _grow(feats: list[Features], weight: dict[str, float], postings: dict[str, list[int]]) -> dict[int, list[int]]:
    """Groups of sentences that report one fact: root (smallest index) -> members, sorted."""
    scores: dict[tuple[int, int], float] = {}

    def sim(i: int, j: int) -> float:
        """How alike two sentences are: 1 when they report the same fact, else their similarity."""
        key = (min(i, j), max(i, j))
        if key not in scores:
            a, b = feats[key[0]], feats[key[1]]
            scores[key] = 1.0 if same_fact(a, b, weight) else similarity(a, b, weight)
        return scores[key]

    # Sentences alike both ways join first; one that reports more (a second fact) joins last.
    pairs = [(min(containment(feats[i], feats[j], weight), containment(feats[j], feats[i], weight)), i, j)
             for i, j in _candidates(postings)
             if shared_weight(feats[i], feats[j], weight) >= MIN_SHARED and sim(i, j) == 1.0]
    members = {i: [i] for i in range(len(feats))}
    root = list(range(len(feats)))
    for _score, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        a, b = root[i], root[j]
        if a == b or not _may_join(members[a], members[b], sim):
            continue
        keep, gone = min(a, b), max(a, b)
        members[keep] = sorted(members[keep] + members.pop(gone))
        for k in members[keep]:
            root[k] = keep
    return members


def _may_join(one: list[int], other: list[int], sim) -> bool:
    """Whether two groups are one fact: no pair of their members contradicting or sharing
    nothing, every member alike the other group at least a little on average, and most pairs
    alike. A long report with a detail of its own may be alike one short report little and
    still join the group it is a member of in substance."""
    cross = {(i, j): sim(i, j) for i in one for j in other}
    rows = [math.fsum(cross[i, j] for j in other) / len(other) for i in one]
    columns = [math.fsum(cross[i, j] for i in one) / len(one) for j in other]
    return (0.0 not in cross.values() and min(rows + columns) >= GROUP_FLOOR
            and math.fsum(cross.values()) / len(cross) >= GROUP_LINK)


def _postings(feats: list[Features]) -> dict[str, list[int]]:
    """Word -> the sentences that have it, in order."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        for w in f.words:
            postings[w].append(i)
    return postings


def _candidates(postings: dict[str, list[int]]):
    """Pairs (i, j), i < j, that share at least one word that is not too common (`postings`:
    see _postings)."""
    pairs = set()
    for w in sorted(postings):
        ids = postings[w]
        if len(ids) > MAX_POSTING:
            continue
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                pairs.add((ids[a], ids[b]))
    return sorted(pairs)


def _head(members: list[int], matches: list[Match], feats: list[Features], weight, group=None) -> int:
    """The member whose words stand for the group best: clear on its own, naming its speaker,
    saying little that no other member says (no second fact), close to the others. `group`:
    all the group's members, when the head is to be one of some of them."""
    group = members if group is None else group

    def rank(i: int):
        others = [j for j in group if j != i]
        if not others:
            return (0.0, i)
        central = sum(containment(feats[j], feats[i], weight) for j in others) / len(others)
        extra = _own_share(i, group, feats, weight)
        unnamed = UNNAMED_PENALTY if matches[i].speaker and matches[i].speaker not in feats[i].named else 0.0
        if not matches[i].speaker and _agreed(others, matches):
            unnamed = UNSPOKEN_PENALTY  # the page would show the fact without the name the others give it
        return (_unclear(matches[i].sentence.text) + unnamed + EXTRA_PENALTY * extra - central, i)

    return min(members, key=rank)


def _set_apart(groups, heads, feats, weight, sides: Mapping[str, str]):
    """The groups and heads once the members that say much that neither their head nor any
    other member says (a second fact), or what another person says of it, are claims of their
    own; and for each group (by its root) the members of a second fact, to be cited for its
    fact too where the claims they are cited for carry them (see _absorbed; another person's
    words are not a report of what the head's speaker says)."""
    out_groups: dict[int, list[int]] = {}
    out_heads: dict[int, int] = {}
    apart: dict[int, set[int]] = {}
    for root, members in sorted(groups.items()):
        head = heads[root]
        voices = {i for i in members if i != head and _other_voice(feats[i], feats[head], sides)}
        more = {i for i in members if i != head and i not in voices and _second_fact(i, head, members, feats, weight)}
        kept = [i for i in members if i not in more | voices]
        out_groups[kept[0]], out_heads[kept[0]] = kept, head
        for i in sorted(more | voices):
            out_groups[i], out_heads[i] = [i], i
        if more:
            apart[kept[0]] = more
    return out_groups, out_heads, apart


def _agreed(members: list[int], matches: list[Match]) -> bool:
    """Whether two or more of the members give the same speaker."""
    said = sorted(matches[j].speaker or "" for j in members if matches[j].speaker)
    return any(a == b for a, b in zip(said, said[1:], strict=False))


def _second_fact(i: int, head: int, members: list[int], feats: list[Features], weight) -> bool:
    """Whether a member says another fact beside its group's: the head carries less than half
    of it, most of it no other member says, and what only it says weighs much more than the
    head (a fact of its own, not the where and how of one report)."""
    own = _own_share(i, members, feats, weight, by_credit=True)
    return (own * weight_of(feats[i].words, weight) >= LONGER * weight_of(feats[head].words, weight)
            and containment(feats[i], feats[head], weight) < HEAD_CARRIES and own > OWN_SHARE)


def _other_voice(member: Features, head: Features, sides: Mapping[str, str]) -> bool:
    """Whether a member is what a person of another side (or of none the registry knows) says
    of its head's fact ("Berg begrüßte die Einigung" under "Lind verkündete die Einigung"):
    that person's statement is a claim of its own. A minister and the government of one side
    telling its position are one voice (`sides`: speaker -> side)."""
    if not member.speaker or not head.speaker or member.speaker == head.speaker:
        return False
    side = sides.get(member.speaker)
    return side is None or side != sides.get(head.speaker)


def _own_share(i: int, members: list[int], feats: list[Features], weight, by_credit: bool = False) -> float:
    """The share of a member's weight in words no other member of its group has; `by_credit`:
    or carries, a word another member has by its stem, as a compound's part, a synonym or an
    actor counting as far as `similar.credit` gives it ("Gesprächsbeginn" carries "beginnt" a little)."""
    others = [feats[j] for j in members if j != i]
    seen = frozenset().union(*(f.words | f.parts for f in others))
    unseen = feats[i].words - seen
    own = weight_of(unseen, weight)
    if by_credit:
        own *= 1.0 - carried(replace(feats[i], words=unseen), others, weight)
    return own / (weight_of(feats[i].words, weight) or 1.0)


def _unclear(text: str) -> float:
    """How badly a sentence reads as a claim on its own (0 = well)."""
    words = len(text.split())
    penalty = 0.5 if DEPENDENT_START.match(text) else 0.0
    penalty += 0.3 if text.rstrip(" \"“”»«'’").endswith("?") else 0.0
    penalty += 0.02 * max(0, words - LONG_HEAD)
    return penalty


def _single_fact_heads(groups, heads, support, matches, feats, weight) -> list[int]:
    """A head that reports another group's fact too (it supports that group) makes a poor
    head: the group takes its best member that does not, where it has one. Changes `heads`
    in place and gives the groups whose head changed."""
    several = set().union(*support.values()) if support else set()
    changed = []
    for root in sorted(groups):
        if heads[root] not in several or len(groups[root]) < 2:
            continue
        single = [i for i in groups[root] if i not in several]
        if single:
            heads[root] = _head(single, matches, feats, weight, groups[root])
            changed.append(root)
    return changed


def _support(groups, heads, feats, weight, postings, sides: Mapping[str, str], roots=None) -> dict[int, set[int]]:
    """For each group (or each of `roots`), the sentences of other groups that report its fact
    too (a sentence with several facts): they are cited for it as well. Candidates share a
    word with the head (`postings`: see _postings)."""
    group_of = {i: root for root, members in groups.items() for i in members}
    roots = sorted(groups) if roots is None else roots
    support: dict[int, set[int]] = {root: set() for root in roots}
    for root in roots:
        head = feats[heads[root]]
        near = {i for w in head.words if len(postings[w]) <= MAX_POSTING for i in postings[w]}
        for i in sorted(near):
            if group_of[i] == root:
                continue
            f = feats[i]
            if _other_voice(f, head, sides):
                continue  # Lind's words do not carry what Berg says of them
            if (containment(head, f, weight) >= SUPPORT and shared_weight(head, f, weight) >= MIN_SHARED
                    and same_fact(head, f, weight)):
                support[root].add(i)
    return support


def _continued(groups, matches: list[Match], absorbed: set[int]) -> dict[int, int]:
    """Groups that go on with the statement of another group's sentence: root -> the root of
    the group they join. A sentence that carries on what the sentence before it quoted (see
    attribution.continuations) belongs to that statement's claim when it is not a fact other
    sources report apart: its group holds sentences of its article only, or each of its
    sentences goes on with that claim (copies of one report go on alike)."""
    index = {(m.article.id, m.sentence.start): i for i, m in enumerate(matches)}
    group_of = {i: root for root, members in groups.items() for i in members}
    joined: dict[int, int] = {}

    def final(root: int) -> int:
        while root in joined:
            root = joined[root]
        return root

    def goes_on_with(i: int) -> int | None:
        """The group (its final root) that sentence i goes on with, if any."""
        before = matches[i].continues
        target = index.get((matches[i].article.id, before)) if before is not None else None
        return None if target is None else final(group_of[target])

    for root in sorted(groups):
        if root not in absorbed:
            target = _joins(root, groups[root], goes_on_with, matches, absorbed)
            if target is not None:
                joined[root] = target
    return {root: final(root) for root in joined}


def _joins(root: int, members: list[int], goes_on_with, matches: list[Match], absorbed: set[int]) -> int | None:
    """The group a group goes on with (see _continued), or None."""
    into = {goes_on_with(i) for i in members}
    one_article = len({matches[i].article.id for i in members}) == 1
    targets = sorted(t for t in into if t is not None and t != root and t not in absorbed)
    return targets[0] if targets and (one_article or len(into) == 1) else None


def _absorbed(groups, heads, support, feats, weight) -> set[int]:
    """Groups of one sentence whose content the claims it supports carry (see similar.carried):
    not claims of their own."""
    supports: dict[int, set[int]] = defaultdict(set)  # sentence -> the groups it supports
    for claim, sentences in support.items():
        for i in sentences:
            supports[i].add(claim)
    absorbed = set()
    for root in sorted(groups):
        if len(groups[root]) != 1 or not supports[root]:
            continue
        claims = [c for c in sorted(supports[root]) if c not in absorbed]
        if carried(feats[root], [feats[heads[c]] for c in claims], weight) >= CARRIED:
            absorbed.add(root)
    return absorbed


def _uncite_heads(support: dict[int, set[int]], shown: set[int]) -> None:
    """A sentence a claim shows as its words is not cited for another claim too: a page
    never tells one sentence twice. Changes `support` in place."""
    for cited in support.values():
        cited -= shown


# An article's enumeration at the start of a sentence ("Zweitens: …") means nothing on a topic page.
ENUMERATOR = re.compile(r"^(?:Erstens|Zweitens|Drittens|Viertens|Fünftens|Zum einen|Zum anderen|Schließlich)\s*[:,]\s*")


def claim_text(sentence: str) -> str:
    """A sentence as a claim: without a leading enumerator, starting in upper case."""
    text = ENUMERATOR.sub("", sentence, count=1)
    return text[:1].upper() + text[1:] if text != sentence else sentence


def make_claim(group: Group, spokes: dict[str, frozenset[str]] | None = None) -> Claim:
    """The Claim of a group: the representative's words, every member cited. Its speaker is
    the representative's, or where that is an organisation whose spokesperson goes on with
    its statement (`spokes`: person id -> the organisations they speak for), the person who
    spoke: "Das Hafenamt hält die Sperre für nötig. „…“, sagte Sprecher Lind." is Lind's."""
    rep = group.representative
    first = [rep, *group.continuation]
    rest = sorted((m for m in group.members if all(m is not f for f in first)),
                  key=lambda m: (m.article.id, m.sentence.start))
    citations = tuple(
        Citation(m.article.id, m.block.number, m.block.sentences.index(m.sentence),
                 m.sentence.start, m.sentence.end, m.sentence.text)
        for m in first + rest
    )
    text = claim_text(rep.sentence.text)
    return Claim(id=claim_id(text), text=text, language=rep.article.meta.language,
                 citations=citations, section=rep.section, speaker=_spokesperson(group, spokes or {}),
                 score=max(m.score for m in group.members), continued=len(group.continuation))


def _spokesperson(group: Group, spokes: dict[str, frozenset[str]]) -> str | None:
    """The speaker of a group's claim (see make_claim)."""
    said = group.representative.speaker
    return next((m.speaker for m in group.continuation if m.speaker and said in spokes.get(m.speaker, ())), said)


def claim_id(text: str) -> str:
    """A stable anchor id from a claim's wording: the same text gives the same id."""
    norm = re.sub(r"\s+", " ", text).strip().lower()
    return "c-" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:8]
