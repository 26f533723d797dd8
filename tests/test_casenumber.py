import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.casenumber import find_case_numbers, parse_case_number, parse_case_or_key


@pytest.mark.parametrize(
    "text, printed, key",
    [
        ("Diarienummer KS-2022/1011.107", "KS-2022/1011.107", "KS-2022-1011"),
        ("KS 2022/1011", "KS 2022/1011", "KS-2022-1011"),
        ("Dnr KS 2022/1011-107", "KS 2022/1011-107", "KS-2022-1011"),
        ("KS.2022.1011", "KS.2022.1011", "KS-2022-1011"),
        ("Dnr 2022/1011", "2022/1011", "2022-1011"),
        ("Dnr 191/2013", "191/2013", "2013-191"),
        ("KU.2017.3", "KU.2017.3", "KU-2017-3"),
        ("Dnr: BMN.2023.215", "BMN.2023.215", "BMN-2023-215"),
        ("Dnr KS-2023/0412.041", "KS-2023/0412.041", "KS-2023-412"),
        # A records system's year and serial.
        ("Dnr 2024-000123", "2024-000123", "2024-123"),
        ("Dnr KS 2019-00345", "KS 2019-00345", "KS-2019-345"),
        # A series in mixed case, after a label or on its own line.
        ("Dnr Ks 2019/12", "Ks 2019/12", "KS-2019-12"),
        ("Titel\nRev 2024/5\nBeslut", "Rev 2024/5", "REV-2024-5"),
        # A series, a year and a short serial after a dash.
        ("Dnr KS-2025-3", "KS-2025-3", "KS-2025-3"),
        ("KS-2025-19 Val av ombud", "KS-2025-19", "KS-2025-19"),
        ("MHN § 40    Ärendenummer: MHN 2024-5", "MHN 2024-5", "MHN-2024-5"),
        ("Ärendenummer: MHN 2024-77", "MHN 2024-77", "MHN-2024-77"),
        ("enligt beslut ÄN 2024-1.", "ÄN 2024-1", "ÄN-2024-1"),
        ("(MHN 2024-5)", "MHN 2024-5", "MHN-2024-5"),
        ("MHN-2024-0118", "MHN-2024-0118", "MHN-2024-118"),
        # Two digits that could end a span of years are a serial after a label or a dash.
        ("Dnr KS 2024-26", "KS 2024-26", "KS-2024-26"),
        ("KS-2024-26", "KS-2024-26", "KS-2024-26"),
        # Series/year:serial.
        ("Diarienummer: RS/2024:412", "RS/2024:412", "RS-2024-412"),
        ("(HSN/2024:88)", "HSN/2024:88", "HSN-2024-88"),
        ("RS/2024-00412", "RS/2024-00412", "RS-2024-412"),
        # Older minutes: a year, a dot and a serial after a label; two-digit years.
        ("Dnr 2006.045", "2006.045", "2006-45"),
        ("Diarienummer: 2005.402", "2005.402", "2005-402"),
        ("KS § 47 KS 06/45", "KS 06/45", "KS-2006-45"),
        ("KS 05/402", "KS 05/402", "KS-2005-402"),
        ("Dnr KS 12/345", "KS 12/345", "KS-2012-345"),
        ("Dnr KS 98/12", "KS 98/12", "KS-1998-12"),
        ("Dnr 06/45", "06/45", "2006-45"),
        # The series printed last, as some records systems do; a word after the number is none.
        ("Dnr 2023.188 KS", "2023.188 KS", "KS-2023-188"),
        ("Dnr: 2024/112 SBN", "2024/112 SBN", "SBN-2024-112"),
        ("Dnr 2024/112 OCH bilaga", "2024/112", "2024-112"),
        # A company's name ends in its form, which is no part of a series.
        ("Ägardirektiv för Sjöviks Hamn AB KS 2022/0388", "KS 2022/0388", "KS-2022-388"),
        # A series of two parts, a body's and a sub-series': a district nämnd's, an arbetsutskott's.
        ("SDN N 2025/0008", "SDN N 2025/0008", "SDNN-2025-8"),
        ("Dnr SDN N 2025/0008", "SDN N 2025/0008", "SDNN-2025-8"),
        ("- Attesträtter för 2025, SDN N 2025/0002", "SDN N 2025/0002", "SDNN-2025-2"),
        ("KS AU 2024/12", "KS AU 2024/12", "KSAU-2024-12"),
        ("(SBN-B 2023/45)", "SBN-B 2023/45", "SBNB-2023-45"),
        ("SDN N 06/45", "SDN N 06/45", "SDNN-2006-45"),
    ],
)
def test_printed_styles_normalise(text, printed, key):
    (case,) = find_case_numbers(text)
    assert (case.printed, case.key) == (printed, key)


@pytest.mark.parametrize(
    "text, printed, key",
    [
        # A filing code of the archive plan, of one, two or three levels, is shown whole.
        ("Dnr KS 2023/412-1", "KS 2023/412-1", "KS-2023-412"),
        ("Dnr KS 2023/412-1.4", "KS 2023/412-1.4", "KS-2023-412"),
        ("Dnr KS 2023/412-1.4.1", "KS 2023/412-1.4.1", "KS-2023-412"),
        ("KFN 2024/31-3.1.2 Kulturstipendium", "KFN 2024/31-3.1.2", "KFN-2024-31"),
        ("KS-2024/0077.3.1", "KS-2024/0077.3.1", "KS-2024-77"),
        ("Dnr KS 2019-00345-1.2.3.", "KS 2019-00345-1.2.3", "KS-2019-345"),
        ("Dnr 2022/1011-1.4.1", "2022/1011-1.4.1", "2022-1011"),
        ("Dnr 2022-000311-1.2.3", "2022-000311-1.2.3", "2022-311"),
        ("Titel\nRev 2024/5-1.2.3\nBeslut", "Rev 2024/5-1.2.3", "REV-2024-5"),
    ],
)
def test_a_filing_code_of_several_levels_is_kept_as_printed_and_left_out_of_the_key(text, printed, key):
    (case,) = find_case_numbers(text)
    assert (case.printed, case.key) == (printed, key)
    assert parse_case_number(case.printed).key == key


def test_short_serial_styles_share_a_key():
    typed = ("MHN 2024-77", "MHN-2024-77", "MHN 2024/77", "MHN.2024.77", "MHN 2024/0077", "Ärendenummer: MHN 2024-77")
    assert {parse_case_number(t).key for t in typed} == {"MHN-2024-77"}
    assert {c.key for t in typed for c in find_case_numbers(t)} == {"MHN-2024-77"}


def test_a_series_before_a_slash_shares_the_key_of_the_other_styles():
    typed = ("RS/2024:412", "RS 2024-00412", "RS 2024-412", "Dnr RS 2024/412", "rs/2024:412")
    assert {parse_case_number(t).key for t in typed} == {"RS-2024-412"}
    assert {c.key for t in typed[:-1] for c in find_case_numbers(t)} == {"RS-2024-412"}


def test_styles_of_a_two_part_series_share_a_key():
    typed = ("SDN N 2024/0191", "SDN-N-2024-0191", "sdn-n-2024-0191", "sdn n 2024/191", "SDNN 2024/191", "Dnr SDN N 2024/0191")
    assert {parse_case_number(t).key for t in typed} == {"SDNN-2024-191"}
    assert {c.key for t in typed for c in find_case_numbers(t)} == {"SDNN-2024-191"}
    # The key reads back as itself; typed without its series the number still meets it.
    assert parse_case_or_key("SDNN-2024-191").key == "SDNN-2024-191"
    assert parse_case_number("SDN N 2024/0191").bare_key == parse_case_or_key("2024-191").key
    # Typed in lower case further on, a first part is a word.
    assert {parse_case_number(t).key for t in ("se även ks 2024/12", "även ks 2024/12", "dnr ks 2024/12")} == {"KS-2024-12"}


@pytest.mark.parametrize(
    "text",
    [
        # A word before a series, in a sentence or set in capitals, is not its first part.
        "enligt KS 2024/12", "ENLIGT KS 2024/12", "OCH KS 2024/12", "SE KS 2024/12", "beslut AND KS 2024/12",
        "Se även KS 2024/12", "SE ÄVEN KS 2024/12", "MED KS 2024/12",
        # Nor is a label, the series again, a code on the line before, or a longer word.
        "Dnr KS 2024/12", "DNR KS 2024/12", "Diarienummer: KS 2024/12", "KS KS 2024/12", "KF\nKS 2024/12",
        "KSAUX KS 2024/12",
    ],
)
def test_a_word_before_a_series_does_not_join_it(text):
    (case,) = find_case_numbers(text)
    assert (case.printed, case.key) == ("KS 2024/12", "KS-2024-12")
    assert parse_case_number(text.split("\n")[-1]).key == "KS-2024-12"


def test_older_styles_share_the_key_of_four_digit_years():
    assert {c.key for t in ("Dnr 2006/45", "Dnr 2006.045", "Dnr 06/45") for c in find_case_numbers(t)} == {"2006-45"}
    assert {c.key for t in ("KS 2005/402", "KS 05/402", "Dnr KS 05/402") for c in find_case_numbers(t)} == {"KS-2005-402"}
    assert parse_case_number("Dnr 2005.318").key == parse_case_number("Dnr 2005/318").key


@pytest.mark.parametrize(
    "text", [
        "Dnr 2006.045", "KS 06/45", "Dnr KS 12/345", "Dnr 06/45", "Dnr KS 06/07", "Dnr KS-2022/1011.107", "SDN N 2025/0008",
        "OCH KS 2024/12", "Dnr 2023.188 KS",
    ]
)
def test_a_case_number_as_printed_reads_back_to_its_key(text):
    # The index reads a paragraph's case numbers back from their printed form, without the label.
    (case,) = find_case_numbers(text)
    assert parse_case_number(case.printed).key == case.key


def test_a_label_is_not_a_series():
    assert parse_case_number("Dnr 2022/1011").key == "2022-1011"
    assert parse_case_number("Diarienummer: KS 2022/1011").key == "KS-2022-1011"


@pytest.mark.parametrize(
    "text, key",
    [("KS-2024-46", "KS-2024-46"), ("MHN-2024-0118", "MHN-2024-118"), ("2022-1011", "2022-1011"), ("2019-12", "2019-12")],
)
def test_keys_read_back_as_themselves_once_normalised(text, key):
    assert parse_case_or_key(text).key == key


def test_a_label_in_capitals_is_no_series():
    assert [c.key for c in find_case_numbers("DNR 2022/1011")] == ["2022-1011"]
    assert parse_case_number("DNR 2006.045").key == "2006-45"


def test_a_bare_short_key_is_no_typed_case_number():
    # "2019-12" is the key of "Dnr 2019/12", but typed it reads as December 2019.
    assert parse_case_number("2019-12") is None
    assert parse_case_or_key("hello") is None


def test_styles_of_one_case_share_a_key():
    typed = ("KS-2022/1011.107", "KS 2022/1011", "Dnr KS 2022/1011-107", "ks.2022.1011", "ks2022/1011", "KS 2022-1011", "ks2022-1011")
    keys = {parse_case_number(t).key for t in typed}
    assert keys == {"KS-2022-1011"}


@pytest.mark.parametrize(
    "text",
    [
        "§ 4/2014", "SFS 2018:1234", "kl 18.00", "2024-02-21", "Sida 3 (14)", "KS 2024-03-12", "Dnr 2024-02-21",
        "KF 2024-2026", "Budget 2024/25 antas", "Plan 2024/25",
        # Dates and months after a body's code: a meeting cited, not a case.
        "KF 2024-04-22 § 36", "enligt KS 2024-3-12", "KS 2024-03", "2024-05", "Dnr 2024-05", "KS 2024-9.30",
        # Statutes and standards, years spans in capitals, and too many digits.
        "SFS 2010-900", "SS-EN 1997-2", "BUDGET 2024-26", "MÅL 2025-27", "KS 2024-1234567",
        # The same after a slash; and a series inside a path is part of an address.
        "SFS/2010:900", "EU/2016:679", "KS/2024-03-12", "BUDGET/2024-26", "läsåret 2024/2025", "1/2024",
        "https://region.se/RS/2024/412", "RS/2024",
        # Statute books (författningssamlingar).
        "SOSFS 2011:9", "HSLF-FS 2016:40", "AFS 2020:1",
        # A year, a dot and a serial without a label may be any number; with a third group, a date.
        "2006.045", "Dnr 2006.03.27",
        # Two-digit years without a label: a paragraph cited with its year, a school year, a
        # day and month; a year without its leading zero; and after a § sign.
        "KS 107/16", "§ 63/20", "KS 12/16", "KS 12/345", "KS 06/07", "Budget 06/07", "KS 06/03", "§ KS 06/45",
        # Bare, even after a label, unless 2000-2009: "Dnr 12/16" may be case 12 of 2016. An
        # unlikely year after a label; a statute.
        "06/45", "Dnr 12/16", "Dnr KS 63/20", "SFS 06/45",
    ],
)
def test_things_that_are_not_case_numbers(text):
    assert find_case_numbers(text) == []


def test_bare_number_needs_a_label():
    assert find_case_numbers("se 2022/1011") == []
    assert [c.key for c in find_case_numbers("Dnr 2022/1011")] == ["2022-1011"]


def test_each_case_once_in_order():
    found = find_case_numbers("Dnr BUN 2024/77, KS 2024/12 och BUN.2024.77")
    assert [c.key for c in found] == ["BUN-2024-77", "KS-2024-12"]


@given(st.text(max_size=300))
def test_never_raises(text):
    for case in find_case_numbers(text):
        assert case.key.endswith(case.bare_key)
    parse_case_number(text)


_CASE_PIECES = st.sampled_from([*"KSBUNä0123456789/.-: §\n", "Dnr ", "KS ", "Rev ", "SDN ", "OCH ", "20", "06"])


@given(st.lists(_CASE_PIECES, max_size=20).map("".join))
def test_every_case_found_reads_back_from_its_printed_form(text):
    # The index stores a paragraph's case numbers as printed and reads their keys back.
    for case in find_case_numbers(text):
        assert parse_case_number(case.printed).key == case.key
