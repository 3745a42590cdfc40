"""Clean an article's raw text as a careful editor would, and divide it into blocks.

Source systems glue headings to the sentence that follows them, mix page furniture
("all the latest in our ticker"), agency credits and photo captions into the text, and
separate paragraphs by one or more line breaks. The rules here are patterns of such
text, not lists of known lines. The cleaned text keeps every character of the content
in order; only white space between blocks changes, so any sentence of it can be found
verbatim in the source file.
"""
from __future__ import annotations

import re
import unicodedata

from .model import CAPTION, CREDIT, FURNITURE, HEADING, PARAGRAPH, Block
from .segment import split_sentences

BLOCK_SEPARATOR = "\n\n"

# A sentence end glued to the next sentence: "…enttäuscht.Ukraine-Krieg". Two lower-case
# letters before the stop keep initials ("J.D. Vance") and domains ("tagesschau.de") apart.
GLUED_SENTENCE = re.compile(r"(?<=[a-zäöüß]{2}[.!?])(?=[A-ZÄÖÜ][a-zäöüß])")
# A heading glued to the sentence after it: "…nicht realistischDie Eckpfeiler". The
# lower-case run is long so that names like "YouTube" or "WhatsApp" stay whole.
GLUED_HEADING = re.compile(r"(?<=[a-zäöüß]{5})(?=[A-ZÄÖÜ][a-zäöüß]{2,}\b)")
SENTENCE_END = re.compile(r"[.!?…:;,\"“”»«)]\s*$")
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 110

# Photo credits that open a caption: "IMAGO/Xinhua …", "picture alliance/dpa …", "Foto: …".
CAPTION_START = re.compile(
    r"^(?:(?:picture alliance|[A-Z][\w.-]*(?: [a-z]+)?)/[A-Za-z][\w.-]*(?:/[\w.-]+)*"
    r"|(?:Foto|Bild|Fotos|Photo)\s*:[^ ]*)\s+\S"
)
PHOTO_AGENCY = re.compile(r"(?i)\b(?:imago|picture[ -]alliance|dpa|afp|reuters|ap|epa|getty|xinhua|sputnik|"
                          r"keystone|apa|ddp|anadolu|tass|photothek|foto|bild|photo)\b")
CAPTION_END = re.compile(r"\((?:Foto|Bild|Photo)\s*:[^)]*\)\s*$")

AGENCY = r"(?:dpa|afp|reuters|ap|apa|kna|epd|sid|ddp|rtr|ots|ag)"
CREDIT_LINE = re.compile(
    r"^(?:mit (?:informationen|material|agenturmaterial|inhalten)\b.*\b(?:von|aus|der|des)\b"
    r"|quellen?:|material:|\(?" + AGENCY + r"(?:[\s,/;&+]+(?:und\s+)?" + AGENCY + r")*\)?$)",
    re.IGNORECASE,
)
# Furniture: the publisher speaking about its own pages, links and products.
FURNITURE_WORDS = re.compile(
    r"\b(?:ticker|liveblog|live-blog|newsblog|newsletter|podcast|mediathek|mehr zum thema"
    r"|lesen sie (?:auch|mehr)|weitere informationen|hintergründe bei|hier geht es|zum artikel"
    r"|jetzt abonnieren|unsere[mnr]? (?:app|seite|kanal))\b"
    r"|\b[\w-]+\.(?:de|com|at|ch|org|net|eu)\b",
    re.IGNORECASE,
)
DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+")


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


def looks_like_heading(line: str) -> bool:
    """A short line that opens in upper case and has no final punctuation."""
    words = line.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and len(line) <= HEADING_MAX_CHARS
        and line[:1].isupper()
        and not SENTENCE_END.search(line)
        and "," not in line
    )


def classify(line: str) -> tuple[str, str]:
    """Return the block kind of a line and, for non-content, the reason."""
    if CAPTION_END.search(line) or _caption_start(line):
        return CAPTION, "photo caption with a photo credit"
    if CREDIT_LINE.match(line):
        return CREDIT, "agency credit"
    short = len(line.split()) <= 15 and not re.search(r"[.!?]\s*$", line)
    if short and FURNITURE_WORDS.search(line):
        return FURNITURE, "link or notice of the publisher"
    if looks_like_heading(line):
        return HEADING, ""
    return PARAGRAPH, ""


def _caption_start(line: str) -> bool:
    """A line opening with a photo credit: a photo agency's name, or no sentence after it."""
    m = CAPTION_START.match(line)
    if not m:
        return False
    credit = line[: m.end() - 1]
    return bool(PHOTO_AGENCY.search(credit)) or not re.search(r"[.!?]\s*$", line)


def make_blocks(text: str, language: str = "de") -> tuple[str, tuple[Block, ...]]:
    """Turn normalised text into (cleaned text, blocks with sentence offsets)."""
    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for number, line in enumerate(split_lines(text), start=1):
        if pieces:
            pos += len(BLOCK_SEPARATOR)
        kind, note = classify(line)
        sentences = split_sentences(line, pos, language) if kind == PARAGRAPH else ()
        blocks.append(Block(number, kind, pos, pos + len(line), line, sentences, note))
        pieces.append(line)
        pos += len(line)
    return BLOCK_SEPARATOR.join(pieces), tuple(blocks)
