"""The bot's own small state, in SQLite beside the index: follows, alerts sent, button targets,
and how far the change feed has been read. It survives restarts; the index can be rebuilt
without touching it."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS follows (
    id INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL,
    guild_id INTEGER,
    kind TEXT NOT NULL CHECK (kind IN ('case', 'phrase')),
    value TEXT NOT NULL,
    key TEXT NOT NULL,
    created_by INTEGER,
    created_at TEXT NOT NULL,
    UNIQUE (channel_id, kind, key)
);
CREATE TABLE IF NOT EXISTS notified (
    follow_id INTEGER NOT NULL REFERENCES follows(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (follow_id, doc_id, fingerprint)
);
CREATE TABLE IF NOT EXISTS buttons (
    key TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    question TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Follow:
    id: int
    channel_id: int
    guild_id: int | None
    kind: str  # "case" or "phrase"
    value: str  # as the user typed it
    key: str  # normalised: the case key, or the phrase in lower case
    created_by: int | None


@dataclass(frozen=True)
class ButtonTarget:
    doc_id: str
    question: str
    language: str


class Store:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        # One connection, shared by the event loop and worker threads under a lock.
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _run(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # -- follows -------------------------------------------------------------------------------

    def add_follow(self, channel_id: int, guild_id: int | None, kind: str, value: str, key: str, user_id: int | None) -> bool:
        """False when the channel already follows it."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO follows (channel_id, guild_id, kind, value, key, created_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (channel_id, guild_id, kind, value, key, user_id, _now()),
            )
            return cursor.rowcount == 1

    def remove_follow(self, channel_id: int, kind: str, key: str) -> bool:
        with self._lock:
            cursor = self._db.execute(
                "DELETE FROM follows WHERE channel_id = ? AND kind = ? AND key = ?", (channel_id, kind, key)
            )
            return cursor.rowcount > 0

    def follows(self, channel_id: int | None = None) -> list[Follow]:
        if channel_id is None:
            rows = self._run("SELECT id, channel_id, guild_id, kind, value, key, created_by FROM follows ORDER BY id")
        else:
            rows = self._run(
                "SELECT id, channel_id, guild_id, kind, value, key, created_by FROM follows WHERE channel_id = ? ORDER BY id",
                (channel_id,),
            )
        return [Follow(*row) for row in rows]

    def mark_notified(self, follow_id: int, doc_id: str, fingerprint: str) -> bool:
        """Record an alert; False when this follow was already told about this text."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO notified (follow_id, doc_id, fingerprint) VALUES (?, ?, ?)",
                (follow_id, doc_id, fingerprint),
            )
            return cursor.rowcount == 1

    # -- buttons -------------------------------------------------------------------------------

    def button_key(self, doc_id: str, question: str, language: str) -> str:
        """A short key for a button's custom id (Discord allows 100 characters)."""
        key = hashlib.sha256(f"{doc_id}\n{question}\n{language}".encode()).hexdigest()[:20]
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO buttons (key, doc_id, question, language, created_at) VALUES (?, ?, ?, ?, ?)",
                (key, doc_id, question[:1000], language, _now()),
            )
        return key

    def button(self, key: str) -> ButtonTarget | None:
        rows = self._run("SELECT doc_id, question, language FROM buttons WHERE key = ?", (key,))
        return ButtonTarget(*rows[0]) if rows else None

    # -- state ---------------------------------------------------------------------------------

    def get_state(self, key: str, default: str = "") -> str:
        rows = self._run("SELECT value FROM state WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    def set_state(self, key: str, value: str) -> None:
        self._run("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
