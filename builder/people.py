"""The people registry (content/people.yml) and speaker resolution for quotations.

`load_people(path)` reads and validates the registry: every problem names the file, the
line, the entry and the key, says what was expected and how to fix it, and all of them
are collected before `PeopleError` is raised.

`resolve_speakers(text, quotes, people)` gives each quote the id of the person or
organisation its speaker mention refers to. A name in the mention resolves directly. A
pronoun ("er", "sie") or a role noun ("der Minister", "der Hafenchef") resolves only
when exactly one compatible entry is named in the same sentence before it or in the
sentences just before; otherwise the quote keeps its mention and gets None, never a guess.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import lexicon, yamlsafe
from .problems import ConfigError, Problem
from .quotes import quoted_spans, sentence_spans

KINDS = ("person", "organisation")
GENDERS = ("m", "f")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = ("id", "name", "kind", "variants", "gender", "side", "role", "role_nouns")
OPTIONAL = ("said_by",)
# A said_by phrase: text with at most one [linked part], "Aussage des [Hafenamts]".
SAID_BY = re.compile(r"^[^\[\]]*(?:\[[^\[\]]*\S[^\[\]]*\][^\[\]]*)?$")

PRONOUN_GENDER = {"er": "m", "sie": "f"}
PRONOUN_SENTENCES = 1  # a pronoun looks back into the previous sentence only
ROLE_SENTENCES = 3  # a role noun looks back a little further

class PeopleError(ConfigError):
    """content/people.yml cannot be used; carries every problem found in it."""


@dataclass(frozen=True)
class Role:
    """A role in both site languages."""

    de: str
    en: str


@dataclass(frozen=True)
class Person:
    """A person or speaking organisation of the registry."""

    id: str
    name: str
    kind: str
    variants: tuple[str, ...]
    gender: str | None
    side: str
    role: Role
    role_nouns: tuple[str, ...]
    said_by: tuple[tuple[str, str], ...] = ()  # (language, phrase): "Aussage des [Hafenamts]"

    def said_by_in(self, language: str) -> str | None:
        """How pages of a language say that this entry made a statement, when the registry
        gives it (the part in brackets links to the entry's page); else None."""
        return dict(self.said_by).get(language)


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
    by_variant: dict  # variant (lower case) -> person id
    side_adjectives: tuple = ()  # (adjective as it begins, side id): "norwegisch" -> the side of Norway

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

def load_people(path: Path | str, sides=None) -> People:
    """Read and validate the registry; PeopleError lists every problem found. `sides` are
    the story's sides (config.Side, content/sides.yml): every entry must name one of them,
    and their adjectives tell a mention's side; without them any side id is taken."""
    path = Path(path)
    if not path.exists():
        raise PeopleError([Problem(str(path), None, "file not found", f"create {path.name}")])
    text = path.read_text(encoding="utf-8")
    try:
        data, lines = yamlsafe.load(text), _entry_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PeopleError([Problem(str(path), mark.line + 1 if mark else None,
                                   f"invalid YAML: {getattr(exc, 'problem', exc)}",
                                   "fix the YAML syntax at this line")]) from exc
    problems: list[Problem] = []
    ids = None if sides is None else tuple(side.id for side in sides)
    entries = validate(data, str(path), lines, problems, ids)
    if problems:
        raise PeopleError(problems)
    adjectives = tuple((a, side.id) for side in sides or () for a in side.adjectives)
    return build_people(entries, adjectives)


def _entry_lines(text: str) -> list[dict]:
    """For each entry of the YAML list: the 1-based line of each of its keys ("" = entry)."""
    root = yamlsafe.compose(text)
    if not isinstance(root, yaml.SequenceNode):
        return []
    lines = []
    for node in root.value:
        keys = {"": node.start_mark.line + 1}
        if isinstance(node, yaml.MappingNode):
            keys.update({k.value: k.start_mark.line + 1 for k, _ in node.value})
        lines.append(keys)
    return lines


def validate(data, path: str, lines: list[dict], problems: list[Problem], sides=None) -> list[Person]:
    """Check every entry against the schema; add a Problem per fault; return the good ones."""
    if not isinstance(data, list):
        problems.append(Problem(path, None, "expected a list of people at the top level",
                                "write one '- id: …' entry per person"))
        return []
    entries: list = []
    owners: dict = {}
    for index, raw in enumerate(data):
        where = lines[index] if index < len(lines) else {}
        person = _validate_entry(raw, index, path, where, problems, sides)
        if person is None:
            continue
        _check_unique(person, path, where, owners, problems)
        entries.append(person)
    return entries


def _problem(problems: list[Problem], path: str, where: dict, label: str, key: str,
             message: str, fix: str) -> None:
    """Record one fault of one key of one entry."""
    line = where.get(key) or where.get("")
    problems.append(Problem(path, line, f"{label}, key '{key}': {message}", fix))


def _validate_entry(raw, index: int, path: str, where: dict, problems: list[Problem],
                    sides=None) -> Person | None:
    """Check one entry; None when it is unusable."""
    label = f"entry {index + 1}"
    if not isinstance(raw, dict):
        problems.append(Problem(path, where.get(""), f"{label}: expected a mapping with keys {', '.join(KEYS)}",
                                "write the entry as 'id: …', 'name: …', … lines"))
        return None
    label = f"entry {index + 1} ({raw.get('id', 'no id')!s})"
    count = len(problems)
    report = lambda key, message, fix: _problem(problems, path, where, label, key, message, fix)
    for key in KEYS:
        if key not in raw:
            report(key, "missing", f"add '{key}:' to the entry")
    if len(problems) > count:
        return None
    for key in sorted(set(raw) - set(KEYS) - set(OPTIONAL)):
        report(key, "unknown key", f"remove it; the keys are {', '.join(KEYS + OPTIONAL)}")
    count = len(problems)
    _check_fields(raw, report)
    _check_side(raw, report, sides)
    if len(problems) > count:
        return None
    variants = tuple(dict.fromkeys([raw["name"], *raw["variants"]]))
    return Person(raw["id"], raw["name"], raw["kind"], variants, raw["gender"], raw["side"],
                  Role(raw["role"]["de"], raw["role"]["en"]), tuple(raw["role_nouns"]),
                  tuple(sorted((raw.get("said_by") or {}).items())))


def _check_fields(raw: dict, report) -> None:
    """Check the value of every key of one entry."""
    if not isinstance(raw["id"], str) or not SLUG.match(raw["id"]):
        report("id", f"expected a slug like 'anna-berg', got {raw['id']!r}", "use lower-case words joined by '-'")
    if not _text(raw["name"]):
        report("name", f"expected the name as text, got {raw['name']!r}", "write the name, e.g. 'Anna Berg'")
    if raw["kind"] not in KINDS:
        report("kind", f"expected one of {', '.join(KINDS)}, got {raw['kind']!r}",
               "set kind: person or kind: organisation")
    if not _text_list(raw["variants"]):
        report("variants", "expected a list of surface forms", "write e.g. variants: [Anna Berg, Berg, Bergs]")
    if raw["kind"] != "organisation" and raw["gender"] not in GENDERS:
        report("gender", f"expected m or f for a person, got {raw['gender']!r}", "set gender: m or gender: f")
    if raw["kind"] == "organisation" and raw["gender"] is not None:
        report("gender", f"expected null for an organisation, got {raw['gender']!r}", "set gender: null")
    role = raw["role"]
    if not (isinstance(role, dict) and set(role) == {"de", "en"} and _text(role["de"]) and _text(role["en"])):
        report("role", f"expected {{de: …, en: …}}, got {role!r}", "give the role in German and English")
    if not (isinstance(raw["role_nouns"], list) and all(_text(n) for n in raw["role_nouns"])):
        report("role_nouns", "expected a list of German nouns (may be empty: [])", "write e.g. role_nouns: [Minister]")
    _check_said_by(raw.get("said_by"), report)


def _check_said_by(said_by, report) -> None:
    """The optional phrase per language for "<entry> said it", with at most one [link]."""
    if said_by is not None and not (isinstance(said_by, dict) and said_by and all(
            isinstance(k, str) and _text(v) and SAID_BY.match(v) for k, v in said_by.items())):
        report("said_by", f"expected {{de: …, en: …}} with at most one [linked part] each, got {said_by!r}",
               "write e.g. said_by: {de: Aussage des [Hafenamts], en: said by the [port authority]}")


def _check_side(raw: dict, report, sides) -> None:
    """The side must be a slug, and one of the story's sides when they are known."""
    side = raw["side"]
    if not isinstance(side, str) or not SLUG.match(side):
        report("side", f"expected a side id like 'city', got {side!r}", "use an id of content/sides.yml")
    elif sides is not None and side not in sides:
        report("side", f"expected one of {', '.join(sides)} (content/sides.yml), got {side!r}",
               "use one of those ids, or add the side to content/sides.yml")


def _check_unique(person: Person, path: str, where: dict, owners: dict, problems: list[Problem]) -> None:
    """Ids and variants may belong to one entry only."""
    label = f"entry ({person.id})"
    if ("id", person.id) in owners:
        _problem(problems, path, where, label, "id", f"duplicate id {person.id!r}", "give every entry its own id")
    owners[("id", person.id)] = person.id
    for variant in person.variants:
        owner = owners.setdefault(("variant", variant.lower()), person.id)
        if owner != person.id:
            _problem(problems, path, where, label, "variants", f"{variant!r} is also a variant of {owner!r}",
                     "a surface form must name one entry only; remove it from one of them")


def _text(value) -> bool:
    """Whether a value is non-empty text."""
    return isinstance(value, str) and bool(value.strip())


def _text_list(value) -> bool:
    """Whether a value is a non-empty list of non-empty texts."""
    return isinstance(value, list) and bool(value) and all(_text(v) for v in value)


def build_people(entries: list[Person], side_adjectives: tuple = ()) -> People:
    """The registry with its variant matcher (longest variant first, whole words only).

    An organisation's variants also match in the genitive ("des Außenministeriums"), and a
    variant that names a seat, "Außenministerium in Bern", also as "Berner Außenministerium"."""
    by_variant = {v.lower(): p.id for p in entries for v in p.variants}
    for person in entries:
        if person.kind == "organisation":
            for form in _organisation_forms(person.variants):
                by_variant.setdefault(form.lower(), person.id)
    variants = sorted(by_variant, key=len, reverse=True)
    alternation = "|".join(re.escape(v) for v in variants) or "(?!)"
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
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


# ---------------------------------------------------------------------------
# Speaker resolution

_WORD = re.compile(r"[\w-]+")

# How a speaker was found (Speaker.how).
NAMED = "named"  # a registry variant in the mention: "Verkehrsministerin Berg"
UNREGISTERED = "unregistered"  # a personal name the registry lacks: "der Senator Anna Berg"
PRONOUN = "pronoun"  # "er", "sie": the one fitting person just named
ROLE = "role"  # a role noun of the registry: "der Minister", with one fitting person in reach
EPITHET = "epithet"  # another description of a person: "der SPD-Politiker", "die 60-Jährige"
DISCOURSE = "discourse"  # a pronoun or description taking up the last speaker

DISCOURSE_SENTENCES = 2  # the last speaker is taken up this many sentences later at most


@dataclass(frozen=True)
class Speaker:
    """Whom a quotation's speaker mention refers to, and how that was found."""

    person: str | None = None  # the registry id
    name: str | None = None  # the name as written, for a person the registry lacks
    how: str | None = None  # NAMED, UNREGISTERED, …; None when it is not safe to say

    @property
    def key(self) -> str | None:
        """What pages show: the registry id, else the name (a name is never a slug)."""
        return self.person or self.name


def resolve_speakers(text: str, quotes, people: People) -> list[str | None]:
    """The person id of each quote's speaker mention, or None when it is not safe to say."""
    return [speaker.person for speaker in resolve_voices(text, quotes, people)]


def resolve_voices(text: str, quotes, people: People) -> list[Speaker]:
    """Whom each quote's speaker mention refers to, in the order of the quotes.

    The speaker resolved last is remembered: a pronoun or description a little later
    that fits it, and no other person just named, takes it up."""
    context = Context.of(text, people, quotes)
    out, last = [], None  # last: (where, person id) of the latest quote with a resolved person
    for quote in quotes:
        start, end = _field(quote, "speaker_start"), _field(quote, "speaker_end")
        speaker = Speaker() if start is None else resolve_mention(text, start, end, people, context, last)
        if speaker.person:
            last = (max(start, _field(quote, "start") or start), speaker.person)
        out.append(speaker)
    return out


@dataclass(frozen=True)
class Context:
    """What resolution needs to know of a text: its sentences and its candidate antecedents."""

    sentence_starts: tuple[int, ...]
    names: tuple[Mention, ...]  # names outside quotes: antecedents of role nouns ("der Minister")
    subjects: tuple[Mention, ...]  # of those, the ones a pronoun ("er") can take up

    @classmethod
    def of(cls, text: str, people: People, quotes=()) -> Context:
        """Split the text into sentences and find the names that can be antecedents: not
        inside quotation marks, nor inside what `quotes` report ("Sie sagte, nur der
        Kanzler entscheide." does not make the chancellor the next "er")."""
        quoted = quoted_spans(text)
        starts = tuple(s for s, _ in sentence_spans(text, quoted)) or (0,)
        reported = [(_field(q, "start"), _field(q, "end")) for q in quotes]
        spans = _merged(quoted + [(a, b) for a, b in reported if isinstance(a, int) and isinstance(b, int)])
        quote_starts = [a for a, _ in spans]
        names = tuple(m for m in people.mentions(text) if not _inside(m.start, spans, quote_starts))
        return cls(starts, names, tuple(m for m in names if _antecedent(text, m, people)))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint spans covering the same characters as the given ones."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _inside(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether a position lies inside one of the sorted, disjoint spans."""
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _antecedent(text: str, mention: Mention, people: People) -> bool:
    """Whether a name can be taken up by a subject pronoun: not after a preposition
    ("mit Moor"), not a genitive ("Moors Sprecher")."""
    before = re.search(r"(\w+)\W*$", text[max(0, mention.start - 30):mention.start])
    if before and before.group(1).lower() in _PREPOSITIONS:
        return False
    word = text[mention.start:mention.end]
    return not (word.endswith("s") and word[:-1].lower() in people.by_variant)


_PREPOSITIONS = lexicon.words("object_prepositions")


def resolve_mention(text: str, start: int, end: int, people: People, context: Context,
                    last: tuple[int, str] | None = None) -> Speaker:
    """Whom a speaker mention text[start:end] refers to; `last` is the latest speaker
    resolved before it (where they spoke, person id)."""
    named = _named(text, start, end, people)
    if named:
        return Speaker(named, None, NAMED)
    words = [w.lower() for w in _WORD.findall(text[start:end])]
    if len(words) == 1 and words[0] in PRONOUN_GENDER:
        gender = PRONOUN_GENDER[words[0]]
        fits = lambda p: p.kind == "person" and p.gender == gender
        window = _window_start(context.sentence_starts, start, PRONOUN_SENTENCES)
        return _taken_up(_candidates(context.subjects, window, start, people, fits), PRONOUN,
                         last, start, people, context, fits)
    if _role_nouns(words, people):
        return _by_role(words, start, people, context)
    name = unregistered_name(text[start:end])
    if name:
        return Speaker(None, name, UNREGISTERED)
    return _by_epithet(words, start, people, context, last)


def _role_nouns(words: list[str], people: People) -> bool:
    """Whether a mention holds a role noun of the registry."""
    nouns = {_norm(w) for w in words}
    return any(_norm(n) in nouns for p in people.entries for n in p.role_nouns)


def _by_role(words: list[str], start: int, people: People, context: Context) -> Speaker:
    """A registry role noun ("der Minister"): the one entry with that role named in reach."""
    nouns, side = {_norm(w) for w in words}, _side(words, people)
    fits = lambda p: bool(nouns & {_norm(n) for n in p.role_nouns}) and side in (None, p.side)
    window = _window_start(context.sentence_starts, start, ROLE_SENTENCES)
    found = _candidates(context.names, window, start, people, fits)
    return Speaker(found[0], None, ROLE) if len(found) == 1 else Speaker()


def _by_epithet(words: list[str], start: int, people: People, context: Context,
                last: tuple[int, str] | None) -> Speaker:
    """A definite description of a person ("der SPD-Politiker", "die 60-Jährige"): the one
    person of its gender just named, or the last speaker."""
    gender = epithet_gender(words)
    if gender is None:
        return Speaker()
    fits = lambda p: p.kind == "person" and p.gender == gender
    window = _window_start(context.sentence_starts, start, PRONOUN_SENTENCES)
    return _taken_up(_candidates(context.names, window, start, people, fits), EPITHET,
                     last, start, people, context, fits)


def _taken_up(found: list[str], how: str, last: tuple[int, str] | None, start: int, people: People,
              context: Context, fits) -> Speaker:
    """The one candidate just named; else the last speaker, when it fits, is recent and is
    not in competition with another person named in between."""
    if len(found) == 1:
        return Speaker(found[0], None, how)
    if last is None or not fits(people.get(last[1])) or (found and last[1] not in found):
        return Speaker()
    spoke = bisect_right(context.sentence_starts, last[0])
    if bisect_right(context.sentence_starts, start) - spoke > DISCOURSE_SENTENCES:
        return Speaker()
    return Speaker(last[1], None, DISCOURSE)


def epithet_gender(words: list[str]) -> str | None:
    """The gender of a definite description of one person ("der Republikaner" -> m,
    "die Politikerin" -> f), or None when the words are not such a description."""
    if len(words) < 2 or words[0] not in ("der", "die"):
        return None
    head = words[-1]
    if not head.endswith(lexicon.entries("person_endings")) or head.endswith(lexicon.entries("not_person_heads")) \
            or head.split("-")[-1].endswith(lexicon.entries("relational_persons")):
        return None
    if words[0] == "der":
        return "m"
    return "f" if head.endswith(("in", "frau", "jährige")) else None


_NAME_TOKEN = re.compile(r"[\w.'’-]+|[^\w\s]")


@lru_cache(maxsize=4096)
def unregistered_name(mention: str) -> str | None:
    """The personal name a mention ends in, when a tagger reads it as one: two or more
    proper nouns at the end ("der Vizechef des Rates, Anna Berg" -> "Anna Berg"), not
    right after an article. A single word ("Berg", "Oslo") is too often a place or a
    guess to name anyone."""
    tokens = _NAME_TOKEN.findall(mention)
    if "(" in tokens:
        tokens = tokens[:tokens.index("(")]  # "Anna Berg (Grüne)"
    tags = tagged(tuple(tokens))
    first = len(tags)
    while first and tags[first - 1][1] == "NE" and tags[first - 1][0][:1].isupper():
        first -= 1
    if len(tags) - first < 2 or (first and tags[first - 1][1] == "ART"):
        return None  # one word, or a title after an article ("dem Weißen Haus")
    return " ".join(word for word, _ in tags[first:])


@lru_cache(maxsize=1)
def _tagger():
    """HanTa's German model (in its wheel; loaded once, on first use)."""
    from HanTa import HanoverTagger
    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def tagged(tokens: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each token with its part of speech (STTS tags, as HanTa gives them)."""
    if not tokens:
        return []
    return [(word, tag) for word, _, tag in _tagger().tag_sent(list(tokens), taglevel=1)]


def _named(text: str, start: int, end: int, people: People) -> str | None:
    """The entry named in a mention: the last variant starting inside it (the NP's head)."""
    limit = end
    while limit < len(text) and limit < end + 40 and text[limit] not in ",.;:!?()\n":
        limit += 1  # let a variant run on past the mention: "das Außenministerium in Bern"
    inside = [m for m in people.mentions(text, start, limit) if m.start < end]
    return inside[-1].person if inside else None


def _candidates(antecedents: tuple[Mention, ...], window: int, start: int, people: People, fits) -> list[str]:
    """The entries that fit among the antecedents between `window` and `start`, in text order."""
    lo = bisect_left(antecedents, window, key=lambda m: m.start)
    hi = bisect_left(antecedents, start, key=lambda m: m.start)
    named = dict.fromkeys(m.person for m in antecedents[lo:hi])
    return [pid for pid in named if fits(people.get(pid))]


def _window_start(starts: tuple[int, ...], pos: int, back: int) -> int:
    """The start of the sentence `back` sentences before the one containing `pos`."""
    return starts[max(0, bisect_right(starts, pos) - 1 - back)]


def _side(words: list[str], people: People) -> str | None:
    """The side an adjective in a mention points to ("der norwegische Minister"), if any."""
    for word in words:
        for stem, side in people.side_adjectives:
            if word.startswith(stem):
                return side
    return None


def _norm(word: str) -> str:
    """A noun for comparison: lower case, without hyphens ("Hafen-Chef" = "Hafenchef")."""
    return word.lower().replace("-", "")


def _field(item, name: str):
    """A field of a quote given as an object or a dict."""
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)
