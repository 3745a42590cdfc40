"""segment.py decides every sentence boundary of the builder: pysbd with repair rules."""
from __future__ import annotations

import random
import re

import pytest
from pysbd.lists_item_replacer import ListItemReplacer

from builder import pysbd_cuts
from builder.segment import _pysbd_run, _pysbd_spans, split_sentences, split_text


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


@pytest.mark.parametrize("text", [
    "Der Zug kam spät. Die Gäste warteten lange. Am Ende fuhren alle heim.",
    "Sie sagte: »Wir gehen jetzt. Morgen kommen wir wieder.« Dann ging sie. Er blieb.",
    "Er rief „Halt. Nicht weiter“ und lief los. Niemand folgte ihm. 2019 war das anders.",
    "Die Firma (gegründet in Ulm. Später in Graz) wuchs schnell. Heute hat sie 300 Leute.",
    "Gemeint sind u.a. die Bahn und die Post. Auch die USA. Dann kam noch mehr.",
    "Punkt 1. Brot kaufen. Punkt 2. Milch holen. Dann heim.",
    "Am 3. Mai kam er an. Am 9. Juni fuhr er ab. Sein Zug hieß ca. Linie 8. Er fuhr pünktlich.",
    "Die Stadt lag still. Ganz still. Er fragte: Warum? Niemand wusste es! Yahoo! Das war es.",
    "Die Leute gingen. Diese Studi. Die Mensa war zu. Der Rest kam nie.",
    'Er ging. "Nein. So nicht", sagte sie. Dann war Ruhe.',
])
def test_pysbd_given_a_text_piece_by_piece_splits_it_as_it_splits_the_whole(text):
    # pysbd_cuts: the text goes to pysbd between cuts where that changes nothing
    assert _pysbd_spans(text, 0, len(text), "de") == _pysbd_run(text, 0, len(text), len(text), "de")


def test_plain_sentences_need_no_pysbd_and_a_numbered_list_goes_whole():
    plain = "Der Zug kam spät. Die Gäste warteten lange. Am Ende fuhren alle heim."
    cuts = pysbd_cuts.cuts(plain, 0, len(plain))
    assert cuts == [plain.index("Die"), plain.index("Am")]
    assert all(pysbd_cuts.one_sentence(plain, a, b - 1) for a, b in zip([0, *cuts], cuts, strict=False))
    listed = "Schritt 1. den Deckel öffnen, Schritt 2. den Filter wechseln. Das war es."
    assert pysbd_cuts.cuts(listed, 0, len(listed)) is None


def _random_texts(count: int) -> list[tuple[str, int, int]]:
    """Short texts of the characters list items are made of, each with a range in it."""
    rng = random.Random(7)
    texts = []
    for _ in range(count):
        text = "".join(rng.choice(" .)(-⁃\n\tab1209sxA.") for _ in range(rng.randint(0, 14)))
        start = rng.randint(0, len(text))
        texts.append((text, start, rng.randint(start, len(text))))
    return texts


def test_list_items_are_found_as_pysbds_own_patterns_find_them():
    # pysbd_cuts reads numbered items only before their marks and lettered items with one
    # look-behind: the same items as pysbd's patterns, in any text and any range of it
    texts = _random_texts(20000) + [("Liste: 1. Brot, 2. Milch, a) Obst, b) Brot und c. Salz.", 0, 55)]
    pysbd_letters = (ListItemReplacer.ALPHABETICAL_LIST_WITH_PERIODS, ListItemReplacer.ALPHABETICAL_LIST_WITH_PARENS)
    for text, start, end in texts:
        for quick, pattern in pysbd_cuts._NUMBERED:
            expected = [int(n) for n in pattern.findall(text, start, end)]
            assert pysbd_cuts.list_numbers(quick, pattern, text, start, end) == expected, (text, start, end)
        for (_, ours), theirs in zip(pysbd_cuts._LETTERED, pysbd_letters, strict=True):
            assert ours.findall(text, start, end) == re.compile(theirs).findall(text, start, end), (text, start, end)
    assert pysbd_cuts.list_numbers(*pysbd_cuts._NUMBERED[0], texts[-1][0], 0, 55) == [1, 2]
