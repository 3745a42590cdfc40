"""Accessibility: axe-core in Chromium over each kind of page, in both languages.

No violation of any impact is allowed, "minor" included. axe-core comes from npm
(`make node_modules`); it is injected into the page, never loaded from a CDN.
"""
from __future__ import annotations

import pytest

from sitebuild import people_pages

PAGES = {
    "home": "index.html",
    "topic": "topics/peace-talks.html",
    "topic-positions": "topics/us-positions.html",  # a positions table with several sides and sub-themes
    "glossary": "glossary.html",
    "source": "sources/000_61d731ec91a52a51.html",
    "sources": "sources/index.html",
    "coverage": "coverage.html",
    "timeline": "timeline.html",
    "people-index": "people/index.html",
    "people": None,  # the first people page, when the site has one
}
BLOCKING = ("minor", "moderate", "serious", "critical")


def describe(violations: list[dict]) -> str:
    """One line per violation and element, to read in the test output."""
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            lines.append(f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(map(str, node['target']))}")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("prefix", ["", "en/"], ids=["de", "en"])
def test_no_accessibility_violation(page, server, built, axe_source, kind, prefix):
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


# Rules of small errors found before (issue 16), checked at every impact, "minor" too.
DETAIL_RULES = ["color-contrast", "link-name", "heading-order", "empty-table-header"]
DETAIL_PAGES = ["index.html", "topics/peace-talks.html", "topics/china-view.html", "topics/us-positions.html",
                "glossary.html", "timeline.html",
                "sources/000_61d731ec91a52a51.html", "coverage.html", "people/index.html"]


@pytest.mark.parametrize("path", DETAIL_PAGES)
@pytest.mark.parametrize("prefix", ["", "en/"], ids=["de", "en"])
def test_no_contrast_link_name_heading_or_header_violation_of_any_impact(page, server, axe_source, path, prefix):
    page.goto(server + prefix + path)
    page.wait_for_function("document.querySelector('details.cite-page') !== null")
    page.add_script_tag(content=axe_source)
    result = page.evaluate("rules => axe.run(document, {runOnly: {type: 'rule', values: rules},"
                           " resultTypes: ['violations']})", DETAIL_RULES)
    assert not result["violations"], "\n" + describe(result["violations"])


# The colour an element shows on the page: its colour with the opacity of it and its
# ancestors, over the first opaque background behind it; and the WCAG contrast of the two.
LEGIBILITY = """
selector => [...document.querySelectorAll(selector)].slice(0, 20).map(el => {
  const rgba = s => (s.match(/[\\d.]+/g) || []).map(Number).concat([1]).slice(0, 4);
  let alpha = 1, bg = null;
  for (let e = el; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    alpha *= Number(style.opacity);
    const b = rgba(style.backgroundColor);
    if (!bg && b[3] === 1 && style.backgroundColor !== 'rgba(0, 0, 0, 0)') bg = b;
  }
  bg = bg || [255, 255, 255, 1];
  const fg = rgba(getComputedStyle(el).color), a = fg[3] * alpha;
  const shown = [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a));
  const linear = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
  const lum = c => { const v = c.map(linear); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const [l1, l2] = [lum(shown), lum(bg)].sort((x, y) => y - x);
  return {text: el.textContent.trim().slice(0, 40), size: parseFloat(getComputedStyle(el).fontSize),
          contrast: (l1 + 0.05) / (l2 + 0.05)};
})
"""


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["de", "en"])
def test_small_labels_and_copy_icons_are_legible(page, server, prefix):
    page.goto(server + prefix + "topics/peace-talks.html")
    page.wait_for_function("document.querySelector('button.copy-link') !== null")
    labels = page.evaluate(LEGIBILITY, ".md-typeset :is(.coverage, .speaker, .quote-kind)")
    assert labels
    for label in labels:
        assert label["size"] >= 12, label
        assert label["contrast"] >= 4.5, label
    icons = page.evaluate(LEGIBILITY, "button.copy-link")
    assert icons
    for icon in icons:
        assert icon["contrast"] >= 3, icon  # WCAG 1.4.11, non-text contrast
