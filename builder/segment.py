"""Sentence splitting with character offsets: the one place that decides where a sentence ends.

pysbd does the splitting; post-rules repair what it gets wrong in German news. A piece
continues the previous sentence when it starts in lower case or with a mark no sentence
starts with ("am 3. Feb. | in Genf", "Walt Disney Co. | , Intel"), when the previous
piece does not end in a full stop, question or exclamation mark (pysbd takes "vom 10.
auf den 11. Mai" for a numbered list), when it starts with a number after an
abbreviation ("Abs. | 2"), or when the previous piece ends in an initial ("R. | Berg").
A closing quotation mark that pysbd pushed to the start of the next piece goes back to
the sentence it closes ("geben. | « Dann").

Boundaries pysbd misses are added: before an opening quotation mark after a full stop
(it pairs »…« quotations wrongly across sentences); after a closing quotation mark or
bracket behind a full stop (»Nein!« | 300 Leute; "(… spät.) | Dann"); before a bracketed
sentence ("Er ging. | (Das war spät.)"); after a number that counts something ("nach
Artikel 5. | Die Stadt"), which it takes for an ordinal; after a number before a word
that opens sentences and never follows an ordinal ("Flug 19. | Er"); and at a full stop
with no space before a capitalised word ("ruhen.|Die", text run together when a page was
extracted). `split_text` splits a text of several lines: a line break always ends a
sentence.
"""
from __future__ import annotations

import functools
import re

import pysbd

from . import lexicon, pysbd_cuts
from .model import Sentence

CLOSING_QUOTE = re.compile(r"[\"“”»«‘’']+(?=\s|$)")
# The patterns of boundaries pysbd misses start with the mark they need (the stop, the closing
# quotation mark) and look behind it only then: re scans a text fast for a pattern's first
# character, while a pattern that opens with a lookbehind is tried at every position.
# A sentence end, then white space (group 1) and an opening quotation mark before a capital.
QUOTE_AFTER_STOP = re.compile(r"[.!?](?<=[^\W\d_]{2}[.!?])(\s+)(?=[»„“\"‚][A-ZÄÖÜ0-9])")
# A sentence end and a closing quotation mark or bracket, then white space before a capital,
# a number, a bracket or a quotation mark; or a sentence end, then a bracketed sentence ("Er ging. (Das war spät.)").
QUOTED_STOP = re.compile(r"[“”\"«»)\]](?<=[.!?][“”\"«»)\]])\s+(?=[A-ZÄÖÜ0-9(„»\"])")
BRACKET_AFTER_STOP = re.compile(r"[.!?](?<=[a-zäöüß]{2}[.!?])\s+(?=\([A-ZÄÖÜ])")
# A number after a noun that counts (article 5, page 12), then a new sentence.
COUNTED_NUMBER = re.compile(
    r"\b(?:Artikel|Art\.|Paragrafe?n?|Paragraphe?n?|Absatz|Kapitel|Nummer|Nr\.|Band|Seite|Punkt|Abschnitt|Ziffer|Stufe)"
    r"\s+\d+[a-z]?\.(\s+)(?=[A-ZÄÖÜ])")
# A number (or Roman numeral) with a full stop, then a word that opens sentences and never
# follows an ordinal ("am 3. Mai" goes on, "Flug 19. Er" does not).
NUMBER_BEFORE_OPENER = re.compile(
    r"(?<![\w.])(?:\d+|[IVX]+)\.(\s+)(?=(?:Der|Die|Das|Ein|Eine|Er|Sie|Es|Wir|Ich|Dies|Diese|Dieser|Auch|Doch|Aber)\b)")
# A full stop after a word, glued to the capitalised word that opens the next sentence.
GLUED_STOP = re.compile(r"\.(?<=[a-zäöüß]{3}\.)(?=[A-ZÄÖÜ][a-zäöüß])")
# How a sentence ends: a full stop, question or exclamation mark, then closing marks.
SENTENCE_END = re.compile(r"[.!?…][\"“”»«‘’')\]]*$")
# Marks no sentence starts with: a piece that starts with one goes on with the sentence before.
NOT_OPENING = ",;:.)]-&"
ABBREVIATIONS = lexicon.words("abbreviations")
MAX_PIECE = 4000  # longer lines go to pysbd in pieces (see _pieces)
PIECE_END = re.compile(r"[.!?]\s")
# A single capital with a full stop at the end of a piece: an initial ("R. Berg"), no sentence end.
INITIAL = re.compile(r"(?<!\w)[A-ZÄÖÜ]\.$")


@functools.cache
def _segmenter(language: str) -> pysbd.Segmenter:
    """A cached pysbd segmenter for a language (creating one is slow)."""
    return pysbd.Segmenter(language=language, clean=False)


def split_sentences(text: str, offset: int = 0, language: str = "de") -> tuple[Sentence, ...]:
    """Split `text` into sentences whose offsets are shifted by `offset`."""
    spans = [span for start, end in _pieces(text) for span in _pysbd_spans(text, start, end, language)]
    spans = _split_missed(text, _repair(text, spans))
    sentences = []
    for start, end in spans:
        start, end = _strip(text, start, end)
        if end > start:
            sentences.append(Sentence(offset + start, offset + end, text[start:end]))
    return tuple(sentences)


def _pysbd_spans(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """pysbd's sentences of text[start:end] with their spans, found piece by piece between the
    cuts where pysbd splits the same way (see pysbd_cuts; German only); a piece with no stop
    inside needs no pysbd."""
    cuts = pysbd_cuts.cuts(text, start, end) if language == "de" else None
    if cuts is None:
        return _pysbd_run(text, start, end, end, language)
    spans = []
    for begin, after in zip([start, *cuts], [*cuts, end], strict=True):
        stop = after if after == end else after - 1  # the piece without the space after its stop
        if pysbd_cuts.one_sentence(text, begin, stop):
            spans.append((begin, after))
        else:
            spans.extend(_pysbd_run(text, begin, stop, after, language))
    return spans


def _pysbd_run(text: str, start: int, stop: int, end: int, language: str) -> list[tuple[int, int]]:
    """pysbd's sentences of text[start:stop] with their spans, each taking the white space
    after it up to `end`. pysbd's own spans (char_span) compile a regular expression for every
    sentence and search the text from its start for each, which is most of its time; each
    sentence is found here after the one before."""
    spans, pos = [], start
    for sentence in _segmenter(language).processor(text[start:stop]).process():
        found = text.find(sentence, pos, stop)
        if found < 0:
            continue  # as pysbd does with a sentence it cannot find in the text
        pos = found + len(sentence)
        while pos < end and text[pos].isspace():
            pos += 1
        spans.append((found, pos))
    return spans


def _pieces(text: str) -> list[tuple[int, int]]:
    """The text in pieces of at most MAX_PIECE characters for pysbd, whose time grows faster
    than the length of what it is given: each piece ends after the last full stop and space
    in its second half, else at its last space (a normal paragraph is one piece)."""
    pieces, start = [], 0
    while len(text) - start > MAX_PIECE:
        half, limit = start + MAX_PIECE // 2, start + MAX_PIECE
        stops = [m.end() for m in PIECE_END.finditer(text, half, limit)]
        cut = stops[-1] if stops else text.rfind(" ", half, limit) + 1 or limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def split_text(text: str, offset: int = 0, language: str = "de") -> tuple[Sentence, ...]:
    """The sentences of a text of several lines: a line break always ends a sentence, and
    each line is split as the reader splits a paragraph (`split_sentences`)."""
    sentences: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            sentences.extend(split_sentences(line, offset + pos, language))
        pos += len(line) + 1
    return tuple(sentences)


def _repair(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the pieces of pysbd's spans that continue the sentence before them."""
    out: list[list[int]] = []
    for start, end in spans:
        start, _ = _strip(text, start, end)
        if out:
            stray = CLOSING_QUOTE.match(text, start)
            if stray:
                out[-1][1] = stray.end()
                start = stray.end()
            if start >= end or _continues(text, out[-1][0], start):
                out[-1][1] = end
                continue
        out.append([start, end])
    return [(s, e) for s, e in out]


def _split_missed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split pieces at the sentence boundaries pysbd is known to miss."""
    out = []
    for start, end in spans:
        cuts = [m.end() for m in QUOTE_AFTER_STOP.finditer(text, start, end)
                if not _after_abbreviation(text, m.start(1))]
        cuts += [m.end(1) for m in COUNTED_NUMBER.finditer(text, start, end)]
        cuts += [m.end() for m in QUOTED_STOP.finditer(text, start, end)]
        cuts += [m.end() for m in BRACKET_AFTER_STOP.finditer(text, start, end)]
        cuts += [m.end(1) for m in NUMBER_BEFORE_OPENER.finditer(text, start, end)]
        cuts += [m.end() for m in GLUED_STOP.finditer(text, start, end)]
        for cut in sorted(set(cuts)):
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


def _after_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop before `stop` ends a known abbreviation."""
    word = re.search(r"(\w+)[.!?]$", text[:stop])
    return word is not None and word.group(1).lower() in ABBREVIATIONS


def _continues(text: str, previous: int, start: int) -> bool:
    """Whether the piece at `start` is the tail of the sentence that starts at `previous`."""
    head = text[start:].lstrip()
    before = text[previous:start].rstrip()
    if not head:
        return False
    return head[0].islower() or head[0] in NOT_OPENING or not SENTENCE_END.search(before) \
        or (head[0].isdigit() and _after_abbreviation(text, previous + len(before))) \
        or bool(INITIAL.search(before))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span so it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# A word, a space, then a hyphen glued to the next word: a link that ended before the hyphen
# ("US -Minister") in the text extracted from a page. A dash between spaces is no such thing.
STRAY_HYPHEN = re.compile(r"(?<=[^\W\d_]) -([^\W\d_]+)")


def hyphens_joined(text: str) -> str:
    """The text with each stray hyphen joined to the word before it and the space moved behind
    the compound ("US -Minister Berg" reads "US-Minister  Berg"): same length, so every offset
    outside such a compound stays where it was."""
    return STRAY_HYPHEN.sub(lambda m: f"-{m.group(1)} ", text)
