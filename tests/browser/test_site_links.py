"""The built site as files: no broken internal link or anchor in either language, the
right <html lang> in each version, the sitemap's language pairs, the published-URL
manifest, and the offline bundle (size, contents, nothing loaded from another host)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from sitebuild import copy_project, run_builder

LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}
MAX_BUNDLE = 5 * 1024 * 1024


@lru_cache(maxsize=None)
def soup_of(path: Path) -> BeautifulSoup:
    """A parsed HTML file (cached: anchors are looked up many times)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ids_of(path: Path) -> set[str]:
    """Every id and a[name] of an HTML file."""
    soup = soup_of(path)
    return {t["id"] for t in soup.find_all(id=True)} | {t["name"] for t in soup.find_all("a", attrs={"name": True})}


def html_files(site: Path) -> list[Path]:
    """Every HTML file of the built site."""
    return sorted(site.rglob("*.html"))


def broken_links(site: Path, page: Path) -> list[str]:
    """The internal links of one page whose file or anchor does not exist."""
    broken = []
    for tag, attr in LINKING.items():
        for element in soup_of(page).find_all(tag, attrs={attr: True}):
            url = element[attr]
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue  # other sites (the articles' addresses) are not checked here
            if parts.path.startswith("/"):  # 404.html links from the site root
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_relative_to(site.resolve()):
                broken.append(f"{url} (outside the site)")
            elif target.is_dir() or not target.exists():
                broken.append(f"{url} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_of(target):
                broken.append(f"{url} (no such anchor)")
    return broken


def test_no_broken_internal_link_or_anchor_in_either_language(built):
    site = built.site
    pages = html_files(site)
    assert any(p.is_relative_to(site / "en") for p in pages) and (site / "index.html") in pages
    problems = {p.relative_to(site).as_posix(): b for p in pages if (b := broken_links(site, p))}
    assert not problems, "\n".join(f"{page}: {', '.join(links)}" for page, links in problems.items())


def test_pages_declare_their_language(built):
    site = built.site
    wrong = []
    for page in html_files(site):
        html = soup_of(page).find("html")
        if not soup_of(page).find("meta", attrs={"name": "generator"}) or page.name == "404.html":
            continue  # redirect pages; the one 404 page is the last language built (static-i18n)
        expected = "en" if page.is_relative_to(site / "en") else "de"
        if html.get("lang") != expected:
            wrong.append(f"{page.relative_to(site)}: lang={html.get('lang')!r}, expected {expected!r}")
    assert not wrong, "\n".join(wrong)


def test_claim_anchors_are_published_in_both_languages(built):
    site = built.site
    for topic in sorted((site / "topics").glob("*.html")):
        german = {p["id"] for p in soup_of(topic).select("p.claim[id]")}
        english = {p["id"] for p in soup_of(site / "en" / "topics" / topic.name).select("p.claim[id]")}
        assert german == english, topic.name
        assert all(re.fullmatch(r"c-[0-9a-f]{8}", i) for i in german)


def test_manifest_lists_every_published_url(built):
    from builder.links import load_manifest, published_files

    manifest = load_manifest(built.root / "content" / "published.yml")
    published = published_files(built.site)
    assert set(published) <= set(manifest.urls)
    assert "topics/peace-talks.html" in manifest.urls and "en/topics/peace-talks.html" in manifest.urls
    assert manifest.claims["topics/peace-talks.html"] == sorted(published["topics/peace-talks.html"].claims)
    assert "links:" in built.output


def test_sitemap_pairs_each_page_with_its_translation(tmp_path):
    project = copy_project(tmp_path / "project")
    proc = run_builder(project, "build", env={"SITE_URL": "https://example.org/explained/"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(project / "site" / "sitemap.xml").getroot()
    entries = root.findall("s:url", ns)
    assert entries
    for entry in entries:
        loc = entry.find("s:loc", ns).text
        assert loc.startswith("https://example.org/explained/"), loc
        pairs = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
        assert set(pairs) == {"de", "en"}, loc
        path = pairs["de"].removeprefix("https://example.org/explained/")
        assert pairs["en"] == f"https://example.org/explained/en/{path}"
    page = BeautifulSoup((project / "site" / "en" / "topics" / "peace-talks.html").read_text(), "html.parser")
    assert page.find("link", rel="canonical")["href"] == "https://example.org/explained/en/topics/peace-talks.html"
    cite = page.select_one(".cite-page__text").get_text()
    assert "https://example.org/explained/en/topics/peace-talks.html" in cite


def test_bundle_is_small_complete_and_reports_its_size(built):
    bundle = built.bundle
    assert re.fullmatch(r"[a-z0-9-]+-offline-\d{4}-\d{2}-\d{2}\.zip", bundle.name)
    size = bundle.stat().st_size
    assert size < MAX_BUNDLE, f"bundle is {size} bytes"
    assert f"bundle: dist/{bundle.name}: {size / 1024 / 1024:.2f} MB" in built.output
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
    top = bundle.name.removesuffix(".zip")
    assert all(n.startswith(top + "/") for n in names)
    for needed in ("index.html", "en/index.html", "search/search_index.js", "topics/peace-talks.html",
                   "en/topics/peace-talks.html", "assets/vendor/iframe-worker/shim.js", "assets/js/page-tools.js"):
        assert f"{top}/{needed}" in names, needed
    assert not [n for n in names if n.endswith(".map")]


def test_no_page_loads_anything_from_another_host(built):
    remote = []
    for page in html_files(built.site):
        soup = soup_of(page)
        for element in soup.find_all(["script", "img", "iframe", "source"], src=True):
            if urlsplit(element["src"]).scheme or element["src"].startswith("//"):
                remote.append(f"{page.relative_to(built.site)}: {element['src']}")
        for element in soup.find_all("link", href=True):
            rel = set(element.get("rel") or [])
            if rel & {"stylesheet", "preconnect", "preload", "icon", "manifest"} and urlsplit(element["href"]).netloc:
                remote.append(f"{page.relative_to(built.site)}: {element['href']}")
    assert not remote, "\n".join(remote)
