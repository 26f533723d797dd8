"""Case numbers (diarienummer): find them as printed, normalise them for matching.

One matter keeps its case number across bodies, but every municipality (and every PDF-to-text
run) prints it differently: `KS-2022/1011.107`, `KS 2022/1011`, `Dnr KS 2022/1011-107`,
`KS.2022.1011`, `RS/2024:412`, `2022/1011`, `Dnr 191/2013`. The part after the number (".107",
"-107") is a filing code and is dropped from the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SERIES = r"[A-ZÅÄÖ]{1,6}"
_YEAR = r"(?:19|20)\d\d"
# A serial after a dash: "KS 2019-00345", "KS-2025-3", "MHN 2024-77". A short one must not be
# part of a date ("KS 2024-03-12" cites a meeting) and has no leading zero ("2024-03" is a month).
_SERIAL = r"-(?P<serial>\d{3,6}|[1-9]\d?(?![.\-/:]?\d))"
# Series + year + number: "KS-2022/1011.107", "KS 2022/1011", "KU.2017.3", "BMN 2023:215",
# "RS/2024:412".
_WITH_SERIES = re.compile(
    rf"(?<![\w/])(?P<series>{_SERIES})(?P<sep>[\s.\-/]?)(?P<year>{_YEAR})"
    rf"(?:\s?[/.:]\s?(?P<num>\d{{1,6}})|{_SERIAL})"
    r"(?P<code>[.\-]\d{1,4}(?:\.\d{1,4})?)?(?![\w/])"
)
_MIXED_SERIES = re.compile(
    rf"(?<![\w/])(?P<series>[A-ZÅÄÖ][a-zåäö]{{1,4}})[\s.\-]?(?P<year>{_YEAR})"
    r"(?:\s?[/.:]\s?(?P<num>\d{1,6})|-(?P<serial>\d{3,6}))(?P<code>[.\-]\d{1,4})?(?![\w/])"
)
# Without series; only trusted after a "Dnr" label: "Dnr 2022/1011", "Dnr 191/2013".
# "2024-000123" is a records system's year and serial: three digits or more after the dash,
# where a date has two.
_YEAR_FIRST = re.compile(
    rf"(?<![\w/])(?P<year>{_YEAR})(?:\s?/\s?(?P<num>\d{{1,6}})|-(?P<serial>\d{{3,6}}))(?P<code>[.\-]\d{{1,4}})?(?![\w/])"
)
_NUM_FIRST = re.compile(rf"(?<![\w/])(?P<num>\d{{1,6}})\s?/\s?(?P<year>{_YEAR})(?![\w/])")
# The key itself, "KS-2024-46", or typed like it: "KS 2024-46", "ks2024-46".
_KEY_FORM = re.compile(rf"(?P<series>{_SERIES})[\s\-]?(?P<year>{_YEAR})-(?P<num>\d{{1,6}})")
# The key of a case printed without series, "2019-12"; typed, it would as likely be a month.
_BARE_KEY = re.compile(rf"(?P<year>{_YEAR})-(?P<num>\d{{1,6}})")
# What a case number is printed after: "Dnr KS 2024/12", "Ärendenummer: MHN 2024-118".
CASE_LABEL = re.compile(r"\b(?:dnr|diarienummer|diarienr|ärendenummer|ärendenr)\b\.?:?", re.I)
# Words that look like a series but are not one ("SFS 2018:1234" is a statute).
NOT_SERIES = {"SFS", "EU", "EG", "PBL", "KL", "LOU", "ISO", "SS", "EN", "SOU", "PROP", "DS"}


def is_not_series(code: str) -> bool:
    """Whether a code before a year names no body's series: a law or standard, or a statute
    book (författningssamling: "SOSFS 2011:9", "HSLF-FS 2016:40", "AFS 2020:1")."""
    code = code.upper()
    return code in NOT_SERIES or code.endswith("FS")


@dataclass(frozen=True)
class CaseNumber:
    printed: str
    key: str  # "KS-2022-1011"
    bare_key: str  # "2022-1011": what a case number printed without its series matches


def _make(series: str | None, year: str, num: str, printed: str) -> CaseNumber:
    bare = f"{year}-{int(num)}"
    key = f"{series.upper()}-{bare}" if series else bare
    return CaseNumber(printed=printed.strip(), key=key, bare_key=bare)


def find_case_numbers(text: str, *, labelled_only: bool = False) -> list[CaseNumber]:
    """Case numbers in `text`, in order, each once.

    Numbers with a series (`KS 2022/1011`) count anywhere; bare ones (`2022/1011`, `191/2013`)
    only right after a Dnr label, since elsewhere they are as likely to be a paragraph number
    (`§ 4/2014`) or a date fragment. With `labelled_only`, series numbers also need the label.
    """
    found: list[tuple[int, CaseNumber]] = []
    taken: list[tuple[int, int]] = []
    for m in _WITH_SERIES.finditer(text):
        labelled = _labelled(text, m.start())
        if is_not_series(m.group("series")) or _years(m) or (_short_year_span(m) and not labelled):
            continue
        if labelled_only and not labelled:
            continue
        found.append((m.start(), _make(m.group("series"), m.group("year"), _number(m), m.group(0))))
        taken.append(m.span())
    for m in _MIXED_SERIES.finditer(text):
        # "Rev 2024/5", "Ks 2019/12": a series in mixed case, trusted after a label or on a
        # line of its own, where "Budget 2024/25" would not stand.
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        alone = not text[line_start : m.start()].strip() and not text[m.end() : None if line_end < 0 else line_end].strip()
        if m.group("series").upper() in _LABELS or is_not_series(m.group("series")) or _school_year(m):
            continue
        if (alone or _labelled(text, m.start())) and not any(a <= m.start() < b for a, b in taken) and not _years(m):
            found.append((m.start(), _make(m.group("series"), m.group("year"), _number(m), m.group(0))))
            taken.append(m.span())
    for label in CASE_LABEL.finditer(text):
        rest = text[label.end() : label.end() + 40]
        rest = rest.split("\n", 1)[0]
        for pattern in (_YEAR_FIRST, _NUM_FIRST):
            m = pattern.match(rest.lstrip())
            if not m or _years(m):
                continue
            start = label.end() + (len(rest) - len(rest.lstrip())) + m.start()
            if any(a <= start < b for a, b in taken):
                break
            found.append((start, _make(None, m.group("year"), _number(m), m.group(0))))
            break
    found.sort(key=lambda item: item[0])
    seen: set[str] = set()
    result = []
    for _, case in found:
        if case.key not in seen:
            seen.add(case.key)
            result.append(case)
    return result


_LABELS = {"DNR", "DIARIENR", "NR", "ÄRENDE"}


def school_year(year: str, number: str) -> bool:
    """"2024/25", "2024/2025": a school or financial year, not case 25 of 2024."""
    return len(number) in (2, 4) and int(number) % 100 == (int(year) + 1) % 100


def plan_years(year: str, number: str) -> bool:
    """"2024-2026": the years of a plan, not serial 2026 of 2024."""
    return len(number) == 4 and 0 < int(number) - int(year) <= 10


def _short_year_span(m: re.Match) -> bool:
    """"BUDGET 2024-26": the years 2024 to 2026, unless written as a number ("KS-2024-26")."""
    serial = m.group("serial")
    if not serial or len(serial) != 2 or m.group("sep") == "-":
        return False
    return 0 < (int(serial) - int(m.group("year"))) % 100 <= 10


def _school_year(m: re.Match) -> bool:
    num = m.groupdict().get("num")
    return bool(num) and school_year(m.group("year"), num)


def _years(m: re.Match) -> bool:
    serial = m.groupdict().get("serial")
    return bool(serial) and plan_years(m.group("year"), serial)


def _number(m: re.Match) -> str:
    groups = m.groupdict()
    return groups.get("num") or groups["serial"]


def _labelled(text: str, start: int) -> bool:
    return bool(CASE_LABEL.search(text[max(0, start - 20) : start]))


def parse_case_number(text: str) -> CaseNumber | None:
    """One case number typed by a user, in any printed style, with or without "Dnr"."""
    text = text.strip()
    label = CASE_LABEL.match(text)
    if label:  # "Dnr 2022/1011": the label is not series DNR
        text = text[label.end() :].strip()
    m = _KEY_FORM.fullmatch(text.upper())
    if m:  # "KS-2024-46", the key itself, or "ks2024-46"
        return _make(m.group("series"), m.group("year"), m.group("num"), text)
    m = _WITH_SERIES.search(text.upper())
    if m:
        return _make(m.group("series"), m.group("year"), _number(m), text)
    for pattern in (_YEAR_FIRST, _NUM_FIRST):
        m = pattern.search(text)
        if m:
            return _make(None, m.group("year"), _number(m), text)
    return None


def parse_case_or_key(text: str) -> CaseNumber | None:
    """A typed case number, or a key as the index holds it: "KS-2024-46", or "2019-12" for a
    case printed "Dnr 2019/12", which `parse_case_number` does not take since typed alone it
    is a month."""
    case = parse_case_number(text)
    m = None if case else _BARE_KEY.fullmatch(text.strip())
    return _make(None, m.group("year"), m.group("num"), text) if m else case


def case_terms(case: CaseNumber) -> tuple[str, ...]:
    """Index terms for one printed case number: the full key and the series-less key."""
    return (case.key, case.bare_key) if case.key != case.bare_key else (case.key,)


def query_key(case: CaseNumber) -> str:
    """The single index term a typed case number must match."""
    return case.key
