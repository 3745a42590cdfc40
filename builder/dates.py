"""When a sentence says something happened: explicit dates as they stand, relative days
resolved against the date of the article that says them, never a day that is not known.

"am 12. Februar 2025", "12.02.2025" are days; "im Februar 2025" is a month; a date without
a year takes the article's year. "am Mittwoch", "gestern", "vergangene Woche" count from the
article's day, so they are resolved only when the article's date is known to the day;
otherwise the sentence is dated "reported" with the article's date as precisely as it is
known (a month, a year), or not at all. An explicit date wins over a relative one.

The words come from builder/lexicons (months, weekdays, relative_days, week_words,
future_markers); the names a page shows come from the page's UI strings (`format_date`).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import cache

from . import lexicon
from .model import (BASIS_RANK, DAY, EXPLICIT, MONTH, PRECISION_RANK, RELATIVE, REPORTED,  # noqa: F401
                    WEEK, YEAR, When)  # (the date class and its kinds, in model.py: passed on)

DAYTIME = "(?:abend|morgen|mittag|nachmittag|vormittag|nacht)"  # "Mittwochabend" is Wednesday


@cache
def _names(lexicon_name: str) -> dict[str, int]:
    """Each spelling of a lexicon of numbered names (one name a line, "|" between
    spellings) -> its line number, from 1."""
    return {spelling: n for n, line in enumerate(lexicon.entries(lexicon_name), start=1)
            for spelling in line.split("|")}


@cache
def _counted(lexicon_name: str) -> dict[str, int]:
    """A lexicon of "word count" lines as {word: count}."""
    return {word: int(count) for word, count in (line.rsplit(" ", 1) for line in lexicon.entries(lexicon_name))}


def _alternatives(words) -> str:
    """A regular-expression group of words, the longer first."""
    return "(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _either_case(word: str) -> str:
    """A relative-day word as an expression: lower case, and capitalised unless it is
    marked "*" (then its capitalised form is a noun)."""
    if word.endswith("*"):
        return re.escape(word[:-1])
    return f"[{word[0]}{word[0].upper()}]{re.escape(word[1:])}"


@cache
def _patterns() -> dict[str, re.Pattern]:
    """The expressions the reader looks for, made from the lexicons."""
    month = _alternatives(_names("months"))
    weekday = _alternatives(_names("weekdays"))
    week_word = "(?i:" + _alternatives(_counted("week_words")) + r"(?:e|en|er|es)?)"
    end = r"(?![\wäöüß])"
    return {
        "day_month": re.compile(rf"\b(\d{{1,2}})\.\s*{month}(?:\s+(\d{{4}}))?{end}"),
        "numeric": re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?!\d)"),
        "iso": re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        "month_year": re.compile(rf"\b{month}\s+(\d{{4}})\b"),
        "in_month": re.compile(rf"\b(?:[Ii]m|[Ss]eit|[Bb]is|Anfang|Mitte|Ende)\s+{month}{end}"),
        "weekday": re.compile(rf"(?:\b{week_word}\s+)?\b(?P<day>{weekday[1:-1]}){DAYTIME}?{end}"),
        "relative_day": re.compile(r"(?<![\wäöüß])(" + "|".join(_either_case(w) for w in _counted("relative_days"))
                                   + ")" + end),
        "week": re.compile(rf"\b{week_word}\s+Woche{end}"),
    }


def parse_article_date(text: str | None) -> tuple[dt.date | None, str | None, int | None]:
    """An article's ISO date as (the day when known to the day, its month "YYYY-MM" when
    known, its year when known)."""
    if not text:
        return None, None, None
    parts = [int(p) for p in text.split("-")]
    day = dt.date(*parts) if len(parts) == 3 else None
    return day, text[:7] if len(parts) >= 2 else None, parts[0]


def resolve(sentence: str, article_date: str | None) -> When | None:
    """When a sentence says its event happened, or None when it names no date."""
    return _explicit(sentence, article_date) or _relative(sentence, article_date)


def _explicit(sentence: str, article_date: str | None) -> When | None:
    """The first date the sentence writes out (a day, else a month), the article's year
    completing one without a year; None when there is none or its year is unknown."""
    _, _, year = parse_article_date(article_date)
    p = _patterns()
    found = []
    for m in p["day_month"].finditer(sentence):
        found.append((m.start(), _day(m.group(3) or year, _names("months")[m.group(2)], m.group(1))))
    for m in p["numeric"].finditer(sentence):
        given = m.group(3)
        full = (2000 + int(given) if len(given) == 2 else int(given)) if given else year
        found.append((m.start(), _day(full, m.group(2), m.group(1))))
    for m in p["iso"].finditer(sentence):
        found.append((m.start(), _day(m.group(1), m.group(2), m.group(3))))
    for m in p["month_year"].finditer(sentence):
        found.append((m.start(), _month(m.group(2), _names("months")[m.group(1)])))
    for m in p["in_month"].finditer(sentence):
        found.append((m.start(), _month(year, _names("months")[m.group(1)])))
    dates = [(start, when) for start, when in found if when is not None]
    return min(dates, key=lambda d: (d[1].rank, d[0]))[1] if dates else None


def _day(year, month, day) -> When | None:
    """A day of the calendar, or None when it is not one (or its year is unknown)."""
    if year is None:
        return None
    try:
        return When(dt.date(int(year), int(month), int(day)).isoformat(), DAY, EXPLICIT)
    except ValueError:
        return None


def _month(year, month) -> When | None:
    """A month, or None when its year is unknown."""
    if year is None or not 1 <= int(month) <= 12:
        return None
    return When(f"{int(year):04d}-{int(month):02d}", MONTH, EXPLICIT)


def _relative(sentence: str, article_date: str | None) -> When | None:
    """A weekday, relative day or week of the sentence counted from the article's day;
    the article's date as it is known ("reported") when that day is not known."""
    p = _patterns()
    hits = [(m.start(), kind, m) for kind in ("weekday", "relative_day", "week") for m in p[kind].finditer(sentence)]
    if not hits:
        return None
    day, month, year = parse_article_date(article_date)
    if day is None:
        if month:
            return When(month, MONTH, REPORTED)
        return When(str(year), YEAR, REPORTED) if year else None
    _, kind, match = min(hits, key=lambda h: h[0])
    return _counted_from(kind, match, day, sentence)


def _counted_from(kind: str, match: re.Match, day: dt.date, sentence: str) -> When:
    """The day or week a relative expression means, counted from the article's day."""
    if kind == "relative_day":
        return When((day + dt.timedelta(days=_day_count(match.group(0)))).isoformat(), DAY, RELATIVE)
    weeks = _week_count(match.group(0))
    if kind == "week":
        monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=weeks or 0)
        return When(monday.isoformat(), WEEK, RELATIVE)
    target = _names("weekdays")[match.group("day")] - 1
    return When(_weekday(day, target, weeks, _future(sentence)).isoformat(), DAY, RELATIVE)


def _day_count(word: str) -> int:
    """The days from the article's day that a relative-day word means ("gestern" -1)."""
    counts = {w.rstrip("*"): n for w, n in _counted("relative_days").items()}
    return counts[word.lower()]


def _week_count(text: str) -> int | None:
    """The week a "vergangene"/"nächste" before the noun means (None when there is none)."""
    first = text.split()[0].lower() if " " in text else ""
    for stem, count in _counted("week_words").items():
        if first.startswith(stem):
            return count
    return None


def _weekday(day: dt.date, target: int, weeks: int | None, future: bool) -> dt.date:
    """The weekday `target` (0 = Monday) nearest the article's day: the day itself, else the
    last one before it, or the next one after it in a sentence about the future or after
    "nächsten"/"kommenden"; "vergangenen" takes the last one before it."""
    back = (day.weekday() - target) % 7
    if weeks is None:
        if back == 0:
            return day
        return day + dt.timedelta(days=7 - back) if future else day - dt.timedelta(days=back)
    if weeks < 0:
        return day - dt.timedelta(days=back or 7)
    if weeks > 0:
        return day + dt.timedelta(days=(7 - back) or 7)
    return day - dt.timedelta(days=back)  # "diesen Montag": this week's


def _future(sentence: str) -> bool:
    """Whether a sentence speaks of what is to come (one of its words is a future marker)."""
    return any(w in lexicon.words("future_markers") for w in re.findall(r"[\wäöüß]+", sentence.lower()))


def format_date(when: When, months: list[str], patterns: dict[str, str]) -> str:
    """A date in a page's language: `months` are the twelve names, `patterns` hold
    "{day}", "{month}" and "{year}" per precision (date_day, date_month, date_year, date_week)."""
    parts = [int(p) for p in when.iso.split("-")]
    values = {"year": str(parts[0]), "month": months[parts[1] - 1] if len(parts) > 1 else "",
              "day": str(parts[2]) if len(parts) > 2 else ""}
    pattern = patterns["date_" + when.precision]
    if when.precision == WEEK:
        pattern = pattern.replace("{date}", patterns["date_day"])
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], pattern)


def names_day(sentence: str) -> bool:
    """Whether a sentence names a day, dated or not ("am Mittwoch", "am 12. Februar")."""
    p = _patterns()
    return any(p[kind].search(sentence) for kind in ("day_month", "numeric", "weekday", "relative_day", "week"))
