"""Questions while the index changes: 8 threads ask one shared Engine while another thread
reindexes again and again, switching two protocols between version A and version B.

Version A's paragraphs all say "alfa" in their titles and carry case numbers of 2030; version
B's say "beta" and carry 2031, and B has one more paragraph. Both files switch together, so
every commit holds all of A or all of B: an answer whose title, timeline, case numbers or hits
hold both was composed from two commits. No thread may see an error (a closed reader, a
missing segment file), and after the last commit every thread sees the last version.

12 commits in CI; MINUTESBOT_STRESS=1 makes 120.
"""

from __future__ import annotations

import os
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.answer import Answer
from bot.engine import Engine
from index.indexer import update_index
from index.search import Hit, MinutesIndex

from .conftest import MINUTES, protocol_text

STRESS = os.environ.get("MINUTESBOT_STRESS") == "1"
COMMITS = 120 if STRESS else 12
ASKERS = 8
PAUSE = 0.05  # seconds each asker waits between questions

QUESTIONS = [
    "Vad hände med det nya vattenverket?",
    "What happened to the new waterworks?",
    "vattenledning etapp",
    "Vattenledning etapp 3",
    "KS 2030/50",
    "KS 2031/50",
    "Vad beslutade kommunfullmäktige om vattenverket?",
    "vattenverk alfa",
    "vattenverk beta",
    "Vad hände med vänortssamarbetet?",
]


def write_atomic(path: Path, text: str) -> None:
    """As a clerk's copy tool would: the indexer never sees half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_version(folder: Path, version: str) -> None:
    word, year = ("alfa", 2030) if version == "A" else ("beta", 2031)
    month = "05" if version == "A" else "06"
    ks = [
        (50, f"Nytt vattenverk {word}", f"KS {year}/50", "Kommunstyrelsen föreslår kommunfullmäktige besluta att bygga vattenverket."),
        (51, f"Vattenledning {word} etapp 1", f"KS {year}/51", "Ärendet bordläggs."),
        (52, f"Vattenledning {word} etapp 2", f"KS {year}/52", "Kommunstyrelsen beslutar att godkänna etappen."),
    ]
    if version == "B":
        ks.append((53, f"Vattenledning {word} etapp 3", f"KS {year}/53", "Motionen avslås."))
    kf = [(70, f"Nytt vattenverk {word}", f"KS {year}/50", "Kommunfullmäktige beslutar att bygga vattenverket.")]
    write_atomic(folder / "swing-ks.txt", protocol_text("Kommunstyrelsen", f"2024-{month}-07", ks))
    write_atomic(folder / "swing-kf.txt", protocol_text("Kommunfullmäktige", f"2024-{month}-21", kf))


def versions_in(texts: list[str]) -> set[str]:
    found = set()
    for text in texts:
        lowered = text.lower()
        if "alfa" in lowered or "2030/" in lowered:
            found.add("A")
        if "beta" in lowered or "2031/" in lowered:
            found.add("B")
    return found


def hit_texts(hits: tuple[Hit, ...] | list[Hit]) -> list[str]:
    return [f"{h.title} {' '.join(h.case_numbers)}" for h in hits]


def answer_versions(answer: Answer) -> set[str]:
    texts = [answer.title, " ".join(answer.case_numbers)]
    texts += [s.title for s in answer.timeline] + ([answer.step.title] if answer.step else [])
    texts += hit_texts(answer.hits) + hit_texts(answer.others)
    return versions_in(texts)


def swing_steps(answer: Answer) -> int:
    return sum(1 for h in answer.hits if h.source.startswith("swing-"))


def make_folder(root: Path) -> tuple[Path, Path]:
    folder = root / "minutes"
    folder.mkdir()
    for name in ("huddinge-ksau-2024-02-21-p21.md", "ekbacka-ksau-2024-02-20.md", "ekbacka-bmn-2023-09-26.txt"):
        (folder / name).write_bytes((MINUTES / name).read_bytes())
    write_version(folder, "A")
    index_dir = root / "ix"
    update_index(folder, index_dir)
    return folder, index_dir


@dataclass
class Outcome:
    commits: list[tuple[str, int]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    mixed: list[str] = field(default_factory=list)
    seen: Counter = field(default_factory=Counter)
    asked: Counter = field(default_factory=Counter)
    final_seen: dict[int, set[str]] = field(default_factory=dict)
    slowest: float = 0.0
    elapsed: float = 0.0
    alive: bool = False

    def summary(self) -> str:
        return (
            f"{len(self.commits)} commits, {sum(self.asked.values())} questions by {ASKERS} threads in"
            f" {self.elapsed:.1f} s; answers by version {dict(self.seen)}; {len(self.mixed)} mixed;"
            f" {len(self.errors)} errors; slowest {self.slowest:.3f} s"
        )


def run_scenario(folder: Path, index_dir: Path, commits: int = COMMITS) -> Outcome:
    """8 threads ask one shared Engine (every fifth look-up a plain search) while this
    thread's partner reindexes `commits` times, switching the swing files each time."""
    engine = Engine(index_dir)
    out = Outcome()
    done = threading.Event()
    lock = threading.Lock()

    def check(answer: Answer, question: str) -> None:
        versions = answer_versions(answer)
        problem = None
        if len(versions) > 1:
            problem = f"{question!r}: {answer.title!r} {[h.title for h in answer.hits]}"
        # A whole commit of version B has a third stage; A has none.
        elif versions == {"A"} and any("etapp 3" in h.title for h in answer.hits):
            problem = f"{question!r}: version A answer with B's third stage"
        with lock:
            if problem:
                out.mixed.append(problem)
            elif versions:
                out.seen[versions.pop()] += 1

    def asker(n: int) -> None:
        i = n
        try:
            while not done.is_set():
                question = QUESTIONS[i % len(QUESTIONS)]
                i += 1
                started = time.perf_counter()
                if i % 5 == 0:
                    hits = engine.index.search("vattenverk vattenledning", limit=20)
                    if len(versions_in(hit_texts(hits))) > 1:
                        with lock:
                            out.mixed.append(f"search: {[h.title for h in hits]}")
                else:
                    check(engine.ask(question), question)
                with lock:
                    out.asked[n] += 1
                    out.slowest = max(out.slowest, time.perf_counter() - started)
                time.sleep(PAUSE)  # leave the reindexing thread some of the interpreter
            # After the last commit, every thread sees the last version.
            out.final_seen[n] = answer_versions(engine.ask("Vad hände med det nya vattenverket?"))
        except Exception:
            with lock:
                out.errors.append(f"asker {n}: {traceback.format_exc()}")

    def reindexer() -> None:
        try:
            for k in range(commits):
                version = "B" if k % 2 == 0 else "A"
                write_version(folder, version)
                report = update_index(folder, index_dir)
                engine.refresh_vocabulary()
                out.commits.append((version, report.paragraphs))
                time.sleep(PAUSE)
        except Exception:
            with lock:
                out.errors.append(f"reindexer: {traceback.format_exc()}")
        finally:
            done.set()

    threads = [threading.Thread(target=asker, args=(n,), name=f"asker-{n}") for n in range(ASKERS)]
    writer = threading.Thread(target=reindexer, name="reindexer")
    started = time.monotonic()
    for thread in threads:
        thread.start()
    writer.start()
    writer.join(timeout=600)
    for thread in threads:
        thread.join(timeout=60)
    out.alive = writer.is_alive() or any(t.is_alive() for t in threads)
    engine.close()
    out.elapsed = time.monotonic() - started
    return out


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Outcome:
    folder, index_dir = make_folder(tmp_path_factory.mktemp("live"))
    out = run_scenario(folder, index_dir)
    print("\n" + out.summary())
    return out


def test_no_errors_while_asking_during_reindexing(scenario):
    assert not scenario.errors, "\n".join(scenario.errors[:5])
    assert not scenario.alive
    assert len(scenario.commits) == COMMITS
    assert all(scenario.asked[n] > 0 for n in range(ASKERS)) and len(scenario.final_seen) == ASKERS
    assert scenario.slowest < 10.0
    # Paragraph counts alternate with the versions: the writer saw every commit whole.
    counts = {version: {p for v, p in scenario.commits if v == version} for version in "AB"}
    assert len(counts["A"]) == len(counts["B"]) == 1 and counts["B"] != counts["A"]


def assert_whole_commits(out: Outcome) -> None:
    assert not out.errors, "\n".join(out.errors[:5])
    assert not out.mixed, f"{len(out.mixed)} mixed answers:\n" + "\n".join(out.mixed[:10])
    last = out.commits[-1][0]
    assert all(out.final_seen[n] == {last} for n in range(ASKERS)), out.final_seen
    # Both versions reached the askers: the test really ran across commits.
    assert out.seen["A"] and out.seen["B"], out.seen


def test_answers_during_reindexing_come_from_one_whole_commit(scenario):
    assert_whole_commits(scenario)


def test_a_long_lived_index_forgets_replaced_paragraphs(tmp_path):
    """Without threads: one MinutesIndex kept open (as the bot keeps its Engine) while a file
    is switched twice sees only the current version each time. (whoosh3's searcher.refresh()
    kept the old reader's segments and deletions, so replaced paragraphs stayed found.)"""
    folder, index_dir = make_folder(tmp_path)
    with MinutesIndex(index_dir) as ix:
        for version, count in (("A", 4), ("B", 5), ("A", 4)):
            write_version(folder, version)
            update_index(folder, index_dir)
            hits = ix.search("vattenverk vattenledning", limit=50)
            assert versions_in(hit_texts(hits)) == {version}, [h.title for h in hits]
            assert len([h for h in hits if h.source.startswith("swing-")]) == count
