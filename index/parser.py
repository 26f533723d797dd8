"""Text of a protocol -> a `Meeting` with its `Paragraph`s.

Works on strings only (readers turn files into text). Pages are separated by form feeds, so a
paragraph knows its page span. The parser is forgiving by design: minutes arrive as PDF text
with lost § signs, wrapped titles and stray page furniture, and a paragraph heading must never
be lost; anything it cannot place stays in the paragraph's full text.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace

from . import bodies
from .analysis import is_everyday, is_known_word
from .bodies import Body
from .casenumber import CASE_LABEL, find_case_numbers
from .headings import match_heading, match_heading_read_as_s, match_item, section_kind
from .records import Ballot, Meeting, Motion, Paragraph, Vote
from .status import classify_decision, split_points
from .text import (
    SENTENCE_BREAK,
    SIGNATURE_BOX,
    repair_scan_digits,
    repair_scan_letters,
    strip_running_lines,
)

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan"),
            ("februari", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augusti", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-.](\d\d)[-.](\d\d)(?!\d)")
_LONG_DATE = re.compile(
    r"(?<!\d)(\d{1,2})(?:e|:e)?\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(r"sammanträdesdatum|sammanträdesdag|mötesdatum|^\s*datum\b", re.I)
_OTHER_DATE = re.compile(
    r"justering|anslag|publicera|tas\s+ned|nedtagande|överklag|tjänsteskrivelse|inkom|skrivelse|"
    r"protokollet\s+är|bevis|förvarings",
    re.I,
)

# A table-of-contents line: dot leaders or a wide gap before a page number.
_CONTENTS_ENTRY = re.compile(r"(?:\.{3,}|…+|\s{3,})\s*\d{1,3}\s*$")

_NOISE = re.compile(
    r"^\s*(?:sida\s+\d+\s*(?:\(\s*\d+\s*\)|av\s+\d+)?|\d+\s*\(\s*\d+\s*\)|\d+\s*/\s*\d+|"
    r"justerandes?\s+(?:signatur|sign)\.?|utdragsbestyrkande|"
    r"justerandes?\s+signatur\s+utdragsbestyrkande|"
    # A paragraph going on over a page: "Forts. § 56", "§ 56 forts.".
    r"forts(?:ättning)?\.?\s*(?:[A-ZÅÄÖa-zåäö]{1,6}\s*)?[§$]\s*\d{1,4}|(?:[A-ZÅÄÖa-zåäö]{1,6}\s*)?[§$]\s*\d{1,4}\s*[(\-–]?\s*forts(?:ättning)?\.?\)?)\s*$",
    re.I,
)

# The signature boxes printed under each paragraph of an extract, blanks to sign on and all:
# "Justerandes sign ______  Utdragsbestyrkande ______", perhaps with the page number.
_SIGNATURE_BOXES = re.compile(
    rf"^[\s_.…|/:]*(?:{SIGNATURE_BOX}[\s_.…|/:]*)+(?:sida\s+\d+\s*(?:\(\s*\d+\s*\)|av\s+\d+)?)?[\s_.…|/:]*$", re.I
)

# A sentence opening with a body's own decision: "Kf beslutar", "Kommunfullmäktige beslutade att",
# "Nämnden beslutar enligt"; not a proposal that it should ("Förvaltningen föreslår att nämnden
# beslutar"). Or with its own proposal, "Ks föreslår kommunfullmäktige besluta", when the one
# proposing is the body itself (see _own_formula), not its administration.
_OWN_DECISION = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:(?![^.]*\bföreslå)[A-ZÅÄÖ][\wåäö\-]*(?:\s+[\wåäö\-]+){0,2}?\s+beslut(?:ar|ade)\b|"
    r"(?P<proposer>[A-ZÅÄÖ][\wåäö\-]*(?:\s+[\wåäö\-]+){0,2}?)\s+föreslår\b)"
)
_ITSELF = re.compile(r"(?:nämnden|styrelsen|utskottet|arbetsutskottet|fullmäktige)", re.I)
# The statements minuted inside a paragraph, which terse minutes end with no heading after them.
_STATEMENTS = frozenset({"note"})

_PERSON = r"[A-ZÅÄÖÉ][\wåäöéü\-]+(?:\s+(?:af\s+|von\s+|de\s+)?[A-ZÅÄÖÉ][\wåäöéü\-]+){1,3}"
_PERSON_PARTY = re.compile(rf"(?P<person>{_PERSON})\s*\((?P<party>[A-ZÅÄÖ]{{1,3}})\)")
_MOVES = re.compile(r"\byrka(?:r|de)\b|\binstämmer\s+i\b", re.I)
_RESERVES = re.compile(r"\breserver(?:ar|ade)\s+sig\b", re.I)
_JAV = re.compile(r"\bjäv\b|\bjävig\b|deltar\s+inte\s+i\s+(?:handläggningen|beslutet)", re.I)
# "2 avstår", "och 2 som avstår", "2 ledamöter avstår", "2 nedlagda röster", "en ledamot avstår".
_NUMBER_WORDS = {w: i for i, w in enumerate("noll en två tre fyra fem sex sju åtta nio tio elva tolv".split())} | {"ett": 1}
# OCR and plain-ASCII text lose the å ("2 ledamöter avstar"); no other word is spelt so.
_ABSTAINS = r"(?:avst[åa]r|avstod|avst[åa]ende)"
_ABSTAIN = (r"(?<!\w)(?P<abstain>\d+|" + "|".join(_NUMBER_WORDS) + r")\s*(?:ledam(?:ot|öter)\s+)?(?:som\s+)?"
            rf"(?:{_ABSTAINS}|nedlagda)")
_VOTE_COUNTS = (
    # The voters may be named in brackets after each count: "4 ja-röster (Jenny Wall, ...)".
    re.compile(r"(?P<yes>\d+)\s*ja[\s\-]*(?:röster|röst)?\b(?:\s*\([^()]{0,400}\))?.{0,40}?(?P<no>\d+)\s*"
               rf"nej[\s\-]*(?:röster|röst)?(?:\s*\([^()]{{0,400}}\))?(?:.{{0,40}}?{_ABSTAIN})?",
               re.I | re.S),
    re.compile(r"\bja[\s\-]*(?:röster)?\s*[:=]?\s*(?P<yes>\d+).{0,40}?\bnej[\s\-]*(?:röster)?\s*[:=]?\s*"
               rf"(?P<no>\d+)(?:.{{0,40}}?\b{_ABSTAINS}\s*[:=]?\s*(?P<abstain>\d+))?",
               re.I | re.S),
    # "Med 8 röster mot 5 beslutar nämnden ...": the majority carried the decision, so its
    # votes are the yes votes.
    re.compile(rf"\bmed\s+(?P<yes>\d+)\s+röster(?:\s*\([^()]{{0,400}}\))?\s+mot\s+(?P<no>\d+)(?:\s+röster)?"
               rf"(?:\s*\([^()]{{0,400}}\))?(?:.{{0,40}}?{_ABSTAIN})?",
               re.I | re.S),
    # "6 röster för arbetsutskottets förslag och 5 röster för avslag": votes by what they were
    # for, the first proposal put (the yes side) first.
    re.compile(rf"\b(?P<yes>\d+)\s+röst(?:er)?\s+för\s+[^.;]{{1,80}}?\s+och\s+(?P<no>\d+)\s+röst(?:er)?\s+för\b"
               rf"(?:[^.]{{0,60}}?{_ABSTAIN})?",
               re.I | re.S),
)
# "... mot 3 nej-röster beslutar nämnden att bifalla förslaget. 1 ledamot avstår."
_ABSTAIN_AFTER = re.compile(rf"^(?:och\s+)?{_ABSTAIN}\b", re.I)
# "Roland Vik (SD) och Jan Strid (SD) avstår (från att rösta)": abstainers by name.
_NAMED_ABSTAIN = re.compile(rf"^(?P<names>(?:{_PERSON}\s*\([A-ZÅÄÖ]{{1,3}}\)(?:\s*,\s*|\s+och\s+)?)+)\s*{_ABSTAINS}\b")
_SUM_ROW = re.compile(r"^(?:summa|totalt|total|antal|resultat)\b", re.I)
_VOTE_CELL = re.compile(r"(?:^|\|)\s*(ja|nej|avstår|x)\s*(?=\||$)", re.I | re.M)


@dataclass(frozen=True)
class _Line:
    text: str
    page: int


@dataclass(frozen=True)
class _Heading:
    index: int  # line index
    printed: str
    number: str
    prefix: str | None
    rest: str


def parse_protocol(text: str, source: str = "") -> Meeting:
    """Parse the text of one protocol (or protocol extract) into a `Meeting`."""
    text = repair_scan_digits(repair_scan_letters(text, is_known_word))
    lines = _lines(text)
    headings = _paragraph_headings(lines)
    headings, starts = _titles_before(lines, headings)
    header_end = starts[0] if headings else min(len(lines), 60)
    header = [line.text for line in lines[:header_end]]
    body = _meeting_body(header, headings, lines)
    paragraphs = []
    for i, heading in enumerate(headings):
        end = starts[i + 1] if i + 1 < len(headings) else _closing(lines, heading.index + 1)
        own = [ln for ln in lines[heading.index + 1 : end] if not _repeats(ln.text, heading)]
        paragraphs.append(_parse_paragraph(heading, own, lines[heading.index].page, body))
    return Meeting(
        body=body.name if body else "",
        body_code=body.code if body else "",
        meeting_date=(
            _meeting_date(header, strong=True)
            # An extract without its front page: the file's name says more than any date
            # in the text (an application's, a rule's start) can.
            or _date_in_name(source)
            or _meeting_date(header)
            or _meeting_date([ln.text for ln in lines[:200]])
        ),
        source=source,
        municipality=_municipality(header) or _municipality_named(text),
        paragraphs=tuple(paragraphs),
    )


def _repeats(text: str, heading: _Heading) -> bool:
    """A heading printed again where its paragraph goes on over a page."""
    again = match_heading(text) if "§" in text or "$" in text or "aragraf" in text else None
    return again is not None and str(int(again[1])) == heading.number


def _titles_before(lines: list[_Line], headings: list[_Heading]) -> tuple[list[_Heading], list[int]]:
    """Headings with their titles, and the line each paragraph starts at.

    Some minutes print the title above the § ("Val av justerare" / "§ 7" / "Revisorerna
    utser ..."): a layout of the whole document, taken when most bare § lines stand under a
    title-like line and over no title (a section heading or a sentence, after any case number). Each title then moves from the end of the paragraph before to its own."""
    starts = [h.index for h in headings]
    # "§ 41      Dnr KUN 2025/0041" is as bare: a case number is no title.
    bare = [h for h in headings if not h.rest or _is_case_line(h.rest)]
    if len(bare) < 2:
        return headings, starts

    def near(index: int, step: int) -> int | None:
        i = index + step
        while 0 <= i < len(lines) and not lines[i].text.strip():
            i += step
        return i if 0 <= i < len(lines) else None

    def title_like(text: str) -> bool:
        text = text.strip()
        return (
            bool(text) and text[0].isupper() and not text.endswith((".", ":", ",")) and len(text) <= 120
            and section_kind(text) is None and not _is_case_line(text) and match_heading(text) is None
        )

    def no_title_below(index: int) -> bool:
        after = near(index, 1)
        while after is not None and _is_case_line(lines[after].text):
            after = near(after, 1)  # "Dnr KS 2024/5" may stand above a title as well as alone
        if after is None:
            return False
        text = lines[after].text.strip()
        return section_kind(text) is not None or text.endswith(".")

    above = {}
    for h in bare:
        before = near(h.index, -1)
        if before is not None and title_like(lines[before].text) and no_title_below(h.index):
            above[h.index] = before
    if len(above) < max(2, 2 * len(bare) // 3):
        return headings, starts
    moved = []
    for i, h in enumerate(headings):
        if h.index in above:
            starts[i] = above[h.index]
            # The case number stays with the title, as where both follow the §.
            h = replace(h, rest=f"{lines[above[h.index]].text.strip()}   {h.rest}".rstrip())
        moved.append(h)
    return moved, starts


# What follows the last paragraph when the signatures and the notice of posting are printed
# at the end: "Vid protokollet", "Sekreterare: ...", "Anslag/bevis".
_CLOSING = re.compile(
    r"^\W*(?:vid\s+protokollet|underskrifter|anslag\s*/\s*bevis|anslagsbevis|protokollet\s+är\s+justerat|"
    r"sekreterare\s*(?::|$|\.{3,}|_{3,}))",
    re.I,
)


def _closing(lines: list[_Line], start: int) -> int:
    """Where the last paragraph ends: at the protocol's closing block, if it has one. A
    "Sekreterare:" line alone may be an election's ("Sekreterare: Bo Ek, valkansliet"): it
    closes the protocol when the chairman's or the adjusters' signature follows it."""
    for i in range(start, len(lines)):
        m = _CLOSING.match(lines[i].text)
        if not m:
            continue
        if not lines[i].text.strip().lower().startswith("sekreterare"):
            return i
        following = [ln.text for ln in lines[i + 1 : i + 8] if ln.text.strip()][:4]
        if any(_SIGNED.match(text) for text in following):
            return i
    return len(lines)


_SIGNED = re.compile(
    r"^\W*(?:(?i:ordförande|justerare|justerande|justeras)\s*(?::|\.{3,}|_{3,}|…|$|\s{2,}|\s+[A-ZÅÄÖ])|(?i:anslag)\b)"
)


def parse_unnumbered(text: str, source: str = "") -> Meeting:
    """A file with no paragraph headings at all: one unnumbered paragraph holding everything."""
    text = repair_scan_letters(text, is_known_word)
    meeting = parse_protocol(text, source)
    lines = _lines(text)
    content = [ln for ln in lines if ln.text.strip()]
    # The protocol's own header (body, date, "Sammanträdesprotokoll") is not the title.
    while content and _is_meta_line(content[0].text):
        content = content[1:]
    if not content:
        return meeting
    lines = lines[lines.index(content[0]) :]
    pseudo = _Heading(index=-1, printed="", number="", prefix=None, rest="")
    paragraph = _parse_paragraph(pseudo, lines, content[0].page, bodies.resolve_body(meeting.body_code or ""))
    return Meeting(
        body=meeting.body,
        body_code=meeting.body_code,
        meeting_date=meeting.meeting_date,
        source=source,
        municipality=meeting.municipality,
        paragraphs=(paragraph,),
    )


def _is_meta_line(text: str) -> bool:
    stripped = text.strip()
    if len(stripped) > 80:
        return False
    found = bodies.find_bodies(stripped)
    if found and found[0][0] <= 2 and len(stripped) <= 40:
        return True
    if parse_date(stripped) and len(re.sub(r"[\d\s\-.:]", "", stripped)) <= 20:
        return True
    return bool(re.search(r"protokoll|\bkommun$|\bstad$", stripped, re.I)) and len(stripped.split()) <= 4


# -- lines and page furniture ------------------------------------------------------------------


# UTF-8 read as Windows-1252 ("Â§", "Ã¤", "â€“"): a lead byte, then continuation bytes as
# cp1252 shows them. Each run is mended on its own, so one bad byte spoils nothing around it.
_CP1252_CONT = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df][{_CP1252_CONT}]|[\u00e0-\u00ef][{_CP1252_CONT}]{{2}}")


def repair_mojibake(text: str) -> str:
    """Mend UTF-8 text that was decoded as Windows-1252 somewhere upstream.

    >>> repair_mojibake("Â§ 21 VÃ¤nort")
    '§ 21 Vänort'
    """

    def mend(m: re.Match) -> str:
        try:
            return m.group(0).encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return m.group(0)

    return _MOJIBAKE.sub(mend, text)


def _lines(text: str) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", repair_mojibake(text))
    pages = text.split("\f")
    if len(pages) > 1:
        pages = strip_running_lines(pages)
    out: list[_Line] = []
    for page_no, page in enumerate(pages, start=1):
        for raw in page.split("\n"):
            line = _clean_line(raw)
            if line is None:
                continue
            out.append(_Line(line, page_no))
    if any(_field_row(line.text, "heading") for line in out):
        out = [_Line(text, line.page) for line in out if (text := _as_field(line.text)) is not None]
    return out


# A records system's export gives each paragraph a table of fields, a row each: "Paragraf |
# § 71", "Ärendemening | Motion om solceller", "Diarienummer | KS 2022/0415", "Sekretess | Nej".
_FIELD_ROW = re.compile(r"^\|?\s*(?P<label>[^\W\d_][\w .]{0,28}?|§)\s*:?\s*\|\s*(?P<value>[^|]*?)\s*\|?$")
_FIELDS = {
    "paragraf": "heading", "paragrafnummer": "heading", "paragraf nr": "heading", "§": "heading",
    "ärendemening": "title", "ärenderubrik": "title", "rubrik": "title", "ärende": "title", "titel": "title",
    "diarienummer": "case", "dnr": "case", "ärendenummer": "case", "diarienr": "case",
    # The meeting's and the system's own fields: no part of the matter.
    "sammanträde": "meta", "sammanträdesdatum": "meta", "sekretess": "meta", "handläggare": "meta",
    "beslutsinstans": "meta", "instans": "meta", "beslutsdatum": "meta", "protokollsid": "meta",
}
_FIELD_NUMBER = re.compile(r"§?\s*(\d{1,4})")


def _field_row(line: str, kind: str | None = None) -> re.Match | None:
    """A row of such a table, of a field of `kind` if given (a heading's with its number)."""
    m = _FIELD_ROW.match(line) if "|" in line else None
    if m is None or _FIELDS.get(m.group("label").lower()) is None:
        return None
    if kind is not None and _FIELDS[m.group("label").lower()] != kind:
        return None
    if _FIELDS[m.group("label").lower()] == "heading" and not _FIELD_NUMBER.fullmatch(m.group("value")):
        return None
    return m


def _as_field(line: str) -> str | None:
    """A field row as the minutes' own lines would print it: "§ 71", the title, "Dnr KS
    2022/0415"; None for the system's fields. Other lines as they are."""
    m = _field_row(line)
    if m is None:
        return line
    kind, value = _FIELDS[m.group("label").lower()], m.group("value")
    if kind == "heading":
        return f"§ {_FIELD_NUMBER.fullmatch(value).group(1)}"
    if kind == "meta" or not value:
        return None
    return value if kind == "title" else f"Dnr {value}"


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)")
_RULE = re.compile(r"[-=_*]{3,}")
_SCRIBBLE_CHARS = re.compile(r"[~!\\|^`{}<>/]")
_LOOSE_SLASH = re.compile(r"(?<!\d)/|/(?!\d)")
_TABLE_ODD = re.compile(r"[~!\\^`{}<>]")
_ODD_CHARS = re.compile(r"[~!\\|^`{}<>]")
_SPACES = re.compile(r"[ \u00a0]{2,}")


def _clean_line(raw: str) -> str | None:
    """The line without markup and control characters, or None for page furniture."""
    # Most lines are plain text: the checks below run only where their characters occur.
    line = raw if raw.isprintable() else "".join(ch if ch.isprintable() or ch == "\t" else " " for ch in raw)
    if "#" in line:
        line = _MD_HEADING.sub("", line)
    if "*" in line or "_" in line:
        line = _EMPHASIS.sub("", line)
    line = line.replace("\t", " ").rstrip()
    stripped = line.strip()
    if _RULE.fullmatch(stripped):
        return ""
    if _NOISE.match(stripped) or _is_scribble(stripped) or _SIGNATURE_BOXES.match(stripped):
        return None
    return line


def _is_scribble(line: str) -> bool:
    """Signatures read by OCR/PDF-to-text as noise, e.g. '//~ns~!~~'."""
    if not _SCRIBBLE_CHARS.search(line) or _is_table_row(line):
        return False
    dense = "".join(line.split())
    if len(dense) < 4:
        return False
    odd = len(_ODD_CHARS.findall(dense)) + len(_LOOSE_SLASH.findall(dense))
    if odd < 2:  # a case number's or a date's slash is no scribble
        return False
    letters = sum(ch.isalnum() for ch in dense)
    return letters < len(dense) * 0.5 or (odd >= 3 and letters <= len(dense) * 0.6)


def _is_table_row(line: str) -> bool:
    """'MP |  |  | 2', '| V | | | 2 |': a vote table's row is mostly pipes and empty cells, so by
    its characters alone it looks like a scribble; its cells hold words or numbers, never the
    tildes and brackets of one."""
    if line.count("|") < 2 or _TABLE_ODD.search(line):
        return False
    return any(re.search(r"\w", cell) for cell in line.split("|"))


# -- paragraph headings ------------------------------------------------------------------------


def _paragraph_headings(lines: list[_Line]) -> list[_Heading]:
    """The headings a protocol's paragraphs start at, in document order."""
    headings = _select_headings(lines, _heading_candidates(lines, match_heading))
    before = headings[0].index if headings else min(len(lines), 60)
    headings = _carry_on(headings, _heading_candidates(lines, match_heading_read_as_s), _paragraph_range(lines[:before]))
    if headings:
        return headings
    # No § at all: minutes that number their matters as items, when at least two items do.
    items = _select_headings(lines, _heading_candidates(lines, match_item))
    return items if len(items) >= 2 else []


def _heading_candidates(lines: list[_Line], match=match_heading) -> list[_Heading]:
    found = []
    for index, line in enumerate(lines):
        heading = match(line.text)
        if heading is not None:
            found.append(_Heading(index, *heading))
    return found


def _carry_on(
    headings: list[_Heading], uncertain: list[_Heading], numbered: tuple[int, int] | None
) -> list[_Heading]:
    """The headings with each uncertain one ("S 43", the § sign as OCR read it) that carries on
    their numbering: the number after the heading before it, or the first of the front page's
    "Paragrafer 41-45" when none is before it, below the number of the heading after it and
    within the front page's range. A number a real heading has is never taken twice, so "S 12"
    in a list of seats is no § 12."""
    first, last = numbered or (None, None)
    taken = {h.number for h in headings}
    out = list(headings)
    lines = [h.index for h in out]
    for cand in uncertain:
        if cand.number in taken:
            continue
        at = bisect.bisect_left(lines, cand.index)
        wanted = int(out[at - 1].number) + 1 if at else first
        if int(cand.number) != wanted or (at < len(out) and int(out[at].number) <= wanted) or (last and wanted > last):
            continue
        out.insert(at, cand)
        lines.insert(at, cand.index)
        taken.add(cand.number)
    return out


_PARAGRAPH_RANGE = re.compile(r"\bparagrafer\s*:?\s*(?:§§?\s*)?(\d{1,4})\s*[-–]\s*(\d{1,4})\b", re.I)


def _paragraph_range(header: list[_Line]) -> tuple[int, int] | None:
    """The first and last paragraph numbers as the front page gives them: "Paragrafer 41-45",
    "Paragrafer §§ 12-15"."""
    for line in header:
        m = _PARAGRAPH_RANGE.search(line.text)
        if m and int(m.group(1)) <= int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
    return None


def _select_headings(lines: list[_Line], candidates: list[_Heading]) -> list[_Heading]:
    """Real headings among the candidates: one per number, in increasing order.

    A table of contents repeats every heading with almost nothing under it, so when a number
    occurs twice the occurrence with more text under it wins; a stray "§ 3" from a reference
    that wrapped to a line start breaks the increasing order and is dropped.
    """
    if not candidates:
        return []
    sizes = {}
    for i, cand in enumerate(candidates):
        end = candidates[i + 1].index if i + 1 < len(candidates) else len(lines)
        sizes[cand.index] = sum(len(line.text) for line in lines[cand.index + 1 : end])
    # "... den 28 januari 2006," / "§ 110. En enkät visar ...": a sentence citing a paragraph,
    # wrapped to the line start, is no heading.
    candidates = [cand for cand in candidates if not _wrapped_reference(lines, cand.index)]
    if not candidates:
        return []
    best: dict[str, _Heading] = {}
    for cand in candidates:
        kept = best.get(cand.number)
        if kept is None or _rank_duplicate(cand, sizes) > _rank_duplicate(kept, sizes):
            best[cand.number] = cand
    chosen = sorted(best.values(), key=lambda h: h.index)
    return _longest_increasing(chosen)


_SUBSTANCE = 40  # characters under a heading: more than a contents line's nothing


def _rank_duplicate(heading: _Heading, sizes: dict[int, int]) -> tuple[bool, bool, int]:
    """Which of two headings with one number is the real one. A table of contents repeats
    every heading with almost nothing under it: not a contents line, and text under it. Of
    two with text, the first: a paragraph going on over a page may repeat its heading there
    ("§ 143 Mål och budget", "§ 143 forts."), and its beginning is under the first."""
    contents_line = bool(_CONTENTS_ENTRY.search(heading.rest))
    substantial = sizes[heading.index] >= _SUBSTANCE
    return (not contents_line, substantial, -heading.index if substantial else sizes[heading.index])


# "§ 110. En enkät ...": a § and a full stop, as a sentence citing a paragraph goes on.
_DOTTED = re.compile(r"^\W*(?:[A-ZÅÄÖ]{1,6}\s*)?§\s*\d{1,4}\.\s")


def _wrapped_reference(lines: list[_Line], index: int) -> bool:
    """Whether the line at `index` is a sentence's "§ 110." wrapped to the line start: the
    line before it breaks off mid-sentence, after a comma, or in a word in lower case at the
    end of a full line of running text (a short one may be a list, "Kommunstyrelsen,
    Ekonomiavdelningen", ending where a paragraph does)."""
    if not index or not _DOTTED.match(lines[index].text):
        return False
    before = lines[index - 1].text.rstrip()
    return before.endswith(",") or (len(before) >= _FULL_LINE and before[-1:] in _LOWER)


_FULL_LINE = 50
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyzåäöé")


def _longest_increasing(headings: list[_Heading]) -> list[_Heading]:
    """The longest run of headings whose numbers increase, in document order."""
    n = len(headings)
    length = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if int(headings[j].number) < int(headings[i].number) and length[j] + 1 > length[i]:
                length[i] = length[j] + 1
                prev[i] = j
    i = max(range(n), key=lambda k: length[k])
    out = []
    while i != -1:
        out.append(headings[i])
        i = prev[i]
    return out[::-1]


# -- meeting metadata --------------------------------------------------------------------------


def _meeting_body(header: list[str], headings: list[_Heading], lines: list[_Line]) -> Body | None:
    # A line that is only a body's name is the protocol's title; a body merely mentioned
    # ("kommunstyrelsens ordförande") in a member list is not.
    for text in header:
        stripped = text.strip()
        found = bodies.find_bodies(stripped)
        if found and len(stripped) <= 80 and found[0][0] <= 2:
            return found[0][1]
    for heading in headings:
        if heading.prefix and heading.prefix != "AU":
            body = bodies.resolve_body(heading.prefix)
            if body is not None:
                return body
    if headings and headings[0].prefix == "AU":
        # "AU § 12" is the arbetsutskott the letterhead names: a region's or a nämnd's, if so.
        named = [body for _, body in bodies.find_bodies("\n".join(header)) if body.code.endswith("AU")]
        return named[0] if named else bodies.KSAU
    found = bodies.find_bodies("\n".join(header))
    if found:
        return found[0][1]
    for line in lines[:80]:
        m = re.match(r"^\s*(.{3,80}?)\s+(?:beslutar|beslöt|föreslår|överlämnar)\b", line.text)
        if m:
            body = bodies.find_body(m.group(1))
            if body is not None:
                return body
    return None


def parse_date(text: str) -> dt.date | None:
    """The first date in `text`, ISO ("2024-02-21") or Swedish ("21 februari 2024")."""
    candidates = []
    for m in _ISO_DATE.finditer(text):
        candidates.append((m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in _LONG_DATE.finditer(text):
        candidates.append((m.start(), int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))))
    for _, year, month, day in sorted(candidates):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")


def _date_in_name(source: str) -> dt.date | None:
    """A date in a file's name: "ekbacka-ks-2024-05-20-utdrag.txt", "KS_20240520.pdf"."""
    name = source.rsplit("/", 1)[-1]
    for m in _NAME_DATE.finditer(name):
        with contextlib.suppress(ValueError):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def _meeting_date(header: list[str], strong: bool = False) -> dt.date | None:
    """The meeting's date among the dates of a front page.

    Front pages also carry the date of justering, of the notice and of documents, so a date
    under a "Sammanträdesdatum" label wins, then a line that is only a date, then the date in
    "Plats och tid", then (unless `strong`) the first date on a line that is not about those
    other events.
    """
    lines = [text.strip() for text in header]
    for i, text in enumerate(lines):
        if _DATE_LABEL.search(text) and not _OTHER_DATE.search(text):
            found = parse_date(text) or parse_date(" ".join(lines[i + 1 : i + 3]))
            if found:
                return found
    for text in lines:
        if parse_date(text) and len(_ISO_DATE.sub("", _LONG_DATE.sub("", text)).strip(" ,.:-|")) <= 12:
            return parse_date(text)
    for text in lines:
        if re.search(r"plats\s+och\s+tid", text, re.I) and not _OTHER_DATE.search(text):
            found = parse_date(text)
            if found:
                return found
    if strong:
        return None
    for text in lines:
        if not _OTHER_DATE.search(text):
            found = parse_date(text)
            if found:
                return found
    return None


def _municipality(header: list[str]) -> str | None:
    for text in header[:40]:
        m = re.match(r"^\s*((?:[A-ZÅÄÖ][\wåäöé\-]+\s){1,3}(?:kommun|stad|kommunförbund))\b", text + " ")
        if m and len(text.strip()) <= 100:
            return m.group(1).strip()
        # A letterhead in capitals: "TALLÅSENS KOMMUN".
        m = re.match(r"^\s*((?:[A-ZÅÄÖÉ][A-ZÅÄÖÉ\-]+\s){1,3})(KOMMUN|STAD|KOMMUNFÖRBUND)\b", text + " ")
        if m and len(text.strip()) <= 100:
            name = " ".join("-".join(part.capitalize() for part in word.split("-")) for word in m.group(1).split())
            return f"{name} {m.group(2).lower()}"
        m = re.match(r"^\s*(Region\s+[A-ZÅÄÖ][\wåäöé\-]+)\b", text)
        if m:
            return m.group(1)
        m = re.match(r"^\s*REGION\s+([A-ZÅÄÖÉ][A-ZÅÄÖÉ\-]+)\b", text)  # "REGION NORRHAV"
        if m:
            return "Region " + "-".join(part.capitalize() for part in m.group(1).split("-"))
    return None


def _municipality_named(text: str) -> str | None:
    """For an extract without a front page: the municipality the text names most often."""
    counts: dict[str, int] = {}
    for m in re.finditer(r"\b([A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?) (kommun)s?\b", text[:20000]):
        name = f"{m.group(1)} {m.group(2)}"
        counts[name] = counts.get(name, 0) + 1
    for m in re.finditer(r"\bRegion ([A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?)\b", text[:20000]):
        name = f"Region {m.group(1)}"
        counts[name] = counts.get(name, 0) + 1
    for name in [n for n in counts if n.startswith("Region ") and n.endswith("s") and n[:-1] in counts]:
        counts[name[:-1]] += counts.pop(name)  # "Region Norrhavs budget" is Region Norrhav's
    if not counts:
        return None
    return max(counts.items(), key=lambda item: item[1])[0]


# -- one paragraph -----------------------------------------------------------------------------


def _parse_paragraph(heading: _Heading, lines: list[_Line], first_page: int, body: Body | None) -> Paragraph:
    content = [ln for ln in lines if ln.text.strip()]
    pages = [first_page] + [ln.page for ln in content]

    # Title and case numbers come first: on the heading line and the lines before the first
    # section heading. Case numbers are only read there, not from references in the text.
    preamble: list[str] = []
    sections: list[tuple[str, str, list[str]]] = []  # (kind, heading text, lines)
    kinds = [section_kind(line.text) for line in lines]
    for line, kind in zip(lines, kinds, strict=True):
        if kind is not None:
            sections.append((kind[0], line.text.strip(), [kind[1]] if kind[1] else []))
        elif sections and sections[-1][0] in _STATEMENTS and _opens_own_formula(line.text, body):
            # Terse minutes go on from a "Jäv" or a protokollsanteckning to the body's decision
            # ("Ks föreslår kommunfullmäktige besluta") with no heading: the statement ends there.
            sections.append(("decision", "", [line.text]))
        elif sections:
            sections[-1][2].append(line.text)
        else:
            preamble.append(line.text)

    case_numbers = find_case_numbers(heading.rest + "\n" + "\n".join(preamble[:12]))
    title, intro = _title(heading.rest, preamble)

    def joined(kind: str) -> str:
        return _join_blocks([_join(sec[2]) for sec in sections if sec[0] == kind])

    decision_heading, decision = _decision_block(sections, intro)
    if not decision_heading:
        # Terse minutes with no headings tell the matter, the motions and the vote before the
        # body's own formula ("Kf beslutar att förvärva ..."): the decision starts there, not
        # at an "yrkar avslag" before it.
        formula = _own_formula(decision, body)
        if formula and formula.start() > 0:
            decision = decision[formula.start() :]
    status = classify_decision(decision, body, decision_heading)
    if not decision_heading and decision:
        # No decision heading: the decision is the text's first sentence when that says one
        # ("Nämnden lägger redovisningen till handlingarna."), not whatever the list of
        # delegated decisions below it holds ("Avslag", "Beviljas").
        first = classify_decision(_sentences(decision)[0], body)
        if first.status != "unknown":
            status = first
    if status.status == "unknown" and intro and intro != decision:
        status = classify_decision(intro, body)
    full_lines = [heading.printed + (" " + heading.rest if heading.rest else ""), ""]
    for line, kind in zip(lines, kinds, strict=True):
        # Section headings stand as blocks of their own, so they never run into the text.
        full_lines.extend(["", line.text, ""] if kind else [line.text])
    full_text = _join(full_lines)
    return Paragraph(
        number=heading.printed,
        number_norm=heading.number,
        title=title,
        case_numbers=tuple(c.printed for c in case_numbers),
        case_keys=tuple(c.key for c in case_numbers),
        # The decision, the votes' sentences and the full text keep the document's spacing:
        # answers find a vote's sentence and the decision's lines in the text, and a followed
        # matter's fingerprint is taken from it. The fields shown on their own are single-spaced.
        decision=decision,
        decision_points=tuple(_single_spaced(point) for point in split_points(decision)),
        summary=_single_spaced(joined("summary")),
        deliberation=_single_spaced(_join_blocks([joined("deliberation"), joined("propositions")])),
        motions=tuple(
            Motion(_single_spaced(m.person), m.party, _single_spaced(m.text)) for m in _motions(full_text)
        ),
        votes=_with_ballots(_votes(joined("vote") or full_text, joined("vote")), _roll_call(sections, full_text)),
        reservations=tuple(_single_spaced(r) for r in _reservations(joined("reservation"), full_text)),
        notes=tuple(
            _single_spaced(n) for n in _notes([_join(content) for kind, _, content in sections if kind == "note"], full_text)
        ),
        recipients=tuple(
            _single_spaced(r) for r in _recipients([ln for sec in sections if sec[0] == "recipients" for ln in sec[2]])
        ),
        page_start=first_page,
        page_end=max(pages),
        text=full_text,
        status=status.status,
        next_body=status.next_body,
        status_phrase=_single_spaced(status.phrase),
    )


def _own_formula(text: str, body: Body | None) -> re.Match | None:
    """The first sentence of `text` that opens with the body's own decision or proposal."""
    for m in _OWN_DECISION.finditer(text):
        if m.group("proposer") is None or _is_itself(m.group("proposer"), body):
            return m
    return None


def _opens_own_formula(line: str, body: Body | None) -> bool:
    formula = _own_formula(line.strip(), body)
    return formula is not None and formula.start() == 0


def _is_itself(name: str, body: Body | None) -> bool:
    """Whether `name` is the body whose minutes these are: "Nämnden", its name, or its short
    name as terse minutes print it ("Ks", "Bun")."""
    if _ITSELF.fullmatch(name):
        return True
    named = bodies.resolve_body(name)
    return named is not None and body is not None and bodies.same_body(named, body)


def members_named(text: str) -> tuple[tuple[str, str], ...]:
    """The people a text names with their party, as the minutes write members: "Birgitta
    Strand (S) anmäler jäv" names ("Birgitta Strand", "S")."""
    return tuple((_single_spaced(m.group("person")), m.group("party")) for m in _PERSON_PARTY.finditer(text))


def _single_spaced(text: str) -> str:
    """Justified PDF text spreads words apart ("Mikael  Söder  (M)"); one space is what was meant."""
    return _SPACES.sub(" ", text)


# A meetings system's item number beside the §: "§ 141      Ärende 1", "§ 12  Punkt 3".
_ITEM_LABEL = re.compile(r"^\s*(?:ärende|punkt|dagordningspunkt)\s*(?:nr\.?\s*)?\d{1,3}\b\s*[:.\-–]?\s*", re.I)


def _title(rest: str, preamble: list[str]) -> tuple[str, str]:
    """The matter's title and any running text before the first section heading."""
    rest = _ITEM_LABEL.sub("", _strip_case_label(rest).strip(" -–:\t|")).strip(" -–:\t|")
    blocks: list[list[str]] = [[]]
    for line in preamble:
        if not line.strip():
            if blocks[-1]:
                blocks.append([])
            continue
        if _is_case_line(line):
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line.strip())
    blocks = [b for b in blocks if b]
    if rest:
        # A title on the heading line may wrap onto the next line.
        if (
            blocks
            and len(blocks[0]) <= 2
            and not _looks_like_sentence(" ".join(blocks[0]))
            and not _starts_text(blocks[0][0])
            and len(rest) > 40
        ):
            title = rest + " " + " ".join(blocks[0])
            blocks = blocks[1:]
        else:
            title = rest
    elif blocks:
        first = blocks[0]
        take = 1
        while take < min(len(first), 3) and _wraps(first[take - 1], first[take]):
            take += 1
        title = " ".join(first[:take])
        remainder = first[take:]
        blocks = ([remainder] if remainder else []) + blocks[1:]
    else:
        title = ""
    intro = _join_blocks([_join(b) for b in blocks])
    return re.sub(r"\s+", " ", title).strip(), intro


# Words a title cannot end on: a line ending on one wraps, whatever the next line begins with.
_DANGLING = frozenset("och eller samt i på om för till med av vid från mot över under inom enligt mellan hos inför efter genom – -".split())


def _wraps(line: str, following: str) -> bool:
    """Whether a title's line goes on on the next one. A narrow column wraps short lines, so
    a next line going on in lower case ("hjälpmedelsverksamhet med ...") does whatever the
    length, and so does any after a word no title ends on ("mellan") or an open bracket. One
    in capitals does after a long line if it begins with a name ("Tallvallen i Norrmo");
    "Sekretess enligt OSL" under a title is a line of its own."""
    last = line.split()[-1]
    # "m.fl." and "(f.d." end in a point but end no sentence; an open bracket goes on.
    if (line.endswith(".") and "." not in last[:-1]) or _starts_text(following):
        return False
    first = following.split()[0]
    if first[:1].islower() or last.lower() in _DANGLING or line.count("(") > line.count(")"):
        return True
    return len(line) > 45 and (not first[:1].isupper() or not is_everyday(first.lower()))


def _strip_case_label(text: str) -> str:
    text = CASE_LABEL.split(text, maxsplit=1)[0]
    for case in find_case_numbers(text):
        text = text.replace(case.printed, "")
    # "Tillsynsplan 2024 (MHN 2024/12)": the brackets go with the number.
    return _EMPTY_BRACKETS.sub("", text)


_EMPTY_BRACKETS = re.compile(r"\s*[(\[]\s*[)\]]")


def _is_case_line(line: str) -> bool:
    stripped = line.strip()
    if CASE_LABEL.match(stripped):
        return True
    cases = find_case_numbers(stripped)
    return bool(cases) and len(stripped) <= sum(len(c.printed) for c in cases) + 12


def _looks_like_sentence(text: str) -> bool:
    return text.endswith(".") and len(text.split()) > 6


def _starts_text(line: str) -> bool:
    """Whether a line after a long title begins the text rather than wrapping the title.

    PDF-to-text often drops the blank line after a title. A wrapped title goes on with a
    fragment; a complete sentence ("Ärendet redovisas inte med hänvisning till sekretess.")
    or a line opening with a section's heading word ("Ärendet ...", "Bakgrund ...") is text.
    """
    words = line.strip().split()
    if not words:
        return False
    if words[0][0].isupper() and line.rstrip().endswith(".") and len(words) > 2:
        return True
    return section_kind(words[0].rstrip(":")) is not None


def _decision_block(sections: list[tuple[str, str, list[str]]], intro: str) -> tuple[str, str]:
    """The body's decision: a named decision section beats an administration's proposal, and
    "Förslag till beslut" is one ("Förvaltningen föreslår ..." before "Beslut: Nämnden
    beslutar i enlighet med förvaltningens förslag"). The body's own proposal to another body
    ("Kommunstyrelsens förslag till kommunfullmäktige") goes first, with what it decided "för
    egen del" after it: the matter goes on to that body."""
    ranked = []
    for order, (kind, heading, content) in enumerate(sections):
        text = _join(content)
        if not text:
            continue
        name = heading.lower().strip("*_#: \t")
        if kind == "decision" and not _PROPOSAL_ONLY.fullmatch(name):
            plain = name.endswith(("beslut", "beslut för egen del"))
            ranked.append((0 if plain else 1, order, heading, text))
        elif kind in ("decision", "decision_proposal"):
            ranked.append((2, order, heading, text))
    if not ranked:
        return "", intro
    rank, _, heading, text = min(ranked)
    owner = _proposer(heading, decided=True)
    onward = [r for r in ranked if r[0] == 1 and owner and _proposer(r[2]) == owner and not _to_itself(r[2], owner)]
    if rank == 0 and onward:
        _, _, proposal_heading, proposal = min(onward)
        return proposal_heading, proposal + "\n" + text
    proposals = [r for r in ranked if r[0] == 2]
    if rank == 0 and proposals and _AS_PROPOSED.search(text):
        # "Nämnden beslutar enligt förslaget": the proposal is what was decided, when it is
        # written as the body's own decision ("Nämnden lägger ... till handlingarna"), not as
        # the administration's advice ("Förvaltningen föreslår att nämnden beslutar ...").
        proposal = min(proposals)[3]
        if not _ADVICE.search(proposal):
            return heading, proposal + "\n" + text
    return heading, text


_AS_PROPOSED = re.compile(
    r"\b(?:enligt|i\s+enlighet\s+med)\s+(?:[\w\-]+s\s+)?förslag(?:et)?\b|"
    r"\bbifall(?:er|s)?\s+(?:till\s+)?(?:[\w\-]+s\s+)?förslag(?:et)?\b",
    re.I,
)
_ADVICE = re.compile(r"\bföreslår\s+att\b", re.I)


_PROPOSAL_ONLY = re.compile(r"förslag\s+till\s+beslut|beslutsförslag")
_ONWARD = re.compile(r"(?:(?P<owner>[\w\-]+s)\s+)?förslag\s+till\s+(?!beslut\b)\w+", re.I)


def _to_itself(heading: str, owner: str) -> bool:
    """"Kommunfullmäktiges förslag till kommunfullmäktige" proposes nothing onward."""
    addressee = re.search(r"förslag\s+till\s+(.+)$", heading.lower())
    ours, theirs = bodies.find_body(owner), bodies.find_body(addressee.group(1)) if addressee else None
    return ours is None or theirs is None or bodies.same_body(ours, theirs)


def _proposer(heading: str, decided: bool = False) -> str | None:
    """Whose proposal to another body a heading is ("kommunstyrelsens"; "" when it does not
    say), or with `decided` whose decision; None when it is neither."""
    name = heading.lower().strip("*_#: \t")
    if decided:
        m = re.fullmatch(r"(?:(?P<owner>[\w\-]+s)\s+)?beslut(?:\s+för\s+egen\s+del)?", name)
    else:
        m = _ONWARD.match(name)
    if m is None:
        return None
    return m.group("owner") or ""


def _join(lines: list[str]) -> str:
    """Lines of a block -> text: wrapped lines joined, blank lines kept as block breaks."""
    blocks: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(_unwrap(current))
            current = []
    if current:
        blocks.append(_unwrap(current))
    return "\n".join(blocks)


def _unwrap(lines: list[str]) -> str:
    """Join wrapped lines, but keep numbered or bulleted points and table rows apart."""
    out: list[str] = []
    for line in lines:
        if out and not re.match(r"^(?:\d{1,2}[.)]|[-•–*])\s", line) and "|" not in line and "|" not in out[-1]:
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return "\n".join(out)


def _join_blocks(blocks: list[str]) -> str:
    return "\n".join(b for b in blocks if b)


def _sentences(text: str) -> list[str]:
    return [s.strip() for block in text.split("\n") for s in SENTENCE_BREAK.split(block) if s.strip()]


# Each finder below looks sentence by sentence, but first at the whole text: a sentence is a
# stretch of it, so a text without a match has no sentence with one, and most paragraphs
# hold no motion, vote, reservation or jäv.


def _motions(text: str) -> tuple[Motion, ...]:
    if not _MOVES.search(text):
        return ()
    found: list[Motion] = []
    for sentence in _sentences(text):
        m = _MOVES.search(sentence)
        if not m:
            continue
        movers = list(_PERSON_PARTY.finditer(sentence[: m.start()]))
        what = sentence[m.start() :].strip()
        for mover in movers:
            found.append(Motion(mover.group("person").strip(), mover.group("party"), what))
        if not movers:
            group = re.search(r"(?:ledamöterna|ledamoten|gruppen)\s+för\s+(\w+)", sentence[: m.start()], re.I)
            if group:
                found.append(Motion(group.group(0), None, what))
    return tuple(found)


def _votes(text: str, vote_section: str) -> tuple[Vote, ...]:
    votes = []
    # Every count names its "nej" or its "röster": most texts hold neither, and skip the patterns.
    lowered = text.lower()
    counted = ("nej" in lowered or "röst" in lowered) and any(pattern.search(text) for pattern in _VOTE_COUNTS)
    sentences = _sentences(text) if counted else []
    for i, sentence in enumerate(sentences):
        for pattern in _VOTE_COUNTS:
            m = pattern.search(sentence)
            if m:
                abstain = m.group("abstain")
                if abstain is None and i + 1 < len(sentences):
                    abstain = _abstainers(sentences[i + 1])
                votes.append(Vote(int(m.group("yes")), int(m.group("no")), _count(abstain or 0), sentence))
                break
    if not votes and vote_section:
        # PDF text may run a table's rows into one line, its sum row last: "Ledamot Ja Nej
        # Avstår Anna Berg (S) X ... Summa 4 1 2".
        summed = _RUN_ON_SUM.search(vote_section)
        if summed and "|" not in vote_section:
            votes.append(Vote(*(int(n or 0) for n in summed.group("ja", "nej", "avstar")), " ".join(summed.group(0).split())))
    if not votes and vote_section:
        table = _table_vote(vote_section)
        if table is not None:
            votes.append(table)
        else:
            cells = [c.lower() for c in _VOTE_CELL.findall(vote_section)]
            if cells:
                votes.append(Vote(cells.count("ja"), cells.count("nej"), cells.count("avstår"), "omröstningslista"))
    unique = []
    for vote in votes:
        if all((v.yes, v.no, v.abstain) != (vote.yes, vote.no, vote.abstain) for v in unique):
            unique.append(vote)
    return tuple(unique)


def _abstainers(sentence: str) -> str | int | None:
    """How many abstained, said in the sentence after the count: "1 ledamot avstår.",
    "Roland Vik (SD) och Jan Strid (SD) avstår."."""
    after = _ABSTAIN_AFTER.match(sentence)
    if after:
        return after.group("abstain")
    named = _NAMED_ABSTAIN.match(sentence)
    if named:
        return len(_PERSON_PARTY.findall(named.group("names")))
    said = _said_ballots(sentence)
    return len(said) if said and all(b.choice == "avstår" for b in said) else None


def _count(value: str | int) -> int:
    """A count as digits or as a word ("en", "två")."""
    if isinstance(value, int):
        return value
    return int(value) if value.isdigit() else _NUMBER_WORDS.get(value.lower(), 0)


def _table_vote(section: str) -> Vote | None:
    """A vote table with Ja/Nej(/Avstår) columns: its sum row if it has one, else the column
    totals of its rows, an X counting one vote and a number (a party's row) that many."""
    lines = [line.strip() for line in section.split("\n") if "|" in line]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    at = next((i for i, row in enumerate(rows) if {"ja", "nej"} <= {cell.lower() for cell in row}), None)
    if at is None:
        return None
    names = [cell.lower() for cell in rows[at]]
    columns = [names.index(name) if name in names else None for name in ("ja", "nej", "avstår")]
    body = rows[at + 1 :]
    for line, row in zip(lines[at + 1 :], body, strict=True):
        if _SUM_ROW.match(row[0].strip("* ")):
            counts = [_cell_count(row, col, marks=False) for col in columns]
            return Vote(*counts, line)
    counts = [sum(_cell_count(row, col, marks=True) for row in body) for col in columns]
    return Vote(*counts, "omröstningslista") if any(counts) else None


_CHOICES = {"ja": "ja", "nej": "nej", "avstår": "avstår", "avstod": "avstår", "avstående": "avstår", "avst": "avstår"}
_MARK = re.compile(r"(?<!\w)(?:[xX✓✔]|ja|nej|avstår)(?!\w)", re.I)
# "Ja-röster (5):", "Nej:", "Ja för förvaltningens förslag:"
_LABEL = r"(?:-?röst(?:er|ade)?)?(?:\s+för\s+[^:.]{3,80}?)?\s*(?:\(\d+\))?\s*:"
_LISTED = re.compile(
    rf"(?<!\w)(?P<choice>{'|'.join(_CHOICES)}){_LABEL}\s*(?P<names>.*?)"
    rf"(?=(?<!\w)(?:{'|'.join(_CHOICES)}){_LABEL}|\.(?:\s|$)|$)",
    re.I,
)


_VOTED = r"(?:röstade|röstar)"
_ABSTAINED = r"(?P<abstain>avstod|avstår|avstar)(?:\s+från\s+att\s+rösta)?"
# The choice first, the names after: "Ja röstade Kim Kron (S) och Lo Lind (C).", "Nej röstade
# följande ledamöter: ...", "Avstod från att rösta gjorde Olof Orm (SD).".
_CHOICE_FIRST = re.compile(
    rf"^(?:(?P<choice>ja|nej)(?:-?röst(?:er)?)?\s+{_VOTED}|{_ABSTAINED}(?:\s+(?:gjorde|gör))?)"
    r"(?:\s+följande(?:\s+ledam(?:ot|öter|öterna))?)?\s*:?\s+(?P<names>.+)$",
    re.I,
)
# The names first: "Nils Norr (M) och Olof Orm (SD) röstade nej.", "Olof Orm (SD) avstod från
# att rösta."; the sentence ends there, as "X avstår från att delta i beslutet" is no vote.
_NAMES_FIRST = re.compile(
    rf"^(?P<names>.+?)\s+(?:{_VOTED}\s+(?P<choice>ja|nej)(?:\s+(?:till|för)\s+.*)?|{_ABSTAINED})\W*$", re.I
)
# Led by "följande" with a colon: "Följande ledamöter avstod från att rösta: ...".
_FOLLOWING = re.compile(
    rf"^följande(?:\s+ledam(?:ot|öter|öterna))?\s+(?:{_VOTED}\s+(?P<choice>ja|nej)|{_ABSTAINED})\s*:\s*(?P<names>.+)$", re.I
)
_VOTE_VERB = re.compile(rf"\b{_VOTED}|\bavst", re.I)
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*(?:(?:och|samt)\s+)?|\s+(?:och|samt)\s+|\s+[-–•]\s+")


def _listed_ballots(text: str) -> tuple[Ballot, ...]:
    """Members' votes listed by choice, each member once: "Ja: Anna Berg (S), Bo Ek (M)",
    "Ja-röster (5): ...", or in sentences (see `_said_ballots`)."""
    found = [
        Ballot(person, party, _CHOICES[listed.group("choice").lower()])
        for listed in _LISTED.finditer(text)
        for person, party in _named_list(listed.group("names"))
    ]
    if _VOTE_VERB.search(text):
        found += [ballot for sentence in _sentences(text) for ballot in _said_ballots(sentence)]
    unique: dict[str, Ballot] = {}
    for ballot in found:
        unique.setdefault(ballot.person, ballot)
    return tuple(unique.values())


def _said_ballots(sentence: str) -> tuple[Ballot, ...]:
    """Members' votes a sentence gives: "Ja röstade Kim Kron (S) och Lo Lind (C)." or "Kim Kron
    (S) och Lo Lind (C) röstade ja."; named first, the sentence must name no one but voters."""
    sentence = sentence.strip().rstrip(".")
    for pattern, whole in ((_CHOICE_FIRST, False), (_FOLLOWING, False), (_NAMES_FIRST, True)):
        m = pattern.match(sentence)
        if m:
            choice = "avstår" if m.group("abstain") else m.group("choice").lower()
            return tuple(Ballot(person, party, choice) for person, party in _named_list(m.group("names"), whole=whole))
    return ()


def _named_list(text: str, whole: bool = False) -> tuple[tuple[str, str | None], ...]:
    """The members a list names, split at commas, "och" and bullets, each with the party printed
    after them in brackets where there is one: "Kim Kron (S), Lo Lind (C, tjänstgörande
    ersättare) och Mats Moln". An item in lower case is a role ("ordförande"); the list ends at
    the first item that is no name, which with `whole` makes it no list of names at all."""
    named: list[tuple[str, str | None]] = []
    for item in _list_items(text):
        head, notes, rest = _bracketed(item.strip(" -–•*:"))
        if not re.fullmatch(_PERSON, head):
            if head and not head[:1].islower():
                return () if whole else tuple(named)
            continue
        parties = (note.split(",")[0].strip() for note in notes)
        named.append((head, next((p for p in parties if _PARTY_CELL.fullmatch(p)), None)))
        # What follows a name may be its role ("Lo Lind (C) tjänstgörande ersättare"), or, in a
        # list not closed by a full stop, the next sentence ("Lars Wiklund (M) Med 7 ja mot 3
        # nej"), where the list ends; where the names come first, only voters may be named.
        if rest and (whole or not rest[:1].islower()):
            return () if whole else tuple(named)
    return tuple(named)


def _list_items(text: str) -> list[str]:
    """`text` split at the separators outside brackets: "(C, ersättare)" is one note."""
    items, start = [], 0
    for sep in _LIST_SEPARATOR.finditer(text):
        if text.count("(", 0, sep.start()) == text.count(")", 0, sep.start()):
            items.append(text[start : sep.start()])
            start = sep.end()
    return [*items, text[start:]]


def _bracketed(item: str) -> tuple[str, list[str], str]:
    """An item's text before its first bracket, what each outermost pair of brackets holds,
    and the text outside them after the first: "Lo Lind (C) (ersättare för Bo Ek (C))" is
    "Lo Lind" with notes "C" and "ersättare för Bo Ek (C)", and nothing after. Single-spaced."""
    outside: list[str] = []
    notes: list[str] = []
    depth = 0
    head = None
    for char in item:
        if char == "(":
            depth += 1
            if depth == 1:
                head = "".join(outside) if head is None else head
                notes.append("")
                continue
        elif char == ")" and depth:
            depth -= 1
            if not depth:
                continue
        if depth:
            notes[-1] += char
        else:
            outside.append(char)
    text = "".join(outside)
    head = text if head is None else head
    return " ".join(head.split()), notes, " ".join(text[len(head) :].split())


_RUN_ON_SUM = re.compile(
    r"\bja\s+nej(?:\s+avst\w*)?\b.*?\bsumma\s+(?P<ja>\d{1,3})\s+(?P<nej>\d{1,3})(?:\s+(?P<avstar>\d{1,3}))?\b",
    re.I | re.S,
)
_SUM_LINE = re.compile(r"^\W*(?:summa|totalt|antal\s+röster)\b\D*(\d{1,3})\D+(\d{1,3})(?:\D+(\d{1,3}))?\D*$", re.I)


@dataclass(frozen=True)
class _RollCall:
    """The members' votes a paragraph gives by name, and what tells whether they can be trusted."""

    ballots: tuple[Ballot, ...] = ()
    listed: bool = False  # named in lists or sentences by choice, which may name one side only
    aligned: bool = False  # some from columns aligned by spaces, which PDF text may have lost
    total: tuple[int, int, int] | None = None  # the table's sum row


def _roll_call(sections: list[tuple[str, str, list[str]]], full_text: str) -> _RollCall:
    """The roll call of a paragraph's vote section; terse minutes with no such heading name the
    voters in the running text ("Omröstning begärs. Ja röstade ..."), where only lists count."""
    vote_lines = [ln for sec in sections if sec[0] == "vote" for ln in sec[2]]
    if vote_lines:
        return _ballots(vote_lines)
    return _RollCall(_listed_ballots(full_text.replace("\n", " ")), listed=True)


def _ballots(lines: list[str]) -> _RollCall:
    """Each member's vote where a roll call lists them: a table with Ja/Nej(/Avstår) columns,
    its cells split by "|" or aligned by spaces, a row per member marked with an X; or lists by
    choice, "Ja: Anna Berg (S), Bo Ek (M)", "Nej röstade Lina Kvist (S)"."""
    # Lists may wrap, even inside a name ("... och Agneta" / "Wikman (KD)."): read them from
    # the lines run together.
    listed = _listed_ballots(" ".join(line.strip() for line in lines))
    if listed:
        # Listed in sentences, which may wrap anywhere: no line of them is a table's row.
        return _RollCall(listed, listed=True)
    found: list[Ballot] = []
    columns: list[tuple[str, int, int]] = []  # (choice, start, end) in the header line
    piped: list[str] | None = None
    header = ""
    aligned = False
    total: tuple[int, int, int] | None = None
    for line in lines:
        summed = _SUM_LINE.match(line.replace("|", " "))
        if summed and columns:
            total = tuple(int(n or 0) for n in summed.groups())
            continue
        if _LISTED.match(line.strip()):
            continue
        raw = [c.strip() for c in line.strip().strip("|").split("|")] if "|" in line else None
        cells = [c.lower() for c in raw] if raw is not None else None
        words = {w.lower() for w in re.findall(r"[\wåäö]+", line)}
        if {"ja", "nej"} <= words and not _PERSON_PARTY.search(line):
            piped, header = cells, line
            columns = [(_CHOICES[m.group(0).lower()], m.start(), m.end())
                       for m in re.finditer(r"(?i)\b(?:ja|nej|avstår|avstod|avstående)\b", line)]
            continue
        person = _PERSON_PARTY.search(line)
        spaced = _spaced_member(line, header) if person is None and raw is None else None
        named = (person.group("person"), person.group("party")) if person else spaced[:2] if spaced else _named_in_cells(raw, piped)
        if not columns or not named:
            continue
        if piped is not None and cells is not None:
            marked = [piped[i] for i, cell in enumerate(cells) if i < len(piped) and piped[i] in _CHOICES and _MARK.fullmatch(cell)]
            choices = {_CHOICES[c] for c in marked}
        elif person is not None or spaced is not None:
            after = person.end() if person is not None else spaced[2]
            marks = [m for m in _MARK.finditer(line) if m.start() >= after]
            choices = {_nearest(columns, m) for m in marks}
            aligned = aligned or any(m.group(0).lower() not in _CHOICES for m in marks)
        else:
            continue
        if len(choices) == 1:
            found.append(Ballot(_single_spaced(named[0]), named[1], choices.pop()))
    return _RollCall(tuple(found), aligned=aligned, total=total)


_PARTY_CELL = re.compile(r"[A-ZÅÄÖ]{1,3}")


def _named_in_cells(raw: list[str] | None, header: list[str] | None) -> tuple[str, str] | None:
    """A member and party from a row whose table gives the party a column of its own
    ("Ledamot | Parti | Ja | Nej"), as a roll call in Word often does."""
    if raw is None or header is None or "parti" not in header:
        return None
    party_at = header.index("parti")
    name_at = next((i for i, cell in enumerate(header) if cell in ("ledamot", "ledamöter", "namn")), 0)
    # "Göran Viklund (tjänstgörande ersättare)": the member is who serves, whatever the role.
    name = _ROLE_AFTER.sub("", raw[name_at]) if max(party_at, name_at) < len(raw) else ""
    if not re.fullmatch(_PERSON, name):
        return None
    party = raw[party_at]
    return (name, party) if _PARTY_CELL.fullmatch(party) else None


_ROLE_AFTER = re.compile(r"\s*\([^()]*\)\s*$")
# A cell of a table aligned by spaces: words one space apart.
_SPACED_CELL = re.compile(r"\S+(?: \S+)*")


def _spaced_member(line: str, header: str) -> tuple[str, str, int] | None:
    """A member, party and where the party's cell ends, from a row of a table aligned by
    spaces with a column of its own for the party ("Olof Dahl      L      X" under
    "Ledamot      Parti      Ja"), as a PDF's roll call is when its columns are kept."""
    heads = {m.group(0).lower(): m.start() for m in _SPACED_CELL.finditer(header)}
    if "parti" not in heads:
        return None
    cells = list(_SPACED_CELL.finditer(line))
    if len(cells) < 2 or not re.fullmatch(_PERSON, _ROLE_AFTER.sub("", cells[0].group(0))):
        return None
    party = min(cells[1:], key=lambda c: abs(c.start() - heads["parti"]))
    if not _PARTY_CELL.fullmatch(party.group(0)):
        return None
    return _ROLE_AFTER.sub("", cells[0].group(0)), party.group(0), party.end()


def _nearest(columns: list[tuple[str, int, int]], mark: re.Match) -> str:
    """The column a mark stands under: a word names its own; an X, the nearest heading."""
    word = mark.group(0).lower()
    if word in _CHOICES:
        return _CHOICES[word]
    centre = (mark.start() + mark.end()) / 2
    return min(columns, key=lambda c: abs((c[1] + c[2]) / 2 - centre))[0]


def _with_ballots(votes: tuple[Vote, ...], roll: _RollCall) -> tuple[Vote, ...]:
    """The members' votes go with the one vote of the paragraph; with none counted, they are
    the count. They must add up to the count the minutes give (the sentence's or the sum
    row's), and an X placed by spaces alone is trusted only when they do: PDF text keeps the
    marks but not always their columns. Lists by choice often name one side only ("6 ja, 3
    nej. Nej röstade ..."): each side they name must then have as many votes as names."""
    if not votes and roll.total is not None:
        votes = (Vote(*roll.total, "omröstningslista"),)
    if not roll.ballots or len(votes) > 1:
        return votes
    choices = [b.choice for b in roll.ballots]
    tally = (choices.count("ja"), choices.count("nej"), choices.count("avstår"))
    if votes:
        vote = votes[0]
        if roll.listed and tally[2] and not vote.abstain and not re.search(_ABSTAINS, vote.text, re.I):
            # "3 ja, 2 nej. ... Avstod från att rösta gjorde X": a count silent on abstentions
            # leaves them to the names.
            vote = replace(vote, abstain=tally[2])
        counted = (vote.yes, vote.no, vote.abstain)
        agrees = all(t == c for t, c in zip(tally, counted, strict=True) if t) if roll.listed else tally == counted
        return (replace(vote, ballots=roll.ballots),) if agrees else votes
    # With no count, lists naming one side only do not tell how many voted the other way.
    if roll.aligned or roll.listed and not (tally[0] and tally[1]):
        return votes
    return (Vote(*tally, "omröstningslista", roll.ballots),)


def _cell_count(row: list[str], column: int | None, marks: bool) -> int:
    cell = row[column].strip("* ") if column is not None and column < len(row) else ""
    if cell.isdigit():
        return int(cell)
    return int(marks and cell.lower().startswith("x"))


def _reservations(section: str, text: str) -> tuple[str, ...]:
    found = [s for s in _sentences(section)] if section else []
    for sentence in _sentences(text) if _RESERVES.search(text) else []:
        if _RESERVES.search(sentence) and sentence not in found:
            found.append(sentence)
    return tuple(found)


def _notes(sections: list[str], text: str) -> tuple[str, ...]:
    """Protokollsanteckningar, särskilda yttranden and jäv: each statement once.

    A jäv is also looked for outside those sections, but the full text repeats the sections
    and their headings, so a sentence a section already holds, or a bare heading ("Jäv"),
    is no note of its own."""
    found = [note for note in sections if note]
    for sentence in _jav_sentences(text):
        kind = section_kind(sentence)
        statement = kind[1] if kind else sentence
        if statement and not any(_spaced(statement) in _spaced(note) for note in found):
            found.append(statement)
    return tuple(found)


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _jav_sentences(text: str) -> tuple[str, ...]:
    lowered = text.lower()
    if ("jäv" not in lowered and "deltar" not in lowered) or not _JAV.search(text):
        return ()
    return tuple(s for s in _sentences(text) if _JAV.search(s))


def _recipients(lines: list[str]) -> tuple[str, ...]:
    """Whom the decision is sent to: one per line, or separated by commas or "och". A line
    goes on from the one before when that ends in "och" or a hyphen ("Barn- och" /
    "utbildningsnämnden"); "Kultur- och fritidsnämnden" and "mark och exploatering" are one
    recipient each, "Motionären och kommunstyrelsen" two."""
    merged: list[str] = []
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if merged and (merged[-1].endswith("-") or merged[-1].endswith(" och")):
            merged[-1] += " " + line
        else:
            merged.append(line)
    parts: list[str] = []
    for part in re.split(r"[\n,;]", "\n".join(merged)):
        part = part.strip(" -•–*\t.")
        if not part:
            continue
        parts.append(part)
    out = []
    for part in parts:
        # "Motionären och kommunstyrelsen" are two; "mark och exploatering" is one unit.
        for piece in re.split(r"(?<!-)\s+och\s+(?=[A-ZÅÄÖ]|\w+(?:en|na|et)\b)", part):
            if piece and len(piece) <= 120:
                out.append(piece)
    return tuple(out)

