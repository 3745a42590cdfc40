"""The in-memory model of the site: every data class the stages pass on, in one place, in
the order of the stages:

- the editorial config (config.py, schema.py): Language, Term, Section, TopicConfig,
  StoryConfig, Concept, Side, Reuse, SiteConfig;
- reading (read.py): Sentence, Mark, Dateline, Block, Metadata, Article;
- quotations (attribution.py): Citation, Statement; the people of the registry
  (registry.py): Role, Person;
- the story and the topics (story.py, topics.py): Relevance, Match;
- copies of one report (copies.py): Report;
- claims (claims.py): Claim, Group;
- dates, overviews and explanations (dates.py, overview.py, glossary.py): When,
  Editorial, Explained;
- the timeline and the positions table (timeline.py, positions.py): Entry, Cell, Row,
  SideRows, Positions;
- the pages (site.py): TopicPage, Site, and the id pattern SLUG.

The registry with its matcher (People) is in registry.py; the loaders and the stages
that make these classes are in their own modules, and what the pages compute from the
site (its timeline, a claim's date, a topic's positions) in site.py. This module imports
no other module of the builder, so every stage can import it (and the caches keyed by
what a stage imports, builder/cache.py, do not change with the others); `trie_alternation`,
the pattern of a long word list, lives here for that reason.

Every piece of text carries character offsets into its article's cleaned text, so that
any citation can be checked against the source at any time.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

# The form of every id of the editorial config and the registry ("fare-rise"); a speaker
# that is not one is the name of someone the registry lacks.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# ---------------------------------------------------------------------------
# The editorial config (config.py: content/*.yml and the builder's part of mkdocs.yml)


@dataclass(frozen=True)
class Language:
    """A site language as declared for the i18n plugin in mkdocs.yml."""

    code: str
    name: str
    default: bool


@dataclass(frozen=True)
class Term:
    """A word or pattern that signals a topic or section, with its weight."""

    label: str
    pattern: re.Pattern
    weight: float


@dataclass(frozen=True)
class Section:
    """A sub-theme of a topic page."""

    id: str
    title: dict[str, str]  # language code -> title
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class TopicConfig:
    """One topic page as the editors defined it."""

    id: str
    title: dict[str, str]  # language code -> title
    description: dict[str, str]  # language code -> description
    terms: tuple[Term, ...]
    require: tuple[Term, ...]
    min_score: float
    sections: tuple[Section, ...]
    priority: tuple[Term, ...]  # editorial priority for the overview (builder/overview.py)
    sides: dict[str, float]  # side of the speaker (people.yml) -> weight


WORD_START = r"(?<![\w-])"  # what a plain term (schema.compile_term) must stand after


def _word_prefix(term: Term) -> bool:
    """Whether a term is a plain word prefix, matched case-insensitively at a word's start."""
    return bool(term.pattern.flags & re.IGNORECASE) and term.pattern.pattern == WORD_START + re.escape(term.label)


def _inline(pattern: re.Pattern) -> str:
    """A pattern's source with its case-insensitivity written inline, to join it with others."""
    return f"(?i:{pattern.pattern})" if pattern.flags & re.IGNORECASE else f"(?:{pattern.pattern})"


def alternatives(terms) -> str:
    """One pattern that finds any of `terms`. The plain terms (word prefixes) share one test
    for the start of a word, so that the alternatives are tried at word starts only, not at
    every character."""
    plain = [t.label for t in terms if _word_prefix(t)]
    parts = [rf"{WORD_START}(?i:{trie_alternation(plain)})"] if plain else []
    parts += [_inline(t.pattern) for t in terms if not _word_prefix(t)]
    return "|".join(parts) or r"(?!)"


def any_of(terms) -> re.Pattern | None:
    """The pattern of `alternatives`, or None where it could find other texts than the terms
    do, one by one: a term with a capture group (joined, its number would change) or with a
    flag other than case."""
    if any(t.pattern.groups or t.pattern.flags & ~(re.IGNORECASE | re.UNICODE) for t in terms):
        return None
    try:
        return re.compile(alternatives(terms))
    except re.error:  # a flag written inside a term ("(?i)…") cannot stand inside a group
        return None


def trie_alternation(words) -> str:
    """A regular expression that matches the same as the alternation of `words`, longest
    first, with their shared beginnings written once ("Anna(?: Berg)?"): Python's regex
    engine tries every branch of a plain alternation at every position of a text, and a
    registry has hundreds of variants. A word that another one continues ends in an optional
    group, tried longest first; two words that match at one position are one the other's
    beginning, so this finds what the longest-first alternation finds."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict) -> str:
    """The expression of a trie node (see trie_alternation)."""
    branches = [re.escape(char) + _branches(node[char]) for char in sorted(node) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@dataclass(frozen=True)
class StoryConfig:
    """What the site is about: the actors, places and events of its story (content/story.yml)."""

    kinds: dict[str, tuple[Term, ...]]  # kind ("actors", "places", "events") -> its terms
    min_score: float  # distinct terms of an article must weigh this much together
    min_kinds: int  # ... and come from this many kinds
    min_sentences: int  # ... in at least this many sentences

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term of the story, of every kind."""
        return tuple(t for terms in self.kinds.values() for t in terms)

    @cached_property
    def any_term(self) -> re.Pattern:
        """One pattern that finds any of the terms: most sentences of most articles have none."""
        return re.compile(alternatives(self.terms))


@dataclass(frozen=True)
class Concept:
    """Expressions that mean the same thing, for grouping statements into claims."""

    id: str
    forms: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Side:
    """A side of the story (content/sides.yml): its id, its name per language, and the
    adjectives that point to it in a speaker mention."""

    id: str
    label: dict[str, str]  # language code -> name
    adjectives: tuple[str, ...]


CC_BY = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")


@dataclass(frozen=True)
class Reuse:
    """Who answers for the site and on what terms its editorial text and data may be reused
    (mkdocs.yml `extra:`). None is a value the editors did not give: nothing is shown for it."""

    licence: str | None = CC_BY[0]  # the licence's name, e.g. "CC BY 4.0"
    licence_url: str | None = CC_BY[1]
    editor: str | None = None  # who publishes the pages
    contact: str | None = None  # an https:// or mailto: address
    corrections: str | None = None  # where to report an error (the contact address when not given)

    def as_dict(self) -> dict[str, str | None]:
        """The values by name (for claims.json and the theme)."""
        return {"licence": self.licence, "licence_url": self.licence_url, "editor": self.editor,
                "contact": self.contact, "corrections": self.corrections}


@dataclass(frozen=True)
class SiteConfig:
    """The builder's part of mkdocs.yml: the languages, the reuse terms, the public address."""

    languages: tuple[Language, ...]  # the default one first
    reuse: Reuse
    site_url: str | None  # ending in "/"; None when not set


# ---------------------------------------------------------------------------
# Articles as read (read.py): blocks, sentences and the furniture inside them

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

    def sentences(self) -> Iterator[tuple[Block, Sentence]]:
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
    speaks_for: tuple[str, ...] = ()  # ids of the organisations this person is the spokesperson of

    def said_by_in(self, language: str) -> str | None:
        """How pages of a language say that this entry made a statement, when the registry
        gives it (the part in brackets links to the entry's page); else None."""
        return dict(self.said_by).get(language)


# ---------------------------------------------------------------------------
# The story, copies and claims (story.py, copies.py, claims.py)


@dataclass(frozen=True)
class Relevance:
    """How an article relates to the story: whether it is on it, why, and which sentences are."""

    on_story: bool
    reason: str  # for an article off the story: what it lacks, for the editors
    sentences: frozenset[int]  # start offsets of the sentences on the story


@dataclass(frozen=True)
class Report:
    """Articles that print the same report; `id` is the first of them by id."""

    id: str
    articles: tuple[str, ...]


def reports_among(article_ids: Iterable[str], reports: dict[str, Report]) -> int:
    """How many distinct reports some articles print (an article without a report is its own)."""
    return len({reports[a].id if a in reports else a for a in article_ids})


@dataclass(frozen=True)
class Group:
    """Matches that carry one claim, with the one whose words stand for all."""

    members: tuple[Match, ...]
    representative: Match
    continuation: tuple[Match, ...] = ()  # members that go on with the representative's statement, in order


# ---------------------------------------------------------------------------
# Dates, overviews and explanations (dates.py, overview.py, glossary.py)

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"
EXPLICIT = "explicit"  # the sentence writes the date
RELATIVE = "relative"  # a weekday or "gestern", counted from the article's day
REPORTED = "reported"  # the sentence names a day the sources do not date: the article's date stands
PRECISION_RANK = {DAY: 0, WEEK: 1, MONTH: 2, YEAR: 3}
BASIS_RANK = {EXPLICIT: 0, RELATIVE: 1, REPORTED: 2}


@dataclass(frozen=True)
class When:
    """A date as precisely as it is known: `iso` is "2025-02-12", "2025-02" or "2025"; a week
    is the ISO day of its Monday."""

    iso: str
    precision: str  # DAY, WEEK, MONTH or YEAR
    basis: str  # EXPLICIT, RELATIVE or REPORTED

    @property
    def sort_key(self) -> str:
        """A key that orders dates in time; a month or year comes before its days."""
        return (self.iso + "-00-00")[:10]

    @property
    def rank(self) -> tuple[int, int]:
        """Better first: the more precise date, then the one the sentence itself gives."""
        return PRECISION_RANK[self.precision], BASIS_RANK[self.basis]


@dataclass(frozen=True)
class Editorial:
    """The editors' overview of one topic in one language (content/overviews/<topic>.<lang>.md)."""

    topic: str
    language: str
    mode: str  # overview.REPLACE: instead of the generated overview; EXTEND: before it
    markdown: str
    path: str  # for messages


@dataclass(frozen=True, eq=False)
class Explained:
    """A term with a short explanation per language: the forms pages use (headword first)
    and the anchor of its entry on the glossary page. A language without an explanation
    has no forms either: its pages leave the term unexplained."""

    id: str
    forms: dict[str, tuple[str, ...]]
    explanation: dict[str, str]

    def headword(self, language: str) -> str:
        """The term as the glossary page names it in a language."""
        return self.forms[language][0]


# ---------------------------------------------------------------------------
# The timeline and the positions table (timeline.py, positions.py)


@dataclass(frozen=True)
class Entry:
    """One dated event of the timeline: its date and the claims (with their topic ids) that tell it."""

    when: When
    claims: tuple[tuple[str, Claim], ...]  # (topic id, claim), in the order of the topics

    @property
    def claim(self) -> Claim:
        """The claim whose words the entry shows (the first one)."""
        return self.claims[0][1]


@dataclass(frozen=True)
class Cell:
    """One speaker's claims on one sub-theme, and the independent reports that carry them."""

    claims: tuple[Claim, ...]
    reports: int


@dataclass(frozen=True)
class Row:
    """A speaker and a cell per column."""

    person: Person
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class SideRows:
    """The rows of one side, in the people's order."""

    side: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Positions:
    """The table of a topic: its columns (section ids; None is "Further points") and rows by side."""

    columns: tuple[str | None, ...]
    sides: tuple[SideRows, ...]

    @property
    def speakers(self) -> int:
        """How many speakers the table has."""
        return sum(len(s.rows) for s in self.sides)

    @property
    def as_table(self) -> bool:
        """Whether a table says more than a list: several columns and someone in them."""
        return len(self.columns) > 1 and self.speakers > 0


# ---------------------------------------------------------------------------
# The pages (site.py): what the renderer shows


@dataclass(frozen=True)
class TopicPage:
    """A topic page: its config, its claims in reading order, its overview and what covers it."""

    config: TopicConfig
    claims: tuple[Claim, ...]
    overview: tuple[Claim, ...]  # the claims of the generated overview (builder/overview.py)
    sources: tuple[str, ...]  # ids of the articles cited on the page

    def section_claims(self, section_id: str | None) -> tuple[Claim, ...]:
        """The claims of one section (None: those that fit no section)."""
        return tuple(c for c in self.claims if c.section == section_id)


# Copies of one report print its words alike, its quotation marks and the stop around them
# not always („…“, “…”; "….“" or "“."): sentences are compared by their words.
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Site:
    """Everything the pages show (site.assemble makes it), with the lookups the pages make
    in it. What is computed from it by a stage (its timeline, a claim's date, a topic's
    positions) is in site.py: `events(site)`, `date_note(site, claim)`, `positions(site, topic)`."""

    languages: tuple[Language, ...]
    articles: tuple[Article, ...]
    topics: tuple[TopicPage, ...]
    unused: tuple[str, ...]  # articles that no topic page cites
    built: str  # build date, ISO
    people: tuple[Person, ...] = ()  # the people that have statements, by side then name
    statements: tuple[Statement, ...] = ()  # every attributed quotation, in article order
    off_story: dict[str, str] = field(default_factory=dict)  # article id -> why it is not about the story
    reports: dict[str, Report] = field(default_factory=dict)  # article id -> the report it prints
    sides: tuple[Side, ...] = ()  # the sides of the story, in the order pages list them
    reuse: Reuse = field(default_factory=Reuse)  # licence, editor, contact (mkdocs.yml extra:)
    editorial: dict[tuple[str, str], Editorial] = field(default_factory=dict)  # (topic id, language) -> overview
    site_url: str | None = None  # the public address (mkdocs.yml site_url), ending in "/"
    glossary: tuple[Explained, ...] = ()  # terms explained on the pages and the glossary page
    show_speaker: float = 0.0  # person pages list a statement from this confidence up (attribution.SHOW_SPEAKER)

    def editors_overview(self, topic_id: str, language: str) -> Editorial | None:
        """The editors' overview of a topic in a language, or None."""
        return self.editorial.get((topic_id, language))

    def editors_languages(self, topic_id: str) -> tuple[str, ...]:
        """The names (mkdocs.yml) of the languages the editors wrote an overview of a topic in."""
        return tuple(lang.name for lang in self.languages if (topic_id, lang.code) in self.editorial)

    @cached_property
    def article_dates(self) -> dict[str, str | None]:
        """Article id -> its ISO date (None when unknown)."""
        return {a.id: a.meta.date for a in self.articles}

    @cached_property
    def content_date(self) -> str | None:
        """The newest date of the articles the topic pages cite, as precise as it is known
        ("2025-02-14", "2025-02"); None when none has a date. A month counts as its last day,
        so "2025-02" is newer than "2025-02-10": the content may be from the end of February."""
        cited = {a for t in self.topics for a in t.sources}
        dates = [a.meta.date for a in self.articles if a.id in cited and a.meta.date]
        return max(dates, key=lambda d: (d + "-99-99")[:10], default=None)

    def side_label(self, side_id: str, language: str) -> str:
        """A side's name in a language (the default language's when it has none there)."""
        side = next((s for s in self.sides if s.id == side_id), None)
        if side is None:
            return side_id
        return side.label.get(language) or side.label[self.languages[0].code]

    def unused_reason(self, article_id: str) -> str:
        """Why an unused article is not on any topic page."""
        return self.off_story.get(article_id, "")

    def copies_of(self, article_id: str) -> tuple[str, ...]:
        """The other articles that print the same report as this one."""
        report = self.reports.get(article_id)
        return tuple(a for a in report.articles if a != article_id) if report else ()

    def report_count(self, claim: Claim) -> int:
        """How many independent reports carry a claim: copies of one report count once."""
        return reports_among(claim.sources, self.reports)

    def corroborated(self, claims: Iterable[Claim]) -> bool:
        """Whether any of some claims is carried by more than one independent report."""
        return any(self.report_count(c) > 1 for c in claims)

    def attributed_reports(self, claim: Claim) -> int:
        """How many independent reports among a claim's sources give its words as its speaker's:
        a statement pages name the speaker at covers a sentence the claim cites there. Another
        source may report the same fact in its own words, naming nobody."""
        spoken = self._spoken.get(claim.speaker or "", frozenset())
        return self.reports_in({c.article for c in claim.citations if (c.article, c.start) in spoken})

    def voices(self, claim: Claim) -> tuple[tuple[str, tuple[Citation, ...]], ...]:
        """Where only some of a claim's reports give its words as its speaker's (see
        attributed_reports): each speaker (person id or name) of a statement that covers a
        sentence the claim cites, with those citations, the claim's speaker first. A page then
        names each speaker at the citations that are theirs, and nobody at a report that gives
        the fact in its own words. A claim in the writer's words may cite a report that gives
        them as someone's. Empty when every report gives the words as the speaker's, or none
        does (a spokesperson's words): the claim's speaker stands for all."""
        if claim.speaker and not 0 < self.attributed_reports(claim) < self.report_count(claim):
            return ()
        cited: dict[str, list[Citation]] = {}
        for citation in claim.citations:
            for person in self.speakers_at(citation):
                cited.setdefault(person, []).append(citation)
        order = sorted(cited, key=lambda person: person != claim.speaker)  # stable: else first cited first
        return tuple((person, tuple(cited[person])) for person in order)

    def speakers_at(self, citation: Citation) -> tuple[str, ...]:
        """The speakers (person ids or names, sorted) pages name at statements that cover a
        cited sentence."""
        return self._speakers_at.get((citation.article, citation.start), ())

    @cached_property
    def _speakers_at(self) -> dict[tuple[str, int], tuple[str, ...]]:
        """(article, start) of a sentence -> the speakers of the statements that cover it (see speakers_at)."""
        at: dict[tuple[str, int], set[str]] = {}
        for person, sentences in self._spoken.items():
            for sentence in sentences:
                at.setdefault(sentence, set()).add(person)
        return {sentence: tuple(sorted(people)) for sentence, people in at.items()}

    @cached_property
    def _spoken(self) -> dict[str, frozenset[tuple[str, int]]]:
        """Speaker (person id, or the name of one the registry lacks) -> (article, start) of
        each sentence a statement of theirs that pages name them at covers (see names)."""
        spoken: dict[str, set[tuple[str, int]]] = {}
        for statement in self.statements:
            if statement.speaker and self.names(statement):
                spoken.setdefault(statement.speaker, set()).update((c.article, c.start) for c in statement.citations)
        return {person: frozenset(sentences) for person, sentences in spoken.items()}

    def copy_count(self, claim: Claim) -> int:
        """How many of a claim's sources are copies of a report another source of it prints."""
        return len(claim.sources) - self.report_count(claim)

    def reports_in(self, article_ids: Iterable[str]) -> int:
        """How many independent reports some articles are: copies of one report count once."""
        return reports_among(article_ids, self.reports)

    @cached_property
    def used_reports(self) -> int:
        """How many independent reports the topic pages cite (the M of "N of M sources")."""
        return self.reports_in({a for t in self.topics for a in t.sources})

    def covered(self, article_id: str, topic: TopicPage, section: str | None = "") -> int:
        """How many claims of a topic (or of one of its sections) cite an article (counted
        once per topic and section: the coverage page asks for every article)."""
        key = (topic.config.id, section)
        counts = self._covered.get(key)
        if counts is None:
            claims = topic.claims if section == "" else topic.section_claims(section)
            counts = self._covered[key] = Counter(a for c in claims for a in set(c.sources))
        return counts[article_id]

    @cached_property
    def _covered(self) -> dict[tuple[str, str | None], Counter]:
        """(topic id, section) -> article id -> claims citing it, filled by `covered`."""
        return {}

    def statements_of(self, person_id: str) -> tuple[Statement, ...]:
        """The quotations attributed to a person as their page lists them (see `lists`), one
        per cited sentence (a direct one before an indirect one), in article order, and a
        sentence that copies of one report print alike once (`statement_copies` gives the
        others). The people index counts these, so its numbers are what the person pages show."""
        return tuple(self._listed.get(person_id, {}))

    def statement_copies(self, person_id: str, statement: Statement) -> tuple[Citation, ...]:
        """The other articles' citations of a listed statement's sentence, word for word
        (whatever quotation marks they print)."""
        return self._listed.get(person_id, {}).get(statement, ())

    def lists(self, statement: Statement) -> bool:
        """Whether a person page lists a statement: it is of a person of the registry, and
        pages name its speaker (see names)."""
        return bool(statement.person) and self.names(statement)

    def names(self, statement: Statement) -> bool:
        """Whether pages name a statement's speaker: trusted enough (show_speaker), and the
        sentence around it is theirs, not the writer's (an analysis after their words, a
        report of someone's reaction to them)."""
        return bool(statement.speaker) and statement.voices_sentence and statement.confidence >= self.show_speaker

    @cached_property
    def _listed(self) -> dict[str, dict[Statement, tuple[Citation, ...]]]:
        """Person id -> their listed statements (see statements_of), each with its copies'
        citations; made once for all people, since every person page asks for each statement."""
        listed: dict[str, dict[Statement, tuple[Citation, ...]]] = {}
        first: dict[tuple[str, str], Statement] = {}  # (person, the sentence's words) -> the statement listed
        seen = set()
        for statement in sorted((s for s in self.statements if self.lists(s)),
                                key=lambda s: (s.citation.article, s.citation.start, s.kind != "direct")):
            person, citation = statement.person or "", statement.citation
            if (person, citation) in seen:
                continue
            seen.add((person, citation))
            words = (person, " ".join(_WORD.findall(citation.quote)))
            mine = listed.setdefault(person, {})
            if words in first and first[words].citation.article != citation.article:
                mine[first[words]] += (citation,)
            else:
                first.setdefault(words, statement)
                mine[statement] = ()
        return listed

    @staticmethod
    def unregistered(speaker: str | None) -> bool:
        """Whether a speaker is the name of someone the registry lacks (its ids are slugs)."""
        return speaker is not None and speaker != "" and not SLUG.match(speaker)

    def person(self, person_id: str) -> Person:
        """A person by id."""
        return next(p for p in self.people if p.id == person_id)

    def topic(self, topic_id: str) -> TopicPage:
        """A topic page by id."""
        return next(t for t in self.topics if t.config.id == topic_id)

    def topics_of(self, article_id: str) -> tuple[TopicPage, ...]:
        """The topic pages that cite an article."""
        return tuple(t for t in self.topics if article_id in t.sources)

    def article(self, article_id: str) -> Article:
        """An article by id."""
        return self._articles_by_id[article_id]

    def language_of(self, article_id: str) -> str:
        """The language an article is written in."""
        return self.article(article_id).meta.language

    @cached_property
    def _articles_by_id(self) -> dict[str, Article]:
        """The articles by id (made once; the model does not change)."""
        return {a.id: a for a in self.articles}
