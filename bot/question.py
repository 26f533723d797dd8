"""Understanding a question: language, what it is about, and the filters and boosts it implies.

Pure: everything it needs (today's date, the glossary, the names and bodies that occur in the
minutes) is passed in, so each step can be tested on its own.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import Stemmer

from index.analysis import (
    fold,
    is_everyday,
    is_folded_stopword,
    is_stopword,
    split_compound,
    stopwords,
)
from index.bodies import (
    KF,
    KS,
    KSAU,
    RF,
    RS,
    RSAU,
    Body,
    body_spans,
    namnd_code,
    namnd_subjects,
    without_district,
)
from index.casenumber import (
    find_case_numbers,
    is_not_series,
    parse_case_number,
    plan_years,
    school_year,
)
from index.parser import MONTHS, parse_date
from index.property import take_designations

from .glossary import EN_IRREGULAR_PAST, Glossary, Match

MAX_CONCEPTS = 16

# -- language ----------------------------------------------------------------------------------

_SV_WORDS = frozenset(
    "vad vilka vilken vilket hur när var varför vem vems hände händer hänt med och att det "
    "som om för är har hade blev gick av på till i den de ett en beslutade beslöt beslutat "
    "kring angående inte ej under förra året nästa efter innan sedan fick får ska skulle "
    "finns fanns står ".split()
)
_EN_WORDS = frozenset(
    "what which who whom whose when where why how happened happen did does do was were is "
    "are the a an of to in on at for about with regarding has have had been decide decided "
    "decision any anything there this that last year yet still ever and or not council board "
    "committee agreement plan motion proposal new ".split()
)


def detect_language(text: str) -> str:
    """'sv' or 'en', by function words; Swedish letters tip a close call.

    >>> detect_language("What happened to the twin-town agreement?"), detect_language("Vad hände?")
    ('en', 'sv')
    """
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.lower())
    sv_words, en_words = _function_words()
    sv = sum(w in sv_words for w in words) + 0.5 * bool(re.search(r"[åäö]", text.lower()))
    en = sum(w in en_words for w in words)
    return "en" if en > sv else "sv"


@functools.lru_cache(maxsize=1)
def _function_words() -> tuple[frozenset[str], frozenset[str]]:
    """Swedish and English words that give a question's language away: the question words
    above and both languages' stop lists ("Can developers build fewer parking spaces if they
    offer car-sharing?" has no question word, but "can", "if" and "they"), the Swedish ones
    also as typed without å, ä and ö. A word of both lists ("i", "under", "for") tells
    nothing."""
    english = set(_EN_WORDS) | {
        line.strip() for line in resources.files("bot.data").joinpath("en_stopwords.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    # Chat drops å, ä and ö: "nar", "hur manga", "pa".
    swedish = set(_SV_WORDS) | stopwords() | {fold(w) for w in set(_SV_WORDS) | stopwords()}
    shared = english & swedish
    return frozenset(swedish - shared), frozenset(english - shared)


# -- words that carry no subject ---------------------------------------------------------------

_SV_FILLER = frozenset(
    "vad vilka vilken vilket hur när var varför vem vems hände händer hänt har hade blev "
    "gick beslutade beslöt beslutat bestämde sa sade tyckte tycker om med kring angående "
    "gällande rörande status läget ärendet ärenden frågan beslut besluten beslutet protokoll "
    "protokollet står stod finns fanns kan jag vi ni du få veta berätta visa säg säga något "
    "några någon senaste nu idag ännu fortfarande redan sagt gjort gjorde tagit tog fattat "
    "fattade nya paragraf paragrafen dnr diarienummer ärende ärendenummer godkänd godkänt "
    "godkända antagen antaget antagna beslutad beslutades klar klart avslagen avslaget "
    "avgjort avgjord handlar handlade nämnden nämndens stå behandla behandlade behandlades behandlas behandlat "
    "beslutas beslutats bestäms bestämts fattats tagits antagits antogs antas godkänts godkändes "
    # "Vad blev det med simhallen i slutändan?": how it ended is what the question asks anyway.
    "slutändan slutligen "
    # The possessive the stop list lacks: "sitt uppdrag".
    "sitt "
    # Chat spellings of stop words.
    "nåt nån nåra nånting nånstans sån sånt såna mkt "
    # "Hur många", "hur mycket" ask for an amount; "får", "fick" and chat's "dom" (de, dem) carry no subject.
    "många mycket får fick dom "
    # Modal verbs the stop list lacks: "ville" is no "villa", "måste" asks about what follows.
    "vill ville velat måste borde bör behöver behövde ".split()
)
# Chat is often typed without å, ä and ö: "nar ska forskolan sta klar".
_SV_FILLER_FOLDED = frozenset(fold(w) for w in _SV_FILLER)
_EN_FILLER = frozenset(
    "what which who whom whose when where why how happened happen happens did does do done "
    "was were is are be been being has have had the a an of to in on at for about with "
    "regarding concerning decide decided decides decision decisions status matter case issue "
    "tell me show anything any there it its they their them yet still ever please latest now "
    "today already say said made make take took taken going go went get got know this that "
    "these those and or whether outcome result results up so far kind paragraph section "
    "approved adopted passed rejected accepted agreed granted settled dnr number many much "
    "eventually finally ultimately will would shall should could must ".split()
)

# "Vad beslutade politikerna om hundparken?": the politicians are who decided, as a body
# named is, not what the question is about; "Vad tjänar politikerna?" keeps them.
_ACTORS = frozenset(
    "politikerna politiker politikern förtroendevalda ledamöterna styrande majoriteten oppositionen "
    "politicians politician councillors councilors councillor councilor members opposition majority".split()
)
# Verbs of deciding and saying; not "did", "får" or "gör", which ask about anything
# ("How much do politicians earn?", "Hur mycket får politikerna?").
_ACTS = frozenset(
    "beslutade beslöt beslutat beslutar bestämde bestämt bestämmer tyckte tycker tyckt sa sade sagt säger "
    "röstade röstat diskuterade diskuterat informerades informerats sagts rapporterade rapporterat "
    "föreslog föreslagit yrkade yrkat begärde begärt krävde krävt ville "
    "decided decide decides said say says told tell voted vote discussed discuss agreed "
    "think thought informed proposed propose moved move asked ask requested request demanded demand wanted want "
    "report reported".split()
)


def _without_actors(words: list[str]) -> list[str]:
    """The words without those naming who acted, when the question asks what was decided or
    said about something else ("Vad sa politikerna?" keeps them: nothing else is asked)."""
    lowered = [w.lower() for w in words]
    if not any(w in _ACTS for w in lowered):
        return words
    kept = [w for w, low in zip(words, lowered, strict=True) if low not in _ACTORS]
    rest = [w for w in kept if w.lower() not in _ACTS and w.lower() not in _SV_FILLER and w.lower() not in _EN_FILLER]
    return kept if rest and not all(is_stopword(w.lower()) for w in rest) else words


# -- parties -----------------------------------------------------------------------------------

PARTIES = {
    "S": ("socialdemokraterna", "socialdemokrat", "social democrats", "social democratic party", "social democrat"),
    "M": ("moderaterna", "moderat", "moderates", "moderate party", "the moderates"),
    "SD": ("sverigedemokraterna", "sverigedemokrat", "sweden democrats", "sweden democrat"),
    "C": ("centerpartiet", "centerpartist", "centre party", "center party"),
    "V": ("vänsterpartiet", "vänsterpartist", "left party", "the left"),
    "KD": ("kristdemokraterna", "kristdemokrat", "christian democrats", "christian democrat"),
    "L": ("liberalerna", "liberal", "liberals", "the liberals", "folkpartiet"),
    "MP": ("miljöpartiet", "miljöpartist", "green party", "greens", "the greens"),
}
_PARTY_NAMES = sorted(
    ((name, code) for code, names in PARTIES.items() for name in names), key=lambda item: -len(item[0])
)

# -- bodies in everyday words ------------------------------------------------------------------

# Words for an arbetsutskott, assembly or board, each with the codes it may stand for, the
# likelier first (see `_own_body`): "fullmäktige" or "the council" is the municipality's
# assembly, or the region's in an archive of a region's minutes. The region's own names come
# before the everyday words inside them ("regional executive board"), and every word must
# begin one: "fullmäktige" in "regionfullmäktige" is the region's.
_BODY_WORDS = (
    (r"\bregionstyrelsens\s+arbetsutskott\w*|\brsau\b|\bregion(?:al|'s)\s+(?:executive\s+(?:board|committee)'?s?\s+)?"
     r"working\s+(?:committee|group)", (RSAU.code,)),
    (r"\bkommunstyrelsens\s+arbetsutskott|\barbetsutskottet|\bksau\b|\bau\b|working\s+committee|"
     r"working\s+group|executive\s+committee'?s?\s+working|executive\s+board'?s?\s+working", (KSAU.code, RSAU.code)),
    (r"\bregionfullmäktig\w*|\bregional\s+(?:council|assembly)|\bregion's\s+(?:council|assembly)|\bcounty\s+council",
     (RF.code,)),
    (r"\bkommunfullmäktige|\bfullmäktige|\bkf\b|municipal\s+council|city\s+council|full\s+council|"
     r"the\s+council|council\s+meeting|the\s+assembly|municipal\s+assembly", (KF.code, RF.code)),
    (r"\bregionstyrelse\w*|\bregion(?:al|'s)\s+(?:executive\s+)?(?:board|executive\s+committee)", (RS.code,)),
    (r"\bkommunstyrelsen|\bks\b|executive\s+board|executive\s+committee|municipal\s+board|"
     r"municipal\s+executive|the\s+board", (KS.code, RS.code)),
)
# English words for a nämnd, matched against the nämnder that occur in the minutes; the
# Swedish name stands for one the minutes lack, so that it is known for a body without minutes.
_NAMND_EN = (
    (r"education|school|schools|preschool|children", ("utbildning", "skol", "barn"), "Utbildningsnämnden"),
    (r"building|planning|environment|environmental|construction", ("bygg", "miljö", "plan"), "Byggnämnden"),
    (r"social|welfare|social services", ("social",), "Socialnämnden"),
    (r"culture|leisure|recreation|sports", ("kultur", "fritid"), "Kulturnämnden"),
    (r"technical|technology|infrastructure", ("tekni",), "Tekniska nämnden"),
    (r"elderly|care|health", ("omsorg", "äldre", "vård"), "Omsorgsnämnden"),
)

# -- periods -----------------------------------------------------------------------------------

_EN_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name} | {
    name: i for i, name in enumerate(calendar.month_abbr) if name
}
_EN_MONTHS = {k.lower(): v for k, v in _EN_MONTHS.items()}
SEASONS = {
    "våren": (3, 5), "vår": (3, 5), "spring": (3, 5),
    "sommaren": (6, 8), "sommar": (6, 8), "summer": (6, 8),
    "hösten": (9, 11), "höst": (9, 11), "autumn": (9, 11), "fall": (9, 11),
    "vintern": (12, 2), "vinter": (12, 2), "winter": (12, 2),
}
# Not "för"/"for"/"of": "budgeten för 2024" and "the accounts of 2023" name the year a matter
# is about, which is usually not the year it was decided.
_YEAR_PREPS = r"(?:i|under|år|året|in|during|since|sedan|från|from)"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    text: str
    # False when the question gave no year and the latest such month or day was taken ("i
    # april"): the year may be wrong, and the period says less of when a thing happened.
    year_given: bool = True


@dataclass(frozen=True)
class Concept:
    """One thing the question is about, with the ways the minutes may say it, best first."""

    source: str  # the question's own words
    alternatives: tuple[tuple[str, float], ...]  # (Swedish text, weight)
    # "glossary": an English term translated; "guess": an English word read as the term a
    # typo away ("acounts"); "english": an English word the glossary lacks, searched as
    # written (names, places, Swedish words typed into English); "swedish".
    origin: str = "swedish"


@dataclass(frozen=True)
class Question:
    text: str
    language: str
    concepts: tuple[Concept, ...] = ()
    case_numbers: tuple[str, ...] = ()  # as typed
    properties: tuple[str, ...] = ()  # property designations, as index.property keys them
    paragraph: str | None = None
    body: str | None = None  # code
    body_name: str | None = None  # the body's name as the archive writes it, else as typed
    period: Period | None = None
    parties: tuple[str, ...] = ()
    people: tuple[str, ...] = ()  # lower-case full names as in the minutes
    municipality: str | None = None  # key of a municipality the question names
    names: tuple[str, ...] = ()  # other proper nouns, as written: places, buildings, projects
    outcome: str | None = None  # the one decision status the question asks after ("avslog")
    # The period dates a decision ("vad beslutade KS om X i december 2023?"), not the thing
    # decided on ("när är skolstarten hösten 2024?"): nothing decided then is no answer.
    decision_dated: bool = False
    # The body is who the question says acted ("har byggnämnden gett bygglov ...?", "what did
    # the council decide ...?"), not where someone sat ("ersättare i nämnden") or a matter went.
    body_acts: bool = False
    # The body is where someone was elected or sits ("vem valdes in i vård- och
    # omsorgsnämnden?"): the decision is often another's, the council's.
    body_seat: bool = False
    # Words of a clause that only sets the scene ("... när vattnet var förorenat"): what it
    # names may be put in other words in the minutes, or not at all.
    background: frozenset[str] = frozenset()
    scope: tuple[str, ...] = ()  # keys of the municipalities answered from when it names none
    notes: tuple[str, ...] = field(default=(), compare=False)  # what was understood, for humans
    asked_on: dt.date | None = None

    @property
    def deciding_body(self) -> str | None:
        """The body the question points at as where the matter was dealt with: none where it
        names only where someone sits."""
        return None if self.body_seat else self.body

    @property
    def topic(self) -> str:
        return " ".join(c.source for c in self.concepts)


def understand(
    text: str,
    *,
    today: dt.date,
    glossary: Glossary,
    language: str | None = None,
    people: frozenset[str] = frozenset(),
    bodies: dict[str, str] | None = None,
    municipalities: dict[str, str] | None = None,
) -> Question:
    """Turn a question into concepts to search for, plus filters and boosts."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)[:1000].strip()
    language = language if language in ("sv", "en") else detect_language(text)
    rest = text
    notes: list[str] = []

    cases = [c.printed for c in find_case_numbers(rest)]
    # "N-2024-0191" read loosely inside "SDN-N-2024-0191" is that number without its series.
    cases += [loose for loose in _loose_case_numbers(rest) if not any(loose in printed for printed in cases)]
    for printed in cases:
        rest = rest.replace(printed, " ")
    paragraph, rest = _take_paragraph(rest)
    properties, rest = take_designations(rest)
    period, rest = take_period(rest, today)
    if period:
        notes.append(f"period {period.start}..{period.end}")
    parties, rest = _take_parties(rest)
    # The names stay among the words searched: a person named in a decision ("beviljar Emil
    # Sandström (M) befrielse") is found by them, as well as by the indexed people.
    found_people = _people_named(rest, people)
    named_at = _find_body(rest, bodies or {}, glossary)
    body_acts = bool(named_at) and (
        _is_subject(rest[: named_at[1]]) or _acted_in(rest[: named_at[1]]) or _verb_follows(rest[named_at[2] :])
    )
    body_seat = bool(named_at) and not body_acts and _seat(rest[: named_at[1]])
    # The body found once: translating an English nämnd's name costs glossary look-ups.
    body, body_name, rest = _take_body(rest, named_at, bodies or {})
    other = _find_body(rest, bodies or {}, glossary) if body else None
    if other and not _genitive(rest, other[2]):
        # Another body named ("vad föreslog bygg- och miljönämnden om Smedjan 4, och antog
        # fullmäktige planen?") says who else dealt with the matter, not what it is about;
        # one in the genitive ("om valnämndens budget") is whose the subject is.
        rest = rest[: other[1]] + " " + rest[other[2] :]
    municipality, rest = _take_municipality(rest, municipalities or {})
    if municipality:
        notes.append(f"municipality {municipality}")
    names = _proper_nouns(rest)
    outcome = asked_outcome(rest)
    if outcome:
        notes.append(f"outcome {outcome}")
    decision_dated = bool(period) and dates_decision(text, period, outcome)
    words = re.findall(r"[^\W_](?:[\w\-']*[^\W_])?", rest)
    words = _without_actors(_without_degree(_without_command(words)))
    concepts = (
        _english_concepts(words, glossary) if language == "en" else _swedish_concepts(words, glossary)
    )
    # A question names a handful of things; a pasted page must not cost a query of hundreds.
    concepts = list({c.source: c for c in concepts}.values())[:MAX_CONCEPTS]
    return Question(
        text=text,
        language=language,
        concepts=tuple(concepts),
        case_numbers=tuple(dict.fromkeys(cases)),
        properties=tuple(properties),
        paragraph=paragraph,
        body=body,
        body_name=body_name,
        period=period,
        parties=tuple(parties),
        people=tuple(found_people),
        municipality=municipality,
        names=names,
        outcome=outcome,
        decision_dated=decision_dated,
        body_acts=body_acts,
        body_seat=body_seat,
        background=_background(text),
        notes=tuple(notes),
        asked_on=today,
    )


# Words that ask what was decided, in either language; an outcome asked after is one too.
_DECIDING = re.compile(
    r"\b(?:beslut\w*|beslöt\w*|bestämde\w*|bestämt\w*|röstade\w*|decid\w*|decision\w*|resolved|vot(?:e|ed|es|ing))\b",
    re.I,
)
# A period after one of these is when the thing decided on happens: "put off until June 2024",
# "avgiften från 2024".
_EVENT_TIME = re.compile(
    r"\b(?:until|till|tills|förrän|by|before|innan|före|after|efter|from|från|fr\.o\.m\.?)\s*$", re.I
)


def dates_decision(text: str, period: Period, outcome: str | None = None) -> bool:
    """Whether the question's period is when it asks a decision was taken: it asks about a
    decision, gives the year, and the period is not when the decided thing happens."""
    if not period.year_given or not (outcome or _DECIDING.search(text)):
        return False
    at = text.find(period.text)
    opening = period.text.split(" ", 1)[0]
    return not (_EVENT_TIME.search(text[: max(at, 0)]) or _EVENT_TIME.search(opening + " "))


# Words that ask after one outcome of a decision, in either language, by the status the parser
# gives a paragraph that records it.
_OUTCOMES = {
    "decided": r"antag(?:e[nt]|na|its|s)|antogs|godkän(?:d[ae]?|t|des|ts|ns)|bevilja(?:d[es]?|t|ts|des)"
    r"|adopt(?:ed)?|approved?|passed|granted|signed off",
    "rejected": r"avslog(?:s)?|avslag(?:en|et|na|its)?|avslås|reject(?:ed)?|refused|turn(?:ed)? down|vot(?:e|ed) down",
    "referred_back": r"återremitter\w*|återremiss\w*|sen[dt] back|refer(?:red)? back",
    # "Which items did the committee table?": the verb, not a table of votes, after "did".
    "tabled": r"bordla(?:gd|gt|gda|des|gts|de)|bordlägg\w*|tabled|(?<=\bdid\s)(?:\w+\s+){0,4}table|postponed?|defer(?:red)?"
    # "Varför sköts försäljningen upp?": put off, as a tabled matter is.
    r"|(?:sköts|skjuts|skjutits|skjuta|skjöt|sköt)\s+(?:\w+\s+){0,4}upp|uppsk(?:ö|ju)t(?:s|its|en|et|na)?",
    "answered": r"besvara(?:d|t|de|des|ts)|answered|(?<=\bdid)\s+(?:\w+\s+){0,4}answer",
    "withdrawn": r"återtag(?:en|et|its|s)|återtogs|drogs tillbaka|avskr(?:iv(?:en|et|na|its|s)|evs)|utgick|utgått"
    r"|ströks|struk(?:en|et|na|its)|withdrawn|withdrew|struck off|stricken|written off|removed from the agenda",
}
_OUTCOME_WORDS = {status: re.compile(rf"\b(?:{words})\b", re.I) for status, words in _OUTCOMES.items()}


# "Why was X sent back?" and "När antogs planen?" ask after that step of the matter too.
_SELECTING = re.compile(r"\s*(?:vilka|vilken|vilket|vad|varför|när|which|what|why|when)\b", re.I)


def asked_outcome(text: str) -> str | None:
    """The status of the paragraphs a question asks for, when it picks them by exactly one
    outcome ("Vilka bygglov avslog nämnden?" -> rejected). A yes/no question names an outcome
    only to ask whether it came about ("Är riktlinjerna antagna?": they may have been tabled),
    and one naming several ("adopted, or sent back?") picks by none."""
    if not _SELECTING.match(text):
        return None
    found = [status for status, pattern in _OUTCOME_WORDS.items() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def _loose_case_numbers(text: str) -> list[str]:
    """Case numbers typed without a "Dnr" label or series: '2023/412', 'ks-2023/0412',
    'ks2023/412', 'sdn-n-2024-0191'."""
    found = []
    # A series in lower case counts only when joined to the number ("ks-2023/0412",
    # "ks2023/412"), and its two parts to each other ("sdn-n-2024-0191"), so that "case
    # 2023/412" does not read as series CASE.
    pattern = r"(?<![\w/§])(?:[A-ZÅÄÖ]{1,6}[\s.\-]?|(?:[a-zåäö]{2,4}-)?[a-zåäö]{1,6}[.\-]?)?(?:19|20)\d\d(?:[/.:]\d{1,6}|-(?:0\d{2,5}|\d{5,6}))(?:[.\-]\d{1,4})?(?![\w/])"
    # "ks-2024-46": the way the index writes case keys, dashes all through; "KS 2024-46" and
    # "ks2024-46" are typed like it. A date has two digits after its year: "KS 2024-02-21" is none.
    keyed = r"(?<![\w/])(?:[A-ZÅÄÖ]{1,6}[\s\-]?|(?:[a-zåäö]{2,4}-)?[a-zåäö]{1,6}-?)(?:19|20)\d\d-\d{1,6}(?![\w/-])"
    for m in re.finditer(keyed, text):
        if not _plan_years(m.group(0)) and not _statute(m.group(0)):
            found.append(m.group(0))
    for m in re.finditer(pattern, text):
        if _plan_years(m.group(0)) or _statute(m.group(0)):
            continue
        if _year_span(m.group(0)) and not re.search(r"(?i)\b(?:ärende[nt]?|dnr|diarienummer|case)\W*$", text[: m.start()]):
            continue
        if parse_case_number(m.group(0)) and not find_case_numbers(m.group(0)) or m.group(0)[0].islower() and parse_case_number(m.group(0).upper()):
            found.append(m.group(0))
    return found


def _statute(text: str) -> bool:
    """"SFS 2018:1234", "LOU 2016:1145": a law's number, not a case's."""
    series = re.match(r"[A-Za-zÅÄÖåäö]+", text)
    return bool(series) and is_not_series(series.group(0))


def _plan_years(text: str) -> bool:
    """"KF 2024-2026": the years of a plan."""
    m = re.search(r"((?:19|20)\d\d)-(\d{4})\b", text)
    return bool(m) and plan_years(*m.groups())


def _year_span(text: str) -> bool:
    """"2024/2025" or "2024/25" with no series or "ärende" before it: a school or financial
    year."""
    m = re.fullmatch(r"((?:19|20)\d\d)/(\d{2}|\d{4})", text)
    return bool(m) and school_year(*m.groups())


_PARAGRAPH_REFS = (
    re.compile(r"§\s*(\d{1,4})"),
    re.compile(r"\b(?:paragraf(?:en)?|paragraph|par\.)\s*(?:nr\.?|no\.?|number)?\s*(\d{1,4})\b", re.I),
    # "AU 3:18": meeting 3, paragraph 18.
    re.compile(r"\b[A-ZÅÄÖ]{1,6}\s+\d{1,3}:(\d{1,4})\b"),
    # "KS 198" with the § left out; a body code in capitals, a number that is no year.
    re.compile(r"\b(?:KF|KS|KSAU|RF|RS|RSAU|AU|[A-ZÅÄÖ]{1,4}N)\s+(\d{1,3})\b(?![/:.\-]?\d)"),
)


def _take_paragraph(text: str) -> tuple[str | None, str]:
    for pattern in _PARAGRAPH_REFS:
        m = pattern.search(text)
        if m:
            # The body code stays in the text: it names the body as well.
            start = m.start(1) if pattern in _PARAGRAPH_REFS[2:] else m.start()
            return str(int(m.group(1))), text[:start] + " " + text[m.end() :]
    return None, text


def take_period(text: str, today: dt.date) -> tuple[Period | None, str]:
    """A date or period the question limits itself to, and the text without it."""
    for finder in (_exact_date, _relative_period, _season_period, _month_period, _year_period):
        found = finder(text, today)
        if found:
            period, span = found
            return period, text[: span[0]] + " " + text[span[1] :]
    return None, text


def _exact_date(text: str, today: dt.date):
    m = re.search(r"\b(?:19|20)\d\d-\d\d-\d\d\b|\b\d{1,2}(?:e|:e)?\s+[a-zåäö]+\.?\s+(?:19|20)\d\d\b", text, re.I)
    if m:
        day = parse_date(m.group(0))
        if day:
            return Period(day, day, m.group(0)), m.span()
    found = _numeric_date(text, today)
    if found:
        return found
    m = re.search(r"\b(" + "|".join(_EN_MONTHS) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", text, re.I)
    if m:
        try:
            day = dt.date(int(m.group(3)), _EN_MONTHS[m.group(1).lower()], int(m.group(2)))
        except ValueError:
            return None
        return Period(day, day, m.group(0)), m.span()
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + "|".join(_EN_MONTHS) + r")\.?,?\s+((?:19|20)\d\d)\b", text, re.I)
    if m:
        try:
            day = dt.date(int(m.group(3)), _EN_MONTHS[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            return None
        return Period(day, day, m.group(0)), m.span()
    return None


def _numeric_date(text: str, today: dt.date):
    """Day and month in figures, as Swedish minutes and mail write them: "20/11-23",
    "20/11 2023", "20.11.2023", and "den 20/11" (the last such day up to today). Times and
    decimals ("kl 9.10-12.00", "1.5-15 %") are none."""
    # Not followed by more figures, a time's minutes, a decimal or a per cent sign.
    after = r"(?!\d|/|[.:,]\d|\s*%)"
    dated = re.finditer(rf"(?<![\d/.\-])(\d{{1,2}})[/.](\d{{1,2}})[-/. ]((?:19|20)?\d\d){after}", text)
    undated = re.finditer(rf"\bden\s+(\d{{1,2}})/(\d{{1,2}})(){after}", text, re.I)
    for m in (*dated, *undated):
        if re.search(r"\bkl(?:ockan|\.)?\s*$", text[: m.start()], re.I):
            continue  # "kl 13.30 2024" is a time of day
        day, month, year_text = int(m.group(1)), int(m.group(2)), m.group(3)
        if len(year_text) == 4:
            year = int(year_text)
        elif year_text:
            year = 2000 + int(year_text)
            if year > today.year + 1:
                year -= 100  # "12/3-98"
        else:
            year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue
        return Period(found, found, m.group(0), year_given=bool(year_text)), m.span()
    return None


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _relative_period(text: str, today: dt.date):
    rules = (
        (r"\bförra året\b|\bi fjol\b|\blast year\b|\bprevious year\b", lambda: (dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))),
        (r"\bi år\b|\bthis year\b|\binnevarande år\b", lambda: (dt.date(today.year, 1, 1), today)),
        (r"\bnästa år\b|\bnext year\b", lambda: (dt.date(today.year + 1, 1, 1), dt.date(today.year + 1, 12, 31))),
        (r"\bförra månaden\b|\blast month\b", lambda: _month_range(*_shift_month(today, -1))),
        (r"\bdenna månad\b|\bthis month\b|\bi månaden\b", lambda: (today.replace(day=1), today)),
        (r"\bi våras\b|\blast spring\b", lambda: _season(today, (3, 5), last=True)),
        (r"\bi höstas\b|\blast autumn\b|\blast fall\b", lambda: _season(today, (9, 11), last=True)),
        (r"\bi somras\b|\blast summer\b", lambda: _season(today, (6, 8), last=True)),
        (r"\bi vintras\b|\blast winter\b", lambda: _season(today, (12, 2), last=True)),
    )
    for pattern, make in rules:
        m = re.search(pattern, text, re.I)
        if m:
            start, end = make()
            return Period(start, end, m.group(0)), m.span()
    return None


def _shift_month(day: dt.date, delta: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + delta
    return index // 12, index % 12 + 1


def _season(today: dt.date, months: tuple[int, int], *, last: bool, year: int | None = None) -> tuple[dt.date, dt.date]:
    first, final = months
    if year is None:
        year = today.year
        end_month_year = year + (1 if final < first else 0)
        if last and dt.date(end_month_year, final, calendar.monthrange(end_month_year, final)[1]) >= today:
            year -= 1
    end_year = year + (1 if final < first else 0)
    return dt.date(year, first, 1), dt.date(end_year, final, calendar.monthrange(end_year, final)[1])


def _season_period(text: str, today: dt.date):
    m = re.search(r"\b(" + "|".join(SEASONS) + r")\s+(?:of\s+)?((?:19|20)\d\d)\b", text, re.I)
    if m:
        start, end = _season(today, SEASONS[m.group(1).lower()], last=False, year=int(m.group(2)))
        return Period(start, end, m.group(0)), m.span()
    return None


def _month_period(text: str, today: dt.date):
    names = "|".join(sorted(set(MONTHS) | set(_EN_MONTHS), key=len, reverse=True))
    for m in re.finditer(rf"\b({names})\.?\s*,?\s*((?:19|20)\d\d)?\b", text, re.I):
        word = m.group(1).lower()
        # Short month names are also common words ("mar", "may", "dec"); they need a year.
        if len(word) < 4 and word != "maj" and not m.group(2):
            continue
        month = MONTHS.get(word) or _EN_MONTHS[word]
        if m.group(2):
            year = int(m.group(2))
        else:
            year = today.year if month <= today.month else today.year - 1
        start, end = _month_range(year, month)
        return Period(start, end, m.group(0), year_given=bool(m.group(2))), m.span()
    return None


def _year_period(text: str, today: dt.date):
    # "budgeten 2024" is a budget year, not a meeting date: a year limits the search only
    # after a preposition ("i 2023", "during 2023", "år 2023").
    m = re.search(rf"\b{_YEAR_PREPS}\s+((?:19|20)\d\d)\b", text, re.I)
    if m:
        year = int(m.group(1))
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), m.group(0)), m.span()
    return None


def _take_parties(text: str) -> tuple[list[str], str]:
    found: list[str] = []
    for name, code in _PARTY_NAMES:
        pattern = rf"(?<!\w){re.escape(name)}(?:s|ns|'s)?(?!\w)"
        if re.search(pattern, text, re.I):
            found.append(code)
            text = re.sub(pattern, " ", text, flags=re.I)
    # Abbreviations only in capitals and as words of their own: "(V)", "V:s", "SD".
    for m in re.finditer(r"(?<![\w§])\(?(S|M|SD|C|V|KD|L|MP)\)?(?::s)?(?![\w§])", text):
        if m.group(1) not in found and (len(m.group(1)) > 1 or m.group(0).startswith("(") or ":s" in m.group(0)):
            found.append(m.group(1))
            text = text.replace(m.group(0), " ", 1)
    # In brackets after a name, chat writes them in lower case too: "anna berg (s)".
    for m in re.finditer(r"\((s|m|sd|c|v|kd|l|mp)\)", text):
        found.append(m.group(1).upper())
        text = text.replace(m.group(0), " ", 1)
    return list(dict.fromkeys(found)), text


@functools.lru_cache(maxsize=4)
def _name_index(people: frozenset[str]) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """People by the first word of their name and the last of their surname, and surnames
    only one person has (of four letters or more) -> that person. Built once per set of names: a large archive names
    thousands of people, too many to try one by one on every question."""
    by_word: dict[str, list[str]] = {}
    surname_count: dict[str, int] = {}
    for name in people:
        words = _NAME_WORD.findall(name)
        if not words:
            continue
        # Found through the first word of the name, and the last word of the surname
        # ("berg" of "lindblad-berg", "brien" of "o'brien").
        for word in {words[0], words[-1]}:
            by_word.setdefault(word, []).append(name)
        surname_count[name.split()[-1]] = surname_count.get(name.split()[-1], 0) + 1
    unique = {
        name.split()[-1]: name
        for name in people
        if surname_count.get(name.split()[-1]) == 1 and len(name.split()[-1]) >= 4
    }
    return {k: tuple(v) for k, v in by_word.items()}, unique


_NAME_WORD = re.compile(r"\w+")


def _people_named(text: str, people: frozenset[str]) -> list[str]:
    found = []
    low = text.lower()
    by_word, unique = _name_index(people)
    words = set(_NAME_WORD.findall(low))
    words |= {w[:-1] for w in words if w.endswith("s")}  # "Lindblads"
    # Only names whose first word or surname the question holds can match.
    candidates = {name for w in words for name in by_word.get(w, ())}
    for name in sorted(candidates, key=lambda n: (-len(n), n)):
        pattern = rf"(?<!\w){re.escape(name)}s?(?!\w)"
        if re.search(pattern, low):
            found.append(name)
            low = re.sub(pattern, " ", low)
            continue
        # A surname alone counts when only one person in the minutes has it, and not after
        # another first name: "Per Holm" is someone the minutes name only in passing, not
        # "Ingrid Holm" who moved a motion.
        first, last = name.split()[0], name.split()[-1]
        pattern = rf"(?<!\w){re.escape(last)}s?(?!\w)"
        if unique.get(last) == name and re.search(pattern, low) and not _other_first_name(text, first, last):
            found.append(name)
            low = re.sub(pattern, " ", low)
    return found


def _other_first_name(text: str, first: str, last: str) -> bool:
    """Whether `last` follows a capitalised word other than `first` that opens no sentence."""
    for m in re.finditer(rf"(?<![\w-])([A-ZÅÄÖ][a-zåäöéü]+)\s+(?i:{re.escape(last)})s?(?!\w)", text):
        opens = not text[: m.start()].strip() or text[: m.start()].rstrip()[-1] in ".!?:"
        if not opens and m.group(1).lower() != first:
            return True
    return False


def _take_municipality(text: str, known: dict[str, str]) -> tuple[str | None, str]:
    """A municipality of the archive named as a word of its own: "Ekbacka", "Ekbackas",
    "Ekbacka kommun"; "Stockholm" for "Stockholms stad". Part of a compound ("Ekbackaåsen")
    is a place."""
    for key in sorted(known, key=len, reverse=True):
        m = _municipality_named(text, key)
        if m:
            return key, text[: m.start()] + " " + text[m.end() :]
    return None, text


_UNACCENTED = {"å": "[åa]", "ä": "[äa]", "ö": "[öo]", "é": "[ée]", "ü": "[üu]"}


def _municipality_named(text: str, key: str) -> re.Match | None:
    """Where the text names the municipality of `key`. Names are capitalised, but chat types
    them in lower case and without å, ä and ö ("i asvik"): a name so typed counts unless it
    is an everyday word ("vara", "mark" are words, not Vara or Mark). A region is also named
    without the word "region": "Norrhav" of "Region Norrhav"."""
    words = (key[:-1] if key.endswith("s") else key).split()
    before = r"(?<![\w-])"
    if len(words) > 1 and words[0] == "region":
        before, words = before + r"(?i:region\s+)?", words[1:]
    after = r"s?(?:\s+(?i:kommun|kommuns|stad|stads|municipality))?(?![\w-])"
    capitalised = r"\s+".join(rf"{re.escape(w[0].upper())}(?i:{re.escape(w[1:])})" for w in words)
    m = re.search(rf"{before}(?P<name>{capitalised}){after}", text)
    if m or all(is_everyday(w) for w in words):
        return m
    loose = r"\s+".join("".join(_UNACCENTED.get(ch, re.escape(ch)) for ch in w) for w in words)
    for m in re.finditer(rf"{before}(?P<name>{loose}){after}", text, re.I):
        if not all(is_everyday(w) for w in m.group("name").lower().split()):
            return m
    return None


def _proper_nouns(text: str) -> tuple[str, ...]:
    """Capitalised words that do not open a sentence: "Norrbacka", "Folkets" (hus),
    "Interreg". The first word of a sentence is capitalised whatever it is."""
    found = []
    for m in re.finditer(r"(?<![\w\-'’])[A-ZÅÄÖ][a-zåäöéü]{2,}(?=['’]s\b|[\s\-,.?!:;)]|$)", text):
        before = text[: m.start()].rstrip()
        # Words taken out of the question (a body, a person) leave gaps of any width.
        if before and re.match(r"[\w,)]", before[-1]):
            found.append(m.group(0))
    return tuple(dict.fromkeys(found))


# A question put as a command: "List the decisions of ...", "Lista besluten ...". Only as the
# first word: "the waiting list" is a thing asked about.
_COMMANDS = frozenset("list lista summarise summarize sammanfatta enumerate".split())


def _without_command(words: list[str]) -> list[str]:
    return words[1:] if words and words[0].lower() in _COMMANDS else words


# "Hur stort överskott ...?", "how big was the surplus?": a word of degree after "hur" or "how"
# asks for a figure, as "hur mycket" does; it names nothing the minutes would say.
_DEGREE = frozenset(
    "stor stort stora hög högt höga lång långt långa dyr dyrt dyra liten litet lilla små låg lågt låga "
    "big large high long expensive costly small low".split()
)


def _without_degree(words: list[str]) -> list[str]:
    return [w for i, w in enumerate(words) if not (i and words[i - 1].lower() in ("hur", "how") and w.lower() in _DEGREE)]


def _take_body(
    text: str, found: tuple[str, int, int] | None, known: dict[str, str]
) -> tuple[str | None, str | None, str]:
    """The body `_find_body` found in the text (code and name) and the text without it."""
    if found is None:
        return None, None, text
    code, start, end = found
    return code, known.get(code) or text[start:end], text[:start] + " " + text[end:]


def _find_body(text: str, known: dict[str, str], glossary: Glossary | None = None) -> tuple[str, int, int] | None:
    """The first body the text names: its code and where."""
    for pattern, codes in _BODY_WORDS:
        m = re.search(pattern, text, re.I)
        if m:
            return _own_body(codes, known), m.start(), m.end()
    unhyphenated = _unhyphenated_body(text, known)
    for start, end, body in body_spans(text):
        if unhyphenated and unhyphenated[1] <= start:
            break
        return _known_code(body, known), start, end
    if unhyphenated:
        return unhyphenated
    for code in known:
        m = re.search(_code_pattern(code), text)
        if m:
            return code, m.start(), m.end()
    for code in known:
        # Typed in lower case in chat ("vad ska bun betala?"): a code of three letters or more
        # that is no everyday word ("kon", "bin") is the body all the same.
        if len(code) >= 3 and not is_everyday(code.lower()):
            m = re.search(_code_pattern(code), text, re.I)
            if m:
                return code, m.start(), m.end()
    translated = _translated_namnd(text, known, glossary) if glossary else None
    if translated:
        return translated
    for pattern, stems, swedish in _NAMND_EN:
        m = re.search(rf"\b(?:{pattern})\s+(?:committee|board)\b", text, re.I)
        if m:
            for code, name in known.items():
                if "nämnd" in name.lower() and any(s in name.lower() for s in stems):
                    return code, m.start(), m.end()
            # No such nämnd in the minutes: named all the same, as "socialnämnden" would be,
            # so that the question is not answered with another body's decision.
            return namnd_code(swedish), m.start(), m.end()
    return None


_EN_BODY_NOUN = re.compile(r"(?i)\b((?:[a-z][a-z'-]*\s+){1,3})(committee|board)\b")


def _translated_namnd(text: str, known: dict[str, str], glossary: Glossary) -> tuple[str, int, int] | None:
    """An archive's nämnd named in English by what it does: "the crisis management committee"
    is the minutes' "Krisledningsnämnden", "the election board" their "Valnämnden". The words
    before the noun are translated by the glossary, as a whole phrase with the noun or joined
    to "nämnd"; only a name that one body of the archive has is taken."""
    for m in _EN_BODY_NOUN.finditer(text):
        typed = m.group(1).split()
        words = [w.lower() for w in typed]
        for i in range(len(words)):
            phrase = words[i:]
            wanted = set(_glossary_terms(glossary, [*phrase, m.group(2).lower()]))
            for term in _glossary_terms(glossary, phrase):
                wanted.update(_compounds(term, "nämnd"))
            if len(phrase) == 1 and len(typed[i]) > 1 and typed[i].isupper():
                # An abbreviation is the same in Swedish: "the joint IT committee" is the
                # minutes' "Gemensamma IT-nämnden".
                wanted.update((f"{phrase[0]}-nämnd", f"{phrase[0]}nämnd"))
            alike = {code for code, name in known.items() if any(_is_named(name, w) for w in wanted)}
            if len(alike) == 1:
                start = m.start(1) + len(" ".join(words[:i])) + (1 if i else 0)
                return alike.pop(), start, m.end()
    return None


def _glossary_terms(glossary: Glossary, words: list[str]) -> tuple[str, ...]:
    """The Swedish terms of the one glossary entry that all of `words` name, else ()."""
    items = glossary.english(words)
    return items[0].swedish if len(items) == 1 and isinstance(items[0], Match) else ()


def _is_named(name: str, term: str) -> bool:
    """Whether a body's name is `term`, a nämnd or styrelse, definite or not, maybe with
    words before it: "Krisledningsnämnden" is "krisledningsnämnd"."""
    if not term.endswith(("nämnd", "styrelse")):
        return False
    return bool(re.search(rf"(?:^|[\s-]){re.escape(term)}(?:en|n)?$", name.lower()))


def _known_code(body: Body, known: dict[str, str]) -> str:
    """The code of the archive's body that a body named in the question is."""
    if not known or body.code in known:
        return body.code
    if without_district(body.code) != body.code:
        # One district is never another's ("stadsdelsnämnden Söder" is not the archive's
        # Norra), but an archive whose minutes name no district has the nämnd itself.
        return without_district(body.code) if without_district(body.code) in known else body.code
    return _known_alike(body.name, known) or body.code


def _code_pattern(code: str) -> str:
    # A district's code is typed as the city prints its case numbers too: "SDN Norra".
    return r"(?<!\w)" + r"[-\s]".join(re.escape(part) for part in code.split("-")) + r"(?!\w)"


def _own_body(codes: tuple[str, ...], known: dict[str, str]) -> str:
    """Which of the bodies a word may stand for it names here: the first the archive holds
    ("the board" of a region's minutes is its regionstyrelse), else the likeliest."""
    return next((code for code in codes if code in known), codes[0])


def _unhyphenated_body(text: str, known: dict[str, str]) -> tuple[str, int, int] | None:
    """A known nämnd typed without its hyphen: "vård och omsorgsnämnden" is the archive's
    "Vård- och omsorgsnämnden", not an "Omsorgsnämnden" after the word "vård". Only known
    names: in the minutes, "förvaltningen och socialnämnden" are two."""
    found = []
    for code, name in known.items():
        first, joined, last = name.lower().partition("- och ")
        if joined:
            head = re.sub(r"ens?$", "", last)
            m = re.search(rf"(?<!\w){re.escape(first)}-?\s+och\s+{re.escape(head)}\w*", text, re.I)
            if m:
                found.append((m.start(), -m.end(), code))
    if not found:
        return None
    start, end, code = min(found)
    return code, start, -end


_SV_WH_WORDS = frozenset("vad varför hur när vilka vilken vilket vem".split())
_WH_WORDS = _SV_WH_WORDS | frozenset("what why how when which who".split())


def _is_subject(before: str) -> bool:
    """Whether a name after `before` is the question's subject: the first word after the
    question's verb, as in "Har byggnämnden ...", "Vad beslutade KS ...", "What did the council
    ...". A name after a preposition or further on is not ("ersättare i nämnden", "go to the
    council")."""
    words = re.findall(r"[^\W\d_][\w-]*", before.lower())
    if words and words[-1] in ("the", "den", "det"):
        words = words[:-1]
    if len(words) == 3 and words[0] in _SV_WH_WORDS and words[2] in _ACTS:
        return True  # "Vilken skattesats beslutade regionfullmäktige ...?": Swedish puts the verb second
    return len(words) == 1 or (len(words) == 2 and words[0] in _WH_WORDS)


# A preposition of place, and whose the body is: "in Åsvik's education committee".
_IN_BODY = re.compile(r"(?i:\b(?:i|på|inom|in|at|within))\s+(?:(?i:the|den|det)\s+)?(?:[\w-]+['’]s\s+|[A-ZÅÄÖ][\w-]*s\s+)?$")


def _acted_in(before: str) -> bool:
    """Whether a name after `before` is where the question says a vote or decision was taken:
    "Who voted against the budget in the regional executive board?". Someone sitting in a
    body ("vem ersätter X i nämnden") is no act of it."""
    return bool(_IN_BODY.search(before)) and any(w in _ACTS for w in re.findall(r"\w+", before.lower()))


# Words of a seat in a body; after them "i", "till", "to", "on" name where, not who decided.
_SEATS = frozenset(
    "val vald valda valdes valts väljs välja valde invald invaldes nyvald ledamot ledamöter ersättare "
    "ersätter ersatte ordförande vice sitter sitta satt plats platsen uppdrag uppdraget avgick avsade "
    "elected elect appointed appoint member members seat seats chair chairman chairperson vice sits sit "
    "joined join replaced replace replaces succeeded succeed substitute deputy resigned".split()
)
_TO_SEAT = re.compile(r"(?i:\b(?:i|till|in|into|to|on|onto|of|från|from))\s+(?:(?i:the|den|det)\s+)?$")


def _seat(before: str) -> bool:
    """Whether a name after `before` is a body someone was elected to, sits in or left:
    "vem valdes in i nämnden", "who was appointed to the board". The decision is the
    electing body's, often another."""
    if not _TO_SEAT.search(before):
        return False
    return any(w in _SEATS for w in re.findall(r"\w+", before.lower())[-6:])


# A clause of time or cause after the question's own: "hur många tankar ställdes ut när
# vattnet var förorenat?", "what was decided after the storm hit?".
_SCENE = re.compile(
    r"(?i)(?<=\w)[\s,]+(?:när|då|medan|eftersom|efter\s+att|innan|when|while|after|because|since|before)\s+(?P<clause>[^,.;?!]+)"
)


def _background(text: str) -> frozenset[str]:
    """The words of a clause that sets the scene of the question, not its subject."""
    m = _SCENE.search(text)
    return frozenset(w.lower() for w in re.findall(r"[^\W\d_][\w-]*", m.group("clause"))) if m else frozenset()


def _verb_follows(after: str) -> bool:
    """Whether the body named just before `after` is a clause's subject, its verb next: "when
    the council bought Byn 1:23", "när fullmäktige köpte Byn 1:23", not "the council's"
    or "nämnden för teknik"."""
    m = re.match(r"\s+([a-zåäö]+)\b", after)
    if not m:
        return False
    word = m.group(1)
    return word in _ACTS or word in EN_IRREGULAR_PAST or bool(re.fullmatch(r"[a-z]{3,}ed|[a-zåäö]{2,}[dt]e", word))


def _genitive(text: str, end: int) -> bool:
    """Whether the name ending at `end` is in the genitive ("valnämndens budget", "the
    board's proposal"): the body is then whose the subject is, not who acted."""
    word = text[:end] + re.match(r"[\w']*", text[end:]).group(0)
    return bool(re.search(r"(?:ens|ets|es|'s)$", word, re.I))


def _known_alike(name: str, known: dict[str, str]) -> str | None:
    """The one body of the archive a nämnd named in everyday words is: "byggnämnden" for the
    minutes' "Bygg- och miljönämnden", "utbildningsnämnden" for "Barn- och
    utbildningsnämnden". None when no body, or several, share its subject. A subject the
    archive's names lack may be a kind of one of theirs: "äldreomsorgsnämnden" is the
    minutes' "Vård- och omsorgsnämnden" by its last part, "omsorg"."""
    subjects = namnd_subjects(name)
    if len(subjects) != 1:
        return None
    (subject,) = subjects
    for wanted in (subject, (split_compound(subject) or (subject,))[-1]):
        alike = [code for code, full in known.items() if wanted in namnd_subjects(full)]
        if alike:
            return alike[0] if len(alike) == 1 else None
    return None


def _english_concepts(words: list[str], glossary: Glossary) -> list[Concept]:
    # "twin-town" and "twin town" are one term to the glossary.
    tokens = [part for w in words for part in w.lower().split("-") if part]
    # "firestation" typed for "fire station": the glossary's term of two words.
    tokens = [part for t in tokens for part in (glossary.closed_compound(t) or (t,))]
    concepts = []
    # Only words that are neither everyday question words nor English words the glossary
    # itself uses may be read as a typo of a term: "leaving" is no "leasing".
    known = _glossary_stems(glossary)
    fuzzy = frozenset(t for t in tokens if t not in _EN_FILLER and _english_stem(t) not in known)
    items = glossary.english(tokens, fuzzy=fuzzy)
    while changed := _first_letters_changed(items, glossary) & fuzzy:
        # The words are read again without the guess: another may take them.
        fuzzy -= changed
        items = glossary.english(tokens, fuzzy=fuzzy)
    for first, second in zip(items, items[1:], strict=False):
        if (
            isinstance(first, Match) and isinstance(second, Match) and not (first.guessed or second.guessed)
            and not (_asks(first.english) or _asks(second.english))
        ):
            # "cycle plan" is one Swedish word, "cykelplan": kept only where the minutes have it.
            # Not "how much" and "extra money": the question's own words join nothing.
            joined = _compounds(first.swedish[0], second.swedish[0])
            if joined:
                concepts.append(Concept(f"{first.english} {second.english}", tuple((w, 1.0) for w in joined), "english"))
    for item in items:
        if isinstance(item, Match):
            if item.domain == "general":
                continue  # "decision", "approve": every paragraph is about those
            alternatives = tuple((sv, 1.0 if i == 0 else 0.8) for i, sv in enumerate(item.swedish[:6]))
            concepts.append(Concept(item.english, alternatives, "guess" if item.guessed else "glossary"))
        elif len(item) > 1 and item not in _EN_FILLER and (not item.isdigit() or len(item) == 4):
            # Names, places and Swedish words typed into an English question pass as they are.
            concepts.append(Concept(item, ((item, 1.0),), "english"))
    return concepts


def _asks(english: str) -> bool:
    """Whether a glossary term is a question's phrase: "how much", "why", "who decided"."""
    return english.split()[0] in _WH_WORDS


@functools.lru_cache(maxsize=4096)
def _english_stem(word: str) -> str:
    # A stemmer of its own per word not yet seen: one shared by the bot's threads is not safe.
    return Stemmer.Stemmer("english").stemWord(word)


@functools.lru_cache(maxsize=4)
def _glossary_stems(glossary: Glossary) -> frozenset[str]:
    """The English stems of every word the glossary's terms use: words spelt right."""
    return frozenset(_english_stem(w) for e in glossary.entries for t in e.en for w in re.findall(r"[a-z]+", t.lower()))


def _first_letters_changed(items: list[Match | str], glossary: Glossary) -> set[str]:
    """The words of guesses that change a word's first letter, which a typo seldom does:
    "dental" is a word of its own, not a typo of "rental"."""
    changed: set[str] = set()
    for item in items:
        if not (isinstance(item, Match) and item.guessed):
            continue
        typed = item.english.split()
        swedish = set(item.swedish)
        terms = [t.split() for e in glossary.entries if set(e.sv) <= swedish for t in e.en]
        if not any(len(t) == len(typed) and all(a[0] == b[0] for a, b in zip(typed, t, strict=True)) for t in terms):
            changed |= set(typed)
    return changed


def _compounds(head: str, tail: str) -> tuple[str, ...]:
    """Swedish compounds of two single words, with and without the linking s."""
    if " " in head + tail:
        return ()
    return (head + tail,) if head.endswith("s") else (head + tail, head + "s" + tail)


def _swedish_concepts(words: list[str], glossary: Glossary) -> list[Concept]:
    concepts = []
    for word in words:
        low = word.lower()
        if low in _SV_FILLER or is_stopword(low) or len(low) < 2:
            continue
        if low.isascii() and (low in _SV_FILLER_FOLDED or is_folded_stopword(low)):
            continue
        synonyms = glossary.swedish_synonyms(low)
        alternatives = ((low, 1.0),) + tuple((s, 0.6) for s in synonyms[:4])
        concepts.append(Concept(low, alternatives))
    return concepts
