"""Languages are configuration: a third site language and an article in English."""
from __future__ import annotations

import io

import polib

from builder.build import Project, build, update
from builder.commands import stats

GERMAN = "Der Kanzler reiste am Montag nach Paris. Dort sprach er über Verhandlungen mit Putin.\n"
ENGLISH = ("---\ntitle: Talks in London\nlanguage: en\n---\n"
           "The chancellor travelled to London on Tuesday. He spoke about negotiations with Putin there.\n")


def add_french(root) -> None:
    """Add French to the site the way an editor would: one entry in mkdocs.yml."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    entry = "        - locale: en\n"
    french = "        - locale: fr\n          name: Français\n          build: true\n"
    assert entry in config
    (root / "mkdocs.yml").write_text(config.replace(entry, french + entry), encoding="utf-8")


def test_a_third_language_needs_only_a_config_entry(project):
    root = project(articles={"kanzler.txt": GERMAN})
    add_french(root)
    out = io.StringIO()
    assert update(Project(root), out=out) == 0, out.getvalue()
    page = (root / "site" / "fr" / "sources" / "kanzler.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    assert 'class="untranslated-mark"' in page and "Der Kanzler reiste am Montag nach Paris." in page
    assert (root / "translations" / "fr.po").exists()
    assert "Français: 0% of" in out.getvalue()
    report = io.StringIO()
    stats(Project(root), out=report)
    assert "Français (fr): 0 reviewed, 0 machine," in report.getvalue()


def test_an_english_article_is_translated_into_german_the_same_way(project):
    root = project(articles={"kanzler.txt": GERMAN, "london.md": ENGLISH})
    assert update(Project(root), out=io.StringIO()) == 0
    docs = root / "build" / "docs" / "sources"
    english_page = (docs / "london.en.md").read_text(encoding="utf-8")
    german_page = (docs / "london.md").read_text(encoding="utf-8")
    assert "The chancellor travelled to London on Tuesday." in english_page
    assert "untranslated-mark" not in english_page.split("---", 2)[2].split("# ", 1)[1].split("\n")[0]
    assert '<span lang="en">The chancellor travelled to London on Tuesday.</span>' in german_page
    german_memory = polib.pofile(str(root / "translations" / "de.po"))
    assert any(e.msgid == "The chancellor travelled to London on Tuesday." for e in german_memory)
    assert german_memory.metadata["X-Source-Language"] == "en"
    english_memory = polib.pofile(str(root / "translations" / "en.po"))
    assert not any("chancellor" in e.msgid for e in english_memory)
    report = io.StringIO()
    assert stats(Project(root), out=report) == 0
    assert "Deutsch (de): 0 reviewed, 0 machine," in report.getvalue()
    assert "missing text on sources/london.md" in report.getvalue()


def test_translate_sends_each_text_from_its_own_language(project):
    from builder.commands import translate
    from tests.libre_stub import LibreStub

    root = project(articles={"kanzler.txt": GERMAN, "london.md": ENGLISH}, translations=False)
    with LibreStub() as stub:
        out = io.StringIO()
        assert translate(Project(root), "libre", stub.url, None, out=out) == 0, out.getvalue()
    assert "en -> de:" in out.getvalue() and "de -> en:" in out.getvalue()
    german = {e.msgid: e for e in polib.pofile(str(root / "translations" / "de.po"))}
    entry = german["The chancellor travelled to London on Tuesday."]
    assert entry.msgstr == "[de] The chancellor travelled to London on Tuesday."
    english = {e.msgid: e.msgstr for e in polib.pofile(str(root / "translations" / "en.po"))}
    assert english["Der Kanzler reiste am Montag nach Paris."] == "[en] Der Kanzler reiste am Montag nach Paris."


def test_a_catalog_keeps_the_source_language_of_each_entry(tmp_path):
    from builder.catalog import Catalog, Segment

    catalog = Catalog.load(tmp_path / "fr.po", "fr", "de")
    catalog.sync([Segment("a.s1", "Guten Tag.", "de"), Segment("b.s1", "Good morning.", "en")])
    catalog.save()
    again = Catalog.load(tmp_path / "fr.po", "fr", "de")
    assert again.missing("de") == [("a.s1", "Guten Tag.")]
    assert again.missing("en") == [("b.s1", "Good morning.")]
    assert again.source_languages() == ["de", "en"]
    assert "#. source-language: en" in (tmp_path / "fr.po").read_text(encoding="utf-8")
