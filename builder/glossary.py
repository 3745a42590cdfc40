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
from .model import Explained


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


# Explanations for readers: a term of the glossary with `explain: {de: …, en: …}` is
# explained on every page that uses it (the page's Markdown gains abbreviation definitions,
# `*[form]: explanation`, for the forms it contains) and listed on the glossary page.
# A term matches at the start of a word, as written (its first letter in either case),
# with the endings a language inflects it with ("Fährverband" also finds "Fährverbands",
# "Anleger" the "Anleger" of "Anleger-Ordnung"), but not inside a longer word ("Hafen" is
# not in "Hafenamt").
ENDINGS = {"de": r"(?:e?s|e?n|e|er|ern)?", "en": r"(?:['’]s|e?s)?"}
EXPLANATION_MAX = 300  # characters: a tooltip, not an article


def load_explanations(path: Path, languages: tuple[str, ...]) -> tuple[Explained, ...]:
    """The glossary's explained terms (missing file: none); a ConfigError lists every bad one,
    with its line and key path (schema.Checker)."""
    doc = schema.read(path, missing_ok=True)
    if doc is None:
        return ()
    data = doc.data if isinstance(doc.data, dict) else {}
    raw = data.get("terms")
    entries: list = raw if isinstance(raw, list) else []

    def label(keys) -> str:
        """terms[3] (Fährverband): the entry's place and its headword."""
        entry = entries[keys[1]] if len(keys) > 1 and isinstance(keys[1], int) else None
        word = f" ({entry.get('de')})" if isinstance(entry, dict) else ""
        return schema.key_path(keys[:2]) + word

    checker = schema.Checker(doc, label=label)
    found: dict[str, Explained] = {}
    for i, entry in enumerate(entries):
        if isinstance(entry, dict) and "explain" in entry:
            term = _explained(entry, languages, lambda message, fix, i=i: checker.fail(("terms", i), message, fix))
            if term is not None and term.id in found:
                checker.fail(("terms", i), f"two explained terms have the anchor {term.id!r}", "explain each term once")
            elif term is not None:
                found[term.id] = term
    checker.done()
    return tuple(found.values())


def _explained(entry: dict, languages, problem) -> Explained | None:
    """One explained term, or None after telling `problem(message, fix)` what is wrong."""
    faults = []

    def fault(message: str, fix: str) -> None:
        faults.append(message)
        problem(message, fix)

    explain, extra = entry.get("explain"), entry.get("forms") or {}
    if not isinstance(explain, dict):
        fault("`explain:` must map each language to a text",
              f"write `explain: {{{', '.join(f'{lang}: …' for lang in languages)}}}`")
        return None
    if not isinstance(extra, dict) or not all(isinstance(v, list) for v in extra.values()):
        fault("`forms:` must map a language to a list of words", "write `forms: {en: [other form, …]}` or leave it out")
        extra = {}
    # The default language must explain the term; another language may not yet (its pages
    # then leave the term unexplained), but what it gives must be complete.
    given = [lang for lang in languages if lang == languages[0] or lang in explain]
    forms = {}
    for lang in given:
        _check_explanation(explain.get(lang), lang, fault)
        forms[lang] = _forms([entry.get(lang), *extra.get(lang, [])], lang, fault)
    if faults or not isinstance(entry.get("de"), str):
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", entry["de"].lower().translate(UMLAUTS)).strip("-")
    return Explained(f"g-{slug}", forms, {lang: " ".join(explain[lang].split()) for lang in given})


def _check_explanation(text, lang: str, problem) -> None:
    """Report an explanation that is missing, not one line, or too long."""
    if not isinstance(text, str) or not text.strip() or "\n" in text.strip():
        problem(f"`explain:` lacks a one-line `{lang}:` text", f"add `{lang}: <a sentence or two>` under `explain:`")
    elif len(text) > EXPLANATION_MAX:
        problem(f"the `{lang}` explanation has {len(text)} characters",
                f"shorten it to {EXPLANATION_MAX} or fewer; the glossary explains, briefly")


def _forms(words: list, lang: str, problem) -> tuple[str, ...]:
    """The forms of a term pages may use in a language (reported when there is none or one is bad)."""
    found = tuple(dict.fromkeys(w.strip() for w in words if isinstance(w, str) and w.strip()))
    if not found:
        problem(f"no `{lang}` form of the term to find on the pages",
                f"add `{lang}: <the term>` or `forms: {{{lang}: [<the term>]}}`")
    elif any(c in w for w in found for c in "[]"):
        problem(f"a `{lang}` form contains `[` or `]`", "write the term without brackets")
    return found


UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e"})


def used_forms(text: str, terms: tuple[Explained, ...], language: str) -> dict[Explained, list[str]]:
    """The explained terms a text uses, each with the forms it is written in (as they
    stand, in order of appearance), in the order of first use; a longer term wins where
    terms overlap ("Hafen-Ausbau" over "Hafen")."""
    ending = ENDINGS.get(language, "")
    hits = []
    for term in terms:
        for word in term.forms.get(language, ()):
            if word[1:] not in text:
                continue  # the pattern below needs these characters as they stand
            first = f"[{re.escape(word[0].upper())}{re.escape(word[0].lower())}]"
            pattern = rf"(?<!\w){first}{re.escape(word[1:])}{ending}(?!\w)"
            hits += [(m.start(), -len(m.group(0)), m.group(0), term) for m in re.finditer(pattern, text)]
    used: dict[Explained, list[str]] = {}
    end = -1
    for start, length, form, term in sorted(hits, key=lambda h: (h[0], h[1])):
        if start < end:
            continue  # inside a longer term found at an earlier or the same place
        end = start - length
        forms = used.setdefault(term, [])
        if form not in forms:
            forms.append(form)
    return used


def may_use(markdown: str, terms: tuple[Explained, ...], language: str) -> bool:
    """Whether the running text of a page's Markdown can use a form of the terms: every part
    of a form (but its first letter, whose case may differ) stands in the Markdown. The running
    text is the Markdown with some spans blanked out (render.prose), so a part without white
    space it holds stands in the Markdown too; most pages hold no form, and are not searched."""
    return any(all(part in markdown for part in word[1:].split())
               for term in terms for word in term.forms.get(language, ()))


def alphabetical(terms, language: str) -> list[Explained]:
    """The terms explained in a language, in the order of their headwords in it."""
    return sorted((t for t in terms if language in t.explanation), key=lambda t: t.headword(language).casefold())
