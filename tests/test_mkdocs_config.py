"""The builder's part of mkdocs.yml (languages, reuse terms under `extra:`, site_url) is
checked by the one schema of builder/schema.py: every problem names the file, the line,
the key path, what was expected and the fix, and all of them come at once."""
from __future__ import annotations

import io

import pytest

from builder.build import Project, build
from builder.config import load_languages, load_mkdocs, load_reuse, load_site_url
from builder.problems import ConfigError

GOOD_LANGUAGES = """\
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - locale: de
          name: Deutsch
          default: true
        - locale: en
          name: English
          site_name: Probe
"""


def config(tmp_path, text: str):
    """A mkdocs.yml with the given text."""
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(call, path) -> list:
    """The problems a loader raises, as (line, message, fix)."""
    with pytest.raises(ConfigError) as caught:
        call(path)
    assert all(p.path == str(path) for p in caught.value.problems)
    return [(p.line, p.message, p.fix) for p in caught.value.problems]


def line_of(path, text: str) -> int:
    """The 1-based line of the first line of the file that contains `text`."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_bad_reuse_values_are_each_reported_with_line_key_path_and_fix(tmp_path):
    path = config(tmp_path, "site_name: Probe\nextra:\n  generator: false\n  licence: CC BY\n"
                            "  editor: [Redaktion, Probe]\n  contact: bei der Redaktion\n"
                            "  corrections: ftp://probe.example/\n" + GOOD_LANGUAGES)
    found = problems(load_reuse, path)
    assert [(line, message.split(":")[0]) for line, message, _ in found] == [
        (line_of(path, "licence:"), "extra.licence"), (line_of(path, "editor:"), "extra.editor"),
        (line_of(path, "contact:"), "extra.contact"), (line_of(path, "corrections:"), "extra.corrections")]
    licence, editor, contact, corrections = found
    assert "expected `name:` and `url:`" in licence[1] and "licence: {name: CC BY 4.0" in licence[2]
    assert "expected a text" in editor[1] and "or leave it empty" in editor[2]
    assert "neither an e-mail address nor an http(s) address" in contact[1] and "redaktion@example.org" in contact[2]
    assert "'ftp://probe.example/'" in corrections[1]


def test_a_bad_licence_address_names_its_own_key(tmp_path):
    path = config(tmp_path, "site_name: P\nextra:\n  licence:\n    name: Eigene Lizenz\n    url: lizenz.html\n"
                            "    version: 2\n")
    found = problems(load_reuse, path)
    assert [(line, message.split(":")[0]) for line, message, _ in found] == [
        (line_of(path, "version:"), "extra.licence.version"), (line_of(path, "url:"), "extra.licence.url")]
    assert "unknown key" in found[0][1] and "not an http(s) address" in found[1][1]


def test_good_reuse_values_are_read_as_before(tmp_path):
    path = config(tmp_path, "site_name: P\nextra:\n  licence: {name: ' Eigene Lizenz ', url: 'https://l.example/'}\n"
                            "  editor: ' Redaktion Probe '\n  contact: post@probe.example\n  og_locales: {de: de_DE}\n")
    reuse = load_reuse(path)
    assert (reuse.licence, reuse.licence_url) == ("Eigene Lizenz", "https://l.example/")
    assert reuse.editor == "Redaktion Probe"
    assert reuse.contact == reuse.corrections == "mailto:post@probe.example"


def test_languages_need_exactly_one_default(tmp_path):
    path = config(tmp_path, GOOD_LANGUAGES.replace("          default: true\n", ""))
    [(line, message, fix)] = problems(load_languages, path)
    assert line == line_of(path, "languages:")
    assert message == "plugins[1].i18n.languages: expected exactly one built language with `default: true`, found 0"
    assert "`default: true`" in fix
    two = config(tmp_path, GOOD_LANGUAGES.replace("          site_name: Probe\n", "          default: true\n"))
    [(line, message, _)] = problems(load_languages, two)
    assert line == 11 and message.startswith("plugins[1].i18n.languages[1].default: expected exactly one")


def test_a_language_listed_twice_or_badly_is_named_with_its_line(tmp_path):
    path = config(tmp_path, GOOD_LANGUAGES + "        - locale: de\n          name: Nochmal\n"
                            "        - locale: Französisch\n        - name: ohne Code\n"
                            "        - locale: fr\n          build: ja\n")
    found = problems(load_languages, path)
    assert [(line, message.split(":")[0]) for line, message, _ in found] == [
        (12, "plugins[1].i18n.languages[2].locale"), (14, "plugins[1].i18n.languages[3].locale"),
        (15, "plugins[1].i18n.languages[4].locale"), (17, "plugins[1].i18n.languages[5].build")]
    assert "listed twice" in found[0][1] and "list each language once" in found[0][2]
    assert "expected a language code like 'de', got 'Französisch'" in found[1][1]
    assert found[2][1].endswith("missing") and "add `locale:`" in found[2][2]
    assert "expected true or false, got 'ja'" in found[3][1]


def test_a_config_without_the_i18n_plugin_says_where_the_languages_go(tmp_path):
    path = config(tmp_path, "site_name: P\nplugins:\n  - search\n")
    [(line, message, fix)] = problems(load_languages, path)
    assert (line, message) == (2, "plugins: no i18n plugin") and "- i18n: languages:" in fix


def test_a_bad_site_url_names_its_line_and_says_it_came_from_the_environment(tmp_path, monkeypatch):
    path = config(tmp_path, 'site_name: P\n\nsite_url: !ENV [SITE_URL, ""]\n')
    monkeypatch.setenv("SITE_URL", "probe.example")
    [(line, message, fix)] = problems(load_site_url, path)
    assert line == 3 and message == "site_url: 'probe.example' is not an http(s) address (from the environment)"
    assert "SITE_URL=https://example.org/" in fix
    monkeypatch.setenv("SITE_URL", "https://probe.example")
    assert load_site_url(path) == "https://probe.example/"


def test_every_problem_of_mkdocs_yml_comes_at_once(tmp_path):
    path = config(tmp_path, "site_name: P\nsite_url: www.probe.example\nextra:\n  contact: niemand\n"
                  + GOOD_LANGUAGES.replace("          default: true\n", ""))
    found = problems(load_mkdocs, path)
    keys = [message.split(":")[0] for _, message, _ in found]
    assert keys == ["plugins[1].i18n.languages", "extra.contact", "site_url"]
    assert [line for line, _, _ in found] == [line_of(path, "languages:"), 4, 2]


def test_a_build_prints_them_with_file_and_line_and_stops_before_writing(project):
    root = project(articles={})
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace('  contact: ""', "  contact: nicht erreichbar"), encoding="utf-8")
    out = io.StringIO()
    assert build(Project(root), out=out) != 0
    line = line_of(root / "mkdocs.yml", "contact: nicht")
    assert f"mkdocs.yml:{line}: error: extra.contact: 'nicht erreichbar' is neither" in out.getvalue()
    assert not (root / "site").exists()
