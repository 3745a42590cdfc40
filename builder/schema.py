"""One schema for every editorial YAML file (content/*.yml), checked in one place.

Modelled on MkDocs' `config_options`: a field is an object whose `check` takes a value
and returns it typed, or raises `Invalid` with what was expected and how to fix it. A
`Checker` runs the fields over one `Document` and collects a `Problem` per fault, each
with the file, the line, the key path (`topics[2].sections[0].title`), what was
expected and the fix; `done()` raises one ConfigError listing all of them, so an editor
fixes a file in one pass.

The file loaders (config.load_topics, load_story, load_sides, load_concepts,
config.load_strings, registry.load_people, glossary.load_glossary and load_explanations, and
config.load_mkdocs for the builder's part of mkdocs.yml) describe their entries with these fields.
"""
from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import yamlsafe
from .model import SLUG, WORD_START, Term
from .problems import ConfigError, Problem

Key = tuple  # a key path: ("topics", 2, "sections", 0, "title")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Za-z]{2,4})?$")  # "de", "pt_BR"
EMAIL = re.compile(r"^[^@\s<>\"'`\\]+@[^@\s<>\"'`\\]+\.[^@\s<>\"'`\\]+$")


def key_path(keys: Key) -> str:
    """A key path as the messages write it: topics[2].sections[0].title."""
    out = ""
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else f".{key}" if out else str(key)
    return out


class Invalid(Exception):
    """A value that does not fit its field: what was expected, and how to fix it."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message, self.fix = message, fix


# ---------------------------------------------------------------------------
# Documents: the data of a file and the line of each of its keys

@dataclass(frozen=True)
class Document:
    """One YAML file: its path as shown in messages, its data, and the 1-based line of
    every key and list item (by key path)."""

    path: str
    data: Any
    lines: dict

    def line(self, keys: Key) -> int | None:
        """The line of a key path, or of its nearest ancestor the file has."""
        keys = tuple(k if isinstance(k, int) else str(k) for k in keys)
        for n in range(len(keys), 0, -1):
            if keys[:n] in self.lines:
                return self.lines[keys[:n]]
        return None


def read(path: Path, missing_ok: bool = False, error: type[ConfigError] = ConfigError) -> Document | None:
    """Parse a YAML file once, keeping the line of every key; `error` names the line
    when the file is broken. A missing file is None when `missing_ok`."""
    if not path.exists():
        if missing_ok:
            return None
        raise error([Problem(str(path), None, "file not found", f"create {path.name}")])
    try:
        data, node = yamlsafe.load_with_nodes(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise error([Problem(str(path), mark.line + 1 if mark else None,
                             f"invalid YAML: {getattr(exc, 'problem', exc)}",
                             "fix the indentation or quoting on that line")]) from None
    except UnicodeDecodeError:
        raise error([Problem(str(path), None, "not UTF-8", "re-save the file as UTF-8")]) from None
    lines: dict = {}
    if node is not None:
        _node_lines(node, (), lines)
    return Document(str(path), data, lines)


def _node_lines(node, keys: Key, lines: dict) -> None:
    """Record the line of each key and list item below a YAML node."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines.setdefault(keys + (key.value,), key.start_mark.line + 1)
                _node_lines(value, keys + (key.value,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.setdefault(keys + (index,), item.start_mark.line + 1)
            _node_lines(item, keys + (index,), lines)


# ---------------------------------------------------------------------------
# The checker: runs fields, collects problems

class Checker:
    """Checks the values of one document; collects a Problem per fault. `label` writes a
    key path for the messages (the default: topics[2].title); `languages` are the site's
    (config.Language, the default one first) and `sides` the story's side ids, for the
    fields that need them."""

    def __init__(self, doc: Document, languages: tuple = (), sides: tuple[str, ...] | None = None,
                 label: Callable[[Key], str] = key_path):
        self.doc, self.languages, self.sides, self.label = doc, languages, sides, label
        self.problems: list[Problem] = []

    def fail(self, keys: Key, message: str, fix: str) -> None:
        """Record one fault at a key path."""
        label = self.label(keys)
        self.problems.append(Problem(self.doc.path, self.doc.line(keys), f"{label}: {message}" if label else message,
                                     fix))

    def value(self, keys: Key, value, field: Field):
        """The value checked by its field, or the field's fallback after recording the fault."""
        try:
            return field.check(value, keys, self)
        except Invalid as exc:
            self.fail(keys, exc.message, exc.fix)
            return field.fallback

    def mapping(self, keys: Key, raw, fields: dict[str, Field], fix: str) -> dict | None:
        """Check a mapping against its fields: unknown keys, missing required ones and every
        value. The values by field name (a field's fallback where its value failed), or
        None when `raw` is no mapping or lacks a required key."""
        self.unknown(keys, raw, fields)
        return self.values(keys, raw, fields, fix)

    def unknown(self, keys: Key, raw, fields: dict[str, Field]) -> None:
        """A problem for each key of a mapping that is none of its fields."""
        for key in sorted(set(raw) - set(fields), key=str) if isinstance(raw, dict) else ():
            self.fail(keys + (key,), "unknown key", f"use only: {', '.join(sorted(fields))}")

    def values(self, keys: Key, raw, fields: dict[str, Field], fix: str) -> dict | None:
        """The checked values of a mapping's fields (see `mapping`), unknown keys aside."""
        if not isinstance(raw, dict):
            self.fail(keys, "expected a mapping", fix)
            return None
        missing = [name for name, field in fields.items() if field.required and name not in raw]
        for name in missing:
            self.fail(keys + (name,), "missing", f"add `{name}:` to the entry")
        if missing:
            return None
        return {name: self.value(keys + (name,), raw.get(name, field.default), field)
                for name, field in fields.items()}

    def done(self, error: type[ConfigError] = ConfigError) -> None:
        """Raise `error` with every problem found, if there is one."""
        if self.problems:
            raise error(self.problems)


# ---------------------------------------------------------------------------
# Fields

class Field:
    """A typed value of an editorial file. `check` returns the value typed or raises
    Invalid; a field with parts (a mapping of terms) reports a bad part itself and keeps
    the good ones. `fallback` stands in for a value that failed."""

    required = False
    default: Any = None
    fallback: Any = None

    def check(self, value, keys: Key, checker: Checker):
        """The value, typed (Invalid when it does not fit)."""
        raise NotImplementedError


class Slug(Field):
    """An id: lower-case words joined by '-' (ids appear in URLs)."""

    def __init__(self, example: str, required: bool = False, fix: str | None = None):
        self.example, self.required = example, required
        self.fix = fix or "use a-z, 0-9 and '-' only; ids appear in URLs and must not change"

    def check(self, value, keys: Key, checker: Checker) -> str:
        """The id."""
        if not isinstance(value, str) or not SLUG.match(value):
            raise Invalid(f"expected a lower-case id like '{self.example}', got {value!r}", self.fix)
        return value


class Number(Field):
    """A number above a minimum, a whole one when `whole`."""

    def __init__(self, default: float, minimum: float = 0, whole: bool = False):
        self.default, self.fallback, self.minimum, self.whole = default, default, minimum, whole

    def check(self, value, keys: Key, checker: Checker) -> float:
        """The number."""
        kind = "whole number" if self.whole else "number"
        if (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= self.minimum
                or (self.whole and value != int(value))):
            raise Invalid(f"expected a {kind} above {self.minimum:g}, got {value!r}",
                          f"write `{keys[-1]}: {max(self.default, self.minimum + 1):g}` or another {kind}")
        return value


class Text(Field):
    """A non-empty text."""

    def __init__(self, example: str, required: bool = False):
        self.example, self.required = example, required

    def check(self, value, keys: Key, checker: Checker) -> str:
        """The text."""
        if not (isinstance(value, str) and value.strip()):
            raise Invalid(f"expected a text, got {value!r}", f"write e.g. `{keys[-1]}: {self.example}`")
        return value


class OptionalText(Field):
    """A text that may be left out or empty (None then), stripped."""

    def __init__(self, example: str):
        self.example = example

    def check(self, value, keys: Key, checker: Checker) -> str | None:
        """The text, or None."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            raise Invalid(f"expected a text, got {value!r}", f'e.g. `{keys[-1]}: "{self.example}"`, or leave it empty')
        return value.strip()


def contact_address(value: str) -> str | None:
    """An e-mail address as a mailto: link, an http(s) address as it is; None for anything else."""
    value = value.strip()
    if EMAIL.match(value.removeprefix("mailto:")):
        return "mailto:" + value.removeprefix("mailto:")
    parts = urllib.parse.urlsplit(value) if not any(c in value for c in " \"'<>`\\") else None
    return value if parts and parts.scheme in ("http", "https") and parts.hostname else None


class Address(OptionalText):
    """An e-mail address (as mailto:) or an http(s) address; None when left out or empty."""

    def __init__(self):
        super().__init__("redaktion@example.org")

    def check(self, value, keys: Key, checker: Checker) -> str | None:
        """The address as a link, or None."""
        text = super().check(value, keys, checker)
        address = contact_address(text) if text else None
        if text and address is None:
            raise Invalid(f"{text!r} is neither an e-mail address nor an http(s) address",
                          f"e.g. `{keys[-1]}: redaktion@example.org` or `{keys[-1]}: https://example.org/kontakt`")
        return address


class WebAddress(OptionalText):
    """An http(s) address; None when left out or empty."""

    def check(self, value, keys: Key, checker: Checker) -> str | None:
        """The address, or None."""
        text = super().check(value, keys, checker)
        if text and not (contact_address(text) or "").startswith("http"):
            raise Invalid(f"{text!r} is not an http(s) address", f"e.g. `{keys[-1]}: {self.example}`")
        return text


class Flag(Field):
    """true or false."""

    def __init__(self, default: bool = False):
        self.default = self.fallback = default

    def check(self, value, keys: Key, checker: Checker) -> bool:
        """The flag."""
        if not isinstance(value, bool):
            raise Invalid(f"expected true or false, got {value!r}", f"write `{keys[-1]}: true` or `{keys[-1]}: false`")
        return value


class LanguageCode(Field):
    """A language code as MkDocs' i18n plugin takes it: "de", "en", "pt_BR"."""

    def __init__(self, example: str, required: bool = False):
        self.example, self.required = example, required

    def check(self, value, keys: Key, checker: Checker) -> str:
        """The code."""
        if not isinstance(value, str) or not LANGUAGE_CODE.match(value):
            raise Invalid(f"expected a language code like '{self.example}', got {value!r}",
                          f"write e.g. `{keys[-1]}: {self.example}` (ISO 639-1, lower case)")
        return value


class Choice(Field):
    """One of a few given values."""

    def __init__(self, choices: tuple, required: bool = False):
        self.choices, self.required = choices, required

    def check(self, value, keys: Key, checker: Checker):
        """The value."""
        if value not in self.choices:
            raise Invalid(f"expected one of {', '.join(map(str, self.choices))}, got {value!r}",
                          " or ".join(f"`{keys[-1]}: {c}`" for c in self.choices))
        return value


class Words(Field):
    """A list of non-empty texts (`allow_empty`: the list may be `[]`)."""

    default: Any = ()
    fallback: Any = ()

    def __init__(self, example: str, allow_empty: bool = True, required: bool = False, what: str = "words"):
        self.example, self.allow_empty, self.required, self.what = example, allow_empty, required, what

    def check(self, value, keys: Key, checker: Checker) -> tuple[str, ...]:
        """The texts, stripped."""
        value = [] if value is None and self.allow_empty else value
        if not (isinstance(value, (list, tuple)) and (value or self.allow_empty)
                and all(isinstance(v, str) and v.strip() for v in value)):
            empty = " (may be empty: [])" if self.allow_empty else ""
            raise Invalid(f"expected a list of {self.what}{empty}", f"write e.g. `{keys[-1]}: {self.example}`")
        return tuple(v.strip() for v in value)


class Texts(Field):
    """A text per site language; the default language's is required."""

    default: Any = None
    fallback: Any = {}

    def __init__(self, required: bool = False):
        self.required = required

    def check(self, value, keys: Key, checker: Checker) -> dict:
        """The texts by language code."""
        default = checker.languages[0].code
        if not isinstance(value, dict) or not isinstance(value.get(default), str) or not value[default].strip():
            raise Invalid(f"expected a text per language with at least `{default}:`",
                          f"write `{keys[-1]}: {{{default}: …, en: …}}`")
        for code in sorted(set(value) - {lang.code for lang in checker.languages}, key=str):
            checker.fail(keys + (code,), "not a site language", "add the language to mkdocs.yml or remove the text")
        return {k: str(v) for k, v in value.items()}


def compile_term(label: str) -> re.Pattern:
    """A term as a pattern: 're:' gives a regex, else a case-insensitive word prefix."""
    if any(ord(ch) < 32 for ch in label):
        # "\b" in a double-quoted YAML string is a backspace, not a word boundary.
        raise re.error("it contains a control character; in double quotes write \\b, not \b")
    if label.startswith("re:"):
        return re.compile(label[3:])
    return re.compile(WORD_START + re.escape(label), re.IGNORECASE)


class Terms(Field):
    """A mapping of term -> weight; a term starting with 're:' is a regular expression."""

    default: Any = {}
    fallback: Any = ()

    def __init__(self, required: bool = False, example: str = "Tarifvertrag: 2"):
        self.required, self.example = required, example

    def check(self, value, keys: Key, checker: Checker) -> tuple[Term, ...]:
        """The terms whose weight and pattern are good; a problem for each other one."""
        value = {} if value is None and not self.required else value
        if not isinstance(value, dict) or (self.required and not value):
            raise Invalid("expected a mapping of term: weight", f"e.g. `{self.example}`")
        out = []
        for label, weight in value.items():
            if isinstance(weight, bool) or not isinstance(weight, (int, float)):
                checker.fail(keys + (label,), f"weight must be a number, got {weight!r}", f"write `{label}: 1`")
                continue
            try:
                out.append(Term(str(label), compile_term(str(label)), float(weight)))
            except re.error as exc:
                checker.fail(keys + (label,), f"invalid pattern: {exc}", "check the brackets and escapes")
        return tuple(out)


class Patterns(Field):
    """A list of expressions, each a term (see compile_term)."""

    fallback: Any = ()

    def __init__(self, example: str, required: bool = False):
        self.example, self.required = example, required

    def check(self, value, keys: Key, checker: Checker) -> tuple[re.Pattern, ...]:
        """The compiled expressions; a problem for each invalid one."""
        if not isinstance(value, list) or not value or not all(isinstance(f, str) for f in value):
            raise Invalid("expected a list of expressions", f"e.g. `{keys[-1]}: {self.example}`")
        out = []
        for form in value:
            try:
                out.append(compile_term(form))
            except re.error as exc:
                checker.fail(keys, f"{form!r} is not a valid pattern: {exc}", "check the brackets and escapes")
        return tuple(out)


class SideWeights(Field):
    """A mapping of the story's side ids (content/sides.yml) -> weight."""

    default: Any = {}
    fallback: Any = {}

    def check(self, value, keys: Key, checker: Checker) -> dict:
        """The weights of known sides; a problem for each other entry."""
        value = {} if value is None else value
        if not isinstance(value, dict):
            raise Invalid("expected a mapping of side: weight", "e.g. `sides: {city: 2}`")
        sides = checker.sides or ()
        for side, weight in value.items():
            if side not in sides or isinstance(weight, bool) or not isinstance(weight, (int, float)):
                checker.fail(keys + (side,), f"expected a side of content/sides.yml ({', '.join(sides)}) "
                             "with a number", "e.g. `city: 2`, or add the side there")
        return {k: float(v) for k, v in value.items()
                if k in sides and not isinstance(v, bool) and isinstance(v, (int, float))}


class Side(Slug):
    """The id of one of the story's sides (content/sides.yml); any id when they are not known."""

    def __init__(self, required: bool = False):
        super().__init__("city", required, "use an id of content/sides.yml")

    def check(self, value, keys: Key, checker: Checker) -> str:
        """The side id."""
        value = super().check(value, keys, checker)
        if checker.sides is not None and value not in checker.sides:
            raise Invalid(f"expected one of {', '.join(checker.sides)} (content/sides.yml), got {value!r}",
                          "use one of those ids, or add the side to content/sides.yml")
        return value


class Entries(Field):
    """A list of entries, each a mapping with the given fields; the good ones, checked."""

    fallback: Any = ()

    def __init__(self, fields: dict[str, Field], fix: str):
        self.fields, self.fix = fields, fix

    def check(self, value, keys: Key, checker: Checker) -> tuple[dict, ...]:
        """The entries' values by field name, for each entry that is a mapping with its required keys."""
        items = (checker.mapping(keys + (i,), item, self.fields, self.fix)
                 for i, item in enumerate(entries(checker, keys, value, self.fix)))
        return tuple(item for item in items if item is not None)


def top_list(checker: Checker, key: str, fix: str, allow_empty: bool = True) -> list:
    """The list a file holds under its one top-level key; else the file's problem is raised
    at once (nothing else in it can be checked)."""
    data = checker.doc.data
    raw = data.get(key) if isinstance(data, dict) else None
    if isinstance(raw, list) and (raw or allow_empty):
        return raw
    checker.fail((), f"expected a top-level `{key}:` list", fix)
    checker.done()  # raises: the problem was just recorded
    return []


def entries(checker: Checker, keys: Key, raw, fix: str) -> list:
    """The items of a list of entries (a problem and none when `raw` is no list)."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        checker.fail(keys, "expected a list", fix)
        return []
    return raw


def duplicates(checker: Checker, kind: str, ids: list[tuple[Key, str]]) -> None:
    """A problem at each entry whose id an earlier entry of the file already has."""
    seen: set[str] = set()
    for keys, value in ids:
        if value in seen:
            checker.fail(keys, f"{kind} id {value!r} is used twice", f"give each {kind} its own id")
        seen.add(value)
