"""Reading when a sentence says something happened (builder/dates.py), with invented sentences."""
from __future__ import annotations

import pytest

from builder import dates
from builder.dates import DAY, EXPLICIT, MONTH, RELATIVE, REPORTED, WEEK, YEAR, When, format_date, resolve

THURSDAY = "2031-05-08"  # a Thursday
GERMAN = {"date_day": "{day}. {month} {year}", "date_week": "Woche ab dem {date}", "date_month": "{month} {year}",
          "date_year": "{year}"}
ENGLISH = {"date_day": "{day} {month} {year}", "date_week": "week of {date}", "date_month": "{month} {year}",
           "date_year": "{year}"}
MONATE = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
MONTHS = "January February March April May June July August September October November December".split()


def test_a_weekday_before_the_articles_day_is_the_last_one_before_it():
    assert resolve("Der Stadtrat stimmte am Mittwoch über den Haushalt ab.", THURSDAY) \
        == When("2031-05-07", DAY, RELATIVE)
    assert resolve("Am Montag hatte die Kammer getagt.", THURSDAY) == When("2031-05-05", DAY, RELATIVE)


def test_the_articles_own_weekday_is_its_day():
    assert resolve("Die Ministerin reiste am Donnerstag nach Graz.", THURSDAY).iso == THURSDAY


def test_a_weekday_after_the_articles_day_in_a_sentence_about_the_future_is_the_next_one():
    assert resolve("Der Ausschuss wird am Montag entscheiden.", THURSDAY) == When("2031-05-12", DAY, RELATIVE)
    assert resolve("Der Markt öffnet am kommenden Dienstag.", THURSDAY).iso == "2031-05-13"
    assert resolve("Am vergangenen Donnerstag fiel der Strom aus.", THURSDAY).iso == "2031-05-01"


def test_relative_days_and_weeks_count_from_the_articles_day():
    assert resolve("Gestern sprach der Kämmerer vor der Presse.", THURSDAY).iso == "2031-05-07"
    assert resolve("Die Fähre fährt heute nicht.", THURSDAY).iso == THURSDAY
    assert resolve("Vergangene Woche gab es Streit im Rat.", THURSDAY) == When("2031-04-28", WEEK, RELATIVE)
    assert resolve("Am Morgen schien die Sonne.", THURSDAY) is None  # the noun, not "tomorrow"
    assert resolve("Am Samstagabend spielte die Kapelle.", THURSDAY).iso == "2031-05-03"


def test_without_the_articles_day_a_weekday_is_no_day():
    assert resolve("Der Stadtrat stimmte am Mittwoch ab.", "2031-05") == When("2031-05", MONTH, REPORTED)
    assert resolve("Der Stadtrat stimmte am Mittwoch ab.", "2031") == When("2031", YEAR, REPORTED)
    assert resolve("Der Stadtrat stimmte am Mittwoch ab.", None) is None
    assert resolve("Gestern regnete es in Linz.", None) is None


def test_an_explicit_date_wins_over_a_weekday():
    assert resolve("Am Mittwoch, dem 16. April 2031, eröffnete die Messe.", THURSDAY) \
        == When("2031-04-16", DAY, EXPLICIT)
    assert resolve("Die Messe eröffnete am 3.6.2030; am Mittwoch schloss sie.", "2031-05") \
        == When("2030-06-03", DAY, EXPLICIT)


def test_a_date_without_a_year_takes_the_articles_year():
    assert resolve("Die Brücke wurde am 2. März gesperrt.", THURSDAY) == When("2031-03-02", DAY, EXPLICIT)
    assert resolve("Die Brücke wurde am 2. März gesperrt.", "2031") == When("2031-03-02", DAY, EXPLICIT)
    assert resolve("Die Brücke wurde am 2. März gesperrt.", None) is None  # the year is not known
    assert resolve("Der Bau begann im Januar.", THURSDAY) == When("2031-01", MONTH, EXPLICIT)


def test_explicit_dates_as_written():
    assert resolve("Der Vertrag gilt seit dem 01.09.2029.", None) == When("2029-09-01", DAY, EXPLICIT)
    assert resolve("Die Wahl ist für Oktober 2032 angesetzt.", None) == When("2032-10", MONTH, EXPLICIT)
    assert resolve("Das Gesetz von 2019 bleibt in Kraft.", None) is None  # a bare year is no event date
    # no day of the calendar: only the month stands
    assert resolve("Am 31. Februar 2031 war nichts.", None) == When("2031-02", MONTH, EXPLICIT)


def test_a_sentence_without_a_date_has_none():
    assert resolve("Die Bürgermeisterin lobte den neuen Radweg.", THURSDAY) is None
    assert not dates.names_day("Die Bürgermeisterin lobte den neuen Radweg.")
    assert dates.names_day("Die Bürgermeisterin lobte am Freitag den neuen Radweg.")


@pytest.mark.parametrize("when, german, english", [
    (When("2031-05-07", DAY, RELATIVE), "7. Mai 2031", "7 May 2031"),
    (When("2031-05", MONTH, REPORTED), "Mai 2031", "May 2031"),
    (When("2031", YEAR, REPORTED), "2031", "2031"),
    (When("2031-04-28", WEEK, RELATIVE), "Woche ab dem 28. April 2031", "week of 28 April 2031"),
])
def test_dates_are_written_in_the_pages_language(when, german, english):
    assert format_date(when, MONATE, GERMAN) == german
    assert format_date(when, MONTHS, ENGLISH) == english


def test_dates_sort_in_time_a_month_before_its_days():
    whens = [When("2031-05-07", DAY, RELATIVE), When("2031-05", MONTH, REPORTED), When("2030", YEAR, REPORTED)]
    assert [w.iso for w in sorted(whens, key=lambda w: w.sort_key)] == ["2030", "2031-05", "2031-05-07"]
