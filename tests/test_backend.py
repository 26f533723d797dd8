"""The Whoosh implementation fills the backend interfaces the application relies on."""

from __future__ import annotations

import inspect

from index import backend
from index.indexer import update_index
from index.search import MinutesIndex


def test_minutes_index_is_a_search_backend(minutes_dir, tmp_path):
    update_index(minutes_dir, tmp_path / "ix")
    with MinutesIndex(tmp_path / "ix") as ix:
        assert isinstance(ix, backend.SearchBackend)


def test_backend_methods_match_the_implementation():
    for name, member in inspect.getmembers(backend.SearchBackend, inspect.isfunction):
        if name.startswith("_"):
            continue
        implemented = getattr(MinutesIndex, name)
        wanted = list(inspect.signature(member).parameters)
        assert list(inspect.signature(implemented).parameters) == wanted, name


def test_update_index_is_an_updater():
    wanted = list(inspect.signature(backend.IndexUpdater.__call__).parameters)[1:]
    assert list(inspect.signature(update_index).parameters) == wanted


def test_the_application_reaches_the_engine_only_through_the_seam():
    # bot/ may build queries and read hits, but never imports Whoosh.
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "bot"
    for path in root.glob("*.py"):
        assert "import whoosh" not in path.read_text(encoding="utf-8") and "from whoosh" not in path.read_text(encoding="utf-8"), path
