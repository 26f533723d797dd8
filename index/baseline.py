"""A reference index: plain Whoosh, its default analyzer, BM25 over each paragraph's full text.

Evaluation and benchmarks report minutesbot's figures beside this one, built from the same
paragraphs and asked the same questions, so every gain or loss is measured against what a
stock setup gives.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import fields, qparser
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Or, Term


class BaselineIndex:
    def __init__(self, documents: Iterable[tuple[str, str]]):
        """`documents`: (doc_id, full text) pairs."""
        schema = fields.Schema(doc_id=fields.ID(stored=True, unique=True), text=fields.TEXT())
        self._ix = RamStorage().create_index(schema)
        with self._ix.writer() as writer:
            for doc_id, text in documents:
                writer.add_document(doc_id=doc_id, text=text)
        self._parser = qparser.QueryParser("text", schema, group=qparser.OrGroup)

    def search(self, text: str, limit: int = 10) -> list[str]:
        """Doc ids of the best paragraphs, as Whoosh's own query parser reads the text."""
        try:
            query = self._parser.parse(text)
        except Exception:  # the stock parser can fail on odd input; fall back to its words
            words = [t.text for t in self._ix.schema["text"].analyzer(text)]
            query = Or([Term("text", w) for w in words])
        with self._ix.searcher() as searcher:
            return [hit["doc_id"] for hit in searcher.search(query, limit=limit)]
