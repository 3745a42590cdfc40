"""Claim ids that hold as the site grows: new citations join, a new head keeps the id."""
from __future__ import annotations

import io
import json

import polib
import yaml

from builder.build import Project, build
from builder.identity import assign, citation_key
from builder.model import Citation, Claim

NEW_ARTICLE = (
    "US-Verteidigungsminister Pete Hegseth sagte am Mittwoch vor Journalisten in Brüssel, eine Mitgliedschaft "
    "der Ukraine in der Nato sei kein realistisches Ziel. Die Regierung in Kiew hatte den Beitritt zum "
    "Bündnis immer wieder gefordert.\n\n"
    "Die Stadtwerke von Hafenstadt haben unterdessen ihre neue Straßenbahn vorgestellt, die im Herbst fahren soll.\n"
)


# Invented reports of one fact in other words (not from content/articles), with the English
# an editor reviewed for them; NEW_HEAD, added later, says it most completely and becomes
# the claim's head before anyone translated it.
KYIV = ("---\ntitle: Rede in Kiew\ndate: 2025-02-11\n---\n"
        "Selenskyj sagte am Dienstag in Kiew, die Ukraine werde ohne Sicherheitsgarantien der USA keinem Abkommen "
        "mit Russland zustimmen, und erinnerte an das Budapester Memorandum von 1994. "
        "Trump und Putin hatten zuvor ein Telefonat über die Ukraine geführt.\n")
FRONT = ("---\ntitle: Besuch an der Front\ndate: 2025-02-12\n---\n"
         "Ohne Sicherheitsgarantien der USA werde die Ukraine keinem Abkommen mit Russland zustimmen, sagte Selenskyj "
         "bei einem Besuch bei Soldaten an der Front im Osten des Landes. "
         "Die Gespräche zwischen Trump und Putin sollen bald beginnen.\n")
NEW_HEAD = ("---\ntitle: Rückblick\ndate: 2025-02-20\n---\n"
            "Selenskyj sagte am Dienstag in Kiew und später bei Soldaten an der Front, die Ukraine werde ohne "
            "Sicherheitsgarantien der USA keinem Abkommen mit Russland zustimmen. "
            "Der Kreml äußerte sich zu den Gesprächen mit Trump über die Ukraine zurückhaltend.\n")
REVIEWED = {
    "Selenskyj sagte am Dienstag in Kiew, die Ukraine werde ohne Sicherheitsgarantien der USA keinem Abkommen mit "
    "Russland zustimmen, und erinnerte an das Budapester Memorandum von 1994.":
        "Zelensky said in Kyiv on Tuesday that Ukraine would agree to no deal with Russia without US security "
        "guarantees, and recalled the Budapest Memorandum of 1994.",
    "Trump und Putin hatten zuvor ein Telefonat über die Ukraine geführt.":
        "Trump and Putin had held a phone call about Ukraine before.",
    "Ohne Sicherheitsgarantien der USA werde die Ukraine keinem Abkommen mit Russland zustimmen, sagte Selenskyj bei "
    "einem Besuch bei Soldaten an der Front im Osten des Landes.":
        "Without US security guarantees Ukraine would agree to no deal with Russia, Zelensky said on a visit to "
        "soldiers at the front in the east of the country.",
    "Die Gespräche zwischen Trump und Putin sollen bald beginnen.":
        "The talks between Trump and Putin are to begin soon.",
}


def claim(cid: str, *keys: str) -> Claim:
    """A claim citing sentences given as 'article.p<block>.s<n>'."""
    citations = []
    for key in keys:
        article, block, sentence = key.rsplit(".", 2)
        citations.append(Citation(article, int(block[1:]), int(sentence[1:]) - 1, 0, 1, "x"))
    return Claim(cid, "Text.", "de", tuple(citations))


def test_a_claim_keeps_its_published_id_when_its_head_changes():
    (kept,), gone = assign((claim("c-newhead", "a.p1.s1", "b.p2.s1"),), {"c-first": ["a.p1.s1"]})
    assert kept.id == "c-first" and gone == ()


def test_two_published_claims_that_became_one_keep_both_anchors():
    (merged,), gone = assign((claim("c-x", "a.p1.s1", "b.p1.s1", "b.p2.s1"),),
                             {"c-one": ["a.p1.s1"], "c-two": ["b.p1.s1", "b.p2.s1"]})
    assert merged.id == "c-two" and merged.aliases == ("c-one",) and gone == ()


def test_of_two_published_claims_that_became_one_alike_the_id_of_its_head_wins():
    """The ids sort the other way round: the tie goes to the head, not to the smaller id."""
    (merged,), gone = assign((claim("c-x", "a.p4.s1", "a.p4.s2"),), {"c-aaa": ["a.p4.s2"], "c-zzz": ["a.p4.s1"]})
    assert merged.id == "c-zzz" and merged.aliases == ("c-aaa",) and gone == ()


def test_a_merged_claim_keeps_its_id_in_the_builds_after_the_merge():
    """After a merge the manifest records the id and its alias with the same sentences; the
    next build must not hand the claim to the alias because it sorts first."""
    (first,), _ = assign((claim("c-zzz", "a.p4.s1", "a.p4.s2"),), {"c-aaa": ["a.p4.s2"], "c-zzz": ["a.p4.s1"]})
    recorded = {cid: ["a.p4.s1", "a.p4.s2"] for cid in (first.id, *first.aliases)}
    (again,), gone = assign((claim("c-zzz", "a.p4.s1", "a.p4.s2"),), recorded)
    assert (again.id, again.aliases) == (first.id, first.aliases) == ("c-zzz", ("c-aaa",)) and gone == ()


def test_a_published_id_whose_sentences_are_not_cited_any_more_is_gone():
    claims, gone = assign((claim("c-other", "c.p1.s1"),), {"c-old": ["a.p1.s1"]})
    assert gone == ("c-old",) and claims[0].id == "c-other"


def test_a_new_claim_never_takes_a_published_id():
    claims, _ = assign((claim("c-same", "a.p1.s1"), claim("c-taken", "z.p9.s9")), {"c-taken": ["a.p1.s1"]})
    assert [c.id for c in claims] == ["c-taken", "c-taken-2"]


def test_citation_keys_name_article_paragraph_and_sentence():
    assert citation_key(Citation("000_x", 3, 1, 10, 20, "…")) == "000_x.p3.s2"


def claims_by_id(root, folder: str = "site") -> dict[tuple[str, str], dict]:
    """The exported claims by (topic, id or alias): one id may be on two topic pages."""
    data = json.loads((root / folder / "data" / "claims.json").read_text(encoding="utf-8"))
    return {(t["id"], cid): c for t in data["topics"] for c in t["claims"] for cid in (c["id"], *c["aliases"])}


def published_ids(root) -> dict[str, dict[str, list[str]]]:
    """`claim_ids` of the project's published manifest."""
    return yaml.safe_load((root / "content" / "published.yml").read_text(encoding="utf-8"))["claim_ids"]


def review(root, translations: dict[str, str]) -> None:
    """Give the entries of translations/en.po whose German is a key their English, reviewed."""
    po = polib.pofile(str(root / "translations" / "en.po"))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr, entry.flags = translations[entry.msgid], [f for f in entry.flags if f != "fuzzy"]
    po.save()


def built(root, **kwargs) -> str:
    """Build a project that must succeed; its report."""
    out = io.StringIO()
    assert build(Project(root), out=out, **kwargs) == 0, out.getvalue()
    return out.getvalue()


def test_adding_an_article_keeps_every_anchor_and_its_reviewed_english(project):
    root = project(seeds=True)
    assert build(Project(root), out=io.StringIO()) == 0
    before = claims_by_id(root)
    published = published_ids(root)
    (root / "content" / "articles" / "hegseth_nato_andere_worte.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    out = io.StringIO()
    assert build(Project(root), out=out) == 0, out.getvalue()
    after = claims_by_id(root)
    for topic, ids in published.items():
        for cid in ids:
            assert (topic, cid) in after, f"{topic}#{cid} lost"
            assert after[topic, cid]["text"]["en"] == before[topic, cid]["text"]["en"], cid
    assert "anchor" not in out.getvalue()
    joined = [cid for cid in published["us-positions"]
              if any(c["article"] == "hegseth_nato_andere_worte" for c in after["us-positions", cid]["citations"])]
    assert joined  # the new report joined a published claim, which kept its id


def test_a_published_anchor_whose_sentences_are_gone_fails_the_build_with_the_fix(project):
    root = project(seeds=True)
    assert build(Project(root), out=io.StringIO()) == 0
    (root / "content" / "articles" / "004_335f9096a975e627.txt").unlink()
    out = io.StringIO()
    assert build(Project(root), out=out) == 1
    log = out.getvalue()
    assert "content/published.yml: error: published claim anchor topics/" in log
    assert "if that is intended, delete `c-" in log


def test_a_new_head_from_an_added_article_keeps_the_claims_anchor_and_its_reviewed_english(project):
    root = project(articles={"kyiv.md": KYIV, "front.md": FRONT})
    built(root, record=True)  # `update`: the claim ids are published, the new texts recorded
    review(root, REVIEWED)
    built(root, record=True)
    before, published = claims_by_id(root), published_ids(root)
    assert all(c["text"]["en"] in REVIEWED.values() for c in before.values())
    (root / "content" / "articles" / "new_head.md").write_text(NEW_HEAD, encoding="utf-8")
    built(root, run_mkdocs=False)
    after = claims_by_id(root, "build/docs")
    renewed = [key for key in before if after[key]["citations"][0]["article"] == "new_head"]
    assert renewed, "the scenario no longer gives a published claim a new head: reword NEW_HEAD"
    for topic, ids in published.items():
        for cid in ids:
            assert (topic, cid) in after, f"{topic}#{cid} lost"
    for key in renewed:
        assert after[key]["text"]["de"].startswith("Selenskyj sagte am Dienstag in Kiew und später")
        assert after[key]["text"]["en"] in REVIEWED.values(), key  # not the German, not missing
    page = (root / "build" / "docs" / f"topics/{renewed[0][0]}.en.md").read_text(encoding="utf-8")
    assert after[renewed[0]]["text"]["en"] in page  # the English page shows it too


def test_a_published_anchor_whose_sentences_went_to_another_page_fails_and_names_where(project):
    root = project(articles={"kyiv.md": KYIV, "front.md": FRONT})
    built(root, record=True)
    claims = claims_by_id(root)
    (topic, target), = [(t, cid) for (t, cid), c in claims.items()
                        if [x["quote"] for x in c["citations"]] == ["Trump und Putin hatten zuvor ein Telefonat "
                                                                   "über die Ukraine geführt."]]
    other = next(t for t in published_ids(root) if t != topic)
    manifest = root / "content" / "published.yml"
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    data["claim_ids"][other]["c-0ff1ce00"] = ["kyiv.p1.s2"]  # as if that claim had been published there
    manifest.write_text(yaml.safe_dump(data), encoding="utf-8")
    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) == 1
    log = out.getvalue()
    assert (f"published claim anchor topics/{other}.html#c-0ff1ce00 is gone: the page no longer cites any of its "
            f"sentences (its sentences are now cited at topics/{topic}.html#{target})") in log
    assert f"delete `c-0ff1ce00:` under `claim_ids: {other}:`" in log
    del data["claim_ids"][other]["c-0ff1ce00"]  # the editor accepts it
    manifest.write_text(yaml.safe_dump(data), encoding="utf-8")
    built(root, run_mkdocs=False)
