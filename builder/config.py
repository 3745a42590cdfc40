"""Editorial config: languages, topics and source metadata, validated in one place.

Every problem names the file, the key, what was expected and how to fix it; all of them
are collected before the build stops, so an editor fixes a file in one pass.
"""
from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from . import yamlsafe
from .problems import ConfigError, Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Language:
    """A site language as declared for the i18n plugin in mkdocs.yml."""

    code: str
    name: str
    default: bool


@dataclass(frozen=True)
class Term:
    """A word or pattern that signals a topic or section, with its weight."""

    label: str
    pattern: re.Pattern
    weight: float


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


def load_story(path: Path, languages: tuple[Language, ...]) -> StoryConfig | None:
    """Read and validate content/story.yml (optional: without it every article is on the story)."""
    data = load_yaml(path, missing_ok=True)
    if data is None:
        return None
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("story"), dict):
        raise ConfigError([Problem(str(path), None, "expected a top-level `story:` mapping",
                                   "start the file with `story:` and indented `actors:`, `places:`, `events:`")])
    raw = data["story"]
    checker = _TopicChecker(str(path), languages, problems)
    known = set(STORY_KINDS) | {"min_score", "min_kinds", "min_sentences"}
    for key in sorted(set(raw) - known):
        checker.fail(f"story.{key}", "unknown key", f"use only: {', '.join(sorted(known))}")
    kinds = {kind: checker.terms(f"story.{kind}", raw.get(kind) or {}, required=False) for kind in STORY_KINDS}
    if not any(kinds.values()):
        checker.fail("story", "no terms", "list the story's actors, places and events with weights, e.g. `Oslo: 1`")
    numbers = {key: checker.number(f"story.{key}", raw.get(key, default), minimum, whole)
               for key, default, minimum, whole in (("min_score", 3, 0, False), ("min_kinds", 2, 0, True),
                                                    ("min_sentences", 2, 0, True))}
    if numbers["min_kinds"] > len(STORY_KINDS):
        checker.fail("story.min_kinds", f"at most {len(STORY_KINDS)} kinds exist", "e.g. `min_kinds: 2`")
    if problems:
        raise ConfigError(problems)
    return StoryConfig(kinds, float(numbers["min_score"]), int(numbers["min_kinds"]), int(numbers["min_sentences"]))


@dataclass(frozen=True)
class Concept:
    """Expressions that mean the same thing, for grouping statements into claims."""

    id: str
    forms: tuple[re.Pattern, ...]


def load_concepts(path: Path) -> tuple[Concept, ...]:
    """Read content/concepts.yml (optional); ConfigError listing every problem."""
    data = load_yaml(path, missing_ok=True) or {"concepts": []}
    problems: list[Problem] = []
    concepts = []
    for i, raw in enumerate(data.get("concepts") or [] if isinstance(data, dict) else []):
        where = f"concepts[{i}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not SLUG.match(raw["id"]):
            problems.append(Problem(str(path), None, f"{where}.id: expected a lower-case id", "e.g. `- id: fare-rise`"))
            continue
        forms = raw.get("forms")
        if not isinstance(forms, list) or not forms or not all(isinstance(f, str) for f in forms):
            problems.append(Problem(str(path), None, f"{where}.forms: expected a list of expressions",
                                    "e.g. `forms: [Fahrpreiserhöhung, höhere Fahrpreise]`"))
            continue
        compiled = []
        for form in forms:
            try:
                compiled.append(compile_term(form))
            except re.error as exc:
                problems.append(Problem(str(path), None, f"{where}.forms: {form!r} is not a valid pattern: {exc}",
                                        "check the brackets and escapes"))
        concepts.append(Concept(raw["id"], tuple(compiled)))
    if problems:
        raise ConfigError(problems)
    return tuple(concepts)


def load_yaml(path: Path, missing_ok: bool = False):
    """Parse a YAML file; a ConfigError naming the line when it is broken."""
    if not path.exists():
        if missing_ok:
            return None
        raise ConfigError([Problem(str(path), None, "file not found", f"create {path.name}")])
    try:
        return yamlsafe.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError([Problem(str(path), mark.line + 1 if mark else None,
                                   f"invalid YAML: {getattr(exc, 'problem', exc)}",
                                   "fix the indentation or quoting on that line")]) from None
    except UnicodeDecodeError:
        raise ConfigError([Problem(str(path), None, "not UTF-8", "re-save the file as UTF-8")]) from None


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


def load_sides(path: Path, languages: tuple[Language, ...]) -> tuple[Side, ...]:
    """Read and validate content/sides.yml; raise ConfigError listing every problem."""
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("sides"), list) or not data["sides"]:
        raise ConfigError([Problem(str(path), None, "expected a top-level `sides:` list",
                                   "start the file with `sides:` and one `- id: …` entry per side")])
    problems: list[Problem] = []
    checker = _TopicChecker(str(path), languages, problems)
    sides = tuple(s for s in (_side(checker, i, raw) for i, raw in enumerate(data["sides"])) if s)
    problems += _duplicates(path, "side", [s.id for s in sides])
    if problems:
        raise ConfigError(problems)
    return sides


def _side(checker: _TopicChecker, index: int, raw) -> Side | None:
    """Check one side entry."""
    where = f"sides[{index}]"
    if not isinstance(raw, dict):
        checker.fail(where, "expected a mapping", "write `- id: …` with `label:` and `adjectives:`")
        return None
    for key in sorted(set(raw) - {"id", "label", "adjectives"}):
        checker.fail(f"{where}.{key}", "unknown key", "use only: id, label, adjectives")
    adjectives = raw.get("adjectives") or []
    if not isinstance(adjectives, list) or not all(isinstance(a, str) and a.strip() for a in adjectives):
        checker.fail(f"{where}.adjectives", "expected a list of words", "e.g. `adjectives: [städtisch]`")
        adjectives = []
    side_id = checker.slug(f"{where}.id", raw.get("id"))
    label = checker.texts(f"{where}.label", raw.get("label"))
    return Side(side_id, label, tuple(a.strip().lower() for a in adjectives)) if side_id else None


def load_topics(path: Path, languages: tuple[Language, ...], sides: tuple[str, ...] = ()) -> tuple[TopicConfig, ...]:
    """Read and validate content/topics.yml; raise ConfigError listing every problem.
    `sides` are the ids a topic may weigh (content/sides.yml)."""
    data = load_yaml(path)
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise ConfigError([Problem(str(path), None, "expected a top-level `topics:` list",
                                   "start the file with `topics:` and one `- id: …` entry per topic")])
    checker = _TopicChecker(str(path), languages, problems, sides)
    topics = tuple(t for t in (checker.topic(i, raw) for i, raw in enumerate(data["topics"])) if t)
    problems += _duplicates(path, "topic", [t.id for t in topics])
    if problems:
        raise ConfigError(problems)
    return topics


def _duplicates(path: Path, kind: str, ids: list[str]) -> list[Problem]:
    """A problem for each id that more than one entry of a file uses."""
    return [Problem(str(path), None, f"{kind} id {dup!r} is used twice", f"give each {kind} its own id")
            for dup in sorted({i for i in ids if ids.count(i) > 1})]


class _TopicChecker:
    """Validates topic entries, adding a Problem for each fault found."""

    def __init__(self, path: str, languages: tuple[Language, ...], problems: list[Problem],
                 sides: tuple[str, ...] = ()):
        self.path, self.languages, self.problems, self.side_ids = path, languages, problems, sides

    def fail(self, where: str, message: str, fix: str) -> None:
        """Record one problem at a key path like `topics[2].sections[0].title`."""
        self.problems.append(Problem(self.path, None, f"{where}: {message}", fix))

    def topic(self, index: int, raw) -> TopicConfig | None:
        """Check one topic entry."""
        where = f"topics[{index}]"
        if not isinstance(raw, dict):
            self.fail(where, "expected a mapping", "write `- id: …` with indented keys")
            return None
        known = {"id", "title", "description", "terms", "require", "min_score", "sections", "priority", "sides"}
        for key in sorted(set(raw) - known):
            self.fail(f"{where}.{key}", "unknown key", f"use only: {', '.join(sorted(known))}")
        topic_id = self.slug(f"{where}.id", raw.get("id"))
        min_score = raw.get("min_score", 2)
        if not isinstance(min_score, (int, float)) or min_score <= 0:
            self.fail(f"{where}.min_score", f"expected a positive number, got {min_score!r}", "e.g. `min_score: 2`")
        sections = tuple(s for s in (self.section(f"{where}.sections[{i}]", s)
                                     for i, s in enumerate(raw.get("sections") or [])) if s)
        return TopicConfig(
            id=topic_id or f"invalid-{index}",
            title=self.texts(f"{where}.title", raw.get("title")),
            description=self.texts(f"{where}.description", raw.get("description")),
            terms=self.terms(f"{where}.terms", raw.get("terms"), required=True),
            require=self.terms(f"{where}.require", raw.get("require") or {}, required=False),
            min_score=float(min_score) if isinstance(min_score, (int, float)) else 2.0,
            sections=sections,
            priority=self.terms(f"{where}.priority", raw.get("priority") or {}, required=False),
            sides=self.sides(f"{where}.sides", raw.get("sides") or {}),
        )

    def number(self, where: str, value, minimum: float, whole: bool = False) -> float:
        """Check a number that must be above `minimum` (and a whole number when `whole`)."""
        kind = "whole number" if whole else "number"
        if (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= minimum
                or (whole and value != int(value))):
            self.fail(where, f"expected a {kind} above {minimum:g}, got {value!r}",
                      f"write `{where.rsplit('.', 1)[-1]}: {minimum + 1:g}` or another {kind}")
            return minimum + 1
        return value

    def sides(self, where: str, value) -> dict:
        """Check a mapping of speaker side -> weight."""
        if not isinstance(value, dict):
            self.fail(where, "expected a mapping of side: weight", "e.g. `sides: {city: 2}`")
            return {}
        for side, weight in value.items():
            if side not in self.side_ids or not isinstance(weight, (int, float)):
                self.fail(f"{where}.{side}", f"expected a side of content/sides.yml "
                          f"({', '.join(self.side_ids)}) with a number", "e.g. `city: 2`, or add the side there")
        return {k: float(v) for k, v in value.items() if k in self.side_ids and isinstance(v, (int, float))}

    def section(self, where: str, raw) -> Section | None:
        """Check one sub-theme entry."""
        if not isinstance(raw, dict):
            self.fail(where, "expected a mapping", "write `- id: …` with `title:` and `terms:`")
            return None
        for key in sorted(set(raw) - {"id", "title", "terms"}):
            self.fail(f"{where}.{key}", "unknown key", "use only: id, title, terms")
        return Section(self.slug(f"{where}.id", raw.get("id")) or "invalid",
                       self.texts(f"{where}.title", raw.get("title")),
                       self.terms(f"{where}.terms", raw.get("terms"), required=True))

    def slug(self, where: str, value) -> str | None:
        """Check an id: lower-case words joined by '-'."""
        if not isinstance(value, str) or not SLUG.match(value):
            self.fail(where, f"expected a lower-case id like 'us-positions', got {value!r}",
                      "use a-z, 0-9 and '-' only; ids appear in URLs and must not change")
            return None
        return value

    def texts(self, where: str, value) -> dict:
        """Check a text given per language: the default language is required."""
        default = self.languages[0].code
        if not isinstance(value, dict) or not isinstance(value.get(default), str) or not value[default].strip():
            self.fail(where, f"expected a text per language with at least `{default}:`",
                      f"write `{where.rsplit('.', 1)[-1]}: {{{default}: …, en: …}}`")
            return {}
        unknown = set(value) - {lang.code for lang in self.languages}
        for code in sorted(unknown):
            self.fail(f"{where}.{code}", "not a site language", "add the language to mkdocs.yml or remove the text")
        return {k: str(v) for k, v in value.items()}

    def terms(self, where: str, value, required: bool) -> tuple[Term, ...]:
        """Check a mapping of term -> weight; a term starting with 're:' is a regex."""
        if not isinstance(value, dict) or (required and not value):
            self.fail(where, "expected a mapping of term: weight", "e.g. `Tarifvertrag: 2`")
            return ()
        out = []
        for label, weight in value.items():
            if not isinstance(weight, (int, float)):
                self.fail(f"{where}.{label}", f"weight must be a number, got {weight!r}", f"write `{label}: 1`")
                continue
            try:
                out.append(Term(str(label), compile_term(str(label)), float(weight)))
            except re.error as exc:
                self.fail(f"{where}.{label}", f"invalid pattern: {exc}", "check the brackets and escapes")
        return tuple(out)


def compile_term(label: str) -> re.Pattern:
    """A term as a pattern: 're:' gives a regex, else a case-insensitive word prefix."""
    if any(ord(ch) < 32 for ch in label):
        # "\b" in a double-quoted YAML string is a backspace, not a word boundary.
        raise re.error("it contains a control character; in double quotes write \\b, not \b")
    if label.startswith("re:"):
        return re.compile(label[3:])
    return re.compile(r"(?<![\w-])" + re.escape(label), re.IGNORECASE)


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
