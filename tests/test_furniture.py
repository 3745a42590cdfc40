"""Page furniture in real article text: each general shape, on lines written for these tests.

The lines are invented (a city council, a tram line, a harbour), in the shapes news
pages and wire copies bring into their text. None may become a sentence a claim cites.
"""
from __future__ import annotations

import pytest

from builder import clean, furniture
from builder.model import (CAPTION, CREDIT, CUT_OFF, DATELINE, FURNITURE, HEADING, INNER, LIST_MARKER, PARAGRAPH,
                           READER, TICKER_TIME, TRAILER)


def blocks(text: str):
    """The blocks of a text as the builder cleans it."""
    return clean.make_blocks(clean.normalise(text))[1]


def sentences(text: str) -> list[str]:
    """Every sentence a claim could cite."""
    return [s.text for b in blocks(text) for s in b.sentences]


def marks(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every mark inside the paragraphs."""
    return [(m.kind, m.text) for b in blocks(text) for m in b.marks]


@pytest.mark.parametrize("line, kind", [
    # image Markdown and bare addresses
    ("![Die Bürgermeisterin am Hafen](https://example.org/bilder/hafen.jpg)", CAPTION),
    ('![Tram](https://example.org/t.png "Die neue Tram") ![Depot](https://example.org/d.png)', CAPTION),
    ("https://example.org/lokales/tram-123.html", FURNITURE),
    # photo credits and captions
    ("Die neue Straßenbahn bei der Probefahrt. (Archivbild) © Erika Muster/Pool/AP/dpa", CAPTION),
    ("Die Baustelle am Nordufer im Winter. © Max Beispiel", CAPTION),
    ("Die Stadträte bei der Abstimmung. - dpa", CAPTION),
    ("Erika Muster/ap", CREDIT),
    ("Max Beispiel/dpa/Archivbild", CREDIT),
    ("1 / 12", FURNITURE),
    ("Dieses Thema im Programm: Stadtfunk | Abendschau | 03.04.2025 19:30 Uhr", FURNITURE),
    ("Copyright: dpa", CREDIT),
    ("Foto: Stadtarchiv", CREDIT),
    ("Quelle: Stadtwerke", CREDIT),
    # caption widgets and page controls
    ("Bildunterschrift ausblenden", FURNITURE),
    ("Bild vergrößern", FURNITURE),
    ("Teilen", FURNITURE),
    ("Mehr erfahren", FURNITURE),
    ("Artikel anhören", FURNITURE),
    # broadcast and agency trailers, bylines
    ("Diese Nachricht wurde am 03.04.2025 um 18:00 Uhr im Programm Stadtfunk gesendet.", FURNITURE),
    ("Sendung: Stadtfunk am Abend, 03.04.2025 18:00 Uhr", FURNITURE),
    ("dpa/vk", CREDIT),
    ("/aha/DP/mis", CREDIT),
    ("Von: APA/AFP/Reuters", CREDIT),
    ("Mit Informationen von dpa und epd", CREDIT),
    ("Von Erika Muster und Max Beispiel", CREDIT),
    ("- von Erika Muster", CREDIT),
    ("E.Muster--Stadtblatt", CREDIT),
    ("Erika M.", CREDIT),
    # adverts, teasers, notices
    ("Werbung", FURNITURE),
    ("Anzeige", FURNITURE),
    ("Mehr zum Thema", FURNITURE),
    ("Siehe auch: Wie die Stadt den Hafen umbauen will", FURNITURE),
    ("Das könnte Sie auch interessieren", FURNITURE),
    ("Hinweis: Diese Seite enthält Links zu Partnern, für deren Inhalte wir nicht verantwortlich sind.", FURNITURE),
    ("- Neue Ampel an der Hauptstraße", FURNITURE),
    ("JETZT WEITERLESEN BEI UNS", FURNITURE),
    # dates, counters, separators, tag lists and menus of the page
    ("13/02/2025", FURNITURE),
    ("Mittwoch, 12.03.2025, 10:30 Uhr", FURNITURE),
    ("vor 3 Stunden", FURNITURE),
    ("Lesezeit: 4 Minuten", FURNITURE),
    ("Stadtblatt  |  Aufrufe: 512", FURNITURE),
    ("|", FURNITURE),
    ("Lokales,", FURNITURE),
    ("Start Lokales Sport Kultur Wetter", FURNITURE),
    # what stays news
    ("Der Stadtrat hat am Dienstag den Bau der neuen Tramlinie beschlossen.", PARAGRAPH),
    ("Stadtrat beschließt neue Tramlinie", HEADING),
    ("Von der Leyen besucht den Hafen", HEADING),
    ("AFP berichtete am Abend, die Verhandlungen über den Hafen seien gescheitert.", PARAGRAPH),
    ("08.43 Uhr: Bürgermeisterin - Tram kommt später", HEADING),
    ('09.10 Uhr: Stadtrat zur Tram - Kosten "deutlich höher"', HEADING),
])
def test_each_furniture_shape_is_recognised(line, kind):
    assert furniture.classify(line)[0] == kind


@pytest.mark.parametrize("text, kind, piece, first_sentence", [
    ("HAFENSTADT (dpa-AFX) - Der Stadtrat hat den Bau der Tram beschlossen. Die Kosten steigen.",
     DATELINE, "HAFENSTADT (dpa-AFX) -", "Der Stadtrat hat den Bau der Tram beschlossen."),
    ("NORDSTADT/SÜDSTADT (dpa) - Beide Städte wollen die Tram gemeinsam bauen. Sie teilen die Kosten.",
     DATELINE, "NORDSTADT/SÜDSTADT (dpa) -", "Beide Städte wollen die Tram gemeinsam bauen."),
    ("Nordstadt/Südstadt (Reuters) - Beide Städte wollen die Tram gemeinsam bauen. Sie teilen die Kosten.",
     DATELINE, "Nordstadt/Südstadt (Reuters) -", "Beide Städte wollen die Tram gemeinsam bauen."),
    ("Hafenstadt – Die Stadtwerke haben am Montag mitgeteilt, dass die neue Tramlinie im Herbst später "
     "als geplant in Betrieb gehen wird.", DATELINE, "Hafenstadt –", "Die Stadtwerke haben am Montag"),
    ("12.05 Uhr: Die Stadtwerke melden eine Störung auf der Linie 4. Busse fahren als Ersatz.",
     TICKER_TIME, "12.05 Uhr:", "Die Stadtwerke melden eine Störung auf der Linie 4."),
    ("+++ Die Stadtwerke melden eine Störung auf der Linie 4. Busse fahren als Ersatz. +++",
     TICKER_TIME, "+++", "Die Stadtwerke melden eine Störung auf der Linie 4."),
    ("HAFENSTADT, 3. April (Reuters) - Der Stadtrat hat den Bau der Tram beschlossen. Die Kosten steigen.",
     DATELINE, "HAFENSTADT, 3. April (Reuters) -", "Der Stadtrat hat den Bau der Tram beschlossen."),
    ("▶︎ Die Bürgermeisterin will die Tram bis zum Hafen verlängern. Das kostet Geld.",
     LIST_MARKER, "▶︎", "Die Bürgermeisterin will die Tram bis zum Hafen verlängern."),
])
def test_a_paragraph_opening_with_furniture_starts_its_sentences_after_it(text, kind, piece, first_sentence):
    assert (kind, piece) in marks(text)
    assert sentences(text)[0].startswith(first_sentence)


def test_closing_ticker_markers_are_not_part_of_the_last_sentence():
    text = "+++ Die Stadtwerke melden eine Störung. Busse fahren als Ersatz. +++"
    assert sentences(text) == ["Die Stadtwerke melden eine Störung.", "Busse fahren als Ersatz."]
    assert (TRAILER, "+++") in marks(text)


def test_a_price_is_not_a_ticker_time():
    text = "12.30 Euro kostet die Monatskarte künftig. Das teilten die Stadtwerke mit."
    assert not marks(text) and sentences(text)[0].startswith("12.30 Euro")


def test_a_sentence_with_furniture_its_line_did_not_separate_is_marked():
    text = ("Der Stadtrat hat die Tram beschlossen. Die Bürgermeisterin bei der Sitzung Max Beispiel/dpa. "
            "Die Bauarbeiten beginnen im Herbst.")
    assert sentences(text) == ["Der Stadtrat hat die Tram beschlossen.", "Die Bauarbeiten beginnen im Herbst."]
    assert [kind for kind, _ in marks(text)] == [INNER]


def test_a_double_dateline_paragraph_is_text_not_a_caption():
    text = "Nordstadt/Südstadt (dpa) - Die beiden Städte wollen die Tram gemeinsam bauen, sagte die Bürgermeisterin"
    kinds = [b.kind for b in blocks(text)]
    assert kinds == [PARAGRAPH]


@pytest.mark.parametrize("text, trailer", [
    ("Die Tram soll 2027 fahren. Es müsse um echte Verbesserungen gehen./aha/DP/mis", "/aha/DP/mis"),
    ("Die Tram soll 2027 fahren. (dpa)", "(dpa)"),
])
def test_agency_codes_after_the_last_sentence_are_a_trailer(text, trailer):
    assert (TRAILER, trailer) in marks(text)
    assert not any("/" in s or "(dpa)" in s for s in sentences(text))


def test_dateline_place_and_agency_become_metadata():
    _, found = clean.make_blocks("HAFENSTADT (dpa-AFX) - Der Stadtrat tagt. Er beschließt die Tram.")
    lines = clean.datelines(found)
    assert [(d.place, d.agency, d.block) for d in lines] == [("Hafenstadt", "dpa-AFX", 1)]


@pytest.mark.parametrize("text", [
    "Die Stadtwerke haben die neue Linie vorgestellt. Mehr dazu lesen Sie hier.",
    "Die Stadtwerke haben die neue Linie vorgestellt. Alle Entwicklungen im Liveblog.",
    "Die Stadtwerke haben die neue Linie vorgestellt. Jetzt 30 Tage gratis testen.",
])
def test_a_sentence_to_the_reader_is_marked_not_cited(text):
    assert sentences(text) == ["Die Stadtwerke haben die neue Linie vorgestellt."]
    assert marks(text)[0][0] == READER


def test_an_advert_paragraph_addressed_to_the_reader_is_furniture():
    text = ("Der Tarifrechner bietet Dir eine einfache Möglichkeit, Deine Fahrkarte zu finden. "
            "Abonniere die wichtigsten Infos direkt auf dein Handy.")
    assert [b.kind for b in blocks(text)] == [FURNITURE]


def test_a_reader_poll_is_furniture():
    assert [b.kind for b in blocks("Fährst du bald mit der neuen Tram?")] == [FURNITURE]


def test_a_writers_second_person_is_text_not_an_advert():
    text = "Wer in Hafenstadt wohnt, kennt das: Wenn du die Tram verpasst, wartest du zwanzig Minuten. So war es lange."
    assert len(sentences(text)) == 2


def test_places_joined_by_a_slash_before_a_dash_open_an_agency_paragraph_not_a_caption():
    text = "Nordstadt/Südstadt – Ein Einspruch der Verkehrsbetriebe gegen die Vergabe der neuen Tramlinie"
    found = blocks(text)
    assert [b.kind for b in found] == [PARAGRAPH] and found[0].marks[0].kind == DATELINE


@pytest.mark.parametrize("text", [
    "EU: Die Mitgliedsstaaten wollen die Regeln für Straßenbahnen gemeinsam ändern, hieß es am Abend in Hafenstadt.",
    "Im Stadtrat liegt der Vorschlag im HSB/OGM-Index vorn, wie eine Umfrage für die Stadtwerke ergab.",
    "Der Zug fuhr um 12.53 ab, die Tram folgte um 13.05",
])
def test_labels_indices_and_times_stay_text(text):
    assert " ".join(sentences(text)) == text


def test_quoted_second_person_stays_news():
    text = "„Du wirst die Tram lieben“, sagte die Bürgermeisterin bei der Eröffnung."
    assert sentences(text) == [text]


@pytest.mark.parametrize("text, broken", [
    ("Der Stadtrat tagt am Montag. Die Tram soll bis zum Hafen fahren, sagte die Bürgermeisterin mit dem Verk",
     "Die Tram soll bis zum Hafen fahren, sagte die Bürgermeisterin mit dem Verk"),
    ("Der Stadtrat tagt am Montag. Danach sprach die Bürgermeisterin über den", "Danach sprach die Bürgermeisterin über den"),
])
def test_a_sentence_the_excerpt_cuts_off_is_marked_and_never_cited(text, broken):
    assert sentences(text) == ["Der Stadtrat tagt am Montag."]
    assert (CUT_OFF, broken) in marks(text)


def test_a_complete_last_sentence_without_a_full_stop_is_kept():
    text = "Der Stadtrat tagt am Montag. Die Bürgermeisterin will die Tram bis zum Hafen verlängern"
    assert len(sentences(text)) == 2


def test_a_broken_line_that_ends_the_text_is_not_a_heading():
    text = "Der Stadtrat tagt am Montag.\nDie Bürgermeisterin sprach zuvor mit dem Verk"
    last = blocks(text)[-1]
    assert last.kind == PARAGRAPH and [m.kind for m in last.marks] == [CUT_OFF] and not last.sentences


def test_a_headline_printed_again_is_marked_repeated():
    text = "Stadtrat beschließt neue Tram: Hafen\nStadtrat beschließt neue Tram Hafen\nDer Stadtrat hat entschieden."
    found = blocks(text)
    assert [b.kind for b in found] == [HEADING, FURNITURE, PARAGRAPH]
    assert found[1].note == "repeated line"


def test_markdown_heading_markers_are_not_text():
    text, found = clean.make_blocks("## Die neue Tram\n\nDer Stadtrat hat entschieden.")
    assert found[0].kind == HEADING and found[0].text == "Die neue Tram"
    assert "#" not in text


def test_marks_and_sentences_index_the_cleaned_text():
    raw = ("HAFENSTADT (dpa) - Der Stadtrat tagt. Mehr dazu lesen Sie hier./jpt/DP/stk\n\n"
           "12.05 Uhr: Die Stadtwerke melden eine Störung. Busse fahren als Ersatz bis zum")
    text, found = clean.make_blocks(clean.normalise(raw))
    pieces = [(s.start, s.end, s.text) for b in found for s in b.sentences]
    pieces += [(m.start, m.end, m.text) for b in found for m in b.marks]
    assert len(pieces) == 7
    for start, end, piece in pieces:
        assert text[start:end] == piece


def test_the_read_cache_is_keyed_by_every_module_that_shapes_a_cleaned_article():
    import re
    from pathlib import Path

    from builder.cache import CODE

    here = Path(clean.__file__).resolve().parent
    needed, todo = set(), ["read.py"]
    while todo:
        name = todo.pop()
        needed.add(name)
        source = (here / name).read_text(encoding="utf-8")
        for found in re.findall(r"^\s*from \.(\w*) import (\w+)", source, re.MULTILINE):
            module = f"{found[0] or found[1]}.py"
            if module not in needed and (here / module).exists() and module != "problems.py":
                todo.append(module)
    assert needed <= set(CODE), sorted(needed - set(CODE))


@pytest.mark.parametrize("sentence, furniture", [
    ("Mehr zum Thema finden Sie in unserem Dossier.", True),  # searched in lower case, written in any
    ("MEHR ZUM THEMA: die Pläne des Hafenamts.", True),
    ("Anzeige Die Fähre fährt wieder nach Plan.", True),  # an advert's label, in its case, opens the sentence
    ("Die Anzeige der Stadt erschien am Montag.", False),
    ("Der Rat sprach über das Thema Hafen.", False),
])
def test_furniture_inside_a_sentence_is_found_whatever_its_case(sentence, furniture):
    from builder.furniture import inner_furniture
    assert inner_furniture(sentence) is furniture


@pytest.mark.parametrize("sentence, reader", [
    ("Lesen Sie hier mehr über den Hafen.", True),
    ("LESEN SIE HIER MEHR über den Hafen.", True),
    ("Hol Dir jetzt die App und teste sie gratis.", True),
    ("Die Stadt liest sie hier und dort.", False),
])
def test_an_address_to_the_reader_is_found_whatever_its_case(sentence, reader):
    from builder.furniture import addresses_reader
    assert addresses_reader(sentence) is reader
