"""The benchmark on a small archive: every figure the issue names, for minutesbot and for the
two reference engines, measured on one archive ending on the day the questions are asked."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.bench import KEYS, asked_on, bench_questions, format_table, run_bench

SIZE = 150


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench")
    (row,) = run_bench([SIZE], procs=1, work=work, keep=True, log=lambda _: None)
    return work, row


def test_one_row_holds_every_figure_for_every_engine(result):
    _, row = result
    assert row["paragraphs"] >= SIZE  # the archive, plus nothing else while it is timed
    for key in KEYS:
        assert row[key] > 0, key
    assert set(row["baselines"]) == {"plain_whoosh", "sqlite_fts5"}
    for name, figures in row["baselines"].items():
        assert set(KEYS) <= set(figures), name
        assert row["ratios"][name]["ask_p50_ms"] == pytest.approx(row["ask_p50_ms"] / figures["ask_p50_ms"], rel=0.01)
    assert row["questions"] >= 300
    assert row["seed"] == 1  # the default archive, named so that a run can be repeated
    assert 0 < row["dev_r1_alone"] <= 1 and 0 <= row["dev_r1_mixed"] <= 1
    # An answer shows its own paragraph too: what it shows is never less than what it puts first.
    assert row["dev_shown_alone"] >= row["dev_r1_alone"] and row["dev_shown_mixed"] >= row["dev_r1_mixed"]
    json.dumps(row)  # --json prints it as it is


def test_the_archive_ends_on_the_day_the_questions_are_asked(result):
    work, _ = result
    days = [dt.date.fromisoformat(p.stem[-10:]) for p in (work / str(SIZE) / "minutes").glob("*.*")]
    assert days and max(days) <= asked_on()


def test_questions_come_in_both_languages(tmp_path):
    from bot.synthetic import generate_archive

    generate_archive(tmp_path, 400, seed=3)
    questions = bench_questions(tmp_path, wanted=320)
    assert len(questions) == 320 and {lang for _, lang in questions} == {"sv", "en"}


def test_the_table_names_every_engine(result):
    _, row = result
    table = format_table([row])
    for name in ("minutesbot", "plain_whoosh", "sqlite_fts5", "dev set R@1"):
        assert name in table
