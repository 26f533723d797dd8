"""Scoring a question set: the figures are computed as documented, from known outcomes."""

from __future__ import annotations

import pytest

from bot.evaluate import (
    EvalQuestion,
    Outcome,
    QuestionSetError,
    breakdown,
    misses,
    parse_question_set,
    score,
)

A = ("KS", "2024-01-01", "1")
B = ("KF", "2024-02-01", "2")
C = ("KF", "2024-03-01", "3")


def outcome(expect, ranked, found=True, status="decided", want_status="decided", lang="sv", kind="topic"):
    q = EvalQuestion("q", lang, kind, "?", tuple(expect), want_status if expect else None)
    return Outcome(q, found, tuple(ranked), status, 0.01)


def test_recall_mrr_and_status():
    s = score(
        [
            outcome([A], [A, B]),  # rank 1
            outcome([A], [B, A]),  # rank 2
            outcome([A, C], [B, B, C]),  # rank 3 via the second acceptable answer
            outcome([A], [B], status="proposed"),  # miss
            outcome([A], [A], status="proposed"),  # right paragraph, wrong status
        ]
    )
    assert (s.answerable, s.r1, s.r3) == (5, 0.4, 0.8)
    assert s.mrr == pytest.approx((1 + 1 / 2 + 1 / 3 + 0 + 1) / 5)
    assert s.status_accuracy == 0.5


def test_not_found_counts_as_a_miss_and_as_a_flag():
    s = score(
        [
            outcome([], [A], found=False),  # right: flagged, truly unanswerable
            outcome([], [A], found=True),  # wrong: answered anyway
            outcome([A], [A], found=False),  # wrong flag: the answer was there
        ]
    )
    assert s.r1 == 0.0
    assert (s.unanswerable_precision, s.unanswerable_recall) == (0.5, 0.5)


def test_shown_counts_the_right_paragraph_anywhere_in_an_answer():
    q = EvalQuestion("q", "en", "topic", "?", (A,), "decided")
    s = score(
        [
            Outcome(q, True, (B, A), "decided", 0.01, shown=(B, C, A)),  # listed below the answer
            Outcome(q, True, (B, A), "decided", 0.01, shown=(B, C)),  # ranked, but not shown
            Outcome(q, False, (A,), None, 0.01, shown=(A,)),  # not found: nothing is answered
        ]
    )
    assert (s.r1, s.shown) == (0.0, pytest.approx(1 / 3))


def test_breakdown_groups():
    rows = breakdown([outcome([A], [A], lang="sv"), outcome([A], [B], lang="en", kind="paraphrase")])
    assert rows["all"].n == 2 and rows["lang=sv"].r1 == 1.0 and rows["lang=en"].r1 == 0.0
    assert rows["kind=paraphrase"].n == 1


def test_misses_name_the_questions():
    lines = misses([outcome([A], [B]), outcome([A], [A]), outcome([], [A])])
    assert len(lines) == 2


def test_question_set_parsing():
    today, questions = parse_question_set(
        "today: 2025-06-01\nquestions:\n  - {id: a, lang: sv, kind: topic, question: 'Vad?', expect: [{body: KS, date: '2024-01-01', paragraph: '1'}], status: decided}\n"
    )
    assert str(today) == "2025-06-01" and questions[0].expect == (A,)
    with pytest.raises(QuestionSetError):
        parse_question_set("questions:\n  - {id: a}\n")
    with pytest.raises(QuestionSetError):
        parse_question_set("- 1\n")
    with pytest.raises(QuestionSetError):
        parse_question_set("questions: [unclosed\n")


@pytest.mark.parametrize("name", ["dev", "holdout", "blind"])
def test_every_shipped_question_set_expects_paragraphs_the_minutes_hold(name, tmp_path):
    from pathlib import Path

    from index.indexer import update_index
    from index.search import MinutesIndex

    from .conftest import MINUTES, ROOT

    update_index(MINUTES, tmp_path / "ix")
    with MinutesIndex(tmp_path / "ix") as ix:
        held = {(h.body, h.meeting_date, h.paragraph) for h, _, _ in ix.all_paragraphs()}
    _, questions = parse_question_set(Path(ROOT / "data" / "eval" / f"{name}.yaml").read_text(encoding="utf-8"))
    assert len({q.id for q in questions}) == len(questions)
    missing = [(q.id, e) for q in questions for e in q.expect if e not in held]
    assert not missing
