"""Composing an answer: paragraphs found -> the matter they belong to -> a renderer-neutral record.

An answer is about a matter (one case number as it travels between bodies): its latest step is
its status and all steps form its timeline. The paragraph shown is the step the question points
at (a body, a date, a §), or else the latest one. Every sentence of the summary is taken from
the paragraph itself; when the best match does not cover what the question is about, the
answer says nothing relevant was found and offers the closest matches instead.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from index.analysis import (
    MIN_PART,
    PARTICLES,
    TermGroup,
    accent_variants,
    derived_forms,
    fold,
    is_everyday,
    is_stopword,
    query_terms,
    split_compound,
    swedish_analyzer,
    word_rank,
    word_terms,
)
from index.backend import SearchBackend
from index.casenumber import find_case_numbers, parse_case_number
from index.headings import section_kind
from index.parser import MONTHS, members_named
from index.property import find_designations
from index.records import Ballot, Meeting, Motion, Paragraph, Vote
from index.schema import UNKNOWN_MUNICIPALITY
from index.search import Filters, Hit, ParsedQuery, distinct
from index.text import SENTENCE_BREAK

from .glossary import Glossary
from .question import SEASONS, Concept, Question
from .wording import status_text

# Below this share of the question's concepts found in the best paragraph, it is not an answer.
# Calibrated on the development set (see README, "Evaluation").
MIN_COVERAGE = 0.2
# ...and below this share when something the question names is in no paragraph at all.
MIN_COVERAGE_WITH_GAP = 0.8
# A question's period may say when a thing happened, not when it was minuted: an answer from
# the period meeting less than this share of it is weighed against the best from any time,
# which replaces it when it meets this much more.
WEAK_IN_PERIOD = 0.6
BETTER_ELSEWHEN = 0.3
SEARCH_DEPTH = 40
OTHER_MATCHES = 3
SUMMARY_SENTENCES = 3
_BODY_FACTOR = 1.5
_OUTCOME_FACTOR = 1.5
_PARTY_BOOST = 2.0
_PERSON_BOOST = 3.0
_BODY_NAME_BOOST = 1.0
_PROPERTY_BOOST = 3.0  # "Lunda 3:14" names one property, as a case number names one matter
# Paragraphs that open every meeting; they mention everything and decide nothing of substance.
_PROCEDURAL = re.compile(
    r"^(?:val av justerare|justering|fastställande av dagordning|dagordning|godkännande av "
    r"dagordning|anmälan av delegationsbeslut|delegationsbeslut|meddelanden|anmälningsärenden|"
    r"allmänhetens frågestund|upprop|mötets öppnande|sammanträdets öppnande|"
    r"övriga frågor|val av protokollsjusterare)\b"
    # "Information från förvaltningen" covers whatever was said; "Information om
    # vattenskyddsområdet" is a matter of its own.
    r"|^information(?:särenden?)?\b(?!.*\b(?:om|angående|gällande|rörande|kring|avseende)\b)",
    re.I,
)
_PROCEDURAL_FACTOR = 0.35
# The first matters that scored at least this share of the best (a procedural one before it
# was scored down) are weighed by how much of the question they cover. Measured over 0.5-0.9
# on the development set and three later question sets: 0.7 answered the most right;
# 0.6 and below began to answer unanswerable questions, 0.8 and above gained less.
_RIVALS = 8
_RIVAL_SHARE = 0.7
# Another matter telling when a thing happens must meet this much of the question: one
# meeting a word or two of it says when something else happens.
_TELLS_WHEN_COVERAGE = 0.8
# How many matters meeting nothing of the question may score above the first that does.
_MEETING_NOTHING = 2
_CORRECTION_WEIGHT = 0.8
# A word of the other part of speech is the same subject, as a synonym is.
_DERIVED_WEIGHT = 0.8
_LONG_WORD = 10
_NAMED_PLACE_FACTOR = 2.0  # a hint, not a filter: the same name may be a place in two towns
_OTHERS_FLOOR = 0.4
_PARTLY = 0.5  # a compound of the question mentioned only by its first parts
# Words at least this common in Swedish (by the lexicon's rank) say little of what a question
# is about: "ny", "fler", "beslut", "kommun".
_COMMON_RANK = 1000


# A step of a matter's path is one of its paragraphs, as search found it.
Step = Hit


@dataclass(frozen=True)
class Answer:
    question: str
    language: str
    found: bool
    title: str = ""
    status: str = "unknown"  # the matter's: its latest step's
    status_text: str = ""
    status_phrase: str = ""  # the document's own decision wording
    next_body: str | None = None
    step: Step | None = None  # the paragraph the answer is drawn from
    decision: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    # The cited paragraph's debate, as the minutes record it: who moved what, the votes,
    # the reservations and the minuted statements (protokollsanteckning, jäv).
    motions: tuple[Motion, ...] = ()
    votes: tuple[Vote, ...] = ()
    ballots: tuple[Ballot, ...] = ()  # how the people the question names voted, by name
    vote_meanings: tuple[str, ...] = ()  # per vote, what a yes and a no were for ("" if unsaid)
    reservations: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    case_numbers: tuple[str, ...] = ()
    timeline: tuple[Step, ...] = ()
    # Asked what a body decided at a time, with no subject: every paragraph of that meeting.
    agenda: tuple[Hit, ...] = ()
    hits: tuple[Hit, ...] = ()  # best first; the answer's paragraph first when found
    others: tuple[Hit, ...] = ()  # best paragraphs of other matters
    coverage: float = field(default=0.0, compare=False)  # evidence for the not-found decision
    gap: bool = field(default=False, compare=False)
    direct: bool = field(default=False, compare=False)  # named by case number or §
    # Municipality key -> name, when the archive holds several: an answer then says whose
    # minutes each paragraph is from.
    places: dict[str, str] = field(default_factory=dict, compare=False)
    # The question named no municipality and the other matches include another's: the
    # reader is told that naming one would narrow the answer.
    several_places: bool = field(default=False, compare=False)
    # What the question asked for that no paragraph matched, and the answer had to do
    # without: ("period", "2019-01-01..2019-12-31"), ("case", "KS 2019/999"), ("paragraph", "50").
    # A reader asking about 2019 must not take a 2024 answer for 2019's.
    set_aside: tuple[tuple[str, str], ...] = ()
    # Not found because the best matter's minutes lack the detail asked for ("amount"): its
    # paragraphs lead `hits`, and the reader is told what they lack.
    unstated: str = ""

    def place_of(self, hit: Hit | None) -> str:
        return self.places.get(hit.municipality, "") if hit is not None else ""

    @property
    def later_step(self) -> Step | None:
        """The matter's latest step when the answer cites an earlier one: the status is that
        step's, and a reader must not take it for the cited meeting's decision."""
        if self.step is None or not self.timeline or self.timeline[-1].doc_id == self.step.doc_id:
            return None
        return self.timeline[-1]

    @property
    def explained_votes(self) -> tuple[tuple[Vote, str], ...]:
        """Each vote with what a yes and a no were for ("" where the minutes do not say)."""
        meanings = self.vote_meanings if len(self.vote_meanings) == len(self.votes) else ("",) * len(self.votes)
        return tuple(zip(self.votes, meanings, strict=True))

    def to_json(self) -> dict:
        answer = None
        if self.found and self.step is not None:
            answer = {
                "title": self.title,
                "status": self.status,
                "status_text": self.status_text,
                "status_phrase": self.status_phrase,
                "next_body": self.next_body,
                "municipality": self.place_of(self.step) or None,
                "body": self.step.body,
                "body_name": self.step.body_name,
                "meeting_date": self.step.meeting_date,
                "paragraph": self.step.paragraph,
                "paragraph_status": self.step.status,
                "decision": list(self.decision),
                "summary": " ".join(self.summary),
                "motions": [{"person": m.person, "party": m.party, "text": m.text} for m in self.motions],
                "votes": [
                    {"yes": v.yes, "no": v.no, "abstain": v.abstain, "text": v.text, "meaning": meaning}
                    for v, meaning in self.explained_votes
                ],
                "ballots": [{"person": b.person, "party": b.party, "choice": b.choice} for b in self.ballots],
                "reservations": list(self.reservations),
                "notes": list(self.notes),
                "case_numbers": list(self.case_numbers),
                "agenda": [{"paragraph": h.paragraph, "title": h.title, "status": h.status} for h in self.agenda],
                "timeline": [
                    {"body": s.body, "meeting_date": s.meeting_date, "paragraph": s.paragraph, "status": s.status}
                    for s in self.timeline
                ],
                "citation": {"source": self.step.source, "page": self.step.page},
            }
        return {
            "question": self.question,
            "language": self.language,
            "found": self.found,
            "unstated": self.unstated or None,
            "set_aside": [{"kind": kind, "asked": asked} for kind, asked in self.set_aside],
            "answer": answer,
            "hits": [h.to_json() for h in self.hits],
            "others": [h.to_json() for h in self.others],
            "several_places": self.several_places,
        }


# -- query ---------------------------------------------------------------------------------------


def with_corrections(question: Question, ix: SearchBackend) -> Question:
    """The question with typo corrections added: a word no paragraph holds gets the indexed
    words one or two edits away as further wordings ("solcelerna" -> "solceller")."""
    concepts = []
    names = {name.lower() for name in question.names}
    for concept in question.concepts:
        if concept.origin == "english" and not _may_be_swedish(concept.source, names):
            concepts.append(concept)  # "asking" is no typo of "askling"
            continue
        if concept.origin in ("glossary", "guess") or " " in concept.source:
            # The glossary's Swedish is spelt right: "förorening" missing from the minutes is
            # a subject they lack, not a typo of "förening"; so is a compound joined from two
            # English terms ("cykelplan"), kept only where the minutes have it.
            concepts.append(concept)
            continue
        extra: list[tuple[str, float]] = []
        for text, weight in concept.alternatives[:1]:  # the word typed; synonyms are the glossary's
            groups = query_terms(text)
            if len(groups) != 1 or any(ix.document_frequency(t) for t in groups[0].terms + groups[0].parts):
                continue  # a known word, a new compound of known ones, or several words
            similar = ix.similar_terms(groups[0].terms[0], word=text)
            extra += [(term, weight * _CORRECTION_WEIGHT) for term in similar]
        known = {text for text, _ in concept.alternatives}
        extra = [(t, w) for t, w in extra if t not in known]
        concepts.append(replace(concept, alternatives=concept.alternatives + tuple(extra)) if extra else concept)
    properties = tuple(_indexed_property(key, ix) for key in question.properties)
    return replace(question, concepts=tuple(concepts), properties=properties)


def with_derived_forms(question: Question, ix: SearchBackend) -> Question:
    """The question with the other part of speech of a word the minutes lack added where they
    hold it: "översvämningarna" where they say "källare översvämmades", "förorenat" where
    they speak of "förorening"."""
    concepts = []
    for concept in question.concepts:
        wording = concept.alternatives[0][0]
        groups = query_terms(wording)
        if concept.origin == "english" or len(groups) != 1 or _held(groups[0], ix):
            concepts.append(concept)
            continue
        known = {text for text, _ in concept.alternatives}
        extra = tuple(
            (form, _DERIVED_WEIGHT) for form in derived_forms(wording)
            if form not in known and any(_held(g, ix) for g in query_terms(form))
        )
        concepts.append(replace(concept, alternatives=concept.alternatives + extra) if extra else concept)
    return replace(question, concepts=tuple(concepts))


def _held(group: TermGroup, ix: SearchBackend) -> bool:
    return any(ix.document_frequency(t) for t in group.terms)


def _indexed_property(key: str, ix: SearchBackend) -> str:
    """A property typed without å, ä and ö ("vasterby 2:7") as the minutes spell it
    ("västerby 2:7"), where they name it; else as typed."""
    if ix.document_frequency(key, "property"):
        return key
    name, _, number = key.rpartition(" ")
    spelt = (f"{variant} {number}" for variant in accent_variants(name)[1:])
    return next((candidate for candidate in spelt if ix.document_frequency(candidate, "property")), key)


def _may_be_swedish(word: str, names: set[str]) -> bool:
    """Whether a word of an English question that the glossary lacks may be a misspelt
    Swedish word or name, not an everyday English word: a name, a word with å, ä or ö, or
    a word as long as Swedish compounds are and English words seldom are."""
    return word in names or bool(re.search("[åäö]", word)) or len(word) >= _LONG_WORD


def named_municipality(question: Question, ix: SearchBackend) -> str | None:
    """The municipality the question's names belong to, when it names none outright.

    A place, building or person that the minutes of only one municipality mention tells which
    municipality is meant ("the preschool in Norrbacka"); a name found in several, or in
    protocols that name no municipality, tells nothing, and names pointing to different
    municipalities cancel out."""
    if question.municipality or not (question.names or question.people) or len(ix.known_municipalities()) < 2:
        return None
    lookups = [("people", person) for person in question.people]
    lookups += [("text", g.terms[0]) for name in question.names for g in query_terms(name)[:1]]
    pointed = set()
    for fieldname, term in lookups:
        places = set(ix.municipality_counts(term, fieldname))
        # A protocol that names no municipality may be any one's: its names point nowhere.
        if len(places) == 1 and UNKNOWN_MUNICIPALITY not in places:
            pointed |= places
    return pointed.pop() if len(pointed) == 1 else None


def build_search(question: Question, place: str | None = None) -> ParsedQuery:
    """The index query a question implies: its concepts, with the party and people as boosts,
    the body it names and the municipality its names point to (`place`) as preferences; a
    period or § as filters."""
    boosts = [("party", p.lower(), _PARTY_BOOST) for p in question.parties]
    boosts += [("people", p, _PERSON_BOOST) for p in question.people]
    boosts += [("property", key, _PROPERTY_BOOST) for key in question.properties]
    # A body's name in the text is the paragraph's subject as often as its author is ("fyllnadsval
    # - ersättare i bygg- och miljönämnden", decided by the council): the head of the name counts
    # as a word of the question, one a paragraph may lack.
    head = _head_term(question.body_name or "")
    boosts += [("text", head, _BODY_NAME_BOOST)] if head else []
    # A body named is a strong hint whatever the words score: it multiplies.
    prefer = [("body", question.deciding_body, _BODY_FACTOR)] if question.deciding_body else []
    # "What did the Left Party say about the preschool?" is asked of where it spoke, which
    # may be a nämnd's step filed under a number of its own: a hint as strong as a body's.
    prefer += [("party", p.lower(), _BODY_FACTOR) for p in question.parties]
    if place:
        prefer.append(("municipality", place, _NAMED_PLACE_FACTOR))
    if question.outcome:
        prefer.append(("status", question.outcome, _OUTCOME_FACTOR))
    case_keys = tuple(c.key for c in map(parse_case_number, question.case_numbers) if c)
    filters = Filters(
        # A case number in the question names the matter outright.
        case=question.case_numbers[0] if question.case_numbers else None,
        date_from=question.period.start if question.period else None,
        date_to=question.period.end if question.period else None,
        paragraph=question.paragraph,
        municipality=question.municipality,
        scope=question.scope,
        # With nothing else to go on, the body is a filter, not a boost.
        body=question.body if question.paragraph or not (question.concepts or case_keys) else None,
        title_year=_title_year(question),
    )
    return ParsedQuery(
        words="",
        case_keys=case_keys,
        filters=filters,
        concepts=tuple(c.alternatives for c in question.concepts),
        boosts=tuple(boosts),
        prefer=tuple(prefer),
        # No period, case number or §: the newer of two like matters is the likelier meant.
        recent=None if question.period or case_keys or question.paragraph else question.asked_on,
    )


def _title_year(question: Question) -> str | None:
    """The year a question about something asks of, when a paragraph titled with it counts
    whenever it was decided: "How many guardianships were supervised in 2024?" is answered by
    the "Verksamhetsberättelse 2024" of February 2025. Not when the question dates a decision
    ("vad beslutades 2024?")."""
    period = question.period
    if not (period and period.year_given and question.concepts) or question.decision_dated:
        return None
    whole_year = (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)
    return str(period.start.year) if whole_year and period.start.year == period.end.year else None


def _head_term(text: str) -> str | None:
    """The indexed term of the last word of a name or title: "miljönämnd" of "Bygg- och
    miljönämnden", "meddel" of "Anmälan av meddelanden"."""
    groups = word_terms(text)
    return groups[-1][0] if groups else None


# -- matters -------------------------------------------------------------------------------------


def matter_key(hit: Hit) -> str:
    """A case number within one municipality (each numbers its own matters), else the title;
    a procedural title ("Övriga frågor", "Meddelanden") is every meeting's, no matter's: the
    paragraph is one of its own."""
    for printed in hit.case_numbers:
        case = parse_case_number(printed)
        if case is not None:
            return f"{hit.municipality}|{case.key}"
    if is_procedural(hit.title):
        return "paragraph:" + hit.doc_id
    return "title:" + " ".join(sorted(_title_words(hit.title)))


def same_place(a: Hit, b: Hit) -> bool:
    """Whether two paragraphs may be of one municipality (one of them may not say which)."""
    unknown = ("", UNKNOWN_MUNICIPALITY)
    return a.municipality == b.municipality or a.municipality in unknown or b.municipality in unknown


def _title_words(title: str) -> set[str]:
    return {g.terms[0] for g in query_terms(title)}


def is_procedural(title: str) -> bool:
    return bool(_PROCEDURAL.match(title.strip()))


def group_matters(hits: list[Hit], asked: frozenset[str] = frozenset()) -> list[list[Hit]]:
    """Hits grouped into matters, best matter first; a matter's hits keep their order.

    Paragraphs without a case number join a matter whose title they share most words with.
    `asked`: the question's terms (see `_matter_score`).
    """
    groups: dict[str, list[Hit]] = {}
    titles: dict[str, set[str]] = {}
    for hit in hits:
        key = matter_key(hit)
        if key.startswith("title:"):
            words = _title_words(hit.title)
            for other, other_words in titles.items():
                union = words | other_words
                if not same_place(hit, groups[other][0]):
                    continue
                if union and len(words & other_words) / len(union) >= 0.6:
                    key = other
                    break
        groups.setdefault(key, []).append(hit)
        if not key.startswith("paragraph:"):
            titles.setdefault(key, _title_words(hit.title))
    return sorted(groups.values(), key=lambda g: -_matter_score(g, asked))


def _best_matter(
    matters: list[list[Hit]], question: Question, ix: SearchBackend, topical: frozenset[str] = frozenset()
) -> list[Hit]:
    """Of the matters search scored near the first, the one whose best paragraph covers most
    of the question; on a tie, the one naming the body the question names without having it
    act, then the one whose title meets all of the question, then the one more bodies dealt
    with under such a title (`_bodies_titled`), then the first. A score adds up repeats of one
    word ("Lunda" ten times in a building permit) and counts a procedural paragraph down whatever it holds,
    while the question asks about all its words: "får biblioteket i Lunda längre
    öppettider?" is the culture programme's library hours, "vem ersatte Hanna Lilja?" the
    county board's decision read out under "Meddelanden". A paragraph that meets the
    question only where it asks about (`only_where`, `elsewhere`) covers nothing of it. Where
    the question names a property ("bryggan på Lövö 1:45"), only the matters naming it are
    weighed, if any does: the rest of its words may well fit another matter better."""
    matters = _holding_property(matters, question, ix) or matters

    def covered(group: list[Hit]) -> tuple[float, float, float, int]:
        record = ix.paragraph(max(group, key=lambda h: h.score).doc_id)
        if record is None or only_where(question, record[1], topical) or elsewhere(question, record[1]):
            return 0.0, 0.0, 0.0, 0
        # Of matters meeting all of the question, the one it names by its title: "köpte
        # kommunen Byn 1:23?" is the purchase ("Förvärv av fastigheten Byn 1:23"), not the later
        # sale whose summary recalls it. Below all, a title meeting a word or two says little.
        share = coverage(question, record[1], ix.rarity)
        titled = coverage(question, replace(record[1], text=""), ix.rarity) if share >= 1.0 else 0.0
        bodies = _bodies_titled(question, group, ix) if titled >= 1.0 else 0
        return share, float(_names_body(question, record[1])), titled, bodies

    # A matter scored first on parts of a compound ("dricksvatten" in "nödvattentankar") may
    # meet no word of the question: the rivals are those near the first that meets some. One
    # meeting them only where it asks about (`elsewhere`) is no such matter: it says that
    # what is asked about is not in the minutes.
    skipped = 0
    while len(matters) > 1 and skipped < _MEETING_NOTHING and _meets_nothing(matters[0], question, ix):
        matters, skipped = matters[1:], skipped + 1
    best, share = matters[0], covered(matters[0])
    first = max(h.score for h in best)
    rivals = [g for g in matters[1:_RIVALS] if max(h.score for h in g) >= _RIVAL_SHARE * first]
    for group in rivals:
        if share[:3] >= (1.0, 1.0, 1.0) and share[3] >= len({h.body for h in group}):
            continue  # it cannot cover more than all of it before more bodies
        if (rival := covered(group)) > share:
            best, share = group, rival
    return best


def _meets_nothing(group: list[Hit], question: Question, ix: SearchBackend) -> bool:
    record = ix.paragraph(max(group, key=lambda h: h.score).doc_id)
    return record is not None and coverage(question, record[1], ix.rarity) == 0.0


def _bodies_titled(question: Question, group: list[Hit], ix: SearchBackend) -> int:
    """How many bodies dealt with a matter under a title meeting all of the question: of two
    matters named by it, the one that went from body to body under that name is what "vad
    blev det med simhallen?" asks about, not a nämnd's side matter of its art ("Konstnärlig
    gestaltning i nya simhallen"). Bodies, not paragraphs, and no procedural title: one body's
    matter of many meetings, or every body's "Meddelanden", is no matter that travelled."""
    bare = Paragraph(number="", number_norm="", title="")
    titled = [hit for hit in group if not is_procedural(hit.title)]
    return len({hit.body for hit in titled if coverage(question, replace(bare, title=hit.title), ix.rarity) >= 1.0})


def _names_body(question: Question, paragraph: Paragraph) -> bool:
    """Whether the paragraph names the body a question names but does not have acting: "vem
    valdes in i socialnämnden efter Karin Sjöberg?" is the council's election to it."""
    if not question.body_name or question.body_acts:
        return False
    head = _head_term(question.body_name)
    return head is not None and head in _terms_of(paragraph.title + "\n" + paragraph.text)[0]


def _holding_property(matters: list[list[Hit]], question: Question, ix: SearchBackend) -> list[list[Hit]]:
    """Of the leading matters, those whose best paragraph names a property the question names."""
    if not question.properties:
        return []
    asked = set(question.properties)

    def holds(group: list[Hit]) -> bool:
        record = ix.paragraph(max(group, key=lambda h: h.score).doc_id)
        return record is not None and bool(asked & set(find_designations(record[1].title + "\n" + record[1].text)))

    return [group for group in matters[:_RIVALS] if holds(group)]


def _matter_score(hits: list[Hit], asked: frozenset[str] = frozenset()) -> float:
    """The best hit's score, counted down for a procedural paragraph, unless the question asks
    for what it lists ("vilka meddelanden anmäldes?", "vem valdes till justerare?"): the last
    word of its title is one of the question's (`asked`)."""
    best = max(hits, key=lambda h: h.score)
    if not is_procedural(best.title) or (asked and _head_term(best.title) in asked):
        return best.score
    return best.score * _PROCEDURAL_FACTOR


def asked_terms(question: Question) -> frozenset[str]:
    """The index terms of what a question asks about, as a title's words are read."""
    return frozenset(g.terms[0] for c in question.concepts for g in query_terms(c.alternatives[0][0]))


def timeline_for(ix: SearchBackend, group: list[Hit]) -> list[Hit]:
    """All steps of a matter, oldest first: those filed under its case number, when it has
    one, and the paragraphs `group_matters` joined to it by title: steps whose number was left
    out, misprinted or not read, and often the latest, the council's decision."""
    # A paragraph may carry two numbers, the nämnd's own and the board's ("BUN 2018/41, KS
    # 2018/102"): the matter's other steps may be filed under either.
    printed: dict[str, str] = {}
    for case in map(parse_case_number, group[0].case_numbers):
        if case is not None:
            printed.setdefault(case.key, case.printed)
    filed = list({step.doc_id: step for text in printed.values() for step in ix.case(text)}.values())
    # Another municipality may use the same case number for a matter of its own.
    filed = [step for step in filed if same_place(step, group[0])]
    known = {step.doc_id for step in filed}
    return distinct(sorted(filed + [h for h in group if h.doc_id not in known], key=_step_order))


def _step_order(hit: Hit) -> tuple[str, str, int, str]:
    return hit.meeting_date, hit.body, int(hit.paragraph) if hit.paragraph.isdigit() else 0, hit.source


# "Vad hände med X?", "Hur går det med X?", "What happened to X?": what became of the matter,
# which its latest step tells, whatever an earlier one adds.
_WHAT_BECAME = re.compile(
    r"(?i)\b(?:vad\s+(?:hände|händer|har\s+hänt|blev\s+det)|hur\s+(?:går|gick)\s+det|"
    r"what\s+(?:happened|has\s+happened|became)|how\s+(?:is|did)\s+\S+\s+(?:go|going))\b"
)


def _asks_what_became(question: Question) -> bool:
    return bool(_WHAT_BECAME.search(question.text))


# "Vad kostar X?", "Hur mycket höjdes taxan?", "Hur stort vite blev det?", "How much did X
# cost?": an amount, which the minutes of a matter may not give. Then the matter is no answer.
_ASKS_AMOUNT = re.compile(
    r"(?i)\b(?:hur\s+mycket|vad\s+(?:kostar|kostade|blir\s+kostnaden|var\s+kostnaden|kommer\s+\S+(?:\s+\S+){0,4}\s+att\s+kosta)|"
    r"hur\s+(?:stor|stort|stora|hög|högt|höga)\s+(?:\w+\s+)?(?:kostnad|summa|belopp|\w*ram|budget|avgift|hyra|vite|bidrag|"
    r"arvode|ersättning|del|andel|lån|borgen|höjning|sänkning|ökning|minskning)\w*|"
    r"how\s+much|what\s+(?:did|does|do|will|would)\s+\S+(?:\s+\S+){0,6}\s+cost|what\s+(?:is|was|were)\s+the\s+costs?)\b"
)
# A figure with what it counts: money, a share, energy, an area or a volume.
_AMOUNT = re.compile(
    r"(?i)(?:\d[\d\s\u00a0.,]*|\b(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|halv|halvannan|one|two|three|half\s+a)\s+)"
    r"(?:%|procent|kr\b|kronor|sek\b|msek|tkr|mkr|mnkr|mdkr|miljon|miljard|million|billion|tusen\s+kr|öre\b|"
    r"[kmgt]wh\b|kvm\b|m2\b|m²|kvadratmeter|hektar|kubikmeter|m3\b|ton\b|liter)|\b(?:sek|kr)\s?\d"
)


def _asks_amount(question: Question) -> bool:
    return bool(_ASKS_AMOUNT.search(question.text))


def holds_amount(paragraph: Paragraph) -> bool:
    """Whether a paragraph gives a figure of money, a share, energy, an area or a volume."""
    return bool(_AMOUNT.search(paragraph.title + "\n" + paragraph.text))


# "När ska äldreboendet stå klart?", "When will the library reopen?": when something is to
# happen, which a step's text says, if any does; not when it was decided ("när antogs den?",
# "when did ..."), which the meeting's date says.
_ASKS_WHEN = re.compile(
    r"(?i)\b(?:när\s+(?:ska|skall|står|öppnar|börjar|startar|blir|kommer|tas|sker|slutar|flyttar|skickas|beräknas|planeras)"
    r"|when\s+(?:will|is|are|does|do|should|shall))\b"
)
# Month names as the minutes' dates are read (index.parser) and in English.
_MONTH_NAMES = "|".join(sorted(set(MONTHS) | {m.lower() for m in calendar.month_name if m}, key=len, reverse=True))
# A time a sentence gives: a year that is no case number's ("2023/412") nor a date's part
# ("2024-03-26", the date of a document referred to), a day and month, a season of a year,
# a week or the turn of a year.
_TIME_STATED = re.compile(
    rf"(?i)(?<![/\d-])(?:19|20)\d\d(?![/\d-])|\b\d{{1,2}}\s+(?:{_MONTH_NAMES})\b|\b(?:{_MONTH_NAMES})\s+(?:19|20)\d\d"
    rf"|\b(?:{'|'.join(SEASONS)})\s+(?:19|20)\d\d|\bvecka\s+\d|\bårsskiftet\b"
)


def _asks_when(question: Question) -> bool:
    return bool(_ASKS_WHEN.search(question.text))


def states_when(question: Question, paragraph: Paragraph, minuted: str = "") -> int:
    """How well a sentence of the paragraph says when the thing asked about happens: 0 where
    no sentence gives a time together with what the question is about, else how many of the
    question's concepts and other words the best such sentence holds. "... ska byggas i
    Norrbacka och stå klart 2028" answers "när ska äldreboendet i Norrbacka vara klart?"
    better than "... räcker fram till 2027 och ... det planerade boendet i Norrbacka". A
    year before that of the meeting (`minuted`, its date) is past: "förlusten för 2023" in
    the minutes of 2024 says nothing of when a thing is to be done."""
    if not question.concepts:
        return 0
    words = [g for g in query_terms(question.text) if g.word not in {c.source for c in question.concepts}]
    best = 0
    for block in (paragraph.title + "\n" + paragraph.text).split("\n"):
        before = ""
        for sentence in SENTENCE_BREAK.split(block):
            if any(_not_past(m.group(0), minuted) for m in _TIME_STATED.finditer(sentence)):
                # With the sentence before: "Det ska stå klart 2028" says it of what that names.
                told = before + " " + sentence
                met = sum(1 for c in question.concepts if _met(c, told))
                if met:
                    tokens, folded, _ = _terms_of(told)
                    met += sum(1 for g in words if _mentions(g, tokens, folded))
                    # "When will it be ready?" is told by when it is done, not by when the
                    # procurement starts.
                    met += bool(_ASKS_DONE.search(question.text) and _DONE.search(sentence))
                    best = max(best, met)
            before = sentence
    return best


# A question asking when a thing is done, and a sentence telling it, in either language.
_ASKS_DONE = re.compile(r"(?i)\b(?:ready|done|finished|complete[d]?|open(?:s|ed)?|reopen\w*|klar[at]?|färdig\w*|öppna\w*|invig\w*)\b")
_DONE = re.compile(r"(?i)\b(?:klar[at]?|färdig\w*|inflyttning\w*|öppna[rs]?|öppnas|invig\w*|tas\s+i\s+(?:bruk|drift)|i\s+drift)\b")


def _not_past(time: str, minuted: str) -> bool:
    year = re.search(r"(?:19|20)\d\d", time)
    return not (year and minuted and year.group(0) < minuted[:4])


_ASKS_COUNT = re.compile(r"(?i)\b(?:hur\s+många|how\s+many)\s+([^\W\d_][\w-]*)")
# A figure and the words after it: "220 platser", "180 nya bostäder". Not a case number's
# or a date's parts ("2023/233", "2024-03-26").
_FIGURE = re.compile(r"(?<![\d/.,:-])\d+(?:[ \u00a0]\d{3})*(?![\d/.,:-])((?:\s+[^\W\d_][\w-]*){1,3})")


def counted_stems(question: Question) -> frozenset[str]:
    """The stems of what a "hur många X" / "how many X" question counts, in its own word and
    the Swedish wordings of its concept: {"plats"} for "hur många p-platser"."""
    m = _ASKS_COUNT.search(question.text)
    if not m:
        return frozenset()
    word = m.group(1).lower()
    wordings = [word] + [w for c in question.concepts if c.source.lower() == word for w, _ in c.alternatives]
    heads = (query_terms(w) for w in wordings)
    return frozenset(groups[-1].terms[0] for groups in heads if groups)


def gives_count(paragraph: Paragraph, counted: frozenset[str]) -> bool:
    """Whether the paragraph gives a figure of what is counted, its word or a compound ending in
    it within three words after the figure: "ett parkeringshus med 220 platser"."""
    for m in _FIGURE.finditer(paragraph.title + "\n" + paragraph.text):
        for group in query_terms(m.group(1)):
            term = group.terms[0]
            if any(term == c or (len(c) >= 4 and term.endswith(c)) for c in counted):
                return True
    return False


def _points_at_step(question: Question) -> bool:
    """Whether the question names the step it asks about: a body, a §, a time, an outcome."""
    return bool(question.deciding_body or question.paragraph or question.period or question.outcome)


def choose_step(question: Question, steps: list[Hit], group: list[Hit]) -> Hit:
    """The step the question points at (body, date, §, the outcome it asks for: "which
    matters were sent back?"), else the matter's latest."""
    def fit(hit: Hit) -> tuple[int, str]:
        points = 0
        if question.deciding_body and hit.body == question.deciding_body:
            points += 2
        if question.paragraph and hit.paragraph == question.paragraph:
            points += 2
        if question.period and question.period.start.isoformat() <= hit.meeting_date <= question.period.end.isoformat():
            points += 1
        if question.outcome and hit.status == question.outcome:
            points += 1
        return points, hit.meeting_date

    if _points_at_step(question):
        return max(steps, key=fit)
    return steps[-1]


# -- relevance -----------------------------------------------------------------------------------


def coverage(question: Question, paragraph: Paragraph, rarity=None) -> float:
    """How much of what the question is about the paragraph mentions, in any of its forms.

    Each concept counts by its rarity in the minutes (inverse document frequency), so the
    municipality's name or "kommunen", found everywhere, cannot make up for a missing "ishall".
    """
    if not question.concepts:
        return 1.0
    text = paragraph.title + "\n" + paragraph.text
    found = total = 0.0
    for concept in question.concepts:
        primary = query_terms(concept.alternatives[0][0])
        weight = max((rarity(g.terms[0]) for g in primary), default=1.0) if rarity else 1.0
        total += weight
        met = _met(concept, text, _common_word(concept, question))
        if met and _name_like(concept) and not _begins_a_word(concept.source, text):
            met = 0.0  # "lunda" met only by the stem "lund": Tommy Lund, not the place
        found += weight * met
    return found / total if total else 1.0


def _name_like(concept: Concept) -> bool:
    """A word of one part, given no other wording, that everyday Swedish does not use: a name
    ("lunda", "västerby"), which the minutes write as the question does."""
    if len(concept.alternatives) != 1 or " " in concept.source or is_everyday(concept.source):
        return False
    groups = query_terms(concept.source)
    return len(groups) == 1 and not groups[0].parts and groups[0].terms[0] != concept.source


def _common_word(concept: Concept, question: Question) -> bool:
    """Whether a concept is a common word (see `_what`), not written as a name in the question:
    "högt" of "hur högt arvode", not "Norrbacka" nor "norrbacka", which the lexicon does not know."""
    return is_everyday(concept.source, _COMMON_RANK) and concept.source not in {n.lower() for n in question.names}


def _met(concept: Concept, text: str, common: bool = False) -> float:
    """How far a text mentions a concept: 1 by any of its wordings, half where a compound is
    met only by its first parts (see `_mentions`), 0 where not at all. A `common` word found
    only inside names is not met: "högt" is not in "Högtegen"."""
    tokens, folded, whole = _terms_of(text)
    best = 0.0
    for i, (wording, _) in enumerate(concept.alternatives):
        groups = query_terms(wording)
        if groups:
            if i == 0:
                best = max(best, min(_mentions(g, tokens, folded, text, common) for g in groups))
            elif all(any(t in whole for t in g.terms) for g in groups):
                best = 1.0  # a synonym, as a word of its own: "bad" is not every "badplats"
        if best == 1.0:
            break
    return best


def only_where(question: Question, paragraph: Paragraph, topical: frozenset[str]) -> bool:
    """Whether the paragraph meets the question only in where it asks about, not in what: it
    mentions the places the question names ("i Lunda", "vid Lillsjön") or its common words
    ("ny", "kommunen"), none of the things it asks about, and misses one of the municipal
    terms among them (`topical`: concepts the glossary knows). "A new sports hall in
    Ängsby" is not answered by Ängsby's school organisation. A word the glossary does not
    know may be a paraphrase ("dagis" of a förskola): for it, coverage alone decides."""
    text = paragraph.title + "\n" + paragraph.text
    places = _places_in(question.text, question.language)
    missed = False
    for concept in question.concepts:
        # A place is named: placed by the question, capitalised in the paragraph ("i
        # Ängsby"), not a municipal term ("på förskolorna") nor a common noun ("i elevhälsan").
        where = concept.source not in topical and concept.source in places and _is_name(concept, text)
        if _met(concept, text) >= _PARTLY or _touched(concept, text):
            if not where and _what(concept.alternatives[0][0], concept.source in topical):
                return False  # a thing asked about is there
        elif concept.source in topical and not where:
            missed = True
    return missed


def elsewhere(question: Question, paragraph: Paragraph) -> bool:
    """Whether the paragraph misses the place the question names: "en ny återvinningscentral i
    Lunda?" is not answered by a recycling centre that never mentions Lunda. A place is a word
    after a preposition of place (`_places_in`) that is a name: written with a capital, or
    no everyday word ("i lunda", "vid sågverksvägen", typed in lower case). It may be
    met in the paragraph by itself or inside a compound ("Lundabadet")."""
    text = paragraph.title + "\n" + paragraph.text
    names = {n.lower() for n in question.names}
    places = {w for w in _places_in(question.text, question.language) if w in names or not is_everyday(w)}
    # A word given other wordings (a typo's corrections, "skyfal" of "skyfall") is no name.
    return any(
        concept.source in places and len(concept.alternatives) == 1 and not _holds_name(concept, text)
        for concept in question.concepts
    )


def _holds_name(concept: Concept, text: str) -> bool:
    """Whether a text holds a name, or any part of it before the last: "Östersjöns" holds
    "östersjönätverket", whose analysis may split it into "öst" + "sjö" + "nätverk". A name
    of one part must begin a word of the text as written: its stem is no name ("Lunda" is
    stemmed "lund", as "Tommy Lund" is), but "Lundas" and "Lundaskolan" hold it."""
    tokens, folded, _ = _terms_of(text)
    groups = query_terms(concept.alternatives[0][0])
    held = any(t in tokens or fold(t) in folded for g in groups for t in g.terms + g.modifiers)
    if len(groups) == 1 and not groups[0].parts:
        # Typed without å, ä and ö, a name may stem unlike the accented one ("fjallnas",
        # "Fjällnäs"): as written, it begins a word all the same.
        return (held or groups[0].word.isascii()) and _begins_a_word(groups[0].word, text)
    return held


def _begins_a_word(name: str, text: str) -> bool:
    """Whether a word of the text begins with the name, its genitive -s aside, accents or not."""
    stem = name[:-1] if name.endswith("s") and len(name) > 4 else name
    return re.search(rf"(?<!\w){re.escape(fold(stem))}", fold(text.lower())) is not None


# A place is a word after a preposition of place that ends its phrase: "i Lunda?", "vid
# Lillsjön och", "i Stensjö ner", not "i Folkets hus" (a building: the thing asked about).
_PLACE_BEFORE = {
    "sv": frozenset({"i", "vid", "på", "utanför", "nära", "längs", "utmed"}),
    "en": frozenset({"in", "at", "near", "outside", "along"}),
}
_ARTICLES = frozenset({"the", "a", "an", "de", "den", "det"})
_ENGLISH_ENDS = frozenset({"and", "or", "for", "in", "on", "at", "to", "of", "with", "this", "last", "next", "is", "was"})
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=256)
def _places_in(text: str, language: str) -> frozenset[str]:
    """Words of a question placed by a preposition: "lunda" of "en simhall i Lunda?"."""
    before = _PLACE_BEFORE.get(language, _PLACE_BEFORE["sv"])
    words = [w.lower() for w in _WORD.findall(text)]
    places = set()
    for i, word in enumerate(words[:-1]):
        if word not in before:
            continue
        j = i + 2 if words[i + 1] in _ARTICLES and i + 2 < len(words) else i + 1
        following = words[j + 1] if j + 1 < len(words) else ""
        if not following or is_stopword(following) or following in _ENGLISH_ENDS or following in PARTICLES:
            places.add(words[j])
    return frozenset(places)


def _is_name(concept: Concept, text: str) -> bool:
    names = _names_of(text)
    return any(t in names for g in query_terms(concept.alternatives[0][0]) for t in g.terms)


def _touched(concept: Concept, text: str) -> bool:
    """Whether any wording of a concept is in the text, if only as part of a compound: a
    "hundrastgård" touches the dog park concept by its "hund"."""
    tokens = _terms_of(text)[0]
    for wording, _ in concept.alternatives:
        groups = query_terms(wording)
        if groups and all(any(t in tokens for t in g.terms) for g in groups):
            return True
    return False


def _what(wording: str, topical: bool = False) -> bool:
    """A wording names a thing: some word of it is neither common in Swedish nor a number. A
    word too short for the lexicon is common ("ny", "år") unless the glossary knows it ("el")."""
    for group in query_terms(wording):
        word = group.word
        if word.isdigit():
            continue
        rank = word_rank(word)
        if rank is None and (len(word) >= MIN_PART or topical):
            return True
        if rank is not None and rank >= _COMMON_RANK:
            return True
    return False


@lru_cache(maxsize=256)
def _terms_of(text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """A paragraph's terms as analysed, folded, and those of whole words (not compound parts,
    which the analyser gives after each compound at its position). Kept for the paragraphs
    most asked about: the answer weighs several matters' paragraphs per question, and the
    same ones recur."""
    tokens, whole, last = set(), set(), -1
    for t in swedish_analyzer()(text, positions=True):
        tokens.add(t.text)
        if t.pos != last:
            whole.add(t.text)
            last = t.pos
    return frozenset(tokens), frozenset(fold(t) for t in tokens), frozenset(whole)


def _only_in_names(terms: tuple[str, ...], text: str) -> bool:
    """Whether a text holds the terms only as parts of capitalised compounds (names)."""
    folded = {fold(t) for t in terms}
    if folded & {fold(t) for t in _terms_of(text)[2]}:
        return False
    return not folded & _terms_of(_NAME.sub(" ", text))[1]


# A capitalised word inside a sentence: a title or a sentence begins with a capital anyway.
_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)(?<!\n)\b[A-ZÅÄÖ][a-zåäöéü]+")


@lru_cache(maxsize=64)
def _names_of(text: str) -> frozenset[str]:
    """The terms of a text's names (capitalised words inside a sentence), with their parts:
    "Norrbacka" holds "norr" and "back". Only asked for when a compound of the question is
    met by its first parts alone."""
    return frozenset(t.text for t in swedish_analyzer()(" ".join(set(_NAME.findall(text)))))


def _mentions(group: TermGroup, tokens: frozenset[str], folded: frozenset[str], text: str = "", common: bool = False) -> float:
    """How far a paragraph's terms mention a word of the question: 1 for the word itself; for
    every part of a compound before the last, 1 where those parts are a name (capitalised in
    the paragraph's `text`) and half otherwise. "Smedjankvarteret" is mentioned by "Smedjan
    4", "återvinningscentral" half by "återvinning"; "vänstad" not by any "stad", nor
    "spårväg" by "väg": the last part names only the kind of thing, so a paragraph about a
    town is no answer about twin towns."""
    # Folded only when typed without å, ä and ö: "lång" is no "längs", though "lang" may be.
    if any(t in tokens for t in group.terms) or (group.terms[0].isascii() and fold(group.terms[0]) in folded):
        return 0.0 if common and _only_in_names(group.terms, text) else 1.0
    if group.modifiers and all(m in tokens or fold(m) in folded for m in group.modifiers):
        names = _names_of(text)
        return 1.0 if all(m in names for m in group.modifiers) else _PARTLY
    return 0.0


def summary_sentences(question: Question, paragraph: Paragraph, limit: int = SUMMARY_SENTENCES) -> tuple[str, ...]:
    """Up to `limit` sentences of the paragraph's summary, those nearest the question, in order."""
    source = paragraph.summary or _body_text(paragraph)
    # Text from PDFs keeps the spaces of justified lines ("Beslut  som  fattats").
    sentences = [" ".join(s.split()) for block in source.split("\n") for s in SENTENCE_BREAK.split(block) if s.strip()]
    if len(sentences) <= limit:
        return tuple(sentences)
    wanted = {t for c in question.concepts for text, _ in c.alternatives for g in query_terms(text) for t in g.terms + g.parts}
    # A case number asked about and cited in the text: its sentence is the one that answers.
    cases = {c.key for c in map(parse_case_number, question.case_numbers) if c}
    analyzer = swedish_analyzer()
    scored = []
    for i, sentence in enumerate(sentences):
        tokens = {t.text for t in analyzer(sentence)}
        cites = bool(cases) and any(c.key in cases for c in find_case_numbers(sentence))
        scored.append((cites, len(tokens & wanted), -i))
    best = sorted(range(len(sentences)), key=lambda i: scored[i], reverse=True)[:limit]
    if not any(scored[i][0] or scored[i][1] for i in best):
        best = list(range(limit))  # nothing matches: the opening sentences say what it is about
    return tuple(sentences[i] for i in sorted(best))


# "Ja-röst för kommunstyrelsens förslag, nej-röst för motionen", "Den som vill bifalla ...
# röstar ja; den som vill ... röstar nej."
_YES_NO = re.compile(
    r"(?i)\bja(?:-röst(?:er)?|\s+röst)?\s+för\b[^.\n]*\bnej\b[^.\n]*\.?"
    r"|[^.\n]*\bröstar\s+ja\b[^.\n]*\bröstar\s+nej\b[^.\n]*\.?"
    # "Den som vill att ärendet avgörs i dag röstar ja. Den som vill återremittera röstar nej."
    r"|[^.\n]*\bröstar\s+ja\b[^.\n]*\.\s+[^.]{0,200}?\bröstar\s+nej\b[^.]*\.?"
)
# Each side's list of names under what it voted for: "Ja för förvaltningens förslag: Anna
# Berg (S), ... Nej för Leif Granats (SD) yrkande: ...".
_LISTED_FOR = re.compile(r"(?i)\b(ja|nej)\s+för\s+[^:.]{3,80}(?=:)")


def vote_meanings(paragraph: Paragraph) -> tuple[str, ...]:
    """Per vote, the order of voting put before it ("Ja-röst för kommunstyrelsens förslag,
    nej-röst för bifall till motionen."): without it, "25 yes, 24 no" does not say to what."""
    meanings, start = [], 0
    for vote in paragraph.votes:
        at = paragraph.text.find(vote.text, start) if vote.text else -1
        if at < 0:
            meanings.append("")
            continue
        said = list(_YES_NO.finditer(paragraph.text, start, at))
        sides = {m.group(1).lower(): m.group(0) for m in _LISTED_FOR.finditer(paragraph.text, start, at)}
        if said:
            meanings.append(" ".join(said[-1].group(0).split()))
        elif len(sides) == 2:
            yes, no = (" ".join(sides[side].split()) for side in ("ja", "nej"))
            meanings.append(f"{yes}, {no[0].lower()}{no[1:]}")
        else:
            meanings.append("")
        start = at + len(vote.text)
    return tuple(meanings)


def _body_text(paragraph: Paragraph) -> str:
    lines = paragraph.text.split("\n")
    skip = {paragraph.title.strip(), paragraph.decision.strip()}
    return "\n".join(line for line in lines[1:] if line.strip() and line.strip() not in skip and not _bare_heading(line))


def _bare_heading(line: str) -> bool:
    """A section heading with nothing after it ("Kommunfullmäktiges beslut"): it says nothing
    about the matter, so it is no summary."""
    kind = section_kind(line)
    return kind is not None and not kind[1]


# -- composing -----------------------------------------------------------------------------------


def _in_index(concept: Concept, ix: SearchBackend, places: frozenset[str] = frozenset()) -> bool:
    """Whether any wording of the concept occurs in some paragraph as a word of its own or as
    part of a compound there (the index holds compound parts as terms), spelt with or without
    å, ä, ö. Parts of the question's own words do not count: "spårväg" is not in minutes
    that only mention "spår" and "väg". With `places`, only those municipalities' paragraphs
    count: another council's minutes do not make a subject present in these."""
    def held(term: str) -> bool:
        spellings = ix.spellings(term)
        if not places or not spellings:
            return bool(spellings)
        counts = [set(ix.municipality_counts(s)) for s in spellings]
        # No counts at all: the backend cannot tell whose minutes hold the term.
        return not any(counts) or any(places & c for c in counts)

    for text, _ in concept.alternatives:
        groups = query_terms(text)
        if groups and all(any(held(t) for t in g.terms) for g in groups):
            return True
    return False


def weigh_concepts(
    question: Question, ix: SearchBackend, glossary: Glossary
) -> tuple[Question, tuple[Concept, ...]]:
    """The question without English words that are nowhere in the minutes (an untranslated
    "told" or "village" cannot match Swedish text), and the subjects it asks about that no
    paragraph mentions at all: no paragraph of the municipality it names, or of those the
    bot answers for, when the archive holds others too. A word read as a term a typo away is
    no such subject when the term is nowhere: the guess may be wrong, and a wrong one says
    nothing of what the minutes lack."""
    places = frozenset([question.municipality] if question.municipality else question.scope)
    if len(ix.known_municipalities()) < 2:
        places = frozenset()  # one municipality's minutes: nothing else to tell apart
    elif places:
        places |= {UNKNOWN_MUNICIPALITY}  # a protocol naming none may be any one's, as in search
    kept, missing = [], []
    for concept in question.concepts:
        present = _in_index(concept, ix)
        if not present and concept.origin == "english":
            parts = _swedish_compound(concept, ix)
            if parts:  # searched as its parts, each of which the minutes hold
                kept.append(replace(concept, alternatives=((" ".join(parts), 1.0),)))
            continue
        kept.append(concept)
        # Municipal vocabulary that no paragraph mentions is a subject the minutes lack.
        topical = is_topical(concept, glossary)
        if topical and _hidden_in_compounds(concept):
            continue  # "el" of "elförbrukningen": the index holds no part that short
        if topical and not (present and (not places or _in_index(concept, ix, places))) and not _in_background(concept, question):
            missing.append(concept)
    return replace(question, concepts=tuple(kept)), tuple(missing)


def _in_background(concept: Concept, question: Question) -> bool:
    """Whether a concept is named only in the clause setting the question's scene."""
    return set(concept.source.lower().split()) <= question.background


# English words split into short Swedish loans ("vill|age", "how|ever"); parts of a Swedish
# compound typed into an English question are words of their own.
MIN_TYPED_COMPOUND_PART = 4


def _swedish_compound(concept: Concept, ix: SearchBackend) -> tuple[str, ...]:
    """The parts of a Swedish compound typed into an English question ("flerbostadshusbygget")
    that the minutes hold only in its parts ("flerbostadshus", "bygget"), so that it is
    searched by them rather than dropped as an untranslated English word; () for any other."""
    parts = split_compound(concept.alternatives[0][0])
    held = all(len(part) >= MIN_TYPED_COMPOUND_PART and _in_index(Concept(part, ((part, 1.0),)), ix) for part in parts)
    return parts if parts and held else ()


def is_topical(concept: Concept, glossary: Glossary) -> bool:
    """Municipal vocabulary: a glossary term, or a Swedish word the glossary knows."""
    return concept.origin == "glossary" or glossary.knows_swedish(concept.source)


def _hidden_in_compounds(concept: Concept) -> bool:
    """A word shorter than any compound part the analyser splits off ("el", "is") may be in
    the minutes only inside compounds, where the index cannot see it: its absence from the
    index says nothing."""
    word = concept.alternatives[0][0]
    return " " not in word and len(word) < MIN_PART


def _lacked_by(municipality: str, question: Question, ix: SearchBackend, topical: frozenset[str]) -> bool:
    """Whether the minutes of the municipality an answer is from mention a subject of the
    question nowhere: another council's "utegym" tells nothing of whether these minutes know
    one, and an answer from them must then cover more of the question (the bar for a gap)."""
    where = frozenset({municipality, UNKNOWN_MUNICIPALITY})
    return any(
        c.source in topical and not _hidden_in_compounds(c) and not _in_index(c, ix, where) for c in question.concepts
    )


def _unknown_body(question: Question, ix: SearchBackend) -> bool:
    """The question says a body acted that has no paragraphs in the index: whatever matches,
    that body's decision is not among them. A body named otherwise ("vem ersätter X i
    hälso- och sjukvårdsnämnden", "en gemensam överförmyndarnämnd") may be what another
    body's paragraph is about."""
    return question.body_acts and bool(question.body) and question.body not in ix.known_bodies()


@dataclass(frozen=True)
class Thresholds:
    """When the best match is not taken for an answer (see MIN_COVERAGE)."""

    coverage: float = MIN_COVERAGE
    coverage_with_gap: float = MIN_COVERAGE_WITH_GAP

    def accepts(self, share: float, gap: bool) -> bool:
        return share >= self.coverage and not (gap and share < self.coverage_with_gap)


def compose_answer(
    ix: SearchBackend, question: Question, glossary: Glossary, thresholds: Thresholds | None = None
) -> Answer:
    thresholds = thresholds or Thresholds()
    question, missing = weigh_concepts(with_derived_forms(with_corrections(question, ix), ix), ix, glossary)
    named = named_municipality(question, ix)
    parsed = build_search(question, named)
    hits = ix.run(parsed, limit=SEARCH_DEPTH)
    set_aside: tuple[tuple[str, str], ...] = ()
    if not hits and _dated_subject(question, parsed):
        # "skolstarten hösten 2024" names when something happens, not when it was decided.
        # A question of nothing but a body and a time ("vad beslutade KS i december 2023?")
        # has no words to search without the time: nothing met then, and that is the answer.
        parsed = replace(parsed, filters=replace(parsed.filters, date_from=None, date_to=None))
        hits = ix.run(parsed, limit=SEARCH_DEPTH)
        set_aside = (("period", f"{question.period.start}..{question.period.end}"),)
    if not hits and (parsed.filters.paragraph or parsed.filters.case):
        # "What is KS § 50 about?": the § or case number alone names the paragraphs.
        hits = ix.run(
            ParsedQuery(words="", filters=parsed.filters, case_keys=parsed.case_keys, prefer=parsed.prefer), limit=SEARCH_DEPTH
        )
        if not hits and parsed.filters.case:
            # No paragraph of that case: one whose text refers to it, such as the report of
            # decisions taken under delegation, which lists each one's case number.
            citing = replace(parsed.filters, case=None, cited=parsed.filters.case)
            hits = ix.run(replace(parsed, filters=citing, case_keys=()), limit=SEARCH_DEPTH)
        if not hits and parsed.concepts:
            # Not in the index: try the words without the § or case number.
            place = Filters(municipality=parsed.filters.municipality, scope=parsed.filters.scope)
            # The words alone are an undated question: the newer of two like matters wins.
            recent = None if question.period else question.asked_on
            relaxed = ParsedQuery(
                words="", concepts=parsed.concepts, boosts=parsed.boosts, prefer=parsed.prefer, filters=place, recent=recent
            )
            hits = ix.run(relaxed, limit=SEARCH_DEPTH)
            # Found by the words alone, the answer must cover them like any other.
            parsed = relaxed
            set_aside = tuple(("case", c) for c in question.case_numbers)
            if question.paragraph:
                set_aside += (("paragraph", question.paragraph),)
            if question.period:
                set_aside += (("period", f"{question.period.start}..{question.period.end}"),)
    # A property no paragraph names ("Byn 1:24" where the minutes have "Byn 1:23"): the
    # answer is the question's other words, and says so.
    set_aside += tuple(
        ("property", key[:1].upper() + key[1:]) for key in question.properties if not ix.document_frequency(key, "property")
    )
    # Municipal terms the question asks about: an answer must meet one of them, or what else
    # it asks, not only where (see `only_where`).
    topical = frozenset(c.source for c in question.concepts if is_topical(c, glossary))
    answer = _from_hits(ix, question, parsed, hits, bool(missing), thresholds, set_aside, named, topical)

    def undated() -> Answer:
        """The answer from any time, saying the period was set aside."""
        wide = replace(parsed, filters=replace(parsed.filters, date_from=None, date_to=None))
        return _from_hits(
            ix, question, wide, ix.run(wide, limit=SEARCH_DEPTH), bool(missing), thresholds,
            (("period", f"{question.period.start}..{question.period.end}"),), named, topical,
        )

    if not answer.found and hits and _dated_subject(question, parsed) and not set_aside:
        # Paragraphs of the period match a word or two, none the question: it may be dated by
        # the wrong year, or by when the thing happens. Without the period, say so first.
        wider = undated()
        if wider.found:
            answer = wider
    elif answer.found and answer.coverage < WEAK_IN_PERIOD and _dated_subject(question, parsed) and not (
        question.decision_dated or set_aside
    ):
        # "What were the processing times for building permits in 2023?": a year that need not
        # be when it was minuted. A paragraph of the period meeting half the question yields to
        # one of another time that meets it all.
        wider = undated()
        if wider.found and wider.coverage >= answer.coverage + BETTER_ELSEWHEN:
            answer = wider
    if answer.found and question.decision_dated and any(kind == "period" for kind, _ in answer.set_aside):
        return not_decided_then(answer)
    if answer.found and any(kind == "property" for kind, _ in answer.set_aside):
        return property_unnamed(answer)
    return answer


def property_unnamed(answer: Answer) -> Answer:
    """Asked about a property no paragraph names ("har kommunen sålt Sjövik 5:3?"): that is
    the answer, as for a case number no paragraph has. What the question's other words found,
    often another property of the same name ("Sjövik 1:8"), leads the closest matches."""
    return Answer(
        answer.question, answer.language, found=False, hits=answer.hits[: 1 + OTHER_MATCHES],
        coverage=answer.coverage, gap=answer.gap, places=answer.places, set_aside=answer.set_aside, unstated="property",
    )


def not_decided_then(answer: Answer) -> Answer:
    """Asked what was decided at a time, with an answer only from another: nothing on it was
    decided then. The matter from the other time leads the closest matches, so a reader who
    gave the wrong year still finds it."""
    return Answer(
        answer.question, answer.language, found=False, hits=answer.hits[: 1 + OTHER_MATCHES],
        coverage=answer.coverage, gap=answer.gap, places=answer.places, set_aside=answer.set_aside, unstated="period",
    )


def _dated_subject(question: Question, parsed: ParsedQuery) -> bool:
    """A question with words and a period, but no § or case number."""
    return bool(question.period and question.concepts) and not (parsed.filters.paragraph or parsed.filters.case)


def _from_hits(
    ix: SearchBackend,
    question: Question,
    parsed: ParsedQuery,
    hits: list[Hit],
    gap: bool,
    thresholds: Thresholds,
    set_aside: tuple[tuple[str, str], ...],
    named: str | None,
    topical: frozenset[str] = frozenset(),
) -> Answer:
    """The answer the hits of `parsed` give: the best matter, if it covers the question."""
    known = ix.known_municipalities()
    places = known if len(known) > 1 else {}
    # A question naming no municipality, asked of several, may be about any of them.
    spread = bool(places) and not (question.municipality or named)
    if not hits or _unknown_body(question, ix):
        return Answer(question.text, question.language, found=False, hits=tuple(hits[: 1 + OTHER_MATCHES]), places=places)
    asked = asked_terms(question)
    matters = group_matters(hits, asked)
    best = _best_matter(matters, question, ix, topical)
    if _asks_when(question):
        best = _matter_telling_when(matters, best, question, ix, topical)
    steps = timeline_for(ix, best)
    # A period nothing matched points at no step: citing one from it would belie the note.
    pointing = replace(question, period=None) if any(kind == "period" for kind, _ in set_aside) else question
    step_hit = choose_step(pointing, steps, best)
    record = ix.paragraph(step_hit.doc_id)
    strongest = max(best, key=lambda h: h.score)
    evidence = record if strongest.doc_id == step_hit.doc_id else ix.paragraph(strongest.doc_id)
    share = coverage(question, evidence[1], ix.rarity) if evidence else 0.0
    if not gap and places:
        gap = _lacked_by(step_hit.municipality, question, ix, topical)
    if strongest.doc_id != step_hit.doc_id and not _points_at_step(pointing) and not _asks_what_became(question) and record and evidence:
        # The latest step is the answer to "what happened?", but a detail asked about (the
        # rent, the year it opens) may be only in an earlier step's text: that step is cited
        # when it covers more of the question, and the status stays the matter's.
        earlier = next((s for s in steps if s.doc_id == strongest.doc_id), None)
        if earlier is not None and share > coverage(question, record[1], ix.rarity):
            step_hit, record = earlier, evidence
    # A group holding a step of the answer's matter is that matter, met by another route
    # (a case number printed two ways): not another match.
    in_answer = {step.doc_id for step in steps}
    others = other_matters(
        [best] + [g for g in matters if g is not best and not any(h.doc_id in in_answer for h in g)], spread, asked
    )
    ranked = (step_hit,) + tuple(h for h in hits if h.doc_id != step_hit.doc_id)
    direct = bool(parsed.case_keys) or bool(parsed.filters.paragraph)
    if not direct and (
        not thresholds.accepts(share, gap)
        or (evidence and (only_where(question, evidence[1], topical) or elsewhere(question, evidence[1])))
    ):
        return Answer(
            question.text, question.language, found=False, hits=tuple(hits[: 1 + OTHER_MATCHES]),
            coverage=share, gap=gap, places=places,
        )
    if question.body_acts and not direct and all(step.body != question.body for step in steps):
        # "Har byggnämnden gett bygglov för förskolan?": the matter never came before it.
        return Answer(
            question.text, question.language, found=False, hits=ranked[: 1 + OTHER_MATCHES],
            coverage=share, gap=gap, places=places,
        )
    if _asks_when(question) and not _points_at_step(pointing) and record:
        # Asked when a thing is to happen: the step that says so is cited, the latest first;
        # when none does, the matter's minutes are shown with that said, as for an amount.
        telling = _step_stating_when(ix, question, steps)
        if telling is None:
            return Answer(
                question.text, question.language, found=False, hits=ranked[: 1 + OTHER_MATCHES],
                coverage=share, gap=gap, places=places, unstated="date",
            )
        if telling[0].doc_id != step_hit.doc_id:
            step_hit, record = telling
            ranked = (step_hit,) + tuple(h for h in hits if h.doc_id != step_hit.doc_id)
    # A detail the question asks for that the cited step lacks, where a step that has it
    # is cited instead, the latest first: "What did Roger Svensson (SD) propose about the
    # preschool?" (the step he spoke at), "hur många p-platser blir det?" (the figure's).
    counted = counted_stems(question)
    details = []
    if question.people:
        details.append(lambda paragraph: _names_anyone(paragraph, question.people))
    if question.parties:
        details.append(lambda paragraph: _party_spoke(paragraph, question.parties))
    if counted and not _asks_what_became(question):
        details.append(lambda paragraph: gives_count(paragraph, counted))
    if _asks_amount(question) and not counted:
        details.append(holds_amount)
    # A question pointing at a step (a body, a time) may point at a meeting that took several
    # decisions under one case number: the detail picks among that meeting's.
    pointed = _points_at_step(pointing)
    candidates = [s for s in steps if (s.body, s.meeting_date) == (step_hit.body, step_hit.meeting_date)] if pointed else steps
    for has in details if not pointed or len(candidates) > 1 else ():
        if record and not has(record[1]):
            having = _latest_step_with(ix, candidates, has)
            if having is not None:
                step_hit, record = having
                ranked = (step_hit,) + tuple(h for h in hits if h.doc_id != step_hit.doc_id)
    if _asks_amount(question) and not _amount_in(ix, steps):
        # The matter is found, the amount asked for is not: its minutes are shown, as the
        # closest there is, with that said.
        return Answer(
            question.text, question.language, found=False, hits=ranked[: 1 + OTHER_MATCHES],
            coverage=share, gap=gap, places=places, unstated="amount",
        )
    meeting, paragraph = record if record else (None, None)
    latest = steps[-1]
    if latest.doc_id == step_hit.doc_id:
        latest_phrase = paragraph.status_phrase if paragraph else ""
    else:
        latest_record = ix.paragraph(latest.doc_id)
        latest_phrase = latest_record[1].status_phrase if latest_record else ""
    found = _answer(question, step_hit, steps, meeting, paragraph, ranked, others, share, latest_phrase)
    several = spread and any(not same_place(o, step_hit) for o in others)
    found = replace(found, gap=gap, direct=direct, places=places, several_places=several, set_aside=set_aside)
    if (question.period or question.body) and not question.concepts and not direct:
        # "What did KS decide on 31 October 2023?", "Vad beslutade valnämnden?": the meeting
        # asked for, or the body's latest, with all its decisions.
        agenda = meeting_agenda(step_hit, hits)
        found = replace(found, agenda=agenda, others=tuple(o for o in found.others if o not in agenda))
    return found


def _matter_telling_when(
    matters: list[list[Hit]], best: list[Hit], question: Question, ix: SearchBackend, topical: frozenset[str]
) -> list[Hit]:
    """Asked when a thing is to happen, the matter that says so latest, of those near the
    first in the search that cover the question as fully: an item of information at a later
    meeting ("Renoveringen av Östra kajen ... ska vara klar i juni 2025", "Isen beräknas
    kunna läggas den 18 november 2024") tells more than the decision that paid for the work,
    or when that decision said nothing of it."""
    telling = _step_stating_when(ix, question, timeline_for(ix, best))
    latest = telling[0].meeting_date if telling else ""
    record = ix.paragraph(max(best, key=lambda h: h.score).doc_id)
    share = coverage(question, record[1], ix.rarity) if record else 0.0
    chosen = best
    for group in matters[:_RIVALS]:
        if group is best or max(h.meeting_date for h in group) <= latest:
            continue
        # The step of it that would be cited, as for the matter found first.
        told = _step_stating_when(ix, question, timeline_for(ix, group))
        if told is None or told[0].meeting_date <= latest:
            continue
        paragraph = told[1][1]
        if only_where(question, paragraph, topical) or elsewhere(question, paragraph):
            continue
        if coverage(question, paragraph, ix.rarity) >= max(share, _TELLS_WHEN_COVERAGE):
            chosen, latest = group, told[0].meeting_date
    return chosen


def _latest_step_with(ix: SearchBackend, steps: list[Hit], has) -> tuple[Hit, tuple[Meeting, Paragraph]] | None:
    """The latest step whose paragraph `has` what is asked for, with its record."""
    for step in reversed(steps):
        record = ix.paragraph(step.doc_id)
        if record and has(record[1]):
            return step, record
    return None


def _names_anyone(paragraph: Paragraph, people: tuple[str, ...]) -> bool:
    """Whether the paragraph names one of the people (lower-case full names) anywhere."""
    text = (paragraph.title + "\n" + paragraph.text).lower()
    return any(person in text for person in people)


def _party_spoke(paragraph: Paragraph, parties: tuple[str, ...]) -> bool:
    """Whether one of the parties moved, reserved itself or noted something in the paragraph:
    "What did the Left Party say about the interim report?" is the step of its statement."""
    said = {party for text in paragraph.reservations + paragraph.notes for _, party in members_named(text)}
    return bool(set(parties) & (set(paragraph.parties) | said))


def _step_stating_when(ix: SearchBackend, question: Question, steps: list[Hit]) -> tuple[Hit, tuple[Meeting, Paragraph]] | None:
    """The step whose text best says when the thing asked about happens (the latest of
    equals), with its record."""
    best, score = None, 0
    for step in reversed(steps):
        record = ix.paragraph(step.doc_id)
        said = states_when(question, record[1], step.meeting_date) if record else 0
        if said > score:
            best, score = (step, record), said
    return best


def _amount_in(ix: SearchBackend, steps: list[Hit]) -> bool:
    """Whether any step of a matter gives an amount: a proposal may hold the figure its
    decision only refers to."""
    return _latest_step_with(ix, steps, holds_amount) is not None


def _ballots_of(question: Question, paragraph: Paragraph | None) -> tuple[Ballot, ...]:
    """The roll-call votes a question asks about: of the people it names ("Hur röstade Ulla
    Nordqvist?"); else, asked about the vote, of the parties it names ("How did the Sweden
    Democrats vote?") or those of the choice it names ("Which councillor abstained?")."""
    if paragraph is None:
        return ()
    ballots = [b for vote in paragraph.votes for b in vote.ballots]
    named = {p.lower() for p in question.people}
    if named:
        return tuple(b for b in ballots if b.person.lower() in named)
    if not _ASKS_VOTE.search(question.text):
        return ()
    chosen = {choice for choice, pattern in _CHOICE_ASKED if pattern.search(question.text)}
    if len(chosen) != 1 and not question.parties:
        return ()  # the whole roll call is in the minutes; the count says how it went
    return tuple(
        b for b in ballots
        if (not question.parties or (b.party or "").upper() in question.parties) and (len(chosen) != 1 or b.choice in chosen)
    )


# Words asking how a vote went, and which way one voted.
_ASKS_VOTE = re.compile(r"(?i)\b(?:vot(?:e|ed|es|ing)|röst\w*|abstain\w*|avst(?:od|år|ått)|avstående)\b")
_CHOICE_ASKED = (
    ("avstår", re.compile(r"(?i)\b(?:abstain\w*|avst(?:od|år|ått)|avstående|lade\s+ned\s+sin\s+röst)\b")),
    ("nej", re.compile(r"(?i)\b(?:vot(?:e|ed)\s+(?:against|no)|röstade\s+(?:emot|mot|nej))\b")),
    ("ja", re.compile(r"(?i)\b(?:vot(?:e|ed)\s+(?:for|in\s+favou?r|yes)|röstade\s+(?:för|ja))\b")),
)


def meeting_agenda(step: Hit, hits: list[Hit]) -> tuple[Hit, ...]:
    """The paragraphs of the meeting `step` is from, in the order of the minutes: "what did
    KS decide on 31 October 2023?" asks for the meeting, not for one matter of it."""
    same = [h for h in hits if h.source == step.source and h.meeting_date == step.meeting_date and h.body == step.body]
    return tuple(sorted(same, key=lambda h: (int(h.paragraph) if h.paragraph.isdigit() else 10**6, h.paragraph)))


def other_matters(matters: list[list[Hit]], spread: bool = False, asked: frozenset[str] = frozenset()) -> tuple[Hit, ...]:
    """The best paragraph of each of the next matters, when near the best matter: a trail of
    weak matches is noise. With `spread` (an archive of several municipalities and a question
    that names none), each other municipality's best matter comes first: "what happened to
    the twin-town agreement?" may be about any of them, and the reader should see that."""
    floor = _OTHERS_FLOOR * _matter_score(matters[0], asked)
    near = [g for g in matters[1:] if _matter_score(g, asked) >= floor]
    if spread:
        # A paragraph whose protocol names no municipality is no other municipality's.
        seen = {matters[0][0].municipality, "", UNKNOWN_MUNICIPALITY}
        first = []
        for group in near:
            if group[0].municipality not in seen:
                seen.add(group[0].municipality)
                first.append(group)
        chosen = {id(g) for g in first}
        near = first + [g for g in near if id(g) not in chosen]
    return tuple(g[0] for g in near[:OTHER_MATCHES])


def _answer(
    question: Question,
    step_hit: Hit,
    steps: list[Hit],
    meeting: Meeting | None,
    paragraph: Paragraph | None,
    ranked: tuple[Hit, ...],
    others: tuple[Hit, ...],
    share: float,
    latest_phrase: str,
) -> Answer:
    latest = steps[-1]
    timeline = tuple(steps)
    return Answer(
        question=question.text,
        language=question.language,
        found=True,
        title=step_hit.title,
        status=latest.status,
        status_text=status_text(latest.status, latest.next_body, question.language, latest.body, latest.body_name),
        status_phrase=latest_phrase,
        next_body=latest.next_body,
        step=step_hit,
        decision=paragraph.decision_points if paragraph else (),
        summary=summary_sentences(question, paragraph) if paragraph else (),
        motions=paragraph.motions if paragraph else (),
        votes=paragraph.votes if paragraph else (),
        ballots=_ballots_of(question, paragraph),
        vote_meanings=vote_meanings(paragraph) if paragraph else (),
        reservations=paragraph.reservations if paragraph else (),
        notes=paragraph.notes if paragraph else (),
        case_numbers=tuple(dict.fromkeys(c for h in steps for c in h.case_numbers)),
        timeline=timeline,
        hits=ranked,
        others=others,
        coverage=share,
    )
