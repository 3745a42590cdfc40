"""The people registry (content/people.yml): who speaks in the articles, and the names,
roles and sides to recognise them by.

`load_people(path, sides)` reads the registry and checks every entry against its schema
(builder/schema.py): every problem names the file, the line, the entry and the key, says
what was expected and how to fix it, and all of them are collected before `PeopleError`
is raised. Speaker resolution, which uses the registry, is builder/people.py; this
module needs no part of the quotation extractor, so loading the config stays light.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .model import Person, Role, trie_alternation
from .problems import ConfigError
from .schema import SLUG  # noqa: F401 (the id pattern, used by site.py)

KINDS = ("person", "organisation")
GENDERS = ("m", "f")
KEYS = ("id", "name", "kind", "variants", "gender", "side", "role", "role_nouns")
OPTIONAL = ("said_by", "speaks_for")
# A said_by phrase: text with at most one [linked part], "Aussage des [Hafenamts]".
SAID_BY = re.compile(r"^[^\[\]]*(?:\[[^\[\]]*\S[^\[\]]*\][^\[\]]*)?$")


class PeopleError(ConfigError):
    """content/people.yml cannot be used; carries every problem found in it."""


@dataclass(frozen=True)
class Mention:
    """A name variant found in a text: its span and whom it names."""

    start: int
    end: int
    person: str


@dataclass(frozen=True)
class People:
    """The registry: its entries and a matcher for their name variants."""

    entries: tuple[Person, ...]
    pattern: re.Pattern  # alternation of all variants, longest first
    by_variant: dict[str, str]  # variant (lower case) -> person id
    # (adjective as it begins, side id): "norwegisch" -> the side of Norway
    side_adjectives: tuple[tuple[str, str], ...] = ()

    def get(self, person_id: str) -> Person:
        """The entry with this id (KeyError when there is none)."""
        for person in self.entries:
            if person.id == person_id:
                return person
        raise KeyError(person_id)

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Every name variant in text[start:end], longest match first at each position."""
        end = len(text) if end is None else end
        return [Mention(m.start(), m.end(), self.by_variant[m.group().lower()])
                for m in self.pattern.finditer(text, start, end)]


# ---------------------------------------------------------------------------
# Loading and validation

class Gender(schema.Field):
    """m or f for a person, null for an organisation (checked against the entry's kind)."""

    required = True

    def check(self, value, keys: schema.Key, checker: schema.Checker):
        """The gender."""
        kind = checker.doc.data[keys[0]].get("kind")
        if kind == "organisation" and value is not None:
            raise schema.Invalid(f"expected null for an organisation, got {value!r}", "set gender: null")
        if kind != "organisation" and value not in GENDERS:
            raise schema.Invalid(f"expected m or f for a person, got {value!r}", "set gender: m or gender: f")
        return value


class RoleTexts(schema.Field):
    """The role in both site languages: {de: …, en: …}."""

    required = True

    def check(self, value, keys: schema.Key, checker: schema.Checker) -> Role:
        """The role."""
        if not (isinstance(value, dict) and set(value) == {"de", "en"}
                and all(isinstance(v, str) and v.strip() for v in value.values())):
            raise schema.Invalid(f"expected {{de: …, en: …}}, got {value!r}", "give the role in German and English")
        return Role(value["de"], value["en"])


class SaidBy(schema.Field):
    """The optional phrase per language for "<entry> said it", with at most one [link]."""

    default: object = None
    fallback: object = ()

    def check(self, value, keys: schema.Key, checker: schema.Checker) -> tuple[tuple[str, str], ...]:
        """(language, phrase) pairs, sorted."""
        if value is None:
            return ()
        if not (isinstance(value, dict) and value and all(
                isinstance(k, str) and isinstance(v, str) and v.strip() and SAID_BY.match(v)
                for k, v in value.items())):
            raise schema.Invalid(f"expected {{de: …, en: …}} with at most one [linked part] each, got {value!r}",
                                 "write e.g. said_by: {de: Aussage des [Hafenamts], en: said by the [port authority]}")
        return tuple(sorted(value.items()))


FIELDS: dict[str, schema.Field] = {
    "id": schema.Slug("anna-berg", required=True, fix="use lower-case words joined by '-'"),
    "name": schema.Text("Anna Berg", required=True),
    "kind": schema.Choice(KINDS, required=True),
    "variants": schema.Words("[Anna Berg, Berg, Bergs]", allow_empty=False, required=True, what="surface forms"),
    "gender": Gender(),
    "side": schema.Side(required=True),
    "role": RoleTexts(),
    "role_nouns": schema.Words("[Minister]", required=True, what="German nouns"),
    "said_by": SaidBy(),
    "speaks_for": schema.Words("[hafenamt]", what="ids of organisations of this registry"),
}


def load_people(path: Path | str, sides=None) -> People:
    """Read and validate the registry; PeopleError lists every problem found. `sides` are
    the story's sides (config.Side, content/sides.yml): every entry must name one of them,
    and their adjectives tell a mention's side; without them any side id is taken."""
    doc = schema.read(Path(path), error=PeopleError)
    assert doc is not None
    checker = schema.Checker(doc, sides=None if sides is None else tuple(s.id for s in sides),
                             label=lambda keys: _label(doc, keys))
    entries = validate(checker)
    checker.done(PeopleError)
    adjectives = tuple((a, side.id) for side in sides or () for a in side.adjectives)
    return build_people(entries, adjectives)


def _label(doc: schema.Document, keys: schema.Key) -> str:
    """How a message names an entry and key: "entry 3 (anna-berg), key 'side'"."""
    if not keys:
        return ""
    raw = doc.data[keys[0]]
    name = f"entry {keys[0] + 1}" + (f" ({raw.get('id', 'no id')!s})" if isinstance(raw, dict) else "")
    return name + "".join(f", key '{key}'" for key in keys[1:2])


def validate(checker: schema.Checker) -> list[Person]:
    """Check every entry against the schema; add a Problem per fault; return the good ones."""
    data = checker.doc.data
    if not isinstance(data, list):
        checker.fail((), "expected a list of people at the top level", "write one '- id: …' entry per person")
        return []
    entries: list[Person] = []
    owners: dict = {}
    for index, raw in enumerate(data):
        checker.unknown((index,), raw, FIELDS)  # reported, but the entry is still usable
        count = len(checker.problems)
        entry = checker.values((index,), raw, FIELDS, "write the entry as 'id: …', 'name: …', … lines")
        if entry is None or len(checker.problems) > count:
            continue
        variants = tuple(dict.fromkeys([entry["name"], *entry["variants"]]))
        person = Person(entry["id"], entry["name"], entry["kind"], variants, entry["gender"], entry["side"],
                        entry["role"], entry["role_nouns"], entry["said_by"], entry["speaks_for"])
        _check_unique(person, index, checker, owners)
        entries.append(person)
    _check_spokespeople(entries, data, checker)
    return entries


def _check_spokespeople(entries: list[Person], data: list, checker: schema.Checker) -> None:
    """A person speaks only for organisations of the registry."""
    kinds = {p.id: p.kind for p in entries}
    index = {raw.get("id"): i for i, raw in enumerate(data) if isinstance(raw, dict)}
    for person in entries:
        for org in person.speaks_for:
            if kinds.get(org) != "organisation":
                what = "a person" if org in kinds else "no entry"
                checker.fail((index[person.id], "speaks_for"), f"{org!r} is {what} of the registry",
                             "list the ids of organisations (kind: organisation) this person speaks for")


def _check_unique(person: Person, index: int, checker: schema.Checker, owners: dict) -> None:
    """Ids and variants may belong to one entry only."""
    if ("id", person.id) in owners:
        checker.fail((index, "id"), f"duplicate id {person.id!r}", "give every entry its own id")
    owners[("id", person.id)] = person.id
    for variant in person.variants:
        owner = owners.setdefault(("variant", variant.lower()), person.id)
        if owner != person.id:
            checker.fail((index, "variants"), f"{variant!r} is also a variant of {owner!r}",
                         "a surface form must name one entry only; remove it from one of them")


def build_people(entries: list[Person], side_adjectives: tuple = ()) -> People:
    """The registry with its variant matcher (longest variant first, whole words only).

    An organisation's variants also match in the genitive ("des Außenministeriums"), and a
    variant that names a seat, "Außenministerium in Bern", also as "Berner Außenministerium"."""
    by_variant = {v.lower(): p.id for p in entries for v in p.variants}
    for person in entries:
        if person.kind == "organisation":
            for form in _organisation_forms(person.variants):
                by_variant.setdefault(form.lower(), person.id)
    pattern = re.compile(rf"(?<![\w-])(?:{trie_alternation(by_variant) or '(?!)'})(?![\w-])", re.IGNORECASE)
    return People(tuple(entries), pattern, by_variant, side_adjectives)


_SEAT = re.compile(r"^(?P<body>.+?) in (?P<city>[A-ZÄÖÜ][a-zäöüß]+)$")


def _organisation_forms(variants: tuple[str, ...]) -> list[str]:
    """More surface forms of an organisation: the genitive of each variant, and the city
    adjective of a variant that names the seat ("Außenministerium in Bern" -> "Berner
    Außenministerium"), in both cases."""
    forms = []
    for variant in variants:
        seat = _SEAT.match(variant)
        if seat:
            forms.append(f"{seat['city']}er {seat['body']}")
    forms += [form + "s" for form in (*variants, *forms) if not form.endswith(("s", "ß", "x", "z"))]
    return forms


