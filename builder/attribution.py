"""Who said what: the quotations of each article, their speakers, and the sentences they are in.

Quotations come from `quotes.extract_quotes`, speakers from `people.resolve_speakers`.
A quotation whose speaker cannot be resolved safely keeps its mention ("Er") and no
person: it is never attributed to a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Article, Citation
from .people import People, resolve_speakers
from .quotes import extract_quotes


@dataclass(frozen=True)
class Statement:
    """A quotation in an article, with its speaker and the sentence that holds it."""

    kind: str  # "direct" or "indirect"
    start: int
    end: int
    person: str | None  # the resolved person id
    mention: str | None  # the speaker as the text names them
    citations: tuple[Citation, ...]  # the sentences the quotation overlaps

    @property
    def citation(self) -> Citation:
        """The sentence the quotation starts in."""
        return self.citations[0]


def attribute(article: Article, people: People) -> tuple[Statement, ...]:
    """The statements of an article that lie in its content paragraphs."""
    quotes = extract_quotes(article.text)
    persons = resolve_speakers(article.text, quotes, people)
    statements = []
    for quote, person in zip(quotes, persons):
        citations = _sentences_in(article, quote.start, quote.end)
        if not citations:
            continue
        mention = article.text[quote.speaker_start:quote.speaker_end] if quote.speaker_start is not None else None
        statements.append(Statement(quote.kind, quote.start, quote.end, person, mention, citations))
    return tuple(statements)


def _sentences_in(article: Article, start: int, end: int) -> tuple[Citation, ...]:
    """The content sentences a span overlaps (none outside content paragraphs)."""
    return tuple(Citation(article.id, block.number, block.sentences.index(s), s.start, s.end, s.text)
                 for block, s in article.sentences() if min(end, s.end) > max(start, s.start))


# Forms of the Konjunktiv I (and "würden"-less reported verbs) that mark reported speech.
SUBJUNCTIVE = re.compile(
    r"\b(?:sei|seien|habe|werde|könne|müsse|dürfe|wolle|solle|möge|wisse|gebe|bedeute|stehe|liege|gehe|komme|"
    r"bleibe|brauche|zeige|fehle|gelte|halte|führe|lasse|drohe|erlaube|verlange|bestehe|nütze|schade)\b")


def speakers_by_sentence(article: Article, statements: tuple[Statement, ...]) -> dict[int, str]:
    """Sentence start offset -> the person who speaks in that sentence.

    A sentence without a quotation of its own that is in the Konjunktiv I continues the
    reported speech of the sentence before it in the same paragraph ("Lecornu sagte, … .
    Ein Frieden durch Schwäche dagegen bedeute, …").
    """
    out: dict[int, str] = {}
    for statement in statements:
        for citation in statement.citations:
            if statement.person:
                out.setdefault(citation.start, statement.person)
    quoted = {c.start for st in statements for c in st.citations}
    for block in article.paragraphs:
        for before, sentence in zip(block.sentences, block.sentences[1:]):
            if sentence.start not in quoted and before.start in out and SUBJUNCTIVE.search(sentence.text):
                out[sentence.start] = out[before.start]
    return out
