"""The translation commands: `stats` (what is translated) and `translate` (fill by machine).

Both read the project exactly as `build` does, so a new article's texts are in the
translation memory before anything is counted or sent.
"""
from __future__ import annotations

import os
import sys

import polib

from . import glossary
from . import translate as mt
from .build import Project, Report, load_model, render_all, sync_catalogs
from .catalog import CatalogError
from .lock import run_locked
from .problems import ConfigError


def stats(project: Project, out=sys.stdout) -> int:
    """Print, per language, reviewed / machine / missing texts and pages still lacking text."""
    report = Report()
    try:
        site, strings = load_model(project, report)
        catalogs = sync_catalogs(project, site, strings, report, save=False)
    except (ConfigError, CatalogError) as exc:
        print(exc, file=out)
        return 2
    print_catalog_warnings(report, out)
    render_all(project, site, strings, catalogs, report)
    names = {lang.code: lang.name for lang in site.languages}
    for code, catalog in catalogs.items():
        s = catalog.stats()
        print(f"{names[code]} ({code}): {s.reviewed} reviewed, {s.machine} machine, {s.missing} missing "
              f"of {s.total} texts in {catalog.path.relative_to(project.root)}", file=out)
        counts, pages = report.coverage[names[code]]
        for page in pages:
            print(f"  missing text on {page}", file=out)
        for violation in glossary_violations(project, catalog):
            print(f"  glossary: {violation.segment_id} should use {violation.term.target!r} "
                  f"for {violation.term.source!r}", file=out)
    return 0


def print_catalog_warnings(report: Report, out) -> None:
    """Print the problems found with the translation memory files (an empty one, say)."""
    for problem in report.problems.items:
        if problem.path.endswith(".po"):
            print(problem, file=out)


def glossary_violations(project: Project, catalog) -> list:
    """Translated entries of a catalog that do not follow content/glossary.yml."""
    if catalog.source_language != "de" or not catalog.path.exists():
        return []
    terms = glossary.load_glossary(project.root / "content" / "glossary.yml", catalog.language)
    po = polib.pofile(str(catalog.path))
    return glossary.violations(((e.msgctxt, e.msgid, e.msgstr) for e in po if not e.obsolete), terms)


def translate(project: Project, engine_name: str, url: str | None, key_env: str | None,
              batch_size: int = 20, out=sys.stdout, *, timeout: float = mt.DEFAULT_TIMEOUT,
              time_limit: float | None = mt.DEFAULT_TIME_LIMIT) -> int:
    """Fill the missing entries of every catalog through a machine-translation engine; a
    build of the project meanwhile waits (both save the translation memory)."""
    limits = {"timeout": timeout, "time_limit": time_limit}
    return run_locked(project.build, out,
                      lambda: _translate(project, engine_name, url, key_env, batch_size, out, limits))


def _translate(project: Project, engine_name: str, url: str | None, key_env: str | None,
               batch_size: int, out, limits: dict) -> int:
    """Fill the missing entries, holding the project's lock."""
    key = None
    if key_env:
        key = os.environ.get(key_env)
        if not key:
            print(f"error: the environment variable {key_env} is not set — fix: export {key_env}=<your API key>",
                  file=out)
            return 2
    report = Report()
    try:
        site, strings = load_model(project, report)
        catalogs = sync_catalogs(project, site, strings, report)
        engine = mt.make_engine(engine_name, url=url, key=key, on_retry=_retrying(out), **limits)
    except (ConfigError, CatalogError, mt.TranslationError) as exc:
        print(f"error: {exc}", file=out)
        return 2
    print_catalog_warnings(report, out)
    status = 0
    with engine:
        for code, catalog in catalogs.items():
            def progress(done: int, total: int, code: str = code) -> None:
                print(f"  {code}: {done}/{total} texts", file=out, flush=True)

            for source in catalog.source_languages() or [catalog.source_language]:
                summary = mt.fill_missing(catalog, engine, source, catalog.language,
                                          batch_size=batch_size, on_progress=progress)
                for _segment_id, message in summary.failed:
                    print(f"  failed: {message}", file=out)
                print(f"{source} -> {code}: {summary.filled} filled by {engine_name}, {summary.reused} reused "
                      f"from the memory, {len(summary.failed)} failed; {summary.characters} characters in "
                      f"{summary.requests} requests", file=out)
                if summary.stopped:
                    print(f"stopped: {summary.stopped} — the finished entries are saved; run again to continue",
                          file=out)
                if summary.failed or summary.stopped:
                    status = 1
    return status


def _retrying(out):
    """Report each retry as it starts, so that a slow service is never a silent wait."""
    def report(error: mt.TranslationError, attempt: int, delay: float) -> None:
        print(f"  {error.reason}; trying again in {delay:g} s (attempt {attempt})", file=out, flush=True)
    return report
