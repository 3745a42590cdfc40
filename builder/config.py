"""Editorial config: topics, the story, its sides, concepts and own UI texts, source metadata,
and the builder's part of mkdocs.yml (languages, reuse terms, site_url).

Each file's entries are described with the fields of builder/schema.py, which checks them
in one place: every problem names the file, the line, the key path, what was expected and
how to fix it; all of them are collected before the build stops, so an editor fixes a
file in one pass. The classes the config is read into (Language, TopicConfig, StoryConfig,
Side, Reuse, SiteConfig, …) are in builder/model.py; this module passes them on.
"""
from __future__ import annotations

import urllib.parse
from pathlib import Path

from . import schema, yamlsafe
from .model import (CC_BY, Concept, Language, Reuse, Section, Side, SiteConfig, StoryConfig,  # noqa: F401
                    Term, TopicConfig)  # (the config's classes, in model.py: part of this module's API)
from .problems import ConfigError, Problem
from .schema import SLUG, compile_term  # noqa: F401 (compile_term: part of this module's API)

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


STORY = "_story"  # the key of the story's own texts among the UI strings: {key: {language: text}}


def load_strings(site_strings: Path, story_strings: Path, languages: tuple[Language, ...]) -> dict:
    """The UI strings of site_src/strings.yml with the story's own words over them
    (content/strings.yml, optional: the site's title and the home page's introduction are
    the story's, not the generator's). There each key is one of site_src's, with a text per
    language, like the titles of topics.yml; they are kept under `STORY`, and the default
    language's text stands in for the generator's. A language the story leaves out goes
    through the translation memory like any UI string."""
    strings = dict(load_yaml(site_strings) or {})
    doc = schema.read(story_strings, missing_ok=True)
    if doc is None or doc.data is None:
        return {**strings, STORY: {}}
    checker = schema.Checker(doc, languages)
    if not isinstance(doc.data, dict):
        checker.fail((), "expected a mapping of UI string key: a text per language",
                     'e.g. `site_title: {de: "Der Streik, erklärt", en: "The strike, explained"}`')
        checker.done()
    keys = sorted(key for key in strings if not key.startswith("_"))
    for key in sorted(set(doc.data) - set(keys), key=str):
        checker.fail((key,), f"not a UI string of {site_strings.parent.name}/{site_strings.name}",
                     "use one of its keys, e.g. site_title or home_intro")
    own = {key: checker.value((key,), doc.data[key], schema.Texts()) for key in keys if key in doc.data}
    checker.done()
    default = languages[0].code
    return {**strings, **{key: texts[default] for key, texts in own.items()}, STORY: own}


def load_sources(path: Path) -> dict:
    """Metadata of `.txt` articles keyed by article id (content/sources.yml)."""
    data = load_yaml(path, missing_ok=True) or {}
    if not isinstance(data, dict) or not all(isinstance(v, dict) or v is None for v in data.values()):
        raise ConfigError([Problem(str(path), None, "expected a mapping of article id to metadata",
                                   "write `<article id>:` followed by indented `title: …` lines")])
    return data


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
    raws = schema.top_list(checker, "sides", "start the file with `sides:` and one `- id: …` entry per side",
                           allow_empty=False)
    sides: dict[int, Side] = {}
    for i, raw in enumerate(raws):
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
    raws = schema.top_list(checker, "topics", "start the file with `topics:` and one `- id: …` entry per topic")
    topics: dict[int, TopicConfig] = {}
    for i, raw in enumerate(raws):
        entry = checker.mapping(("topics", i), raw, TOPIC_FIELDS, "write `- id: …` with indented keys")
        if entry is not None:
            sections = tuple(Section(s["id"] or "invalid", s["title"], s["terms"]) for s in entry.pop("sections"))
            topics[i] = TopicConfig(**dict(entry, id=entry["id"] or f"invalid-{i}", sections=sections))
    schema.duplicates(checker, "topic", [(("topics", i, "id"), t.id) for i, t in topics.items()])
    checker.done()
    return tuple(topics.values())


contact_address = schema.contact_address  # part of this module's API


LICENCE_FIELDS: dict[str, schema.Field] = {
    "name": schema.Text(CC_BY[0], required=True),
    "url": schema.WebAddress(CC_BY[1]),
}
LICENCE_FIX = f"e.g. `licence: {{name: {CC_BY[0]}, url: {CC_BY[1]}}}`, or `licence: null` for none"


class Licence(schema.Field):
    """mkdocs.yml `extra.licence`: `name:` and `url:`; (None, None) for `licence: null`."""

    default = fallback = CC_BY  # without the key: CC BY 4.0

    def check(self, value, keys, checker) -> tuple[str | None, str | None]:
        """The licence's name and address."""
        if value is CC_BY or not value:
            return CC_BY if value is CC_BY else (None, None)
        if not isinstance(value, dict):
            raise schema.Invalid("expected `name:` and `url:`", LICENCE_FIX)
        entry = checker.mapping(keys, value, LICENCE_FIELDS, LICENCE_FIX)
        return (entry["name"].strip(), entry["url"]) if entry and entry["name"] else CC_BY


REUSE_FIELDS: dict[str, schema.Field] = {  # the other keys of `extra:` are the theme's
    "licence": Licence(),
    "editor": schema.OptionalText("Redaktion Beispiel"),
    "contact": schema.Address(),
    "corrections": schema.Address(),
}
LANGUAGE_FIELDS: dict[str, schema.Field] = {  # the other keys (site_name, nav_translations, …) are the plugin's
    "locale": schema.LanguageCode("de", required=True),
    "name": schema.OptionalText("English"),
    "default": schema.Flag(False),
    "build": schema.Flag(True),
}
LANGUAGES_FIX = "list the languages under `plugins: - i18n: languages:`, each `- locale: …`, one with `default: true`"


def load_mkdocs(mkdocs_yml: Path) -> SiteConfig:
    """The languages, reuse terms and site_url of mkdocs.yml, checked together: every problem
    with its line, key path and fix in one ConfigError."""
    checker = _mkdocs_checker(mkdocs_yml)
    found = SiteConfig(_languages(checker), _reuse(checker), _site_url(checker))
    checker.done()
    return found


def load_languages(mkdocs_yml: Path) -> tuple[Language, ...]:
    """The site languages, from the i18n plugin's `languages` in mkdocs.yml (the default first)."""
    checker = _mkdocs_checker(mkdocs_yml)
    languages = _languages(checker)
    checker.done()
    return languages


def load_reuse(mkdocs_yml: Path) -> Reuse:
    """The licence, editor, contact and corrections address from mkdocs.yml `extra:`.
    Without `licence:` the editorial text and data are CC BY 4.0; `licence: null` shows none."""
    checker = _mkdocs_checker(mkdocs_yml)
    reuse = _reuse(checker)
    checker.done()
    return reuse


def load_site_url(mkdocs_yml: Path) -> str | None:
    """mkdocs.yml `site_url` as MkDocs reads it (`!ENV [SITE_URL, ""]` from the environment),
    ending in "/"; None when it is not set. Addresses that must work off the site (the
    feed) are made from it."""
    checker = _mkdocs_checker(mkdocs_yml)
    site_url = _site_url(checker)
    checker.done()
    return site_url


def _mkdocs_checker(mkdocs_yml: Path) -> schema.Checker:
    """A checker over mkdocs.yml (a broken or missing file stops here, with its line)."""
    doc = schema.read(mkdocs_yml)
    assert doc is not None
    checker = schema.Checker(doc)
    if not isinstance(doc.data, dict):
        checker.fail((), "expected a mapping of MkDocs settings", "start the file with `site_name: …`")
        checker.done()
    return checker


def _reuse(checker: schema.Checker) -> Reuse:
    """The reuse terms of `extra:` (the defaults where a value failed)."""
    extra = checker.doc.data.get("extra")
    values = checker.values(("extra",), {} if extra is None else extra, REUSE_FIELDS,
                            "write `extra:` with indented `licence:`, `editor:`, `contact:`") or {}
    licence, licence_url = values.get("licence") or CC_BY
    contact = values.get("contact")
    return Reuse(licence, licence_url, values.get("editor"), contact, values.get("corrections") or contact)


def _i18n(plugins) -> tuple[tuple, object] | None:
    """The key path and settings of the i18n plugin in mkdocs.yml `plugins:` (a list or a mapping)."""
    if isinstance(plugins, dict):
        return (("plugins", "i18n"), plugins["i18n"]) if "i18n" in plugins else None
    for i, plugin in enumerate(plugins if isinstance(plugins, list) else ()):
        if plugin == "i18n":
            return ("plugins", i), None
        if isinstance(plugin, dict) and "i18n" in plugin:
            return ("plugins", i, "i18n"), plugin["i18n"]
    return None


def _languages(checker: schema.Checker) -> tuple[Language, ...]:
    """The built languages of the i18n plugin, the default first; a problem for each fault."""
    found = _i18n(checker.doc.data.get("plugins"))
    if found is None:
        checker.fail(("plugins",), "no i18n plugin", LANGUAGES_FIX)
        return ()
    keys = found[0] + ("languages",)
    raws = found[1].get("languages") if isinstance(found[1], dict) else None
    if not isinstance(raws, list) or not raws:
        checker.fail(keys, "expected a list of languages", LANGUAGES_FIX)
        return ()
    languages = _language_entries(checker, keys, raws)
    defaults = [i for i, lang in languages.values() if lang.default]
    if len(defaults) != 1:
        checker.fail(keys + ((defaults[1], "default") if defaults[1:] else ()),
                     f"expected exactly one built language with `default: true`, found {len(defaults)}",
                     "mark the language the articles are written in `default: true`, and only that one")
    return tuple(sorted((lang for _, lang in languages.values()), key=lambda lang: not lang.default))


def _language_entries(checker: schema.Checker, keys: tuple, raws: list) -> dict[str, tuple[int, Language]]:
    """The built languages by code, with the index of their entry; a problem for a bad or repeated one."""
    languages: dict[str, tuple[int, Language]] = {}
    for i, raw in enumerate(raws):
        entry = checker.values(keys + (i,), raw, LANGUAGE_FIELDS, "write `- locale: de` with `name:` and `build:`")
        if not entry or not entry["locale"]:
            continue
        code = entry["locale"]
        if code in languages:
            checker.fail(keys + (i, "locale"), f"the language {code!r} is listed twice",
                         "list each language once; delete or merge the second entry")
        elif entry["build"]:
            languages[code] = (i, Language(code, entry["name"] or code, entry["default"]))
    return languages


def _site_url(checker: schema.Checker) -> str | None:
    """`site_url` as MkDocs reads it, ending in "/"; None when not set (a problem when it is
    no http(s) address)."""
    value = (yamlsafe.load_with_env(Path(checker.doc.path).read_text(encoding="utf-8")) or {}).get("site_url")
    if not value:
        return None
    parts = urllib.parse.urlsplit(str(value))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        source = " (from the environment)" if checker.doc.data.get("site_url") is None else ""
        checker.fail(("site_url",), f"{value!r} is not an http(s) address{source}",
                     "e.g. `SITE_URL=https://example.org/ make site`, or leave it empty")
        return None
    return str(value).rstrip("/") + "/"
