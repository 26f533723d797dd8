import pytest

from index.bodies import find_bodies, namnd_code, resolve_body


@pytest.mark.parametrize(
    "text, code",
    [
        ("Kommunstyrelsens arbetsutskott", "KSAU"),
        ("Kommunstyrelsen", "KS"),
        ("Regionstyrelsens arbetsutskott", "RSAU"),
        ("Regionstyrelsens arbetsutskotts protokoll", "RSAU"),
        ("RSAU", "RSAU"),
        ("Regionstyrelsen", "RS"),
        ("Regionstyrelsens ordförande", "RS"),
        ("Regionfullmäktige", "RF"),
        ("Kommunfullmäktige", "KF"),
        ("Barn- och utbildningsnämnden", "BUN"),
        ("Bygg- och miljönämnden", "BMN"),
        ("Bygg- och miljönämndens arbetsutskott", "BMNAU"),
        ("Socialnämnden", "SN"),
        ("Tekniska nämnden", "TN"),
        ("Sociala nämnden", "SN"),
        ("Gemensamma nämnden för hjälpmedel", "GN"),
        ("Kultur- och fritidsnämnden", "KFN"),
        ("Vård- och omsorgsnämnden", "VON"),
    ],
)
def test_body_names_get_codes(text, code):
    assert find_bodies(text)[0][1].code == code


@pytest.mark.parametrize(
    ("scanned", "code", "name"),
    [("Kommunfullmaktige", "KF", "Kommunfullmäktige"), ("Barn- och utbildningsnamnden", "BUN", "Barn- och utbildningsnämnden")],
)
def test_a_name_scanned_without_its_a_umlaut_is_the_same_body(scanned, code, name):
    (_, body), = find_bodies(scanned)
    assert (body.code, body.name) == (code, name)
    assert find_bodies("namnden") == []


@pytest.mark.parametrize(
    "typed, code",
    [("KS", "KS"), ("ksau", "KSAU"), ("AU", "KSAU"), ("fullmäktige", "KF"), ("BMN", "BMN"), ("bygg- och miljönämnden", "BMN"),
     ("rsau", "RSAU"), ("regionstyrelsens arbetsutskott", "RSAU"), ("RS", "RS")],
)
def test_resolve_user_words(typed, code):
    assert resolve_body(typed).code == code


def test_nested_mentions_count_once():
    assert [b.code for _, b in find_bodies("Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen")] == ["KSAU", "KS"]
    assert [b.code for _, b in find_bodies("Regionstyrelsens arbetsutskott föreslår regionstyrelsen")] == ["RSAU", "RS"]


def test_bare_namnden_is_not_a_body():
    assert find_bodies("Nämnden beslutar att godkänna") == []


@pytest.mark.parametrize("text", ["Vad sa nämnden om elevhälsan?", "Hela nämnden ställde sig bakom förslaget.", "Den nya nämnden"])
def test_a_short_word_before_namnden_names_no_body(text):
    assert find_bodies(text) == []


def test_lowercase_abbreviations_do_not_count():
    assert find_bodies("tanks and kf") == []
    assert find_bodies("rsau") == []
    assert namnd_code("Miljönämnden") == "MN"


def test_namnd_subjects_are_the_words_of_what_it_is_for():
    from index.bodies import namnd_subjects

    assert namnd_subjects("Bygg- och miljönämnden") == {"bygg", "miljö"}
    assert namnd_subjects("Byggnämnden") == {"bygg"}
    assert namnd_subjects("Barn- och utbildningsnämnden") == {"barn", "utbildning"}
    assert namnd_subjects("Tekniska nämnden") == {"tekniska"}
