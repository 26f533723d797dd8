import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.casenumber import find_case_numbers, parse_case_number


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
    ],
)
def test_printed_styles_normalise(text, printed, key):
    (case,) = find_case_numbers(text)
    assert (case.printed, case.key) == (printed, key)


def test_styles_of_one_case_share_a_key():
    typed = ("KS-2022/1011.107", "KS 2022/1011", "Dnr KS 2022/1011-107", "ks.2022.1011", "ks2022/1011", "KS 2022-1011", "ks2022-1011")
    keys = {parse_case_number(t).key for t in typed}
    assert keys == {"KS-2022-1011"}


@pytest.mark.parametrize(
    "text", ["§ 4/2014", "SFS 2018:1234", "kl 18.00", "2024-02-21", "Sida 3 (14)", "KS 2024-03-12", "Dnr 2024-02-21", "KF 2024-2026", "Budget 2024/25 antas", "Plan 2024/25"]
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
