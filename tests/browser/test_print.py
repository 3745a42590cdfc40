"""A topic page printed to PDF by Debian's Chromium (`--print-to-pdf`, as a teacher would):
the title, the description, the overview and the positions, the claims, the numbered
citations as the appendix and the explanations of the glossary terms the page uses."""
from __future__ import annotations

import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from sitebuild import CHROMIUM, CHROMIUM_ARGS

pypdf = pytest.importorskip("pypdf", reason="pip install -r requirements-dev.lock (pypdf reads the printed PDF)")

TOPIC = "topics/us-positions.html"


def printed(url: str, pdf) -> str:
    """The text of a page printed to PDF by Chromium, one line per line of print."""
    subprocess.run([CHROMIUM, *CHROMIUM_ARGS, "--no-pdf-header-footer", "--virtual-time-budget=5000",
                    f"--print-to-pdf={pdf}", url], check=True, capture_output=True, timeout=120)
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["de", "en"])
def test_printed_topic_has_its_overview_claims_and_numbered_citations(server, built, tmp_path, prefix):
    soup = BeautifulSoup((built.site / (prefix + TOPIC)).read_text(encoding="utf-8"), "html.parser")
    text = printed(server + prefix + TOPIC, tmp_path / "topic.pdf")
    body = flat(text)
    content = soup.select_one(".md-content article")
    title = content.find("h1").get_text(" ", strip=True).rstrip("¶").strip()
    description = content.find("h1").find_next("p").get_text(" ", strip=True)
    assert title in body and description[:60] in body
    for heading in ("positions", "citations"):
        assert flat(soup.find(id=heading).get_text(" ", strip=True)).rstrip("¶").strip() in body, heading
    overview = soup.select_one(".admonition.overview")
    assert overview.select_one(".admonition-title").get_text(strip=True) in body  # "Überblick aus den Quellen"
    assert flat(overview.find("p", class_=lambda c: c != "admonition-title").get_text(" ", strip=True))[:60] in body
    first_claim = flat(soup.select_one(".claim").get_text(" ", strip=True))
    assert first_claim[:50] in body
    citations = len(soup.select("h2#citations + ol > li"))
    assert citations >= 10
    numbers = [int(n) for n in re.findall(r"^(\d+)\. ", text, re.MULTILINE)]
    assert set(range(1, citations + 1)) <= set(numbers), "every citation is printed with its number"
    assert body.index(flat(soup.find(id="citations").get_text(" ", strip=True)).rstrip("¶").strip()) > body.index(
        first_claim[:50]), "the citations are the appendix, after the claims"
    glossary = soup.select_one(".print-glossary")
    assert glossary.select_one(".print-glossary__title").get_text() in body  # hidden on screen, printed
    assert flat(glossary.find("dd").get_text())[:50] in body
