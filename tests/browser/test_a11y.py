"""Accessibility: axe-core in Chromium over each kind of page, in both languages.

No violation of impact "serious" or "critical" is allowed. axe-core comes from npm
(`make node_modules`); it is injected into the page, never loaded from a CDN.
"""
from __future__ import annotations

import pytest

from sitebuild import people_pages

PAGES = {
    "home": "index.html",
    "topic": "topics/peace-talks.html",
    "source": "sources/000_61d731ec91a52a51.html",
    "sources": "sources/index.html",
    "people": None,  # the first people page, when the site has one
}
BLOCKING = ("serious", "critical")


def describe(violations: list[dict]) -> str:
    """One line per violation and element, to read in the test output."""
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            lines.append(f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(map(str, node['target']))}")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("prefix", ["", "en/"], ids=["de", "en"])
def test_no_serious_accessibility_violation(page, server, built, axe_source, kind, prefix):
    path = PAGES[kind]
    if kind == "people":
        found = people_pages(built.site)
        if not found:
            pytest.skip("the site has no people pages yet")
        path = found[0]
    page.goto(server + prefix + path)
    page.wait_for_function("document.querySelector('button.copy-link, details.cite-page') !== null")
    page.add_script_tag(content=axe_source)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, "\n" + describe(blocking)
