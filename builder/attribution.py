"""Who said what: the quotations of each article, their speakers, and the sentences they are in.

Quotations come from `quotes.extract_quotes`, speakers from `people.resolve_voices`.
A quotation whose speaker cannot be resolved safely keeps its mention ("Er") and no
person: it is never attributed to a guess. Every statement carries a confidence (see
CONFIDENCE); pages name a sentence's speaker only from SHOW_SPEAKER up, and below it the
sentence stands as the article's.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from . import lexicon
from .model import PARAGRAPH, Article, Citation, Statement
from .people import DISCOURSE, EPITHET, NAMED, PRONOUN, ROLE, UNREGISTERED, People, Speaker, resolve_voices, tagged
from .quotes import (ADVERBIAL_OPENERS, COLON, CUE, HEADLINE, HOLDER, LABEL, POINTED_BACK, PRONOUNS, RECENT,
                     RELATIVE_OPENERS, SOURCE, SUBJECT, extract_quotes)
from .segment import hyphens_joined


# How far a speaker can be trusted, by where the extractor found the mention (see
# cue_places: named in the quotation's own sentence, "own"; carried over from a quotation of
# the sentence just before, "next"; carried from farther back, "farther"; the last speaker
# named before, "recent"; the subject of its clause without a cue, "subject") and what kind
# of mention it is (see mention_kind). The figures are the share of right speaker spans on
# the train split of the quotation dataset, direct and indirect quotations together
# (`benchmarks/speaker_confidence.py` prints the table), rounded down to 0.05 and never above
# 0.9; a cell of fewer than 10 quotations takes the lower of its own share and its place's.
#   place    name           description    pronoun        thing
#   own      529/570 .93    331/360 .92    95/104 .91     163/190 .86
#   next     54/60   .90    37/39   .95    9/10   .90     16/21   .76
#   farther  10/10   1.0    4/6     .67    1/1    1.0     3/7     .43    (place 18/24 .75)
#   recent   6/8     .75    1/4     .25    1/4    .25     2/3     .67    (place 10/19 .53)
#   subject  3/5     .60    8/11    .73    0/1    .00     0/5     .00    (place 11/22 .50)
CONFIDENCE = {("own", "name"): 0.9, ("own", "description"): 0.9, ("own", "pronoun"): 0.9, ("own", "thing"): 0.85,
              ("next", "name"): 0.9, ("next", "description"): 0.9, ("next", "pronoun"): 0.9, ("next", "thing"): 0.75,
              ("farther", "name"): 0.9, ("farther", "description"): 0.65, ("farther", "pronoun"): 0.75,
              ("farther", "thing"): 0.4,
              ("recent", "name"): 0.5, ("recent", "description"): 0.25, ("recent", "pronoun"): 0.25,
              ("recent", "thing"): 0.5,
              ("subject", "name"): 0.5, ("subject", "description"): 0.7, ("subject", "pronoun"): 0.0,
              ("subject", "thing"): 0.0}
# What resolving the mention to a person costs in trust, by how it was resolved.
RESOLUTION_COST = {NAMED: 0.0, UNREGISTERED: 0.05, PRONOUN: 0.05, ROLE: 0.05, EPITHET: 0.1, DISCOURSE: 0.1}
SHOW_SPEAKER = 0.8  # pages name a speaker from this confidence up
CONTINUATION_COST = 0.05  # a Konjunktiv sentence that goes on with the speaker before it


def attribute(article: Article, people: People) -> tuple[Statement, ...]:
    """The statements of an article that lie in its content paragraphs."""
    text = hyphens_joined(article.text)  # "US -Ministerin Berg": one compound, for finding her
    spans = [(s.start, s.end) for _, s in article.sentences()]  # split once, by the reader
    quotes = extract_quotes(text, spans)
    voices = resolve_voices(text, quotes, people, spans, title_lines(article))
    statements = []
    sentences = _SentenceIndex(article)
    for quote, voice, place in zip(quotes, voices, cue_places(quotes, spans), strict=True):
        citations = sentences.overlapping(quote.start, quote.end)
        if not citations:
            continue
        mention = article.text[quote.speaker_start:quote.speaker_end] if quote.speaker_start is not None else None
        statements.append(Statement(quote.kind, quote.start, quote.end, voice.person, mention, citations,
                                    voice.name, confidence(place, voice, mention),
                                    _voices_sentence(article.text, quote, citations[0].start, citations[-1].end),
                                    quote.cue_start is not None))
    return tuple(statements)


def title_lines(article: Article) -> list[tuple[int, int]]:
    """The spans of an article's lines that stand apart from its running text: headings
    and the other lines that are not content paragraphs, and a content paragraph of one
    sentence that does not close as a sentence does (a headline or ticker entry printed
    as a line of the text: "Ministerin Lind: Deiche sind zu niedrig")."""
    return [(block.start, block.end) for block in article.blocks
            if block.kind != PARAGRAPH
            or (len(block.sentences) == 1 and not _SENTENCE_CLOSE.search(block.text.rstrip()))]


_SENTENCE_CLOSE = re.compile(r"[.!?…:;][“”\"«»‘’)]*$")


def confidence(place: str, voice: Speaker, mention: str | None) -> float:
    """How far the speaker of a quotation can be trusted, its mention found at `place`
    (see cue_places and CONFIDENCE)."""
    if voice.how is None:
        return 0.0
    kind = "name" if voice.how in (NAMED, UNREGISTERED) else mention_kind(mention or "")
    return round(CONFIDENCE[place, kind] - RESOLUTION_COST[voice.how], 2)


# How the extractor finds a speaker named in the quotation's own sentence (Quote.found_by):
# a cue, the subject before a colon, the text it is read in, a label, a fronted holder, the
# subject after a headline's dash, or the next sentence's cue pointing back at it.
NAMED_WITH_IT = frozenset({CUE, COLON, SOURCE, LABEL, HOLDER, HEADLINE, POINTED_BACK})


def cue_places(quotes, spans: list[tuple[int, int]]) -> list[str]:
    """Where the extractor found each quotation's speaker (Quote.found_by): "own" (named in
    its own sentence, see NAMED_WITH_IT), "next" (carried over from a quotation with the same
    mention named in the sentence just before: "Er sagte, … . Das Land brauche Zeit.", also
    when the extractor took it as the last speaker named: "„…“, sagte Berg. ¶ „…“"),
    "farther" (carried from farther back), "recent" (the last speaker named before it, whom
    no quotation of its paragraph carries on) or "subject" (the subject of its clause without
    a cue: "Die Ministerin will das „in Ruhe“ prüfen"). `spans` are the text's sentences."""
    starts = [start for start, _ in spans]
    sentence = lambda pos: bisect.bisect_right(starts, pos) - 1
    named = {(q.speaker_start, sentence(q.end - 1)) for q in quotes
             if _named_with_it(q) and q.speaker_start is not None}
    return [_place(q, (q.speaker_start, sentence(q.start) - 1) in named) for q in quotes]


def _place(quote, named_just_before: bool) -> str:
    """Where one quotation's speaker was found (see cue_places): the last speaker named is
    "next" when they were named with a quotation in the sentence just before it."""
    if _named_with_it(quote):
        return "own"
    if named_just_before and quote.found_by != SUBJECT:
        return "next"
    return quote.found_by if quote.found_by in (RECENT, SUBJECT) else "farther"


def _named_with_it(quote) -> bool:
    """Whether a quotation's speaker is named in its own sentence (or it has a cue and none)."""
    return quote.found_by in NAMED_WITH_IT or (quote.found_by is None and quote.cue_start is not None)


@lru_cache(maxsize=8192)
def mention_kind(mention: str) -> str:
    """What a speaker mention is: "pronoun" ("er"), "name" (proper nouns: "Berg", "Anna
    Berg", a title before a name: "Kardinal Anna Berg"), "description" (a person, a body or
    a medium: "die Ministerin", "des Vorsitzenden", "den Demonstranten", "das Gericht") or
    "thing" (any other noun: "die Messwerte", "der Airbus"), which is seldom a speaker."""
    words = tuple(_MENTION_TOKEN.findall(mention))
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    tags = tagged(words)
    head = next((i for i, (_, tag) in enumerate(tags) if tag in ("NN", "NNA")), None)
    if any(tag == "NE" for _, tag in tags[:3]) or (head is not None and _tag_at(tags, head + 1) == "NE"):
        return "name"  # a name, or a title right before one
    if head is None:
        return "name" if any(w[:1].isupper() for w in words) else "thing"
    if tags[head][1] == "NNA":
        return "description"  # an adjective used as a noun: "der Vorsitzende", "die Angeklagten"
    return "description" if any(_person_or_body(form) for form in _uninflected(tags[head][0].lower())) else "thing"


def _uninflected(noun: str) -> tuple[str, ...]:
    """A noun as written and without the case or plural ending it may carry ("Leiters",
    "Demonstranten", "Politikerinnen", "Behörden"): the forms its kind is read from."""
    return (noun, *(noun[:-len(ending)] for ending in _CASE_ENDINGS if noun.endswith(ending)
                    and len(noun) - len(ending) >= 4))


_CASE_ENDINGS = ("nen", "es", "en", "s", "n", "e")


def _tag_at(tags: Sequence[tuple[str, str]], i: int) -> str | None:
    """The part of speech of the i-th word, None past the end."""
    return tags[i][1] if i < len(tags) else None


def _person_or_body(noun: str) -> bool:
    """Whether a noun names a body that speaks or, by its ending, a person."""
    return noun.split("-")[-1].endswith(lexicon.entries("speaking_bodies")) \
        or (noun.endswith(lexicon.entries("person_endings")) and not noun.endswith(lexicon.entries("not_person_heads")))


_MENTION_TOKEN = re.compile(r"[\w.'’-]+")


def _voices_sentence(text: str, quote, sentence_start: int, sentence_end: int) -> bool:
    """Whether a quotation's speaker speaks for its whole sentence. Not when the reported
    words are an open question ("Sie legte dar, wie sie sich eine Lösung vorstellt"), nor
    when the writer comments on them after a dash ("…, sagte sie – ein Seitenhieb auf …"), nor
    when the cue is a noun the writer's own sentence is about ("Er reagierte auf ihre Forderung, …", "Die
    Ankündigung des Ministers, … stieß auf Kritik"); a noun after a preposition that
    names the source does ("Nach Angaben der Behörde …", "In seiner Rede sagte …")."""
    if quote.kind == "indirect" and _open_question(text[quote.start:quote.end]):
        return False
    if _writers_comment(text, sentence_start, sentence_end) or _cue_in_later_clause(text, quote, sentence_start):
        return False
    if quote.cue_start is None:
        return True
    cue = text[quote.cue_start:quote.cue_end].lower().split()
    if not text[quote.cue_start].isupper() or cue[0] in lexicon.words("source_markers"):
        return True
    before = text[sentence_start:quote.cue_start].lower().split()[-3:]
    return any(word in lexicon.words("source_prepositions") for word in before + cue)


def _writers_comment(text: str, start: int, end: int) -> bool:
    """Whether a sentence ends in the writer's own comment on what it reports: a dash and a
    noun phrase that opens with an indefinite article, outside quotation marks, with no
    quoted words after it ("…, fügte er hinzu – eine Anspielung auf …", "- ein Ziel, das …").
    One that reports another's answer in quotation marks ("– ein Plan, den X „verfrüht“
    nannte") leaves the sentence to the one whose words it is about."""
    sentence = text[start:end]
    dash = _COMMENT_AFTER_DASH.search(QUOTED.sub(lambda m: " " * len(m.group()), sentence))
    return dash is not None and not _QUOTATION_MARK.search(sentence, dash.end())


def _cue_in_later_clause(text: str, quote, sentence_start: int) -> bool:
    """Whether a quotation's cue stands in a relative or adverbial clause after a main
    clause of the writer's ("Berg äußerte sich nach der Sitzung, in der Lind „schnelle“
    Entscheidungen verlangt hatte", "Der Rat tagte, nachdem Lind den Plan einen „Fehler“
    genannt hatte"): the words are the speaker's, the sentence is about something else.
    Not when the clause's pronoun stands for the speaker named before it ("Berg, die
    erklärte, …"), nor in a clause that reports ("…, dass", "…, ob")."""
    if quote.cue_start is None or quote.speaker_start is None:
        return False
    comma = text.rfind(",", sentence_start, quote.cue_start)
    if comma == -1 or quote.speaker_start < comma \
            or len(_WORDS.findall(text, sentence_start, comma)) < MAIN_CLAUSE_WORDS:
        return False
    opening = [w.lower() for w in _WORDS.findall(text, comma, quote.cue_start)[:2]]
    return bool(opening) and (opening[0] in ADVERBIAL_OPENERS or opening[0] in _RELATIVE_PRONOUNS
                              or (opening[0] in lexicon.words("prepositions") and len(opening) > 1
                                  and opening[1] in _RELATIVE_PRONOUNS))


MAIN_CLAUSE_WORDS = 3  # words before the comma that make a main clause of the writer's
_WORDS = re.compile(r"\w+")
_RELATIVE_PRONOUNS = RELATIVE_OPENERS | {"den"}  # a relative clause's opening word, of any case


_COMMENT_AFTER_DASH = re.compile(r"\s[–—-]\s+(?:ein|eine|einen|einem|einer)\s")
_QUOTATION_MARK = re.compile("[„“”\"»«]")


def _open_question(reported: str) -> bool:
    """Whether reported words only say what someone spoke about, not what they said: a
    question clause in the indicative ("…, wie sie sich eine Lösung vorstellt")."""
    words = re.findall(r"\w+", reported.lower())
    return bool(words) and words[0] in lexicon.words("question_words") \
        and not any(w in lexicon.words("konjunktiv_i") for w in words)


class _SentenceIndex:
    """An article's content sentences in text order, for finding those a span overlaps
    by bisection (an article of many thousand sentences with as many quotations stays
    linear)."""

    def __init__(self, article: Article):
        self.citations = [Citation(article.id, block.number, index, s.start, s.end, s.text)
                          for block in article.paragraphs for index, s in enumerate(block.sentences)]
        self.ends = [c.end for c in self.citations]

    def overlapping(self, start: int, end: int) -> tuple[Citation, ...]:
        """The content sentences the span start..end overlaps (none outside content paragraphs)."""
        found = []
        for citation in self.citations[bisect.bisect_right(self.ends, start):]:
            if citation.start >= end:
                break
            found.append(citation)
        return tuple(found)


def speakers_by_sentence(article: Article, statements: tuple[Statement, ...]) -> dict[int, str]:
    """Sentence start offset -> who speaks in that sentence: a person id, or the name of a
    speaker the registry lacks; only speakers trusted from SHOW_SPEAKER up."""
    return {start: key for start, (key, trust) in sentence_voices(article, statements).items()
            if trust >= SHOW_SPEAKER}


CUED_STEPS = 2  # sentences with cues of their own that may carry on one statement
OPENING_WORDS = 3  # words before the speaker's mention in a sentence that opens with it ("Der deutsche Minister X")
OPENING_STOPS = frozenset(',„“”"»«')  # ... none of which ends a clause or opens a quotation
QUOTED_SHARE = 0.5  # ... when quoted words make up this share of such a sentence
QUOTED = re.compile(r"[„\"»«][^„“”\"»«]*[“”\"«»]")  # a quotation, between any pair of marks


def continuations(article: Article, statements: tuple[Statement, ...],
                  voices: dict[int, str] | None = None, spokes: dict[str, frozenset[str]] | None = None
                  ) -> dict[int, int]:
    """Sentence start offset -> the start of the sentence just before it, for a sentence that
    goes on with that sentence's statement: the same speaker speaks in both, and either no
    cue of its own begins a statement in the later one (a quotation that runs on over a full
    stop, a Konjunktiv sentence that carries on the speaker's words: "Die Ministerin sagte,
    … . Das Land brauche Zeit.") or it follows right after (in its paragraph or at the start
    of the next, nothing such as a heading between), where a speaker's next sentence with a
    cue of its own says more of the same answer ("Sie nannte es falsch. „Wir
    hätten warten sollen“, sagte sie."), unless it marks itself as a further point ("Sie
    lehnte auch … ab") or opens a new paragraph with its speaker's name ("Die Ministerin
    machte deutlich, …"); at most CUED_STEPS such steps a statement. A quotation a colon
    announces goes on with the sentence of the colon (see _announced). An organisation and
    its spokesperson are one voice ("Das Hafenamt hält die Sperre für nötig. „…“, sagte
    Sprecher Lind."): `spokes` maps a person id to the organisations they speak for
    (Person.speaks_for). `voices` is speakers_by_sentence's answer, when the caller has it."""
    voices = speakers_by_sentence(article, statements) if voices is None else voices
    cued, named_first, uncued_quotes = _cued_starts(statements)
    out: dict[int, int] = {}
    steps: dict[int, int] = {}  # sentence -> the cued steps its statement has taken so far
    last = None
    for sentence, inside, next_paragraph in _paragraph_sentences(article):
        start = sentence.start
        if last is None:
            pass
        elif _announced(last.text, start in uncued_quotes, inside or next_paragraph):
            out[start], steps[start] = last.start, 0
        elif start in voices and one_voice(voices.get(last.start), voices[start], spokes or {}):
            step = _step(sentence.text, start in cued, inside or (next_paragraph and start not in named_first))
            if step is not None and (not step or steps.get(last.start, 0) < CUED_STEPS):
                out[start] = last.start
                steps[start] = steps.get(last.start, 0) + step
        last = sentence
    return out


def one_voice(a: str | None, b: str | None, spokes: dict[str, frozenset[str]]) -> bool:
    """Whether two speakers speak with one voice: the same, or an organisation and its
    spokesperson (`spokes`: person id -> the organisations they speak for)."""
    return a is not None and (a == b or a in spokes.get(b or "", ()) or (b or "") in spokes.get(a, ()))


def _announced(before: str, uncued_quote: bool, adjoins: bool) -> bool:
    """Whether a quotation without a cue (`uncued_quote`) right after a sentence (`adjoins`:
    in its paragraph or the next) is announced by it: the sentence ends in a colon ("Die
    Minister veröffentlichten eine Erklärung, in der es heißt: <next paragraph> „…“"), and
    the two are one statement."""
    return uncued_quote and adjoins and before.rstrip().endswith(":")


def _cued_starts(statements: tuple[Statement, ...]) -> tuple[set[int], set[int], set[int]]:
    """The starts of the sentences a cue of their own begins a statement in, of those of
    them that open with the speaker's name, and of those that hold a quotation without a cue."""
    cued = [st for st in statements if st.cued]
    return ({st.citation.start for st in cued}, {st.citation.start for st in cued if _opens_with_name(st)},
            {st.citation.start for st in statements if st.kind == "direct" and not st.cued})


def _paragraph_sentences(article: Article):
    """Each sentence of the article's paragraphs, with whether it is not the first of its
    paragraph and whether its paragraph comes right after the one before (no heading between)."""
    last_block = -2
    for position, block in enumerate(article.blocks):
        if block.kind != PARAGRAPH:
            continue
        for number, sentence in enumerate(block.sentences):
            yield sentence, number > 0, position == last_block + 1
        last_block = position


def quoted_by_sentence(article: Article, statements: tuple[Statement, ...]) -> dict[int, str]:
    """Sentence start offset -> whom the sentence quotes or reports, whether or not they
    speak for it and however sure: what the sentence is about, for weighing topics by
    side ("Er reagierte auf die Forderung der Ministerin, …" reports her position)."""
    return {start: key for start, (key, _) in sentence_voices(article, statements, every=True).items()}


def sentence_voices(article: Article, statements: tuple[Statement, ...],
                    every: bool = False) -> dict[int, tuple[str, float]]:
    """Sentence start offset -> (speaker, confidence) for every sentence someone speaks in
    (with `every`, also those whose statement does not speak for the sentence).

    A sentence takes the most trusted speaker of the statements that speak for it, of
    equals the one whose words cover more of it ("Sie schlug vor, … , was er ablehnte"),
    and none when words whose speaker is not known cover more of it than that speaker's
    (someone unnamed proposes "…, was Lind „verfrüht“ nannte": the sentence is not Lind's). A
    sentence without a statement whose verb is in the Konjunktiv I goes on with the speaker
    of the sentence just before it, in its paragraph or at the end of the one before ("Die
    Ministerin sagte, … . Das Land brauche Zeit."), a little less trusted each time.
    """
    ranked, unknown = _ranked_voices(statements, every)
    best = {start: (speaker, trust) for start, (trust, covered, speaker) in ranked.items()
            if every or covered >= unknown.get(start, 0)}
    quoted = {c.start for st in statements for c in st.citations}
    previous = -1  # no sentence starts there
    for _, sentence in article.sentences():
        if sentence.start not in quoted and previous in best and _reported(sentence.text):
            speaker, trust = best[previous]
            best[sentence.start] = (speaker, round(trust - CONTINUATION_COST, 2))
        previous = sentence.start
    return best


def _ranked_voices(statements: tuple[Statement, ...], every: bool
                   ) -> tuple[dict[int, tuple[float, int, str]], dict[int, int]]:
    """Sentence start offset -> (confidence, characters covered, speaker) of the best
    statement with a speaker that speaks for it (with `every`, of any), and -> the most
    characters covered by a statement whose speaker is not known."""
    ranked: dict[int, tuple[float, int, str]] = {}
    unknown: dict[int, int] = {}
    for statement in statements:
        if not (statement.voices_sentence or every):
            continue
        for citation in statement.citations:
            covered = min(statement.end, citation.end) - max(statement.start, citation.start)
            if not statement.speaker:
                unknown[citation.start] = max(covered, unknown.get(citation.start, 0))
            elif citation.start not in ranked or (statement.confidence, covered) > ranked[citation.start][:2]:
                ranked[citation.start] = (statement.confidence, covered, statement.speaker)
    return ranked, unknown


def _reported(sentence: str) -> bool:
    """Whether a sentence has a verb in the Konjunktiv I outside quotation marks."""
    return bool(_words_outside_quotes(sentence) & lexicon.words("konjunktiv_i"))


def _step(sentence: str, cued: bool, adjoins: bool) -> int | None:
    """How a sentence of the same speaker goes on with the statement just before it: as no
    step without a cue of its own, as one step with a cue when it adjoins the statement (in
    its paragraph, or opening the next one without its speaker's name) and says more of the
    same answer, and not at all (None) else."""
    if not cued:
        return 0
    return 1 if adjoins and _more_of_the_answer(sentence) else None


def _opens_with_name(statement: Statement) -> bool:
    """Whether the sentence of a statement opens with its speaker named, not a pronoun
    ("Die Ministerin machte deutlich, …", not "Sie sagte, …"): a paragraph that opens so
    begins a new statement of the speaker rather than going on with the one before."""
    mention = (statement.mention or "").strip()
    if not mention or mention.split()[0].lower() in PRONOUNS:
        return False
    text = statement.citation.quote
    at = text.find(mention)
    return at >= 0 and len(text[:at].split()) <= OPENING_WORDS and not OPENING_STOPS & set(text[:at])


def _more_of_the_answer(sentence: str) -> bool:
    """Whether a sentence with a cue of its own can carry on its speaker's statement before it:
    the speaker's words, quoted (most of it) or reported in the Konjunktiv I, not marked as a
    further point ("auch", "zudem"). A sentence the reporter tells in the indicative ("Sie
    äußerte sich nach dem Treffen …") is the reporter's."""
    if _words_outside_quotes(sentence) & lexicon.words("addition_markers"):
        return False
    quoted = sum(len(m.group()) for m in QUOTED.finditer(sentence))
    return quoted >= QUOTED_SHARE * len(sentence) or _reported(sentence)


def _words_outside_quotes(sentence: str) -> frozenset[str]:
    """The words of a sentence outside its quotation marks, in lower case."""
    outside = QUOTED.sub(" ", sentence)
    return frozenset(re.findall(r"\w+", outside.lower()))
