"""The terms glossary: the English translation memory follows it, and the terms it explains
are found and explained on the pages."""
from __future__ import annotations

from pathlib import Path

import markdown
import polib
import pytest

from builder.glossary import (Explained, GlossaryTerm, load_explanations, load_glossary, may_use, required_terms,
                              used_forms, violations)
from builder.localize import Localizer
from builder.problems import ConfigError
from builder.render import Page, with_glossary

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


# Explanations for readers (`explain:`), with invented terms.

FERRY = Explained("g-faehrverband", {"de": ("Fährverband",), "en": ("ferry association",)},
                  {"de": "Ein Zusammenschluss der Fährbetriebe am Fluss.",
                   "en": "A union of the river's ferry companies."})
PIER = Explained("g-anleger", {"de": ("Anleger",), "en": ("pier",)},
                 {"de": "Eine Haltestelle für Boote.", "en": "A stop for boats."})
PIER_RULES = Explained("g-anlegerordnung", {"de": ("Anlegerordnung",), "en": ("pier rules",)},
                       {"de": "Die Regeln für das Anlegen.", "en": "The rules for berthing."})


def test_a_term_is_found_in_its_inflected_forms_and_at_the_start_of_a_compound_part():
    text = "Der Fährverband tagte. Die Sprecherin des Fährverbands und des Ukraine-Fährverbandes sprach am Anleger."
    found = used_forms(text, (FERRY, PIER), "de")
    assert found == {FERRY: ["Fährverband", "Fährverbands", "Fährverbandes"], PIER: ["Anleger"]}


def test_a_term_inside_a_longer_word_or_a_longer_term_does_not_count():
    assert used_forms("Die Fährverbandsversammlung und der Schiffsanleger.", (FERRY, PIER), "de") == {}
    found = used_forms("Die Anlegerordnung gilt. Am Anleger warten.", (PIER, PIER_RULES), "de")
    assert found == {PIER_RULES: ["Anlegerordnung"], PIER: ["Anleger"]}


def test_the_first_letter_may_change_case_the_rest_is_as_written():
    assert used_forms("Ferry association members met.", (FERRY,), "en") == {FERRY: ["Ferry association"]}
    assert used_forms("The FERRY ASSOCIATION met; the ferry association's head spoke.", (FERRY,), "en") == {
        FERRY: ["ferry association's"]}


def page_in(language: str) -> Page:
    strings = {"_language": "de", "glossary_print": "Begriffe auf dieser Seite"}
    return Page("topics/t.md", language, Localizer(language, {}), strings)


def test_a_page_explains_the_terms_of_its_running_text_not_of_headings_links_or_html():
    body = ("# Der Fährverband\n\nAm Anleger warten Boote.\n\n[Fährverband](x.md)\n\n"
            '<div class="x">Fährverband</div>\n\nText {: title="Fährverband" }\n')
    out = with_glossary(body, (FERRY, PIER), page_in("de"))
    assert "*[Anleger]: Eine Haltestelle für Boote." in out
    assert "*[Fährverband]" not in out
    assert '<dl><dt>Anleger</dt><dd>Eine Haltestelle für Boote.</dd></dl>' in out  # the print appendix
    html = markdown.markdown(out, extensions=["abbr", "attr_list"])
    assert '<abbr title="Eine Haltestelle für Boote.">Anleger</abbr> warten' in html
    assert not with_glossary("# Nichts\n\nKein Begriff hier.\n", (FERRY, PIER), page_in("de")).count("*[")


def test_a_page_is_searched_for_terms_only_when_it_holds_their_parts():
    # glossary.may_use: a page without any part of a form is not searched, and a form whose
    # words stand apart in the Markdown (an HTML tag between them) still counts, since the
    # running text joins them
    assert not may_use("# Hafen\n\nDie Boote warten am Kai.\n", (FERRY, PIER), "en")
    assert may_use("The ferry<br>association met.\n", (FERRY,), "en")
    out = with_glossary("The ferry <b>association</b> met.\n", (FERRY,), page_in("en"))
    assert "*[ferry association]" not in out  # the running text reads "ferry   association"
    out = with_glossary("The ferry<br>association met.\n", (FERRY,), page_in("en"))
    assert "*[ferry association]: A union of the river's ferry companies." in out


def test_an_inflected_form_gets_its_own_definition_so_markdown_marks_it():
    out = with_glossary("Die Sprecherin des Fährverbands.\n", (FERRY,), page_in("de"))
    assert '<abbr title="Ein Zusammenschluss der Fährbetriebe am Fluss.">Fährverbands</abbr>' in markdown.markdown(
        out, extensions=["abbr"])


def test_each_language_finds_its_own_form_and_shows_its_own_explanation():
    out = with_glossary("The ferry association met at the pier.\n", (FERRY, PIER), page_in("en"))
    assert "*[ferry association]: A union of the river's ferry companies." in out
    assert "*[pier]: A stop for boats." in out
    assert "Fährbetriebe" not in out


def write(tmp_path, text: str):
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_explanations_load_with_their_forms_and_anchor(tmp_path):
    path = write(tmp_path, "terms:\n- de: Fährverband\n  en: ferry association\n"
                           "  forms: {de: [Fährbund]}\n"
                           "  explain: {de: Ein Zusammenschluss., en: A union.}\n"
                           "- de: Anleger\n  en: pier\n")
    (term,) = load_explanations(path, ("de", "en"))
    assert term.id == "g-faehrverband"
    assert term.forms == {"de": ("Fährverband", "Fährbund"), "en": ("ferry association",)}
    assert term.explanation == {"de": "Ein Zusammenschluss.", "en": "A union."}
    assert load_explanations(tmp_path / "none.yml", ("de", "en")) == ()


def test_a_bad_explanation_names_the_file_line_and_fix(tmp_path):
    path = write(tmp_path, "terms:\n- de: Anleger\n  en: pier\n"
                           "- de: Fährverband\n  explain: {de: Ein Zusammenschluss., en: A union.}\n"
                           "- de: Uferweg\n  en: riverside path\n  explain: nur ein Text\n"
                           f"- de: Kai\n  en: quay\n  explain: {{de: '{'x' * 301}', en: A quay.}}\n"
                           "- de: Steg\n  en: jetty\n  explain: {en: A small pier.}\n")
    with pytest.raises(ConfigError) as err:
        load_explanations(path, ("de", "en"))
    text = str(err.value)
    assert f"{path}:4" in text and "terms[1] (Fährverband): no `en` form of the term" in text
    assert "forms: {en: [<the term>]}" in text
    assert f"{path}:6" in text and "`explain:` must map each language to a text" in text
    assert f"{path}:9" in text and "301 characters" in text
    assert f"{path}:12" in text and "terms[4] (Steg): `explain:` lacks a one-line `de:` text" in text


def test_another_language_may_explain_later_its_pages_leave_the_term_unexplained(tmp_path):
    path = write(tmp_path, "terms:\n- de: Anleger\n  en: pier\n  explain: {de: Eine Haltestelle für Boote.}\n")
    (term,) = load_explanations(path, ("de", "en", "fr"))
    assert set(term.explanation) == {"de"} and set(term.forms) == {"de"}
    assert used_forms("The boats wait at the pier.", (term,), "en") == {}
    assert with_glossary("The boats wait at the pier.\n", (term,), page_in("en")) == "The boats wait at the pier.\n"
