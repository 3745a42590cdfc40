"""Positions at a glance: who of the registry's people speaks to which sub-theme of a topic.

A topic's claims that a registered person or body made (`Claim.speaker`) are laid out as
a table: one row per speaker, grouped by side in the order of content/sides.yml; one
column per section of the topic (and "Further points") in which someone speaks; each
cell holds the claims of that speaker in that section and how many independent reports
carry them. Pure queries of the site model; the topic page renders the result. The
table's classes (Positions, SideRows, Row, Cell) are in builder/model.py.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from .model import Cell, Claim, Person, Positions, Row, SideRows, TopicPage


def positions_of(topic: TopicPage, people: Iterable[Person], count: Callable[[Iterable[str]], int]) -> Positions:
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
