"""MkDocs runs inside the builder (publish.run_mkdocs): warnings and errors arrive as
objects, two builds in one process do not disturb each other, and the project's hook
writes the redirects of every language, in-process and under a plain `mkdocs build`."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from mkdocs import utils as mkdocs_utils

from builder import publish
from builder.build import Project, build
from tests.conftest import make_project

ARTICLE = ("---\ntitle: Ein Probelauf\ndate: 2025-03-01\n---\n"
           "Die Redaktion prüft, ob der Generator eine Seite ohne Mühe baut. Der Test erfindet diesen Satz.\n")
REDIRECTS = "  - redirects:\n      redirect_maps: {}\n"


def generated(tmp_path: Path, redirect_maps: str = "{}") -> Path:
    """A project whose docs and build/mkdocs.yml are generated (MkDocs not yet run)."""
    root = make_project(tmp_path / "p", {"probe.md": ARTICLE})
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert REDIRECTS in text
    config.write_text(text.replace(REDIRECTS, f"  - redirects:\n      redirect_maps: {redirect_maps}\n"),
                      encoding="utf-8")
    assert build(Project(root), run_mkdocs=False, out=io.StringIO()) == 0
    return root


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below a folder with its bytes (the sitemap's dates aside)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith("sitemap.xml")}


def test_two_builds_in_one_process_agree_and_redirect_every_language(tmp_path):
    root = generated(tmp_path, "{'alt.md': 'about.md#wer', 'weg.md': 'coverage.md'}")
    config = root / "build" / "mkdocs.yml"
    assert publish.run_mkdocs(config) == (0, [])
    first = tree(root / "site")
    assert 'url=about.html#wer"' in first["alt.html"].decode()  # mkdocs-redirects, default language
    assert 'url=about.html#wer"' in first["en/alt.html"].decode()  # the hook, inside en/
    assert 'url=coverage.html"' in first["en/weg.html"].decode()
    (root / "site" / "stale.html").write_text("left from an older build", encoding="utf-8")
    assert publish.run_mkdocs(config) == (0, [])
    assert tree(root / "site") == first  # cleaned, and the same bytes


def test_a_plain_mkdocs_build_of_the_generated_project_runs_the_hook(tmp_path):
    root = generated(tmp_path, "{'alt.md': 'about.md'}")
    assert publish.run_mkdocs(root / "build" / "mkdocs.yml") == (0, [])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", "build/mkdocs.yml",
                           "-d", str(tmp_path / "plain")], cwd=root, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert tree(tmp_path / "plain") == tree(root / "site")


def test_a_strict_warning_arrives_as_an_object_and_fails_the_build(tmp_path):
    root = make_project(tmp_path / "p", {"probe.md": ARTICLE})
    (root / "site_src" / "pages" / "extra.md").write_text("# Mehr\n\nSiehe [dort](nirgends.md).\n", encoding="utf-8")
    assert build(Project(root), run_mkdocs=False, out=io.StringIO()) == 0
    status, messages = publish.run_mkdocs(root / "build" / "mkdocs.yml")
    assert status == 1
    warnings = [m for m in messages if m.level == "WARNING"]
    assert len(warnings) == 1 and "'extra.md'" in warnings[0].text and "'nirgends.md'" in warnings[0].text
    assert messages[-1].level == "ABORT" and "strict mode" in str(messages[-1])
    out = io.StringIO()
    assert build(Project(root), out=out) == 1
    assert "mkdocs: WARNING -  Doc file 'extra.md' contains a link 'nirgends.md'" in out.getvalue()


def test_a_template_error_in_one_language_names_the_template_and_leaves_mkdocs_clean(tmp_path):
    root = generated(tmp_path)
    template = root / "site_src" / "overrides" / "main.html"
    good = template.read_text(encoding="utf-8")
    # breaks only the English build, which mkdocs-static-i18n runs inside its own post-build step
    broken = '{% block content %}{% if config.theme.language == "en" %}{{ kein_filter() }}{% endif %}'
    template.write_text(good.replace("{% block content %}", broken, 1), encoding="utf-8")
    clean = mkdocs_utils.clean_directory
    status, messages = publish.run_mkdocs(root / "build" / "mkdocs.yml")
    assert status == 1 and mkdocs_utils.clean_directory is clean
    assert messages[-1].level == "ERROR" and messages[-1].fix == publish.TEMPLATE_FIX
    assert "kein_filter" in messages[-1].text and messages[-1].path == "site_src/overrides/main.html"
    assert messages[-1].line == good.splitlines().index("{% block content %}") + 1
    template.write_text(good, encoding="utf-8")
    (root / "site" / "stale.html").write_text("left from the failed build", encoding="utf-8")
    assert publish.run_mkdocs(root / "build" / "mkdocs.yml") == (0, [])
    assert not (root / "site" / "stale.html").exists()


def test_a_broken_mkdocs_yml_is_an_error_with_its_fix(tmp_path):
    root = generated(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("use_directory_urls: false",
                                                                 "use_directory_urls: vielleicht"), encoding="utf-8")
    status, messages = publish.run_mkdocs(root / "build" / "mkdocs.yml")
    assert status == 1
    assert any(m.level == "ERROR" and "use_directory_urls" in m.text for m in messages)
    assert messages[-1].fix == publish.CONFIG_FIX and "configuration error" in messages[-1].text


def test_search_duplicates_go_as_the_i18n_plugin_drops_them_in_linear_time():
    from types import SimpleNamespace

    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    from builder.mkdocs_hooks import search_duplicates_removed

    def entry(location: str, title: str, text: str) -> dict:
        return {"location": location, "title": title, "text": text}

    entries = [entry("", "Start", "Willkommen"), entry("hafen.html", "Hafen", "Der Kran ist neu."),
               entry("hafen.html#kran", "Kran", "Er hebt 40 Tonnen."), entry("fähre.html", "Fähre", "Stündlich."),
               entry("en/", "Start", "Willkommen"),  # the same page under en/: a duplicate
               entry("en/hafen.html", "Harbour", "The crane is new."),  # translated: kept
               entry("en/hafen.html#kran", "Kran", "Er hebt 40 Tonnen."),  # untranslated section: a duplicate
               entry("en/fähre.html", "Fähre", "Stündlich!"),  # other text: kept
               entry("fr/fähre.html", "Fähre", "Stündlich."),  # another language folder
               entry("en/alt/hafen.html", "Hafen", "Der Kran ist neu.")]  # the location ends alike
    expected = [dict(e) for e in entries]
    ExtendedPlugin.reconfigure_search_duplicates(SimpleNamespace(build_languages=["de", "en", "fr"]), expected)
    assert len(expected) == 6  # the plugin's own answer drops four
    assert search_duplicates_removed(entries, ("de/", "en/", "fr/")) == expected


def test_mkdocs_apart_builds_the_same_site_and_survives_a_process_that_dies(tmp_path):
    root = generated(tmp_path)
    config = root / "build" / "mkdocs.yml"
    assert publish.run_mkdocs_apart(config) == (0, [])
    apart = tree(root / "site")
    assert publish.run_mkdocs(config) == (0, [])
    assert tree(root / "site") == apart
    (root / "build" / "die.py").write_text("import os\n\n\ndef on_config(config):\n    os._exit(3)\n", encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    dying = root / "build" / "dying.yml"
    dying.write_text(text.replace("hooks:\n", "hooks:\n- die.py\n", 1), encoding="utf-8")
    assert "- die.py" in dying.read_text(encoding="utf-8")
    status, messages = publish.run_mkdocs_apart(dying)
    assert status == 1 and messages[-1].level == "ERROR" and "ended before the site was built" in messages[-1].text
    assert messages[-1].fix == publish.CRASH_FIX
