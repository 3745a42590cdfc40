"""Editorial config: languages, topics, the story, its sides and concepts, and source metadata.

Each file's entries are described with the fields of builder/schema.py, which checks them
in one place: every problem names the file, the line, the key path, what was expected and
how to fix it; all of them are collected before the build stops, so an editor fixes a
file in one pass.
"""
from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import schema, yamlsafe
from .problems import ConfigError, Problem
from .schema import SLUG, Term, compile_term  # noqa: F401 (Term and compile_term: part of this module's API)


@dataclass(frozen=True)
class Language:
    """A site language as declared for the i18n plugin in mkdocs.yml."""

    code: str
    name: str
    default: bool


@dataclass(frozen=True)
class Section:
    """A sub-theme of a topic page."""

    id: str
    title: dict
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class TopicConfig:
    """One topic page as the editors defined it."""

    id: str
    title: dict
    description: dict
    terms: tuple[Term, ...]
    require: tuple[Term, ...]
    min_score: float
    sections: tuple[Section, ...]
    priority: tuple[Term, ...]  # editorial priority for the overview (builder/overview.py)
    sides: dict  # side of the speaker (people.yml) -> weight


def _inline(pattern: re.Pattern) -> str:
    """A pattern's source with its case-insensitivity written inline, to join it with others."""
    return f"(?i:{pattern.pattern})" if pattern.flags & re.IGNORECASE else f"(?:{pattern.pattern})"


@dataclass(frozen=True)
class StoryConfig:
    """What the site is about: the actors, places and events of its story (content/story.yml)."""

    kinds: dict  # kind ("actors", "places", "events") -> tuple[Term, ...]
    min_score: float  # distinct terms of an article must weigh this much together
    min_kinds: int  # ... and come from this many kinds
    min_sentences: int  # ... in at least this many sentences

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term of the story, of every kind."""
        return tuple(t for terms in self.kinds.values() for t in terms)

    @cached_property
    def any_term(self) -> re.Pattern:
        """One pattern that finds any of the terms: most sentences of most articles have none."""
        return re.compile("|".join(_inline(t.pattern) for t in self.terms) or r"(?!)")


STORY_KINDS = ("actors", "places", "events")
STORY_FIELDS: dict[str, schema.Field] = {
    **{kind: schema.Terms(example="Oslo: 1") for kind in STORY_KINDS},
    "min_score": schema.Number(3),  # distinct terms of an article must weigh this much together
    "min_kinds": schema.Number(2, whole=True),  # ... and come from this many kinds
    "min_sentences": schema.Number(2, whole=True),  # ... in at least this many sentences
}


def load_story(path: Path, languages: tuple[Language, ...]) -> StoryConfig | None:
    """Read and validate content/story.yml (optional: without it every article is on the story)."""
    doc = schema.read(path, missing_ok=True)
    if doc is None or doc.data is None:
        return None
    checker = schema.Checker(doc, languages)
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("story"), dict):
        checker.fail((), "expected a top-level `story:` mapping",
                     "start the file with `story:` and indented `actors:`, `places:`, `events:`")
        checker.done()
    raw = checker.mapping(("story",), doc.data["story"], STORY_FIELDS, "") or {}
    kinds = {kind: raw.get(kind, ()) for kind in STORY_KINDS}
    if not any(kinds.values()):
        checker.fail(("story",), "no terms", "list the story's actors, places and events with weights, e.g. `Oslo: 1`")
    if raw.get("min_kinds", 0) > len(STORY_KINDS):
        checker.fail(("story", "min_kinds"), f"at most {len(STORY_KINDS)} kinds exist", "e.g. `min_kinds: 2`")
    checker.done()
    return StoryConfig(kinds, float(raw["min_score"]), int(raw["min_kinds"]), int(raw["min_sentences"]))


@dataclass(frozen=True)
class Concept:
    """Expressions that mean the same thing, for grouping statements into claims."""

    id: str
    forms: tuple[re.Pattern, ...]


CONCEPT_FIELDS: dict[str, schema.Field] = {
    "id": schema.Slug("fare-rise", required=True),
    "forms": schema.Patterns("[Fahrpreiserhöhung, höhere Fahrpreise]", required=True),
}


def load_concepts(path: Path) -> tuple[Concept, ...]:
    """Read content/concepts.yml (optional); ConfigError listing every problem."""
    doc = schema.read(path, missing_ok=True)
    if doc is None or doc.data is None:
        return ()
    checker = schema.Checker(doc)
    if not isinstance(doc.data, dict):
        checker.fail((), "expected a top-level `concepts:` list", "start the file with `concepts:`")
        checker.done()
    concepts: dict[int, Concept] = {}
    raws = schema.entries(checker, ("concepts",), doc.data.get("concepts"), "write one `- id: …` entry per concept")
    for i, raw in enumerate(raws):
        entry = checker.mapping(("concepts", i), raw, CONCEPT_FIELDS, "write `- id: …` with `forms: [...]`")
        if entry and entry["id"] and entry["forms"]:
            concepts[i] = Concept(entry["id"], entry["forms"])
    schema.duplicates(checker, "concept", [(("concepts", i, "id"), c.id) for i, c in concepts.items()])
    checker.done()
    return tuple(concepts.values())


def load_yaml(path: Path, missing_ok: bool = False):
    """Parse a YAML file; a ConfigError naming the line when it is broken."""
    doc = schema.read(path, missing_ok)
    return doc.data if doc is not None else None


def load_languages(mkdocs_yml: Path) -> tuple[Language, ...]:
    """The site languages, from the i18n plugin's `languages` in mkdocs.yml."""
    config = load_yaml(mkdocs_yml) or {}
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages") or []
            langs = tuple(Language(e["locale"], e.get("name", e["locale"]), bool(e.get("default")))
                          for e in entries if e.get("build", True))
            if sum(lang.default for lang in langs) == 1:
                return tuple(sorted(langs, key=lambda lang: not lang.default))
    raise ConfigError([Problem(str(mkdocs_yml), None, "no i18n plugin with exactly one default language",
                               "list the languages under plugins: - i18n: languages:, one with 'default: true'")])


def load_sources(path: Path) -> dict:
    """Metadata of `.txt` articles keyed by article id (content/sources.yml)."""
    data = load_yaml(path, missing_ok=True) or {}
    if not isinstance(data, dict) or not all(isinstance(v, dict) or v is None for v in data.values()):
        raise ConfigError([Problem(str(path), None, "expected a mapping of article id to metadata",
                                   "write `<article id>:` followed by indented `title: …` lines")])
    return data


@dataclass(frozen=True)
class Side:
    """A side of the story (content/sides.yml): its id, its name per language, and the
    adjectives that point to it in a speaker mention."""

    id: str
    label: dict  # language code -> name
    adjectives: tuple[str, ...]


SIDE_FIELDS: dict[str, schema.Field] = {
    "id": schema.Slug("city", required=True),
    "label": schema.Texts(required=True),
    "adjectives": schema.Words("[städtisch]"),  # as they begin: "städtisch" finds "städtische"
}


def load_sides(path: Path, languages: tuple[Language, ...]) -> tuple[Side, ...]:
    """Read and validate content/sides.yml; raise ConfigError listing every problem."""
    doc = schema.read(path)
    assert doc is not None
    checker = schema.Checker(doc, languages)
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("sides"), list) or not doc.data["sides"]:
        checker.fail((), "expected a top-level `sides:` list",
                     "start the file with `sides:` and one `- id: …` entry per side")
        checker.done()
    sides: dict[int, Side] = {}
    for i, raw in enumerate(doc.data["sides"]):
        entry = checker.mapping(("sides", i), raw, SIDE_FIELDS, "write `- id: …` with `label:` and `adjectives:`")
        if entry and entry["id"]:
            sides[i] = Side(entry["id"], entry["label"], tuple(a.lower() for a in entry["adjectives"]))
    schema.duplicates(checker, "side", [(("sides", i, "id"), side.id) for i, side in sides.items()])
    checker.done()
    return tuple(sides.values())


SECTION_FIELDS: dict[str, schema.Field] = {
    "id": schema.Slug("security-guarantees", required=True),
    "title": schema.Texts(required=True),
    "terms": schema.Terms(required=True),
}
TOPIC_FIELDS: dict[str, schema.Field] = {
    "id": schema.Slug("us-positions", required=True),
    "title": schema.Texts(required=True),
    "description": schema.Texts(required=True),
    "terms": schema.Terms(required=True),  # a sentence's terms must weigh min_score together
    "require": schema.Terms(),  # one of these must be in the sentence as well
    "min_score": schema.Number(2),
    "sections": schema.Entries(SECTION_FIELDS, "write `- id: …` with `title:` and `terms:`"),
    "priority": schema.Terms(),  # editorial priority for "at a glance"
    "sides": schema.SideWeights(),  # the side of the speaker (people.yml) -> weight
}


def load_topics(path: Path, languages: tuple[Language, ...], sides: tuple[str, ...] = ()) -> tuple[TopicConfig, ...]:
    """Read and validate content/topics.yml; raise ConfigError listing every problem.
    `sides` are the ids a topic may weigh (content/sides.yml)."""
    doc = schema.read(path)
    assert doc is not None
    checker = schema.Checker(doc, languages, sides)
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("topics"), list):
        checker.fail((), "expected a top-level `topics:` list",
                     "start the file with `topics:` and one `- id: …` entry per topic")
        checker.done()
    topics: dict[int, TopicConfig] = {}
    for i, raw in enumerate(doc.data["topics"]):
        entry = checker.mapping(("topics", i), raw, TOPIC_FIELDS, "write `- id: …` with indented keys")
        if entry is not None:
            sections = tuple(Section(s["id"] or "invalid", s["title"], s["terms"]) for s in entry.pop("sections"))
            topics[i] = TopicConfig(**dict(entry, id=entry["id"] or f"invalid-{i}", sections=sections))
    schema.duplicates(checker, "topic", [(("topics", i, "id"), t.id) for i, t in topics.items()])
    checker.done()
    return tuple(topics.values())


CC_BY = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
EMAIL = re.compile(r"^[^@\s<>\"'`\\]+@[^@\s<>\"'`\\]+\.[^@\s<>\"'`\\]+$")


@dataclass(frozen=True)
class Reuse:
    """Who answers for the site and on what terms its editorial text and data may be reused
    (mkdocs.yml `extra:`). None is a value the editors did not give: nothing is shown for it."""

    licence: str | None = CC_BY[0]  # the licence's name, e.g. "CC BY 4.0"
    licence_url: str | None = CC_BY[1]
    editor: str | None = None  # who publishes the pages
    contact: str | None = None  # an https:// or mailto: address
    corrections: str | None = None  # where to report an error (the contact address when not given)

    def as_dict(self) -> dict:
        """The values by name (for claims.json and the theme)."""
        return {"licence": self.licence, "licence_url": self.licence_url, "editor": self.editor,
                "contact": self.contact, "corrections": self.corrections}


def contact_address(value: str) -> str | None:
    """An e-mail address as a mailto: link, an http(s) address as it is; None for anything else."""
    value = value.strip()
    if EMAIL.match(value.removeprefix("mailto:")):
        return "mailto:" + value.removeprefix("mailto:")
    parts = urllib.parse.urlsplit(value) if not any(c in value for c in " \"'<>`\\") else None
    return value if parts and parts.scheme in ("http", "https") and parts.hostname else None


def load_reuse(mkdocs_yml: Path) -> Reuse:
    """The licence, editor, contact and corrections address from mkdocs.yml `extra:`.
    Without `licence:` the editorial text and data are CC BY 4.0; `licence: null` shows none."""
    extra = (load_yaml(mkdocs_yml) or {}).get("extra") or {}
    problems: list[Problem] = []

    def fail(key: str, message: str, fix: str) -> None:
        problems.append(Problem(str(mkdocs_yml), None, f"extra.{key}: {message}", fix))

    licence, licence_url = _licence(extra, fail) if "licence" in extra else CC_BY
    contact, corrections = (_address(extra, key, fail) for key in ("contact", "corrections"))
    editor = _text(extra, "editor", fail)
    if problems:
        raise ConfigError(problems)
    return Reuse(licence, licence_url, editor, contact, corrections or contact)


def load_site_url(mkdocs_yml: Path) -> str | None:
    """mkdocs.yml `site_url` as MkDocs reads it (`!ENV [SITE_URL, ""]` from the environment),
    ending in "/"; None when it is not set. Addresses that must work off the site (the
    feed) are made from it."""
    load_yaml(mkdocs_yml)  # a broken file is reported with its line
    value = (yamlsafe.load_with_env(mkdocs_yml.read_text(encoding="utf-8")) or {}).get("site_url")
    if not value:
        return None
    parts = urllib.parse.urlsplit(str(value))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError([Problem(str(mkdocs_yml), None, f"site_url: {value!r} is not an http(s) address",
                                   "e.g. `SITE_URL=https://example.org/ make site`, or leave it empty")])
    return str(value).rstrip("/") + "/"


def _text(extra: dict, key: str, fail) -> str | None:
    """A text of mkdocs.yml `extra:`; None when absent or empty."""
    value = extra.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        fail(key, "expected a text", f'e.g. `{key}: "Redaktion Beispiel"`, or leave it empty')
        return None
    return value.strip()


def _address(extra: dict, key: str, fail) -> str | None:
    """An e-mail (as mailto:) or http(s) address of mkdocs.yml `extra:`; None when absent."""
    value = _text(extra, key, fail)
    address = contact_address(value) if value else None
    if value and address is None:
        fail(key, f"{value!r} is neither an e-mail address nor an http(s) address",
             f"e.g. `{key}: redaktion@example.org` or `{key}: https://example.org/kontakt`")
    return address


def _licence(extra: dict, fail) -> tuple[str | None, str | None]:
    """The licence's name and address of mkdocs.yml `extra.licence` (both None: no licence)."""
    raw = extra["licence"]
    if not raw:
        return None, None
    if not (isinstance(raw, dict) and isinstance(raw.get("name"), str) and raw["name"].strip()):
        fail("licence", "expected `name:` and `url:`",
             "e.g. `licence: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}`")
        return CC_BY
    url = raw.get("url") or None
    if url is not None and not (isinstance(url, str) and (contact_address(url) or "").startswith("http")):
        fail("licence.url", f"{url!r} is not an http(s) address",
             "e.g. `url: https://creativecommons.org/licenses/by/4.0/`")
        url = None
    return raw["name"].strip(), url
