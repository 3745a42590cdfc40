"""Clean an article's raw text as a careful editor would, and divide it into blocks.

Source systems glue headings to the sentence that follows them, mix page furniture
(image lines, credits, captions, adverts, page controls) into the text, and separate
paragraphs by one or more line breaks. `furniture` knows the shapes of such text; here
the lines become blocks, and the pieces at the edges of a paragraph (a dateline, a
ticker time, an agency code, a sentence addressed to the reader, a sentence the excerpt
cuts off) become marks that no sentence of a claim includes. The cleaned text keeps
every character of the content in order; only white space between blocks and Markdown
heading markers change, so any sentence of it can be found verbatim in the source file.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from . import furniture
from .furniture import classify, looks_like_heading  # noqa: F401  (the cleaner's public rules)
from .model import (CUT_OFF, DATELINE, FURNITURE, HEADING, INNER, LIST_MARKER, PARAGRAPH, READER, TICKER_TIME,
                    TRAILER, Block, Dateline, Mark)
from .segment import split_sentences

BLOCK_SEPARATOR = "\n\n"

# A sentence end glued to the next sentence: "…geschlossen.Hafen-Streik". Two lower-case
# letters before the stop keep initials ("J.R. Tolkien") and domains ("tagesschau.de") apart.
GLUED_SENTENCE = re.compile(r"(?<=[a-zäöüß]{2}[.!?])(?=[A-ZÄÖÜ][a-zäöüß])")
# A heading glued to the sentence after it: "…bleibt geschlossenDie Fahrpläne". The
# lower-case run is long so that names like "YouTube" or "WhatsApp" stay whole.
GLUED_HEADING = re.compile(r"(?<=[a-zäöüß]{5})(?=[A-ZÄÖÜ][a-zäöüß]{2,}\b)")
DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+")
REPEAT_MIN_CHARS = 12  # shorter lines ("Rathaus", "Fazit") may rightly stand twice


def take_date_marker(raw: str) -> tuple[str | None, str]:
    """Split a leading ` date 2025-02` marker off the text; return (date, rest)."""
    m = DATE_MARKER.match(raw)
    if not m:
        return None, raw
    return m.group(1), raw[m.end():]


def normalise(raw: str) -> str:
    """Unicode NFC, Unix line ends, no trailing blanks, no blank lines at either end."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def split_lines(text: str) -> list[str]:
    """The non-empty lines of a text, with glued headings and sentences pulled apart."""
    lines = []
    for line in text.split("\n"):
        if furniture.markdown_heading(line):
            lines.append(line)  # a heading as the author marked it: never split
            continue
        for piece in GLUED_SENTENCE.split(line):
            lines.extend(_unglue_heading(piece))
    return [line.strip() for line in lines if line.strip()]


def _unglue_heading(line: str) -> list[str]:
    """Split off headings glued in front of a sentence, wherever they stand in the line."""
    pieces = []
    rest = line
    while True:
        cut = _glued_heading_at(rest)
        if cut is None:
            pieces.append(rest)
            return pieces
        head_start, end = cut
        if head_start:
            pieces.append(rest[:head_start])
        pieces.append(rest[head_start:end])
        rest = rest[end:]


def _glued_heading_at(line: str) -> tuple[int, int] | None:
    """Find (start, end) of a heading glued to the next sentence, or None."""
    for m in GLUED_HEADING.finditer(line):
        start = _last_sentence_start(line, m.start())
        if looks_like_heading(line[start:m.start()]):
            return start, m.start()
    return None


def _last_sentence_start(line: str, pos: int) -> int:
    """The index where the sentence containing `pos` begins."""
    starts = [m.end() for m in re.finditer(r"[.!?][\"“”»«]?\s+", line[:pos])]
    return starts[-1] if starts else 0


def make_blocks(text: str, language: str = "de") -> tuple[str, tuple[Block, ...]]:
    """Turn normalised text into (cleaned text, blocks with sentence offsets and marks)."""
    pieces: list[str] = []
    blocks: list[Block] = []
    seen: set[str] = set()
    pos = 0
    for number, raw_line in enumerate(split_lines(text), start=1):
        if pieces:
            pos += len(BLOCK_SEPARATOR)
        line, kind, note = _line_kind(raw_line)
        if kind in (HEADING, PARAGRAPH) and _repeated(line, seen):
            kind, note = FURNITURE, "repeated line"
        first = not any(b.kind == PARAGRAPH for b in blocks)
        blocks.append(_block(number, kind, note, line, pos, language, first))
        pieces.append(line)
        pos += len(line)
    return BLOCK_SEPARATOR.join(pieces), _mark_cut_off(tuple(blocks), language)


def _line_kind(line: str) -> tuple[str, str, str]:
    """A line without its Markdown heading marker, with its block kind and note."""
    marker = furniture.markdown_heading(line)
    if marker:
        return line[marker.end():], HEADING, ""
    kind, note = classify(line)
    return line, kind, note


def _repeated(line: str, seen: set[str]) -> bool:
    """Whether a content line repeats an earlier one (a headline printed twice)."""
    key = furniture.normal_form(line)
    if len(key) < REPEAT_MIN_CHARS:
        return False
    if key in seen:
        return True
    seen.add(key)
    return False


def _block(number: int, kind: str, note: str, line: str, pos: int, language: str, first: bool) -> Block:
    """A block; a paragraph gets its sentences and the marks at its edges."""
    if kind != PARAGRAPH:
        return Block(number, kind, pos, pos + len(line), line, (), note)
    start, end, marks = _edges(line, pos, first)
    sentences, inner = [], []
    found = split_sentences(line[start:end], pos + start, language)
    for sentence in found:
        if furniture.addresses_reader(sentence.text, alone=len(found) == 1):
            inner.append(Mark(sentence.start, sentence.end, sentence.text, READER))
        elif furniture.inner_furniture(sentence.text):
            inner.append(Mark(sentence.start, sentence.end, sentence.text, INNER))
        else:
            sentences.append(sentence)
    ordered = tuple(sorted(marks + inner, key=lambda m: m.start))
    if not sentences and inner and all(m.kind == READER for m in inner):
        return Block(number, FURNITURE, pos, pos + len(line), line, (), "addressed to the reader")
    return Block(number, PARAGRAPH, pos, pos + len(line), line, tuple(sentences), note, ordered)


def _edges(line: str, pos: int, first: bool) -> tuple[int, int, list[Mark]]:
    """Where a paragraph's sentences start and end, and the marks before and after them."""
    marks, start, end = [], 0, len(line)
    opening, closing = furniture.ticker_markers(line)
    leads = ((LIST_MARKER, furniture.list_marker(line)), (TICKER_TIME, furniture.ticker_time(line)),
             (TICKER_TIME, opening))
    for kind, found in leads:
        if found:
            marks.append(_mark(line, pos, 0, found.end(), kind))
            start = found.end()
            break
    if closing and closing.start() > start:
        marks.append(_mark(line, pos, closing.start(), len(line), TRAILER))
        line = line[:closing.start()]  # the sentences end before the closing "+++"
    dateline = furniture.opening_dateline(line[start:], first)
    if dateline:
        marks.append(_mark(line, pos, start, start + dateline.end(), DATELINE))
        start += dateline.end()
    tail = furniture.trailer(line[start:])
    end = len(line)
    if tail:
        end = start + tail.start()
        marks.append(_mark(line, pos, end, len(line), TRAILER))
    return start, end, marks


def _mark(line: str, pos: int, start: int, end: int, kind: str) -> Mark:
    """A mark over line[start:end], without the white space at its edges."""
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return Mark(pos + start, pos + end, line[start:end], kind)


def _mark_cut_off(blocks: tuple[Block, ...], language: str) -> tuple[Block, ...]:
    """Mark the text's last sentence when the excerpt breaks off inside it."""
    content = [i for i, b in enumerate(blocks) if b.kind in (PARAGRAPH, HEADING)]
    if not content:
        return blocks
    last = blocks[content[-1]]
    if last.kind == HEADING and len(content) > 1 and furniture.cut_off(last.text, language):
        # A heading introduces text: one that ends the excerpt on a broken word is a broken sentence.
        mark = Mark(last.start, last.end, last.text, CUT_OFF)
        return blocks[:content[-1]] + (replace(last, kind=PARAGRAPH, marks=(mark,)),) + blocks[content[-1] + 1:]
    if last.kind != PARAGRAPH or not last.sentences or not furniture.cut_off(last.sentences[-1].text, language):
        return blocks
    broken = last.sentences[-1]
    mark = Mark(broken.start, broken.end, broken.text, CUT_OFF)
    marks = tuple(sorted((*last.marks, mark), key=lambda m: m.start))
    fixed = replace(last, sentences=last.sentences[:-1], marks=marks)
    return blocks[:content[-1]] + (fixed,) + blocks[content[-1] + 1:]


def datelines(blocks: tuple[Block, ...]) -> tuple[Dateline, ...]:
    """The datelines the article's paragraphs open with: place and agency."""
    out = []
    for block in blocks:
        for mark in block.marks:
            if mark.kind == DATELINE:
                out.append(_dateline(mark.text, block.number))
    return tuple(out)


def _dateline(text: str, block: int) -> Dateline:
    """Place and agency of a dateline's text ("OSLO (dpa) -")."""
    body = text.rstrip(" -–—:")
    agency = None
    m = re.search(r"\(([^()]*)\)\s*$", body)
    if m:
        agency = m.group(1).strip() or None
        body = body[: m.start()].strip()
    return Dateline(furniture.place_name(body), agency, block)
