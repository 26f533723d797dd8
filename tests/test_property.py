"""Property designations found in protocols and in questions."""

from __future__ import annotations

import pytest

from index.property import find_designations, take_designations


def test_designations_in_running_text():
    text = "Bygglov för flerbostadshus, Lunda 3:14. Föreläggande för Västerby 2:7 och Ekbacka 4:112, Lunda 3:14."
    assert find_designations(text) == ["lunda 3:14", "västerby 2:7", "ekbacka 4:112"]


@pytest.mark.parametrize("text", ["kl. 18:30", "§ 3:16", "2024:5", "Lunda 3:14:2", "ärende 12"])
def test_what_is_no_designation(text):
    assert find_designations(text) == []


def test_a_question_keeps_the_place_name_as_a_word():
    assert take_designations("bygglov västerby 5:3?") == (["västerby 5:3"], "bygglov västerby?")
