"""The synthetic archive generator: deterministic, the size asked for, and read back by the parser
exactly as it was written (paragraph numbers, titles, statuses, case numbers)."""

from __future__ import annotations

import collections
import dataclasses
import re
from pathlib import Path

import pytest

from bot.synthetic import ArchiveInfo, SyntheticArchive, generate_archive
from index.parser import parse_protocol
from index.readers import read_file, read_text
from index.records import STATUSES

SIZE = 300


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, ArchiveInfo]:
    folder = tmp_path_factory.mktemp("synthetic") / "archive"
    return folder, generate_archive(folder, SIZE, seed=1)


def test_same_seed_same_bytes(archive, tmp_path):
    folder, info = archive
    again = generate_archive(tmp_path / "again", SIZE, seed=1)
    assert _files(tmp_path / "again") == _files(folder)
    assert dataclasses.replace(again, seconds=0) == dataclasses.replace(info, seconds=0)


def test_different_seed_different_archive(archive, tmp_path):
    folder, _ = archive
    generate_archive(tmp_path / "other", SIZE, seed=2)
    assert _files(tmp_path / "other") != _files(folder)


def test_paragraph_count_is_met_and_reported(archive):
    folder, info = archive
    assert info.paragraphs == SIZE
    assert info.files == len(list(folder.iterdir())) > 1
    assert 0 < info.matters < SIZE and info.seconds >= 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.files = 0  # type: ignore[misc]


@pytest.mark.parametrize("size", [1, 7, 64, 1234])
def test_any_size_exactly(size):
    protocols = list(SyntheticArchive(size, seed=3, keep_matters=False).protocols())
    assert sum(len(p.paragraphs) for p in protocols) == size


def test_files_are_named_and_written_like_protocols(archive):
    folder, _ = archive
    names = sorted(p.name for p in folder.iterdir())
    assert all(re.fullmatch(r"sjobacka-(kf|ks|ksau|[a-z]{1,4}n)-\d{4}-\d\d-\d\d\.(txt|md)", n) for n in names), names
    bodies = {n.split("-")[1] for n in names}
    assert {"kf", "ks", "ksau"} <= bodies and len(bodies) >= 5
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "Sammanträdesprotokoll" in text or "SAMMANTRÄDESPROTOKOLL" in text
        assert "Sjöbacka kommun" in text


def test_the_parser_finds_what_was_written(archive):
    """Every file of the archive: meeting, paragraph numbers and titles, status, next body and
    case number as the generator meant them."""
    folder, _ = archive
    problems = []
    statuses = collections.Counter()
    for protocol in SyntheticArchive(SIZE, seed=1, keep_matters=False).protocols():
        path = folder / protocol.filename
        assert path.read_text(encoding="utf-8") == protocol.text
        meeting = parse_protocol(read_file(path).text, protocol.filename)
        got = (meeting.body_code, meeting.meeting_date, meeting.municipality)
        if got != (protocol.body_code, protocol.date, "Sjöbacka kommun"):
            problems.append(f"{protocol.filename}: meeting {got}")
        found = [(p.number_norm, p.title) for p in meeting.paragraphs]
        written = [(p.number, p.title) for p in protocol.paragraphs]
        if found != written:
            problems.append(f"{protocol.filename}: paragraphs {found} != {written}")
            continue
        for p, want in zip(meeting.paragraphs, protocol.paragraphs, strict=True):
            statuses[want.status] += 1
            if p.status != want.status:
                problems.append(f"{protocol.filename} § {want.number}: status {p.status} != {want.status}")
            if want.status in ("proposed", "forwarded") and p.next_body != want.next_body:
                problems.append(f"{protocol.filename} § {want.number}: next {p.next_body} != {want.next_body}")
            if want.case_key and want.case_key not in p.case_keys:
                problems.append(f"{protocol.filename} § {want.number}: case {p.case_keys} lacks {want.case_key}")
    assert not problems, "\n".join(problems[:20])
    assert statuses["decided"] > statuses["proposed"] > 0 and statuses["noted"] > 0


@pytest.fixture(scope="module")
def larger():
    archive = SyntheticArchive(2500, seed=5)
    protocols = list(archive.protocols())
    return archive, protocols


def test_status_mix_is_realistic(larger):
    _, protocols = larger
    counts = collections.Counter(p.status for protocol in protocols for p in protocol.paragraphs)
    total = sum(counts.values())
    assert set(counts) <= set(STATUSES) - {"unknown"}
    assert len(counts) >= 7, counts
    assert counts.most_common(1)[0][0] == "decided"
    assert 0.1 < counts["proposed"] / total < 0.35 and 0.08 < counts["noted"] / total < 0.3
    for rare in ("rejected", "tabled", "withdrawn"):
        assert 0 < counts[rare] / total < 0.08, (rare, counts)


def test_matters_travel_under_one_case_number(larger):
    """A matter prepared by KSAU or a nämnd comes back in KS and KF, its status moving on; the
    parser finds its case number in every one of those paragraphs, printed in more than one way."""
    archive, protocols = larger
    travelled = [m for m in archive.matters if len({body for _, body, _, _ in m.steps}) >= 3]
    assert len(travelled) >= 5
    by_paragraph = {(p.date, p.body_code): p for p in protocols}
    printed_styles = set()
    for matter in travelled[:5]:
        statuses = [status for _, _, _, status in matter.steps]
        assert statuses[-1] != "proposed" or matter.steps[-1][1] != "KF"
        assert "proposed" in statuses or "forwarded" in statuses or matter.kind == "motion"
        for day, body, number, status in matter.steps:
            protocol = by_paragraph[(day, body)]
            meeting = parse_protocol(read_text(protocol.text.encode("utf-8")).text, protocol.filename)
            paragraph = next(p for p in meeting.paragraphs if p.number_norm == number)
            assert matter.case_key in paragraph.case_keys
            assert paragraph.status == status
            printed_styles.update(paragraph.case_numbers)
    assert len(printed_styles) > len(travelled[:5])


def test_a_body_decides_a_matter_named_for_its_year_once_that_year(larger):
    """"Läsårstider 2024/2025" or "Attestordning 2024" is one matter of one body, not a new
    one at each of its meetings."""
    archive, _ = larger
    yearly = collections.Counter(
        (m.steps[0][1], m.title) for m in archive.matters if m.kind == "own" and str(m.year) in m.title
    )
    assert yearly and max(yearly.values()) == 1, yearly.most_common(3)


def test_an_archive_ends_on_the_day_asked_for():
    import datetime as dt

    end = dt.date(2020, 6, 1)
    days = [p.date for p in SyntheticArchive(SIZE, seed=1, end=end).protocols()]
    assert max(days) <= end and max(days) > end - dt.timedelta(days=60)


def test_progress_reports_every_file(tmp_path):
    seen = []
    info = generate_archive(tmp_path / "p", 120, seed=4, progress=lambda done, total, name: seen.append((done, total, name)))
    assert [total for _, total, _ in seen] == [120] * info.files
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)
    assert seen[-1][0] == 120 and all((tmp_path / "p" / name).is_file() for _, _, name in seen)


def test_vocabulary_is_rich(archive):
    folder, _ = archive
    words = set()
    for path in folder.iterdir():
        words.update(re.findall(r"[a-zåäöé]{3,}", path.read_text(encoding="utf-8").lower()))
    assert len(words) > 1500


def test_avoided_names_and_cases_are_not_used(tmp_path):
    from bot.synthetic import Avoid, SyntheticArchive

    plain = SyntheticArchive(400, seed=5)
    texts = [p.text for p in plain.protocols()]
    place = plain.vocab.places[0]
    case = next(p.case_key for proto in SyntheticArchive(400, seed=5).protocols() for p in proto.paragraphs if p.case_key)
    avoiding = SyntheticArchive(400, seed=5, avoid=Avoid(frozenset({place}), frozenset({case})))
    assert place not in avoiding.vocab.places
    keys = {p.case_key for proto in avoiding.protocols() for p in proto.paragraphs}
    assert case not in keys and texts
