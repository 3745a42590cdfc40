"""The `add` command: a saved web page or a URL becomes `content/articles/<id>.md`.

The Markdown file holds the metadata the page states as front matter and the extracted
text as its body, so that an editor can check and correct both before the next build.
Nothing the page does not state is written; the command says which fields are missing.
"""
from __future__ import annotations

import http.client
import re
import socket
import sys
import unicodedata
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from . import webpage
from .build import Project
from .read import SAFE_ID, SUFFIXES

TIMEOUT = 20  # seconds for the whole fetch to start answering
MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = "explainer-builder/1.0 (python urllib; saving one article for an explainer site)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
ID_CHARS = 80
FETCH_FIX = "save the page in a browser and run python -m builder add PAGE.html"
TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cms)$", re.IGNORECASE)


class AddError(Exception):
    """Why `add` cannot go on: the message and its fix, printed as one line."""

    def __init__(self, message: str, fix: str):
        super().__init__(f"{message} — fix: {fix}")


def add(project: Project, target: str, article_id: str | None = None, force: bool = False, out=None) -> int:
    """Write content/articles/<id>.md from a saved page or a URL; print one line; return the exit status."""
    out = out or sys.stdout
    try:
        page = _page(target)
        article_id = _checked_id(article_id) if article_id else page_id(page)
        path = _destination(project, article_id, force)
    except AddError as exc:
        print(f"error: {exc}", file=out)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown(page), encoding="utf-8")
    stated = ", ".join(f for f in webpage.FIELDS if f in page.meta) or "nothing"
    missing = ", ".join(page.missing()) or "nothing"
    print(f"wrote {path.relative_to(project.root)}: {stated} from the page; not stated: {missing} "
          f"— check the text and the front matter before building", file=out)
    return 0


def _page(target: str) -> webpage.WebPage:
    """The extracted page of a file or an address."""
    html, fetched = _load(target)
    try:
        return webpage.extract(html, fetched)
    except webpage.NoMainText as exc:
        raise AddError(f"{target}: {exc}", "save the page again once the browser shows the whole article, "
                                           "or copy its text into content/articles/<id>.txt") from None


def markdown(page: webpage.WebPage) -> str:
    """The article file: YAML front matter with the stated fields, then the text."""
    meta = {f: page.meta[f] for f in webpage.FIELDS if f in page.meta}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) if meta else ""
    return f"---\n{front}---\n{page.text}\n"


def page_id(page: webpage.WebPage) -> str:
    """The article id: from the last segment of the page's address, else from its title."""
    for text in (_last_segment(page.meta.get("url")), page.meta.get("title")):
        candidate = slug(text or "")
        if candidate:
            return candidate
    raise AddError("the page states neither an address nor a title to make the article id from",
                   "give one with --id, e.g. --id stadtrat-2025-02")


def slug(text: str, limit: int = ID_CHARS) -> str | None:
    """A safe id from a text: lower-case letters, digits, '-' and '_', at most `limit` characters."""
    text = unicodedata.normalize("NFKD", text.translate(TRANSLITERATION)).encode("ascii", "ignore").decode()
    text = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9_]+", "-", text.lower())).strip("-_")
    if len(text) > limit:
        text = text[:limit].rsplit("-", 1)[0] if "-" in text[:limit] else text[:limit]
    return text if SAFE_ID.match(text) else None


def _last_segment(url: str | None) -> str | None:
    """The last non-empty segment of an address's path, without a page suffix like '.html'."""
    if not url:
        return None
    segments = [s for s in unquote(urlsplit(url).path).split("/") if s]
    return PAGE_SUFFIX.sub("", segments[-1]) if segments else None


def _checked_id(article_id: str) -> str:
    """An id given with --id, if it is a safe file name."""
    if not SAFE_ID.match(article_id):
        raise AddError(f"--id {article_id!r} is not a safe file name",
                       "use letters, digits, '-' and '_' only, e.g. --id stadtrat-2025-02")
    return article_id


def _destination(project: Project, article_id: str, force: bool) -> Path:
    """content/articles/<id>.md, unless an article of that id exists (a .md one may be replaced with --force)."""
    path = project.articles / f"{article_id}.md"
    for existing in (project.articles / f"{article_id}{suffix}" for suffix in SUFFIXES):
        if not existing.exists() or (force and existing == path):
            continue
        shown = existing.relative_to(project.root)
        if existing == path:
            raise AddError(f"{shown} already exists", "run again with --force to replace it, "
                                                      "or give another id with --id")
        raise AddError(f"{shown} already has the id {article_id!r}",
                       "delete that file, or give another id with --id")
    return path


def _load(target: str) -> tuple[bytes, str | None]:
    """The page's bytes and the address it was fetched from (None for a file)."""
    if re.match(r"^https?://", target, re.IGNORECASE):
        return fetch(target)
    path = Path(target)
    if not path.is_file():
        raise AddError(f"no such file: {target}", "give the path of the saved .html page, or its http(s) address")
    return path.read_bytes(), None


def fetch(url: str) -> tuple[bytes, str]:
    """GET an HTML page: (bytes, final address); every failure is one AddError."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(HTML_TYPES)})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            kind = response.headers.get_content_type()
            if kind not in HTML_TYPES:
                raise AddError(f"cannot fetch URL: the server sent {kind}, not an HTML page ({url})", FETCH_FIX)
            data = response.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise AddError(f"cannot fetch URL: the page is larger than {MAX_BYTES // 2**20} MB ({url})", FETCH_FIX)
            return data, response.geturl()
    except urllib.error.HTTPError as exc:
        raise AddError(f"cannot fetch URL: HTTP {exc.code} {exc.reason} ({url})", FETCH_FIX) from None
    except urllib.error.URLError as exc:
        raise AddError(f"cannot fetch URL: {_reason(exc.reason)} ({url})", FETCH_FIX) from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # timeouts, broken answers, bad addresses
        raise AddError(f"cannot fetch URL: {_reason(exc)} ({url})", FETCH_FIX) from None


def _reason(reason) -> str:
    """A short reason for a failed connection."""
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return f"no answer within {TIMEOUT} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return f"host not found ({reason.strerror or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
