"""Tests of the people registry, its validation, speaker resolution, and the seed articles."""
from __future__ import annotations

from pathlib import Path

import pytest

from builder.config import load_languages, load_sides
from builder.people import PeopleError, load_people, resolve_mention, resolve_speakers, Context
from builder.quotes import DIRECT, extract_quotes
from tests.conftest import SPOKESMAN

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = ROOT / "content" / "people.yml"
ARTICLES = ROOT / "content" / "articles"
SIDES = load_sides(ROOT / "content" / "sides.yml", load_languages(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def people():
    """The registry of the project, with the story's sides."""
    return load_people(PEOPLE, SIDES)


def speaker_ids(text: str, people) -> list[tuple[str, str | None]]:
    """(quoted text, resolved speaker id) for every quote of a text."""
    quotes = extract_quotes(text)
    return [(q.text(text), pid) for q, pid in zip(quotes, resolve_speakers(text, quotes, people))]


def speaker_of(text: str, fragment: str, people) -> str | None:
    """The resolved speaker of the quote that contains `fragment`."""
    matches = [pid for quoted, pid in speaker_ids(text, people) if fragment in quoted]
    assert matches, f"no quote contains {fragment!r}"
    return matches[0]


# --- the registry ------------------------------------------------------------------

def test_registry_has_the_people_of_the_seeds(people):
    ids = {p.id for p in people.entries}
    assert {"pete-hegseth", "boris-pistorius", "john-healey", "sebastien-lecornu", "kaja-kallas",
            "mark-rutte", "dmitry-peskov", "volodymyr-zelensky", "donald-trump", "vladimir-putin",
            "rustem-umerov", "scott-bessent", "jd-vance", "radoslaw-sikorski", "claudia-major",
            "china-foreign-ministry", "kremlin"} <= ids


@pytest.mark.parametrize("form, pid", [
    ("Selenskyj", "volodymyr-zelensky"), ("Selenskij", "volodymyr-zelensky"),
    ("Selenskyjs", "volodymyr-zelensky"), ("Wolodimir Selenskij", "volodymyr-zelensky"),
    ("Zelensky", "volodymyr-zelensky"), ("Peskow", "dmitry-peskov"), ("Peskov", "dmitry-peskov"),
    ("Hegseths", "pete-hegseth"), ("Der Kreml", "kremlin"),
])
def test_every_variant_names_its_entry(people, form, pid):
    mentions = people.mentions(f"Gestern äußerte sich {form} dazu.")
    assert [m.person for m in mentions] == [pid]


def test_a_variant_inside_a_compound_is_no_mention(people):
    assert people.mentions("Das Trump-Lager und die Putin-Gegner stritten.") == []


def test_entries_are_well_formed(people):
    for person in people.entries:
        assert person.name in person.variants
        assert (person.gender is None) == (person.kind == "organisation")
        assert person.role.de and person.role.en


# --- validation ----------------------------------------------------------------------

BROKEN = """\
- id: Pete Hegseth
  name: Pete Hegseth
  kind: human
  variants: [Hegseth]
  gender: male
  side: america
  role: {de: Minister}
  role_nouns: Minister
- id: boris-pistorius
  name: Boris Pistorius
  kind: person
  variants: [Pistorius]
  gender: m
  side: europe
  role: {de: Minister, en: Minister}
  role_nouns: []
  party: SPD
- id: kreml
  name: Kreml
  kind: organisation
  gender: m
  side: russia
  role: {de: Kreml, en: Kremlin}
  role_nouns: []
- id: boris-pistorius-2
  name: Boris P.
  kind: person
  variants: [Pistorius]
  gender: m
  side: europe
  role: {de: Minister, en: Minister}
  role_nouns: []
"""


def test_validation_collects_every_problem_with_file_line_entry_key_and_fix(tmp_path):
    path = tmp_path / "people.yml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(PeopleError) as caught:
        load_people(path, SIDES)
    problems = caught.value.problems
    text = str(caught.value)
    for key in ("'id'", "'kind'", "'gender'", "'side'", "'role'", "'role_nouns'", "'party'", "'variants'"):
        assert key in text, key
    assert all(p.path == str(path) for p in problems)
    assert all(p.fix for p in problems)
    gender = next(p for p in problems if "'gender'" in p.message and "entry 1" in p.message)
    assert gender.line == 5  # the line of the gender key of the first entry
    assert any("'Pistorius' is also a variant of 'boris-pistorius'" in p.message for p in problems)
    assert any("entry 3" in p.message and "'variants': missing" in p.message for p in problems)


SPOKESPEOPLE = """\
- id: harbour-office
  name: Hafenamt
  kind: organisation
  variants: [Hafenamt]
  gender: null
  side: europe
  role: {de: Behörde, en: Authority}
  role_nouns: []
""" + SPOKESMAN + """\
- id: eva-lind
  name: Eva Lind
  kind: person
  variants: [Eva Lind, Lind]
  gender: f
  side: europe
  role: {de: Ministerin, en: Minister}
  role_nouns: [Ministerin]
  speaks_for: [ole-sund, harbour-authority]
"""


def test_a_spokesperson_speaks_for_organisations_of_the_registry_only(tmp_path):
    path = tmp_path / "people.yml"
    path.write_text(SPOKESPEOPLE, encoding="utf-8")
    with pytest.raises(PeopleError) as caught:
        load_people(path, SIDES)
    found = [p for p in caught.value.problems if "'speaks_for'" in p.message]
    assert len(found) == 2 and all("entry 3 (eva-lind)" in p.message and p.fix for p in found)
    assert any("'ole-sund' is a person" in p.message for p in found)
    assert any("'harbour-authority' is no entry" in p.message for p in found)
    assert found[0].line == 26  # the speaks_for line of the third entry
    path.write_text(SPOKESPEOPLE.rsplit("  speaks_for: [ole", 1)[0], encoding="utf-8")
    people = load_people(path, SIDES)
    assert people.get("ole-sund").speaks_for == ("harbour-office",) and people.get("eva-lind").speaks_for == ()


def test_validation_of_a_file_that_is_not_a_list(tmp_path):
    path = tmp_path / "people.yml"
    path.write_text("hegseth: minister\n", encoding="utf-8")
    with pytest.raises(PeopleError, match="expected a list of people"):
        load_people(path)


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "people.yml"
    path.write_text("- id: a\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(PeopleError) as caught:
        load_people(path)
    assert caught.value.problems[0].line is not None


# --- resolution ----------------------------------------------------------------------

def test_a_name_in_the_mention_resolves_directly(people):
    text = "„Wir stehen zusammen“, sagte Bundesverteidigungsminister Boris Pistorius."
    assert speaker_of(text, "zusammen", people) == "boris-pistorius"


def test_the_head_name_wins_over_a_genitive(people):
    text = "Putins Sprecher Dmitri Peskow sagte, die Gespräche würden lange dauern."
    assert speaker_of(text, "Gespräche", people) == "dmitry-peskov"


def test_an_organisation_named_after_the_mention(people):
    text = "China begrüße den Dialog, teilte das Außenministerium in Beijing mit."
    assert speaker_of(text, "China begrüße", people) == "china-foreign-ministry"


def test_a_pronoun_resolves_to_the_one_fitting_person_just_named(people):
    text = "Pistorius sprach in Brüssel. Er sagte, die Lage sei ernst."
    assert speaker_of(text, "die Lage", people) == "boris-pistorius"


def test_a_pronoun_with_two_candidates_stays_unresolved(people):
    text = "Pistorius traf Hegseth in Brüssel. Er sagte, die Lage sei ernst."
    assert speaker_of(text, "die Lage", people) is None


def test_a_pronoun_does_not_take_up_a_name_after_a_preposition(people):
    text = "Selenskyj telefonierte mit Trump. Er sagte, die Lage sei ernst."
    assert speaker_of(text, "die Lage", people) == "volodymyr-zelensky"


def test_a_pronoun_needs_the_right_gender(people):
    assert speaker_of("Kallas kam nach Brüssel. Er sagte, die Lage sei ernst.", "die Lage", people) is None
    assert speaker_of("Kallas kam nach Brüssel. Sie sagte, die Lage sei ernst.", "die Lage", people) == "kaja-kallas"


def test_a_pronoun_does_not_reach_back_further_than_the_previous_sentence(people):
    text = "Pistorius reiste ab. Das Wetter war schlecht. Er sagte, die Lage sei ernst."
    assert speaker_of(text, "die Lage", people) is None


def test_a_role_noun_resolves_when_only_one_named_person_has_that_role(people):
    text = "Hegseth traf Pistorius in Brüssel. „Wir brauchen mehr Geld“, sagte der Pentagon-Chef."
    assert speaker_of(text, "mehr Geld", people) == "pete-hegseth"


def test_a_role_noun_shared_by_two_named_people_stays_unresolved(people):
    text = "Hegseth traf Pistorius in Brüssel. „Wir brauchen mehr Geld“, sagte der Minister."
    assert speaker_of(text, "mehr Geld", people) is None


def test_a_nationality_adjective_narrows_a_role_noun(people):
    text = "Trump sprach mit Selenskyj. Der ukrainische Präsident sagte, er sei dankbar."
    assert speaker_of(text, "dankbar", people) == "volodymyr-zelensky"


def test_names_inside_quotes_are_no_antecedents(people):
    text = "„Trump hat recht“, sagte er."
    assert speaker_of(text, "recht", people) is None


def test_unknown_mentions_resolve_to_none(people):
    text = "Die Nachbarin sagte, der Lärm sei unerträglich."
    quotes = extract_quotes(text)
    assert quotes and resolve_speakers(text, quotes, people) == [None]
    assert resolve_mention(text, 0, 3, people, Context.of(text, people)).person is None


def test_quotes_given_as_dicts_are_resolved_too(people):
    text = "Rutte sagte, man müsse jetzt abwarten."
    quote = extract_quotes(text)[0]
    as_dict = {"speaker_start": quote.speaker_start, "speaker_end": quote.speaker_end}
    assert resolve_speakers(text, [as_dict], people) == ["mark-rutte"]


# --- the seed articles -----------------------------------------------------------------

SEED_QUOTES = [  # (speaker, a fragment of the quotation), verified by reading the seeds
    ("pete-hegseth", "kein Verrat"),
    ("pete-hegseth", "Die ganze Welt und die USA haben erkannt"),
    ("pete-hegseth", "Neustart für die NATO"),
    ("pete-hegseth", "Dieses illusorische Ziel zu verfolgen"),
    ("pete-hegseth", "robuste Sicherheitsgarantien enthalten"),
    ("pete-hegseth", "fähige europäische und nicht-europäische Truppen"),
    ("pete-hegseth", "Anzahlung für die Zukunft"),
    ("pete-hegseth", "überwiegenden Anteil"),
    ("pete-hegseth", "eine stärkere, tödlichere Kraft"),
    ("pete-hegseth", "Die US-Regierung werde keine Friedenstruppen"),
    ("boris-pistorius", "bedauerlich"),
    ("boris-pistorius", "besser gewesen"),
    ("boris-pistorius", "zurücklehnen und entspannen"),
    ("boris-pistorius", "im Verbund mit den Nato-Partnern"),
    ("john-healey", "an der vordersten Front der Freiheit"),
    ("john-healey", "weit über die Ukraine hinaus eine Bedrohung bleibt"),
    ("sebastien-lecornu", "dass die Erhöhung der Verteidigungsausgaben sofort"),
    ("sebastien-lecornu", "nur ein Frieden durch Stärke"),
    ("sebastien-lecornu", "Sie habe sich in der Vergangenheit als starkes Bündnis bewährt"),
    ("kaja-kallas", "vor einer Appeasementpolitik"),
    ("mark-rutte", "man müsse jetzt sehen"),
    ("mark-rutte", "Damit ein Friedensabkommen Bestand habe"),
    ("mark-rutte", "dass sich auch eine klare Übereinstimmung abzeichnet"),
    ("dmitry-peskov", "Es wird beides geben"),
    ("dmitry-peskov", "unmöglich"),
    ("dmitry-peskov", "die Erfahrung Russlands mit den Minsker Abkommen"),
    ("dmitry-peskov", "auf die eine oder andere Weise"),
    ("volodymyr-zelensky", "sein Land werde ein bilaterales Abkommen"),
    ("volodymyr-zelensky", "Gemeinsam mit den USA planen wir"),
    ("volodymyr-zelensky", "ohne die USA seien die Sicherheitsgarantien nichts wert"),
    ("donald-trump", "Ich glaube, dass diese Bemühungen"),
    ("donald-trump", "eines Tages russisch"),
    ("donald-trump", "Beide seien sich einig"),
    ("china-foreign-ministry", "einflussreiche Mächte"),
    ("china-foreign-ministry", "Dialog über eine Reihe internationaler Themen"),
    ("china-foreign-ministry", "China habe sich stets für eine Verhandlungslösung eingesetzt"),
    ("kremlin", "Putin habe seine Bereitschaft erklärt"),
]


@pytest.fixture(scope="module")
def seed_quotes(people):
    """(article, quoted text, kind, resolved speaker) for every quote of the seed articles."""
    found = []
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")  # raw, with the " date 2025-02" marker if any
        quotes = extract_quotes(text)
        for quote, pid in zip(quotes, resolve_speakers(text, quotes, people)):
            found.append((path.name, quote.text(text), quote.kind, pid))
    return found


@pytest.mark.skipif(not ARTICLES.exists(), reason="the seed articles are not in content/articles")
@pytest.mark.parametrize("speaker, fragment", SEED_QUOTES)
def test_seed_quotation_is_found_with_its_speaker(seed_quotes, speaker, fragment):
    speakers = {pid for _, quoted, _, pid in seed_quotes if fragment in quoted}
    assert speakers, f"no quotation contains {fragment!r}"
    assert speaker in speakers


@pytest.mark.skipif(not ARTICLES.exists(), reason="the seed articles are not in content/articles")
def test_seed_names_in_quotation_marks_are_not_quotes(seed_quotes):
    quoted = [q for _, q, kind, _ in seed_quotes if kind == DIRECT]
    assert quoted, "the seeds have direct quotes"
    assert not any("Truth Social" in q for q in quoted)
    assert not any("tagesschau" in q for q in quoted)


# --- sides are content ------------------------------------------------------------------

SIDES_OF_A_PORT_STORY = """\
sides:
  - id: city
    label: {de: Stadt, en: City}
    adjectives: [städtisch]
  - id: union
    label: {de: Gewerkschaft, en: Union}
    adjectives: []
"""
PORT_PEOPLE = """\
- id: karl-moor
  name: Karl Moor
  kind: person
  variants: [Karl Moor, Moor]
  gender: m
  side: city
  role: {de: Bürgermeister, en: Mayor}
  role_nouns: [Sprecher]
- id: ida-holm
  name: Ida Holm
  kind: person
  variants: [Ida Holm, Holm]
  gender: f
  side: harbour
  role: {de: Sprecherin, en: Spokeswoman}
  role_nouns: [Sprecher, Sprecherin]
"""


def test_the_sides_of_a_story_are_its_own_content(tmp_path):
    (tmp_path / "sides.yml").write_text(SIDES_OF_A_PORT_STORY, encoding="utf-8")
    (tmp_path / "people.yml").write_text(PORT_PEOPLE, encoding="utf-8")
    sides = load_sides(tmp_path / "sides.yml", load_languages(ROOT / "mkdocs.yml"))
    assert [s.id for s in sides] == ["city", "union"] and sides[0].label["en"] == "City"
    with pytest.raises(PeopleError) as caught:
        load_people(tmp_path / "people.yml", sides)
    assert "'harbour'" in str(caught.value) and "content/sides.yml" in str(caught.value)
    (tmp_path / "people.yml").write_text(PORT_PEOPLE.replace("side: harbour", "side: union"), encoding="utf-8")
    people = load_people(tmp_path / "people.yml", sides)
    text = "Moor traf Holm am Hafen. Die Fähre bleibe, sagte der städtische Sprecher."
    assert speaker_of(text, "Die Fähre", people) == "karl-moor"  # the adjective picks the city's side
    plain = "Moor traf Holm am Hafen. Die Fähre bleibe, sagte der Sprecher."
    assert speaker_of(plain, "Die Fähre", people) is None  # two people have that role


def test_a_topic_may_weigh_only_the_sides_the_story_has(tmp_path):
    from builder.config import ConfigError, load_topics
    topics = tmp_path / "topics.yml"
    topics.write_text("topics:\n  - id: hafen\n    title: {de: Hafen}\n    description: {de: Der Hafen}\n"
                      "    terms: {Hafen: 2}\n    sides: {usa: 1}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_topics(topics, load_languages(ROOT / "mkdocs.yml"), ("city", "union"))
    assert "sides.usa" in str(caught.value) and "content/sides.yml" in str(caught.value)


# --- the tagger --------------------------------------------------------------------

def fresh_tags(tokens: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The tags a new HanTa tagger gives along with its lemmas, nothing kept from before."""
    from HanTa import HanoverTagger
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    return tuple((word, tag) for word, _, tag in tagger.tag_sent(list(tokens), taglevel=1))


@pytest.mark.parametrize("sentence", [
    "Die Hafenmeisterin Liv Aaberg aus Skarnes sagte am Dienstag , der Kai bleibe offen .",
    "Nach dem Gespräch mit Aaberg kündigte die Reederei Fjordlinje neue Fahrpläne an .",
    "Aaberg , Aaberg und noch einmal Aaberg : Skarnes spricht von nichts anderem .",
])
def test_the_tags_are_the_taggers_own_whether_kept_or_new(sentence):
    """`tagged` asks HanTa for tags only and keeps each unknown word's analysis and each
    sequence's tags: the tags are the ones a fresh tagger gives."""
    from builder.people import tagged
    tokens = tuple(sentence.split())
    assert tagged(tokens) == fresh_tags(tokens)
    assert tagged(tokens) == fresh_tags(tokens)  # the sequence's tags kept
    assert tagged(tokens[:6]) == fresh_tags(tokens[:6])  # its words' analyses kept, in a new context


def test_the_variant_trie_matches_what_the_longest_first_alternation_matches():
    import re

    from builder.model import trie_alternation

    variants = ["anna", "anna berg", "annabell sommer", "berg", "berg-lind", "hafenamt", "hafenamt in bern",
                "ha", "lind", "l. berg"]
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
                       + r")(?![\w-])", re.IGNORECASE)
    trie = re.compile(rf"(?<![\w-])(?:{trie_alternation(variants)})(?![\w-])", re.IGNORECASE)
    text = ("Anna Berg sprach mit Annabell Sommer und Anna. Berg-Lind, Berglind und Lind: das Hafenamt in Bern, "
            "das Hafenamt in Berlin, HA und Ha-Ha, L. Berg, Annas Berg, anna berg-lind, ANNA BERG.")
    found = [m.group() for m in trie.finditer(text)]
    assert found == [m.group() for m in plain.finditer(text)]
    assert found[:4] == ["Anna Berg", "Annabell Sommer", "Anna", "Berg-Lind"] and "Hafenamt in Bern" in found
