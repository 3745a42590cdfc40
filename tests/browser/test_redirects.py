"""Stable links through the real build: a published URL that disappears fails the build
until mkdocs.yml redirects it, and the redirect then works in both languages."""
from __future__ import annotations

from builder.links import MANIFEST, load_manifest

from sitebuild import copy_project, run_builder

REDIRECT = "  - redirects:\n      redirect_maps: {}\n"


def test_gone_url_fails_the_build_until_it_is_redirected(tmp_path, page):
    project = copy_project(tmp_path / "project")
    manifest = project / MANIFEST
    proc = run_builder(project, "build")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Pretend an earlier version published a page that the site no longer has.
    text = manifest.read_text(encoding="utf-8").replace("urls:\n", "urls:\n- en/topics/talks.html\n- topics/talks.html\n")
    manifest.write_text(text, encoding="utf-8")

    proc = run_builder(project, "build")
    assert proc.returncode == 1
    assert "published URL topics/talks.html is gone and nothing redirects it" in proc.stdout
    assert "published URL en/topics/talks.html is gone" in proc.stdout
    assert "redirect_maps" in proc.stdout and "'topics/talks.md'" in proc.stdout

    config = project / "mkdocs.yml"
    assert REDIRECT in config.read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace(
        REDIRECT, "  - redirects:\n      redirect_maps:\n        'topics/talks.md': 'topics/peace-talks.md'\n"))
    proc = run_builder(project, "build")
    assert proc.returncode == 0, proc.stdout
    assert {"topics/talks.html", "en/topics/talks.html"} <= set(load_manifest(manifest).urls)

    site = project / "site"
    for prefix, lang in (("", "de"), ("en/", "en")):
        page.goto((site / prefix / "topics" / "talks.html").as_uri() + "#sources")
        page.wait_for_url(f"**/{prefix}topics/peace-talks.html#sources")
        assert page.locator("html").get_attribute("lang") == lang
