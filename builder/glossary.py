"""The terms glossary (content/glossary.yml) and the check that translations follow it.

Where a source text contains a glossary term (case-insensitively, also inside a compound),
its translation must contain the term's translation. Where terms overlap in the source,
the longest one counts ("US-Verteidigungsminister", not "Verteidigungsminister").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import schema


@dataclass(frozen=True)
class GlossaryTerm:
    """A source term and the translation it must have."""

    source: str
    target: str


@dataclass(frozen=True)
class Violation:
    """A translation that lacks a glossary term's translation."""

    segment_id: str
    term: GlossaryTerm


def load_glossary(path: Path, language: str) -> tuple[GlossaryTerm, ...]:
    """The glossary's terms for one target language (missing file or language: none)."""
    doc = schema.read(path, missing_ok=True)
    if doc is None:
        return ()
    checker = schema.Checker(doc)
    data = doc.data if isinstance(doc.data, dict) else {}
    terms = []
    for i, entry in enumerate(schema.entries(checker, ("terms",), data.get("terms"), "write one `- de: …` per term")):
        if not isinstance(entry, dict) or not isinstance(entry.get("de"), str):
            checker.fail(("terms", i), "expected a `de:` text and its translations",
                         f"write `- {{de: …, {language}: …}}`")
            continue
        if isinstance(entry.get(language), str):
            terms.append(GlossaryTerm(entry["de"], entry[language]))
    checker.done()
    return tuple(sorted(terms, key=lambda t: -len(t.source)))


def required_terms(source: str, terms: tuple[GlossaryTerm, ...]) -> list[GlossaryTerm]:
    """The terms a source text contains, longest first, without those inside a longer one."""
    taken: list[tuple[int, int]] = []
    found = []
    for term in terms:
        for m in re.finditer(re.escape(term.source), source, re.IGNORECASE):
            if not any(s <= m.start() and m.end() <= e for s, e in taken):
                taken.append(m.span())
                if term not in found:
                    found.append(term)
    return found


def violations(entries, terms: tuple[GlossaryTerm, ...]) -> list[Violation]:
    """Check (segment id, source, translation) triples; untranslated ones are skipped."""
    out = []
    for segment_id, source, target in entries:
        if not target:
            continue
        for term in required_terms(source, terms):
            if term.target.lower() not in target.lower():
                out.append(Violation(segment_id, term))
    return out
