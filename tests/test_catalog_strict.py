"""A translation memory that does not parse cleanly is refused, never rewritten.

Every PO text here is written by the test: a good file, and that file broken the ways a
hand edit, a cut-off copy or a runaway engine break it. Each broken file is refused with
its file, line and fix and stays byte for byte as it was; `msgfmt --check`, where it is
installed, is a second opinion that the syntax errors are errors.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.build import Project, build, update
from builder.catalog import Catalog, CatalogError, Segment, check_po_text, max_translation_length, write_atomically
from builder.translate import fill_missing
from tests.conftest import make_project

MSGFMT = shutil.which("msgfmt")

GOOD = '''# Translation memory of the explainer site (en).
msgid ""
msgstr ""
"Project-Id-Version: explainer\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Source-Language: de\\n"

#: de/a.md
msgctxt "a.1"
msgid "Der Zoll steigt."
msgstr "Tariffs rise."

#: de/a.md
msgctxt "a.2"
msgid "Er sagte: \\"Nein\\" – mit \\\\ und\\tTab."
msgstr "He said: \\"No\\" – with \\\\ and\\tTab."

# machine: libre 2026-11-21
#: de/a.md
#, fuzzy
msgctxt "a.3"
msgid "Grüße aus Kiew."
msgstr "Greetings from Kyiv."

#: de/b.md
#, fuzzy
#| msgid "Der alte Satz."
msgctxt "a.4"
msgid "Der neue Satz."
msgstr "The old sentence."

#: de/b.md
msgctxt "a.5"
msgid ""
"Zwei\\n"
"Zeilen."
msgstr ""
"Two\\n"
"lines."

#: de/b.md
msgctxt "a.6"
msgid "Noch offen."
msgstr ""

#~ msgctxt "a.9"
#~ msgid "Weg."
#~ msgstr "Gone."
'''
LINES = GOOD.splitlines()


def line_of(text: str) -> int:
    """The 1-based number of the first line of GOOD that is `text`."""
    return LINES.index(text) + 1


def entries(catalog: Catalog) -> list[tuple]:
    """What a catalog holds, entry by entry, in the order of their segment ids."""
    return sorted(((e.msgctxt, e.msgid, e.msgstr, tuple(e.flags), e.previous_msgid, bool(e.obsolete),
                    e.tcomment) for e in catalog._po), key=lambda entry: entry[0])


class LongWinded:
    """An engine that answers every text with a runaway page of words."""

    name, requests, characters = "libre", 0, 0

    def translate_batch(self, texts, source, target, labels):
        """One over-long answer per text."""
        return ["Tariffs rise. " * 200 for _ in texts]


def replaced(old: str, new: str) -> bytes:
    """GOOD with its first `old` replaced by `new`."""
    assert old in GOOD
    return GOOD.replace(old, new, 1).encode("utf-8")


# (name, file bytes, line of the error, words of the reason, whether msgfmt --check refuses it too)
BROKEN = [
    ("cut off inside a string", GOOD[: GOOD.index("Greetings") + 5].encode("utf-8"),
     line_of('msgstr "Greetings from Kyiv."'), "string is not closed", True),
    ("missing closing quote", replaced('msgstr "Tariffs rise."', 'msgstr "Tariffs rise.'),
     line_of('msgstr "Tariffs rise."'), "string is not closed", True),
    ("bad escape", replaced("Tariffs rise.", "Tariffs \\q rise."),
     line_of('msgstr "Tariffs rise."'), "bad escape `\\q`", True),
    ("C escape polib would not read back", replaced("Tariffs rise.", "Tariffs\\a rise."),
     line_of('msgstr "Tariffs rise."'), "bad escape `\\a`", False),
    ("cut off before a msgstr", GOOD[: GOOD.index('msgstr "Greetings')].encode("utf-8"),
     line_of('msgctxt "a.3"'), "ends inside the entry", True),
    ("cut off after an entry's comments", GOOD[: GOOD.index('msgctxt "a.4"')].encode("utf-8"),
     line_of("#: de/b.md"), "comment lines that belong to no entry", False),
    ("msgctxt and msgid twice", (GOOD + '\nmsgctxt "a.1"\nmsgid "Der Zoll steigt."\nmsgstr ""\n').encode(),
     len(LINES) + 2, "defined twice, first at line %d" % line_of('msgctxt "a.1"'), True),
    ("not UTF-8", GOOD.encode("utf-8").replace("Grüße".encode(), b"Gr\xfc\xdfe"),
     line_of('msgid "Grüße aus Kiew."'), "not valid UTF-8", True),
    ("charset not UTF-8", replaced("charset=UTF-8", "charset=ISO-8859-1"),
     line_of('"Content-Type: text/plain; charset=UTF-8\\n"'), "charset ISO-8859-1", False),
    ("unescaped quote", replaced('msgstr "Tariffs rise."', 'msgstr "Tariffs "rise"."'),
     line_of('msgstr "Tariffs rise."'), "unescaped double quote", True),
    ("comment inside an entry", replaced('msgid "Der Zoll steigt."\n', 'msgid "Der Zoll steigt."\n# x\n'),
     line_of('msgid "Der Zoll steigt."') + 1, "has no msgstr before this comment", True),
    ("obsolete and normal lines mixed", replaced('#~ msgstr "Gone."', 'msgstr "Gone."'),
     line_of('#~ msgstr "Gone."'), "mixes `#~` lines and normal lines", True),
    ("#| string that would join a msgstr", replaced('msgstr "Tariffs rise."\n',
                                                   'msgstr "Tariffs rise."\n#| " and fall"\n'),
     line_of('msgstr "Tariffs rise."') + 1, "continues no `#| msgid` line", True),
    ("cut off after a continuation line", GOOD[: GOOD.index('"lines."')].encode("utf-8"),
     line_of('"Two\\n"') - 1, "do not both end with a line break", True),
    ("byte order mark", b"\xef\xbb\xbf" + GOOD.encode("utf-8"), 1, "byte order mark", True),
    ("over-long reviewed translation", replaced("Tariffs rise.", "Tariffs rise. " * 10),
     line_of('msgstr "Tariffs rise."'), "more than the 94 allowed", False),
]


def test_the_good_file_round_trips_with_the_same_entries_and_bytes(tmp_path):
    path = tmp_path / "en.po"
    path.write_text(GOOD, "utf-8")
    catalog = Catalog.load(path, "en")
    assert [e.msgctxt for e in catalog._po] == ["a.1", "a.2", "a.3", "a.4", "a.5", "a.6", "a.9"]
    assert catalog.state("a.2").text == 'He said: "No" – with \\ and\tTab.'
    assert catalog.state("a.5").text == "Two\nlines."
    assert catalog.to_bytes() == GOOD.encode("utf-8")
    assert catalog.save() is False
    assert entries(Catalog.load(path, "en")) == entries(catalog)


@pytest.mark.skipif(MSGFMT is None, reason="msgfmt is not installed")
def test_msgfmt_accepts_the_good_file(tmp_path):
    path = tmp_path / "en.po"
    path.write_text(GOOD, "utf-8")
    assert subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(path)]).returncode == 0


@pytest.mark.parametrize("name, data, line, reason, msgfmt_refuses", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_file_is_refused_with_file_line_and_fix_and_left_alone(
        tmp_path, name, data, line, reason, msgfmt_refuses):
    path = tmp_path / "en.po"
    path.write_bytes(data)
    with pytest.raises(CatalogError) as info:
        Catalog.load(path, "en")
    message = str(info.value)
    assert message.startswith(f"{path}, line {line}: ") and reason in message
    assert "Fix: " in message and "the file was left unchanged" in message
    assert path.read_bytes() == data


@pytest.mark.skipif(MSGFMT is None, reason="msgfmt is not installed")
@pytest.mark.parametrize("name, data, line, reason, msgfmt_refuses",
                         [b for b in BROKEN if b[4]], ids=[b[0] for b in BROKEN if b[4]])
def test_msgfmt_refuses_the_syntax_errors_too(tmp_path, name, data, line, reason, msgfmt_refuses):
    path = tmp_path / "en.po"
    path.write_bytes(data)
    assert subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(path)],
                          capture_output=True).returncode != 0


@pytest.mark.parametrize("name", ["cut off inside a string", "missing closing quote", "bad escape"])
def test_the_build_stops_on_a_broken_memory_and_leaves_it_byte_identical(tmp_path, name):
    root = make_project(tmp_path / "project", seeds=True)
    path = root / "translations" / "en.po"
    good = path.read_bytes()
    lines = good.split(b"\n")
    number = next(n for n, text in enumerate(lines, 1) if text.startswith(b'msgstr "') and len(text) > 30)
    broken = {"cut off inside a string": b"\n".join(lines[: number - 1] + [lines[number - 1][:-10]]),
              "missing closing quote": good.replace(lines[number - 1], lines[number - 1][:-1], 1),
              "bad escape": good.replace(lines[number - 1], lines[number - 1][:-1] + b'\\q"', 1)}[name]
    path.write_bytes(broken)
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 2
    assert f"translations/en.po, line {number}: broken PO file" in out.getvalue()
    assert path.read_bytes() == broken


def test_an_empty_memory_is_a_warning_when_the_site_has_texts(tmp_path):
    root = make_project(tmp_path / "project", seeds=True)
    (root / "translations" / "en.po").write_bytes(b"")
    out = io.StringIO()
    assert update(Project(root), out=out) == 0
    assert "translations/en.po: warning: the translation memory is empty" in out.getvalue()
    assert build(Project(root), strict=True, run_mkdocs=False, out=io.StringIO()) == 0  # filled now


def test_a_header_only_file_is_entry_less_but_loads(tmp_path):
    path = tmp_path / "en.po"
    path.write_text(GOOD.split("\n\n")[0] + "\n", "utf-8")
    catalog = Catalog.load(path, "en")
    assert catalog.file_was_empty and catalog.stats().total == 0
    assert not Catalog.load(tmp_path / "none.po", "en").file_was_empty


def test_set_machine_refuses_a_translation_far_longer_than_its_source(tmp_path):
    catalog = Catalog.load(tmp_path / "en.po", "en")
    catalog.sync([Segment("a.1", "Eins.", "de", ("de/a.md",))])
    limit = max_translation_length("Eins.")
    assert limit == 4 * 5 + 30
    assert catalog.set_machine("a.1", "x" * (limit + 1), "libre", "2026-11-21") is False
    assert catalog.state("a.1").text is None
    assert catalog.set_machine("a.1", "x" * limit, "libre", "2026-11-21") is True


def test_set_machine_refuses_a_translation_whose_line_breaks_differ_from_its_source(tmp_path):
    catalog = Catalog.load(tmp_path / "en.po", "en")
    catalog.sync([Segment("a.1", "Eins.", "de", ("de/a.md",))])
    assert "line break" in catalog.machine_problem("a.1", "One.\n")
    assert catalog.set_machine("a.1", "One.\n", "libre", "2026-11-21") is False


def test_fill_missing_counts_a_runaway_translation_as_failed_and_stores_nothing(tmp_path):
    path = tmp_path / "en.po"
    catalog = Catalog.load(path, "en")
    catalog.sync([Segment("a.1", "Der Zoll steigt.", "de", ("de/a.md",))])
    summary = fill_missing(catalog, LongWinded(), "de", "en", today="2026-11-21")
    assert summary.filled == 0
    [(segment_id, message)] = summary.failed
    assert segment_id == "a.1" and "2800 characters, more than the 94 allowed" in message
    assert Catalog.load(path, "en").state("a.1").text is None


def test_an_outdated_reviewed_translation_may_be_longer_than_its_new_source(tmp_path):
    path = tmp_path / "en.po"
    path.write_bytes(replaced('msgid "Der neue Satz."', 'msgid "Neu."'))
    assert Catalog.load(path, "en").state("a.4").outdated


# --- random damage: never anything but CatalogError, and nothing half-read is saved ---

# What a slip of the hand, a bad merge or another tool puts into a PO file.
INSERTS = ['"', "\\", '\\"', "\n", "\n\n", "\r", " ", "\t", "#", "#~ ", "#| ", "#~| ", "\\a", "\\n",
           'msgid ', 'msgstr "x"\n', 'msgctxt "a.1"\n', "\u2028", "\x85", "\ufeff"]


@st.composite
def damaged(draw) -> bytes:
    """GOOD with a few characters deleted, quotes, backslashes and the like inserted, or cut off."""
    text = GOOD
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "insert", "cut"]))
        if action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 3)):]
        elif action == "insert":
            text = text[:at] + draw(st.sampled_from(INSERTS)) + text[at:]
        else:
            text = text[:at]
    return text.encode("utf-8")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=damaged())
def test_a_damaged_file_is_refused_untouched_or_loads_and_round_trips(tmp_path, data):
    path = tmp_path / "en.po"
    path.write_bytes(data)
    try:
        catalog = Catalog.load(path, "en")
    except CatalogError as error:
        assert str(error).startswith(str(path)) and path.read_bytes() == data
        return
    before = entries(catalog)
    catalog.save()
    assert entries(Catalog.load(path, "en")) == before
    if MSGFMT:  # what the strict check lets through, msgfmt reads too
        path.write_bytes(data)
        assert subprocess.run([MSGFMT, "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


def test_the_strict_check_reads_the_entries_polib_reads():
    read = check_po_text(Path("en.po"), GOOD.encode("utf-8"))
    assert [(e.context, e.source, e.text, e.obsolete) for e in read][1:3] == [
        ("a.1", "Der Zoll steigt.", "Tariffs rise.", False),
        ("a.2", 'Er sagte: "Nein" – mit \\ und\tTab.', 'He said: "No" – with \\ and\tTab.', False)]


def test_a_catalog_replaced_while_it_is_read_loads_one_version_whole(tmp_path):
    # A `translate` run saves the catalog (atomically) while a build or a poll reads it:
    # the reader must check and parse one and the same version of the file.
    path = tmp_path / "en.po"
    versions = [GOOD.encode("utf-8"), replaced("Tariffs rise.", "Tariffs go up, the ministry says.")]
    path.write_bytes(versions[0])
    stop = threading.Event()

    def writer() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            write_atomically(path, versions[n % 2])

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for _ in range(300):
            Catalog.load(path, "en")  # a CatalogError here fails the test
    finally:
        stop.set()
        thread.join()
