"""Which texts of the site need translating, and what a page in a language shows for each.

Every piece of article-language text that appears on a page of another language is a
`Segment` of the translation memory, with an id that stays put while the article keeps
its structure. A page never shows an empty text: without a translation it shows the
original, marked, and counts it so that the page can say so.
"""
from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from pathlib import Path

from .catalog import MACHINE, MISSING, REVIEWED, Catalog, Segment
from .model import Article, Block, Citation, Claim

ORIGINAL = "original"  # the text is in the page's language already


@dataclass(frozen=True)
class Text:
    """A text as shown on a page: its words, their state and the language they are in."""

    text: str
    state: str  # ORIGINAL, REVIEWED, MACHINE or MISSING (then `text` is the original)
    language: str
    engine: str | None = None

    def __str__(self) -> str:
        return self.text


def sentence_id(article: Article, block: Block, index: int) -> str:
    """The segment id of the index-th sentence of a block."""
    return f"article.{article.id}.p{block.number}.s{index + 1}"


def citation_segment(citation: Citation, language: str) -> Segment:
    """The segment of the sentence a citation quotes."""
    sid = f"article.{citation.article}.p{citation.block}.s{citation.sentence + 1}"
    return Segment(sid, citation.quote, language)


def has_own_text(claim: Claim) -> bool:
    """Whether a claim's words differ from the sentence it cites first (then it is a segment of its own)."""
    return claim.text != claim.citations[0].quote


def claim_segment(claim: Claim) -> Segment:
    """The segment that carries a claim's text: its own, or its first citation's sentence."""
    if not has_own_text(claim):
        return citation_segment(claim.citations[0], claim.language)
    return Segment(f"claim.{claim.id}", claim.text, claim.language)


def claim_segments(claim: Claim) -> list[Segment]:
    """The segments a claim shows: its text, then the sentences that go on with its statement."""
    return [claim_segment(claim)] + [citation_segment(c, claim.language)
                                     for c in claim.citations[1:1 + claim.continued]]


def title_segment(article: Article) -> Segment:
    """The segment of an article's title (given or derived)."""
    return Segment(f"article.{article.id}.title", article.meta.title or "", article.meta.language,
                   (f"sources/{article.id}.md",))


def person_segment(person, language: str) -> Segment:
    """The segment of a person's name (names are written differently in other languages)."""
    return Segment(f"person.{person.id}.name", person.name, language)


def block_id(article: Article, block: Block) -> str:
    """The segment id of a heading or other one-piece block."""
    return f"article.{article.id}.p{block.number}"


def article_segments(article: Article) -> list[Segment]:
    """The segments of one article: its title, and its blocks sentence by sentence."""
    segments = [title_segment(article)]
    for block in article.blocks:
        segments += block_segments(article, block)
    return segments


def block_segments(article: Article, block: Block) -> list[Segment]:
    """The segments of a block: its sentences, or the block as one piece."""
    lang, page = article.meta.language, (f"sources/{article.id}.md",)
    if block.sentences or block.marks:  # a paragraph: only its sentences are text to translate
        return [Segment(sentence_id(article, block, i), s.text, lang, page) for i, s in enumerate(block.sentences)]
    return [Segment(block_id(article, block), block.text, lang, page)]


class Localizer:
    """Looks up the text a page of one language shows, and counts what it lacks."""

    def __init__(self, language: str, catalogs: dict[str, Catalog]):
        self.language = language
        self.catalogs = catalogs
        self.counts = {REVIEWED: 0, MACHINE: 0, MISSING: 0, ORIGINAL: 0}

    def text(self, segment: Segment) -> Text:
        """The text to show for a segment on this language's pages."""
        return self._count(self.peek(segment))

    def peek(self, segment: Segment) -> Text:
        """The text `text` would show for a segment, without counting it."""
        if segment.source_language == self.language:
            return Text(segment.source, ORIGINAL, self.language)
        catalog = self.catalogs.get(self.language)
        found = catalog.lookup(segment) if catalog else None
        if found is None or found.state == MISSING or not found.text:
            return Text(segment.source, MISSING, segment.source_language)
        return Text(found.text, found.state, self.language, found.engine)

    def claim(self, claim: Claim, language_of) -> Text:
        """A claim's text on this language's pages: its head's translation with the sentences
        that go on with it (claim_segments), unless only another sentence the claim cites has
        a reviewed one (or is in this language). That happens when an article added later
        brings a new head: the reviewed translation belongs to the sentence, so a claim keeps
        its reviewed text until the new head is translated. `language_of(article_id)` is the
        language an article is written in."""
        shown = self._joined(claim_segments(claim))
        if shown.state not in (ORIGINAL, REVIEWED):
            others = (self.peek(citation_segment(c, language_of(c.article)))
                      for c in claim.citations[1 + claim.continued:])
            shown = next((t for t in others if t.state in (ORIGINAL, REVIEWED)), shown)
        return self._count(shown)

    def claim_pieces(self, claim: Claim, language_of) -> list[tuple[Text, tuple[Citation, ...]]]:
        """A claim's text in pieces, each with the citations that carry it. A statement that
        goes on over several sentences of one article, in a claim other reports carry too,
        is shown sentence by sentence: the head with every report of it, each sentence that
        goes on with its own, so that no reader takes what one source adds for what all of
        them report. Otherwise one piece: the claim's text (`claim`) and all its citations."""
        going_on = claim.citations[1:1 + claim.continued]
        others = claim.citations[1 + claim.continued:]
        if not going_on or not others:
            return [(self.claim(claim, language_of), claim.citations)]
        head = replace(claim, citations=(claim.citations[0], *others), continued=0)
        return [(self.claim(head, language_of), head.citations),
                *((self.text(citation_segment(c, claim.language)), (c,)) for c in going_on)]

    def joined(self, segments: list[Segment]) -> Text:
        """Several segments shown as one text; all in the original when any lacks a translation."""
        return self._count(self._joined(segments))

    def _joined(self, segments: list[Segment]) -> Text:
        """What `joined` shows, without counting it."""
        texts = [self.peek(s) for s in segments]
        if len(texts) == 1:
            return texts[0]
        if any(t.state == MISSING for t in texts):
            return Text(" ".join(s.source for s in segments), MISSING, segments[0].source_language)
        state = MACHINE if any(t.state == MACHINE for t in texts) else texts[0].state
        engine = next((t.engine for t in texts if t.engine), None)
        return Text(" ".join(t.text for t in texts), state, texts[0].language, engine)

    def given(self, texts: dict, segment: Segment) -> Text:
        """A text the editors wrote per language in config, else the memory's."""
        if texts.get(self.language):
            return Text(texts[self.language], ORIGINAL, self.language)
        return self.text(segment)

    def counted(self, text: Text) -> Text:
        """A text `peek` gave, shown and counted now."""
        return self._count(text)

    def _count(self, text: Text) -> Text:
        """Count a looked-up text by its state."""
        self.counts[text.state] += 1
        return text


def load_catalogs(folder: Path, languages: tuple[str, ...], source_language: str,
                  article_languages: AbstractSet[str] = frozenset()) -> dict[str, Catalog]:
    """The catalogs of every target language.

    Texts are written in the default language (`source_language`), so every other
    language has a catalog. The default language needs one only when articles are
    written in another language (or it exists already); its entries then come from
    the first of those languages, others say so in a comment.
    """
    catalogs = {lang: Catalog.load(folder / f"{lang}.po", lang, source_language)
                for lang in languages if lang != source_language}
    others = sorted(article_languages - {source_language})
    if others or (folder / f"{source_language}.po").exists():
        first = others[0] if others else next(lang for lang in languages if lang != source_language)
        catalogs[source_language] = Catalog.load(folder / f"{source_language}.po", source_language, first)
    return catalogs
