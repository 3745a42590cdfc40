"""segment.py decides every sentence boundary of the builder: pysbd with repair rules."""
from __future__ import annotations

import pytest

from builder.segment import split_sentences, split_text


@pytest.mark.parametrize("text, expected", [
    # pysbd takes "vom 4. auf den 5." for a numbered list: pieces without a stop go on
    ("In der Nacht vom 4. auf den 5. März schlief niemand im Dorf. Am Morgen regnete es.",
     ["In der Nacht vom 4. auf den 5. März schlief niemand im Dorf.", "Am Morgen regnete es."]),
    # a piece that starts with a comma goes on with the abbreviation before it
    ("Zu den Käufern zählen Nordwerk Co., Südbau Corp. und weitere Firmen. Der Preis blieb geheim.",
     ["Zu den Käufern zählen Nordwerk Co., Südbau Corp. und weitere Firmen.", "Der Preis blieb geheim."]),
    # a number after an abbreviation belongs to it
    ("Es gilt Abs. 3 der Satzung. Niemand widersprach.", ["Es gilt Abs. 3 der Satzung.", "Niemand widersprach."]),
    # an initial ends no sentence
    ("Am Mikrofon stand T. Lindqvist aus Oslo. Sie sprach lange.",
     ["Am Mikrofon stand T. Lindqvist aus Oslo.", "Sie sprach lange."]),
    # a number before a word that opens sentences ends one; an ordinal before a month does not
    ("Die Fähre hieß Linie 14. Sie fuhr stündlich.", ["Die Fähre hieß Linie 14.", "Sie fuhr stündlich."]),
    ("Am 7. Mai kam er an.", ["Am 7. Mai kam er an."]),
    # a stop glued to the next sentence's first word
    ("Das Treffen endete früh.Danach fuhren alle heim.", ["Das Treffen endete früh.", "Danach fuhren alle heim."]),
    # after a closing quotation mark or bracket behind a stop, and before a bracketed sentence
    ("»Wir bleiben!« 200 Leute jubelten.", ["»Wir bleiben!«", "200 Leute jubelten."]),
    ("Der Zug kam. (Er war leer.) Dann fuhr er weiter.", ["Der Zug kam.", "(Er war leer.)", "Dann fuhr er weiter."]),
    # "Lehrerin." is a word, not an abbreviation: the quotation after it is a new sentence
    ("Sie war eine stolze Lehrerin. »Ich gehe jetzt«, sagte sie.",
     ["Sie war eine stolze Lehrerin.", "»Ich gehe jetzt«, sagte sie."]),
])
def test_boundaries_pysbd_gets_wrong_are_repaired(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_a_line_break_ends_a_sentence_and_offsets_index_the_whole_text():
    text = "Ein Titel ohne Punkt\n\nEr kam spät. Sie ging früh.\nNoch ein Satz"
    sentences = split_text(text, offset=10)
    assert [s.text for s in sentences] == ["Ein Titel ohne Punkt", "Er kam spät.", "Sie ging früh.", "Noch ein Satz"]
    assert all(text[s.start - 10:s.end - 10] == s.text for s in sentences)
