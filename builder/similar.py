"""Whether two sentences report the same fact: what a sentence says, and how much of it another says.

A sentence is reduced to the lemmas of its content words (simplemma), with numbers written
as digits ("zehn" is 10), the editors' optional synonyms (content/concepts.yml) as one
token each (a word one of them covers stands in another sentence that uses any form of
it), each person it names (people.yml) as one actor, its negations, and its speaker.
German compounds are opened up into their parts ("Beschwichtigungspolitik":
Beschwichtigung, Politik) and words are also compared by stem ("Ablehnung", "ablehnen"); a
word found only as a part or a stem counts less than the word itself, since a "Flughafen"
is not a "Hafen". The speaker's own name and role are left out: they say who speaks, not
what was said.

Words weigh by their rarity among the sentences compared (a word in every sentence says
nothing about which fact a sentence reports). Two sentences report the same fact when
most of the shorter one's weight stands in the other (the longer one may add context:
where, when, who else) and nothing contradicts: not a negation that only one of them
applies to something both speak of, not different figures, not two different speakers.
"""
from __future__ import annotations

import functools
import math
import re
import sys
from dataclasses import dataclass

from .segment import hyphens_joined

WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+(?:-[^\W\d_]+)*")
NEGATIONS = frozenset("nicht kein keine keinen keinem keiner keines nie niemals weder nirgends".split())
NUMBER_WORDS = {
    "zwei": "2", "drei": "3", "vier": "4", "fünf": "5", "sechs": "6", "sieben": "7", "acht": "8", "neun": "9",
    "zehn": "10", "elf": "11", "zwölf": "12", "fünfzehn": "15", "zwanzig": "20", "dreißig": "30", "vierzig": "40",
    "fünfzig": "50", "hundert": "100", "tausend": "1000",
}
# Short forms of a name as a compound's modifier, for its long form ("US-Regierung" speaks
# of the USA as "die USA" does; "UN-Sicherheitsrat" of the UNO).
SHORT_FORMS = {"us": "usa", "un": "uno"}
# Words that say nothing about which fact a sentence reports: function words, particles,
# verbs of saying, days. Compared as lemmas.
STOPWORDS = frozenset("""
aber ab als also am an auch auf aus bei bereits bis da damit dann das dass dem den denen der des dessen die dies
diese dieser dieses doch dort du durch ein eine einem einen einer eines er es etwa für gegen haben hier ihm ihn ihr
ihre in im ist ja jedoch jetzt können man mehr mit müssen nach nun nur ob oder ohne sehr sein seine sich sie so sollen
sowie über um und uns unter vom von vor werden wie wir wollen zu zum zur zwischen noch zudem offenbar darunter deshalb
daher dagegen allerdings zunächst dürfen mögen lassen wer was wo wann weil wenn sondern denn zwar sogar ganz immer
schon wieder eben nämlich dabei dazu darauf davon daran darüber hin her hinzu zurück weiter
ich mich mir euch ihnen unser euer bevor nachdem obwohl obgleich sobald seitdem falls überhaupt eigentlich eigen
wegen trotz während seit laut gemäß gegenüber halten gelten stellen machen
sagen erklären betonen meinen hinzufügen mitteilen bekanntgeben teilen fügen laut zufolge bezeichnen nennen äußern
werten bewerten
unterstreichen ergänzen berichten heißen angabe
zugleich gleichzeitig außerdem ebenfalls erneut bislang derzeit nun deutlich klar
nicht kein nie niemals weder noch
montag dienstag mittwoch donnerstag freitag samstag sonntag heute gestern morgen woche tag
""".split())
# Endings of derived words, not the heads of compounds ("Gewerkschaft" is no "Schaft").
DERIVATIONS = frozenset("schaft heit keit ung lich isch haft bar los tum nis sam chen lein ling".split())
STEM_ENDINGS = ("ungen", "ung", "ern", "en", "er", "es", "e", "n", "s", "t")
MIN_COMPOUND = 7  # letters: shorter words are not split into parts
MIN_HEAD = 4  # letters of a compound's head
MIN_MODIFIER = 3
MIN_STEM = 4
# When two sentences report the same fact (chosen on tests/data/claim_pairs.yml, pairs
# written for this: every `same` pair passes, every `different` pair fails):
SAME_FACT = 0.8  # the shorter sentence's weight that must stand in the other
MAX_GAP = 0.2  # ... with no word of its own that weighs more than this share of it
SAME_SPEAKER = 0.5  # the share that suffices when one known speaker says both
MAX_SPEAKER_GAP = 0.4  # ... with no word of its own weighing more than this share
QUOTE_WEIGHT = 3.0  # a single quoted word shared must be this rare to mark the same statement
QUOTE_SHARE = 0.6  # ... and of a longer quotation, this share of its words
PART_CREDIT = 0.3  # a word that stands in the other sentence only as a part of a compound
STEM_CREDIT = 0.8  # a word whose stem stands in the other sentence ("Ablehnung" / "ablehnen")


@dataclass(frozen=True)
class Features:
    """What a sentence says, for comparing it with others."""

    words: frozenset[str]  # lemmas of content words, numbers, concept tokens
    parts: frozenset[str]  # the parts of its compounds
    stems: frozenset[str]
    numbers: frozenset[str]
    negated: frozenset[str]  # what a negation applies to ("keine Truppen": truppe); GLOBAL: all of it
    speaker: str | None
    named: frozenset[str] = frozenset()  # the people the sentence names (person ids)
    quoted: frozenset[str] = frozenset()  # the content lemmas of its quotations
    synonyms: frozenset[tuple[str, str]] = frozenset()  # (word, concept token) for words an editor's concept covers


# Signs that stand for a word: compared as that word ("5 %", "fünf Prozent").
UNIT_WORDS = {"%": "Prozent", "€": "Euro", "$": "Dollar", "£": "Pfund"}
UNIT_SIGNS = re.compile("|".join(re.escape(sign) for sign in UNIT_WORDS))
GLOBAL = "*"  # a negation of the whole sentence ("glauben nicht, dass …")
CLAUSE_FOLLOWS = re.compile(r"\s*,?\s*(?:dass|ob)\b")
QUOTE = re.compile(r"„([^“”]+)[“”]|»([^«]+)«|«([^»]+)»|\"([^\"]+)\"|“([^”]+)”")


def features(text: str, speaker: str | None = None, concepts=(), skip: frozenset[str] = frozenset(),
             names: dict | None = None, roles: dict | None = None) -> Features:
    """The features of one sentence. `concepts` are the editors' synonyms (config.Concept),
    `skip` the lemmas of the speaker's name and role, which are left out; `names` (person
    id -> lemmas of their names) finds the people the sentence names, and `roles` (person id
    -> lemmas of their names and role nouns) lets each of them count as one actor."""
    text = hyphens_joined(text)  # "Kita -Ausbau", as extraction may leave it, is "Kita-Ausbau"
    text = UNIT_SIGNS.sub(lambda m: f" {UNIT_WORDS[m.group()]} ", text)  # "3 %" says "3 Prozent"
    spans = list(WORD.finditer(text))
    lemmas = [content_words(m.group()) for m in spans]
    words = _lemmas(text, [m.group() for m in spans], lemmas)
    named = frozenset(pid for pid, forms in (names or {}).items() if forms & words)
    found = _concept_matches(text, concepts)
    words = (_as_actors(words, named - {speaker}, roles or {}) - skip) | {token for token, _m in found}
    parts = {p for w in words for p in compound_parts(w)} - words
    return Features(frozenset(words), frozenset(parts), frozenset(stem(w) for w in words),
                    frozenset(w for w in words if w[0].isdigit()), _negations(text, spans, lemmas), speaker,
                    named, _quoted(text), _synonyms(found, spans, lemmas))


def _lemmas(text: str, tokens: list[str], lemmas: list[tuple[str, ...]]) -> set[str]:
    """The content lemmas of a sentence, an un-adjective as its base ("unrealistisch" says
    "nicht realistisch") and a separable verb whole ("lehnt … ab" says "ablehnen", not "lehnen")."""
    words = {n for found in lemmas for w in found for n in (_un_negated(w) or (w,))}
    for verb, joined in _separable_verbs(text, tokens):
        words.discard(verb)
        words.add(joined)
    return words


def token_of(name: str | None) -> str:
    """The token that stands among a sentence's words for a person or an editor's concept (by id)."""
    return f"⟨{name}⟩"


def _as_actors(words: set[str], named: frozenset[str], roles: dict) -> set[str]:
    """The words with each person the sentence names as one token: the first name, title and
    role noun that name them ("die Oberbürgermeisterin Anna Beispiel", "Stadtchefin Beispiel")
    say who, not what, and differ from report to report."""
    for pid in sorted(named):
        words = (words - roles.get(pid, frozenset())) | {token_of(pid)}
    return words


def _negations(text: str, spans: list[re.Match], lemmas: list[tuple[str, ...]]) -> frozenset[str]:
    """What the negations of a sentence apply to: the content word after "kein"; the words
    around "nicht" or "nie"; the whole sentence for "nicht, dass …"; an un-adjective's base."""
    negated: set[str] = set()
    for i, span in enumerate(spans):
        low = span.group().lower()
        un = [n for w in lemmas[i] for n in _un_negated(w)]
        if un:  # "Eine Erhöhung sei unrealistisch": it denies what it is said of, like "nicht"
            negated.update(un)
            negated.update(_nearest(lemmas, range(i - 1, -1, -1)))
        if low not in NEGATIONS:
            continue
        negated.update(_nearest(lemmas, range(i + 1, len(spans))))
        if low.startswith("kein"):
            continue
        negated.update(_nearest(lemmas, range(i - 1, -1, -1)))
        if CLAUSE_FOLLOWS.match(text, span.end()):
            negated.add(GLOBAL)
    return frozenset(negated)


def _nearest(lemmas: list[tuple[str, ...]], positions) -> tuple[str, ...]:
    """The content lemmas of the first token at these positions that has any."""
    return next((lemmas[k] for k in positions if lemmas[k]), ())


def _quoted(text: str) -> frozenset[str]:
    """The content lemmas of the sentence's quotations (the words a speaker was quoted with)."""
    out = set()
    for m in QUOTE.finditer(text):
        inner = next(g for g in m.groups() if g)
        for token in WORD.findall(inner):
            for w in content_words(token):
                out.add(w)
                out.update(compound_parts(w))
    return frozenset(out)


def _concept_matches(text: str, concepts) -> list[tuple[str, re.Match]]:
    """(concept token, match) for each place a form of an editor's concept stands in the text."""
    return [(token_of(c.id), m) for c in concepts for form in c.forms for m in form.finditer(text)]


def _synonyms(found: list[tuple[str, re.Match]], spans: list[re.Match], lemmas) -> frozenset[tuple[str, str]]:
    """(lemma, concept token) for each word that a form of an editor's concept covers."""
    out: set[tuple[str, str]] = set()
    for token, m in found:
        for i, span in enumerate(spans):
            if span.start() < max(m.end(), m.start() + 1) and span.end() > m.start():
                out.update((w, token) for w in lemmas[i])
    return frozenset(out)


# Particles of separable verbs, which German sets apart from their verb ("lehnt … ab").
PARTICLES = ("ab", "an", "auf", "aus", "bei", "ein", "fest", "mit", "nach", "vor", "weg", "zu", "zurück", "zusammen")
# A particle ends its clause: punctuation, a closing quotation mark before punctuation, or
# "und"/"oder"/"aber" follow it (an opening mark after "ein" begins a quotation instead).
CLAUSE_END_PARTICLE = re.compile(
    rf"\b({'|'.join(PARTICLES)})\b(?=\s*(?:[,.;:!?)]|$|und\b|oder\b|aber\b|[“”\"»«']\s*(?:[,.;:!?)]|$)))",
    re.IGNORECASE)
CLAUSE_START = re.compile(r"[,;:.!?„“”\"»«()–]|\b(?:und|oder|aber)\b")  # where a particle's clause begins


def _separable_verbs(text: str, tokens: list[str]) -> set[tuple[str, str]]:
    """(verb, particle verb) for a particle that ends a clause and a verb of that clause
    ("lehnt das Angebot ab": lehnen, ablehnen); a verb of another clause keeps its own sense
    ("teilte mit, er habe … geführt" makes "mitteilen", not "mitführen")."""
    found = set()
    for m in CLAUSE_END_PARTICLE.finditer(text):
        particle = m.group(1).lower()
        before = text[:m.start()]
        starts = [b.end() for b in CLAUSE_START.finditer(before)]
        clause = before[starts[-1] if starts else 0:]
        verbs = {lemma_of(t) for t in WORD.findall(clause) if t[:1].islower() and len(t) > 3} - STOPWORDS
        found |= {(v, particle + v) for v in verbs if not v.startswith(particle) and _known(particle + v)}
    return found


@functools.lru_cache(maxsize=200_000)
def content_words(raw: str) -> tuple[str, ...]:
    """The lemma a word says something with (a hyphenated word as one, its parts joined by "-"),
    or none for a stopword."""
    low = raw.lower()
    if low in NUMBER_WORDS:
        return (NUMBER_WORDS[low],)
    if raw[0].isdigit():
        return (raw.replace(",", "."),)
    if len(raw) < 2:
        return ()
    if "-" in raw:  # "Hafen-Ausbau": one word; its parts count through compound_parts
        parts = [SHORT_FORMS.get(lemma_of(p), lemma_of(p)) for p in raw.split("-") if len(p) >= 2]
        parts = [p for p in parts if p not in STOPWORDS]
        return ("-".join(parts),) if parts else ()
    lemma = lemma_of(raw)
    return () if lemma in STOPWORDS else (lemma,)


@functools.lru_cache(maxsize=200_000)
def lemma_of(word: str) -> str:
    """The lower-case lemma of a German word (simplemma), or the word itself."""
    import simplemma

    return simplemma.lemmatize(word, lang="de").lower()


@functools.lru_cache(maxsize=200_000)
def compound_parts(lemma: str) -> tuple[str, ...]:
    """The parts of a compound, head first, when each is a known word ("straßenbahnlinie":
    linie, straßenbahn, bahn, straße); none for a simple or a derived word."""
    if "-" in lemma:
        pieces = [p for p in lemma.split("-") if p]
        return tuple(dict.fromkeys([pieces[-1], *pieces[:-1], *(q for p in pieces for q in compound_parts(p))]))
    if len(lemma) < MIN_COMPOUND:
        return ()
    for cut in range(len(lemma) - MIN_HEAD, MIN_MODIFIER - 1, -1):  # the shortest head first
        head, modifier = lemma[cut:], lemma[:cut]
        if head in DERIVATIONS or not _known(head):
            continue
        base = _modifier(modifier)
        if base:
            head_lemma = _noun_lemma(head)
            return (head_lemma, base) + compound_parts(base)
    return ()


def _modifier(modifier: str) -> str | None:
    """A compound's modifier as a word, without its linking letters ("verhandlungs": verhandlung)."""
    for link in ("", "s", "es", "n", "en", "e"):
        base = modifier[: len(modifier) - len(link)] if link and modifier.endswith(link) else modifier
        if (not link or modifier.endswith(link)) and len(base) >= MIN_MODIFIER and _known(base):
            return _noun_lemma(base)
    return None


def _noun_lemma(word: str) -> str:
    """The lemma of a compound's part, read as a noun."""
    return lemma_of(word.capitalize())


@functools.lru_cache(maxsize=200_000)
def _known(word: str) -> bool:
    """Whether simplemma knows a word, as a noun or otherwise."""
    import simplemma

    return simplemma.is_known(word.capitalize(), lang="de") or simplemma.is_known(word, lang="de")


def load_word_lists() -> None:
    """Load simplemma's German dictionary now (the lookups above load it on first use)."""
    import simplemma

    simplemma.is_known("a", lang="de")


def release_word_lists() -> None:
    """Forget the lemmas and word checks looked up so far and simplemma's loaded dictionaries
    (about 100 MB), once a build needs no more of them: the next lookup loads them again."""
    for cached in (lemma_of, compound_parts, _known, stem):
        cached.cache_clear()
    factories = sys.modules.get("simplemma.strategies.dictionaries.dictionary_factory")
    loaded = getattr(getattr(factories, "DEFAULT_DICTIONARY_FACTORY", None), "_get_dictionary", None)
    clear = getattr(loaded, "cache_clear", None)
    if clear is not None:
        clear()


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude stem for comparing a verb with its noun ("ablehnen", "ablehnung": ablehn)."""
    for ending in STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def _un_negated(word: str) -> tuple[str, ...]:
    """The word an un-adjective negates ("unrealistisch": realistisch)."""
    if word.startswith("un") and len(word) >= MIN_COMPOUND and _known(word[2:]):
        return (lemma_of(word[2:]),)
    return ()


MIN_SENTENCES = 50  # fewer sentences tell little about rarity: count as if there were this many


def weights(all_features) -> dict[str, float]:
    """The weight of each word: its rarity among the sentences compared (inverse document frequency)."""
    df: dict[str, int] = {}
    for f in all_features:
        for w in f.words:
            df[w] = df.get(w, 0) + 1
    n = max(len(all_features), MIN_SENTENCES) + 1
    return {w: math.log(n / c) + 0.1 for w, c in df.items()}


def _weight(word: str, weight: dict[str, float]) -> float:
    """A word's weight (one the table does not know weighs like a rare one)."""
    return weight.get(word) or max(weight.values(), default=1.0)


def weight_of(words, weight: dict[str, float]) -> float:
    """The summed weight of some words (in sorted order: the same sum under any hash seed)."""
    return math.fsum(_weight(w, weight) for w in sorted(words))


def credit(word: str, other: Features, own: Features | None = None) -> float:
    """How far a word stands in another sentence: as itself, as an editor's synonym, by its
    parts, or as a part or stem."""
    if word in other.words or word == token_of(other.speaker):  # "Lind fordert …" and "…, sagte Lind"
        return 1.0
    if own is not None and any(w == word and token in other.words for w, token in own.synonyms):
        return 1.0
    parts = compound_parts(word)
    if parts and all(p in other.words or p in other.parts for p in parts[:2]):
        return 1.0  # "Beschwichtigungspolitik" in "Politik der Beschwichtigung"
    if stem(word) in other.stems:
        return STEM_CREDIT
    if word in other.parts or any(p in other.words for p in parts[:2]):
        return PART_CREDIT
    return 0.0


def containment(a: Features, b: Features, weight: dict[str, float]) -> float:
    """How much of a's weight stands in b (0..1): `carried` by b alone, without the search
    for the best of several (grouping asks this of tens of thousands of pairs)."""
    total = weight_of(a.words, weight)
    if not total:
        return 0.0
    out = _spelt_out(a, b)
    return math.fsum(_weight(w, weight) * (1.0 if w in out else credit(w, b, a)) for w in sorted(a.words)) / total


def carried(a: Features, others, weight: dict[str, float]) -> float:
    """How much of a's weight stands in any of the other sentences (0..1): each word counts
    as far as the one that carries it best does (as itself, by stem, part, synonym or actor)."""
    total = weight_of(a.words, weight)
    if not total or not others:
        return 0.0
    pairs = [(b, _spelt_out(a, b)) for b in others]
    return math.fsum(_weight(w, weight) * max(1.0 if w in out else credit(w, b, a) for b, out in pairs)
                     for w in sorted(a.words)) / total


def _spelt_out(a: Features, b: Features) -> set[str]:
    """The words of a that together are a compound of b ("Ausbau … Hafen" for "Hafen-Ausbau")."""
    out: set[str] = set()
    for word in b.words - a.words:
        parts = compound_parts(word)[:2]
        if len(parts) == 2 and all(p in a.words for p in parts):
            out.update(parts)
    return out


def conflict(a: Features, b: Features) -> bool:
    """Whether two sentences cannot report the same fact: other figures, other speakers (neither
    naming the other's), or a negation of something both speak of in only one of them."""
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return True
    if a.speaker and b.speaker and a.speaker != b.speaker and a.speaker not in b.named and b.speaker not in a.named:
        return True
    return _denies(a, b) != _denies(b, a)


def _denies(a: Features, b: Features) -> bool:
    """Whether a negation of a applies to something b speaks of too."""
    return GLOBAL in a.negated or bool(a.negated & b.words)


def same_quote(a: Features, b: Features, weight: dict[str, float]) -> bool:
    """Whether both sentences quote the same words: all of the shorter quotation, or most of it."""
    if not a.quoted or not b.quoted:
        return False
    shared = a.quoted & b.quoted
    smaller = min((a.quoted, b.quoted), key=len)
    if shared == smaller:
        return weight_of(shared, weight) >= QUOTE_WEIGHT
    return len(shared) >= 2 and len(shared) >= QUOTE_SHARE * len(smaller)


def similarity(a: Features, b: Features, weight: dict[str, float]) -> float:
    """How far two sentences report the same fact: the shorter one's share in the other, 0 on a conflict."""
    if conflict(a, b):
        return 0.0
    small, large = _ordered(a, b, weight)
    return containment(small, large, weight)


def same_fact(a: Features, b: Features, weight: dict[str, float]) -> bool:
    """Whether two sentences report the same fact."""
    score = similarity(a, b, weight)
    if score > 0 and same_quote(a, b, weight):
        return True  # the same words quoted: the same statement, however it is told around them
    if a.speaker and a.speaker == b.speaker:  # one person saying it twice, in other words
        return score >= SAME_SPEAKER and gap(a, b, weight) <= MAX_SPEAKER_GAP
    return score >= SAME_FACT and gap(a, b, weight) <= MAX_GAP



def gap(a: Features, b: Features, weight: dict[str, float]) -> float:
    """The share of the shorter sentence's weight in its heaviest word the other lacks: one
    word of its own that weighs much ("baut eine Schule" / "baut eine Brücke") is another fact."""
    small, large = _ordered(a, b, weight)
    total = weight_of(small.words, weight)
    missing = [_weight(w, weight) * (1 - credit(w, large, small)) for w in sorted(small.words)]
    return max(missing, default=0.0) / total if total else 0.0


def _ordered(a: Features, b: Features, weight: dict[str, float]) -> tuple[Features, Features]:
    """The two sentences, the one that says less first."""
    return (a, b) if weight_of(a.words, weight) <= weight_of(b.words, weight) else (b, a)


def shared_weight(a: Features, b: Features, weight: dict[str, float]) -> float:
    """The weight of the words two sentences share."""
    return weight_of(a.words & b.words, weight)
