"""Tests of the quotation extractor on small German sentences written for these tests."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from builder.quotes import DIRECT, INDIRECT, MAX_QUOTE_CHARS, Quote, extract_quotes, quoted_spans, sentence_spans
from builder.segment import split_text

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes-de" / "dev.jsonl"
ARTICLES = Path(__file__).resolve().parents[1] / "content" / "articles"  # the seeds, read as they are


def direct(text: str) -> list[Quote]:
    """The direct quotes of a text."""
    return [q for q in extract_quotes(text) if q.kind == DIRECT]


def indirect(text: str) -> list[Quote]:
    """The indirect quotes of a text."""
    return [q for q in extract_quotes(text) if q.kind == INDIRECT]


def only(quotes: list[Quote]) -> Quote:
    """The single quote of a list (fails when there is not exactly one)."""
    assert len(quotes) == 1, quotes
    return quotes[0]


def cue(quote: Quote, text: str) -> str | None:
    """The speech cue of a quote as written."""
    return None if quote.cue_start is None else text[quote.cue_start:quote.cue_end]


# --- direct quotes ---------------------------------------------------------------

@pytest.mark.parametrize("text, quoted", [
    ("„Wir bleiben standhaft“, sagte die Ministerin.", "„Wir bleiben standhaft“"),
    ("»Wir bleiben standhaft«, sagte die Ministerin.", "»Wir bleiben standhaft«"),
    ("«Wir bleiben standhaft», sagte die Ministerin.", "«Wir bleiben standhaft»"),
    ('"Wir bleiben standhaft", sagte die Ministerin.', '"Wir bleiben standhaft"'),
    ("“Wir bleiben standhaft”, sagte die Ministerin.", "“Wir bleiben standhaft”"),
])
def test_direct_quote_in_every_kind_of_quotation_mark(text, quoted):
    quote = only(direct(text))
    assert quote.text(text) == quoted  # the span includes the quotation marks
    assert quote.speaker(text) == "die Ministerin"
    assert cue(quote, text) == "sagte"


def test_quotes_with_only_a_space_between_are_one_quotation():
    text = "Die Wirtin blieb hart. „Wir bleiben.“ „Wir kämpfen“, sagte sie."
    quote = only(direct(text))
    assert quote.text(text) == "„Wir bleiben.“ „Wir kämpfen“"
    assert quote.speaker(text) == "sie" and cue(quote, text) == "sagte"


def test_quotes_on_separate_lines_stay_apart():
    text = "„Wir bleiben“, sagte Weber.\n„Wir kämpfen“, sagte Roth."
    assert [q.speaker(text) for q in direct(text)] == ["Weber", "Roth"]


def test_nested_single_quotes_stay_inside_the_outer_quote():
    text = "„Er nannte das ‚unverantwortlich‘ und ging“, berichtete die Sprecherin."
    quote = only(direct(text))
    assert quote.text(text) == "„Er nannte das ‚unverantwortlich‘ und ging“"


def test_nested_double_low_quotes_give_one_outer_quote():
    text = "„Wir haben die „Aktion Sauberes Wasser“ gestartet“, sagte Bauer."
    quote = only(direct(text))
    assert quote.text(text).startswith("„Wir haben") and quote.text(text).endswith("gestartet“")


def test_quote_over_several_sentences_is_one_quote():
    text = "„Das ist falsch. Wir werden klagen. Das Gericht wird uns recht geben“, erklärte Müller."
    quote = only(direct(text))
    assert quote.start == 0 and text[quote.end:].startswith(", erklärte")
    assert quote.speaker(text) == "Müller"


def test_colon_introduces_a_quote_and_names_the_speaker():
    text = "Der Bürgermeister erklärte am Abend: „Die Brücke bleibt bis Montag gesperrt.“"
    quote = only(direct(text))
    assert quote.speaker(text) == "Der Bürgermeister"
    assert cue(quote, text) == "erklärte"


def test_speaker_after_a_fronted_adverbial():
    text = "Am Donnerstag warnte Schulze: „Wir haben keine Zeit mehr.“"
    assert only(direct(text)).speaker(text) == "Schulze"


@pytest.mark.parametrize("text, speaker", [
    ("Während der Sitzung sagte Kluncker: „Das geht nicht.“", "Kluncker"),
    ("Bereits während seiner Amtszeit warnte Kluncker: „Das geht nicht.“", "Kluncker"),
    ("Während der Minister schwieg, sagte Kluncker: „Das geht nicht.“", "Kluncker"),
])
def test_waehrend_with_a_genitive_is_a_preposition_not_a_clause(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


def test_pronoun_speaker_after_the_quote():
    text = "Müller kam spät. „Ich bin zufrieden“, sagte er."
    assert only(direct(text)).speaker(text) == "er"


def test_quoted_sentence_without_cue_continues_the_previous_speaker():
    text = "„Wir sind bereit“, sagte Weber. „Die Arbeit beginnt morgen.“"
    first, second = direct(text)
    assert second.speaker(text) == "Weber" and first.speaker(text) == "Weber"


@pytest.mark.parametrize("text, speaker", [
    ("Die Arbeit der Kommission lobte er ausdrücklich: „Sie war gründlich.“", "er"),
    ("Die Kürzung des Etats kritisierte der Landrat scharf: „Das trifft die Schulen.“", "der Landrat"),
    ("Der Kämmerer nannte sie „fahrlässig“ und ging.", "Der Kämmerer"),
])
def test_a_fronted_object_leaves_the_subject_after_the_verb(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("In einem am Montag veröffentlichten Interview schlug Lind vor, dass die Fähre stündlich fahren solle.", "Lind"),
    ("In der am Montag verkündeten Entscheidung erklärte der Kämmerer, die Kasse sei leer.", "der Kämmerer"),
    ("Mit einem am Abend veröffentlichten Schreiben teilte der Kämmerer mit, die Kasse sei leer.", "der Kämmerer"),
    ("In einem in der Stadt geführten Gespräch sagte Lind, die Fähre sei zu laut.", "Lind"),
    ("Am Montag veröffentlichten Forscher eine Studie, die Fähre sei zu laut.", "Forscher"),  # a verb, no attribute
])
def test_a_participle_closing_an_attribute_the_article_opens_is_no_speech_verb(text, speaker):
    assert only(indirect(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Höhnisch kommentierte der Sprecher die Lage: „Das war es dann.“", "der Sprecher"),
    ("Gemeinsam erklärten die Verbände: „Wir bleiben.“", "die Verbände"),
    ("Vorsichtig äußerte sich die Ministerin: „Wir warten ab.“", "die Ministerin"),
    ("Ludwig sagte am Abend: „Wir warten ab.“", "Ludwig"),
    ("Besonders scharf äußerte sich der Sprecher: „Das geht nicht.“", "der Sprecher"),
    ("Immerhin lobte der Sprecher den Plan: „Das ist gut.“", "der Sprecher"),
])
def test_a_bare_adjective_first_in_the_clause_is_an_adverb_not_the_speaker(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


def test_a_relative_pronoun_speaks_when_its_phrase_is_not_found():
    text = ("Am Abend kamen Tausende von Anwohnern, die unter anderem forderten: „Die Brücke muss bleiben!“ "
            "Bürgermeister Kolb sagte nichts.")
    assert only(direct(text)).speaker(text) in ("die", "Anwohnern", "von Anwohnern", "Tausende von Anwohnern")
    passive = "In einem Bericht, der am Abend veröffentlicht wurde, nannte das Amt den Einsatz „notwendig und richtig“."
    assert only(direct(passive)).speaker(passive) == "das Amt"


def test_und_der_opens_a_second_main_clause_not_a_relative_clause():
    text = ("Die Menge rief vor dem Rathaus Parolen wie „Berger raus!“ und der Unternehmer Jan Kolb "
            "rief vor den Leuten aus: „Berger ist der schlechteste Bürgermeister!“")
    assert [q.speaker(text) for q in direct(text)] == ["Die Menge", "der Unternehmer Jan Kolb"]


@pytest.mark.parametrize("text, speaker", [
    ("Die Ministerin Anna Berg sagte der Zeitung am Montag: „Wir warten ab.“", "Die Ministerin Anna Berg"),
    ("Die Sprecherin erklärte der Nachrichtenagentur: „Wir warten ab.“", "Die Sprecherin"),
    ("Die Pläne kritisierte der Minister scharf: „Das geht nicht.“", "der Minister"),
    ("Die Ministerin Anna Berg sagte der ARD: „Wir warten ab.“", "Die Ministerin Anna Berg"),
    ("Die Reform Bergs kritisierte der Verband als „Unsinn hoch drei“.", "der Verband"),
])
def test_a_named_person_or_der_with_a_feminine_noun_keeps_the_fronted_subject(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


def test_er_after_the_verb_is_the_subject_not_the_fronted_dative():
    text = ("Ina Kral sagte: „Wir warten ab.“ Der Gemeinde schlug er einen Tausch vor: "
            "„Wir geben das Grundstück, sie baut die Schule.“")
    assert [q.speaker(text) for q in direct(text)] == ["Ina Kral", "er"]


def test_a_fronted_object_with_attributes_leaves_the_subject_after_the_verb():
    text = ("Dazu sagte Ole Brandt: „Das war absehbar.“ Jede Beteiligung am Ausfall der Heizung im Rathaus "
            "wies die Wirtin von sich: „Ich habe rechtzeitig gewarnt.“")
    assert [q.speaker(text) for q in direct(text)] == ["Ole Brandt", "die Wirtin"]


@pytest.mark.parametrize("text, speaker", [
    ("„Wir bleiben“, so letztere.", "letztere"),
    ("„Wir bleiben“, schrieb die in Kassel geborene Sängerin.", "die in Kassel geborene Sängerin"),
    ("Der frühere Stadtrat, Jan Berger (SPD), warnte die Partei vor einem „kalten Wahlkampf“.",
     "Jan Berger (SPD)"),
])
def test_speaker_phrases_of_several_shapes(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    # a focus particle before the subject
    ("Auch die Bürgermeisterin Eva Roth äußerte Zweifel und wagte eine Vorhersage: „Das wird teuer.“",
     "die Bürgermeisterin Eva Roth"),
    # "und" between a truncated compound and a noun does not open a clause
    ("Der Kanzler hatte die Rolle der Landes- und Bundesminister betont: „Sie entscheiden gemeinsam.“",
     "Der Kanzler"),
    # "aber" inside a clause is a particle, not a conjunction
    ("Er hatte aber gesagt, es sei ihm „ein ernstes Anliegen, das zu klären“.", "Er"),
    # a main clause's cue beats one in a "wie" clause for a quote after a colon
    ("Wie der Sender berichtet, schickte der Sprecher Tom Falk eine kurze Nachricht: „Wir prüfen das.“",
     "der Sprecher Tom Falk"),
    # a clause that opens with a thing continues the speaker named before
    ("„Wir schaffen das“, sagte die Ministerin. Ihre Zuversicht gründet sich auf Erfahrung: "
     "„Solche Fragen wurden immer spät entschieden.“", "die Ministerin"),
    # a fronted thing is the object, the name after the verb the subject
    ("Jegliche Verantwortung weist Hartmann von sich: „Das müssen andere übernehmen.“", "Hartmann"),
    # the holder after "von" of a view that opens the clause
    ("Das Fazit von Sandra Boser fällt klar aus: „Die Zahlen zeigen es.“", "Sandra Boser"),
    # a reported clause before a colon keeps the speaker named before
    ("„Wir helfen“, sagte die Premierministerin Anna Bligh. Queensland sei dem Nachbarn zu Dank "
     "verpflichtet: „Sie haben uns Helfer geschickt.“", "die Premierministerin Anna Bligh"),
    # a fronted accusative leaves the subject after the verb; "zum Ausdruck bringen" is a cue
    ("Den Unmut der Partei über die Pläne brachte die Sprecherin Eva Roth zum Ausdruck: „Das geht nicht.“",
     "die Sprecherin Eva Roth"),
    # the cue of a relative clause between "laut X" and the quote does not take the quote
    ("Laut Polizei ist die Demonstration, zu der viele Gruppen aufgerufen hatten, „weitgehend friedlich“ "
     "verlaufen.", "Polizei"),
    # "Der" with an adjective in -en opens a dative: the subject follows the verb
    ("Der englischsprachigen Zeitung sagte Filep Karma: „Ich gebe nicht auf.“", "Filep Karma"),
    # what someone spoke of is a quotation, even one capitalised word
    ("Händler sprachen am Morgen von „Panikverkäufen“.", "Händler"),
    # a number and a period before "Ein" end a sentence
    ("Die Auslieferung des Modells 3. Ein Sprecher teilte mit: „Alle werden fair bezahlt.“", "Ein Sprecher"),
    # a noun that starts with a number
    ("Der 58-Jährige habe geschrieben, er wolle „einen neuen Anfang“ wagen.", "Der 58-Jährige"),
    # a sentence that opens with "So" is not the ", so X" cue
    ("Der Minister warnte vor neuen Risiken. So gewonnene Daten seien „besonders heikel“.", "Der Minister"),
])
def test_speaker_of_the_main_clause(text, speaker):
    assert direct(text)[-1].speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    # a place name in a genitive attribute does not stop the phrase from speaking
    ("Das Auswärtige Amt der Bundesrepublik Deutschland empfiehlt allen Reisenden einen "
     "„gründlichen Schutz vor Stichen“.", "Das Auswärtige Amt der Bundesrepublik Deutschland"),
    # a verb ending like an adjective ("attackierte") is the verb when no noun follows it
    ("Auch der Außenminister Tom Berg attackierte den Konzern als den „größten Verschmutzer“.",
     "der Außenminister Tom Berg"),
    # a relative pronoun that is the subject of its clause stands for the phrase before it
    ("In der Zeitung erschien ein Kommentar, der die Entscheidung als „nicht nachvollziehbar“ bezeichnet.",
     "ein Kommentar"),
    ("Die Hacker hinterließen eine Botschaft, welche die Techniker als „Schulkinder“ bezeichnete.",
     "eine Botschaft"),
    # a phrase marked plural is not the subject of a verb in the singular
    ("Die jungen Mönche, die demonstriert hatten, beschrieb die Agentur als „aggressiv“.", "die Agentur"),
    # the agent of a passive nearest the participle; judging verbs are cues
    ("Die Gefahr von Bränden wird vom Wetterdienst als „sehr hoch“ eingestuft.", "Wetterdienst"),
    # "nach" with a view and its holder
    ("Nach Bergers Idee soll „im Zweifel die Mehrheit“ entscheiden.", "Bergers Idee"),
    ("Nach Ansicht von Senator Lang ist das „ein schwerer Fehler“.", "Senator Lang"),
    ("Nach den Worten des Landrats ist das „ein schwerer Fehler“.", "des Landrats"),
    # but a subject of its own in the relative clause speaks
    ("Es ging um den Plan, den der Minister als „unbezahlbar“ bezeichnete.", "der Minister"),
    # the phrase before the comma, also after a preposition, not the subject of the main clause
    ("Der Sprecher verwies auf den Verband der Wirte, der den Plan als „unsinnig“ bezeichnete.",
     "den Verband der Wirte"),
    # "die" before an accusative is the subject of its clause, not the object of "… den X … nannte"
    ("Der Sprecher verwies auf die Wirte, die den Plan als „unsinnig“ bezeichneten.", "die Wirte"),
    # the patient of a passive relative clause is no speaker; the verb of the main clause cues
    ("In einem Bericht, der später veröffentlicht wurde, nannte das Amt den Plan „defensiver Natur“.",
     "das Amt"),
])
def test_speakers_in_relative_clauses_and_long_phrases(text, speaker):
    assert direct(text)[-1].speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Derzeit steht in dem Entwurf noch der Satz: „Die Daten sind zu löschen.“", "in dem Entwurf"),
    ("In einem Brief an die Mitarbeiter war von einem „offenen und ehrlichen Dialog“ die Rede.",
     "In einem Brief"),
    ("Darauf waren die Worte zu lesen: „Wir bleiben hier.“", "Darauf"),
    ("Der Text des Aufrufs lautete: „Wir bleiben hier.“", "Der Text des Aufrufs"),
    ("Laut „Reuters“ ist die Lage „sehr ernst und kaum zu überblicken“.", "„Reuters“"),
    ("Aus Paris hieß es, das Vorgehen sei „eine schwere Verletzung“ des Abkommens.", "Aus Paris"),
])
def test_the_text_a_quote_is_read_in_is_its_source(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text", [
    "In der Stadt wurde laut dem Verband ein Mann festgenommen, der sich als „Bürgerreporter“ engagierte.",
    "Nach Angaben der Polizei stellte sich ein Mann, der als „Anführer“ der Gruppe galt.",
])
def test_a_predicative_term_in_a_clause_of_the_writer_is_no_quotation(text):
    # The sentence has a source ("laut", "nach Angaben"), but the clause of the term is the writer's.
    assert direct(text) == []


@pytest.mark.parametrize("text, speaker", [
    ("Der Minister nannte den Plan einen „Fehler“.", "Der Minister"),
    ("Berg sagte, der Hafen sei ein „Opfer der Politik“.", "Berg"),
    ("Laut Lind droht eine Gefahr für „Hafen, Deich und Stadt“, wenn nichts geschieht.", "Lind"),
])
def test_a_predicative_term_in_a_clause_of_speech_is_a_quotation(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, found_by", [
    ("„Wir bleiben standhaft“, sagte die Ministerin.", "cue"),
    ("Die Ministerin blieb dabei: „Wir bleiben standhaft.“", "colon"),
    ("Im Antrag der Stadt heißt es: „Der Hafen bleibt offen.“", "source"),
    ("„Wir bleiben hier“ – Berg gibt nicht auf.", "headline"),
    ("„Wir bleiben hier.“ Das sagte Berg am Montag.", "pointed back"),
    ("„Wir bleiben“, sagte Berg am Montag. „Wir kämpfen weiter.“", "carried"),
    ("Berg sagte am Montag, die Lage sei ernst.\n\nDer Pegel steigt weiter. „Wir sind noch nicht am Ziel.“",
     "recent"),
    ("Der Pegel steigt. Die Ministerin sei „tief besorgt“.", "subject"),
])
def test_a_quote_says_how_its_speaker_was_found(text, found_by):
    # The last direct quote of each text; the confidence of its speaker depends on this.
    assert direct(text)[-1].found_by == found_by


def test_konjunktiv_sentences_that_go_on_with_reported_speech_are_continued():
    text = "Berg sagte, die Lage sei ernst. Die Deiche seien zu niedrig."
    assert [q.found_by for q in indirect(text)] == ["cue", "continued"]


@pytest.mark.parametrize("text, speaker", [
    ("Die Zeitung zitiert den Bürgermeister mit den Worten: „Wir sind bereit.“", "den Bürgermeister"),
    ("„Wir sind bereit“, zitiert die Zeitung den Bürgermeister Jan Roth.", "den Bürgermeister Jan Roth"),
    ("„Wir sind bereit“, wie der Bürgermeister von der Zeitung zitiert wird.", "der Bürgermeister"),
])
def test_the_person_cited_with_zitiert_is_the_speaker(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Die Lage ist ernst. „Wir lassen niemanden im Stich.“ Das sagte Kallas am Montag.", "Kallas"),
    ("„Wir lassen niemanden im Stich.“ Mit diesen Worten warnte die Ministerin vor Eile.", "die Ministerin"),
    ("„Ja, es gibt Härten.“ Das musste Finanzminister Paul Roth zu Beginn der Debatte einräumen.",
     "Finanzminister Paul Roth"),
    ("„Jeder Dritte zweifelt.“ Das ist die zentrale Aussage der Studie.", "die zentrale Aussage der Studie"),
])
def test_a_sentence_pointing_back_names_the_speaker_of_a_quote_standing_alone(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


def test_a_sentence_after_a_paragraph_break_does_not_point_back():
    text = "„Wir lassen niemanden im Stich.“\n\nDas sagte Kallas schon im Januar."
    assert only(direct(text)).speaker(text) != "Kallas"



@pytest.mark.parametrize("text, speaker", [
    ("Die Firma bestätigte die Zahlen nicht und nannte sie „reine Spekulation“.", "Die Firma"),
    ("„Das ist neu“, so charakterisierte ihn der Gewerkschafter Paul Roth.", "der Gewerkschafter Paul Roth"),
    ("Das Auswärtige Amt rät dazu, „nicht notwendige Reisen zu verschieben“.", "Das Auswärtige Amt"),
])
def test_speakers_of_shared_subjects_and_more_verbs(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("„Guten Tag, ich bin wieder da“, mit diesen Worten meldete er sich zurück.", "er"),
    # a thing with the s-genitive of its holder speaks for the holder
    ("Die ersten Worte Bergers sind ein „geflügeltes Wort“: „Ein kleiner Schritt.“",
     "Die ersten Worte Bergers"),
    # a period before a closing parenthesis ends the sentence
    ("(Der Ballon ist gelandet.) Die ersten Worte Bergers gingen um die Welt: „Ein kleiner Schritt.“",
     "Die ersten Worte Bergers"),
    # a web site is a name of its own, and the person cited follows it
    ("„Das ist eine neue Lage“, zitiert stadtblatt.de Polizeisprecher Jan Kramer.", "Polizeisprecher Jan Kramer"),
    # a participle before a quoted adjective phrase is an attribute, not a cue
    ("Der Grund waren dem Bericht zufolge nicht näher bezeichnete „technische Probleme“.", "dem Bericht"),
    # an apposition keeps the name it describes
    ("Lothar Nebel, Ordnungsdezernent der Stadt Guben, sagte: „Wir greifen durch.“",
     "Lothar Nebel, Ordnungsdezernent der Stadt Guben"),
    ("So sagte Eva Lind, EU-Handelskommissarin: „Man kann das nicht hinnehmen.“",
     "Eva Lind, EU-Handelskommissarin"),
    # but a role before the name is not a name to add
    ("Der frühere Justizsenator, Henning Scherf (SPD), sagte: „Das ist vorbei.“", "Henning Scherf (SPD)"),
    # a quoted sentence in parentheses after a name, and a name without a verb before a colon
    ("Viele gratulierten, so der Minister Tom Berg, die Leiterin Eva Roth („Niemand verdient es mehr.“) "
     "und der Bürgermeister Jan Roth: „Der Preis kommt nicht zu früh.“", "der Bürgermeister Jan Roth"),
    # an infinitive clause after a fronted object does not hide the subject after the verb
    ("Ebenso äußerte sich Tom Berg. Das Angebot, Verwundete kostenlos zu behandeln, lehnt er jedoch ab: "
     "„Das lasse ich nicht zu.“", "er"),
    # a fronted adverb or a verb first is not the subject; the pronoun after it is
    ("Aktuell lässt sie dort Folgendes erklären: „Ich habe das Abitur nie gemacht.“", "sie"),
    ("Hatte sie im Juni noch einen Antrag eingebracht, so nannte sie ihn nun „verfehlt“.", "sie"),
])
def test_speakers_named_around_the_quote(text, speaker):
    assert direct(text)[-1].speaker(text) == speaker


def test_a_quoted_sentence_in_parentheses_is_spoken_by_the_name_before_it():
    text = "Viele gratulierten, so der Minister Tom Berg und die Leiterin Eva Roth („Niemand verdient es mehr.“)."
    assert only(direct(text)).speaker(text) == "die Leiterin Eva Roth"


def test_another_quotation_is_not_a_speaker():
    text = "So heißt es, die Verwaltung habe „jetzt“ damit „begonnen“, Namen zu veröffentlichen."
    assert all(q.speaker(text) not in ("„jetzt“", "„begonnen“") for q in direct(text))


def test_a_speaker_named_far_back_does_not_take_a_quote_without_cue():
    filler = "Die Lage im Hafen blieb den ganzen Tag über ruhig und unübersichtlich. " * 12
    near = "Die Ministerin sagte am Morgen, sie prüfe die Lage.\n\nDafür gebe es „gute Gründe“."
    far = "Die Ministerin sagte am Morgen, sie prüfe die Lage.\n\n" + filler + "\n\nDafür gebe es „gute Gründe“."
    assert only(direct(near)).speaker(near) == "Die Ministerin"
    assert direct(far) == []  # with nobody to say it, the phrase is no quotation


@pytest.mark.parametrize("text", [
    "Wie berichtet, sei die Lage „sehr ernst“.",
    "„Wir schaffen das“ wurde zum Leitwort der Flüchtlingspolitik.",
    "Es handle sich um Kühlwasser, das „schwach radioaktiv“ sei.",
])
def test_a_short_phrase_with_neither_cue_nor_speaker_is_no_quotation(text):
    assert direct(text) == []


def test_a_passage_in_a_plain_sentence_without_cue_is_no_quotation():
    law = ("Nach dem Grundgesetz bestimmt der Bundeskanzler „die Richtlinien der Politik und trägt "
           "dafür die Verantwortung“.")
    assert direct(law) == []
    said = ("Der Bundeskanzler betonte, er bestimme „die Richtlinien der Politik und trage dafür "
            "die Verantwortung“.")
    assert only(direct(said)).speaker(said) == "Der Bundeskanzler"


def test_a_phrase_inside_the_quote_never_speaks_it():
    text = "Die Betreiber hatten erklärt, es handle sich um Kühlwasser, das „schwach radioaktiv“ sei."
    quote = only(direct(text))
    assert quote.speaker(text) == "Die Betreiber"


def test_a_konjunktiv_verb_after_a_quote_is_reported_not_a_cue():
    text = ("Er bezeichnete die Pläne als „Wortbruch“. Auf dem Weg einer „Vernetzung der Register“ "
            "komme die Regierung nun zum selben Ergebnis.")
    assert [q.speaker(text) for q in direct(text)] == ["Er", "Er"]


def test_konjunktiv_main_clause_keeps_the_speaker_named_before():
    text = ("Die Ministerin Anna Roth kritisierte die Pläne. "
            "Dafür seien die Mittel „völlig unzureichend“.")
    assert only(direct(text)).speaker(text) == "Die Ministerin Anna Roth"


def test_ausgeschlossen_is_no_cue_so_a_konjunktiv_clause_keeps_the_speaker_before():
    # "ausgeschlossen" mostly means "impossible" or "ruled out", not a way of saying something
    text = ("Die Ministerin Anna Berg kritisierte den Plan. "
            "Bisher habe die Regierung eine „zentrale Datei“ ausgeschlossen.")
    assert only(direct(text)).speaker(text) == "Die Ministerin Anna Berg"


def test_a_quote_paragraph_continues_the_speaker_of_the_paragraph_before():
    text = ("Lena Bauer, die den Aufruf unterschrieb, verurteilte den Plan.\n\n"
            "„Das Projekt ist ein Fehler. Wir werden dagegen klagen.“")
    assert only(direct(text)).speaker(text) == "Lena Bauer"


@pytest.mark.parametrize("text, speaker", [
    ("In dem Antrag heißt es wörtlich: „Die Frist wird verlängert.“", "In dem Antrag"),
    ("Auf dem Plakat war zu lesen: „Wir bleiben hier. Wir gehen nicht.“", "Auf dem Plakat"),
    ("Seine Bilder werden von Sammlern als „Meilensteine der Malerei“ bezeichnet.", "Sammlern"),
    # a compound led by a lower-case name is a noun; an adverb may stand in an attribute
    ("Auf der biennale-Homepage heißt es zur Begründung, warum man es wählte: „Die Striche zählen.“",
     "Auf der biennale-Homepage"),
    ("Er bat um Rücknahme: „Ich bitte den Papst darum“, heißt es in einer gestern verbreiteten Erklärung.",
     "in einer gestern verbreiteten Erklärung"),
    # a relative clause about reading refers back to the text
    ("Das Gericht prüfte das Gesetz, in dem es unter anderem heißt: „Die Daten sind zu löschen.“",
     "das Gesetz"),
    ("An jeder Tür musste ein Zettel kleben, auf dem geschrieben stand: „Bitte leise sein.“", "ein Zettel"),
    # "hieß es" names who said it with von, bei or after the verb
    ("Vom Bauamt hieß es am Abend: „Wir prüfen das.“", "Vom Bauamt"),
    ("Auf Nachfrage hieß es beim Bauamt: „Wir prüfen das.“", "beim Bauamt"),
    # "steht in" after the quote names the text too
    ("„Die Lage ist sehr ernst“, steht in dem Bericht.", "in dem Bericht"),
    # "verlautete" names where the words came from, before or after it
    ("Aus dem Bauamt verlautete, man sei „sehr besorgt“.", "Aus dem Bauamt"),
    ("„Wir prüfen das“, verlautete aus dem Bauamt.", "aus dem Bauamt"),
    ("Am Abend verlautete aus dem Bauamt: „Wir prüfen das.“", "aus dem Bauamt"),
])
def test_sources_of_read_and_passive_quotes(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, content", [
    # a clause of purpose before the verb is not what was said; what follows the verb is
    ("Offenbar um den Druck zu erhöhen, schloss Roth nicht aus, dass die Stadt „pleite“ sein könnte.",
     "dass die Stadt „pleite“ sein könnte"),
    ("Um die Lage zu beruhigen, sagte Roth, man werde helfen.", "man werde helfen"),
])
def test_reported_content_is_not_a_clause_of_purpose(text, content):
    reported = [q for q in extract_quotes(text) if q.kind == "indirect"]
    assert [q.text(text) for q in reported] == [content]


@pytest.mark.parametrize("text", [
    "Roth bestätigte mit seinen Worten die Sorgen der Wirte, aber auch von Gästen.",
    "Roth teilte das Ergebnis am Abend mit, während die Stadt den Termin ebenfalls bestätigte.",
])
def test_an_added_phrase_or_a_waehrend_clause_is_not_reported_content(text):
    assert [q for q in extract_quotes(text) if q.kind == "indirect"] == []


def test_verlautete_names_the_source_of_reported_speech():
    text = "Aus dem Bauamt verlautete, die Brücke sei „nicht mehr sicher“."
    reported = [q for q in extract_quotes(text) if q.kind == "indirect"]
    assert [q.speaker(text) for q in reported] == ["Aus dem Bauamt"]


@pytest.mark.parametrize("text, speaker", [
    # the subject of a passive is what is spoken of; the agent speaks, or the text it was said in
    ("Die Linien gelten als SPÖ-nahe und wurden im „Standard“ als „eine Organisation der Partei, "
     "nämlich der SPÖ“ bezeichnet.", "im „Standard“"),
    ("Die Linien wurden gestern in der Zeitung als „eine Organisation der Partei“ bezeichnet.", "in der Zeitung"),
    ("In den Medien war der Auftrag schon als „Geschäft des Jahrhunderts“ bezeichnet worden.", "In den Medien"),
    # strong participles without "ge-" are passive participles too
    ("Die Lage wird in dem Schreiben als „ernst“ beschrieben.", "in dem Schreiben"),
    ("Die Linien wurden gestern von der Zeitung als „eine Organisation der Partei“ bezeichnet.", "der Zeitung"),
    ("Der Minister Max Roth wurde in der Debatte als „Lügner“ bezeichnet.", None),
    ("Roth wurde am Abend gefragt: „Geht das?“", None),
    # the auxiliary may follow the participle; "seitens" names the agent too
    ("Von der Regierung seien die Demonstranten oft als „Chaoten“ bezeichnet worden.", "der Regierung"),
    ("Seitens der Polizei wurden die Demonstranten oft als „Chaoten“ bezeichnet.", "der Polizei"),
    # a passive in the Konjunktiv inside reported speech leaves the speaker of the report
    ("Der Sprecher sagte, der Plan werde oft als „Unsinn“ bezeichnet.", "Der Sprecher"),
    # but the one quoted with "zitiert" is the subject
    ("Die Ministerin wurde mit den Worten zitiert: „Wir bleiben.“", "Die Ministerin"),
])
def test_speakers_of_passive_cues(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    # a medium whose name is in quotation marks, after its article or in a compound
    ("Der „Spiegel“ berichtet, der Minister habe „keine Ahnung“ gehabt.", "Der „Spiegel“"),
    ("Wie der „Spiegel“ berichtet, habe der Minister „keine Ahnung“ gehabt.", "der „Spiegel“"),
    ("Wie die „Bild“-Zeitung berichtet, habe der Minister „keine Ahnung“ gehabt.", "die „Bild“-Zeitung"),
    # nouns in -schaft and "Nachbar" are nouns, not bare adjectives in -haft and -bar
    ("„Wir ermitteln“, sagte die Staatsanwaltschaft.", "die Staatsanwaltschaft"),
    ("Die Gewerkschaft reagierte empört: „Das ist ein schwarzer Tag.“", "Die Gewerkschaft"),
    ("Der Nachbar sagte: „Ich habe nichts gehört.“", "Der Nachbar"),
    # a name set off by commas after the role is part of the speaker, so people can be found
    ("„Wir bleiben“, sagte der Sprecher des Kremls, Dmitri S. Peskow, am Montag.",
     "der Sprecher des Kremls, Dmitri S. Peskow"),
    ("„Wir bleiben“, sagte der Chef des Verbands, Max Roth.\n\nDer Sender kam.", "der Chef des Verbands, Max Roth"),
    ("„Wir bleiben“, sagte der Minister, Berlin.", "der Minister"),
    # the medium told after a name or a genitive is dative, not part of the speaker
    ("„Das ist gefährlich“, sagte Macron der Deutschen Presse-Agentur.", "Macron"),
    ("„Das ist gefährlich“, sagte eine Sprecherin des Amts der Nachrichtenagentur AFP.",
     "eine Sprecherin des Amts"),
    ("„Das ist gefährlich“, sagte der Chefredakteur der Zeitung.", "der Chefredakteur der Zeitung"),
    # "mit diesen Worten" after a dash or colon points back to the quote
    ("„Das ist gefährlich“ – mit diesen Worten warnte Macron.", "Macron"),
    ("„Das ist gefährlich“: Mit diesen Worten warnte Macron am Montag.", "Macron"),
    # a quoted clause with a verb and its subject right after the comma is a quotation
    ("„Die Lage ist sehr ernst“, ist sich Roth sicher.", "Roth"),
    ("„Die Lage ist sehr ernst“, findet Roth.", "Roth"),
    # the next sentence points back and names the speaker
    ("Die Lage sei „sehr ernst“. Das erklärte Roth am Montag.", "Roth"),
    ("„Die Lage ist sehr ernst.“ Mit diesen Worten eröffnete Roth die Sitzung.", "Roth"),
    # a demonstrative with no noun after it speaks
    ("Der Minister traf Macron. „Wir bleiben“, sagte dieser.", "dieser"),
    # where the criticism came from, also fronted, and "aus Sicht" of someone
    ("Von der Opposition kam scharfe Kritik: „Der Plan ist unsinnig.“", "der Opposition"),
    ("Aus der Partei hagelte es Kritik: „Der Plan ist unsinnig.“", "der Partei"),
    ("Aus Sicht der Opposition ist der Plan „unsinnig“.", "der Opposition"),
    # a passive "genannt" with its agent reports what the agent called something
    ("Von der Regierung wurde der Plan „unsinnig“ genannt.", "der Regierung"),
    ("Vonseiten der Regierung wurde der Plan als „unsinnig“ kritisiert.", "der Regierung"),
    # a thing after the verb is its object, even after "ein"
    ("Die Autoren ziehen ein düsteres Fazit: „Die Lage ist sehr ernst.“", "Die Autoren"),
    # the holder of a reply or reaction speaks; a headline quote is spoken by the subject after it
    ("Die Reaktion des Ministers fiel deutlich aus: „Wir bleiben hier.“", "des Ministers"),
    ("Die Antwort von Roth: „Wir bleiben hier.“", "Roth"),
    ("„Wir bleiben hier“ – Roth gibt nicht auf.", "Roth"),
    # what was said "came from" someone: the "von" phrase speaks the colon quote
    ("Scharfe Kritik kam von der Opposition: „Das ist ein schwarzer Tag.“", "der Opposition"),
    # "aufgrund" and "infolge" are prepositions, never speakers
    ("Aufgrund der Schäden sagte der Bürgermeister: „Wir sperren die Brücke.“", "der Bürgermeister"),
    # a conjunction opens a clause, never a speaker phrase
    ("Obwohl Roth mit Einnahmen rechnet, sei man von einer „Entschuldung weit entfernt“.", "Roth"),
    # a relative clause whose verb opens the colon speaks the quote
    ("Er traf den Bürgermeister, der dazu erklärte: „Wir bleiben.“", "den Bürgermeister"),
])
def test_media_in_quotation_marks_and_relative_colon_speakers(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


def test_an_opinion_fronted_with_fuer_names_its_holder():
    text = "Für den Bischof Karl Jung sei der Schritt „aus vielen Gründen verständlich“."
    assert only(direct(text)).speaker(text) == "den Bischof Karl Jung"


def test_a_continuing_quote_takes_the_speaker_of_the_last_quote_not_of_a_later_frame():
    text = ("Besorgt äußerte sich die Ärztin Eva Holm: „Wir fürchten das Schlimmste“, sagte sie. "
            "„Es wird noch Wochen dauern.“")
    assert direct(text)[-1].speaker(text) == "sie"


def test_short_predicative_quote_with_a_speech_verb_is_a_quote():
    text = "Pistorius nannte das Vorgehen der Regierung »bedauerlich«."
    quote = only(direct(text))
    assert quote.text(text) == "»bedauerlich«" and quote.speaker(text) == "Pistorius"


@pytest.mark.parametrize("text, speaker", [
    # a speech noun with its holder after it, before what was said
    ("Den Vorwurf der CDU, der Plan sei „unsinnig“, wies Müller zurück.", "der CDU"),
    ("Auf die Kritik von Meier, der Plan sei „unsinnig“, entgegnete Müller nichts.", "Meier"),
    # "genannt hatte" reports what someone called something; "genannt" alone names
    ("Müller reagierte auf Meier, der den Plan „unsinnig“ genannt hatte.", "Meier"),
])
def test_holders_of_speech_nouns_and_perfect_genannt(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    # a relative clause's speech verb reports the Konjunktiv clause right after it
    ("Roth widersprach Meier, der gesagt hatte, die Lage sei „ruhig“.", "Meier"),
    # "genannt" after a perfect auxiliary reports what someone called something
    ("Roth sagte, Meier habe die Lage „ruhig“ genannt.", "Meier"),
])
def test_reported_speech_of_relative_clauses_and_perfect_genannt(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    # a capital right before its verb speaks for its government; elsewhere it is a place
    ("Moskau warnte vor „gefährlichen Schritten“.", "Moskau"),
    ("Brüssel reagierte zurückhaltend: „Wir prüfen das.“", "Brüssel"),
    ("„Wir prüfen das“, hieß es in Kiew.", "in Kiew"),
    ("In Brüssel sagte Hegseth: „Wir prüfen das.“", "Hegseth"),
    ("„Wir prüfen das“, sagte Hegseth am Mittwoch in Brüssel.", "Hegseth"),
])
def test_capitals_as_speakers_and_as_places(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


def test_genitive_speech_noun_names_the_speaker():
    text = "Er reagierte auf Schmidts Forderung, die Stadt müsse „deutlich mehr Geld ausgeben“."
    assert only(direct(text)).speaker(text) == "Schmidts"


@pytest.mark.parametrize("text, speaker", [
    ("Im Bericht werden die Pläne der Gemeinde und des Kreises als „völlig verfehlt“ bezeichnet.", "Im Bericht"),
    ("Oft werden die Pläne der Gemeinde und des Kreises als „völlig verfehlt“ bezeichnet.", None),
])
def test_nouns_joined_by_und_in_the_genitive_stay_in_one_clause(text, speaker):
    # "und des Kreises" opens no clause of its own: a passive says who spoke by "von" or
    # the text the words stand in, never by a noun of what is spoken of
    assert only(direct(text)).speaker(text) == speaker


def test_a_fronted_abstract_noun_with_two_holders_in_the_genitive_does_not_speak():
    text = "Die Äußerungen Linds und Bergs bezeichnete Moor als „Weckruf aus dem Süden“."
    assert only(direct(text)).speaker(text) == "Moor"


@pytest.mark.parametrize("text, speaker", [
    ("Offiziell erklärte die Reederei: „Wir fahren wieder.“", "die Reederei"),  # an adjective as an adverb
    ("Sinngemäß schrieb Moor, die Fähre fahre wieder.", "Moor"),  # an adverb the tagger knows
    ("Des Weiteren verwies der Kapitän darauf, dass die Fähre wieder fahre.", "der Kapitän"),  # a genitive
])
def test_an_adverbial_opening_the_clause_is_no_speaker(text, speaker):
    assert [q.speaker(text) for q in extract_quotes(text)] == [speaker]


# --- titles, names and scare quotes ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Trump teilte das am Mittwoch auf seiner Plattform „Truth Social“ mit.",
    "Das Schiff „Blaue Möwe“ lief am Morgen aus dem Hafen aus.",
    "In der Sendung „Hart aber herzlich“ ging es um die Rente.",
    "Die Zeitung „Abendpost“ erscheint künftig nur noch am Wochenende.",
    "Die sogenannte „Zeitenwende“ hat die Haushaltsplanung verändert.",
    "Das Modul „Harmony“ wurde an die Station angedockt.",
    "Ab Freitag verkauft der Händler das neue „eBook mini“ in allen Filialen.",
    "Die Sonde soll den Kometen „C3PO“ im Frühjahr erreichen.",
    "Wie „tagesschau online“ berichtet, bleibt die Brücke gesperrt.",
    "Der Ausfall gilt nach den Regeln nicht als „Notfall“.",
    "Die Anwohner zogen in das als „grüne Hölle“ bekannte Viertel.",
    "Die Gruppe „Musique pour la Paix“ spielt am Abend in Köln.",
    "Sie erhielt 2019 den „Großen Verdienstorden des Landes Niedersachsen für Kunst und Wissenschaft“.",
    "Der Bürgermeister sagte, der „Rat für kommunale Planung“ tage künftig monatlich.",
    "Die Organisatoren kündigten Vorträge wie „Die Geschichte der Straßenbahn in Leipzig seit 1872“ an.",
    "Der Minister sagte, er habe den Plan unter dem Begriff „Neue Wege für alle“ vorgestellt.",
    "Der Text erschien unter der Überschrift „Kassel und seine Brücken“ im Netz.",
    "Der Chef des Magazins „Wir im Norden heute“ erklärte, das Heft werde eingestellt.",
    "Die Stadt nannte Ausstellungen wie „Licht und Schatten im alten Hafen von Rostock“ als Beispiele.",
    "Eine „Ampel“-Koalition hätte im neuen Landtag keine Mehrheit.",
    "Die Mission „Deep Impact“ („tiefer Einschlag“) startete im Januar.",
    "Im Herbst folgt ein „sample return test“ (Probenrückführungstest) im Orbit.",
    "Der Sprecher von „Brot für Kinder“ sagte, die Spenden seien gestiegen.",
    # what something is called
    "Das nennt man einen „Aktiensplit“.",
    "Die Art wurde neu bestimmt, der Name lautet also „große Schlange vom Fluss“.",
    "„Gewalt gegen Kinder“, so lautet der Titel einer Studie, die heute erschien.",
    "Von Freunden stets „der Dicke“ genannt, galt er als mächtig.",
    "Der Teilchenstrom, der als „Sonnenwind“ bezeichnet wird, trifft die Erde.",
])
def test_titles_and_names_in_quotation_marks_are_not_quotes(text):
    assert direct(text) == []


def test_a_lower_case_phrase_where_nobody_speaks_is_a_scare_quote():
    assert direct("Die Firma plant einen „radikalen Umbau der Abteilung“ im Herbst.") == []
    text = "Von einer „gezielten Kampagne gegen uns“ sprach der Vorsitzende am Abend."
    assert only(direct(text)).speaker(text) == "der Vorsitzende"


def test_a_title_next_to_a_real_quote_is_skipped_but_the_quote_is_kept():
    text = "„Die Gespräche beginnen sofort“, schrieb Trump auf „Truth Social“."
    quote = only(direct(text))
    assert quote.text(text) == "„Die Gespräche beginnen sofort“"


def test_lower_case_speech_after_a_title_marker_is_a_quote():
    text = "Die Ministerin zeigte sich „sehr zufrieden, wie die Gespräche bisher verlaufen“ seien."
    assert only(direct(text)).text(text) == "„sehr zufrieden, wie die Gespräche bisher verlaufen“"


@pytest.mark.parametrize("text, quote", [
    ("Die Demonstranten riefen Parolen wie „Schluss mit dem Lärm“ vor dem Rathaus.", "„Schluss mit dem Lärm“"),
    ("Sie malten Sprüche auf Polnisch wie „Wir bleiben hier“ an die Mauer.", "„Wir bleiben hier“"),
    ("„Ja, wir haben Fehler gemacht“. Das räumte der Bürgermeister am Abend ein.", "„Ja, wir haben Fehler gemacht“"),
    ("Merkel prägte 2015 den Satz „Wir schaffen das“.", "„Wir schaffen das“"),
])
def test_slogans_quoted_sentences_and_first_person_phrases_are_quotes(text, quote):
    assert only(direct(text)).text(text) == quote


# --- indirect speech ---------------------------------------------------------------

def test_reported_clause_after_comma():
    text = "Müller sagte, die Lage sei ernst."
    quote = only(indirect(text))
    assert quote.text(text) == "die Lage sei ernst"
    assert quote.speaker(text) == "Müller" and cue(quote, text) == "sagte"


def test_dass_clause():
    text = "Die Ministerin betonte, dass die Schulen geöffnet bleiben."
    quote = only(indirect(text))
    assert quote.text(text) == "dass die Schulen geöffnet bleiben"
    assert quote.speaker(text) == "Die Ministerin"


@pytest.mark.parametrize("text, content, speaker", [
    ("Die Lage sei ernst, sagte der Sprecher.", "Die Lage sei ernst", "der Sprecher"),
    ("Die Lage sei ernst, so der Sprecher.", "Die Lage sei ernst", "der Sprecher"),
    ("Der Polizei zufolge wurde niemand verletzt.", "wurde niemand verletzt", "Der Polizei"),
    ("Laut Feuerwehr brannte das Dach vollständig aus.", "brannte das Dach vollständig aus", "Feuerwehr"),
    ("Wie die Behörde mitteilte, bleibt die Straße gesperrt.", "bleibt die Straße gesperrt", "die Behörde"),
])
def test_reported_speech_frames(text, content, speaker):
    quote = only(indirect(text))
    assert quote.text(text) == content and quote.speaker(text) == speaker


@pytest.mark.parametrize("verb", ["warnte", "kritisierte", "forderte", "erklärte", "betonte", "bekräftigte"])
def test_many_speech_verbs(verb):
    text = f"Der Verband {verb}, die Preise würden weiter steigen."
    quote = only(indirect(text))
    assert quote.speaker(text) == "Der Verband" and cue(quote, text) == verb


@pytest.mark.parametrize("verb", ["begründete", "würdigte", "verglich", "veröffentlichte", "beschuldigte"])
def test_speech_verbs_before_a_colon_quote(verb):
    text = f"Ina Kral sagte: „Wir warten ab.“ Der Rektor {verb} den Vorgang später so: „Das war ein Fehler.“"
    assert [q.speaker(text) for q in direct(text)] == ["Ina Kral", "Der Rektor"]
    assert cue(direct(text)[1], text) == verb


@pytest.mark.parametrize("text, verb", [
    ("Die Firma teilte am Montag mit, die Produktion werde eingestellt.", "teilte"),
    ("Der Trainer fügte hinzu, die Mannschaft brauche Ruhe.", "fügte"),
    ("Die Eltern teilten am Abend mit, die Schule bleibe geschlossen.", "teilten"),
    ("Die Verbände prangerten an, dass die Mieten stiegen.", "prangerten"),
    ("Der Bürgermeister schlug vor, die Brücke zu sanieren.", "schlug"),
    ("Wie die Bank in Rom bekannt gab, bleibt die Filiale geöffnet.", "gab"),
    ("Die Polizei geht inzwischen davon aus, dass der Brand gelegt wurde.", "geht"),
    ("Der Verband ließ am Abend verlauten, die Preise würden steigen.", "ließ"),
    ("Der Verband ist der festen Überzeugung, dass die Preise steigen.", "ist"),
    ("Die Richterin vertritt die Auffassung, das Gesetz sei zu streng.", "vertritt"),
])
def test_separable_speech_verbs_need_their_particle(text, verb):
    assert cue(only(indirect(text)), text) == verb


def test_a_separable_verb_without_its_particle_is_no_cue():
    assert indirect("Die Firma teilte die Gewinne unter den Aktionären auf, die Lage sei gut.") == []


def test_gehen_is_a_cue_only_in_davon_ausgehen():
    assert indirect("Die Firma ging aus dem Streit gestärkt hervor, die Lage war gut.") == []


def test_showing_a_feeling_is_a_cue():
    text = "„Wir bleiben“, sagte Ina Kral. Ihr Verein zeigte sich erleichtert: „Das ist ein gutes Zeichen.“"
    assert [q.speaker(text) for q in direct(text)] == ["Ina Kral", "Ihr Verein"]
    assert cue(direct(text)[1], text) == "zeigte"


@pytest.mark.parametrize("text, speaker", [
    # an impersonal "man" speaks for the place or body named first in its clause
    ("Im Ministerium zeigte man sich „sehr besorgt“.", "Im Ministerium"),
    ("Im Kreml sprach man von einem „konstruktiven Gespräch“.", "Im Kreml"),
    ("Am Montag sprach man von einem „konstruktiven Gespräch“.", "man"),
])
def test_man_speaks_for_the_place_named_first(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    # "der" or "dieser" before a feminine noun is dative, so the phrase after the verb speaks
    ("Der Regierung warf der Minister „völliges Versagen“ vor.", "der Minister"),
    ("Dieser Einschätzung widersprach Roth: „Das geht nicht.“", "Roth"),
    # adverbs and comparatives first, an object "es"/"das" after the verb
    ("Anders sieht das der Minister: „Das geht nicht.“", "der Minister"),
    ("Ähnlich sieht es der Minister: „Das geht nicht.“", "der Minister"),
    ("Kritischer sieht das die Opposition: „Das geht nicht.“", "die Opposition"),
    # but a noun in -er is a noun
    ("Verteidiger Max Roth sagte: „Das geht nicht.“", "Verteidiger Max Roth"),
    # a feeling first in the clause is no speaker
    ("Enttäuscht zeigte sich der Verlierer: „Wir haben schlecht gespielt.“", "der Verlierer"),
    ("Entsprechend erleichtert war der Sieger: „Wir haben verdient gewonnen.“", "der Sieger"),
    ("Ganz anders der Verlierer: „Wir haben schlecht gespielt.“", "der Verlierer"),
])
def test_fronted_datives_and_adverbs_leave_the_subject_after_the_verb(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


def test_showing_a_feeling_in_the_quote_itself_is_a_cue():
    text = "Die Ministerin zeigte sich „sehr zufrieden mit dem Ergebnis“."
    quote = only(direct(text))
    assert quote.speaker(text) == "Die Ministerin" and cue(quote, text) == "zeigte"


def test_konjunktiv_sentence_continues_reported_speech():
    text = "Müller sagte, die Lage sei ernst. Man habe keine Wahl mehr."
    first, second = indirect(text)
    assert second.text(text) == "Man habe keine Wahl mehr"
    assert second.speaker(text) == "Müller"


def test_plain_narration_has_no_quotes():
    assert extract_quotes("Das Wetter war am Sonntag schön. Viele Menschen gingen spazieren.") == []


@pytest.mark.parametrize("text, speaker", [
    ("Die Reederei wies Berichte zurück, wonach die Fähre verkauft werde.", None),
    ("Die Reederei hat Meldungen des Stadtblatts zurückgewiesen, nach denen die Fähre verkauft werde.",
     "des Stadtblatts"),  # the report's holder says it
    ("Die Reederei dementierte Gerüchte, dass die Fähre verkauft werde.", None),
    ("Die Reederei bekräftigte ihre Vorwürfe, die Stadt habe den Hafen vernachlässigt.", "Die Reederei"),
    ("Die Reederei wies darauf hin, dass die Fähre verkauft werde.", "Die Reederei"),
])
def test_what_a_speaker_rejects_is_not_what_the_speaker_says(text, speaker):
    assert only(indirect(text)).speaker(text) == speaker


def test_the_next_konjunktiv_sentence_after_a_rejected_report_is_the_speakers_answer():
    text = "Die Reederei wies Berichte zurück, wonach die Fähre verkauft werde. Es gebe dafür keine Pläne."
    assert [q.speaker(text) for q in indirect(text)] == [None, "Die Reederei"]


@pytest.mark.parametrize("text, reported, speaker", [
    ("Um 10:05 Uhr meldete die Lokalzeitung, die Fähre sei gesunken.", "die Fähre sei gesunken", "die Lokalzeitung"),
    ("Die Preise stiegen um 3,5 Prozent, sagte Lind.", "Die Preise stiegen um 3,5 Prozent", "Lind"),
])
def test_a_number_with_a_colon_or_comma_inside_is_one_word_not_a_clause_boundary(text, reported, speaker):
    quote = only(indirect(text))
    assert (quote.text(text), quote.speaker(text)) == (reported, speaker)


# --- the Quote record and robustness ---------------------------------------------------

def test_quote_is_frozen():
    quote = extract_quotes("„Ja“, sagte sie.")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        quote.start = 3


def test_quotation_marks_left_open_are_dropped_and_do_not_swallow_later_quotes():
    text = "Er rief „Halt und lief weiter.\n\n„Wir kommen wieder“, sagte der Sprecher."
    quote = only(direct(text))
    assert quote.text(text) == "„Wir kommen wieder“"


def test_megabyte_of_unbalanced_quotation_marks_gives_sane_spans():
    unit = "Er sagte „Das ist " + "sehr " * 40 + "schlimm. "  # an opening mark, never closed
    good = "„Wir bleiben“, sagte Weber. "
    text = (unit * 20 + good) * (1_000_000 // (len(unit) * 20 + len(good)) + 1)
    assert len(text) > 1_000_000
    quotes = extract_quotes(text)
    spans = quoted_spans(text)
    assert all(0 <= q.start < q.end <= len(text) for q in quotes)
    assert all(e - s <= MAX_QUOTE_CHARS + 1 for s, e in spans)
    found = [q for q in quotes if q.kind == DIRECT]
    assert found and all(q.text(text) == "„Wir bleiben“" for q in found)
    assert len(found) == text.count(good)


def test_megabyte_of_closing_marks_only():
    text = ("Viele Worte“ und noch mehr » « “ " * 40_000)[:1_000_000]
    quotes = extract_quotes(text)
    assert all(0 <= q.start < q.end <= len(text) for q in quotes)


# --- the annotated German news corpus, when it is there ---------------------------------

def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Characters in common over characters in either span."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/quotes-de is not available")
def test_direct_quotes_on_the_dev_split_stay_above_the_floor():
    tp = predicted = gold = 0
    for line in DEV.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        spans = [(q.start, q.end) for q in extract_quotes(doc["text"]) if q.kind == DIRECT]
        golds = [(min(s for s, _ in g["quote"]), max(e for _, e in g["quote"]))
                 for g in doc["quotes"] if g["type"] == "Direct" and g["quote"]]
        tp += sum(any(_overlap(p, g) >= 0.5 for p in spans) for g in golds)
        predicted, gold = predicted + len(spans), gold + len(golds)
    precision, recall = tp / predicted, tp / gold
    assert 2 * precision * recall / (precision + recall) >= 0.85


# --- sentences: segment.py splits, the extractor never splits inside a quotation ---------

def test_sentences_a_quotation_runs_across_are_merged():
    text = "»Wir fahren morgen. Heute bleiben wir.« Das sagte die Wirtin im Hof."
    quoted = quoted_spans(text)
    close = text.index("«") + 1
    assert sentence_spans(text, quoted) == [(0, close), (close + 1, len(text))]


def test_given_sentences_are_used_and_the_text_between_them_is_read_too():
    text = "Kopfzeile ohne Satzende\n\n„Wir bleiben hier“, sagte Lina Berg. Dann ging sie."
    first = text.index("„")
    given = [(first, text.index("Dann") - 1)]  # the reader set the last sentence aside
    spans = sentence_spans(text, quoted_spans(text), given)
    assert [text[s:e] for s, e in spans] == ["Kopfzeile ohne Satzende", text[first:given[0][1]], "Dann ging sie."]


def test_quotes_are_the_same_with_the_sentences_given_or_split_here():
    text = ("Die Ministerin Ada Roth sagte am Montag, der Plan sei fertig. „Wir beginnen im Mai. "
            "Alles ist bereit“, fügte sie hinzu.\nDer Rat will am Freitag abstimmen.")
    given = [(s.start, s.end) for s in split_text(text)]
    assert extract_quotes(text, given) == extract_quotes(text)
    assert [q.text(text) for q in extract_quotes(text) if q.kind == DIRECT] == ["„Wir beginnen im Mai. Alles ist bereit“"]


# --- judgements told in the writer's words ("X bezeichnete Y als Z") --------------------

def _reported(text: str) -> list[tuple[str, str | None]]:
    from builder.quotes import REPORTED
    return [(q.text(text), q.speaker(text)) for q in extract_quotes(text) if q.kind == REPORTED]


@pytest.mark.parametrize("text, speaker", [
    ("Die Kapitänin bezeichnete den neuen Fahrplan als Zumutung.", "Die Kapitänin"),
    ("Der Stadtrat bewertet den Vertrag mit der Reederei als Erfolg für den Hafen.", "Der Stadtrat"),
    ("Die Leiterin des Zoos, Petra Holm, hat den Umbau der Gehege als überfällig bezeichnet.",
     "Die Leiterin des Zoos, Petra Holm"),  # the subject before the finite auxiliary, not the nearest name
    ("Der Umbau wurde von Petra Holm als überfällig bezeichnet.", "Petra Holm"),  # a passive's agent
    ("Als Zumutung bezeichnete die Kapitänin den neuen Fahrplan.", "die Kapitänin"),
])
def test_a_judgement_in_the_writers_words_is_its_judges_statement(text, speaker):
    assert _reported(text) == [(text.rstrip("."), speaker)]


@pytest.mark.parametrize("text", [
    "Gestern hat die Kapitänin den Fahrplan als Zumutung bezeichnet.",  # the subject is not before the verb: no guess
    "Als Fähre bezeichnet man ein Schiff, das Menschen über einen Fluss bringt.",  # a definition
    "Der Verein bezeichnet sich selbst als Freundeskreis des Hafens.",  # a self-description
    "Die Kapitänin bezeichnete den Fahrplan in ihrem Brief an den Rat.",  # no "als": not a judgement
    "Die Kapitänin sagte, der Fahrplan sei eine Zumutung.",  # reported speech, not a judgement
])
def test_no_judgement_without_a_judge_who_judges_a_thing_as_something(text):
    assert _reported(text) == []


def test_a_konjunktiv_sentence_after_a_judgement_goes_on_with_its_judge():
    text = "Die Kapitänin bezeichnete den neuen Fahrplan als Zumutung. Die Fähre sei zu selten unterwegs."
    quotes = extract_quotes(text)
    assert [q.kind for q in quotes] == ["reported", INDIRECT]
    assert quotes[1].speaker(text) == "Die Kapitänin"


# --- find_frames reads as cues only the words that can be one -----------------------

CUE_SENTENCES = [
    "Der Kapitän sagte am Abend, die Fähre bleibe im Hafen.",
    "Dem Bericht zufolge fehlen im Hafen vierzig Lotsen.",
    "Laut der Reederei ist der Kai seit Montag gesperrt.",
    "„Wir warten auf besseres Wetter“, so die Hafenmeisterin.",
    "Nach Ansicht des Verbands kommt die Reform zu spät.",
    "Die Forderung der Lotsen, der Kai müsse offen bleiben, fand wenig Gehör.",
    "Die Reederei teilte am Dienstag mit, sie stelle zwei Schiffe ein.",
    "Die Hafenmeisterin zeigte sich „sehr zufrieden“ mit dem Ergebnis.",
    "Der Verband geht davon aus, dass die Preise steigen.",
    "Der Kapitän ist der Meinung, dass der Kai zu kurz ist.",
    "In einem am Montag veröffentlichten Interview warnte die Hafenmeisterin vor Streiks.",
    "Sie räumte ein, Fehler gemacht zu haben, und kündigte neue Fahrpläne an.",
]


def frames_asking_every_word(text: str, tokens, start: int) -> list:
    """The frames of a sentence when `_cue_frame` is asked of every word, not only of _CUE_WORDS."""
    from builder.quotes import _cue_frame
    frames: list = []
    for i, tok in enumerate(tokens):
        frame = _cue_frame(text, tokens, i, text[tokens[i - 1].end if i else start:tok.start], frames)
        if frame:
            frames.append(frame)
    return frames


def test_find_frames_misses_no_cue_by_asking_only_the_words_that_can_be_one():
    from builder.quotes import analyse_sentence
    texts = CUE_SENTENCES + [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    for text in texts:
        spans = quoted_spans(text)
        for start, end in sentence_spans(text, spans):
            sentence = analyse_sentence(text, start, end, spans, [s for s, _ in spans])
            assert list(sentence.frames) == frames_asking_every_word(text, list(sentence.tokens), start), \
                text[start:end]


# --- who speaks: clause structure around the quote ------------------------------------

@pytest.mark.parametrize("text, speaker", [
    ("In der kürzlich veröffentlichten Mitteilung erklärte der Kämmerer, die Kasse sei leer.", "der Kämmerer"),
    ("Mit dem gestern verkündeten Beschluss teilte die Stadt mit, die Fähre fahre seltener.", "die Stadt"),
])
def test_a_participle_between_an_article_and_its_noun_after_an_adverb_is_no_speech_verb(text, speaker):
    assert only(indirect(text)).speaker(text) == speaker


def test_a_participle_after_an_adverb_gives_no_speaker_to_the_noun_it_describes():
    text = "Mit dem neu formulierten Paragraphen soll eine Lücke geschlossen werden, „um die Bürger besser zu schützen“."
    assert all(q.speaker(text) != "Paragraphen" and cue(q, text) != "formulierten" for q in extract_quotes(text))


@pytest.mark.parametrize("text", [
    "Im Register stehen Name und Adresse, aber auch „die Zahl der Kinder im Haushalt“, was Schlüsse zulässt.",
    "Gezählt werden Bäume und „alte Hecken am Wegrand“, welche die Gemeinde pflegt.",
])
def test_a_relative_pronoun_after_a_quote_opens_a_clause_and_is_no_cue(text):
    assert all(cue(q, text) not in ("was", "welche") for q in extract_quotes(text))


@pytest.mark.parametrize("text, speaker", [
    ("Am Montag trat ein Bündnis auf, das den Neubau mit „großer Sorge“ sieht und die Verwaltung auffordert, "
     "die Pläne zu prüfen.", "ein Bündnis"),
    ("Die Ministerin sprach mit den Bauern und die Bauern forderten: „Wir brauchen Regen.“", "die Bauern"),
])
def test_a_verb_closing_a_clause_joined_to_a_relative_clause_keeps_the_relative_subject(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Während Berg erklärte, zufrieden zu sein, „mehr geht nicht“, räumte Lind ein, sie habe Zweifel.", "Berg"),
    ("„Mehr geht nicht“, räumte Lind ein, während Berg schwieg.", "Lind"),
    ("Während Berg schwieg, sagte Lind: „Mehr geht nicht.“", "Lind"),
    ("Nachdem Berg gesagt hatte, sie sei zufrieden, „mehr geht nicht“, räumte Lind ein, sie habe Zweifel.", "Berg"),
    # "seit" as a preposition opens no clause: the main clause's verb comes second
    ("Seit Jahren fordert Berg mehr Geld für Schulen, „ohne Bildung keine Zukunft“, betonte Lind.", "Lind"),
])
def test_a_quote_inside_an_opening_adverbial_clause_belongs_to_its_cue(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Berg äußerte sich nach einem Treffen mit Lind, nach dem Lind „sofortige“ Gespräche gefordert hatte.", "Lind"),
    ("Berg kam zu der Sitzung, bei der die Ministerin die Pläne als „längst überfällig“ bezeichnet hatte.",
     "die Ministerin"),
])
def test_a_clause_opened_by_a_preposition_and_a_relative_pronoun_speaks_for_itself(text, speaker):
    """In ", nach dem Lind … gefordert hatte" the pronoun is no subject: the phrase after it
    speaks the quote of its clause, not the subject of the main clause."""
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, reported", [
    ("Berg sprach am Montag vor dem Rat, nachdem Lind neue Deiche gefordert hatte.", False),
    ("Die Ministerin meldete sich zu Wort, weil die Stadt den Hafen schließen will.", False),
    ("Berg sagte, nachdem die Stadt gespart habe, sei der Hafen verfallen.", True),
])
def test_a_clause_of_time_or_cause_after_a_cue_is_no_report_without_a_konjunktiv(text, reported):
    found = indirect(text)
    assert bool(found) == reported, [text[q.start:q.end] for q in found]


@pytest.mark.parametrize("second, goes_on", [
    ("Der Verband hielt dem entgegen, dass der Hafen erst neu gebaut worden sei.", False),  # another subject
    ("Sie blieb dabei, dass der Hafen erst neu gebaut worden sei.", True),  # the speaker still
    ("Ein Ausbau wäre teuer, sodass die Stadt sparen müsse.", True),  # the sequel reports in its main clause
])
def test_a_konjunktiv_only_in_a_content_clause_goes_on_with_the_speaker_only_after_a_pronoun(second, goes_on):
    text = "Die Ministerin sagte, der Hafen sei zu klein. " + second
    later = [q for q in indirect(text) if q.end > text.index(second)]
    assert later, second
    speaker = later[-1].speaker_start
    assert (speaker is not None and text[speaker:later[-1].speaker_end] == "Die Ministerin") == goes_on


def test_a_sentence_told_by_the_writer_takes_the_speaker_its_own_quotation_names():
    text = ("Die Ministerin sagte, der Hafen sei zu klein. "
            "Der Verband hielt dem entgegen, dass der Ausbau „viel zu teuer“ sei.")
    later = [q for q in indirect(text) if q.start >= text.index("Der Verband")]
    assert [text[q.speaker_start:q.speaker_end] for q in later if q.speaker_start is not None] == ["Der Verband"]


@pytest.mark.parametrize("text, speaker", [
    ("Für die Ministerin Anna Beispiel ist die Lage am Hafen „sehr ernst“.", "die Ministerin Anna Beispiel"),
    ("Auch für die Gewerkschaft bleibt der Plan „ein teurer Irrtum“.", "die Gewerkschaft"),
    ("Für den Umbau sind „mehrere Jahre“ nötig.", None),  # a thing holds no view
    ("Die Stadt hat für die Ministerin „keine Zeit“.", None),  # not the opening "für"
])
def test_for_someone_a_thing_is_what_the_quote_says_is_their_view(text, speaker):
    found = direct(text)
    said = [text[q.speaker_start:q.speaker_end] for q in found if q.speaker_start is not None]
    assert said == ([speaker] if speaker else []), said


def test_for_someone_at_the_opening_reports_no_clause():
    text = "Für die Ministerin Anna Beispiel ist der Hafen „zu klein“, weshalb die Stadt baue."
    assert indirect(text) == []


@pytest.mark.parametrize("text, speaker", [
    ("Der Verband sieht den Umbau des Hafens als „teuren Irrweg“.", "Der Verband"),
    ("Die Partei feierte die Wahl dagegen als „großen Tag für die Stadt“.", "Die Partei"),
    ("Die Ministerin Lind hält den Plan für „unbezahlbar und gefährlich“.", "Die Ministerin Lind"),
])
def test_a_judgement_in_the_words_of_a_quotation_names_who_judges(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text", [
    "Den Fund von 1901 hielt man lange für einen „Irrtum der Natur“.",  # nobody judges
    "Die Stadt hält an ihrem „Plan B“ fest.",  # "halten an", no judgement
    "Berg sieht die Stadt vor „großen Aufgaben“.",  # no "als"
])
def test_a_judging_verb_without_a_judge_or_without_als_or_fuer_is_no_cue(text):
    assert all(q.cue_start is None for q in extract_quotes(text)), text


@pytest.mark.parametrize("text, speaker", [
    ("Berg warnte die Stadt vor den „Kosten der Eile“.", "Berg"),
    ("Die Ärztin Anna Sommer riet allgemein zu „Ruhe und Geduld“.", "Die Ärztin Anna Sommer"),
    ("Die Zeitungen hatten von der Gefahr eines „Hafenkriegs“ gesprochen.", "Die Zeitungen"),
])
def test_a_quote_in_the_phrase_a_speech_verb_speaks_of_warns_of_or_advises_is_speech(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text", [
    "Das Hafenamt warnte vor dem Mittel „Schlank Plus“.",  # a name right after its noun
    "Lind sprach zur „Eröffnung“ kurz.",  # "sprechen" speaks of with "von", not "zu"
])
def test_a_name_after_its_noun_or_a_phrase_the_verb_does_not_take_is_no_quote(text):
    assert direct(text) == [], text


@pytest.mark.parametrize("between, speaker", [
    ("Ihr älterer Bruder, Georg Lind, war seit langem eingeweiht.", "Ihr älterer Bruder, Georg Lind"),
    ("Georg Lind war seit langem eingeweiht.", "Georg Lind"),
    ("Sie war seit langem entschlossen.", "Anna Sommer"),  # a pronoun goes on with the speaker
    ("Die Entscheidung fiel am Abend.", "Anna Sommer"),  # a thing is no one who speaks
])
def test_a_quote_without_a_cue_after_a_person_named_in_a_sentence_of_the_writer_is_that_persons(between, speaker):
    text = f"„Ich gehe“, sagte Anna Sommer. {between} „Meine Schwester wünscht sich Ruhe.“"
    assert direct(text)[-1].speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Das Hafenamt verspricht „Ruhe ohne Lärm“.", "Das Hafenamt"),
    ("Berg beklagte im Streit um den Hafen eine wachsende „Kluft zwischen Hafen und Stadt“.", "Berg"),
])
def test_a_phrase_that_is_the_object_of_the_speech_verb_before_it_is_speech(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text", [
    "Die Zeitung berichtete in der Ausgabe des „Blatt am Hafen“ über den Streit.",  # a genitive: a name
    "Lind lobte die Arbeit des „Hafenamt Nord“.",  # no speech verb
])
def test_a_phrase_a_noun_governs_after_a_speech_verb_is_a_name(text):
    assert direct(text) == [], text


def test_a_von_phrase_of_a_coordinated_verb_is_no_agent_of_the_passive_naming():
    text = "Der Strom, der vom Hafen ausgeht und als „Nebelband“ bezeichnet wird, ist schwach."
    assert direct(text) == []
    named = "Der Plan wird von Berg als „Unsinn“ bezeichnet."  # an agent: Berg said it
    quote = only(direct(named))
    assert named[quote.speaker_start:quote.speaker_end] == "Berg"


@pytest.mark.parametrize("text", [
    "Berg sagte in einer Ausgabe des Magazins „rund um den alten hafen“, die Preise seien gesunken.",
    "Nach Zahlen des Senders „radio für den ganzen norden“ sinken die Preise.",
])
def test_a_lower_case_name_after_a_medium_noun_is_the_name_of_the_medium(text):
    assert direct(text) == [], text


@pytest.mark.parametrize("text", [
    "Insgesamt betrachtet die Stadtverwaltung den Ausbau als nötig, sieht jedoch Risiken bei den Kosten.",
    "Die Ministerin betonte die Bedeutung des Hafens, kündigte aber keine neuen Mittel für den Ausbau an.",
    "Der Rat bezeichnete den Plan als Fortschritt, verlangt jedoch einen neuen Zeitplan für den Bau.",
])
def test_a_further_predicate_of_the_subject_after_a_cue_is_no_reported_speech(text):
    # After a main clause, words that open with a finite verb in the indicative are the
    # subject's next predicate, in the writer's words, not what the subject said.
    predicate = text[text.index(",") + 2:]
    assert not [q for q in extract_quotes(text) if q.kind == INDIRECT and text[q.start:q.end] in predicate]


@pytest.mark.parametrize("text, reported", [
    ("Wie der Sender berichtete, wurden am Montag drei neue Kräne bestellt.", "wurden am Montag drei neue Kräne"),
    ("Der Bürgermeister sagte, sei der Vertrag erst unterzeichnet, werde sofort gebaut.", "sei der Vertrag"),
    ("Die Ministerin erklärte, gebaut werde erst im Mai des nächsten Jahres.", "gebaut werde erst im Mai"),
])
def test_reported_words_that_open_with_their_verb_stay_reported(text, reported):
    # After a cue in a fronted clause the main clause opens with its verb; a condition in
    # the Konjunktiv and a fronted participle do too: these are still reported.
    found = [text[q.start:q.end] for q in extract_quotes(text) if q.kind == INDIRECT]
    assert any(reported in words for words in found), found


@pytest.mark.parametrize("text, speaker", [
    ("Auf die Frage, ob der Deich hält, antwortete Eva Lind: „Wir hoffen es sehr.“", "Eva Lind"),
    ("Auf die Frage, ob der Deich hält, sagte Eva Lind: „Wir hoffen es.“", "Eva Lind"),
    ("Nachdem das Hafenamt getagt hatte, erklärte Anna Berg: „Die Sperre bleibt.“", "Anna Berg"),
])
def test_a_subordinate_clause_that_opens_the_sentence_leaves_the_subject_after_the_verb(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, reported", [
    ("Auf die Frage, ob der Deich hält, sagte Eva Lind, er sei sicher.", "er sei sicher"),
    ("Da die Pegel steigen, schrieb das Hafenamt, die Sperre bleibe.", "die Sperre bleibe"),
    ("Es sah so aus, als ob der Deich brechen würde, sagte Anna Berg.", "Es sah so aus, als ob der Deich brechen würde"),
])
def test_a_fronted_subordinate_clause_is_not_what_the_verb_after_it_reports(text, reported):
    quote = only(indirect(text))
    assert quote.text(text) == reported
    assert quote.speaker(text) in ("Eva Lind", "das Hafenamt", "Anna Berg")


@pytest.mark.parametrize("text, speaker", [
    ("Die Sprecherin des Hafenamts, Eva Lind, hat gefordert, „die Sperre sofort aufzuheben“.", "Eva Lind"),
    ("Anna Berg, die das Hafenamt leitet, hat am Montag erklärt, der Deich sei „sicher wie nie“.", "Anna Berg"),
    ("Der Vorsitzende, der das Amt seit Jahren führt, hatte gewarnt, die Lage sei „sehr ernst“.", "Der Vorsitzende"),
])
def test_an_auxiliary_after_an_apposition_leaves_the_subject_before_it(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


def test_a_passive_auxiliary_after_an_apposition_takes_no_subject_before_it():
    text = "Die Chefin des Hafenamts, Eva Lind, wird vom „Hafenblatt“ mit den Worten zitiert: „Wir bleiben.“"
    assert [q.text(text) for q in direct(text)] == ["„Wir bleiben.“"]


@pytest.mark.parametrize("text, speaker", [
    ("Wie „hafen online“ berichtet, ist die Lage „sehr ernst und bedrohlich für alle“.", "„hafen online“"),
    ("„Hafenblatt“ meldet, die Lage sei „sehr ernst und bedrohlich für alle“.", "„Hafenblatt“"),
    ("Laut „hafenblatt.de“ ist die Lage „sehr ernst und bedrohlich für alle“.", "„hafenblatt.de“"),
])
def test_a_medium_named_in_quotation_marks_before_a_speech_verb_or_after_laut_is_the_source(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


def test_a_quoted_phrase_before_a_verb_with_its_own_subject_is_no_source():
    text = "„Völlig unverantwortlich“ nannte die Ministerin Eva Lind den Plan des Hafenamts."
    assert all(q.speaker(text) != "„Völlig unverantwortlich“" for q in extract_quotes(text))


@pytest.mark.parametrize("text, speaker", [
    ("Einer Meldung von Radio Kiel zufolge ist die Lage „sehr ernst und bedrohlich für alle“.",
     "Einer Meldung von Radio Kiel"),
    ("Ersten Angaben vom gestrigen Montag zufolge ist die Lage „sehr ernst und bedrohlich für alle“.",
     "Ersten Angaben vom gestrigen Montag"),
    ("Angaben des Hafenamts zufolge ist die Lage „sehr ernst und bedrohlich für alle“.", "Angaben des Hafenamts"),
])
def test_the_phrase_before_zufolge_may_close_with_an_attribute_of_von(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Wie Eva Lind, Sprecherin des Hafenamts, in Kiel mitteilte, ist die Lage „sehr ernst und bedrohlich für alle“.",
     "Eva Lind, Sprecherin des Hafenamts"),
    ("Wie Anna Berg, die Chefin des Amts in Kiel, der Presse mitteilte, sei der Deich „sicher wie nie“.",
     "Anna Berg"),
])
def test_a_subordinate_clause_whose_subject_has_an_apposition_keeps_that_subject(text, speaker):
    assert only(direct(text)).speaker(text) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("In einer Videobotschaft, die am Abend gezeigt wurde, sagte Eva Lind: „Wir werden kämpfen.“", "Eva Lind"),
    ("In einem Bericht, der am Montag erschien, nannte das Hafenamt die Lage „sehr ernst“.", "das Hafenamt"),
])
def test_a_prepositional_phrase_with_its_relative_clause_opening_the_sentence_leaves_the_subject_after_the_verb(
        text, speaker):
    assert only(direct(text)).speaker(text) == speaker


def test_the_source_after_heisst_es_stands_before_the_comma():
    text = "In dem Bericht des Hafenamts, der am Montag erschien, heißt es, im Hafen sei es „sehr ruhig“."
    assert only(direct(text)).speaker(text) == "In dem Bericht des Hafenamts"


@pytest.mark.parametrize("text, source", [
    ("Aus dem Hafenamt hieß es, die Sperre bleibe „bis auf Weiteres“.", "Aus dem Hafenamt"),
    ("Im Bericht des Hafenamts heißt es, die Lage sei „sehr ernst“.", "Im Bericht des Hafenamts"),
])
def test_a_fronted_source_of_heisst_es_speaks_the_reported_words(text, source):
    assert {q.speaker(text) for q in extract_quotes(text)} == {source}


def test_a_fronted_time_of_heisst_es_is_no_source():
    text = "Am Montag hieß es, die Sperre bleibe „bis auf Weiteres“."
    assert all(q.speaker(text) != "Am Montag" for q in extract_quotes(text))


@pytest.mark.parametrize("text", [
    "Dass der Deich „ganz sicher“ hält, sagte Eva Lind am Montag.",
    "Ob der Deich „ganz sicher“ hält, wollte Eva Lind nicht sagen.",
])
def test_a_fronted_content_clause_is_what_the_verb_after_it_reports(text):
    assert only(direct(text)).speaker(text) == "Eva Lind"
