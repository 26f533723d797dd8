"""What may import what: the library never reaches into the application or Discord."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = sorted((ROOT / "index").rglob("*.py"))
WHOOSH_ALLOWED = {"schema.py", "indexer.py", "segment.py", "search.py", "scoring.py", "analysis.py", "baseline.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_library_modules_found():
    assert len(LIBRARY) >= 8


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_index_imports_neither_bot_nor_discord(path):
    roots = {name.split(".")[0] for name in imported_modules(path)}
    assert not roots & {"bot", "discord"}, f"{path.name} imports {roots & {'bot', 'discord'}}"


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_whoosh_stays_in_few_modules(path):
    roots = {name.split(".")[0] for name in imported_modules(path)}
    if "whoosh" in roots:
        assert path.name in WHOOSH_ALLOWED


def test_only_discord_adapter_imports_discord():
    for path in sorted((ROOT / "bot").rglob("*.py")):
        roots = {name.split(".")[0] for name in imported_modules(path)}
        if "discord" in roots:
            assert path.name == "discord_app.py", path
