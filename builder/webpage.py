"""Read a saved web page: its main text and the metadata it states (trafilatura, htmldate).

Only what the page's markup states is taken; nothing is guessed. A field the page does
not state is left out: no date from the text or from today (trafilatura's `filedate`),
no publisher from the host name, no title from a sub-heading, no language detected from
the words. The text is the article's paragraphs and headings, one per block separated by
a blank line, without comments, tables, images, captions and page furniture.
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import htmldate
import trafilatura
from trafilatura.utils import load_html

FIELDS = ("title", "author", "publisher", "date", "url", "language")
VERSIONS = (trafilatura.__version__, htmldate.__version__)  # part of a cache key: new versions, new text

# Cut before extraction: consent banners can hold more prose than a short article.
_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
BANNERS = (" | ".join(f"//*[contains({_LOWER.format(attr)}, '{word}')]"
                      for attr in ("@id", "@class") for word in ("cookie", "consent")), "//noscript")
# Cut before looking for a date: the dates of other articles (related boxes, comments).
NOT_THE_ARTICLE = ("//nav", "//aside", "//footer", "//*[contains(@class, 'related') or contains(@id, 'related') "
                   "or contains(@class, 'teaser') or contains(@class, 'comment') or contains(@id, 'comment')]")
TEXT_TAGS = ("head", "p", "item", "quote")  # trafilatura's blocks of text
SENTENCE_END = ".!?…“”\"»«)"
SENTENCE_WORDS = 4
LANGUAGE = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)
LD_ARTICLES = ("article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
               "blogposting", "webpage", "report")


class NoMainText(ValueError):
    """The page holds no article text that could be extracted."""


@dataclass(frozen=True)
class WebPage:
    """A page's main text and the metadata it states (only the keys of FIELDS it states)."""

    text: str
    meta: dict = field(default_factory=dict)

    def missing(self) -> tuple[str, ...]:
        """The fields of FIELDS that the page does not state."""
        return tuple(f for f in FIELDS if f not in self.meta)


def extract(html: bytes | str, url: str | None = None) -> WebPage:
    """The main text and stated metadata of an HTML page; `url` is where it was fetched from."""
    tree = load_html(html)
    doc = _extraction(html, url) if tree is not None else None
    blocks = _blocks(doc.body) if doc is not None and doc.body is not None else []
    if not any(_reads_as_text(b) for b in blocks if not b.startswith("## ")):
        raise NoMainText("no article text found in the page (only navigation, banners, links or nothing)")
    meta = _metadata(tree, doc, url)
    if meta.get("title") and _same(blocks[0].removeprefix("## "), meta["title"]):
        blocks = blocks[1:]
    return WebPage("\n\n".join(blocks), meta)


def _extraction(html: bytes | str, url: str | None):
    """trafilatura's result: main text without comments, tables and images, precision first."""
    return trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
        favor_precision=True, prune_xpath=list(BANNERS),
        date_extraction_params={"extensive_search": False, "original_date": True})


def _metadata(tree, doc, url: str | None) -> dict:
    """Every field the page states, from its markup; none guessed."""
    ld = _json_ld(tree)
    meta = {
        "title": _title(doc.title, tree, ld),
        "author": doc.author,
        "publisher": _publisher(tree, ld, doc),
        "date": htmldate.find_date(_pruned(tree, NOT_THE_ARTICLE), extensive_search=False, original_date=True),
        "url": _url(tree, url),
        "language": _language(tree, ld),
    }
    return {k: " ".join(v.split()) for k, v in meta.items() if v and v.strip()}


def _reads_as_text(block: str) -> bool:
    """Whether a block is article text rather than a menu or a link: some words and a final stop."""
    return block.endswith(tuple(SENTENCE_END)) and len(re.findall(r"\w+", block)) >= SENTENCE_WORDS


def _blocks(body) -> list[str]:
    """The text blocks of trafilatura's result: headings marked '## ', line breaks splitting blocks."""
    blocks = []
    for element in body.iter():
        if not _is_leaf(element, body):
            continue
        for line in _text(element).split("\n"):
            line = " ".join(line.split())
            if line:
                blocks.append(f"## {line}" if element.tag == "head" else line)
    return blocks


def _is_leaf(element, body) -> bool:
    """A block of text: a paragraph, heading or list item (or a top-level element) holding no other."""
    if element is body or not isinstance(element.tag, str):
        return False
    if element.tag not in TEXT_TAGS and element.getparent() is not body:
        return False
    return not any(d.tag in TEXT_TAGS for d in element.iterdescendants())


def _text(element) -> str:
    """The text of an element, with a newline for each line break (`lb`)."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _same(a: str, b: str) -> bool:
    """Whether two texts are the same but for case and white space."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _title(title: str | None, tree, ld: list[dict]) -> str | None:
    """trafilatura's title where the page states it (meta, JSON-LD, <title>, h1), not a sub-heading."""
    if not title:
        return None
    stated = [e.get("content", "") for e in tree.iterfind(".//meta[@content]")]
    stated += ["".join(e.itertext()) for e in tree.iter("title", "h1")]
    stated += [str(o.get(k)) for o in ld for k in ("headline", "name") if o.get(k)]
    norm = " ".join(title.split()).casefold()
    return title if any(norm in " ".join(s.split()).casefold() for s in stated) else None


def _publisher(tree, ld: list[dict], doc) -> str | None:
    """og:site_name, else JSON-LD publisher.name, else trafilatura's site name (never the host name)."""
    site_name = _meta(tree, "og:site_name")
    if site_name:
        return site_name
    for obj in ld:
        publisher = obj.get("publisher")
        for p in publisher if isinstance(publisher, list) else [publisher]:
            if isinstance(p, dict) and isinstance(p.get("name"), str) and p["name"].strip():
                return p["name"]
            if isinstance(p, str) and p.strip():
                return p
    name = doc.sitename
    if name and doc.url and name.casefold() == urlsplit(doc.url).netloc.casefold().removeprefix("www."):
        return None  # trafilatura's fallback to the host name: not stated by the page
    return name


def _url(tree, fetched: str | None) -> str | None:
    """The canonical address (link rel=canonical, og:url), else where the page was fetched from."""
    links = [e.get("href") for e in tree.iterfind(".//link[@href]")
             if "canonical" in (e.get("rel") or "").lower().split()]
    for candidate in links + [_meta(tree, "og:url")]:
        if candidate:
            address = urljoin(fetched or "", candidate.strip())
            if re.match(r"^https?://[^/\s]+\S*$", address):
                return address
    return fetched


def _language(tree, ld: list[dict]) -> str | None:
    """The 2-letter code of html lang, og:locale, JSON-LD inLanguage or content-language."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"), _meta(tree, "og:locale")]
    candidates += [o["inLanguage"] for o in ld if isinstance(o.get("inLanguage"), str)]
    candidates += [e.get("content") for e in tree.iterfind(".//meta[@content]")
                   if (e.get("http-equiv") or e.get("name") or "").lower() in ("content-language", "language")]
    for candidate in candidates:
        m = LANGUAGE.match((candidate or "").strip().split(",")[0].strip())
        if m:
            return m.group(1).lower()
    return None


def _meta(tree, prop: str) -> str | None:
    """The content of <meta property=prop> (or name=prop)."""
    for element in tree.iterfind(".//meta[@content]"):
        if prop in ((element.get("property") or "").lower(), (element.get("name") or "").lower()):
            value = element.get("content", "").strip()
            if value:
                return value
    return None


def _json_ld(tree) -> list[dict]:
    """The article objects of the page's JSON-LD (NewsArticle and kin), in page order."""
    found = []
    for script in tree.iterfind(".//script[@type]"):
        if script.get("type", "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError:
            continue
        found += [o for o in _ld_objects(data) if _ld_type(o) & set(LD_ARTICLES)]
    return found


def _ld_objects(data) -> list[dict]:
    """The objects of a JSON-LD document, looking into lists and @graph."""
    if isinstance(data, list):
        return [o for item in data for o in _ld_objects(item)]
    if isinstance(data, dict):
        return [data] + _ld_objects(data.get("@graph", []))
    return []


def _ld_type(obj: dict) -> set[str]:
    """The lower-case @type names of a JSON-LD object."""
    kind = obj.get("@type", [])
    return {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}


def _pruned(tree, xpaths: tuple[str, ...]):
    """A copy of the tree without the elements the XPath expressions select."""
    tree = copy.deepcopy(tree)
    for xpath in xpaths:
        for element in tree.xpath(xpath):
            if element.getparent() is not None:
                element.getparent().remove(element)
    return tree
