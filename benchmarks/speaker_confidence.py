"""How far the extractor's speakers can be trusted, by where it found them (not a test).

Reads a split of the quotation dataset (../shared/data/quotes-de/SPLIT.jsonl, CC BY-NC-SA:
read from there, nothing of it is kept) and prints, for each kind of quotation, whether
the speaker was named in the quotation's own sentence (a cue, a colon, the text it is read
in), was carried over from the sentence just before or from farther back, is the last
speaker named or the subject of a clause without a cue (attribution.cue_places), and each
kind of mention (a name, a pronoun, a description, a thing), how many speaker spans are right;
then the same by the candidate that found the speaker (Quote.found_by: a cue, the subject
before a colon, the text it is read in, the speaker carried over, …).
`attribution.CONFIDENCE` is set by hand from the train split's table. The last lines
give the attribution precision and recall of direct quotations at the site's threshold
(`attribution.SHOW_SPEAKER`), the figure the site is held to.

    .venv/bin/python benchmarks/speaker_confidence.py [--split train|dev]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.attribution import CONFIDENCE, SHOW_SPEAKER, cue_places, mention_kind  # noqa: E402
from builder.quotes import DIRECT, extract_quotes, quoted_spans, sentence_spans  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "quotes-de"
GOLD_TYPES = {"direct": ("Direct",), "indirect": ("Indirect", "IndirectFreeIndirect")}


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Characters in common over characters in either (the checks' measure)."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def pairs(predicted: list, gold: list) -> dict[int, int]:
    """Greedy one-to-one matching of predicted to gold spans by overlap >= 0.5."""
    span = lambda g: (min(s for s, _ in g["quote"]), max(e for _, e in g["quote"]))
    scored = sorted(((overlap((p.start, p.end), span(g)), i, j) for i, p in enumerate(predicted)
                     for j, g in enumerate(gold)), reverse=True)
    out: dict[int, int] = {}
    for score, i, j in scored:
        if score >= 0.5 and i not in out and j not in out.values():
            out[i] = j
    return out


def score(path: Path) -> tuple[Counter, int]:
    """Counts of (kind, place, mention kind, candidate, outcome) and the number of gold direct quotes."""
    counts: Counter = Counter()
    gold_direct = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        text, found = doc["text"], extract_quotes(doc["text"])
        places = dict(zip(map(id, found), cue_places(found, sentence_spans(text, quoted_spans(text))), strict=True))
        for kind, types in GOLD_TYPES.items():
            predicted = [q for q in found if q.kind == kind]
            gold = [g for g in doc["quotes"] if g["type"] in types and g["quote"]]
            gold_direct += len(gold) if kind == DIRECT else 0
            matched = pairs(predicted, gold)
            for i, quote in enumerate(predicted):
                if quote.speaker_start is None:
                    continue
                key = (kind, places[id(quote)], mention_kind(text[quote.speaker_start:quote.speaker_end]),
                       quote.found_by)
                right = i in matched and any(overlap((quote.speaker_start, quote.speaker_end), tuple(s)) > 0
                                             for s in gold[matched[i]]["speaker"])
                outcome = "right" if right else "wrong" if i in matched else "no quote"
                counts[key + (outcome,)] += 1
    return counts, gold_direct


def outcomes(counts: Counter, fields: tuple[int, ...]) -> dict[tuple, tuple[int, int, int]]:
    """(right, wrong, no gold quote) for each value of the given fields of the count keys."""
    out: dict[tuple, list[int]] = {}
    for key, n in counts.items():
        row = out.setdefault(tuple(key[f] for f in fields), [0, 0, 0])
        row[("right", "wrong", "no quote").index(key[-1])] += n
    return {key: (row[0], row[1], row[2]) for key, row in out.items()}


def share(right: int, wrong: int) -> float:
    """The share of right speaker spans."""
    return right / (right + wrong) if right + wrong else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="train", choices=("train", "dev"))
    args = parser.parse_args()
    counts, gold_direct = score(DATA / f"{args.split}.jsonl")
    print(f"{'kind':9} {'cue':8} {'mention':12} right wrong  share  (no gold quote)  confidence")
    for key, (right, wrong, stray) in sorted(outcomes(counts, (0, 1, 2)).items()):
        print(f"{key[0]:9} {key[1]:8} {key[2]:12} {right:5} {wrong:5}  {share(right, wrong):5.2f}  ({stray:4})"
              f"           {CONFIDENCE[key[1], key[2]]:.2f}")
    print(f"\n{'kind':9} {'candidate':13} right wrong  share  (no gold quote)")
    for key, (right, wrong, stray) in sorted(outcomes(counts, (0, 3)).items(), key=str):
        print(f"{key[0]:9} {key[1]!s:13} {right:5} {wrong:5}  {share(right, wrong):5.2f}  ({stray:4})")
    shown = [k for k in counts if k[0] == DIRECT and CONFIDENCE[k[1], k[2]] >= SHOW_SPEAKER]
    right = sum(counts[k] for k in shown if k[-1] == "right")
    named = sum(counts[k] for k in shown if k[-1] in ("right", "wrong"))
    print(f"direct quotes at the site's threshold {SHOW_SPEAKER}: attribution precision "
          f"{right / named if named else 0:.3f} ({right} of {named} named), recall {right / gold_direct:.3f} "
          f"({right} of {gold_direct} gold)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
