"""The project's MkDocs plugin, as an MkDocs hook module (`hooks:` in build/mkdocs.yml).

It keeps each page's Markdown→HTML conversion between runs (`PageCache`, in
build/cache/mkdocs-pages/): a page whose Markdown, address and the site's files, Markdown
settings and package versions are all as before gets the HTML, table of contents, title and
anchors of its last conversion, the same values MkDocs would compute again. A conversion
that logged anything (a broken link) is not kept, so its message comes on every run. The
theme's compiled templates are kept too (Jinja2's bytecode cache, build/cache/mkdocs-templates/),
and the search index's entries of each page, keyed by all the index reads of the page. The
pages the cache lacks are converted ahead, in forked processes, one per core (BUILDER_WORKERS
sets the number), which fill the cache with their conversions and search entries; MkDocs then
takes every page from it (`convert_ahead`).

After every language is built it writes the redirects of `mkdocs.yml` (plugin
`redirects`, `redirect_maps`) for each language but the default one: mkdocs-redirects
1.2.2 only knows the default language's paths, so `topics/old.md: topics/new.md` also
needs `en/topics/old.html`.

MkDocs loads this file by its path, so a plain `mkdocs build` or `mkdocs serve` on the
generated project runs it too, with no package to install; for the same reason it
imports nothing of the builder, only MkDocs and its plugins.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import multiprocessing
import os
import pickle
import posixpath
import sys
import tempfile
import threading
import types
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs_redirects.plugin import write_html

log = logging.getLogger("mkdocs.hooks.language_redirects")


def html_path(md_path: str) -> str:
    """The built path of a docs page (use_directory_urls: false)."""
    return md_path[: -len(".md")] + ".html" if md_path.endswith(".md") else md_path


def write_language_redirects(site_dir: Path, maps: dict[str, str], prefixes: list[str]) -> list[str]:
    """Write each redirect under every non-default language folder; return what was written."""
    written = []
    for prefix in prefixes:
        for old, new in sorted(maps.items()):
            target, _, anchor = str(new).partition("#")
            if target.startswith(("http://", "https://")):
                continue
            old_url, new_url = f"{prefix}/{html_path(old)}", f"{prefix}/{html_path(target)}"
            if not (site_dir / new_url).is_file():
                continue  # the default-language redirect is checked by mkdocs-redirects
            relative = posixpath.relpath(new_url, posixpath.dirname(old_url))
            write_html(str(site_dir), old_url, relative + (f"#{anchor}" if anchor else ""))
            written.append(old_url)
    return written


def other_languages(config) -> list[str]:
    """The folders of the built languages but the default one (the i18n plugin's)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return []
    return [lang.locale for lang in i18n.config.languages if lang.build and not lang.default]


@event_priority(-200)  # after the i18n plugin (-100), which builds the other languages in its on_post_build
def on_post_build(config) -> None:
    """Once every language is built: its redirects for each non-default language."""
    i18n, redirects = config.plugins.get("i18n"), config.plugins.get("redirects")
    if i18n is not None and i18n.building:
        return  # one language's build inside the i18n plugin's loop
    if _CACHE is not None:
        log.debug(f"page cache: {_CACHE.hits} kept, {_CACHE.misses} converted, {_CACHE.prune()} removed")
    if redirects is None:
        return
    maps = dict(redirects.config.get("redirect_maps") or {})
    written = write_language_redirects(Path(config.site_dir), maps, other_languages(config))
    log.debug(f"language redirects: {len(written)} written")


# --- the conversion of each page, kept between runs -------------------------------------------

CACHE_FOLDER = "cache/mkdocs-pages"  # below the folder of the generated mkdocs.yml (build/)
PACKAGES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material", "mkdocs-static-i18n")


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


class _Heard(logging.Handler):
    """Counts the records logged while a page is converted."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno > logging.DEBUG:
            self.count += 1


class PageCache:
    """Pickled conversions of pages in a folder, one file per key; `used` are the keys of
    this run (the others are removed at its end)."""

    def __init__(self, folder: Path):
        self.folder, self.used = folder, set[str]()
        self.settings = ""
        self.files_key: tuple[object, str] = (None, "")
        self.hits = self.misses = 0
        self.ahead: object = None  # the files whose pages were converted ahead (convert_ahead)

    def configure(self, config) -> None:
        """The part of the key that is the same for every page of a run: Markdown settings,
        link validation, URL style, package versions and this module's code."""
        digest = hashlib.sha256()
        for part in (*(f"{p}={_version(p)}" for p in PACKAGES), Path(__file__).read_bytes(),
                     repr(config["markdown_extensions"]), repr(sorted((config["mdx_configs"] or {}).items())),
                     repr(config["use_directory_urls"]), repr(config["validation"]), config["docs_dir"]):
            digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
            digest.update(b"\0")
        self.settings = digest.hexdigest()

    def files_digest(self, files) -> str:
        """A hash of every file of the run by source path, URL, destination and inclusion (links
        resolve against them); computed once per set of files."""
        if self.files_key[0] is not files:  # the object itself is kept: an id could be reused
            digest = hashlib.sha256(self.settings.encode())
            for f in sorted(files, key=lambda f: f.src_uri):
                digest.update(f"{f.src_uri}\0{f.url}\0{f.dest_uri}\0{f.inclusion}\n".encode())
            self.files_key = (files, digest.hexdigest())
        return self.files_key[1]

    def key(self, page, files) -> str:
        """The key of a page's conversion: everything `Page.render` reads."""
        digest = hashlib.sha256(self.files_digest(files).encode())
        for part in (page.file.src_uri, page.file.url, page.file.dest_uri,
                     str(logging.getLogger("mkdocs.structure.pages").getEffectiveLevel()),
                     page.markdown):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        """The file of a kept conversion or search entries."""
        return self.folder / key[:2] / key

    def render(self, page, config, files) -> None:
        """`page.render(config, files)`, from the cache when it holds this conversion."""
        if self.ahead is not files:
            self.ahead = files
            convert_ahead(self, config, files)
        key = self.key(page, files)
        self.used.add(key)
        path = self.path(key)
        stored = _load(path)
        if stored is not None:
            try:
                self._restore(page, files, stored)
                self.hits += 1
                return
            except Exception:  # an entry of another shape: converted again
                pass
        self.misses += 1
        self.convert(page, config, files, path)

    def convert(self, page, config, files, path: Path) -> bool:
        """Render a page and keep its conversion when nothing was logged meanwhile (whether it was kept)."""
        heard = _Heard()
        loggers = [logging.getLogger(), logging.getLogger("mkdocs"), logging.getLogger("MARKDOWN")]
        for logger in loggers:
            logger.addHandler(heard)
        try:
            md_tokens = _render_keeping_tokens(page, config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(heard)
        if heard.count == 0:
            _save(path, self._stored(page, md_tokens))
        return heard.count == 0

    @staticmethod
    def _stored(page, toc_tokens) -> dict:
        links = None if page.links_to_anchors is None else \
            {f.src_uri: dict(anchors) for f, anchors in page.links_to_anchors.items()}
        return {"content": page.content, "toc": toc_tokens, "title": page._title_from_render,
                "anchors": sorted(page.present_anchor_ids or ()), "links": links}

    @staticmethod
    def _restore(page, files, stored: dict) -> None:
        links = None
        if stored["links"] is not None:
            links = {}
            for src_uri, anchors in stored["links"].items():
                target = files.get_file_from_path(src_uri)
                if target is None:
                    raise KeyError(src_uri)
                links[target] = dict(anchors)
        page.content = stored["content"]
        page.toc = get_toc(stored["toc"])
        page._title_from_render = stored["title"]
        page.present_anchor_ids = set(stored["anchors"])
        if stored["links"] is not None:
            page.links_to_anchors = links

    def prune(self) -> int:
        """Remove the conversions this run did not use; how many."""
        removed = 0
        if not self.used or not self.folder.is_dir():
            return removed
        for path in self.folder.glob("*/*"):
            if path.is_file() and path.name not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


WORKERS_VARIABLE = "BUILDER_WORKERS"  # the builder's setting of its process pool, read here too
MIN_PAGES = 16  # pages per process below which starting processes costs more than it saves


def ahead_workers() -> int:
    """Processes for converting pages ahead: BUILDER_WORKERS (a number), else one per core;
    1 (none) off Linux, where forking is not safe, and beside other threads (`mkdocs serve`)."""
    value = os.environ.get(WORKERS_VARIABLE, "")
    count = int(value) if value.isdigit() and int(value) >= 1 else os.cpu_count() or 1
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return count


def convert_ahead(cache: PageCache, config, files) -> None:
    """Convert the pages of a run that the cache lacks in forked processes, which fill the
    cache; MkDocs then takes each page from it in its own order. A process reads a page's
    Markdown as MkDocs does and lets the plugins change it (`on_pre_page`, `on_page_markdown`);
    what they change there is lost with the process, and a page they change otherwise in
    MkDocs's own pass has another key, so MkDocs converts it itself. What a process logs is
    not shown (the page is not kept, and MkDocs converts it again, with its messages)."""
    documents = [f for f in files.documentation_pages() if not f.inclusion.is_excluded()]
    count = min(ahead_workers(), len(documents) // MIN_PAGES)
    if count <= 1:
        return
    context = multiprocessing.get_context("fork")  # forked: the processes share this one's loaded state
    processes = [context.Process(target=_convert_share, args=(cache, config, files, documents[i::count]))
                 for i in range(count)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()


def _convert_share(cache: PageCache, config, files, documents: list) -> None:
    """In a process of convert_ahead: convert these pages into the cache, logging nothing."""
    for name in ("", "mkdocs", "MARKDOWN"):
        logger = logging.getLogger(name)
        logger.handlers, logger.propagate = [], False
    for file in documents:
        try:
            page = config.plugins.on_pre_page(file.page or Page(None, file, config), config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            path = cache.path(cache.key(page, files))
            if not path.is_file() and cache.convert(page, config, files, path):
                page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
                _index_ahead(cache, config, page)
        except Exception:  # noqa: BLE001  the page is left to MkDocs, which reports what is wrong with it
            continue


def _index_ahead(cache: PageCache, config, page) -> None:
    """In a process of convert_ahead: the search entries of a converted page, into the cache."""
    for name in SEARCH_PLUGINS:
        index = getattr(config.plugins.get(name), "search_index", None)
        if index is not None and hasattr(index, "entries"):
            if not getattr(index, "kept_by_page_cache", False):
                _indexing_through(cache, index)
            index.add_entry_from_context(page)


def _render_keeping_tokens(page, config, files) -> list:
    """`Page.render`, and the table-of-contents tokens it made its `toc` from."""
    import markdown

    made: list = []
    convert = markdown.Markdown.convert

    def convert_and_keep(md, source):
        out = convert(md, source)
        made.append(getattr(md, "toc_tokens", []))
        return out

    markdown.Markdown.convert = convert_and_keep
    try:
        Page.render(page, config, files)
    finally:
        markdown.Markdown.convert = convert
    return made[-1] if made else []


def _load(path: Path):
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # missing or damaged: converted again
        return None


def _save(path: Path, value) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs speed


_CACHE: PageCache | None = None


@event_priority(-200)  # after the i18n plugin's changes to the config
def on_config(config):
    """Set up the page cache next to the generated config."""
    global _CACHE
    if _CACHE is None or _CACHE.folder != Path(config.config_file_path).parent / CACHE_FOLDER:
        _CACHE = PageCache(Path(config.config_file_path).parent / CACHE_FOLDER)
    _CACHE.configure(config)
    _deduplicating_search_in_linear_time(config.plugins.get("i18n"))
    return config


def _deduplicating_search_in_linear_time(i18n) -> None:
    """Give the i18n plugin a linear `reconfigure_search_duplicates`: its own compares every
    entry of the default language with every entry of the other languages (3.5 s for the
    12,000 entries of 2,000 articles, against 0.07 s; a hundred times that at 20,000)."""
    if i18n is None or not hasattr(i18n, "reconfigure_search_duplicates") or getattr(i18n, "dedupe_linear", False):
        return
    quadratic = i18n.reconfigure_search_duplicates

    def deduplicated(entries: list) -> None:
        prefixes = tuple(f"{lang}/" for lang in i18n.build_languages)
        try:
            entries[:] = search_duplicates_removed(entries, prefixes)
        except TypeError:  # an entry whose title or text is no text: the plugin's own way
            quadratic(entries)

    i18n.reconfigure_search_duplicates = deduplicated
    i18n.dedupe_linear = True


def search_duplicates_removed(entries: list, prefixes: tuple[str, ...]) -> list:
    """The search entries without those the i18n plugin takes for duplicates: an entry of a
    language folder (its location starts with one of `prefixes`) whose title and text are a
    default-language entry's and whose location ends with that entry's location."""
    default = {(e["title"], e["text"], e["location"]) for e in entries if not e["location"].startswith(prefixes)}

    def duplicate(entry) -> bool:
        location = entry["location"]
        return location.startswith(prefixes) and any(
            (entry["title"], entry["text"], location[cut:]) in default for cut in range(len(location) + 1))

    return [e for e in entries if not duplicate(e)]


def on_pre_build(config) -> None:
    """A new run (not one language's build inside the i18n plugin's loop): no key used yet."""
    i18n = config.plugins.get("i18n")
    if _CACHE is not None and not (i18n is not None and i18n.building):
        _CACHE.used, _CACHE.hits, _CACHE.misses = set(), 0, 0


@event_priority(-200)  # after every other plugin has changed the Markdown
def on_page_markdown(markdown, page, config, files):
    """Let the page convert through the cache."""
    if _CACHE is not None and type(page).render is Page.render:
        cache = _CACHE
        page.render = types.MethodType(lambda self, config, files: cache.render(self, config, files), page)
    return markdown


TEMPLATE_CACHE = "cache/mkdocs-templates"  # compiled theme templates (Jinja2's bytecode cache)


def on_env(env, config, files):
    """Keep the theme's compiled templates between runs and between the languages' builds:
    Jinja2 keys each by the template's name and source and compiles a changed one again."""
    import jinja2

    if env.bytecode_cache is None:
        folder = Path(config.config_file_path).parent / TEMPLATE_CACHE
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return env  # a cache that cannot be written only costs speed
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


SEARCH_PLUGINS = ("material/search", "search")


def _toc_repr(toc) -> str:
    """A table of contents as text: each entry's level, id and title, nested."""
    return "".join(f"({a.level}|{a.id}|{a.title}|{_toc_repr(a.children)})" for a in toc)


def search_key(cache: PageCache, index, page) -> str:
    """The key of a page's search entries: all the search index reads of it (content, table
    of contents, URL, title, front matter) and the search settings."""
    digest = hashlib.sha256(cache.settings.encode())
    for part in (repr(sorted(index.config.items())), page.url, str(page.title), repr(sorted(page.meta.items())),
                 _toc_repr(page.toc), page.content or ""):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return "s" + digest.hexdigest()[1:]


def _indexing_through(cache: PageCache, index) -> None:
    """Make the search index take a page's entries from the cache when it has them."""
    add = index.add_entry_from_context

    def add_entries(page) -> None:
        key = search_key(cache, index, page)
        cache.used.add(key)
        path = cache.path(key)
        stored = _load(path)
        if isinstance(stored, list):
            index.entries.extend(stored)
            return
        before = len(index.entries)
        add(page)
        _save(path, index.entries[before:])

    index.add_entry_from_context = add_entries
    index.kept_by_page_cache = True


@event_priority(100)  # before the search plugin indexes the page
def on_page_context(context, page, config, nav):
    """Let the search plugin index the page through the cache."""
    for name in SEARCH_PLUGINS:
        index = getattr(config.plugins.get(name), "search_index", None)
        if _CACHE is not None and index is not None and hasattr(index, "entries") \
                and not getattr(index, "kept_by_page_cache", False):
            _indexing_through(_CACHE, index)
    return context
