"""Syndicated copies: one report on several portals counts once. Texts written for these tests."""
from __future__ import annotations

import io
import json
import random
import shutil

from builder import clean
from builder.build import Project, build
from builder.copies import _copies, find_reports, is_copy, printed_alike, shared_shingles, shingles
from builder.model import Article, Metadata
from tests.conftest import ROOT

REPORT = [
    "Die Verkehrsbetriebe von Hafenstadt und die Gewerkschaft haben sich nach drei Tagen Streik auf einen neuen "
    "Tarifvertrag geeinigt. Die Straßenbahnen sollen vom Montag an wieder nach Plan fahren, teilten beide Seiten mit.",
    "Der Vertrag sieht eine Lohnerhöhung um sechs Prozent in zwei Stufen vor. Die Gewerkschaft hatte zunächst zehn "
    "Prozent gefordert, die Verkehrsbetriebe hatten vier Prozent angeboten.",
    "„Das ist ein Kompromiss, mit dem alle leben können“, sagte die Verhandlungsführerin der Gewerkschaft. Die "
    "Bürgermeisterin dankte beiden Seiten und kündigte an, die Taktung der Linien im Herbst zu prüfen.",
    "Während des Streiks waren nur Busse eines privaten Anbieters gefahren. Viele Pendler waren auf das Fahrrad "
    "umgestiegen, der Autoverkehr in der Innenstadt hatte deutlich zugenommen.",
]
PORTAL_A = "\n\n".join(["Stadtportal Start Lokales Sport", "Streik beendet: Tram fährt wieder", *REPORT,
                        "Mehr zum Thema", "dpa/xy"])
PORTAL_B = "\n\n".join(["Einigung im Tarifstreit", "![Eine Tram im Depot](https://example.org/tram.jpg)",
                        REPORT[0], REPORT[1].replace("zunächst", "anfangs"), REPORT[2], REPORT[3], "(dpa)"])
CUT_COPY = "\n\n".join(REPORT[1:3] + ["Die Stadtwerke wollen nun auch die Nachtlinien ausbauen, wie ein "
                                      "Sprecher am Abend ergänzte. Sie rechnen mit Kosten von zwei Millionen Euro."])
OTHER_REPORT = "\n\n".join([
    "Nach dem Ende des Straßenbahnstreiks in Hafenstadt zieht die Opposition im Stadtrat eine kritische Bilanz. "
    "Die Stadt habe viel zu spät vermittelt, sagte ihr Fraktionschef.",
    "„Das ist ein Kompromiss, mit dem alle leben können“, hatte die Verhandlungsführerin der Gewerkschaft am Morgen "
    "gesagt. Der Fraktionschef sieht das anders: Die Fahrgäste hätten drei Tage lang die Rechnung bezahlt.",
    "Er fordert einen Notfahrplan für künftige Streiks. Die Verwaltung will den Vorschlag im Ausschuss beraten.",
])


def article(article_id: str, text: str) -> Article:
    cleaned, blocks = clean.make_blocks(clean.normalise(text))
    return Article(article_id, f"{article_id}.txt", Metadata(), cleaned, blocks)


def test_copies_on_two_portals_are_one_report_despite_their_furniture():
    reports = find_reports([article("b_portal", PORTAL_B), article("a_portal", PORTAL_A)])
    assert reports["a_portal"] == reports["b_portal"]
    assert reports["a_portal"].id == "a_portal" and reports["a_portal"].articles == ("a_portal", "b_portal")


def test_a_copy_that_starts_mid_report_and_adds_a_paragraph_is_still_a_copy():
    reports = find_reports([article("a_portal", PORTAL_A), article("c_cut", CUT_COPY)])
    assert reports["c_cut"].id == "a_portal"


def test_two_reports_of_one_event_sharing_a_quotation_are_not_copies():
    reports = find_reports([article("a_portal", PORTAL_A), article("d_other", OTHER_REPORT)])
    assert reports["a_portal"].articles == ("a_portal",) and reports["d_other"].articles == ("d_other",)


def test_copy_test_needs_both_enough_shared_runs_and_a_large_share():
    assert is_copy(40, 50, 500)
    assert not is_copy(40, 400, 500)  # a tenth of the shorter text: the same quote, not a copy
    assert not is_copy(5, 6, 6)  # too little text to tell


def test_shingles_are_the_same_under_any_hash_seed():
    # crc32, not hash(): a build must give the same bytes whatever PYTHONHASHSEED is
    assert min(shingles(article("a", PORTAL_A))) == min(shingles(article("a", PORTAL_A)))
    assert len(shingles(article("a", "Ein zwei drei vier fünf sechs."))) == 2


def test_a_site_counts_copies_once_and_names_them(project):
    story = ROOT / "tests" / "scenarios" / "tram" / "story.yml"
    root = project(articles={"a_portal.txt": PORTAL_A, "b_portal.txt": PORTAL_B, "d_other.txt": OTHER_REPORT})
    shutil.copy(story, root / "content" / "story.yml")
    for name in ("topics.yml", "sides.yml", "people.yml"):  # the tram story's own config
        shutil.copy(story.with_name(name), root / "content" / name)
    build(Project(root), run_mkdocs=False, out=io.StringIO())
    docs = root / "build" / "docs"
    data = json.loads((docs / "data" / "claims.json").read_text(encoding="utf-8"))
    copies = {a["id"]: a["also_published_by"] for a in data["articles"]}
    assert copies == {"a_portal": ["b_portal"], "b_portal": ["a_portal"], "d_other": []}
    claims = [c for t in data["topics"] for c in t["claims"]]
    shared = next(c for c in claims if "Kompromiss" in c["text"]["de"])
    assert shared["sources"] == 3 and shared["reports"] == 2 and shared["of_sources"] == 2
    only_copies = next(c for c in claims if "sechs Prozent" in c["text"]["de"])
    assert only_copies["sources"] == 2 and only_copies["reports"] == 1
    page = (docs / "topics" / "strike.md").read_text(encoding="utf-8")
    assert "berichtet von 2 von 2 Quellen, dazu eine Kopie desselben Berichts" in page
    assert "nur eine Quelle, dazu eine Kopie desselben Berichts" in page
    source = (docs / "sources" / "b_portal.md").read_text(encoding="utf-8")
    assert "Derselbe Bericht erschien auch bei: [" in source and "(a_portal.md)" in source


def _pairs_by_definition(sets: dict[str, frozenset[int]]) -> list[tuple[str, str]]:
    """_copies as its docstring defines it, comparing every two articles (those printed alike
    compared once, by the first of them, as _copies does)."""
    wanted = shared_shingles(sets)
    pairs, first = printed_alike(sets, wanted)
    kept = list(first.values())
    pairs += [(a, b) for i, a in enumerate(kept) for b in kept[i + 1:]
              if is_copy(len(sets[a] & sets[b] & wanted), len(sets[a]), len(sets[b]))]
    return sorted(pairs)


def test_copies_found_from_the_index_are_those_of_comparing_every_two_articles():
    # passages (runs of shingles) that several articles share, whole or in part, with words of their own
    rng = random.Random(11)
    passages = [list(range(p * 1000, p * 1000 + rng.randint(5, 60))) for p in range(40)]
    sets = {}
    for n in range(160):
        held = set()
        for passage in rng.sample(passages, rng.randint(1, 4)):
            start = rng.randint(0, len(passage) // 2)
            held |= set(passage[start:start + rng.randint(3, len(passage))])
        held |= {10**6 + n * 100 + k for k in range(rng.randint(0, 30))}
        sets[f"a{n:03d}"] = frozenset(held)
    sets["a900"] = sets["a001"]  # printed word for word
    found = _copies(sets)
    assert found == _pairs_by_definition(sets)
    assert len(found) > 5 and ("a001", "a900") in found
