from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINUTES = ROOT / "data" / "minutes"


def segment_files(index_dir: Path) -> dict[str, bytes]:
    """The files inside the one segment, by name less the segment's random id."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    (segment,) = index_dir.glob("*.seg")
    compound = CompoundStorage(FileStorage(str(index_dir)).open_file(segment.name), use_mmap=False)
    try:
        return {name.replace(segment.stem, ""): compound.open_file(name).read() for name in compound.list()}
    finally:
        compound.close()


def protocol_text(body: str, date: str, paragraphs: list[tuple[int, str, str, str]]) -> str:
    """A small protocol: (number, title, case number, decision) per paragraph."""
    lines = ["Ekbacka kommun", body, "Sammanträdesprotokoll", f"Sammanträdesdatum {date}", ""]
    for number, title, case, decision in paragraphs:
        lines += [f"§ {number}", title, f"Dnr {case}", "", "Beslut", decision, ""]
    return "\n".join(lines)


def write_small_protocols(folder: Path) -> None:
    """A KS proposal and the KF decision on the same budget case, and a rejected motion."""
    (folder / "ks-2024-03-12.txt").write_text(
        protocol_text(
            "Kommunstyrelsen",
            "2024-03-12",
            [
                (10, "Budget för 2025", "KS 2024/100", "Kommunstyrelsen föreslår kommunfullmäktige besluta att anta budgeten."),
                (11, "Motion om cykelbanor", "KS 2024/101", "Motionen avslås."),
            ],
        ),
        encoding="utf-8",
    )
    (folder / "kf-2024-04-02.txt").write_text(
        protocol_text(
            "Kommunfullmäktige",
            "2024-04-02",
            [(30, "Budget för 2025", "KS-2024/0100.041", "Kommunfullmäktige beslutar att anta budgeten för 2025.")],
        ),
        encoding="utf-8",
    )


def index_protocols(tmp_path: Path, protocols: dict[str, tuple]) -> Path:
    """An index of small protocols: file name -> (body, date, paragraphs[, municipality]),
    written as `protocol_text` does; the municipality defaults to Ekbacka kommun."""
    from index.indexer import update_index

    folder = tmp_path / "minutes"
    folder.mkdir()
    for name, (body, date, paragraphs, *town) in protocols.items():
        text = protocol_text(body, date, paragraphs)
        (folder / name).write_text(text.replace("Ekbacka kommun", town[0]) if town else text, encoding="utf-8")
    update_index(folder, tmp_path / "ix")
    return tmp_path / "ix"


@pytest.fixture
def minutes_dir(tmp_path: Path) -> Path:
    """A fresh copy of a few small protocols to index and change."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    write_small_protocols(folder)
    shutil.copy(MINUTES / "huddinge-ksau-2024-02-21-p21.md", folder)
    return folder
