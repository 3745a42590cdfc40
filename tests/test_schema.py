"""One schema for every editorial YAML file (builder/schema.py): each problem names the
file, the line, the key path, what was expected and the fix, and a file's problems are
listed all at once. Loading the config needs no part of the quotation extractor."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from builder import schema
from builder.config import Language, load_concepts, load_sides, load_story, load_topics
from builder.glossary import load_glossary
from builder.problems import ConfigError
from builder.registry import PeopleError, load_people
from tests.conftest import ROOT

LANGUAGES = (Language("de", "Deutsch", True), Language("en", "English", False))


def problems_of(load, path: Path, text: str, *args) -> list:
    """The problems a loader reports for a file with `text`."""
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(path, *args)
    assert all(p.path == str(path) and p.fix for p in caught.value.problems)
    return caught.value.problems


def at(problems: list, words: str):
    """The line of the one problem whose message has `words`."""
    found = [p for p in problems if words in p.message]
    assert len(found) == 1, [str(p) for p in problems]
    return found[0].line


TOPICS = """\
topics:
  - id: Tram Streik
    title: {de: Der Streik, it: Lo sciopero}
    description: {de: Worum es geht}
    terms: {Streik: viel}
    sections:
      - id: fahrplan
        title: {de: Fahrplan}
    sides: {depot: 1}
    farbe: rot
  - id: lohn
    title: {de: Lohn}
    description: {de: Der Lohn}
    terms: {"re:(Lohn": 1}
    min_score: 0
  - id: lohn
    title: {de: Lohn}
    description: {de: Der Lohn}
    terms: {Lohn: 1}
"""


def test_every_problem_of_topics_yml_has_its_line_and_key_path(tmp_path):
    found = problems_of(load_topics, tmp_path / "topics.yml", TOPICS, LANGUAGES, ("stadt", "gewerkschaft"))
    assert at(found, "topics[0].id: expected a lower-case id") == 2
    assert at(found, "topics[0].title.it: not a site language") == 3
    assert at(found, "topics[0].terms.Streik: weight must be a number") == 5
    assert at(found, "topics[0].sections[0].terms: missing") == 7
    assert at(found, "topics[0].sides.depot: expected a side of content/sides.yml (stadt, gewerkschaft)") == 9
    assert at(found, "topics[0].farbe: unknown key") == 10
    assert at(found, "topics[1].terms.re:(Lohn: invalid pattern") == 14
    assert at(found, "topics[1].min_score: expected a number above 0") == 15
    assert at(found, "topics[2].id: topic id 'lohn' is used twice") == 16
    assert len(found) == 9


def test_sides_concepts_and_story_name_the_line_too(tmp_path):
    sides = "sides:\n  - id: stadt\n    label: {de: Stadt}\n  - id: stadt\n    label: {en: Town}\n"
    found = problems_of(load_sides, tmp_path / "sides.yml", sides, LANGUAGES)
    assert at(found, "sides[1].label: expected a text per language with at least `de:`") == 5
    assert at(found, "side id 'stadt' is used twice") == 4
    concepts = "concepts:\n  - id: streik\n    forms: [Ausstand]\n  - id: Lohn Plus\n    forms: ['re:(mehr']\n"
    found = problems_of(load_concepts, tmp_path / "concepts.yml", concepts)
    assert at(found, "concepts[1].id: expected a lower-case id") == 4
    assert at(found, "concepts[1].forms: 're:(mehr' is not a valid pattern") == 5
    story = "story:\n  actors: {Depot: 1}\n  orte: {Altstadt: 1}\n  min_kinds: 9\n"
    found = problems_of(load_story, tmp_path / "story.yml", story, LANGUAGES)
    assert at(found, "story.orte: unknown key") == 3
    assert at(found, "story.min_kinds: at most 3 kinds exist") == 4


def test_people_and_glossary_name_the_line_of_the_entry_and_key(tmp_path):
    sides = tmp_path / "sides.yml"
    sides.write_text("sides:\n  - id: stadt\n    label: {de: Stadt}\n", encoding="utf-8")
    people = ("- id: ada-kern\n  name: Ada Kern\n  kind: person\n  variants: [Kern]\n  gender: f\n"
              "  side: depot\n  role: {de: Fahrerin, en: driver}\n  role_nouns: []\n")
    with pytest.raises(PeopleError) as caught:
        load_people(_written(tmp_path / "people.yml", people), load_sides(sides, LANGUAGES))
    (problem,) = caught.value.problems
    assert problem.line == 6 and "entry 1 (ada-kern), key 'side'" in problem.message and "stadt" in problem.message
    glossary = "terms:\n- de: Ausstand\n  en: walkout\n- en: fare\n"
    found = problems_of(load_glossary, tmp_path / "glossary.yml", glossary, "en")
    assert at(found, "terms[1]: expected a `de:` text") == 4


def _written(path: Path, text: str) -> Path:
    """The path, after writing text to it."""
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_and_broken_yaml_are_named(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        schema.read(tmp_path / "fehlt.yml")
    with pytest.raises(ConfigError) as caught:
        schema.read(_written(tmp_path / "kaputt.yml", "terms:\n- de: Depot\n  en: [offen\n"))
    (problem,) = caught.value.problems
    assert problem.line is not None and problem.line >= 3 and "invalid YAML" in problem.message


def test_lines_are_found_for_nested_keys_and_list_items(tmp_path):
    doc = schema.read(_written(tmp_path / "x.yml", "a:\n  b:\n    - 1\n    - {c: 2}\n"))
    assert doc is not None and doc.data == {"a": {"b": [1, {"c": 2}]}}
    keys = (("a",), ("a", "b"), ("a", "b", 1), ("a", "b", 1, "c"), ("a", "zz"))
    assert [doc.line(k) for k in keys] == [1, 2, 4, 4, 1]
    assert schema.key_path(("topics", 2, "sections", 0, "title")) == "topics[2].sections[0].title"


def test_loading_the_config_does_not_import_the_quote_extractor():
    code = ("import sys, builder.config, builder.registry, builder.glossary, builder.schema; "
            "print('builder.quotes' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_storys_strings_are_ui_keys_with_a_text_per_language(tmp_path):
    from builder.config import STORY, load_strings

    site = tmp_path / "strings.yml"
    site.write_text('_language: de\nsite_title: "Allgemein"\nhome_intro: "Einleitung"\n', encoding="utf-8")
    story = tmp_path / "story-strings.yml"
    story.write_text('site_title: {de: "Der Streik, erklärt", en: "The strike, explained"}\n', encoding="utf-8")
    strings = load_strings(site, story, LANGUAGES)
    assert strings["site_title"] == "Der Streik, erklärt" and strings["home_intro"] == "Einleitung"
    assert strings[STORY] == {"site_title": {"de": "Der Streik, erklärt", "en": "The strike, explained"}}
    story.write_text('site_title: "Der Streik"\nhome_intro:\n  en: "Only English"\n  fr: "Français"\n'
                     'site_name: {de: "Streik"}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_strings(site, story, LANGUAGES)
    found = [(p.line, p.message.split(":")[0]) for p in caught.value.problems]
    assert found == [(5, "site_name"), (2, "home_intro"), (1, "site_title")]
    assert "not a UI string of" in str(caught.value) and "expected a text per language with at least `de:`" \
        in str(caught.value)


def test_the_model_imports_no_other_module_of_the_builder():
    # Every stage imports builder/model.py, and the caches are keyed by what a stage imports.
    code = "import sys, builder.model; print(sorted(m for m in sys.modules if m.startswith('builder.')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['builder.model']"
    from builder.cache import code_closure
    assert code_closure("model.py") == ("model.py",)


@pytest.mark.parametrize("load, text, words", [
    (load_sides, "sides: []\n", "expected a top-level `sides:` list"),  # a story has at least one side
    (load_sides, "- id: stadt\n", "expected a top-level `sides:` list"),
    (load_topics, "topics: 3\n", "expected a top-level `topics:` list"),
    (load_topics, "themen: []\n", "expected a top-level `topics:` list"),
])
def test_a_file_without_its_top_level_list_says_so_with_the_fix(tmp_path, load, text, words):
    (problem,) = problems_of(load, tmp_path / "x.yml", text, LANGUAGES)
    assert words in problem.message and "start the file with" in problem.fix


def test_an_empty_topics_list_is_no_problem(tmp_path):
    (tmp_path / "topics.yml").write_text("topics: []\n", encoding="utf-8")
    assert load_topics(tmp_path / "topics.yml", LANGUAGES) == ()
