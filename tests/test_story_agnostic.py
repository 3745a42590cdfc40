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

# The second story itself, built into a whole site: tests/test_second_story.py.
