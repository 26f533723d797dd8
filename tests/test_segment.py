import random

from whoosh.filedb.filestore import RamStorage
from whoosh.writing import PostingPool

from index.segment import TermPool

from .conftest import segment_files


def _postings(count: int, seed: int) -> list[tuple]:
    rng = random.Random(seed)
    return [
        (rng.choice(["text", "title", "case"]), rng.choice([b"budget", b"skola", b"vatten", b"\xc3\xa5r"]), rng.randrange(50),
         float(rng.randrange(1, 4)), rng.choice([b"", b"\x00\x00\x00\x01"]))
        for _ in range(count)
    ]


def _whoosh_pool():
    return PostingPool(RamStorage(), segment=None, limitmb=1)


def test_the_pool_gives_postings_in_whoosh_order_whatever_order_they_came_in():
    items = _postings(400, seed=1)
    pool = TermPool(_whoosh_pool, limit=10_000)
    for item in items:
        pool.add(item)
    assert pool.spilled is None
    assert list(pool.iter_postings()) == sorted(items)
    grouped = [(field, term, postings) for field, terms in pool.grouped() for term, postings in terms]
    assert [(f, t, *p[i : i + 3]) for f, t, p in grouped for i in range(0, len(p), 3)] == sorted(items)


def test_a_document_s_fields_come_back_with_their_lengths_and_boosts():
    pool = TermPool(_whoosh_pool, limit=10_000)
    assert pool.add_field("text", 0, [(b"skola", 2, 2.0, b"a"), (b"budget", 1, 1.0, b"b")], 1.5, True) == 3
    assert pool.add_field("case", 0, [(b"ks-2024-1", 1, 1.0, b"")], 1.0, False) == 0
    assert pool.add_field("text", 1, [(b"skola", 1, 1.0, b"c")], 1.0, True) == 1
    assert list(pool.iter_postings()) == [
        ("case", b"ks-2024-1", 0, 1.0, b""),
        ("text", b"budget", 0, 1.5, b"b"),
        ("text", b"skola", 0, 3.0, b"a"),
        ("text", b"skola", 1, 1.0, b"c"),
    ]


def test_past_its_limit_the_pool_hands_everything_to_whoosh_s():
    items = _postings(300, seed=2)
    pool = TermPool(_whoosh_pool, limit=100)
    for docnum in range(30):
        pool.add_field("text", docnum, [(b"ord%d" % (docnum % 7), 1, 1.0, b"")], 1.0, True)
    for item in items:
        pool.add(item)
    assert isinstance(pool.spilled, PostingPool)
    expected = sorted(items + [("text", b"ord%d" % (d % 7), d, 1.0, b"") for d in range(30)])
    assert list(pool.iter_postings()) == expected
    pool.cleanup()


def test_a_field_s_postings_may_come_as_a_generator():
    pool = TermPool(_whoosh_pool, limit=10_000)
    items = ((term, 1, 1.0, b"") for term in (b"b", b"a"))
    assert pool.add_field("text", 3, items, 1.0, True) == 2
    assert list(pool.iter_postings()) == [("text", b"a", 3, 1.0, b""), ("text", b"b", 3, 1.0, b"")]


def test_whoosh_s_own_fields_are_written_as_whoosh_writes_them(tmp_path):
    # Positions (values of no fixed size), numbers, keywords with scores, and a field with
    # term vectors, which sends a document through Whoosh's own add_document.
    from whoosh import fields, index
    from whoosh.writing import SegmentWriter

    from index.segment import FastSegmentWriter

    rng = random.Random(4)
    words = ["budget", "skola", "vatten", "år", "nämnd", "beslut", "motion", "plan"]
    docs = [
        {
            "id": f"d{n}",
            "body": " ".join(rng.choice(words) for _ in range(rng.randrange(1, 400))),
            "tags": " ".join(rng.sample(words, 3)),
            "year": 2000 + n % 25,
        }
        for n in range(300)
    ]
    for vectors in (False, True):
        schema = fields.Schema(
            id=fields.ID(stored=True, unique=True),
            body=fields.TEXT(stored=True, vector=vectors),
            tags=fields.KEYWORD(scorable=True),
            year=fields.NUMERIC(stored=True),
        )
        written = {}
        for name, writer_class in (("whoosh", SegmentWriter), ("ours", FastSegmentWriter)):
            folder = tmp_path / f"{name}-{vectors}"
            folder.mkdir()
            writer = writer_class(index.create_in(str(folder), schema))
            for doc in docs:
                writer.add_document(**doc)
            writer.commit()
            written[name] = segment_files(folder)
        assert written["ours"] == written["whoosh"]
        assert ".pst" in written["ours"]


def test_a_field_added_to_the_writer_s_schema_is_written(tmp_path):
    from whoosh import fields, index

    from index.segment import FastSegmentWriter

    ix = index.create_in(str(tmp_path), fields.Schema(id=fields.ID(stored=True)))
    writer = FastSegmentWriter(ix)
    writer.add_field("body", fields.TEXT(stored=True))
    writer.add_document(id="a", body="budget för skolan")
    writer.commit()
    with ix.searcher() as searcher:
        assert [hit["id"] for hit in searcher.documents(body="skolan")] == ["a"]
