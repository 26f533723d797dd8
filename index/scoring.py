"""Scoring a query a term at a time, over whole posting lists held in arrays.

Whoosh scores document at a time: every posting of every term of a question goes through a
tree of Python matcher objects (a union per field, per wording, per concept), several calls
per posting per level. A question about a large archive touches hundreds of thousands of
postings, and that walk was most of its answer time. Here each term's postings are read once
into arrays, kept between questions, and the query tree is combined a whole array at a time
with numpy. Scores are Whoosh's own, BM25F as `whoosh.scoring` computes it with the same
statistics, and the tree means what Whoosh's matchers make of it (tests compare the two on
every kind of question); a query holding anything else is left to Whoosh (`Unsupported`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from whoosh import query as Q
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.columns import VarBytesColumn
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

# Decoded lengths of the 256 length bytes Whoosh stores per document and field.
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
# Postings kept decoded between questions. Common terms recur in question after question and
# are the costly ones to read; 4 million postings take about 32 MB.
CACHE_POSTINGS = 4_000_000


class Unsupported(Exception):
    """The query holds a node this scorer does not evaluate; Whoosh's matchers will."""


@dataclass(frozen=True)
class _Postings:
    ids: np.ndarray  # int32 document numbers within the segment, ascending
    weights: np.ndarray  # float32, as Whoosh stores them: term frequency times the field's boost


class PostingCache:
    """What is read from a segment, kept: decoded posting lists (least recently used out
    first), and each document's field lengths, sortable values and the terms of a field.

    Segments never change once written (a deletion only marks documents), so what is read
    from one stays right for as long as the segment exists, across commits."""

    def __init__(self, capacity: int = CACHE_POSTINGS):
        self.capacity = capacity
        self._postings: OrderedDict[tuple, _Postings] = OrderedDict()
        self._size = 0
        self._per_segment: dict[tuple, object] = {}
        self._lock = threading.Lock()

    def postings(self, reader, segment_id: str, fieldname: str, btext: bytes) -> _Postings | None:
        key = (segment_id, fieldname, btext)
        with self._lock:
            found = self._postings.get(key)
            if found is not None:
                self._postings.move_to_end(key)
                return found
        found = read_postings(reader, fieldname, btext)
        if found is None:
            return None
        with self._lock:
            if key in self._postings:  # another thread read it meanwhile
                return self._postings[key]
            self._postings[key] = found
            self._size += len(found.ids)
            while self._size > self.capacity and len(self._postings) > 1:
                _, old = self._postings.popitem(last=False)
                self._size -= len(old.ids)
        return found

    def lengths(self, reader, segment_id: str, fieldname: str) -> np.ndarray:
        key = (segment_id, fieldname)
        found = self._per_segment.get(key)
        if found is None:
            found = read_lengths(reader, fieldname)
            with self._lock:
                self._per_segment[key] = found
        return found

    def column(self, reader, segment_id: str, fieldname: str, convert) -> np.ndarray:
        key = (segment_id, fieldname, convert)
        found = self._per_segment.get(key)
        if found is None:
            found = read_column(reader, fieldname, convert)
            with self._lock:
                self._per_segment[key] = found
        return found

    def terms(self, reader, fieldname: str) -> frozenset[str]:
        """Every term of a field in one segment."""
        segment = reader.segment()
        key = (segment.segment_id() if segment is not None else str(id(reader)), fieldname, "terms")
        found = self._per_segment.get(key)
        if found is None:
            names = reader.indexed_field_names()
            found = frozenset(t.decode("utf-8") for t in reader.lexicon(fieldname)) if fieldname in names else frozenset()
            with self._lock:
                self._per_segment[key] = found
        return found

    def forget(self, live: set[str]) -> None:
        """Drop what belongs to segments that are gone (merged away by a commit)."""
        with self._lock:
            for key in [k for k in self._postings if k[0] not in live]:
                self._size -= len(self._postings.pop(key).ids)
            for key in [k for k in self._per_segment if k[0] not in live]:
                del self._per_segment[key]


def read_postings(reader, fieldname: str, btext: bytes) -> _Postings | None:
    """All postings of a term in one segment, or None when the segment lacks the term."""
    try:
        matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format, scorer=None)
    except (TermNotFound, KeyError):
        return None
    ids: list[int] = []
    weights: list[float] = []
    if isinstance(matcher, W3LeafMatcher):
        # Whole blocks at a time: a block holds up to 128 postings already decoded as lists.
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids[matcher._i :])
            weights.extend(matcher._weights[matcher._i :])
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return _Postings(np.asarray(ids, dtype=np.int32), np.asarray(weights, dtype=np.float32))


def read_lengths(reader, fieldname: str) -> np.ndarray:
    """Each document's length in a field as Whoosh stores it (one byte, roughly)."""
    count = reader.doc_count_all()
    column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return np.ones(count, dtype=np.float64)
    if getattr(column, "_fixedlen", None) == 1 and hasattr(column, "_basepos"):
        # One read of the column's bytes; documents past its end have length byte 0.
        stored = min(column._count, count)
        raw = np.zeros(count, dtype=np.uint8)
        raw[:stored] = np.frombuffer(column._dbfile.get(column._basepos, stored), dtype=np.uint8)
    else:
        raw = np.frombuffer(bytes(column[i] for i in range(count)), dtype=np.uint8)
    return _LENGTHS[raw]


def read_column(reader, fieldname: str, convert) -> np.ndarray:
    """A sortable field's value per document through `convert` (0 where the segment has no
    such column), each distinct value converted once."""
    count = reader.doc_count_all()
    if not reader.has_column(fieldname):
        return np.zeros(count, dtype=np.float64)
    column = reader.column_reader(fieldname)
    raw = getattr(column, "_reader", None)
    translate = getattr(column, "_translate", None)
    if isinstance(raw, VarBytesColumn.Reader) and translate is not None and len(raw._lengths) == count:
        # One read of the column's bytes, cut at its offsets. Read a value at a time, a
        # server's first question waited a quarter of a second for 100,000 meeting dates.
        starts = np.asarray(raw._offsets, dtype=np.int64)
        ends = starts + np.asarray(raw._lengths, dtype=np.int64)
        blob = raw._dbfile.get(raw._basepos, int(ends.max())) if count else b""
        values = [blob[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    else:
        values, translate = list(column), None
    # A segment of 10,000 paragraphs holds a few hundred meeting days.
    converted = {value: convert(translate(value) if translate else value) for value in set(values)}
    return np.fromiter((converted[value] for value in values), dtype=np.float64, count=count)


class _Leaf:
    """One segment of the searcher being scored against."""

    def __init__(self, searcher, offset: int, cache: PostingCache):
        self.reader = searcher.reader()
        self.offset = offset
        self.count = self.reader.doc_count_all()
        segment = self.reader.segment()
        self.segment_id = segment.segment_id() if segment is not None else str(id(self.reader))
        self.cache = cache
        self.deleted = np.fromiter(self.reader.deleted_docs_set, dtype=np.int64) if self.reader.has_deletions() else None


class Scorer:
    """Evaluates query trees against one searcher; made again for each new searcher."""

    def __init__(self, searcher, cache: PostingCache):
        weighting = searcher.weighting
        if type(weighting) is not BM25F or weighting._field_B:
            raise Unsupported("only plain BM25F is evaluated here")
        self.searcher = searcher
        self.B, self.K1 = weighting.B, weighting.K1
        self.size = searcher.doc_count_all()
        self.leaves = [_Leaf(s, offset, cache) for s, offset in searcher.leaf_searchers()]
        self._idf: dict[tuple[str, bytes], float] = {}
        self._avgfl: dict[str, float] = {}
        cache.forget({leaf.segment_id for leaf in self.leaves})
        alive = np.ones(self.size, dtype=bool)
        for leaf in self.leaves:
            if leaf.deleted is not None and len(leaf.deleted):
                alive[leaf.deleted + leaf.offset] = False
        self.alive = alive

    # -- top level --------------------------------------------------------------------------

    def top(
        self, scoring: Q.Query, flt: Q.Query | None, limit: int, prior: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """(global document number, score) of the best `limit` matches, best first; ties go to
        the lower document number, as in Whoosh. `prior` multiplies each document's score."""
        if not self.size:
            return []  # an index created but never committed to: no statistics to score with
        scores = self.scores(scoring)
        if prior is not None:
            scores *= prior
        scores[~self.alive] = 0.0
        if flt is not None:
            scores[~self.matches(flt)] = 0.0
        matched = np.flatnonzero(scores > 0)
        if len(matched) > limit:
            # The limit-th best score, then everything at least as good (ties kept for order).
            cut = np.partition(scores[matched], len(matched) - limit)[len(matched) - limit]
            matched = matched[scores[matched] >= cut]
        order = sorted(matched.tolist(), key=lambda d: (-scores[d], d))[:limit]
        return [(d, float(scores[d])) for d in order]

    def matching(self, flt: Q.Query, limit: int) -> list[int]:
        """The first `limit` live documents a filter query matches, in index order."""
        if not self.size:
            return []
        return np.flatnonzero(self.matches(flt) & self.alive)[:limit].tolist()

    def newest(self, flt: Q.Query, limit: int) -> list[int]:
        """The `limit` live documents a filter query matches with the latest meeting dates,
        latest first, as Whoosh's search sorted by date in reverse orders them (one day's
        paragraphs from the last indexed)."""
        if not self.size:
            return []
        found = np.flatnonzero(self.matches(flt) & self.alive)
        days = self.column("meeting_date", _day)[found]
        return found[np.lexsort((-found, -days))[:limit]].tolist()

    def column(self, fieldname: str, convert) -> np.ndarray:
        """A sortable field's value per document, through `convert` (bytes or str -> float)."""
        out = np.zeros(self.size, dtype=np.float64)
        for leaf in self.leaves:
            out[leaf.offset : leaf.offset + leaf.count] = leaf.cache.column(leaf.reader, leaf.segment_id, fieldname, convert)
        return out

    def recency(self, today: dt.date, years: float) -> np.ndarray:
        """A factor per document that shrinks with the age of its meeting: 1 for this year's,
        1/2 at `years` old, 1/3 at twice that; 1 where the date is unknown."""
        when = self.column("meeting_date", _year)
        now = today.year + (today.timetuple().tm_yday - 1) / 365.25
        age = np.where(when > 0, np.clip(now - when, 0.0, None), 0.0)
        return 1.0 / (1.0 + age / years)

    # -- scores -----------------------------------------------------------------------------

    def scores(self, q: Q.Query) -> np.ndarray:
        """A dense array of every document's score for `q`; 0 where it does not match."""
        if isinstance(q, Q.Term):
            out = np.zeros(self.size, dtype=np.float64)
            for ids, values in self._term(q):
                out[ids] = values
            return out
        if type(q) in _COORDS and q._weighted():
            out = np.zeros(self.size, dtype=np.float64)
            held = np.zeros(self.size, dtype=np.float64)
            for sub, weight in zip(q.subqueries, q.weights, strict=True):
                part = self.scores(sub)
                out += part
                held[part > 0] += weight
            out *= held / sum(q.weights)
            if q.boost != 1.0:
                out *= q.boost
            return out
        if isinstance(q, Q.AndMaybe):  # before And: both are compound queries
            a = self.scores(q.a)
            b = self.scores(q.b)
            return np.where(a > 0, a + b, 0.0)
        if type(q) in _COMPOUNDS and not getattr(q, "minmatch", 0) and not getattr(q, "scale", None):
            subs = q.subqueries
            if not subs:
                return np.zeros(self.size, dtype=np.float64)
            if len(subs) == 1:
                return self.scores(subs[0])  # Whoosh drops a lone subquery's parent, boost and all
            kind = _COMPOUNDS[type(q)]
            if kind == "and":
                parts = [self.scores(s) for s in subs]
                out = np.sum(parts, axis=0)
                for part in parts:
                    out[part <= 0] = 0.0
            else:
                out = np.zeros(self.size, dtype=np.float64)
                for sub in subs:
                    if isinstance(sub, Q.Term):
                        for ids, values in self._term(sub):
                            if kind == "sum":
                                out[ids] += values
                            else:
                                _max_into(out, ids, values)
                    else:
                        part = self.scores(sub)
                        if kind == "sum":
                            out += part
                        else:
                            np.maximum(out, part, out=out)
            if q.boost != 1.0:
                out *= q.boost
            return out
        raise Unsupported(type(q).__name__)

    def _term(self, q: Q.Term):
        """(global ids, scores) per segment holding the term."""
        fieldname = q.fieldname
        if fieldname not in self.searcher.schema:
            return
        field = self.searcher.schema[fieldname]
        try:
            btext = field.to_bytes(q.text)
        except ValueError:
            return
        scorable = field.scorable
        if scorable:
            idf = self._idf_of(fieldname, btext)
            avgfl = self._avgfl_of(fieldname)
        for leaf in self.leaves:
            postings = leaf.cache.postings(leaf.reader, leaf.segment_id, fieldname, btext)
            if postings is None or not len(postings.ids):
                continue
            tf = postings.weights.astype(np.float64)  # exact: a float32 widened, as Whoosh does
            if scorable:
                fl = leaf.cache.lengths(leaf.reader, leaf.segment_id, fieldname)[postings.ids]
                values = idf * ((tf * (self.K1 + 1)) / (tf + self.K1 * ((1 - self.B) + self.B * fl / avgfl)))
            else:
                values = tf  # Whoosh's WeightScorer: the weight itself
            if q.boost != 1.0:
                values = values * q.boost
            yield postings.ids.astype(np.int64) + leaf.offset, values

    def _idf_of(self, fieldname: str, btext: bytes) -> float:
        key = (fieldname, btext)
        if key not in self._idf:
            self._idf[key] = self.searcher.idf(fieldname, btext)
        return self._idf[key]

    def _avgfl_of(self, fieldname: str) -> float:
        if fieldname not in self._avgfl:
            self._avgfl[fieldname] = self.searcher.avg_field_length(fieldname) or 1
        return self._avgfl[fieldname]

    # -- filters ----------------------------------------------------------------------------

    def matches(self, q: Q.Query) -> np.ndarray:
        """A boolean array of the documents a filter query matches."""
        if isinstance(q, Q.Term):
            out = np.zeros(self.size, dtype=bool)
            for ids in self._term_ids(q.fieldname, q.text):
                out[ids] = True
            return out
        if isinstance(q, Q.TermRange):
            out = np.zeros(self.size, dtype=bool)
            for leaf in self.leaves:
                for fieldname, btext in q.expanded_terms(leaf.reader):
                    postings = leaf.cache.postings(leaf.reader, leaf.segment_id, fieldname, btext)
                    if postings is not None:
                        out[postings.ids.astype(np.int64) + leaf.offset] = True
            return out
        if type(q) in (Q.And, Q.Or):
            parts = [self.matches(s) for s in q.subqueries]
            if not parts:
                return np.zeros(self.size, dtype=bool)
            return np.logical_and.reduce(parts) if type(q) is Q.And else np.logical_or.reduce(parts)
        raise Unsupported(type(q).__name__)

    def _term_ids(self, fieldname: str, text):
        if fieldname not in self.searcher.schema:
            return
        try:
            btext = self.searcher.schema[fieldname].to_bytes(text)
        except ValueError:
            return
        for leaf in self.leaves:
            postings = leaf.cache.postings(leaf.reader, leaf.segment_id, fieldname, btext)
            if postings is not None:
                yield postings.ids.astype(np.int64) + leaf.offset


def _year(value) -> float:
    """'2024-07-01' -> 2024.5; 0.0 for anything else."""
    text = value.decode("ascii", "replace") if isinstance(value, bytes) else str(value or "")
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return 0.0
    return day.year + (day.timetuple().tm_yday - 1) / 365.25


def _day(value) -> float:
    """'2024-07-01' -> its day number; 0.0 for anything else."""
    text = value.decode("ascii", "replace") if isinstance(value, bytes) else str(value or "")
    try:
        return float(dt.date.fromisoformat(text[:10]).toordinal())
    except ValueError:
        return 0.0


def _max_into(out: np.ndarray, ids: np.ndarray, values: np.ndarray) -> None:
    # A term's document numbers are distinct, so a gather and a scatter do what ufunc.at would.
    out[ids] = np.maximum(out[ids], values)


# Whoosh's own DisjunctionMax is not here: its matcher scores some documents by a subquery
# they do not match (see search.MaxOf), which this scorer will not copy.
_COMPOUNDS: dict[type, str] = {Q.Or: "sum", Q.And: "and"}


_COORDS: set[type] = set()


def register_coord(cls: type) -> None:
    """Let a subclass of Or that scales by the share of subqueries matched be evaluated here;
    without weights it adds up, as Or does."""
    _COORDS.add(cls)
    _COMPOUNDS[cls] = "sum"


def register_max(cls: type) -> None:
    """Let a subclass of DisjunctionMax (with the same scores) be evaluated here."""
    _COMPOUNDS[cls] = "max"
