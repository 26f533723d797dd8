"""Writing a Whoosh segment: the same bytes as Whoosh's SegmentWriter, with less work per posting.

Whoosh's writer handles one posting at a time on every step: a tuple per posting into a pool
that weighs each one, a sort of all of a segment's tuples, then for each posting a field length
looked up in the column just written and a call into the postings writer that checks its types.
A segment of 10,000 paragraphs holds about a million postings. Here a document's postings are
kept by field and term as they arrive (already in document order), only the terms are sorted,
and each term's blocks are written whole, in Whoosh 3's format (the project pins its version).
tests/test_indexer.py holds the segment files byte for byte equal to Whoosh's.
"""

from __future__ import annotations

import zlib
from array import array
from operator import sub
from pickle import dumps

from whoosh.codec.whoosh3 import (
    COMPRESSION_MIN_SIZE,
    WHOOSH3_HEADER_MAGIC,
    W3FieldWriter,
    W3TermInfo,
)
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import PostingPool, SegmentWriter

# What one posting costs the pool in memory: three list slots and its weight and value.
_POSTING_BYTES = 100


class TermPool:
    """A segment's postings by field and term: field -> term -> [docnum, weight, value, ...],
    flat, so that a block's documents, weights and values are three slices.

    Past `limit` postings everything moves to Whoosh's PostingPool, which sorts in runs on
    disk: a single-process build of a whole archive stays within the writer's memory."""

    def __init__(self, spill_pool, limit: int):
        self._fields: dict[str, dict[bytes, list]] = {}
        self._count = 0
        self._limit = limit
        self._spill_pool = spill_pool
        self._in_order = True
        self.spilled: PostingPool | None = None

    def add_field(self, fieldname: str, docnum: int, items, boost: float, scorable: bool) -> int:
        """Add one field's (term, frequency, weight, value) items of document `docnum`, as
        SegmentWriter.add_document does; return the field's length."""
        if self.spilled is not None:
            length = 0
            for tbytes, freq, weight, vbytes in items:
                length += freq if scorable else 0
                self.spilled.add((fieldname, tbytes, docnum, weight * boost, vbytes))
            return length
        if not isinstance(items, list):
            items = list(items)  # Whoosh's own fields give a generator
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        length = 0
        for tbytes, freq, weight, vbytes in items:
            if scorable:
                length += freq
            postings = terms.get(tbytes)
            if postings is None:
                terms[tbytes] = [docnum, weight * boost, vbytes]
            else:
                postings += (docnum, weight * boost, vbytes)
        self._count += len(items)
        if self._count > self._limit:
            self._spill()
        return length

    def add(self, item: tuple) -> None:
        """One posting, (field, term, docnum, weight, value), as Whoosh's pool takes it when
        segments are merged."""
        if self.spilled is not None:
            self.spilled.add(item)
            return
        fieldname, tbytes, docnum, weight, vbytes = item
        postings = self._fields.setdefault(fieldname, {}).setdefault(tbytes, [])
        if postings and postings[-3] >= docnum:
            self._in_order = False
        postings += (docnum, weight, vbytes)
        self._count += 1
        if self._count > self._limit:
            self._spill()

    def grouped(self):
        """(field, [(term, flat postings)]) in Whoosh's order: fields, terms, then documents."""
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            yield fieldname, [(tbytes, terms[tbytes] if self._in_order else _sorted(terms[tbytes])) for tbytes in sorted(terms)]

    def iter_postings(self):
        if self.spilled is not None:
            return self.spilled.iter_postings()
        return (
            (fieldname, tbytes, *postings[i : i + 3])
            for fieldname, terms in self.grouped()
            for tbytes, postings in terms
            for i in range(0, len(postings), 3)
        )

    def cleanup(self) -> None:
        self._fields = {}
        if self.spilled is not None:
            self.spilled.cleanup()

    def _spill(self) -> None:
        pool = self._spill_pool()
        for item in self.iter_postings():
            pool.add(item)
        self._fields = {}
        self.spilled = pool


def _sorted(postings: list) -> list:
    # In Whoosh's order, as its pool sorts (field, term, docnum, weight, value) tuples.
    ordered = sorted(zip(postings[0::3], postings[1::3], postings[2::3], strict=True))
    return [item for posting in ordered for item in posting]


class FastSegmentWriter(SegmentWriter):
    """SegmentWriter with postings kept by term (TermPool) and each term's blocks written whole."""

    def __init__(self, ix, *args, limitmb: int = 128, **kwargs):
        super().__init__(ix, *args, limitmb=limitmb, **kwargs)
        self._schema_changed()
        self.pool = TermPool(
            lambda: PostingPool(self._tempstorage, self.newsegment, limitmb=limitmb),
            limit=limitmb * 2**20 // _POSTING_BYTES,
        )

    def _spec(self, name: str) -> tuple:
        # What add_document asks of a field, looked up once: its keys among a document's
        # keyword arguments were strings made for every field of every document.
        field = self.schema[name]
        spec = (field, field.indexed, field.scorable, field.stored, field.column_type, f"_{name}_boost", f"_stored_{name}")
        self._specs[name] = spec
        return spec

    def _schema_changed(self) -> None:
        # Term vectors and spelling words go through Whoosh's own add_document.
        self._plain = any(field.vector or field.separate_spelling() for _, field in self.schema.items())
        self._specs: dict[str, tuple] = {}

    def add_field(self, fieldname, fieldspec, **kwargs):
        super().add_field(fieldname, fieldspec, **kwargs)
        self._schema_changed()

    def remove_field(self, fieldname):
        super().remove_field(fieldname)
        self._schema_changed()

    def add_document(self, **fields):
        if self._plain:
            return super().add_document(**fields)
        # SegmentWriter.add_document, with a field's postings added to the pool in one call.
        self._check_state()
        perdocwriter, pool, specs, docnum = self.perdocwriter, self.pool, self._specs, self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        self._check_fields(self.schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field, indexed, scorable, stored, column, boost_key, stored_key = specs.get(fieldname) or self._spec(fieldname)
                length = 0
                if indexed:
                    boost = float(fields[boost_key]) if boost_key in fields else docboost
                    length = pool.add_field(fieldname, docnum, field.index(value), boost, scorable)
                customval = fields.get(stored_key, value)
                perdocwriter.add_field(fieldname, field, customval if stored else None, length)
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        # SegmentWriter._flush_segment, with the lengths read once per field and the postings
        # written by term where the pool holds them.
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        lengths = LengthTables(pdr) if pdr else None
        # _write_term writes blocks as Whoosh 3's postings writer does, with no postings inlined.
        codec = self.codec
        if self.pool.spilled is None and type(self.fieldwriter) is W3FieldWriter and codec._inlinelimit <= 1:
            write_grouped(self.fieldwriter, self.schema, lengths, self.pool.grouped())
        else:
            self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if pdr:
            pdr.close()


class LengthTables:
    """The `lengths` that FieldWriter.add_postings asks of a per-document reader, each field's
    read into a list before the postings need them.

    Whoosh looks up the field length of every posting's document in the column just written,
    a seek and a read per posting."""

    def __init__(self, reader):
        self._reader = reader

    def doc_field_length_reader(self, fieldname, default=0):
        length_of = self._reader.doc_field_length_reader(fieldname, default)
        return [length_of(docnum) for docnum in range(self._reader.doc_count_all())].__getitem__


def write_grouped(fieldwriter: W3FieldWriter, schema, lengths: LengthTables | None, grouped) -> None:
    """FieldWriter.add_postings for postings grouped by field and term."""
    for fieldname, terms in grouped:
        if not terms:
            continue
        fieldobj = schema[fieldname]
        fieldwriter.start_field(fieldname, fieldobj)
        length_of = lengths.doc_field_length_reader(fieldname) if lengths else None
        fixed_size = fieldobj.format.fixed_value_size()
        for tbytes, postings in terms:
            _write_term(fieldwriter, tbytes, postings, length_of, fixed_size)
        fieldwriter.finish_field()


def _write_term(fieldwriter: W3FieldWriter, tbytes: bytes, postings: list, length_of, fixed_size) -> None:
    """start_term, add_posting for each posting, and finish_term, without their calls per
    posting and per block: the same bytes. The postings are [docnum, weight, value, ...]."""
    writer = fieldwriter._postwriter
    postfile = writer._postfile
    start = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    # What W3TermInfo.add_block gathers block by block, from the same starting values.
    weight, df, minlength, maxlength, maxweight, minid = 0, 0, None, 0, 0, None
    step = 3 * writer._blocklimit
    for begin in range(0, len(postings), step):
        end = begin + step
        ids = postings[begin:end:3]
        weights = array("f", postings[begin + 1 : end : 3])
        values = [value for value in postings[begin + 2 : end : 3] if value]
        top = max(postings[begin + 1 : end : 3])
        # add_posting keeps the first weight above the running maximum, which starts at 0.
        block_maxweight = top if top > 0 else 0
        known = [n for n in map(length_of, ids) if n] if length_of else []
        block_minlength = min(known) if known else None
        block_maxlength = max(known) if known else 0
        # W3PostingsWriter._write_block, with its _mini_ids, _mini_weights and _mini_values.
        if weights.count(1.0) == len(weights):
            mini_weights = None
        elif weights.count(weights[0]) == len(weights):
            mini_weights = weights[0]
        else:
            mini_weights = tuple(weights)
        if fixed_size is None or fixed_size < 0:
            mini_values = tuple(values)
        else:
            mini_values = b"".join(values) if fixed_size else None
        deltas = (ids[0], *map(sub, ids[1:], ids[:-1]))
        data = dumps((deltas, mini_weights, mini_values), 2)
        level = writer._compression if len(data) >= COMPRESSION_MIN_SIZE else 0
        if level:
            data = zlib.compress(data, level)
        info = (len(ids), ids[-1], block_maxweight, level, length_to_byte(block_minlength), length_to_byte(block_maxlength))
        info = dumps(info, 2)
        postfile.write_int((len(info) + len(data)) * (-1 if end >= len(postings) else 1))
        postfile.write(info)
        postfile.write(data)
        weight += sum(weights)
        df += len(ids)
        minlength = block_minlength if minlength is None else min(minlength, block_minlength)
        maxlength = max(maxlength, block_maxlength)
        maxweight = max(maxweight, block_maxweight)
        minid = ids[0] if minid is None else minid
    terminfo = W3TermInfo(weight, df, minlength, maxlength, maxweight, minid, ids[-1])
    terminfo.set_extent(start, postfile.tell() - start)
    fieldwriter._tindex.add(pack_ushort(fieldwriter._fieldid) + tbytes, terminfo.to_bytes())
