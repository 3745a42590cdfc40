"""The project's MkDocs plugin, as an MkDocs hook module (`hooks:` in build/mkdocs.yml).

After every language is built it writes the redirects of `mkdocs.yml` (plugin
`redirects`, `redirect_maps`) for each language but the default one: mkdocs-redirects
1.2.2 only knows the default language's paths, so `topics/old.md: topics/new.md` also
needs `en/topics/old.html`.

MkDocs loads this file by its path, so a plain `mkdocs build` or `mkdocs serve` on the
generated project runs it too, with no package to install; for the same reason it
imports nothing of the builder, only MkDocs and its plugins.
"""
from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.plugins import event_priority
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
    if redirects is None or (i18n is not None and i18n.building):
        return  # no redirects, or one language's build inside the i18n plugin's loop
    maps = dict(redirects.config.get("redirect_maps") or {})
    written = write_language_redirects(Path(config.site_dir), maps, other_languages(config))
    log.debug(f"language redirects: {len(written)} written")
