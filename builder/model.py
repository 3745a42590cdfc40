"""The in-memory model of the site: articles, their blocks and sentences, claims, the
quotations (Statement) and topic matches (Match) the stages pass on, and the people of
the registry (Person, Role). The editorial config's classes are in config.py, the
registry with its matcher in registry.py, the pages (TopicPage, Site) in site.py.

Every piece of text carries character offsets into its article's cleaned text, so that
any citation can be checked against the source at any time.
"""
from __future__ import annotations

from dataclasses import dataclass

# Kinds of block an article's cleaned text is divided into. Only "paragraph" blocks
# carry news content; the others are shown on the source page, marked, and never
# become claims.
PARAGRAPH = "paragraph"
HEADING = "heading"
FURNITURE = "furniture"  # links to tickers, "more at …", teasers of the publisher
CREDIT = "credit"  # agency credits ("Mit Informationen von dpa …")
CAPTION = "caption"  # photo captions with a photo credit
BLOCK_KINDS = (PARAGRAPH, HEADING, FURNITURE, CREDIT, CAPTION)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a paragraph; `start`/`end` index the article's text."""

    start: int
    end: int
    text: str


# Kinds of furniture inside a content paragraph: kept on the source page, marked, and
# never part of a sentence that a claim can cite.
DATELINE = "dateline"  # "OSLO (dpa) -" before the first sentence
TICKER_TIME = "time"  # "08.43 Uhr:" before a ticker entry
LIST_MARKER = "marker"  # "▶", "•" before a paragraph
TRAILER = "trailer"  # agency and editor codes after the last sentence: "/aha/DP/mis", "(dpa)"
READER = "reader"  # the publisher addressing the reader: "Mehr dazu lesen Sie hier."
CUT_OFF = "cut-off"  # the text breaks off mid-sentence
INNER = "furniture"  # a sentence with a credit, caption widget or trailer inside it
MARK_KINDS = (DATELINE, TICKER_TIME, LIST_MARKER, TRAILER, READER, CUT_OFF, INNER)


@dataclass(frozen=True)
class Mark:
    """A piece of furniture inside a content paragraph; `start`/`end` index the article's text."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class Dateline:
    """The place and agency an agency report opens with ("OSLO (dpa) -")."""

    place: str
    agency: str | None
    block: int  # Block.number of the paragraph it opens


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or marked non-content line of an article."""

    number: int  # 1-based; the source page anchors it as #p<number>
    kind: str
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...] = ()
    note: str = ""  # for non-content blocks: why it was recognised as such
    marks: tuple[Mark, ...] = ()  # furniture inside a paragraph, between or around its sentences

    @property
    def anchor(self) -> str:
        """The fragment id of this block on its source page."""
        return f"p{self.number}"


@dataclass(frozen=True)
class Metadata:
    """What is known about a source; None means unknown and is shown as unknown."""

    title: str | None = None
    title_derived: bool = False  # True when the title was taken from the text
    author: str | None = None  # as the source names them, several joined by "; "
    date: str | None = None  # ISO date, as precise as known: "2025", "2025-02", "2025-02-12"
    publisher: str | None = None
    url: str | None = None
    language: str = "de"
    slug: str | None = None
    datelines: tuple[Dateline, ...] = ()  # found in the text, not given by the editors


@dataclass(frozen=True)
class Article:
    """A source article: its id, metadata, cleaned text and the blocks of that text."""

    id: str
    path: str  # as given on the command line or relative to the project, for messages
    meta: Metadata
    text: str
    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        """The content blocks, the only ones that may be cited by claims."""
        return tuple(b for b in self.blocks if b.kind == PARAGRAPH)

    def sentences(self):
        """Yield (block, sentence) for every sentence of every content paragraph."""
        for block in self.paragraphs:
            for sentence in block.sentences:
                yield block, sentence


@dataclass(frozen=True)
class Citation:
    """A verbatim span of an article that supports a claim."""

    article: str
    block: int  # Block.number, for the #p anchor
    sentence: int  # 0-based index of the sentence within its block
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Claim:
    """A statement on a topic page, supported by one or more citations."""

    id: str
    text: str  # in the language of its first source
    language: str
    citations: tuple[Citation, ...]
    section: str | None = None  # sub-theme id within the topic
    speaker: str | None = None  # person id, when the claim is what someone said
    score: float = 0.0
    aliases: tuple[str, ...] = ()  # ids of published claims that became this one (extra anchors)
    continued: int = 0  # the citations after the first that go on with its statement: shown with it

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct article ids that support this claim, in citation order."""
        return tuple(dict.fromkeys(c.article for c in self.citations))


@dataclass(frozen=True)
class Statement:
    """A quotation in an article, with its speaker and the sentence that holds it."""

    kind: str  # "direct" or "indirect"
    start: int
    end: int
    person: str | None  # the resolved person id
    mention: str | None  # the speaker as the text names them
    citations: tuple[Citation, ...]  # the sentences the quotation overlaps
    name: str | None = None  # the speaker's name when the registry lacks them
    confidence: float = 0.0  # how far the speaker can be trusted (0 when there is none)
    voices_sentence: bool = True  # False when the sentence around it is the writer's own
    cued: bool = True  # False when no cue of its own introduces it (its speaker is carried over)

    @property
    def speaker(self) -> str | None:
        """What pages show for the speaker: the person id, else the name."""
        return self.person or self.name

    @property
    def citation(self) -> Citation:
        """The sentence the quotation starts in."""
        return self.citations[0]


@dataclass(frozen=True)
class Match:
    """A sentence that belongs on a topic page."""

    topic: str
    section: str | None
    article: Article
    block: Block
    sentence: Sentence
    score: float
    priority: float
    order: int  # position of the sentence in its article, for "earliest in the articles"
    speaker: str | None = None  # person id, when the sentence reports what someone said
    continues: int | None = None  # the start of the sentence whose statement this one goes on with


@dataclass(frozen=True)
class Role:
    """A role in both site languages."""

    de: str
    en: str


@dataclass(frozen=True)
class Person:
    """A person or speaking organisation of the registry."""

    id: str
    name: str
    kind: str
    variants: tuple[str, ...]
    gender: str | None
    side: str
    role: Role
    role_nouns: tuple[str, ...]
    said_by: tuple[tuple[str, str], ...] = ()  # (language, phrase): "Aussage des [Hafenamts]"

    def said_by_in(self, language: str) -> str | None:
        """How pages of a language say that this entry made a statement, when the registry
        gives it (the part in brackets links to the entry's page); else None."""
        return dict(self.said_by).get(language)
