import pytest

from index.bodies import (
    Body,
    find_bodies,
    find_body,
    namnd_code,
    resolve_body,
    same_body,
    without_district,
)


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
        # An utskott other than the arbetsutskott is a body of its own.
        ("Kommunstyrelsens personalutskott", "KSPU"),
        ("Socialnämndens individutskott", "SNIU"),
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


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        # A city's assembly and board under their own names are the municipality's.
        ("Protokoll Stadsfullmäktige 2024-03-25", "KF", "Stadsfullmäktige"),
        ("Stadsstyrelsen föreslår stadsfullmäktige", "KS", "Stadsstyrelsen"),
        ("Stadsstyrelsens arbetsutskott", "KSAU", "Stadsstyrelsens arbetsutskott"),
        # A nämnd named by an abbreviation and a hyphen keeps the abbreviation.
        ("IT-nämnden", "ITN", "IT-nämnden"),
        ("Gemensamma IT-nämnden beslutar", "GITN", "Gemensamma IT-nämnden"),
        # A name in capitals is no abbreviation.
        ("BARN- OCH UTBILDNINGSNÄMNDEN", "BUN", "Barn- och utbildningsnämnden"),
    ],
)
def test_a_citys_and_an_abbreviated_bodys_names(text, code, name):
    assert find_body(text) == Body(code, name)


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


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # A name of one word takes the initials of its compound's parts, as the minutes' own
        # case numbers do ("Dnr SBN-2024-0456").
        ("Stadsbyggnadsnämnden", "SBN"),
        ("Stadsdelsnämnden", "SDN"),
        ("Arbetsmarknadsnämnden", "AMN"),
        ("Krisledningsnämnden", "KLN"),
        ("Samhällsbyggnadsnämnden", "SBN"),
        ("Kommundelsnämnden", "KDN"),
        ("Stadsbyggnadsnamnden", "SBN"),  # scanned without its ä
        # One subject, one letter: a word that splits only by chance ("kul|tur") is no two.
        ("Socialnämnden", "SN"),
        ("Kulturnämnden", "KN"),
        ("Utbildningsnämnden", "UN"),
        ("Servicenämnden", "SN"),
        ("Fritidsnämnden", "FN"),
        ("Valnämnden", "VN"),
        ("Överförmyndarnämnden", "ÖN"),  # unknown to the lexicon: its first letter
        # Names of several words keep their initials.
        ("Miljö- och hälsoskyddsnämnden", "MHN"),
        ("Barn- och utbildningsnämnden", "BUN"),
    ],
)
def test_a_one_word_namnd_takes_the_initials_of_its_compounds_parts(name, code):
    assert namnd_code(name) == code
    (_, body), = find_bodies(f"Protokoll från {name}")
    assert body.code == code


def test_namnder_of_one_initial_no_longer_share_a_code():
    codes = [find_body(name).code for name in ("Stadsbyggnadsnämnden", "Stadsdelsnämnden Norra", "Socialnämnden", "Arbetsmarknadsnämnden")]
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("Stadsdelsnämnden Norra beslutar att rusta upp lekplatsen.", "SDN-Norra", "Stadsdelsnämnden Norra"),
        ("Protokoll för Stadsdelsnämnden Skärholmen", "SDN-Skärholmen", "Stadsdelsnämnden Skärholmen"),
        ("Kommundelsnämnd Vällingby", "KDN-Vällingby", "Kommundelsnämnden Vällingby"),
        ("Områdesnämnd Centrum", "ON-Centrum", "Områdesnämnden Centrum"),
        ("Stadsdelsnämnden Askim-Frölunda-Högsbo", "SDN-Askim-Frölunda-Högsbo", "Stadsdelsnämnden Askim-Frölunda-Högsbo"),
        ("Stadsdelsnämnden Norras arbetsutskott", "SDN-NorraAU", "Stadsdelsnämnden Norras arbetsutskott"),
        # Running text: the word after the name is no district.
        ("Stadsdelsnämnden beslutar att godkänna", "SDN", "Stadsdelsnämnden"),
        ("Ärendet går till stadsdelsnämnden i morgon.", "SDN", "Stadsdelsnämnden"),
        ("Stadsdelsnämnden\nSammanträdesprotokoll", "SDN", "Stadsdelsnämnden"),
        ("Stadsdelsnämndens Arbetsutskott", "SDNAU", "Stadsdelsnämndens arbetsutskott"),
        # Only a district's nämnd has a district: a place after another is the city's name.
        ("Kulturnämnden Lövstrand", "KN", "Kulturnämnden"),
    ],
)
def test_a_district_namnd_keeps_its_district(text, code, name):
    body = find_body(text)
    assert (body.code, body.name) == (code, name)


def test_two_districts_in_one_sentence_are_two_bodies():
    text = "Stadsdelsnämnden Norra och Stadsdelsnämnden Söder har yttrat sig."
    assert [(start, body.code) for start, body in find_bodies(text)] == [(0, "SDN-Norra"), (27, "SDN-Söder")]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("SBN", "SBN"), ("stadsbyggnadsnämnden", "SBN"), ("SDN-Norra", "SDN-Norra"), ("sdn-norra", "SDN-Norra"),
        ("Stadsdelsnämnden Norra", "SDN-Norra"), ("stadsdelsnämnden norra", "SDN-Norra"), ("SDN-NorraAU", "SDN-NorraAU"),
        ("sdn-askim-frölunda-högsbo", "SDN-Askim-Frölunda-Högsbo"),
    ],
)
def test_resolve_a_district_by_name_or_code(typed, code):
    assert resolve_body(typed).code == code


def test_a_district_namnd_named_without_its_district_is_that_namnd_but_another_district_is_not():
    norra, soder = Body("SDN-Norra", "Stadsdelsnämnden Norra"), Body("SDN-Söder", "Stadsdelsnämnden Söder")
    assert same_body(find_body("Stadsdelsnämnden"), norra) and same_body(norra, find_body("Stadsdelsnämnden"))
    assert not same_body(norra, soder)
    assert not same_body(find_body("Stadsbyggnadsnämnden"), norra)
    assert without_district("SDN-NorraAU") == "SDNAU" and without_district("BMN") == "BMN"


def test_namnd_subjects_leave_out_the_district():
    from index.bodies import namnd_subjects

    assert namnd_subjects("Stadsdelsnämnden Norra") == {"stadsdel"}
