"""The builder holds no name, place, side or term of the story it was first built for:
those are content (content/*.yml). A guard against them coming back into the code."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def story_words() -> set[str]:
    """Words the default story's content names: its people, sides and story terms."""
    content = ROOT / "content"
    people = yaml.safe_load((content / "people.yml").read_text(encoding="utf-8"))
    words = {p["name"].split()[-1] for p in people if p["kind"] == "person"}  # family names
    sides = yaml.safe_load((content / "sides.yml").read_text(encoding="utf-8"))["sides"]
    words |= {s["id"] for s in sides if s["id"] != "other"} | {a.rstrip("-") for s in sides for a in s["adjectives"]}
    story = yaml.safe_load((content / "story.yml").read_text(encoding="utf-8"))["story"]
    for kind in ("actors", "places"):
        words |= {t for t in story.get(kind, {}) if not t.startswith("re:") and len(t) >= 4}
    return {w.lower() for w in words if len(w) >= 4}


def test_the_builder_names_nothing_of_the_story():
    words = story_words()
    assert {"hegseth", "usa"} & words or len(words) > 20  # the content does name its story
    pattern = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")(?![\w-])",
                         re.IGNORECASE)
    found = []
    for path in sorted((ROOT / "builder").rglob("*")):
        if path.suffix in (".py", ".txt"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for match in pattern.finditer(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {match.group()}")
    assert not found, "story words in the builder:\n" + "\n".join(found[:40])


TRAM = ROOT / "tests" / "scenarios" / "tram"
ARTICLES = {
    "streik-montag.md": "---\ntitle: Streik bei den Verkehrsbetrieben\ndate: 2026-03-02\npublisher: Stadtblatt\n---\n"
    "Der Streik bei den Verkehrsbetrieben legt die Stadt lahm. Die Gewerkschaft fordert acht Prozent mehr Lohn.\n\n"
    "„Wir bleiben draußen, bis das Angebot stimmt“, sagte Gewerkschaftschef Tom Ehlers am Montag. "
    "Die Verkehrsbetriebe böten zu wenig, der Lohn reiche nicht.\n\n"
    "Bürgermeisterin Vera Lang rief beide Seiten zu einem Kompromiss auf. Die Stadt könne nicht mehr zahlen, "
    "sagte sie.\n",
    "streik-dienstag.md": "---\ntitle: Notfahrplan im Streik\ndate: 2026-03-03\npublisher: Abendpost\n---\n"
    "Im Streik gilt seit Dienstag ein Notfahrplan. Viele Fahrgäste warten lange.\n\n"
    "Ehlers sagte, die Gewerkschaft wolle acht Prozent mehr Lohn und nicht weniger. "
    "Lang erklärte, ein Kompromiss sei in Sicht.\n",
}


def test_a_second_story_builds_from_its_content_alone(tmp_path):
    import io
    import shutil

    from bs4 import BeautifulSoup

    from builder.build import Project, build
    from tests.conftest import make_project

    root = make_project(tmp_path / "tram", ARTICLES, translations=False)
    for name in ("story.yml", "topics.yml", "sides.yml", "people.yml"):
        shutil.copy(TRAM / name, root / "content" / name)
    (root / "content" / "concepts.yml").write_text("concepts: []\n", encoding="utf-8")
    (root / "content" / "glossary.yml").unlink(missing_ok=True)
    out = io.StringIO()
    assert build(Project(root), out=out) == 0, out.getvalue()[-3000:]
    people = BeautifulSoup((root / "site" / "en" / "people" / "index.html").read_text(encoding="utf-8"), "html.parser")
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in people.find_all("h2")]
    assert headings[:2] == ["City", "Union"]  # the story's own sides, in its order, in English
    topic = (root / "site" / "topics" / "strike.html").read_text(encoding="utf-8")
    assert "Tom Ehlers" in topic and "Vera Lang" in topic  # its own people speak
    assert "Hegseth" not in topic and "USA" not in topic
