"""Read the articles of `content/articles/` into `Article`s.

Plain text (`*.txt`), Markdown with YAML front matter (`*.md`) and saved web pages
(`*.html`, `*.htm`) are accepted. A `.txt` keeps its metadata in `content/sources.yml`,
keyed by id, so the file stays as it came. A web page gives its main text and the
metadata its markup states (`webpage`); an entry in `content/sources.yml` corrects them.
Text files are UTF-8, or UTF-16/32 with a byte-order mark; CRLF line ends read as LF.
Nothing is invented: what is not known stays None and is shown as unknown. A file that
cannot be read is reported with its path, the line and the fix, and skipped; the others
still build.
"""
from __future__ import annotations

import codecs
import datetime
import functools
import itertools
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from . import clean, furniture, yamlsafe
from .model import HEADING, PARAGRAPH, Article, Metadata
from .pool import guarded, streamed
from .problems import Problem, Problems, env_number

SUFFIXES = (".txt", ".md", ".html", ".htm")
WEB_PAGES = (".html", ".htm")
SOURCES_YML = "content/sources.yml"
META_KEYS = ("title", "author", "date", "publisher", "url", "language", "slug")
MAX_ID = 100  # characters of an article id
SAFE_ID = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9_-]{{0,{MAX_ID - 1}}}\Z")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
DERIVED_TITLE_WORDS = 14
# The largest article file read, in MB (a long news article is well under 0.2 MB); a saved
# web page may weigh WEB_PAGE_WEIGHT times as much, its markup being most of it.
SIZE_VARIABLE = "BUILDER_MAX_ARTICLE_MB"
DEFAULT_MAX_MB = 2.0
WEB_PAGE_WEIGHT = 10
# Byte-order marks of the encodings read besides UTF-8 (UTF-32 first: its LE mark starts like UTF-16's).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Bytes that text in no 8-bit encoding holds (C0 controls but tab, line ends and form feed; DEL).
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_BYTES = bytes(c for c in (*range(32), 127) if c not in b"\t\n\r\f")


@dataclass(frozen=True)
class Source:
    """A raw article file: where it is and what it says, before cleaning."""

    path: Path
    shown: str  # the path as shown in messages
    body: str
    body_line: int  # the line of the file where `body` starts
    meta: dict
    corrected: frozenset = frozenset()  # the keys of `meta` that content/sources.yml gives


def read_articles(folder: Path, sources_meta: dict, languages: tuple[str, ...],
                  problems: Problems, root: Path | None = None, on_file=None, cache=None,
                  meanwhile=()) -> list[Article]:
    """Read every article file of `folder`; bad ones are reported and skipped.

    `on_file`, if given, wraps the list of files (to report progress); `cache` keeps
    cleaned articles between builds. The articles are cleaned in the process pool, which
    looks no word up (furniture.lookups_deferred); this process loads the word lists
    meanwhile, with the functions of `meanwhile` (what the next stages load), and cleans
    the few articles that need a lookup itself.
    """
    files = article_files(folder)
    loaded = _sources(on_file(files) if on_file else files, sources_meta, languages, root, cache)
    todo = [source for _, source, _, article, _ in loaded if source is not None and article is None]
    made = streamed(guarded(lambda source: _made_article(source, languages, defer=True)), todo, (),
                    [*_word_lists(todo, languages), *meanwhile])
    seen: dict[str, str] = {}
    articles = []
    for shown, source, key, article, found in loaded:
        problems.items += found.items
        if source is not None and article is None:
            article = _take_made(_made_here(next(made), source, languages), shown, key, problems, cache)
        if article is None:
            continue
        if article.id in seen:
            problems.error(shown, 1, f"duplicate article id {article.id!r}, already used by {seen[article.id]}",
                           "rename one of the files or give one a different `slug`")
            continue
        seen[article.id] = shown
        articles.append(article)
    for key in sorted(set(sources_meta) - set(seen) - {p.stem for p in files}):
        problems.warning("content/sources.yml", None, f"metadata for {key!r}, but no article has that id",
                         "remove the entry or add the article")
    return articles


def _word_lists(sources: list[Source], languages: tuple[str, ...]) -> list:
    """Loaders of the word lists that cleaning the sources may look words up in (their languages')."""
    wanted = {str(s.meta.get("language") or languages[0]).strip() for s in sources} & set(languages)
    return [functools.partial(furniture.load_word_list, language) for language in sorted(wanted)]


def _sources(files, sources_meta: dict, languages: tuple[str, ...], root: Path | None, cache) -> list[tuple]:
    """Per file: (shown path, Source or None, cache key, cached Article or None, its problems)."""
    limit = max_article_bytes()
    loaded = []
    for path in files:
        shown, found = _shown(path, root), Problems()
        source = None if _too_large(path, shown, limit, found) else _load(path, shown, sources_meta, found, cache)
        key = _article_key(source, languages) if source is not None and cache is not None else None
        loaded.append((shown, source, key, cache.get(key) if key else None, found))
    return loaded


def max_article_bytes() -> int:
    """The size limit of an article file: BUILDER_MAX_ARTICLE_MB, else DEFAULT_MAX_MB."""
    megabytes = env_number(SIZE_VARIABLE, DEFAULT_MAX_MB, float, lambda mb: 0 < mb < float("inf"),
                           "a positive number of megabytes", f"set it to e.g. 5, or unset it for {DEFAULT_MAX_MB:g} MB")
    return int(megabytes * 1_000_000)


def _too_large(path: Path, shown: str, limit: int, problems: Problems) -> bool:
    """Whether a file is over the size limit (then reported and skipped, before it is read)."""
    allowed = limit * (WEB_PAGE_WEIGHT if path.suffix in WEB_PAGES else 1)
    size = path.stat().st_size
    if size <= allowed:
        return False
    problems.error(shown, None, f"the file has {size / 1e6:.1f} MB, more than the {allowed / 1e6:g} MB an "
                   "article may have", f"check that it is one article; split it, or raise the limit with "
                   f"{SIZE_VARIABLE}=<megabytes> (now {limit / 1e6:g})")
    return True


def article_files(folder: Path) -> list[Path]:
    """The article files of a folder, in the order they are read."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in SUFFIXES)


def _shown(path: Path, root: Path | None) -> str:
    """The path as the user knows it: relative to the project when possible, control
    characters (a line break in a file name) escaped so a message stays one line."""
    try:
        text = str(path.relative_to(root)) if root else str(path)
    except ValueError:
        text = str(path)
    return CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def _load(path: Path, shown: str, sources_meta: dict, problems: Problems, cache=None) -> Source | None:
    """Decode a file and split off its metadata; None (and a problem) when it can't be."""
    raw = path.read_bytes()
    if path.suffix in WEB_PAGES:
        return _load_page(path, shown, raw, sources_meta.get(path.stem), problems, cache)
    text = _decode(raw, shown, problems)
    if text is None:
        return None
    if not text.strip():
        problems.error(shown, 1, "the file is empty", "add the article's text or delete the file")
        return None
    meta: dict = {}
    body, body_line, corrected = text, 1, frozenset[str]()
    if path.suffix == ".md":
        parsed = _front_matter(text, shown, problems)
        if parsed is None:
            return None
        meta, body, body_line = parsed
    elif path.stem in sources_meta:
        meta = dict(sources_meta[path.stem] or {})
        corrected = frozenset(meta)
    if not body.strip():
        problems.error(shown, body_line, "the article has metadata but no text", "add the text below the front matter")
        return None
    return Source(path, shown, body, body_line, meta, corrected)


def _load_page(path: Path, shown: str, raw: bytes, corrections: dict | None, problems: Problems,
               cache) -> Source | None:
    """A saved web page: its main text and stated metadata, corrected by content/sources.yml."""
    from . import webpage  # imported here: trafilatura takes a while to load, and few projects need it

    if not raw.strip():
        problems.error(shown, 1, "the file is empty", "save the web page again, or delete the file")
        return None
    try:
        page = _cached_page(raw, cache)
    except webpage.NoMainText as exc:
        problems.error(shown, None, str(exc),
                       "save the page again once the browser shows the whole article, "
                       "or put the article's text into a .txt file")
        return None
    corrections = dict(corrections or {})
    return Source(path, shown, page.text, 1, {**page.meta, **corrections}, frozenset(corrections))


def _cached_page(raw: bytes, cache):
    """The extracted web page, from the cache when the file and the extractors are unchanged."""
    from . import webpage

    if cache is None:
        return webpage.extract(raw)
    key = cache.key("webpage", raw, webpage.VERSIONS)
    page = cache.get(key)
    if page is None:
        page = webpage.extract(raw)
        cache.put(key, page)
    return page


def _decode(raw: bytes, shown: str, problems: Problems) -> str | None:
    """The text of a file with Unix line ends: UTF-8 (a byte-order mark is dropped), or
    UTF-16/32 with a byte-order mark; None with a problem for anything else."""
    codec = next((name for bom, name in BOMS if raw.startswith(bom)), "utf-8")
    if codec == "utf-8" and b"\x00" in raw:
        _not_text(raw, shown, problems)
        return None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        _undecodable(raw, exc, codec, shown, problems)
        return None
    if "\x00" in text:
        _not_text(text.encode("utf-8"), shown, problems)
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _not_text(raw: bytes, shown: str, problems: Problems) -> None:
    """Report a file with NUL bytes: UTF-16 without a byte-order mark, or no text at all."""
    line = raw[: raw.index(b"\x00")].count(b"\n") + 1
    order = _utf16_without_bom(raw)
    if order:
        problems.error(shown, None, f"looks like {order} text without a byte-order mark",
                       f"convert it to UTF-8, e.g. `iconv -f {order} -t UTF-8 old.txt > new.txt`")
    else:
        problems.error(shown, line, "not text but binary data (contains NUL bytes)",
                       "is it the right file? An article must be plain text, saved as UTF-8")
    return None


def _utf16_without_bom(raw: bytes) -> str | None:
    """"UTF-16LE" or "UTF-16BE" when most odd (or even) bytes are NUL, as in UTF-16 of Latin text."""
    pairs = len(raw) // 2
    for order, high in (("UTF-16LE", raw[1::2]), ("UTF-16BE", raw[0::2])):
        if pairs >= 2 and high.count(0) > pairs * 0.6:
            return order
    return None


def _undecodable(raw: bytes, exc: UnicodeDecodeError, codec: str, shown: str, problems: Problems) -> None:
    """Report bytes that are not valid text in `codec`: another encoding, or no text at all."""
    line = raw[: exc.start].decode(codec, errors="replace").count("\n") + 1
    controls = sum(raw.count(bytes([c])) for c in CONTROL_BYTES)
    if codec != "utf-8":
        problems.error(shown, line, f"not valid {codec.upper()} (at byte offset {exc.start})",
                       f"re-save the file as UTF-8, e.g. `iconv -f {codec.upper()} -t UTF-8 old.txt > new.txt`")
    elif controls * 100 > len(raw):
        problems.error(shown, line, f"not text ({controls} control bytes in {len(raw)}, e.g. at offset {exc.start})",
                       "is it the right file? An article must be plain text, saved as UTF-8")
    else:
        problems.error(shown, line, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                       "re-save the file as UTF-8, e.g. `iconv -f latin1 -t utf-8`")
    return None


def _front_matter(text: str, shown: str, problems: Problems) -> tuple[dict, str, int] | None:
    """Split YAML front matter from a Markdown article."""
    if not text.startswith("---"):
        return {}, text, 1
    m = FRONT_MATTER.match(text)
    if not m:
        problems.error(shown, 1, "front matter opened with '---' is never closed",
                       "end the metadata with a line of three dashes '---'")
        return None
    try:
        meta = yamlsafe.load(m.group(1) or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(exc, "problem", None) or "invalid YAML"
        problems.error(shown, line, f"broken front matter: {reason}",
                       "write it as `key: value` lines; quote values that contain ':'")
        return None
    if not isinstance(meta, dict):
        problems.error(shown, 2, "front matter is not a set of `key: value` lines",
                       "write it as `key: value` lines, e.g. `title: …`")
        return None
    return meta, text[m.end():], text[: m.end()].count("\n") + 1


def _take_made(outcome, shown: str, key: str | None, problems: Problems, cache) -> Article | None:
    """The Article the pool made (kept in the cache) with its problems, or None (its crash reported)."""
    if outcome.error:
        problems.crashed(shown, "reading and cleaning it", outcome.exception())
        return None
    article, told = outcome.value
    problems.items += told
    if article is not None and key:
        cache.put(key, article)
    return article


def _article_key(source: Source, languages: tuple[str, ...]) -> str:
    """The cache key of a source's Article: everything it is made of."""
    from .cache import Cache

    return Cache.key(source.shown, source.body, sorted(source.meta.items(), key=str), languages)


def _made_here(outcome, source: Source, languages: tuple[str, ...]):
    """The pool's Outcome of `_made_article`; the Outcome of making it in this process when
    the pool left it here (making it needs a word looked up)."""
    if outcome.error is None and outcome.value is None:
        return guarded(lambda s: _made_article(s, languages))(source)
    return outcome


def _made_article(source: Source, languages: tuple[str, ...],
                  defer: bool = False) -> tuple[Article | None, list[Problem]] | None:
    """The Article of a source and the problems found making it (run in the process pool);
    with `defer`, None when making it needs a word looked up in a word list."""
    found = Problems()
    if not defer:
        return _article(source, languages, found), found.items
    try:
        with furniture.lookups_deferred():
            return _article(source, languages, found), found.items
    except furniture.LookupDeferred:
        return None


def _article(source: Source, languages: tuple[str, ...], problems: Problems) -> Article | None:
    """Validate metadata, clean the text and build the Article."""
    meta = _metadata(source, languages, problems)
    if meta is None:
        return None
    marker_date, body = clean.take_date_marker(source.body)
    text, blocks = clean.make_blocks(clean.normalise(body), meta.language)
    if not any(b.sentences for b in blocks):
        problems.error(source.shown, source.body_line,
                       "no article text left after cleaning (only headings, credits or captions)",
                       "check that the file holds the article's paragraphs")
        return None
    meta = replace(meta, datelines=clean.datelines(blocks))
    if meta.date is None and marker_date:
        meta = replace(meta, date=marker_date)
    if meta.title is None:
        meta = replace(meta, title=derive_title(blocks), title_derived=True)
    return Article(meta.slug or source.path.stem, source.shown, meta, text, blocks)


def _metadata(source: Source, languages: tuple[str, ...], problems: Problems) -> Metadata | None:
    """Check metadata keys and values; None when any is wrong (all are reported)."""
    meta = source.meta
    before = len(problems.errors)

    def report(key: str, message: str, fix: str) -> None:
        problems.error(_where(source, key), _key_line(source, key), message, _fix(source, key, fix))

    for key in sorted(set(meta) - set(META_KEYS)):
        report(key, f"unknown metadata key {key!r} for {source.path.stem}", f"use only: {', '.join(META_KEYS)}")
    values = {k: (None if meta.get(k) is None else str(meta[k]).strip()) for k in META_KEYS}
    if values["slug"] and not SAFE_ID.match(values["slug"]):
        report("slug", f"article id {values['slug']!r} is not a safe file name",
               "use letters, digits, '-' and '_' only (no '/', '..' or spaces)")
    elif not values["slug"] and not SAFE_ID.match(source.path.stem):
        _bad_file_name(source, problems)
    if values["date"] and not calendar_date(values["date"]):
        report("date", f"date {values['date']!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD",
               "write a real date as precisely as known, e.g. 2025-02 or 2025-02-12")
    language = values["language"] or languages[0]
    if language not in languages:
        report("language", f"language {language!r} is not a site language", f"use one of: {', '.join(languages)}")
    if values["url"] and not web_address(values["url"]):
        report("url", f"url {values['url']!r} is not an http(s) address a page can link to",
               "give the full address, starting with https:// (spaces, quotes and <> written as %20, %22, %3C, %3E)")
    if len(problems.errors) > before:
        return None
    return Metadata(title=values["title"], author=values["author"], date=values["date"],
                    publisher=values["publisher"], url=values["url"], language=language, slug=values["slug"])


def _bad_file_name(source: Source, problems: Problems) -> None:
    """Report a file whose name (the id, when no `slug` gives one) cannot be a page's name."""
    stem, suffix = source.path.stem, source.path.suffix
    fault = (f"it is {len(stem)} characters long, at most {MAX_ID} are allowed" if len(stem) > MAX_ID
             else "only letters a-z, digits, '-' and '_' may be in it, starting with a letter or digit")
    where = "its front matter" if suffix == ".md" else SOURCES_YML
    problems.error(source.shown, None, f"the file name cannot be the article's id: {fault}",
                   f"rename the file to letters, digits, '-' and '_' only, e.g. {_safe_name(stem)}{suffix} "
                   f"(or set `slug:` in {where})")


def _safe_name(stem: str) -> str:
    """A safe id close to a file name: accents dropped, ß as ss, other characters as '-'."""
    folded = unicodedata.normalize("NFKD", stem.replace("ß", "ss")).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", folded).strip("-_")[:MAX_ID].strip("-_")
    return name or "article"


def calendar_date(text: str) -> bool:
    """Whether a text is a date of the calendar, as precisely as known: "2025",
    "2025-02" or "2025-02-12" (not "2025-13" nor "2025-02-30")."""
    if not DATE.match(text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        datetime.date(*parts[:3])
    except ValueError:
        return False
    return True


def web_address(url: str) -> bool:
    """Whether a text is an http(s) address with a host, and nothing a page could misread
    in it: no space, quote, angle bracket, backslash or control character."""
    if any(c in url for c in " \"'<>`\\") or any(ord(c) < 32 or ord(c) == 127 for c in url):
        return False
    try:
        parts = urllib.parse.urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def _where(source: Source, key: str) -> str:
    """The file that gives a metadata key: content/sources.yml or the article's own file."""
    return SOURCES_YML if key in source.corrected else source.shown


def _fix(source: Source, key: str, fix: str) -> str:
    """The fix of a metadata problem; for a value a web page states, also where to correct it."""
    if source.path.suffix in WEB_PAGES and key not in source.corrected:
        return f"the page states it; set `{key}:` under `{source.path.stem}:` in {SOURCES_YML} ({fix})"
    return fix


def _key_line(source: Source, key: str) -> int | None:
    """The line of a front matter key in a Markdown file, for messages."""
    if source.path.suffix != ".md":
        return None
    text = _decode(source.path.read_bytes(), source.shown, Problems()) or ""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def derive_title(blocks) -> str:
    """A title taken from the text: the fullest heading before the first paragraph (a page's
    kicker and section labels are shorter than its headline), else the lead's first sentence."""
    leading = list(itertools.takewhile(lambda b: b.kind != PARAGRAPH, blocks))
    headings = [b.text for b in leading if b.kind == HEADING]
    if headings:
        return max(headings, key=lambda text: len(text.split()))
    first = next(s for b in blocks for s in b.sentences)
    words = first.text.split()
    if len(words) <= DERIVED_TITLE_WORDS:
        return first.text.rstrip(".")
    return " ".join(words[:DERIVED_TITLE_WORDS]).rstrip(",;:") + " …"
