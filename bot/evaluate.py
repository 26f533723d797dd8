"""`minutesbot eval`: answer a question set and score it, beside a plain-Whoosh baseline.

A question set is YAML: `today` (what relative dates mean) and `questions`, each with `id`,
`lang`, `kind`, `question`, `expect` (acceptable answers as {body, date, paragraph}; empty when
the minutes cannot answer) and `status` (of the first expected paragraph).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from index.baseline import BaselineIndex

from .answer import OTHER_MATCHES, Thresholds
from .engine import Engine


class QuestionSetError(ValueError):
    """The question file is not in the expected shape."""


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    lang: str
    kind: str
    question: str
    expect: tuple[tuple[str, str, str], ...]  # (body, date, paragraph)
    status: str | None


@dataclass(frozen=True)
class Outcome:
    question: EvalQuestion
    found: bool
    ranked: tuple[tuple[str, str, str], ...]  # what the system put first, second, ...
    status: str | None  # status of the paragraph it answered with
    seconds: float
    # Every paragraph the answer puts before the reader: its matter's path and the other
    # matters listed. In an archive of several municipalities, a question naming none may be
    # answered from another's minutes with the one meant listed below it.
    shown: tuple[tuple[str, str, str], ...] = ()

    @property
    def rank(self) -> int | None:
        """1-based rank of the first acceptable answer, if answered and among the results."""
        if not self.found:
            return None
        for i, key in enumerate(self.ranked, start=1):
            if key in self.question.expect:
                return i
        return None

    @property
    def in_answer(self) -> bool:
        return self.found and any(key in self.question.expect for key in self.shown)


def parse_question_set(text: str) -> tuple[dt.date, list[EvalQuestion]]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise QuestionSetError(f"not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise QuestionSetError("expected a mapping with a list of `questions`")
    today = data.get("today") or dt.date.today()
    if isinstance(today, str):
        today = dt.date.fromisoformat(today)
    questions = []
    for i, item in enumerate(data["questions"], start=1):
        try:
            expect = tuple((e["body"], str(e["date"]), str(e["paragraph"])) for e in item.get("expect") or ())
            questions.append(
                EvalQuestion(str(item["id"]), item["lang"], item["kind"], item["question"], expect, item.get("status"))
            )
        except (KeyError, TypeError) as exc:
            raise QuestionSetError(f"question {i}: missing or malformed {exc}") from exc
    return today, questions


def _key(body: str, date: str, paragraph: str) -> tuple[str, str, str]:
    return (body, date, paragraph)


def run_minutesbot(
    engine: Engine, questions: list[EvalQuestion], today: dt.date, thresholds: Thresholds | None = None
) -> list[Outcome]:
    outcomes = []
    for q in questions:
        started = time.perf_counter()
        answer = engine.ask(q.question, today=today, thresholds=thresholds)
        elapsed = time.perf_counter() - started
        ranked = tuple(_key(h.body, h.meeting_date, h.paragraph) for h in answer.hits)
        status = answer.step.status if answer.found and answer.step else None
        shown = tuple(_key(h.body, h.meeting_date, h.paragraph) for h in answer.timeline + answer.others + answer.agenda)
        outcomes.append(Outcome(q, answer.found, ranked, status, elapsed, shown))
    return outcomes


def run_baseline(engine: Engine, questions: list[EvalQuestion]) -> list[Outcome]:
    """The same questions to plain Whoosh over the same paragraphs; it never abstains."""
    hits = {hit.doc_id: hit for hit, _, _ in engine.index.all_paragraphs()}
    texts = ((hit.doc_id, f"{p.title}\n{p.text}") for hit, _, p in engine.index.all_paragraphs())
    baseline = BaselineIndex(texts)
    outcomes = []
    for q in questions:
        started = time.perf_counter()
        found = [hits[d] for d in baseline.search(q.question, limit=10)]
        elapsed = time.perf_counter() - started
        ranked = tuple(_key(h.body, h.meeting_date, h.paragraph) for h in found)
        # A list of results shows its first few: as many as an answer and its other matches.
        shown = ranked[: 1 + OTHER_MATCHES]
        outcomes.append(Outcome(q, bool(found), ranked, found[0].status if found else None, elapsed, shown))
    return outcomes


@dataclass(frozen=True)
class Scores:
    n: int
    answerable: int
    r1: float
    r3: float
    mrr: float
    shown: float  # share of the answerable whose right paragraph the answer shows anywhere
    status_accuracy: float
    unanswerable_precision: float
    unanswerable_recall: float
    p50_ms: float

    def to_json(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def score(outcomes: list[Outcome]) -> Scores:
    answerable = [o for o in outcomes if o.question.expect]
    unanswerable = [o for o in outcomes if not o.question.expect]
    flagged = [o for o in outcomes if not o.found]
    ranks = [o.rank for o in answerable]
    right = [o for o in answerable if o.rank == 1]
    n_ans = len(answerable) or 1
    times = sorted(o.seconds for o in outcomes) or [0.0]
    return Scores(
        n=len(outcomes),
        answerable=len(answerable),
        r1=sum(1 for r in ranks if r == 1) / n_ans,
        r3=sum(1 for r in ranks if r is not None and r <= 3) / n_ans,
        mrr=sum(1 / r for r in ranks if r) / n_ans,
        shown=sum(1 for o in answerable if o.in_answer) / n_ans,
        # Of the questions answered with the right paragraph, how many got its status right.
        status_accuracy=(sum(1 for o in right if o.status == o.question.status) / len(right)) if right else 0.0,
        unanswerable_precision=(sum(1 for o in flagged if not o.question.expect) / len(flagged)) if flagged else 0.0,
        unanswerable_recall=(sum(1 for o in unanswerable if not o.found) / len(unanswerable)) if unanswerable else 0.0,
        p50_ms=1000 * times[len(times) // 2],
    )


def breakdown(outcomes: list[Outcome]) -> dict[str, Scores]:
    """Scores for all questions, by language and by kind."""
    rows = {"all": score(outcomes)}
    for attr in ("lang", "kind"):
        for value in sorted({getattr(o.question, attr) for o in outcomes}):
            rows[f"{attr}={value}"] = score([o for o in outcomes if getattr(o.question, attr) == value])
    return rows


def format_table(systems: dict[str, dict[str, Scores]]) -> str:
    head = f"{'system':<11} {'group':<22} {'n':>4} {'R@1':>6} {'R@3':>6} {'MRR':>6} {'shown':>6} {'status':>7} {'unansP':>7} {'unansR':>7} {'p50ms':>7}"
    lines = [head, "-" * len(head)]
    for system, rows in systems.items():
        for group, s in rows.items():
            lines.append(
                f"{system:<11} {group:<22} {s.n:>4} {s.r1:>6.3f} {s.r3:>6.3f} {s.mrr:>6.3f} {s.shown:>6.3f} "
                f"{s.status_accuracy:>7.3f} {s.unanswerable_precision:>7.3f} {s.unanswerable_recall:>7.3f} {s.p50_ms:>7.1f}"
            )
    return "\n".join(lines)


def misses(outcomes: list[Outcome]) -> list[str]:
    """One line per question the system got wrong, for whoever tunes it next."""
    lines = []
    for o in outcomes:
        wrong_unanswerable = not o.question.expect and o.found
        wrong_answer = o.question.expect and o.rank != 1
        if wrong_unanswerable or wrong_answer:
            got = "not found" if not o.found else " ".join(o.ranked[0]) if o.ranked else "nothing"
            want = " ".join(o.question.expect[0]) if o.question.expect else "not found"
            lines.append(f"{o.question.id}: {o.question.question!r} -> {got} (want {want})")
    return lines


def calibrate(engine: Engine, text: str) -> list[tuple[Thresholds, Scores]]:
    """Scores at a grid of not-found thresholds, from one pass that accepts every match: each
    question's coverage and gap are recorded once and the decision replayed per setting."""
    today, questions = parse_question_set(text)
    accept_all = Thresholds(0.0, 0.0)
    answers = [(q, engine.ask(q.question, today=today, thresholds=accept_all)) for q in questions]
    results = []
    for low in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        for gap in (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01):
            setting = Thresholds(low, max(low, gap))
            outcomes = []
            for q, a in answers:
                found = a.found and (a.direct or setting.accepts(a.coverage, a.gap))
                ranked = tuple(_key(h.body, h.meeting_date, h.paragraph) for h in a.hits)
                status = a.step.status if found and a.step else None
                outcomes.append(Outcome(q, found, ranked, status, 0.0))
            results.append((setting, score(outcomes)))
    return results


def format_calibration(results: list[tuple[Thresholds, Scores]]) -> str:
    lines = [f"{'coverage':>8} {'with gap':>8} {'R@1':>6} {'unansP':>7} {'unansR':>7}"]
    for setting, s in results:
        lines.append(
            f"{setting.coverage:>8.2f} {setting.coverage_with_gap:>8.2f} {s.r1:>6.3f} "
            f"{s.unanswerable_precision:>7.3f} {s.unanswerable_recall:>7.3f}"
        )
    return "\n".join(lines)


def evaluate(engine: Engine, text: str, *, with_baseline: bool = True, on_progress: Callable[[str], None] | None = None):
    today, questions = parse_question_set(text)
    ours = run_minutesbot(engine, questions, today)
    systems = {"minutesbot": breakdown(ours)}
    if with_baseline:
        if on_progress:
            on_progress("baseline")
        systems["baseline"] = breakdown(run_baseline(engine, questions))
    return systems, ours
