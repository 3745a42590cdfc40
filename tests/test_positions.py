"""Positions at a glance: the speakers of a topic by side × its sub-themes (invented data)."""
from __future__ import annotations

from types import SimpleNamespace

from builder.config import Section, TopicConfig
from builder.model import Citation, Claim
from builder.positions import positions_of
from builder.site import TopicPage, reports_among


def claim(cid: str, section: str | None, speaker: str | None, *articles: str) -> Claim:
    """A claim with one citation per article."""
    cites = tuple(Citation(a, 1, 0, 0, 5, "Satz.") for a in articles)
    return Claim(cid, f"Aussage {cid}.", "de", cites, section, speaker)


def page(*claims: Claim, sections=("ferry", "bridge", "tunnel")) -> TopicPage:
    config = TopicConfig("t", {"de": "T"}, {"de": "…"}, (), (), 2.0,
                         tuple(Section(s, {"de": s}, ()) for s in sections), (), {})
    return TopicPage(config, claims, (), ())


# The registry's people as Site.people orders them: by side (city first), then name.
PEOPLE = (SimpleNamespace(id="anna-muster", side="city"), SimpleNamespace(id="ben-beispiel", side="city"),
          SimpleNamespace(id="port-office", side="port"))


def count(reports: dict):
    return lambda articles: reports_among(articles, reports)


def test_rows_follow_the_sides_and_cells_link_their_claims_with_independent_reports():
    topic = page(claim("c-1", "ferry", "anna-muster", "a1", "a2"),
                 claim("c-2", "ferry", "anna-muster", "a2", "a3"),
                 claim("c-3", "bridge", "port-office", "a1"),
                 claim("c-4", "bridge", "ben-beispiel", "a4"),
                 claim("c-5", "tunnel", None, "a1"),  # nobody speaks: no column for it
                 claim("c-6", "tunnel", "Erika Unbekannt", "a1"))  # not in the registry: no row
    # a3 is a copy of the report a2 prints: they count once.
    reports = {"a2": SimpleNamespace(id="r1"), "a3": SimpleNamespace(id="r1")}
    table = positions_of(topic, PEOPLE, count(reports))
    assert table.columns == ("ferry", "bridge")
    assert [(s.side, [r.person.id for r in s.rows]) for s in table.sides] == [
        ("city", ["anna-muster", "ben-beispiel"]), ("port", ["port-office"])]
    anna = table.sides[0].rows[0]
    assert [c.id for c in anna.cells[0].claims] == ["c-1", "c-2"] and anna.cells[0].reports == 2
    assert anna.cells[1].claims == () and anna.cells[1].reports == 0
    assert table.as_table and table.speakers == 3


def test_further_points_are_a_column_when_someone_speaks_there():
    topic = page(claim("c-1", None, "ben-beispiel", "a1"), claim("c-2", "bridge", "port-office", "a2"))
    table = positions_of(topic, PEOPLE, count({}))
    assert table.columns == ("bridge", None)


def test_one_column_is_not_a_table_and_no_speaker_is_nothing():
    one = positions_of(page(claim("c-1", "ferry", "anna-muster", "a1"), claim("c-2", "ferry", "port-office", "a2")),
                       PEOPLE, count({}))
    assert one.columns == ("ferry",) and not one.as_table and one.speakers == 2
    none = positions_of(page(claim("c-1", "ferry", None, "a1")), PEOPLE, count({}))
    assert none.speakers == 0 and none.sides == () and not none.as_table
