"""Stable links: every URL the site has published stays reachable.

`content/published.yml` is a committed manifest of every published page and data URL,
and of the claim anchors on each page. MkDocs writes the redirects of `mkdocs.yml` for
every language (the project's hook, builder/mkdocs_hooks.py); after it has built the
site, `check_published`

- fails the build (a problem per URL) when a URL of the manifest is neither a page nor a
  redirect any more, and says how to add the redirect;
- records new URLs and the current claim anchors in the manifest, and reports claim
  anchors that are gone (a claim's anchor is a hash of its wording: it changes only when
  the wording does).

A URL is never removed from the manifest by the build.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from .config import load_languages, load_yaml
from .feed import FEED_NAME
from .pool import guarded, mapped
from .problems import counted
from .publish import write_if_changed

MANIFEST = "content/published.yml"
HEADER = """\
# Every URL the site has published, and the claim anchors of each page (generated).
# `python -m builder build` adds new URLs and updates the anchors: commit this file with
# the change that made them. It never removes a URL: a listed URL that the site no longer
# has fails the build until mkdocs.yml redirects it (plugins: - redirects: redirect_maps:).
# `claim_ids` gives each published claim id of a topic the sentences it cited: a claim
# keeps its id while it cites them; an id whose sentences are all gone fails the build
# until it is removed here.
"""
SKIPPED_PAGES = {"404.html"}


@dataclass
class Manifest:
    """The published URLs (pages and data files) and the claim anchors by page URL."""

    urls: list[str] = field(default_factory=list)
    claims: dict[str, list[str]] = field(default_factory=dict)
    claim_ids: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # topic -> id -> cited sentences

    def dump(self) -> bytes:
        """The manifest as deterministic YAML with its header."""
        claim_ids = {t: {c: sorted(s) for c, s in sorted(ids.items())} for t, ids in sorted(self.claim_ids.items())}
        data = {"urls": sorted(set(self.urls)), "claims": {k: sorted(v) for k, v in sorted(self.claims.items())},
                "claim_ids": claim_ids}
        return (HEADER + yaml.safe_dump(data, sort_keys=False, width=1000)).encode("utf-8")


@dataclass(frozen=True)
class Page:
    """A built HTML file: whether MkDocs made it as a page or a redirect, its claim anchors."""

    kind: str  # "page", "redirect" or "other"
    claims: tuple[str, ...]


class _PageParser(HTMLParser):
    """Reads what kind of HTML file a built file is, and the ids of its claims."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.generator = self.refresh = False
        self.claims: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("name") == "generator" and (a.get("content") or "").startswith("mkdocs")):
            self.generator = True
        elif tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.refresh = True
        elif tag == "p" and "claim" in (a.get("class") or "").split() and a.get("id"):
            self.claims.append(a["id"])
        elif tag == "span" and "claim-alias" in (a.get("class") or "").split() and a.get("id"):
            self.claims.append(a["id"])  # the id of a published claim that became this one


# What `read_page` needs of a file: the start tags of meta, p and span elements (quoted
# attribute values may hold ">"), outside comments, scripts and styles, where an HTML
# parser sees no tags either.
_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"""<(?:meta|p|span)[\s/](?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_WANTED = ("generator", "refresh", "claim")


def read_page(path: Path) -> Page:
    """Parse one built HTML file: only the tags it needs go through the HTML parser, which
    reads them as it would in the whole file (a site has thousands of large pages)."""
    return parse_page(path.read_text(encoding="utf-8", errors="replace"))


def parse_page(html: str, whole: bool = False) -> Page:
    """The kind and claim anchors of an HTML text (`whole`: parse all of it, for tests)."""
    parser = _PageParser()
    if whole:
        parser.feed(html)
    else:
        visible = _HIDDEN.sub(" ", html) if "<!--" in html or "<script" in html.lower() or "<style" in html.lower() \
            else html
        parser.feed("".join(tag for tag in _TAG.findall(visible) if any(w in tag.lower() for w in _WANTED)))
    parser.close()
    kind = "page" if parser.generator else "redirect" if parser.refresh else "other"
    return Page(kind, tuple(parser.claims))


def published_files(site_dir: Path, plain: frozenset[str] = frozenset()) -> dict[str, Page]:
    """The pages, data files and feeds of a built site that readers may link to, by URL.
    `plain` are the URLs of pages MkDocs built from generated Markdown without a claim
    anchor (see plain_pages): a page each, with no anchor to read from its HTML."""
    out = {}
    paths = sorted(site_dir.rglob("*.html"))
    urls = [path.relative_to(site_dir).as_posix() for path in paths]
    read = [path for path, url in zip(paths, urls, strict=True) if url not in plain]
    found = dict(zip(read, mapped(guarded(read_page), read), strict=True))  # in the pool
    for path, url in zip(paths, urls, strict=True):
        outcome = found.get(path)
        if outcome is not None and outcome.error:
            raise outcome.exception()
        page = Page("page", ()) if outcome is None else outcome.value
        if page.kind == "page" and url not in SKIPPED_PAGES:
            out[url] = page
    for path in sorted((site_dir / "data").rglob("*")) if (site_dir / "data").is_dir() else []:
        if path.is_file():
            out[path.relative_to(site_dir).as_posix()] = Page("data", ())
    for path in [site_dir / FEED_NAME, *sorted(site_dir.glob(f"*/{FEED_NAME}"))]:
        if path.is_file():  # feed readers keep polling a feed's address
            out[path.relative_to(site_dir).as_posix()] = Page("data", ())
    return out


# A claim's anchor in the generated Markdown: its attribute list or the span of an alias.
_CLAIM_MARK = re.compile(rb"\.claim\b|claim-alias")


def plain_pages(docs: dict[str, bytes], prefixes: list[str]) -> frozenset[str]:
    """The URLs of the generated Markdown pages (docs path -> bytes) that hold no claim
    anchor: the links check takes them as pages without reading their HTML (a site of
    thousands of articles has as many source pages, and only its topic pages hold claims).
    The suffix structure maps "x.md" to "x.html" and "x.en.md" to "en/x.html"."""
    plain = set()
    for path, text in docs.items():
        if path.endswith(".md") and not _CLAIM_MARK.search(text):
            stem, _, language = path[:-3].rpartition(".")
            plain.add(f"{language}/{stem}.html" if stem and language in prefixes else f"{path[:-3]}.html")
    return frozenset(plain)


def load_manifest(path: Path) -> Manifest:
    """The committed manifest; an empty one when the file does not exist yet."""
    data = load_yaml(path, missing_ok=True) or {}
    ids = data.get("claim_ids") or {}
    claim_ids = {t: {c: list(s or []) for c, s in (v or {}).items()} for t, v in ids.items() if isinstance(v, dict)}
    return Manifest(list(data.get("urls") or []), {k: list(v or []) for k, v in (data.get("claims") or {}).items()},
                    claim_ids)


def default_page(url: str, prefixes: list[str]) -> str:
    """The docs path of a URL's page in the default language (en/topics/x.html -> topics/x.md)."""
    first, _, rest = url.partition("/")
    path = rest if first in prefixes and rest else url
    return path[: -len(".html")] + ".md" if path.endswith(".html") else path


def redirect_hint(url: str, prefixes: list[str]) -> str:
    """How to keep a gone URL working."""
    if not url.endswith(".html"):
        return f"restore {url}: data files cannot be redirected"
    old = default_page(url, prefixes)
    return (f"add a redirect to mkdocs.yml under `plugins: - redirects: redirect_maps:`, e.g. "
            f"'{old}': 'sources/index.md' (the new page's docs path, default language; "
            f"the other languages get the same redirect), or restore the page")


def line_of(text: str, needle: str) -> int | None:
    """The 1-based line of the manifest that lists a URL."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() in (f"- {needle}", f"- '{needle}'"):
            return number
    return None


def gone_anchors(old: Manifest, pages: dict[str, Page]) -> dict[str, list[str]]:
    """Claim anchors of the manifest that a still-published page no longer has."""
    out = {}
    for url, anchors in sorted(old.claims.items()):
        if url in pages:
            gone = sorted(set(anchors) - set(pages[url].claims))
            if gone:
                out[url] = gone
    return out


def check_published(root: Path, site_dir: Path, problems, out=None, claim_ids: dict | None = None,
                    record: bool = True, docs: dict[str, bytes] | None = None) -> bool:
    """Check the manifest against the built site; record new URLs and claim ids in it, or
    (record=False) only say that they are new. True when the manifest on disk is (now) up
    to date. `docs`: the generated Markdown MkDocs built the site from (see plain_pages)."""
    out = out or sys.stdout
    languages = load_languages(root / "mkdocs.yml")
    prefixes = [lang.code for lang in languages if not lang.default]
    path = root / MANIFEST
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    old = load_manifest(path)
    pages = published_files(site_dir, plain_pages(docs or {}, prefixes))
    for url in old.urls:
        if not (site_dir / url).is_file():
            problems.error(MANIFEST, line_of(text, url), f"published URL {url} is gone and nothing redirects it",
                           redirect_hint(url, prefixes))
    for url, anchors in gone_anchors(old, pages).items():
        print(f"links: {url}: {len(anchors)} claim anchor(s) gone (their wording changed): "
              + ", ".join(anchors), file=out)
    current = _record(path, _updated(old, pages, claim_ids or {}), record)
    known = set(old.urls)
    new = [url for url in pages if url not in known]
    told = f"recorded in {MANIFEST} (commit it)" if record else f"not yet in {MANIFEST}"
    print(f"links: {counted(len(pages), 'published URL')}" + (f", {len(new)} new {told}" if new else ""), file=out)
    return current


def _updated(old: Manifest, pages: dict[str, Page], claim_ids: dict) -> Manifest:
    """The manifest with the site's pages, their claim anchors and the claim ids added."""
    kept = {t: dict(ids) for t, ids in old.claim_ids.items()}  # a gone id stays listed until an editor removes it
    for topic, ids in claim_ids.items():
        kept.setdefault(topic, {}).update(ids)
    return Manifest(sorted(set(old.urls) | set(pages)),
                    {url: list(page.claims) for url, page in pages.items() if page.claims}, kept)


def _record(path: Path, manifest: Manifest, record: bool) -> bool:
    """Write the manifest if `record`; whether the file is (now) up to date."""
    data = manifest.dump()
    if record:
        write_if_changed(path, data)
        return True
    return path.exists() and path.read_bytes() == data
