"""Topic matching: which sentences a topic page takes, on sentences written for these tests."""
from __future__ import annotations

from builder import clean
from builder.config import Term, TopicConfig, compile_term
from builder.model import Article, Metadata
from builder.topics import match_article


def article(text: str) -> Article:
    cleaned, blocks = clean.make_blocks(clean.normalise(text))
    return Article("a", "a.txt", Metadata(), cleaned, blocks)


def terms(**weights):
    return tuple(Term(k, compile_term(k), v) for k, v in weights.items())


def test_a_topic_requirement_is_met_by_a_speaker_of_a_side_it_weighs():
    topic = TopicConfig("city-hall", {"de": "Rathaus"}, {"de": "…"}, terms(Tram=2), terms(Stadt=1), 2.0, (), (),
                        {"council": 1.0})
    a = article("Die Tram fährt ab Montag seltener, sagte die Sprecherin.")
    start = next(s.start for _, s in a.sentences())
    assert match_article(a, (topic,)) == []  # no required term in the sentence
    found = match_article(a, (topic,), speakers={start: "sprecherin"}, sides={"sprecherin": "council"})
    assert [m.sentence.start for m in found] == [start]
    other = match_article(a, (topic,), speakers={start: "gast"}, sides={"gast": "visitors"})
    assert other == []
