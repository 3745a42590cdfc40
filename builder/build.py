"""Run the stages in order: read, judge against the story, quotations (of the articles on the story), match and
group, translate-lookup, render, write, MkDocs.

Everything is gathered into the in-memory model first; only `publish` writes, at the end.
"""
from __future__ import annotations

import datetime as dt
import gc
import io
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import config, feed, identity, links, publish, stamp
from .catalog import CatalogError, Segment
from .localize import MACHINE, MISSING, REVIEWED, load_catalogs
from .problems import ConfigError, Problems, counted
from .attribution import attribute
from .cache import Cache, code_fingerprint
from .lock import run_locked
from .glossary import load_explanations
from .memo import ArticleMemo
from .overview import FOLDER as OVERVIEWS, load_editorial
from .pool import guarded, streamed
from .registry import People, load_people
from .read import article_files, read_articles
from .render import all_segments, render_sites
from .model import Article, Editorial, Explained, Language, Site, StoryConfig, TopicConfig
from .people import load_tagger
from .similar import load_word_lists, release_word_lists
from .site import assemble, judge


@dataclass(frozen=True)
class Project:
    """Where a project's inputs and outputs are."""

    root: Path

    @property
    def articles(self) -> Path:
        return self.root / "content" / "articles"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def translations(self) -> Path:
        return self.root / "translations"

    @property
    def site_src(self) -> Path:
        return self.root / "site_src"

    def shown(self, path: Path) -> Path:
        """A path as messages show it: relative to the project when it lies inside."""
        return path.relative_to(self.root) if path.is_relative_to(self.root) else path


@dataclass
class Report:
    """What a build did: problems, stage times and figures for the summary."""

    problems: Problems = field(default_factory=Problems)
    times: dict[str, float] = field(default_factory=dict)
    coverage: dict[str, tuple] = field(default_factory=dict)  # language name -> (counts, pages missing)
    lines: list[str] = field(default_factory=list)
    files: int = 0  # article files found

    @contextmanager
    def stage(self, name: str):
        """Time a stage."""
        start = time.perf_counter()
        yield
        self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - start


PROGRESS_FROM = 200  # items in a stage before it reports progress


def progress(stage: str, items, total: int, out=sys.stderr):
    """Yield from `items`, printing "stage: done/total" about ten times for long stages."""
    step = max(total // 10, 1)
    for done, item in enumerate(items, start=1):
        yield item
        if total >= PROGRESS_FROM and (done % step == 0 or done == total):
            print(f"  {stage}: {done}/{total}", file=out, flush=True)


def build_date() -> str:
    """Today, or the date of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return when.date().isoformat()


# The cyclic garbage collector's thresholds during a build (Python's are 700, 10, 10): a build
# makes millions of objects that live to its end (entries of the translation memory, pages),
# and each collection would look through the young ones again; cycles are still collected.
GC_THRESHOLD = (50_000, 20, 20)


def frozen() -> None:
    """Set what the build holds so far apart from the cyclic garbage collector (gc.freeze):
    the articles and the model live to the end of the build, and each full collection
    would look through all of them again (at 20,000 articles, the later stages grew faster
    than their work). `_build` gives them back to the collector when the build is done."""
    gc.freeze()


def load_model(project: Project, report: Report):
    """Read config and articles and assemble the site model (no writing)."""
    with report.stage("config"):
        mkdocs_yml = project.root / "mkdocs.yml"
        site_config = config.load_mkdocs(mkdocs_yml)  # languages, reuse terms, site_url: all problems at once
        languages = site_config.languages
        sides = config.load_sides(project.root / "content" / "sides.yml", languages)
        topics = config.load_topics(project.root / "content" / "topics.yml", languages, tuple(s.id for s in sides))
        sources = config.load_sources(project.root / "content" / "sources.yml")
        concepts = config.load_concepts(project.root / "content" / "concepts.yml")
        story = config.load_story(project.root / "content" / "story.yml", languages)
        people = load_people(project.root / "content" / "people.yml", sides)
        strings = config.load_strings(project.site_src / "strings.yml", project.root / "content" / "strings.yml",
                                      languages)
        reuse, site_url = site_config.reuse, site_config.site_url
        editorial = _editorial(project, topics, languages)
    with report.stage("read"):
        codes = tuple(lang.code for lang in languages)
        cache = Cache(project.build / "cache" / f"read-{code_fingerprint()}")
        report.files = len(article_files(project.articles))
        articles = read_articles(project.articles, sources, codes, report.problems, project.root,
                                 on_file=lambda files: progress("read", files, len(files)), cache=cache,
                                 meanwhile=QUOTES_NEED)  # loaded while the pool reads
    frozen()
    memo = ArticleMemo(project.build / "cache" / "stages", project.root / "content", codes)
    articles, judged, statements = judged_and_quoted(articles, story, people, memo, report)
    frozen()
    with report.stage("match"):
        site = assemble(languages, articles, topics, build_date(), concepts, people, statements, story,
                        _reporter(report, "matching it to the topics"), sides, memo, judged)
        published = links.load_manifest(project.root / links.MANIFEST).claim_ids
        site = replace(stable_ids(site, published, report), reuse=reuse, site_url=site_url, editorial=editorial,
                       glossary=explained_terms(project, codes))
    cache.close()
    memo.cache.close()
    warn_damaged(project, (cache, memo.cache), report)
    warn_unused(site, report)
    return site, strings


def warn_unused(site: Site, report: Report) -> None:
    """A warning for every article that no topic page cites, saying why."""
    for article_id in site.unused:
        reason = site.unused_reason(article_id)
        if reason:
            report.problems.warning(site.article(article_id).path, None, f"not about the story, not used: {reason}",
                                    "nothing to do if it is off the story; else add its terms to content/story.yml")
        else:
            report.problems.warning(site.article(article_id).path, None, "article is not used on any topic page",
                                    "check content/topics.yml: its terms do not match this article's sentences")


def _editorial(project: Project, topics: tuple[TopicConfig, ...], languages: tuple[Language, ...]
               ) -> dict[tuple[str, str], Editorial]:
    """The editors' overviews of content/overviews/, by (topic id, language)."""
    return load_editorial(project.root / OVERVIEWS, [t.id for t in topics], [lang.code for lang in languages],
                          project.shown)


def explained_terms(project: Project, languages: tuple[str, ...]) -> tuple[Explained, ...]:
    """The terms content/glossary.yml explains to readers, in the site's languages."""
    return load_explanations(project.root / "content" / "glossary.yml", languages)


def warn_damaged(project: Project, caches, report: Report) -> None:
    """A line for each cache that had damaged entries (they were computed again)."""
    for cache in caches:
        if cache.damaged:
            report.lines.append(f"warning: {counted(len(cache.damaged), 'cache entry', 'cache entries')} in "
                                f"{project.shown(cache.folder)} could not be read (damaged); "
                                "the results were computed again (nothing to do; build/cache may be deleted "
                                "at any time)")


QUOTES_NEED = (load_tagger, load_word_lists)  # what finding quotations loads on first use (pool.streamed's `warm`)


def judged_and_quoted(articles: list[Article], story: StoryConfig | None, people: People, memo: ArticleMemo,
                      report: Report) -> tuple[list[Article], dict, dict]:
    """(the articles kept, each one's relevance to the story, the statements by article id):
    the quotations of the articles on the story only, since no page shows another's."""
    with report.stage("story"):
        judged = judge(articles, story, _reporter(report, "matching it to the topics"), memo)
        articles = [a for a in articles if a.id in judged]
    with report.stage("quotes"):
        statements = quotations([a for a in articles if judged[a.id].on_story], people, memo, report)
        articles = [a for a in articles if a.id in statements or not judged[a.id].on_story]
    return articles, judged, statements


def quotations(articles: list[Article], people: People, memo: ArticleMemo, report: Report) -> dict:
    """Article id -> its statements (attribution.attribute), from the cache or computed in
    the process pool; an article the builder fails on is reported and left out."""
    found = {a.id: memo.cached("quotes", a) for a in articles}
    todo = [a for a in articles if found[a.id][1] is None]
    made = streamed(guarded(lambda a: attribute(a, people)), todo, QUOTES_NEED)  # in the order of `todo`
    statements = {}
    for article in progress("quotes", articles, len(articles)):
        key, value = found[article.id]
        if value is None:
            outcome = next(made)
            if outcome.error:
                report.problems.crashed(article.path, "finding its quotations", outcome.exception())
                continue
            value = outcome.value
            memo.store(key, article, value)
        statements[article.id] = value
    return statements


def _reporter(report: Report, stage: str):
    """A callback that records a crash of the builder on one article during `stage`."""
    def failed(article, exc) -> None:
        report.problems.crashed(article.path, stage, exc)
    return failed


def stable_ids(site: Site, published: dict, report: Report) -> Site:
    """The site with every claim under the id it was published with (identity.assign); a
    published id that no claim carries any more is a problem naming where its sentences are."""
    topics, gone = [], {}
    for topic in site.topics:
        claims, lost = identity.assign(topic.claims, published.get(topic.config.id, {}))
        by_old = {id(old): new for old, new in zip(topic.claims, claims, strict=True)}
        topics.append(replace(topic, claims=claims, overview=tuple(by_old[id(c)] for c in topic.overview)))
        if lost:
            gone[topic.config.id] = lost
    for g in identity.gone_elsewhere(gone, published, topics):
        where = f" (its sentences are now cited at {', '.join(g.elsewhere)})" if g.elsewhere else ""
        report.problems.error(links.MANIFEST, None,
                              f"published claim anchor topics/{g.topic}.html#{g.claim} is gone: the page no longer "
                              f"cites any of its sentences{where}",
                              f"if that is intended, delete `{g.claim}:` under `claim_ids: {g.topic}:` in "
                              f"{links.MANIFEST}; links to it will open the page at its top")
    return replace(site, topics=tuple(topics))


def sync_catalogs(project: Project, site: Site, strings: dict, report: Report, save: bool = True) -> dict:
    """Load the translation memory and bring it in line with the site's texts."""
    with report.stage("translations"):
        codes = tuple(lang.code for lang in site.languages)
        catalogs = load_catalogs(project.translations, codes, codes[0], {a.meta.language for a in site.articles})
        segments = all_segments(site, strings)
        for lang, catalog in catalogs.items():
            wanted = [s for s in segments if s.source_language != lang] + topic_segments(site, lang)
            catalog.sync(wanted)
            if wanted and catalog.file_was_empty:
                warn_empty_catalog(project, catalog, len(wanted), report)
            if save:
                catalog.save()
    return catalogs


def warn_empty_catalog(project: Project, catalog, texts: int, report: Report) -> None:
    """An existing catalog without entries while the site has texts for it: say so, go on."""
    path = project.shown(catalog.path)
    report.problems.warning(str(path), None,
                            f"the translation memory is empty (no entries), but the site has {texts} "
                            f"texts to translate into {catalog.language!r}; they are shown in the original",
                            f"if the file was emptied by mistake, restore it (`git checkout -- {path}`); "
                            "else fill it with `python -m builder translate`")


def topic_segments(site: Site, language: str) -> list:
    """Topic and section texts that topics.yml does not give in `language`."""
    source = site.languages[0].code
    out = []
    for topic in site.topics:
        c = topic.config
        pairs = [(f"topic.{c.id}.title", c.title), (f"topic.{c.id}.description", c.description)]
        pairs += [(f"topic.{c.id}.{s.id}.title", s.title) for s in c.sections]
        out += [Segment(sid, texts[source], source) for sid, texts in pairs if not texts.get(language)]
    return out


def render_all(project: Project, site: Site, strings: dict, catalogs: dict, report: Report) -> dict[str, bytes]:
    """Every file of the docs folder, for every language; counts texts by translation state."""
    files: dict[str, bytes] = {}
    default = site.languages[0].code
    with report.stage("render"):
        static = publish.static_files(project.site_src)
        own = {lang.code: {path: static.pop(publish.localized_name(path, lang.code, default)).decode("utf-8")
                           for path in publish.static_pages(project.site_src, default)
                           if publish.localized_name(path, lang.code, default) in static}
               for lang in site.languages}
        rendered = render_sites(site, project.site_src / "templates", [lang.code for lang in site.languages],
                                catalogs, strings, own, project.build / "cache" / "pages",
                                {"data/claims.json": lambda: publish.claims_export(site, catalogs)})
        for lang in site.languages:
            pages, counts = rendered[lang.code]
            for path, text in pages.items():
                files[publish.localized_name(path, lang.code, default)] = text
            report.coverage[lang.name] = _coverage(counts)
        files.update(static)
        files.update(rendered[""][0])
        files.update(feed.feed_files(site, catalogs, strings))
    return files


def _coverage(counts: dict[str, dict[str, int]]) -> tuple[dict[str, int], list[str]]:
    """Texts shown by state over all pages of a language, and the pages with missing text."""
    total = {state: sum(c[state] for c in counts.values()) for state in (REVIEWED, MACHINE, MISSING)}
    return total, sorted(path for path, c in counts.items() if c[MISSING])


UPDATE_HINT = ("run `python -m builder update` to record the site's new texts in the translation memory and its "
               "URLs and claim ids in the published manifest, then commit them")


def build(project: Project, strict: bool = False, run_mkdocs: bool = True, out=sys.stdout,
          record: bool = False) -> int:
    """Build the site; print problems and a summary; return the exit status. The build
    writes only build/ and site/; with `record` (the `update` command) it also saves the
    translation memory and the published manifest, at the end and only if MkDocs
    succeeded. One build of a project runs at a time: a second one waits (`lock`)."""
    settings = {"strict": strict, "mkdocs": run_mkdocs or record, "record": record}
    return run_locked(project.build, out, lambda: _build(project, settings, out)[0])


def update(project: Project, check: bool = False, out=sys.stdout) -> int:
    """Build the site and record its texts and URLs (`translations/`, `content/published.yml`);
    with `check`, write neither and exit 1 when they are not up to date (for CI)."""
    if not check:
        return build(project, record=True, out=out)
    pending: list[str] = []

    def check_build() -> int:
        status, found = _build(project, {"strict": False, "mkdocs": True, "record": False, "check": True}, out)
        pending.extend(found)
        return status

    status = run_locked(project.build, out, check_build)
    if pending and status != 2:
        print(f"update --check: not up to date: {', '.join(pending)}; {UPDATE_HINT}", file=out)
        return 1
    return status


def _build(project: Project, settings: dict, out) -> tuple[int, list[str]]:
    """Build the site, holding the project's lock; skip it when nothing changed (`stamp`).
    Returns the exit status and the recorded files that are not up to date."""
    settings = {**settings, "date": build_date()}
    last = stamp.previous(project.root, settings)
    if last is not None:
        print("".join(line for line in last["report"].splitlines(keepends=True) if not line.startswith("time: ")),
              end="", file=out)
        print("nothing changed since the last build: the site is up to date, nothing was rebuilt", file=out)
        return last["status"], last.get("pending", [])
    stamp.forget(project.root)
    report_out = Tee(out)
    threshold = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        status, pending = _build_all(project, settings, report_out)
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()  # what the stages froze (`frozen`) may be collected again once the build is done
    if status != 2:
        stamp.remember(project.root, settings, status, report_out.text.getvalue(), pending)
    return status, pending


class Tee:
    """A writable that passes text on and keeps a copy."""

    def __init__(self, out):
        self.out, self.text = out, io.StringIO()

    def write(self, text: str) -> int:
        self.text.write(text)
        return self.out.write(text)

    def flush(self) -> None:
        self.out.flush()


def _build_all(project: Project, settings: dict, out) -> tuple[int, list[str]]:
    """Every stage of a build: (exit status, recorded files not up to date)."""
    report = Report()
    started = time.perf_counter()
    try:
        site, strings = load_model(project, report)
        release_word_lists()  # matching is done: rendering (and MkDocs) may have their memory
        frozen()
        catalogs = sync_catalogs(project, site, strings, report, save=False)
        frozen()
    except (ConfigError, CatalogError) as exc:
        print(str(exc), file=out)
        print("build stopped: fix the configuration above and run again", file=out)
        return 2, []
    files = render_all(project, site, strings, catalogs, report)
    write_all(project, site, files, report)
    status, manifest_current = _mkdocs_and_links(project, site, report, out, settings["record"], files) \
        if settings["mkdocs"] else (0, True)
    pending = _record_catalogs(project, catalogs, settings["record"] and status == 0)
    pending += [] if manifest_current else [links.MANIFEST]
    for line in report.lines:
        print(line, file=out)
    for problem in report.problems.items:
        print(problem, file=out)
    summary(site, report, time.perf_counter() - started, out)
    if pending and not settings.get("check"):
        print(f"not up to date: {', '.join(pending)}; {UPDATE_HINT}", file=out)
    if report.problems.failed(settings["strict"]):
        status = 1
    return status, pending


def write_all(project: Project, site: Site, files: dict[str, bytes], report: Report) -> None:
    """Write the docs folder and the generated MkDocs config."""
    with report.stage("write"):
        publish.write_docs(project.build / "docs", files)
        publish.write_if_changed(project.build / "mkdocs.yml",
                                 publish.mkdocs_config(project.build, project.root, project.site, publish.nav(site),
                                                       site.reuse))


def _record_catalogs(project: Project, catalogs: dict, save: bool) -> list[str]:
    """Save the synced translation memory (`save`), or name the catalogs that differ from it."""
    if save:
        for catalog in catalogs.values():
            catalog.save()
        return []
    return [str(project.shown(c.path)) for c in catalogs.values() if not c.saved()]


def _mkdocs_and_links(project: Project, site: Site, report: Report, out, record: bool,
                      files: dict[str, bytes]) -> tuple[int, bool]:
    """Run MkDocs and check the published links, unless no input of MkDocs changed since
    the last run that succeeded (then site/ is what MkDocs would write again). Returns the
    status and whether the published manifest is up to date. `files` is the docs folder
    MkDocs builds from."""
    where = (project.root, project.build, project.site_src, project.site)
    if publish.site_up_to_date(*where):
        print("mkdocs: no page changed since the last build, site/ is up to date", file=out)
        return 0, True
    publish.forget_site(project.build)
    errors_before = len(report.problems.errors)
    with report.stage("mkdocs"):
        code, messages = publish.run_mkdocs_apart(project.build / "mkdocs.yml", strict=True)
    for message in messages:
        print(f"mkdocs: {message}", file=out)
    if code:
        return 1, True
    with report.stage("links"):
        current = links.check_published(project.root, project.site, report.problems, out,
                                        identity.record(site.topics), record=record, docs=files)
    if current and len(report.problems.errors) == errors_before:
        publish.record_site(*where)  # a pending manifest must be reported again next time
    return 0, current


def summary(site: Site, report: Report, total: float, out) -> None:
    """Print what the build read, made and how long each stage took."""
    p = report.problems
    skipped = report.files - len(site.articles)  # each one has an error, in its file or in content/sources.yml
    print(f"articles: {len(site.articles)} read, {skipped} skipped"
          + (f" ({counted(len(p.errors), 'error')}, {counted(len(p.warnings), 'warning')})" if p.items else ""),
          file=out)
    for topic in site.topics:
        claims, sources = counted(len(topic.claims), "claim"), counted(len(topic.sources), "source")
        print(f"  {topic.config.id}: {claims} from {sources}", file=out)
    for name, (counts, pages) in report.coverage.items():
        shown = sum(counts.values())
        if not shown:
            continue  # every text of this language's pages is written in it
        share = 100 * (counts[REVIEWED] + counts[MACHINE]) / shown if shown else 100
        print(f"{name}: {share:.0f}% of {counted(shown, 'text')} translated ({counts[REVIEWED]} reviewed, "
              f"{counts[MACHINE]} machine, {counts[MISSING]} shown in the original on {counted(len(pages), 'page')})",
              file=out)
    stages = " · ".join(f"{k} {v:.2f}s" for k, v in report.times.items())
    print(f"time: {total:.2f}s ({stages})", file=out)
