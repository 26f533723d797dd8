"""Reference indexes, built from the same paragraphs and asked the same questions as ours.

- `BaselineIndex`: plain Whoosh, its default analyzer, BM25 over each paragraph's full text.
- `Fts5Index`: SQLite's FTS5 from the standard library, its default tokenizer, bm25 ranking.

Evaluation and benchmarks report minutesbot's figures beside these, so every gain or loss is
measured against what a stock setup gives.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from whoosh import fields, qparser
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import exists_in
from whoosh.query import Or, Term

_NAME = "baseline"


class BaselineIndex:
    def __init__(self, documents: Iterable[tuple[str, str]] = (), directory: Path | None = None):
        """`documents`: (doc_id, full text) pairs; in `directory` when given, else in memory."""
        schema = fields.Schema(doc_id=fields.ID(stored=True, unique=True), text=fields.TEXT())
        if directory is None:
            self._ix = RamStorage().create_index(schema)
        else:
            directory.mkdir(parents=True, exist_ok=True)
            storage = FileStorage(str(directory))
            if exists_in(str(directory), indexname=_NAME):
                self._ix = storage.open_index(indexname=_NAME)
            else:
                self._ix = storage.create_index(schema, indexname=_NAME)
        self.add(documents)
        self._parser = qparser.QueryParser("text", self._ix.schema, group=qparser.OrGroup)
        self._searcher = None

    @classmethod
    def open(cls, directory: Path) -> BaselineIndex:
        return cls((), directory)

    def add(self, documents: Iterable[tuple[str, str]]) -> int:
        count = 0
        writer = self._ix.writer(limitmb=256)
        for doc_id, text in documents:
            writer.add_document(doc_id=doc_id, text=text)
            count += 1
        if count:
            writer.commit()
        else:
            writer.cancel()
        self._searcher = None
        return count

    def search(self, text: str, limit: int = 10) -> list[str]:
        """Doc ids of the best paragraphs, as Whoosh's own query parser reads the text."""
        try:
            query = self._parser.parse(text)
        except Exception:  # the stock parser can fail on odd input; fall back to its words
            words = [t.text for t in self._ix.schema["text"].analyzer(text)]
            query = Or([Term("text", w) for w in words])
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        return [hit["doc_id"] for hit in self._searcher.search(query, limit=limit)]

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self._ix.close()


class Fts5Index:
    """SQLite FTS5 with its defaults: the unicode61 tokenizer and bm25()."""

    def __init__(self, path: Path | str = ":memory:"):
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs USING fts5(doc_id UNINDEXED, text)")

    def add(self, documents: Iterable[tuple[str, str]]) -> int:
        with self._db:
            cursor = self._db.executemany("INSERT INTO paragraphs (doc_id, text) VALUES (?, ?)", documents)
        return cursor.rowcount

    def search(self, text: str, limit: int = 10) -> list[str]:
        # FTS5's query language treats much punctuation as syntax: its words, quoted, OR-ed.
        words = re.findall(r"\w+", text)
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in words)
        rows = self._db.execute(
            "SELECT doc_id FROM paragraphs WHERE paragraphs MATCH ? ORDER BY bm25(paragraphs) LIMIT ?",
            (match, limit),
        ).fetchall()
        return [row[0] for row in rows]

    def close(self) -> None:
        self._db.close()
