"""Where pysbd can be given a text piece by piece and split it as it splits the whole.

pysbd's time grows faster than the length of its text: for every abbreviation it knows it
searches the whole text, and for every occurrence it rewrites the whole text again. Most of
a German paragraph's full stops are plain sentence ends ("… gestern. Die Stadt …"), and at
such a stop pysbd splits whatever surrounds it, so the text can be cut there and each piece
split alone. A piece with no stop inside it is one sentence and needs no pysbd at all.

A cut is made only where nothing pysbd reads across it could differ:
- the stop follows a word of three or more lower-case letters that is no abbreviation of
  pysbd's list, and a single space and a capitalised word follow it;
- no pair of marks pysbd reads as one span runs across it (quotation marks, brackets,
  dashes: pysbd treats the stops inside such a span as no sentence end);
- pysbd takes the letters at the start of a text for an abbreviation if they spell one
  ("Di" of "Die"); a piece starting there could make it skip a stop that the whole text
  ends a sentence with, so no cut starts a piece whose opening letters end another word
  before a stop;
- texts where pysbd decides from all of the text at once are left whole: numbered or
  lettered lists (it looks for consecutive numbers or letters anywhere in the text),
  apostrophes, backslashes, ",," quotation marks, and an abbreviation written with dots
  whose letters also stand elsewhere without them.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from pysbd.between_punctuation import BetweenPunctuation
from pysbd.exclamation_words import ExclamationWords
from pysbd.lang.common import Common
from pysbd.languages import Language
from pysbd.lists_item_replacer import ListItemReplacer

_GERMAN = Language.get_language_code("de")  # pysbd's rules for German

# pysbd's German abbreviations as it searches them (a dot in one matches any character).
_ABBREVIATIONS = tuple(dict.fromkeys(a.strip() for a in _GERMAN.Abbreviation.ABBREVIATIONS))
# A stop after a word ending in two letters, then one space and a word starting with two
# letters, a number with no stop or bracket after it, or an opening quotation mark before a
# capital: a cut candidate.
_PLAIN_STOP = re.compile(r"(?<=[^\W\d_]{2})[.!?] (?=[^\W\d_]{2}|\d+(?![\d.)])|[„»][A-ZÄÖÜ])")
# The word before a full stop is one of pysbd's abbreviations.
_ABBREVIATION_BEFORE = re.compile(r"(?:^|\s)(?:" + "|".join(_ABBREVIATIONS) + r")\Z", re.IGNORECASE)
# Spans pysbd reads as one (its own patterns, so they match exactly what it matches).
_SPANS = tuple(re.compile(p) for p in (
    BetweenPunctuation.BETWEEN_SINGLE_QUOTE_SLANTED_REGEX,
    r"„(?=(?P<tmp>[^“\\]+|\\{2}|\\.)*)(?P=tmp)“",  # German BetweenPunctuation
    BetweenPunctuation.BETWEEN_SQUARE_BRACKETS_REGEX_2,
    BetweenPunctuation.BETWEEN_PARENS_REGEX_2,
    BetweenPunctuation.BETWEEN_QUOTE_ARROW_REGEX_2,
    BetweenPunctuation.BETWEEN_EM_DASHES_REGEX_2,
    BetweenPunctuation.BETWEEN_QUOTE_SLANTED_REGEX_2,
    Common.PARENS_BETWEEN_DOUBLE_QUOTES_REGEX,
))
# Pairs pysbd's sentence pattern takes as one sentence when one opens a sentence, and the
# marks a sentence can end with before it (a stop or a closing mark).
_SENTENCE_PAIRS = (('"', '"'), ("“", "”"), ("(", ")"), ("（", "）"), ("「", "」"))
_SENTENCE_ENDS = frozenset(".!?…。．！？\"”)」）'")
# Texts pysbd reads as a whole.
_WHOLE = re.compile(r"['\\]|,,")
# pysbd's numbered list items, each with the mark after its number that every item has (a
# digit, then a full stop or bracket, then what follows it): the numbers are read only there.
_NUMBERED = tuple((re.compile(quick), re.compile(p)) for quick, p in (
    (r"\d\.[\s)]", ListItemReplacer.NUMBERED_LIST_REGEX_1),
    (r"\d\)\s", ListItemReplacer.NUMBERED_LIST_PARENS_REGEX)))
NUMBER_REACH = 3  # characters before the mark a numbered item starts in (white space and two digits)
# pysbd's lettered list items, each with a quick test first. The patterns match what pysbd's
# match (ALPHABETICAL_LIST_WITH_PERIODS, _WITH_PARENS; tests/test_segment.py compares them):
# its alternatives differ only in what they look behind at ("^", "\A", a space, a bracket),
# and one look-behind of the same reach is tried once per position instead of four times.
_LETTERED = tuple((re.compile(quick), re.compile(p)) for quick, p in (
    (r"[a-z]\.", r"(?<!\S)[a-z](?=\.)"),
    (r"[a-z]\)", r"(?<![^\s(])[a-z]+(?=\))")))
# A piece pysbd returns as one sentence: words of ordinary characters and German quotation
# marks between spaces, with a full stop only between two characters of a word ("10.000",
# "orf.at") or after a number of one or two digits (pysbd never ends a sentence at " 3. ");
# a stop only at the end. Not starting with a bracket (pysbd may take "(…) Die" apart).
_WORD = r"(?:[\w,;:%€$§°+*=<>#@/–—„“»«()-]|(?<=\w)\.(?=\w)|(?<=\s\d)\.(?= )|(?<=\s\d\d)\.(?= ))+"
_ONE_SENTENCE = re.compile(rf"(?!\(){_WORD}(?:[ \xa0]+{_WORD})*[.!?]?\Z")
# What pysbd may still split such a piece at: a dash before a quotation mark, an exclamation
# word, a Roman number in brackets, two hyphens.
_ONE_SENTENCE_NOT = re.compile(r"-[“”]|\([mdclxvi]+\)|--|" + ExclamationWords.EXCLAMATION_REGEX)
_EXCLAMATION_WORD = re.compile(ExclamationWords.EXCLAMATION_REGEX)
_STOP_BEFORE_SPACE = re.compile(r"\.(?=\s)")


# How pysbd finds its abbreviations at the start of a text (case ignored), by first letter.
_BY_FIRST_LETTER: dict[str, list[re.Pattern[str]]] = {}
for _abbreviation in _ABBREVIATIONS:
    _BY_FIRST_LETTER.setdefault(_abbreviation[0], []).append(re.compile(_abbreviation, re.IGNORECASE))


def _heads(text: str, start: int) -> list[str]:
    """The letters at `start` that pysbd would take for an abbreviation if its text began there."""
    patterns = _BY_FIRST_LETTER.get(text[start:start + 1].lower(), ())
    return [m.group() for pattern in patterns if (m := pattern.match(text, start))]


def cuts(text: str, start: int, end: int) -> list[int] | None:
    """The positions in text[start:end] where the text can go to pysbd in pieces (each the
    start of a piece); None when pysbd must read it whole."""
    if _read_whole(text, start, end):
        return None
    stops = [m.start() for m in _STOP_BEFORE_SPACE.finditer(text, start, end)]
    if not _heads_harmless(text, start, _heads(text, start), stops):
        return None
    spans = _spans(text, start, end)
    found = []
    for m in _PLAIN_STOP.finditer(text, start, end):
        stop, cut = m.start(), m.end()
        if _stop_kept(text, start, stop):
            continue
        if _crossed(spans, stop, cut) or not _heads_harmless(text, cut, _heads(text, cut), stops):
            continue
        found.append(cut)
    return found


def _stop_kept(text: str, start: int, stop: int) -> bool:
    """Whether pysbd keeps the stop at `stop` inside a sentence: it ends an abbreviation, or
    the exclamation mark belongs to a word ("Yahoo!")."""
    if text[stop] == "!":
        return bool(_EXCLAMATION_WORD.search(text, max(start, stop - 12), stop + 1))
    # the longest abbreviation has 12 characters: a window of 14 holds it and the space before
    return text[stop] == "." and bool(_ABBREVIATION_BEFORE.search(text[max(start, stop - 14):stop]))


def one_sentence(text: str, start: int, end: int) -> bool:
    """Whether pysbd returns text[start:end] (a piece between cuts) as one sentence as it stands."""
    return bool(_ONE_SENTENCE.match(text, start, end)) and not _ONE_SENTENCE_NOT.search(text, start, end)


def _read_whole(text: str, start: int, end: int) -> bool:
    """Whether pysbd decides something in text[start:end] from all of it at once."""
    if _WHOLE.search(text, start, end):
        return True
    for quick, pattern in _NUMBERED:
        if not _two(quick, text, start, end):
            continue
        numbers = list_numbers(quick, pattern, text, start, end)
        if any(b == a + 1 or {a, b} == {0, 9} for a, b in zip(numbers, numbers[1:], strict=False)):
            return True
    for quick, pattern in _LETTERED:
        if _two(quick, text, start, end) and _neighbours(pattern.findall(text, start, end)):
            return True
    return _dotted_abbreviation_elsewhere(text, start, end)


def list_numbers(quick: re.Pattern[str], pattern: re.Pattern[str], text: str, start: int, end: int) -> list[int]:
    """The numbers of `pattern`'s list items in text[start:end], as `pattern.findall` finds
    them: an item ends where `quick` finds its mark, so the pattern is tried only in the few
    characters before each mark (pysbd's pattern of twelve alternatives, tried at every
    position of a paragraph, was most of the time `cuts` took)."""
    numbers = []
    for mark in quick.finditer(text, start, end):
        after = mark.start() + 1  # the full stop or bracket after the item's last digit
        for begin in range(max(start, after - NUMBER_REACH), after):
            found = pattern.match(text, begin, end)
            if found:
                numbers.append(int(found.group()))
                break
    return numbers


def _two(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether `pattern` occurs twice in text[start:end] (a list needs two items)."""
    first = pattern.search(text, start, end)
    return first is not None and pattern.search(text, first.end(), end) is not None


def _neighbours(items: list[str]) -> bool:
    """Whether two of a text's list letters follow each other in the alphabet or in Roman
    numbers: pysbd then takes the text for a lettered list (it compares items of the whole text)."""
    for alphabet in (ListItemReplacer.LATIN_NUMERALS, ListItemReplacer.ROMAN_NUMERALS):
        places = {alphabet.index(item) for item in items if item in alphabet}
        if any(place + 1 in places for place in places):
            return True
    return False


def _dotted_abbreviation_elsewhere(text: str, start: int, end: int) -> bool:
    """Whether an abbreviation with dots ("u.a") is written in the text and its pattern also
    matches other letters there ("USA"): pysbd searches those only where it finds the former."""
    lowered = text[start:end].lower()
    for abbreviation in _ABBREVIATIONS:
        if "." in abbreviation and abbreviation in lowered:
            pattern = re.compile(r"(?:^|\s)" + abbreviation, re.IGNORECASE)
            if any(m.group().lstrip().lower() != abbreviation for m in pattern.finditer(text, start, end)):
                return True
    return False


def _heads_harmless(text: str, start: int, heads: list[str], stops: list[int]) -> bool:
    """Whether no stop after `start` stands behind one of `heads` glued to a longer word
    (where pysbd reading a text that begins at `start` would not end a sentence)."""
    if any(not h.isalpha() for h in heads):
        return False
    for stop in stops[bisect.bisect_left(stops, start):]:
        for head in heads:
            begin = stop - len(head)
            if begin > start and text.startswith(head, begin) and not text[begin - 1].isspace():
                return False
    return True


def _spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of text[start:end] pysbd reads as one, and from each mark that can open a
    sentence the span to its closing mark."""
    spans = [m.span() for pattern in _SPANS for m in pattern.finditer(text, start, end)]
    for opening, closing in _SENTENCE_PAIRS:
        for position in _positions(text, opening, start, end):
            if _opens_sentence(text, start, position):
                close = text.find(closing, position + 1, end)
                spans.append((position, close + 1 if close >= 0 else position + 1))
    return spans


def _opens_sentence(text: str, start: int, position: int) -> bool:
    """Whether a sentence may begin at `position`: the text starts there, or the last mark
    before it (past white space) can end a sentence."""
    before = position - 1
    while before >= start and text[before].isspace():
        before -= 1
    return before < start or text[before] in _SENTENCE_ENDS


def _positions(text: str, mark: str, start: int, end: int) -> Iterator[int]:
    """Every position of `mark` in text[start:end]."""
    position = text.find(mark, start, end)
    while position >= 0:
        yield position
        position = text.find(mark, position + 1, end)


def _crossed(spans: list[tuple[int, int]], stop: int, cut: int) -> bool:
    """Whether a span holds the stop or runs across the cut after it."""
    return any(begin < cut and finish > stop for begin, finish in spans)
