"""Source pages are kept between builds (builder/sourcecache.py): editing one article renders
its own source pages again and no other, and what a build takes from the kept pages is
byte for byte what a cold build renders, also after a translation changed."""
from __future__ import annotations

import shutil
from pathlib import Path

import polib

from builder import render
from builder.localize import sentence_id
from builder.problems import Problems
from builder.read import read_articles
from tests.conftest import build_pages, generated_docs, make_project

MARKET = ("---\ntitle: Markttag in Nordheim\ndate: 2025-05-06\n---\n"
          "Auf dem Marktplatz von Nordheim boten am Samstag vierzig Stände Gemüse und Käse an. "
          "Die Gemeinde zählte mehr Besucher als im Vorjahr.\n\n"
          "Ein Händler sagte, die Kundschaft frage vor allem nach Äpfeln aus der Region.\n")
BRIDGE = ("---\ntitle: Brücke wird saniert\ndate: 2025-05-07\n---\n"
          "Die alte Brücke über den Fluss bleibt ab Montag für drei Wochen gesperrt. "
          "Fußgänger werden über einen Steg umgeleitet.\n")
ADDED = "\nDie Bauarbeiten beginnen jeden Morgen um sieben Uhr.\n"
TRANSLATED = "Forty stalls offered vegetables and cheese on the market square on Saturday."


def translate_first_sentence(root: Path, name: str, text: str) -> None:
    """Add a reviewed English translation of the first sentence of an article to en.po."""
    articles = read_articles(root / "content" / "articles", {}, ("de", "en"), Problems(), root)
    article = next(a for a in articles if Path(a.path).name == name)
    block = next(b for b in article.blocks if b.sentences)
    path = root / "translations" / "en.po"
    po = polib.pofile(str(path), wrapwidth=0) if path.exists() else polib.POFile(wrapwidth=0)
    po.append(polib.POEntry(msgctxt=sentence_id(article, block, 0), msgid=block.sentences[0].text, msgstr=text))
    po.save(str(path))


def source_renders(monkeypatch) -> list[str]:
    """The paths of the source pages rendered from now on (not taken from the kept ones), in
    the build's own process so that they can be counted here."""
    monkeypatch.setenv("BUILDER_WORKERS", "1")
    rendered: list[str] = []
    original = render.Renderer.render

    def counting(self, template, page, *args, **kwargs):
        if template == "source.md.j2":
            rendered.append(f"{self.language} {page.path}")
        return original(self, template, page, *args, **kwargs)

    monkeypatch.setattr(render.Renderer, "render", counting)
    return rendered


def test_editing_one_article_renders_only_its_source_pages_again(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p", {"markt.md": MARKET, "bruecke.md": BRIDGE}, translations=False)
    build_pages(root)
    rendered = source_renders(monkeypatch)
    (root / "content" / "articles" / "bruecke.md").write_text(BRIDGE + ADDED, encoding="utf-8")
    build_pages(root)
    assert len(rendered) == 2  # the edited article's page in German and in English
    assert len({path for path in (r.split()[1] for r in rendered)}) == 1
    assert any("sieben Uhr" in text.decode("utf-8")
               for path, text in generated_docs(root).items() if "sources/" in path)


def test_kept_pages_are_what_a_cold_build_renders_after_an_edit_and_a_translation(tmp_path):
    root = make_project(tmp_path / "p", {"markt.md": MARKET, "bruecke.md": BRIDGE}, translations=False)
    build_pages(root)
    (root / "content" / "articles" / "bruecke.md").write_text(BRIDGE + ADDED, encoding="utf-8")
    translate_first_sentence(root, "markt.md", TRANSLATED)
    build_pages(root)
    warm = generated_docs(root)
    assert any(TRANSLATED in text.decode("utf-8") for path, text in warm.items() if "sources/" in path)
    shutil.rmtree(root / "build")
    build_pages(root)
    assert generated_docs(root) == warm
