"""Case numbers (diarienummer): find them as printed, normalise them for matching.

One matter keeps its case number across bodies, but every municipality (and every PDF-to-text
run) prints it differently: `KS-2022/1011.107`, `KS 2022/1011`, `Dnr KS 2022/1011-107`,
`KS.2022.1011`, `RS/2024:412`, `2022/1011`, `Dnr 191/2013`, and in older minutes `KS 06/45` and
`Dnr 2006.045`. The part after the number (".107", "-107") is a filing code and is dropped from
the key. A series may have two parts, a body and a sub-series: `SDN N 2025/0008` (a district
nämnd's), `KS AU 2024/12`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SERIES = r"[A-ZÅÄÖ]{1,6}"
# Every series starts with a capital. Said first, it lets the regular expression engine skip
# to the next capital instead of trying the whole pattern at every character of a text.
_CAPITAL = r"(?=[A-ZÅÄÖ])"
# The first part of a two-part series, "SDN N", "KS-AU": a code of two to four capitals and one
# space or dash, on the same line. Whether it joins is up to `_two_part`.
_LEAD = r"(?:(?P<lead>[A-ZÅÄÖ]{2,4})[ \-])?"
_YEAR = r"(?:19|20)\d\d"
# A serial after a dash: "KS 2019-00345", "KS-2025-3", "MHN 2024-77". A short one must not be
# part of a date ("KS 2024-03-12" cites a meeting) and has no leading zero ("2024-03" is a month).
_SERIAL = r"-(?P<serial>\d{3,6}|[1-9]\d?(?![.\-/:]?\d))"
# A filing code after the number, kept in the printed form and out of the key: "-107", ".041",
# or a code of the archive plan with up to three levels, "-1.4.1", ".3.1".
_CODE = r"(?P<code>[.\-]\d{1,4}(?:\.\d{1,4}){0,2})?"
# Series + year + number: "KS-2022/1011.107", "KS 2022/1011", "KU.2017.3", "BMN 2023:215",
# "RS/2024:412".
_WITH_SERIES = re.compile(
    rf"{_CAPITAL}(?<![\w/]){_LEAD}(?P<series>{_SERIES})(?P<sep>[\s.\-/]?)(?P<year>{_YEAR})"
    rf"(?:\s?[/.:]\s?(?P<num>\d{{1,6}})|{_SERIAL})"
    rf"{_CODE}(?![\w/])"
)
_MIXED_SERIES = re.compile(
    rf"{_CAPITAL}(?<![\w/])(?P<series>[A-ZÅÄÖ][a-zåäö]{{1,4}})[\s.\-]?(?P<year>{_YEAR})"
    rf"(?:\s?[/.:]\s?(?P<num>\d{{1,6}})|-(?P<serial>\d{{3,6}})){_CODE}(?![\w/])"
)
# Without series; only trusted after a "Dnr" label: "Dnr 2022/1011", "Dnr 191/2013".
# "2024-000123" is a records system's year and serial: three digits or more after the dash,
# where a date has two.
_YEAR_FIRST = re.compile(
    rf"(?<![\w/])(?P<year>{_YEAR})(?:\s?/\s?(?P<num>\d{{1,6}})|-(?P<serial>\d{{3,6}})){_CODE}(?![\w/])"
)
_NUM_FIRST = re.compile(rf"(?<![\w/])(?P<num>\d{{1,6}})\s?/\s?(?P<year>{_YEAR})(?![\w/])")
# "Dnr 2006.045": a year, a dot and a serial, read only after a label ("2006.045" alone may be a
# number). A third group makes it a date ("2006.03.27").
_YEAR_DOT = re.compile(rf"(?<![\w/.])(?P<year>{_YEAR})\.(?P<num>\d{{1,6}})(?![\w/]|[.\-]\d)")
# Two-digit years, as older minutes print them: "KS 06/45", "KS 05/402", "Dnr 06/45". They share
# the form of a paragraph cited with its year ("KS 107/16", "§ 63/20"), so one is read where no
# paragraph number would stand: after a label, or with the leading zero of 2000-2009, which
# no paragraph number is printed with. A digit group after it makes a date or something else.
_SHORT_YEAR = r"(?P<year>\d\d)/(?P<num>\d{1,6})(?![\w/]|[.,:\-]\d)"
_SHORT_WITH_SERIES = re.compile(rf"{_CAPITAL}(?<![\w/§]){_LEAD}(?P<series>{_SERIES})[\s\-]?{_SHORT_YEAR}")
_SHORT_YEAR_FIRST = re.compile(rf"(?<![\w/§.]){_SHORT_YEAR}")
# The key itself, "KS-2024-46", or typed like it: "KS 2024-46", "ks2024-46".
_KEY_FORM = re.compile(rf"(?P<series>{_SERIES})[\s\-]?(?P<year>{_YEAR})-(?P<num>\d{{1,6}})")
# The key of a case printed without series, "2019-12"; typed, it would as likely be a month.
_BARE_KEY = re.compile(rf"(?P<year>{_YEAR})-(?P<num>\d{{1,6}})")
# What a case number is printed after: "Dnr KS 2024/12", "Ärendenummer: MHN 2024-118".
CASE_LABEL = re.compile(r"(?=[dä])\b(?:dnr|diarienummer|diarienr|ärendenummer|ärendenr)\b\.?:?", re.I)
# Words that look like a series but are not one ("SFS 2018:1234" is a statute).
NOT_SERIES = {"SFS", "EU", "EG", "PBL", "KL", "LOU", "ISO", "SS", "EN", "SOU", "PROP", "DS"}
# Short words that stand before a case number in text set in capitals, a heading or a query
# ("OCH KS 2024/12", "SE KS 2024/12", "AND KS 2024/12"): never the first part of a series.
_NOT_LEADS = {
    "AV", "OCH", "SAMT", "TILL", "FRÅN", "FÖR", "MED", "UTAN", "MOT", "VID", "HOS", "PÅ",
    "OM", "ANG", "UR", "SE", "ÄVEN", "JFR", "ENL", "NR", "BET", "NY", "NYA", "NYTT", "SOM", "ÄR", "ÅR",
    "ETT", "DEN", "DET", "EJ", "INTE", "AND", "OR", "NOT", "THE", "OF", "FOR", "SEE", "TO", "IN",
    "ON", "AT", "BY", "RE", "NO", "CASE", "WITH", "FROM",
    # A company's form ends its name: "Sjöviks Hamn AB KS 2022/0388".
    "AB", "HB", "KB",
}


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


def _two_part(lead: str | None, series: str) -> bool:
    """Whether a code before a series is the series' first part ("SDN N", "KS AU") rather than a
    word, a label or a code of its own before it ("OCH KS", "DNR KS", "SS-EN", "KS KS")."""
    if not lead or len(series) > 4 or lead == series:
        return False
    return lead not in _NOT_LEADS and lead not in _LABELS and not CASE_LABEL.fullmatch(lead) and not is_not_series(lead)


def _series(m: re.Match) -> tuple[str, int]:
    """The series of a match and where its printed number starts: with its first part where it
    has two, "SDN N 2025/0008" of series SDNN, else from the series itself ("N 2025/0008")."""
    lead, series = m.group("lead"), m.group("series")
    if _two_part(lead, series):
        return lead + series, m.start()
    return series, m.start("series")


def _typed_series(text: str, m: re.Match) -> str:
    """The series of a match in `text`, matched in capitals: a first part counts where it was
    typed in capitals too, dashed to the series ("sdn-n") or first ("sdn n 2024/0191"), not
    as a word in lower case further on ("se även ks 2024/12")."""
    lead = m.group("lead")
    # Positions in the capitals are those typed unless upper() lengthened a letter ("ß").
    typed = text[m.start("lead") : m.end("lead")] if lead and len(text) == len(text.upper()) else ""
    if lead and not (typed.isupper() or m.string[m.end("lead")] == "-" or m.start() == 0):
        return m.group("series")
    return _series(m)[0]


def _make(series: str | None, year: str, num: str, printed: str) -> CaseNumber:
    # A two-part series is keyed as one word, "SDNN-2025-8": the key keeps its one shape,
    # series-year-number, that `_KEY_FORM` reads back, and "SDN N", "SDN-N", "SDNN" and
    # "KS AU", "KSAU" are typed for the same series.
    bare = f"{year}-{int(num)}"
    key = f"{series.upper()}-{bare}" if series else bare
    return CaseNumber(printed=printed.strip(), key=key, bare_key=bare)


def find_case_numbers(text: str, *, labelled_only: bool = False) -> list[CaseNumber]:
    """Case numbers in `text`, in order, each once.

    Numbers with a series (`KS 2022/1011`) count anywhere; bare ones (`2022/1011`, `191/2013`)
    only right after a Dnr label, since elsewhere they are as likely to be a paragraph number
    (`§ 4/2014`) or a date fragment; so are `Dnr 2006.045` and the two-digit years of older
    minutes (`KS 06/45`, see `_SHORT_YEAR`). With `labelled_only`, series numbers also need
    the label.
    """
    found: list[tuple[int, CaseNumber]] = []
    taken: list[tuple[int, int]] = []
    for m in _WITH_SERIES.finditer(text):
        series, start = _series(m)
        labelled = _labelled(text, start)
        if CASE_LABEL.fullmatch(m.group("series")) or is_not_series(m.group("series")) or _years(m):
            continue  # "DNR 2022/1011" is labelled, not of series DNR
        if _short_year_span(m) and not labelled:
            continue
        if labelled_only and not labelled:
            continue
        found.append((start, _make(series, m.group("year"), _number(m), text[start : m.end()])))
        taken.append((start, m.end()))
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
    for m in _SHORT_WITH_SERIES.finditer(text):
        start = _series(m)[1]
        if any(a <= start < b for a, b in taken) or labelled_only and not _labelled(text, start):
            continue
        case = _short_year_case(text, m)
        if case is not None:
            found.append((start, case))
            taken.append((start, m.end()))
    for label in CASE_LABEL.finditer(text):
        rest = text[label.end() : label.end() + 40].split("\n", 1)[0]
        gap = len(rest) - len(rest.lstrip())
        for pattern in (_YEAR_FIRST, _NUM_FIRST, _YEAR_DOT, _SHORT_YEAR_FIRST):
            m = pattern.match(rest, gap)
            if not m or _years(m) or pattern is _SHORT_YEAR_FIRST and not m.group("year").startswith("0"):
                continue  # "Dnr 12/16" may as well be case 12 of 2016
            start = label.end() + m.start()
            if any(a <= start < b for a, b in taken):
                break
            series, end = _trailing_series(rest, m) if pattern is not _SHORT_YEAR_FIRST else (None, m.end())
            found.append((start, _make(series, _full_year(m.group("year")), _number(m), rest[m.start() : end])))
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
# Some records systems print the series last: "Dnr 2023.188 KS", "Dnr 2024/112 SBN".
_SERIES_AFTER = re.compile(rf"[ \t]+(?P<series>{_SERIES})(?![\w/])")


def _trailing_series(text: str, m: re.Match) -> tuple[str | None, int]:
    """The series printed after a year-first number, and where the case number ends."""
    after = _SERIES_AFTER.match(text, m.end())
    if after is None:
        return None, m.end()
    series = after.group("series")
    if series in _LABELS or series in _NOT_LEADS or is_not_series(series):
        return None, m.end()
    return series, after.end()


def _short_year_case(text: str, m: re.Match) -> CaseNumber | None:
    """The case a two-digit year's number names ("KS 06/45", "Dnr KS 12/345"), if it is one."""
    (series, start), year, num = _series(m), m.group("year"), m.group("num")
    if m.group("series") in _LABELS or is_not_series(m.group("series")) or text[max(0, start - 3) : start].rstrip().endswith("§"):
        return None
    # Unlabelled, "KS 06/07" is as likely the school year 2006/07, and "KS 06/03" a meeting's
    # day and month: a serial is not printed with a leading zero in two digits.
    readable = year.startswith("0") and not school_year(year, num) and not (len(num) == 2 and num.startswith("0"))
    if not readable and not (_label_right_before(text, start) and _plausible_short_year(year)):
        return None
    return _make(series, _full_year(year), num, text[start : m.end()])


def _plausible_short_year(year: str) -> bool:
    """A two-digit year of minutes written on a computer: 1980-2039."""
    return int(year) >= 80 or int(year) <= 39


def _full_year(year: str) -> str:
    if len(year) == 4:
        return year
    return ("19" if int(year) >= 80 else "20") + year


def _label_right_before(text: str, start: int) -> bool:
    """Whether `start` directly follows a label ("Dnr: KS 12/345")."""
    return any(not text[label.end() : start].strip() for label in CASE_LABEL.finditer(text, max(0, start - 20), start))


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
    m = next((m for m in _WITH_SERIES.finditer(text.upper()) if not CASE_LABEL.fullmatch(m.group("series"))), None)
    if m:
        return _make(_typed_series(text, m), m.group("year"), _number(m), text)
    for pattern in (_YEAR_FIRST, _NUM_FIRST):
        m = pattern.search(text)
        if m:
            series = _trailing_series(text.upper(), m)[0] if pattern is _YEAR_FIRST else None
            return _make(series, m.group("year"), _number(m), text)
    # What the minutes print only after a label ("Dnr 2006.045", "Dnr KS 12/345") is read
    # back from the index as printed, without it; typed, it is the whole text.
    m = _YEAR_DOT.match(text)
    if m and (m.end() == len(text) or _trailing_series(text.upper(), m)[1] == len(text)):
        return _make(_trailing_series(text.upper(), m)[0], m.group("year"), m.group("num"), text)
    m = _SHORT_WITH_SERIES.fullmatch(text.upper())
    if m and _plausible_short_year(m.group("year")) and not (m.group("series") in _LABELS or is_not_series(m.group("series"))):
        return _make(_typed_series(text, m), _full_year(m.group("year")), m.group("num"), text)
    m = _SHORT_YEAR_FIRST.fullmatch(text)
    if m and m.group("year").startswith("0"):  # as `find_case_numbers` reads it
        return _make(None, _full_year(m.group("year")), m.group("num"), text)
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
