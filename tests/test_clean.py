"""Cleaning and sentence splitting, on the seeds' real quirks and on hard German cases."""
from __future__ import annotations

from pathlib import Path

import pytest

from builder import clean
from builder.model import CAPTION, CREDIT, FURNITURE, HEADING, PARAGRAPH
from builder.segment import split_sentences

ARTICLES = Path(__file__).resolve().parent.parent / "content" / "articles"


def blocks_of(name: str):
    """The cleaned text and blocks of a seed article."""
    _, body = clean.take_date_marker((ARTICLES / name).read_text(encoding="utf-8"))
    return clean.make_blocks(clean.normalise(body))


def kinds(blocks, kind):
    return [b.text for b in blocks if b.kind == kind]


def test_heading_glued_to_next_sentence_is_split_off():
    _, blocks = blocks_of("001_11b6c4ac3f0104d1.txt")
    headings = kinds(blocks, HEADING)
    assert "Ukraine-Krieg: US-Minister – Nato-Mitgliedschaft nicht realistisch" in headings
    assert "Die USA wollen sich nicht an Friedenstruppe beteiligen" in headings
    assert "Ohne US-Beteiligung könnte Friedenstruppe scheitern" in headings
    starts = [b.text.split(":")[0] for b in blocks if b.kind == PARAGRAPH]
    assert "Die Eckpfeiler dieses Plans" in starts and "Drittens" in starts


def test_sentence_glued_after_full_stop_starts_a_new_paragraph():
    _, blocks = blocks_of("001_11b6c4ac3f0104d1.txt")
    paragraph_starts = [b.text for b in blocks if b.kind == PARAGRAPH]
    assert any(s.startswith("Für Selenskyj sind die Äußerungen") for s in paragraph_starts)
    assert not any("ab.Für" in b.text for b in blocks)


def test_initials_and_domains_are_not_split():
    text, blocks = clean.make_blocks("US-Vizepräsident J.D. Vance kommt nach Kiew. Mehr auf tagesschau.de und so weiter im Text.")
    assert len(blocks) == 1


def test_furniture_credits_and_captions_are_marked_not_content():
    _, b2 = blocks_of("002_086abb1049f76cb5.txt")
    assert kinds(b2, FURNITURE) == ["Alle aktuellen Entwicklungen in unserem Ukraine-Ticker",
                                    "Weitere Informationen und Hintergründe bei tagesschau.de"]
    assert kinds(b2, CREDIT) == ["Mit Informationen von dpa, AFP und Reuters"]
    _, b3 = blocks_of("003_c21471ac2a44d535.txt")
    assert b3[0].kind == CAPTION and b3[0].text.startswith("IMAGO/Xinhua Ausgesprochen frustriert")
    for blocks in (b2, b3):
        assert all(not b.sentences for b in blocks if b.kind != PARAGRAPH)


@pytest.mark.parametrize("line, kind", [
    ("Lesen Sie auch: Was die Nato jetzt plant", FURNITURE),
    ("Mehr zum Thema im Liveblog", FURNITURE),
    ("Mit Material von dpa und AFP", CREDIT),
    ("dpa/AFP", CREDIT),
    ("picture alliance/dpa Der Kanzler bei seiner Ankunft in Paris", CAPTION),
    ("Der Kanzler bei seiner Ankunft in Paris (Foto: Reuters)", CAPTION),
    ("CDU/CSU-Fraktionschef Merz sagte am Montag, die Union stehe bereit.", PARAGRAPH),
    ("Die Lage an der Front", HEADING),
    ("Der Kanzler reiste am Montag nach Paris.", PARAGRAPH),
])
def test_line_classification_follows_general_patterns(line, kind):
    assert clean.classify(line)[0] == kind


def test_subheadings_are_recognised():
    _, b0 = blocks_of("000_61d731ec91a52a51.txt")
    assert kinds(b0, HEADING) == ["Russland eine Bedrohung weit über die Ukraine hinaus"]
    _, b4 = blocks_of("004_335f9096a975e627.txt")
    assert kinds(b4, HEADING) == ["US-Politik und NATO", "Internationale Reaktionen"]


def test_date_marker_is_taken_off():
    date, rest = clean.take_date_marker(" date 2025-02 In einem überraschenden Schritt")
    assert date == "2025-02" and rest == "In einem überraschenden Schritt"
    assert clean.take_date_marker("Am 12. Februar 2025 telefonierte")[0] is None


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.txt")))
def test_offsets_index_the_cleaned_text(name):
    text, blocks = blocks_of(name)
    for block in blocks:
        assert text[block.start:block.end] == block.text
        for s in block.sentences:
            assert text[s.start:s.end] == s.text
            assert s.text == s.text.strip() and s.text


def test_cleaning_keeps_every_content_character_in_order():
    raw = (ARTICLES / "001_11b6c4ac3f0104d1.txt").read_text(encoding="utf-8")
    text, _ = blocks_of("001_11b6c4ac3f0104d1.txt")
    squash = lambda s: "".join(s.split())
    assert squash(text) in squash(raw)


@pytest.mark.parametrize("text, expected", [
    ("Das sind z. B. drei Punkte. Danach kam mehr.", 2),
    ("Am 3. Feb. sprach er in Brüssel. Dann flog er.", 2),
    ("Am 12. Februar 2025 telefonierte Trump mit Putin. Das Gespräch dauerte lang.", 2),
    ("Polen gibt mehr als 4 % seines BIP aus. Deutschland weniger.", 2),
    ("„Ich glaube, dass diese Bemühungen zum Erfolg führen werden“, sagte Trump. Dann ging er.", 2),
    ("Er sagte: »Es wird beides geben.« Dann ging er.", 2),
    ('"Die ganze Welt will Frieden. Wir auch", sagte Hegseth.', 2),
    ("Kiew werde »auf die eine oder andere Weise« beteiligt sein. »Es wird beides geben«, sagte Peskow.", 2),
    ("Das gilt nach Artikel 5. Die USA sind nicht bereit.", 2),
    ("Er las die Zeit bzw. »Die Welt« jeden Tag. Gut.", 2),
])
def test_german_sentence_splitting(text, expected):
    sentences = split_sentences(text)
    assert len(sentences) == expected, [s.text for s in sentences]
    assert "".join(s.text for s in sentences).replace(" ", "") == text.replace(" ", "")


def test_closing_quote_stays_with_its_sentence():
    sentences = split_sentences("Er sagte: »Es wird beides geben.« Dann ging er.")
    assert sentences[0].text == "Er sagte: »Es wird beides geben.«"
    assert sentences[1].text == "Dann ging er."
