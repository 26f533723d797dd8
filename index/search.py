"""Searching the index: user text -> a Whoosh query -> hits.

Query building is separate from running it. A user's words are never handed to Whoosh's query
parser, so no input can raise: quotes make a phrase only when they pair up, a trailing `*` is a
prefix only on a word of three letters or more, `body:KS` style filters apply only for known
filter names, and everything else is text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh import query as Q
from whoosh.matching import (
    DisjunctionMaxMatcher,
    Matcher,
    NoQualityAvailable,
    NullMatcher,
    WrappingMatcher,
)
from whoosh.scoring import BM25F
from whoosh.support.levenshtein import damerau_levenshtein

from .analysis import accent_variants, in_lexicon, query_terms, stem
from .bodies import resolve_body
from .casenumber import find_case_numbers, parse_case_number, parse_case_or_key
from .indexer import load_lexicon_table, open_existing
from .records import STATUSES, Meeting, Paragraph
from .schema import KIND_PARAGRAPH, UNKNOWN_MUNICIPALITY, unpack_record
from .scoring import PostingCache, Scorer, Unsupported, register_coord, register_max

_FIELD_WEIGHTS = (("title", 2.5), ("text", 1.0))
_PART_WEIGHT = 0.35  # compound parts: "vänort" inside "vänortssamarbetet" counts, but less
_FOLDED_WEIGHT = 0.5
_CASE_WEIGHT = 8.0
_OPERATORS = {"AND", "OR", "NOT", "OCH", "ELLER", "INTE", "&&", "||"}
_FILTER = re.compile(r"(?<!\S)(body|organ|status|case|dnr|from|to|date):(\S+)", re.I)
_QUOTED = re.compile(r'"([^"]+)"')


@dataclass(frozen=True)
class Filters:
    body: str | None = None  # body code
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    case: str | None = None  # case number in any printed style
    cited: str | None = None  # a case number the paragraph's text refers to, in any style
    status: str | None = None
    paragraph: str | None = None  # § number, as a string without "§"
    municipality: str | None = None  # schema.municipality_key of its name
    scope: tuple[str, ...] = ()  # keys of the municipalities searched when none is named
    # A year whose paragraphs outside the dates count too when their title names it: a
    # report or budget of a year ("Verksamhetsberättelse 2024") is adopted the year after.
    title_year: str | None = None


Alternatives = tuple[tuple[str, float], ...]  # ways to say one thing, each with a weight


@dataclass(frozen=True)
class ParsedQuery:
    words: str  # free text left after filters and case numbers are taken out
    phrases: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    case_keys: tuple[str, ...] = ()
    filters: Filters = Filters()
    # From question understanding: one entry per concept, the best-scoring way of saying it
    # counts; and (field, term, weight) boosts that reorder but never add hits by themselves.
    concepts: tuple[Alternatives, ...] = ()
    boosts: tuple[tuple[str, str, float], ...] = ()
    # (field, term, factor): the score of a paragraph holding the term is multiplied by the
    # factor; a preference that, unlike a boost, keeps its weight however high scores run.
    prefer: tuple[tuple[str, str, float], ...] = ()
    # The day asked on, when newer paragraphs are to be preferred (see RECENCY_YEARS).
    recent: dt.date | None = None


@dataclass(frozen=True)
class Hit:
    doc_id: str
    body: str  # body code
    body_name: str
    meeting_date: str  # YYYY-MM-DD or ""
    paragraph: str
    case_numbers: tuple[str, ...]
    title: str
    status: str
    next_body: str | None
    source: str
    page: int | None
    score: float
    municipality: str = ""  # schema.municipality_key; case numbers are per municipality

    def to_json(self) -> dict:
        return {
            "body": self.body,
            "body_name": self.body_name,
            "meeting_date": self.meeting_date,
            "paragraph": self.paragraph,
            "case_numbers": list(self.case_numbers),
            "title": self.title,
            "status": self.status,
            "next_body": self.next_body,
            "source": self.source,
            "page": self.page,
            "score": round(self.score, 4),
        }


class _MaxMatcher(DisjunctionMaxMatcher):
    """Whoosh's DisjunctionMaxMatcher, mended. Its `score` takes the max over both sub-matchers
    even when one of them sits on a later document (so a document matching only a weak term
    scores as high as the best strong one), and its `replace` drops the whole union as soon as
    one side runs out. Both are fixed here; the quality-based pruning is left out."""

    def score(self):
        a, b = self.a, self.b
        if not a.is_active():
            return b.score()
        if not b.is_active():
            return a.score()
        if a.id() < b.id():
            return a.score()
        if b.id() < a.id():
            return b.score()
        return max(a.score(), b.score())

    def replace(self, minquality=0):
        a, b = self.a, self.b
        if not (a.is_active() or b.is_active()):
            return NullMatcher()
        if not a.is_active():
            return b.replace(minquality)
        if not b.is_active():
            return a.replace(minquality)
        a2, b2 = a.replace(minquality), b.replace(minquality)
        if not (a2.is_active() or b2.is_active()):
            return NullMatcher()
        if not a2.is_active():
            return b2
        if not b2.is_active():
            return a2
        return self if (a2 is a and b2 is b) else self.__class__(a2, b2)


class MaxOf(Q.DisjunctionMax):
    """Matches what any subquery matches; scores a document by its best subquery alone."""

    def _matcher(self, subs, searcher, context):
        reader = searcher.reader()
        return self._tree_matcher(subs, _MaxMatcher, searcher, context, lambda q: q.estimate_size(reader))


register_max(MaxOf)


class _CoordMatcher(Matcher):
    """The sum of the sub-matchers on the current document, scaled by the share of the
    weights of those that match it."""

    def __init__(self, children, weights, total: float):
        self.children, self.weights, self.total = children, weights, total

    def is_active(self):
        return any(c.is_active() for c in self.children)

    def id(self):
        return min(c.id() for c in self.children if c.is_active())

    def _here(self):
        docnum = self.id()
        return [(c, w) for c, w in zip(self.children, self.weights, strict=True) if c.is_active() and c.id() == docnum]

    def next(self):
        for child, _ in self._here():
            child.next()

    def skip_to(self, docnum):
        for child in self.children:
            if child.is_active() and child.id() < docnum:
                child.skip_to(docnum)

    def score(self):
        here = self._here()
        return sum(c.score() for c, _ in here) * sum(w for _, w in here) / self.total

    def supports_block_quality(self):
        return False

    def max_quality(self):
        # The scale is at most 1: the children's bound is this one's.
        try:
            return sum(c.max_quality() for c in self.children if c.is_active())
        except NoQualityAvailable:
            return math.inf

    def copy(self):
        return _CoordMatcher([c.copy() for c in self.children], self.weights, self.total)

    def replace(self, minquality=0):
        return self if self.is_active() else NullMatcher()


class Coord(Q.Or):
    """Adds up its subqueries, as Or does, then scales each document's sum by the weighted
    share of the subqueries it matches (the coordination factor of Lucene's classic
    scoring), each weighing as its word is rare. Rebuilt without weights (as Whoosh's
    normalize does, which would also merge it into an Or around it; search never
    normalizes it), it is a plain Or."""

    def __init__(self, subqueries, weights=(), boost: float = 1.0):
        super().__init__(subqueries, boost=boost)
        self.weights = tuple(weights)

    def __eq__(self, other):
        return super().__eq__(other) and self.weights == getattr(other, "weights", None)

    def __hash__(self):
        return hash((super().__hash__(), self.weights))

    def _weighted(self) -> bool:
        return len(self.weights) == len(self.subqueries) and sum(self.weights) > 0

    def matcher(self, searcher, context=None):
        if not self._weighted():
            return super().matcher(searcher, context)
        children = [q.matcher(searcher, context) for q in self.subqueries]
        m = _CoordMatcher(children, self.weights, sum(self.weights))
        return WrappingMatcher(m, self.boost) if self.boost != 1.0 else m


register_coord(Coord)


class InvalidFilter(ValueError):
    """A filter value the user gave cannot be understood (unknown status, bad date)."""


def parse_filters(
    body: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    case: str | None = None,
    status: str | None = None,
) -> Filters:
    """Filters from user strings; raises InvalidFilter with a message fit for the user."""
    body_code = None
    if body:
        found = resolve_body(body)
        if found is None:
            raise InvalidFilter(f"unknown body {body!r}: use a name or a code such as KF, KS, KSAU")
        body_code = found.code
    if status and status.lower() not in STATUSES:
        raise InvalidFilter(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    if case and parse_case_number(case) is None:
        raise InvalidFilter(f"not a case number: {case!r} (e.g. KS 2022/1011)")
    return Filters(
        body=body_code,
        date_from=_parse_day(date_from, end=False),
        date_to=_parse_day(date_to, end=True),
        case=case,
        status=status.lower() if status else None,
    )


def _parse_day(text: str | None, *, end: bool) -> dt.date | None:
    """'2024-02-21', '2024-02' or '2024'; a month or year means its first or last day."""
    if not text:
        return None
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
        if re.fullmatch(r"\d{4}-\d{1,2}", text):
            year, month = map(int, text.split("-"))
            first = dt.date(year, month, 1)
            if not end:
                return first
            nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidFilter(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM or YYYY)") from exc


def parse_query(text: str, filters: Filters = Filters()) -> ParsedQuery:
    """Split the user's text into words, phrases, prefixes, case numbers and inline filters."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)[:2000]
    inline: dict[str, str] = {}

    def take_filter(m: re.Match) -> str:
        inline[m.group(1).lower()] = m.group(2)
        return " "

    text = _FILTER.sub(take_filter, text)
    try:
        extra = parse_filters(
            body=inline.get("body") or inline.get("organ"),
            date_from=inline.get("from"),
            date_to=inline.get("to"),
            case=inline.get("case") or inline.get("dnr"),
            status=inline.get("status"),
        )
    except InvalidFilter:
        extra = Filters()  # an inline filter that makes no sense is ignored, not an error
    merged = Filters(
        body=filters.body or extra.body,
        date_from=filters.date_from or extra.date_from,
        date_to=filters.date_to or extra.date_to,
        case=filters.case or extra.case,
        status=filters.status or extra.status,
        paragraph=filters.paragraph,
        municipality=filters.municipality,
        scope=filters.scope,
        title_year=filters.title_year,
    )
    case_keys = []
    for case in find_case_numbers(text):
        case_keys.append(case.key)
        text = text.replace(case.printed, " ")
    phrases = tuple(p.strip() for p in _QUOTED.findall(text) if p.strip())
    text = _QUOTED.sub(" ", text)
    prefixes = tuple(m.group(1) for m in re.finditer(r"(?<!\S)([^\W\d_]{3,})\*(?!\S)", text))
    # Each distinct word once, and a bounded number: a pasted page is not a query of thousands.
    words = list(dict.fromkeys(w for w in re.split(r"\s+", text) if w and w not in _OPERATORS))[:_MAX_WORDS]
    return ParsedQuery(" ".join(words), phrases[:_MAX_WORDS], prefixes[:_MAX_WORDS], tuple(case_keys[:_MAX_WORDS]), merged)


# Share of paragraphs a term may occur in and still be searched: a compound part such as "ort"
# or "plan", or a word in most paragraphs, ranks almost nothing and costs a scan of a long
# posting list on every question.
_MAX_PART_SHARE = 0.05
# Parts of three letters ("vän", "ort", "kul", "tur") are words of their own too often to say
# much; the index still holds them, so "vänort" meets "vänortssamarbetet" through "vänort".
_MIN_QUERY_PART = 4
_PRUNE_FROM = 2000  # paragraphs
# Asked with no date, "what happened to the twin-town agreement?" means the matter of now, not
# one of the same name thirty years back: a paragraph's score is divided by 1 + its age in
# units of this many years.
RECENCY_YEARS = 20.0
_MAX_WORDS = 32
_MAX_TERM_SHARE = 0.2
@dataclass(frozen=True)
class Vocabulary:
    """What the index knows of terms: `share(field, term)` of paragraphs holding a term, and
    whether terms too common to rank are left out."""

    share: Callable[[str, str], float]
    prune: bool = True
    count: int = 0  # paragraphs in the index, for a term's IDF as Whoosh computes it

    def idf(self, fieldname: str, term: str) -> float:
        count = max(1, self.count)
        return math.log(count / (self.share(fieldname, term) * count + 1)) + 1


Share = Vocabulary


def _keep(share: Vocabulary | None, fieldname: str, term: str, limit: float) -> bool:
    """Whether to search a term: it occurs somewhere and, when pruning, not too often."""
    if share is None:
        return True
    found = share.share(fieldname, term)
    return found > 0 and (not share.prune or found <= limit)


def _alternative_clauses(
    text: str, weight: float, share: Share | None = None, with_parts: bool = True,
    ceiling: dict[str, float] | None = None, every_word: bool = False,
) -> dict[str, Q.Query]:
    """Per field, one clause for one wording: each word's whole-word term plus its compound
    parts, all adding up ("solcellsmotionen" is found through "solceller" and "motion" where
    the compound itself never occurs), and the words of the wording adding up too, or with
    `every_word` all required (a synonym of several words: "territoriellt samarbete" is not
    any "samarbete"). With `share`, terms no paragraph holds and terms too common to rank are
    left out; a word left out for being common is not required."""
    per_field: dict[str, list[Q.Query]] = {}
    absent: set[str] = set()
    for group in query_terms(text):
        for fieldname, field_weight in _FIELD_WEIGHTS:
            w = field_weight * weight
            terms = [
                Q.Term(fieldname, t, boost=w * _below(share, ceiling, fieldname, t))
                for t in group.terms
                if _keep(share, fieldname, t, _MAX_TERM_SHARE)
            ]
            terms += [
                Q.Term(fieldname, t, boost=w * _PART_WEIGHT)
                for t in group.parts
                if with_parts and len(t) >= _MIN_QUERY_PART and _keep(share, fieldname, t, _MAX_PART_SHARE)
            ]
            if not every_word:
                per_field.setdefault(fieldname, []).extend(terms)
            elif terms:
                per_field.setdefault(fieldname, []).append(_either(terms))
            elif share is None or not any(share.share(fieldname, t) for t in group.terms):
                absent.add(fieldname)
        # A word typed without å, ä, ö ("vanort") also matches the indexed spellings with
        # them ("vänort"), competing with the text field's other forms of the word.
        if share is not None and not every_word:
            accented = [v for t in group.terms for v in accent_variants(t)[1:]]
            per_field.setdefault("folded", []).extend(
                Q.Term("text", v, boost=weight * _FOLDED_WEIGHT) for v in accented if _keep(share, "text", v, _MAX_TERM_SHARE)
            )
    if every_word:
        return {f: (Q.And(c) if len(c) > 1 else c[0]) for f, c in per_field.items() if c and f not in absent}
    return {f: _either(terms) for f, terms in per_field.items() if terms}


def _concept_query(alternatives: Alternatives, share: Share | None = None) -> Q.Query | None:
    """One clause for one thing asked about. Fields add up, as in BM25F; within a field the
    wordings (a synonym, the accent-folded form) compete and only the best counts, so a
    concept is never rewarded for matching itself several ways. The folded field competes
    with the plain text field, whose spelling it repeats without å, ä, ö."""
    options: dict[str, list[Q.Query]] = {}
    ceiling = _ceiling(alternatives[0][0], share) if share is not None and share.count and len(alternatives) > 1 else None
    for i, (text, weight) in enumerate(alternatives):
        # Compound parts count for the concept's own wording; a synonym must match whole.
        bound = ceiling if i else None
        clauses = _alternative_clauses(text, weight, share, with_parts=i == 0, ceiling=bound, every_word=i > 0)
        for fieldname, clause in clauses.items():
            target = "text" if fieldname == "folded" else fieldname
            options.setdefault(target, []).append(clause)
    clauses = [MaxOf(opts) if len(opts) > 1 else opts[0] for opts in options.values()]
    return _either(clauses)


def _concept_weight(alternatives: Alternatives, share: Share | None) -> float:
    """How rare a concept's own wording is: the IDF of its rarest word in the text field. A
    word no paragraph holds (a typo, found through its corrections) weighs the most: what
    matches it in another form is what the question is about."""
    if share is None:
        return 1.0
    return max((share.idf("text", t) for g in query_terms(alternatives[0][0]) for t in g.terms[:1]), default=1.0)


def _ceiling(text: str, share: Share) -> dict[str, float]:
    """Per field, the rarity (IDF) of the rarest word of a concept's own wording."""
    return {
        fieldname: max((share.idf(fieldname, t) for group in query_terms(text) for t in group.terms), default=0.0)
        for fieldname, _ in _FIELD_WEIGHTS
    }


def _below(share: Share | None, ceiling: dict[str, float] | None, fieldname: str, term: str) -> float:
    """A synonym rarer than the word asked about counts as if it were as common: "ekonomisk
    ram" is not better evidence of a question about "budget" than "budget" itself, and in a
    large archive the rare synonyms would otherwise outrank the word (as Lucene's SynonymQuery
    scores synonyms with one shared document frequency)."""
    if not ceiling or share is None or not ceiling.get(fieldname):
        return 1.0
    return min(1.0, ceiling[fieldname] / share.idf(fieldname, term))


def _word_query(text: str, weight: float = 1.0, share: Share | None = None) -> list[Q.Query]:
    """One clause per word of free text."""
    found = (_concept_query(((group.word, weight),), share) for group in query_terms(text))
    return [q for q in found if q is not None]


def build_query(parsed: ParsedQuery, share: Share | None = None) -> Q.Query | None:
    """The scoring query, or None when the text has nothing to search for (filters only).

    `share` tells how common a term is; without it every term is searched."""
    clauses = _word_query(parsed.words, share=share)
    for phrase in parsed.phrases:
        # Quoted words must all occur; the index keeps no positions to check their order.
        words = _word_query(phrase, share=share)
        if len(words) > 1:
            clauses.append(Q.And(words, boost=2.0))
        elif words:
            clauses += words
    for prefix in parsed.prefixes:
        clauses.append(Q.Prefix("text", prefix.lower()))
    concepts, weights = [], []
    for alternatives in parsed.concepts:
        concept = _concept_query(alternatives, share)
        if concept is not None:
            concepts.append(concept)
            weights.append(_concept_weight(alternatives, share))
    if len(concepts) > 1 and share is not None:
        # A paragraph holding one word of the question many times is scaled down against
        # one holding them all, as much as the words it lacks are rare.
        clauses.append(Coord(concepts, weights))
    else:
        clauses += concepts
    for key in parsed.case_keys:
        clauses.append(_case_query(key, boost=_CASE_WEIGHT))
    boosts = [Q.Term(fieldname, term, boost=weight) for fieldname, term, weight in parsed.boosts]
    main = _either(clauses)
    if main is None:
        return _either(boosts)
    return Q.AndMaybe(main, _either(boosts)) if boosts else main


def _either(clauses: list[Q.Query]) -> Q.Query | None:
    if not clauses:
        return None
    return Q.Or(clauses) if len(clauses) > 1 else clauses[0]


def _case_query(text_or_key: str, boost: float = 1.0, fields: tuple[str, str] = ("case", "case_bare")) -> Q.Query:
    """Paragraphs of one case number, in `fields` (its keys as printed, its series-less keys)."""
    # A printed "MHN-2024-0118" looks like a key but is not one: always normalise.
    case = parse_case_or_key(text_or_key)
    key, bare = (case.key, case.bare_key) if case else (text_or_key, text_or_key)
    keyed, bare_field = fields
    if key != bare:
        # A series typed without å, ä or ö ("OFN 2024/44") is the accented one's ("ÖFN").
        series = key[: -len(bare) - 1]
        keys = [f"{variant.upper()}-{bare}" for variant in accent_variants(series.lower())] if series.isascii() else [key]
        # "KS 2022/1011" also matches a paragraph that printed it as "Dnr 2022/1011".
        return Q.Or([Q.Term(keyed, k) for k in keys] + [Q.Term(keyed, bare)], boost=boost)
    return Q.Term(bare_field, bare, boost=boost)


def build_filter(filters: Filters, paragraphs_only: bool = True) -> Q.Query | None:
    """The filter query. A scoring query needs no `paragraphs_only`: file records hold none
    of the searched fields, and a filter matching every paragraph costs a set of all of them
    on every search."""
    parts: list[Q.Query] = [Q.Term("kind", KIND_PARAGRAPH)] if paragraphs_only else []
    if filters.body:
        parts.append(Q.Term("body", filters.body))
    if filters.status:
        parts.append(Q.Term("status", filters.status))
    if filters.date_from or filters.date_to:
        start = filters.date_from.isoformat() if filters.date_from else None
        end = filters.date_to.isoformat() if filters.date_to else None
        dated: Q.Query = Q.TermRange("meeting_date", start, end)
        if filters.title_year:
            dated = Q.Or([dated, Q.Term("title", filters.title_year)])
        parts.append(dated)
    if filters.case:
        parts.append(_case_query(filters.case))
    if filters.cited:
        parts.append(_case_query(filters.cited, fields=("case_cited", "case_cited_bare")))
    if filters.paragraph:
        parts.append(Q.Term("paragraph", filters.paragraph))
    # Paragraphs of protocols that name no municipality may be any municipality's: kept.
    keys = (filters.municipality,) if filters.municipality else filters.scope
    if keys:
        parts.append(Q.Or([Q.Term("municipality", key) for key in (*keys, UNKNOWN_MUNICIPALITY)]))
    if not parts:
        return None
    return Q.And(parts) if len(parts) > 1 else parts[0]


def hit_from(doc: dict, score: float) -> Hit:
    return Hit(
        doc_id=doc["doc_id"],
        body=doc.get("body", ""),
        body_name=doc.get("body_name", ""),
        meeting_date=doc.get("meeting_date", ""),
        paragraph=doc.get("paragraph", ""),
        case_numbers=tuple(doc.get("case_numbers") or ()),
        title=doc.get("title", ""),
        status=doc.get("status", "unknown"),
        next_body=doc.get("next_body") or None,
        source=doc.get("source", ""),
        page=doc.get("page"),
        score=float(score),
        municipality=doc.get("municipality", ""),
    )


def distinct(hits: Iterable[Hit]) -> list[Hit]:
    """`hits` less each repeat of a paragraph already listed, the first kept. The same
    meeting saved in two files (a PDF and the Word file it was made from) holds every
    paragraph twice; a reader, and a matter's path, wants each once. The title is part of
    the key: two municipalities whose protocols print no name may both have a KS § 5 that
    day. A paragraph without a body, date or number is only itself."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    for hit in hits:
        key = (hit.municipality, hit.body, hit.meeting_date, hit.paragraph, " ".join(hit.title.lower().split()))
        if hit.body and hit.meeting_date and hit.paragraph:
            if key in seen:
                continue
            seen.add(key)
        kept.append(hit)
    return kept


class MinutesIndex:
    """An open index; cheap to search repeatedly, reopened by `refresh` after a commit."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self._ix = open_existing(self.index_dir)
        load_lexicon_table(self.index_dir)
        # One searcher per thread, kept between calls: opening one reads every segment's
        # metadata, far more than most look-ups cost. `refresh` moves it to the newest commit.
        self._local = threading.local()
        self._opened: list = []
        self._opened_lock = threading.Lock()
        # Decoded posting lists, shared by the threads' scorers (index/scoring.py).
        self._postings = PostingCache()

    def _searcher(self):
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._ix.searcher(weighting=BM25F())
            self._local.searcher = searcher
            with self._opened_lock:
                self._opened.append(searcher)
        elif not getattr(self._local, "pinned", False):
            searcher = self._refresh(searcher)
        return searcher

    def _refresh(self, searcher):
        if searcher.up_to_date():
            return searcher
        # A new searcher, not searcher.refresh(): whoosh3's refresh reuses the old reader's
        # segments and their deletions, so replaced paragraphs would still be found.
        fresh = self._ix.searcher(weighting=BM25F())
        searcher.close()
        self._local.searcher = fresh
        with self._opened_lock:
            self._opened.remove(searcher)
            self._opened.append(fresh)
        return fresh

    def _scorer(self, searcher) -> Scorer:
        return self._for_searcher(Scorer, searcher)

    def _stats(self, searcher) -> _TermStats:
        return self._for_searcher(_TermStats, searcher)

    def _for_searcher(self, kind, searcher):
        """This thread's `kind(searcher, posting cache)`, made again when its searcher changes."""
        found = getattr(self._local, kind.__name__, None)
        if found is None or found.searcher is not searcher:
            found = kind(searcher, self._postings)
            setattr(self._local, kind.__name__, found)
        return found

    @contextlib.contextmanager
    def pinned(self):
        """Within the block, every look-up of this thread reads one and the same commit (the
        latest at its start), so an answer is never composed from two versions of the index
        while a reindex commits."""
        self._searcher()
        self._local.pinned = True
        try:
            yield self
        finally:
            self._local.pinned = False

    def close(self) -> None:
        with self._opened_lock:
            for searcher in self._opened:
                searcher.close()
            self._opened.clear()
        self._ix.close()

    def __enter__(self) -> MinutesIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def search(self, text: str, filters: Filters = Filters(), limit: int = 10) -> list[Hit]:
        return self.run(parse_query(text, filters), limit)

    def run(self, parsed: ParsedQuery, limit: int = 10) -> list[Hit]:
        searcher = self._searcher()
        total = max(1, searcher.doc_count())
        stats = self._stats(searcher)

        def share(fieldname: str, term: str) -> float:
            return stats.df(fieldname, term) / total

        # Leaving out common terms only pays in a large archive; a small one keeps them all.
        scoring = build_query(parsed, Vocabulary(share, prune=total >= _PRUNE_FROM, count=total))
        if scoring is None and (parsed.words or parsed.concepts):
            scoring = build_query(parsed)  # only common words: search them after all
        flt = build_filter(parsed.filters, paragraphs_only=scoring is None)
        limit = max(1, min(int(limit), 1000))
        if scoring is None:
            if flt == Q.Term("kind", KIND_PARAGRAPH):
                return []  # nothing asked
            try:
                newest = self._scorer(searcher).newest(flt, limit)
            except Unsupported:
                results = searcher.search(flt, limit=limit, sortedby="meeting_date", reverse=True)
                return distinct(hit_from(r.fields(), 0.0) for r in results)
            return distinct(hit_from(searcher.stored_fields(d), 0.0) for d in newest)
        try:
            scorer = self._scorer(searcher)
            prior = scorer.recency(parsed.recent, RECENCY_YEARS) if parsed.recent else None
            for fieldname, term, factor in parsed.prefer:
                held = np.where(scorer.matches(Q.Term(fieldname, term)), factor, 1.0)
                prior = held if prior is None else prior * held
            top = scorer.top(scoring, flt, limit, prior)
        except Unsupported:
            # A prefix query, typed in a search box: no question's preferences or recency.
            results = searcher.search(scoring, filter=flt, limit=limit)
            return distinct(hit_from(r.fields(), r.score or 0.0) for r in results)
        return distinct(hit_from(searcher.stored_fields(docnum), score) for docnum, score in top)

    def case(self, case_text: str, limit: int = 200) -> list[Hit]:
        """Every paragraph of one matter, oldest first, whatever style the number is in."""
        if parse_case_number(case_text) is None:
            raise InvalidFilter(f"not a case number: {case_text!r} (e.g. KS 2022/1011)")
        flt = build_filter(Filters(case=case_text))
        searcher = self._searcher()
        try:
            hits = [hit_from(searcher.stored_fields(d), 0.0) for d in self._scorer(searcher).matching(flt, limit)]
        except Unsupported:
            hits = [hit_from(r.fields(), 0.0) for r in searcher.search(flt, limit=limit)]
        return distinct(sorted(hits, key=lambda h: (h.meeting_date, h.body, _num(h.paragraph), h.source)))

    def all_paragraphs(self):
        """Every paragraph in the index: (hit, meeting, paragraph), in index order."""
        searcher = self._searcher()
        for doc in searcher.documents(kind=KIND_PARAGRAPH):
            meeting, paragraph = unpack_record(doc["record"])
            yield hit_from(doc, 0.0), meeting, paragraph

    def spellings(self, term: str) -> list[str]:
        """Indexed terms that are `term` or, typed without å, ä, ö, its accented spellings."""
        stats = self._stats(self._searcher())
        return [v for v in accent_variants(term) if stats.df("text", v)]

    def document_frequency(self, term: str, fieldname: str = "text") -> int:
        """How many paragraphs hold an analysed term in their text (or another field)."""
        return self._stats(self._searcher()).df(fieldname, term)

    def rarity(self, term: str) -> float:
        """Inverse document frequency of an analysed term in the paragraphs' text, as BM25 has
        it; a term no paragraph holds gets the highest value."""
        searcher = self._searcher()
        total = max(1, searcher.doc_count())
        df = self._stats(searcher).df("text", term)
        return math.log(1 + (total - df + 0.5) / (df + 0.5))

    def similar_terms(self, term: str, limit: int = 3, word: str = "") -> list[str]:
        """Indexed terms a typo away from `term` ("solcel" -> "solcell"), commonest first.

        One edit is allowed in words of five letters or more, two from nine letters on; shorter
        words have too many neighbours to guess from. Terms one edit away are found first, by
        looking each edit up in the vocabulary; two edits away only when none is, by walking
        the vocabulary of terms sharing the first three letters (typos there are rare, and a
        walk of the whole vocabulary of a large archive costs a tenth of a second or more).

        A typo may change what the stemmer cuts off: "ordförnde" is stemmed "ordförnd", two
        edits from the "ordför" of "ordförande", "förvaltnigen" "förvaltn". Where `word`, the
        word as typed, is given, is no word of the lexicon and its stem has no neighbour, the
        words of the lexicon one edit from it are stemmed and looked up instead."""
        maxdist = 2 if len(term) >= 9 else 1 if len(term) >= 5 else 0
        if not maxdist:
            return []
        searcher = self._searcher()
        stats = self._stats(searcher)
        vocabulary = stats.vocabulary("text")
        found = sorted(t for t in _one_edit(term) if t in vocabulary and t != term)
        if not found and len(word) >= MIN_RESPELT_WORD and not in_lexicon(word):
            respelt = {stem(spelling) for spelling in _one_edit(word) if in_lexicon(spelling)}
            found = sorted(t for t in respelt if t in vocabulary and t != term)
        if not found and maxdist == 2:
            found = [
                t for t in stats.starting("text", term[:3])
                if abs(len(t) - len(term)) <= 2 and t != term and damerau_levenshtein(t, term, limit=2) <= 2
            ]
        found.sort(key=lambda t: -stats.df("text", t))
        return found[:limit]

    def suggest_cases(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        """(case number as printed, title) pairs for what a user has typed so far, one per
        matter: case numbers that start like it, then matters whose words it names."""
        found: dict[str, tuple[str, str]] = {}

        def add(printed: str, title: str) -> None:
            case = parse_case_number(printed)
            if case is not None:
                found.setdefault(case.key, (printed, title))

        typed = re.sub(r"[\s./:]+", "-", text.strip().upper())
        if typed and re.match(r"^[A-ZÅÄÖ]*-?\d", typed):
            searcher = self._searcher()
            for raw in searcher.lexicon("case"):
                key = raw.decode("utf-8")
                if key.startswith(typed) or key.split("-", 1)[-1].startswith(typed):
                    doc = searcher.document(case=key)
                    if doc:
                        add((doc.get("case_numbers") or [key])[0], doc.get("title", ""))
                if len(found) >= limit:
                    break
        if len(found) < limit and text.strip():
            for hit in self.search(text, limit=limit):
                for printed in hit.case_numbers[:1]:
                    add(printed, hit.title)
        return list(found.values())[:limit]

    def known_people(self) -> frozenset[str]:
        """Lower-case full names of everyone who moved something in the minutes."""
        searcher = self._searcher()
        return frozenset(t.decode("utf-8") for t in searcher.lexicon("people"))

    def known_bodies(self) -> dict[str, str]:
        """Body code -> name, for every body with paragraphs in the index."""
        return self._named("body", lambda doc: doc.get("body_name"))

    def known_municipalities(self) -> dict[str, str]:
        """Municipality key -> its name as the minutes print it, for every municipality with
        paragraphs in the index."""
        return self._named("municipality", lambda doc: unpack_record(doc["record"])[0].municipality if "record" in doc else None)

    def _named(self, fieldname: str, name_of: Callable[[dict], str | None]) -> dict[str, str]:
        """Each value of an exact field -> the name the first paragraph holding it gives it.
        Read once per searcher: a question asks, and each value costs a document look-up."""
        searcher = self._searcher()

        def read() -> dict[str, str]:
            found = {}
            for raw in searcher.lexicon(fieldname):
                value = raw.decode("utf-8")
                if value and value != UNKNOWN_MUNICIPALITY:
                    found[value] = name_of(searcher.document(**{fieldname: value}) or {}) or value
            return found

        return dict(self._stats(searcher).remember(fieldname, read))

    def municipality_counts(self, term: str, fieldname: str = "text") -> dict[str, int]:
        """How many paragraphs of each municipality hold an indexed term."""
        searcher = self._searcher()
        try:
            scorer = self._scorer(searcher)
        except Unsupported:
            return {}
        holding = scorer.matches(Q.Term(fieldname, term)) & scorer.alive
        if not holding.any():
            return {}
        keys, of_document = self._stats(searcher).places(scorer)
        counts = np.bincount(of_document[holding & (of_document >= 0)], minlength=len(keys))
        return {key: int(n) for key, n in zip(keys, counts, strict=True) if n}

    def generation(self) -> int:
        """The number of the latest commit; it grows with every reindex that changed something."""
        return self._ix.latest_generation()

    def hit_for(self, doc_id: str) -> Hit | None:
        searcher = self._searcher()
        doc = searcher.document(doc_id=doc_id)
        return hit_from(doc, 0.0) if doc else None

    def paragraph(self, doc_id: str) -> tuple[Meeting, Paragraph] | None:
        searcher = self._searcher()
        doc = searcher.document(doc_id=doc_id)
        if not doc or "record" not in doc:
            return None
        return unpack_record(doc["record"])


class _TermStats:
    """One searcher's term statistics, remembered: a document frequency is a look-up in every
    segment, and answering one question asks for the same terms many times over."""

    _MAX = 500_000

    def __init__(self, searcher, segments: PostingCache):
        self.searcher = searcher
        self.segments = segments
        self._df: dict[tuple[str, str], int] = {}
        self._vocabularies: dict[str, frozenset[str]] = {}
        self._remembered: dict[str, object] = {}

    def df(self, fieldname: str, term: str) -> int:
        key = (fieldname, term)
        found = self._df.get(key)
        if found is None:
            if len(self._df) >= self._MAX:
                self._df.clear()
            found = self._df[key] = self.searcher.doc_frequency(fieldname, term)
        return found

    def places(self, scorer: Scorer) -> tuple[tuple[str, ...], np.ndarray]:
        """The municipality keys, and per document the position of its key among them (-1 for
        a file record), read once per searcher: a question's names are looked up by place."""

        def read() -> tuple[tuple[str, ...], np.ndarray]:
            keys = tuple(raw.decode("utf-8") for raw in self.searcher.lexicon("municipality"))
            of_document = np.full(scorer.size, -1, dtype=np.int32)
            for i, key in enumerate(keys):
                of_document[scorer.matches(Q.Term("municipality", key))] = i
            return keys, of_document

        return self.remember("places", read)

    def starting(self, fieldname: str, prefix: str) -> tuple[str, ...]:
        """The terms of a field that start with a three-letter prefix, from its vocabulary
        (grouped in one pass on first need)."""
        groups = self.remember(
            f"prefixes:{fieldname}:{len(prefix)}", lambda: _group_by_prefix(self.vocabulary(fieldname), len(prefix))
        )
        return groups.get(prefix, ())

    def remember(self, key: str, make: Callable[[], object]):
        """What `make` reads from this searcher, read once (a question asks for the bodies of
        the index; reading them costs a document look-up each)."""
        if key not in self._remembered:
            self._remembered[key] = make()
        return self._remembered[key]

    def vocabulary(self, fieldname: str) -> frozenset[str]:
        """Every term of a field (read once per searcher, on first need)."""
        found = self._vocabularies.get(fieldname)
        if found is None:
            # Segment by segment, each kept between commits (a segment never changes): reading
            # a lexicon costs some 3 µs a term, a tenth of a second per 10,000 paragraphs.
            found = frozenset().union(*(
                self.segments.terms(leaf.reader(), fieldname) for leaf, _ in self.searcher.leaf_searchers()
            ))
            self._vocabularies[fieldname] = found
        return found


def _group_by_prefix(terms, length: int) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for term in terms:
        groups.setdefault(term[:length], []).append(term)
    return {prefix: tuple(sorted(found)) for prefix, found in groups.items()}


_LETTERS = "abcdefghijklmnopqrstuvwxyzåäöé"


# Shorter words have too many spellings one edit away that stem to some indexed word.
MIN_RESPELT_WORD = 7


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | transposes | replaces | inserts


def _num(text: str) -> int:
    return int(text) if text.isdigit() else 0
