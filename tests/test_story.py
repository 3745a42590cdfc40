"""What belongs to the story: articles and paragraphs off it stay off the pages.

The story of these tests is invented (a tram strike in a city), and so are its articles;
the last test builds the real seed project with an off-story article beside it.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from builder import clean, config
from builder.build import Project, build
from builder.model import Article, Metadata
from builder.problems import ConfigError
from builder.story import relevance

LANGUAGES = (config.Language("de", "Deutsch", True), config.Language("en", "English", False))

TRAM_STORY = """
story:
  min_score: 4
  min_kinds: 2
  min_sentences: 2
  actors: {Verkehrsbetriebe: 1.5, Gewerkschaft: 1, Bürgermeisterin: 1}
  places: {Hafenstadt: 2, Straßenbahn: 1}
  events: {Streik: 2, Tarifverhandlung: 1.5, Warnstreik: 1.5}
"""

ON_STORY = """Der Streik bei den Verkehrsbetrieben in Hafenstadt geht in den dritten Tag.

Die Gewerkschaft fordert mehr Lohn. Sie will erst nach neuen Tarifverhandlungen wieder fahren.

Die Bürgermeisterin rief beide Seiten zu einer Einigung auf. Sie sei zuversichtlich, sagte sie.

Am Wochenende spielt der Fußballclub der Stadt gegen den Tabellenführer. Das Stadion ist ausverkauft."""

NAME_ONLY = """Die Bürgermeisterin hat das neue Schwimmbad eröffnet. Es kostete zwölf Millionen Euro.

Die Bürgermeisterin lobte die Architekten. Im Sommer soll ein Freibad folgen."""

OTHER_SUBJECT = """Der Fußballclub der Stadt hat am Samstag gegen den Tabellenführer gewonnen.

Das Stadion war ausverkauft. Der Trainer lobte die Abwehr."""


def story(tmp_path: Path, text: str = TRAM_STORY):
    """A story config from YAML written by the test."""
    path = tmp_path / "story.yml"
    path.write_text(text, encoding="utf-8")
    return config.load_story(path, LANGUAGES)


def article(text: str) -> Article:
    """An article of the given text, cleaned as the builder cleans it."""
    cleaned, blocks = clean.make_blocks(clean.normalise(text))
    return Article("a", "a.txt", Metadata(), cleaned, blocks)


def sentence_texts(a: Article, starts) -> list[str]:
    return [s.text for _, s in a.sentences() if s.start in starts]


def test_an_article_on_the_story_keeps_its_paragraphs_on_the_story(tmp_path):
    a = article(ON_STORY)
    judged = relevance(a, story(tmp_path))
    assert judged.on_story and not judged.reason
    kept = sentence_texts(a, judged.sentences)
    assert "Sie will erst nach neuen Tarifverhandlungen wieder fahren." in kept
    assert "Sie sei zuversichtlich, sagte sie." in kept  # a paragraph's statement runs on
    assert not any("Stadion" in s or "Fußballclub" in s for s in kept)  # a paragraph on another subject


def test_a_name_alone_is_not_the_story(tmp_path):
    judged = relevance(article(NAME_ONLY), story(tmp_path))
    assert not judged.on_story and judged.sentences == frozenset()
    assert "names no places, events" in judged.reason and "Bürgermeisterin" in judged.reason


def test_an_article_on_another_subject_is_not_on_the_story(tmp_path):
    judged = relevance(article(OTHER_SUBJECT), story(tmp_path))
    assert not judged.on_story and "none of its terms" in judged.reason


def test_a_passing_mention_is_not_enough(tmp_path):
    text = ("Der Streik der Verkehrsbetriebe in Hafenstadt war kurz. Danach eröffnete das Schwimmbad.\n\n"
            "Das Wasser ist warm. Die Preise sind gleich geblieben. Am Montag ist Ruhetag.")
    judged = relevance(article(text), story(tmp_path))
    assert not judged.on_story and "1 sentence(s) only" in judged.reason


def test_a_paragraph_that_introduces_a_quote_stays_with_it(tmp_path):
    text = (ON_STORY + "\n\nAm Abend veröffentlichte die Stadt eine Erklärung, in der es heißt:\n\n"
            "„Der Streik muss enden.“")
    a = article(text)
    kept = sentence_texts(a, relevance(a, story(tmp_path)).sentences)
    assert "Am Abend veröffentlichte die Stadt eine Erklärung, in der es heißt:" in kept


def test_without_a_story_every_sentence_counts():
    a = article(OTHER_SUBJECT)
    judged = relevance(a, None)
    assert judged.on_story and len(judged.sentences) == 3


@pytest.mark.parametrize("yaml_text, message", [
    ("story: [Streik]", "expected a top-level `story:` mapping"),
    ("story: {actors: {Streik: eins}}", "weight must be a number"),
    ("story: {actors: {Streik: 1}, min_kinds: 1.5}", "expected a whole number above 0"),
    ("story: {actors: {Streik: 1}, min_kinds: 4}", "at most 3 kinds exist"),
    ("story: {actors: {Streik: 1}, min_score: -1}", "expected a number above 0"),
    ("story: {actors: {'re:(Streik': 1}}", "invalid pattern"),
    ("story: {akteure: {Streik: 1}}", "unknown key"),
    ("story: {min_score: 3}", "no terms"),
])
def test_story_config_errors_name_the_key_and_the_fix(tmp_path, yaml_text, message):
    with pytest.raises(ConfigError) as caught:
        story(tmp_path, yaml_text)
    text = str(caught.value)
    assert message in text and "story.yml" in text and "fix:" in text


def test_the_project_story_config_is_valid():
    root = Path(__file__).resolve().parent.parent
    found = config.load_story(root / "content" / "story.yml", config.load_languages(root / "mkdocs.yml"))
    assert found is not None and all(found.kinds.values())


def test_an_off_story_article_is_listed_with_its_reason_and_never_cited(project):
    off = ("Der Fußballclub der Stadt hat am Samstag das Derby gegen den Nachbarn gewonnen. Der Trainer lobte "
           "die Abwehr, die keine Chance zuließ.\n\nIm Stadion feierten die Fans bis in die Nacht. Das nächste "
           "Spiel ist am Mittwoch in der Hauptstadt, wo der Club zuletzt vor Gericht verhandeln musste.\n\n"
           "„Das war ein verdienter Sieg der ganzen Mannschaft“, sagte Boris Pistorius nach dem Spiel auf der "
           "Tribüne.")
    root = project(seeds=True, articles={"fussball_derby.txt": off})
    out = io.StringIO()
    build(Project(root), run_mkdocs=False, out=out)
    log = out.getvalue()
    assert "content/articles/fussball_derby.txt: warning: not about the story, not used:" in log
    data = json.loads((root / "build" / "docs" / "data" / "claims.json").read_text(encoding="utf-8"))
    assert "fussball_derby" in data["off_story"] and "fussball_derby" in data["unused_articles"]
    cited = {c["article"] for t in data["topics"] for claim in t["claims"] for c in claim["citations"]}
    assert "fussball_derby" not in cited
    assert len(cited) == 5  # the seeds are all still used
    page = (root / "build" / "docs" / "sources" / "fussball_derby.md").read_text(encoding="utf-8")
    assert "nicht zum Thema dieser Seiten" in page
    # its quotations are not looked for: no person page lists what a minister said at a match
    assert "fussball_derby" not in {q["article"] for q in data["quotes"]}
    assert {q["article"] for q in data["quotes"]}  # the seeds' quotations are there
    person = (root / "build" / "docs" / "people" / "boris-pistorius.md").read_text(encoding="utf-8")
    assert "verdienter Sieg" not in person and "fussball_derby" not in person



@pytest.mark.parametrize("text", [
    "Die Verkehrsbetriebe verhandeln.",  # a term at the start of the text
    "Der STREIK geht weiter.",  # in capitals
    "Die Streikenden bleiben.",  # a word the term begins
    "Der Nicht-Streik blieb aus.",  # after a hyphen: not a word start of its own
    "Ein Generalstreik droht.",  # inside a word: not the term
    "Linie 7 fährt wieder.",  # only the regular expression's term
    "Nichts davon.",
])
def test_the_one_pattern_for_any_term_finds_what_the_terms_find(tmp_path, text):
    found = story(tmp_path, TRAM_STORY.replace("Warnstreik: 1.5}", 'Warnstreik: 1.5, "re:Linie \\\\d+": 1}'))
    assert any(t.label.startswith("re:") for t in found.terms)
    assert bool(found.any_term.search(text)) == any(t.pattern.search(text) for t in found.terms)
