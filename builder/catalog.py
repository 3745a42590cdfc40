"""The translation memory: one gettext PO catalog per target language.

`translations/<lang>.po` holds one entry per text segment of the site. The segment id
is the entry's msgctxt, the German source its msgid, the translation its msgstr, and the
pages the segment appears on its `#:` references. Every entry is in one of three states:

- reviewed: translated, no fuzzy flag; a person has checked it.
- machine: translated and flagged fuzzy. Engine output carries a translator comment
  "machine: <engine> <date>"; a reviewed entry whose source later changed also turns
  fuzzy and keeps the source it was made for as `#| msgid`.
- missing: empty msgstr.

Rules kept here:

- A reviewed translation is never overwritten by a machine one.
- When a machine-translated source changes, its stale text is dropped (the entry turns
  missing and is sent again); a reviewed translation is kept, fuzzy, for a person to
  update. If the source changes back, the reviewed translation is reviewed again.
- Segments that disappear become obsolete (`#~`), so their translation returns with them.
- Exact reuse: a segment without translation whose source equals the source of another
  entry reuses that entry's translation as *machine* ("tm"), not as reviewed, because
  the same words can need another translation in another context ("Start" in the menu
  is not "Start" of a rocket). Reviewed translations are preferred over machine ones.
- `save()` writes deterministic bytes, without line wrapping or timestamps, atomically,
  and only when they changed.
- A file is only used when its text is well-formed (`check_po_text`, the syntax rules of
  `msgfmt --check`); otherwise loading raises CatalogError with file, line and fix, and
  nothing is written, so a broken file is never saved back in polib's reading of it.
- A translation may be at most LENGTH_FACTOR times as long as its source plus
  LENGTH_SLACK characters (`max_translation_length`): machine translations beyond it are
  refused, a file holding one is refused with its line.
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable

import polib

REVIEWED = "reviewed"
MACHINE = "machine"
MISSING = "missing"
STATES = (REVIEWED, MACHINE, MISSING)

MEMORY_ENGINE = "tm"  # the engine name of a translation reused from an identical source
_FUZZY = "fuzzy"
_MACHINE_MARK = "machine:"
_SOURCE_MARK = "source-language:"
# A translation may be LENGTH_FACTOR times as long as its source, plus LENGTH_SLACK
# characters so that short sources can take a longer wording ("USA" -> "the United
# States of America"). The site's reviewed translations are at most 1.6 times their
# source; what goes far beyond is an engine's runaway output, not a translation.
LENGTH_FACTOR = 4
LENGTH_SLACK = 30
_HEADER = (
    "Translation memory of the explainer site ({language}).\n"
    "Maintained by `python -m builder translate`. To review an entry, correct its\n"
    "msgstr and remove the fuzzy flag; reviewed entries are never overwritten."
)


class CatalogError(Exception):
    """A catalog file that cannot be used, or a misuse of a catalog; names file and fix."""


@dataclass(frozen=True)
class Segment:
    """A piece of site text to translate, identified by a stable id."""

    id: str  # becomes msgctxt, e.g. "article.000_61d7.p3.s2", "ui.home.title"
    source: str
    source_language: str = "de"
    pages: tuple[str, ...] = ()  # page paths it appears on, written as `#:` references


@dataclass(frozen=True)
class Translation:
    """What the catalog offers for a segment: text (None when missing), state, engine."""

    text: str | None
    state: str
    engine: str | None = None
    outdated: bool = False  # a reviewed translation of an earlier version of the source


@dataclass(frozen=True)
class SyncResult:
    """How many entries `Catalog.sync` added, changed, revived and made obsolete."""

    added: int = 0
    changed: int = 0
    revived: int = 0
    obsoleted: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class Stats:
    """Counts of one catalog's entries by state, and missing entries per page."""

    reviewed: int
    machine: int
    missing: int
    missing_pages: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All entries in use."""
        return self.reviewed + self.machine + self.missing


class Catalog:
    """The translation memory of one target language, backed by a PO file."""

    def __init__(self, path: Path, language: str, po: polib.POFile, source_language: str,
                 file_was_empty: bool = False):
        self.path = Path(path)
        self.file_was_empty = file_was_empty  # the file existed but held no entries
        self.language = language
        self.source_language = source_language
        self._po = po
        self._po.wrapwidth = 0  # never wrap: one line per msgid, stable diffs
        self._entries = {entry.msgctxt: entry for entry in po}
        self._memory: dict[str, Translation] | None = None
        self._syncs: list[bool] = []  # for each sync since loading: whether it added, changed, revived or obsoleted
        _set_header(po, language, source_language)

    @classmethod
    def load(cls, path: str | Path, language: str, source_language: str = "de") -> Catalog:
        """Read the catalog at `path`; a missing file gives an empty catalog."""
        path = Path(path)
        if path.exists():
            po, entries = _parse(path)
        else:
            po, entries = polib.POFile(wrapwidth=0, encoding="utf-8"), ()
        _check_entries(path, po)
        _check_languages(path, po, language, source_language)
        _check_lengths(path, po, entries)
        return cls(path, language, po, source_language, file_was_empty=path.exists() and not po)

    def sync(self, segments: Iterable[Segment]) -> SyncResult:
        """Make the entries match `segments`: add, update and obsolete entries."""
        wanted = self._wanted(segments)
        counts = {"added": 0, "changed": 0, "revived": 0, "obsoleted": 0, "unchanged": 0}
        for segment in wanted.values():
            for outcome in self._sync_one(segment):
                counts[outcome] += 1
        for entry in self._po:
            if entry.msgctxt not in wanted and not entry.obsolete:
                _make_obsolete(entry)
                counts["obsoleted"] += 1
        self._memory = None
        self._syncs.append(any(counts[k] for k in ("added", "changed", "revived", "obsoleted")))
        return SyncResult(**counts)

    def lookup(self, segment: Segment) -> Translation:
        """The translation to show for `segment`, reusing identical sources if needed."""
        if segment.source_language == self.language:
            return Translation(segment.source, REVIEWED)
        entry = self._entries.get(segment.id)
        if entry is not None and not entry.obsolete and entry.msgid == segment.source and entry.msgstr:
            return _translation(entry)
        return self.memory(segment.source) or Translation(None, MISSING)

    def memory(self, source: str) -> Translation | None:
        """A translation of exactly `source` found anywhere in the catalog, as "tm"."""
        if self._memory is None:
            self._memory = _memory_index(self._po)
        return self._memory.get(source)

    def missing(self, source_language: str | None = None) -> list[tuple[str, str]]:
        """(segment id, source) of every entry in use that has no translation (from one source language)."""
        return [(e.msgctxt, e.msgid) for e in _ordered(self._po) if _is_missing(e)
                and (source_language is None or self.source_of(e) == source_language)]

    def source_languages(self) -> list[str]:
        """The source languages of the entries that are missing a translation."""
        return sorted({self.source_of(e) for e in self._po if _is_missing(e)})

    def source_of(self, entry: polib.POEntry) -> str:
        """The language an entry's source is written in."""
        for line in entry.comment.splitlines():
            if line.startswith(_SOURCE_MARK):
                return line[len(_SOURCE_MARK):].strip()
        return self.source_language

    def state(self, segment_id: str) -> Translation:
        """The stored translation of entry `segment_id`, without reuse."""
        return _translation(self._entry(segment_id))

    def set_machine(self, segment_id: str, text: str, engine: str, date: str) -> bool:
        """Store a machine translation; False (and no change) if a person's text is there
        or the text does not fit its source (`machine_problem`)."""
        entry = self._entry(segment_id)
        if not text:
            raise CatalogError(f"{self.path}: empty machine translation for {segment_id}")
        if entry.msgstr and not _is_machine(entry):
            return False
        if self.machine_problem(segment_id, text):
            return False
        entry.msgstr = text
        entry.previous_msgid = None
        _flag_fuzzy(entry, True)
        entry.tcomment = _with_machine_comment(entry.tcomment, f"{engine} {date}")
        self._memory = None
        return True

    def machine_problem(self, segment_id: str, text: str) -> str | None:
        """Why `text` cannot be the translation of `segment_id`, or None if it can."""
        source = self._entry(segment_id).msgid
        if len(text) > max_translation_length(source):
            return (f"the translation has {len(text)} characters, more than the "
                    f"{max_translation_length(source)} allowed for a {len(source)}-character source")
        wrong = line_break_mismatch(source, text)
        if wrong:
            return f"only one of the source and the translation {wrong}s with a line break"
        return None

    def stats(self) -> Stats:
        """Count entries in use by state, as `lookup` would show them."""
        counts = {REVIEWED: 0, MACHINE: 0, MISSING: 0}
        missing_pages: dict[str, int] = {}
        for entry in self._po:
            if entry.obsolete:
                continue
            state = self._shown_state(entry)
            counts[state] += 1
            if state == MISSING:
                for page, _line in entry.occurrences:
                    missing_pages[page] = missing_pages.get(page, 0) + 1
        return Stats(counts[REVIEWED], counts[MACHINE], counts[MISSING],
                     dict(sorted(missing_pages.items())))

    def to_bytes(self) -> bytes:
        """The PO file as it would be saved: sorted, unwrapped, UTF-8."""
        self._po.sort(key=_save_order)
        text = str(self._po)
        return (text if text.endswith("\n") else text + "\n").encode("utf-8")

    def saved(self, data: bytes | None = None) -> bool:
        """Whether the file holds exactly this catalog (`data`: its bytes, if already made).
        After loading and one sync that added, changed, revived or obsoleted an entry it does not
        (only a later sync could undo that), and the catalog, tens of thousands of entries on a
        big site, is not written out to see it."""
        if data is None and self._syncs == [True]:
            return False
        data = self.to_bytes() if data is None else data
        return self.path.exists() and self.path.read_bytes() == data

    def save(self) -> bool:
        """Write the catalog atomically if its bytes changed; True if it wrote."""
        data = self.to_bytes()
        if self.saved(data):
            return False
        write_atomically(self.path, data)
        return True

    def _wanted(self, segments: Iterable[Segment]) -> dict[str, Segment]:
        """The segments to keep entries for, by id; checks ids, sources and languages."""
        wanted: dict[str, Segment] = {}
        for segment in segments:
            if segment.source_language == self.language:
                continue  # already in this language: nothing to translate
            self._check_segment(segment, wanted.get(segment.id))
            wanted[segment.id] = segment
        return wanted

    def _check_segment(self, segment: Segment, earlier: Segment | None) -> None:
        """Raise CatalogError for a segment this catalog cannot hold."""
        if not segment.id or not segment.source:
            raise CatalogError(f"{self.path}: segment {segment.id!r} has an empty id or "
                               "source; segments must carry text and a stable id")
        if segment.source_language == self.language:
            raise CatalogError(f"{self.path}: segment {segment.id} is already in {self.language!r}; "
                               "only texts in other languages go into this catalog")
        if earlier is not None and earlier.source != segment.source:
            raise CatalogError(f"{self.path}: segment id {segment.id} is used for two "
                               "different texts; segment ids must be unique")

    def _sync_one(self, segment: Segment) -> list[str]:
        """Bring one entry up to date; returns what happened ("added", "changed", …)."""
        entry = self._entries.get(segment.id)
        if entry is None:
            entry = polib.POEntry(msgctxt=segment.id, msgid=segment.source, msgstr="")
            self._po.append(entry)
            self._entries[segment.id] = entry
            outcomes = ["added"]
        else:
            outcomes = ["revived"] if entry.obsolete else []
            entry.obsolete = False
            if entry.msgid != segment.source:
                _change_source(entry, segment.source)
                outcomes.append("changed")
            elif not outcomes:
                outcomes.append("unchanged")
        entry.occurrences = [(page, "") for page in sorted(set(segment.pages))]
        # An entry whose source is not in the catalog's source language says so.
        entry.comment = "" if segment.source_language == self.source_language else \
            f"{_SOURCE_MARK} {segment.source_language}"
        return outcomes

    def _shown_state(self, entry: polib.POEntry) -> str:
        """The state `lookup` would report for an entry in use."""
        if entry.msgstr:
            return _translation(entry).state
        return MACHINE if self.memory(entry.msgid) else MISSING

    def _entry(self, segment_id: str) -> polib.POEntry:
        """The entry of `segment_id`, or a CatalogError saying to sync first."""
        entry = self._entries.get(segment_id)
        if entry is None or entry.obsolete:
            raise CatalogError(f"{self.path}: no entry for segment {segment_id}; "
                               "sync the catalog with the site's segments first")
        return entry


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` by `data` so that readers see the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _file_mode(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, mode)  # mkstemp makes 0600; keep the file readable as before
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def _file_mode(path: Path) -> int:
    """The permissions of the existing file, or those a new file would get (umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable, where the platform allows it."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def line_break_mismatch(source: str, text: str) -> str | None:
    """"begin" or "end" when only one of source and translation begins or ends with a line break."""
    for where, test in (("begin", str.startswith), ("end", str.endswith)):
        if test(source, "\n") != test(text, "\n"):
            return where
    return None


def max_translation_length(source: str) -> int:
    """The most characters a translation of `source` may have."""
    return LENGTH_FACTOR * len(source) + LENGTH_SLACK


def _parse(path: Path) -> tuple[polib.POFile, tuple[PoEntry, ...]]:
    """Check and parse a PO file, turning every failure into a CatalogError with line and fix."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CatalogError(f"{path}: cannot read the catalog ({error.strerror}); "
                           "check that it is a readable file") from error
    entries = check_po_text(path, data)
    try:
        # polib parses the bytes just checked, not the file again: a writer may have
        # replaced it meanwhile (atomically), and two versions would not agree.
        po = polib.pofile(data.decode("utf-8"), wrapwidth=0, encoding="utf-8")
        po.fpath = str(path)
    except (OSError, ValueError) as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else None
        reason = str(error).split(": ", 1)[1] if "): " in str(error) else "syntax error"
        raise _broken(path, line, reason) from error
    _check_agreement(path, po, entries)
    return po, entries


def _broken(path: Path, line: int | None, reason: str, fix: str | None = None) -> CatalogError:
    """The error for a PO file that does not parse."""
    where = f"{path}, line {line}" if line else str(path)
    fix = f"Fix: {fix}" if fix else "Fix it by hand"
    return CatalogError(
        f"{where}: broken PO file ({reason}). {fix}; or restore it with `git checkout -- "
        f"{path}`. `msgfmt --check {path}` shows the problems; the file was left unchanged.")


def _check_agreement(path: Path, po: polib.POFile, entries: tuple[PoEntry, ...]) -> None:
    """polib must have read the very entries the strict check read, or nothing is trusted."""
    ours = [e for e in entries if e.context is not None or e.source]
    for mine, theirs in zip(ours, po, strict=False):  # a length mismatch is reported below
        if (mine.context, mine.source, mine.text, mine.obsolete) != \
                (theirs.msgctxt, theirs.msgid, theirs.msgstr, bool(theirs.obsolete)):
            raise _broken(path, mine.line, "polib reads this entry differently from how it is written",
                          "check the quotes, escapes and `#` marks of the entry")
    if len(ours) != len(po):
        line = ours[len(po)].line if len(ours) > len(po) else None
        raise _broken(path, line, f"polib reads {len(po)} entries where the file has {len(ours)}",
                      "check the quotes, escapes and `#` marks of the entries")


def _check_lengths(path: Path, po: polib.POFile, entries: tuple[PoEntry, ...]) -> None:
    """No translation in use is longer than its source allows (an outdated one may be)."""
    lines = {(e.context, e.source): e.text_line for e in entries if not e.obsolete}
    for entry in po:
        if entry.obsolete or not entry.msgstr or entry.previous_msgid is not None:
            continue  # unused, untranslated, or made for an earlier source
        limit = max_translation_length(entry.msgid)
        if len(entry.msgstr) > limit:
            line = lines.get((entry.msgctxt, entry.msgid), entry.linenum)
            raise CatalogError(
                f"{path}, line {line}: the translation of segment {entry.msgctxt} has "
                f"{len(entry.msgstr)} characters, more than the {limit} allowed for its "
                f"{len(entry.msgid)}-character source ({LENGTH_FACTOR} times plus {LENGTH_SLACK}). "
                "Fix: shorten it, or empty it (msgstr \"\") to have it translated again; "
                "the file was left unchanged.")


def _check_entries(path: Path, po: polib.POFile) -> None:
    """Every entry needs a msgctxt (the segment id), and no id may appear twice."""
    seen: dict[str, int] = {}
    for entry in po:
        if not entry.msgctxt:
            raise CatalogError(
                f"{path}, line {entry.linenum}: entry without msgctxt; every entry must "
                "carry its segment id as msgctxt. Remove the entry or add the id.")
        if entry.msgctxt in seen:
            raise CatalogError(
                f"{path}, line {entry.linenum}: segment {entry.msgctxt} appears twice "
                f"(first at line {seen[entry.msgctxt]}); keep one of the two entries.")
        seen[entry.msgctxt] = entry.linenum


def _check_languages(path: Path, po: polib.POFile, language: str, source: str) -> None:
    """The header's languages, if present, must match what the caller expects."""
    for key, expected in (("Language", language), ("X-Source-Language", source)):
        found = po.metadata.get(key)
        if found and found != expected:
            raise CatalogError(f"{path}: header says {key}: {found}, expected {expected}; "
                               "fix the header or use the catalog of that language")


def _set_header(po: polib.POFile, language: str, source_language: str) -> None:
    """Fill in the header fields we rely on; no dates, so saves are reproducible."""
    po.header = po.header or _HEADER.format(language=language)
    defaults = {
        "Project-Id-Version": "explainer",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": source_language,
    }
    for key, value in defaults.items():
        po.metadata.setdefault(key, value)


def _translation(entry: polib.POEntry) -> Translation:
    """The stored state of one entry."""
    if not entry.msgstr:
        return Translation(None, MISSING)
    if _FUZZY not in entry.flags:
        return Translation(entry.msgstr, REVIEWED)
    return Translation(entry.msgstr, MACHINE, _machine_engine(entry),
                       outdated=entry.previous_msgid is not None and not _is_machine(entry))


def _memory_index(po: polib.POFile) -> dict[str, Translation]:
    """Reusable translations by source: reviewed before machine, then by segment id."""
    index: dict[str, Translation] = {}
    rank = {REVIEWED: 0, MACHINE: 1}
    candidates = [e for e in po if e.msgstr and e.previous_msgid is None]
    for entry in sorted(candidates, key=lambda e: (rank[_translation(e).state],
                                                    _natural_key(e.msgctxt))):
        if _FUZZY in entry.flags and not _is_machine(entry):
            continue  # fuzzy by a person's hand: not trusted for reuse
        index.setdefault(entry.msgid, Translation(entry.msgstr, MACHINE, MEMORY_ENGINE))
    return index


def _change_source(entry: polib.POEntry, source: str) -> None:
    """Record a changed source: drop machine text, keep a person's text as fuzzy."""
    keeps_text = bool(entry.msgstr) and not _is_machine(entry)
    if not keeps_text:
        entry.msgstr = ""
        entry.tcomment = _with_machine_comment(entry.tcomment, None)
        entry.previous_msgid = entry.msgid
    elif entry.previous_msgid is None or _FUZZY not in entry.flags:
        entry.previous_msgid = entry.msgid  # the source the person translated
    entry.msgid = source
    restored = keeps_text and entry.previous_msgid == source
    if restored:
        entry.previous_msgid = None
    _flag_fuzzy(entry, not restored)


def _make_obsolete(entry: polib.POEntry) -> None:
    """Keep an unused entry as `#~` so its translation can come back."""
    entry.obsolete = True
    entry.occurrences = []
    entry.previous_msgid = None  # polib does not read `#~|` back; keep saves stable


def _flag_fuzzy(entry: polib.POEntry, fuzzy: bool) -> None:
    """Set or clear the fuzzy flag, keeping other flags in order."""
    flags = [flag for flag in entry.flags if flag != _FUZZY]
    entry.flags = [_FUZZY, *flags] if fuzzy else flags


def _is_machine(entry: polib.POEntry) -> bool:
    """True for a fuzzy entry whose text came from an engine."""
    return _FUZZY in entry.flags and _machine_engine(entry) is not None


def _is_missing(entry: polib.POEntry) -> bool:
    """True for an entry in use without translation."""
    return not entry.obsolete and not entry.msgstr


def _machine_engine(entry: polib.POEntry) -> str | None:
    """The engine named in the "machine: <engine> <date>" comment, if any."""
    for line in entry.tcomment.splitlines():
        if line.startswith(_MACHINE_MARK):
            words = line[len(_MACHINE_MARK):].split()
            return words[0] if words else None
    return None


def _with_machine_comment(tcomment: str, note: str | None) -> str:
    """The translator comment with its machine line replaced by `note` (or removed)."""
    lines = [line for line in tcomment.splitlines() if not line.startswith(_MACHINE_MARK)]
    if note:
        lines.append(f"{_MACHINE_MARK} {note}")
    return "\n".join(lines)


def _natural_key(text: str | None) -> tuple:
    """Sort key that puts "p2" before "p10"."""
    parts = re.split(r"(\d+)", text or "")
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts)


def _save_order(entry: polib.POEntry) -> tuple:
    """Entries in use first, each group by segment id in natural order."""
    return (entry.obsolete, _natural_key(entry.msgctxt))


def _ordered(entries: Iterable[polib.POEntry]) -> list[polib.POEntry]:
    """Entries in the order they are saved in."""
    return sorted(entries, key=_save_order)


# --- the strict check of a PO file's text, before polib's reading of it is trusted ---
#
# polib reads a broken file without complaint (a string without closing quote loses its
# last character, an unknown escape is kept as two characters, a cut-off entry becomes an
# empty one) and `save()` would then write that back. So the text is first checked the
# way `msgfmt --check` judges its syntax (and its rule that a msgid and its msgstr
# begin and end with a line break alike, which catches a msgstr cut off after a
# continuation line), and some stricter rules where polib would misread what msgfmt
# accepts: only the escapes polib reads back as written, no plural forms, one string per
# line, no comment lines after the last entry. Then polib's entries must be the ones the
# check read (`_check_agreement`).

_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f"}
_ESCAPE_LIST = '\\\\ \\" \\n \\t \\r \\v \\b \\f'
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"', re.DOTALL)
_BLANKS = " \t\f\v"  # the white space PO allows around keywords and strings (msgfmt: ASCII only)
_KEYWORD = re.compile(r"(msgctxt|msgid|msgstr)[ \t\f\v]+(.*)", re.DOTALL)
_PLURAL = re.compile(r"(msgid_plural|msgstr\[)")
_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.IGNORECASE)


class _Syntax(Exception):
    """One line of a PO file that is not well-formed: what is wrong and the fix."""

    def __init__(self, reason: str, fix: str, line: int | None = None):
        super().__init__(reason)
        self.reason, self.fix, self.line = reason, fix, line


@dataclass(frozen=True)
class _Line:
    """One line of a PO file: its kind ("blank", "comment", "previous", "more" or a keyword)."""

    number: int
    kind: str
    obsolete: bool = False
    value: str = ""  # the string of a keyword or continuation line, unescaped


@dataclass(frozen=True)
class PoEntry:
    """One entry as the strict check read it: context, source, text and its lines."""

    context: str | None
    source: str
    obsolete: bool
    line: int  # the first line of its msgctxt or msgid
    text_parts: tuple[tuple[int, str], ...]  # (line, string) of its msgstr and continuations

    @property
    def text(self) -> str:
        """The msgstr."""
        return "".join(part for _line, part in self.text_parts)

    @property
    def text_line(self) -> int:
        """The line of the msgstr keyword."""
        return self.text_parts[0][0]


def check_po_text(path: Path, data: bytes) -> tuple[PoEntry, ...]:
    """The entries of a PO file's bytes; CatalogError (file, line, fix) unless well-formed."""
    text = _utf8(path, data)
    try:
        entries = _assemble(_read_line(number, raw) for number, raw in enumerate(_lines(text), 1))
        _check_keys(entries)
        _check_line_breaks(entries)
        _check_header(entries)
    except _Syntax as error:
        raise _broken(path, error.line, error.reason, error.fix) from None
    return entries


def _utf8(path: Path, data: bytes) -> str:
    """The text of the file, which must be UTF-8 without a byte order mark (msgfmt refuses one)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _broken(path, line, "the file is not valid UTF-8",
                      "save the file as UTF-8 (`iconv -f LATIN1 -t UTF-8` if it was Latin-1)") from error
    if text.startswith("\ufeff"):
        raise _broken(path, 1, "the file starts with a byte order mark",
                      "save it as UTF-8 without BOM (`sed -i '1s/^\\xEF\\xBB\\xBF//'`)")
    return text


def _lines(text: str) -> list[str]:
    """The lines as polib reads them: "\\n", "\\r\\n" and a lone "\\r" all end a line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _read_line(number: int, raw: str) -> _Line:
    """Classify one line and unescape its string; _Syntax if it is not well-formed."""
    line = raw.strip(_BLANKS)
    try:
        if not line:
            return _Line(number, "blank")
        if line.startswith("#~") and not line.startswith("#~|"):
            return _obsolete_line(number, line[2:])
        if line.startswith(("#|", "#~|")):
            return _previous_line(number, line[3:] if line.startswith("#~|") else line[2:])
        if line.startswith("#"):
            return _Line(number, "comment")
        return _message_line(number, line, obsolete=False)
    except _Syntax as error:
        raise _Syntax(error.reason, error.fix, number) from None


def _obsolete_line(number: int, rest: str) -> _Line:
    """A `#~` line: a keyword or continuation line of an obsolete entry."""
    if not rest[:1] or rest[0] not in _BLANKS:
        raise _Syntax("`#~` must be followed by a space", "write `#~ msgid \"…\"`")
    if rest.strip(_BLANKS).startswith("#"):
        raise _Syntax("a comment after `#~`", "remove the `#~` in front of the comment")
    return _message_line(number, rest.strip(_BLANKS), obsolete=True)


def _previous_line(number: int, rest: str) -> _Line:
    """A `#|` line: the source an outdated translation was made for."""
    rest = rest.strip(_BLANKS)
    match = _KEYWORD.fullmatch(rest)
    if rest.startswith('"'):
        return _Line(number, "previous-more", value=_read_string(rest))
    if match is None or match.group(1) == "msgstr":
        raise _Syntax("a `#|` line must hold `msgctxt \"…\"`, `msgid \"…\"` or a string",
                      "correct the line or delete it (it only records an earlier source)")
    return _Line(number, "previous", value=_read_string(match.group(2)))


def _message_line(number: int, line: str, obsolete: bool) -> _Line:
    """A msgctxt, msgid or msgstr line, or the continuation string of one."""
    if line.startswith('"'):
        return _Line(number, "more", obsolete, _read_string(line))
    if _PLURAL.match(line):
        raise _Syntax("plural forms (msgid_plural, msgstr[n]) are not used in this catalog",
                      "write the entry with a single msgid and msgstr")
    match = _KEYWORD.fullmatch(line)
    if match is None:
        word = re.split(r"[ \t\f\v]", line, maxsplit=1)[0]
        if word in ("msgctxt", "msgid", "msgstr"):
            raise _Syntax(f"`{word}` without its string", f'write `{word} "…"` on one line')
        raise _Syntax(f"not a PO keyword, string or comment: {line[:40]!r}",
                      "keep only msgctxt/msgid/msgstr lines, \"…\" strings and # comments")
    return _Line(number, match.group(1), obsolete, _read_string(match.group(2)))


def _read_string(text: str) -> str:
    """The value of the one quoted string that `text` consists of."""
    match = _STRING.match(text)
    if not text.startswith('"'):
        raise _Syntax("the string does not start with a double quote", 'put the text in "…"')
    if match is None:
        raise _Syntax("the string is not closed: no double quote at its end, the file may "
                      "be cut off here", 'end the string with `"`, and write `\\"` for a '
                      "quote inside the text")
    rest = text[match.end():].strip(_BLANKS)
    if rest:
        reason = "unescaped double quote in the string" if '"' in rest else \
            f"text after the closing quote: {rest[:20]!r}"
        raise _Syntax(reason, 'write `\\"` for a quote inside the text, one string per line')
    return _unescape(match.group(1))


def _unescape(body: str) -> str:
    """The text of a string's inside; only the escapes polib writes back unchanged."""
    def replace(match: re.Match) -> str:
        char = match.group(1)
        if char not in _ESCAPES:
            raise _Syntax(f"bad escape `\\{char}`", f"use one of {_ESCAPE_LIST}; write `\\\\` for "
                          "a backslash itself, and other characters as they are")
        return _ESCAPES[char]
    return re.sub(r"\\(.)", replace, body, flags=re.DOTALL)


def _assemble(lines: Iterable[_Line]) -> tuple[PoEntry, ...]:
    """The entries the lines make up; _Syntax where they are not in the order PO requires."""
    assembler = _Assembler()
    for line in lines:
        assembler.feed(line)
    return assembler.finish()


class _Assembler:
    """Puts lines together into entries: comments, [msgctxt], msgid, msgstr, each with strings."""

    def __init__(self):
        self.entries: list[PoEntry] = []
        self.part: str | None = None  # the keyword the open entry is at
        self.strings: dict[str, list[str]] = {}  # msgctxt and msgid
        self.text_parts: list[tuple[int, str]] = []  # msgstr
        self.start, self.obsolete = 0, False
        self.comments: int | None = None  # the first comment line since the last entry
        self.previous = False  # the line before was a `#|` line

    def feed(self, line: _Line) -> None:
        """Take the next line."""
        if line.kind == "blank":
            return
        if line.kind in ("comment", "previous", "previous-more"):
            self._comment(line)
            return
        continues = self.part in ("msgctxt", "msgid") or (self.part == "msgstr" and line.kind == "more")
        if continues and line.obsolete != self.obsolete:
            raise _Syntax(f"the entry from line {self.start} mixes `#~` lines and normal lines",
                          "begin every line of an obsolete entry with `#~`, or none", line.number)
        self.previous = False
        getattr(self, f"_{line.kind}")(line)

    def finish(self) -> tuple[PoEntry, ...]:
        """All entries; _Syntax if the file ends inside one."""
        if self.part in ("msgctxt", "msgid"):
            raise _Syntax("the file ends inside the entry that starts here, it has no msgstr; "
                          "was the file cut off?", 'add the msgstr line (`msgstr ""` if '
                          "untranslated)", self.start)
        self._close()
        if self.comments is not None:
            raise _Syntax("the file ends with comment lines that belong to no entry; was the "
                          "file cut off?", "complete the entry they belong to, or delete them",
                          self.comments)
        return tuple(self.entries)

    def _comment(self, line: _Line) -> None:
        """A comment line: it ends the entry before, and must not come inside one."""
        if self.part in ("msgctxt", "msgid"):
            raise _Syntax(f"the entry from line {self.start} has no msgstr before this comment "
                          "line", 'add its msgstr line (`msgstr ""` if untranslated), or move the '
                          "comment above the entry", line.number)
        if line.kind == "previous-more" and not self.previous:
            raise _Syntax('a `#| "…"` line that continues no `#| msgid` line',
                          "put it right after the `#|` line it continues, or delete it", line.number)
        self._close()
        self.previous = line.kind != "comment"
        self.comments = self.comments or line.number

    def _msgctxt(self, line: _Line) -> None:
        """A msgctxt line starts an entry."""
        self._expect(line, (None, "msgstr"), "a msgctxt line inside an entry, before its msgstr")
        self._open(line)

    def _msgid(self, line: _Line) -> None:
        """A msgid line starts an entry, or follows its msgctxt."""
        self._expect(line, (None, "msgctxt", "msgstr"), "a second msgid line in one entry")
        if self.part != "msgctxt":
            self._open(line)
        self.part = "msgid"
        self.strings["msgid"] = [line.value]

    def _msgstr(self, line: _Line) -> None:
        """A msgstr line follows the entry's msgid."""
        self._expect(line, ("msgid",), "a msgstr line that follows no msgid line")
        self.part = "msgstr"
        self.text_parts = [(line.number, line.value)]

    def _more(self, line: _Line) -> None:
        """A string line continues the msgctxt, msgid or msgstr above it."""
        self._expect(line, ("msgctxt", "msgid", "msgstr"),
                     "a string line that continues no msgctxt, msgid or msgstr line")
        if self.part == "msgstr":
            self.text_parts.append((line.number, line.value))
        elif self.part is not None:
            self.strings[self.part].append(line.value)

    def _expect(self, line: _Line, parts: tuple, reason: str) -> None:
        """_Syntax unless the open entry is at one of `parts`."""
        if self.part not in parts:
            raise _Syntax(reason, "give each entry [msgctxt], msgid and msgstr lines in this order, "
                          "each with its string", line.number)

    def _open(self, line: _Line) -> None:
        """Close the entry before and start a new one at `line`."""
        self._close()
        self.part, self.start, self.obsolete = line.kind, line.number, line.obsolete
        self.strings = {line.kind: [line.value]}
        self.comments = None

    def _close(self) -> None:
        """Keep the finished entry, if one is open."""
        if self.part != "msgstr":
            return
        context = self.strings.get("msgctxt")
        self.entries.append(PoEntry(None if context is None else "".join(context),
                                    "".join(self.strings["msgid"]), self.obsolete, self.start,
                                    tuple(self.text_parts)))
        self.part = None


def _check_keys(entries: tuple[PoEntry, ...]) -> None:
    """No msgctxt+msgid twice (obsolete entries included); only the header has an empty msgid."""
    seen: dict[tuple, int] = {}
    for entry in entries:
        key = (entry.context, entry.source)
        if key in seen:
            raise _Syntax(f"msgctxt {entry.context!r} with this msgid is defined twice, first "
                          f"at line {seen[key]}", "keep one of the two entries", entry.line)
        seen[key] = entry.line
        if not entry.source and (entry.context is not None or entry.obsolete):
            raise _Syntax("an entry with an empty msgid; only the header (no msgctxt) has one",
                          "write the entry's source text as its msgid", entry.line)


def _check_line_breaks(entries: tuple[PoEntry, ...]) -> None:
    """msgfmt's rule: a translation begins and ends with a line break when its source does."""
    for entry in entries:
        if entry.obsolete or not entry.source or not entry.text:
            continue
        wrong = line_break_mismatch(entry.source, entry.text)
        if wrong:
            raise _Syntax(f"msgid and msgstr do not both {wrong} with a line break (\\n); was "
                          "the file cut off inside the msgstr?", f"make the translation {wrong} "
                          "with \\n exactly when the source does", entry.text_line)


def _check_header(entries: tuple[PoEntry, ...]) -> None:
    """The header's lines are "Name: value", and its charset, if given, is UTF-8."""
    header = next((e for e in entries if e.context is None and not e.source), None)
    if header is None:
        return
    for field_line in header.text.splitlines():  # as polib splits it, at "\r" too
        where = _header_line(header, field_line)
        if field_line.strip() and ":" not in field_line:
            raise _Syntax(f"header line {field_line[:40]!r} is not `Name: value`",
                          "write the field as `Name: value\\n` or delete it", where)
        name, _, value = field_line.partition(":")
        charset = _CHARSET.search(value) if name.strip().lower() == "content-type" else None
        if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
            raise _Syntax(f"the header declares charset {charset.group(1)}, but the catalog is "
                          "read and written as UTF-8", "convert the file to UTF-8 (`msgconv -t "
                          "UTF-8`) and write `charset=UTF-8` in its Content-Type", where)


def _header_line(header: PoEntry, field_line: str) -> int:
    """The file line that holds a header field (the msgstr line if it cannot be told)."""
    return next((line for line, part in header.text_parts if field_line and field_line in part),
                header.text_line)
