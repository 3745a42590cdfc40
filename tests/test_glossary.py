"""The English translation memory follows the terms glossary."""
from __future__ import annotations

from pathlib import Path

import polib

from builder.glossary import GlossaryTerm, load_glossary, required_terms, violations

ROOT = Path(__file__).resolve().parent.parent


def test_longest_term_wins_inside_compounds():
    terms = (GlossaryTerm("US-Verteidigungsminister", "US Secretary of Defense"), GlossaryTerm("Verteidigungsminister", "defence minister"))
    found = required_terms("Der US-Verteidigungsminister traf den britischen Verteidigungsminister.", terms)
    assert found == [terms[0], terms[1]]
    assert required_terms("US-Verteidigungsminister Hegseth", terms) == [terms[0]]


def test_a_translation_without_the_glossary_term_is_reported():
    terms = (GlossaryTerm("Ukraine-Kontaktgruppe", "Ukraine Defense Contact Group"),)
    bad = violations([("s1", "vor der Ukraine-Kontaktgruppe", "before the Ukraine contact group of allies")], terms)
    assert [(v.segment_id, v.term.source) for v in bad] == [("s1", "Ukraine-Kontaktgruppe")]
    assert not violations([("s1", "vor der Ukraine-Kontaktgruppe", "before the Ukraine Defense Contact Group")], terms)


def test_every_reviewed_english_entry_follows_the_glossary():
    terms = load_glossary(ROOT / "content" / "glossary.yml", "en")
    assert len(terms) >= 25
    po = polib.pofile(str(ROOT / "translations" / "en.po"))
    entries = [(e.msgctxt, e.msgid, e.msgstr) for e in po if not e.obsolete and not e.fuzzy]
    assert entries
    bad = violations(entries, terms)
    assert not bad, [(v.segment_id, v.term.source, v.term.target) for v in bad]
