"""Which articles, and which of their sentences, are about the site's story.

The editors say what the story is in content/story.yml: its actors, places and events,
each a term with a weight. An article is about the story when its distinct terms weigh
enough together, come from enough kinds (a name alone is not the story: a mayor on the
budget is not the mayor on the strike) and turn up in more than one sentence. Inside such
an article a sentence is on the story when its paragraph names the story: a statement
runs over several sentences ("Er sagte, …", "Die Stadt sei nicht bereit, …") that need not
repeat its terms, while a paragraph on something else (the weather in an article about
the strike) stays off the topic pages. Without content/story.yml every article and
sentence counts.
"""
from __future__ import annotations

from .model import Article, Relevance, StoryConfig, Term


def relevance(article: Article, story: StoryConfig | None) -> Relevance:
    """Judge one article against the story."""
    every = frozenset(s.start for _, s in article.sentences())
    if story is None:
        return Relevance(True, "", every)
    found: dict[str, set[str]] = {kind: set() for kind in story.kinds}
    hits: dict[int, bool] = {}
    for _, sentence in article.sentences():
        hits[sentence.start] = False
        if not story.any_term.search(sentence.text):
            continue
        for kind, terms in story.kinds.items():
            for term in _terms_in(sentence.text, terms):
                found[kind].add(term.label)
                hits[sentence.start] = True
    labels = {kind: sorted(words) for kind, words in found.items()}
    score = sum(t.weight for kind, terms in story.kinds.items() for t in terms if t.label in found[kind])
    kinds = sum(1 for words in found.values() if words)
    in_sentences = sum(hits.values())
    reason = _reason(story, score, kinds, in_sentences, labels)
    if reason:
        return Relevance(False, reason, frozenset())
    return Relevance(True, "", _on_story_sentences(article, hits))


def _terms_in(text: str, terms: tuple[Term, ...]) -> list[Term]:
    """The terms that occur in a text."""
    return [t for t in terms if t.pattern.search(text)]


def _reason(story: StoryConfig, score: float, kinds: int, in_sentences: int, labels: dict) -> str:
    """Why an article is not about the story, or "" when it is."""
    named = "; ".join(f"{kind}: {', '.join(words)}" for kind, words in labels.items() if words) or "none of its terms"
    if kinds < story.min_kinds:
        missing = ", ".join(kind for kind, words in labels.items() if not words)
        return f"names no {missing} of the story (found {named})"
    if score < story.min_score:
        return f"its story terms weigh {score:g}, below min_score {story.min_score:g} (found {named})"
    if in_sentences < story.min_sentences:
        return f"the story is named in {in_sentences} sentence(s) only, fewer than min_sentences {story.min_sentences}"
    return ""


def _on_story_sentences(article: Article, hits: dict[int, bool]) -> frozenset[int]:
    """The sentences of the paragraphs that name the story, and of a paragraph that ends
    on a colon to introduce one ("… eine Erklärung, in der es heißt:" / "„…“")."""
    paragraphs = [b for b in article.paragraphs if b.sentences]
    named = [any(hits[s.start] for s in b.sentences) for b in paragraphs]
    on: set[int] = set()
    for i, block in enumerate(paragraphs):
        introduces = block.text.rstrip().endswith(":") and i + 1 < len(paragraphs) and named[i + 1]
        if named[i] or introduces:
            on.update(s.start for s in block.sentences)
    return frozenset(on)
