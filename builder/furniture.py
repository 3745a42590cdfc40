"""What in a news page's text is furniture, not news: general shapes, not known lines.

Web pages and wire copies bring their furniture into the text: image Markdown, photo
credits and captions, caption widgets, agency trailers and bylines, broadcast notes,
ticker times, adverts, teasers and page controls. A whole line of it becomes a marked
block of the source page; a piece of it at the edge of a paragraph (a dateline, a ticker
time, an agency code, a sentence addressed to the reader) becomes a mark inside it.
Neither is ever a claim or a citation. The patterns describe the kind of line, so that
they hold on pages nobody here has seen; word lists name general vocabulary (news
agencies, page controls), never the words of one article.
"""
from __future__ import annotations

import re
from contextlib import contextmanager

from .model import CAPTION, CREDIT, FURNITURE, HEADING, PARAGRAPH

# News and photo agencies, as they appear in credits, datelines and trailers.
AGENCY = (r"(?:dpa(?:-AFX)?|AFP|AP|APA|Reuters|rtr|KNA|epd|SID|ddp|dts|ANP|ANSA|EFE|Belga|SDA|Keystone(?:-SDA)?|"
          r"TASS|Ria(?: Nowosti)?|Interfax|Ukrinform|Xinhua|Anadolu|IMAGO|Getty(?: Images)?|picture[ -]alliance|"
          r"EPA(?:-EFE)?|Pool|Sputnik|ots|Bloomberg)")
AGENCIES = rf"{AGENCY}(?:\s*[/,&+]\s*{AGENCY}|\s+und\s+{AGENCY})*"
SENTENCE_END = re.compile(r"[.!?…:;,\"“”»«)]\s*$")
INNER_SENTENCE_END = re.compile(r"[a-zäöüß]{2}[.!?][\"“”»«]?\s+[A-ZÄÖÜ\"„“»]")  # "… fahren. Es …"
CLOSED = re.compile(r"[.!?…\"“”»«’‘')\]:;]\s*$")
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 110
SHORT_LINE = 15  # words: furniture lines are short
CAPTION_MAX_WORDS = 50  # a credit-led line longer than this is an agency paragraph
LEAD_MIN_WORDS = 15  # a place in mixed case opens a dateline only in a lead paragraph this long

IMAGE_LINE = re.compile(r"^(?:!\[[^\]]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)\s*)+$")
URL_LINE = re.compile(r"^(?:<?https?://\S+>?|www\.\S+)$")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?=\S)")
# Photo credits: "IMAGO/Xinhua …", "picture alliance/dpa …", "Foto: …" opening a caption,
# "(Foto: Reuters)" or "© Name/Pool/AP/dpa" or "- dpa" closing it.
CAPTION_START = re.compile(
    r"^(?:(?:picture alliance|[A-Z][\w.-]*(?: [a-z]+)?)/[A-Za-z][\w.-]*(?:/[\w.-]+)*"
    r"|(?:Foto|Bild|Fotos|Photo)\s*:[^ ]*)\s+\S"
)
PHOTO_AGENCY = re.compile(rf"(?i)\b(?:{AGENCY}|foto|bild|photo)\b")
CAPTION_END = re.compile(r"\((?:Foto|Bild|Photo)\s*:[^)]*\)\s*$")
COPYRIGHT_END = re.compile(r"(?:©|\(c\)|Copyright\b)[^.!?]{0,100}$", re.IGNORECASE)
AGENCY_END = re.compile(rf"\s[-–—|/]\s*{AGENCIES}\s*$", re.IGNORECASE)
PICTURE_NOTE = re.compile(r"\((?:Archivbild|Archivfoto|Symbolbild|Symbolfoto|Archiv|Montage)\)", re.IGNORECASE)
# Credit lines: agencies, "Mit Informationen von …", "Von: APA/AFP", "Foto: …", bylines.
CREDIT_LINE = re.compile(
    rf"^(?:mit (?:informationen|material|agenturmaterial|inhalten)\b.*\b(?:von|aus|der|des)\b"
    rf"|quellen?:|material:|\(?{AGENCIES}\)?$"
    rf"|{AGENCY}(?:/[a-z]{{1,5}})+$)",
    re.IGNORECASE,
)
# "Foto: Stadtarchiv", "Copyright: dpa", "Von: APA/AFP": a label and a name or two.
LABELLED_CREDIT = re.compile(r"^(?:von|quelle|quellen|text|foto|fotos|bild|bilder|bildquelle|photo|copyright|credit"
                             r"|grafik)"
                             r"\s*:\s*\S", re.IGNORECASE)
LABELLED_CREDIT_WORDS = 6
EDITOR_CODES = re.compile(r"^/?[a-z]{2,5}(?:/[A-Za-z]{2,5}){1,4}$")
AUTHOR_CODE = re.compile(r"^[A-ZÄÖÜ]\.\s?[\w-]+--[\w-]+$")  # "A.Name--Site", the AFP byline
NAME_WORD = r"[A-ZÄÖÜ][\w'.-]+"
BYLINE = re.compile(rf"^[-–]?\s*(?i:von|by):?\s+{NAME_WORD}(?:\s+(?:{NAME_WORD}|und|von|van|de|der|zu))*"
                    rf"(?:\s*[,|]\s*[\w ]+)?$")
SIGNED_NAME = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:[ -][A-ZÄÖÜ][a-zäöüß]+)?\s[A-ZÄÖÜ]\.$")  # "Vorname N."
CREDIT_SLASH = re.compile(rf"(?:^|\s)(?:[\w.-]+\s*/\s*)*[\w.-]+\s*/\s*{AGENCY}(?:\s*/\s*[\w.-]+)*\s*$", re.IGNORECASE)
# The publisher speaking about its own pages, programmes, links and products.
FURNITURE_WORDS = re.compile(
    r"\b(?:ticker|liveblog|live-blog|newsblog|newsticker|newsletter|podcast|mediathek|mehr zum thema"
    r"|lesen sie (?:auch|mehr)|weitere informationen|hintergründe bei|hier geht es|zum artikel|startseite"
    r"|jetzt abonnieren|unsere[mnr]? (?:app|seite|kanal))\b"
    r"|\b[\w-]+\.(?:de|com|at|ch|org|net|eu)\b",
    re.IGNORECASE,
)
TEASER_START = re.compile(
    r"^(?:mehr zum thema|siehe auch|lesen sie auch|lesen sie mehr|auch interessant|das könnte sie auch interessieren"
    r"|alles zum thema|weitere artikel|weitere nachrichten|mehr dazu|hier weiterlesen|zum artikel|jetzt lesen"
    r"|empfohlener redaktioneller inhalt|meistgelesen|top-themen|verwandte themen|zur startseite|zurück zur)\b",
    re.IGNORECASE,
)
BROADCAST = re.compile(
    r"^(?:diese[sr]? (?:nachricht|meldung|sendung|information|beitrag|thema)\b.*\b(?:gesendet|ausgestrahlt|programm)\b"
    r"|sendung\s*:|sendehinweis\b|quelle\s*:\s*\w+ (?:nachrichten|aktuell|info)\b)",
    re.IGNORECASE,
)
NOTICE_START = re.compile(r"^(?:hinweis|disclaimer|haftungsausschluss|rechtlicher hinweis|transparenzhinweis|anzeige"
                          r"|werbung)"
                          r"\b\s*[:.]?", re.IGNORECASE)
ADVERT_LINE = re.compile(r"^(?:anzeige|werbung|advertisement|sponsored|gesponsert)$", re.IGNORECASE)
# Page controls: buttons and widgets of the page, a few words of this vocabulary and nothing else.
CONTROL_WORDS = set("""
teilen kopieren drucken anhören vorlesen feedback merken speichern kommentieren kommentare ausblenden einblenden
anzeigen schließen öffnen mehr erfahren weiterlesen newsletter abonnieren zurück weiter menü suche anmelden
abmelden login facebook twitter x whatsapp telegram e-mail mail link neu teilen artikel lesezeit audio video
bildunterschrift bildquelle vergrößern galerie bilderstrecke foto fotos bild bilder alle services hören play
startseite navigation inhalt springen zum zur ansehen abspielen folgen google news
""".split())
CAPTION_WIDGET = re.compile(r"Bildunterschrift|Bildquelle|Vergrößern|Galerie öffnen|zur Bildergalerie|Bilderstrecke"
                            r"|Video abspielen|Foto anzeigen|Bild anzeigen|^\d+\s*/\s*\d+$",
                            re.IGNORECASE)
SYMBOLS_ONLY = re.compile(r"^[\W_]+$")
DATE_ONLY = re.compile(r"^(?:\w+,?\s+)?\d{1,2}[./]\s?(?:\d{1,2}[./]|[A-ZÄÖÜ][a-zä]+\.?\s)\s?\d{2,4}"
                       r"(?:,?\s*(?:um\s*)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?$")
RELATIVE_TIME = re.compile(r"^(?:vor\s+)?(?:\d+|einer?|wenigen)\s+(?:sekunden?|minuten?|stunden?|tag(?:en?)?|"
                           r"wochen?|monat(?:en?)?)(?:\s+vor)?$", re.IGNORECASE)
COUNTER = re.compile(r"\b(?:aufrufe|lesezeit|kommentare|views|leser)\s*:?\s*\d", re.IGNORECASE)
FUNCTION_WORDS = set("""
der die das den dem des ein eine einen einem einer und oder aber mit von vom für auf in im an am aus bei nach
über unter vor gegen um zu zum zur ist sind war hat haben wird werden nicht kein keine sich als wie was wer
""".split())
# A German sentence never ends on an article, a preposition or a conjunction.
DANGLING = set("""
der die das den dem des ein eine einen einem einer eines und oder aber sondern denn dass weil wenn als wie zu zum
zur mit von vom für auf in im an am aus bei nach über unter vor gegen um durch ohne bis seit sowie
""".split())
LIST_ITEM = re.compile(r"^[-•*▶►▸◆■●·–]\ufe0e?\s+(?=\S)")

# Pieces at the edges of a content paragraph.
DATELINE_CAPS = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][A-ZÄÖÜ.'-]+(?:[ /][A-ZÄÖÜ][A-ZÄÖÜ.'-]+)*)(?:,\s*\d{1,2}\.\s*[A-ZÄÖÜ]?[a-zä]+\.?)?"
    r"\s*(?:\((?P<agency>[^()]{2,40})\)\s*[-–—:]|\s*[-–—])\s+(?=[\"„“»A-ZÄÖÜ0-9])")
DATELINE_AGENCY = re.compile(
    rf"^(?P<place>{NAME_WORD}(?:[ /-]{NAME_WORD}){{0,3}})\s*\((?P<agency>{AGENCIES})\)\s*[-–—:]\s+(?=\S)",
    re.IGNORECASE)
# "Wien/Berlin – …": places joined by a slash before a dash open an agency paragraph anywhere.
DATELINE_PLACES = re.compile(r"^(?P<place>[A-ZÄÖÜ][a-zäöüß]+(?:/[A-ZÄÖÜ][a-zäöüß]+)+)\s+[–—-]\s+(?=[\"„“»A-ZÄÖÜ])")
# "Wien – Die Gewerkschaft …", "Genf: Der Minister …": only where an article opens.
DATELINE_OPENING = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][a-zäöüß]+(?:[ /-][A-ZÄÖÜ][a-zäöüß]+)?)"
    r"(?:\s+[–—-]\s+|:\s+(?=(?:Der|Die|Das|Ein|Eine|Nach|Bei|Am|Im|In|Mit|Seit|Wie|Zum|Zur)\s))"
    r"(?=[\"„“»A-ZÄÖÜ])")
# "08.43 Uhr:", "+++ 08:43 +++", "13.02.2025, 08:43 Uhr -": a time with "Uhr" or a separator after it.
TICKER_TIME = re.compile(r"^(?:\+{3}\s*)?(?:\d{1,2}\.\d{1,2}\.(?:\d{2,4})?,?\s*)?(?P<time>\d{1,2}[.:]\d{2})"
                         r"(?:\s*Uhr\s*(?:\+{3})?\s*[-–—:|]?|\s*\+{3}\s*[-–—:|]?|\s*[-–—:|])\s+(?=\S)")
TICKER_OPEN = re.compile(r"^\+{3}\s*(?=\S)")
TICKER_CLOSE = re.compile(r"(?<=\S)\s*\+{3}\s*$")
TICKER_MARKERS = re.compile(r"^\+{3}\s*|\s*\+{3}$")
TRAILER = re.compile(rf"(?<=[.!?\"“”»«)])\s*(?:/[A-Za-z]{{1,5}}(?:/[A-Za-z0-9]{{1,5}}){{1,4}}"
                     rf"|\((?:{AGENCIES}|red|ots)\)"
                     rf"|[-–]\s*{AGENCIES})\s*$", re.IGNORECASE)
QUOTED = re.compile(r"„[^“”]*[“”]|»[^«]*«|«[^»]*»|\"[^\"]*\"|“[^”]*”")
# The patterns of a reader's address and of the furniture inside a sentence are written in
# lower case and searched for in the sentence in lower case: a search that ignores case
# tries each word of an alternation at every position, and takes about three times as long.
SECOND_PERSON = re.compile(r"\b(?:du|dich|dir|dein(?:e[mnrs]?)?|euch|euer|eure[mnrs]?)\b")
# What an advert offers the reader it speaks to ("bietet Dir …", "Jetzt gratis testen").
SERVICE = re.compile(r"\b(?:gratis|kostenlos|testen|abonnier\w*|newsletter|app|handy|smartphone|anmelden|registrier\w*"
                     r"|jetzt|hier|klick\w*|angebot\w*|möglichkeit|download\w*|herunterladen|bestell\w*|rabatt)\b")
READER_ADDRESS = re.compile(
    r"\b(?:lesen|klicken|finden|sehen|hören|abonnieren|erfahren)\s+sie\b[^.!?]*\b(?:hier|unten|oben|auch|mehr|jetzt)\b"
    r"|\bhier\s+(?:klicken|weiterlesen|lesen|abonnieren|anmelden)\b"
    r"|\bjetzt\b[^.!?]{0,40}\b(?:testen|abonnieren|bestellen|sichern|herunterladen|downloaden|registrieren|anmelden)\b"
    r"|https?://|www\.\w",
)
# Furniture that a line break did not separate from a sentence: image Markdown, credits,
# ticker markers, caption widgets, broadcast and agency trailers, teasers. The credits
# ("Name/dpa", "dpa/lno") hold a slash: searched for only in a sentence that has one.
INNER_CREDIT = re.compile(rf"(?:^|\s)(?:[\w.-]+\s*/\s*)+(?i:{AGENCY})\b(?!-)"
                          rf"|\b(?i:{AGENCY})\s*/\s*(?:(?i:{AGENCY})|[a-z]{{1,4}})\b(?!-)")
INNER_FURNITURE = re.compile(
    r"!\[[^\]]*\]\(|\+{3}"
    r"|(?:bildunterschrift|bildquelle|galerie öffnen|zur bildergalerie|diese (?:nachricht|meldung) wurde"
    r"|im programm \w+ gesendet|mit informationen von|alle aktuellen entwicklungen|mehr zum thema|lesen sie auch"
    r"|zum artikel)\b")
AD_LABEL = re.compile(r"(?:Werbung|Anzeige)\b")  # opening a sentence, in its case
OWN_PAGES = re.compile(r"^(?:alle|weitere|die neuesten)?\s*(?:aktuellen\s+)?(?:entwicklungen|infos|informationen|news|"
                       r"nachrichten)\b[^.!?]{0,40}\b(?:im|in unserem|in unserer|bei)\s+\S*(?:blog|ticker|app)\b")


def looks_like_heading(line: str) -> bool:
    """A short line that opens in upper case and has no final punctuation."""
    words = line.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and len(line) <= HEADING_MAX_CHARS
        and line[:1].isupper()
        and not SENTENCE_END.search(line)
        and "," not in line
        and not INNER_SENTENCE_END.search(line)
    )


def classify(line: str) -> tuple[str, str]:
    """The block kind of one line and, for non-content, the reason."""
    for test in (_image_or_link, _credit, _caption, _notice, _page_furniture):
        found = test(line)
        if found:
            return found
    if opening_dateline(line, first=False):
        return PARAGRAPH, ""  # an agency paragraph, however short
    if looks_like_heading(_without_ticker(line)) or _ticker_heading(line):
        return HEADING, ""
    return PARAGRAPH, ""


def _ticker_heading(line: str) -> bool:
    """A ticker entry's title: a time, then a short line that ends no sentence."""
    rest = _without_ticker(line)
    return (rest != line.strip() and 0 < len(rest.split()) <= HEADING_MAX_WORDS
            and not re.search(r"[.!?]\s*$", rest) and not INNER_SENTENCE_END.search(rest))


def _image_or_link(line: str) -> tuple[str, str] | None:
    """Image Markdown and bare addresses."""
    if IMAGE_LINE.match(line):
        return CAPTION, "image"
    if URL_LINE.match(line):
        return FURNITURE, "web address"
    return None


def _caption(line: str) -> tuple[str, str] | None:
    """A photo caption: a credit at its start or end, or a picture note."""
    if opening_dateline(line, first=False):
        return None
    words = len(line.split())
    if words > CAPTION_MAX_WORDS:
        return None
    if CAPTION_END.search(line) or COPYRIGHT_END.search(line) or PICTURE_NOTE.search(line):
        return CAPTION, "photo caption with a photo credit"
    if _caption_start(line) or (AGENCY_END.search(line) and words > 1):
        return CAPTION, "photo caption with a photo credit"
    return None


def _caption_start(line: str) -> bool:
    """A line opening with a photo credit: a photo agency's name, or no sentence after it."""
    m = CAPTION_START.match(line)
    if not m:
        return False
    credit = line[: m.end() - 1]
    return bool(PHOTO_AGENCY.search(credit)) or not re.search(r"[.!?]\s*$", line)


def _credit(line: str) -> tuple[str, str] | None:
    """Agency credits, editor codes and bylines."""
    if CREDIT_LINE.match(line) or EDITOR_CODES.match(line):
        return CREDIT, "agency credit"
    if LABELLED_CREDIT.match(line) and len(line.split()) <= LABELLED_CREDIT_WORDS:
        return CREDIT, "credit"
    short = len(line.split()) <= 10 and not CLOSED.search(line.rstrip("."))
    if AUTHOR_CODE.match(line) or SIGNED_NAME.match(line) or (short and BYLINE.match(line)):
        return CREDIT, "byline"
    if len(line.split()) <= 8 and CREDIT_SLASH.search(line):
        return CREDIT, "photo credit"
    return None


def _notice(line: str) -> tuple[str, str] | None:
    """Broadcast notes, publisher notices, adverts and teasers of other articles."""
    if BROADCAST.match(line):
        return FURNITURE, "broadcast note"
    if ADVERT_LINE.match(line) or NOTICE_START.match(line) and len(line.split()) > 1 and _notice_words(line):
        return FURNITURE, "notice or advert of the publisher"
    if TEASER_START.match(line):
        return FURNITURE, "teaser of other articles"
    return None


def _notice_words(line: str) -> bool:
    """Whether a "Hinweis:" line speaks of the page, not of the news."""
    return bool(re.search(r"\b(?:webseite|website|seite|rubrik|artikel|inhalte?|links?|cookies|datenschutz|"
                          r"verantwortlich|werbung|anzeige|partner|affiliate|provision)\b", line, re.IGNORECASE))


def _page_furniture(line: str) -> tuple[str, str] | None:
    """Short lines of the page around the article: controls, links, dates, labels, menus."""
    words = line.split()
    closed = bool(re.search(r"[.!?]\s*$", line))
    if SYMBOLS_ONLY.match(line) or DATE_ONLY.match(line) or RELATIVE_TIME.match(line) or _tag(words):
        return FURNITURE, "page element"
    if len(words) <= 4 and all(_control_word(w) for w in words):
        return FURNITURE, "page control"
    if len(words) <= 6 and CAPTION_WIDGET.search(line):
        return FURNITURE, "caption widget"
    if len(words) <= SHORT_LINE and not closed and (FURNITURE_WORDS.search(line) or COUNTER.search(line)
                                                    or re.search(r"\s[|·]\s", line)):
        return FURNITURE, "link or notice of the publisher"
    if LIST_ITEM.match(line) and not closed:
        return FURNITURE, "list of links"
    if _shouted(words) or _menu(words):
        return FURNITURE, "label or menu of the page"
    return None


def _tag(words: list[str]) -> bool:
    """An entry of a tag list ("Verkehr,"): a word or two that end on a comma."""
    return 0 < len(words) <= 3 and words[-1].endswith(",")


def _control_word(word: str) -> bool:
    """A word of a page control ("Teilen", "Mehr erfahren", "Bildunterschrift ausblenden")."""
    return word.strip(":·|»›>").lower() in CONTROL_WORDS


def _shouted(words: list[str]) -> bool:
    """A label in capitals ("JETZT LESEN"): news text is never set in capitals, datelines aside."""
    lettered = 0
    for word in words:
        if any(c.isalpha() for c in word):
            if not (word.isupper() and len(word) > 1):
                return False  # most lines: their first word
            lettered += 1
    return lettered >= 2


def _menu(words: list[str]) -> bool:
    """A menu or image title: four or more capitalised words, no function word, no punctuation."""
    return (len(words) >= 4 and all(w[:1].isupper() or w[:1].isdigit() for w in words)
            and not any(w.lower() in FUNCTION_WORDS for w in words)
            and not any(c in "".join(words) for c in ":,;.!?\"„“–-"))


def _without_ticker(line: str) -> str:
    """A line without its ticker time or +++ markers."""
    m = TICKER_TIME.match(line)
    rest = line[m.end():] if m else line
    return TICKER_MARKERS.sub("", rest).strip()


def opening_dateline(line: str, first: bool) -> re.Match | None:
    """The dateline a paragraph opens with; place names in mixed case only where the article opens."""
    patterns = [DATELINE_CAPS, DATELINE_AGENCY, DATELINE_PLACES]
    if first and len(line.split()) >= LEAD_MIN_WORDS:
        patterns.append(DATELINE_OPENING)
    for pattern in patterns:
        m = pattern.match(line)
        if m and _is_place(m.group("place")):
            return m
    return None


def _is_place(place: str) -> bool:
    """A dateline place is a word or a few, not a sentence's subject with its verb."""
    return len(place.split()) <= 4 and not any(w.lower() in FUNCTION_WORDS for w in re.split(r"[ /]", place))


def ticker_time(line: str) -> re.Match | None:
    """The time a ticker entry opens with ("08.43 Uhr:")."""
    return TICKER_TIME.match(line)


def list_marker(line: str) -> re.Match | None:
    """A list or teaser marker before a paragraph ("▶︎ ", "• ")."""
    return LIST_ITEM.match(line)


def trailer(line: str) -> re.Match | None:
    """Agency and editor codes after the last sentence ("…anzustreben./aha/DP/mis", "… (dpa)")."""
    return TRAILER.search(line)


def addresses_reader(sentence: str, alone: bool = False) -> bool:
    """A sentence of the publisher to the reader: an advert ("bietet Dir …", "Jetzt gratis testen"),
    a poll (a question to "du" on its own line), "Mehr dazu lesen Sie hier". A writer's "du"
    elsewhere (a proverb, an interview) is text."""
    outside = QUOTED.sub(" ", sentence).lower()
    if READER_ADDRESS.search(outside) or OWN_PAGES.match(outside):
        return True
    if not SECOND_PERSON.search(outside):
        return False
    return bool(SERVICE.search(outside)) or (alone and outside.rstrip().endswith("?"))


def inner_furniture(sentence: str) -> bool:
    """A sentence with furniture in it that its line did not separate ("… ausblenden", "Name/dpa")."""
    text = QUOTED.sub(" ", sentence)
    return bool(INNER_FURNITURE.search(text.lower()) or AD_LABEL.match(text)) \
        or ("/" in text and bool(INNER_CREDIT.search(text)))


def ticker_markers(line: str) -> tuple[re.Match | None, re.Match | None]:
    """The "+++" that open and close a ticker line, if any."""
    return TICKER_OPEN.match(line), TICKER_CLOSE.search(line)


def cut_off(sentence: str, language: str = "de") -> bool:
    """A sentence that breaks off: no closing punctuation, and it ends on a function word,
    a fragment, a hyphen or a word the language's word list does not know ("mit dem Mins")."""
    if CLOSED.search(sentence):
        return False
    words = re.findall(r"[\w-]+$", sentence.strip())
    if not words:
        return True
    last = words[0]
    if last.isdigit():
        return False  # a table, a score or a time: not a sentence that breaks off
    if last.endswith("-") or len(last) <= 2 or last.lower() in DANGLING:
        return True
    return not _known_word(last.split("-")[-1], language)


def load_word_list(language: str) -> None:
    """Load simplemma's word list of a language now (`cut_off` loads it on first use)."""
    _known_word("a", language)


class LookupDeferred(Exception):
    """A word was to be looked up in a word list inside `lookups_deferred`."""


_deferred = False  # inside `lookups_deferred`: a lookup raises LookupDeferred


@contextmanager
def lookups_deferred():
    """Within it, `cut_off` raises LookupDeferred where it would look a word up: a process
    that has not loaded the word list (German: 0.7 s to decode) leaves the few texts that
    need a lookup to one that has."""
    global _deferred
    before, _deferred = _deferred, True
    try:
        yield
    finally:
        _deferred = before


def _known_word(word: str, language: str) -> bool:
    """Whether a word (or its lower-case form) is in simplemma's word list of the language."""
    if _deferred:
        raise LookupDeferred(word)
    import simplemma  # loads its dictionary on first use

    try:
        return simplemma.is_known(word, lang=language) or simplemma.is_known(word.lower(), lang=language)
    except (ValueError, KeyError):  # a language simplemma does not have: do not judge
        return True


def agency_name(text: str | None) -> str | None:
    """The agency of a dateline as written, when it is one."""
    if not text:
        return None
    return text.strip() if re.fullmatch(AGENCIES, text.strip(), re.IGNORECASE) else None


def place_name(place: str) -> str:
    """A dateline place as a name: "OSLO/BERGEN" -> "Oslo/Bergen"."""
    if not place.isupper():
        return place
    return re.sub(r"[A-ZÄÖÜ]+", lambda m: m.group(0).capitalize(), place)


NOT_ALNUM = re.compile(r"[\W_]+")  # what str.isalnum rejects: \w is exactly isalnum and "_"


def normal_form(line: str) -> str:
    """The letters and digits of a line, lower-cased: for finding a line repeated."""
    return NOT_ALNUM.sub("", line.lower())


def markdown_heading(line: str) -> re.Match | None:
    """The '#' marker of a Markdown heading."""
    return MARKDOWN_HEADING.match(line)
