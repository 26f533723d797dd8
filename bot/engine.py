"""The application's one entry point for questions: an open index plus what understanding needs.

CLI, chat, evaluation and the Discord client all ask through `Engine`, so a question is
understood and answered the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace
from pathlib import Path

from index.analysis import warm_up
from index.backend import SearchBackend
from index.schema import municipality_key
from index.search import MinutesIndex

from .answer import Answer, Thresholds, compose_answer
from .glossary import Glossary, load_glossary
from .question import Question, understand


class Engine:
    def __init__(
        self,
        index_dir: Path,
        glossary: Glossary | None = None,
        backend: SearchBackend | None = None,
        scope: tuple[str, ...] = (),
    ):
        # Any SearchBackend will do (index/backend.py); the default is the Whoosh index on disk.
        self.index: SearchBackend = backend or MinutesIndex(index_dir)
        # A bot serving one council from a shared archive answers from that council's minutes
        # unless a question names another municipality.
        self.scope = tuple(dict.fromkeys(municipality_key(name) for name in scope if name.strip()))
        self.glossary = glossary or load_glossary()
        self._lock = threading.Lock()
        self._people: frozenset[str] = frozenset()
        self._bodies: dict[str, str] = {}
        self._municipalities: dict[str, str] = {}
        self.refresh_vocabulary()
        warm_up()

    def refresh_vocabulary(self) -> None:
        """Re-read the names, bodies and municipalities that occur in the minutes (after a reindex)."""
        people, bodies = self.index.known_people(), self.index.known_bodies()
        municipalities = self.index.known_municipalities()
        with self._lock:
            self._people, self._bodies, self._municipalities = people, bodies, municipalities

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def understand(self, text: str, *, language: str | None = None, today: dt.date | None = None) -> Question:
        question = understand(
            text,
            today=today or dt.date.today(),
            glossary=self.glossary,
            language=language,
            people=self._people,
            bodies=self._bodies,
            municipalities=self._municipalities,
        )
        return question if question.municipality else replace(question, scope=self.scope)

    def ask(
        self,
        text: str,
        *,
        language: str | None = None,
        today: dt.date | None = None,
        thresholds: Thresholds | None = None,
    ) -> Answer:
        with self.index.pinned():
            question = self.understand(text, language=language, today=today)
            return compose_answer(self.index, question, self.glossary, thresholds)
