"""The growth benchmark's corpus of distinct reports (benchmarks/bench_build.py --distinct):
past the end of its texts, no article is a copy of another by the builder's copy check."""
from __future__ import annotations

import re
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from bench_build import collage  # noqa: E402

from builder.copies import SHINGLE, _copies, is_copy  # noqa: E402

WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    words = WORD.findall(text.lower())
    return {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)}


def test_collages_are_no_copies_of_their_texts_or_of_each_other():
    # Invented texts of different lengths, every word unique to its text and place; twelve
    # rounds of them, as 20,000 articles are of the benchmark's 1,728 texts.
    texts = [[f"t{t}w{w}" for w in range(60 + 7 * (t % 9))] for t in range(200)]
    articles = [" ".join(t) for t in texts] + [collage(texts, i) for i in range(200, 200 * 12)]
    assert len(set(articles)) == len(articles)
    assert _copies({f"a{i:05d}": frozenset(shingles(a)) for i, a in enumerate(articles)}) == []
    assert min(len(a.split()) for a in articles[200:]) >= 60  # a collage is about as long as a text


def test_a_repeated_text_is_a_copy():
    # The check above can fail: the same words in two articles are a copy.
    texts = {"a": frozenset(shingles(" ".join(f"w{i}" for i in range(80))))}
    texts["b"] = texts["a"]
    assert _copies(texts) == [("a", "b")] and is_copy(len(texts["a"]), len(texts["a"]), len(texts["a"]))
