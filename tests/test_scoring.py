"""The array scorer gives Whoosh's own scores, on an index of several segments with deletions."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from whoosh import query as Q
from whoosh.scoring import BM25F

from bot.answer import build_search, with_corrections
from bot.engine import Engine
from bot.synthetic import generate_archive
from index.indexer import update_index
from index.schema import KIND_PARAGRAPH
from index.scoring import PostingCache, Scorer, Unsupported, read_postings
from index.search import (
    Coord,
    MaxOf,
    MinutesIndex,
    Vocabulary,
    build_filter,
    build_query,
    parse_query,
)

from .conftest import protocol_text

ROOT = Path(__file__).resolve().parents[1]
MINUTES = ROOT / "data" / "minutes"
DEV = yaml.safe_load((ROOT / "data" / "eval" / "dev.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The shipped minutes and 2,500 synthetic paragraphs, indexed by two processes (several
    segments), then one protocol changed and reindexed (a segment with deletions)."""
    base = tmp_path_factory.mktemp("scoring")
    minutes = base / "minutes"
    generate_archive(minutes, 2500, seed=3)
    shutil.copytree(MINUTES, minutes / "shipped")
    update_index(minutes, base / "ix", procs=2)
    changed = sorted(minutes.glob("*.txt"))[5]
    changed.write_text(changed.read_text(encoding="utf-8").replace("§", "§ ", 1) + "\n", encoding="utf-8")
    update_index(minutes, base / "ix")
    return base / "ix"


@pytest.fixture(scope="module")
def engine(built):
    with Engine(built) as engine:
        yield engine


def whoosh_scores(searcher, q, flt=None) -> dict[int, float]:
    """Every match and its score by Whoosh's matchers (no limit: its top-N pruning is not
    what is compared here)."""
    return {r.docnum: r.score for r in searcher.search(q, filter=flt, limit=None)}


def array_scores(scorer, q, flt=None) -> dict[int, float]:
    return dict(scorer.top(q, flt, limit=10**9))


def question_queries(engine) -> list:
    """The queries the development questions become, common terms pruned as in a search."""
    ix = engine.index
    searcher = ix._searcher()
    total = searcher.doc_count()
    vocabulary = Vocabulary(lambda f, t: searcher.doc_frequency(f, t) / total, prune=True, count=total)
    queries = []
    for item in DEV["questions"]:
        question = with_corrections(engine.understand(item["question"], today=dt.date(2025, 6, 1)), ix)
        parsed = build_search(question)
        q = build_query(parsed, vocabulary)
        if q is not None:
            queries.append((item["question"], q, build_filter(parsed.filters, paragraphs_only=False)))
    return queries


def test_the_index_has_segments_and_deletions(built):
    with MinutesIndex(built) as ix:
        leaves = [s.reader() for s, _ in ix._searcher().leaf_searchers()]
        assert len(leaves) >= 3
        assert any(r.has_deletions() for r in leaves)


def test_every_development_question_scores_as_in_whoosh(engine):
    searcher = engine.index._searcher()
    scorer = Scorer(searcher, PostingCache())
    queries = question_queries(engine)
    assert len(queries) > 150
    for text, q, flt in queries:
        expected = whoosh_scores(searcher, q, flt)
        found = array_scores(scorer, q, flt)
        assert found.keys() == expected.keys(), text
        for docnum, score in expected.items():
            assert found[docnum] == pytest.approx(score, rel=1e-9), text


@pytest.mark.parametrize(
    "query",
    [
        Q.Term("text", "budget"),
        Q.Or([Q.Term("title", "budget", boost=2.5), Q.Term("text", "skatt")], boost=3.0),
        Q.And([Q.Term("text", "budget"), Q.Term("text", "skatt")], boost=2.0),
        Q.And([Q.Term("text", "budget")], boost=2.0),  # a lone subquery: Whoosh drops the boost
        MaxOf([Q.Term("text", "skol"), Q.Or([Q.Term("text", "förskol"), Q.Term("title", "skol")])]),
        Q.AndMaybe(Q.Term("text", "detaljplan"), Q.Or([Q.Term("body", "KS", boost=1.5), Q.Term("party", "m", boost=2.0)])),
        Q.Or([Q.Term("case_bare", "2023-412"), Q.Term("text", "cykelplan")]),
        Q.Term("text", "ordetsomintefinns"),
        Q.Term("nosuchfield", "x"),
        Coord([Q.Term("text", "budget"), Q.Term("title", "skatt", boost=2.5), Q.Term("text", "cykelplan")], (1.0, 2.0, 3.0)),
        Q.AndMaybe(Coord([Q.Term("text", "detaljplan"), Q.Term("text", "skol")], (2.0, 1.0), boost=1.5), Q.Term("party", "m", boost=2.0)),
        Coord([Q.Term("text", "budget"), Q.Term("text", "skatt")]),  # no weights: an Or
    ],
    ids=str,
)
def test_query_shapes_score_as_in_whoosh(built, query):
    with MinutesIndex(built) as ix:
        searcher = ix._searcher()
        scorer = Scorer(searcher, PostingCache())
        expected = whoosh_scores(searcher, query)
        found = array_scores(scorer, query)
    assert found.keys() == expected.keys()
    assert all(found[d] == pytest.approx(s, rel=1e-9) for d, s in expected.items())


@pytest.mark.parametrize(
    "flt",
    [
        Q.Term("body", "KF"),
        Q.TermRange("meeting_date", "2023-01-01", "2024-03-31"),
        Q.And([Q.Term("kind", KIND_PARAGRAPH), Q.TermRange("meeting_date", None, "2023-11-30")]),
        Q.Or([Q.Term("status", "decided"), Q.Term("status", "rejected")]),
    ],
    ids=str,
)
def test_filters_keep_exactly_what_whoosh_keeps(built, flt):
    q = Q.Or([Q.Term("text", "beslut"), Q.Term("title", "motion", boost=2.5)])
    with MinutesIndex(built) as ix:
        searcher = ix._searcher()
        expected = whoosh_scores(searcher, q, flt)
        found = array_scores(Scorer(searcher, PostingCache()), q, flt)
    assert expected and found.keys() == expected.keys()


def test_the_best_first_and_ties_to_the_lower_document_number(built):
    q = Q.Term("kind", KIND_PARAGRAPH)  # every paragraph scores the same
    with MinutesIndex(built) as ix:
        searcher = ix._searcher()
        top = Scorer(searcher, PostingCache()).top(q, None, limit=7)
        every = Scorer(searcher, PostingCache()).top(Q.Term("text", "budget"), None, limit=10**9)
    assert [d for d, _ in top] == sorted(d for d, _ in top) and len(top) == 7
    assert [s for _, s in every] == sorted((s for _, s in every), reverse=True)


def test_deleted_paragraphs_are_never_scored(built):
    with MinutesIndex(built) as ix:
        searcher = ix._searcher()
        deleted = {
            offset + d for s, offset in searcher.leaf_searchers() for d in s.reader().deleted_docs_set
        }
        found = array_scores(Scorer(searcher, PostingCache()), Q.Term("kind", KIND_PARAGRAPH))
    assert deleted and not deleted & found.keys()


def test_block_reading_equals_walking_the_matcher(built):
    with MinutesIndex(built) as ix:
        searcher = ix._searcher()
        for leaf, _ in searcher.leaf_searchers():
            reader = leaf.reader()
            terms = list(itertools.islice(reader.lexicon("text"), 300))
            for btext in terms:
                postings = read_postings(reader, "text", btext)
                matcher = reader._terms.matcher("text", btext, reader.schema["text"].format, scorer=None)
                walked = []
                while matcher.is_active():
                    walked.append((matcher.id(), matcher.weight()))
                    matcher.next()
                assert list(zip(postings.ids.tolist(), postings.weights.tolist(), strict=True)) == walked


def test_unsupported_queries_are_refused_and_search_falls_back(built):
    with MinutesIndex(built) as ix:
        searcher = ix._searcher()
        with pytest.raises(Unsupported):
            Scorer(searcher, PostingCache()).top(Q.Prefix("text", "budg"), None, 10)
        hits = ix.search("budg*")
    assert hits and all("budget" in h.title.lower() or h.score > 0 for h in hits)


def test_other_weightings_are_left_to_whoosh(built):
    with MinutesIndex(built) as ix:
        searcher = ix._ix.searcher(weighting=BM25F(B=0.5, title_B=0.3))
        with pytest.raises(Unsupported):
            Scorer(searcher, PostingCache())
        searcher.close()


def test_the_cache_keeps_to_its_capacity_and_forgets_gone_segments(built):
    cache = PostingCache(capacity=2000)
    with MinutesIndex(built) as ix:
        searcher = ix._searcher()
        scorer = Scorer(searcher, cache)
        for term in ("budget", "beslut", "motion", "skol", "detaljplan", "kommun"):
            scorer.top(Q.Term("text", term), None, 5)
        assert 0 < cache._size <= 2000 or len(cache._postings) == 1
        cache.forget(set())
    assert cache._size == 0 and not cache._postings and not cache._per_segment


def test_search_uses_the_scorer_and_finds_what_whoosh_finds(built):
    """End to end through MinutesIndex.run: the same paragraphs as Whoosh's best matches
    where scores differ enough to order them."""
    with MinutesIndex(built) as ix:
        parsed = parse_query("vänortssamarbete Huddinge")
        hits = ix.run(parsed, limit=5)
        searcher = ix._searcher()
        total = searcher.doc_count()
        q = build_query(parsed, Vocabulary(lambda f, t: searcher.doc_frequency(f, t) / total, prune=True, count=total))
        expected = sorted(whoosh_scores(searcher, q).items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        assert [h.doc_id for h in hits] == [searcher.stored_fields(d)["doc_id"] for d, _ in expected]
    assert hits[0].title.startswith("Förslag om att avsluta Huddinge")


def test_recency_divides_by_one_plus_age_in_units(built):
    with MinutesIndex(built) as ix:
        searcher = ix._searcher()
        scorer = Scorer(searcher, PostingCache())
        factor = scorer.recency(dt.date(2025, 1, 1), years=20.0)
        dates = {d: searcher.stored_fields(d).get("meeting_date", "") for d in range(searcher.doc_count_all())}
    for docnum, date in dates.items():
        if not date:
            assert factor[docnum] == 1.0  # file records and undated paragraphs
            continue
        day = dt.date.fromisoformat(date)
        age = max(0.0, 2025 - (day.year + (day.timetuple().tm_yday - 1) / 365.25))
        assert factor[docnum] == pytest.approx(1 / (1 + age / 20.0))


def test_a_newer_matter_outranks_an_older_equal_one(tmp_path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    for year in (1998, 2024):
        (folder / f"kf-{year}.txt").write_text(
            protocol_text("Kommunfullmäktige", f"{year}-03-01", [(5, "Vänortsavtal med Tartu", f"KS {year}/7", "Avtalet godkänns.")]),
            encoding="utf-8",
        )
    update_index(folder, tmp_path / "ix")
    with MinutesIndex(tmp_path / "ix") as ix:
        plain = ix.run(parse_query("vänortsavtal"))
        recent = ix.run(replace(parse_query("vänortsavtal"), recent=dt.date(2025, 6, 1)))
    assert plain[0].score == pytest.approx(plain[1].score)
    assert recent[0].meeting_date == "2024-03-01" and recent[0].score > recent[1].score


def test_lengths_read_in_one_go_equal_whoosh_per_document(built):
    from index.scoring import read_lengths

    with MinutesIndex(built) as ix:
        for leaf, _ in ix._searcher().leaf_searchers():
            reader = leaf.reader()
            for fieldname in ("title", "text"):
                lengths = read_lengths(reader, fieldname)
                # As BM25F asks: 1 where the segment has no such field, None (no postings) for 0.
                found = (reader.doc_field_length(d, fieldname, 1) for d in range(reader.doc_count_all()))
                expected = [0 if x is None else x for x in found]
                assert lengths.tolist() == expected


def test_columns_read_in_one_go_equal_whoosh_per_document(built):
    from index.scoring import _day, _year, read_column

    seen = set()
    with MinutesIndex(built) as ix:
        for leaf, _ in ix._searcher().leaf_searchers():
            reader = leaf.reader()
            # A segment of file records has no such column: zeros, as PostingCache gave.
            column = reader.column_reader("meeting_date") if reader.has_column("meeting_date") else None
            for convert in (_year, _day):
                expected = [convert(column[d]) if column is not None else 0.0 for d in range(reader.doc_count_all())]
                assert read_column(reader, "meeting_date", convert).tolist() == expected
                seen.update(expected)
    assert len(seen) > 100  # many distinct meeting days, not one value everywhere


@pytest.mark.parametrize(
    "flt",
    [
        Q.And([Q.Term("kind", KIND_PARAGRAPH), Q.Term("body", "KS")]),
        Q.And([Q.Term("kind", KIND_PARAGRAPH), Q.Term("paragraph", "21")]),
        Q.And([Q.Term("kind", KIND_PARAGRAPH), Q.TermRange("meeting_date", "2023-01-01", "2024-03-31")]),
    ],
    ids=str,
)
def test_the_newest_matches_are_whooshs_date_sorted_ones(built, flt):
    with MinutesIndex(built) as ix:
        searcher = ix._searcher()
        scorer = Scorer(searcher, PostingCache())
        for limit in (5, 10**6):
            expected = searcher.search(flt, limit=limit, sortedby="meeting_date", reverse=True)
            assert scorer.newest(flt, limit) == [r.docnum for r in expected]
