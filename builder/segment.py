"""Sentence splitting with character offsets.

pysbd does the splitting; post-rules repair what it gets wrong in German news:
a piece that starts in lower case continues the previous sentence ("am 3. Feb. | in
Genf"), and a closing quotation mark that pysbd pushed to the start of the next
piece goes back to the sentence it closes ("geben. | « Dann"). Two boundaries pysbd
misses are added: before an opening quotation mark after a full stop (it pairs »…«
quotations wrongly across sentences), and after a number that counts something
("nach Artikel 5. | Die Stadt"), which it takes for an ordinal.
"""
from __future__ import annotations

import functools
import re

import pysbd

from .model import Sentence

CLOSING_QUOTE = re.compile(r"[\"“”»«‘’']+(?=\s|$)")
# A sentence end, then white space and an opening quotation mark before a capital.
QUOTE_AFTER_STOP = re.compile(r"(?<=[a-zäöüß]{2}[.!?])\s+(?=[»„“\"‚][A-ZÄÖÜ0-9])")
# A number after a noun that counts (article 5, page 12), then a new sentence.
COUNTED_NUMBER = re.compile(
    r"\b(?:Artikel|Art\.|Paragrafe?n?|Paragraphe?n?|Absatz|Kapitel|Nummer|Nr\.|Band|Seite|Punkt|Abschnitt|Ziffer|Stufe)"
    r"\s+\d+[a-z]?\.(\s+)(?=[A-ZÄÖÜ])")
ABBREVIATIONS = {"bzw", "usw", "etc", "ca", "evtl", "ggf", "inkl", "vgl", "sog", "bspw", "zzgl", "ff"}


@functools.cache
def _segmenter(language: str) -> pysbd.Segmenter:
    """A cached pysbd segmenter for a language (creating one is slow)."""
    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def split_sentences(text: str, offset: int = 0, language: str = "de") -> tuple[Sentence, ...]:
    """Split `text` into sentences whose offsets are shifted by `offset`."""
    spans = [(s.start, s.end) for s in _segmenter(language).segment(text)]
    spans = _split_missed(text, _repair(text, spans))
    sentences = []
    for start, end in spans:
        start, end = _strip(text, start, end)
        if end > start:
            sentences.append(Sentence(offset + start, offset + end, text[start:end]))
    return tuple(sentences)


def _repair(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Apply the two post-rules to pysbd's spans."""
    out: list[list[int]] = []
    for start, end in spans:
        start, _ = _strip(text, start, end)
        if out:
            stray = CLOSING_QUOTE.match(text, start)
            if stray:
                out[-1][1] = stray.end()
                start = stray.end()
            if start >= end or _continues(text, start):
                out[-1][1] = end
                continue
        out.append([start, end])
    return [(s, e) for s, e in out]


def _split_missed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split pieces at the sentence boundaries pysbd is known to miss."""
    out = []
    for start, end in spans:
        cuts = [m.end() for m in QUOTE_AFTER_STOP.finditer(text, start, end)
                if not _after_abbreviation(text, m.start())]
        cuts += [m.end(1) for m in COUNTED_NUMBER.finditer(text, start, end)]
        for cut in sorted(cuts):
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


def _after_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop before `stop` ends a known abbreviation."""
    word = re.search(r"(\w+)[.!?]$", text[:stop])
    return word is not None and word.group(1).lower() in ABBREVIATIONS


def _continues(text: str, start: int) -> bool:
    """Whether the piece at `start` is the tail of the previous sentence."""
    head = text[start:].lstrip()
    return bool(head) and head[0].islower()


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
