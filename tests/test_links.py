"""builder.links on small hand-made sites: what counts as published, the manifest, the
check that fails on a gone URL, and redirects for the non-default languages."""
from __future__ import annotations

from pathlib import Path

import pytest

from builder.links import (MANIFEST, Manifest, check_published, default_page, load_manifest, plain_pages,
                           published_files)
from builder.mkdocs_hooks import write_language_redirects
from builder.problems import Problems

MKDOCS_YML = """\
site_name: Test
plugins:
  - i18n:
      languages:
        - locale: de
          default: true
        - locale: en
  - redirects:
      redirect_maps:
{maps}
"""


def page(claims=()) -> str:
    """A built page as MkDocs writes it, with claim paragraphs."""
    body = "".join(f'<p class="claim" id="{c}">Text</p>' for c in claims)
    return f'<html><head><meta name="generator" content="mkdocs-1.6.1"></head><body>{body}</body></html>'


def make_site(root: Path, files: dict[str, str], maps: dict[str, str] | None = None) -> Path:
    """A project folder with mkdocs.yml and a built site/ holding `files`."""
    lines = "\n".join(f"        '{k}': '{v}'" for k, v in (maps or {}).items()) or "        {}"
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(maps=lines).replace(":\n        {}", ": {}"))
    (root / "content").mkdir(exist_ok=True)
    for rel, text in files.items():
        (root / "site" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "site" / rel).write_text(text)
    return root / "site"


SITE = {"index.html": page(), "en/index.html": page(), "topics/a.html": page(["c-00000001", "c-00000002"]),
        "en/topics/a.html": page(["c-00000001", "c-00000002"]), "404.html": page(),
        "data/claims.json": "{}", "search/search_index.json": "{}"}


def test_published_files_are_pages_and_data_not_404_or_search(tmp_path):
    site = make_site(tmp_path, SITE)
    (site / "old.html").write_text('<meta http-equiv="refresh" content="0; url=index.html">')
    found = published_files(site)
    assert sorted(found) == ["data/claims.json", "en/index.html", "en/topics/a.html", "index.html", "topics/a.html"]
    assert found["topics/a.html"].claims == ("c-00000001", "c-00000002")


def test_many_pages_are_read_in_the_process_pool_as_in_one_process(tmp_path, monkeypatch):
    many = {f"sources/s{n:03}.html": page([f"c-{n:08x}"]) for n in range(40)}
    site = make_site(tmp_path, {**SITE, **many, "sources/moved.html": '<meta http-equiv="refresh" content="0">'})
    monkeypatch.setenv("BUILDER_WORKERS", "1")
    alone = published_files(site)
    monkeypatch.setenv("BUILDER_WORKERS", "2")
    assert published_files(site) == alone
    assert alone["sources/s039.html"].claims == ("c-00000027",) and "sources/moved.html" not in alone


def test_generated_pages_without_claim_anchors_are_pages_whose_html_is_not_read(tmp_path):
    docs = {"sources/s1.md": b"# Bericht\n\nDer Hafen w\xc3\xa4chst.\n", "sources/s1.en.md": b"# Report\n",
            "topics/a.md": b"Der Hafen w\xc3\xa4chst. [1]\n{: #c-00000001 .claim }\n",
            "topics/b.md": b'<span id="c-00000009" class="claim-alias"></span>Text\n{: #c-00000002 }\n',
            "about.md": b"# Impressum\n", "assets/x.css": b"p {}"}
    plain = plain_pages(docs, ["en"])
    assert plain == {"sources/s1.html", "en/sources/s1.html", "about.html"}
    # a plain page's HTML is not read: even one MkDocs never wrote as a page counts as a page
    site = make_site(tmp_path, {**SITE, "sources/s1.html": "<p>not read</p>", "about.html": page(),
                                "topics/a.html": page(["c-00000001"])})
    found = published_files(site, plain)
    assert found["sources/s1.html"].kind == "page" and found["sources/s1.html"].claims == ()
    assert found["topics/a.html"].claims == ("c-00000001",)  # a page with anchors is read
    assert "sources/s1.html" not in published_files(site)  # read, it is no page


def test_the_feeds_of_every_language_are_published_urls(tmp_path):
    site = make_site(tmp_path, {**SITE, "feed.xml": "<feed/>", "en/feed.xml": "<feed/>", "assets/x.xml": "<x/>"})
    found = published_files(site)
    assert "feed.xml" in found and "en/feed.xml" in found and "assets/x.xml" not in found
    (site / "en" / "feed.xml").unlink()
    (tmp_path / MANIFEST).write_bytes(Manifest(["feed.xml", "en/feed.xml"]).dump())
    problems = Problems()
    check_published(tmp_path, site, problems)
    assert [str(p) for p in problems.errors] == [
        f"{MANIFEST}:9: error: published URL en/feed.xml is gone and nothing redirects it "
        "— fix: restore en/feed.xml: data files cannot be redirected"]


def test_first_build_records_every_url_and_claim_anchor(tmp_path, capsys):
    site = make_site(tmp_path, SITE)
    problems = Problems()
    check_published(tmp_path, site, problems)
    assert not problems.items
    manifest = load_manifest(tmp_path / MANIFEST)
    assert "topics/a.html" in manifest.urls and "data/claims.json" in manifest.urls
    assert manifest.claims == {"en/topics/a.html": ["c-00000001", "c-00000002"],
                               "topics/a.html": ["c-00000001", "c-00000002"]}
    assert "5 new recorded in content/published.yml" in capsys.readouterr().out


def test_a_gone_url_fails_and_says_how_to_redirect(tmp_path):
    site = make_site(tmp_path, SITE)
    (tmp_path / MANIFEST).write_bytes(Manifest(["topics/old.html", "en/topics/old.html", "index.html"]).dump())
    problems = Problems()
    check_published(tmp_path, site, problems)
    assert [p.line for p in problems.errors] == [9, 11]  # the lines of content/published.yml
    messages = [str(p) for p in problems.errors]
    assert all("is gone and nothing redirects it" in m for m in messages)
    assert all("redirect_maps" in m and "'topics/old.md'" in m for m in messages)
    assert "topics/old.html" in load_manifest(tmp_path / MANIFEST).urls  # never dropped


def test_a_redirected_url_in_every_language_counts_as_kept(tmp_path):
    site = make_site(tmp_path, SITE, maps={"topics/old.md": "topics/a.md"})
    (site / "topics" / "old.html").write_text('<meta http-equiv="refresh" content="0; url=a.html">')  # mkdocs-redirects
    write_language_redirects(site, {"topics/old.md": "topics/a.md"}, ["en"])  # the project's hook
    (tmp_path / MANIFEST).write_bytes(Manifest(["topics/old.html", "en/topics/old.html"]).dump())
    problems = Problems()
    check_published(tmp_path, site, problems)
    assert not problems.items
    english = (site / "en" / "topics" / "old.html").read_text()
    assert 'url=a.html"' in english


def test_language_redirects_point_inside_the_language_folder(tmp_path):
    site = make_site(tmp_path, {"en/topics/new.html": page(), "en/index.html": page()})
    written = write_language_redirects(site, {"old.md": "topics/new.md#x", "gone.md": "missing.md",
                                              "ext.md": "https://example.org/"}, ["en"])
    assert written == ["en/old.html"]
    assert 'url=topics/new.html#x"' in (site / "en" / "old.html").read_text()


def test_gone_claim_anchors_are_reported_not_failed(tmp_path, capsys):
    site = make_site(tmp_path, SITE)
    old = Manifest(sorted(published_files(site)), {"topics/a.html": ["c-00000001", "c-0000dead"]})
    (tmp_path / MANIFEST).write_bytes(old.dump())
    problems = Problems()
    check_published(tmp_path, site, problems)
    assert not problems.items
    assert "topics/a.html: 1 claim anchor(s) gone (their wording changed): c-0000dead" in capsys.readouterr().out


def test_manifest_is_deterministic_and_sorted():
    a = Manifest(["b.html", "a.html", "a.html"], {"b.html": ["c-2", "c-1"]}).dump()
    b = Manifest(["a.html", "b.html"], {"b.html": ["c-1", "c-2"]}).dump()
    assert a == b and a.decode().index("- a.html") < a.decode().index("- b.html")


@pytest.mark.parametrize("url,expected", [("en/topics/x.html", "topics/x.md"), ("topics/x.html", "topics/x.md"),
                                          ("en/index.html", "index.md"), ("entry.html", "entry.md")])
def test_default_page(url, expected):
    assert default_page(url, ["en"]) == expected


@pytest.mark.parametrize("html", [
    '<html><head><meta name="generator" content="mkdocs-1.6.1"></head><body>'
    '<p class="claim lead" id="c-1">Ein Satz.</p><P CLASS="claim" ID="c-2">Noch einer.</P>'
    '<span class="claim-alias" id="c-0"></span></body></html>',
    '<meta http-equiv="Refresh" content="0; url=neu.html"/>',
    '<p title="a > b" class="claim" id="c-3">x</p><p class=claim id=c-4>unquoted</p>'
    "<p class='claim' id='c-5'>single</p><p id=\"c-&amp;6\" class=\"claim\">entity</p>",
    '<!-- <p class="claim" id="c-hidden"> --><script>var s = \'<p class="claim" id="c-js">\';</script>'
    '<style>p.claim{}</style><SCRIPT type="x">"<span class=claim-alias id=a>"</SCRIPT>'
    '<meta name="generator" content="mkdocs"><p\nclass="claim"\nid="c-7">after</p>',
    '<p class="claim">no id</p><p class="claimed" id="c-8">other class</p><span class="alias" id="s"></span>',
    '<p class="claim" id="c-9">unclosed <!-- comment',
])
def test_the_quick_page_reader_agrees_with_parsing_the_whole_file(html):
    from builder.links import parse_page

    assert parse_page(html) == parse_page(html, whole=True)
