"""The whole site as one model: articles, topic pages with their claims, and coverage.

This is the last stage before rendering; nothing here touches the disk. What it makes,
TopicPage and Site, is in builder/model.py; `assemble` puts them together, and the
functions at the end compute what the pages show of it (dates, timeline, positions).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from .claims import group_matches, make_claim
from .copies import find_reports, shingles
from .memo import NO_MEMO, pack_matches, unpack_matches
from .similar import content_words, features, load_word_lists, same_fact, weights
from .model import (Article, Claim, Concept, Entry, Language, Match, Person, Positions, Relevance, Report, Side, Site,
                    Statement, StoryConfig, TopicConfig, TopicPage, When, reports_among)
from . import dates, overview, timeline
from .positions import positions_of
from .attribution import SHOW_SPEAKER, continuations, quoted_by_sentence, speakers_by_sentence
from .story import relevance
from .people import load_tagger
from .registry import People
from .topics import match_article


SECOND_TOPIC_SHARE = 0.6  # a sentence is on a second topic only when it fits it nearly as well
MATCHING_NEEDS = (load_word_lists, load_tagger)  # what matching loads on first use (pool.mapped's `warm`)


def match_all(articles: list[Article], topics: tuple[TopicConfig, ...],
              statements: dict[str, tuple[Statement, ...]] | None = None, people: People | None = None,
              on_story: dict[str, frozenset[int]] | None = None, failed=None, memo=NO_MEMO) -> dict[str, list[Match]]:
    """The matches of every article, by topic id (speakers count when statements are given).

    A sentence belongs to the topic it fits best, and to another topic only when it fits
    that one nearly as well (scores are compared relative to each topic's threshold):
    a spokesman on the council's part in the talks is on both the talks and the council's
    topic, but a sentence on the fares that mentions the talks in passing is not the talks.
    `on_story` maps an article to the sentences on the site's story (all when absent).
    An article the builder fails on is told to `failed` (see `isolated`) and left out.
    `memo` keeps each article's matches between builds (memo.ArticleMemo).
    """
    statements = statements or {}
    sides = person_sides(people)
    spokes = spokespeople(people)
    allowed = (lambda a: on_story.get(a.id)) if on_story is not None else (lambda a: None)
    on = [a for a in articles if allowed(a) is None or allowed(a)]  # an article off the story has none
    found = isolated(on, lambda a: _matches_of(a, topics, statements.get(a.id, ()), sides, allowed(a), spokes),
                     failed, (memo, "match", pack_matches, unpack_matches), MATCHING_NEEDS)
    threshold = {t.id: t.min_score for t in topics}
    by_topic: dict[str, list[Match]] = defaultdict(list)
    for article in on:
        by_sentence: dict[int, list[Match]] = defaultdict(list)
        for match in found.get(article.id, ()):
            by_sentence[match.sentence.start].append(match)
        for candidates in by_sentence.values():
            best = max(m.score / threshold[m.topic] for m in candidates)
            for match in candidates:
                if match.score / threshold[match.topic] >= SECOND_TOPIC_SHARE * best:
                    by_topic[match.topic].append(match)
    return by_topic


def isolated(articles: list[Article], work, failed=None, kept=None, warm=()) -> dict:
    """Article id -> work(article) for every article. When `failed` is given, an article
    whose work raises is told to it (`failed(article, exception)`) and left out; the
    others go on. Without `failed` the exception goes up. `kept` is (memo, kind, pack,
    unpack): results come from the memo's cache, and with `failed` the missing ones are
    computed in the process pool (memo.ArticleMemo.each; `warm` as in pool.mapped)."""
    memo, kind, pack, unpack = kept or (NO_MEMO, "", None, None)
    if kept and failed is not None:
        return _isolated_each(articles, work, failed, kept, warm)
    done = {}
    for article in articles:
        try:
            done[article.id] = memo(kind, article, lambda a=article: work(a), pack, unpack) if kind else work(article)
        except Exception as exc:
            if failed is None:
                raise
            failed(article, exc)
    return done


def _isolated_each(articles: list[Article], work, failed, kept, warm=()) -> dict:
    """`isolated` through the memo and the process pool."""
    memo, kind, pack, unpack = kept
    done = {}
    for article, outcome in zip(articles, memo.each(kind, articles, work, pack, unpack, warm), strict=True):
        if outcome.error:
            failed(article, outcome.exception())
        else:
            done[article.id] = outcome.value
    return done


def _matches_of(article: Article, topics, said, sides: dict, allowed, spokes: dict) -> list[Match]:
    """All topic matches of one article, its speakers known."""
    speakers, quoted = speakers_by_sentence(article, said), quoted_by_sentence(article, said)
    return match_article(article, topics, speakers, sides, allowed, quoted,
                         continuations(article, said, speakers, spokes))


def person_sides(people: People | None) -> dict[str, str]:
    """Person id -> the side they stand on."""
    return {p.id: p.side for p in people.entries} if people else {}


def spokespeople(people: People | None) -> dict[str, frozenset[str]]:
    """Person id -> the organisations they are the spokesperson of (Person.speaks_for)."""
    return {p.id: frozenset(p.speaks_for) for p in people.entries if p.speaks_for} if people else {}


def speaker_names(people: People | None) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The lemmas of each person's names, and of their names and role nouns together."""
    if not people:
        return {}, {}

    def lemmas(forms) -> frozenset[str]:
        return frozenset(w for form in forms for token in form.split() for w in content_words(token))

    return ({p.id: lemmas(p.variants) for p in people.entries},
            {p.id: lemmas((*p.variants, *p.role_nouns)) for p in people.entries})


def topic_page(config: TopicConfig, matches: list[Match], concepts: tuple[Concept, ...] = (),
               reports: dict[str, Report] | None = None, names: tuple[dict, dict] | None = None,
               sides: dict[str, str] | None = None, spokes: dict[str, frozenset[str]] | None = None) -> TopicPage:
    """Group a topic's matches into claims and order them for reading and for the overview
    (`sides`: speaker -> side, to spread the overview over the sides; `spokes`: see spokespeople)."""
    reports, sides = reports or {}, sides or {}
    made = []
    for group in group_matches(matches, concepts, names=names, sides=sides):
        claim = make_claim(group, spokes)
        made.append((claim, min(m.order for m in group.members), max(m.priority for m in group.members),
                     reports_among(claim.sources, reports)))
    # Reading order: most independent reports first, then where the claim first appears in its article.
    claims = tuple(r[0] for r in sorted(made, key=lambda r: (-r[3], r[1], r[0].citations[0].article)))
    # The overview: most reports, editorial priority, earliest; each fact once, spread over sections and sides.
    ranked = distinct_facts([r for r in sorted(made, key=lambda r: (-r[3], -r[2], r[1], r[0].id))], concepts)
    chosen = overview.choose(ranked, len(claims), tuple(s.id for s in config.sections), sides)
    sources = tuple(sorted({c.article for claim in claims for c in claim.citations}))
    return TopicPage(config, claims, chosen, sources)


def distinct_facts(ranked: list, concepts: tuple[Concept, ...] = (), limit: int = 3 * overview.OVERVIEW_MAX) -> list:
    """The first `limit` ranked claims (rows whose first item is the claim) that do not say
    what a higher one says: the overview tells each fact once."""
    feats = [features(r[0].text, None, concepts) for r in ranked]
    weight = weights(feats)
    kept: list[int] = []
    for i in range(len(ranked)):
        if len(kept) == limit:
            break
        if not any(same_fact(feats[i], feats[k], weight) for k in kept):
            kept.append(i)
    return [ranked[i] for i in kept]


def assemble(languages: tuple[Language, ...], articles: list[Article], topics: tuple[TopicConfig, ...], built: str,
             concepts: tuple[Concept, ...] = (), people: People | None = None,
             statements: dict[str, tuple[Statement, ...]] | None = None, story: StoryConfig | None = None,
             failed=None, sides: tuple[Side, ...] = (), memo=NO_MEMO,
             judged: dict[str, Relevance] | None = None) -> Site:
    """Build the site model from the articles, the topic rules, concepts, statements and the story.

    `failed(article, exception)`, when given, is told of an article the builder could not
    judge or match because of a bug; that article is left out and the others go on.
    `memo` keeps each article's relevance and matches between builds (memo.ArticleMemo).
    `judged` is each article's relevance (`judge`), when it is known already."""
    statements = statements or {}
    articles, judged, matches = _judge_and_match(articles, topics, statements, people, story, failed, memo, judged)
    reports = find_reports(articles, isolated(articles, shingles, failed, (memo, "shingles", None, None)))
    names = speaker_names(people)
    speaker_sides = person_sides(people)
    spokes = spokespeople(people)
    pages = tuple(topic_page(t, matches.get(t.id, []), concepts, reports, names, speaker_sides, spokes)
                  for t in topics)
    cited = {a for p in pages for a in p.sources}
    unused = tuple(a.id for a in articles if a.id not in cited)
    flat = tuple(s for a in articles for s in statements.get(a.id, ()))
    off_story = {aid: r.reason for aid, r in judged.items() if not r.on_story}
    site = Site(languages, tuple(articles), pages, unused, built, (), flat, off_story, reports, tuple(sides),
                show_speaker=SHOW_SPEAKER)
    return replace(site, people=_speaking(people, tuple(filter(site.lists, flat)), sides))


def judge(articles: list[Article], story: StoryConfig | None, failed=None, memo=NO_MEMO) -> dict[str, Relevance]:
    """Article id -> its relevance to the story (story.relevance), kept in the memo; an
    article the builder fails on is told to `failed` and left out."""
    return isolated(articles, lambda a: relevance(a, story), failed, (memo, "story", None, None))


def _judge_and_match(articles: list[Article], topics: tuple[TopicConfig, ...], statements: dict,
                     people: People | None, story: StoryConfig | None, failed, memo=NO_MEMO,
                     judged: dict[str, Relevance] | None = None
                     ) -> tuple[list[Article], dict[str, Relevance], dict[str, list[Match]]]:
    """(the articles kept, each one's relevance to the story, the matches by topic); an
    article the builder fails on is told to `failed` and not kept."""
    skipped: set[str] = set()

    def fail(article: Article, exc: Exception) -> None:
        skipped.add(article.id)
        failed(article, exc)

    on_failure = fail if failed else None
    if judged is None:
        judged = judge(articles, story, on_failure, memo)
    else:
        skipped.update(a.id for a in articles if a.id not in judged)
    on_story = {aid: r.sentences for aid, r in judged.items()}
    matches = match_all([a for a in articles if a.id in judged], topics, statements, people, on_story, on_failure,
                        memo)
    return [a for a in articles if a.id not in skipped], judged, matches


def _speaking(people: People | None, statements: tuple[Statement, ...], sides: tuple[Side, ...] = ()
              ) -> tuple[Person, ...]:
    """The registry's people who speak in the statements, by side (in the order of the
    story's sides) and name."""
    speaking = {s.person for s in statements if s.person}
    order = {side.id: i for i, side in enumerate(sides)}
    return tuple(sorted((p for p in (people.entries if people else ()) if p.id in speaking),
                        key=lambda p: (order.get(p.side, len(order)), p.side, p.name)))


# ---------------------------------------------------------------------------
# What the pages compute from the site: dates, the timeline, the positions. They are
# here, not methods of model.Site, so that model.py imports no stage.

def when(site: Site, claim: Claim) -> When | None:
    """When a claim says its event happened, or None."""
    return timeline.claim_when(claim, site.article_dates)


def date_note(site: Site, claim: Claim) -> When | None:
    """The date to show beside a claim's words: None when it has none, or when its words
    write that date out themselves."""
    found = when(site, claim)
    if found is None or found.basis != dates.EXPLICIT:
        return found
    first = claim.citations[0]
    own = dates.resolve(claim.text, site.article_dates.get(first.article))
    return None if own == found else found


def events(site: Site) -> tuple[Entry, ...]:
    """Every dated event of the topic pages, earliest first (the timeline)."""
    return timeline.entries(site.topics, site.article_dates)


def events_of(entries: tuple[Entry, ...], topic_id: str) -> tuple[tuple[Entry, Claim], ...]:
    """The dated events of one topic among the timeline's: (the entry, the topic's claim in
    it), in time order."""
    return tuple((e, c) for e in entries for t, c in e.claims if t == topic_id)


def undated(site: Site) -> int:
    """How many claims of the topic pages name a day that no date of their sources fixes
    (a claim on two topic pages counts once, as on the timeline)."""
    return len({(c.citations[0].article, c.citations[0].start) for t in site.topics for c in t.claims
                if when(site, c) is None and timeline.undated(c)})


def positions(site: Site, topic: TopicPage) -> Positions:
    """Who takes which position on a topic: its speakers by side × its sections."""
    return positions_of(topic, site.people, site.reports_in)
