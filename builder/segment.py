"""Sentence splitting with character offsets.

pysbd does the splitting; two post-rules repair what it gets wrong in German news:
a piece that starts in lower case continues the previous sentence ("am 3. Feb. | in
Brüssel"), and a closing quotation mark that pysbd pushed to the start of the next
piece goes back to the sentence it closes ("geben. | « Dann").
"""
from __future__ import annotations

import functools
import re

import pysbd

from .model import Sentence

CLOSING_QUOTE = re.compile(r"[\"“”»«‘’']+(?=\s|$)")


@functools.lru_cache(maxsize=None)
def _segmenter(language: str) -> pysbd.Segmenter:
    """A cached pysbd segmenter for a language (creating one is slow)."""
    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def split_sentences(text: str, offset: int = 0, language: str = "de") -> tuple[Sentence, ...]:
    """Split `text` into sentences whose offsets are shifted by `offset`."""
    spans = [(s.start, s.end) for s in _segmenter(language).segment(text)]
    spans = _repair(text, spans)
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
