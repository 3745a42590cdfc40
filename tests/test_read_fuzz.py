"""Random input to the reader: any bytes, any front matter. The reader never raises; a
file either becomes an article or is reported as a problem naming that file, and the
other articles of the folder are read all the same."""
from __future__ import annotations

import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.problems import Problems
from builder.read import read_articles

GOOD = ("Die Stadt verhandelt mit den Gewerkschaften über neue Löhne. Der Bürgermeister sagte, man sei "
        "zu Gesprächen bereit.\n\nDie Verkehrsbetriebe warten ab.\n")

# Pieces that front matter and article text are made of, and break with.
PIECES = ["---", "---\n", "\n", "\r\n", "\r", ":", ": ", "- ", "'", '"', "&a ", "*a", "!!python/object ", "{", "}",
          "[", "]", "#", "|", ">", "\t", "title", "date", "url", "author", "slug", "language", "2025-02-30",
          "2025-13-45", "https://example.org/<b>", "javascript:x", "\x00", "\ufeff", "\u2028", "ä", "€",
          "<script>", "\\", "%YAML 1.1\n", "? ", "@", "`"]

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_read_or_reported(folder: Path, name: str, data: bytes) -> None:
    """Read a folder holding `name` (the random file) and a good article beside it."""
    for old in folder.iterdir():
        old.unlink()
    (folder / name).write_bytes(data)
    (folder / "gut.txt").write_text(GOOD, encoding="utf-8")
    problems = Problems()
    articles = read_articles(folder, {}, ("de", "en"), problems)
    ids = {a.id for a in articles}
    assert "gut" in ids  # the good neighbour always builds
    stem = name.rsplit(".", 1)[0]
    if stem not in ids:
        assert any(name in p.path for p in problems.items), [str(p) for p in problems.items]
    for problem in problems.items:
        assert "\n" not in str(problem).rstrip("\n")  # one line per problem


@st.composite
def front_matter_file(draw) -> bytes:
    """A Markdown article whose front matter is assembled from random pieces."""
    head = "".join(draw(st.lists(st.sampled_from(PIECES) | st.text(string.printable, max_size=8), max_size=25)))
    body = draw(st.sampled_from(["", GOOD, "x", GOOD + "".join(PIECES)]))
    opening = draw(st.sampled_from(["---\n", "---\r\n", "--- \n", ""]))
    closing = draw(st.sampled_from(["\n---\n", "\r\n---\r\n", "\n--\n", ""]))
    return (opening + head + closing + body).encode(draw(st.sampled_from(["utf-8", "utf-16", "latin-1"])),
                                                     errors="replace")


@SETTINGS
@given(data=front_matter_file())
def test_random_front_matter_is_read_or_reported(tmp_path, data):
    assert_read_or_reported(tmp_path, "zufall.md", data)


@SETTINGS
@given(data=st.binary(max_size=400) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_random_bytes_are_read_or_reported(tmp_path, data):
    assert_read_or_reported(tmp_path, "zufall.txt", data)


@SETTINGS
@given(data=st.binary(max_size=300).map(lambda b: b"<html><body><p>" + b + b"</p></body></html>"))
def test_a_random_web_page_is_read_or_reported(tmp_path, data):
    assert_read_or_reported(tmp_path, "zufall.html", data)
