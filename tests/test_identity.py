"""Claim ids that hold as the site grows: new citations join, a new head keeps the id."""
from __future__ import annotations

import io
import json

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


def test_a_published_id_whose_sentences_are_not_cited_any_more_is_gone():
    claims, gone = assign((claim("c-other", "c.p1.s1"),), {"c-old": ["a.p1.s1"]})
    assert gone == ("c-old",) and claims[0].id == "c-other"


def test_a_new_claim_never_takes_a_published_id():
    claims, _ = assign((claim("c-same", "a.p1.s1"), claim("c-taken", "z.p9.s9")), {"c-taken": ["a.p1.s1"]})
    assert [c.id for c in claims] == ["c-taken", "c-taken-2"]


def test_citation_keys_name_article_paragraph_and_sentence():
    assert citation_key(Citation("000_x", 3, 1, 10, 20, "…")) == "000_x.p3.s2"


def claims_by_id(root) -> dict[str, dict]:
    data = json.loads((root / "site" / "data" / "claims.json").read_text(encoding="utf-8"))
    return {cid: c for t in data["topics"] for c in t["claims"] for cid in (c["id"], *c["aliases"])}


def test_adding_an_article_keeps_every_anchor_and_its_reviewed_english(project):
    root = project(seeds=True)
    assert build(Project(root), out=io.StringIO()) == 0
    before = claims_by_id(root)
    published = yaml.safe_load((root / "content" / "published.yml").read_text(encoding="utf-8"))["claim_ids"]
    (root / "content" / "articles" / "hegseth_nato_andere_worte.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    out = io.StringIO()
    assert build(Project(root), out=out) == 0, out.getvalue()
    after = claims_by_id(root)
    for topic, ids in published.items():
        for cid in ids:
            assert cid in after, f"{topic}#{cid} lost"
            assert after[cid]["text"]["en"] == before[cid]["text"]["en"], cid
    assert "anchor" not in out.getvalue()
    joined = [cid for cid in published["us-positions"]
              if any(c["article"] == "hegseth_nato_andere_worte" for c in after[cid]["citations"])]
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
