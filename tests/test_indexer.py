"""Incremental indexing on a real on-disk index: what changes, what is reported, crash safety."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from index.indexer import update_index
from index.search import MinutesIndex

from .conftest import protocol_text, segment_files


def snapshot(index_dir: Path) -> list[tuple]:
    with MinutesIndex(index_dir) as ix:
        hits = ix.search("budget cykelbanor vänort samverkan", limit=500)
    return sorted((h.source, h.paragraph, h.title, h.status) for h in hits)


def test_first_run_indexes_everything(minutes_dir, tmp_path):
    report = update_index(minutes_dir, tmp_path / "ix")
    assert (report.files, report.indexed_files, report.paragraphs) == (3, 3, 4)
    assert len(report.added) == 3 and not report.skipped


def test_second_run_reads_nothing(minutes_dir, tmp_path):
    update_index(minutes_dir, tmp_path / "ix")
    report = update_index(minutes_dir, tmp_path / "ix")
    assert (report.unchanged, report.new_paragraphs, report.added, report.changed) == (3, 0, (), ())


def test_changed_and_deleted_files(minutes_dir, tmp_path):
    update_index(minutes_dir, tmp_path / "ix")
    (minutes_dir / "kf-2024-04-02.txt").write_text(
        protocol_text("Kommunfullmäktige", "2024-04-02", [(30, "Skattesats för 2025", "KS 2024/102", "Kommunfullmäktige beslutar att fastställa skattesatsen.")]),
        encoding="utf-8",
    )
    (minutes_dir / "ks-2024-03-12.txt").unlink()
    report = update_index(minutes_dir, tmp_path / "ix")
    assert report.changed == ("kf-2024-04-02.txt",)
    assert report.deleted == ("ks-2024-03-12.txt",)
    assert report.paragraphs == 2
    with MinutesIndex(tmp_path / "ix") as ix:
        assert [h.title for h in ix.search("skattesats")] == ["Skattesats för 2025"]
        assert ix.search("cykelbanor") == []


def test_bad_file_is_reported_and_the_rest_indexed(minutes_dir, tmp_path):
    (minutes_dir / "broken.pdf").write_bytes(b"this is not a pdf at all")
    (minutes_dir / "notes.xyz").write_text("hello", encoding="utf-8")
    report = update_index(minutes_dir, tmp_path / "ix")
    reasons = {o.source: o.skipped for o in report.skipped}
    assert set(reasons) == {"broken.pdf", "notes.xyz"}
    assert all(reasons.values())
    assert report.indexed_files == 3


def test_duplicate_content_indexed_once(minutes_dir, tmp_path):
    data = (minutes_dir / "ks-2024-03-12.txt").read_bytes()
    (minutes_dir / "copy-of-ks.txt").write_bytes(data)
    report = update_index(minutes_dir, tmp_path / "ix")
    assert [(o.source, o.duplicate_of) for o in report.duplicates] == [("ks-2024-03-12.txt", "copy-of-ks.txt")]
    assert report.paragraphs == 4
    # When the file it duplicated goes, the copy takes its place.
    (minutes_dir / "copy-of-ks.txt").unlink()
    report = update_index(minutes_dir, tmp_path / "ix")
    assert report.duplicates == () and report.paragraphs == 4


def test_the_same_meeting_in_two_files_is_indexed_with_a_warning_and_found_once(minutes_dir, tmp_path):
    # The Word original beside its PDF: not the same bytes, the same paragraphs.
    text = (minutes_dir / "ks-2024-03-12.txt").read_text(encoding="utf-8")
    (minutes_dir / "ks-2024-03-12 (word).md").write_text(text.replace("anta budgeten", "anta  budgeten"), encoding="utf-8")
    report = update_index(minutes_dir, tmp_path / "ix")
    assert report.paragraphs == 6 and not report.duplicates
    warned = {o.source: o.same_meeting for o in report.warnings}
    assert warned == {"ks-2024-03-12.txt": ("ks-2024-03-12 (word).md",), "ks-2024-03-12 (word).md": ("ks-2024-03-12.txt",)}
    from bot.cli import format_report

    assert "    ks-2024-03-12.txt: holds paragraphs of KS 2024-03-12 that ks-2024-03-12 (word).md also holds" in format_report(report, minutes_dir)
    with MinutesIndex(tmp_path / "ix") as ix:
        hits = ix.search("budget cykelbanor", limit=20)
        assert sorted((h.body, h.paragraph) for h in hits) == [("KF", "30"), ("KS", "10"), ("KS", "11")]
        assert [h.paragraph for h in ix.case("KS 2024/100")] == ["10", "30"]
    # Told again on a run that reads neither file; gone once one of them is.
    assert {o.source for o in update_index(minutes_dir, tmp_path / "ix").warnings} == set(warned)
    (minutes_dir / "ks-2024-03-12.txt").unlink()
    assert update_index(minutes_dir, tmp_path / "ix").warnings == ()


def test_protocols_naming_no_municipality_are_no_warning_though_their_numbers_meet(minutes_dir, tmp_path):
    # Two towns' executive boards met that day; neither protocol says whose it is.
    for town, title in (("a", "Vägbelysning i centrum"), ("b", "Avfallstaxa för 2025")):
        text = protocol_text("Kommunstyrelsen", "2024-05-07", [(40, title, "KS 2024/40", "Beslutas.")])
        (minutes_dir / f"ks-{town}.txt").write_text(text.replace("Ekbacka kommun\n", ""), encoding="utf-8")
    report = update_index(minutes_dir, tmp_path / "ix")
    assert report.warnings == () and report.paragraphs == 6
    with MinutesIndex(tmp_path / "ix") as ix:
        assert {h.source for h in ix.search("vägbelysning avfallstaxa", limit=10)} == {"ks-a.txt", "ks-b.txt"}


def test_extracts_of_different_paragraphs_of_one_meeting_are_no_warning(minutes_dir, tmp_path):
    for number in (40, 41):
        text = protocol_text("Kommunstyrelsen", "2024-05-07", [(number, f"Ärende {number}", f"KS 2024/{number}", "Beslutas.")])
        (minutes_dir / f"utdrag-{number}.txt").write_text(text, encoding="utf-8")
    report = update_index(minutes_dir, tmp_path / "ix")
    assert report.warnings == () and report.paragraphs == 6


def test_unnumbered_file_is_indexed_with_a_warning(minutes_dir, tmp_path):
    (minutes_dir / "memo.txt").write_text("Socialnämnden\nInformation om ekonomin i nämnden.\n", encoding="utf-8")
    report = update_index(minutes_dir, tmp_path / "ix")
    assert [o.source for o in report.warnings] == ["memo.txt"]
    assert report.paragraphs == 5


def test_rebuild_gives_the_same_index(minutes_dir, tmp_path):
    update_index(minutes_dir, tmp_path / "ix")
    before = snapshot(tmp_path / "ix")
    report = update_index(minutes_dir, tmp_path / "ix", rebuild=True)
    assert report.rebuilt and report.paragraphs == 4
    assert snapshot(tmp_path / "ix") == before


def test_progress_is_reported(minutes_dir, tmp_path):
    seen = []
    update_index(minutes_dir, tmp_path / "ix", progress=lambda done, total, name: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from whoosh.filedb.filestore import FileStorage
    from index.indexer import update_index
    from index.segment import FastSegmentWriter

    point = sys.argv[3]
    count = [0]
    original_add = FastSegmentWriter.add_document
    original_rename = FileStorage.rename_file

    def add_document(self, **fields):
        original_add(self, **fields)
        count[0] += 1
        if point == "add" and count[0] == 2:
            os.kill(os.getpid(), signal.SIGKILL)

    def rename_file(self, *args, **kwargs):
        if point == "commit":
            os.kill(os.getpid(), signal.SIGKILL)
        return original_rename(self, *args, **kwargs)

    FastSegmentWriter.add_document = add_document
    FileStorage.rename_file = rename_file
    update_index(Path(sys.argv[1]), Path(sys.argv[2]), rebuild=sys.argv[4] == "rebuild")
    """
)


@pytest.mark.parametrize("point", ["add", "commit"])
@pytest.mark.parametrize("mode", ["update", "rebuild"])
def test_killed_reindex_leaves_the_old_index(minutes_dir, tmp_path, point, mode):
    index_dir = tmp_path / "ix"
    update_index(minutes_dir, index_dir)
    before = snapshot(index_dir)
    assert before
    (minutes_dir / "ks-2024-03-12.txt").write_text(
        protocol_text("Kommunstyrelsen", "2024-03-12", [(10, "Vänortssamverkan upphör", "KS 2024/103", "Ärendet bordläggs.")]),
        encoding="utf-8",
    )
    (minutes_dir / "kf-2024-04-02.txt").unlink()
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, str(minutes_dir), str(index_dir), point, mode],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert proc.returncode == -9, proc.stderr.decode()
    assert snapshot(index_dir) == before
    report = update_index(minutes_dir, index_dir)
    assert report.paragraphs == 2
    clean = tmp_path / "clean"
    update_index(minutes_dir, clean)
    assert snapshot(index_dir) == snapshot(clean)


def test_older_schema_versions_are_removed_after_the_new_commit(minutes_dir, tmp_path):
    index_dir = tmp_path / "ix"
    index_dir.mkdir()
    stale = [index_dir / "_minutes_v1_3.toc", index_dir / "minutes_v1_abc.seg", index_dir / "minutes_v1_WRITELOCK"]
    for path in stale:
        path.write_bytes(b"old")
    (index_dir / "notes.txt").write_text("not ours", encoding="utf-8")
    update_index(minutes_dir, index_dir)
    assert not any(path.exists() for path in stale)
    assert (index_dir / "notes.txt").exists()
    assert snapshot(index_dir)


def test_change_feed_names_what_each_commit_added(minutes_dir, tmp_path):
    from index.indexer import read_changes

    index_dir = tmp_path / "ix"
    update_index(minutes_dir, index_dir)
    first = read_changes(index_dir, -1)
    assert len(first) == 1 and len(first[0]["added"]) == 4
    update_index(minutes_dir, index_dir)  # nothing changed: no commit, no entry
    assert len(read_changes(index_dir, -1)) == 1
    (minutes_dir / "ks-2024-03-12.txt").unlink()
    update_index(minutes_dir, index_dir)
    later = read_changes(index_dir, first[0]["generation"])
    assert [e["deleted_sources"] for e in later] == [["ks-2024-03-12.txt"]]


def _many_files(folder: Path, count: int = 24) -> None:
    for i in range(count):
        (folder / f"ks-{i:02d}.txt").write_text(
            protocol_text("Kommunstyrelsen", f"2020-01-{i + 1:02d}", [(i * 2 + 1, f"Budget för {2000 + i}", f"KS 2020/{i + 1}", "Ärendet bordläggs."), (i * 2 + 2, f"Cykelbanor etapp {i}", f"KS 2020/{i + 100}", "Motionen avslås.")]),
            encoding="utf-8",
        )


def test_worker_processes_build_the_same_index(minutes_dir, tmp_path):
    _many_files(minutes_dir)
    one = update_index(minutes_dir, tmp_path / "one", procs=1)
    seen = []
    two = update_index(minutes_dir, tmp_path / "two", procs=2, progress=lambda d, t, n: seen.append(d))
    assert (one.paragraphs, one.indexed_files) == (two.paragraphs, two.indexed_files) == (52, 27)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    assert seen[-1] == len(two.added)
    with MinutesIndex(tmp_path / "two") as ix:
        assert [h.paragraph for h in ix.case("KS 2020/7")] == ["13"]
    # Incremental runs after a parallel build work as before.
    (minutes_dir / "ks-00.txt").unlink()
    assert update_index(minutes_dir, tmp_path / "two", procs=2).paragraphs == 50


def test_workers_start_a_new_segment_every_so_many_paragraphs(minutes_dir, tmp_path, monkeypatch):
    import index.indexer as indexer

    _many_files(minutes_dir)
    monkeypatch.setattr(indexer, "_SEGMENT_DOCS", 6)
    update_index(minutes_dir, tmp_path / "small", procs=2)
    update_index(minutes_dir, tmp_path / "one", procs=1)
    assert snapshot(tmp_path / "small") == snapshot(tmp_path / "one")
    with MinutesIndex(tmp_path / "small") as ix:
        segments = [s.reader().doc_count_all() for s, _ in ix._searcher().leaf_searchers()]
    # 52 paragraphs in pieces of at least 6 per worker, plus the file records' segment.
    assert len(segments) >= 8 and sum(segments) == 52 + 27


def test_killed_parallel_build_leaves_the_old_index(minutes_dir, tmp_path):
    index_dir = tmp_path / "ix"
    update_index(minutes_dir, index_dir)
    before = snapshot(index_dir)
    _many_files(minutes_dir)
    script = KILLER.replace("update_index(Path(sys.argv[1]), Path(sys.argv[2]), rebuild=sys.argv[4] == \"rebuild\")",
                            "update_index(Path(sys.argv[1]), Path(sys.argv[2]), rebuild=sys.argv[4] == \"rebuild\", procs=2)")
    proc = subprocess.run(
        [sys.executable, "-c", script, str(minutes_dir), str(index_dir), "commit", "update"],
        capture_output=True, timeout=120, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert proc.returncode == -9, proc.stderr.decode()
    assert snapshot(index_dir) == before
    assert update_index(minutes_dir, index_dir, procs=2).paragraphs == 52



def _postings_dump(index_dir: Path) -> list[tuple]:
    """Every term of every segment, with the statistics its postings were written with."""
    from whoosh import index as whoosh_index

    from index.schema import INDEX_NAME

    dump = []
    with whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME).reader() as reader:
        for leaf, _ in reader.leaf_readers():
            for fieldname, term in leaf.all_terms():
                info = leaf.term_info(fieldname, term)
                stats = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(), info.max_weight())
                postings = tuple(leaf.postings(fieldname, term).items_as("weight"))
                dump.append((fieldname, term, stats, postings))
    return dump


def test_the_index_opens_with_the_lexicon_its_indexer_prepared(minutes_dir, tmp_path):
    from index.analysis import lexicon_table_name

    index_dir = tmp_path / "ix"
    index_dir.mkdir()
    (index_dir / "lexicon-0123456789abcdef.marshal").write_bytes(b"an older version's table")
    update_index(minutes_dir, index_dir)
    assert [p.name for p in index_dir.glob("lexicon-*")] == [lexicon_table_name()]
    # A fresh process answers without stemming the lexicon itself.
    script = (
        "import sys, datetime\n"
        "import index.analysis as analysis\n"
        "def refuse(words): raise AssertionError('the lexicon was stemmed again')\n"
        "analysis._index_lexicon = refuse\n"
        "from bot.engine import Engine\n"
        "answer = Engine(sys.argv[1]).ask('Vad hände med budgeten?', today=datetime.date(2025, 6, 1))\n"
        "print(answer.found)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(index_dir)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True"
    # Nor does adding a protocol to it.
    (minutes_dir / "ks-2024-05-14.txt").write_text(
        protocol_text("Kommunstyrelsen", "2024-05-14", [(70, "Ny skolskjuts", "KS 2024/170", "Beslutas.")]), encoding="utf-8"
    )
    script = script.split("from bot.engine")[0] + (
        "from pathlib import Path\n"
        "from index.indexer import update_index\n"
        "print(update_index(Path(sys.argv[2]), Path(sys.argv[1])).new_paragraphs)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(index_dir), str(minutes_dir)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "1"


def test_a_lexicon_table_that_cannot_be_written_fails_no_run(minutes_dir, tmp_path, monkeypatch):
    import errno

    import index.indexer as indexer

    def full_disk():
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(indexer, "lexicon_table", full_disk)
    report = update_index(minutes_dir, tmp_path / "ix")
    assert report.paragraphs > 0
    assert not list((tmp_path / "ix").glob("lexicon-*")) and not list((tmp_path / "ix").glob("*.tmp"))


def _whoosh_writer(monkeypatch) -> None:
    """Make the indexer write segments with Whoosh's own SegmentWriter."""
    from whoosh.writing import SegmentWriter

    from index.segment import FastSegmentWriter

    for name in ("__init__", "add_document", "_flush_segment"):
        monkeypatch.setattr(FastSegmentWriter, name, getattr(SegmentWriter, name))


def _many_blocks_minutes(folder: Path, meetings: int = 6) -> None:
    # Posting lists of several blocks (Whoosh writes 128 postings to a block), some ending on
    # a block's last posting, others not; paragraphs of many lengths, so that a misplaced
    # length shows.
    from .conftest import protocol_text

    folder.mkdir()
    for meeting in range(meetings):
        paragraphs = [
            (n, f"Ärende {n}", f"KS 2024/{meeting * 100 + n}", " ".join(["Budgeten beslutas."] * (n % 9 + 1)) + f" ord{n % 3}")
            for n in range(1, 65)
        ]
        text = protocol_text("Kommunstyrelsen", f"2024-0{meeting + 1}-10", paragraphs)
        (folder / f"ks-{meeting}.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("pool", ["by term", "spilled to Whoosh's pool"])
def test_segments_are_the_bytes_whoosh_would_write(tmp_path, monkeypatch, pool):
    import index.segment as segment

    minutes = tmp_path / "minutes"
    _many_blocks_minutes(minutes)
    with monkeypatch.context() as patch:
        if pool != "by term":
            # A limit of a few thousand postings: the pool moves to Whoosh's mid-build.
            patch.setattr(segment, "_POSTING_BYTES", 2**20 * 256 // 3000)
            patch.setattr(segment.TermPool, "_spill", _counted(segment.TermPool._spill, spills := []))
        update_index(minutes, tmp_path / "ours", procs=1)
        assert len(spills) == 1 if pool != "by term" else True
    _whoosh_writer(monkeypatch)
    update_index(minutes, tmp_path / "whoosh", procs=1)

    ours = segment_files(tmp_path / "ours")
    assert ".pst" in ours and ".trm" in ours
    assert ours == segment_files(tmp_path / "whoosh")
    dump = _postings_dump(tmp_path / "ours")
    assert len({stats[2:4] for field, _, stats, _ in dump if field == "text"}) > 5
    counts = {len(postings) for _, _, _, postings in dump}
    assert any(n > 128 and n % 128 == 0 for n in counts)
    assert any(n > 128 and n % 128 for n in counts)


def _counted(function, calls: list):
    def counted(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)

    return counted


def test_merged_segments_hold_the_postings_whoosh_would_write(tmp_path, monkeypatch):
    import index.segment as segment

    from .conftest import protocol_text

    # Small files added a run at a time leave small segments, which a later run merges into
    # its own: their postings reach the pool one by one, after the run's new documents.
    minutes = tmp_path / "minutes"
    _many_blocks_minutes(minutes, meetings=1)
    for day in range(1, 10):
        paragraphs = [(n, f"Ärende {n}", f"KS 2024/{day * 10 + n}", f"Budgeten beslutas. ord{day % 4}") for n in range(1, 4)]
        text = protocol_text("Kommunstyrelsen", f"2024-10-{day:02}", paragraphs)
        (minutes / f"ks-10-{day}.txt").write_text(text, encoding="utf-8")
    dumps = {}
    for writer in ("ours", "whoosh"):
        if writer == "whoosh":
            _whoosh_writer(monkeypatch)
        folder = tmp_path / f"in-{writer}"
        folder.mkdir()
        adds: list = []
        with monkeypatch.context() as patch:
            patch.setattr(segment.TermPool, "add", _counted(segment.TermPool.add, adds))
            for file in sorted(minutes.iterdir()):
                (folder / file.name).write_bytes(file.read_bytes())
                update_index(folder, tmp_path / writer, procs=1)
        if writer == "ours":
            assert len(adds) > 100
        dumps[writer] = _postings_dump(tmp_path / writer)
    assert dumps["ours"] == dumps["whoosh"]


def test_editing_one_protocol_again_and_again_does_not_grow_the_index(minutes_dir, tmp_path):
    index_dir = tmp_path / "ix"
    update_index(minutes_dir, index_dir)
    big = minutes_dir / "kf-big.txt"
    sizes, segment_counts = [], []
    for edit in range(8):
        paragraphs = [(n, f"Ärende {n} version {edit}", f"KF 2024/{n}", "Beslutas.") for n in range(1, 80)]
        big.write_text(protocol_text("Kommunfullmäktige", "2024-06-10", paragraphs), encoding="utf-8")
        update_index(minutes_dir, index_dir)
        with MinutesIndex(index_dir) as ix:
            segment_counts.append(len(ix._searcher().leaf_searchers()))
            assert [h.title for h in ix.search(f"version {edit} ärende 7", limit=100) if h.title == f"Ärende 7 version {edit}"]
        sizes.append(sum(f.stat().st_size for f in index_dir.iterdir() if f.is_file()))
    assert max(segment_counts) <= 4
    assert sizes[-1] < 1.5 * sizes[1]
    assert update_index(minutes_dir, index_dir).paragraphs == 4 + 79
