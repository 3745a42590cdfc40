"""Who speaks for a sentence: speaker resolution beyond names, trust, and the writer's own
sentences. Every text here is written for the test, with a registry of invented people,
so nothing depends on the story the site is about."""
from __future__ import annotations

from pathlib import Path

import pytest

from builder import lexicon
from builder.attribution import (CONFIDENCE, SHOW_SPEAKER, attribute, continuations, cue_places, mention_kind,
                                 one_voice, quoted_by_sentence, speakers_by_sentence)
from builder.people import (DISCOURSE, EPITHET, NAMED, UNREGISTERED, load_people, resolve_voices,
                            unregistered_name)
from builder.problems import Problems
from builder.quotes import extract_quotes, quoted_spans, sentence_spans
from builder.read import read_articles
from builder.site import spokespeople
from tests.conftest import SPOKESMAN

REGISTRY = """\
- id: eva-lind
  name: Eva Lind
  kind: person
  variants: [Eva Lind, Lind, Linds]
  gender: f
  side: europe
  role: {de: Umweltministerin, en: Environment minister}
  role_nouns: [Ministerin, Umweltministerin]
- id: jon-berg
  name: Jon Berg
  kind: person
  variants: [Jon Berg, Berg, Bergs]
  gender: m
  side: usa
  role: {de: Gouverneur, en: Governor}
  role_nouns: [Gouverneur]
- id: karl-moor
  name: Karl Moor
  kind: person
  variants: [Karl Moor, Moor]
  gender: m
  side: europe
  role: {de: Bürgermeister, en: Mayor}
  role_nouns: [Bürgermeister]
- id: harbour-office
  name: Hafenamt
  kind: organisation
  variants: [Hafenamt in Kiel]
  gender: null
  side: europe
  role: {de: Behörde, en: Authority}
  role_nouns: []
"""


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    path = tmp_path_factory.mktemp("registry") / "people.yml"
    path.write_text(REGISTRY, encoding="utf-8")
    return load_people(path)


def voices(text: str, people) -> list[tuple[str, object]]:
    quotes = extract_quotes(text)
    return [(q.text(text), v) for q, v in zip(quotes, resolve_voices(text, quotes, people))]


def voice_of(text: str, fragment: str, people):
    found = [v for quoted, v in voices(text, people) if fragment in quoted]
    assert found, f"no quote holds {fragment!r}"
    return found[0]


def article(tmp_path: Path, body: str):
    (tmp_path / "bericht.txt").write_text(body, encoding="utf-8")
    problems = Problems()
    articles = read_articles(tmp_path, {}, ("de", "en"), problems, tmp_path)
    assert articles, problems
    return articles[0]


def sentence_speakers(art, people) -> dict[str, str]:
    """First words of each sentence -> who speaks for it on a page."""
    shown = speakers_by_sentence(art, attribute(art, people))
    return {s.text.split(",")[0][:30]: shown[s.start] for _, s in art.sentences() if s.start in shown}


# --- resolution ---------------------------------------------------------------------

def test_an_organisation_matches_in_the_genitive_and_by_its_seat_adjective(people):
    text = "Die Fähre bleibe im Hafen, sagte ein Sprecher des Kieler Hafenamts."
    assert voice_of(text, "Die Fähre", people).person == "harbour-office"


def test_a_pronoun_takes_up_the_last_speaker_when_no_one_was_just_named(people):
    text = ("Lind sagte am Montag, der Fluss sei sauberer geworden. Die Messwerte stammen aus dem Sommer. "
            "„Wir sind noch nicht am Ziel“, sagte sie.")
    voice = voice_of(text, "am Ziel", people)
    assert (voice.person, voice.how) == ("eva-lind", DISCOURSE)


def test_the_last_speaker_is_not_taken_up_three_sentences_later(people):
    text = ("Lind sagte am Montag, der Fluss sei sauberer geworden. Die Messwerte stammen aus dem Sommer. "
            "Im Herbst regnete es viel. Der Winter war mild. „Wir sind noch nicht am Ziel“, sagte sie.")
    assert voice_of(text, "am Ziel", people).person is None


def test_a_name_inside_reported_speech_is_no_antecedent(people):
    text = "Der Gouverneur Berg sagte, nur Moor entscheide über die Brücke. „Ich warte ab“, sagte er."
    assert voice_of(text, "Ich warte", people).person == "jon-berg"


def test_a_description_takes_up_the_one_person_of_its_gender_just_named(people):
    text = "Bürgermeister Karl Moor kam spät. Die Stadt brauche Geld, sagte der Grünen-Politiker."
    voice = voice_of(text, "Die Stadt", people)
    assert (voice.person, voice.how) == ("karl-moor", EPITHET)


def test_a_spokesperson_is_never_the_person_named_before(people):
    text = "Bürgermeister Karl Moor kam spät. Die Stadt brauche Geld, sagte der Sprecher."
    assert voice_of(text, "Die Stadt", people).person is None


def test_a_description_with_two_fitting_people_in_reach_stays_unresolved(people):
    text = "Moor traf Berg am Hafen. Die Stadt brauche Geld, sagte der Grünen-Politiker."
    assert voice_of(text, "Die Stadt", people).person is None


def test_a_named_speaker_missing_from_the_registry_keeps_the_name(people):
    text = "Der Vorsitzende des Fischereiverbands, Ole Hansen, sagte, die Quoten seien zu niedrig."
    voice = voice_of(text, "die Quoten", people)
    assert (voice.person, voice.name, voice.how) == (None, "Ole Hansen", UNREGISTERED)


@pytest.mark.parametrize("mention, name", [
    ("die Senatorin Maria Olsen", "Maria Olsen"),
    ("Ole Hansen (Grüne)", "Ole Hansen"),
    ("Hansen", None),  # one word: too often a place or a guess
    ("dem Weißen Haus", None),  # a title after an article
    ("die Nachbarin", None),
])
def test_unregistered_names_need_two_proper_nouns_not_after_an_article(mention, name):
    assert unregistered_name(mention) == name


def test_a_known_name_wins_over_everything_else(people):
    assert voice_of("„Das reicht nicht“, sagte Umweltministerin Lind.", "reicht", people).how == NAMED


# --- whose sentence it is -------------------------------------------------------------

def test_a_speech_noun_the_writer_talks_about_does_not_make_the_sentence_hers(tmp_path, people):
    art = article(tmp_path, "Der Streit entzündete sich an Linds Forderung, der Hafen müsse geschlossen werden.\n")
    statements = attribute(art, people)
    assert any(s.person == "eva-lind" for s in statements)  # the demand is hers ...
    assert speakers_by_sentence(art, statements) == {}  # ... the sentence is the writer's
    assert set(quoted_by_sentence(art, statements).values()) == {"eva-lind"}  # and it is about her position


def test_a_source_named_by_a_preposition_speaks_for_the_sentence(tmp_path, people):
    art = article(tmp_path, "Nach Angaben von Lind ist der Fluss sauberer geworden.\n")
    assert list(sentence_speakers(art, people).values()) == ["eva-lind"]


@pytest.mark.parametrize("body", [
    "Der Hafen müsse bis zum Herbst schließen, fügte Lind hinzu – eine Spitze gegen den Gouverneur.\n",
    "Lind schlug vor, den Hafen im Winter zu schließen - ein Plan, der im Rat seit Jahren umstritten ist.\n",
])
def test_a_sentence_ending_in_the_writers_comment_after_a_dash_is_the_writers(tmp_path, people, body):
    # what she said stays hers, but the sentence with the writer's remark on it is not
    art = article(tmp_path, body)
    statements = attribute(art, people)
    assert any(s.person == "eva-lind" for s in statements)
    assert speakers_by_sentence(art, statements) == {}


def test_reported_words_end_at_a_semicolon_before_a_clause_of_the_writer(tmp_path, people):
    art = article(tmp_path, "Lind erklärte, der Hafen bleibe offen; aus dem Rathaus kamen dagegen kritische Töne.\n")
    statements = attribute(art, people)
    assert [art.text[s.start:s.end] for s in statements if s.person == "eva-lind"] == ["der Hafen bleibe offen"]


def test_reported_words_go_on_after_a_semicolon_in_the_konjunktiv(tmp_path, people):
    art = article(tmp_path, "Lind erklärte, der Hafen bleibe offen; man werde die Fischer nicht allein lassen.\n")
    assert list(sentence_speakers(art, people).values()) == ["eva-lind"]


def test_reported_words_before_a_cue_begin_after_a_clause_of_the_writer():
    text = "Die Stadt plant den Ausbau des Hafens; er sei längst überfällig, sagte die Bürgermeisterin."
    assert [q.text(text) for q in extract_quotes(text) if q.kind == "indirect"] == ["er sei längst überfällig"]


@pytest.mark.parametrize("body", [
    "Berg äußerte sich einen Tag nach der Sitzung des Rates, in der Lind „schnelle“ Entscheidungen verlangt hatte.\n",
    "Der Rat tagte erst am Montag wieder, nachdem Lind den Plan einen „Fehler“ genannt hatte.\n",
])
def test_a_quotation_in_a_later_clause_after_a_main_clause_of_the_writer_leaves_the_sentence_to_the_writer(
        tmp_path, people, body):
    art = article(tmp_path, body)
    statements = attribute(art, people)
    assert any(s.person == "eva-lind" and s.kind == "direct" for s in statements)  # her word stays hers
    assert speakers_by_sentence(art, statements) == {}


def test_a_relative_clause_whose_pronoun_stands_for_the_speaker_is_the_speakers(tmp_path, people):
    art = article(tmp_path, "Hörbar verärgert klang Eva Lind, die erklärte, man müsse jetzt abwarten, wohin das führe.\n")
    assert list(sentence_speakers(art, people).values()) == ["eva-lind"]


def test_a_dash_that_does_not_open_a_comment_keeps_the_speaker(tmp_path, people):
    art = article(tmp_path, "Der Hafen müsse schließen, sagte Lind – und zwar noch vor dem Winter.\n")
    assert list(sentence_speakers(art, people).values()) == ["eva-lind"]


def test_reported_speech_goes_on_into_the_next_paragraph_in_the_konjunktiv(tmp_path, people):
    art = article(tmp_path, "Lind sagte am Montag, der Fluss sei sauberer geworden.\n\n"
                            "Die Fische kehrten zurück, das brauche aber Zeit.\n\n"
                            "Die Messwerte stammen aus dem Sommer.\n")
    shown = sentence_speakers(art, people)
    assert shown.get("Lind sagte am Montag") == "eva-lind"
    assert shown.get("Die Fische kehrten zurück") == "eva-lind"
    assert "Die Messwerte stammen aus de" not in shown  # the indicative is the writer's again


def test_an_indicative_sentence_ends_reported_speech_for_a_later_konjunktiv_ii():
    text = ("Fast alle Häfen lehnen das ab, betont die Planerin Maria Olsen. Ohne Schutz steigt das Risiko. "
            "Der Gouverneur gehört zu jenen, die nachgeben würden.")
    quoted = [q.text(text) for q in extract_quotes(text)]
    assert not any("nachgeben" in q for q in quoted)


def test_a_speaker_below_the_threshold_is_not_shown(tmp_path, people):
    # A pronoun carried from an earlier sentence is trusted less than a page needs.
    assert CONFIDENCE["farther", "pronoun"] < SHOW_SPEAKER <= CONFIDENCE["own", "name"]
    art = article(tmp_path, "Lind sagte am Montag, der Fluss sei sauberer geworden.\n")
    statements = attribute(art, people)
    assert statements and all(SHOW_SPEAKER <= s.confidence <= 1 for s in statements if s.person)


def test_a_konjunktiv_sentence_right_after_a_cued_one_is_trusted_like_it(tmp_path, people):
    # Carried over from the sentence just before, a description keeps the page's trust.
    art = article(tmp_path, "Lind besuchte am Dienstag die Küste. Die Deiche seien zu niedrig, warnte die "
                            "Umweltpolitikerin. Das Land müsse bald handeln.\n")
    carried = [s for s in attribute(art, people) if s.citation.quote.startswith("Das Land")]
    assert carried and not carried[0].cued and carried[0].person == "eva-lind"
    assert carried[0].confidence >= SHOW_SPEAKER
    assert sentence_speakers(art, people).get("Das Land müsse bald handeln.") == "eva-lind"


def test_cue_places_tell_a_speaker_carried_from_the_sentence_before_from_one_carried_farther():
    text = ("Lind sagte, der Fluss sei sauberer geworden. Die Fische seien zurück. "
            "Der Pegel steigt. „Wir sind noch nicht am Ziel.“")
    quotes = extract_quotes(text)
    spans = sentence_spans(text, quoted_spans(text))
    places = dict(zip((q.text(text)[:12] for q in quotes), cue_places(quotes, spans), strict=True))
    assert places.get("der Fluss se") == "own"
    assert places.get("Die Fische s") == "next"
    assert all(place != "next" for start, place in places.items() if start.startswith("„Wir"))


@pytest.mark.parametrize("text, start, place", [
    # named in its own sentence, with a cue or without one
    ("Die Ministerin blieb dabei: „Wir bleiben standhaft.“", "„Wir bleibe", "own"),
    ("Im Antrag der Stadt heißt es: „Der Hafen bleibt offen.“", "„Der Hafen ", "own"),
    # the last speaker named, no quotation of the paragraph carrying them on
    ("Berg sagte am Montag, die Lage sei ernst.\n\nDer Pegel steigt weiter. „Wir sind noch nicht am Ziel.“",
     "„Wir sind n", "recent"),
    # the last speaker named, with a quotation in the sentence just before: carried on
    ("„Der Deich hält“, sagte Berg am Montag.\n\n„Wir sind noch nicht am Ziel.“", "„Wir sind n", "next"),
    # the subject of a Konjunktiv sentence, which may be what is spoken of
    ("Der Pegel steigt. Die Ministerin sei „tief besorgt“.", "„tief besor", "subject"),
])
def test_cue_places_tell_a_speaker_named_with_the_quote_from_a_fallback(text, start, place):
    quotes = extract_quotes(text)
    places = dict(zip((q.text(text)[:11] for q in quotes), cue_places(quotes, sentence_spans(text, quoted_spans(text))),
                      strict=True))
    assert places[start] == place


def test_a_fallback_speaker_is_not_shown():
    # The last speaker named and the subject of a sentence without a cue are guesses.
    assert all(CONFIDENCE[place, kind] < SHOW_SPEAKER for place in ("recent", "subject")
               for kind in ("name", "description", "pronoun", "thing"))


@pytest.mark.parametrize("body", [
    # a heading names him, the text does not
    "Gouverneur Berg will den Hafen für größere Schiffe ausbauen lassen\n"
    "„Wir brauchen mehr Platz für die Fähren“, sagte er am Montag. Die Stadt prüft die Pläne.\n",
    # a headline printed as a line of the text, with a quotation of its own
    "„Wir brauchen mehr Platz“: Gouverneur Berg will den Hafen ausbauen lassen\n"
    "„Der Ausbau beginnt im Frühjahr“, sagte er am Montag. Die Stadt prüft die Pläne.\n",
])
def test_a_pronoun_does_not_take_up_a_name_from_a_title_line(tmp_path, people, body):
    art = article(tmp_path, body)
    said = [s for s in attribute(art, people) if s.mention == "er"]
    assert said and said[0].person is None


def test_a_quotation_printed_as_a_crosshead_does_not_take_the_speaker_before_it(tmp_path, people):
    """A quoted line between paragraphs introduces what follows; the paragraph before it
    speaks of something else, so it names no speaker unless the line names one itself."""
    art = article(tmp_path, "Lind sagte, der Fluss sei sauberer geworden.\n\n"
                            "„Die Deiche müssen höher werden“\n\n"
                            "Der Gouverneur verlangte zuvor mehr Geld für den Hochwasserschutz.\n\n"
                            "Berg: „Wir bauen die Deiche neu“\n")
    said = {art.text[s.start:s.start + 12]: s.person for s in attribute(art, people)}
    assert said.get("„Die Deiche ") is None
    assert said.get("„Wir bauen d") == "jon-berg"
    assert said.get("der Fluss se") == "eva-lind"


def test_a_pronoun_takes_up_the_name_the_text_gives_under_a_heading(tmp_path, people):
    art = article(tmp_path, "Gouverneur Berg will den Hafen ausbauen lassen\n"
                            "Berg sprach am Montag in Kiel. „Der Ausbau beginnt im Frühjahr“, sagte er.\n")
    assert [s.person for s in attribute(art, people) if s.mention == "er"] == ["jon-berg"]


def test_a_named_speaker_missing_from_the_registry_is_shown_by_name(tmp_path, people):
    art = article(tmp_path, "Der Vorsitzende des Fischereiverbands, Ole Hansen, sagte, die Quoten seien zu niedrig.\n")
    assert list(sentence_speakers(art, people).values()) == ["Ole Hansen"]


def test_a_surname_alone_takes_up_the_full_name_the_text_gave_before(tmp_path, people):
    art = article(tmp_path, "Der Vorsitzende des Fischereiverbands, Ole Hansen, hält die Quoten für zu niedrig. "
                            "„Davon kann kein Betrieb leben“, sagt Hansen.\n")
    assert [s.speaker for s in attribute(art, people) if s.mention == "Hansen"] == ["Ole Hansen"]


@pytest.mark.parametrize("body", [
    "Ole Hansen und Piet Hansen führen den Betrieb. „Davon kann kein Betrieb leben“, sagt Hansen.\n",  # which one?
    "„Davon kann kein Betrieb leben“, sagt Hansen. Die Quoten gelten ab Mai.\n",  # no full name given
])
def test_a_surname_alone_names_no_one_without_one_full_name_before_it(tmp_path, people, body):
    art = article(tmp_path, body)
    assert [s.speaker for s in attribute(art, people) if s.mention == "Hansen"] == [None]


def test_a_sentence_mostly_in_words_of_an_unknown_speaker_is_not_given_to_one_quoted_in_passing(tmp_path, people):
    art = article(tmp_path, "Bei einer Anhörung im Rathaus schlug ein Gutachter vor, dass die Fähre ab Mai jede "
                            "Stunde fahren solle – ein Plan, den Gouverneur Berg als „verfrüht“ bezeichnete.\n")
    statements = attribute(art, people)
    assert "jon-berg" in {s.speaker for s in statements}  # he is quoted ...
    assert sentence_speakers(art, people) == {}  # ... but the sentence is not his
    assert list(quoted_by_sentence(art, statements).values()) == ["jon-berg"]  # it still reports his word


def test_a_named_proposer_keeps_the_sentence_with_a_word_quoted_in_passing(tmp_path, people):
    art = article(tmp_path, "Lind schlug vor, dass die Fähre ab Mai jede Stunde fahren solle – ein Plan, den "
                            "Gouverneur Berg als „verfrüht“ bezeichnete.\n")
    assert list(sentence_speakers(art, people).values()) == ["eva-lind"]


# --- lexicons -------------------------------------------------------------------------

def test_every_lexicon_file_loads_with_entries_and_says_what_it_holds():
    files = sorted(lexicon.DIRECTORY.glob("*.txt"))
    assert files
    for path in files:
        assert path.read_text(encoding="utf-8").startswith("# Kind:"), path.name
        entries = lexicon.entries(path.stem)
        assert entries and all(e == e.strip() and "#" not in e for e in entries), path.name


def test_an_open_question_tells_what_was_spoken_about_not_what_was_said(tmp_path, people):
    art = article(tmp_path, "Lind legte am Montag dar, wie sie sich den neuen Hafen vorstellt.\n\n"
                            "Lind erklärte, wie wichtig ihr der Hafen sei.\n")
    shown = sentence_speakers(art, people)
    assert "Lind legte am Montag dar" not in shown
    assert shown.get("Lind erklärte") == "eva-lind"  # the Konjunktiv reports what she said


def test_a_speech_verb_in_an_opening_adverbial_clause_does_not_report_the_main_clause():
    text = "Als die Ministerin am Mittwoch das Ende der Fähre verkündete, wirkte dies wie ein Schock."
    assert not any("Schock" in q.text(text) for q in extract_quotes(text))
    text = "Nachdem die Ministerin erklärt hatte, dass die Fähre fährt, jubelten viele."
    assert any(q.text(text).startswith("dass die Fähre") for q in extract_quotes(text))


def test_a_relative_clause_after_a_speech_verb_is_not_what_was_said():
    text = "Moor äußerte sich einen Tag nach dem Treffen mit Lind, nach dem Lind eine Prüfung gefordert hatte."
    assert not any("Prüfung" in q.text(text) for q in extract_quotes(text))
    text = "Moor verwies auf Studien, nach denen die Fähre sicher sei."
    assert any("sicher sei" in q.text(text) for q in extract_quotes(text) if q.kind == "indirect")  # it reports


def test_the_extractor_and_the_resolver_keep_no_word_list_in_their_code():
    # Word lists live in builder/lexicons; "a b c d e".split() in the code is one.
    import ast
    for module in ("quotes.py", "people.py", "attribution.py"):
        tree = ast.parse((lexicon.DIRECTORY.parent / module).read_text(encoding="utf-8"))
        lists = [node.func.value.value[:40] for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
                 and isinstance(node.func.value, ast.Constant) and len(str(node.func.value.value).split()) >= 5]
        assert not lists, f"builder/{module} holds word lists: {lists}"


@pytest.mark.parametrize("verb, form", [("mahnen", "mahnte"), ("bezeichnen", "bezeichnete"), ("rechnen", "rechnete"),
                                        ("warnen", "warnte"), ("sagen", "sagte")])
def test_weak_verbs_take_the_e_only_after_a_consonant_cluster(verb, form):
    from builder.quotes import _weak_forms
    assert form in _weak_forms(verb[:-2])


def test_an_abstract_noun_before_the_verb_does_not_speak_when_a_name_follows():
    text = "Eine Einigung nannte Petersen möglich, wobei er der Stadt vorwarf, Geld verschwendet zu haben."
    found = [(q.text(text), q.speaker(text)) for q in extract_quotes(text)]
    assert any(speaker == "Petersen" for _, speaker in found), found


@pytest.mark.parametrize("mention, kind", [
    ("des stellvertretenden Leiters", "description"),  # a person noun with its case ending
    ("den Demonstranten", "description"),
    ("die Vorsitzende", "description"),  # an adjective used as a noun
    ("der Staatssekretär", "description"),
    ("der frühere Bischof Anton Weller", "name"),  # a title right before a name
    ("die Feuerwehr", "description"),
    ("die neuen Messwerte", "thing"),
    ("einem Bericht der Stadt Lübeck", "thing"),  # a name in the genitive names no speaker
])
def test_mention_kinds_read_persons_in_any_case_and_titles_before_names(mention, kind):
    assert mention_kind(mention) == kind


# --- statements over several sentences -----------------------------------------------

def test_a_reported_sentence_without_a_cue_goes_on_with_the_statement_before(people, tmp_path):
    art = article(tmp_path, "Lind sagte am Montag, der Fluss sei sauberer geworden. "
                            "Die Fische seien zurückgekehrt. "
                            "Die Stadt baue zudem zwei neue Klärwerke, sagte Lind.\n")
    starts = [s.start for _, s in art.sentences()]
    going_on = continuations(art, attribute(art, people))
    assert going_on.get(starts[1]) == starts[0]  # Konjunktiv, no cue: her statement goes on
    assert starts[2] not in going_on  # a cue of its own ("sagte Lind") begins a new statement


def test_a_quotation_without_a_cue_after_a_quoted_sentence_goes_on_with_it(people, tmp_path):
    art = article(tmp_path, "„Der Fluss ist sauberer geworden“, sagte Lind. „Die Fische kommen zurück.“ "
                            "Die Stadt baut Klärwerke.\n")
    starts = [s.start for _, s in art.sentences()]
    assert continuations(art, attribute(art, people)) == {starts[1]: starts[0]}


def test_a_spokespersons_words_after_their_organisations_statement_go_on_with_it(tmp_path):
    path = tmp_path / "people.yml"
    path.write_text(REGISTRY + SPOKESMAN, encoding="utf-8")
    people = load_people(path)
    art = article(tmp_path, "Das Hafenamt in Kiel erklärte am Montag, die Sperre der Schleuse sei nötig. "
                            "„Die Wände der Kammer sind zu alt“, sagte Sprecher Ole Sund.\n")
    starts = [s.start for _, s in art.sentences()]
    said = attribute(art, people)
    assert list(sentence_speakers(art, people).values()) == ["harbour-office", "ole-sund"]
    assert continuations(art, said, spokes=spokespeople(people)) == {starts[1]: starts[0]}
    assert continuations(art, said) == {}  # without the registry's word, two speakers: two statements
    assert one_voice("ole-sund", "harbour-office", spokespeople(people))
    assert not one_voice("ole-sund", "eva-lind", spokespeople(people))


def test_the_writers_sentence_after_a_statement_does_not_go_on_with_it(people, tmp_path):
    art = article(tmp_path, "Lind sagte am Montag, der Fluss sei sauberer geworden. "
                            "Die Messwerte stammen aus dem Sommer.\n")
    assert continuations(art, attribute(art, people)) == {}


def test_a_hyphen_left_apart_by_the_page_does_not_hide_the_speaker(people, tmp_path):
    art = article(tmp_path, "Die EU -Kommissarin Eva Lind sagte am Montag, der Fluss sei sauberer geworden.\n")
    (statement,) = attribute(art, people)
    assert statement.person == "eva-lind"
    assert statement.mention == "Die EU -Kommissarin Eva Lind"  # as the article wrote it


def test_the_speakers_quoted_words_right_after_their_statement_go_on_with_it(people, tmp_path):
    # The same answer, first reported, then quoted with a cue of its own, in the next paragraph.
    art = article(tmp_path, "Lind sagte am Montag, der Ausbau des Hafens sei ein Fehler.\n\n"
                            "„Wir hätten zuerst die Schleuse erneuern müssen“, sagte Lind.\n")
    starts = [s.start for _, s in art.sentences()]
    assert continuations(art, attribute(art, people)) == {starts[1]: starts[0]}


def test_a_further_point_or_the_writers_account_with_a_cue_is_a_statement_of_its_own(people, tmp_path):
    art = article(tmp_path, "Lind sagte am Montag, der Ausbau des Hafens sei ein Fehler. "
                            "Sie lehnte auch eine höhere Hafengebühr ab, sagte Lind. "  # "auch": a further point
                            "Lind äußerte sich nach einer Sitzung des Rates in Kiel.\n")  # the writer tells it
    assert continuations(art, attribute(art, people)) == {}


def test_a_heading_between_two_statements_keeps_them_apart(people, tmp_path):
    art = article(tmp_path, "Lind sagte am Montag, der Ausbau des Hafens sei ein Fehler.\n\n"
                            "## Die Schleuse\n\n"
                            "„Wir hätten zuerst die Schleuse erneuern müssen“, sagte Lind.\n")
    assert continuations(art, attribute(art, people)) == {}


def test_a_statement_takes_at_most_two_quoted_sentences_with_cues_of_their_own(people, tmp_path):
    art = article(tmp_path, "Lind sagte, der Ausbau des Hafens sei ein Fehler. "
                            "„Wir hätten zuerst die Schleuse erneuern müssen“, sagte Lind. "
                            "„Die Schleuse ist älter als der Hafen“, sagte Lind. "
                            "„Die Stadt hat das gewusst“, sagte Lind.\n")
    starts = [s.start for _, s in art.sentences()]
    assert continuations(art, attribute(art, people)) == {starts[1]: starts[0], starts[2]: starts[1]}


def test_a_paragraph_that_opens_with_its_speakers_name_begins_a_new_statement(people, tmp_path):
    # The same speaker again, named first in a new paragraph: another point, not more of the answer.
    art = article(tmp_path, "„Der Ausbau des Hafens ist ein Fehler“, sagte Lind.\n\n"
                            "Lind machte deutlich, dass die Schleuse zuerst erneuert werden müsse.\n\n"
                            "„Das hätte die Stadt wissen müssen“, sagte sie.\n")
    starts = [s.start for _, s in art.sentences()]
    assert continuations(art, attribute(art, people)) == {starts[2]: starts[1]}


def test_a_quotation_a_colon_announces_goes_on_with_the_sentence_of_the_colon(people, tmp_path):
    art = article(tmp_path, "Der Hafenverein veröffentlichte am Montag einen Brief an den Rat, in dem es heißt:\n\n"
                            "„Die Schleuse muss vor dem Hafen erneuert werden.“\n\n"
                            "Der Rat tagt am Freitag.\n\n"
                            "## Die Schleuse\n\n"
                            "„Sie ist älter als der Hafen.“\n")
    starts = [s.start for _, s in art.sentences()]
    going_on = continuations(art, attribute(art, people))
    assert going_on.get(starts[1]) == starts[0]
    assert starts[3] not in going_on  # no colon before it (and a heading between)
