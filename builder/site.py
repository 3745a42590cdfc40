"""The whole site as one model: articles, topic pages with their claims, and coverage.

This is the last stage before rendering; nothing here touches the disk.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .claims import group_matches, make_claim
from .copies import find_reports
from .memo import NO_MEMO, pack_matches, unpack_matches
from .similar import content_words, features, same_fact, weights
from .config import Language, Reuse, TopicConfig
from .model import Article, Claim
from . import dates, overview, timeline
from .attribution import Statement, continuations, quoted_by_sentence, speakers_by_sentence
from .registry import SLUG
from .positions import Positions, positions_of
from .story import relevance
from .topics import Match, match_article



@dataclass(frozen=True)
class TopicPage:
    """A topic page: its config, its claims in reading order, its overview and what covers it."""

    config: TopicConfig
    claims: tuple[Claim, ...]
    overview: tuple[Claim, ...]  # the claims of the generated overview (builder/overview.py)
    sources: tuple[str, ...]  # ids of the articles cited on the page

    def section_claims(self, section_id: str | None) -> tuple[Claim, ...]:
        """The claims of one section (None: those that fit no section)."""
        return tuple(c for c in self.claims if c.section == section_id)


@dataclass(frozen=True)
class Site:
    """Everything the pages show."""

    languages: tuple[Language, ...]
    articles: tuple[Article, ...]
    topics: tuple[TopicPage, ...]
    unused: tuple[str, ...]  # articles that no topic page cites
    built: str  # build date, ISO
    people: tuple = ()  # people.Person entries that have statements, by side then name
    statements: tuple[Statement, ...] = ()  # every attributed quotation, in article order
    off_story: dict = field(default_factory=dict)  # article id -> why it is not about the story
    reports: dict = field(default_factory=dict)  # article id -> copies.Report it prints
    sides: tuple = ()  # config.Side of the story, in the order pages list them
    reuse: Reuse = field(default_factory=Reuse)  # licence, editor, contact (mkdocs.yml extra:)
    editorial: dict = field(default_factory=dict)  # (topic id, language) -> overview.Editorial
    site_url: str | None = None  # the public address (mkdocs.yml site_url), ending in "/"
    glossary: tuple = ()  # glossary.Explained terms, explained on the pages and the glossary page

    def editors_overview(self, topic_id: str, language: str):
        """The editors' overview of a topic in a language (overview.Editorial), or None."""
        return self.editorial.get((topic_id, language))

    def editors_languages(self, topic_id: str) -> tuple[str, ...]:
        """The names (mkdocs.yml) of the languages the editors wrote an overview of a topic in."""
        return tuple(lang.name for lang in self.languages if (topic_id, lang.code) in self.editorial)

    @cached_property
    def _article_dates(self) -> dict:
        """Article id -> its ISO date (None when unknown)."""
        return {a.id: a.meta.date for a in self.articles}

    def when(self, claim: Claim):
        """When a claim says its event happened (dates.When), or None."""
        return timeline.claim_when(claim, self._article_dates)

    def date_note(self, claim: Claim):
        """The date to show beside a claim's words (dates.When): None when it has none, or
        when its words write that date out themselves."""
        when = self.when(claim)
        if when is None or when.basis != dates.EXPLICIT:
            return when
        first = claim.citations[0]
        own = dates.resolve(claim.text, self._article_dates.get(first.article))
        return None if own == when else when

    @cached_property
    def timeline(self) -> tuple:
        """Every dated event of the topic pages, earliest first (timeline.Entry)."""
        return timeline.entries(self.topics, self._article_dates)

    def timeline_of(self, topic_id: str) -> tuple:
        """The dated events of one topic: (timeline.Entry, the topic's claim in it), in time order."""
        return tuple((e, c) for e in self.timeline for t, c in e.claims if t == topic_id)

    @cached_property
    def undated(self) -> int:
        """How many claims of the topic pages name a day that no date of their sources fixes
        (a claim on two topic pages counts once, as on the timeline)."""
        return len({(c.citations[0].article, c.citations[0].start) for t in self.topics for c in t.claims
                    if self.when(c) is None and timeline.undated(c)})

    @property
    def content_date(self) -> str | None:
        """The newest date of the articles the topic pages cite, as precise as it is known
        ("2025-02-14", "2025-02"); None when none has a date. A month counts as its last day,
        so "2025-02" is newer than "2025-02-10": the content may be from the end of February."""
        cited = {a for t in self.topics for a in t.sources}
        dates = [a.meta.date for a in self.articles if a.id in cited and a.meta.date]
        return max(dates, key=lambda d: (d + "-99-99")[:10], default=None)

    def side_label(self, side_id: str, language: str) -> str:
        """A side's name in a language (the default language's when it has none there)."""
        side = next((s for s in self.sides if s.id == side_id), None)
        if side is None:
            return side_id
        return side.label.get(language) or side.label[self.languages[0].code]

    def positions(self, topic: TopicPage) -> Positions:
        """Who takes which position on a topic: its speakers by side × its sections."""
        return positions_of(topic, self.people, self.reports_in)

    def unused_reason(self, article_id: str) -> str:
        """Why an unused article is not on any topic page."""
        return self.off_story.get(article_id, "")

    def copies_of(self, article_id: str) -> tuple[str, ...]:
        """The other articles that print the same report as this one."""
        report = self.reports.get(article_id)
        return tuple(a for a in report.articles if a != article_id) if report else ()

    def report_count(self, claim: Claim) -> int:
        """How many independent reports carry a claim: copies of one report count once."""
        return reports_among(claim.sources, self.reports)

    def corroborated(self, claims) -> bool:
        """Whether any of some claims is carried by more than one independent report."""
        return any(self.report_count(c) > 1 for c in claims)

    def copy_count(self, claim: Claim) -> int:
        """How many of a claim's sources are copies of a report another source of it prints."""
        return len(claim.sources) - self.report_count(claim)

    def reports_in(self, article_ids) -> int:
        """How many independent reports some articles are: copies of one report count once."""
        return reports_among(article_ids, self.reports)

    @cached_property
    def used_reports(self) -> int:
        """How many independent reports the topic pages cite (the M of "N of M sources")."""
        return self.reports_in({a for t in self.topics for a in t.sources})

    def covered(self, article_id: str, topic: TopicPage, section: str | None = "") -> int:
        """How many claims of a topic (or of one of its sections) cite an article."""
        claims = topic.claims if section == "" else topic.section_claims(section)
        return sum(1 for c in claims if article_id in c.sources)

    def statements_of(self, person_id: str) -> tuple[Statement, ...]:
        """The quotations attributed to a person as their page lists them: one per cited
        sentence (a direct one before an indirect one), in article order. The people
        index counts these, so its numbers are what the person pages show."""
        seen, out = set(), []
        mine = (s for s in self.statements if s.person == person_id)
        for statement in sorted(mine, key=lambda s: (s.citation.article, s.citation.start, s.kind != "direct")):
            if statement.citation not in seen:
                seen.add(statement.citation)
                out.append(statement)
        return tuple(out)

    @staticmethod
    def unregistered(speaker: str | None) -> bool:
        """Whether a speaker is the name of someone the registry lacks (its ids are slugs)."""
        return speaker is not None and speaker != "" and not SLUG.match(speaker)

    def person(self, person_id: str):
        """A person by id."""
        return next(p for p in self.people if p.id == person_id)

    def topic(self, topic_id: str) -> TopicPage:
        """A topic page by id."""
        return next(t for t in self.topics if t.config.id == topic_id)

    def topics_of(self, article_id: str) -> tuple[TopicPage, ...]:
        """The topic pages that cite an article."""
        return tuple(t for t in self.topics if article_id in t.sources)

    def article(self, article_id: str) -> Article:
        """An article by id."""
        return self._articles_by_id[article_id]

    def language_of(self, article_id: str) -> str:
        """The language an article is written in."""
        return self.article(article_id).meta.language

    @cached_property
    def _articles_by_id(self) -> dict[str, Article]:
        """The articles by id (made once; the model does not change)."""
        return {a.id: a for a in self.articles}


SECOND_TOPIC_SHARE = 0.6  # a sentence is on a second topic only when it fits it nearly as well


def match_all(articles: list[Article], topics: tuple[TopicConfig, ...], statements: dict | None = None,
              people=None, on_story: dict | None = None, failed=None, memo=NO_MEMO) -> dict[str, list[Match]]:
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
    sides = {p.id: p.side for p in people.entries} if people else {}
    allowed = (lambda a: on_story.get(a.id)) if on_story is not None else (lambda a: None)
    on = [a for a in articles if allowed(a) is None or allowed(a)]  # an article off the story has none
    found = isolated(on, lambda a: _matches_of(a, topics, statements.get(a.id, ()), sides, allowed(a)), failed,
                     (memo, "match", pack_matches, unpack_matches))
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


def isolated(articles: list[Article], work, failed=None, kept=None) -> dict:
    """Article id -> work(article) for every article. When `failed` is given, an article
    whose work raises is told to it (`failed(article, exception)`) and left out; the
    others go on. Without `failed` the exception goes up. `kept` is (memo, kind, pack,
    unpack): results come from the memo's cache, and with `failed` the missing ones are
    computed in the process pool (memo.ArticleMemo.each)."""
    memo, kind, pack, unpack = kept or (NO_MEMO, "", None, None)
    if kept and failed is not None:
        return _isolated_each(articles, work, failed, kept)
    done = {}
    for article in articles:
        try:
            done[article.id] = memo(kind, article, lambda a=article: work(a), pack, unpack) if kind else work(article)
        except Exception as exc:
            if failed is None:
                raise
            failed(article, exc)
    return done


def _isolated_each(articles: list[Article], work, failed, kept) -> dict:
    """`isolated` through the memo and the process pool."""
    memo, kind, pack, unpack = kept
    done = {}
    for article, outcome in zip(articles, memo.each(kind, articles, work, pack, unpack), strict=True):
        if outcome.error:
            failed(article, outcome.exception())
        else:
            done[article.id] = outcome.value
    return done


def _matches_of(article: Article, topics, said, sides: dict, allowed) -> list[Match]:
    """All topic matches of one article, its speakers known."""
    speakers, quoted = speakers_by_sentence(article, said), quoted_by_sentence(article, said)
    return match_article(article, topics, speakers, sides, allowed, quoted, continuations(article, said))


def reports_among(article_ids, reports: dict) -> int:
    """How many distinct reports some articles print (an article without a report is its own)."""
    return len({reports[a].id if a in reports else a for a in article_ids})


def speaker_names(people) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The lemmas of each person's names, and of their names and role nouns together."""
    if not people:
        return {}, {}

    def lemmas(forms) -> frozenset[str]:
        return frozenset(w for form in forms for token in form.split() for w in content_words(token))

    return ({p.id: lemmas(p.variants) for p in people.entries},
            {p.id: lemmas((*p.variants, *p.role_nouns)) for p in people.entries})


def topic_page(config: TopicConfig, matches: list[Match], concepts=(), reports: dict | None = None,
               names: tuple[dict, dict] | None = None, sides: dict | None = None) -> TopicPage:
    """Group a topic's matches into claims and order them for reading and for the overview
    (`sides`: speaker -> side, to spread the overview over the sides)."""
    reports = reports or {}
    made = []
    for group in group_matches(matches, concepts, names=names):
        claim = make_claim(group)
        made.append((claim, min(m.order for m in group.members), max(m.priority for m in group.members),
                     reports_among(claim.sources, reports)))
    # Reading order: most independent reports first, then where the claim first appears in its article.
    claims = tuple(r[0] for r in sorted(made, key=lambda r: (-r[3], r[1], r[0].citations[0].article)))
    # The overview: most reports, editorial priority, earliest; each fact once, spread over sections and sides.
    ranked = distinct_facts([r for r in sorted(made, key=lambda r: (-r[3], -r[2], r[1], r[0].id))], concepts)
    chosen = overview.choose(ranked, len(claims), tuple(s.id for s in config.sections), sides or {})
    sources = tuple(sorted({c.article for claim in claims for c in claim.citations}))
    return TopicPage(config, claims, chosen, sources)


def distinct_facts(ranked: list, concepts=(), limit: int = 3 * overview.OVERVIEW_MAX) -> list:
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


def assemble(languages, articles: list[Article], topics: tuple[TopicConfig, ...], built: str,
             concepts=(), people=None, statements: dict | None = None, story=None, failed=None,
             sides=(), memo=NO_MEMO) -> Site:
    """Build the site model from the articles, the topic rules, concepts, statements and the story.

    `failed(article, exception)`, when given, is told of an article the builder could not
    judge or match because of a bug; that article is left out and the others go on.
    `memo` keeps each article's relevance and matches between builds (memo.ArticleMemo)."""
    statements = statements or {}
    articles, judged, matches = _judge_and_match(articles, topics, statements, people, story, failed, memo)
    reports = find_reports(articles)
    names = speaker_names(people)
    speaker_sides = {p.id: p.side for p in people.entries} if people else {}
    pages = tuple(topic_page(t, matches.get(t.id, []), concepts, reports, names, speaker_sides) for t in topics)
    cited = {a for p in pages for a in p.sources}
    unused = tuple(a.id for a in articles if a.id not in cited)
    flat = tuple(s for a in articles for s in statements.get(a.id, ()))
    off_story = {aid: r.reason for aid, r in judged.items() if not r.on_story}
    return Site(languages, tuple(articles), pages, unused, built, _speaking(people, flat, sides), flat, off_story,
                reports, tuple(sides))


def _judge_and_match(articles: list[Article], topics, statements: dict, people, story, failed, memo=NO_MEMO):
    """(the articles kept, each one's relevance to the story, the matches by topic); an
    article the builder fails on is told to `failed` and not kept."""
    skipped: set[str] = set()

    def fail(article: Article, exc: Exception) -> None:
        skipped.add(article.id)
        failed(article, exc)

    on_failure = fail if failed else None
    judged = isolated(articles, lambda a: relevance(a, story), on_failure, (memo, "story", None, None))
    on_story = {aid: r.sentences for aid, r in judged.items()}
    matches = match_all([a for a in articles if a.id in judged], topics, statements, people, on_story, on_failure,
                        memo)
    return [a for a in articles if a.id not in skipped], judged, matches


def _speaking(people, statements, sides=()) -> tuple:
    """The registry's people who speak in the statements, by side (in the order of the
    story's sides) and name."""
    speaking = {s.person for s in statements if s.person}
    order = {side.id: i for i, side in enumerate(sides)}
    return tuple(sorted((p for p in (people.entries if people else ()) if p.id in speaking),
                        key=lambda p: (order.get(p.side, len(order)), p.side, p.name)))
