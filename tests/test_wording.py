from __future__ import annotations

import pytest

from bot.answer import Answer
from bot.wording import period_words, set_aside_lines


@pytest.mark.parametrize(
    ("span", "language", "said"),
    [
        ("2019-01-01..2019-12-31", "sv", "2019"),
        ("2019-01-01..2021-12-31", "en", "2019–2021"),
        ("2023-12-01..2023-12-31", "sv", "december 2023"),
        ("2024-02-01..2024-02-29", "en", "February 2024"),
        ("2023-10-31..2023-10-31", "en", "2023-10-31"),
        # Not a whole month or year: both dates.
        ("2024-02-01..2024-02-28", "sv", "2024-02-01–2024-02-28"),
        ("2024-08-01..2024-12-31", "en", "2024-08-01–2024-12-31"),
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
