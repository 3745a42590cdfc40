"""Saved web pages: main text and stated metadata (never guessed), `.html` articles, `add`.

Every page here is written by the tests: invented local news from an invented town, in
the shapes real news sites use (OpenGraph, JSON-LD, banners, teasers, comments).
"""
from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml

from builder import webpage
from builder.add import page_id, slug
from builder.build import Project, build
from builder.cache import Cache
from builder.cli import main
from builder.problems import Problems
from builder.read import FRONT_MATTER, read_articles
from tests.conftest import ROOT

TITLE = "Stadtrat beschließt neue Straßenbahnlinie"
URL = "https://anzeiger.example/lokales/stadtrat-beschliesst-tramlinie-7.html"
PARAGRAPHS = (
    "Der Stadtrat von Lindenfeld hat am Dienstagabend mit großer Mehrheit den Bau der Straßenbahnlinie 7 "
    "beschlossen. Die neue Strecke soll den Bahnhof mit dem Klinikum im Norden der Stadt verbinden.",
    "Nach Angaben der Verkehrsbetriebe kostet das Vorhaben rund 84 Millionen Euro. Bund und Land wollen den "
    "größten Teil der Kosten übernehmen, die Stadt trägt etwa ein Fünftel.",
    "Die Fraktion der Bürgerliste stimmte gegen den Plan. Ihr Sprecher Anton Weidemann sagte, die Stadt könne "
    "sich den Eigenanteil in den kommenden Jahren nicht leisten.",
    "Oberbürgermeisterin Helene Kramm sprach dagegen von einem guten Tag für Lindenfeld. Die ersten Bagger "
    "sollen im Frühjahr 2026 anrollen, der Betrieb könnte 2029 beginnen.",
)
SUBHEADING = "Kritik aus der Opposition"
BODY = "\n\n".join([PARAGRAPHS[0], PARAGRAPHS[1], f"## {SUBHEADING}", PARAGRAPHS[2], PARAGRAPHS[3]])
BANNER = ("Wir verwenden Cookies, um Ihnen das beste Leseerlebnis zu bieten. Mit einem Klick auf Zustimmen "
          "akzeptieren Sie alle Cookies und unsere Datenschutzerklärung.")
NAV = ("Startseite", "Lokales", "Sport", "Kultur")
RELATED = ("Buslinien werden im Sommer neu geordnet", "Neues Parkhaus am Bahnhof eröffnet",
           "Radweg am Nordring wird breiter")
CAPTION = "Eine Straßenbahn an der Haltestelle Marktplatz."
CREDIT = "Foto: Jonas Beerbaum"
COMMENTS = ("Endlich tut sich etwas, die Busse sind jeden Morgen völlig überfüllt und kommen zu spät.",
            "Das Geld wäre in den Schulen der Stadt besser angelegt gewesen, finde ich.")
FOOTER = "© 2024 Lindenfelder Anzeiger. Alle Rechte vorbehalten."
FURNITURE = (BANNER, *NAV, "Mehr zum Thema", *RELATED, CAPTION, CREDIT, "Kommentare", *COMMENTS, "Leser123",
             FOOTER, "Impressum", "Datenschutz")

HEAD = f"""<meta charset="utf-8">
<title>{TITLE} | Lindenfelder Anzeiger</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="Lindenfelder Anzeiger">
<meta property="og:url" content="{URL}">
<meta property="og:locale" content="de_DE">
<link rel="canonical" href="{URL}">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{TITLE}",
  "datePublished": "2024-11-05T18:30:00+01:00", "dateModified": "2024-11-07T09:15:00+01:00",
  "author": [{{"@type": "Person", "name": "Greta Sommerfeld"}}],
  "publisher": {{"@type": "Organization", "name": "Lindenfelder Anzeiger"}}}}
</script>"""


def news_page(head: str = HEAD, lang: str = ' lang="de-DE"', h1: str = TITLE, time: str = "",
              paragraphs=PARAGRAPHS) -> str:
    """A news site's article page: banner, nav, article with figure and teasers, comments, footer."""
    first, second, *rest = paragraphs
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    related = "".join(f'<li><a href="/lokales/{i}.html">{t}</a> <time datetime="2023-0{i + 1}-12">12.0{i + 1}.2023'
                      f'</time></li>' for i, t in enumerate(RELATED))
    comments = "".join(f'<div class="comment"><p class="comment-author">Leser12{i}</p><p>{c}</p>'
                       f'<time datetime="2024-11-0{i + 6}">vor {i + 1} Tagen</time></div>' for i, c in enumerate(COMMENTS))
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return f"""<!DOCTYPE html>
<html{lang}><head>{head}</head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>{BANNER}</p><button>Zustimmen</button></div>
<header class="site-header"><a class="logo" href="/">Lindenfelder Anzeiger</a><nav><ul>{nav}</ul></nav></header>
<main>
<article>
<header>{heading}{time}</header>
<p>{first}</p>
<figure><img src="/bilder/tram.jpg" alt="Straßenbahn"><figcaption>{CAPTION} <span class="credit">{CREDIT}</span></figcaption></figure>
<p>{second}</p>
<h2>{SUBHEADING}</h2>
{"".join(f"<p>{p}</p>" for p in rest)}
<aside class="related"><h3>Mehr zum Thema</h3><ul>{related}</ul></aside>
</article>
</main>
<section id="comments" class="comments"><h2>Kommentare</h2>{comments}</section>
<footer><p>{FOOTER}</p><p><a href="/impressum">Impressum</a> · <a href="/datenschutz">Datenschutz</a></p></footer>
</body></html>
"""


BARE = news_page(head='<meta charset="utf-8">', lang="", h1="")
NO_TEXT = f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Lindenfelder Anzeiger</title>
</head><body><div id="CookieConsent" class="cmp-layer"><p>{BANNER}</p><button>Zustimmen</button></div>
<nav><ul>{"".join(f'<li><a href="/{n}">{n}</a></li>' for n in NAV)}</ul></nav>
<div id="app"></div><noscript>Bitte aktivieren Sie JavaScript, um diese Seite zu sehen.</noscript>
<footer><p>{FOOTER}</p></footer></body></html>"""


# --- extraction ------------------------------------------------------------------------

def test_body_is_the_article_paragraphs_without_page_furniture():
    page = webpage.extract(news_page().encode("utf-8"))
    assert page.text == BODY
    for text in FURNITURE:
        assert text not in page.text, text


@pytest.mark.parametrize("where", ["header", "article"])
def test_the_title_is_not_repeated_as_the_first_line(where):
    html = news_page()
    if where == "article":  # the headline as the article's first element, where it counts as text
        html = html.replace(f"<header><h1>{TITLE}</h1></header>", f"<h1>{TITLE}</h1>")
    page = webpage.extract(html)
    assert page.meta["title"] == TITLE
    assert page.text == BODY and TITLE not in page.text


def test_every_stated_field_comes_out_right():
    page = webpage.extract(news_page().encode("utf-8"))
    assert page.meta == {"title": TITLE, "author": "Greta Sommerfeld", "publisher": "Lindenfelder Anzeiger",
                         "date": "2024-11-05", "url": URL, "language": "de"}
    assert page.missing() == ()


def test_a_page_without_metadata_gives_no_field_and_no_guess():
    # Its text names dates, its teasers and comments carry <time> elements, it has a
    # sub-heading and it is fetched from a host: none of that is the article's metadata.
    page = webpage.extract(BARE)
    assert page.text == BODY
    assert page.meta == {}
    fetched = webpage.extract(BARE, url="https://anzeiger.example/lokales/tram.html")
    assert fetched.meta == {"url": "https://anzeiger.example/lokales/tram.html"}


@pytest.mark.parametrize("head, lang, expected", [
    ('<meta property="og:title" content="Tram kommt"><meta property="og:site_name" content="Lindenfelder Anzeiger">'
     '<meta property="og:locale" content="de_AT">', "",
     {"title": "Tram kommt", "publisher": "Lindenfelder Anzeiger", "language": "de"}),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", '
     '"name": "Portal"}, {"@type": "NewsArticle", "headline": "Tram kommt", "inLanguage": "de-CH", '
     '"datePublished": "2024-10-30", "author": [{"@type": "Person", "name": "Greta Sommerfeld"}, '
     '{"@type": "Person", "name": "Jonas Beerbaum"}], "publisher": {"@type": "Organization", '
     '"name": "Lindenfelder Anzeiger"}}]}</script>', "",
     {"title": "Tram kommt", "author": "Greta Sommerfeld; Jonas Beerbaum", "publisher": "Lindenfelder Anzeiger",
      "date": "2024-10-30", "language": "de"}),
    ('<meta http-equiv="content-language" content="en-GB"><meta name="author" content="Greta Sommerfeld">', "",
     {"author": "Greta Sommerfeld", "language": "en"}),
    ('<link rel="canonical" href="/lokales/tram-7.html">', ' lang="de"',
     {"url": "https://anzeiger.example/lokales/tram-7.html", "language": "de"}),
])
def test_each_field_is_read_from_where_pages_state_it(head, lang, expected):
    page = webpage.extract(news_page(head=head, lang=lang, h1=""), url="https://anzeiger.example/a?b=1")
    expected.setdefault("url", "https://anzeiger.example/a?b=1")
    assert page.meta == expected


def test_the_date_is_the_articles_own_time_element_not_a_teasers():
    page = webpage.extract(news_page(head="", lang="", h1="", time='<time datetime="2024-11-05T18:30">5.11.</time>'))
    assert page.meta == {"date": "2024-11-05"}


def test_a_title_from_the_title_element_is_stated_but_a_sub_heading_is_not():
    page = webpage.extract(news_page(head=f"<title>{TITLE} | Lindenfelder Anzeiger</title>", lang="", h1=""))
    assert page.meta == {"title": TITLE}
    assert webpage.extract(news_page(head="", lang="", h1="")).meta == {}  # "Kritik aus der Opposition" is no title


def test_a_page_without_main_text_is_a_clear_error():
    with pytest.raises(webpage.NoMainText, match="no article text found in the page"):
        webpage.extract(NO_TEXT)
    with pytest.raises(webpage.NoMainText):
        webpage.extract(b"")


# --- .html articles in content/articles ------------------------------------------------

def claims_articles(root) -> dict:
    data = json.loads((root / "build" / "docs" / "data" / "claims.json").read_text(encoding="utf-8"))
    return {a["id"]: a for a in data["articles"]}


def test_an_html_article_builds_and_sources_yml_corrects_its_metadata(project):
    root = project(articles={"tram.html": news_page().encode("utf-8"), "bare.htm": BARE})
    (root / "content" / "sources.yml").write_text("tram:\n  title: Linie 7 kommt\n  author: null\n", encoding="utf-8")
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 0, out.getvalue()
    articles = claims_articles(root)
    tram = articles["tram"]
    assert (tram["title"], tram["title_derived"], tram["author"], tram["publisher"], tram["date"], tram["url"]) == (
        "Linie 7 kommt", False, None, "Lindenfelder Anzeiger", "2024-11-05", URL)
    assert tram["text"].startswith(PARAGRAPHS[0]) and tram["text"].endswith(PARAGRAPHS[3])
    assert articles["bare"]["title_derived"] and articles["bare"]["date"] is None
    assert articles["bare"]["text"] == tram["text"]
    page = (root / "build" / "docs" / "sources" / "tram.md").read_text(encoding="utf-8")
    assert "| Titel | Linie 7 kommt |" in page and "| Autor/in | unbekannt |" in page


def test_a_page_without_text_is_one_problem_line_and_the_others_build(project):
    root = project(articles={"tram.html": news_page(), "leer.html": NO_TEXT})
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 1
    (line,) = [x for x in out.getvalue().splitlines() if "leer.html" in x]
    assert line.startswith("content/articles/leer.html: error: no article text found in the page")
    assert " — fix: save the page again" in line
    assert "articles: 1 read, 1 skipped" in out.getvalue()
    assert list(claims_articles(root)) == ["tram"]


def test_a_wrong_stated_value_says_where_to_correct_it(tmp_path):
    (tmp_path / "fr.html").write_text(news_page(lang=' lang="fr"', head=""), encoding="utf-8")
    problems = Problems()
    assert read_articles(tmp_path, {}, ("de", "en"), problems, tmp_path) == []
    assert str(problems.errors[0]) == ("fr.html: error: language 'fr' is not a site language — fix: the page states "
                                       "it; set `language:` under `fr:` in content/sources.yml (use one of: de, en)")
    assert read_articles(tmp_path, {"fr": {"language": "de"}}, ("de", "en"), Problems(), tmp_path)[0].id == "fr"


def test_extraction_is_cached_by_the_file_bytes(tmp_path, monkeypatch):
    calls = []
    real = webpage.extract
    monkeypatch.setattr(webpage, "extract", lambda html, url=None: calls.append(1) or real(html, url))
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "tram.html").write_text(news_page(), encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    first = read_articles(folder, {}, ("de", "en"), Problems(), folder, cache=cache)
    again = read_articles(folder, {"tram": {"title": "Linie 7"}}, ("de", "en"), Problems(), folder, cache=cache)
    assert len(calls) == 1 and again[0].text == first[0].text and again[0].meta.title == "Linie 7"
    (folder / "tram.html").write_text(news_page().replace("84 Millionen", "90 Millionen"), encoding="utf-8")
    changed = read_articles(folder, {}, ("de", "en"), Problems(), folder, cache=cache)
    assert len(calls) == 2 and "90 Millionen" in changed[0].text


# --- python -m builder add ---------------------------------------------------------------

def front_matter(path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    m = FRONT_MATTER.match(text)
    return yaml.safe_load(m.group(1)), text[m.end():]


def test_add_page_writes_markdown_that_a_real_build_uses(project, tmp_path, capsys):
    root = project()
    saved = tmp_path / "gespeichert.html"
    saved.write_bytes(news_page(head=HEAD.replace('"author": [{"@type": "Person", "name": "Greta Sommerfeld"}],', ""))
                      .encode("utf-8"))
    assert main(["--project", str(root), "add", str(saved)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    written = root / "content" / "articles" / "stadtrat-beschliesst-tramlinie-7.md"
    assert line.startswith("wrote content/articles/stadtrat-beschliesst-tramlinie-7.md: ")
    assert "not stated: author" in line
    meta, body = front_matter(written)
    assert meta == {"title": TITLE, "publisher": "Lindenfelder Anzeiger", "date": "2024-11-05", "url": URL,
                    "language": "de"}
    assert list(meta) == ["title", "publisher", "date", "url", "language"]
    assert body == BODY + "\n"
    proc = subprocess.run([sys.executable, "-m", "builder", "--project", str(root), "build", "--no-mkdocs"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "articles: 1 read, 0 skipped" in proc.stdout
    article = claims_articles(root)["stadtrat-beschliesst-tramlinie-7"]
    assert (article["title"], article["title_derived"], article["author"], article["date"]) == (
        TITLE, False, None, "2024-11-05")
    assert "\n\nKritik aus der Opposition\n\n" in article["text"] and PARAGRAPHS[2] in article["text"]


def test_add_refuses_to_overwrite_without_force(project, tmp_path, capsys):
    root = project()
    saved = tmp_path / "seite.html"
    saved.write_text(news_page(), encoding="utf-8")
    assert main(["--project", str(root), "add", str(saved), "--id", "tram"]) == 0
    written = root / "content" / "articles" / "tram.md"
    written.write_text(written.read_text(encoding="utf-8").replace("Greta", "Gretel"), encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(root), "add", str(saved), "--id", "tram"]) == 2
    assert capsys.readouterr().out == ("error: content/articles/tram.md already exists — fix: run again with --force "
                                       "to replace it, or give another id with --id\n")
    assert "Gretel" in written.read_text(encoding="utf-8")
    assert main(["--project", str(root), "add", str(saved), "--id", "tram", "--force"]) == 0
    assert front_matter(written)[0]["author"] == "Greta Sommerfeld"
    (root / "content" / "articles" / "linie.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    assert main(["--project", str(root), "add", str(saved), "--id", "linie", "--force"]) == 2
    assert "content/articles/linie.txt already has the id 'linie'" in capsys.readouterr().out


@pytest.mark.parametrize("text, expected", [
    ("stadtrat-beschliesst-tramlinie-7", "stadtrat-beschliesst-tramlinie-7"),
    ("Stadtrat beschließt: Tram für Lindenfeld!", "stadtrat-beschliesst-tram-fuer-lindenfeld"),
    ("Café Größe", "cafe-groesse"),
    ("wort " * 40, ("wort-" * 16).rstrip("-")),
    ("„“ – …", None),
])
def test_slug_is_a_safe_short_id(text, expected):
    assert slug(text) == expected


def test_the_id_comes_from_the_address_else_the_title():
    assert page_id(webpage.WebPage("x", {"url": URL, "title": TITLE})) == "stadtrat-beschliesst-tramlinie-7"
    assert page_id(webpage.WebPage("x", {"url": "https://anzeiger.example/lokales/tram-7/"})) == "tram-7"
    assert page_id(webpage.WebPage("x", {"title": TITLE})) == "stadtrat-beschliesst-neue-strassenbahnlinie"


class Pages(BaseHTTPRequestHandler):
    """Serves the test pages: /lokales/tram-linie-7.html (HTML), /plain.txt, anything else 404."""

    def do_GET(self):
        if self.path == "/lokales/tram-linie-7.html":
            page = BARE.replace("<html>", '<html lang="de">').replace("<head>", f"<head><title>{TITLE}</title>")
            self.answer(200, "text/html; charset=utf-8", page)
        elif self.path == "/plain.txt":
            self.answer(200, "text/plain", PARAGRAPHS[0])
        else:
            self.answer(404, "text/html", "<p>Nicht gefunden</p>")

    def answer(self, status: int, kind: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    """A web server on 127.0.0.1 in a thread: its base address."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def test_add_url_fetches_the_page_and_records_its_address(project, server, capsys):
    root = project()
    address = f"{server}/lokales/tram-linie-7.html"
    assert main(["--project", str(root), "add", address]) == 0
    assert capsys.readouterr().out.startswith("wrote content/articles/tram-linie-7.md: title, url, language from")
    meta, body = front_matter(root / "content" / "articles" / "tram-linie-7.md")
    assert meta == {"title": TITLE, "url": address, "language": "de"}
    assert body == BODY + "\n"


@pytest.mark.parametrize("path, reason", [("/plain.txt", "the server sent text/plain, not an HTML page"),
                                          ("/fehlt.html", "HTTP 404 Not Found")])
def test_add_url_that_is_no_html_page_is_one_line(project, server, capsys, path, reason):
    root = project()
    assert main(["--project", str(root), "add", server + path]) == 2
    assert capsys.readouterr().out == (f"error: cannot fetch URL: {reason} ({server}{path}) — fix: save the page in "
                                       "a browser and run python -m builder add PAGE.html\n")
    assert not list((root / "content" / "articles").iterdir())


def test_add_url_on_a_closed_port_is_one_line_and_exit_2(project):
    root = project()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again when the block ends: nothing listens there
    address = f"http://127.0.0.1:{port}/lokales/tram.html"
    proc = subprocess.run([sys.executable, "-m", "builder", "--project", str(root), "add", address],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == (f"error: cannot fetch URL: connection refused ({address}) — fix: save the page in a "
                           "browser and run python -m builder add PAGE.html\n")
    assert proc.stderr == ""
