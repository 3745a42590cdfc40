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
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import polib

REVIEWED = "reviewed"
MACHINE = "machine"
MISSING = "missing"
STATES = (REVIEWED, MACHINE, MISSING)

MEMORY_ENGINE = "tm"  # the engine name of a translation reused from an identical source
_FUZZY = "fuzzy"
_MACHINE_MARK = "machine:"
_SOURCE_MARK = "source-language:"
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

    def __init__(self, path: Path, language: str, po: polib.POFile, source_language: str):
        self.path = Path(path)
        self.language = language
        self.source_language = source_language
        self._po = po
        self._po.wrapwidth = 0  # never wrap: one line per msgid, stable diffs
        self._entries = {entry.msgctxt: entry for entry in po}
        self._memory: dict[str, Translation] | None = None
        _set_header(po, language, source_language)

    @classmethod
    def load(cls, path: str | Path, language: str, source_language: str = "de") -> Catalog:
        """Read the catalog at `path`; a missing file gives an empty catalog."""
        path = Path(path)
        po = _parse(path) if path.exists() else polib.POFile(wrapwidth=0, encoding="utf-8")
        _check_entries(path, po)
        _check_languages(path, po, language, source_language)
        return cls(path, language, po, source_language)

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
        return SyncResult(**counts)

    def lookup(self, segment: Segment) -> Translation:
        """The translation to show for `segment`, reusing identical sources if needed."""
        if segment.source_language == self.language:
            return Translation(segment.source, REVIEWED)
        entry = self._entries.get(segment.id)
        if entry is not None and not entry.obsolete and entry.msgid == segment.source:
            if entry.msgstr:
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
        """Store a machine translation; False (and no change) if a person's text is there."""
        entry = self._entry(segment_id)
        if not text:
            raise CatalogError(f"{self.path}: empty machine translation for {segment_id}")
        if entry.msgstr and not _is_machine(entry):
            return False
        entry.msgstr = text
        entry.previous_msgid = None
        _flag_fuzzy(entry, True)
        entry.tcomment = _with_machine_comment(entry.tcomment, f"{engine} {date}")
        self._memory = None
        return True

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

    def save(self) -> bool:
        """Write the catalog atomically if its bytes changed; True if it wrote."""
        data = self.to_bytes()
        if self.path.exists() and self.path.read_bytes() == data:
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


def _parse(path: Path) -> polib.POFile:
    """Parse a PO file, turning every failure into a CatalogError with line and fix."""
    try:
        data = path.read_bytes()
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _broken(path, line, "the file is not valid UTF-8") from error
    except OSError as error:
        raise CatalogError(f"{path}: cannot read the catalog ({error.strerror}); "
                           "check that it is a readable file") from error
    try:
        return polib.pofile(str(path), wrapwidth=0, encoding="utf-8")
    except (OSError, ValueError) as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else None
        reason = str(error).split(": ", 1)[1] if "): " in str(error) else "syntax error"
        raise _broken(path, line, reason) from error


def _broken(path: Path, line: int | None, reason: str) -> CatalogError:
    """The error for a PO file that does not parse."""
    where = f"{path}, line {line}" if line else str(path)
    return CatalogError(
        f"{where}: broken PO file ({reason}). Fix it by hand (`msgfmt --check {path}` "
        f"shows the problem) or restore it with `git checkout -- {path}`; "
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
