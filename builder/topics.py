"""Match the sentences of the articles to topics and to the sections of each topic.

The rules are editorial data (content/topics.yml). A sentence's score for a topic is the
sum of the weights of the distinct terms it contains, plus, when it has a term of its own,
half the score of the sentence before it in the same paragraph, or of the statement it
goes on with in an earlier one: a statement often runs over several sentences, but a
sentence with nothing of the topic in it ("Das teilte die Stadt mit.") does not belong on
its page. The occasion a sentence opens with ("Nach dem
Treffen der Minister haben die Gewerkschaften …") is its setting, not what it says: the
terms in it count for a quarter.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from .model import Article, Match, Term, TopicConfig, any_of
from .people import tagged  # its model loads on first use: only for sentences that open with an occasion

CONTEXT_SHARE = 0.5
OCCASION_SHARE = 0.25  # how much the terms of a sentence's opening occasion count
# A sentence that opens with the occasion of what it reports: a preposition of time, cause
# or concession and an article ("Nach dem …", "Angesichts der …"), up to the finite verb.
OCCASION = re.compile(r"(?:Nach|Vor|Seit|Während|Bei|Angesichts|Anlässlich|Infolge|Trotz)\s+"
                      r"(?:dem|der|den|des|einem|einer|eines)\s")
FINITE_VERB = ("VV(FIN)", "VA(FIN)", "VM(FIN)")
_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")


def term_score(text: str, terms: tuple[Term, ...]) -> float:
    """The summed weights of the terms found in a text. Most sentences hold none of a
    topic's terms: one search for all of them (model.any_of) tells so first."""
    joined = _joined(terms)
    if joined is not None and not joined.search(text):
        return 0.0
    return sum(t.weight for t in terms if t.pattern.search(text))


_JOINED: dict[int, tuple[tuple[Term, ...], re.Pattern | None]] = {}  # id of a terms tuple -> it, its any_of
JOINED_KEPT = 256  # tuples of terms whose joined pattern is kept


def _joined(terms: tuple[Term, ...]) -> re.Pattern | None:
    """any_of(terms), made once for each tuple of terms (a topic's terms are one tuple for
    the whole build; hashing its terms for every sentence would cost what the search saves)."""
    kept = _JOINED.get(id(terms))
    if kept is None or kept[0] is not terms:
        if len(_JOINED) >= JOINED_KEPT:
            _JOINED.clear()
        kept = _JOINED[id(terms)] = (terms, any_of(terms))
    return kept[1]


def topic_score(text: str, terms: tuple[Term, ...]) -> float:
    """The weights of the terms of a sentence, those only in its opening occasion for a quarter."""
    full = term_score(text, terms)
    if not full:
        return full
    cut = occasion_end(text)
    if not cut:
        return full
    rest = term_score(text[cut:], terms)
    return rest + OCCASION_SHARE * (full - rest)


@lru_cache(maxsize=8192)
def occasion_end(text: str) -> int:
    """Where the occasion a sentence opens with ends (at its finite verb), or 0 when it opens with none."""
    if not OCCASION.match(text):
        return 0
    tokens = list(_TOKEN.finditer(text))
    for match, (_, tag) in zip(tokens, tagged(tuple(m.group() for m in tokens)), strict=True):
        if tag in FINITE_VERB:
            return match.start()
        if match.group() in ",;:.!?":
            return 0  # a clause inside the phrase, or no verb: read the sentence whole
    return 0


NONE_GO_ON: Mapping[int, int] = MappingProxyType({})  # no sentence goes on with another's statement


def match_article(article: Article, topics: tuple[TopicConfig, ...], speakers: dict | None = None,
                  sides: dict | None = None, on_story: frozenset[int] | None = None,
                  quoted: dict | None = None, continuing: Mapping[int, int] = NONE_GO_ON) -> list[Match]:
    """All (topic, sentence) matches of one article.

    `speakers` maps a sentence's start offset to the person speaking in it (the match's
    speaker), `quoted` to the person it quotes or reports (`speakers` when not given) and
    `sides` a person to their side: a statement of a side counts towards the topics that
    weigh that side (a union leader's words weigh for the union's topic); `continuing` maps
    a sentence that goes on with the statement before it to that one's start. When
    `on_story` is given, only the sentences starting at those offsets may match, and those
    that go on with a statement of theirs.
    """
    speakers, sides = speakers or {}, sides or {}
    quoted = speakers if quoted is None else quoted
    on_story = None if on_story is None else with_continuations(on_story, continuing)
    matches = []
    for topic in topics:
        order = 0
        owns: dict[int, float] = {}  # sentence start -> its own score for the topic
        for block in article.paragraphs:
            if on_story is not None and not any(s.start in on_story for s in block.sentences):
                order += len(block.sentences)  # a paragraph off the story: none of it can match
                continue
            previous = 0.0
            for sentence in block.sentences:
                order += 1
                speaker, side = speakers.get(sentence.start), sides.get(quoted.get(sentence.start), "")  # "": no side
                own = owns[sentence.start] = topic_score(sentence.text, topic.terms) + topic.sides.get(side, 0.0)
                # The context: the sentence before it, or the statement it goes on with in an earlier paragraph.
                context = owns.get(continuing.get(sentence.start, -1), previous)
                score, previous = (own + CONTEXT_SHARE * context if own else 0.0), own
                if _belongs(sentence, score, side, topic, on_story):
                    matches.append(Match(topic.id, pick_section(sentence.text, topic), article, block, sentence,
                                         score, term_score(sentence.text, topic.priority), order, speaker,
                                         continuing.get(sentence.start)))
    return matches


def with_continuations(on_story: frozenset[int], continuing: Mapping[int, int]) -> frozenset[int]:
    """The sentences on the story, and those that go on with a statement on it."""
    out = set(on_story)
    for start in sorted(continuing):
        if continuing[start] in out:
            out.add(start)
    return frozenset(out)


def _belongs(sentence, score: float, side: str, topic: TopicConfig, on_story: frozenset[int] | None) -> bool:
    """Whether a sentence of that score, whose speaker is of `side`, belongs on the topic's page."""
    if score < topic.min_score or (on_story is not None and sentence.start not in on_story):
        return False
    # a required term in the sentence, or a speaker of a side the topic weighs
    return not topic.require or bool(term_score(sentence.text, topic.require)) or side in topic.sides


def pick_section(text: str, topic: TopicConfig) -> str | None:
    """The id of the section whose terms match the text best, or None."""
    best, best_score = None, 0.0
    for section in topic.sections:
        score = term_score(text, section.terms)
        if score > best_score:
            best, best_score = section.id, score
    return best

