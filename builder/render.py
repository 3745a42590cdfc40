"""Render the site model to Markdown pages, with a Renderer for each language.

`render_sites` is a pure function of the model, its languages and the translation memory:
it returns {page path: Markdown} for each language, all pages rendered in one run of the
process pool. Page words live in the Jinja2 templates of
`site_src/templates/` and the UI strings of `site_src/strings.yml`, not here.
"""
from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from . import dates
from .catalog import Segment
from .glossary import alphabetical, may_use, used_forms
from .localize import (MACHINE, MISSING, ORIGINAL, REVIEWED, Localizer, Text, article_segments, block_segments,
                       citation_segment, claim_segment, has_own_text, person_segment, title_segment)
from .config import STORY
from .model import Article, Block, Citation, Claim, Entry, Site
from .pool import guarded, streamed
from .site import date_note, events, events_of, positions, undated
from .read import web_address
from .sourcecache import SourcePages

# Characters Markdown (with the site's extensions) would read as syntax, escaped with a
# backslash; "<", ">" and "&" become HTML entities instead (a backslash before them would
# show); a number with a dot, "-" or "+" opening a line would start a list.
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!])")
HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
LIST_OPENER = re.compile(r"^(\s*)(\d+\.|[-+])(?=\s|$)", re.MULTILINE)
ABOUT = "about.md"  # the hand-written page that says how the pages are made, and who answers for them
GLOSSARY = "glossary.md"  # the explained terms of content/glossary.yml


@dataclass
class Page:
    """What a template needs beyond the model: the language and what the page lacks."""

    path: str
    language: str
    loc: Localizer
    strings: dict
    citations: list = field(default_factory=list)
    numbers: dict = field(default_factory=dict, repr=False)  # citation -> its number in `citations`
    ui: dict = field(default_factory=dict, repr=False)  # UI string key -> its text, looked up once per language

    def t(self, key: str) -> str:
        """A UI string in the page's language: the story's own text when content/strings.yml
        gives it, else from the translation memory (the original when untranslated)."""
        own = self.strings.get(STORY, {}).get(key, {})
        if self.language in own:
            return own[self.language]
        found = self.ui.get(key)
        if found is None:
            found = self.ui[key] = self.loc.peek(Segment(f"ui.{key}", self.strings[key], self.strings_language))
        return self.loc.counted(found).text

    def count(self, n: int, key: str) -> str:
        """A number with its noun: the UI string `<key>_one` for one, `<key>` otherwise
        ("1 Aussage", "3 Aussagen")."""
        return f"{n} {self.t(key + '_one' if n == 1 else key)}"

    @property
    def strings_language(self) -> str:
        """The language the UI strings are written in."""
        return self.strings["_language"]

    def up(self) -> str:
        """The relative path from this page to the docs root."""
        return "../" * self.path.count("/")

    def cite(self, citation: Citation) -> int:
        """Number a citation on this page (the same citation keeps its number)."""
        number = self.numbers.get(citation)
        if number is None:
            self.citations.append(citation)
            number = self.numbers[citation] = len(self.citations)
        return number

    def in_order(self, citations: Iterable[Citation]) -> list[Citation]:
        """Some citations in the order of their numbers on this page (numbering new ones)."""
        return sorted(citations, key=self.cite)


@functools.lru_cache(maxsize=8)
def environment(templates: Path) -> jinja2.Environment:
    """The Jinja2 environment for Markdown templates, one per folder, so that each template
    is compiled once for every language (Jinja2 reloads a template whose file changed)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=False,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True,
                             # Markdown uses {#id} for anchors: Jinja comments are {## … ##}.
                             comment_start_string="{##", comment_end_string="##}")
    env.filters["md"] = md_escape
    env.filters["attr"] = attr_escape
    env.filters["link"] = link_escape
    env.filters["fill"] = fill
    env.filters["shorten"] = lambda text: shorten(str(text), TITLE_MAX)
    return env


def fill(text, **markdown) -> str:
    """A UI string as Markdown with its placeholders ("{licence}") replaced by the given
    Markdown; the rest is escaped like `md_escape`."""
    parts = re.split(r"(\{\w+\})", str(text))
    return "".join(markdown[p[1:-1]] if p[1:-1] in markdown and i % 2 else md_escape(p) for i, p in enumerate(parts))


def md_escape(text) -> str:
    """Escape text so Markdown shows it as it is: no tag, list, heading, admonition or
    link is made of it, and no stray backslash shows."""
    escaped = str(text)
    for mark, entity in HTML_SPECIAL.items():  # str.translate with a table is many times slower on German text
        if mark in escaped:
            escaped = escaped.replace(mark, entity)
    escaped = MD_SPECIAL.sub(r"\\\1", escaped)
    return LIST_OPENER.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)


def link_escape(url) -> str:
    """A web address as a Markdown link, or as plain text when it is not one a page may
    link to (checked again here: a page never depends on the reader having checked)."""
    return f"<{url}>" if web_address(str(url)) else md_escape(url)


def attr_escape(text) -> str:
    """Escape text for a quoted HTML attribute or Markdown link title."""
    return html.escape(str(text), quote=True)


def shown(text: Text, page: Page, escape=md_escape) -> str:
    """A text as Markdown, with a marker when it is machine-made or untranslated; with
    `escape=attr_escape`, as HTML (inside an HTML block, where Markdown is not read)."""
    body = escape(text.text)
    if text.state == MACHINE:
        label = attr_escape(page.t("machine_translation"))
        return f'{body} <span class="mt-mark" title="{label}">{page.t("machine_short")}</span>'
    if text.state == MISSING:
        label = attr_escape(page.t("not_translated"))
        mark = f'<span class="untranslated-mark" title="{label}">{text.language.upper()}</span>'
        return f'<span lang="{text.language}">{body}</span> {mark}'
    return body


def quote_kind(statement, text: Text, page: Page) -> str:
    """What kind of quotation a person page shows: "wörtlich"/"verbatim" only for the
    words as the source wrote them; a translated direct quotation says it is translated."""
    if statement.kind == "direct" and text.state in (REVIEWED, MACHINE):
        return page.t("quote_direct_translated")
    return page.t("quote_" + statement.kind)


class Renderer:
    """Renders every page of the site in one language."""

    def __init__(self, site: Site, env: jinja2.Environment, language: str, catalogs: dict, strings: dict,
                 kept: SourcePages | None = None):
        self.site, self.env, self.language = site, env, language
        self.catalogs, self.strings = catalogs, strings
        self.counts: dict[str, dict[str, int]] = {}  # page path -> texts by state
        self.kept = kept  # the source pages of earlier builds
        self.ui: dict[str, Text] = {}  # the UI strings' texts, shared by the pages (Page.ui)

    @functools.cached_property
    def timeline(self) -> tuple[Entry, ...]:
        """The site's dated events, earliest first (site.events, made once)."""
        return events(self.site)

    @functools.cached_property
    def undated(self) -> int:
        """How many claims name a day no date fixes (site.undated, counted once)."""
        return undated(self.site)

    def page(self, path: str) -> Page:
        """A fresh page context with its own count of translated texts."""
        return Page(path, self.language, Localizer(self.language, self.catalogs), self.strings, ui=self.ui)

    def render(self, template: str, page: Page, description: str = "", **values) -> str:
        """Render a template for a page, with front matter about its translation state and
        the page's description (plain text) for search engines and link previews."""
        body = self.body(template, page, **values)
        body = with_notice(body, page)
        counts = self.counts[page.path] = dict(page.loc.counts)
        return self.front_matter(page, counts, page_title(body), description) + self.explained(body, page)

    def explained(self, body: str, page: Page) -> str:
        """The body with the explanations of the glossary terms it uses (`with_glossary`)."""
        if not self.site.glossary:
            return body
        return with_glossary(body, self.site.glossary, page, appendix=page.path != GLOSSARY)

    def front_matter(self, page: Page, counts: dict, title: str, description: str) -> str:
        """The page's front matter (see `front_matter`)."""
        return front_matter(page, counts, self.site.built, title, description, self.site.content_date)

    def static_page(self, path: str, text: str) -> str:
        """A hand-written page (site_src/pages) with front matter like every other page; the
        about page gains the section on reuse, publisher and corrections (mkdocs.yml extra:)."""
        page = self.page(path)
        body = text if text.endswith("\n") else text + "\n"
        if path == ABOUT:
            body += "\n" + self.body("reuse.md.j2", page, reuse=self.site.reuse)
        counts = self.counts[path] = dict(page.loc.counts)
        return self.front_matter(page, counts, page_title(body), first_paragraph(body)) + self.explained(body, page)

    def body(self, template: str, page: Page, **values) -> str:
        """A template rendered for a page."""
        return self.env.get_template(template).render(
            site=self.site, page=page, lang=self.language, shown=lambda t: shown(t, page),
            claim_text=lambda c: self.claim_text(c, page),
            claim_pieces=lambda c: page.loc.claim_pieces(c, self.site.language_of),
            quote_text=lambda c: self.quote_text(c, page),
            article_title=lambda a: self.article_title(a, page),
            given=lambda texts, segment_id: self.given(texts, segment_id, page),
            role=self.role, sides=[side.id for side in self.site.sides],
            side_label=lambda side_id: self.site.side_label(side_id, self.language),
            name=lambda person: self.person_name(person, page),
            html=lambda t: shown(t, page, attr_escape), name_html=lambda person: self.person_name(person, page, True),
            glossary=alphabetical(self.site.glossary, self.language),
            said_by=lambda person: self.said_by(person, page),
            quote_kind=lambda statement, text: quote_kind(statement, text, page),
            when_text=lambda when: when_text(when, page), date_text=lambda when: date_text(when, page),
            site_topic=self.site.topic, short=lambda text: shown(shortened(text), page),
            date_note=lambda claim: date_note(self.site, claim), positions_of=lambda t: positions(self.site, t),
            timeline_of=lambda topic_id: events_of(self.timeline, topic_id), undated=self.undated,
            coverage_cells=lambda article_id, topic=None: self.coverage_cells(article_id, topic, page), **values)

    def coverage_cells(self, article_id: str, topic, page: Page) -> str:
        """A row of the coverage page after its first cell: how many claims of each topic (or,
        given a topic, of each of its sections) cite the article, or the word for none; made
        here, not in the template, as the page has a cell for every article and topic."""
        site = self.site
        counts = [site.covered(article_id, t) for t in site.topics] if topic is None else \
            [site.covered(article_id, topic, s.id) for s in topic.config.sections]
        return "".join(f" {n or page.t('coverage_none')} |" for n in counts)

    def person_name(self, person, page: Page, as_html: bool = False) -> str:
        """A person's name as written in the page's language (Tschaikowski / Tchaikovsky),
        as Markdown or (`as_html`) HTML."""
        text = page.loc.text(person_segment(person, self.site.languages[0].code))
        return shown(text, page, attr_escape if as_html else md_escape)

    def said_by(self, person, page: Page) -> str:
        """Who made a statement, as Markdown linking to their page: the registry's phrase for
        the page's language ("Aussage des [Hafenamts]", the part in brackets is the link),
        else "Aussage von <name>" for a person and "Aussage: <name>" for an organisation,
        whose name may need an article or a case ending the site cannot know."""
        url = f"{page.up()}people/{person.id}.md"
        phrase = person.said_by_in(self.language)
        if phrase:
            before, bracket, rest = phrase.partition("[")
            linked, _, after = rest.partition("]") if bracket else (phrase, "", "")
            before = before if bracket else ""
            return f"{md_escape(before)}[{md_escape(linked)}]({url}){md_escape(after)}"
        key = "said_by" if person.kind == "person" else "said_by_organisation"
        return f"{md_escape(page.t(key))} [{self.person_name(person, page)}]({url})"

    def role(self, person) -> str:
        """A person's role in this renderer's language (else in the default language)."""
        return getattr(person.role, self.language, None) or getattr(person.role, self.site.languages[0].code)

    def given(self, texts: dict, segment_id: str, page: Page) -> Text:
        """A text the editors wrote per language, else the translation memory's."""
        source = self.site.languages[0].code
        return page.loc.given(texts, Segment(segment_id, texts[source], source))

    def claim_text(self, claim: Claim, page: Page) -> Text:
        """A claim's text in the page's language (Localizer.claim)."""
        return page.loc.claim(claim, self.site.language_of)

    def quote_text(self, citation: Citation, page: Page) -> Text:
        """The cited sentence in the page's language."""
        return page.loc.text(citation_segment(citation, self.site.article(citation.article).meta.language))

    def article_title(self, article: Article, page: Page) -> Text:
        """An article's title in the page's language."""
        return page.loc.text(title_segment(article))

    def block_texts(self, article: Article, block: Block, page: Page) -> list[Piece]:
        """The pieces of a block in reading order: its sentences (or the block as one) in the
        page's language, and the furniture marked inside it, as the source wrote it."""
        pieces = [Piece(page.loc.text(segment), None, start)
                  for segment, start in zip(block_segments(article, block), _starts(block), strict=False)]
        pieces += [Piece(Text(m.text, ORIGINAL, article.meta.language), m.kind, m.start) for m in block.marks]
        return sorted(pieces, key=lambda p: p.start)

    def jobs(self) -> list[tuple[str, Callable[[], Rendered]]]:
        """Every page of the site in this renderer's language: (its path, what renders it).
        The descriptions are made here; the pages in the process pool (`render_sites`)."""
        words = self.plain

        def made(template: str, path: str, description: str, **values) -> tuple[str, Callable[[], Rendered]]:
            return path, functools.partial(self.rendered, template, path, description, **values)

        jobs = [made("home.md.j2", "index.md", words("home_intro")),
                made("sources.md.j2", "sources/index.md", words("sources_intro"))]
        for topic in self.site.topics:
            description = self.plain_given(topic.config.description, f"topic.{topic.config.id}.description")
            jobs.append(made("topic.md.j2", f"topics/{topic.config.id}.md", description, topic=topic))
        jobs.append(made("timeline.md.j2", "timeline.md", words("timeline_intro"),
                         groups=timeline_groups(self.timeline)))
        jobs.append(made("coverage.md.j2", "coverage.md", words("coverage_intro")))
        if self.site.glossary:
            jobs.append(made("glossary.md.j2", GLOSSARY, words("glossary_intro")))
        jobs.append(made("people.md.j2", "people/index.md", words("people_intro")))
        for person in self.site.people:
            name = Localizer(self.language, self.catalogs).text(person_segment(person, self.site.languages[0].code))
            jobs.append(made("person.md.j2", f"people/{person.id}.md",
                             f"{name.text} ({self.role(person)}): {words('person_statements')}",
                             person=person, statements=self.site.statements_of(person.id)))
        return jobs + [(f"sources/{a.id}.md", functools.partial(self.kept_or_rendered, a)) for a in self.site.articles]

    def rendered(self, template: str, path: str, description: str, **values) -> Rendered:
        """A page rendered (`render`), as UTF-8, with its texts by translation state."""
        text = self.render(template, self.page(path), description, **values)
        return Rendered(text.encode("utf-8"), self.counts[path])

    def kept_or_rendered(self, article: Article) -> Rendered:
        """An article's source page as an earlier build rendered it, when nothing it shows
        changed (sourcecache), else rendered now (with the key to keep it under)."""
        key = self.kept.key(article) if self.kept else ""
        stored = self.kept.get(key) if self.kept else None
        if stored is not None:
            return Rendered(*stored)
        return Rendered(*self.source_page(article), keep=key)

    def source_page(self, article: Article) -> tuple[bytes, dict]:
        """An article's source page, rendered: (its Markdown as UTF-8, its texts by translation state)."""
        path = f"sources/{article.id}.md"
        page = self.page(path)
        title = Localizer(self.language, self.catalogs).text(title_segment(article)).text
        known = ", ".join(x for x in (article.meta.publisher, article.meta.date) if x)
        description = f"{self.plain('coverage_source')}: {title}" + (f" ({known})" if known else "")
        markdown = self.render("source.md.j2", page, description, article=article,
                               blocks=[(b, self.block_texts(article, b, page)) for b in article.blocks])
        return markdown.encode("utf-8"), self.counts[path]

    def plain(self, key: str) -> str:
        """A UI string as plain text, not counted in the page's translation state (a page's
        description is not shown on it)."""
        return Page("", self.language, Localizer(self.language, self.catalogs), self.strings).t(key)

    def plain_given(self, texts: dict, segment_id: str) -> str:
        """A text the editors wrote per language (else the translation memory's), plain."""
        source = self.site.languages[0].code
        return Localizer(self.language, self.catalogs).given(texts, Segment(segment_id, texts[source], source)).text


@dataclass(frozen=True)
class Rendered:
    """A page as rendering gave it: its Markdown as UTF-8 (a source page is encoded as soon
    as it is rendered: thousands of them as text would take twice the memory), its texts by
    translation state, and the key to keep it under when it is a source page rendered now."""

    markdown: bytes
    counts: dict
    keep: str = ""


@dataclass(frozen=True)
class Piece:
    """A piece of a block on the source page: a text, and the kind of furniture it is (or None)."""

    text: Text
    mark: str | None
    start: int


def _starts(block: Block) -> list[int]:
    """Where each segment of a block starts: its sentences, or the block itself."""
    return [s.start for s in block.sentences] or [block.start]


def date_text(when: dates.When, page: Page) -> str:
    """A date in the page's language, as precisely as it is known ("12. Februar 2025")."""
    patterns = {f"date_{p}": page.t(f"date_{p}") for p in (dates.DAY, dates.WEEK, dates.MONTH, dates.YEAR)}
    return dates.format_date(when, page.t("months").split(), patterns)


def when_text(when: dates.When, page: Page) -> str:
    """A claim's date as the page says it, Markdown: the date, or "berichtet im Februar
    2025" when only the article's date is known."""
    text = date_text(when, page)
    if when.basis == dates.REPORTED:
        text = page.t(f"when_reported_{when.precision}").replace("{date}", text)
    return md_escape(text)


def timeline_groups(entries) -> list[tuple]:
    """Timeline entries grouped by their date, in order: [(When, [Entry, …]), …]."""
    groups: list[tuple] = []
    for entry in entries:
        if groups and groups[-1][0] == entry.when:
            groups[-1][1].append(entry)
        else:
            groups.append((entry.when, [entry]))
    return groups


SHORT_MAX = 110  # characters of a claim's words in the compact timeline of a topic page


def shortened(text: Text, limit: int = SHORT_MAX) -> Text:
    """A text cut at a word before `limit` characters (with "…"), its state kept."""
    return Text(shorten(text.text, limit), text.state, text.language, text.engine)


def with_notice(body: str, page: Page) -> str:
    """The body with a notice under its heading when some of its text is not (reviewed) translated."""
    counts = dict(page.loc.counts)  # before the notice's own strings are looked up
    notes = []
    if counts[MISSING]:
        notes.append(("warning", page.t("page_untranslated_notice")))
    if counts[MACHINE]:
        notes.append(("info", page.t("page_machine_notice")))
    if not notes:
        return body
    block = "".join(f'!!! {kind} ""\n\n    {md_escape(text)}\n\n' for kind, text in notes)
    head, sep, rest = body.partition("\n")
    return f"{head}{sep}\n{block}{rest}" if head.startswith("# ") else block + body


# What of a page's Markdown a reader reads as running text: not headings, links (their
# words and targets), HTML tags and blocks (where Markdown is not read), attribute lists or
# abbreviation definitions.
HTML_BLOCK = r"^\s*</?(?:details|div|dl|figure|h[1-6]|ol|p|section|summary|table|tbody|td|th|thead|tr|ul)\b.*$"
NOT_PROSE = re.compile(HTML_BLOCK + r"|^#.*$|^\*\[.*$|!?\[(?:[^\]\\]|\\.)*\]\([^)]*\)|<[^>]*>|\{[:#][^}]*\}",
                       re.MULTILINE)


def prose(markdown: str) -> str:
    """The running text of a page's Markdown (see NOT_PROSE), where glossary terms are explained."""
    return NOT_PROSE.sub(" ", markdown)


def with_glossary(body: str, terms, page: Page, appendix: bool = True) -> str:
    """The body with an abbreviation definition (`*[form]: explanation`) for each form of
    an explained term its running text uses, so the page explains it on hover and focus,
    and (`appendix`) the explanations as an appendix that only print shows."""
    used = used_forms(prose(body), terms, page.language) if may_use(body, terms, page.language) else {}
    if not used:
        return body
    lines = [f"*[{form}]: {term.explanation[page.language]}" for term, forms in used.items() for form in forms]
    printed = [print_glossary(used, page)] if appendix else []
    return "\n\n".join([body.rstrip("\n"), *printed, "\n".join(lines)]) + "\n"


def print_glossary(terms, page: Page) -> str:
    """The explanations of some terms as an HTML block that only print shows (print.css) and
    search leaves out (the glossary page has them)."""
    lang = page.language
    items = "".join(f"<dt>{html.escape(t.headword(lang))}</dt><dd>{html.escape(t.explanation[lang])}</dd>"
                    for t in alphabetical(terms, lang))
    title = html.escape(page.t("glossary_print"))
    return (f'<div class="print-glossary" data-search-exclude><p class="print-glossary__title">{title}</p>'
            f"<dl>{items}</dl></div>")


def page_title(body: str) -> str:
    """A page's first-level heading for the navigation and the tab: its plain text with
    "<", ">" and "&" as entities, since the theme puts the title into HTML as it stands."""
    heading = next((line[2:] for line in body.splitlines() if line.startswith("# ")), "")
    heading = re.sub(r"\s*\{#[^}]*\}\s*$", "", heading)
    heading = re.sub(r'<span class="(?:mt|untranslated)-mark"[^>]*>.*?</span>', "", heading)
    heading = re.sub(r"<[^>]+>", "", heading)
    return html.escape(html.unescape(re.sub(r"\\(.)", r"\1", heading)).strip(), quote=False)


def front_matter(page: Page, counts: dict, built: str, title: str, description: str = "",
                 content_date: str | None = None) -> str:
    """YAML front matter: title, description, translation state (`counts`), build date and
    the newest source's date, strings for theme scripts (`ui_js`) and the footer (`ui_footer`).
    Title and description are HTML-escaped: the theme puts them into HTML as they stand."""
    ui_js = {key[3:]: page.t(key) for key in sorted(page.strings) if key.startswith("js_")}
    ui_footer = {key[7:]: page.t(key) for key in sorted(page.strings) if key.startswith("footer_")}
    meta = {"title": title, "translation_missing": counts[MISSING], "translation_machine": counts[MACHINE],
            "build_date": built, "content_date": content_date}
    if description:
        meta["description"] = html.escape(shorten(description), quote=True)
    # The keys sort before ui_footer and ui_js, so the two dumps joined are the dump of all;
    # the UI strings are the same on every page of a language and are dumped once.
    return "---\n" + _yaml(meta) + _ui_yaml(tuple(ui_footer.items()), tuple(ui_js.items())) + "---\n"


# libyaml's emitter where PyYAML has it (its wheels do): the same YAML, four times as fast.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _yaml(data: dict) -> str:
    """Front matter YAML of a mapping, keys sorted."""
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=True, width=1000)


@functools.lru_cache(maxsize=16)
def _ui_yaml(footer: tuple, js: tuple) -> str:
    """The `ui_footer` and `ui_js` blocks of the front matter."""
    return _yaml({"ui_footer": dict(footer), "ui_js": dict(js)})


TITLE_MAX = 120  # characters of a claim's text in a link's tooltip
DESCRIPTION_MAX = 200  # characters of a page's description (link previews cut longer ones)


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """Text on one line, cut at a word before `limit` characters with "…" when longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + "…"


def first_paragraph(markdown: str) -> str:
    """The first paragraph of hand-written Markdown as plain text: links as their words,
    no emphasis, no HTML."""
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip()
        if block and not block.startswith(("#", "---", "!!!", "<", "{:", "- ", "1.")):
            text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", block)
            text = re.sub(r"<[^>]+>", "", text)
            return re.sub(r"(\*\*|__|\*|`)", "", text)
    return ""


def render_sites(site: Site, templates: Path, languages: list[str], catalogs: dict, strings: dict,
                 static: dict[str, dict], kept: Path | None = None,
                 data: dict[str, Callable[[], bytes]] | None = None) -> dict[str, tuple[dict, dict]]:
    """Every page of `site` in each of `languages`, all in one run of the process pool:
    language -> ({path: Markdown as UTF-8}, {path: texts by translation state}). `static`
    holds each language's hand-written pages by their default-language path ({"about.md":
    Markdown}); they come back with front matter (`Renderer.static_page`). `kept` is a
    folder where source pages are kept between builds (sourcecache). `data` names other
    files made from the model ({docs path: what makes its bytes}); they are made in the
    same run and come back under the language "" as ({path: bytes}, {})."""
    renderers = [Renderer(site, environment(templates), language, catalogs, strings,
                          SourcePages(kept, templates, site, language, catalogs, strings) if kept else None)
                 for language in languages]
    jobs: list[tuple[Renderer | None, str, Callable]] = [
        (renderer, path, job) for renderer in renderers for path, job in renderer.jobs()]
    # the other files early in the run (its first job runs before the processes start, see
    # pool.streamed), where a long one keeps no process waiting at the end
    jobs[1:1] = [(None, path, make) for path, make in (data or {}).items()]
    pages: dict[str, dict[str, bytes]] = {language: {} for language in ["", *languages]}
    for (renderer, path, _), outcome in zip(jobs, streamed(guarded(lambda job: job[2]()), jobs), strict=True):
        _keep(pages, renderer, path, outcome)
    for renderer in renderers:
        if renderer.kept:
            renderer.kept.close()
        for path, text in sorted(static.get(renderer.language, {}).items()):
            pages[renderer.language][path] = renderer.static_page(path, text).encode("utf-8")
    return {"": (pages[""], {})} | {r.language: (pages[r.language], r.counts) for r in renderers}


def _keep(pages: dict[str, dict[str, bytes]], renderer: Renderer | None, path: str, outcome) -> None:
    """One job's result into `pages` (by language; "" for the other files): a file's bytes,
    or a page with its counts, a source page rendered now also into the sourcecache."""
    if outcome.error:
        raise outcome.exception()
    if renderer is None:
        pages[""][path] = outcome.value
        return
    made = outcome.value
    pages[renderer.language][path], renderer.counts[path] = made.markdown, made.counts
    if made.keep and renderer.kept:
        renderer.kept.put(made.keep, (made.markdown, made.counts))


def all_segments(site: Site, strings: dict) -> list:
    """Every segment the site shows: UI strings, topic texts, article texts."""
    codes = {lang.code for lang in site.languages}
    segments = [Segment(f"ui.{k}", v, strings["_language"]) for k, v in sorted(strings.items())
                if not k.startswith("_") and not codes <= set(strings.get(STORY, {}).get(k, ()))]
    segments += [person_segment(p, strings["_language"]) for p in site.people]
    for article in site.articles:
        segments += article_segments(article)
    for topic in site.topics:
        for claim in topic.claims:
            if has_own_text(claim):
                segments.append(claim_segment(claim))
    return segments
