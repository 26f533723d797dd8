"""The bilingual glossary (bot/data/glossary.yaml): schema, size, term hygiene and lookups.

All problems are collected first and reported in one assertion, so a bad edit shows
every broken entry at once instead of the first one only.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.glossary import Entry, Glossary

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "bot" / "data" / "glossary.yaml"

DOMAINS = (
    "governance",
    "planning",
    "schools",
    "social",
    "finance",
    "environment",
    "culture",
    "international",
    "general",
)
MIN_ENTRIES = 650
MIN_PER_DOMAIN = 50
FIELDS = {"en", "sv", "domain"}

# Words of letters (Swedish å ä ö é included) joined by single spaces or hyphens; a word may
# end in a hyphen before a space, as in "vård- och omsorgsboende".
SWEDISH = re.compile(r"[a-zåäöé]+(?:-[a-zåäöé]+)*-?(?: [a-zåäöé]+(?:-[a-zåäöé]+)*-?)*")
ENGLISH = re.compile(r"[^\W\d_](?:[^\W\d_]|[' -])*")  # letters (café too), spaces, ' and -


def term_problems(where: str, field: str, terms: object) -> list[str]:
    if not isinstance(terms, list) or not terms:
        return [f"{where}: {field} must be a non-empty list, got {terms!r}"]
    found = []
    for term in terms:
        if not isinstance(term, str) or not term:
            found.append(f"{where}: {field} term {term!r} is not a non-empty string")
            continue
        if term != term.strip() or "  " in term:
            found.append(f"{where}: {field} term {term!r} has stray whitespace")
        if term != term.lower():
            found.append(f"{where}: {field} term {term!r} is not lowercase")
        if field == "sv" and not SWEDISH.fullmatch(term):
            found.append(f"{where}: sv term {term!r} does not look Swedish")
        if field == "en" and not ENGLISH.fullmatch(term):
            found.append(f"{where}: en term {term!r} has unexpected characters")
    strings = [t for t in terms if isinstance(t, str)]
    repeated = sorted(t for t, n in Counter(strings).items() if n > 1)
    if repeated:
        found.append(f"{where}: {field} repeats {repeated}")
    return found


def glossary_problems(data: object) -> list[str]:
    """Every way the loaded glossary breaks the rules, as readable lines."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return ["the file must be a mapping with a list under 'entries'"]
    entries = data["entries"]
    found: list[str] = []
    seen: dict[tuple, int] = {}
    per_domain: Counter[str] = Counter()
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            found.append(f"entry {number}: not a mapping: {entry!r}")
            continue
        en = entry.get("en")
        label = en[0] if isinstance(en, list) and en and isinstance(en[0], str) else "?"
        where = f"entry {number} ({label})"
        if set(entry) != FIELDS:
            found.append(f"{where}: fields are {sorted(entry)}, expected {sorted(FIELDS)}")
        found += term_problems(where, "en", en)
        found += term_problems(where, "sv", entry.get("sv"))
        domain = entry.get("domain")
        if domain not in DOMAINS:
            found.append(f"{where}: unknown domain {domain!r}")
        else:
            per_domain[domain] += 1
        try:
            key = (frozenset(en), frozenset(entry.get("sv")))
        except TypeError:
            continue
        if key in seen:
            found.append(f"{where}: duplicates entry {seen[key]}")
        else:
            seen[key] = number
    if len(entries) < MIN_ENTRIES:
        found.append(f"only {len(entries)} entries, need at least {MIN_ENTRIES}")
    for domain in DOMAINS:
        if per_domain[domain] < MIN_PER_DOMAIN:
            found.append(
                f"domain {domain!r} has {per_domain[domain]} entries, need {MIN_PER_DOMAIN}"
            )
    return found


@pytest.fixture(scope="module")
def glossary() -> object:
    with GLOSSARY.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_glossary_follows_the_rules(glossary):
    found = glossary_problems(glossary)
    assert not found, f"{len(found)} glossary problem(s):\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        # A vote's count is the omröstning's, not the recount of an election.
        ("vote count", "omröstning"),
        ("recount", "ny sammanräkning"),
        # A building's parts, in British and American words.
        ("lift", "hiss"),
        ("elevator", "hiss"),
        ("restroom", "toalett"),
        ("stairway", "trappa"),
    ],
)
def test_the_shipped_glossary_says_what_the_minutes_say(english, swedish):
    from bot.glossary import load_glossary

    (found,) = load_glossary().english(english.split())
    assert found.swedish[0] == swedish


# --- the checker itself finds what it should --------------------------------------------


def small_glossary(**changes: object) -> dict:
    entry = {"en": ["twin town", "sister city"], "sv": ["vänort"], "domain": "international"}
    entry.update(changes)
    return {"entries": [entry]}


def test_checker_accepts_a_good_entry_apart_from_size():
    found = glossary_problems(small_glossary(sv=["vård- och omsorgsboende", "idéburen"]))
    assert all(line.startswith(("only ", "domain ")) for line in found), found


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"en": []}, "en must be a non-empty list"),
        ({"sv": ["Vänort"]}, "not lowercase"),
        ({"sv": ["vänort", "vänort"]}, "sv repeats ['vänort']"),
        ({"sv": ["vänort 2"]}, "does not look Swedish"),
        ({"sv": ["§ 12"]}, "does not look Swedish"),
        ({"sv": [" vänort"]}, "stray whitespace"),
        ({"en": ["twin town:"]}, "unexpected characters"),
        ({"en": [True]}, "not a non-empty string"),
        ({"domain": "sports"}, "unknown domain 'sports'"),
        ({"note": "x"}, "fields are"),
    ],
)
def test_checker_reports_broken_entries(changes, expected):
    found = glossary_problems(small_glossary(**changes))
    assert any(expected in line for line in found), found


def test_checker_reports_duplicates_and_every_problem_at_once():
    data = small_glossary(sv=["Vänort"], domain="sports")
    data["entries"].append(dict(data["entries"][0]))
    found = glossary_problems(data)
    assert any("duplicates entry 1" in line for line in found)
    assert sum("not lowercase" in line for line in found) == 2
    assert sum("unknown domain" in line for line in found) == 2


# --- looking English words up -------------------------------------------------------------


def lookup_glossary() -> Glossary:
    return Glossary(
        [
            Entry(("cycling", "cycle lane"), ("cykel", "cykelbana"), "planning"),
            Entry(("annual report",), ("årsredovisning",), "finance"),
            Entry(("bus",), ("buss",), "planning"),
        ]
    )


def swedish_of(found) -> list[tuple[str, ...] | str]:
    return [m.swedish if hasattr(m, "swedish") else m for m in found]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("the cycle plan", ["the", ("cykel", "cykelbana"), "plan"]),
        ("cycling lanes", [("cykel", "cykelbana")]),  # the longer phrase, in another form
        ("annual reporting", [("årsredovisning",)]),
        ("the busy day", ["the", "busy", "day"]),  # "busy" is no form of "bus"
    ],
)
def test_english_words_in_another_form_name_the_same_entry(words, expected):
    assert swedish_of(lookup_glossary().english(words.split())) == expected



@pytest.mark.parametrize(
    ("words", "fuzzy", "expected"),
    [
        # Each word of a term of several a typo away: the term, marked as a guess.
        ("anual reprot for 2023", "anual reprot", [(("årsredovisning",), True), "for", "2023"]),
        ("the anual report", "anual", ["the", (("årsredovisning",), True)]),
        ("cycle lame", "lame", [(("cykel", "cykelbana"), True)]),
        # Exact words are no guess; a word not offered for correction stays itself.
        ("annual report", "", [(("årsredovisning",), False)]),
        ("anual reprot", "reprot", ["anual", "reprot"]),
    ],
)
def test_words_of_a_term_each_a_typo_away_name_it_as_a_guess(words, fuzzy, expected):
    found = lookup_glossary().english(words.split(), fuzzy=frozenset(fuzzy.split()))
    assert [(m.swedish, m.guessed) if hasattr(m, "swedish") else m for m in found] == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # Two terms overlap: the later one, which English puts its head in, is the term.
        ("new school transport contract", ["new", "skolskjuts", "contract"]),
        ("the new school", ["the", "ny skola"]),
        ("new school building", ["new", "skolbyggnad"]),  # as long as the first and reaching further
        ("annual report", ["årsredovisning"]),
    ],
)
def test_of_overlapping_terms_the_one_ending_later_is_taken(words, expected):
    glossary = Glossary([
        Entry(("new school",), ("ny skola",), "education"),
        Entry(("school transport",), ("skolskjuts",), "education"),
        Entry(("school building",), ("skolbyggnad",), "education"),
        Entry(("annual report",), ("årsredovisning",), "finance"),
    ])
    assert [m.swedish[0] if hasattr(m, "swedish") else m for m in glossary.english(words.split())] == expected


def test_a_word_two_entries_use_names_the_terms_of_both_in_turn():
    # Cut to the first few terms, "guardian" must still search for a god man, not only for
    # every word of the parents' entry.
    glossary = Glossary([
        Entry(("parent", "guardian"), ("vårdnadshavare", "förälder", "föräldraråd"), "schools"),
        Entry(("trustee", "guardian"), ("god man", "förvaltare"), "social"),
    ])
    (match,) = glossary.english(["guardians"])
    assert match.swedish == ("vårdnadshavare", "god man", "förälder", "förvaltare", "föräldraråd")


def test_a_word_of_three_letters_is_too_short_to_guess_even_in_a_term():
    glossary = Glossary([Entry(("bus stop",), ("busshållplats",), "planning")])
    assert glossary.english(["bis", "stop"], fuzzy=frozenset({"bis"})) == ["bis", "stop"]
    assert [m.guessed for m in glossary.english(["bus", "stpo"], fuzzy=frozenset({"stpo"}))] == [True]


@pytest.mark.parametrize(
    ("form", "base"),
    [("valdes", "välja"), ("valt", "välja"), ("utsågs", "utse"), ("antogs", "anta"), ("föreslog", "föreslå"), ("avgick", "avgå")],
)
def test_a_strong_verbs_past_form_names_its_concept(form, base):
    # Snowball alone cannot join "valdes" to "välja"; the verb-form table does, so the past
    # form finds the concept's other terms ("utse", "utnämna") as its verb does.
    from bot.glossary import load_glossary

    synonyms = load_glossary().swedish_synonyms(form)
    assert synonyms and synonyms == load_glossary().swedish_synonyms(base)


def test_a_hyphenated_word_names_its_concept_in_any_inflection():
    # The stemmer leaves "lss-boendet" whole; its last part is what inflects.
    from bot.glossary import load_glossary

    glossary = load_glossary()
    assert "gruppbostad" in glossary.swedish_synonyms("lss-boendet")
    assert glossary.swedish_synonyms("lss-boendet") == glossary.swedish_synonyms("lss-boende")


def test_an_abbreviation_is_met_only_as_written():
    # "antar" and "antogs" stem to "ant", as the abbreviation for alcohol, narcotics and
    # tobacco is written: the verb must not bring in "narkotika".
    from bot.glossary import load_glossary

    glossary = load_glossary()
    assert "narkotika" in glossary.swedish_synonyms("ant")
    for verb in ("antar", "antogs", "antagits"):
        assert "narkotika" not in glossary.swedish_synonyms(verb)


@pytest.mark.parametrize(
    ("word", "parts"),
    [("firestation", ("fire", "station")), ("townhall", ("town", "hall")), ("committee", None), ("information", None)],
)
def test_a_two_word_term_typed_as_one_word_is_its_words(word, parts):
    from bot.glossary import load_glossary

    assert load_glossary().closed_compound(word) == parts
