"""Regular expressions made of word lists.

Python's regex engine tries every branch of an alternation at every position it searches,
so a pattern of many words (a registry's name variants, a story's terms) is written as a
trie here: the same matches, each shared beginning tried once. This module imports no
other module of the builder.
"""
from __future__ import annotations

import re


def trie_alternation(words) -> str:
    """A regular expression that matches the same as the alternation of `words`, longest
    first, with their shared beginnings written once ("Anna(?: Berg)?"): Python's regex
    engine tries every branch of a plain alternation at every position of a text, and a
    registry has hundreds of variants. A word that another one continues ends in an optional
    group, tried longest first; two words that match at one position are one the other's
    beginning, so this finds what the longest-first alternation finds."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict) -> str:
    """The expression of a trie node (see trie_alternation)."""
    branches = [re.escape(char) + _branches(node[char]) for char in sorted(node) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
