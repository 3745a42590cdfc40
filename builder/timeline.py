"""The timeline: the claims of the topic pages that say when something happened, in the
order of time. A claim's date is the best one its cited sentences give (builder/dates.py):
the most precise, then the one a sentence writes out; a claim cited on two topic pages
is one entry linking to both.
"""
from __future__ import annotations

from . import dates
from .model import Claim, Entry, TopicPage, When


def claim_when(claim: Claim, article_dates: dict[str, str | None]) -> When | None:
    """The best date a claim's cited sentences give, each read against its article's date
    (`article_dates`: article id -> ISO date or None); None when none names one."""
    found = [(when, i) for i, c in enumerate(claim.citations)
             if (when := dates.resolve(c.quote, article_dates.get(c.article))) is not None]
    return min(found, key=lambda f: (f[0].rank, f[1]))[0] if found else None


def undated(claim: Claim) -> bool:
    """Whether a claim's sentences name a day but none can be dated (their articles have no date)."""
    return any(dates.names_day(c.quote) for c in claim.citations)


def entries(topics: tuple[TopicPage, ...], article_dates: dict[str, str | None]) -> tuple[Entry, ...]:
    """The timeline of some topic pages (TopicPage), earliest first."""
    merged: dict[tuple, list] = {}
    whens: dict[tuple, When] = {}
    for topic in topics:
        for claim in topic.claims:
            when = claim_when(claim, article_dates)
            if when is None:
                continue
            first = claim.citations[0]
            key = (when, first.article, first.start)
            whens[key] = when
            merged.setdefault(key, []).append((topic.config.id, claim))
    order = sorted(merged, key=lambda k: (whens[k].sort_key, whens[k].rank, k[1], k[2]))
    return tuple(Entry(whens[k], tuple(merged[k])) for k in order)
