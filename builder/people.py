"""Speaker resolution for quotations, against the people registry (builder/registry.py,
whose `load_people` and data classes this module passes on to its callers).

`resolve_speakers(text, quotes, people)` gives each quote the id of the person or
organisation its speaker mention refers to. A name in the mention resolves directly. A
pronoun ("er", "sie") or a role noun ("der Minister", "der Hafenchef") resolves only
when exactly one compatible entry is named in the same sentence before it or in the
sentences just before; otherwise the quote keeps its mention and gets None, never a guess.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache


from . import lexicon
from .quotes import quoted_spans, sentence_spans
from .registry import (KINDS, SLUG, Mention, People, PeopleError, Person, Role,  # noqa: F401 (passed on)
                       build_people, load_people)

PRONOUN_GENDER = {"er": "m", "sie": "f"}
PRONOUN_SENTENCES = 1  # a pronoun looks back into the previous sentence only
ROLE_SENTENCES = 3  # a role noun looks back a little further

# ---------------------------------------------------------------------------
# Speaker resolution

_WORD = re.compile(r"[\w-]+")

# How a speaker was found (Speaker.how).
NAMED = "named"  # a registry variant in the mention: "Verkehrsministerin Berg"
UNREGISTERED = "unregistered"  # a personal name the registry lacks: "der Senator Anna Berg"
PRONOUN = "pronoun"  # "er", "sie": the one fitting person just named
ROLE = "role"  # a role noun of the registry: "der Minister", with one fitting person in reach
EPITHET = "epithet"  # another description of a person: "der SPD-Politiker", "die 60-Jährige"
DISCOURSE = "discourse"  # a pronoun or description taking up the last speaker

DISCOURSE_SENTENCES = 2  # the last speaker is taken up this many sentences later at most


@dataclass(frozen=True)
class Speaker:
    """Whom a quotation's speaker mention refers to, and how that was found."""

    person: str | None = None  # the registry id
    name: str | None = None  # the name as written, for a person the registry lacks
    how: str | None = None  # NAMED, UNREGISTERED, …; None when it is not safe to say

    @property
    def key(self) -> str | None:
        """What pages show: the registry id, else the name (a name is never a slug)."""
        return self.person or self.name


def resolve_speakers(text: str, quotes, people: People) -> list[str | None]:
    """The person id of each quote's speaker mention, or None when it is not safe to say."""
    return [speaker.person for speaker in resolve_voices(text, quotes, people)]


def resolve_voices(text: str, quotes, people: People, sentences: Sequence[tuple[int, int]] | None = None,
                   titles: Sequence[tuple[int, int]] = ()) -> list[Speaker]:
    """Whom each quote's speaker mention refers to, in the order of the quotes; `sentences`
    are the spans of the text's sentences where they are known, `titles` those of its title
    lines (see Context.of).

    The speaker resolved last is remembered: a pronoun or description a little later
    that fits it, and no other person just named, takes it up."""
    context = Context.of(text, people, quotes, sentences, titles)
    out, last = [], None  # last: (where, person id) of the latest quote with a resolved person
    for quote in quotes:
        start, end = _field(quote, "speaker_start"), _field(quote, "speaker_end")
        if start is not None and _outside_its_title(_field(quote, "start"), start, titles):
            start = None
        speaker = Speaker() if start is None else resolve_mention(text, start, end, people, context, last)
        if speaker.person and _title_at(start, titles) is None:  # a headline's speaker is not taken up
            last = (max(start, _field(quote, "start") or start), speaker.person)
        out.append(speaker)
    return out


def _outside_its_title(quote_start: int | None, mention_start: int, titles: Sequence[tuple[int, int]]) -> bool:
    """Whether a quotation in a title line (a headline, a crosshead quoting someone) has its
    speaker mention outside that line: a title names its speaker itself ("Lind: …") or not at
    all, and the paragraph before it speaks of something else."""
    line = _title_at(quote_start, titles)
    return line is not None and not line[0] <= mention_start < line[1]


def _title_at(position: int | None, titles: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The title line a text position lies in, or None."""
    return next(((a, b) for a, b in titles if position is not None and a <= position < b), None)


@dataclass(frozen=True)
class Context:
    """What resolution needs to know of a text: its sentences and its candidate antecedents."""

    sentence_starts: tuple[int, ...]
    names: tuple[Mention, ...]  # names outside quotes: antecedents of role nouns ("der Minister")
    subjects: tuple[Mention, ...]  # of those, the ones a pronoun ("er") can take up

    @classmethod
    def of(cls, text: str, people: People, quotes=(), sentences: Sequence[tuple[int, int]] | None = None,
           titles: Sequence[tuple[int, int]] = ()) -> Context:
        """The text's sentences (as the quote extractor reads them, from `sentences` where
        given) and the names that can be antecedents: not inside quotation marks, nor
        inside what `quotes` report ("Sie sagte, nur der Kanzler entscheide." does not make
        the chancellor the next "er"), nor in a title line (`titles`: a headline stands
        apart from the text, which names its people again)."""
        quoted = quoted_spans(text)
        starts = tuple(s for s, _ in sentence_spans(text, quoted, sentences)) or (0,)
        reported = [(_field(q, "start"), _field(q, "end")) for q in quotes]
        spans = _merged(quoted + [(a, b) for a, b in reported if isinstance(a, int) and isinstance(b, int)]
                        + list(titles))
        quote_starts = [a for a, _ in spans]
        names = tuple(m for m in people.mentions(text) if not _inside(m.start, spans, quote_starts))
        return cls(starts, names, tuple(m for m in names if _antecedent(text, m, people)))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint spans covering the same characters as the given ones."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _inside(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether a position lies inside one of the sorted, disjoint spans."""
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _antecedent(text: str, mention: Mention, people: People) -> bool:
    """Whether a name can be taken up by a subject pronoun: not after a preposition
    ("mit Moor"), not a genitive ("Moors Sprecher")."""
    before = re.search(r"(\w+)\W*$", text[max(0, mention.start - 30):mention.start])
    if before and before.group(1).lower() in _PREPOSITIONS:
        return False
    word = text[mention.start:mention.end]
    return not (word.endswith("s") and word[:-1].lower() in people.by_variant)


_PREPOSITIONS = lexicon.words("object_prepositions")


def resolve_mention(text: str, start: int, end: int, people: People, context: Context,
                    last: tuple[int, str] | None = None) -> Speaker:
    """Whom a speaker mention text[start:end] refers to; `last` is the latest speaker
    resolved before it (where they spoke, person id)."""
    named = _named(text, start, end, people)
    if named:
        return Speaker(named, None, NAMED)
    words = [w.lower() for w in _WORD.findall(text[start:end])]
    if len(words) == 1 and words[0] in PRONOUN_GENDER:
        gender = PRONOUN_GENDER[words[0]]
        fits = lambda p: p.kind == "person" and p.gender == gender
        window = _window_start(context.sentence_starts, start, PRONOUN_SENTENCES)
        return _taken_up(_candidates(context.subjects, window, start, people, fits), PRONOUN,
                         last, start, people, context, fits)
    if _role_nouns(words, people):
        return _by_role(words, start, people, context)
    name = unregistered_name(text[start:end]) or _named_before(text, start, end)
    if name:
        return Speaker(None, name, UNREGISTERED)
    return _by_epithet(words, start, people, context, last)


def _named_before(text: str, start: int, end: int) -> str | None:
    """The full name a one-word mention takes up: the one personal name the registry lacks
    that the text gave before and that ends in that word ("Ole Hansen …, sagte Hansen")."""
    word = text[start:end]
    if not _SURNAME.fullmatch(word):
        return None
    found = set()
    for earlier in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text[:start]):
        lead = text.rfind(" ", 0, max(0, earlier.start() - NAME_REACH)) + 1
        name = unregistered_name(text[lead:earlier.end()])
        if name and name.split()[-1] == word:
            found.add(name)
    return found.pop() if len(found) == 1 else None


NAME_REACH = 40  # characters before a surname in which its first names are looked for
_SURNAME = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?")


def _role_nouns(words: list[str], people: People) -> bool:
    """Whether a mention holds a role noun of the registry."""
    nouns = {_norm(w) for w in words}
    return any(_norm(n) in nouns for p in people.entries for n in p.role_nouns)


def _by_role(words: list[str], start: int, people: People, context: Context) -> Speaker:
    """A registry role noun ("der Minister"): the one entry with that role named in reach."""
    nouns, side = {_norm(w) for w in words}, _side(words, people)
    fits = lambda p: bool(nouns & {_norm(n) for n in p.role_nouns}) and side in (None, p.side)
    window = _window_start(context.sentence_starts, start, ROLE_SENTENCES)
    found = _candidates(context.names, window, start, people, fits)
    return Speaker(found[0], None, ROLE) if len(found) == 1 else Speaker()


def _by_epithet(words: list[str], start: int, people: People, context: Context,
                last: tuple[int, str] | None) -> Speaker:
    """A definite description of a person ("der SPD-Politiker", "die 60-Jährige"): the one
    person of its gender just named, or the last speaker."""
    gender = epithet_gender(words)
    if gender is None:
        return Speaker()
    fits = lambda p: p.kind == "person" and p.gender == gender
    window = _window_start(context.sentence_starts, start, PRONOUN_SENTENCES)
    return _taken_up(_candidates(context.names, window, start, people, fits), EPITHET,
                     last, start, people, context, fits)


def _taken_up(found: list[str], how: str, last: tuple[int, str] | None, start: int, people: People,
              context: Context, fits) -> Speaker:
    """The one candidate just named; else the last speaker, when it fits, is recent and is
    not in competition with another person named in between."""
    if len(found) == 1:
        return Speaker(found[0], None, how)
    if last is None or not fits(people.get(last[1])) or (found and last[1] not in found):
        return Speaker()
    spoke = bisect_right(context.sentence_starts, last[0])
    if bisect_right(context.sentence_starts, start) - spoke > DISCOURSE_SENTENCES:
        return Speaker()
    return Speaker(last[1], None, DISCOURSE)


def epithet_gender(words: list[str]) -> str | None:
    """The gender of a definite description of one person ("der Republikaner" -> m,
    "die Politikerin" -> f), or None when the words are not such a description."""
    if len(words) < 2 or words[0] not in ("der", "die"):
        return None
    head = words[-1]
    if not head.endswith(lexicon.entries("person_endings")) or head.endswith(lexicon.entries("not_person_heads")) \
            or head.split("-")[-1].endswith(lexicon.entries("relational_persons")):
        return None
    if words[0] == "der":
        return "m"
    return "f" if head.endswith(("in", "frau", "jährige")) else None


_NAME_TOKEN = re.compile(r"[\w.'’-]+|[^\w\s]")


@lru_cache(maxsize=4096)
def unregistered_name(mention: str) -> str | None:
    """The personal name a mention ends in, when a tagger reads it as one: two or more
    proper nouns at the end ("der Vizechef des Rates, Anna Berg" -> "Anna Berg"), not
    right after an article. A single word ("Berg", "Oslo") is too often a place or a
    guess to name anyone."""
    tokens = _NAME_TOKEN.findall(mention)
    if "(" in tokens:
        tokens = tokens[:tokens.index("(")]  # "Anna Berg (Grüne)"
    if len(tokens) < 2 or not (tokens[-1][:1].isupper() and tokens[-2][:1].isupper()):
        return None  # no two capitalised words at the end: no name, whatever the tags (and no tagging)
    tags = tagged(tuple(tokens))
    first = len(tags)
    while first and tags[first - 1][1] == "NE" and tags[first - 1][0][:1].isupper():
        first -= 1
    if len(tags) - first < 2 or (first and tags[first - 1][1] == "ART"):
        return None  # one word, or a title after an article ("dem Weißen Haus")
    return " ".join(word for word, _ in tags[first:])


TAGGED_SEQUENCES = 8192  # token sequences whose tags are kept (a mention, a sentence: a few hundred bytes each)
ANALYSED_WORDS = 16384  # words unknown to HanTa's model whose analysis is kept


@lru_cache(maxsize=1)
def _tagger():
    """HanTa's German model (in its wheel; loaded once, on first use), analysing each word
    its model does not list once: the analysis of a word does not depend on its sentence,
    and it is most of the time the tagger takes (names, compounds)."""
    from HanTa import HanoverTagger

    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    tagger.analyze_forward = lru_cache(maxsize=ANALYSED_WORDS)(tagger.analyze_forward)  # what tag_sent calls
    return tagger


def load_tagger() -> None:
    """Load HanTa's model now (`tagged` loads it on first use)."""
    _tagger()


@lru_cache(maxsize=TAGGED_SEQUENCES)
def tagged(tokens: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each token with its part of speech (STTS tags, as HanTa gives them; its lemmas,
    which cost as much again, are not asked for)."""
    if not tokens:
        return ()
    return tuple(zip(tokens, _tagger().tag_sent(list(tokens), taglevel=0), strict=True))


def _named(text: str, start: int, end: int, people: People) -> str | None:
    """The entry named in a mention: the last variant starting inside it (the NP's head)."""
    limit = end
    while limit < len(text) and limit < end + 40 and text[limit] not in ",.;:!?()\n":
        limit += 1  # let a variant run on past the mention: "das Außenministerium in Bern"
    inside = [m for m in people.mentions(text, start, limit) if m.start < end]
    return inside[-1].person if inside else None


def _candidates(antecedents: tuple[Mention, ...], window: int, start: int, people: People, fits) -> list[str]:
    """The entries that fit among the antecedents between `window` and `start`, in text order."""
    lo = bisect_left(antecedents, window, key=lambda m: m.start)
    hi = bisect_left(antecedents, start, key=lambda m: m.start)
    named = dict.fromkeys(m.person for m in antecedents[lo:hi])
    return [pid for pid in named if fits(people.get(pid))]


def _window_start(starts: tuple[int, ...], pos: int, back: int) -> int:
    """The start of the sentence `back` sentences before the one containing `pos`."""
    return starts[max(0, bisect_right(starts, pos) - 1 - back)]


def _side(words: list[str], people: People) -> str | None:
    """The side an adjective in a mention points to ("der norwegische Minister"), if any."""
    for word in words:
        for stem, side in people.side_adjectives:
            if word.startswith(stem):
                return side
    return None


def _norm(word: str) -> str:
    """A noun for comparison: lower case, without hyphens ("Hafen-Chef" = "Hafenchef")."""
    return word.lower().replace("-", "")


def _field(item, name: str):
    """A field of a quote given as an object or a dict."""
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)
