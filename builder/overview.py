"""The overview at the top of a topic page: a few of its claims, chosen by a general rule,
or the editors' own text from content/overviews/ (see the README there).

The rule: the claims most independent reports carry, each fact once (`site.distinct_facts`),
spread over the topic's sections and the sides of the people who speak; a claim in a
section or of a side the overview does not have yet counts as one report more. Claims of
a single report come in only when the topic has too few others, and the overview never
holds every claim of its topic (it would only repeat the page).
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .model import Editorial
from .problems import ConfigError, Problem

OVERVIEW_MAX = 4  # sentences of a generated overview
OVERVIEW_MIN = 3  # ... taken from single-report claims too when fewer are corroborated
SPREAD_BONUS = 1  # a new section or side weighs as much as one more report
REPLACE, EXTEND = "replace", "extend"
FOLDER = Path("content") / "overviews"
README = "README.md"  # says how the folder works; not an overview
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)


def choose(ranked: list, total: int, sections: tuple[str, ...], sides: dict) -> tuple:
    """The overview's claims, in the order of the topic's sections. `ranked` holds rows
    (claim, order, priority, reports) best first, each fact once; `total` is the number of
    the topic's claims; `sides` maps a speaker to their side."""
    limit = min(OVERVIEW_MAX, total - 1)
    pool = [r for r in ranked if r[3] > 1 or r[2] > 0]
    if len(pool) < OVERVIEW_MIN:
        pool = list(ranked)
    chosen: list = []
    while pool and len(chosen) < limit:
        best = max(pool, key=lambda r: (r[3] + SPREAD_BONUS * _novelty(r[0], chosen, sides), -pool.index(r)))
        chosen.append(best)
        pool.remove(best)
    place = {section: i for i, section in enumerate(sections)}
    rank = {id(r[0]): i for i, r in enumerate(ranked)}
    ordered = sorted(chosen, key=lambda r: (place.get(r[0].section, len(place)), rank[id(r[0])]))
    return tuple(r[0] for r in ordered)


def _novelty(claim, chosen: list, sides: dict) -> int:
    """How many new things a claim brings to the overview: its section, its speaker's side."""
    sections = {r[0].section for r in chosen}
    taken = {sides.get(r[0].speaker) for r in chosen} - {None}
    side = sides.get(claim.speaker)
    return (claim.section not in sections) + (side is not None and side not in taken)


def load_editorial(folder: Path, topic_ids, languages, shown=str) -> dict[tuple[str, str], Editorial]:
    """The editors' overviews by (topic id, language); every problem is listed before the
    build stops (ConfigError). `shown` makes a path short for messages."""
    found: dict[tuple[str, str], Editorial] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        if path.name == README:
            continue
        entry = _read_editorial(path, set(topic_ids), tuple(languages), str(shown(path)), problems)
        if entry is not None:
            found[(entry.topic, entry.language)] = entry
    if problems:
        raise ConfigError(problems)
    return found


def _read_editorial(path: Path, topic_ids: set, languages: tuple, where: str, problems: list) -> Editorial | None:
    """One editors' overview file, or None (with its problems told) when it cannot be used."""
    def fail(line: int | None, message: str, fix: str) -> None:
        problems.append(Problem(where, line, message, fix))

    topic, _, language = path.stem.rpartition(".")
    if not topic or language not in languages:
        example = f"{sorted(topic_ids)[0] if topic_ids else 'topic'}.{languages[0]}.md"
        fail(None, f"the file name does not end in a site language ({', '.join(languages)})",
             f"name it <topic-id>.<language>.md, e.g. {example}")
        return None
    if topic not in topic_ids:
        fail(None, f"no topic has the id {topic!r}",
             f"use one of the ids of content/topics.yml: {', '.join(sorted(topic_ids))}")
        return None
    text = path.read_text(encoding="utf-8")
    mode, body = _front_matter(text, fail)
    if mode is None:
        return None
    if not body.strip():
        fail(None, "the overview has no text",
             "write the overview in Markdown below the front matter, or delete the file")
        return None
    return Editorial(topic, language, mode, body.strip() + "\n", where)


def _front_matter(text: str, fail) -> tuple[str | None, str]:
    """(the mode the front matter chooses, REPLACE without one; the Markdown after it)."""
    found = FRONT_MATTER.match(text)
    if not found:
        return REPLACE, text
    try:
        meta = yaml.safe_load(found.group(1)) or {}
    except yaml.YAMLError as exc:
        fail(None, f"the front matter is not YAML ({exc})",
             "write it as `mode: replace` or `mode: extend` between --- lines")
        return None, ""
    mode = meta.get("mode", REPLACE) if isinstance(meta, dict) else None
    if mode not in (REPLACE, EXTEND):
        fail(2, f"mode: expected 'replace' or 'extend', got {mode!r}",
             "`mode: replace` shows only this text; `mode: extend` shows it before the sentences "
             "chosen from the sources")
        return None, ""
    unknown = sorted(set(meta) - {"mode"})
    if unknown:
        fail(2, f"unknown front matter key {unknown[0]!r}", "the only key is `mode:` (replace or extend)")
        return None, ""
    return mode, text[found.end():]
