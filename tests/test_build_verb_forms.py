"""tools/build_verb_forms.py: which of a lemmatizer's readings become verb forms."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from index.analysis import regular_stem


@pytest.fixture(scope="module")
def tool():
    path = Path(__file__).resolve().parent.parent / "tools" / "build_verb_forms.py"
    spec = importlib.util.spec_from_file_location("build_verb_forms", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LEMMAS = {
    # a strong verb: present, past, supine
    "väljer": "välja", "valdes": "välja", "valt": "välja", "valde": "välja",
    # a verb of two letters, which the lexicon cannot hold, and its past
    "går": "gå", "gick": "gå", "gått": "gå",
    # a noun that a lemmatizer also reads as a verb's past
    "drog": "dra", "drogen": "drog", "drar": "dra", "dragit": "dra",
    # a plural the lemmatizer reads as a verb
    "marker": "markera", "markerna": "mark", "markerar": "markera",
    # a verb that is a noun too ("skolan"), and a form whose verb begins otherwise
    "skulle": "skola", "skolar": "skola", "skolan": "skola", "skolat": "skola",
    "its": "se", "ser": "se", "sett": "se",
    # a verb of its own read as another's form
    "handla": "handlägga", "handlar": "handla", "handlägger": "handlägga",
    # a wrong lemma that stems alike changes nothing
    "togs": "toga", "togar": "toga",
}


def test_select_keeps_irregular_forms_only(tool):
    words = {word: rank for rank, word in enumerate([*LEMMAS, "välja", "handlägga"])}
    kept = dict(tool.select(words, LEMMAS, regular_stem))
    # Snowball leaves short verbs' presents whole ("går", "ser"): they are listed too.
    assert kept == {
        "valdes": "välja", "valt": "välja", "valde": "välja",
        "går": "gå", "gick": "gå", "gått": "gå", "ser": "se", "sett": "se",
        "drar": "dra", "dragit": "dra",
    }


def test_a_form_more_common_in_english_is_left_out(tool):
    words = {"before": 0, "befarar": 1, "befarade": 2}
    lemmas = {"before": "befara", "befarar": "befara", "befarade": "befara"}
    assert dict(tool.select(words, lemmas, regular_stem)) == {"before": "befara"}
    assert tool.select(words, lemmas, regular_stem, english=frozenset({"before"})) == []
