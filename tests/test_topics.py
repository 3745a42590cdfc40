"""Topic matching: which sentences a topic page takes, on sentences written for these tests."""
from __future__ import annotations

from builder import clean
from builder.config import Term, TopicConfig, compile_term
from builder.model import Article, Metadata, any_of
from builder.topics import match_article, term_score


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


def test_the_occasion_a_sentence_opens_with_weighs_little_for_its_topic():
    strike = TopicConfig("strike", {"de": "Streik"}, {"de": "…"}, terms(Streik=2, Busfahrer=1), (), 2.0, (), (), {})
    schools = TopicConfig("schools", {"de": "Schulen"}, {"de": "…"}, terms(Schulbus=2, Eltern=1), (), 2.0, (), (), {})
    opening = article("Nach dem Streik der Busfahrer haben die Eltern mehr Schulbusse gefordert.")
    scores = {m.topic: m.score for m in match_article(opening, (strike, schools))}
    assert scores["schools"] == 3.0  # "Eltern" and "Schulbusse": what the sentence says
    assert "strike" not in scores  # 3 × 0.25: the strike is only when it happened
    # The same words as what the sentence says (not its occasion) count in full.
    subject = article("Die Eltern sprachen über den Streik der Busfahrer.")
    assert {m.topic: m.score for m in match_article(subject, (strike, schools))} == {"strike": 3.0}


def test_an_opening_phrase_without_a_verb_after_it_is_read_whole():
    strike = TopicConfig("strike", {"de": "Streik"}, {"de": "…"}, terms(Streik=2, Busfahrer=1), (), 2.0, (), (), {})
    # "Nach Angaben der …" names a source, not an occasion: no article after the preposition.
    source = article("Nach Angaben der Busfahrer dauert der Streik an.")
    assert [m.score for m in match_article(source, (strike,))] == [3.0]
    # A comma inside the phrase (a relative clause) leaves the sentence as it is.
    relative = article("Nach dem Streik, den die Busfahrer begannen, fuhren die Bahnen wieder.")
    assert [m.score for m in match_article(relative, (strike,))] == [3.0]


def test_a_sentence_that_goes_on_with_a_statement_of_an_earlier_paragraph_shares_its_topic():
    harbour = TopicConfig("harbour", {"de": "Hafen"}, {"de": "…"}, terms(Schleuse=2, Hafen=1), (), 2.0, (), (),
                          {"council": 1.5})
    a = article("Die Ministerin sagte, der Hafen brauche eine neue Schleuse.\n\nDas dauere aber noch Jahre.\n")
    first, second = (s.start for _, s in a.sentences())
    said = {first: "lind", second: "lind"}
    alone = match_article(a, (harbour,), speakers=said, sides={"lind": "council"})
    assert [m.sentence.start for m in alone] == [first]  # the side alone (1.5) is not enough
    going_on = match_article(a, (harbour,), speakers=said, sides={"lind": "council"}, continuing={second: first})
    assert [(m.sentence.start, m.continues) for m in going_on] == [(first, None), (second, first)]


def test_a_sentence_that_goes_on_with_a_statement_on_the_story_is_on_the_story_too():
    harbour = TopicConfig("harbour", {"de": "Hafen"}, {"de": "…"}, terms(Schleuse=2, Hafen=1), (), 2.0, (), (),
                          {"council": 1.5})
    a = article("Die Ministerin sagte, der Hafen brauche eine neue Schleuse. Das dauere aber noch Jahre.\n")
    first, second = (s.start for _, s in a.sentences())
    said, sides = {first: "lind", second: "lind"}, {"lind": "council"}
    story = frozenset({first})  # the second sentence names nothing of the story on its own
    assert [m.sentence.start for m in match_article(a, (harbour,), said, sides, story)] == [first]
    going_on = match_article(a, (harbour,), said, sides, story, continuing={second: first})
    assert [m.sentence.start for m in going_on] == [first, second]


def test_one_search_for_all_terms_finds_a_text_exactly_when_one_of_them_does():
    # topics.term_score asks model.any_of first: it must find what the terms find, one by one
    found = terms(**{"Hafen": 2, "Fähre": 1, "re:\\bDeich(?:e|en)?\\b": 3, "re:(?i)nordmole": 1, "Lind": 1})
    texts = ["Der Hafenmeister kam.", "Die FÄHREN fuhren.", "Am Deichen stand sie.", "Die Deichgraf-Wahl.",
             "Der Schiffshafen lag still.", "Die Nordmole brach.", "Eva Lindqvist sprach.", "Nichts davon.",
             "Ein Wort-Hafen.", "Der Deich hielt."]
    joined = any_of(found)
    plain = tuple(t for t in found if "(?i)" not in t.label)
    assert joined is None  # "(?i)" inside a term cannot stand in a joined group: the terms are tried one by one
    assert any_of(plain) is not None
    for text in texts:
        assert bool(any_of(plain).search(text)) == any(t.pattern.search(text) for t in plain), text
        assert term_score(text, found) == sum(t.weight for t in found if t.pattern.search(text)), text


def test_terms_that_cannot_be_joined_exactly_are_tried_one_by_one():
    grouped = terms(**{"re:(Ost|West)mole": 1, "Hafen": 1})
    assert any_of(grouped) is None  # a capture group would change its number
    assert term_score("Die Westmole und der Hafen.", grouped) == 2
    assert term_score("Nichts davon.", grouped) == 0
