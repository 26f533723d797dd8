"""The seam between minutesbot and its search engine.

The parser, the question understanding and the answer composer talk to a search engine only
through these two small interfaces. `MinutesIndex` (Whoosh, search.py) and `update_index`
(indexer.py) implement them for one machine; a distributed engine (OpenSearch for a national
archive, see docs/scaling.md) implements the same methods and nothing else changes.

What a backend receives is already analysed: `ParsedQuery.concepts` are Swedish wordings with
weights, filters are exact values (body code, ISO dates, case key, status, § number), and
documents are built by `schema.paragraph_document` from parsed paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol, runtime_checkable

from .indexer import IndexReport, Progress
from .records import Meeting, Paragraph
from .search import Filters, Hit, ParsedQuery


@runtime_checkable
class SearchBackend(Protocol):
    """Reading: what `bot` needs to answer questions."""

    def run(self, parsed: ParsedQuery, limit: int = 10) -> list[Hit]:
        """The best paragraphs for a query, best first (filters only: newest first)."""

    def search(self, text: str, filters: Filters = ..., limit: int = 10) -> list[Hit]:
        """Free text as a user typed it; query syntax never raises."""

    def case(self, case_text: str, limit: int = 200) -> list[Hit]:
        """Every paragraph of one matter, oldest first, whatever the case number's style."""

    def paragraph(self, doc_id: str) -> tuple[Meeting, Paragraph] | None:
        """The whole parsed paragraph behind a hit."""

    def hit_for(self, doc_id: str) -> Hit | None: ...

    def all_paragraphs(self) -> Iterator[tuple[Hit, Meeting, Paragraph]]: ...

    # Term statistics, for typo correction, rarity weighting and accent restoring.
    def document_frequency(self, term: str, fieldname: str = "text") -> int: ...

    def rarity(self, term: str) -> float: ...

    def spellings(self, term: str) -> list[str]: ...

    def similar_terms(self, term: str, limit: int = 3, word: str = "") -> list[str]: ...

    # What the archive holds, for understanding questions and for autocomplete.
    def known_people(self) -> frozenset[str]: ...

    def known_bodies(self) -> dict[str, str]: ...

    def known_municipalities(self) -> dict[str, str]: ...

    def municipality_counts(self, term: str, fieldname: str = "text") -> dict[str, int]:
        """Paragraphs holding an indexed term, by municipality key."""

    def suggest_cases(self, text: str, limit: int = 25) -> list[tuple[str, str]]: ...

    # Consistency: one answer reads one version of the archive.
    def generation(self) -> int: ...

    def pinned(self) -> AbstractContextManager: ...

    def close(self) -> None: ...


class IndexUpdater(Protocol):
    """Writing: bring an index up to date with a minutes folder in one atomic step."""

    def __call__(
        self,
        minutes_dir: Path,
        index_dir: Path,
        *,
        rebuild: bool = False,
        max_bytes: int | None = None,
        progress: Progress | None = None,
        procs: int = 1,
    ) -> IndexReport: ...
