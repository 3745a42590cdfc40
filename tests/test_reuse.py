"""For teachers: the licence, publisher, contact and corrections address (mkdocs.yml
`extra:`), how current the content is, and each page's description, as the builder
reads, checks and writes them. The theme's side is in tests/browser/test_reuse_browser.py."""
from __future__ import annotations

import io
import json
from types import SimpleNamespace

import pytest
import yaml

from builder.build import Project, build
from builder.config import CC_BY, Reuse, contact_address, load_reuse
from builder.problems import ConfigError
from builder.render import fill, first_paragraph, shorten
from builder.site import Site

# Invented texts of this test, not from content/articles.
REPORT = ("---\ntitle: Gespräche über einen Waffenstillstand\ndate: 2025-02-11\npublisher: Testblatt\n---\n"
          "Trump und Putin sprachen am Dienstag über Verhandlungen zur Ukraine. "
          "Selenskyj forderte, dass die Ukraine an den Gesprächen beteiligt wird.\n")
LATER = ("---\ntitle: Europa reagiert auf das Telefonat\ndate: 2025-02\n---\n"
         "Die Europäer kritisierten das Telefonat zwischen Trump und Putin. "
         "Der Kanzler sagte, über die Ukraine dürfe nicht ohne die Ukraine verhandelt werden.\n")


def config_with(tmp_path, extra: str):
    """A mkdocs.yml with the given lines under `extra:`."""
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: Test\nextra:\n  generator: false\n" + extra, encoding="utf-8")
    return path


def test_without_a_licence_entry_the_editorial_text_is_cc_by_and_nothing_else_is_invented(tmp_path):
    reuse = load_reuse(config_with(tmp_path, ""))
    assert (reuse.licence, reuse.licence_url) == CC_BY
    assert reuse.editor is reuse.contact is reuse.corrections is None


def test_an_empty_licence_shows_none(tmp_path):
    reuse = load_reuse(config_with(tmp_path, "  licence: null\n"))
    assert reuse.licence is None and reuse.licence_url is None


def test_addresses_become_links_and_corrections_go_to_the_contact_when_not_given(tmp_path):
    reuse = load_reuse(config_with(tmp_path, '  editor: "Redaktion Probe"\n  contact: post@probe.example\n'))
    assert reuse.editor == "Redaktion Probe"
    assert reuse.contact == reuse.corrections == "mailto:post@probe.example"
    reuse = load_reuse(config_with(tmp_path, "  contact: post@probe.example\n"
                                             "  corrections: https://probe.example/fehler\n"))
    assert reuse.corrections == "https://probe.example/fehler"


def test_a_bad_address_or_licence_stops_with_the_key_and_an_example(tmp_path):
    path = config_with(tmp_path, "  contact: bei der Redaktion\n  licence: CC BY\n  editor: [a, b]\n")
    with pytest.raises(ConfigError) as caught:
        load_reuse(path)
    text = str(caught.value)
    assert "extra.contact" in text and "redaktion@example.org" in text
    assert "extra.licence" in text and "extra.editor" in text


@pytest.mark.parametrize("value,address", [
    ("a@b.example", "mailto:a@b.example"), ("mailto:a@b.example", "mailto:a@b.example"),
    ("https://b.example/x", "https://b.example/x"), ("javascript:alert(1)", None),
    ("https://b.example/\"x", None), ("ftp://b.example", None), ("a @b.example", None)])
def test_contact_address(value, address):
    assert contact_address(value) == address


def site_with(dates: dict, cited: set) -> Site:
    """A site model with articles of the given dates; `cited` are on a topic page."""
    articles = tuple(SimpleNamespace(id=i, meta=SimpleNamespace(date=d)) for i, d in dates.items())
    return Site((), articles, (SimpleNamespace(sources=tuple(cited)),), (), "2026-12-02")


def test_content_date_is_the_newest_cited_source_at_its_precision():
    assert site_with({"a": "2025-02-10", "b": "2025-02", "c": None}, {"a", "b", "c"}).content_date == "2025-02"
    assert site_with({"a": "2025-02-10", "b": "2025-01"}, {"a", "b"}).content_date == "2025-02-10"
    assert site_with({"a": "2025-02-10", "b": "2025-03-01"}, {"a"}).content_date == "2025-02-10"
    assert site_with({"a": None}, {"a"}).content_date is None


def test_descriptions_are_short_plain_text():
    assert shorten("eins  zwei\ndrei") == "eins zwei drei"
    long = "Wort " * 100
    cut = shorten(long, 30)
    assert len(cut) <= 30 and cut.endswith("…") and "  " not in cut
    assert first_paragraph("# Titel {#t}\n\nSiehe [die Quellen](sources/index.md) und **mehr**.\n\n## B\n") \
        == "Siehe die Quellen und mehr."


def test_fill_escapes_the_words_and_keeps_the_markdown_given():
    assert fill("Lizenz {licence} *frei*", licence="[CC](<https://x.example>)") \
        == "Lizenz [CC](<https://x.example>) \\*frei\\*"
    assert fill("{unknown} bleibt") == "\\{unknown\\} bleibt"


@pytest.fixture
def built(project):
    """The seed project's config with a publisher and addresses, and two invented reports."""
    root = project(articles={"waffenstillstand.md": REPORT, "europa.md": LATER})
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for key, value in (("editor", '"Redaktion Probe"'), ("contact", "post@probe.example"),
                       ("corrections", "https://probe.example/fehler")):
        assert f'  {key}: ""' in text
        text = text.replace(f'  {key}: ""', f"  {key}: {value}", 1)
    config.write_text(text, encoding="utf-8")
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 0, out.getvalue()
    return root


def page_of(root, path: str) -> tuple[dict, str]:
    """A generated page's front matter and body."""
    _, head, body = (root / "build" / "docs" / path).read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


def test_the_about_page_says_licence_publisher_contact_corrections_and_dates(built):
    meta, body = page_of(built, "about.md")
    section = body.split("{#reuse}", 1)[1]
    assert "[CC BY 4.0](<https://creativecommons.org/licenses/by/4.0/>)" in section
    assert "[claims.json](data/claims.json)" in section and "Zitate aus den Quellen" in section
    assert "Herausgeber: Redaktion Probe" in section
    assert "[Kontakt](<mailto:post@probe.example>)" in section
    assert "[Fehler melden](<https://probe.example/fehler>){: .corrections-link }" in section
    assert "Seiten erzeugt am: " in section
    assert meta["description"].startswith("Diese Seiten werden")
    assert meta["ui_footer"]["licence"] == "Texte der Redaktion und Daten: {licence}"
    english_meta, english = page_of(built, "about.en.md")
    assert "Published by Redaktion Probe" in english and "[Report an error](<https://probe.example/fehler>)" in english
    assert english_meta["ui_footer"]["corrections"] == "Report an error"


def test_claims_json_names_the_licence_and_who_answers_for_the_data(built):
    data = json.loads((built / "build" / "docs" / "data" / "claims.json").read_text(encoding="utf-8"))
    assert data["licence"]["name"] == "CC BY 4.0" and data["licence"]["url"].startswith("https://creativecommons.org/")
    assert "quotations" in data["licence"]["excludes"]
    assert data["editor"] == "Redaktion Probe"
    assert data["contact"] == "mailto:post@probe.example"
    assert data["corrections"] == "https://probe.example/fehler"
    dated = {a["date"] for a in data["articles"]} - {None}
    assert data["content_date"] in dated | {None}


def test_the_theme_gets_the_checked_values(built):
    config = yaml.safe_load((built / "build" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["extra"]["reuse"] == {
        "licence": "CC BY 4.0", "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "editor": "Redaktion Probe", "contact": "mailto:post@probe.example",
        "corrections": "https://probe.example/fehler"}


def test_every_generated_page_has_a_description_and_the_dates(built):
    docs = built / "build" / "docs"
    for path in sorted(docs.rglob("*.md")):
        meta, _ = page_of(built, path.relative_to(docs).as_posix())
        assert meta.get("description"), path
        assert '"' not in meta["description"] and "<" not in meta["description"], path
        assert meta["build_date"] and "content_date" in meta, path
    meta, _ = page_of(built, "sources/waffenstillstand.md")
    assert meta["description"] == "Quelle: Gespräche über einen Waffenstillstand (Testblatt, 2025-02-11)"


def test_the_home_page_shows_the_content_date_beside_the_build_date(built):
    meta, body = page_of(built, "index.md")
    assert meta["content_date"] == "2025-02"  # the report dated to the month counts as its last day
    assert f"Inhaltsstand (neueste Quelle): 2025-02 · Seiten erzeugt am: {meta['build_date']}" in body


def test_reuse_defaults_are_the_dataclass_defaults():
    assert Reuse().licence == CC_BY[0] and Reuse().editor is None
