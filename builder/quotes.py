"""Quotation extraction: direct quotes in quotation marks and reported (indirect) speech.

`extract_quotes(text)` finds every quotation of a German text with the span of its speaker
mention and of its speech cue. Rules over word lists that are data (`builder/lexicons`,
read by `lexicon.py`), and HanTa's part-of-speech tags where a lone capitalised word must
be told apart as a proper noun ("Oslo warnte"); every step is a single pass over the text
or over one bounded sentence, so the run time is linear in the length of the text even
when quotation marks are unbalanced.

The stages:
1. `quoted_spans` pairs quotation marks („…“ »…« «…» "…" “…”, nested ‚…‘ inside).
2. `sentence_spans` takes the sentences from `segment.py` (or the article's, already split)
   and merges those a quoted span runs across.
3. Each sentence is tokenised; speech cues (verbs, "zufolge", "laut", ", so X", colons)
   are found and each cue is given its speaker noun phrase.
4. Quoted spans that read as quotations (not titles, names or scare quotes) become direct
   quotes; reported clauses next to a cue, and Konjunktiv sentences that continue an
   attributed sentence, become indirect quotes.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import lexicon
from .segment import split_text

DIRECT = "direct"
INDIRECT = "indirect"
REPORTED = "reported"  # a judgement told in the writer's words ("X bezeichnete den Plan als Fehler")

# How a quotation's speaker mention was found (Quote.found_by), the candidate kinds that
# attribution.CONFIDENCE weighs:
CUE = "cue"  # the speaker of a speech cue in the quotation's sentence ("sagte X", "laut X", "Xs Vorwurf")
COLON = "colon"  # the subject of the clause a colon ends before the quotation ("X sagte dazu: „…“")
SOURCE = "source"  # the text it is read in ("Im Antrag heißt es: „…“")
LABEL = "label"  # a name set before it without a verb ("Eva Lind, Ministerin: „…“", "Roth („…“)")
HEADLINE = "headline"  # the subject of the clause after a quotation and a dash ("„…“ – Roth gibt auf")
POINTED_BACK = "pointed back"  # the next sentence's cue, pointing back ("„…“ Das sagte X.")
CARRIED = "carried"  # the speaker of the quotation before it
RECENT = "recent"  # the last speaker named before it
HOLDER = "holder"  # whose view a fronted "für" names ("Für Berg ist das „…“")
SUBJECT = "subject"  # the subject of its clause, without a cue ("Die Ministerin will „in Ruhe“ prüfen")
CONTINUED = "continued"  # a Konjunktiv sentence going on with the reported speech before it

MAX_QUOTE_CHARS = 2500  # a quotation mark left open longer than this is a stray mark
MAX_SENTENCE_CHARS = 3000  # longer "sentences" (lists, broken input) are cut into chunks


@dataclass(frozen=True)
class Quote:
    """A quotation: its kind, span, and the spans of its speaker mention and speech cue."""

    kind: str  # DIRECT, INDIRECT or REPORTED
    start: int  # for direct quotes the span includes the quotation marks
    end: int
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    found_by: str | None = None  # how the speaker mention was found: CUE, COLON, … (None without one)

    def text(self, source: str) -> str:
        """The quoted text, taken from the source it was extracted from."""
        return source[self.start:self.end]

    def speaker(self, source: str) -> str | None:
        """The speaker mention as written in the source, or None."""
        if self.speaker_start is None:
            return None
        return source[self.speaker_start:self.speaker_end]


@dataclass(frozen=True, init=False)
class Token:
    """A word of the text with its character span, and the word in lower case for lexicon
    look-ups (made once: the rules ask for it millions of times)."""

    start: int
    end: int
    text: str
    lower: str = field(init=False, repr=False, compare=False)

    def __init__(self, start: int, end: int, text: str):
        # Frozen, so the fields are set once here, in the instance's dict: the extractor
        # makes a token of every word it reads, and this costs a third of the generated
        # __init__ with a __post_init__.
        fields = self.__dict__
        fields["start"], fields["end"], fields["text"], fields["lower"] = start, end, text, text.lower()

    @property
    def capitalised(self) -> bool:
        """True when the word starts with an upper-case letter, or is a noun led by a
        number ("58-Jährige") or by a lower-case name ("biennale-Homepage"), or names a
        web site ("stadtblatt.de")."""
        return self.text[:1].isupper() or bool(_NUMBER_NOUN.match(self.text)) or bool(_DOMAIN.match(self.text)) \
            or bool(_LOWER_COMPOUND.match(self.text))


def proper_noun(token: Token) -> bool:
    """Whether a word on its own is a proper noun, a place or a name ("Oslo", "Berg"), as
    the German tagger reads it: a place that speaks stands for its government."""
    return token.capitalised and _tagged_alone(token.text) == "NE"


@lru_cache(maxsize=8192)
def _tagged_alone(word: str) -> str:
    """The part of speech of one word without context."""
    from .people import tagged
    return tagged((word,))[0][1]


@dataclass(frozen=True)
class Frame:
    """A speech cue in a sentence with its speaker and where its reported content lies."""

    cue: tuple[int, int] | None  # character span
    speaker: tuple[int, int] | None  # character span
    cue_index: int  # token index of the cue in its sentence
    content: str  # "after" the cue's clause, "before" it, or "none"
    passive: bool = False  # a passive cue ("wurde als „…“ bezeichnet"), whose subject never speaks

    @property
    def cue_span(self) -> tuple[int, int]:
        """The cue's character span, for a frame known to have a cue."""
        if self.cue is None:
            raise ValueError("this frame names a speaker without a cue")
        return self.cue


# ---------------------------------------------------------------------------
# Lexicons

def _weak_forms(stem: str) -> set[str]:
    """The finite and participle forms of a weak verb stem ("sag" -> sagt, sagte, ...)."""
    joint = "e" if stem.endswith(("t", "d")) or re.search(r"(?:[^aeiouäöülrh]|[^aeiouäöü]h)[nm]$", stem) else ""
    forms = {stem + joint + "t", stem + joint + "te", stem + joint + "ten"}
    forms.add(stem + ("n" if stem.endswith(("er", "el")) else "en"))
    if not stem.startswith(_INSEPARABLE) and not stem.endswith("ier"):
        forms.add("ge" + stem + joint + "t")
    return forms


_INSEPARABLE = lexicon.entries("inseparable")


# Weak speech verbs whose finite form alone is a cue.
_WEAK_STEMS = lexicon.entries("weak_stems")

_STRONG_FORMS = lexicon.entries("strong_forms")

# How one shows oneself in a statement: "zeigte sich zufrieden".
_FEELINGS = lexicon.words("feelings")

# Verbs that are a speech cue only together with their particle ("teilte … mit").
_PARTICLE_VERBS = {
    "warf": {"vor"}, "wirft": {"vor"}, "wies": {"hin", "zurück"}, "weist": {"hin", "zurück"},
    "gab": {"an", "bekannt", "zu", "ab"}, "gibt": {"an", "bekannt", "zu", "ab"},
    "räumte": {"ein"}, "räumt": {"ein"}, "stellt": {"klar", "fest", "frage"},
    "teilte": {"mit"}, "teilt": {"mit"}, "fügte": {"hinzu", "an"}, "fügt": {"hinzu", "an"},
    "kündigte": {"an"}, "kündigt": {"an"}, "schloss": {"aus"}, "schließt": {"aus"},
    "machte": {"deutlich", "klar"}, "macht": {"deutlich", "klar"},
    "drückte": {"aus"}, "drückt": {"aus"}, "legte": {"dar", "nahe"}, "legt": {"dar", "nahe"},
    "hob": {"hervor"}, "hebt": {"hervor"}, "sah": {"voraus"}, "sieht": {"voraus"},
    "zeigte": _FEELINGS, "zeigt": _FEELINGS, "zeigten": _FEELINGS,
    "führte": {"aus"}, "führt": {"aus"}, "stellte": {"klar", "fest", "frage"},
    "rief": {"auf", "aus"}, "ruft": {"auf", "aus"}, "riefen": {"auf", "aus"},
    "brachte": {"ausdruck"}, "bringt": {"ausdruck"}, "brachten": {"ausdruck"}, "sicherte": {"zu"}, "sichert": {"zu"},
    "nahm": {"stellung"}, "nimmt": {"stellung"}, "nahmen": {"stellung"},
    "warfen": {"vor"}, "werfen": {"vor"}, "wiesen": {"hin", "zurück"}, "weisen": {"hin", "zurück"},
    "gaben": {"an", "bekannt", "zu", "ab"}, "geben": {"an", "bekannt", "zu", "ab"},
    "räumten": {"ein"}, "räumen": {"ein"}, "stellten": {"klar", "fest", "frage"}, "stellen": {"klar", "fest"},
    "teilten": {"mit"}, "teilen": {"mit"}, "fügten": {"hinzu", "an"}, "kündigten": {"an"},
    "machten": {"deutlich", "klar"}, "legten": {"dar", "nahe"}, "hoben": {"hervor"},
    "führten": {"aus"}, "drückten": {"aus"}, "sicherten": {"zu"},
    "schlug": {"vor"}, "schlägt": {"vor"}, "schlugen": {"vor"},
    "prangerte": {"an"}, "prangert": {"an"}, "prangerten": {"an"},
    "lehnte": {"ab"}, "lehnt": {"ab"}, "lehnten": {"ab"}, "strich": {"heraus"}, "streicht": {"heraus"},
    "ließ": {"verlauten", "wissen", "durchblicken"}, "lässt": {"verlauten", "wissen", "durchblicken"},
    "ließen": {"verlauten", "wissen", "durchblicken"}, "gegeben": {"bekannt"}, "gemacht": {"deutlich", "klar"},
}


# "zeigte sich" or "gab sich" right before a quotation: "Die Ministerin zeigte sich „zufrieden“".
_SHOWING = lexicon.words("showing")
_ONESELF = r"(?:man\s+|er\s+|sie\s+)?sich\s+"  # "sich", "man sich"
_SHOWN_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(_SHOWING)) + r")\s+" + _ONESELF + "$")
_SHOWN_QUOTED = re.compile(r"\s+" + _ONESELF + r"(?:\w+\s+){0,2}[„\"»]")


# Forms of "davon ausgehen" (to assume), an opinion that reports what someone holds.
_ASSUMING = lexicon.words("assuming")
_ASSUMED = lexicon.words("assumed")
_DAVON_AUS = re.compile(r"(?:\s+\w+){0,4}?\s+davon\s+aus\b")

# Verbs that state an opinion together with an opinion noun: "ist der Auffassung, dass …",
# "vertritt die These, dass …".
_HOLDING = re.compile(r"(?:\s+\w+){0,3}?\s+der\s+(?:\w+\s+)?(?:Meinung|Auffassung|Ansicht|Überzeugung)\b")
_ARGUING = re.compile(r"(?:\s+\w+){0,3}?\s+die\s+(?:\w+\s+)?(?:Meinung|Auffassung|Ansicht|These|Position)\b")
# Verbs that judge a thing in the words of a quotation after "als" or "für" in their clause:
# "sieht den Plan als „Irrweg“", "hält ihn für „gefährlich“".
_JUDGED_AS = re.compile(r"(?:\s+[\w-]+){0,5}?\s+als\s+(?:[\w-]+\s+){0,2}[„\"»]")
_HELD_FOR = re.compile(r"(?:\s+[\w-]+){0,5}?\s+für\s+(?:[\w-]+\s+){0,2}[„\"»]")
_OPINION_VERBS = {**dict.fromkeys(lexicon.entries("judging_verbs"), _JUDGED_AS),
                  **dict.fromkeys(lexicon.entries("holding_for_verbs"), _HELD_FOR),
                  "ist": _HOLDING, "sind": _HOLDING, "war": _HOLDING, "waren": _HOLDING,
                  "vertritt": _ARGUING, "vertrat": _ARGUING, "vertreten": _ARGUING, "vertraten": _ARGUING,
                  "teilt": _ARGUING, "teilen": _ARGUING, "teilte": _ARGUING, "teilten": _ARGUING}

# Forms of the stems above that are mostly not speech: possessives, infinitives, adverbs.
_NOT_CUES = lexicon.words("not_cues")

SPEECH_VERBS = frozenset(
    {form for stem in _WEAK_STEMS for form in _weak_forms(stem)} | set(_STRONG_FORMS)) - _NOT_CUES

# Konjunktiv I forms: reported speech even without a cue in the sentence.
KONJUNKTIV_I = lexicon.words("konjunktiv_i")

# Konjunktiv forms (I and II) that mark reported speech in a sentence.
KONJUNKTIV = KONJUNKTIV_I | lexicon.words("konjunktiv_ii")

DETERMINERS = lexicon.words("determiners")

PRONOUNS = lexicon.words("pronouns")

RELATIVES = lexicon.words("relatives")
_RELATIVE_FORMS = lexicon.words("relative_forms")  # "dem", "denen", "dessen" …
_ADVERBIAL_SUBORDINATORS = lexicon.words("adverbial_subordinators")

# Adverbs that may stand between a fronted verb and its subject ("sagte auch Berg").
_SKIP_ADVERBS = lexicon.words("skip_adverbs")

# Head nouns that are not speakers: times, places of speaking, abstract frames.
_NOT_SPEAKER_HEADS = lexicon.words("not_speaker_heads")

# Nouns after which a quoted span names a title, a brand or a thing, not a quotation.
TITLE_NOUNS = lexicon.words("title_nouns")


def _title_noun(word: str) -> bool:
    """Whether a lower-cased word is a noun after which a quoted span is a title or name, also
    in the genitive ("des Magazins", "des Magazines")."""
    return word in TITLE_NOUNS or (word.endswith("s") and word[:-1] in TITLE_NOUNS) \
        or (word.endswith("es") and word[:-2] in TITLE_NOUNS)

TITLE_MARKERS = lexicon.words("title_markers")
# Lower-case words that may stand inside a name or title ("Ärzte ohne Grenzen", "Man of the Match").
_NAME_FUNCTION_WORDS = lexicon.words("name_function_words")

_FIRST_SECOND_PERSON = lexicon.words("first_second_person")

# ---------------------------------------------------------------------------
# Quotation marks

_MARKS = re.compile("[„“”\"»«‚‘]")
_CLOSERS = {"„": "“”\"", "“": "”“\"", "\"": "\"“”", "»": "«", "«": "»"}


def _guillemet_opener(text: str) -> str:
    """Which guillemet opens quotes in this text: German » … « or Swiss « … »."""
    first = re.search("[»«]", text)
    return first.group() if first else "»"


def _opens(text: str, pos: int) -> bool:
    """Whether a straight double quote at `pos` opens (rather than closes) a quote."""
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-/") and not after.isspace()


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Pair the quotation marks of `text`; spans include the marks; stray marks are dropped.

    A quote opened inside an open quote nests (one level is kept for „…„…“…“); a quote
    left open across a blank line or for more than MAX_QUOTE_CHARS is given up, and the
    complete quotes inside it are kept instead.
    """
    guillemet = _guillemet_opener(text)
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # open quotes: (mark, position)
    inner: list[tuple[int, int]] = []  # closed quotes inside the outermost open one
    last = 0
    for match in _MARKS.finditer(text):
        mark, pos = match.group(), match.start()
        if _quote_given_up(text, stack, last, pos):
            spans.extend(inner)
            stack, inner = [], []
        last = pos
        if mark in "‚‘":
            continue  # single nested quotes stay inside their outer quote
        if _closes_quote(text, stack, mark, pos):
            _, start = stack.pop()
            if not stack:
                spans.append((start, pos + 1))
                inner = []
            elif len(stack) == 1:
                inner.append((start, pos + 1))
        elif _opens_quote(text, mark, pos, guillemet):
            if len(stack) == 2:
                stack.pop()  # deeper nesting is not German usage: drop the stray opener
            stack.append((mark, pos))
    spans.extend(inner)
    spans.sort()
    return spans


def _quote_given_up(text: str, stack: list[tuple[str, int]], last: int, pos: int) -> bool:
    """Whether the outermost open quote has run past MAX_QUOTE_CHARS or across a blank line."""
    return bool(stack) and (pos - stack[0][1] > MAX_QUOTE_CHARS or text.find("\n\n", last, pos) >= 0)


def _closes_quote(text: str, stack: list[tuple[str, int]], mark: str, pos: int) -> bool:
    """Whether a mark at `pos` closes the innermost open quote (a straight quote that opens does not)."""
    return bool(stack) and mark in _CLOSERS[stack[-1][0]] and not (mark == "\"" and _opens(text, pos))


def _opens_quote(text: str, mark: str, pos: int, guillemet: str) -> bool:
    """Whether a mark at `pos` opens a quote: „, the text's opening guillemet, or an opening " or “."""
    return mark in ("„", guillemet) or (mark in "\"“" and _opens(text, pos))


# ---------------------------------------------------------------------------
# Sentences and tokens

# A word, or a number with a colon, comma or stop inside ("10:05", "3,5", "1.000"), which marks no clause.
_WORD = re.compile(r"\d+(?:[.,:]\d+)+|\w+(?:[-'’]\w+)*(?:\.(?:de|com|org|net|at|ch|eu|fr|uk|info)\b)?", re.UNICODE)
_LOWER_COMPOUND = re.compile(r"[a-zäöü]\w*-[A-ZÄÖÜ][a-zäöüß]")
_DOMAIN = re.compile(r"\w[\w-]*\.[a-z]{2,4}$")  # a web site that reports: "stadtblatt.de", "example.org"
_NUMBER_NOUN = re.compile(r"\d+-[A-ZÄÖÜ]")


def sentence_spans(text: str, quotes: list[tuple[int, int]],
                   sentences: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The sentences the extractor reads: `sentences` (spans into `text`, such as an article's
    sentences) or, without them, what `segment.split_text` finds. segment.py alone decides
    where a sentence ends; here the text between given sentences (a heading, a line the
    reader set aside) becomes a sentence of each of its lines, sentences with a boundary
    inside a quoted span are merged (a quotation is never split), and long ones are chunked."""
    if sentences is None:
        sentences = [(s.start, s.end) for s in split_text(text)]
    spans = _merged_inside_quotes(_with_gaps(text, sorted(sentences)), quotes)
    return [piece for start, end in spans for piece in _chunks(text, start, end)]


def _with_gaps(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, with each line of the text between them added as a span (without the white
    space at its ends)."""
    out: list[tuple[int, int]] = []
    last = 0
    for start, end in spans + [(len(text), len(text))]:
        for match in re.finditer(r"\S(?:[^\n]*\S)?", text[last:start]):
            out.append((last + match.start(), last + match.end()))
        if end > start:
            out.append((start, end))
        last = max(last, end)
    return out


def _merged_inside_quotes(spans: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join neighbouring spans whose boundary falls inside a quoted span (»Wir gehen. Heute.«,
    sagte sie.): the quotation and its sentence are read as one."""
    starts = [s for s, _ in quotes]
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            i = bisect_left(starts, out[-1][1]) - 1  # the last quote opened before the boundary
            if i >= 0 and quotes[i][1] > start:
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence span at spaces into pieces of bounded length."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _token_at(tokens: Sequence[Token] | tuple[Token, ...], pos: int) -> int:
    """The index of the first token that starts at or after character `pos`."""
    return bisect_left([t.start for t in tokens], pos)


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """The words of text[start:end] with their spans."""
    return [Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


# ---------------------------------------------------------------------------
# Noun phrases (speaker mentions)

def _joined(text: str, left: Token, right: Token) -> bool:
    """Whether only spaces (or a hyphen line break) separate two neighbouring tokens."""
    gap = text[left.end:right.start]
    return not gap.strip()


def noun_phrase_after(text: str, tokens: Sequence[Token], i: int, document: bool = False) -> tuple[int, int] | None:
    """The speaker noun phrase that starts at token i (pronoun, name or det + nouns); with
    `document`, a text such as "einer Erklärung" may be one (after "heißt es in")."""
    i = _past_skip_adverbs(tokens, i)
    if i >= len(tokens) or tokens[i].lower in _PREPOSITIONS or tokens[i].lower in _CONJUNCTIONS:
        return None  # "Wie berichtet, …", "Dass …"
    first = i
    short = _single_word_speaker(text, tokens, i) or _quoted_name_after_article(text, tokens, i)
    if short:
        return short
    i = _past_participial_attribute(text, tokens, i)
    head, main = _phrase_heads(text, tokens, i)
    if head is None or _not_speaking(tokens, i, head, main, document):
        return None
    return (tokens[first].start, _phrase_end(text, tokens, i, head))


def _past_skip_adverbs(tokens: Sequence[Token], i: int) -> int:
    """The first token from i that is not a lower-case adverb of the kind that may precede a subject."""
    while i < len(tokens) and tokens[i].lower in _SKIP_ADVERBS and tokens[i].text.islower():
        i += 1
    return i


def _single_word_speaker(text: str, tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The span of token i when it speaks alone: a pronoun, or a demonstrative before a boundary."""
    word = tokens[i].lower
    if word in PRONOUNS - {"es"} or word in _DEMONSTRATIVE_SPEAKERS:
        return (tokens[i].start, tokens[i].end)
    if word in _STANDALONE_DEMONSTRATIVES and (
            i + 1 == len(tokens) or is_boundary(text[tokens[i].end:tokens[i + 1].start])):
        return (tokens[i].start, tokens[i].end)
    return None


def _quoted_name_after_article(text: str, tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The span of an article and the quoted name after it, alone or in a compound; else None."""
    quoted = _NAME_AFTER_ARTICLE.match(text, tokens[i].end) if tokens[i].lower in DETERMINERS else None
    if not quoted:
        return None
    # "der „Spiegel“", "die „Bild“-Zeitung"
    compound = i + 1 < len(tokens) and tokens[i + 1].start == quoted.end() and quoted.group(0).endswith("-")
    return (tokens[i].start, tokens[i + 1].end if compound else quoted.end(1))


def _phrase_heads(text: str, tokens: Sequence[Token], i: int) -> tuple[int | None, int | None]:
    """The last noun of the phrase joined from token i, and the noun a genitive attribute follows (or None)."""
    j, head, main = i, None, None
    while j < len(tokens) and (j == i or _joined(text, tokens[j - 1], tokens[j])):
        tok = tokens[j]
        if _DOMAIN.match(tok.text):
            # a web site is a name of its own: "zitiert stadtblatt.de den Sprecher"
            return (j if head is None else head), main
        if tok.capitalised and tok.lower not in DETERMINERS:
            head = j
        elif _genitive_attribute(tokens, j, head):
            if _told_medium(tokens, i, j, main):
                break  # told a medium: "sagte Roth der Zeitung", "ein Sprecher des Amts der Agentur AFP"
            main = head if main is None else main  # a genitive attribute: "der Sprecher des Rathauses"
        elif _adverb_in_attribute(tokens, i, j, head):
            pass  # an adverb in an attribute: "einer gestern verbreiteten Erklärung"
        elif not (_attribute_before_head(tok, head) or _name_particle(tokens, j, head)):
            break
        j += 1
    return head, main


def _genitive_attribute(tokens: Sequence[Token], j: int, head: int | None) -> bool:
    """Whether token j, after a noun, is "der" or "des" before a noun or adjective, as in a genitive attribute."""
    return head is not None and tokens[j].lower in ("der", "des") and j + 1 < len(tokens) \
        and (tokens[j + 1].capitalised or _adjective(tokens[j + 1]))


def _told_medium(tokens: Sequence[Token], i: int, j: int, main: int | None) -> bool:
    """Whether "der" at token j opens the dative of a medium told, not a genitive attribute."""
    return tokens[j].lower == "der" and (main is not None or tokens[i].lower not in DETERMINERS) \
        and _medium_follows(tokens, j + 1)


def _adverb_in_attribute(tokens: Sequence[Token], i: int, j: int, head: int | None) -> bool:
    """Whether token j is an adverb before the adjective of an attribute, before the head noun."""
    return head is None and j > i and tokens[j].lower in _SKIP_ADVERBS and j + 1 < len(tokens) \
        and _adjective(tokens[j + 1])


def _attribute_before_head(tok: Token, head: int | None) -> bool:
    """Whether a token before the head noun is an article, an adjective or a number."""
    return head is None and (tok.lower in DETERMINERS or _adjective(tok) or tok.text.isdigit())


def _name_particle(tokens: Sequence[Token], j: int, head: int | None) -> bool:
    """Whether token j is a particle that goes on with a name ("Karl von Habsburg")."""
    return head is not None and tokens[j].lower in {"von", "van", "de", "al"} and _named(tokens, head)


def _not_speaking(tokens: Sequence[Token], i: int, head: int, main: int | None, document: bool) -> bool:
    """Whether a phrase's nouns name no speaker: times, places and frames, or an adverbial opener."""
    nouns = [tokens[head]] if main is None else [tokens[head], tokens[main]]
    read_in = document and tokens[head if main is None else main].lower in _DOCUMENTS
    if not read_in and all(noun.lower in _NOT_SPEAKER_HEADS or _adverbial(noun) for noun in nouns):
        return True  # but "das Amt der Bundesrepublik Deutschland", "eine Erklärung des Rates"
    return tokens[i].capitalised and _adverbial(tokens[i]) and tokens[i].lower not in DETERMINERS


def _phrase_end(text: str, tokens: Sequence[Token], i: int, head: int) -> int:
    """Where a phrase with its head noun ends: past a party or age in parentheses, not at a particle."""
    while head > i and tokens[head].lower in ("der", "des", "von", "van", "de", "al"):
        head -= 1
    party = _PARTY.match(text, tokens[head].end)
    return party.end() if party else tokens[head].end


# Conjunctions, which open clauses, never phrases.
_CONJUNCTIONS = lexicon.words("conjunctions")
# A name in quotation marks right after an article, as part of a compound or alone.
_NAME_IN_QUOTES = r"[„\"»][A-ZÄÖÜ0-9][^“\"«\n]{0,59}[“\"«]"  # a capitalised name in quotation marks
_NAME_AFTER_ARTICLE = re.compile(r"\s+(" + _NAME_IN_QUOTES + r")-?")


_MEDIUM_ENDINGS = lexicon.entries("medium_endings")


def _medium_follows(tokens: Sequence[Token], j: int) -> bool:
    """Whether a medium's noun ("Zeitung", "Presse-Agentur") follows token j, past adjectives
    ("der Deutschen Presse-Agentur", "der Frankfurter Allgemeinen Zeitung")."""
    for k in range(j, min(j + 4, len(tokens))):
        if tokens[k].lower.endswith(_MEDIUM_ENDINGS):
            return True
        if not tokens[k].lower.endswith(("e", "en", "er", "es", "em")):
            return False
    return False


def _named(tokens: Sequence[Token], head: int) -> bool:
    """Whether a noun may go on with a name particle ("Karl von Habsburg"), unlike a common
    noun after its article, whose "von" opens a phrase ("der Bürgermeister von Bonn")."""
    return head == 0 or not (tokens[head - 1].lower in DETERMINERS or _adjective(tokens[head - 1]))


# Texts in which words are read: not speakers after "sagte in", but sources after "heißt es in".
_DOCUMENTS = lexicon.words("documents")
# "letztere" and the like stand for a speaker named before ("„…“, so letztere").
_DEMONSTRATIVE_SPEAKERS = lexicon.words("demonstrative_speakers")
# Demonstratives that speak when no noun follows them: "„…“, sagte dieser."
_STANDALONE_DEMONSTRATIVES = lexicon.words("standalone_demonstratives")
# A short parenthesis after a name: the party or the age ("Henning Scherf (SPD)").
_PARTY = re.compile(r" ?\([\w/. -]{1,20}\)")


def _past_participial_attribute(text: str, tokens: Sequence[Token], i: int) -> int:
    """After an article, skip an attribute that ends in an inflected participle, so that the
    noun phrase goes on at it: "die [in New York City] geborene Lopez"."""
    if tokens[i].lower not in ("der", "die", "das") or i + 2 >= len(tokens):
        return i
    nxt = tokens[i + 1]
    if not (nxt.lower in _PREPOSITIONS or nxt.lower == "sich") or nxt.lower == "als":
        return i
    for j in range(i + 2, min(len(tokens) - 1, i + 12)):
        if not _joined(text, tokens[j - 1], tokens[j]):
            return i
        if _adjective(tokens[j]) and tokens[j + 1].capitalised and _joined(text, tokens[j], tokens[j + 1]) \
                and tokens[j].lower.endswith(("ene", "enen", "ende", "enden", "te", "ten")):
            return j
    return i


def noun_phrase_before(text: str, tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The noun phrase that ends at token i-1, reading backwards (subject before a verb)."""
    j = i - 1
    if j < 0:
        return None
    if tokens[j].lower in PRONOUNS - {"es"}:
        return (tokens[j].start, tokens[j].end)
    if not tokens[j].capitalised or tokens[j].lower in _NOT_SPEAKER_HEADS:
        return None
    first = _phrase_start_before(text, tokens, j)
    if first is None:
        return None
    return (tokens[first].start, tokens[j].end)


def _phrase_start_before(text: str, tokens: Sequence[Token], j: int) -> int | None:
    """The first token of the noun phrase that ends at token j, or None when a preposition governs it."""
    first = j
    while first > 0 and _extends_phrase_back(text, tokens, first):
        if tokens[first - 1].lower in _PREPOSITIONS:
            return None
        first -= 1
    if first > 0 and tokens[first - 1].lower in _PREPOSITIONS and _joined(text, tokens[first - 1], tokens[first]):
        return None
    if tokens[first].lower in _PREPOSITIONS:
        return None
    return first


def _extends_phrase_back(text: str, tokens: Sequence[Token], first: int) -> bool:
    """Whether the word joined before token `first` is a noun, article or adjective of its phrase."""
    left, right = tokens[first - 1], tokens[first]
    return _joined(text, left, right) and (
        left.capitalised or left.lower in DETERMINERS or (_adjective(left) and right.lower not in DETERMINERS))


_PREPOSITIONS = lexicon.words("prepositions")


def _adjective(token: Token) -> bool:
    """Whether a lower-case token looks like an inflected adjective ("britische")."""
    word = token.text
    return word.islower() and len(word) > 3 and word.endswith(("e", "en", "er", "es", "em")) \
        and word not in SPEECH_VERBS and word not in KONJUNKTIV and word not in _FUNCTION_WORDS


_FUNCTION_WORDS = lexicon.words("function_words")


# ---------------------------------------------------------------------------
# Speech cues in a sentence

def _particle_follows(tokens: Sequence[Token], i: int, particles: AbstractSet[str], text: str) -> bool:
    """Whether a separable verb's particle closes its clause after token i."""
    for tok in tokens[i + 1:i + 25]:
        if tok.lower in particles:
            return True
        if any(ch in text[tokens[i].end:tok.start] for ch in ".:;"):
            return False
    return False


_ATTRIBUTE_BEFORE_QUOTE = re.compile(r"[ \u00a0]+[„\"»«][a-zäöü]")


def _is_speech_verb(tokens: Sequence[Token], i: int, text: str) -> bool:
    """Whether token i is a speech verb in this sentence (particle verbs need their particle)."""
    if tokens[i].lower not in _VERB_CUE_WORDS:
        return False  # most words: no need to look at their neighbours
    if _attributive_participle(tokens, i, text) or _participle_before_quote(tokens, i, text):
        return False
    idiom = _idiom_cue(tokens, i, text)
    if idiom is not None:
        return idiom
    return tokens[i].lower in SPEECH_VERBS and (tokens[i].text.islower() or i == 0)


# Every word that can be a verb cue: a speech verb, or a verb that speaks in an idiom or with its particle.
_VERB_CUE_WORDS = SPEECH_VERBS.union(_OPINION_VERBS, _SHOWING, _PARTICLE_VERBS, _ASSUMING, _ASSUMED)


def _attributive_participle(tokens: Sequence[Token], i: int, text: str) -> bool:
    """Whether token i stands as an attribute right after an article or a preposition, or
    closes an attribute an article opens with a phrase of its own ("in einem am Montag
    veröffentlichten Interview")."""
    if _closes_extended_attribute(tokens, i, text) or _attribute_after_adverb(tokens, i, text):
        return True
    if not (i and (tokens[i - 1].lower in DETERMINERS or tokens[i - 1].lower in _ATTRIBUTE_OPENERS)
            and _joined(text, tokens[i - 1], tokens[i])):
        return False
    relative = i > 1 and tokens[i - 1].lower in RELATIVES and "," in text[tokens[i - 2].end:tokens[i - 1].start]
    return not relative  # attributive: "die geäußerte Kritik", not ", der erklärte" or "von einer „…“ sprach"


def _attribute_after_adverb(tokens: Sequence[Token], i: int, text: str) -> bool:
    """Whether token i, inflected like an adjective before a noun, follows an article and one
    uninflected adverb ("dem neu formulierten Gesetz", "die kürzlich geäußerte Kritik")."""
    if i < 2 or not _before_noun(tokens, i, text) or tokens[i - 2].lower not in DETERMINERS:
        return False
    adverb = tokens[i - 1]
    if not adverb.text.islower() or adverb.lower in PRONOUNS or adverb.lower in DETERMINERS \
            or adverb.lower.endswith(("e", "en", "em", "er", "es")):
        return False
    relative = i > 2 and tokens[i - 2].lower in RELATIVES and "," in text[tokens[i - 3].end:tokens[i - 2].start]
    return not relative and _joined(text, tokens[i - 2], adverb) and _joined(text, adverb, tokens[i])


_ATTRIBUTE_OPENERS = _PREPOSITIONS - {"als"}  # set once: asked for every word
_ATTRIBUTE_REACH = 5  # words between an article and the participle that closes its attribute


def _closes_extended_attribute(tokens: Sequence[Token], i: int, text: str) -> bool:
    """Whether token i, a lower-case word with an adjective's ending right before a noun,
    ends an attribute that a preposition opens right after an article ("einem am Montag
    veröffentlichten Interview", "die seit Jahren geforderte Reform"); no verb stands there."""
    if not _before_noun(tokens, i, text):
        return False
    for k in range(i - 1, max(0, i - _ATTRIBUTE_REACH - 2), -1):
        if not _joined(text, tokens[k], tokens[k + 1]) or _before_noun(tokens, k, text):
            return False  # another clause, or an attribute closed before it ("einem … geführten Interview sagte")
        if tokens[k].lower in DETERMINERS and tokens[k + 1].lower in _ATTRIBUTE_OPENERS and k + 1 < i:
            return True
    return False


def _before_noun(tokens: Sequence[Token], i: int, text: str) -> bool:
    """Whether token i is a lower-case word with an adjective's ending right before a noun
    (not an article: "in der Stadt")."""
    word = tokens[i].text
    return (word.islower() and word.endswith(("e", "en", "em", "er", "es")) and tokens[i].lower not in DETERMINERS
            and i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper() and _joined(text, tokens[i], tokens[i + 1]))


def _participle_before_quote(tokens: Sequence[Token], i: int, text: str) -> bool:
    """Whether token i is a participle after a lower-case word, in the attribute of a quoted phrase."""
    # "nicht näher bezeichnete „technische Probleme“"
    return bool(tokens[i].lower.endswith(("te", "ten")) and i and tokens[i - 1].text.islower()
                and tokens[i - 1].lower not in PRONOUNS and _ATTRIBUTE_BEFORE_QUOTE.match(text, tokens[i].end))


def _idiom_cue(tokens: Sequence[Token], i: int, text: str) -> bool | None:
    """Whether a verb that speaks only in an idiom or with its particle is a cue here; None for other
    verbs (a new kind of idiom adds its verbs to _VERB_CUE_WORDS)."""
    word = tokens[i].lower
    if word in _OPINION_VERBS and _OPINION_VERBS[word].match(text, tokens[i].end):
        return True  # "ist der Meinung, dass …", "teilt die Auffassung"
    if word in _SHOWING and _SHOWN_QUOTED.match(text, tokens[i].end):
        return True  # "zeigte sich „sehr zufrieden“": the feeling is in the quote
    if word in _PARTICLE_VERBS:
        before = tokens[i - 1].lower if i else ""  # "wie die Bank bekannt gab"
        return _particle_follows(tokens, i, _PARTICLE_VERBS[word], text) or before in _PARTICLE_VERBS[word]
    if word in _ASSUMING:
        return bool(_DAVON_AUS.match(text, tokens[i].end))  # "geht davon aus, dass …"
    if word in _ASSUMED:
        return i > 0 and tokens[i - 1].lower == "davon"  # "…, dass man davon ausgeht"
    return None


def find_frames(text: str, tokens: Sequence[Token], start: int = 0) -> list[Frame]:
    """Every speech cue of one sentence (tokens outside quotes, from `start`) with its speaker."""
    opening = next((i for i, tok in enumerate(tokens[:2]) if tok.lower == "für"), None)
    frame = _view_holder_frame(text, tokens, opening) if opening is not None else None
    frames: list[Frame] = [frame] if frame else []
    for i, tok in enumerate(tokens):
        if tok.lower not in _CUE_WORDS:
            continue  # most words: no cue, whatever stands around them
        gap = text[tokens[i - 1].end if i else start:tok.start]
        frame = _cue_frame(text, tokens, i, gap, frames)
        if frame:
            frames.append(frame)
    return frames


def _cue_frame(text: str, tokens: Sequence[Token], i: int, gap: str, frames: list[Frame]) -> Frame | None:
    """The frame of token i when it is a speech cue (after the sentence's earlier `frames`), else None.
    find_frames asks it of the words in _CUE_WORDS only: a new kind of cue adds its words there."""
    word = tokens[i].lower
    if word == "zufolge":
        return Frame((tokens[i].start, tokens[i].end), _source_before_zufolge(text, tokens, i), i, "after")
    if word == "laut":
        return _laut_frame(text, tokens, i)
    frame = None
    if word in _OPINION_NOUNS:
        frame = _opinion_noun_frame(text, tokens, i)
    if frame is None and word in _SPEECH_NOUNS:
        frame = _speech_noun_frame(text, tokens, i)
    if frame is not None:
        return frame
    if word == "so" and gap.strip() and gap.strip()[-1] in ",“”\"«»":
        return _so_frame(text, tokens, i)
    if _is_speech_verb(tokens, i, text):
        frame = _speech_verb_frame(text, tokens, i, gap, frames)
        return None if _common_judgement(text, tokens, i, frame) else frame
    return None


_JUDGING_FORMS = lexicon.words("judging_verbs") | lexicon.words("holding_for_verbs")


def _common_judgement(text: str, tokens: Sequence[Token], i: int, frame: Frame) -> bool:
    """Whether a judging verb ("hielt … für", "sah … als") has no one who judges: "Den Fund
    hielt man für einen „Irrtum“" tells what was commonly held, not what someone said."""
    if tokens[i].lower not in _JUDGING_FORMS:
        return False
    return frame.speaker is None or text[frame.speaker[0]:frame.speaker[1]].lower() in ("man", "es")


def _source_before_zufolge(text: str, tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The phrase that "zufolge" (token i) governs, before it, with an attribute of "von"
    that closes it ("Einer Meldung von Radio Kiel zufolge", "Ersten Angaben vom Montag
    zufolge")."""
    span = noun_phrase_before(text, tokens, i)
    if span:
        return span
    for k in range(i - 2, max(0, i - ZUFOLGE_ATTRIBUTE_WORDS - 1), -1):
        if not _joined(text, tokens[k], tokens[k + 1]):
            return None
        if tokens[k].lower in ("von", "vom"):
            head = noun_phrase_before(text, tokens, k)
            return (head[0], tokens[i - 1].end) if head and _noun_phrase_words(tokens[k + 1:i]) else None
    return None


def _noun_phrase_words(words: Sequence[Token]) -> bool:
    """Whether words make up a noun phrase: articles, adjectives and nouns, a noun last."""
    return bool(words) and words[-1].capitalised \
        and all(w.capitalised or w.lower in DETERMINERS or _adjective(w) for w in words[:-1])


ZUFOLGE_ATTRIBUTE_WORDS = 4  # words of a "von" attribute that may close the phrase before "zufolge"


def _laut_frame(text: str, tokens: Sequence[Token], i: int) -> Frame:
    """The frame of the preposition "laut" with the source after it."""
    tok = tokens[i]
    quoted_name = _QUOTED_NAME.match(text, tok.end)  # "laut „Reuters“"
    if quoted_name is None:
        quoted_name = _SOURCE_IN_QUOTES.match(text, tok.end)  # "laut „hafenblatt.de“", a few words
        quoted_name = quoted_name if quoted_name and len(quoted_name.group(1).split()) <= SOURCE_NAME_WORDS else None
    if quoted_name:
        return Frame((tok.start, tok.end), quoted_name.span(1), i, "after")
    return Frame((tok.start, tok.end), noun_phrase_after(text, tokens, i + 1), i, "after")


_VIEW_COPULAS = lexicon.words("view_copulas")
_HOLDER_ENDINGS = lexicon.entries("quote_person_endings") + lexicon.entries("quote_speaking_bodies")


def _view_holder_frame(text: str, tokens: Sequence[Token], i: int) -> Frame | None:
    """The frame of "für" at token i, the first or second of a sentence (after a focus particle),
    with the one who holds a view and a linking verb after it: "Für die Ministerin ist der
    Plan „ein Fehler“", "Auch für Berg bleibt das „unklar“"; None for any other "für"."""
    if (i == 1 and tokens[0].lower not in _FOCUS_PARTICLES) \
            or not any(t.lower in _VIEW_COPULAS for t in tokens[i + 2:i + 10]):
        return None  # "für" after another word, or no linking verb near
    holder = noun_phrase_after(text, tokens, i + 1)
    if holder is None or _thing(text, holder) or not _person_or_body(tokens, holder):
        return None
    k = _token_at(tokens, holder[1])
    if k >= len(tokens) or tokens[k].lower not in _VIEW_COPULAS or is_boundary(text[holder[1]:tokens[k].start]):
        return None
    return Frame((tokens[i].start, tokens[i].end), holder, i, "none")


def _person_or_body(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    """Whether a noun phrase names someone who can hold a view: a name, or a noun of a person
    or a body ("die Ministerin", "die Gewerkschaft", "Lind")."""
    words = [t for t in tokens[_token_at(tokens, span[0]):_token_at(tokens, span[1])] if t.capitalised]
    return any(t.lower.endswith(_HOLDER_ENDINGS) or proper_noun(t) for t in words)


def _opinion_noun_frame(text: str, tokens: Sequence[Token], i: int) -> Frame | None:
    """The frame of an opinion noun in a "nach" (or "aus Sicht") phrase, or None."""
    return _opinion_phrase_frame(text, tokens, i) or _genitive_opinion_frame(tokens, i) \
        or _possessive_opinion_frame(tokens, i)


def _opinion_opening(tokens: Sequence[Token], i: int) -> int | None:
    """The token that opens an opinion noun's phrase: "nach (den) Worten", "aus Sicht"; None if none does."""
    if i == 0:
        return None
    before = tokens[i - 1].lower
    if before == "nach" or (tokens[i].lower == "sicht" and before == "aus"):  # "aus Sicht der Opposition"
        return i - 1
    if i > 1 and tokens[i - 2].lower == "nach" and before in ("den", "der", "dem"):
        return i - 2
    return None


def _opinion_phrase_frame(text: str, tokens: Sequence[Token], i: int) -> Frame | None:
    """The frame of an opinion noun after "nach" with its holder after it, or None."""
    opening = _opinion_opening(tokens, i)
    if opening is None:
        return None
    tok = tokens[i]
    k = i + 2 if i + 1 < len(tokens) and tokens[i + 1].lower in ("von", "vom") else i + 1
    span = noun_phrase_after(text, tokens, k) or (tok.start, tok.end)  # "nach Angaben (von) X"
    return Frame((tokens[opening].start, tok.end), span, i, "after")


def _genitive_opinion_frame(tokens: Sequence[Token], i: int) -> Frame | None:
    """The frame of an opinion noun after "nach" and a name in the genitive, or None."""
    if not (i > 1 and tokens[i - 2].lower == "nach" and _genitive_name(tokens[i - 1])):
        return None
    span = (tokens[i - 1].start, tokens[i].end)  # "Nach Bergers Idee soll …"
    return Frame((tokens[i - 2].start, tokens[i].end), span, i, "after")


def _possessive_opinion_frame(tokens: Sequence[Token], i: int) -> Frame | None:
    """The frame of an opinion noun between a possessive and a postposed "nach", or None."""
    if not (i > 0 and tokens[i - 1].lower in _POSSESSIVES and i + 1 < len(tokens) and tokens[i + 1].lower == "nach"):
        return None
    span = (tokens[i - 1].start, tokens[i].end)  # "Seiner Ansicht nach"
    return Frame((tokens[i + 1].start, tokens[i + 1].end), span, i, "after")


def _speech_noun_frame(text: str, tokens: Sequence[Token], i: int) -> Frame | None:
    """The frame of a speech noun with its holder in the genitive before or after it, or None."""
    tok = tokens[i]
    if i > 0 and _genitive_name(tokens[i - 1]) and _joined(text, tokens[i - 1], tok):
        speaker = (tokens[i - 1].start, tokens[i - 1].end)  # "Bergs Forderung, die Stadt müsse …"
        return Frame((tok.start, tok.end), speaker, i, "after")
    if holder := _holder_before_comma(text, tokens, i):
        return Frame((tok.start, tok.end), holder, i, "after")  # "Den Vorwurf der CDU, der Plan sei …"
    return None


def _so_frame(text: str, tokens: Sequence[Token], i: int) -> Frame | None:
    """The frame of "so" after a quote or a comma with the speaker after it, or None."""
    speaker = noun_phrase_after(text, tokens, i + 1) or _subject_after_so_verb(text, tokens, i + 1)
    return Frame((tokens[i].start, tokens[i].end), speaker, i, "before") if speaker else None


def _speech_verb_frame(text: str, tokens: Sequence[Token], i: int, gap: str, frames: list[Frame]) -> Frame:
    """The frame of a speech verb, its speaker taken from a coordinated clause, a quoting verb or a place."""
    frame = _verb_frame(text, tokens, i, gap)
    if i and tokens[i - 1].lower in ("und", "sowie", "aber") and not _nominative_after(tokens, frame):
        frame = Frame(frame.cue, _earlier_speaker(text, tokens, frames) or frame.speaker, i, frame.content)
    if tokens[i].lower in ("zitiert", "zitierte") and not _passive(tokens, i):
        frame = Frame(frame.cue, _quoted_person(text, tokens, i, frame.speaker) or frame.speaker, i,
                      frame.content)
    if frame.speaker and text[frame.speaker[0]:frame.speaker[1]] == "man":
        place = _source_phrase(text, tokens, clause_start(text, tokens, i))
        frame = replace(frame, speaker=place) if place else frame  # "Im Rathaus sprach man von …"
    return frame


def _earlier_speaker(text: str, tokens: Sequence[Token], frames: list[Frame]) -> tuple[int, int] | None:
    """The speaker of a coordinated verb: the sentence's last speaker so far, else its first clause's subject."""
    earlier = [f.speaker for f in frames if f.speaker]  # "sagte X und fügte hinzu"
    return earlier[-1] if earlier else clause_subject(text, tokens, 0, clause_end(text, tokens, 0))


def _nominative_after(tokens: Sequence[Token], frame: Frame) -> bool:
    """Whether a verb's speaker is a phrase after it that can only be its subject ("und
    sagte er"), not an object ("und nannte sie „…“")."""
    if frame.speaker is None:
        return False
    k = _token_at(tokens, frame.speaker[0])
    return k > frame.cue_index and k < len(tokens) and tokens[k].lower in _NOMINATIVE_OPENERS


def _passive(tokens: Sequence[Token], i: int) -> bool:
    """Whether a participle stands in a passive clause ("wie X zitiert wird")."""
    return any(t.lower in _PASSIVE_AUXILIARIES for t in tokens[max(0, i - 8):i + 3])


def _quoted_person(text: str, tokens: Sequence[Token], i: int,
                   subject: tuple[int, int] | None) -> tuple[int, int] | None:
    """The person whose words are cited with "zitiert": the object after the verb and its
    subject ("zitiert stadtblatt.de Polizeisprecher Kramer", "Die Zeitung zitiert den Prediger")."""
    j = i + 1
    while j < len(tokens) and tokens[j].lower in _SKIP_ADVERBS and tokens[j].text.islower():
        j += 1
    if j >= len(tokens) or is_boundary(text[tokens[i].end:tokens[j].start]):
        return None
    span = noun_phrase_after(text, tokens, j)
    if span and subject and span[0] == subject[0]:  # the subject stands after the verb: skip it
        k = _token_at(tokens, span[1])
        if k >= len(tokens) or is_boundary(text[span[1]:tokens[k].start]):
            return None
        span = noun_phrase_after(text, tokens, k)
    return span


def _subject_after_so_verb(text: str, tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The subject in "„…“, so charakterisierte ihn X": after the verb and an object pronoun."""
    if i >= len(tokens) or not tokens[i].text.islower() or tokens[i].lower in _PREPOSITIONS \
            or tokens[i].lower in DETERMINERS:
        return None
    j = i + 1
    while j < len(tokens) and tokens[j].lower in _OBJECT_PRONOUNS | _SKIP_ADVERBS:
        j += 1
    if j >= len(tokens) or tokens[j].lower in _NOT_NOMINATIVE:
        return None
    return noun_phrase_after(text, tokens, j)


_OBJECT_PRONOUNS = lexicon.words("object_pronouns")


_SPEECH_NOUNS = lexicon.words("speech_nouns")


def _holder_before_comma(text: str, tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """Whose words a speech noun names, in a genitive or "von" phrase that ends at a comma
    before what was said: "der Vorwurf der CDU, …", "die Kritik von Meier, …"."""
    j = i + 1
    if j >= len(tokens) or tokens[j].lower not in ("der", "des", "von", "vom") \
            or not _joined(text, tokens[i], tokens[j]):
        return None
    holder = noun_phrase_after(text, tokens, j if tokens[j].lower in ("der", "des") else j + 1)
    if holder is None:
        return None
    k = _token_at(tokens, holder[1])
    return holder if k < len(tokens) and "," in text[holder[1]:tokens[k].start] else None


def _genitive_name(token: Token) -> bool:
    """Whether a token is a capitalised name in the s-genitive ("Bergs")."""
    return token.capitalised and token.text.endswith("s") and token.lower not in DETERMINERS \
        and not token.lower.endswith(("ungs", "ens", "ions"))


_OPINION_NOUNS = lexicon.words("opinion_nouns")

# Every word `_cue_frame` can read as a cue (find_frames asks it of these only).
_CUE_WORDS = frozenset({"zufolge", "laut", "so"}).union(_OPINION_NOUNS, _SPEECH_NOUNS, _VERB_CUE_WORDS)

_POSSESSIVES = lexicon.words("possessives")


def _verb_frame(text: str, tokens: Sequence[Token], i: int, gap: str) -> Frame:
    """The frame of a speech verb: its subject before or after it, content before or after."""
    first = clause_start(text, tokens, i)
    after = _subject_after(text, tokens, i)
    source = None if after else _quoted_source_before(text, tokens, i, gap)
    if source:
        return Frame((tokens[i].start, tokens[i].end), source, i, "after")  # "Wie „hafen online“ berichtet, …"
    if first == i and i and not _PUNCTUATION.search(_unquoted(gap)):
        opening = _opening_past_quotes(text, tokens, i)
        if _passive_participle(tokens, opening, i):
            return _passive_frame(text, tokens, opening, i)
        if _NAME_IN_GAP.fullmatch(gap):
            first = clause_start(text, tokens, i - 1)  # "Der „Spiegel“ berichtet": a name, no boundary
    if first == i and is_boundary(gap):
        return _clause_initial_verb_frame(text, tokens, i, gap, after)
    return _relative_clause_frame(text, tokens, i, first) or _coordinated_relative_frame(text, tokens, i, first) \
        or _marked_subject_frame(text, tokens, i, first, after) \
        or _impersonal_frame(text, tokens, i, first, after) or _auxiliary_after_apposition(text, tokens, i, first) \
        or _fronted_phrase_frame(text, tokens, i, first, after)


def _auxiliary_after_apposition(text: str, tokens: Sequence[Token], i: int, first: int) -> Frame | None:
    """The frame of a verb at the end of a clause whose finite auxiliary comes right after
    an apposition or relative clause set off by commas: the subject stands before them
    ("Die Sprecherin des Amts, Eva Lind, hat gefordert, …", "Lind, die das Amt leitet, hat
    erklärt, …"), or None. Not in the passive, whose subject does not speak."""
    auxiliary = tokens[first].lower if 0 < first < i else ""
    if not auxiliary or "," not in text[tokens[first - 1].end:tokens[first].start]:
        return None
    if auxiliary in _FINITE_AUXILIARIES and auxiliary not in _PASSIVE_AUXILIARIES:
        if not _apposition_before(text, tokens, first):
            return None
    elif not (_verb_last(text, tokens, i) and _subordinate_before_apposition(text, tokens, first)):
        return None
    speaker = _subject_before_comma(text, tokens, first)
    if speaker is None:
        return None
    k = _token_at(tokens, speaker[0])
    if tokens[k].lower in _CLAUSE_SUBORDINATORS | _ADVERBIAL_SUBORDINATORS and k + 1 < first:
        speaker = (tokens[k + 1].start, speaker[1])  # "Wie Eva Lind, Sprecherin …": the capital is the sentence's
    return Frame((tokens[i].start, tokens[i].end), speaker, i, "after")


def _subordinate_before_apposition(text: str, tokens: Sequence[Token], first: int) -> bool:
    """Whether the phrase an apposition ending before token `first` describes opens a
    subordinate clause ("Wie Eva Lind, Sprecherin des Amts, in Kiel mitteilte, …")."""
    apposition = clause_start(text, tokens, first - 1)
    if apposition == 0 or not _noun_phrase_words([t for t in tokens[apposition:first] if t.lower not in _PREPOSITIONS]):
        return False  # "Sprecherin des Amts in Kiel": nouns, articles, adjectives and prepositions only
    opening = clause_start(text, tokens, apposition - 1)
    return tokens[opening].lower in _ADVERBIAL_SUBORDINATORS or tokens[opening].lower in _CLAUSE_SUBORDINATORS \
        or (opening > 0 and tokens[opening - 1].lower in _CLAUSE_SUBORDINATORS)


def _quoted_source_before(text: str, tokens: Sequence[Token], i: int, gap: str) -> tuple[int, int] | None:
    """The name in quotation marks right before a speech verb that opens its sentence or
    follows "wie", when no subject follows the verb: a medium, written as its name is, in
    lower case too ("Wie „hafen online“ berichtet, …", "„Hafenblatt“ meldet, …"), or None."""
    if i and tokens[i - 1].lower != "wie":
        return None
    name = _SOURCE_IN_QUOTES.fullmatch(gap)
    if name is None or len(name.group(1).split()) > SOURCE_NAME_WORDS:
        return None
    offset = tokens[i].start - len(gap)
    return offset + name.start(1), offset + name.end(1)


# A name in quotation marks: a word first, no punctuation that ends a clause or sentence
# (a full stop only inside a web address: "hafenblatt.de").
_SOURCE_IN_QUOTES = re.compile(r'\s*([„"»]\w(?:[^„“”"»«!?,;:.]|\.(?=\w)){0,40}[“”"«])\s*')
SOURCE_NAME_WORDS = 4  # the most words of a medium's name in quotation marks


def _coordinated_relative_frame(text: str, tokens: Sequence[Token], i: int, first: int) -> Frame | None:
    """The frame of a verb that closes a clause joined by "und" to a relative clause before
    it: the relative pronoun is its subject too, and the phrase before the verb its object
    ("eine Erklärung, die den Plan begrüßt und die Stadt auffordert, …"), or None."""
    if first < 2 or first >= i or tokens[first - 1].lower not in ("und", "oder", "sowie") \
            or not _clause_final(text, tokens, i):
        return None
    return _relative_clause_frame(text, tokens, i, clause_start(text, tokens, first - 2))


def _clause_final(text: str, tokens: Sequence[Token], i: int) -> bool:
    """Whether token i ends its clause: punctuation or the sentence's end follows it."""
    return i + 1 == len(tokens) or bool(_PUNCTUATION.search(_unquoted(text[tokens[i].end:tokens[i + 1].start])))


def _opening_past_quotes(text: str, tokens: Sequence[Token], i: int) -> int:
    """The first token of the words before a verb, back to clause punctuation and past quotations."""
    opening = i - 1  # "… wurde im „Standard“ als „…“ bezeichnet": back to a comma, past quotes
    while opening > 0 and not _PUNCTUATION.search(_unquoted(text[tokens[opening - 1].end:tokens[opening].start])):
        opening -= 1
    return opening


def _clause_initial_verb_frame(text: str, tokens: Sequence[Token], i: int, gap: str,
                               after: tuple[int, int] | None) -> Frame:
    """The frame of a verb that opens its clause after a boundary: its subject after it, or the phrase before."""
    cue = (tokens[i].start, tokens[i].end)
    if not any(m in gap for m in "“”\"«»") and _fronted_subordinate_clause(text, tokens, i):
        fronted = _source_phrase(text, tokens, 0) if tokens[i].lower in ("heißt", "hieß") else None
        if after or fronted:  # "Da die Funde alt sind, schrieben die Forscher, …"
            return Frame(cue, after or fronted, i, "after")  # "Im Bericht, der …, heißt es, …": the text
    if after and (any(m in gap for m in "“”\"«»") or not _apposition_before(text, tokens, i)):
        return Frame(cue, after, i, "before")  # "„…“, sagte Berg" / "…, betonte der Minister"
    before = _subject_before_comma(text, tokens, i)
    if after and before and _plural_against_singular(tokens, _token_at(tokens, before[0]), i):
        return Frame(cue, after, i, "after")  # "Die Mönche, die …, beschrieb die Agentur als „…“"
    return Frame(cue, before, i, "after")


def _fronted_subordinate_clause(text: str, tokens: Sequence[Token], i: int) -> bool:
    """Whether the words before verb i, which stands after a comma, are a subordinate clause
    that opens the sentence, alone or after a prepositional phrase it belongs to ("Nachdem
    der Rat getagt hatte, sagte Lind …", "Auf die Frage, ob der Deich hält, sagte Lind …"):
    the verb comes second in its sentence, so its subject follows it and what it reports
    follows too. So also after a relative clause of such a phrase ("In einer Botschaft, die
    am Abend lief, sagte Lind …")."""
    start = clause_start(text, tokens, i - 1) if i else 0
    opener = start - 1 if start > 0 and tokens[start - 1].lower in _CLAUSE_SUBORDINATORS else start
    relative = opener > 0 and (tokens[opener].lower in RELATIVES or (
        tokens[opener].lower in _PREPOSITIONS and opener + 1 < i and tokens[opener + 1].lower in _RELATIVE_FORMS))
    if not relative and (tokens[opener].lower not in _CLAUSE_SUBORDINATORS | _ADVERBIAL_SUBORDINATORS
                         or tokens[opener].lower in _PREPOSITIONS):  # "Seit Jahren fordert Berg …": a phrase
        return False
    if opener == 0:
        return tokens[0].lower not in ("dass", "ob")  # "Dass der Deich hält, sagte Lind": what she said
    phrase = clause_start(text, tokens, opener - 1)
    return phrase == 0 and tokens[0].lower in _PREPOSITIONS and "," in text[tokens[opener - 1].end:tokens[opener].start]


def _relative_clause_frame(text: str, tokens: Sequence[Token], i: int, first: int) -> Frame | None:
    """The frame of a verb in a clause after a comma that a relative pronoun opens, or None."""
    if first == 0 or first >= i - 1 or "," not in text[tokens[first - 1].end:tokens[first].start]:
        return None
    return _prepositional_relative_frame(text, tokens, i, first) or _object_relative_frame(text, tokens, i, first) \
        or _subject_relative_frame(text, tokens, i, first)


def _prepositional_relative_frame(text: str, tokens: Sequence[Token], i: int, first: int) -> Frame | None:
    """The frame of a verb-last clause that a preposition and a relative pronoun open: the
    pronoun is no subject, the phrase after it speaks ("ein Treffen, nach dem Berg „…“
    gefordert hatte"), or None. After a comma, a preposition and an article ("nach dem
    Treffen") open no clause with its verb last."""
    if first + 2 >= i or tokens[first].lower not in _PREPOSITIONS \
            or tokens[first + 1].lower not in _PRONOUN_AFTER_PREPOSITION or not _verb_last(text, tokens, i):
        return None
    speaker = noun_phrase_after(text, tokens, first + 2)
    return Frame((tokens[i].start, tokens[i].end), speaker, i, "after") if speaker else None


_PRONOUN_AFTER_PREPOSITION = RELATIVES | _RELATIVE_FORMS | {"den"}  # "nach dem", "bei der", "für den"


def _object_relative_frame(text: str, tokens: Sequence[Token], i: int, first: int) -> Frame | None:
    """The frame of a relative clause opened by an object pronoun: the phrase after it speaks."""
    if tokens[first].lower not in ("den", "dem", "die", "das") \
            or tokens[first + 1].lower in _NOT_NOMINATIVE:  # ", die den Plan … nannten": "die" speaks
        return None
    object_of = noun_phrase_after(text, tokens, first + 1)
    if object_of:
        return Frame((tokens[i].start, tokens[i].end), object_of, i, "after")  # ", den X … nannte"
    return None


def _subject_relative_frame(text: str, tokens: Sequence[Token], i: int, first: int) -> Frame | None:
    """The frame of a relative clause whose pronoun is the subject: the phrase it stands for speaks."""
    if tokens[first].lower not in RELATIVES or tokens[first + 1].lower in _NOMINATIVE_OPENERS \
            or (tokens[first + 1].capitalised and tokens[first + 1].lower not in DETERMINERS):
        return None
    cue = (tokens[i].start, tokens[i].end)
    if _passive(tokens, i):  # "ein Bericht, der … veröffentlicht wurde": the phrase is no speaker
        return Frame(cue, _passive_agent(text, tokens, first, i), i, "after")
    antecedent = noun_phrase_before(text, tokens, first) or _antecedent(text, tokens, first) \
        or _subject_before_comma(text, tokens, first)
    # "ein Kommentar, der die Entscheidung als „…“ bezeichnet"; the pronoun itself when the
    # phrase it stands for is not found
    return Frame(cue, antecedent or (tokens[first].start, tokens[first].end), i, "after")


def _marked_subject_frame(text: str, tokens: Sequence[Token], i: int, first: int,
                          after: tuple[int, int] | None) -> Frame | None:
    """The frame of a verb whose subject its form marks (nominative, relative pronoun, place name), or None."""
    cue = (tokens[i].start, tokens[i].end)
    if after and first < i and _inverted_subject(text, tokens, first, after):
        return Frame(cue, after, i, "after")  # "Die Arbeit der Koalition lobte er: …"
    if first == i - 1 and i and tokens[i - 1].lower in RELATIVES and _joined(text, tokens[i - 1], tokens[i]):
        antecedent = noun_phrase_before(text, tokens, i - 1) or _subject_before_comma(text, tokens, i - 1)
        return Frame(cue, antecedent or (tokens[i - 1].start, tokens[i - 1].end), i, "after")
    if first == i - 1 and proper_noun(tokens[first]):
        return Frame(cue, (tokens[first].start, tokens[first].end), i, "after")  # "Oslo warnte: …"
    return None


def _impersonal_frame(text: str, tokens: Sequence[Token], i: int, first: int,
                      after: tuple[int, int] | None) -> Frame | None:
    """The frame of a verb whose subject does not speak ("verlautete", a passive participle), or None."""
    if tokens[i].lower in _VERLAUTEN and first < i:
        cue = (tokens[i].start, tokens[i].end)
        return Frame(cue, _source_phrase(text, tokens, first) or after, i, "after")  # "Aus Kreisen verlautete"
    if tokens[i].lower in ("heißt", "hieß") and first < i and not after and i + 1 < len(tokens) \
            and tokens[i + 1].lower == "es":
        source = _source_phrase(text, tokens, first)  # "Aus dem Hafenamt hieß es, …"
        return Frame((tokens[i].start, tokens[i].end), source, i, "after") if source else None
    if _passive_participle(tokens, first, i):
        return _passive_frame(text, tokens, first, i)
    return None


def _fronted_phrase_frame(text: str, tokens: Sequence[Token], i: int, first: int,
                          after: tuple[int, int] | None) -> Frame:
    """The frame of a verb after its clause's first phrase: that phrase speaks unless adverbial, else a later one."""
    cue = (tokens[i].start, tokens[i].end)
    focused = _focused_subject(text, tokens, first, i)
    if focused:
        return Frame(cue, focused, i, "after")  # "Auch die Ministerin äußerte …"
    if first < i and not _adverbial(tokens[first]) and tokens[first].lower not in _NOT_NOMINATIVE \
            and not (first == i - 1 and _tagged_adverb(tokens[first])):
        subject = _pronoun_subject(text, tokens, first, i) or noun_phrase_after(text, tokens, first)
        return Frame(cue, subject, i, "after")
    content = "before" if first > 0 and _verb_first(text, tokens, first) and i - first <= 6 else "after"
    return Frame(cue, after or _subject_inside(text, tokens, first, i), i, content)


# Words that open a noun phrase in the nominative only (or nearly so, after a verb).
_NOMINATIVE_OPENERS = lexicon.words("nominative_openers")


def _inverted_subject(text: str, tokens: Sequence[Token], first: int, after: tuple[int, int]) -> bool:
    """Whether the phrase after a clause's verb, not the one before it, is the subject: the
    later one is marked nominative ("der Minister", "er") and the fronted one is not."""
    k = _token_at(tokens, after[0])
    if k >= len(tokens) or tokens[k].start != after[0]:
        return False  # the phrase after the verb is a quoted name, not a word of the clause
    if _case_marks_inversion(tokens, first, k, after) or _thing_before_name(tokens, first, k):
        return True
    return _fronted_object(text, tokens, first, k, after)


def _thing_before_name(tokens: Sequence[Token], first: int, k: int) -> bool:
    """Whether an abstract noun is fronted before the verb, with or without a genitive
    attribute, and a name follows it: the name speaks ("Eine Einigung nannte Petersen
    möglich", "Die Äußerungen Linds und Bergs nannte Moor „…“"), an abstract noun never does."""
    return k >= first + 3 and tokens[first].lower in DETERMINERS and tokens[first + 1].capitalised \
        and tokens[first + 1].lower.endswith(_ABSTRACT_ENDINGS) and proper_noun(tokens[k]) \
        and all(_in_genitive_attribute(t) for t in tokens[first + 2:k - 1])


def _in_genitive_attribute(token: Token) -> bool:
    """Whether a word can stand in a genitive attribute after a noun: an article of the
    genitive, a conjunction joining two holders, or a capitalised word ("der Stadt", "Linds und Bergs")."""
    return token.lower in _GENITIVE_OPENERS or token.lower in ("der", "des", "und", "sowie") or token.capitalised


def _case_marks_inversion(tokens: Sequence[Token], first: int, k: int, after: tuple[int, int]) -> bool:
    """Whether case or number shows that the phrase at token k after the verb is the subject, not the fronted one."""
    later, fronted = tokens[k].lower, tokens[first].lower
    if later in ("er", "ich", "wir") and tokens[k].end == after[1]:
        return True  # only a subject can be "er" right after the verb: "Der Politik schlug er vor"
    if (fronted in _NOT_NOMINATIVE or _oblique_der(tokens, first)) and later not in _NOT_NOMINATIVE:
        return True  # "Den Unmut der CDU brachte die Sprecherin zum Ausdruck"
    if _plural_against_singular(tokens, first, k - 1) and tokens[k - 1].text.islower():
        return True  # "Die Pläne der Regierung kritisierte der Verband als „…“"
    return False


def _fronted_object(text: str, tokens: Sequence[Token], first: int, k: int, after: tuple[int, int]) -> bool:
    """Whether the fronted phrase reads as an object and the nominative-looking one at token k as its subject."""
    later, fronted = tokens[k].lower, tokens[first].lower
    if later not in _NOMINATIVE_OPENERS and later != "sie":
        return False
    if _thing(text, after):
        return False  # "Die Autoren ziehen ein düsteres Fazit": a thing is the object
    if later == "der" and _feminine_after_der(tokens, k, after):
        return False  # "der Zeitung", "der Sprecherin": dative or genitive, not a subject
    if _titled_name(tokens, first, k - 1):
        return False  # "Die Ministerin Anna Berg sagte der ARD": a person named first is the subject
    return fronted in _OBJECT_OPENERS or (_adjective(tokens[first]) and tokens[first].capitalised)


def _feminine_after_der(tokens: Sequence[Token], k: int, after: tuple[int, int]) -> bool:
    """Whether the first noun of the phrase that "der" at token k opens is feminine."""
    noun = next((t for t in tokens[k + 1:_token_at(tokens, after[1])] if t.capitalised), None)
    return noun is not None and _feminine(noun.lower)


def _titled_name(tokens: Sequence[Token], first: int, verb: int) -> bool:
    """Whether the clause's first phrase is an article, a noun and a name right before the
    verb ("Die Ministerin Anna Berg"), which names a person, not a fronted object."""
    words = tokens[first + 1:verb]
    return tokens[first].lower in DETERMINERS and len(words) >= 2 and words[0].lower.endswith(_PERSON_ENDINGS) \
        and all(w.capitalised and w.lower not in DETERMINERS for w in words)


# Endings of nouns that name persons by their role: Minister, Ministerin, Präsident, Abgeordnete.
_PERSON_ENDINGS = lexicon.entries("quote_person_endings")


# Endings of nouns that are feminine, so that "der" before them is dative or genitive.
_FEMININE_ENDINGS = lexicon.entries("feminine_endings")


def _feminine(noun: str) -> bool:
    """Whether a lower-cased noun is feminine by its ending: "zeitung", "sprecherin"."""
    return noun.endswith(_FEMININE_ENDINGS)


def _plural_against_singular(tokens: Sequence[Token], first: int, verb: int) -> bool:
    """Whether a phrase marked plural by its adjective ("Die jungen Mönche") stands
    before a verb in the singular ("beschrieb"), so that it cannot be its subject."""
    if first + 2 >= len(tokens) or tokens[first].lower != "die":
        return False
    adjective, noun, word = tokens[first + 1], tokens[first + 2], tokens[verb].lower
    return adjective.text.islower() and adjective.lower.endswith("en") and adjective.lower not in DETERMINERS \
        and noun.capitalised and not word.endswith("n")  # plural verbs end in -n: "sagen", "sagten"


def _oblique_der(tokens: Sequence[Token], first: int) -> bool:
    """Whether "der" opens a dative or genitive phrase: its adjective ends in -en ("Der
    englischsprachigen Zeitung sagte Karma"), where a nominative one ends in -e, or its noun
    is feminine ("Der Regierung warf Roth … vor", "Dieser Einschätzung widersprach Roth")."""
    if tokens[first].lower not in ("der", "dieser", "jener", "einer") or first + 1 >= len(tokens):
        return False
    noun = tokens[first + 1]
    if noun.capitalised and noun.lower not in DETERMINERS and _feminine(noun.lower):
        return True
    return tokens[first].lower == "der" and first + 2 < len(tokens) \
        and tokens[first + 1].lower.endswith("en") and tokens[first + 1].lower not in DETERMINERS \
        and tokens[first + 2].capitalised and not tokens[first + 1].capitalised


# Words that open a phrase that may well be a fronted object.
_OBJECT_OPENERS = lexicon.words("object_openers")


_PASSIVE_AUXILIARIES = lexicon.words("passive_auxiliaries")


_PUNCTUATION = re.compile(r"[,;:.!?()–]")
_NAME_IN_GAP = re.compile(r"\s*[„\"»][A-ZÄÖÜ0-9][^„“”\"»«.!?]{0,59}[“”\"«]-?\s*")
_QUOTED_TEXT = re.compile(r"[„\"»«][^„“”\"»«]*[“”\"«»]")


def _unquoted(gap: str) -> str:
    """The text between two tokens without the quotations in it."""
    return _QUOTED_TEXT.sub(" ", gap)


def _passive_frame(text: str, tokens: Sequence[Token], first: int, i: int) -> Frame:
    """The frame of a passive cue ("… wird von Experten als „…“ bezeichnet"): its subject is
    what is spoken of, so the agent speaks, or else the text the words were said in."""
    speaker = _passive_agent(text, tokens, first, i) or _source_in_clause(text, tokens, first, i)
    return Frame((tokens[i].start, tokens[i].end), speaker, i, "after", passive=True)


def _passive_participle(tokens: Sequence[Token], first: int, i: int) -> bool:
    """Whether the cue at token i is a participle after a passive auxiliary of its clause
    ("wurde … als „…“ bezeichnet"); the one quoted ("X wird von Y zitiert") is the subject,
    so "zitiert" does not count."""
    word = tokens[i].lower
    participle = word.endswith("t") or (word.startswith("ge") and word.endswith("en") and len(word) > 6) \
        or word in _STRONG_PARTICIPLES
    auxiliaries = [*tokens[first:i], *tokens[i + 1:i + 2]]  # "wurde … bezeichnet", "… bezeichnet worden"
    return participle and word != "zitiert" and any(t.lower in _PASSIVE_AUXILIARIES for t in auxiliaries)


# Participles of strong speech verbs without "ge-" at the front ("beschrieben", "verglichen").
_STRONG_PARTICIPLES = lexicon.words("strong_participles")


def _source_in_clause(text: str, tokens: Sequence[Token], first: int, i: int) -> tuple[int, int] | None:
    """A text named in a clause before token i, as where words were said: "im „Standard“"."""
    for j in range(first, i):
        if tokens[j].lower in ("in", "im"):
            quoted = _QUOTED_NAME.match(text, tokens[j].end)
            span = quoted.span(1) if quoted else noun_phrase_after(text, tokens, j + 1, document=True)
            if span and span[1] <= tokens[i].start and (quoted or text[:span[1]].lower().endswith(_TEXT_HEADS)):
                return (tokens[j].start, span[1])
    return None


# Nouns ending the name of a text or medium words can be said in: "in der Zeitung", "im Bericht".
_TEXT_HEADS = lexicon.entries("text_heads")


def _passive_agent(text: str, tokens: Sequence[Token], first: int, i: int) -> tuple[int, int] | None:
    """The agent ("von X") of a passive clause whose cue is a participle."""
    if not _passive_participle(tokens, first, i):
        return None
    label = next((j for j in range(first, i) if tokens[j].lower == "als"), i)  # "als „…“ bezeichnet"
    for j in range(label - 1, first - 1, -1):  # the "von" nearest the verb: "die Gefahr von X vom Y"
        if tokens[j].lower in ("von", "vom", "seitens", "vonseiten", "durch"):
            span = noun_phrase_after(text, tokens, j + 1)
            if span:
                return span
    return None


def _verb_first(text: str, tokens: Sequence[Token], first: int) -> bool:
    """Whether a clause after a comma opens with its finite verb ("…, hatte X gesagt")."""
    return is_boundary(text[tokens[first - 1].end:tokens[first].start]) and tokens[first].text.islower() \
        and not (tokens[first].lower in _PREPOSITIONS or tokens[first].lower in DETERMINERS
                 or tokens[first].lower in _SUBORDINATORS or tokens[first].lower in RELATIVES)


def _subject_inside(text: str, tokens: Sequence[Token], first: int, i: int) -> tuple[int, int] | None:
    """The subject after the finite verb of a clause whose cue is a final participle."""
    for j in range(first + 1, i):
        prev, tok = tokens[j - 1], tokens[j]
        if prev.text.islower() and prev.lower not in _PREPOSITIONS and prev.lower not in DETERMINERS \
                and tok.lower not in _NOT_NOMINATIVE and (tok.capitalised or tok.lower in DETERMINERS
                                                          or tok.lower in PRONOUNS):
            span = noun_phrase_after(text, tokens, j)
            if span:
                return span
    return None


_ADVERB_SUFFIXES = lexicon.entries("adverb_suffixes")
# Endings of adjectives that, uninflected and first in a clause, are adverbs ("Höhnisch
# kommentierte …", "Gemeinsam erklärten …"); inflected, they open a noun phrase ("Norwegische Medien").
_BARE_ADJECTIVE_SUFFIXES = lexicon.entries("bare_adjective_suffixes")
# Comparatives of such adjectives, first in a clause: "Kritischer sieht das die Opposition".
_COMPARATIVE_ENDINGS = lexicon.entries("comparative_endings")
_NOUN_ENDINGS = lexicon.entries("noun_endings")
_ADVERB_WORDS = lexicon.words("adverb_words")
_SUBORDINATORS = lexicon.words("subordinators")
_NOT_NOMINATIVE = lexicon.words("not_nominative")


_CLOSING_PUNCTUATION = re.compile("[.!?,…][“”\"«»]")


def is_boundary(gap: str) -> bool:
    """Whether the text between two words ends a clause: a comma, a colon, a dash, or a
    quotation that ends in punctuation ("…?“ schrieb er"); a quoted phrase alone does not."""
    return any(ch in gap for ch in ",;:–—") or bool(_CLOSING_PUNCTUATION.search(gap))


def clause_start(text: str, tokens: Sequence[Token], i: int) -> int:
    """The index of the first token of the clause that token i stands in."""
    j = i
    while j > 0 and not is_boundary(text[tokens[j - 1].end:tokens[j].start]):
        if tokens[j - 1].lower in _SUBORDINATORS and j - 1 < i and not _within_clause(text, tokens, j - 1) \
                and not _genitive_after(tokens, j - 1):
            return j
        j -= 1
    return j


# Articles and possessives that mark a genitive after "während", which is then a preposition.
_GENITIVE_OPENERS = lexicon.words("genitive_openers")


def _genitive_after(tokens: Sequence[Token], k: int) -> bool:
    """Whether "während" at token k governs a genitive ("Während der Sitzung sagte X"), so it
    opens a phrase inside the clause, not a clause of its own ("Während der Minister sprach")."""
    if tokens[k].lower != "während" or k + 2 >= len(tokens):
        return False
    article, noun = tokens[k + 1].lower, tokens[k + 2]
    return article in _GENITIVE_OPENERS or (article == "der" and noun.capitalised and _feminine(noun.lower))


def _within_clause(text: str, tokens: Sequence[Token], k: int) -> bool:
    """Whether the conjunction at token k stays inside its clause: "und" joining two nouns
    (after a truncated compound, "Fraktions- und Parteichefs", or between two bare nouns),
    or "aber", "doch", "denn" without a comma before them, where they are particles."""
    if k == 0 or k + 1 >= len(tokens):
        return False
    if tokens[k].lower in ("aber", "doch", "denn"):  # "Er hatte aber gesagt"
        return not is_boundary(text[tokens[k - 1].end:tokens[k].start])
    if tokens[k].lower not in ("und", "oder", "sowie"):
        return False
    if text[tokens[k - 1].end:tokens[k].start].strip() == "-":
        return True
    return _joins_nouns(tokens, k)


def _joins_nouns(tokens: Sequence[Token], k: int) -> bool:
    """Whether the conjunction at token k joins two nouns of one phrase: two bare nouns after
    an article or preposition, a noun and a genitive or dative phrase ("der Stadt und des
    Landes": no clause opens so), or two holders in the s-genitive ("Linds und Bergs")."""
    left, right = tokens[k - 1], tokens[k + 1]
    if left.capitalised and right.lower in _OBLIQUE_ARTICLES:
        return True
    if k >= 2 and _genitive_name(left) and _genitive_name(right) and tokens[k - 2].capitalised:
        return True
    return left.capitalised and right.capitalised and right.lower not in DETERMINERS \
        and right.lower not in PRONOUNS and k >= 2 and tokens[k - 2].lower in DETERMINERS | _PREPOSITIONS


# Articles and possessives that open a genitive or dative phrase only, never a subject.
_OBLIQUE_ARTICLES = _NOT_NOMINATIVE | {"des", "eines", "seines", "ihres", "unseres"}


def _adverbial(token: Token) -> bool:
    """Whether a clause-initial token opens an adverbial rather than the subject."""
    return token.lower in _PREPOSITIONS or token.lower in _SKIP_ADVERBS \
        or token.lower.endswith(_ADVERB_SUFFIXES) or token.lower in _ADVERB_WORDS \
        or _adjective_as_adverb(token) or token.lower in _NOT_SPEAKER_HEADS \
        or (token.text.islower() and token.lower not in PRONOUNS and token.lower not in DETERMINERS
            and not token.capitalised)


def _adjective_as_adverb(token: Token) -> bool:
    """Whether a word is an adjective by its form that opens a clause as an adverb does:
    a comparative, a feeling, or a bare adjective ("Zufrieden", "Skeptisch")."""
    word = token.lower
    return (len(word) >= 9 and word.endswith(_COMPARATIVE_ENDINGS)) or word in _FEELINGS \
        or (len(word) >= 6 and word.endswith(_BARE_ADJECTIVE_SUFFIXES) and not word.endswith(_NOUN_ENDINGS))


def _tagged_adverb(token: Token) -> bool:
    """Whether the tagger reads a capitalised word alone before the verb as an adverb
    ("Sinngemäß", "Insgesamt") or an adverbial adjective in -ell ("Offiziell"), which
    never speaks: the subject follows the verb (asked only there: tagging is slow)."""
    if not token.capitalised or token.lower in DETERMINERS or token.lower in PRONOUNS:
        return False
    tag = _tagged_alone(token.text)
    return tag in ("ADV", "PROAV") or (tag == "ADJ(D)" and token.lower.endswith("ell"))


def _subject_after(text: str, tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The subject right after a fronted verb ("sagte Berg"), if it can be nominative."""
    j = _past_words_before_subject(tokens, i)
    if j < len(tokens) and tokens[j].lower == "es" and tokens[i].lower in ("heißt", "hieß"):
        return _source_phrase(text, tokens, j + 1)  # "hieß es in der Rede"
    if tokens[i].lower in _VERLAUTEN:
        return _source_phrase(text, tokens, j)  # "verlautete aus dem Ministerium"
    quoted_name = _QUOTED_NAME.match(text, tokens[i].end)
    if quoted_name:
        return quoted_name.span(1)  # "schreibt die „Computerwoche“"
    return _nominative_at(text, tokens, i, j)


def _past_words_before_subject(tokens: Sequence[Token], i: int) -> int:
    """The first token after verb i that is not an adverb, a reflexive or an object before the subject."""
    j = i + 1
    while j < len(tokens) and (tokens[j].lower in _SKIP_ADVERBS or tokens[j].lower in _REFLEXIVES
                               or _object_before_subject(tokens, j)) and tokens[j].text.islower():
        j += 1
    return j


def _nominative_at(text: str, tokens: Sequence[Token], i: int, j: int) -> tuple[int, int] | None:
    """The noun phrase at token j if it is in verb i's clause and may be nominative, with an apposed name."""
    if j >= len(tokens) or tokens[j].lower in _NOT_NOMINATIVE:
        return None
    if any(is_boundary(text[tokens[k - 1].end:tokens[k].start]) for k in range(i + 1, j + 1)):
        return None
    span = noun_phrase_after(text, tokens, j)
    named = _APPOSED_NAME.match(text, span[1]) if span and tokens[j].lower in DETERMINERS else None
    return (span[0], named.end(1)) if named and span else span  # "sagte die Sprecherin des Amts, Anna Roth."


# A name set off by commas after a role: ", Anna Roth." or ", Jon S. Berg,".
_APPOSED_NAME = re.compile(
    r",[ \u00a0]+((?:[A-ZÄÖÜ](?:\.|[\w'’-]+)[ \u00a0]+){1,3}[A-ZÄÖÜ][\w'’-]+)(?=[,.;:!?]|\s*$)")


def _object_before_subject(tokens: Sequence[Token], j: int) -> bool:
    """Whether "es" or "das" at token j is an object before the subject after the verb: "sieht
    es der Minister", "sieht das die Opposition" (not "sagte das Ministerium")."""
    return tokens[j].lower in ("es", "das") and j + 1 < len(tokens) \
        and (tokens[j + 1].lower in DETERMINERS or tokens[j + 1].lower in _SUBJECT_PRONOUNS)


_VERLAUTEN = lexicon.words("verlauten")
_QUOTED_NAME = re.compile(r"\s+((?:die|der|das)\s+[„\"»][^“\"«\n]{1,60}[“\"«]|" + _NAME_IN_QUOTES + ")")
_REFLEXIVES = lexicon.words("reflexives")


def _source_phrase(text: str, tokens: Sequence[Token], j: int) -> tuple[int, int] | None:
    """The source in a prepositional phrase after "hieß es": "in der Rede", "vom Sprecher"."""
    while j < len(tokens) and tokens[j].lower in _SKIP_ADVERBS | {"dazu", "darin", "weiter"}:
        j += 1
    if 0 < j < len(tokens) and is_boundary(text[tokens[j - 1].end:tokens[j].start]):
        return None  # "heißt es, im Hafen seien …": the reported words, not the source
    if j < len(tokens) and tokens[j].lower in ("in", "im", "von", "vom", "aus", "bei", "beim", "auf"):
        if j + 1 < len(tokens) and proper_noun(tokens[j + 1]):
            return (tokens[j].start, tokens[j + 1].end)  # "hieß es in Oslo"
        span = noun_phrase_after(text, tokens, j + 1, document=True)
        return (tokens[j].start, span[1]) if span else None
    return None


def _apposition_before(text: str, tokens: Sequence[Token], i: int) -> bool:
    """Whether the comma-separated segment before token i is an apposition or relative clause."""
    if i == 0:
        return False
    start = clause_start(text, tokens, i - 1)
    if start > 0 and tokens[start - 1].lower in _CLAUSE_SUBORDINATORS:
        return False  # a subordinate clause: "Auf die Frage, ob der Plan hält, sagte Lind"
    if tokens[start].lower in RELATIVES and start > 0:
        return True
    span = noun_phrase_after(text, tokens, start)
    return span is not None and span[1] >= tokens[i - 1].end


# The subordinators that open a clause of their own (not those that join clauses or words).
_CLAUSE_SUBORDINATORS = _SUBORDINATORS - {"aber", "doch", "denn", "oder", "sowie", "und"}


def _subject_before_comma(text: str, tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The subject before an apposition or relative clause: "Klose, der …, nannte"."""
    j = i
    for _ in range(4):
        start = clause_start(text, tokens, j - 1) if j > 0 else 0
        if j == 0:
            return None
        if tokens[start].lower not in RELATIVES or start == 0:
            span = noun_phrase_after(text, tokens, start)
            if span and tokens[start].lower not in _SUBORDINATORS:
                return _with_name_before(text, tokens, start, span)
        j = start
    return None


def _with_name_before(text: str, tokens: Sequence[Token], start: int, span: tuple[int, int]) -> tuple[int, int]:
    """An apposition with the name it describes: "Eva Lind, Vorstandsmitglied der Liga,"."""
    if start == 0 or "," not in text[tokens[start - 1].end:tokens[start].start]:
        return span
    name = noun_phrase_before(text, tokens, start)
    if name is None:
        return span
    words = tokens[_token_at(tokens, name[0]):start]
    described = tokens[start:_token_at(tokens, span[1])]
    if len(words) < 2 or not all(t.capitalised and t.lower not in DETERMINERS for t in words):
        return span  # not a name: "Der Justizsenator, Henning Scherf" names the person second
    if len(described) > 1 and not any(t.lower in DETERMINERS or t.text.islower() for t in described):
        return span  # two names in a row
    return (name[0], span[1])


# ---------------------------------------------------------------------------
# Direct quotes: quotation or title?

@dataclass(frozen=True)
class Sentence:
    """One sentence under analysis: its span, quoted spans, outside tokens and frames."""

    start: int
    end: int
    quoted: tuple[tuple[int, int], ...]
    tokens: tuple[Token, ...]  # the words outside quotation marks
    frames: tuple[Frame, ...]

    @property
    def reported(self) -> bool:
        """Whether a Konjunktiv I verb form stands outside the quotes (free indirect speech)."""
        return any(t.lower in KONJUNKTIV_I for t in self.tokens)

    @property
    def konjunktiv(self) -> bool:
        """Whether a Konjunktiv verb form stands outside the quotes (reported speech)."""
        return any(t.lower in KONJUNKTIV for t in self.tokens)

    @property
    def read_in(self) -> bool:
        """Whether the sentence says that words are written somewhere ("heißt es", "war … die Rede")."""
        tokens = list(self.tokens)
        return any(_source_verb(tokens, k) for k in range(len(tokens)))


def _word_before(text: str, pos: int) -> str:
    """The word right before position `pos`, lower-cased ("" after punctuation or at the start)."""
    match = re.search(r"(\w+)[\s(]*$", text[max(0, pos - 40):pos])
    return match.group(1).lower() if match else ""


def _cue_follows(text: str, span: tuple[int, int], sentence: Sentence) -> bool:
    """Whether a speech frame with its speaker follows the quote right after a comma."""
    return any(f.cue and f.speaker and (
        (f.content == "before" and text[span[1]:f.cue_span[0]].strip() == ",")
        or _WITH_THESE_WORDS.fullmatch(text, span[1], f.cue_span[0])) for f in sentence.frames)


def _mostly_lower(words: list[str]) -> bool:
    """Whether most words of a quoted phrase are lower case, as in speech and unlike titles."""
    return len(words) >= 4 and sum(w[:1].islower() for w in words) * 2 >= len(words)


def _title_like(words: list[str]) -> bool:
    """Whether a short quoted text reads like a name or title: every word capitalised
    (small function words apart), no sentence punctuation inside."""
    return len(words) <= 5 and words[0][:1].isupper() and not any(w[-1:] in ",.;!?" for w in words[:-1]) \
        and all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _NAME_FUNCTION_WORDS for w in words)


# Lower-case words that may stand in a name or title without making it a clause.
_TITLE_FUNCTION_WORDS = _NAME_FUNCTION_WORDS | lexicon.words("title_function_words")


def _nominal_title(words: list[str]) -> bool:
    """Whether a quoted text is one long noun phrase, as names of prizes, institutions and
    talks are ("Preis der … Reichsbank für Wirtschaftswissenschaften"): it opens with a
    capital, has no clause punctuation, and each lower-case word is a function word or an
    adjective before a noun, so there is no verb."""
    if not words[0][:1].isupper() or any(w[-1:] in ",;!?" for w in words):
        return False
    alphabetic = [w for w in words if w[:1].isalpha()]
    if sum(w[:1].isupper() for w in alphabetic) * 2 < len(alphabetic):
        return False
    return all(_title_word(word, follower) for word, follower in zip(words, [*words[1:], ""], strict=True))


def _title_word(word: str, follower: str) -> bool:
    """Whether a word fits a nominal title: not lower case, a function word, abbreviation, adjective before a noun."""
    lower = word.lower().strip(".")
    if not word[:1].islower() or lower in _TITLE_FUNCTION_WORDS or "." in word:
        return True
    return follower[:1].isupper() and lower.endswith(("e", "en", "er", "es", "em")) \
        and lower not in KONJUNKTIV and lower not in SPEECH_VERBS and lower not in _FUNCTION_WORDS


# Head nouns of the names of institutions, prizes, laws and works ("Rat für …", "Preis der …").
INSTITUTION_HEADS = lexicon.words("institution_heads")


def _head_noun(words: list[str]) -> str:
    """The head noun of a noun phrase, lower-cased: its first capitalised word that is not
    an adjective before another capitalised word ("Oberste Rat …" -> "rat"), or the last
    part of a hyphenated compound ("Sacharow-Preises" -> "preises")."""
    for word, follower in zip(words, [*words[1:], ""], strict=True):
        lower = word.lower().strip(".,;:!?()")
        if not word[:1].isupper() or lower in DETERMINERS:
            continue
        if follower[:1].isupper() and lower.endswith(("e", "en", "er", "es", "em")):
            continue
        return lower.rsplit("-", 1)[-1]
    return ""


def _institution_name(words: list[str]) -> bool:
    """Whether a quoted noun phrase names an institution, prize, law or work by its head noun."""
    return len(words) >= 2 and _nominal_title(words) and _head_noun(words) in INSTITUTION_HEADS


def _mostly_capitalised(words: list[str]) -> bool:
    """Whether most words are capitalised, as in long names of institutions and titles."""
    return sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def _name_word(word: str) -> bool:
    """Whether a word is spelt like a name rather than a word of speech: an inner capital
    ("iPod"), letters run together with digits ("Ener1", "8Ball") or an acronym ("BBC")."""
    word = word.strip(".,;:!?()")
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return False
    if "-" not in word and any(ch.isdigit() for ch in word):
        return True
    if word[:1].islower() and any(ch.isupper() for ch in word[1:]):
        return True
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


# Function words of English, French, Spanish, Italian and Latin that are not German words:
# a short quoted phrase with one of them is a foreign name or term ("gens du voyage").
_FOREIGN_FUNCTION_WORDS = lexicon.words("foreign_function_words")


def _foreign_term(words: list[str]) -> bool:
    """Whether a short quoted phrase is a foreign name or term: it has a foreign function word."""
    return len(words) <= 5 and any(w.strip(".,;:!?").lower().split("’")[0] in _FOREIGN_FUNCTION_WORDS
                                   for w in words)


def _speaker_named(text: str, span: tuple[int, int], sentence: Sentence) -> bool:
    """Whether the quoted span names the speaker of a cue (a medium or an organisation):
    "schreibt die „Computerwoche“", "Wie „heise online“ berichtet"."""
    if any(f.speaker and f.speaker[0] <= span[0] and span[1] <= f.speaker[1] for f in sentence.frames):
        return True
    after = re.match(r"\s*(\w+)", text[span[1]:span[1] + 40])
    return after is not None and after.group(1).lower() in SPEECH_VERBS and _word_before(text, span[0]) == "wie"


_REPUTED = re.compile(r"\b(?:gilt|galt|gelten|galten|gelte|gälte)\b[^,.;:!?„“]{0,60}\bals\s*$", re.IGNORECASE)


def _term_in_apposition(text: str, span: tuple[int, int]) -> bool:
    """Whether a quoted term is part of a compound ("„Jamaika“-Koalition") or stands next to
    a gloss in parentheses ("„Cast Lead“ („gegossenes Blei“)", "„…“ (Weltraum-Experiment)")."""
    after = text[span[1]:span[1] + 3]
    return after[:1] in "-‑" or after.lstrip(" \u00a0")[:1] == "(" \
        or text[max(0, span[0] - 3):span[0]].rstrip()[-1:] == "("


# A slogan noun before a quoted text introduces words that were chanted or written as a
# message ("skandierten Parolen wie „…“", "Hassparolen wie „…“", "Sprüche wie „…“").
_SLOGAN_BEFORE = re.compile(r"(?:parolen?|sprüchen?|spruch|sprechchöre|sprechchor)\b[^.;:!?()]{0,60}$",
                            re.IGNORECASE)


def _slogan(text: str, span: tuple[int, int]) -> bool:
    """Whether a slogan noun shortly before the quote introduces it as chanted or written words."""
    return bool(_SLOGAN_BEFORE.search(text[max(0, span[0] - 90):span[0]]))


def _quoted_sentence(words: list[str], span: tuple[int, int], sentence: Sentence) -> bool:
    """Whether a quote stands as a sentence of its own (nothing but punctuation around it)
    and reads as speech: three words or more, one of them a lower-case word that is not
    a function word of names ("„Ja, es gibt Zumutungen“.")."""
    return not sentence.tokens and sentence.quoted == (span,) and len(words) >= 3 \
        and any(w[:1].islower() and w.lower() not in _TITLE_FUNCTION_WORDS for w in words)


def _reputation(text: str, span: tuple[int, int]) -> bool:
    """Whether the quote says what someone or something is known or regarded as, not what
    anyone said: "gilt als „Störfall“", "das als „Dschungel von Calais“ bekannte Lager"."""
    if _REPUTED.search(text[max(0, span[0] - 80):span[0]]):
        return True
    return _word_before(text, span[0]) == "als" and text[span[1]:span[1] + 12].lstrip().lower().startswith("bekannt")


def is_quotation(text: str, span: tuple[int, int], sentence: Sentence, follows_speaker: bool = False) -> bool:
    """Whether a quoted span is a quotation rather than a title, name or scare quote.

    `follows_speaker`: the previous sentence of the paragraph had a speaker, so a quoted
    sentence standing alone continues what that speaker said.
    """
    inner = text[span[0] + 1:span[1] - 1].strip()
    words = inner.split()
    if not words or not any(ch.isalpha() for ch in inner):
        return False
    quote = _read_quote(text, span, sentence, inner, words, follows_speaker)
    for test in _QUOTATION_TESTS:  # the first test that decides, in this order
        decision = test(quote)
        if decision is not None:
            return decision
    return quote.colon and quote.final


@dataclass(frozen=True)
class _QuoteReading:
    """What the tests of `is_quotation` read off a quoted span in its sentence."""

    text: str
    span: tuple[int, int]
    sentence: Sentence
    inner: str  # the text inside the quotation marks, stripped
    words: list[str]  # its words, split at spaces
    before: str  # the word before the quotation, lower-cased
    personal: bool  # a word of the first or second person
    final: bool  # sentence punctuation at its end, or a comma after it
    titled: bool  # a title, name or term rather than words said
    colon: bool  # a colon right before it
    context: bool  # the sentence has a speech cue, a Konjunktiv or says words are written
    follows_speaker: bool  # the previous sentence of the paragraph had a speaker


def _read_quote(text: str, span: tuple[int, int], sentence: Sentence, inner: str, words: list[str],
                follows_speaker: bool) -> _QuoteReading:
    """What the tests of `is_quotation` decide by, read off a quoted span with words in it."""
    before = _word_before(text, span[0])
    personal = any(w.strip(".,;:!?").lower() in _FIRST_SECOND_PERSON for w in words)
    final = inner[-1] in ".!?…," or text[span[1]:span[1] + 1] == ","
    titled = _titled(text, span, sentence, inner, words, before, personal)
    colon = text[max(0, span[0] - 3):span[0]].rstrip().endswith(":")
    context = bool(sentence.frames) or sentence.konjunktiv or sentence.read_in
    return _QuoteReading(text=text, span=span, sentence=sentence, inner=inner, words=words, before=before,
                         personal=personal, final=final, titled=titled, colon=colon, context=context,
                         follows_speaker=follows_speaker)


def _titled(text: str, span: tuple[int, int], sentence: Sentence, inner: str, words: list[str], before: str,
            personal: bool) -> bool:
    """Whether a quoted span is a title, name or term: announced so, named so, or so by its form or place."""
    titled = _title_announced(text, span, before)
    if titled and inner[:1].islower() and _mostly_lower(words) and not _foreign_term(words) \
            and not _medium_noun(before):
        titled = False  # a run of lower-case words is speech, as titles open with a capital, but media
        # are often named in lower case ("des Magazins „stadt und land“")
    if before == "sich" and _SHOWN_BEFORE.search(text, max(0, span[0] - 30), span[0]):
        titled = False  # "zeigte man sich „sehr besorgt“" shows a feeling; "nennt sich „…“" names
    if not (personal or inner[-1] in ".!?…"):
        titled = titled or _name_by_form(text, span, sentence, words)
    return bool(titled or _named_as(text, span, sentence))


def _medium_noun(word: str) -> bool:
    """Whether a lower-cased word is a medium's noun, also in the genitive ("Zeitung", "des Magazins")."""
    return word.removesuffix("es").removesuffix("s").endswith(_MEDIUM_ENDINGS)


def _title_announced(text: str, span: tuple[int, int], before: str) -> bool:
    """Whether the words before a quoted span announce a title or name: a title noun, "sogenannt", "Motto:"."""
    return bool(_title_noun(before) or before.startswith(("sogenannt", "genannt")) or before in TITLE_MARKERS
                or re.search(
                    r"(?i)\b(motto|titel|slogan|aufschrift|name)\s*:\s*$", text[max(0, span[0] - 20):span[0]]))


def _name_by_form(text: str, span: tuple[int, int], sentence: Sentence, words: list[str]) -> bool:
    """Whether a quoted phrase that is not a sentence is a name or term by its form or by the words around it."""
    return _speaker_named(text, span, sentence) or _reputation(text, span) \
        or _foreign_term(words) or (len(words) <= 3 and any(_name_word(w) for w in words)) \
        or _institution_name(words) or (len(words) <= 5 and _term_in_apposition(text, span))


def _continued_speech(quote: _QuoteReading) -> bool | None:
    """A quoted sentence alone after a sentence with a speaker continues that speaker's words."""
    if quote.follows_speaker and _fills_sentence(quote.span, quote.sentence) and quote.inner[-1] in ".!?…" \
            and len(quote.words) >= 3:
        return True
    return None


def _quote_before_cue(quote: _QuoteReading) -> bool | None:
    """A quote right before its speech cue is speech, unless it is a title or name."""
    if _cue_follows(quote.text, quote.span, quote.sentence) and not quote.titled:
        return True  # „…“, sagte sie
    return None


def _quote_before_trailing_frame(quote: _QuoteReading) -> bool | None:
    """A quote of three words or more before a comma and a verb with its subject is speech."""
    if not quote.titled and len(quote.words) >= 3 and quote.text[quote.span[1]:quote.span[1] + 1] == "," \
            and not _title_like(quote.words) and _trailing_frame(quote.text, quote.span, quote.sentence):
        return True  # „…“, ist sich Roth sicher
    return None


def _chanted_or_standalone(quote: _QuoteReading) -> bool | None:
    """A quote introduced as a slogan, or standing as a sentence of its own, is speech."""
    if quote.titled:
        return None
    if _slogan(quote.text, quote.span) or _quoted_sentence(quote.words, quote.span, quote.sentence):
        return True
    return None


def _long_quote(quote: _QuoteReading) -> bool | None:
    """A quote of eight words or more is speech unless it reads as a long name or title."""
    if len(quote.words) < 8:
        return None
    if (_mostly_capitalised(quote.words) and not (quote.personal or quote.final)) \
            or (_nominal_title(quote.words) and not quote.context):
        return False
    return not quote.titled or quote.personal or quote.final


def _title_or_name(quote: _QuoteReading) -> bool | None:
    """A shorter quote that is a title, name or term is no quotation."""
    return False if quote.titled else None


def _lower_case_opening(quote: _QuoteReading) -> bool | None:
    """A quote that opens in lower case is speech in a sentence of speech, or after a colon."""
    if quote.inner[:1].islower():
        return quote.context or (len(quote.words) > 1 and quote.colon)
    return None


def _first_person_opening(quote: _QuoteReading) -> bool | None:
    """A quote whose first word is of the first or second person is speech."""
    if quote.personal and quote.words[0].lower() in _FIRST_SECOND_PERSON:
        return True  # „Ich habe fertig“: a sentence in the first or second person is speech
    return None


def _personal_quote(quote: _QuoteReading) -> bool | None:
    """A quote with a word of the first or second person is speech in context, when final or after a colon."""
    if quote.personal:
        return quote.context or quote.final or quote.colon
    return None


def _predicative_quote(quote: _QuoteReading) -> bool | None:
    """A quote that a clause of speech calls something ("nannte es") or speaks of is speech;
    in a clause of the writer's own beside it ("…, laut dem Verband, ein Mann, der sich als
    „Bürgerreporter“ engagierte") it is a term."""
    if quote.context and (quote.before in _PREDICATIVE or _spoken_of(quote.text, quote.span)):
        return True if _clause_speaks(quote) else None
    return None


def _clause_speaks(quote: _QuoteReading) -> bool:
    """Whether the clause a quote stands in has a speech cue or a Konjunktiv of its own."""
    tokens = quote.sentence.tokens
    k = _token_at(tokens, quote.span[0])
    if not tokens or k == 0:
        return True  # nothing before it in its sentence: its clause is the sentence's
    first = clause_start(quote.text, tokens, k - 1)
    goes_on = k < len(tokens) and not is_boundary(_unquoted(quote.text[quote.span[1]:tokens[k].start]))
    end = clause_end(quote.text, tokens, k) if goes_on else k  # the clause goes on past the quote
    return any(t.lower in KONJUNKTIV for t in tokens[first:end]) \
        or any(first <= f.cue_index < end for f in quote.sentence.frames if f.cue)


def _phrase_in_speech(quote: _QuoteReading) -> bool | None:
    """A phrase that is not title-like, in a sentence of speech, is speech when it reads as said
    words or is what the speech verb before it says."""
    if quote.context and not _title_like(quote.words):
        return quote.final or quote.colon or _mostly_lower(quote.words) or _object_of_speech_verb(quote)
    return None


# What a speech verb's object looks like right before its quoted noun: an article of the
# accusative, or nothing, and lower-case attributes ("konstatierte eine wachsende „…“").
_OBJECT_OPENING = re.compile(r"(?:^|\s(?:den|die|das|einen|eine|ein|keine|keinen|kein))\s+(?:[a-zäöüß][\w-]*\s+){0,2}$")


def _object_of_speech_verb(quote: _QuoteReading) -> bool:
    """Whether the quoted phrase is the object of a speech verb before it in its clause
    ("Die Stadt verspricht „Ruhe ohne Lärm“"), not a phrase a preposition or a noun governs."""
    for frame in quote.sentence.frames:
        if frame.cue is None or frame.passive or frame.cue[1] > quote.span[0] \
                or quote.sentence.tokens[frame.cue_index].lower not in _VERB_CUE_WORDS:
            continue
        gap = quote.text[frame.cue[1]:quote.span[0]]
        opening = _OBJECT_OPENING.search(gap)
        if opening and _same_clause(quote.text, frame.cue[1], quote.span[0], 100) \
                and not any(word in _PREPOSITIONS for word in opening.group().split()):
            return True
    return False


# The tests of `is_quotation`, tried in order: each says True, False or None (no decision).
_QUOTATION_TESTS = (_continued_speech, _quote_before_cue, _quote_before_trailing_frame, _chanted_or_standalone,
                    _long_quote, _title_or_name, _lower_case_opening, _first_person_opening, _personal_quote,
                    _predicative_quote, _phrase_in_speech)


# A quoted span that a naming construction calls something: "nennt man einen „…“", "der
# Name lautet „…“", "„…“, so lautet der Titel", "„…“ genannt", "als „…“ bezeichnet wird".
_NAMED_BEFORE = re.compile(
    r"(?i)(?:\bnennt man(?: \w+)?|\b(?:name|titel|bezeichnung|spitzname|arbeitstitel)\s+lautete?(?:\s+\w+)?)\s*$")
_PERFECT_AUXILIARIES = "hat|hatte|hatten|haben|habe|hätte"  # "… genannt hatte", "habe … genannt"
_NAMED_AFTER = re.compile(r"(?i)\s*(?:genannt\b(?!\s+(?:" + _PERFECT_AUXILIARIES + r")\b)"
                          r"|,\s*so lautete? (?:der|die|das) (?:titel|name|motto)\b)")  # but "… genannt hatte"
_PASSIVE_NAMING = re.compile(r"\s*bezeichnet (?:wird|werden|wurde|wurden)\b")
# A quoted span given as an example of a noun: "Vorträge wie „…“" names a title, but "Parolen
# wie „…“" quotes what was said, as the noun is one of saying.
_EXAMPLE_OF = re.compile(r"\b[A-ZÄÖÜ][\w-]+\s+wie\s+$")
_SAYING_ENDINGS = lexicon.entries("saying_endings")


# The agent of a passive naming ("von X als „…“ bezeichnet"): a "von" phrase that no
# coordinator parts from the quote, as a verb phrase of its own would ("der von der Sonne
# ausgeht und als „…“ bezeichnet wird").
_AGENT = re.compile(r"(?is)\b(?:von|vom)\s(?!.*\b(?:und|oder|sowie)\s)")


def _named_as(text: str, span: tuple[int, int], sentence: Sentence) -> bool:
    """Whether the quoted span is what something is called, not what someone said; a
    passive "als „…“ bezeichnet wird" counts only without an agent ("von X")."""
    before, after = text[max(sentence.start, span[0] - 40):span[0]], text[span[1]:span[1] + 40]
    agent = _AGENT.search(text[max(sentence.start, span[0] - 80):span[0]])
    passive = any(t.lower in _PASSIVE_AUXILIARIES for t in sentence.tokens)
    perfect = re.search(r"\b(?:" + _PERFECT_AUXILIARIES + r")\b", before)  # "habe die Lage „…“ genannt"
    if _NAMED_BEFORE.search(before) or (_NAMED_AFTER.match(after) and not (agent and passive) and not perfect):
        return True  # but "Von der Regierung wurde der Plan „unsinnig“ genannt" reports speech
    if _EXAMPLE_OF.search(before) and not any(word.lower().endswith(_SAYING_ENDINGS)
                                              for word in _WORD.findall(before)):
        return True  # "Vorträge wie „…“", but "Parolen in Hebräisch wie „…“" are what was said
    return before.endswith("als ") and bool(_PASSIVE_NAMING.match(after)) and not agent


# Speech verbs and the preposition of what they speak of, warn of or advise: "sprach von",
# "warnte vor", "riet zu"; the quote stands in that preposition's phrase, the verb before it
# or closing the clause after it ("hatte vor „…“ gewarnt"), but not right after a noun, whose
# name it is ("warnte vor dem Mittel „…“").
_VERBS_OF_SPEECH = "|".join(f"(?P<{kind}>{'|'.join(lexicon.entries(name))})" for kind, name in (
    ("speaking", "spoken_of_verbs"), ("warning", "warned_of_verbs"), ("advising", "advised_verbs")))
_OF_SPEECH = r"(?:(?P<von>von|vom)|(?P<vor>vor)|(?P<zu>zu|zum|zur))\s+(?:(?:[\w-]+\s+){0,2}[a-zäöüß][\w-]*\s+)?"
_VERB_OF_SPEECH = re.compile(r"(?i:\b(?:" + _VERBS_OF_SPEECH + r")\b)[^.;:!?„“”\"»«]{0,60}?\b" + _OF_SPEECH + "$")
_OF_SPEECH_BEFORE = re.compile(r"\b" + _OF_SPEECH + "$")
_VERB_OF_SPEECH_AFTER = re.compile(r"(?i)[^.;:!?„“”\"»«]{0,40}?\b(?:" + _VERBS_OF_SPEECH + r")\b")
_PREPOSITION_OF = {"speaking": "von", "warning": "vor", "advising": "zu"}


def _spoken_of(text: str, span: tuple[int, int]) -> bool:
    """Whether a quote is what someone spoke of, warned of or advised: "Analysten sprachen von
    „Panikverkäufen“", "Berg warnte vor den „Kosten der Eile“", "Lind hatte zu „Geduld“ geraten"."""
    verb = preposition = _VERB_OF_SPEECH.search(text, max(0, span[0] - 120), span[0])
    if verb is None:
        preposition = _OF_SPEECH_BEFORE.search(text, max(0, span[0] - 60), span[0])
        verb = _VERB_OF_SPEECH_AFTER.match(text, span[1]) if preposition else None
    if verb is None or preposition is None:
        return False
    kind = next(kind for kind in _PREPOSITION_OF if verb[kind])
    return preposition[_PREPOSITION_OF[kind]] is not None


# Words before a one-word quotation that make it predicative ("nannte es „absurd“").
_PREDICATIVE = lexicon.words("predicative")


# ---------------------------------------------------------------------------
# Assembling the quotes of one sentence

def analyse_sentence(text: str, start: int, end: int, spans: list[tuple[int, int]],
                     span_starts: list[int]) -> Sentence:
    """Tokenise one sentence outside its quoted spans and find its speech frames."""
    lo, hi = bisect_left(span_starts, start), bisect_left(span_starts, end)
    quoted = tuple(sp for sp in spans[lo:hi] if sp[1] <= end)
    tokens, k = [], 0
    for tok in tokenize(text, start, end):
        while k < len(quoted) and quoted[k][1] <= tok.start:
            k += 1
        if k < len(quoted) and quoted[k][0] <= tok.start < quoted[k][1]:
            continue
        tokens.append(tok)
    return Sentence(start, end, quoted, tuple(tokens), tuple(find_frames(text, tokens, start)))


def _frame_for(text: str, span: tuple[int, int], sentence: Sentence) -> Frame | None:
    """The speech frame of a direct quote: ", sagte X" right after it, else the nearest before."""
    frames = [f for f in sentence.frames if f.cue]
    after = [f for f in frames if f.cue_span[0] >= span[1]]
    before = [f for f in frames if f.cue_span[1] <= span[0] and f.speaker]
    right_after = None if _in_opening_clause(text, span, sentence, before) else _cue_right_after(text, span, after)
    frame = _speech_noun_cue_before(text, span, frames) or right_after \
        or _passive_cue_before_colon(text, span, sentence, frames) or _cue_before_colon(text, span, sentence, before) \
        or _cue_in_same_clause(text, span, before, after)
    if frame:
        return frame
    if before:
        return _nearest_cue_before(text, span, sentence, before)
    return _later_cue(text, span, after)


def _in_opening_clause(text: str, span: tuple[int, int], sentence: Sentence, before: list[Frame]) -> bool:
    """Whether a quote stands in an adverbial clause that opens the sentence and has a speech
    cue of its own: the main clause's verb comes right after that clause (verb second), so a
    verb right after the quote does not report it ("Während Berg erklärte, …, „…“, räumte
    Lind ein, …")."""
    tokens = sentence.tokens
    return bool(tokens) and tokens[0].lower in _ADVERBIAL_SUBORDINATORS and tokens[0].start < span[0] \
        and any(f.cue_index > 0 and _verb_last(text, tokens, f.cue_index) for f in before)


def _verb_last(text: str, tokens: Sequence[Token], i: int) -> bool:
    """Whether verb i stands last in its clause, or before one finite auxiliary that does, as
    in a subordinate clause ("…, als Berg sagte,", "nachdem Berg gesagt hatte,"): not
    "Seit Jahren fordert Berg …", where "seit" is a preposition."""
    return _clause_final(text, tokens, i) \
        or (i + 1 < len(tokens) and tokens[i + 1].lower in _AUXILIARIES and _clause_final(text, tokens, i + 1))


def _speech_noun_cue_before(text: str, span: tuple[int, int], frames: list[Frame]) -> Frame | None:
    """The last speech-noun cue with a speaker before the quote, when no later cue precedes the quote."""
    noun = [f for f in frames if f.cue_span[1] <= span[0] and f.speaker
            and text[f.cue_span[0]:f.cue_span[1]].lower() in _SPEECH_NOUNS]
    if noun and not any(f.cue_span[1] <= span[0] for f in frames if f.cue_span[0] > noun[-1].cue_span[0]):
        return noun[-1]  # "Den Vorwurf der CDU, der Plan sei „…“, wies Müller zurück"
    return None


def _cue_right_after(text: str, span: tuple[int, int], after: list[Frame]) -> Frame | None:
    """The first cue after the quote when only punctuation, "mit diesen Worten" or "wie" comes between."""
    if not after:
        return None
    first = after[0]
    if first.content == "before" and not text[span[1]:first.cue_span[0]].strip(" ,\u00a0?!"):
        return first
    if first.speaker and _WITH_THESE_WORDS.fullmatch(text, span[1], first.cue_span[0]):
        return first  # "„…“, mit diesen Worten meldete sich X zurück"
    if first.speaker and re.fullmatch(r"[\s,?!]*wie\s", text[span[1]:first.speaker[0]]):
        return first  # "„…“, wie der Minister sagte"
    return None


def _passive_cue_before_colon(text: str, span: tuple[int, int], sentence: Sentence,
                              frames: list[Frame]) -> Frame | None:
    """The last cue before a quote introduced by a colon, when it is passive and has no speaker."""
    preceding = [f for f in frames if f.cue_span[1] <= span[0]]
    if preceding and preceding[-1].passive and preceding[-1].speaker is None \
            and _introduced_by_colon(text, span, sentence):
        return preceding[-1]  # "Roth wurde gefragt: „…“": the one asked does not speak
    return None


def _cue_before_colon(text: str, span: tuple[int, int], sentence: Sentence, before: list[Frame]) -> Frame | None:
    """The cue before a colon that introduces the quote: a main clause's, a relative clause's, or the colon's."""
    if not before or not _introduced_by_colon(text, span, sentence):
        return None
    main = [f for f in before if _main_clause_verb(text, sentence.tokens, f.cue_index)]
    if main:
        return main[-1]  # "Wie CBS berichtet, sagte Gibbs: „…“"
    if re.fullmatch(r"\s*:\s*", text[before[-1].cue_span[1]:span[0]]) and _in_relative_clause(
            text, list(sentence.tokens), before[-1].cue_index):
        return before[-1]  # "Er traf Roth, der sagte: „…“"
    if all(_embedded(text, sentence.tokens, f.cue_index) for f in before):
        return _colon_frame(text, span, sentence) or before[-1]  # "Wie CBS berichtet, schrieb Gibbs: „…“"
    return None


def _cue_in_same_clause(text: str, span: tuple[int, int], before: list[Frame], after: list[Frame]) -> Frame | None:
    """The nearest cue before the quote, else the first after it, when no clause punctuation separates them."""
    if before and _same_clause(text, before[-1].cue_span[1], span[0], 400):
        return before[-1]
    if after and after[0].speaker and _same_clause(text, span[1], after[0].cue_span[0]):
        return after[0]  # a verb-final clause: "den Berg als „unmöglich“ bezeichnete"
    return None


def _nearest_cue_before(text: str, span: tuple[int, int], sentence: Sentence, before: list[Frame]) -> Frame:
    """The nearest cue before the quote: a relative clause's that reports it, else one outside embedded clauses."""
    last = before[-1]
    if sentence.reported and _in_relative_clause(text, list(sentence.tokens), last.cue_index) \
            and re.fullmatch(r"[^,;:]{0,20},[^,;:]*", text[last.cue_span[1]:span[0]]):
        return last  # "Roth widersprach Meier, der gesagt hatte, die Lage sei „ruhig“"
    outside = [f for f in before if not any(ch in text[f.cue_span[1]:span[0]] for ch in ",;:")
               or not _embedded(text, sentence.tokens, f.cue_index)]
    return outside[-1] if outside else before[-1]  # not the cue of a relative clause between


def _later_cue(text: str, span: tuple[int, int], after: list[Frame]) -> Frame | None:
    """The first later cue with a speaker that reports what precedes it, else a passive cue in the quote's clause."""
    later = [f for f in after if f.content == "before" and f.speaker]
    if not later and after and after[0].passive and _same_clause(text, span[1], after[0].cue_span[0]):
        return after[0]  # "Er wurde als „…“ bezeichnet": a cue without a speaker
    return later[0] if later else None


_WITH_THESE_WORDS = re.compile(r"[\s,:–—-]*mit (?:diesen|den|folgenden|solchen) Worten\s+", re.IGNORECASE)


def _same_clause(text: str, start: int, end: int, limit: int = 80) -> bool:
    """Whether no clause punctuation separates two close positions."""
    return end - start < limit and not any(ch in text[start:end] for ch in ",;:.!?")


def _trailing_frame(text: str, span: tuple[int, int], sentence: Sentence) -> Frame | None:
    """Any verb right after a quote with a subject behind it: "„…“, zeigte sich X zufrieden"."""
    tokens = sentence.tokens
    k = _token_at(tokens, span[1])
    if k >= len(tokens) or text[span[1]:tokens[k].start].strip(" ,?!.") or not tokens[k].text.islower():
        return None
    if "," not in text[span[1]:tokens[k].start] and text[span[1] - 2:span[1] - 1] not in "?!" \
            and tokens[k].lower.endswith(("ene", "enen", "ener", "enes", "ende", "enden")):
        return None
    if tokens[k].lower == "so" and k + 1 < len(tokens) and tokens[k + 1].text.islower():
        k += 1  # "„…“, so urteilte Romney"
    if tokens[k].lower in _NO_TRAILING_VERB:
        return None  # "„…“ komme die Regierung zum selben Ergebnis" is reported, not said
    speaker = _subject_after(text, tokens, k)
    return Frame((tokens[k].start, tokens[k].end), speaker, k, "before") if speaker else None


# Pronouns that open a relative clause after a quote, never a cue: "„…“, was die Stadt
# viel Geld kostet", "„…“, welche die Kommission prüft".
_CLAUSE_PRONOUNS = RELATIVES | _RELATIVE_FORMS | {"was", "wer", "wem", "wen"}
# Words after a quote that are not the verb reporting it: a preposition, a conjunction, an
# article, a Konjunktiv (reported: "„…“ komme die Regierung …") or a pronoun opening a clause.
_NO_TRAILING_VERB = _PREPOSITIONS | _SUBORDINATORS | DETERMINERS | KONJUNKTIV | _CLAUSE_PRONOUNS


def _introduced_by_colon(text: str, span: tuple[int, int], sentence: Sentence) -> bool:
    """Whether a colon right before the quote introduces it."""
    return text[max(sentence.start, span[0] - 3):span[0]].rstrip().endswith(":")


def _main_clause_verb(text: str, tokens: tuple[Token, ...], i: int) -> bool:
    """Whether token i is a speech verb of a main clause, not of a "wie", "dass" or relative
    clause and not a noun cue such as "ihrer Meinung nach"."""
    return _is_speech_verb(list(tokens), i, text) and not _embedded(text, tokens, i)


def _embedded(text: str, tokens: tuple[Token, ...], i: int) -> bool:
    """Whether token i stands in a "wie", "dass" or relative clause."""
    first = clause_start(text, tokens, i)
    opener = tokens[first].lower
    gap = text[tokens[first - 1].end:tokens[first].start] if first else ""
    if opener in _EMBEDDING_OPENERS:
        return True
    if first and tokens[first - 1].lower in _EMBEDDING_OPENERS and not is_boundary(gap):
        return True  # "Wie CBS berichtet", where the clause starts after "Wie"
    if first and opener in RELATIVES:
        return "," in gap  # a relative pronoun follows a comma; "und der …" opens a main clause
    return opener in _PREPOSITIONS and first + 1 < len(tokens) and tokens[first + 1].lower in RELATIVES


def _in_relative_clause(text: str, tokens: Sequence[Token], i: int) -> bool:
    """Whether token i stands in a relative clause: one opened by a relative pronoun after a comma."""
    first = clause_start(text, tokens, i)
    return first > 0 and tokens[first].lower in RELATIVES and "," in text[tokens[first - 1].end:tokens[first].start]


# Words that open a clause embedded in another: its verb is not the main clause's.
_EMBEDDING_OPENERS = lexicon.words("embedding_openers")


def _colon_frame(text: str, span: tuple[int, int], sentence: Sentence) -> Frame | None:
    """The subject of the clause before a colon that introduces the quote: "X sagte dazu: „…“"."""
    if not _introduced_by_colon(text, span, sentence):
        return None
    tokens = [t for t in sentence.tokens if t.end <= span[0]]
    if not tokens:
        return None
    first = 0
    while first < len(tokens) and tokens[first].lower in _EMBEDDING_OPENERS:
        first = clause_end(text, tokens, first)  # past "Wie der Sender berichtet,"
    if any(t.lower in KONJUNKTIV_I for t in tokens[first:]):
        return None  # reported speech before the colon: its speaker was named before
    speaker = clause_subject(text, tokens, first, len(tokens))
    if speaker is None or _thing(text, speaker):  # "Kritik kam von der Opposition: „…“" names who said it;
        # "Seine Zuversicht gründet sich auf …: „…“" continues the last speaker
        source = _coming_from(text, tokens, first)
        return Frame(None, source, len(tokens) - 1, "after") if source else None
    return Frame(None, speaker, len(tokens) - 1, "after") if speaker else None


_COMING = lexicon.words("coming")


def _coming_from(text: str, tokens: Sequence[Token], first: int) -> tuple[int, int] | None:
    """Who something said came from: the "von" or "aus" phrase of a clause with "kam" ("Kritik
    kam von X", "Von der Opposition kam scharfe Kritik", "Aus der Partei hagelte es Kritik")."""
    if not any(t.lower in _COMING for t in tokens[first:]):
        return None
    for k in range(first, len(tokens) - 1):
        if tokens[k].lower in ("von", "vom", "aus", "seitens", "vonseiten"):
            return noun_phrase_after(text, tokens, k + 1)
    return None


# Endings of abstract nouns, which name things said, not those who say them.
_ABSTRACT_ENDINGS = lexicon.entries("abstract_endings")
# Other frequent nouns of things that open clauses before a quotation.
_THING_NOUNS = lexicon.words("thing_nouns")


# Nouns with those endings that name bodies which speak: "die Regierung", "die Kommission".
_SPEAKING_BODIES = lexicon.entries("quote_speaking_bodies")


def _thing(text: str, span: tuple[int, int]) -> bool:
    """Whether a noun phrase names a thing rather than a possible speaker: its head noun is
    abstract ("Seine Zuversicht", "Jegliche Mitverantwortung") or a common noun of things."""
    for match in _WORD.finditer(text, span[0], span[1]):
        word = match.group().lower()
        if word in DETERMINERS or word in PRONOUNS or not match.group()[:1].isupper():
            if word in PRONOUNS:
                return False
            continue
        following = text[match.end():match.end() + 2]
        if word.endswith(("e", "en", "er", "es", "em")) and following[:1] == " " and following[1:2].isupper() \
                and word not in _THING_NOUNS:
            continue  # an adjective at the start of a sentence: "Jegliche Mitverantwortung"
        if word.endswith(_SPEAKING_BODIES):
            return False
        holder = re.match(r" ([A-ZÄÖÜ]\w+s)\b", text[match.end():span[1]])  # "Die Worte Bergers"
        if holder and holder.end() + match.end() == span[1]:
            return False
        return word in _THING_NOUNS or word.endswith(_ABSTRACT_ENDINGS)
    return False


# Focus particles that may stand before the subject in the first position ("Auch Merkel sagte").
_FOCUS_PARTICLES = lexicon.words("focus_particles")


def _focused_subject(text: str, tokens: Sequence[Token], first: int, verb: int) -> tuple[int, int] | None:
    """The subject after a focus particle that opens the clause, when the verb follows it:
    "Auch die amtierende Ministerin äußerte …"."""
    if first + 1 >= verb or tokens[first].lower not in _FOCUS_PARTICLES:
        return None
    span = noun_phrase_after(text, tokens, first + 1)
    return span if span and span[1] >= tokens[verb - 1].end else None


def clause_subject(text: str, tokens: Sequence[Token], first: int, stop: int) -> tuple[int, int] | None:
    """The likely subject of the clause tokens[first:stop]: its first phrase, or after its verb."""
    if first + 1 < stop and tokens[first].lower in _CONJUNCTIONS:
        first += 1  # "Obwohl Steinbrück … rechnet"
    if first >= stop:
        return None
    opening = _subject_opening_clause(text, tokens, first, stop)
    if opening:
        return opening
    fronted = _fronted_noun_phrase_subject(text, tokens, first, stop)
    if fronted:
        return fronted
    if first and tokens[first].text.islower() and tokens[first].lower not in _PREPOSITIONS:
        return _subject_beside_lower_opener(text, tokens, first)
    return _subject_after_first_verb(text, tokens, first, stop)


def _subject_opening_clause(text: str, tokens: Sequence[Token], first: int, stop: int) -> tuple[int, int] | None:
    """A subject at the clause's start: a proper noun before the verb, a focused phrase, a pronoun."""
    if proper_noun(tokens[first]) and first + 1 < stop and _verb_like(tokens, first + 1):
        return (tokens[first].start, tokens[first].end)  # "Oslo reagierte zurückhaltend: „…“"
    verb = next((j for j in range(first + 1, stop) if _verb_like(tokens, j)), stop)
    focused = _focused_subject(text, tokens, first, verb) if verb < stop else None
    if focused:
        return focused
    return _pronoun_subject(text, tokens, first, stop)


def _fronted_noun_phrase_subject(text: str, tokens: Sequence[Token], first: int,
                                 stop: int) -> tuple[int, int] | None:
    """The subject of a clause opened by a noun phrase: the phrase, or the subject after a fronted object."""
    if _adverbial(tokens[first]):
        return None
    span = noun_phrase_after(text, tokens, first)
    if not span:
        return None
    inverted = _subject_after_fronted(text, tokens, first, stop, span)
    if inverted is None and _thing(text, span):
        inverted = _holder_of(text, tokens, span) or _subject_after_thing(text, tokens, stop, span)
    return inverted or span


def _subject_beside_lower_opener(text: str, tokens: Sequence[Token], first: int) -> tuple[int, int] | None:
    """The subject of a later clause opened by a lower-case word: before its comma, or after it."""
    if _apposition_before(text, tokens, first):
        return _subject_before_comma(text, tokens, first) or _subject_after(text, tokens, first)
    return _subject_after(text, tokens, first) or _subject_before_comma(text, tokens, first)


def _subject_after_first_verb(text: str, tokens: Sequence[Token], first: int, stop: int) -> tuple[int, int] | None:
    """The subject after the first word of the clause that may be its verb."""
    for j in range(first + 1, stop):
        if _verb_before_subject(tokens, j):
            return _subject_after(text, tokens, j)
    return None


def _verb_before_subject(tokens: Sequence[Token], j: int) -> bool:
    """Whether token j may be a verb the subject follows: a lower-case word that is no function word."""
    tok = tokens[j]
    follower = tokens[j + 1].lower if j + 1 < len(tokens) else ""
    verb_like = not _adjective(tok) or follower in DETERMINERS or follower in PRONOUNS
    return tok.text.islower() and verb_like and not (
        tok.lower in _PREPOSITIONS or tok.lower in DETERMINERS or tok.lower in _SKIP_ADVERBS
        or tok.lower in _SUBORDINATORS or tok.lower == "zusammen" or tok.lower in _FEELINGS)


# Personal pronouns that can only be (or nearly always are) a subject after a fronted word.
_SUBJECT_PRONOUNS = lexicon.words("subject_pronouns")


def _pronoun_subject(text: str, tokens: Sequence[Token], first: int, stop: int) -> tuple[int, int] | None:
    """The pronoun subject of a clause whose first capitalised word is its verb ("Hatte sie
    …") or one fronted word before the verb ("Aktuell lässt sie …"), not a noun phrase."""
    if first + 2 >= stop or not tokens[first].capitalised or tokens[first].lower in DETERMINERS:
        return None
    if tokens[first + 1].lower in _SUBJECT_PRONOUNS and _joined(text, tokens[first], tokens[first + 1]):
        return (tokens[first + 1].start, tokens[first + 1].end)
    if _verb_like(tokens, first + 1) and tokens[first + 2].lower in _SUBJECT_PRONOUNS \
            and _joined(text, tokens[first], tokens[first + 1]) and _joined(text, tokens[first + 1], tokens[first + 2]):
        return (tokens[first + 2].start, tokens[first + 2].end)
    return None


def _verb_like(tokens: Sequence[Token], j: int) -> bool:
    """Whether token j may be a clause's finite verb: a lower-case word that is no article and
    no attributive adjective; a word ending like an adjective ("attackierte", "zogen") is a
    verb when no noun follows it."""
    tok = tokens[j]
    if not tok.text.islower() or tok.lower in DETERMINERS:
        return False
    follower = tokens[j + 1] if j + 1 < len(tokens) else None
    return not _adjective(tok) or follower is None or not follower.capitalised or follower.lower in DETERMINERS


def _holder_of(text: str, tokens: Sequence[Token], thing: tuple[int, int]) -> tuple[int, int] | None:
    """The person after "von", or in the genitive, whose view a thing is: "Das Fazit von
    Sandra Boser", "Die Reaktion des Ministers"."""
    k = _token_at(tokens, thing[1])
    if k + 1 < len(tokens) and tokens[k].lower in ("von", "vom") and _joined(text, tokens[k - 1], tokens[k]):
        holder = noun_phrase_after(text, tokens, k + 1)
        return holder if holder and not _thing(text, holder) else None
    start = _token_at(tokens, thing[0])
    for j in range(start + 2, k):  # a genitive after a noun of response: "Die Reaktion des Ministers"
        if tokens[j].lower in ("des", "der") and tokens[j - 1].lower in _RESPONSE_NOUNS:
            holder = (tokens[j].start, thing[1])
            return holder if not _thing(text, holder) else None
    return None


# Nouns for what someone answered or concluded, whose genitive names who did.
_RESPONSE_NOUNS = _SPEECH_NOUNS | lexicon.words("response_nouns")


def _subject_after_thing(text: str, tokens: Sequence[Token], stop: int,
                         fronted: tuple[int, int]) -> tuple[int, int] | None:
    """The subject after the verb when the first phrase names a thing, which is then the
    object: "Jegliche Mitverantwortung weist Hartmann von sich"."""
    after = _phrase_after_verb(text, tokens, stop, fronted)
    return after if after and not _thing(text, after) else None


def _subject_after_fronted(text: str, tokens: Sequence[Token], first: int, stop: int,
                           fronted: tuple[int, int]) -> tuple[int, int] | None:
    """The subject after the verb when the clause's first phrase is a fronted object:
    "Das Angebot lehnt er ab", "Die Anwendung stellte der Vorsitzende in Frage"."""
    after = _phrase_after_verb(text, tokens, stop, fronted)
    return after if after and _inverted_subject(text, tokens, first, after) else None


def _after_inserted_clause(text: str, tokens: Sequence[Token], k: int, stop: int) -> int:
    """The token after an infinitive or relative clause set off by commas after a fronted
    phrase, if a verb follows it; else `stop`."""
    end = clause_end(text, tokens, k)
    inserted = tokens[k].lower in RELATIVES or any(t.lower == "zu" for t in tokens[k:end])
    if not inserted or end >= stop or "," not in text[tokens[end - 1].end:tokens[end].start]:
        return stop
    return end if _verb_like(tokens, end) else stop


def _phrase_after_verb(text: str, tokens: Sequence[Token], stop: int,
                       fronted: tuple[int, int]) -> tuple[int, int] | None:
    """The phrase after the verb that follows a clause's first phrase, if a verb follows it."""
    k = _past_attributes(text, tokens, _token_at(tokens, fronted[1]), stop)
    if k is None:
        return None
    if k < stop and "," in text[fronted[1]:tokens[k].start]:
        k = _after_inserted_clause(text, tokens, k, stop)  # "Das Angebot, … zu behandeln, lehnt er ab"
    elif k < stop and is_boundary(text[fronted[1]:tokens[k].start]):
        return None
    return _subject_after(text, tokens, k) if _verb_after_phrase(tokens, k, stop) else None


def _past_attributes(text: str, tokens: Sequence[Token], k: int, stop: int) -> int | None:
    """The token after up to three prepositional attributes at token k; None when one lacks its noun phrase."""
    for _ in range(3):  # past attributes of the fronted phrase: "Jegliche Schuld an der Affäre weist er …"
        if k >= stop or tokens[k].lower not in _PREPOSITIONS or tokens[k].lower == "als" \
                or not _joined(text, tokens[k - 1], tokens[k]):
            break
        attribute = noun_phrase_after(text, tokens, k + 1)
        if attribute is None:
            return None
        k = _token_at(tokens, attribute[1])
    return k


def _verb_after_phrase(tokens: Sequence[Token], k: int, stop: int) -> bool:
    """Whether token k may be the verb after a fronted phrase: lower case, opening no phrase or clause."""
    return k < stop and tokens[k].text.islower() \
        and not (tokens[k].lower in _PREPOSITIONS or tokens[k].lower in DETERMINERS
                 or tokens[k].lower in _SUBORDINATORS or tokens[k].lower in RELATIVES)


def direct_quotes(text: str, sentence: Sentence, carried: tuple[int, int] | None,
                  recent: tuple[int, int] | None = None, next_frame: Frame | None = None) -> list[Quote]:
    """The direct quotes of a sentence with speaker and cue spans.

    `carried` is the speaker of the previous quote of the paragraph, `recent` the last
    speaker named anywhere before, `next_frame` a cue of the next sentence that points
    back ("Das sagte X"); a quote without a cue of its own that stands alone takes the
    cue that points back, or continues the recent speaker; any other falls back to the
    subject of its clause.
    """
    quotes = []
    for span in sentence.quoted:
        if not is_quotation(text, span, sentence, carried is not None):
            continue
        found = _quote_speaker(text, span, sentence, _quote_frame(text, span, sentence), carried, recent, next_frame)
        if found is None:
            continue  # a passage set into a plain sentence, not speech
        speaker, frame, how = found
        cue = frame.cue if frame else None
        if speaker is None and cue is None and _fragment(text, span):
            continue  # a phrase that nobody is found to say is a scare quote or a term, not speech
        (speaker_start, speaker_end), (cue_start, cue_end) = speaker or (None, None), cue or (None, None)
        quotes.append(Quote(DIRECT, span[0], span[1], speaker_start, speaker_end, cue_start, cue_end,
                            how if speaker else None))
    return quotes


def _quote_frame(text: str, span: tuple[int, int], sentence: Sentence) -> Frame | None:
    """The speech frame of a direct quote: its cue in the sentence, a verb after it, or a colon before it."""
    return (_frame_for(text, span, sentence) or _trailing_frame(text, span, sentence)
            or _colon_frame(text, span, sentence))


Span = tuple[int, int]
Found = tuple[Span, str]  # a speaker mention and how it was found (CUE, COLON, …)


def _quote_speaker(text: str, span: Span, sentence: Sentence, frame: Frame | None,
                   carried: Span | None, recent: Span | None,
                   next_frame: Frame | None) -> tuple[Span | None, Frame | None, str | None] | None:
    """The speaker, frame and how the speaker was found of one quoted span, its sentence's
    sources first; None for a passage, not speech."""
    named = _speaker_named_with_quote(text, span, sentence, frame)
    if named is None and frame and frame.passive and frame.cue:
        return None, frame, None  # "Der Minister wurde als „…“ bezeichnet": said by nobody named
    if named is None:
        found = _speaker_from_context(text, span, sentence, frame, carried, recent, next_frame)
        if found is None:
            return None
        named, frame = found
    speaker, how = named or (None, None)
    if speaker and speaker[0] < span[1] and span[0] < speaker[1]:
        # a phrase in the quote itself never speaks it
        speaker, how = _first((carried, CARRIED), (recent, RECENT)) or (None, None)
    return speaker, frame, how


def _first(*candidates: tuple[Span | None, str]) -> Found | None:
    """The first candidate speaker that was found, with how it was found."""
    return next(((speaker, how) for speaker, how in candidates if speaker), None)


def _speaker_named_with_quote(text: str, span: Span, sentence: Sentence, frame: Frame | None) -> Found | None:
    """The speaker named in the quote's sentence: a text read in, a name, a label, or its frame's speaker."""
    return _first((_written_source(text, span, sentence), SOURCE),
                  (_named_before_parenthesis(text, span, sentence), LABEL),
                  (_label_before_colon(text, span, sentence), LABEL),
                  (frame.speaker if frame else None, _frame_kind(frame)))


def _frame_kind(frame: Frame | None) -> str:
    """How a frame found its speaker: by a cue, or as the subject before a colon."""
    return CUE if frame is None or frame.cue else COLON


def _speaker_from_context(text: str, span: Span, sentence: Sentence, frame: Frame | None,
                          carried: Span | None, recent: Span | None,
                          next_frame: Frame | None) -> tuple[Found | None, Frame | None] | None:
    """The speaker (with how it was found) and frame of a quote whose sentence names none,
    from its context; None for a passage."""
    found = _first((_fronted_holder(text, sentence), HOLDER), (_subject_after_dash(text, span, sentence), HEADLINE))
    if found is None:
        found, frame = _speaker_pointed_back(text, span, sentence, frame, carried, recent, next_frame)
    if found is None:
        found = _speaker_carried_on(text, span, sentence, carried)
    if found is None:
        subject = _subject_of(text, span, sentence)
        if subject and frame is None and not _fragment(text, span):
            return None  # a passage set into a plain sentence: a law, a title or a motion, not speech
        found = _first((subject, SUBJECT), (recent, RECENT))
    return found, frame


def _speaker_pointed_back(text: str, span: Span, sentence: Sentence, frame: Frame | None,
                          carried: Span | None, recent: Span | None,
                          next_frame: Frame | None) -> tuple[Found | None, Frame | None]:
    """The speaker of reported speech, or of a quote filling its sentence, named by a cue pointing back."""
    pointed = next_frame.speaker if next_frame else None
    if _reported_main_clause(text, sentence):
        found = _first((pointed, POINTED_BACK), (carried, CARRIED), (recent, RECENT))  # "… Das erklärte X."
        if found:
            return found, frame
    if _fills_sentence(span, sentence) and next_frame:
        return _first((pointed, POINTED_BACK)), next_frame  # "„…“ Das sagte Berg am Montag."
    return None, frame


def _speaker_carried_on(text: str, span: Span, sentence: Sentence, carried: Span | None) -> Found | None:
    """The speaker carried on to a quote filling its sentence or to one in a Konjunktiv sentence."""
    if _fills_sentence(span, sentence):
        found = _first((carried, CARRIED), (_subject_of(text, span, sentence), SUBJECT))
        if found:
            return found
    if sentence.konjunktiv:
        return _first((_subject_of(text, span, sentence), SUBJECT), (carried, CARRIED))
    return None


def _fragment(text: str, span: tuple[int, int]) -> bool:
    """Whether a quoted span is a short phrase rather than a sentence: under eight words and
    no closing punctuation."""
    inner = text[span[0] + 1:span[1] - 1].strip()
    return len(inner.split()) < 8 and inner[-1:] not in ".!?…"


def _subject_after_dash(text: str, span: tuple[int, int], sentence: Sentence) -> tuple[int, int] | None:
    """The subject of the clause after a quote that opens the sentence and a dash or colon,
    as in headlines: "„Wir bleiben hier“ – Roth gibt nicht auf"."""
    if text[sentence.start:span[0]].strip() or not re.match(r"[ \u00a0]*[–—:][ \u00a0]", text[span[1]:span[1] + 3]):
        return None
    tokens = list(sentence.tokens)
    k = _token_at(tokens, span[1])
    subject = clause_subject(text, tokens, k, clause_end(text, tokens, k)) if k < len(tokens) else None
    return subject if subject and not _thing(text, subject) else None


def _named_before_parenthesis(text: str, span: tuple[int, int], sentence: Sentence) -> tuple[int, int] | None:
    """The person named right before a quoted sentence in parentheses: "Roth („Niemand
    verdient es mehr.“)"."""
    if not re.search(r"\w\s*\(\s*$", text[max(sentence.start, span[0] - 4):span[0]]) \
            or not re.search(r"[.!?…][“”\"«»]$", text[span[0]:span[1]]):
        return None
    tokens = list(sentence.tokens)
    k = _token_at(tokens, span[0])
    return noun_phrase_before(text, tokens, k) if k > 0 else None


def _label_before_colon(text: str, span: tuple[int, int], sentence: Sentence) -> tuple[int, int] | None:
    """A speaker named without a verb before the colon, the last of a list: "…, und der
    Ministerpräsident Jan Roth: „…“"."""
    if not _introduced_by_colon(text, span, sentence):
        return None
    tokens = [t for t in sentence.tokens if t.end <= span[0]]
    if len(tokens) < 2:
        return None
    first = clause_start(text, tokens, len(tokens) - 1)
    if tokens[first].lower in ("und", "sowie", "oder"):
        first += 1
    if first == 0 or first >= len(tokens) or not (tokens[first].capitalised or tokens[first].lower in DETERMINERS):
        return None  # a whole sentence before the colon is a clause, not a label
    label = noun_phrase_after(text, tokens, first)
    if label is None or label[1] != tokens[-1].end or _thing(text, label):
        return None
    return _with_name_before(text, tokens, first, label)  # "Eva Lind, EU-Kommissarin: „…“"


# Words that open a sentence pointing back at the quotation before it: "Das sagte X".
_ANAPHORIC_OPENERS = lexicon.words("anaphoric_openers")


def _looking_back(text: str, sentence: Sentence, following: Sentence | None) -> Frame | None:
    """The speech cue of the next sentence when it points back at this one and names its
    speaker: "„…“ Das sagte Berg.", "„…“ Mit diesen Worten warnte Lind …"."""
    if following is None or not following.tokens or text.find("\n", sentence.end, following.start) >= 0:
        return None
    tokens = list(following.tokens)
    verb = _verb_after_anaphoric_opener(tokens)
    if verb is None:
        return None
    if tokens[verb].lower in ("ist", "war") and verb == 1:  # "Das ist die zentrale Aussage einer Studie"
        return _saying_noun_frame(text, tokens, verb)
    if not _speech_after_opener(text, tokens, verb):
        return None
    speaker = _subject_after(text, tokens, verb)
    return Frame((tokens[verb].start, tokens[verb].end), speaker, verb, "before") if speaker else None


def _verb_after_anaphoric_opener(tokens: Sequence[Token]) -> int | None:
    """The index of the lower-case verb after an opener that points back ("Das", "Mit diesen Worten")."""
    verb = 3 if tokens[0].lower == "mit" and len(tokens) > 3 and tokens[1].lower in ("diesen", "den") else 1
    if verb >= len(tokens) or (verb == 1 and tokens[0].lower not in _ANAPHORIC_OPENERS):
        return None
    return verb if tokens[verb].text.islower() else None


def _saying_noun_frame(text: str, tokens: Sequence[Token], verb: int) -> Frame | None:
    """The frame of "Das ist/war" with a noun for what was said, whose phrase is the speaker."""
    said = noun_phrase_after(text, tokens, verb + 1)
    head = _head_noun(text[said[0]:said[1]].split()) if said else ""
    return Frame((tokens[verb].start, tokens[verb].end), said, verb, "before") \
        if head in _SAYING_NOUNS else None


def _speech_after_opener(text: str, tokens: Sequence[Token], verb: int) -> bool:
    """Whether the verb after an opener that points back makes its sentence a speech cue."""
    word = tokens[verb].lower
    if word in _AUXILIARIES:  # "Das musste der Minister einräumen"
        end = clause_end(text, tokens, verb)
        return any(t.lower in SPEECH_VERBS or t.lower in _SPEECH_INFINITIVES for t in tokens[verb + 2:end])
    # after "Mit diesen Worten" any verb will do: "… eröffnete Roth die Sitzung"
    return verb != 1 or (word in SPEECH_VERBS and not word.startswith("ge"))


# Finite auxiliaries and modals that leave the speech verb to the end of the clause.
_AUXILIARIES = lexicon.words("auxiliaries")
# Infinitives of particle verbs of speech ("einräumen"), which the finite forms above miss.
_SPEECH_INFINITIVES = lexicon.words("speech_infinitives")
# Nouns for what was said, as in "Das ist die zentrale Aussage der Studie".
_SAYING_NOUNS = _SPEECH_NOUNS | lexicon.words("saying_nouns")


# Verbs with which a text, not a person, is the source: "In dem Antrag heißt es: …".
_SOURCE_VERBS = lexicon.words("source_verbs") | _VERLAUTEN
_SOURCE_PREPOSITIONS = lexicon.words("quote_source_prepositions")
_SOURCE_ADVERBS = lexicon.words("source_adverbs")
_SAID_VERBS = lexicon.words("said_verbs") | _VERLAUTEN  # "Aus Kreisen verlautete, …"
_SAID_BY_PREPOSITIONS = lexicon.words("said_by_prepositions")
# Verbs whose subject is the text quoted from: "Der Text lautete: „…“".
_WORDING_VERBS = lexicon.words("wording_verbs")


def _place_name(tokens: Sequence[Token], k: int) -> tuple[int, int] | None:
    """A bare capitalised name after a preposition, a place that stands for its government:
    "Aus Paris hieß es"."""
    token = tokens[k]
    return (token.start, token.end) if token.capitalised and token.lower not in DETERMINERS else None


def _source_verb(tokens: Sequence[Token], k: int) -> bool:
    """Whether token k says that words are written somewhere: "heißt", "steht", "fand sich",
    "lautete", "(war von …) die Rede"."""
    word = tokens[k].lower
    if word == "rede":
        return k > 0 and tokens[k - 1].lower == "die"
    if not tokens[k].text.islower() or word not in _SOURCE_VERBS | _WORDING_VERBS:
        return False
    return word not in _FIND_VERBS or (k + 1 < len(tokens) and tokens[k + 1].lower == "sich")


_FIND_VERBS = lexicon.words("find_verbs")
# Relative pronouns after a preposition: ", in dem es heißt", ", auf der … stand".
_PREPOSITIONAL_RELATIVES = lexicon.words("prepositional_relatives")


def _written_source(text: str, span: tuple[int, int], sentence: Sentence) -> tuple[int, int] | None:
    """The text a quotation is read in, when the clause before it is about reading: "Im
    Antrag heißt es", "Darauf war … zu lesen", "In dem Schreiben war von „…“ die Rede"
    (the span takes in the preposition), "Der Text lautete: „…“" (the subject)."""
    tokens = list(sentence.tokens)
    verb = next((k for k, t in enumerate(tokens) if _source_verb(tokens, k)), None)
    if verb is None:
        return None
    first, end = clause_start(text, tokens, verb), clause_end(text, tokens, verb)
    if tokens[verb].start >= span[1] and tokens[verb].lower in ("steht", "stand"):
        return _source_phrase(text, tokens, verb + 1)  # "„…“, steht in dem Bericht"
    if tokens[verb].lower in _WORDING_VERBS:
        return clause_subject(text, tokens, first, end) if tokens[verb].end <= span[0] else None
    prepositions = _SOURCE_PREPOSITIONS
    if tokens[verb].lower in _SAID_VERBS and tokens[verb].end <= span[0]:  # "hieß es: „…“" names who said it
        said_by = _subject_after(text, tokens, verb)
        if said_by and said_by[1] <= span[0]:
            return said_by  # "Auf Nachfrage hieß es bei der Bahn: „…“"
        prepositions = _SOURCE_PREPOSITIONS | _SAID_BY_PREPOSITIONS  # "Von der Polizei hieß es"
    return _source_before_quote(text, tokens, span, first, end, prepositions)


def _source_before_quote(text: str, tokens: Sequence[Token], span: tuple[int, int], first: int, end: int,
                         prepositions: frozenset[str]) -> tuple[int, int] | None:
    """The text read in, named before the quote in the source verb's clause, else in the sentence's first."""
    starts = [first] if first == 0 else [first, 0]  # the verb's clause, else the sentence's first
    for opening in starts:
        for k in range(opening, end if opening == first else clause_end(text, tokens, 0)):
            if tokens[k].start > span[0]:
                break
            if tokens[k].lower in _SOURCE_ADVERBS:
                return (tokens[k].start, tokens[k].end)
            if _source_relative(text, tokens, k):
                return _antecedent(text, tokens, k)  # "ein Gesetz, in dem es heißt: „…“"
            place = _source_after_preposition(
                text, tokens, k, prepositions if opening == first else _SOURCE_PREPOSITIONS)
            if place:
                return place
    return None


def _source_relative(text: str, tokens: Sequence[Token], k: int) -> bool:
    """Whether token k is a source preposition opening a relative clause after a comma: ", in dem"."""
    relative = k > 0 and k + 1 < len(tokens) and tokens[k + 1].lower in _PREPOSITIONAL_RELATIVES \
        and "," in text[tokens[k - 1].end:tokens[k].start]
    return relative and tokens[k].lower in _SOURCE_PREPOSITIONS


def _source_after_preposition(text: str, tokens: Sequence[Token], k: int,
                              prepositions: frozenset[str]) -> tuple[int, int] | None:
    """The span from a preposition at token k through the document or place it names: "Im Antrag"."""
    if tokens[k].lower in prepositions and k + 1 < len(tokens):
        place = noun_phrase_after(text, tokens, k + 1, document=True) or _place_name(tokens, k + 1)
        if place:
            return (tokens[k].start, place[1])
    return None


def _antecedent(text: str, tokens: Sequence[Token], k: int) -> tuple[int, int] | None:
    """The noun phrase a relative clause at token k refers to: the one before its comma, or
    before the final verb of that clause ("ein Zettel kleben, auf dem …")."""
    ends = {tokens[k - 1].end}
    if k > 1 and tokens[k - 1].text.islower():
        ends.add(tokens[k - 2].end)
    best = None
    for j in range(k - 1, max(-1, k - 10), -1):
        if is_boundary(text[tokens[j].end:tokens[j + 1].start]) and j < k - 1:
            break
        opens = tokens[j].lower in DETERMINERS or tokens[j].capitalised
        span = noun_phrase_after(text, tokens, j) if opens else None
        if span and span[1] in ends:
            best = span
    return best


def _fronted_holder(text: str, sentence: Sentence) -> tuple[int, int] | None:
    """The holder of an opinion fronted with "für": "Für den Theologen X sei das „…“"."""
    tokens = list(sentence.tokens)
    if len(tokens) < 3 or tokens[0].lower != "für" or tokens[1].lower in ("das", "die", "diese", "dieses"):
        return None
    return noun_phrase_after(text, tokens, 1)


def _reported_main_clause(text: str, sentence: Sentence) -> bool:
    """Whether the first clause of a sentence is in the Konjunktiv: reported speech whose
    speaker was named before ("Der Airbus sei erst „…“ gelandet")."""
    tokens = sentence.tokens
    end = clause_end(text, list(tokens), 0) if tokens else 0
    return any(t.lower in KONJUNKTIV for t in tokens[:end])


def _subject_of(text: str, span: tuple[int, int], sentence: Sentence) -> tuple[int, int] | None:
    """The subject of the clause a quote stands in, as the speaker of last resort (unless
    it names a thing)."""
    subject = _clause_subject_of(text, span, sentence)
    return None if subject is None or _thing(text, subject) else subject


def _clause_subject_of(text: str, span: tuple[int, int], sentence: Sentence) -> tuple[int, int] | None:
    """The subject of the clause a quote stands in (of the main clause for a subordinate one)."""
    tokens = list(sentence.tokens)
    k = _token_at(tokens, span[0])
    if k == 0:
        return None
    first = clause_start(text, tokens, k - 1)
    if first > 0:  # a subordinate or later clause: the main clause's subject speaks
        main = clause_subject(text, tokens, 0, clause_end(text, tokens, 0))
        if main:
            return main
    return clause_subject(text, tokens, first, k)


def clause_end(text: str, tokens: Sequence[Token], first: int) -> int:
    """The index after the last token of the clause that starts at token `first`."""
    j = first + 1
    while j < len(tokens) and not is_boundary(text[tokens[j - 1].end:tokens[j].start]):
        j += 1
    return j


def _fills_sentence(span: tuple[int, int], sentence: Sentence) -> bool:
    """Whether a quote makes up most of its sentence (a quoted sentence on its own)."""
    return (span[1] - span[0]) >= 0.6 * (sentence.end - sentence.start)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim spaces and clause punctuation off a span; None when nothing is left."""
    while start < end and (text[start].isspace() or text[start] in ",;:–-—"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.!?–-—"):
        end -= 1
    return (start, end) if end > start else None


def _content_span(text: str, frame: Frame, sentence: Sentence, index: int) -> tuple[int, int] | None:
    """Where the reported content of a frame lies in its sentence: a clause, not one of purpose
    ("Um den Druck zu erhöhen, sagte X") nor a phrase added to the object ("…, aber auch von Y")."""
    span = _content_candidate(text, frame, sentence, index)
    if span is None:
        return None
    inside = [t for t in sentence.tokens if span[0] <= t.start and t.end <= span[1]]
    if inside and _purpose_clause(inside):  # "Offenbar um den Druck zu erhöhen, schloss Berg
        # nicht aus, dass …": what was said follows the verb
        return _content_span(text, replace(frame, content="after"), sentence, index) \
            if frame.content == "before" else None
    return None if inside and _not_content(text, frame, sentence, inside) else span


def _not_content(text: str, frame: Frame, sentence: Sentence, inside: list[Token]) -> bool:
    """Whether the clause a frame would report is no reported content after all."""
    if inside[0].lower in ADVERBIAL_OPENERS and frame.content == "after" \
            and not any(t.lower in KONJUNKTIV for t in inside):
        return True  # "Sie teilte das Ergebnis mit, während die Stadt … bestätigte": no report
    if inside[0].lower in _COORDINATORS and not any(_verbal(t) for t in inside):
        return True  # "bestätigte … Sorgen der Fischer, aber auch von Seglern"
    if frame.content == "after" and _further_predicate(text, sentence, frame, inside):
        return True  # "Der Verband hält den Plan für nötig, sieht aber Risiken": its subject's next verb
    return frame.content == "after" and inside[0].lower not in _CONTENT_OPENERS \
        and (_in_adverbial_clause(text, sentence, frame) or _relative_clause(inside))


_FINITE_TAGS = frozenset({"VV(FIN)", "VA(FIN)", "VM(FIN)"})  # HanTa's tags of finite verbs


def _further_predicate(text: str, sentence: Sentence, frame: Frame, inside: list[Token]) -> bool:
    """Whether the words after a cue's comma are a further predicate of the sentence's
    subject, not reported words: they open with a finite verb in the indicative ("Der
    Verband hält den Plan für nötig, sieht aber Risiken"), after a main clause. Reported
    words open with their own subject or a conjunction ("…, der Plan sei nötig"), or with
    their verb after a cue in a fronted or a relative clause ("Wie der Sender berichtete,
    wurden …") or as a condition in the Konjunktiv ("…, sei der Plan nötig, werde …"). The
    tagger reads the verb in its clause."""
    first = inside[0]
    if not first.text.islower() or first.lower in KONJUNKTIV or not _verbal(first) \
            or not text[sentence.start:first.start].rstrip().endswith(","):
        return False  # not after a comma: "Laut Berg wurden …", "Dem Bericht zufolge sind …"
    cue = sentence.tokens[frame.cue_index]
    if cue.lower in _SOURCE_CUES:
        return False  # "Den Behörden zufolge, wurden …"
    opening = _WORD_AT.search(text, sentence.start, cue.end)
    clause = max(text.rfind(mark, sentence.start, cue.start) for mark in ",;:(")  # where the cue's clause begins
    inner = _WORD_AT.search(text, clause, cue.end) if clause > sentence.start else None
    if opening is None or opening.group().lower() in _FRONTED_OPENERS \
            or (inner is not None and inner.group().lower() in _FRONTED_OPENERS | RELATIVE_OPENERS):
        return False
    from .people import tagged
    return tagged(tuple(t.text for t in inside[:4]))[0][1] in _FINITE_TAGS


_WORD_AT = re.compile(r"\w+")
# Words that open a clause before the main clause ("Wie der Sender berichtete, …"), or
# after a comma inside it ("Der Plan, der als „…“ galt, ist …").
_FRONTED_OPENERS = _SUBORDINATORS | _ADVERBIAL_SUBORDINATORS | _PREPOSITIONS | {"so", "was", "wer"}
RELATIVE_OPENERS = RELATIVES | _RELATIVE_FORMS
_SOURCE_CUES = frozenset({"zufolge", "laut", "angaben"})  # a source phrase's word, which is no clause


def _in_adverbial_clause(text: str, sentence: Sentence, frame: Frame) -> bool:
    """Whether the cue stands in an adverbial clause that opens the sentence ("Als …")."""
    tokens = sentence.tokens
    return bool(tokens) and frame.cue_index > 0 and tokens[0].lower in _ADVERBIAL_SUBORDINATORS \
        and "," not in text[tokens[0].start:tokens[frame.cue_index].start]


def _relative_clause(tokens: Sequence[Token]) -> bool:
    """Whether a clause is a relative clause after a preposition: "nach dem …", verb last."""
    finite = lexicon.words("finite_auxiliaries")
    return len(tokens) >= 4 and tokens[0].lower in _PREPOSITIONS and tokens[1].lower in _RELATIVE_FORMS \
        and tokens[-1].lower in finite - KONJUNKTIV and tokens[-2].lower != "zu" \
        and not any(t.lower in finite or t.lower in KONJUNKTIV for t in tokens[2:-1])


# Subordinators of time, cause and concession: a clause they open after a cue tells when or
# why, not what was said, unless a Konjunktiv in it reports ("…, nachdem die Stadt … habe, sei …").
# "Als" and "wenn" are left out: they also open a comparison or a condition a speaker states.
ADVERBIAL_OPENERS = _ADVERBIAL_SUBORDINATORS - {"als", "wenn"}

# Words that open a clause reporting what was said ("…, dass", "…, ob", "…, wie").
_CONTENT_OPENERS = lexicon.words("content_openers")



# Conjunctions that add a phrase to the one before the comma.
_COORDINATORS = lexicon.words("coordinators")


def _purpose_clause(tokens: Sequence[Token]) -> bool:
    """Whether tokens open with an "um … zu" clause, perhaps after an adverb ("Offenbar um …")."""
    opening = tokens[0].lower
    k = 1 if opening in _SKIP_ADVERBS | _ADVERB_WORDS or opening.endswith(_ADVERB_SUFFIXES) else 0
    return k < len(tokens) and tokens[k].lower == "um" and any(t.lower == "zu" for t in tokens[k + 1:])


def _verbal(token: Token) -> bool:
    """Whether a token may be a verb: lower case and none of the small closed word classes."""
    word = token.lower
    return token.text.islower() and len(word) > 2 and word not in _PREPOSITIONS and word not in DETERMINERS \
        and word not in _SKIP_ADVERBS and word not in _SUBORDINATORS and word not in _ADVERB_WORDS \
        and not _adjective(token)


def _content_candidate(text: str, frame: Frame, sentence: Sentence, index: int) -> tuple[int, int] | None:
    """The part of the sentence the frame's content would take: before its cue or after it."""
    tokens, frames = sentence.tokens, sentence.frames
    if frame.content == "none":
        return None  # a frame that names a speaker for a quotation, as "Für Berg ist das „…“", reports no clause
    if frame.content == "before":
        return _strip_span(text, _after_indicative_clause(text, sentence, tokens[frame.cue_index].start),
                           tokens[frame.cue_index].start)
    limit = frame.speaker[1] if frame.speaker else frame.cue_span[1]
    frame_end = max(limit, frame.cue_span[1])
    if tokens[frame.cue_index].lower in _SOURCE_CUES:
        start = frame_end
    else:
        comma = _next_punctuation(text, frame_end, sentence.end)
        if comma is None:
            return _warned_of(text, frame, sentence)
        start = comma + 1
    end = _before_indicative_clause(text, start, sentence)
    for later in frames[index + 1:]:
        if later.content == "before" and later.cue_span[0] > start:
            end = min(end, tokens[later.cue_index].start)
            break
    return _strip_span(text, start, end)


def _after_indicative_clause(text: str, sentence: Sentence, cue: int) -> int:
    """Where reported words before a cue begin: after a semicolon that ends a main clause of
    the writer's, in the indicative ("Die Stadt plant den Ausbau; er sei nötig, sagte Berg"),
    else at the sentence's start."""
    semicolon = text.rfind(";", sentence.start, cue)
    while semicolon != -1:
        before = [t for t in sentence.tokens if t.end <= semicolon]
        if not any(t.lower in KONJUNKTIV for t in before[-12:]):
            return semicolon + 1
        semicolon = text.rfind(";", sentence.start, semicolon)
    return sentence.start


def _before_indicative_clause(text: str, start: int, sentence: Sentence) -> int:
    """Where reported words after `start` end: at a semicolon before a main clause of the
    writer's, in the indicative ("…, der Hafen werde wachsen; aus der Stadt kam Kritik"),
    else at the sentence's end. Words after a semicolon in the Konjunktiv go on reporting
    ("…; man werde ihn prüfen")."""
    semicolon = text.find(";", start, sentence.end)
    while semicolon != -1:
        after = [t for t in sentence.tokens if t.start > semicolon]
        if not any(t.lower in KONJUNKTIV for t in after[:12]):
            return semicolon
        semicolon = text.find(";", semicolon + 1, sentence.end)
    return sentence.end


_WARNING_VERBS = lexicon.words("warning_verbs")


def _warned_of(text: str, frame: Frame, sentence: Sentence) -> tuple[int, int] | None:
    """The object of a warning: "Lind warnte vor einer Schließung des Hafens"."""
    tokens = sentence.tokens
    if tokens[frame.cue_index].lower not in _WARNING_VERBS:
        return None
    for tok in tokens[frame.cue_index + 1:frame.cue_index + 8]:
        if tok.lower == "vor":
            return _strip_span(text, tok.start, sentence.end)
    return None


def _next_punctuation(text: str, pos: int, end: int) -> int | None:
    """The first comma or colon after `pos` within the clause, close enough to be the frame's."""
    for i in range(pos, min(end, pos + 120)):
        if text[i] in ",:":
            return i
        if text[i] in ".;":
            return None
    return None


def _words_outside(sentence: Sentence, span: tuple[int, int]) -> int:
    """How many words of a span stand outside quotation marks."""
    return sum(1 for t in sentence.tokens if span[0] <= t.start and t.end <= span[1])


def indirect_quotes(text: str, sentence: Sentence) -> list[Quote]:
    """The reported clauses of a sentence; where two frames claim the same clause, the first wins."""
    candidates = []
    for index, frame in enumerate(sentence.frames):
        span = _content_span(text, frame, sentence, index)
        if span is None or _words_outside(sentence, span) < 3:
            continue
        candidates.append((span, frame))
    quotes: list[Quote] = []
    for span, frame in candidates:  # in text order: an outer frame keeps its whole clause
        if any(q.start < span[1] and span[0] < q.end for q in quotes):
            continue
        speaker, cue = _reporter(text, sentence, frame, span) or (None, None), frame.cue_span
        quotes.append(Quote(INDIRECT, span[0], span[1], speaker[0], speaker[1], cue[0], cue[1],
                            CUE if speaker[0] is not None else None))
    return quotes


_LABELLING_VERBS = lexicon.words("labelling_verbs")
_FINITE_AUXILIARIES = lexicon.words("finite_auxiliaries")
_GENERIC_SPEAKERS = frozenset({"man", "es"})  # "Als X bezeichnet man …" defines a word; "Es ist …" names none


def reported_quotes(text: str, sentence: Sentence) -> list[Quote]:
    """A sentence without quotations in which someone judges a thing as something ("Der Rat
    bewertet den Vertrag als Erfolg", "Der Plan wurde von ihr als unsinnig bezeichnet"):
    the whole sentence is that speaker's statement, in the writer's words."""
    words = {t.lower for t in sentence.tokens}
    if sentence.quoted or "als" not in words or words & _REFLEXIVES:
        return []  # "Die Gruppe bezeichnet sich als …" describes itself
    for frame in sentence.frames:
        speaker = _judge(text, sentence, frame)
        if speaker and frame.cue and _labelling(text[frame.cue[0]:frame.cue[1]]) \
                and text[speaker[0]:speaker[1]].lower() not in _GENERIC_SPEAKERS:
            span = _sentence_span(text, sentence)
            return [Quote(REPORTED, span[0], span[1], *speaker, *frame.cue, CUE)]
    return []


def _judge(text: str, sentence: Sentence, frame: Frame) -> tuple[int, int] | None:
    """Who judges in a sentence whose verb is a participle at its end ("X hat den Plan als
    Fehler bezeichnet"): what stands before the finite auxiliary that opens the clause,
    when it is a noun phrase (a passive names its agent with "von", as the frame has it);
    else the frame's speaker."""
    tokens = sentence.tokens
    finite = next((k for k, t in enumerate(tokens) if t.lower in _FINITE_AUXILIARIES), None)
    if frame.passive or finite is None or not frame.cue or tokens[finite].start > frame.cue[0] or finite == 0:
        return frame.speaker
    first = tokens[0]
    if not (first.lower in DETERMINERS or first.capitalised and _tagged_alone(first.text) != "ADV"):
        return None  # "Gestern hat …": the subject stands elsewhere; no guess
    end = tokens[finite - 1].end
    return first.start, end - 1 if text[end - 1] == "," else end


def _labelling(cue: str) -> bool:
    """Whether a cue is a verb of judging a thing as something (bezeichnen, bewerten …)."""
    from .similar import lemma_of  # simplemma's lemmas, kept

    return lemma_of(cue.split()[-1]) in _LABELLING_VERBS


def _reporter(text: str, sentence: Sentence, frame: Frame, span: tuple[int, int]) -> tuple[int, int] | None:
    """Who said the reported clause of a frame: its speaker, unless the cue rejects a report
    or claim of others that its object names, with the clause attached to it ("Sie wies
    Berichte zurück, wonach …"): then the report's genitive holder ("Meldungen der Zeitung,
    …"), or no one; what the speaker denies is not what the speaker says."""
    tokens = [t for t in sentence.tokens if t.end <= span[0]]
    if not tokens or not _rejecting(sentence.tokens, frame.cue_index) \
            or "," not in text[tokens[-1].end:span[0]] + _opening_word(text, span):
        return frame.speaker
    report = _report_before(tokens, frame)
    return frame.speaker if report is None else report[1]


def _report_before(tokens: Sequence[Token], frame: Frame) -> tuple[int, tuple[int, int] | None] | None:
    """The report noun that ends the words before a reported clause, past the cue's particle
    or final participle, with its genitive holder ("Meldungen der Zeitung"): (its index, the
    holder's span or None); None when they end in another noun, the speaker, or a report of
    the speaker's own ("ihre Vorwürfe")."""
    noun = len(tokens) - 1
    while noun > 0 and tokens[noun].text.islower():
        noun -= 1  # "wies Berichte zurück, …", "hat Meldungen … zurückgewiesen, …"
    holder = None
    if noun >= 2 and tokens[noun - 1].lower in ("des", "der", "eines", "einer") and tokens[noun].capitalised:
        noun, holder = noun - 2, (tokens[noun - 1].start, tokens[noun].end)
    if noun < 1 or not tokens[noun].capitalised or not tokens[noun].lower.endswith(_REPORT_NOUNS) \
            or (frame.speaker and tokens[noun].start < frame.speaker[1]) or tokens[noun - 1].lower.startswith(_OWN):
        return None
    return noun, holder


def _rejecting(tokens: Sequence[Token], cue: int) -> bool:
    """Whether the cue at token `cue` rejects or denies ("wies … zurück", "dementierte")."""
    word = tokens[cue].lower
    if word not in _REJECTING_VERBS:
        return False
    return not word.startswith("w") or any(t.lower == "zurück" for t in tokens[cue + 1:])


_REJECTING_VERBS = lexicon.words("rejecting_verbs")


# How possessive determiners begin ("ihre", "seinen", "unserer"): a report so owned is the speaker's own.
_OWN = ("sein", "ihr", "unser", "mein", "dein", "eur", "deren", "dessen")


def _opening_word(text: str, span: tuple[int, int]) -> str:
    """A comma for a reported clause that opens with a word tying it to a noun before it
    ("wonach", "nach denen"), which may stand after the comma inside the span."""
    return "," if re.match(r"(?:wonach|nach denen|nach der|nach dem|dass)\b", text[span[0]:span[0] + 12]) else ""


_REPORT_NOUNS = lexicon.entries("report_nouns")


# How far back (in characters) the last named speaker may still speak a quote without a cue.
_RECENT_REACH = 600


def extract_quotes(text: str, sentences: Sequence[tuple[int, int]] | None = None) -> list[Quote]:
    """All direct and indirect quotations of a German text, and the judgements it reports
    (REPORTED), in text order; `sentences` are
    the spans of its sentences where they are known (see `sentence_spans`)."""
    spans = quoted_spans(text)
    span_starts = [s for s, _ in spans]
    quotes: list[Quote] = []
    thread = _Thread(text)
    analysed = [analyse_sentence(text, start, end, spans, span_starts)
                for start, end in sentence_spans(text, spans, sentences)]
    for index, sentence in enumerate(analysed):
        thread.enter(sentence)
        following = analysed[index + 1] if index + 1 < len(analysed) else None
        carried = thread.continued() if sentence.quoted else None
        found = direct_quotes(text, sentence, carried, thread.recent, _looking_back(text, sentence, following)) \
            + indirect_quotes(text, sentence)
        found = found or reported_quotes(text, sentence)
        thread.go_on(sentence, found, quotes)
        quotes.extend(found)
    quotes.sort(key=lambda q: (q.start, q.end))
    return _join_adjacent(text, quotes)


class _Thread:
    """Who has been speaking so far in a text, sentence by sentence: the speaker a quote
    without a cue continues, the last speaker named, and the reported speech a
    Konjunktiv sentence goes on with."""

    def __init__(self, text: str):
        self.text = text
        self.carried: tuple[int, int] | None = None  # the last speaker, for quotes that continue
        self.recent: tuple[int, int] | None = None  # the last speaker named, in any sentence
        self.continuing: Quote | None = None  # the last reported-speech quote, for Konjunktiv sequels
        self.paused = False  # an indicative sentence without quotes came after it
        self.told: list[Sentence] = []  # the writer's own sentences since the carried speaker, not yet read

    def enter(self, sentence: Sentence) -> None:
        """Forget what a new sentence is too far from: a paragraph break ends an attribution
        (except in reported speech), and a speaker named long ago is no longer in reach."""
        start = sentence.start
        if self.carried and self.text.find("\n", self.carried[1], start) >= 0 \
                and (sentence.frames or not sentence.reported):
            self.carried = self.continuing = None
            self.told = []
        if self.recent and start - self.recent[1] > _RECENT_REACH:
            self.recent = None  # a speaker named this far back is a guess, not an attribution

    def go_on(self, sentence: Sentence, found: list[Quote], quotes: list[Quote]) -> None:
        """Take in a sentence's quotations; a Konjunktiv sentence without a cue continues
        the reported speech before it, and past the writer's own indicative sentence only
        a Konjunktiv I does."""
        if not sentence.frames and self.continuing \
                and (sentence.reported or (sentence.konjunktiv and not self.paused)):  # a sequel
            if _reports_in_main_clause(self.text, sentence) or _opens_with_pronoun(sentence):
                self.continuing, self.paused = _continue(self.text, self.continuing, sentence, quotes), False
            else:  # the writer telling what someone else did and said: not the speaker before
                quotes.append(_told_by_writer(self.text, sentence, found))
                self.continuing = None
        elif not sentence.frames and not sentence.quoted:
            self.paused = True
        elif sentence.frames:
            reported = [q for q in found if q.kind in (INDIRECT, REPORTED)]
            self.continuing, self.paused = (_as_cue_speaker(reported[-1], sentence) if reported else None), False
        self._speakers(sentence, found)

    def continued(self) -> tuple[int, int] | None:
        """The speaker a quote without a cue continues: the last person named as the subject
        of a sentence of the writer's own since the carried speaker, else that speaker."""
        while self.told:
            person = _person_introduced(self.text, self.told.pop())
            if person:
                self.carried, self.told = person, []
        return self.carried

    def _speakers(self, sentence: Sentence, found: list[Quote]) -> None:
        """The speakers a sentence leaves for the next ones."""
        spoken = sorted((q for q in found if q.speaker_start is not None), key=lambda q: q.start)
        if spoken:
            last = spoken[-1]
            assert last.speaker_start is not None and last.speaker_end is not None
            self.carried, self.told = (last.speaker_start, last.speaker_end), []
        elif sentence.frames:
            self.carried, self.told = None, []
        elif self.carried and not sentence.quoted:
            self.told.append(sentence)  # read only when a quote asks who goes on speaking
        named = [f.speaker for f in sentence.frames if f.speaker] + [s for s in [self.carried] if s]
        if named:
            self.recent = max(named)


def _person_introduced(text: str, sentence: Sentence) -> tuple[int, int] | None:
    """The subject of a sentence of the writer's own when it is a person named by name
    ("Ihr Bruder, Georg Lind, war eingeweiht."): a quotation without a cue after it is
    that person's, not the speaker's before."""
    tokens = sentence.tokens
    if not tokens:
        return None
    subject = clause_subject(text, tokens, 0, clause_end(text, tokens, 0))
    if subject is None or text[subject[0]:subject[1]].lower() in PRONOUNS:
        return None
    words = tokens[_token_at(tokens, subject[0]):_token_at(tokens, subject[1])]
    if any(proper_noun(t) for t in words) and all(t.capitalised and t.lower not in DETERMINERS for t in words):
        return subject  # a name alone: "Georg Lind war eingeweiht."
    named = _APPOSED_NAME.match(text, subject[1])  # "Ihr Bruder, Georg Lind, war eingeweiht."
    return (subject[0], named.end(1)) if named and _person_or_body(tokens, subject) else None


def _reports_in_main_clause(text: str, sentence: Sentence) -> bool:
    """Whether a Konjunktiv stands before the sentence's first content clause (", dass …"):
    free indirect speech reports in its main clause; "X wies zurück, dass es … sei" is the
    writer telling what someone else did, with the Konjunktiv only in what that one said."""
    for k, token in enumerate(sentence.tokens):
        if token.lower in _CONTENT_OPENERS and k and "," in text[sentence.tokens[k - 1].end:token.start]:
            return False
        if token.lower in KONJUNKTIV or token.lower in _KONJUNKTIV_II_MAIN:
            return True
    return False


_KONJUNKTIV_II_MAIN = lexicon.words("konjunktiv_ii_main")


def _told_by_writer(text: str, sentence: Sentence, found: list[Quote]) -> Quote:
    """A Konjunktiv sentence that tells what someone other than the speaker before said: its
    speaker is the one a quotation of its own names in it ("X schlug zurück, dass es
    „bedauerlich“ sei"), else none."""
    span = _sentence_span(text, sentence)
    named = [q for q in found if q.kind == DIRECT and q.speaker_start is not None
             and sentence.start <= q.speaker_start < sentence.end]
    speaker = (named[0].speaker_start, named[0].speaker_end) if named else (None, None)
    return Quote(INDIRECT, span[0], span[1], *speaker, found_by=named[0].found_by if named else None)


def _opens_with_pronoun(sentence: Sentence) -> bool:
    """Whether a sentence opens with "er" or "sie": the speaker before is still its subject."""
    return bool(sentence.tokens) and sentence.tokens[0].lower in ("er", "sie")


def _as_cue_speaker(quote: Quote, sentence: Sentence) -> Quote:
    """A reported clause as the next Konjunktiv sentence goes on with it: spoken by its cue's
    speaker even where the clause itself is a report the speaker rejected ("Sie wies Berichte
    zurück, wonach … . Es gebe keine Pläne."): what follows is the speaker's own answer."""
    if quote.speaker_start is not None:
        return quote
    frame = next((f for f in sentence.frames if f.cue and f.cue[0] == quote.cue_start), None)
    if frame is None or frame.speaker is None:
        return quote
    return replace(quote, speaker_start=frame.speaker[0], speaker_end=frame.speaker[1], found_by=CUE)


def _join_adjacent(text: str, quotes: list[Quote]) -> list[Quote]:
    """Join direct quotes with nothing but spaces between them („Wir bleiben.“ „Wir kämpfen.“):
    marks closed and opened again in one line continue one quotation."""
    joined: list[Quote] = []
    last: Quote | None = None  # the last direct quote kept
    for quote in quotes:
        if quote.kind == DIRECT and last is not None and last.end <= quote.start \
                and not text[last.end:quote.start].strip(" \t\u00a0"):
            cued = last if last.cue_start is not None or quote.cue_start is None else quote
            named = cued if cued.speaker_start is not None else last if last.speaker_start is not None else quote
            merged = Quote(DIRECT, last.start, quote.end, named.speaker_start, named.speaker_end,
                           cued.cue_start, cued.cue_end, named.found_by)
            joined[joined.index(last)] = merged
            last = merged
            continue
        joined.append(quote)
        if quote.kind == DIRECT:
            last = quote
    return joined


def _sentence_span(text: str, sentence: Sentence) -> tuple[int, int]:
    """The span of a whole sentence as a quotation takes it: without the space around it."""
    return _strip_span(text, sentence.start, sentence.end) or (sentence.start, sentence.end)


def _continue(text: str, previous: Quote, sentence: Sentence, quotes: list[Quote]) -> Quote:
    """Extend reported speech over a following Konjunktiv sentence (free indirect speech)."""
    span = _sentence_span(text, sentence)
    how = CONTINUED if previous.speaker_start is not None else None
    if previous.kind == INDIRECT and previous.cue_start is None and previous in quotes:
        quotes.remove(previous)
        merged = Quote(INDIRECT, previous.start, span[1], previous.speaker_start, previous.speaker_end, found_by=how)
    else:
        merged = Quote(INDIRECT, span[0], span[1], previous.speaker_start, previous.speaker_end, found_by=how)
    quotes.append(merged)
    return merged
