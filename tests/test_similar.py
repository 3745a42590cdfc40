"""Same fact or not: the labelled pairs of tests/data/claim_pairs.yml, written for these tests.

The thresholds of builder/similar.py were chosen on these pairs; a change of the rules
that lets one of them through the wrong way fails here. Word rarity comes from all the
sentences of the file, as it comes from all the sentences of a topic in a build.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder import similar

PAIRS = yaml.safe_load((Path(__file__).resolve().parent / "data" / "claim_pairs.yml").read_text(encoding="utf-8"))
# The speakers of the pairs, with the words that name them (left out of what they say).
NAMES = {"buergermeisterin": frozenset({"bürgermeisterin", "anna", "beispiel"}),
         "kapitaen": frozenset({"kapitän"}), "gewerkschaft": frozenset({"gewerkschaft", "sprecherin"})}


def pair_features(pair: dict) -> tuple[similar.Features, similar.Features]:
    speaker = pair.get("speaker")
    skip = NAMES.get(speaker, frozenset())
    return similar.features(pair["a"], speaker, skip=skip), similar.features(pair["b"], speaker, skip=skip)


WEIGHT = similar.weights([f for label in ("same", "different") for p in PAIRS[label] for f in pair_features(p)])


@pytest.mark.parametrize("pair", PAIRS["same"], ids=lambda p: p["kind"])
def test_one_fact_in_other_words_is_the_same_fact(pair):
    a, b = pair_features(pair)
    assert similar.same_fact(a, b, WEIGHT) and similar.same_fact(b, a, WEIGHT)


@pytest.mark.parametrize("pair", PAIRS["different"], ids=lambda p: p["kind"])
def test_other_facts_with_shared_words_are_not(pair):
    a, b = pair_features(pair)
    assert not similar.same_fact(a, b, WEIGHT) and not similar.same_fact(b, a, WEIGHT)


def test_the_pairs_cover_the_kinds_of_paraphrase():
    kinds = " ".join(p["kind"] for p in PAIRS["same"])
    for kind in ("active and passive", "direct and indirect", "compound", "numbers as words", "verb of saying"):
        assert kind in kinds
    assert len(PAIRS["same"]) >= 10 and len(PAIRS["different"]) >= 10


@pytest.mark.parametrize("word, parts", [
    ("straßenbahnlinie", ("linie", "straßenbahn", "bahn", "straße")),
    ("verhandlungsbeginn", ("beginn", "verhandlung")),
    ("gewerkschaft", ()),  # a derived word, not "Gewerk" + "Schaft"
    ("haus", ()),
])
def test_compounds_open_into_their_parts(word, parts):
    assert similar.compound_parts(word) == parts


def test_numbers_as_words_and_the_speakers_name_are_handled():
    f = similar.features("Die Bürgermeisterin sagte, die Fähre fahre in zehn Jahren.", "b", skip=frozenset({"bürgermeisterin"}))
    assert "10" in f.numbers and "bürgermeisterin" not in f.words and "fähre" in f.words


def test_a_hyphen_left_apart_from_its_word_still_joins_the_compound():
    """A link that ended before the hyphen leaves "Kita -Ausbau" in the extracted text."""
    apart = similar.features("Die Stadt verschiebt den Kita -Ausbau im Hafenviertel.")
    joined = similar.features("Die Stadt verschiebt den Kita-Ausbau im Hafenviertel.")
    assert apart.words == joined.words and "kita-ausbau" in apart.words
    dash = similar.features("Die Fähre fährt wieder - Ausbau folgt.")  # a dash between spaces stays a dash
    assert "ausbau" in dash.words


@pytest.mark.parametrize("text, denied", [
    ("Die Stadt will keine Gebühren erhöhen.", True),
    ("Die Stadt will die Gebühren nicht erhöhen.", True),
    ("Eine Erhöhung der Gebühren sei unrealistisch.", True),
    ("Die Stadt will die Gebühren erhöhen.", False),
    ("Keine Option sei es, die Gebühren zu erhöhen, und die Stadt will sie erhöhen.", False),
])
def test_a_negation_counts_only_where_it_applies_to_what_both_say(text, denied):
    other = similar.features("Die Gebühren steigen, die Stadt will sie erhöhen.")
    f = similar.features(text)
    assert similar.conflict(f, other) == denied


def test_joining_a_stray_hyphen_keeps_the_length_of_the_text():
    from builder.segment import hyphens_joined

    text = "Die EU -Kommissarin kam. Ein Satz - mit Strich."
    assert hyphens_joined(text) == "Die EU-Kommissarin  kam. Ein Satz - mit Strich."
    assert len(hyphens_joined(text)) == len(text)


def test_released_word_lists_load_again_and_give_the_same_lemmas():
    from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

    before = similar.lemma_of("Verhandlungen")
    similar.release_word_lists()
    assert similar.lemma_of.cache_info().currsize == 0
    assert DEFAULT_DICTIONARY_FACTORY._get_dictionary.cache_info().currsize == 0  # the dictionary is let go
    assert similar.lemma_of("Verhandlungen") == before


@pytest.mark.parametrize("text, joined, not_joined", [
    ("Die Ministerin lehnt das neue Angebot der Gewerkschaft ab.", "ablehnen", None),
    # a particle belongs to a verb of its own clause, not to one after a comma or "und"
    ("Die Bürgermeisterin teilte am Abend mit, sie habe ein langes Gespräch geführt.", None, "mitführen"),
    ("Er lehnte den Haushalt ab und kündigte eine Klage an.", "ankündigen", "anlehnen"),
    # an opening quotation mark after "ein" starts a quotation; "ein" ends no clause there
    ('Sie habe ein "sehr gutes" Gespräch geführt.', None, "einführen"),
    ("„Wir lehnen das ab“, sagte die Sprecherin.", "ablehnen", None),
])
def test_a_separable_particle_joins_a_verb_of_its_own_clause(text, joined, not_joined):
    words = similar.features(text).words
    if joined:
        assert joined in words
    if not_joined:
        assert not_joined not in words


def test_pronouns_and_conjunctions_say_nothing_of_the_fact():
    words = similar.features("Ich bleibe im Hafen, bevor der Sturm kommt, obwohl mir kalt ist.").words
    assert not {"ich", "mir", "bevor", "obwohl"} & words
    assert {"hafen", "sturm"} <= words


def test_a_person_named_with_other_titles_is_one_actor():
    """People's first names, titles and role nouns say who acts, not what they do: two reports
    that name one person differently still tell one fact, and the person stays in what they say."""
    names = {"anna-beispiel": frozenset({"anna", "beispiel"})}
    roles = {"anna-beispiel": frozenset({"anna", "beispiel", "oberbürgermeisterin", "stadtchefin"})}
    texts = ("Oberbürgermeisterin Anna Beispiel stoppte den Bau der Seilbahn.",
             "Die Stadtchefin Beispiel hat den Bau der Seilbahn gestoppt.")
    plain = [similar.features(t) for t in texts]
    actors = [similar.features(t, names=names, roles=roles) for t in texts]
    weight = similar.weights(plain + actors)
    assert not similar.same_fact(*plain, weight)
    assert similar.same_fact(*actors, weight)
    assert "⟨anna-beispiel⟩" in actors[0].words and not {"anna", "oberbürgermeisterin"} & actors[0].words
    spoken = similar.features(texts[0], "anna-beispiel", names=names, roles=roles)
    assert "⟨anna-beispiel⟩" not in spoken.words  # a speaker's own name says who speaks


def test_an_editors_synonyms_count_as_the_same_word():
    """Words that an editor's concept (content/concepts.yml) puts together stand in each other:
    a sentence with one form is not short of the word it says with the other."""
    from builder.model import Concept
    from builder.schema import compile_term

    soon = Concept("soon", tuple(compile_term(f) for f in ("sofortig", "umgehend")))
    texts = ("Der Stadtrat will sofortige Gespräche mit den Händlern am Markt.",
             "Der Stadtrat will umgehend Gespräche mit den Händlern am Markt.")
    plain = [similar.features(t) for t in texts]
    edited = [similar.features(t, concepts=(soon,)) for t in texts]
    weight = similar.weights(plain + edited)
    assert not similar.same_fact(*plain, weight)
    assert similar.same_fact(*edited, weight) and similar.containment(edited[0], edited[1], weight) == 1.0
    assert ("sofortig", "⟨soon⟩") in edited[0].synonyms


def test_a_sign_is_compared_as_the_word_it_stands_for():
    sign, word = similar.features("Die Mieten steigen um 4 %."), similar.features("Die Mieten steigen um vier Prozent.")
    assert "prozent" in sign.words and sign.words == word.words
    assert "euro" in similar.features("Das Ticket kostet 49 € im Monat.").words


def test_the_person_one_report_names_is_the_speaker_of_the_other():
    """"Lind fordert …" and "…, sagte Lind" speak of one person: the actor of the one is the
    speaker the other leaves out of what it says."""
    names = {"eva-lind": frozenset({"eva", "lind"})}
    roles = {"eva-lind": frozenset({"eva", "lind", "ministerin"})}
    named = similar.features("Ministerin Eva Lind fordert mehr Radwege am Hafen.", names=names, roles=roles)
    said = similar.features("Am Hafen brauche die Stadt mehr Radwege, sagte Lind.", "eva-lind",
                            skip=roles["eva-lind"], names=names, roles=roles)
    assert "⟨eva-lind⟩" in named.words and "⟨eva-lind⟩" not in said.words
    assert similar.credit("⟨eva-lind⟩", said) == 1.0
    assert similar.credit("⟨eva-lind⟩", similar.features("Am Hafen brauche die Stadt mehr Radwege.")) == 0.0


def test_what_several_sentences_carry_counts_each_word_where_it_stands_best():
    """A word counts as far as the sentence that carries it best does: one sentence has
    "Ablehnung" by its verb's stem, the other "Fährhafen" and "Ausbau" as a compound's parts."""
    a, b, c = (similar.features(t) for t in ("Die Ablehnung des Fährhafen-Ausbaus durch das Hafenamt.",
                                             "Das Hafenamt lehnt es ab.",
                                             "Der Ausbau des Fährhafens kommt."))
    weight = similar.weights([a, b, c])
    both = similar.carried(a, [b, c], weight)
    assert both > max(similar.containment(a, b, weight), similar.containment(a, c, weight))
    assert similar.carried(a, [b], weight) == similar.containment(a, b, weight)
    assert similar.carried(a, [], weight) == 0.0
