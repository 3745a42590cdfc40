"""Grouping sentences of different sources into claims."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from builder import clean
from builder.claims import _absorbed, _may_join, claim_id, group_matches, make_claim
from builder.config import load_concepts
from builder.model import Article, Metadata
from builder.people import load_people
from builder.similar import features, weights
from builder.site import speaker_names
from builder.topics import Match

CONTENT = Path(__file__).resolve().parent.parent / "content"
CONCEPTS = load_concepts(CONTENT / "concepts.yml")
NAMES = speaker_names(load_people(CONTENT / "people.yml"))


def article(article_id: str, text: str) -> Article:
    cleaned, blocks = clean.make_blocks(clean.normalise(text))
    return Article(article_id, f"{article_id}.txt", Metadata(), cleaned, blocks)


def matches(*texts: str, speaker: str | None = None) -> list[Match]:
    """One article per text; every sentence matches the topic 't' (said by `speaker`)."""
    out = []
    for n, text in enumerate(texts):
        a = article(f"a{n}", text)
        for order, (block, sentence) in enumerate(a.sentences()):
            out.append(Match("t", None, a, block, sentence, 2.0, 0.0, order, speaker))
    return out


def claims(*texts: str, speaker: str | None = None):
    return [make_claim(g) for g in group_matches(matches(*texts, speaker=speaker), CONCEPTS, names=NAMES)]


def test_same_fact_in_different_words_is_one_claim_with_both_citations():
    result = claims("Hegseth sagte, ein Nato-Beitritt der Ukraine sei unrealistisch.",
                    "Der Minister erklärte, eine NATO-Mitgliedschaft Kiews sei nicht realistisch.", speaker="pete-hegseth")
    assert len(result) == 1
    assert set(result[0].sources) == {"a0", "a1"}


def test_near_duplicates_merge_without_concepts():
    result = claims("Die Regierung werde keine Soldaten in die Region schicken, betonte der Sprecher.",
                    "Der Sprecher betonte, die Regierung werde keine Soldaten in die Region entsenden.")
    assert len(result) == 1 and len(result[0].citations) == 2


def test_different_figures_are_different_claims():
    result = claims("Die Partner sollen ihre Verteidigungsausgaben auf fünf Prozent erhöhen.",
                    "Die Partner sollen ihre Verteidigungsausgaben auf zwei Prozent erhöhen.")
    assert len(result) == 2
    assert all(len(c.citations) == 1 for c in result)


def test_a_negation_keeps_claims_apart():
    result = claims("Die Regierung will Truppen in das Land schicken, sagte der Sprecher am Montag.",
                    "Die Regierung will keine Truppen in das Land schicken, sagte der Sprecher am Montag.")
    assert len(result) == 2


def test_shared_words_but_another_fact_do_not_merge():
    result = claims("Der Kanzler traf den Präsidenten in Paris zu Gesprächen über den Handel.",
                    "Der Kanzler kritisierte den Präsidenten in Paris scharf für seine Zölle auf Autos.")
    assert len(result) == 2


def test_a_sentence_with_two_facts_is_cited_for_each():
    result = claims("Hegseth sagte, eine Nato-Mitgliedschaft der Ukraine sei nicht realistisch.",
                    "Hegseth sagte, eine Rückkehr zu den Grenzen von 2014 sei unrealistisch.",
                    "Weder die alten Grenzen noch ein Nato-Beitritt seien realistisch, das sei unrealistisch, sagte Hegseth.",
                    speaker="pete-hegseth")
    assert len(result) == 2  # two facts, not three claims
    assert all("a2" in c.sources for c in result)
    assert {frozenset(c.sources) - {"a2"} for c in result} == {frozenset({"a0"}), frozenset({"a1"})}


def test_claim_ids_depend_only_on_wording():
    assert claim_id("Ein  Satz.") == claim_id("ein satz.") != claim_id("Ein anderer Satz.")
    first = [c.id for c in claims("Der Hafen wächst.", "Die Stadt baut aus.")]
    again = [c.id for c in claims("Der Hafen wächst.", "Die Stadt baut aus.")]
    assert first == again


def test_a_claim_drops_the_articles_enumeration():
    (claim,) = claims("Zweitens: eine Rückkehr zu den alten Grenzen sei unrealistisch, sagte er.")
    assert claim.text == "Eine Rückkehr zu den alten Grenzen sei unrealistisch, sagte er."
    assert claim.citations[0].quote.startswith("Zweitens: ")


def test_the_overview_tells_one_fact_once():
    from builder.config import TopicConfig
    from builder.site import topic_page

    # The same fact, told twice with a speaker attributed differently, stays two claims;
    # the overview names it once.
    ms = matches("Die Stadt baut bis 2030 eine neue Brücke über den Kanal, sagte der Sprecher.",
                 "Eine neue Brücke über den Kanal baut die Stadt bis 2030, sagte die Bürgermeisterin.",
                 "Der Hafen soll im Sommer einen neuen Kran bekommen.",
                 "Die Schule am Markt wird im Herbst renoviert.")
    ms = [m if m.article.id != "a1" else Match(m.topic, m.section, m.article, m.block, m.sentence, m.score,
                                                 1.0, m.order, "anna-beispiel") for m in ms]
    ms[0] = Match(ms[0].topic, None, ms[0].article, ms[0].block, ms[0].sentence, 2.0, 1.0, 0, "sprecher")
    config = TopicConfig("t", {"de": "T"}, {"de": "…"}, (), (), 2.0, (), (), {})
    page = topic_page(config, ms)
    brueckes = [c for c in page.claims if "Brücke" in c.text]
    assert len(brueckes) == 2
    assert sum(1 for c in page.overview if "Brücke" in c.text) == 1


def test_the_overview_never_repeats_every_claim_of_its_topic():
    from builder.config import TopicConfig
    from builder.site import topic_page

    config = TopicConfig("t", {"de": "T"}, {"de": "…"}, (), (), 2.0, (), (), {})
    few = topic_page(config, matches("Der Hafen soll im Sommer einen neuen Kran bekommen.",
                                     "Die Schule am Markt wird im Herbst renoviert.",
                                     "Die Stadtbibliothek öffnet ab Mai auch sonntags."))
    assert len(few.claims) == 3 and len(few.overview) == 2
    more = topic_page(config, matches("Der Hafen soll im Sommer einen neuen Kran bekommen.",
                                      "Die Schule am Markt wird im Herbst renoviert.",
                                      "Die Stadtbibliothek öffnet ab Mai auch sonntags.",
                                      "Das Freibad bleibt wegen Bauarbeiten bis Juli geschlossen."))
    assert 0 < len(more.overview) < len(more.claims)
    one = topic_page(config, matches("Der Hafen soll im Sommer einen neuen Kran bekommen."))
    assert one.overview == ()


def going_on(ms: list[Match], pairs) -> list[Match]:
    """The matches with `continues` set: (later, earlier) sentence indexes of one article."""
    out = list(ms)
    for later, earlier in pairs:
        out[later] = dataclasses.replace(out[later], continues=out[earlier].sentence.start)
    return out


def test_a_sentence_that_goes_on_with_a_statement_is_shown_and_cited_with_it():
    ms = going_on(matches("Die Ministerin sagte, der Fluss sei sauberer geworden. Die Fische seien zurückgekehrt. "
                          "Der Hafen öffnet im Mai wieder.", speaker="eva"), [(1, 0)])
    ms[2] = dataclasses.replace(ms[2], speaker=None)
    result = [make_claim(g) for g in group_matches(ms)]
    assert len(result) == 2
    joined = next(c for c in result if len(c.citations) == 2)
    assert joined.continued == 1 and joined.text.startswith("Die Ministerin sagte")
    assert [c.quote for c in joined.citations][1].startswith("Die Fische")
    assert joined.id == claim_id(joined.text)  # the id stays the head sentence's


def test_a_continuation_that_other_sources_report_apart_stays_a_claim_of_its_own():
    ms = going_on(matches("Die Ministerin sagte, der Fluss sei sauberer geworden. Die Stadt baue zwei neue Klärwerke.",
                          "Die Stadt baut nach eigenen Angaben zwei neue Klärwerke am Fluss.", speaker="eva"), [(1, 0)])
    result = [make_claim(g) for g in group_matches(ms)]
    works = next(c for c in result if "Klärwerke" in c.text)
    assert set(works.sources) == {"a0", "a1"} and works.continued == 0
    assert len(result) == 2


def said_by(*pairs: tuple[str, str | None]) -> list[Match]:
    """One article per (text, speaker); every sentence matches the topic 't'."""
    out = []
    for n, (text, speaker) in enumerate(pairs):
        a = article(f"a{n}", text)
        for order, (block, sentence) in enumerate(a.sentences()):
            out.append(Match("t", None, a, block, sentence, 2.0, 0.0, order, speaker))
    return out


def test_a_claim_whose_reports_name_its_speaker_is_headed_by_one_that_does():
    found = said_by(("Ab Mai fährt die Fähre nach Nordholm jede Stunde und hält auch in Süderhafen.", None),
                    ("Ab Mai fahre die Fähre nach Nordholm jede Stunde, sagte Lind.", "eva-lind"),
                    ("Die Fähre nach Nordholm fahre ab Mai jede Stunde, sagte die Ministerin Lind.", "eva-lind"))
    (claim,) = [make_claim(g) for g in group_matches(found, CONCEPTS, names=NAMES)]
    assert claim.speaker == "eva-lind" and len(claim.citations) == 3


def cited_twice(made) -> list[tuple[str, int]]:
    """The sentences (article, start) that two of the claims cite."""
    cited = [(x.article, x.start) for c in made for x in c.citations]
    return sorted({k for k in cited if cited.count(k) > 1})


def test_a_report_that_adds_a_second_fact_is_a_claim_of_its_own_and_not_cited_twice():
    # The head is a report that names the speaker; the longer one tells of the landing stage too.
    found = said_by(("Ab Mai fahre die Fähre nach Nordholm jede Stunde, sagte Lind.", "eva-lind"),
                    ("Die Fähre nach Nordholm fahre ab Mai jede Stunde, sagte Lind.", "eva-lind"),
                    ("Ab Mai fährt die Fähre nach Nordholm jede Stunde, und die Stadt baut dafür einen neuen "
                     "Anleger mit Wartehalle, Kiosk und Stellplätzen für Fahrräder.", None))
    made = [make_claim(g) for g in group_matches(found, CONCEPTS, names=NAMES)]
    assert sorted({x.article for x in c.citations} for c in made) == [{"a0", "a1"}, {"a2"}]
    assert cited_twice(made) == []  # the landing stage's sentence is shown once, as its own claim


def test_a_report_that_adds_only_where_it_was_told_is_no_second_fact():
    # The third report says more than the head, most of it its own, but only where and to whom.
    found = said_by(("Ab Mai fahre die Fähre nach Nordholm jede Stunde, sagte Lind.", "eva-lind"),
                    ("Die Fähre nach Nordholm fahre ab Mai jede Stunde, sagte Lind.", "eva-lind"),
                    ("Ab Mai fährt die Fähre nach Nordholm jede Stunde, wie am Abend auf der Plattform des "
                     "Hafenamts an die Leser in Süderhafen zu lesen war.", None))
    (claim,) = [make_claim(g) for g in group_matches(found, CONCEPTS, names=NAMES)]
    assert {x.article for x in claim.citations} == {"a0", "a1", "a2"} and claim.speaker == "eva-lind"


def test_a_sentence_its_claims_carry_by_stems_and_compounds_is_no_claim_of_its_own():
    feats = [features(t) for t in ("Das Hafenamt lehnt den Ausbau des Fährhafens in Nordholm ab.",
                                   "Das Hafenamt lehnt den Ausbau des Fährhafens ab.",
                                   "Die Ablehnung des Fährhafen-Ausbaus in Nordholm durch das Hafenamt.",
                                   "Die Ablehnung des Fährhafen-Ausbaus durch das Hafenamt überrascht die Fischer, "
                                   "die neue Kais fordern.")]
    weight = weights(feats)
    # Both single sentences are cited for the refusal; only the first shares few exact words with its head.
    absorbed = _absorbed({0: [0, 1], 2: [2], 3: [3]}, {0: 0, 2: 2, 3: 3}, {0: {2, 3}, 2: set(), 3: set()},
                         feats, weight)
    assert absorbed == {2}  # the fishermen's demand is a fact of its own


def test_an_organisations_statement_its_spokesperson_goes_on_with_is_one_claim_in_the_persons_name():
    first, second = said_by(("Das Hafenamt hält die Sperre der Schleuse für nötig. „Die Wände der Kammer sind zu "
                             "alt“, sagte Sprecher Sund.", None))
    found = [dataclasses.replace(first, speaker="harbour-office"),
             dataclasses.replace(second, speaker="ole-sund", continues=first.sentence.start)]
    (group,) = group_matches(found)
    assert group.continuation == (found[1],)
    assert make_claim(group, {"ole-sund": frozenset({"harbour-office"})}).speaker == "ole-sund"
    assert make_claim(group, {"eva-lind": frozenset({"harbour-office"})}).speaker == "harbour-office"
    assert make_claim(group).speaker == "harbour-office"


def test_two_groups_of_one_fact_join_though_two_of_their_members_are_alike_only_a_little():
    # A long report with a detail of its own is alike a short one only a little (0.25); both
    # groups are alike on average, and every member is alike the other group on average.
    table = {(0, 3): 1.0, (0, 4): 0.9, (1, 3): 1.0, (1, 4): 0.25, (2, 3): 1.0, (2, 4): 0.8}
    sim = lambda i, j: table[min(i, j), max(i, j)]  # noqa: E731
    assert _may_join([0, 1, 2], [3, 4], sim)
    table[1, 4] = 0.0  # a pair that contradicts (another figure) keeps them apart
    assert not _may_join([0, 1, 2], [3, 4], sim)
    table.update({(1, 4): 0.3, (0, 4): 0.3, (2, 4): 0.3})  # a member alike to none of the other group
    assert not _may_join([0, 1, 2], [3, 4], sim)


def test_what_a_person_of_another_side_says_of_a_fact_is_a_claim_of_its_own():
    names = ({"eva-lind": frozenset({"eva", "lind"}), "jan-berg": frozenset({"jan", "berg"})},) * 2
    found = said_by(("Lind verkündete, Stadt und Hafen hätten sich auf einen neuen Fahrplan für die Fähre nach "
                     "Nordholm geeinigt.", "eva-lind"),
                    ("Stadt und Hafen haben sich auf einen neuen Fahrplan für die Fähre nach Nordholm geeinigt, "
                     "sagte Lind.", "eva-lind"),
                    ("Berg begrüßte, dass sich Stadt und Hafen auf Betreiben von Lind auf einen neuen Fahrplan für "
                     "die Fähre nach Nordholm geeinigt haben.", "jan-berg"))
    made = {c.speaker: {x.article for x in c.citations}
            for c in (make_claim(g) for g in group_matches(found, names=names, sides={"eva-lind": "town"}))}
    assert made == {"eva-lind": {"a0", "a1"}, "jan-berg": {"a2"}}  # Berg's welcome is his; it is not Lind's report
    one_side = {"eva-lind": "town", "jan-berg": "town"}  # a colleague telling the same position: one voice
    (claim,) = [make_claim(g) for g in group_matches(found, names=names, sides=one_side)]
    assert {x.article for x in claim.citations} == {"a0", "a1", "a2"}
