"""Pure text clean-up: normalising, running headers and footers, hyphenation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.text import (
    dehyphenate,
    is_paragraph_heading,
    normalise,
    page_number,
    repair_scan_digits,
    repair_scan_letters,
    split_at_page_markers,
    strip_running_lines,
)

HEADER = ["Huddinge kommun", "SAMMANTRÄDESPROTOKOLL", "Kommunstyrelsen 2024-02-21"]


def page(number: int, total: int, body: list[str]) -> str:
    footer = ["Justerandes signatur   Utdragsbestyrkande", f"Sida {number} ({total})"]
    return "\n".join([*HEADER, *body, *footer])


# --- normalise ----------------------------------------------------------------------------------


def test_normalise_spaces_invisibles_and_line_ends():
    raw = "Kommun\u00adstyrelsen\u00a0beslutar\u200b att\u202fanta  \r\nbudget\u2009\r\f  \n"
    assert normalise(raw) == "Kommunstyrelsen beslutar att anta\nbudget\n\f\n"


def test_normalise_spells_out_ligatures_and_nothing_else():
    assert normalise("Detaljplan m.\ufb02. \ufb01nns, 5 m\u00b2") == "Detaljplan m.fl. finns, 5 m\u00b2"


def test_normalise_composes_decomposed_letters():
    assert normalise("sa\u0308rskilt a\u030angest") == "särskilt ångest"


def test_normalise_rejoins_a_word_broken_at_a_soft_hyphen():
    assert normalise("kommun\u00ad\nstyrelsen") == "kommunstyrelsen"


def test_normalise_keeps_form_feeds_and_drops_control_debris():
    assert normalise("a\x00b\x07\fc\td") == "ab\fc\td"


# --- paragraph headings and page numbers --------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "§ 21", "KS § 102", "§ 4/2014", "§ 63/20", "AU 5:18", "KS 107/16", "KS 235 Dnr 191/2013", "RS 186 Dnr RS 2024-00412",
        # A scan's OCR: the sign read as "$", a digit as a letter.
        "$ 41", "$14    Framtida skolorganisation", "§ l3      Dnr KS 2006/45", "§ 1O",
        # An utskott's short name in title case.
        "Pu § 14   Lönekartläggning 2023   Dnr KS 2023/260",
    ],
)
def test_paragraph_headings_are_recognised(line):
    assert is_paragraph_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "KS 2022/1011", "KF 2024-02-21", "SIDA 3 (14)", "Paragraf § 21", "Sida 3 (14)", "§ IT-frågor", "$ 100 miljoner",
        # The sign read as "S" is a heading only where the numbering around it says so, which
        # one line cannot.
        "S 43",
    ],
)
def test_other_lines_are_not_headings(line):
    assert not is_paragraph_heading(line)


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Sida 3 (14)", 3),
        ("sida 3 av 14", 3),
        ("3 (14)", 3),
        ("3/14", 3),
        ("- 3 -", 3),
        ("Sid. 2", 2),
        ("191/2013", None),  # a case number
        ("15 (14)", None),
        ("§ 3", None),
        ("Sida 3 handlar om budgeten", None),
    ],
)
def test_page_number_lines(line, number):
    assert page_number(line) == number


# --- strip_running_lines ------------------------------------------------------------------------


def test_running_header_and_footer_go_from_every_page_but_the_first_header():
    pages = [
        page(1, 3, ["§ 1", "Val av justerare", "Kommunstyrelsen utser Åsa Öberg (S)."]),
        page(2, 3, ["att justera protokollet.", "§ 2", "Budget 2025"]),
        page(3, 3, ["§ 3", "Motion om cykelbanor", "Beslutet ska skickas till"]),
    ]
    stripped = strip_running_lines(pages)
    assert stripped[0] == "\n".join(
        [*HEADER, "§ 1", "Val av justerare", "Kommunstyrelsen utser Åsa Öberg (S)."]
    )
    assert stripped[1] == "att justera protokollet.\n§ 2\nBudget 2025"
    assert stripped[2] == "§ 3\nMotion om cykelbanor\nBeslutet ska skickas till"


def test_a_tall_header_read_cell_by_cell_goes_entirely():
    header = [
        "Huddinge kommun",
        "SAMMANTRÄDESPROTOKOLL",
        "Sida",
        "{n} (4)",
        "Kommunstyrelsen",
        "Sammanträdesdatum",
        "2024-02-21",
    ]
    bodies = ["§ 1\nVal av justerare", "fortsatt text\nmer text", "§ 2\nBudget", "slutet"]
    pages = [
        "\n".join([*(line.format(n=n) for line in header), body])
        for n, body in enumerate(bodies, start=1)
    ]
    stripped = strip_running_lines(pages)
    assert stripped[1:] == bodies[1:]
    assert stripped[0].endswith("2024-02-21\n§ 1\nVal av justerare")


def test_header_and_footer_both_extracted_at_the_top():
    pages = [
        f"Ekbacka kommun\nProtokoll\nJusterandes signatur\nSida {n} (3)\nText {word}\nmer {word}"
        for n, word in enumerate(["ett", "två", "tre"], start=1)
    ]
    assert strip_running_lines(pages)[1:] == ["Text två\nmer två", "Text tre\nmer tre"]


def test_page_numbers_go_even_when_they_do_not_repeat():
    pages = ["3 (14)\nFörsta raden", "Andra sidan\n4/14", "Tredje\n- 5 -"]
    assert strip_running_lines(pages) == ["Första raden", "Andra sidan", "Tredje"]


def test_headings_at_the_top_of_every_page_stay():
    pages = [f"Ekbacka kommun\n§ {n}\nDnr KS 2023/{n}\nKommunstyrelsens beslut" for n in range(4)]
    stripped = strip_running_lines(pages)
    assert stripped[1:] == [p.removeprefix("Ekbacka kommun\n") for p in pages[1:]]


def test_real_text_at_a_page_top_stays():
    pages = [
        "Kommun\nSammanfattning av ärendet följer.",
        "Kommun\nKommunstyrelsen beslutar att anta planen.",
        "Kommun\nÄrendet bordläggs.",
    ]
    assert strip_running_lines(pages)[1:] == [
        "Kommunstyrelsen beslutar att anta planen.",
        "Ärendet bordläggs.",
    ]


def test_a_single_page_keeps_its_text():
    assert strip_running_lines(["Huddinge kommun\n§ 21\nText"]) == ["Huddinge kommun\n§ 21\nText"]


def test_signature_scribbles_at_the_foot_go():
    pages = ["Text ett\n//~~!", "Text två\n~~//--"]
    assert strip_running_lines(pages) == ["Text ett", "Text två"]


# --- split_at_page_markers ----------------------------------------------------------------------


def test_split_at_footer_markers():
    text = "ett\nSida 1 (3)\ntvå\nSida 2 (3)\ntre\nSida 3 (3)\nJusterandes signatur"
    assert split_at_page_markers(text) == [
        "ett\nSida 1 (3)",
        "två\nSida 2 (3)",
        "tre\nSida 3 (3)\nJusterandes signatur",
    ]


def test_split_at_header_markers():
    text = "Kommun\nSida 1 (2)\nett\nmer\nKommun\nSida 2 (2)\ntvå\nmer\nmest"
    assert split_at_page_markers(text) == [
        "Kommun\nSida 1 (2)\nett\nmer\nKommun",
        "Sida 2 (2)\ntvå\nmer\nmest",
    ]


def test_split_at_a_letterheads_page_column():
    # The page number is the letterhead's last column, "Sida" above it or not printed at all.
    text = "BREDVIKS KOMMUN     PROTOKOLL     1(3)\nett\nBREDVIKS KOMMUN     PROTOKOLL     2(3)\ntvå\n" \
        "BREDVIKS KOMMUN     PROTOKOLL     3(3)\ntre"
    assert [page.split("\n")[-1] for page in split_at_page_markers(text)] == ["ett", "två", "tre"]
    # In running text, a number in brackets after a single space is no page column, nor are
    # a table's figures, which neither share a total nor count one by one.
    assert len(split_at_page_markers("Se bilaga 1 (3)\noch bilaga 2 (3)\nslut")) == 1
    table = "Beviljade ansökningar     17 (19)\nAvslagna ansökningar      2 (19)\nÖverklagade    1 (4)\n§ 3 Titel"
    assert len(split_at_page_markers(table)) == 1


def test_no_split_without_markers_or_with_one():
    assert split_at_page_markers("a\nb") == ["a\nb"]
    assert split_at_page_markers("a\nSida 1 (1)\nb") == ["a\nSida 1 (1)\nb"]


# --- dehyphenate --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("beslut av kommun-\nstyrelsen i dag", "beslut av kommunstyrelsen\ni dag"),
        ("Slut-\nord.\nNästa rad", "Slutord.\nNästa rad"),
        ("Barn-\noch utbildningsnämnden", "Barn-\noch utbildningsnämnden"),
        ("Dnr KS-\n2022/1011", "Dnr KS-\n2022/1011"),
        ("mötet 2023-\n11-07", "mötet 2023-\n11-07"),
        ("resa till Nord-\nKorea", "resa till Nord-\nKorea"),
        ("via e-\npost i dag", "via e-post\ni dag"),
        ("nytt IT-\nstöd finns", "nytt IT-stöd\nfinns"),
        ("ett stycke -\nmed tankstreck", "ett stycke -\nmed tankstreck"),
        ("ett nytt-\n\nstycke", "ett nytt-\n\nstycke"),
        ("text-\n§ 12", "text-\n§ 12"),
    ],
)
def test_dehyphenate(text, expected):
    assert dehyphenate(text) == expected


def test_dehyphenate_across_a_page_break_keeps_the_page():
    assert dehyphenate("kommun-\fstyrelsen beslutar") == "kommunstyrelsen\fbeslutar"
    assert dehyphenate("kommun-\fstyrelsen\fsida tre") == "kommunstyrelsen\f\fsida tre"
    assert dehyphenate("kommun-\fstyrelsen").count("\f") == 1


# --- properties ---------------------------------------------------------------------------------

headings = st.sampled_from(["§ 12", "KS § 102", "§ 4/2014", "AU 5:18", "KSAU § 7", "§ 1"])
noise = st.sampled_from(
    [
        "Huddinge kommun",
        "SAMMANTRÄDESPROTOKOLL",
        "Sida 2 (9)",
        "3 (14)",
        "Justerandes signatur",
        "Utdragsbestyrkande",
        "kommun-",
        "styrelsen",
        "Barn-",
        "och",
        "-",
        "",
        "   ",
        "//~~",
    ]
)
free_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\f"), max_size=30
)
line = st.one_of(headings, noise, free_text)
page_lines = st.lists(line, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(page_lines, min_size=1, max_size=6))
def test_strip_running_lines_keeps_pages_and_headings(pages_lines):
    pages = ["\n".join(lines) for lines in pages_lines]
    stripped = strip_running_lines(pages)
    assert len(stripped) == len(pages)
    for lines, out in zip(pages_lines, stripped, strict=True):
        kept = out.split("\n")
        for candidate in lines:
            if is_paragraph_heading(candidate):
                assert candidate in kept


@settings(max_examples=300, deadline=None)
@given(st.lists(line, max_size=30), st.sampled_from(["\n", "\f", "\n\f\n"]))
def test_dehyphenate_keeps_headings_and_pages(lines, page_sep):
    text = page_sep.join(lines)
    out = dehyphenate(text)
    assert out.count("\f") == text.count("\f")
    out_lines = out.replace("\f", "\n").split("\n")
    for candidate in lines:
        if is_paragraph_heading(candidate):
            assert candidate in out_lines
    # Words only move up a line; nothing but hyphens and line breaks is ever removed.
    assert "".join(out.split()).replace("-", "") == "".join(text.split()).replace("-", "")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_text_functions_never_raise(text):
    normalised = normalise(text)
    assert normalise(normalised) == normalised
    dehyphenate(text)
    strip_running_lines(text.split("\f"))
    split_at_page_markers(text)


# -- letters a scan misread ---------------------------------------------------------------

_WORDS = {"kommunstyrelsen", "ledamöter", "kommunfullmäktige", "kommunens", "inom", "ingen", "valberedningen"}


def _known(word: str, compounds: bool = True) -> bool:
    # As the lexicon judges: "kommunstyre|isen" passes as a compound, not as a word.
    word = word.lower()
    return word in _WORDS or compounds and word.startswith("kommunstyre")


@pytest.mark.parametrize(
    "scanned, meant",
    [
        ("KommunstyreIsen beslutar", "Kommunstyrelsen beslutar"),  # a capital I for an l
        ("Närvarande Iedamöter:", "Närvarande ledamöter:"),  # at the start, before a vowel
        ("Kommunfu11mäktige", "Kommunfullmäktige"),  # ones for ls
        ("k0mmunens budget", "kommunens budget"),  # a zero for an o
        ("VaIberedningen och kommunstyreIsen.", "Valberedningen och kommunstyrelsen."),
    ],
)
def test_a_scans_misread_letters_are_spelt_as_meant(scanned, meant):
    assert repair_scan_letters(scanned, _known) == meant


@pytest.mark.parametrize(
    "text",
    [
        "Inom kommunen, Ingen ändring",  # words that begin with I
        "Ivar Irma McIntosh",  # names, whatever the l-spelling would be
        "IT-strategi 2024a Covid19 v10",  # capitals, numbers
        "Lunda1 och Iran",  # no known word with an l
    ],
)
def test_words_no_scan_misread_stay(text):
    assert repair_scan_letters(text, _known) == text


@pytest.mark.parametrize(
    ("scanned", "meant"),
    [
        ("kostar l42 miljoner kronor", "kostar 142 miljoner kronor"),
        ("Dnr ON 2023/ll2", "Dnr ON 2023/112"),
        ("våren 2O26", "våren 2026"),
        ("fastigheten Ekudden 2:l4", "fastigheten Ekudden 2:14"),
        # A letter alone, or among letters, is no digit.
        ("CO2 och H2O, bilaga l, Ingrid Olsson, I 12 fall", "CO2 och H2O, bilaga l, Ingrid Olsson, I 12 fall"),
    ],
)
def test_a_number_a_scan_misread_is_read_as_digits(scanned, meant):
    assert repair_scan_digits(scanned) == meant
