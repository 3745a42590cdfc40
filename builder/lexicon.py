"""Word lists as data: `builder/lexicons/NAME.txt`, one entry a line.

The comment at the top of each file says what kind of words it holds and what the
builder does with them; `#` starts a comment anywhere on a line. Entries are kept as
written (lower case for words compared in lower case) and in file order, so a list of
endings can be handed to `str.endswith` as it stands. A missing file is a bug of the
builder, not of the user's input, and raises at once.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

DIRECTORY = Path(__file__).parent / "lexicons"


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of one lexicon in file order, without comments and blank lines."""
    text = (DIRECTORY / f"{name}.txt").read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(dict.fromkeys(line for line in lines if line))


@cache
def words(name: str) -> frozenset[str]:
    """The entries of one lexicon as a set, for look-ups."""
    return frozenset(entries(name))
