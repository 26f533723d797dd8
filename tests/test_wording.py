from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.answer import Answer
from bot.wording import (
    body_words,
    file_note,
    file_warning,
    period_words,
    set_aside_lines,
    status_text,
)


@pytest.mark.parametrize(
    ("span", "language", "said"),
    [
        ("2019-01-01..2019-12-31", "sv", "2019"),
        ("2019-01-01..2021-12-31", "en", "2019–2021"),
        ("2023-12-01..2023-12-31", "sv", "december 2023"),
        ("2024-02-01..2024-02-29", "en", "February 2024"),
        ("2023-10-31..2023-10-31", "en", "2023-10-31"),
        # Whole months: a season, or months across a new year.
        ("2024-09-01..2024-11-30", "sv", "september–november 2024"),
        ("2024-12-01..2025-02-28", "en", "December 2024–February 2025"),
        # Not whole months or a year: both dates.
        ("2024-02-01..2024-02-28", "sv", "2024-02-01–2024-02-28"),
        ("2024-08-15..2024-12-31", "en", "2024-08-15–2024-12-31"),
    ],
)
def test_a_period_is_said_as_a_reader_would(span, language, said):
    assert period_words(span, language) == said


def test_each_thing_set_aside_gets_a_line_in_the_answers_language():
    answer = Answer("q", "en", True, set_aside=(("case", "KS 2019/9"), ("paragraph", "50"), ("period", "2019-01-01..2019-12-31")))
    assert set_aside_lines(answer, "en") == [
        "No paragraph in the minutes has case number KS 2019/9: this answer is from the question's words.",
        "No § 50 was found: this answer is from the question's words.",
        "Nothing from 2019 matched the question: this is the closest match from another time.",
    ]
    assert set_aside_lines(answer, "sv")[2] == "Inget från 2019 matchade frågan: svaret är närmaste träff från en annan tid."
    assert set_aside_lines(Answer("q", "sv", True), "sv") == []


@pytest.mark.parametrize(
    ("code", "english", "swedish"),
    [
        ("KSAU", "the executive board's working committee (kommunstyrelsens arbetsutskott)", "kommunstyrelsens arbetsutskott"),
        ("RSAU", "the regional executive board's working committee (regionstyrelsens arbetsutskott)", "regionstyrelsens arbetsutskott"),
        ("RS", "the regional executive board (regionstyrelsen)", "regionstyrelsen"),
        ("RF", "the regional council (regionfullmäktige)", "regionfullmäktige"),
    ],
)
def test_a_board_and_its_working_committee_are_named_in_both_languages(code, english, swedish):
    assert body_words(code, "en") == english
    assert body_words(code, "sv") == swedish


def test_a_next_body_given_only_by_its_code_is_named():
    # A next body comes as a code alone, with no name to fall back on.
    assert status_text("proposed", "RS", "en", "RSAU") == "Proposed to the regional executive board (regionstyrelsen)"
    assert status_text("forwarded", "RS", "sv", "RSAU") == "Överlämnat till regionstyrelsen"
    assert status_text("decided", None, "sv", "RSAU") == "Beslutat av regionstyrelsens arbetsutskott"


def _reasons_in(path: Path, calls: set[str]) -> list[tuple[str, list[str]]]:
    """Each string a call in `calls` is given in `path`: (a sample with every {value} as "X",
    its fixed parts)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) in calls):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords if k.arg in ("skipped", "warning"))]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((arg.value, [arg.value]))
            elif isinstance(arg, ast.JoinedStr):
                parts = [v.value if isinstance(v, ast.Constant) else "X" for v in arg.values]
                found.append(("".join(parts), [v.value for v in arg.values if isinstance(v, ast.Constant)]))
    return found


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("path", "calls"),
    [("index/readers.py", {"ReadError"}), ("index/indexer.py", {"FileOutcome"})],
)
def test_every_reason_the_index_gives_for_a_file_reads_in_swedish(path, calls):
    reasons = [(sample, fixed) for sample, fixed in _reasons_in(ROOT / path, calls) if sample.strip(" X")]
    assert len(reasons) >= 5
    for sample, fixed in reasons:
        said = file_note(sample, "sv")
        left = [part for part in fixed if len(part.strip(" :,()")) >= 4 and part.strip() in said]
        assert not left, (sample, said)
        assert file_note(sample, "en") == sample


def test_a_file_held_twice_is_told_in_the_readers_language_and_its_names_stay_as_they_are():
    from index.indexer import FileOutcome

    # A name that reads like a reason must not be "translated".
    outcome = FileOutcome("a.pdf", 3, warning="page 2 could not be read: that text is not indexed", meeting="ekbacka|KS|2024-03-12",
                          same_meeting=("empty file not a file.docx",))
    assert file_warning(outcome, "sv") == (
        "sidan 2 kunde inte läsas: den texten är inte indexerad; innehåller paragrafer från KS 2024-03-12 som också finns i "
        "empty file not a file.docx: sökningen visar varje paragraf en gång"
    )
    assert file_warning(outcome, "en").endswith("that empty file not a file.docx also holds: search shows each once")
