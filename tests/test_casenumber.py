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
    ],
)
def test_printed_styles_normalise(text, printed, key):
    (case,) = find_case_numbers(text)
    assert (case.printed, case.key) == (printed, key)


def test_short_serial_styles_share_a_key():
    typed = ("MHN 2024-77", "MHN-2024-77", "MHN 2024/77", "MHN.2024.77", "MHN 2024/0077", "Ärendenummer: MHN 2024-77")
    assert {parse_case_number(t).key for t in typed} == {"MHN-2024-77"}
    assert {c.key for t in typed for c in find_case_numbers(t)} == {"MHN-2024-77"}


def test_a_series_before_a_slash_shares_the_key_of_the_other_styles():
    typed = ("RS/2024:412", "RS 2024-00412", "RS 2024-412", "Dnr RS 2024/412", "rs/2024:412")
    assert {parse_case_number(t).key for t in typed} == {"RS-2024-412"}
    assert {c.key for t in typed[:-1] for c in find_case_numbers(t)} == {"RS-2024-412"}


def test_a_label_is_not_a_series():
    assert parse_case_number("Dnr 2022/1011").key == "2022-1011"
    assert parse_case_number("Diarienummer: KS 2022/1011").key == "KS-2022-1011"


@pytest.mark.parametrize(
    "text, key",
    [("KS-2024-46", "KS-2024-46"), ("MHN-2024-0118", "MHN-2024-118"), ("2022-1011", "2022-1011"), ("2019-12", "2019-12")],
)
def test_keys_read_back_as_themselves_once_normalised(text, key):
    assert parse_case_or_key(text).key == key


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
