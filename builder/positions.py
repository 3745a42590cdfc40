"""Positions at a glance: who of the registry's people speaks to which sub-theme of a topic.

A topic's claims that a registered person or body made (`Claim.speaker`) are laid out as
a table: one row per speaker, grouped by side in the order of content/sides.yml; one
column per section of the topic (and "Further points") in which someone speaks; each
cell holds the claims of that speaker in that section and how many independent reports
carry them. Pure queries of the site model; the topic page renders the result.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .model import Claim


@dataclass(frozen=True)
class Cell:
    """One speaker's claims on one sub-theme, and the independent reports that carry them."""

    claims: tuple[Claim, ...]
    reports: int


@dataclass(frozen=True)
class Row:
    """A speaker (people.Person) and a cell per column."""

    person: Any  # people.Person
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class SideRows:
    """The rows of one side, in the people's order."""

    side: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Positions:
    """The table of a topic: its columns (section ids; None is "Further points") and rows by side."""

    columns: tuple[str | None, ...]
    sides: tuple[SideRows, ...]

    @property
    def speakers(self) -> int:
        """How many speakers the table has."""
        return sum(len(s.rows) for s in self.sides)

    @property
    def as_table(self) -> bool:
        """Whether a table says more than a list: several columns and someone in them."""
        return len(self.columns) > 1 and self.speakers > 0


def positions_of(topic, people: Iterable, count: Callable[[Iterable[str]], int]) -> Positions:
    """The positions table of a topic page; `people` in the order of their sides (Site.people),
    `count(article_ids)` the number of independent reports among some articles."""
    by_id = {p.id: p for p in people}
    spoken = [c for c in topic.claims if c.speaker in by_id]
    sections = [s.id for s in topic.config.sections] + [None]
    columns = tuple(s for s in sections if any(c.section == s for c in spoken))
    rows = []
    for person in by_id.values():
        mine = [c for c in spoken if c.speaker == person.id]
        if mine:
            rows.append(Row(person, tuple(_cell([c for c in mine if c.section == col], count) for col in columns)))
    return Positions(columns, by_side(rows))


def by_side(rows: list[Row]) -> tuple[SideRows, ...]:
    """Rows grouped by their person's side, in the order they come (Site.people is by side)."""
    sides: list[SideRows] = []
    for row in rows:
        if sides and sides[-1].side == row.person.side:
            sides[-1] = SideRows(row.person.side, sides[-1].rows + (row,))
        else:
            sides.append(SideRows(row.person.side, (row,)))
    return tuple(sides)


def _cell(claims: list[Claim], count: Callable[[Iterable[str]], int]) -> Cell:
    """A cell of the claims given (in reading order)."""
    return Cell(tuple(claims), count({a for c in claims for a in c.sources}) if claims else 0)
