"""Profile answering or building with pyinstrument (`pip install -e '.[bench]'`).

    python tools/profile.py ask --index DIR [--minutes DIR] [--questions 120]
    python tools/profile.py build --minutes DIR [--index DIR]

`ask` answers the benchmark's questions (the development and held-out sets, then questions
about the archive's own matters, from `--minutes`) on a built index, warm; `build` indexes a
folder from scratch in one process. The call tree goes to standard output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pyinstrument import Profiler


def profile_ask(index: Path, minutes: Path | None, count: int) -> Profiler:
    from bot.bench import bench_questions
    from bot.engine import Engine

    questions = bench_questions(minutes) if minutes else bench_questions(Path(tempfile.mkdtemp()))
    engine = Engine(index)
    today = dt.date(2025, 6, 1)
    for text, _ in questions[:20]:
        engine.ask(text, today=today)
    profiler = Profiler()
    with profiler:
        for text, _ in questions[:count]:
            engine.ask(text, today=today)
    return profiler


def profile_build(minutes: Path, index: Path | None) -> Profiler:
    from index.indexer import update_index

    where = index or Path(tempfile.mkdtemp()) / "index"
    shutil.rmtree(where, ignore_errors=True)
    profiler = Profiler()
    with profiler:
        update_index(minutes, where, procs=1)
    return profiler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("ask", "build"))
    parser.add_argument("--index", type=Path)
    parser.add_argument("--minutes", type=Path)
    parser.add_argument("--questions", type=int, default=120)
    args = parser.parse_args(argv)
    if args.what == "ask":
        if not args.index:
            parser.error("ask needs --index")
        profiler = profile_ask(args.index, args.minutes, args.questions)
    else:
        if not args.minutes:
            parser.error("build needs --minutes")
        profiler = profile_build(args.minutes, args.index)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
