"""SIGKILL the indexer at random points; the index must stay whole and answer as before.

Each trial builds an index of version A of a folder, records how it answers, changes the
folder to version B and runs `update_index` (an update or a rebuild; one process or `procs=2`)
in a subprocess that is killed with SIGKILL, with its worker processes, either at a random
add_document / commit-rename count (a hook in the child) or after a random delay measured from
the start of the run. Afterwards the index opens and answers exactly as before the killed run,
and the next `update_index` completes: it holds what a clean build of version B holds, and an
update answers exactly (scores included) as the same update run without a kill.

3 trial kinds x 2 process counts in CI (6 trials); MINUTESBOT_STRESS=1 runs 24.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bot.engine import Engine
from index.indexer import update_index
from index.search import MinutesIndex

from .conftest import MINUTES, protocol_text

STRESS = os.environ.get("MINUTESBOT_STRESS") == "1"
ROUNDS = 4 if STRESS else 1  # each round: every kind of trial once
SEED = int(os.environ.get("MINUTESBOT_CRASH_SEED", "1011"))

QUERIES = ["budget", "cykelbanor etapp", "vänort samarbete", "simhall", "Budget för 2005", "brandstation"]
QUESTIONS = [
    "Vad hände med vänortssamarbetet?",
    "What happened to the cycle lanes?",
    "Vad beslutades om budget för 2005?",
    "KS 2020/7",
    "Vad hände med simhallen?",
]

CHILD = textwrap.dedent(
    """
    import os, signal, sys, time
    from pathlib import Path
    from whoosh.filedb.filestore import FileStorage
    from index.indexer import update_index
    from index.segment import FastSegmentWriter

    minutes, index_dir, mode, kill_point, kill_at, procs = sys.argv[1:7]
    kill_at, procs = int(kill_at), int(procs)
    count = {"add": 0, "rename": 0}

    def tick(point):
        count[point] += 1
        if point == kill_point and count[point] == kill_at:
            os.killpg(0, signal.SIGKILL)  # this process, its workers and their manager

    original_add = FastSegmentWriter.add_document
    original_rename = FileStorage.rename_file

    def add_document(self, **fields):
        original_add(self, **fields)
        tick("add")

    def rename_file(self, *args, **kwargs):
        tick("rename")
        return original_rename(self, *args, **kwargs)

    if kill_at > 0:
        FastSegmentWriter.add_document = add_document
        FileStorage.rename_file = rename_file
    print("ready", flush=True)
    update_index(Path(minutes), Path(index_dir), rebuild=mode == "rebuild", procs=procs)
    print("done", flush=True)
    """
)


# --- the folder in two versions ---------------------------------------------------------------


def write_version_a(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("huddinge-ksau-2024-02-21-p21.md", "ekbacka-ksau-2024-02-20.md"):
        (folder / name).write_bytes((MINUTES / name).read_bytes())
    for i in range(30):
        (folder / f"ks-{i:02d}.txt").write_text(
            protocol_text(
                "Kommunstyrelsen",
                f"2020-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                [
                    (i * 3 + 1, f"Budget för {2000 + i}", f"KS 2020/{i + 1}", "Ärendet bordläggs."),
                    (i * 3 + 2, f"Cykelbanor etapp {i}", f"KS 2020/{i + 100}", "Motionen avslås."),
                    (i * 3 + 3, f"Simhall i kvarter {i}", f"KS 2020/{i + 200}", "Kommunstyrelsen beslutar att utreda frågan."),
                ],
            ),
            encoding="utf-8",
        )


def write_version_b(folder: Path, rng: random.Random) -> int:
    """Change some files, delete some, add some: at least 16 to read, so that `procs=2` runs
    worker processes. Returns how many files the update reads."""
    names = sorted(p.name for p in folder.glob("ks-*.txt"))
    chosen = rng.sample(names, 14)
    for name in chosen[:10]:
        i = int(name[3:5])
        (folder / name).write_text(
            protocol_text(
                "Kommunfullmäktige",
                f"2021-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                [(i + 500, f"Brandstation i kvarter {i}", f"KF 2021/{i + 1}", "Kommunfullmäktige beslutar att bygga brandstationen.")],
            ),
            encoding="utf-8",
        )
    for name in chosen[10:]:
        (folder / name).unlink()
    added = rng.randint(6, 10)
    for j in range(added):
        (folder / f"bun-{j:02d}.txt").write_text(
            protocol_text(
                "Barn- och utbildningsnämnden",
                f"2022-03-{j + 1:02d}",
                [(j + 1, f"Budget för förskola {j}", f"BUN 2022/{j + 1}", "Nämnden beslutar att anta budgeten.")],
            ),
            encoding="utf-8",
        )
    return 10 + added


# --- what an index answers --------------------------------------------------------------------


def answers(index_dir: Path) -> dict:
    """Search hits with their scores and Engine answers as JSON, for the fixed queries and
    questions, and every paragraph."""
    out: dict = contents(index_dir)
    with MinutesIndex(index_dir) as ix:
        for query in QUERIES:
            out[query] = [(h.doc_id, h.title, h.source, h.paragraph, h.status, round(h.score, 6)) for h in ix.search(query, limit=100)]
    with Engine(index_dir) as engine:
        for question in QUESTIONS:
            out[question] = json.dumps(engine.ask(question).to_json(), ensure_ascii=False, sort_keys=True)
    return out


def contents(index_dir: Path) -> dict:
    """What the index holds, whatever its history: every paragraph, and the paragraphs each
    query finds (as a set)."""
    out: dict = {}
    with MinutesIndex(index_dir) as ix:
        out["all"] = sorted((h.doc_id, h.title, h.case_numbers, h.meeting_date, h.status) for h, _, _ in ix.all_paragraphs())
        for query in QUERIES:
            out["found: " + query] = sorted(h.doc_id for h in ix.search(query, limit=1000))
    return out


def run_child(
    minutes: Path, index_dir: Path, mode: str, procs: int, kill_point: str, kill_at: int, delay: float | None
):
    """Run the indexer in a new process group; kill the group after `delay` seconds from the
    moment the child starts indexing, unless the child kills itself first (kill_at)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(minutes), str(index_dir), mode, kill_point, str(kill_at), str(procs)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        start_new_session=True,
    )
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready and proc.stdout.readline().strip() == b"ready", proc.stderr.read().decode()
        if delay is not None:
            time.sleep(delay)
            with contextlib.suppress(ProcessLookupError):  # finished already
                os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=120)
        stdout = proc.stdout.read().decode()
        stderr = proc.stderr.read().decode()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    # A kill after the child finished reaches no one; otherwise the group died with the child.
    with_workers_gone(proc.pid)
    return proc.returncode, stdout, stderr


def with_workers_gone(pgid: int) -> None:
    """Wait until no live process of the killed group is left (its worker processes die with
    it; an unreaped zombie, which writes nothing, does not count)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _live_in_group(pgid):
        time.sleep(0.05)


def _live_in_group(pgid: int) -> bool:
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        return True
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)": state, ppid, pgrp, ...
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


KINDS = [
    # (mode, kill by): "count" kills inside the child at a random add_document/rename count,
    # "delay" kills the group from outside after a random time into the run.
    ("update", "count"),
    ("rebuild", "count"),
    ("update", "delay"),
]
TRIALS = [(mode, how, procs, r) for r in range(ROUNDS) for mode, how in KINDS for procs in (1, 2)]
TALLY = {"killed": 0, "finished": 0}


@pytest.mark.parametrize(
    "mode, how, procs, round_", TRIALS, ids=[f"{m}-{h}-procs{p}-{r}" for m, h, p, r in TRIALS]
)
def test_killed_indexer_leaves_the_index_answering_as_before(tmp_path, mode, how, procs, round_):
    rng = random.Random(f"{SEED}-{mode}-{how}-{procs}-{round_}")
    minutes, index_dir, clean_dir = tmp_path / "minutes", tmp_path / "ix", tmp_path / "clean"
    write_version_a(minutes)
    update_index(minutes, index_dir, procs=procs)
    before = answers(index_dir)
    assert before["all"] and any(before[q] for q in QUERIES)

    todo = write_version_b(minutes, rng)
    # What the killed run would have made: the same update, uninterrupted, on a copy.
    reference_dir = tmp_path / "reference"
    shutil.copytree(index_dir, reference_dir)
    started = time.monotonic()
    reference_report = update_index(minutes, reference_dir, rebuild=mode == "rebuild", procs=procs)
    duration = time.monotonic() - started  # how long a run takes, for the delay
    # A clean build of version B holds the same paragraphs. (Scores may differ: until
    # segments merge, deleted documents still count in an incremental index's statistics.)
    clean = update_index(minutes, clean_dir, procs=procs)
    content = contents(clean_dir)

    if how == "count":
        # Documents added in the run: each file read gives its paragraphs and a file record.
        # With procs=2 the workers add the paragraphs and this process the file records, each
        # counting its own, so the count of file records is reached in any case.
        files = todo if mode == "update" else clean.files
        events = files if procs > 1 else files + (todo if mode == "update" else clean.paragraphs)
        if rng.random() < 0.25:
            kill_point, kill_at = "rename", 1  # in the commit, as the new table of contents lands
        else:
            kill_point, kill_at = "add", rng.randint(1, events)
        delay = None
    else:
        kill_point, kill_at, delay = "none", 0, rng.uniform(0.0, duration * 1.5)
    code, out, err = run_child(minutes, index_dir, mode, procs, kill_point, kill_at, delay)

    if code == 0:
        assert "done" in out, err
        TALLY["finished"] += 1
        assert how == "delay", f"the child was meant to die at event {kill_at}: {err}"
    else:
        assert code == -signal.SIGKILL, err
        assert "done" not in out
        TALLY["killed"] += 1
        # The index opens and answers exactly as before the killed run.
        assert answers(index_dir) == before

    report = update_index(minutes, index_dir, rebuild=mode == "rebuild", procs=procs)
    assert (report.paragraphs, report.indexed_files, report.files) == (clean.paragraphs, clean.indexed_files, clean.files)
    assert report.skipped == clean.skipped
    assert (report.added, report.changed, report.deleted) == (
        reference_report.added, reference_report.changed, reference_report.deleted
    )
    assert contents(index_dir) == content
    # Exactly as if the run had never been interrupted, scores and answers included; a
    # rebuild, exactly as a clean build.
    assert answers(index_dir) == answers(reference_dir)
    if mode == "rebuild":
        assert answers(index_dir) == answers(clean_dir)
    # And the run after that has nothing left to do.
    again = update_index(minutes, index_dir, procs=procs)
    assert (again.added, again.changed, again.deleted, again.new_paragraphs) == ((), (), (), 0)
    print(f"\n{mode}/{how}/procs={procs}: {kill_point}={kill_at} delay={delay} -> exit {code}; {TALLY}")


def test_a_run_killed_in_the_commit_leaves_no_stray_files_after_the_next_run(tmp_path):
    minutes, index_dir = tmp_path / "minutes", tmp_path / "ix"
    write_version_a(minutes)
    update_index(minutes, index_dir)
    write_version_b(minutes, random.Random(SEED))
    code, _, err = run_child(minutes, index_dir, "update", 1, "rename", 1, None)
    assert code == -signal.SIGKILL, err
    update_index(minutes, index_dir)
    update_index(minutes, index_dir, rebuild=True)
    stray = sorted(p.name for p in index_dir.iterdir() if re.search(r"\.toc\.|\.tmp$|\.part$", p.name))
    assert stray == []
