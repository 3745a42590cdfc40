"""Source pages kept between builds, so that editing one article renders one source page per language.

A source page (sources/<id>.md) shows one article: its text in the page's language, its
metadata, the other copies of its report and the topic pages that cite it. Its Markdown
(and its count of texts by translation state) is kept under a key of everything the page
shows (`SourcePages.key`) and of what renders it (the builder's code, the templates, the
UI strings and their translations, the build and content dates, the glossary, the
versions of Jinja2 and PyYAML); a change to any of them renders the page again. What
source.md.j2 reads of the site must be in the key: a template that comes to read more must
add it there (tests/test_sourcecache.py compares kept pages with fresh ones).
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from .cache import Cache, code_closure, code_fingerprint
from .catalog import Segment
from .config import STORY
from .localize import Localizer, article_segments, title_segment
from .model import Article, Site
from .publish import installed_version

PACKAGES = ("jinja2", "PyYAML")  # what renders the page besides the builder's code


def _templates(folder: Path) -> list[tuple[str, bytes]]:
    """Every template file of a folder by name, with its bytes."""
    return [(p.relative_to(folder).as_posix(), p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()]


class SourcePages:
    """The kept source pages of one language: `get(key)` and `put(key, (markdown, counts))`."""

    def __init__(self, folder: Path, templates: Path, site: Site, language: str, catalogs: dict, strings: dict):
        self.cache = Cache(folder)
        self.site, self.loc = site, Localizer(language, catalogs)
        ui = [(k, self.loc.peek(Segment(f"ui.{k}", v, strings["_language"])))
              for k, v in sorted(strings.items()) if isinstance(v, str) and not k.startswith("_")]
        self.base = Cache.key(code_fingerprint(code_closure("render.py")), *_templates(templates),
                              [installed_version(p) for p in PACKAGES], language,
                              sorted(strings.get(STORY, {}).items()),
                              sorted((k, v) for k, v in strings.items() if k != STORY), ui,
                              site.built, site.content_date, site.glossary, [lang.code for lang in site.languages])

    def key(self, article: Article) -> str:
        """The key of an article's source page: the article, its texts as this language shows
        them, its copies and the topic pages that cite it (their titles as shown), or why none does."""
        site, loc = self.site, self.loc
        copies = [(aid, site.article(aid).meta.publisher, loc.peek(title_segment(site.article(aid))))
                  for aid in site.copies_of(article.id)]
        source = site.languages[0].code
        topics = [(t.config.id, sorted(t.config.title.items()),
                   loc.peek(Segment(f"topic.{t.config.id}.title", t.config.title[source], source)))
                  for t in site.topics_of(article.id)]
        digest = hashlib.sha256(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)).digest()
        return Cache.key(self.base, digest, [loc.peek(s) for s in article_segments(article)], copies, topics,
                         site.unused_reason(article.id))

    def get(self, key: str) -> tuple[bytes, dict] | None:
        """The kept (Markdown as UTF-8, counts) of a page, or None."""
        return self.cache.get(key)

    def put(self, key: str, page: tuple[bytes, dict]) -> None:
        """Keep a page's (Markdown as UTF-8, counts)."""
        self.cache.put(key, page)

    def close(self) -> None:
        """Write what is kept and close the cache (Cache.close)."""
        self.cache.close()
